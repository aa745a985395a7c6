#!/usr/bin/env Rscript
# Compares cx's Kaplan-Meier figures (a CSV of group, month, survival_at, median_lifetime written
# by check-survival) with R's survfit on ibm_telco_churn: tenure in months as the duration,
# Churn = "Yes" as the event, per contract and for all customers, at every month 0..72.
# Usage: Rscript check_survival.R TELCO_CSV CX_CSV
suppressMessages(library(survival))

args <- commandArgs(trailingOnly = TRUE)
telco <- read.csv(args[1])
telco$event <- telco$Churn == "Yes"
cx <- read.csv(args[2], header = FALSE,
               col.names = c("group", "month", "survival", "median"))

passed <- 0
failed <- 0
check <- function(label, actual, expected) {
    ok <- if (is.na(expected)) is.na(actual) else
        !is.na(actual) && abs(actual - expected) <= max(1e-9, 1e-9 * abs(expected))
    if (ok) passed <<- passed + 1 else {
        failed <<- failed + 1
        cat(sprintf("not ok - %s: cx %s, R %s\n", label, format(actual), format(expected)))
    }
}

groups <- c("all", sort(unique(telco$Contract)))
for (group in groups) {
    rows <- if (group == "all") telco else telco[telco$Contract == group, ]
    fit <- survfit(Surv(tenure, event) ~ 1, data = rows)
    at <- summary(fit, times = 0:72, extend = TRUE)
    mine <- cx[cx$group == group, ]
    if (nrow(mine) != 73) {
        failed <- failed + 1
        cat(sprintf("not ok - %s: cx gave %d months, not 73\n", group, nrow(mine)))
        next
    }
    for (i in seq_along(at$time))
        check(sprintf("%s at %d months", group, at$time[i]),
              mine$survival[mine$month == at$time[i]], 100 * at$surv[i])
    # survfit prints the middle of a flat stretch at exactly 50 %; there is none in this data,
    # so its median is the smallest duration with survival <= 50 %, as median_lifetime's is.
    check(sprintf("%s median", group), mine$median[1], unname(summary(fit)$table["median"]))
}
cat(sprintf("survival: %d passed, %d failed\n", passed, failed))
quit(status = if (failed == 0) 0 else 1)
