-- Churn and retention from customer lifetimes, from counts, and customer lifetime value.
-- Expected figures come from ../shared/reference-values.md ("Churn and retention") or are
-- worked out by hand in the comments. Figures are printed rounded to 10 decimals, and checked
-- against the reference with a relative tolerance of 1e-9.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS cx;
RESET client_min_messages;
SET extra_float_digits = 0;
SET DateStyle = 'ISO, YMD';

-- The reference lifetimes, period [2024-01-01, 2024-04-01).
CREATE TABLE lifetimes (customer text, started date, ended date);
INSERT INTO lifetimes VALUES
    ('a', '2023-05-01', NULL),
    ('b', '2023-06-01', '2024-02-15'),
    ('c', '2023-12-31', '2024-04-01'),
    ('d', '2024-02-01', NULL),
    ('e', '2024-02-10', '2024-03-01'),
    ('f', '2024-04-01', NULL),
    ('h', '2022-01-01', '2023-12-01');

-- S 3 (a, b, c), N 2 (d, e), E 3 (a, c, d), lost 1 (b), new and lost 1 (e).
SELECT retention_agg(started, ended, '2024-01-01', '2024-04-01') FROM lifetimes;

SELECT customers_at_start(s), new_customers(s), customers_at_end(s), lost_customers(s)
FROM (SELECT retention_agg(started, ended, '2024-01-01', '2024-04-01') AS s FROM lifetimes) x;

-- Churn 33.33333333, retention 66.66666667, 95% Wilson [6.149194472, 79.23403992].
SELECT round(churn_rate(s)::numeric, 10) AS churn,
       round(retention_rate(s)::numeric, 10) AS retention,
       round(ci_lower(s)::numeric, 10) AS ci_lower,
       round(ci_upper(s)::numeric, 10) AS ci_upper,
       abs(churn_rate(s) - 33.33333333) < 1e-9 * 33.33333333 AS churn_ok,
       abs(retention_rate(s) - 66.66666667) < 1e-9 * 66.66666667 AS retention_ok,
       abs(ci_lower(s) - 6.149194472) < 1e-9 * 6.149194472 AS lower_ok,
       abs(ci_upper(s) - 79.23403992) < 1e-9 * 79.23403992 AS upper_ok
FROM (SELECT retention_agg(started, ended, '2024-01-01', '2024-04-01') AS s FROM lifetimes) x;

-- The one-step aggregates give the same figures.
SELECT round(churn_rate(started, ended, '2024-01-01', '2024-04-01')::numeric, 10) AS churn,
       round(retention_rate(started, ended, '2024-01-01', '2024-04-01')::numeric, 10)
           AS retention
FROM lifetimes;

-- A 99% interval is wider than the 95% one; a confidence outside (0, 1) is an error (see
-- lifetime_errors).
SELECT ci_lower(s, 0.99) < ci_lower(s) AND ci_upper(s, 0.99) > ci_upper(s) AS wider
FROM (SELECT retention_agg(started, ended, '2024-01-01', '2024-04-01') AS s FROM lifetimes) x;

-- The same lifetimes as timestamptz, in a time zone with daylight saving time: the counts do
-- not change; the text form gives the period in UTC (New York is UTC-5 on 2024-01-01 and
-- UTC-4 on 2024-04-01).
SET TimeZone = 'America/New_York';
SELECT retention_agg(started::timestamptz, ended::timestamptz,
                     '2024-01-01'::timestamptz, '2024-04-01'::timestamptz)
FROM lifetimes;
SELECT round(churn_rate(started::timestamptz, ended::timestamptz, timestamptz '2024-01-01',
                        timestamptz '2024-04-01')::numeric, 10) AS churn
FROM lifetimes;
RESET TimeZone;

