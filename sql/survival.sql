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
CREATE TABLE km_stored AS
SELECT survival_agg(g + 0.5, g % 2 = 0) AS s FROM generate_series(1, 20000) g;
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

-- Moving window frames: the inverse transition functions remove the rows leaving the frame,
-- dropping a duration nobody has any more, and every frame must give exactly what a
-- recomputation of it gives (0 mismatches): the same stored bytes (the same text, binary form
-- and size). 3,000 lifetimes: even rows take one of 40 durations, repeated within frames, odd
-- rows a duration of their own; -0 among the 0s; every 11th duration and every 13th event NULL
-- (ignored).
CREATE TABLE km_moving AS
SELECT g, CASE WHEN g % 11 = 0 THEN NULL WHEN g % 150 = 7 THEN '-0'::float8
               WHEN g % 2 = 0 THEN (g * 7919 % 40) / 4.0 ELSE g / 8.0 END AS duration,
       CASE WHEN g % 13 = 0 THEN NULL ELSE g % 3 <> 0 END AS event
FROM generate_series(1, 3000) g;
CREATE FUNCTION pg_temp.same_bytes(a survival_summary, b survival_summary) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT a::text = b::text AND survival_summary_send(a) = survival_summary_send(b)
                 AND pg_column_size(a) = pg_column_size(b) $$;
SELECT frame, count(*) AS rows,
       count(*) FILTER (WHERE NOT pg_temp.same_bytes(moving, recomputed)) AS mismatches,
       count(*) FILTER (WHERE median IS DISTINCT FROM median_lifetime(recomputed)
                        OR s10 IS DISTINCT FROM survival_at(recomputed, 10)) AS figure_mismatches
FROM (
    SELECT '20 preceding, 5 following' AS frame,
           survival_agg(duration, event) OVER w AS moving,
           median_lifetime(survival_agg(duration, event) OVER w) AS median,
           survival_at(survival_agg(duration, event) OVER w, 10) AS s10,
           (SELECT survival_agg(b.duration, b.event) FROM km_moving b
            WHERE b.g BETWEEN a.g - 20 AND a.g + 5) AS recomputed
    FROM km_moving a
    WINDOW w AS (ORDER BY g ROWS BETWEEN 20 PRECEDING AND 5 FOLLOWING)
    UNION ALL
    SELECT '99 preceding, current row',
           survival_agg(duration, event) OVER w,
           median_lifetime(survival_agg(duration, event) OVER w),
           survival_at(survival_agg(duration, event) OVER w, 10),
           (SELECT survival_agg(b.duration, b.event) FROM km_moving b
            WHERE b.g BETWEEN a.g - 99 AND a.g)
    FROM km_moving a
    WINDOW w AS (ORDER BY g ROWS BETWEEN 99 PRECEDING AND CURRENT ROW)
    UNION ALL
    SELECT 'groups of g / 10, 2 preceding',
           survival_agg(duration, event) OVER w,
           median_lifetime(survival_agg(duration, event) OVER w),
           survival_at(survival_agg(duration, event) OVER w, 10),
           (SELECT survival_agg(b.duration, b.event) FROM km_moving b
            WHERE b.g / 10 BETWEEN a.g / 10 - 2 AND a.g / 10)
    FROM km_moving a
    WINDOW w AS (ORDER BY g / 10 GROUPS BETWEEN 2 PRECEDING AND CURRENT ROW)
) f
GROUP BY frame ORDER BY frame;

-- Against plain SQL: the number of lifetimes in each frame of 100 rows is the count of rows
-- with both a duration and an event.
SELECT count(*) FILTER (WHERE lifetimes(s) <> counted) AS mismatches
FROM (
    SELECT survival_agg(duration, event) OVER w AS s,
           count(*) FILTER (WHERE duration IS NOT NULL AND event IS NOT NULL) OVER w AS counted
    FROM km_moving
    WINDOW w AS (ORDER BY g ROWS BETWEEN 99 PRECEDING AND CURRENT ROW)
) f;

-- rollup() over a moving week of daily summaries (40 lifetimes a day, days 0 to 75, with a NULL
-- summary, ignored, on every day d with d % 9 = 4) equals the direct aggregate over the
-- lifetimes of those days, and over two days a recomputation of rollup() itself.
CREATE TABLE km_daily AS
SELECT g / 40 AS day,
       CASE WHEN g / 40 % 9 = 4 THEN NULL ELSE survival_agg(duration, event) END AS s
FROM km_moving GROUP BY 1;
SELECT count(*) AS days, count(*) FILTER (WHERE NOT pg_temp.same_bytes(moving, direct))
           AS mismatches
FROM (
    SELECT d.day, rollup(d.s) OVER (ORDER BY d.day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW)
               AS moving,
           (SELECT survival_agg(duration, event)
            FROM km_moving WHERE g / 40 BETWEEN d.day - 6 AND d.day AND g / 40 % 9 <> 4) AS direct
    FROM km_daily d
) f;
SELECT count(*) AS days, count(*) FILTER (WHERE NOT pg_temp.same_bytes(moving, recomputed))
           AS mismatches
FROM (
    SELECT rollup(d.s) OVER (ORDER BY d.day ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS moving,
           (SELECT rollup(b.s) FROM km_daily b WHERE b.day BETWEEN d.day - 1 AND d.day)
               AS recomputed
    FROM km_daily d
) f;

-- The inverses called directly, on durations 1 (2 left) and 2 (1 left, 1 censored): removing
-- the censoring at 2 leaves 2:1/0; removing both customers at 2 drops the duration; a customer
-- the summary does not hold (left at 3, or censored at 1) returns NULL (recompute).
SELECT survival_summary_remove(s, 2, false) AS without_censored_2,
       survival_summary_remove(survival_summary_remove(s, 2, false), 2, true) AS without_2,
       survival_summary_remove(s, 3, true) AS not_held_3,
       survival_summary_remove(s, 1, false) AS not_held_1
FROM (SELECT 'v1 1:2/0 2:1/1'::survival_summary AS s) x;
-- rollup's inverse: without 1:1/0 2:1/1 the rest is 1:1/0; without itself nothing is left
-- ("v1"); without a summary it does not hold, NULL.
SELECT survival_summary_unmerge(s, 'v1 1:1/0 2:1/1') AS rest,
       survival_summary_unmerge(s, s) AS nothing_left,
       survival_summary_unmerge(s, 'v1 1:3/0') AS not_held
FROM (SELECT 'v1 1:2/0 2:1/1'::survival_summary AS s) x;
