-- Behaviour of the transition functions, for comparing two builds (bench/compare-behaviour):
-- results, errors with their SQLSTATE, NULL handling, direct calls and inverse functions.
\set VERBOSITY sqlstate
\pset null '(null)'
CREATE EXTENSION IF NOT EXISTS cx;
-- Reference-values.md: 6, 7, 8, 9 -> NPS 0; 0..10 -> -45.45454545; 1, 8, 8, 10, 5, NULL, 9 -> 0.
SELECT nps(x) FROM (VALUES (6), (7), (8), (9)) v(x);
SELECT nps(x) FROM generate_series(0, 10) x;
SELECT nps(x), responses(nps_agg(x))
FROM (VALUES (1), (8), (8), (10), (5), (NULL), (9)) v(x);
SELECT nps(x::smallint), nps(x::bigint), nps(x::numeric), nps(x::float8)
FROM generate_series(0, 10) x;
SELECT csat(x), csat(x::smallint), csat(x::bigint), csat(x::numeric), csat(x::float8)
FROM generate_series(1, 5) x;
SELECT ces(x), ces(x::smallint), ces(x::bigint), ces(x::numeric), ces(x::float8)
FROM generate_series(1, 7) x;
SELECT nps(NULL::int), nps_agg(NULL::int);
SELECT nps(x) FROM generate_series(1, 0) x;
-- Weighted: 10, 0, 8 with weights 2, 1, 1 -> 25.
SELECT nps(nps_agg(x, w)), effective_responses(nps_agg(x, w))
FROM (VALUES (10, 2.0), (0, 1), (8, 1)) v(x, w);
SELECT nps_agg(x::numeric, w), csat_agg(y, w), ces_agg(y::float8, w)
FROM (VALUES (10, 5, 0.5), (0, 1, 1.5), (8, 3, NULL)) v(x, y, w);
-- Errors: off the scale, not whole, bad weights, for every type and metric.
SELECT nps(x) FROM (VALUES (11)) v(x);
SELECT nps(x) FROM (VALUES (-1)) v(x);
SELECT nps(x::smallint) FROM (VALUES (-32768)) v(x);
SELECT nps(x) FROM (VALUES (-9223372036854775808)) v(x);
SELECT nps(x) FROM (VALUES (9223372036854775807)) v(x);
SELECT nps(x) FROM (VALUES (8.5::float8)) v(x);
SELECT nps(x) FROM (VALUES ('NaN'::float8)) v(x);
SELECT nps(x) FROM (VALUES ('Infinity'::float8)) v(x);
SELECT nps(x) FROM (VALUES (1e300::float8)) v(x);
SELECT nps(x) FROM (VALUES (8.5::numeric)) v(x);
SELECT nps(x) FROM (VALUES ('NaN'::numeric)) v(x);
SELECT nps(x) FROM (VALUES (1e40::numeric)) v(x);
SELECT nps(x) FROM (VALUES (10.000::numeric)) v(x);
SELECT csat(x) FROM (VALUES (0)) v(x);
SELECT csat(x) FROM (VALUES (6)) v(x);
SELECT ces(x) FROM (VALUES (0)) v(x);
SELECT ces(x) FROM (VALUES (8)) v(x);
SELECT ces(x::numeric) FROM (VALUES (8)) v(x);
SELECT nps_agg(x, w) FROM (VALUES (9, -1.0)) v(x, w);
SELECT nps_agg(x, w) FROM (VALUES (9, 'NaN'::float8)) v(x, w);
SELECT nps_agg(x, w) FROM (VALUES (11, -1.0)) v(x, w);
SELECT csat_agg(x, w) FROM (VALUES (3, 'Infinity'::float8)) v(x, w);
\set VERBOSITY default
SELECT nps(x) FROM (VALUES (11)) v(x);
SELECT ces(x::float8) FROM (VALUES (7.5)) v(x);
SELECT nps(x::numeric) FROM (VALUES (-3)) v(x);
SELECT nps_agg(x, w) FROM (VALUES (9, -1.0)) v(x, w);
\set VERBOSITY sqlstate
-- Direct calls leave their argument unchanged.
WITH s AS (SELECT nps_agg(x) AS s FROM (VALUES (9), (3)) v(x))
SELECT s, nps_summary_add(s, 10), nps_summary_remove(s, 9), nps_summary_remove(s, 10),
       nps_summary_add(s, 10::smallint, 2.0), s FROM s;
WITH s AS (SELECT nps_agg(x, 1.5) AS s FROM (VALUES (9), (3)) v(x))
SELECT nps_summary_remove(s, 9, 1.5), nps_summary_remove(s, 9, 0.1), s FROM s;
-- Moving windows with the inverse functions, unweighted and weighted, against a recomputation.
SELECT i, nps(s) OVER w, responses(nps_agg(s) OVER w), nps(nps_agg(s, (i % 3) * 0.1) OVER w),
       csat(c) OVER w, ces(e::numeric) OVER w
FROM (SELECT i, (i * 7) % 11 AS s, 1 + (i * 3) % 5 AS c, 1 + i % 7 AS e
      FROM generate_series(1, 40) i) d
WINDOW w AS (ORDER BY i ROWS BETWEEN 4 PRECEDING AND CURRENT ROW);
SELECT i, nps(s) OVER (ORDER BY i ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)
FROM (VALUES (1, 9), (2, NULL), (3, 3), (4, NULL), (5, NULL), (6, NULL), (7, 10)) v(i, s);
-- Parallel plans with combine.
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
CREATE TEMP TABLE b AS SELECT i, i % 11 AS s FROM generate_series(1, 100000) i;
SELECT nps(s), nps_agg(s) FROM b;