-- Boundaries, period [2024-01-01, 2024-02-01):
--   p1 starts at the period start, still active        -> S, E
--   p2 starts at the period end                        -> nowhere
--   p3 ended exactly at the period start               -> nowhere (not active at ps)
--   p4 ended exactly at the period end                 -> S, E (not lost)
--   p5 ended the instant it started                    -> nowhere
--   p6 new, ended exactly at the period end            -> N, E
--   p7 starts at the period start, leaves within       -> S, lost
--   p8 new and lost within the period                  -> N, new and lost
--   p9 ended 'infinity'                                -> S, E
--   p10 started '-infinity', still active              -> S, E
--   p11 started NULL                                   -> ignored
-- S 5, N 2, E 5, lost 1, new and lost 1: churn 1/5 = 20, retention 80.
CREATE TABLE boundaries (customer text, started date, ended date);
INSERT INTO boundaries VALUES
    ('p1', '2024-01-01', NULL),
    ('p2', '2024-02-01', NULL),
    ('p3', '2023-11-01', '2024-01-01'),
    ('p4', '2023-11-01', '2024-02-01'),
    ('p5', '2024-01-10', '2024-01-10'),
    ('p6', '2024-01-10', '2024-02-01'),
    ('p7', '2024-01-01', '2024-01-20'),
    ('p8', '2024-01-05', '2024-01-06'),
    ('p9', '2023-01-01', 'infinity'),
    ('p10', '-infinity', NULL),
    ('p11', NULL, '2024-01-15');
SELECT retention_agg(started, ended, '2024-01-01', '2024-02-01') FROM boundaries;
SELECT churn_rate(started, ended, '2024-01-01', '2024-02-01') AS churn,
       retention_rate(started, ended, '2024-01-01', '2024-02-01') AS retention
FROM boundaries;

-- Open-ended lifetimes only: nobody lost, churn 0, retention 100.
SELECT churn_rate(started, NULL::date, '2024-01-01', '2024-02-01') AS churn,
       retention_rate(started, NULL::date, '2024-01-01', '2024-02-01') AS retention
FROM (VALUES (date '2023-01-01'), (date '2023-06-01')) v(started);

-- Empty groups: no row gives NULL figures and an empty summary; rows without any customer at
-- the start (only new ones) give NULL rates too.
SELECT churn_rate(started, ended, '2024-01-01', '2024-04-01') AS churn,
       retention_rate(started, ended, '2024-01-01', '2024-04-01') AS retention,
       retention_agg(started, ended, '2024-01-01', '2024-04-01') AS summary
FROM lifetimes WHERE false;
SELECT churn_rate(s), retention_rate(s), ci_lower(s), ci_upper(s), customers_at_start(s)
FROM (SELECT retention_agg(started, ended, '2024-01-01', '2024-04-01') AS s
      FROM lifetimes WHERE customer IN ('d', 'e')) x;
SELECT s, churn_rate(s), new_customers(s)
FROM (SELECT retention_agg(started, ended, '2024-01-01', '2024-04-01') AS s
      FROM lifetimes WHERE customer = 'e') x;

-- Many groups: churn plus retention is 100 within 1e-12, and every count equals a direct count
-- of the definitions in reference-values.md.
CREATE TABLE lt_many AS
SELECT g, started,
       CASE WHEN g % 5 = 0 THEN NULL ELSE started + (g * 53 % 300) END AS ended
FROM (SELECT g, date '2023-06-01' + (g * 37 % 400) AS started
      FROM generate_series(1, 5000) g) x;
WITH by_group AS (
    SELECT g % 13 AS grp,
           retention_agg(started, ended, '2024-01-01', '2024-04-01') AS s,
           count(*) FILTER (WHERE started <= '2024-01-01'
                            AND (ended IS NULL OR '2024-01-01' < ended)) AS s_direct,
           count(*) FILTER (WHERE '2024-01-01' < started AND started < '2024-04-01'
                            AND (ended IS NULL OR started < ended)) AS n_direct,
           count(*) FILTER (WHERE started < '2024-04-01'
                            AND (ended IS NULL OR '2024-04-01' <= ended)) AS e_direct,
           count(*) FILTER (WHERE started <= '2024-01-01' AND '2024-01-01' < ended
                            AND ended < '2024-04-01') AS lost_direct
    FROM lt_many GROUP BY 1
)
SELECT count(*) AS groups,
       bool_and(abs(churn_rate(s) + retention_rate(s) - 100) < 1e-12) AS adds_up_to_100,
       bool_and(customers_at_start(s) = s_direct AND new_customers(s) = n_direct
                AND customers_at_end(s) = e_direct AND lost_customers(s) = lost_direct)
           AS counts_match,
       bool_and(churn_rate(s) = 100.0 * lost_direct / s_direct) AS churn_matches,
       min(customers_at_start(s)) > 0 AS every_group_has_customers
