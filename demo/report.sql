-- The cx demo report: NPS and CSAT by segment, churn, survival and cohort retention, computed
-- inside PostgreSQL.
--
-- Run it with psql in a database where CREATE EXTENSION cx has been run and the tables have
-- been loaded (demo/load/*.sql, or demo/load/synthetic.sql for a generated sample):
--     psql -X -f demo/report.sql
-- Every query stands alone: copy one into any SQL client. The lines starting with a backslash
-- are psql headings only.
--
-- Conventions: NPS in points (-100..100) from 0-10 answers; CSAT is the percent of answers of
-- 4 or 5 on a 1-5 scale; n counts the answers; the 95 % interval is Wald for NPS and Wilson
-- for CSAT. NULL answers are ignored. Churn, retention and survival are percents of
-- customers, with a Wilson interval for churn. round() needs numeric: round(x::numeric, 1).

\if :{?data_label}
\else
\set data_label ''
\endif

\echo
\echo '== NPS by region, by business unit and overall (nps_testdata, answer REC)' :data_label
\echo

SELECT CASE level
           WHEN 1 THEN 'region'
           WHEN 2 THEN 'business unit'
           ELSE 'all answers'
       END AS segment_by,
       coalesce(region, bu, 'total') AS segment,
       responses(s) AS n,
       detractors(s) AS detractors,
       passives(s) AS passives,
       promoters(s) AS promoters,
       round(nps(s)::numeric, 1) AS nps,
       round(ci_lower(s)::numeric, 1) AS ci95_lower,
       round(ci_upper(s)::numeric, 1) AS ci95_upper
FROM (
    -- level: 1 for the rows by region, 2 by business unit, 3 for the total.
    SELECT grouping(region, bu) AS level, region, bu, nps_agg(rec) AS s
    FROM nps_testdata
    GROUP BY GROUPING SETS ((region), (bu), ())
) AS segments
ORDER BY level, responses(s) DESC, segment;

\echo
\echo '== CSAT by customer state, ten states with most reviews and all (Olist)' :data_label
\echo

WITH by_state AS (
    -- One CSAT summary per state: reviews joined to their order and the order's customer.
    SELECT c.customer_state AS state, csat_agg(r.review_score) AS s
    FROM olist_order_reviews AS r
    JOIN olist_orders AS o USING (order_id)
    JOIN olist_customers AS c USING (customer_id)
    GROUP BY c.customer_state
), shown AS (
    (SELECT 1 AS part, state, s FROM by_state ORDER BY responses(s) DESC, state LIMIT 10)
    UNION ALL
    -- The total merges the summaries of every state, not only of the ten shown.
    SELECT 2, 'all states', rollup(s) FROM by_state
)
SELECT state,
       responses(s) AS n,
       score_count(s, 4) + score_count(s, 5) AS satisfied,
       round(csat(s)::numeric, 1) AS csat,
       round(ci_lower(s)::numeric, 1) AS ci95_lower,
       round(ci_upper(s)::numeric, 1) AS ci95_upper
FROM shown
ORDER BY part, responses(s) DESC, state;

\echo
\echo '== CSAT per contact channel (dplyover_csat; an empty answer means no contact)' :data_label
\echo

SELECT channel,
       responses(s) AS n,
       score_count(s, 4) + score_count(s, 5) AS satisfied,
       round(csat(s)::numeric, 1) AS csat,
       round(ci_lower(s)::numeric, 1) AS ci95_lower,
       round(ci_upper(s)::numeric, 1) AS ci95_upper
FROM (
    -- One row per customer and channel, then a CSAT summary per channel.
    SELECT ch.position, ch.channel, csat_agg(ch.score) AS s
    FROM dplyover_csat AS d
    CROSS JOIN LATERAL (VALUES
        (1, 'postal', d.item2b),
        (2, 'phone', d.item3b),
        (3, 'email', d.item4b),
        (4, 'website', d.item5b),
        (5, 'shop', d.item6b),
        (6, 'overall (item1)', d.item1)
    ) AS ch (position, channel, score)
    GROUP BY ch.position, ch.channel
) AS channels
ORDER BY position;

\echo
\echo '== Moments of truth: each channel against the rest of the journey' :data_label
\echo '   per customer type and for all customers (pooled two-proportion z test, p-values'
\echo '   Holm-adjusted over the channels of a segment). The test assumes independent answers;'
\echo '   here one customer rates several channels, so read the flags as pointers: see'
\echo '   docs/moments-of-truth.md.'
\echo

WITH answers AS (
    -- One row per answer: customer type, channel, 1-5 score (NULL = no contact).
    SELECT d.type, ch.position, ch.channel, ch.score
    FROM dplyover_csat AS d
    CROSS JOIN LATERAL (VALUES
        (1, 'postal', d.item2b),
        (2, 'phone', d.item3b),
        (3, 'email', d.item4b),
        (4, 'website', d.item5b),
        (5, 'shop', d.item6b)
    ) AS ch (position, channel, score)
), touchpoints AS (
    -- A summary per segment and channel; the grouping set (channel) is the "all customers"
    -- segment.
    SELECT coalesce(type, 'all customers') AS segment, position, channel, csat_agg(score) AS s
    FROM answers
    GROUP BY GROUPING SETS ((type, position, channel), (position, channel))
), against_rest AS (
    -- The rest of the journey: the segment's rollup minus this channel.
    SELECT *, rollup(s) OVER (PARTITION BY segment) - s AS rest
    FROM touchpoints
), tested AS (
    SELECT a.segment, a.position, a.channel, a.s, a.rest, c.difference, c.p_value
    FROM against_rest AS a
    CROSS JOIN LATERAL compare(a.s, a.rest) AS c
), ranked AS (
    -- m: the number of tests in the segment; k: the rank of this p-value among them (a NULL
    -- p-value, from answers without any variation, is no test: it is not counted and sorts
    -- last).
    SELECT *,
           count(p_value) OVER (PARTITION BY segment) AS m,
           row_number() OVER (PARTITION BY segment ORDER BY p_value) AS k
    FROM tested
), adjusted AS (
    -- Holm: the k-th smallest p-value times m - k + 1, made non-decreasing by a running
    -- maximum and capped at 1.
    SELECT *,
           CASE WHEN p_value IS NOT NULL THEN
               least(1, max((m - k + 1) * p_value) OVER (PARTITION BY segment ORDER BY k))
           END AS p_holm
    FROM ranked
)
SELECT segment,
       channel,
       responses(s) AS n,
       round(csat(s)::numeric, 1) AS csat,
       round(csat(rest)::numeric, 1) AS rest_csat,
       round(difference::numeric, 1) AS difference,
       round(p_value::numeric, 3) AS p_value,
       round(p_holm::numeric, 3) AS p_holm,
       CASE
           WHEN p_holm < 0.05 AND difference < 0 THEN 'worse'
           WHEN p_holm < 0.05 AND difference > 0 THEN 'better'
           ELSE 'no clear difference'
       END AS verdict
FROM adjusted
ORDER BY segment = 'all customers' DESC, segment, position;

\echo
\echo '== Churn and retention in December 2023 by contract, internet service, overall' :data_label
\echo '   (ibm_telco_churn read as lifetimes at its snapshot, 2024-01-01; churn = lost / at start;'
\echo '   the 95 % interval is Wilson, of the churn rate; customers of tenure 0 start on the'
\echo '   snapshot, after the period, and are not counted)'
\echo

WITH lifetimes AS (
    -- The file is one snapshot, taken on 2024-01-01: each customer started tenure months before
    -- it, and Churn = 'Yes' means the customer left during the last month (dated 2023-12-17;
    -- any day from 2023-12-02 to 2023-12-31 gives the same figures). ended is NULL while still
    -- a customer.
    SELECT "Contract" AS contract,
           "InternetService" AS internet_service,
           (date '2024-01-01' - make_interval(months => tenure))::date AS started,
           CASE WHEN "Churn" = 'Yes' THEN date '2023-12-17' END AS ended
    FROM telco
), segments AS (
    -- level: 1 for the rows by contract, 2 by internet service, 3 for the total. The period is
    -- December 2023, [2023-12-01, 2024-01-01).
    SELECT grouping(contract, internet_service) AS level, contract, internet_service,
           retention_agg(started, ended, date '2023-12-01', date '2024-01-01') AS s
    FROM lifetimes
    GROUP BY GROUPING SETS ((contract), (internet_service), ())
)
SELECT CASE level
           WHEN 1 THEN 'contract'
           WHEN 2 THEN 'internet service'
           ELSE 'all customers'
       END AS segment_by,
       coalesce(contract, internet_service, 'total') AS segment,
       customers_at_start(s) AS at_start,
       lost_customers(s) AS lost,
       round(churn_rate(s)::numeric, 1) AS churn,
       round(retention_rate(s)::numeric, 1) AS retention,
       round(ci_lower(s)::numeric, 1) AS ci95_lower,
       round(ci_upper(s)::numeric, 1) AS ci95_upper
FROM segments
ORDER BY level, segment;

\echo
\echo '== Survival by contract: percent still customers after m months, median lifetime' :data_label
\echo '   in months (Kaplan-Meier from ibm_telco_churn: tenure is the time as a customer, Churn ='
\echo '   Yes that the customer left; "not reached" while more than half are still customers)'
\echo

WITH curves AS (
    -- One survival curve per contract, and one for all customers (level 1). A customer with
    -- Churn = 'No' is still a customer after tenure months: a censored lifetime.
    SELECT grouping("Contract") AS level,
           coalesce("Contract", 'all customers') AS contract,
           survival_agg(tenure, "Churn" = 'Yes') AS s
    FROM telco
    GROUP BY GROUPING SETS (("Contract"), ())
)
SELECT contract,
       lifetimes(s) AS customers,
       round(survival_at(s, 1)::numeric, 1) AS m1,
       round(survival_at(s, 6)::numeric, 1) AS m6,
       round(survival_at(s, 12)::numeric, 1) AS m12,
       round(survival_at(s, 24)::numeric, 1) AS m24,
       round(survival_at(s, 48)::numeric, 1) AS m48,
       round(survival_at(s, 72)::numeric, 1) AS m72,
       coalesce(median_lifetime(s)::text, 'not reached') AS median_months
FROM curves
ORDER BY level, contract;

\echo
\echo '== Monthly cohorts of CDNOW buyers: percent of a cohort who buy in month mk' :data_label
\echo '   (cohort = the month of the first purchase; mk is k months later, so m0, the first'
\echo '   month, is 100; cdnow holds the customers who first bought in January to March 1997)'
\echo

SELECT to_char(cohort, 'YYYY-MM') AS cohort,
       cohort_size AS customers,
       round(max(retention_percent) FILTER (WHERE k = 0)::numeric, 1) AS m0,
       round(max(retention_percent) FILTER (WHERE k = 1)::numeric, 1) AS m1,
       round(max(retention_percent) FILTER (WHERE k = 2)::numeric, 1) AS m2,
       round(max(retention_percent) FILTER (WHERE k = 3)::numeric, 1) AS m3,
       round(max(retention_percent) FILTER (WHERE k = 4)::numeric, 1) AS m4,
       round(max(retention_percent) FILTER (WHERE k = 5)::numeric, 1) AS m5,
       round(max(retention_percent) FILTER (WHERE k = 6)::numeric, 1) AS m6
FROM cohort_retention($$SELECT customer_id, purchased_on FROM cdnow$$, 'month')
GROUP BY cohort, cohort_size
ORDER BY cohort;
