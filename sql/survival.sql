-- Kaplan-Meier survival summaries. Expected figures are worked out by hand in the comments;
-- the real-data check against R's survfit is in realdata_lifetimes.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS cx;
RESET client_min_messages;
SET extra_float_digits = 0;

-- Six customers: durations 1 (left), 1 (left), 2 (left), 2 (still a customer), 3 (left),
-- 5 (still a customer).
CREATE TABLE km_six (customer text, duration double precision, event boolean);
INSERT INTO km_six VALUES ('a', 1, true), ('b', 1, true), ('c', 2, true), ('d', 2, false),
                       ('e', 3, true), ('f', 5, false);
SELECT survival_agg(duration, event) FROM km_six;

-- By hand: before 1, 100 %. At 1, 2 of the 6 at risk leave: 4/6 = 66.66666667 %. At 2 the 4
-- customers with durations 2, 2, 3, 5 are at risk (the one censored at 2 too: events come
-- before censorings) and 1 leaves: 4/6 * 3/4 = 50 %. At 3, 2 at risk, 1 leaves: 25 %. The
-- censoring at 5 changes nothing. The curve is a right-continuous step: S(1) already includes
-- the drop at 1, S(0.999) does not, and S(2.5) is S(2).
SELECT t, round(survival_at(s, t)::numeric, 10) AS survival
FROM (SELECT survival_agg(duration, event) AS s FROM km_six) x,
     unnest(ARRAY[-1, 0, 0.999, 1, 1.5, 2, 2.5, 3, 4, 5, 100]::float8[]) t;

-- The median is the smallest duration where survival is at most 50 %: 2. (R's survfit prints
-- 2.5 here, the middle of the flat stretch at exactly 50 % from 2 to 3; see docs/lifetimes.md.)
SELECT median_lifetime(s), lifetimes(s)
FROM (SELECT survival_agg(duration, event) AS s FROM km_six) x;

-- Survival that never falls to one half: durations 1 (left), 2, 3, 4 (still customers):
-- S = 3/4 = 75 % from 1 on; no median.
SELECT survival_at(s, 10) AS survival, median_lifetime(s) AS median
FROM (SELECT survival_agg(d, d = 1) AS s FROM unnest(ARRAY[1, 2, 3, 4]::float8[]) d) x;

-- Everyone leaves at once: 3 customers at 3 -> 0 % from 3, median 3.
SELECT survival_at(s, 2.9) AS before, survival_at(s, 3) AS at, median_lifetime(s) AS median
FROM (SELECT survival_agg(3, true) AS s FROM generate_series(1, 3)) x;

-- Nobody leaves: 100 % everywhere, no median.
SELECT survival_at(s, 1000) AS survival, median_lifetime(s) AS median
FROM (SELECT survival_agg(g, false) AS s FROM generate_series(1, 5) g) x;

-- Survival crossing one half strictly between event times: durations 1..4 all leaving, and 5,
-- 6 censored: S(1) = 5/6, S(2) = 5/6 * 4/5 = 4/6, S(3) = 3/6 = 50 %, so the median is 3. With
-- a seventh customer censored at 10, S(3) = 4/7 (above), S(4) = 3/7 (below): the median is 4.
SELECT median_lifetime(survival_agg(d, d <= 4)) AS median_6,
       (SELECT median_lifetime(survival_agg(d, d <= 4))
        FROM unnest(ARRAY[1, 2, 3, 4, 5, 6, 10]::float8[]) d) AS median_7
FROM unnest(ARRAY[1, 2, 3, 4, 5, 6]::float8[]) d;

-- No rows, or rows with a NULL duration or event only: an empty summary, NULL figures.
SELECT s, survival_at(s, 1), median_lifetime(s), lifetimes(s)
FROM (SELECT survival_agg(duration, event) AS s FROM km_six WHERE false) x;
SELECT survival_agg(d, e)
FROM (VALUES (NULL::float8, true), (1, NULL::boolean)) v(d, e);
-- A NULL among real rows is ignored.
SELECT survival_agg(d, e)
FROM (VALUES (NULL::float8, true), (2, false), (1, NULL::boolean), (1, true)) v(d, e);

-- Durations 0 and -0 are one duration; fractional and extreme durations print exactly.
SELECT survival_agg(d, true) FROM unnest(ARRAY[0, '-0', 0.1, 1e-300, 1e300]::float8[]) d;
SELECT s::text::survival_summary = s AS exact
FROM (SELECT survival_agg(d, true) AS s
      FROM unnest(ARRAY[0.1, 1.0 / 3, 2.0 / 3, 1e-300, 1e300, 12345.678901234567]::float8[]) d) x;

