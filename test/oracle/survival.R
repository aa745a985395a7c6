#!/usr/bin/env Rscript
# Expected Kaplan-Meier figures for sql/realdata_lifetimes.sql, from R's survival package
# (Debian r-cran-survival): ibm_telco_churn with tenure (months) as the duration and
# Churn = "Yes" as the event. Run: Rscript test/oracle/survival.R
suppressMessages(library(survival))

data_dir <- Sys.getenv("CX_DATA_DIR", "../shared/data")  # from the repository root
telco <- read.csv(file.path(data_dir, "ibm_telco_churn", "Telco-Customer-Churn.csv"))
telco$event <- telco$Churn == "Yes"

# Survival in percent after each duration of interest, and the median, of one group.
report <- function(label, rows) {
    fit <- survfit(Surv(tenure, event) ~ 1, data = rows)
    at <- summary(fit, times = c(0, 1, 12, 24, 72), extend = TRUE)
    median <- unname(summary(fit)$table["median"])
    cat(sprintf("%-16s n %4d", label, nrow(rows)))
    for (i in seq_along(at$time))
        cat(sprintf("  S(%g) %.10f", at$time[i], 100 * at$surv[i]))
    cat(sprintf("  median %s\n", format(median)))
}

report("all", telco)
for (contract in sort(unique(telco$Contract)))
    report(contract, telco[telco$Contract == contract, ])