FROM by_group;

-- rollup() of the groups equals the summary of all rows.
SELECT rollup(s) = (SELECT retention_agg(started, ended, '2024-01-01', '2024-04-01') FROM lt_many)
           AS rollup_equals_whole,
       rollup(s)
FROM (SELECT retention_agg(started, ended, '2024-01-01', '2024-04-01') AS s
      FROM lt_many GROUP BY g % 13) x;

-- rollup() of nothing, and of an empty summary with a real one.
SELECT rollup(s) FROM (SELECT 'v1 empty'::retention_summary AS s WHERE false) x;
SELECT rollup(s) FROM (VALUES ('v1 empty'::retention_summary),
    ('v1 date 2024-01-01/2024-04-01 at_start=3 new=2 at_end=3 lost=1 new_lost=1')) v(s);

-- Text round trip, hashing (DISTINCT, GROUP BY, UNION) and equality.
CREATE TABLE lt_summaries AS
SELECT g % 13 AS grp, retention_agg(started, ended, '2024-01-01', '2024-04-01') AS s
FROM lt_many GROUP BY 1;
SELECT bool_and(s::text::retention_summary = s) AS text_round_trip FROM lt_summaries;
SELECT count(*) FROM (SELECT s FROM lt_summaries UNION SELECT s FROM lt_summaries) u;
SELECT count(*) FROM (SELECT s FROM lt_summaries GROUP BY s) g;
SET enable_sort = off;
SELECT count(*) FROM (SELECT DISTINCT s FROM lt_summaries) d;
RESET enable_sort;
SELECT 'v1 date 2024-01-01/2024-04-01 at_start=3 new=2 at_end=3 lost=1 new_lost=1'
       ::retention_summary
     = '  v1 date 2024-01-01/2024-04-01 at_start=3 new=2 at_end=3 lost=1 new_lost=1 '
       ::retention_summary AS spaces_ignored,
       'v1 date 2024-01-01/2024-04-01 at_start=3 new=2 at_end=3 lost=1 new_lost=1'
       ::retention_summary
     = 'v1 date 2024-01-01/2024-04-02 at_start=3 new=2 at_end=3 lost=1 new_lost=1'
       ::retention_summary AS other_period_equal;
-- Dates far from today keep their exact day; years outside 0000-9999 carry a sign.
SELECT '  v1 date -4713-11-24/+5874897-12-31 at_start=0 new=0 at_end=0 lost=0 new_lost=0'
       ::retention_summary;
SELECT 'v1 timestamptz 1999-12-31T23:59:59.999999Z/2000-01-01T00:00:00.000001Z '
       'at_start=1 new=0 at_end=1 lost=0 new_lost=0'
       ::retention_summary;

-- Binary round trip through COPY.
\copy lt_summaries TO '/tmp/cx_lifetimes_retention.bin' WITH (FORMAT binary)
CREATE TABLE lt_summaries_back (LIKE lt_summaries);
\copy lt_summaries_back FROM '/tmp/cx_lifetimes_retention.bin' WITH (FORMAT binary)
SELECT count(*) AS rows, bool_and(a.s = b.s) AS binary_round_trip
FROM lt_summaries a JOIN lt_summaries_back b USING (grp);

-- Parallel aggregation: the plan must combine partial states (Partial and Finalize Aggregate),
-- also states of workers whose rows a FILTER removed, and give the serial result.
CREATE TABLE lt_big AS
SELECT g, date '2023-01-01' + (g * 7919 % 500) AS started,
       CASE WHEN g % 4 = 0 THEN NULL ELSE date '2023-01-01' + (g * 7919 % 500) + (g % 200) END
           AS ended