-- Text input: spaces around entries are allowed; the stored form lists them sorted.
SELECT '  v1   1:2/0 2:1/1  '::survival_summary, 'v1'::survival_summary;

-- Segments: rollup() of per-segment summaries equals the summary of all rows.
SELECT rollup(s) = (SELECT survival_agg(duration, event) FROM km_six) AS rollup_equals_whole,
       rollup(s)
FROM (SELECT survival_agg(duration, event) AS s FROM km_six GROUP BY customer < 'c') x;
SELECT rollup(s) FROM (SELECT 'v1'::survival_summary AS s WHERE false) x;

-- Many rows: 100,000 lifetimes with 1,000 distinct durations, fed in three orders, so that the
-- aggregate's state sorts its tail in and grows many times. Each order gives the same summary;
-- it counts every row; its text and binary forms round-trip.
CREATE TABLE km_many AS
SELECT g, (g * 7919 % 1000) / 10.0 AS duration, g % 3 = 0 AS event
FROM generate_series(1, 100000) g;
CREATE TABLE km_summaries AS
SELECT 'ascending' AS how, survival_agg(duration, event ORDER BY duration) AS s FROM km_many
UNION ALL
SELECT 'descending', survival_agg(duration, event ORDER BY duration DESC) FROM km_many
UNION ALL
SELECT 'scattered', survival_agg(duration, event ORDER BY g) FROM km_many
UNION ALL
SELECT 'rollup', rollup(s) FROM (SELECT survival_agg(duration, event) AS s
                                 FROM km_many GROUP BY g % 17) x;
SELECT how, lifetimes(s), s = (SELECT s FROM km_summaries WHERE how = 'scattered') AS same,
       s::text::survival_summary = s AS text_round_trip
FROM km_summaries ORDER BY how;
-- Hashing: DISTINCT, GROUP BY and UNION see one summary.
SET enable_sort = off;
SELECT count(*) FROM (SELECT DISTINCT s FROM km_summaries) d;
SELECT count(*) FROM (SELECT s FROM km_summaries GROUP BY s) g;
RESET enable_sort;
SELECT count(*) FROM (SELECT s FROM km_summaries UNION SELECT s FROM km_summaries) u;
-- Distinct durations all different: every row is a duration of its own.
SELECT lifetimes(s), length(s::text) > 100000 AS long_text
FROM (SELECT survival_agg(g + 0.5, g % 2 = 0) AS s FROM generate_series(1, 20000) g) x;

-- Binary round trip through COPY.
\copy km_summaries TO '/tmp/cx_survival.bin' WITH (FORMAT binary)
CREATE TABLE km_back (LIKE km_summaries);
\copy km_back FROM '/tmp/cx_survival.bin' WITH (FORMAT binary)
SELECT count(*) AS rows, bool_and(a.s = b.s) AS binary_round_trip
FROM km_summaries a JOIN km_back b USING (how);
-- A stored summary large enough to be compressed and toasted reads back the same.
CREATE TABLE km_stored AS SELECT survival_agg(g + 0.5, g % 2 = 0) AS s FROM generate_series(1, 20000) g;
SELECT s = (SELECT survival_agg(g + 0.5, g % 2 = 0) FROM generate_series(1, 20000) g) AS same
FROM km_stored;

-- Parallel aggregation combines partial states (Partial and Finalize Aggregate), also empty
-- ones from a FILTER, and gives the serial result.
ANALYZE km_many;
CREATE TABLE km_serial AS
SELECT survival_agg(duration, event) AS s,
       survival_agg(duration, event) FILTER (WHERE g <= 10) AS few
FROM km_many;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT survival_agg(duration, event) FROM km_many;
SELECT survival_agg(duration, event) = (SELECT s FROM km_serial) AS parallel_equals_serial,
       survival_agg(duration, event) FILTER (WHERE g <= 10) = (SELECT few FROM km_serial)
           AS filtered_equals_serial
FROM km_many;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- As a running window aggregate: the curve of the first k customers, in order of the name.
-- a: 1 left -> S(2) 0 %; a, b: both left -> 0 %; a, b, c: all left by 2 -> 0 %; with d
-- (censored at 2): 3 of 4 leave by 2: at 1, 2/4 leave (50 %), at 2, 1 of the 2 at risk leaves:
-- 25 %; with e (3, left): at 1, 2 of 5 leave (60 %), at 2, 1 of the 3 at risk: 40 %; with f
-- (censored at 5), the km_six above: 50 %.
SELECT customer, survival_at(survival_agg(duration, event) OVER (ORDER BY customer), 2) AS s2
FROM km_six ORDER BY customer;
