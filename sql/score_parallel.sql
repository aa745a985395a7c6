-- A forced parallel plan runs the combine function (Partial and Finalize Aggregate) and gives the
-- serial result.
SET extra_float_digits = 0;
CREATE TABLE parallel_answers AS
SELECT i, (i * 7919 % 11)::int AS score, (i * 31 % 5 + 1)::int AS sat,
       (i * 17 % 7 + 1)::int AS effort, (i % 3)::int AS segment
FROM generate_series(1, 300000::bigint) i;
ANALYZE parallel_answers;

SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial AS
SELECT segment, nps(score), csat(sat), ces(effort), nps_agg(score) AS s
FROM parallel_answers GROUP BY segment;

SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;

EXPLAIN (COSTS OFF)
SELECT segment, nps(score), csat(sat), ces(effort), nps_agg(score)
FROM parallel_answers GROUP BY segment;

SELECT p.segment, p.nps = s.nps AS nps_equal, p.csat = s.csat AS csat_equal,
       p.ces = s.ces AS ces_equal, p.summary = s.s AS summary_equal
FROM (SELECT segment, nps(score), csat(sat), ces(effort), nps_agg(score) AS summary
      FROM parallel_answers GROUP BY segment) p
JOIN serial s USING (segment) ORDER BY segment;

-- A FILTER that removes every row of some workers still combines empty states. Row 3 has
-- score 3 * 7919 % 11 = 8, a passive: NPS 0.
SELECT nps(score) FILTER (WHERE i = 3) AS one, nps(score) FILTER (WHERE false) AS none
FROM parallel_answers;

DROP TABLE parallel_answers;