FROM generate_series(1, 200000) g;
ANALYZE lt_big;
CREATE TABLE lt_serial AS
SELECT retention_agg(started, ended, '2023-06-01', '2023-09-01') AS s,
       retention_agg(started, ended, '2023-06-01', '2023-09-01') FILTER (WHERE g <= 10) AS few
FROM lt_big;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF)
SELECT retention_agg(started, ended, '2023-06-01', '2023-09-01') FROM lt_big;
SELECT retention_agg(started, ended, '2023-06-01', '2023-09-01') = (SELECT s FROM lt_serial)
           AS parallel_equals_serial,
       retention_agg(started, ended, '2023-06-01', '2023-09-01') FILTER (WHERE g <= 10)
           = (SELECT few FROM lt_serial) AS filtered_equals_serial,
       churn_rate(started, ended, '2023-06-01', '2023-09-01')
           = (SELECT churn_rate(s) FROM lt_serial) AS churn_equals_serial
FROM lt_big;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- As a running window aggregate (the final function leaves the state unchanged): after a,
-- S 1 and nobody lost: 0; after b, S 2 and b lost: 50; from c on, S 3 and 1 lost: 33.33...
SELECT customer, churn_rate(started, ended, '2024-01-01', '2024-04-01') OVER (ORDER BY customer)
FROM lifetimes ORDER BY customer;

-- Moving window frames: the inverse transition functions remove the rows leaving the frame, and
-- every frame must give exactly what a recomputation of it gives (0 mismatches). 3,000
-- lifetimes around the period [2024-01-01, 2024-04-01): every 17th without a start (ignored),
-- every 5th still active, some ending the day they start, starts and ends on both bounds.
CREATE TABLE lt_moving AS
SELECT g, CASE WHEN g % 17 = 0 THEN NULL ELSE date '2023-06-01' + (g * 37 % 400) END AS started,
       CASE WHEN g % 5 = 0 THEN NULL
            ELSE date '2023-06-01' + (g * 37 % 400) + (g * 53 % 300) END AS ended
FROM generate_series(1, 3000) g;

-- Against plain SQL: the counts of the definitions in reference-values.md over the same frame,
-- and churn 100 * lost / S, retention 100 * (S - lost) / S from them, over ROWS frames moving
-- at both ends and ending at the current row, and a GROUPS frame.
SELECT frame, count(*) AS rows,
       count(*) FILTER (WHERE customers_at_start(s) <> s_direct OR new_customers(s) <> n_direct
                        OR customers_at_end(s) <> e_direct OR lost_customers(s) <> lost_direct)
           AS count_mismatches,
       count(*) FILTER (WHERE churn IS DISTINCT FROM 100.0::float8 * lost_direct
                                                     / nullif(s_direct, 0)
                        OR retention IS DISTINCT FROM 100.0::float8 * (s_direct - lost_direct)
                                                      / nullif(s_direct, 0)) AS rate_mismatches
