-- Moving window frames: the inverse transition functions must give exactly what a
-- recomputation over the frame gives. The recomputation here is plain SQL over the same frame.
SET extra_float_digits = 0;

-- 5,000 answers with a deterministic spread of scores, every tenth NULL.
CREATE TEMP TABLE answers AS
SELECT i, CASE WHEN i % 10 = 3 THEN NULL ELSE (i * 7919 + i / 13) % 11 END AS score,
       (((i * 104729) % 997) / 99.7)::float8 AS weight
FROM generate_series(1, 5000) i;

-- NPS over 30 rows, against counts over the same frame.
SELECT count(*) AS rows,
       count(*) FILTER (WHERE nps IS DISTINCT FROM expected) AS mismatches
FROM (
    SELECT nps(score) OVER w AS nps,
           CASE WHEN count(score) OVER w = 0 THEN NULL
                ELSE 100.0::float8 * ((count(*) FILTER (WHERE score >= 9) OVER w)
                                      - (count(*) FILTER (WHERE score <= 6) OVER w))
                     / (count(score) OVER w) END AS expected
    FROM answers
    WINDOW w AS (ORDER BY i ROWS BETWEEN 29 PRECEDING AND CURRENT ROW)
) f;

-- The same with the summary: every per-score count equals the frame's.
SELECT count(*) FILTER (WHERE s <> expected) AS mismatches
FROM (
    SELECT nps_agg(score) OVER w AS s,
           nps_summary(ARRAY[
               count(*) FILTER (WHERE score = 0) OVER w, count(*) FILTER (WHERE score = 1) OVER w,
               count(*) FILTER (WHERE score = 2) OVER w, count(*) FILTER (WHERE score = 3) OVER w,
               count(*) FILTER (WHERE score = 4) OVER w, count(*) FILTER (WHERE score = 5) OVER w,
               count(*) FILTER (WHERE score = 6) OVER w, count(*) FILTER (WHERE score = 7) OVER w,
               count(*) FILTER (WHERE score = 8) OVER w, count(*) FILTER (WHERE score = 9) OVER w,
               count(*) FILTER (WHERE score = 10) OVER w]) AS expected
    FROM answers
    WINDOW w AS (ORDER BY i ROWS BETWEEN 29 PRECEDING AND CURRENT ROW)
) f;

-- CSAT and CES over RANGE and GROUPS frames of CSAT/CES scores.
SELECT count(*) FILTER (WHERE csat IS DISTINCT FROM csat_expected) AS csat_mismatches,
       count(*) FILTER (WHERE abs(ces - ces_expected) > 1e-12 * ces_expected
                        OR (ces IS NULL) <> (ces_expected IS NULL)) AS ces_mismatches
FROM (
    SELECT csat(score % 5 + 1) OVER w AS csat,
           100.0::float8 * count(*) FILTER (WHERE score % 5 + 1 >= 4) OVER w
               / nullif(count(score) OVER w, 0) AS csat_expected,
           ces(score % 7 + 1) OVER w AS ces,
           avg((score % 7 + 1)::float8) OVER w AS ces_expected
    FROM answers
    WINDOW w AS (ORDER BY i / 7 RANGE BETWEEN 5 PRECEDING AND 2 FOLLOWING)
) f;

-- Weighted NPS over a moving frame equals the weighted recomputation within 1e-12 relative;
-- the weights have fractions, so the inverse asks for recomputation where it cannot be exact.
SELECT count(*) FILTER (WHERE abs(nps - expected) > 1e-12 * greatest(abs(expected), 1)
                        OR (nps IS NULL) <> (expected IS NULL)) AS mismatches
FROM (
    SELECT nps(nps_agg(score, weight) OVER w) AS nps,
           100 * (coalesce(sum(weight) FILTER (WHERE score >= 9) OVER w, 0)
                  - coalesce(sum(weight) FILTER (WHERE score <= 6) OVER w, 0))
               / nullif(sum(weight) FILTER (WHERE score IS NOT NULL) OVER w, 0) AS expected
    FROM answers
    WINDOW w AS (ORDER BY i ROWS BETWEEN 29 PRECEDING AND CURRENT ROW)
) f;

-- Whole-number weights stay exact through the inverse: summaries equal the recomputation.
SELECT count(*) FILTER (WHERE moving <> recomputed) AS mismatches
FROM (
    SELECT nps_agg(score, i % 4) OVER w AS moving,
           (SELECT nps_agg(a2.score, a2.i % 4) FROM answers a2
            WHERE a2.i BETWEEN a.i - 9 AND a.i) AS recomputed
    FROM answers a
    WHERE a.i <= 600
    WINDOW w AS (ORDER BY i ROWS BETWEEN 9 PRECEDING AND CURRENT ROW)
) f;

-- rollup() of daily summaries over a moving week equals the direct aggregate over the rows.
CREATE TEMP TABLE daily AS
SELECT i / 50 AS day, nps_agg(score) AS s FROM answers GROUP BY i / 50;
SELECT count(*) FILTER (WHERE moving <> direct) AS mismatches, count(*) AS days
FROM (
    SELECT d.day, rollup(d.s) OVER (ORDER BY d.day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW)
               AS moving,
           (SELECT nps_agg(score) FROM answers WHERE i / 50 BETWEEN d.day - 6 AND d.day) AS direct
    FROM daily d
) f;
