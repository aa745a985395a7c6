-- Moments of truth: every touchpoint of a segment against the rest of the segment's journey,
-- with p-values adjusted for the number of touchpoints by Holm's method. The query is the
-- pattern of docs/moments-of-truth.md, once over CSAT and once over NPS summaries.
-- Expected values: test/oracle/moments_of_truth.py (statsmodels proportions_ztest for the
-- pooled two-proportion test, multipletests(method='holm')); both INSERTs below are its output.
-- Cases: significant after adjustment both ways (b2b web better, phone worse; retail web
-- worse), significant before but not after adjustment (retail phone, raw p 0.044), a
-- touchpoint with only NULL answers (b2b portal: no test, not counted), a segment of one
-- touchpoint (solo: the rest is empty) and one where every answer is satisfied (flat: SE 0).

-- The tables live in a schema of their own, so that no other test's names collide.
SET client_min_messages = warning;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS cx;
RESET client_min_messages;
RESET client_min_messages;
CREATE SCHEMA moments_of_truth;
SET search_path = moments_of_truth, public;

CREATE TABLE touchpoint_counts (metric text, segment text, touchpoint text, counts bigint[]);
CREATE TABLE oracle (metric text, segment text, touchpoint text, difference double precision,
                     statistic double precision, p_value double precision,
                     p_holm double precision, verdict text);

INSERT INTO touchpoint_counts (metric, segment, touchpoint, counts) VALUES
    ('csat', 'retail', 'web', '{20,15,25,25,15}'),
    ('csat', 'retail', 'phone', '{5,10,15,35,35}'),
    ('csat', 'retail', 'shop', '{6,8,11,25,30}'),
    ('csat', 'retail', 'email', '{10,5,5,15,15}'),
    ('csat', 'retail', 'app', '{4,5,6,20,25}'),
    ('csat', 'b2b', 'web', '{0,1,1,8,10}'),
    ('csat', 'b2b', 'phone', '{4,3,3,5,5}'),
    ('csat', 'b2b', 'visit', '{1,1,2,6,6}'),
    ('csat', 'b2b', 'portal', NULL),
    ('csat', 'solo', 'web', '{1,2,3,4,5}'),
    ('csat', 'flat', 'web', '{0,0,0,3,4}'),
    ('csat', 'flat', 'phone', '{0,0,0,0,5}'),
    ('nps', 'retail', 'web', '{5,3,2,4,6,5,5,10,10,20,30}'),
    ('nps', 'retail', 'phone', '{10,8,6,6,5,5,10,15,10,10,15}'),
    ('nps', 'retail', 'shop', '{1,1,1,2,2,3,5,10,15,25,35}'),
    ('nps', 'retail', 'email', '{3,2,2,3,3,4,3,8,6,6,10}');

INSERT INTO oracle (metric, segment, touchpoint, difference, statistic, p_value, p_holm, verdict)
VALUES
    ('csat', 'b2b', 'web', 28.888888888888886, 2.2929844695893116,
     0.02184889908834779, 0.04369779817669558, 'better'),
    ('csat', 'b2b', 'phone', -33.333333333333336, -2.6457513110645907,
     0.008150971593502691, 0.024452914780508074, 'worse'),
    ('csat', 'b2b', 'visit', 5.000000000000004, 0.37416573867739444,
     0.7082810122906025, 0.7082810122906025, 'no clear difference'),
    ('csat', 'b2b', 'portal', NULL, NULL, NULL, NULL, 'no clear difference'),
    ('csat', 'flat', 'web', 0.0, NULL, NULL, NULL, 'no clear difference'),
    ('csat', 'flat', 'phone', 0.0, NULL, NULL, NULL, 'no clear difference'),
    ('csat', 'retail', 'web', -28.965517241379313, -5.134064733683748,
     2.8355049667247049e-07, 1.4177524833623525e-06, 'worse'),
    ('csat', 'retail', 'phone', 11.379310344827587, 2.0169540025186152,
     0.043700313703888355, 0.13110094111166506, 'no clear difference'),
    ('csat', 'retail', 'shop', 9.072580645161288, 1.487091635460997,
     0.13699061042159344, 0.2739812208431869, 'no clear difference'),
    ('csat', 'retail', 'email', -1.764705882352946, -0.2394847410096746,
     0.8107297271774055, 0.8107297271774055, 'no clear difference'),
    ('csat', 'retail', 'app', 15.909090909090907, 2.3300165820713103,
     0.019805274723524946, 0.07922109889409978, 'no clear difference'),
    ('csat', 'solo', 'web', NULL, NULL, NULL, NULL, 'no clear difference'),
    ('nps', 'retail', 'web', 13.6, 1.323472268425502,
     0.18567837258148745, 0.19892804343806922, 'no clear difference'),
    ('nps', 'retail', 'phone', -49.4, -5.017658135774496,
     5.2305144007461201e-07, 1.5691543202238361e-06, 'worse'),
    ('nps', 'retail', 'shop', 48.599999999999994, 5.263423212244029,
     1.4139757936831223e-07, 5.6559031747324891e-07, 'better'),
    ('nps', 'retail', 'email', -21.333333333333336, -1.6474576130684007,
     0.09946402171903461, 0.19892804343806922, 'no clear difference');