FROM (
    SELECT '20 preceding, 5 following' AS frame,
           retention_agg(started, ended, '2024-01-01', '2024-04-01') OVER w AS s,
           churn_rate(started, ended, '2024-01-01', '2024-04-01') OVER w AS churn,
           retention_rate(started, ended, '2024-01-01', '2024-04-01') OVER w AS retention,
           count(*) FILTER (WHERE started <= '2024-01-01'
                            AND (ended IS NULL OR '2024-01-01' < ended)) OVER w AS s_direct,
           count(*) FILTER (WHERE '2024-01-01' < started AND started < '2024-04-01'
                            AND (ended IS NULL OR started < ended)) OVER w AS n_direct,
           count(*) FILTER (WHERE started < '2024-04-01'
                            AND (ended IS NULL OR '2024-04-01' <= ended)) OVER w AS e_direct,
           count(*) FILTER (WHERE started <= '2024-01-01' AND '2024-01-01' < ended
                            AND ended < '2024-04-01') OVER w AS lost_direct
    FROM lt_moving
    WINDOW w AS (ORDER BY g ROWS BETWEEN 20 PRECEDING AND 5 FOLLOWING)
    UNION ALL
    SELECT '29 preceding, current row',
           retention_agg(started, ended, '2024-01-01', '2024-04-01') OVER w,
           churn_rate(started, ended, '2024-01-01', '2024-04-01') OVER w,
           retention_rate(started, ended, '2024-01-01', '2024-04-01') OVER w,
           count(*) FILTER (WHERE started <= '2024-01-01'
                            AND (ended IS NULL OR '2024-01-01' < ended)) OVER w,
           count(*) FILTER (WHERE '2024-01-01' < started AND started < '2024-04-01'
                            AND (ended IS NULL OR started < ended)) OVER w,
           count(*) FILTER (WHERE started < '2024-04-01'
                            AND (ended IS NULL OR '2024-04-01' <= ended)) OVER w,
           count(*) FILTER (WHERE started <= '2024-01-01' AND '2024-01-01' < ended
                            AND ended < '2024-04-01') OVER w
    FROM lt_moving
    WINDOW w AS (ORDER BY g ROWS BETWEEN 29 PRECEDING AND CURRENT ROW)
    UNION ALL
    SELECT 'groups of g / 10, 2 preceding',
           retention_agg(started, ended, '2024-01-01', '2024-04-01') OVER w,
           churn_rate(started, ended, '2024-01-01', '2024-04-01') OVER w,
           retention_rate(started, ended, '2024-01-01', '2024-04-01') OVER w,
           count(*) FILTER (WHERE started <= '2024-01-01'
                            AND (ended IS NULL OR '2024-01-01' < ended)) OVER w,
           count(*) FILTER (WHERE '2024-01-01' < started AND started < '2024-04-01'
                            AND (ended IS NULL OR started < ended)) OVER w,
           count(*) FILTER (WHERE started < '2024-04-01'
                            AND (ended IS NULL OR '2024-04-01' <= ended)) OVER w,
           count(*) FILTER (WHERE started <= '2024-01-01' AND '2024-01-01' < ended
                            AND ended < '2024-04-01') OVER w
    FROM lt_moving
    WINDOW w AS (ORDER BY g / 10 GROUPS BETWEEN 2 PRECEDING AND CURRENT ROW)
) f
GROUP BY frame ORDER BY frame;

