-- cx's survival figures for check_survival.R: group, month, survival_at, median_lifetime.
\pset format csv
\pset tuples_only on
WITH curves AS (
    SELECT coalesce("Contract", 'all') AS grp, survival_agg(tenure, "Churn" = 'Yes') AS s
    FROM telco GROUP BY GROUPING SETS (("Contract"), ())
)
SELECT grp, m, survival_at(s, m), median_lifetime(s)
FROM curves, generate_series(0, 72) m
ORDER BY grp, m;