-- One row per answer: counts[i] answers of score lowest + i - 1; three NULL answers where the
-- counts are NULL.
CREATE TABLE answers AS
SELECT c.metric, c.segment, c.touchpoint,
       (CASE c.metric WHEN 'csat' THEN 1 ELSE 0 END + k.i - 1)::integer AS score
FROM touchpoint_counts AS c
CROSS JOIN LATERAL unnest(c.counts) WITH ORDINALITY AS k (answers, i)
CROSS JOIN LATERAL generate_series(1, k.answers)
UNION ALL
SELECT metric, segment, touchpoint, NULL
FROM touchpoint_counts, generate_series(1, 3)
WHERE counts IS NULL;

-- The pattern over CSAT summaries.
CREATE TABLE csat_moments AS
WITH touchpoints AS (
    SELECT segment, touchpoint, csat_agg(score) AS s
    FROM answers
    WHERE metric = 'csat'
    GROUP BY segment, touchpoint
), against_rest AS (
    SELECT *, rollup(s) OVER (PARTITION BY segment) - s AS rest
    FROM touchpoints
), tested AS (
    SELECT a.segment, a.touchpoint, a.s, a.rest, c.*
    FROM against_rest AS a
    CROSS JOIN LATERAL compare(a.s, a.rest) AS c
), ranked AS (
    SELECT *,
           count(p_value) OVER (PARTITION BY segment) AS m,
           row_number() OVER (PARTITION BY segment ORDER BY p_value) AS k
    FROM tested
), adjusted AS (
    SELECT *,
           CASE WHEN p_value IS NOT NULL THEN
               least(1, max((m - k + 1) * p_value) OVER (PARTITION BY segment ORDER BY k))
           END AS p_holm
    FROM ranked
)
SELECT segment, touchpoint, responses(s) AS n, difference, statistic, p_value, p_holm,
       CASE
           WHEN p_holm < 0.05 AND difference < 0 THEN 'worse'
           WHEN p_holm < 0.05 AND difference > 0 THEN 'better'
           ELSE 'no clear difference'
       END AS verdict
FROM adjusted;

-- The same pattern over NPS summaries.
CREATE TABLE nps_moments AS
WITH touchpoints AS (
    SELECT segment, touchpoint, nps_agg(score) AS s
    FROM answers
    WHERE metric = 'nps'
    GROUP BY segment, touchpoint
), against_rest AS (
    SELECT *, rollup(s) OVER (PARTITION BY segment) - s AS rest
    FROM touchpoints
), tested AS (
    SELECT a.segment, a.touchpoint, a.s, a.rest, c.*
    FROM against_rest AS a
    CROSS JOIN LATERAL compare(a.s, a.rest) AS c
), ranked AS (
    SELECT *,
           count(p_value) OVER (PARTITION BY segment) AS m,
           row_number() OVER (PARTITION BY segment ORDER BY p_value) AS k
    FROM tested
), adjusted AS (
    SELECT *,
           CASE WHEN p_value IS NOT NULL THEN
               least(1, max((m - k + 1) * p_value) OVER (PARTITION BY segment ORDER BY k))
           END AS p_holm
    FROM ranked
)
SELECT segment, touchpoint, responses(s) AS n, difference, statistic, p_value, p_holm,
       CASE
           WHEN p_holm < 0.05 AND difference < 0 THEN 'worse'
           WHEN p_holm < 0.05 AND difference > 0 THEN 'better'
           ELSE 'no clear difference'
       END AS verdict
FROM adjusted;

-- close(a, b): both NULL, or equal within 1e-9 relative (1e-12 absolute near zero).
CREATE FUNCTION pg_temp.close(a double precision, b double precision) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(abs(a - b) <= greatest(1e-9 * abs(b), 1e-12), a IS NULL AND b IS NULL)
$$;

-- Every touchpoint once, its figures against the oracle's: all four *_ok columns are true.
SELECT metric, segment, touchpoint, r.n,
       round(r.difference::numeric, 2) AS difference,
       round(r.p_value::numeric, 6) AS p_value,
       round(r.p_holm::numeric, 6) AS p_holm,
       r.verdict,
       pg_temp.close(r.difference, o.difference) AND pg_temp.close(r.statistic, o.statistic)
           AS test_ok,
       pg_temp.close(r.p_value, o.p_value) AS p_ok,
       pg_temp.close(r.p_holm, o.p_holm) AS holm_ok,
       r.verdict = o.verdict AS verdict_ok
FROM oracle AS o
FULL JOIN (SELECT 'csat' AS metric, * FROM csat_moments
           UNION ALL
           SELECT 'nps', * FROM nps_moments) AS r USING (metric, segment, touchpoint)
ORDER BY metric, segment, touchpoint;

SET client_min_messages = warning;
DROP SCHEMA moments_of_truth CASCADE;
RESET client_min_messages;
RESET search_path;