-- Against a recomputation of each frame by a correlated subquery: the summaries are equal byte
-- for byte (= compares the stored bytes), with date lifetimes and with timestamptz ones (the
-- same days at times spread over the day in New York, the period's bounds at midnight there).
CREATE TABLE lt_moving_tz AS
SELECT g, (started + make_interval(mins => g * 97 % 1440)) AT TIME ZONE 'America/New_York'
              AS started,
          (ended + make_interval(mins => g * 89 % 1440)) AT TIME ZONE 'America/New_York'
              AS ended
FROM lt_moving;
SELECT 'date, 20 preceding, 5 following' AS frame, count(*) AS rows,
       count(*) FILTER (WHERE moving <> recomputed) AS mismatches
FROM (
    SELECT retention_agg(started, ended, '2024-01-01', '2024-04-01')
               OVER (ORDER BY g ROWS BETWEEN 20 PRECEDING AND 5 FOLLOWING) AS moving,
           (SELECT retention_agg(b.started, b.ended, '2024-01-01', '2024-04-01')
            FROM lt_moving b WHERE b.g BETWEEN a.g - 20 AND a.g + 5) AS recomputed
    FROM lt_moving a
) f
UNION ALL
SELECT 'timestamptz, 20 preceding, 5 following', count(*),
       count(*) FILTER (WHERE moving <> recomputed OR churn IS DISTINCT FROM churn_rate(recomputed))
FROM (
    SELECT retention_agg(started, ended, timestamptz '2024-01-01 00:00 America/New_York',
                         timestamptz '2024-04-01 00:00 America/New_York')
               OVER (ORDER BY g ROWS BETWEEN 20 PRECEDING AND 5 FOLLOWING) AS moving,
           churn_rate(started, ended, timestamptz '2024-01-01 00:00 America/New_York',
                      timestamptz '2024-04-01 00:00 America/New_York')
               OVER (ORDER BY g ROWS BETWEEN 20 PRECEDING AND 5 FOLLOWING) AS churn,
           (SELECT retention_agg(b.started, b.ended,
                                 timestamptz '2024-01-01 00:00 America/New_York',
                                 timestamptz '2024-04-01 00:00 America/New_York')
            FROM lt_moving_tz b WHERE b.g BETWEEN a.g - 20 AND a.g + 5) AS recomputed
    FROM lt_moving_tz a
) f
UNION ALL
SELECT 'timestamptz, 29 preceding, current row', count(*),
       count(*) FILTER (WHERE moving <> recomputed
                        OR retention IS DISTINCT FROM retention_rate(recomputed))
FROM (
    SELECT retention_agg(started, ended, timestamptz '2024-01-01 00:00 America/New_York',
                         timestamptz '2024-04-01 00:00 America/New_York')
               OVER (ORDER BY g ROWS BETWEEN 29 PRECEDING AND CURRENT ROW) AS moving,
           retention_rate(started, ended, timestamptz '2024-01-01 00:00 America/New_York',
                          timestamptz '2024-04-01 00:00 America/New_York')
               OVER (ORDER BY g ROWS BETWEEN 29 PRECEDING AND CURRENT ROW) AS retention,
           (SELECT retention_agg(b.started, b.ended,
                                 timestamptz '2024-01-01 00:00 America/New_York',
                                 timestamptz '2024-04-01 00:00 America/New_York')
            FROM lt_moving_tz b WHERE b.g BETWEEN a.g - 29 AND a.g) AS recomputed
    FROM lt_moving_tz a
) f;

-- rollup() over a moving week of daily summaries (40 lifetimes a day, days 0 to 75, every day
-- d with d % 9 = 4 left empty by a FILTER: "v1 empty") equals the direct aggregate over the
-- lifetimes of those days.
CREATE TABLE lt_daily AS
SELECT g / 40 AS day,
       retention_agg(started, ended, '2024-01-01', '2024-04-01') FILTER (WHERE g / 40 % 9 <> 4)
           AS s
FROM lt_moving GROUP BY 1;
SELECT count(*) AS days, count(*) FILTER (WHERE moving <> direct) AS mismatches
FROM (
    SELECT d.day, rollup(d.s) OVER (ORDER BY d.day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW)
               AS moving,
           (SELECT retention_agg(started, ended, '2024-01-01', '2024-04-01')
            FROM lt_moving WHERE g / 40 BETWEEN d.day - 6 AND d.day AND g / 40 % 9 <> 4) AS direct
    FROM lt_daily d
) f;
-- Over two days, with empty summaries, a summary of the period that counts nobody and a NULL
-- (ignored) among them. By day % 9: 4 and 5 are "v1 empty", 6 counts nobody, 8 is NULL. When
-- the frame moves from days (3, 4) to (4, 5), the rest after removing day 3 counts nobody: the
-- inverse cannot tell "v1 empty" from the period with zero counts and asks for a recomputation,
-- which gives "v1 empty" (days 5, 14, ..., 68: 8 frames). Frames ending on days 6, 15, ..., 69
-- (8) hold an empty summary and the one counting nobody: the period with zero counts.
CREATE TABLE lt_daily_mixed AS
SELECT day, CASE day % 9 WHEN 5 THEN 'v1 empty'::retention_summary
                         WHEN 6 THEN 'v1 date 2024-01-01/2024-04-01 at_start=0 new=0 at_end=0 '
                                     'lost=0 new_lost=0'::retention_summary
                         WHEN 8 THEN NULL
                         ELSE s END AS s
FROM lt_daily;
SELECT count(*) AS days, count(*) FILTER (WHERE moving <> recomputed) AS mismatches,
       count(*) FILTER (WHERE moving = 'v1 empty') AS empty_frames,
       count(*) FILTER (WHERE moving <> 'v1 empty' AND customers_at_end(moving) = 0
                              AND customers_at_start(moving) = 0) AS zero_frames
FROM (
    SELECT d.day, rollup(d.s) OVER (ORDER BY d.day ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
               AS moving,
           (SELECT rollup(b.s) FROM lt_daily_mixed b WHERE b.day BETWEEN d.day - 1 AND d.day)
               AS recomputed
    FROM lt_daily_mixed d
) f;

-- The inverse called directly, on the reference summary (S 3, N 2, E 3, lost 1, new_lost 1):
-- removing b (at start, lost) gives S 2, lost 0; removing d (new, still there) gives N 1, E 2;
-- removing h (ended before the period) and a row without a start change nothing; a summary
-- that does not hold the lifetime returns NULL (recompute).
SELECT retention_summary_remove(s, date '2023-06-01', date '2024-02-15', date '2024-01-01',
                                date '2024-04-01') AS without_b,
       retention_summary_remove(s, date '2024-02-01', NULL, date '2024-01-01', date '2024-04-01')
           AS without_d,
       retention_summary_remove(s, date '2022-01-01', date '2023-12-01', date '2024-01-01',
                                date '2024-04-01') = s AS without_h_unchanged,
       retention_summary_remove(s, NULL, NULL, date '2024-01-01', date '2024-04-01') = s
           AS without_start_unchanged
FROM (SELECT 'v1 date 2024-01-01/2024-04-01 at_start=3 new=2 at_end=3 lost=1 new_lost=1'
             ::retention_summary AS s) x;
SELECT retention_summary_remove('v1 date 2024-01-01/2024-04-01 at_start=0 new=2 at_end=1 lost=0 '
                                'new_lost=1', date '2023-05-01', NULL, date '2024-01-01',
                                date '2024-04-01') AS not_held,
       retention_summary_remove('v1 empty', date '2023-05-01', NULL, date '2024-01-01',
                                date '2024-04-01') AS from_empty;
-- rollup's inverse: the reference summary without one of S 1, lost 1 (b alone) is S 2, N 2,
-- E 3, lost 0, new_lost 1; without an empty summary, unchanged; without itself, NULL.
SELECT retention_summary_unmerge(s, 'v1 date 2024-01-01/2024-04-01 at_start=1 new=0 at_end=0 '
                                    'lost=1 new_lost=0') AS without_b,
       retention_summary_unmerge(s, 'v1 empty') = s AS without_empty_unchanged,
       retention_summary_unmerge(s, s) AS without_itself
FROM (SELECT 'v1 date 2024-01-01/2024-04-01 at_start=3 new=2 at_end=3 lost=1 new_lost=1'
             ::retention_summary AS s) x;

-- From counts (reference-values.md): S 200, lost 20 -> churn 10; S 200, E 220, N 40 ->
-- retention (220 - 40) / 200 = 90; S 0 -> NULL.
SELECT churn_rate(200, 20) AS churn, retention_rate(200, 220, 40) AS retention,
       churn_rate(0, 0) AS churn_empty, retention_rate(0, 0, 0) AS retention_empty;
-- sum() of bigint is numeric, which the double precision arguments take.
SELECT churn_rate(sum(s), sum(l)) AS churn
FROM (VALUES (100::bigint, 5::bigint), (100, 15)) v(s, l);
-- Every customer lost, every one kept.
SELECT churn_rate(50, 50) AS all_lost, retention_rate(50, 60, 10) AS all_kept,
       retention_rate(50, 10, 10) AS none_kept;

-- Customer lifetime value (reference-values.md): clv(100, 80, 10) = 100 * 0.8 / (1.1 - 0.8)
-- = 266.6666667. By hand: clv(50, 50, 0) = 50 * 0.5 / 0.5 = 50; retention 0 gives 0;
-- clv(-20, 60, 5) = -20 * 0.6 / 0.45 = -26.66666667.
SELECT round(clv(100, 80, 10)::numeric, 10) AS clv,
       abs(clv(100, 80, 10) - 266.6666667) < 1e-9 * 266.6666667 AS clv_ok,
       clv(50, 50, 0) AS half, clv(100, 0, 10) AS none,
       round(clv(-20, 60, 5)::numeric, 8) AS negative_margin;

-- Cohort retention, worked out by hand. Activity in New York time (UTC-5 in January):
--   c1: Mon 2024-01-01 10:00, Mon 01-08 09:00, Sat 01-20 12:00
--   c2: Sun 2024-01-07 23:30, Tue 01-09 12:00
--   c3: Mon 2024-01-15 08:00
--   c4: 2024-01-08 03:00 UTC, which is Sun 01-07 22:00 in New York
--   a row without customer and one without time, both ignored.
CREATE TABLE lt_activity (customer text, at timestamptz);
SET TimeZone = 'America/New_York';
INSERT INTO lt_activity VALUES
    ('c1', '2024-01-01 10:00'), ('c1', '2024-01-08 09:00'), ('c1', '2024-01-20 12:00'),
    ('c2', '2024-01-07 23:30'), ('c2', '2024-01-09 12:00'),
    ('c3', '2024-01-15 08:00'),
    ('c4', '2024-01-08 03:00+00'),
    (NULL, '2024-01-02 12:00'), ('c5', NULL);
-- Weeks start on Monday. Cohort 2024-01-01: c1, c2, c4 (3); k 1 (week of 01-08): c1, c2 ->
-- 66.67 %; k 2 (week of 01-15): c1 -> 33.33 %. Cohort 2024-01-15: c3; the last week present is
-- that of 01-15, so it has k 0 only.
SELECT cohort, k, cohort_size, active_customers, round(retention_percent::numeric, 4) AS percent
FROM cohort_retention('SELECT customer, at FROM lt_activity', 'week');
-- In UTC, c2's Sunday 23:30 (04:30 UTC) and c4's Sunday 22:00 (03:00 UTC) fall on Monday 01-08:
-- cohort 01-01 is c1 alone (active in k 0, 1 and 2); 01-08 is c2 and c4 (k 1: nobody, 0 %, as
-- c2's Tuesday is in the same week); 01-15 is c3.
SET TimeZone = 'UTC';
SELECT cohort, k, cohort_size, active_customers, round(retention_percent::numeric, 4) AS percent
FROM cohort_retention('SELECT customer, at FROM lt_activity', 'week');
-- Days in New York: cohort 01-01 is c1 (active on days 0, 7 and 19, the last day present being
-- 01-20); 01-07 is c2 and c4 (c2 again on 01-09: k 2, 50 %; k runs to 13); 01-15 is c3 (k to 5).
SET TimeZone = 'America/New_York';
SELECT cohort, count(*) AS periods, max(k) AS last_k,
       array_agg(k ORDER BY k) FILTER (WHERE active_customers > 0) AS active_at,
       array_agg(retention_percent ORDER BY k) FILTER (WHERE active_customers > 0) AS percents
FROM cohort_retention('SELECT customer, at FROM lt_activity', 'day')
GROUP BY cohort ORDER BY cohort;
-- Months: everyone's first activity is in January 2024, the only month present.
SELECT * FROM cohort_retention('SELECT customer, at FROM lt_activity');
RESET TimeZone;
-- Quarters from a date column: customer 1 on 2024-02-10 and 2024-05-01, customer 2 on
-- 2024-03-31 and 2024-10-01. Cohort 2024 Q1 (2 customers), last quarter Q4: k 0: 2 (100 %),
-- k 1: customer 1 (50 %), k 2: nobody (0 %), k 3: customer 2 (50 %).
SELECT * FROM cohort_retention($$
    SELECT * FROM (VALUES (1, date '2024-02-10'), (1, date '2024-05-01'),
                          (2, date '2024-03-31'), (2, date '2024-10-01')) v(customer, day) $$,
    'quarter');
-- No activity at all: no rows.
SELECT count(*) FROM cohort_retention('SELECT customer, at FROM lt_activity WHERE false', 'month');
