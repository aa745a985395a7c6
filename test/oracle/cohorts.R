#!/usr/bin/env Rscript
# Expected monthly cohort retention of cdnow for sql/realdata_lifetimes.sql, counted in base R:
# a customer's cohort is the calendar month of their first purchase; k is the number of months
# from it; the figure is the share of the cohort that bought in month k.
# Run: Rscript test/oracle/cohorts.R
data_dir <- Sys.getenv("CX_DATA_DIR", "../shared/data")  # from the repository root
cdnow <- read.table(file.path(data_dir, "cdnow", "CDNOW_master.txt"), header = TRUE,
                    colClasses = c("character", "character", "numeric", "numeric"))
names(cdnow) <- c("customer", "date", "cds", "dollars")

month_index <- function(yyyymmdd) {
    as.integer(substr(yyyymmdd, 1, 4)) * 12 + as.integer(substr(yyyymmdd, 5, 6)) - 1
}
cdnow$month <- month_index(cdnow$date)
first <- tapply(cdnow$month, cdnow$customer, min)
cdnow$cohort <- first[cdnow$customer]
active <- unique(cdnow[, c("customer", "cohort", "month")])
last <- max(cdnow$month)

for (cohort in sort(unique(first))) {
    size <- sum(first == cohort)
    for (k in 0:(last - cohort)) {
        n <- sum(active$cohort == cohort & active$month == cohort + k)
        cat(sprintf("%d-%02d %2d %5d %5d %.10f\n", cohort %/% 12, cohort %% 12 + 1, k, size, n,
                    100 * n / size))
    }
}

# Quarterly cohorts: every customer of this file first bought in 1997 Q1.
cdnow$quarter <- cdnow$month %/% 3
first_quarter <- tapply(cdnow$quarter, cdnow$customer, min)
active_q <- unique(data.frame(customer = cdnow$customer, quarter = cdnow$quarter))
for (q in sort(unique(first_quarter))) {
    size <- sum(first_quarter == q)
    for (k in 0:1) {
        n <- sum(first_quarter[active_q$customer] == q & active_q$quarter == q + k)
        cat(sprintf("quarter %d-Q%d k %d size %5d active %5d\n", q %/% 4, q %% 4 + 1, k, size, n))
    }
}
