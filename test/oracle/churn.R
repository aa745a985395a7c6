#!/usr/bin/env Rscript
# Expected churn figures for sql/realdata_lifetimes.sql, counted directly in R:
# ibm_telco_churn as lifetimes at the snapshot 2024-01-01 (data/README.md), period
# [2023-12-01, 2024-01-01). A customer with tenure >= 1 month started on or before 2023-12-01
# and is at the start; one with Churn = "Yes" left on 2023-12-17, within the period. Customers
# with tenure 0 start on the snapshot, outside the period. Also the 95 % Wilson interval of each
# churn rate (prop.test without continuity correction gives the Wilson score interval).
# Run: Rscript test/oracle/churn.R
data_dir <- Sys.getenv("CX_DATA_DIR", "../shared/data")  # from the repository root
telco <- read.csv(file.path(data_dir, "ibm_telco_churn", "Telco-Customer-Churn.csv"))
at_start <- telco[telco$tenure >= 1, ]

# Prints the churn and retention rates and the churn interval of one group.
report <- function(label, rows) {
    s <- nrow(rows)
    lost <- sum(rows$Churn == "Yes")
    ci <- prop.test(lost, s, correct = FALSE)$conf.int
    cat(sprintf("%-16s S %4d lost %4d churn %.10f retention %.10f ci [%.10f, %.10f]\n", label,
                s, lost, 100 * lost / s, 100 * (s - lost) / s, 100 * ci[1], 100 * ci[2]))
}

report("all", at_start)
for (column in c("Contract", "InternetService"))
    for (value in sort(unique(at_start[[column]])))
        report(value, at_start[at_start[[column]] == value, ])
