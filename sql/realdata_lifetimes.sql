-- Churn, retention, survival and cohorts on real data (../shared/data, or CX_DATA_DIR).
-- Expected figures: ../shared/data/README.md, and the oracle scripts test/oracle/churn.R,
-- test/oracle/survival.R (R survival::survfit) and test/oracle/cohorts.R, whose output is
-- quoted in the comments. Each figure is printed rounded to 10 decimals and checked against the
-- oracle with a relative tolerance of 1e-9.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS cx;
RESET client_min_messages;
SET extra_float_digits = 0;
SET DateStyle = 'ISO, YMD';

-- IBM telco customers, as published, into the table telco (the demo's loader).
\set ECHO none
\i demo/load/ibm_telco_churn.sql
\set ECHO all
SELECT count(*) FROM telco;

-- As lifetimes at the snapshot 2024-01-01 (README): started = snapshot - tenure months,
-- ended = 2023-12-17 where Churn = Yes; the period is the last month, [2023-12-01, 2024-01-01).
CREATE VIEW telco_lifetimes AS
SELECT "customerID", "Contract", "InternetService",
       (date '2024-01-01' - make_interval(months => tenure))::date AS started,
       CASE WHEN "Churn" = 'Yes' THEN date '2023-12-17' END AS ended
FROM telco;

-- All customers (README): at start 7,032, lost 1,869, churn 26.5784982935. R (churn.R):
-- retention 73.4215017065, 95% Wilson [25.5589995711, 27.6235725593].
SELECT customers_at_start(s), lost_customers(s), new_customers(s), customers_at_end(s),
       round(churn_rate(s)::numeric, 10) AS churn,
       round(retention_rate(s)::numeric, 10) AS retention,
       round(ci_lower(s)::numeric, 10) AS ci_lower, round(ci_upper(s)::numeric, 10) AS ci_upper,
       abs(churn_rate(s) - 26.5784982935) < 1e-9 * 26.5784982935 AS churn_ok,
       abs(ci_lower(s) - 25.5589995711) < 1e-9 * 25.5589995711
           AND abs(ci_upper(s) - 27.6235725593) < 1e-9 * 27.6235725593 AS interval_ok
FROM (SELECT retention_agg(started, ended, '2023-12-01', '2024-01-01') AS s
      FROM telco_lifetimes) x;

-- By contract (README): Month-to-month 42.7096774194 (1,655 of 3,875), One year
-- 11.2771739130 (166 of 1,472), Two year 2.8486646884 (48 of 1,685). Wilson intervals (churn.R):
-- [41.1601953237, 44.2735996380], [9.7610344145, 12.9948962320], [2.1552876730, 3.7565436774].
WITH expected(segment, expected_churn, lower, upper) AS (VALUES
    ('Month-to-month', 42.7096774194, 41.1601953237, 44.2735996380),
    ('One year', 11.2771739130, 9.7610344145, 12.9948962320),
    ('Two year', 2.8486646884, 2.1552876730, 3.7565436774)),
figures AS (
    SELECT "Contract" AS segment,
           retention_agg(started, ended, '2023-12-01', '2024-01-01') AS s,
           churn_rate(started, ended, '2023-12-01', '2024-01-01') AS churn,
           retention_rate(started, ended, '2023-12-01', '2024-01-01') AS retention
    FROM telco_lifetimes GROUP BY 1)
SELECT segment, lost_customers(s) AS lost, customers_at_start(s) AS at_start,
       round(churn::numeric, 10) AS churn, round(retention::numeric, 10) AS retention,
       abs(churn - expected_churn) < 1e-9 * expected_churn AS churn_ok,
       abs(churn + retention - 100) < 1e-12 AS adds_up,
       abs(ci_lower(s) - e.lower) < 1e-9 * e.lower AND abs(ci_upper(s) - e.upper) < 1e-9 * e.upper
           AS interval_ok
FROM figures JOIN expected e USING (segment) ORDER BY segment;

-- By internet service (churn.R): DSL 18.9983443709 (459 of 2,416), Fiber optic 41.8927648579
-- (1,297 of 3,096), No 7.4342105263 (113 of 1,520).
WITH expected(segment, churn) AS (VALUES
    ('DSL', 18.9983443709), ('Fiber optic', 41.8927648579), ('No', 7.4342105263)),
figures AS (
    SELECT "InternetService" AS segment,
           retention_agg(started, ended, '2023-12-01', '2024-01-01') AS s
    FROM telco_lifetimes GROUP BY 1)
SELECT segment, lost_customers(s) AS lost, customers_at_start(s) AS at_start,
       round(churn_rate(s)::numeric, 10) AS churn,
       round(retention_rate(s)::numeric, 10) AS retention,
       abs(churn_rate(s) - e.churn) < 1e-9 * e.churn AS churn_ok
FROM figures JOIN expected e USING (segment) ORDER BY segment;

-- The segments roll up to the whole, and so do the counts-only formulas: the classic
-- (E - N) / S does not apply here (the 11 new customers of the snapshot start outside the
-- period), but churn from the counts does.
SELECT rollup(s) = (SELECT retention_agg(started, ended, '2023-12-01', '2024-01-01')
                    FROM telco_lifetimes) AS rollup_equals_whole,
       round(churn_rate(sum(customers_at_start(s)), sum(lost_customers(s)))::numeric, 10)
           AS churn_from_counts
FROM (SELECT retention_agg(started, ended, '2023-12-01', '2024-01-01') AS s
      FROM telco_lifetimes GROUP BY "Contract") x;

-- The same as timestamptz lifetimes in the session's time zone give the same churn.
SET TimeZone = 'Europe/Berlin';
SELECT round(churn_rate(started::timestamptz, ended::timestamptz,
                        timestamptz '2023-12-01', timestamptz '2024-01-01')::numeric, 10) AS churn
FROM telco_lifetimes;
RESET TimeZone;

-- Survival with tenure (months) as the duration and Churn = Yes as the event, checked against
-- R's survfit (test/oracle/survival.R):
--                   S(1)           S(12)          S(24)          S(72)          median
--   all             94.5961319681  84.3199553816  78.8736398371  59.2790152052  NA
--   Month-to-month  90.1935483871  70.3096636349  58.5915473905  12.8951900614  35
--   One year        100            99.0808204075  97.8272376428  56.8145682029  NA
--   Two year        100            100            100            93.5738580647  NA
-- README: 84.31995538 % after 12 months; Month-to-month median 35; the others never reach one half.
CREATE TABLE telco_survival AS
SELECT "Contract" AS segment, survival_agg(tenure, "Churn" = 'Yes') AS s
FROM telco GROUP BY 1
UNION ALL
SELECT 'all', survival_agg(tenure, "Churn" = 'Yes') FROM telco;
WITH expected(segment, t, survival) AS (VALUES
    ('all', 1, 94.5961319681), ('all', 12, 84.3199553816), ('all', 24, 78.8736398371),
    ('all', 72, 59.2790152052),
    ('Month-to-month', 1, 90.1935483871), ('Month-to-month', 12, 70.3096636349),
    ('Month-to-month', 24, 58.5915473905), ('Month-to-month', 72, 12.8951900614),
    ('One year', 1, 100), ('One year', 12, 99.0808204075), ('One year', 24, 97.8272376428),
    ('One year', 72, 56.8145682029),
    ('Two year', 1, 100), ('Two year', 12, 100), ('Two year', 24, 100),
    ('Two year', 72, 93.5738580647))
SELECT segment, t, round(survival_at(s, t)::numeric, 10) AS survival,
       abs(survival_at(s, t) - e.survival) < 1e-9 * e.survival AS matches_r
FROM telco_survival JOIN expected e USING (segment) ORDER BY segment, t;
SELECT segment, lifetimes(s), median_lifetime(s) FROM telco_survival ORDER BY segment;
-- The contracts roll up to all customers.
SELECT rollup(s) = (SELECT s FROM telco_survival WHERE segment = 'all') AS rollup_equals_whole
FROM telco_survival WHERE segment <> 'all';

-- CDNOW purchases into the table cdnow (the demo's loader copes with the CRLF line ends, the
-- leading spaces and the header line, and keeps the ids' leading zeros).
\set ECHO none
\i demo/load/cdnow.sql
\set ECHO all
SELECT count(*) AS purchases, count(DISTINCT customer_id) AS customers FROM cdnow;

-- Monthly cohorts (README): 1997-01 has 7,846 customers, 1997-02 8,476, 1997-03 7,248; of the
-- 1997-01 cohort 1,157 bought again one month later, 14.7463675758 %. Every row below equals
-- the output of test/oracle/cohorts.R, which also gives k up to 1998-06 (the last month): 17
-- for the 1997-01 cohort, 16 and 15 for the others.
CREATE TABLE cohorts AS
SELECT * FROM cohort_retention('SELECT customer_id, purchased_on FROM cdnow', 'month');
SELECT cohort, k, cohort_size, active_customers, round(retention_percent::numeric, 10) AS percent
FROM cohorts ORDER BY cohort, k;
SELECT abs(retention_percent - 14.7463675758) < 1e-9 * 14.7463675758 AS k1_matches_readme
FROM cohorts WHERE cohort = '1997-01-01' AND k = 1;

-- The same purchases as timestamptz at noon in the session's time zone, by quarter: the
-- cohorts are the first quarter of 1997, all 23,570 customers. By the monthly rows above, the
-- quarter k = 0 holds everyone.
SET TimeZone = 'Asia/Tokyo';
SELECT cohort, k, cohort_size, active_customers
FROM cohort_retention($$SELECT customer_id, purchased_on + time '12:00' FROM cdnow$$, 'quarter')
WHERE k <= 1;
RESET TimeZone;
