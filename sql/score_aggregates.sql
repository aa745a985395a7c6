-- NPS, CSAT and CES aggregates against ../shared/reference-values.md. Each check compares with
-- the reference figure (10 significant digits) within 1e-9 relative or 1e-9 absolute.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS cx;
RESET client_min_messages;
SET extra_float_digits = 0;

CREATE FUNCTION pg_temp.near(actual double precision, expected double precision) RETURNS boolean
    LANGUAGE sql IMMUTABLE AS
$$ SELECT abs(actual - expected) <= greatest(1e-9, 1e-9 * abs(expected)) $$;

-- Answers of the reference's NPS rows, one row per answer.
CREATE TEMP TABLE nps_rows (case_name text, score integer);
INSERT INTO nps_rows VALUES
    ('nulls', NULL), ('nulls', NULL),
    ('ten', 10), ('zero', 0),
    ('promoters', 9), ('promoters', 10), ('promoters', 9), ('promoters', 10), ('promoters', 9),
    ('detractors', 0), ('detractors', 1), ('detractors', 2), ('detractors', 3),
    ('detractors', 4), ('detractors', 5), ('detractors', 6),
    ('6789', 6), ('6789', 7), ('6789', 8), ('6789', 9),
    ('clamped', 1), ('clamped', 2), ('clamped', 6), ('clamped', 7), ('clamped', 8),
    ('sixth', 1), ('sixth', 7), ('sixth', 7), ('sixth', 8), ('sixth', 9), ('sixth', 10),
    ('with null', 1), ('with null', 8), ('with null', 8), ('with null', 10), ('with null', 5),
    ('with null', NULL), ('with null', 9),
    ('passives', 7), ('passives', 8), ('passives', 7),
    ('ten zero', 10), ('ten zero', 0);
INSERT INTO nps_rows SELECT 'all scores', g FROM generate_series(0, 10) g;
INSERT INTO nps_rows SELECT 'hundred', 10 FROM generate_series(1, 50);
INSERT INTO nps_rows SELECT 'hundred', 7 FROM generate_series(1, 30);
INSERT INTO nps_rows SELECT 'hundred', 3 FROM generate_series(1, 20);

-- Reference figures: NPS, SE and 95 % interval where the reference gives them.
CREATE TEMP TABLE nps_expected (case_name text PRIMARY KEY, nps float8, se float8,
                                lo float8, hi float8);
INSERT INTO nps_expected VALUES
    ('nulls', NULL, NULL, NULL, NULL),
    ('ten', 100, 0, NULL, NULL),
    ('zero', -100, 0, NULL, NULL),
    ('promoters', 100, 0, NULL, NULL),
    ('detractors', -100, 0, NULL, NULL),
    ('6789', 0, 35.35533906, -69.29519122, 69.29519122),
    ('all scores', -45.45454545, 23.57907871, -91.66869051, 0.7595995997),
    ('clamped', -60, 21.90890230, -100, -17.05934055),
    ('sixth', 16.66666667, 28.05418038, NULL, NULL),
    ('with null', 0, 33.33333333, NULL, NULL),
    ('passives', 0, 0, NULL, NULL),
    ('ten zero', 0, 70.71067812, NULL, NULL),
    ('hundred', 30, 7.810249676, 14.69219192, 45.30780808);

-- Every score type gives the reference NPS; a case fails when any check is false.
SELECT e.case_name,
       count(r.score) AS n,
       nps(r.score) IS NOT DISTINCT FROM nps(r.score::smallint)
           AND nps(r.score) IS NOT DISTINCT FROM nps(r.score::bigint)
           AND nps(r.score) IS NOT DISTINCT FROM nps(r.score::numeric)
           AND nps(r.score) IS NOT DISTINCT FROM nps(r.score::float8) AS types_agree,
       coalesce(pg_temp.near(nps(r.score), e.nps), nps(r.score) IS NULL AND e.nps IS NULL)
           AS nps_ok,
       coalesce(pg_temp.near(std_error(nps_agg(r.score)), e.se), e.se IS NULL) AS se_ok,
       coalesce(pg_temp.near(ci_lower(nps_agg(r.score)), e.lo), e.lo IS NULL) AS lo_ok,
       coalesce(pg_temp.near(ci_upper(nps_agg(r.score)), e.hi), e.hi IS NULL) AS hi_ok
FROM nps_expected e LEFT JOIN nps_rows r USING (case_name)
GROUP BY e.case_name ORDER BY e.case_name;

-- No rows at all: NULL, and an empty summary.
SELECT nps(score), csat(score), ces(score), nps_agg(score)
FROM nps_rows WHERE false;

-- 99 % interval and margin of error of 50 x 10, 30 x 7, 20 x 3.
SELECT pg_temp.near(ci_lower(s, 0.99), 9.882130017) AS lo99,
       pg_temp.near(ci_upper(s, 0.99), 50.11786998) AS hi99,
       pg_temp.near(margin_of_error(s), 15.30780808) AS margin95
FROM (SELECT nps_agg(score) AS s FROM nps_rows WHERE case_name = 'hundred') h;

-- Weighted: 10, 0, 8 with weights 2, 1, 1: NPS 25, Kish n 2.666666667, SE 50.77524003.
SELECT nps(s), responses(s), pg_temp.near(effective_responses(s), 2.666666667) AS kish,
       pg_temp.near(std_error(s), 50.77524003) AS se
FROM (SELECT nps_agg(score, weight) AS s
      FROM (VALUES (10, 2.0), (0, 1.0), (8, 1.0), (9, NULL)) v(score, weight)) w;

-- The one-step weighted forms: NPS 25 as above; CSAT of 5, 4, 1 with weights 1, 2, 1 is 75
-- (reference); CES of 7 (weight 1) and 1 (weight 3) is (7 + 3) / 4 = 2.5 by hand.
SELECT (SELECT nps(score, weight)
        FROM (VALUES (10, 2.0), (0, 1.0), (8, 1.0), (9, NULL)) v(score, weight)) AS nps,
       (SELECT csat(score, weight) FROM (VALUES (5, 1), (4, 2), (1, 1)) v(score, weight)) AS csat,
       (SELECT ces(score, weight) FROM (VALUES (7, 1), (1, 3)) v(score, weight)) AS ces;

-- Segments and touchpoints with ROLLUP (reference "Segments").
CREATE TEMP TABLE journey (segment text, touchpoint text, score integer);
INSERT INTO journey VALUES ('A', 'web', 10), ('A', 'web', 9), ('A', 'web', 3),
    ('A', 'phone', 7), ('A', 'phone', 8), ('B', 'web', 0), ('B', 'web', 10),
    ('B', 'phone', NULL);
SELECT segment, touchpoint, round(nps(score)::numeric, 8) AS nps, count(score) AS n
FROM journey GROUP BY ROLLUP (segment, touchpoint)
ORDER BY segment NULLS LAST, touchpoint NULLS LAST;

-- CUBE, GROUPING SETS and FILTER give the same figures as separate queries.
SELECT segment, touchpoint, nps(score) AS nps, nps(score) FILTER (WHERE touchpoint = 'web') AS web
FROM journey GROUP BY CUBE (segment, touchpoint)
ORDER BY segment NULLS LAST, touchpoint NULLS LAST;

-- CSAT rows.
CREATE TEMP TABLE csat_rows (case_name text, score integer);
INSERT INTO csat_rows SELECT '107', 5 FROM generate_series(1, 42);
INSERT INTO csat_rows SELECT '107', 4 FROM generate_series(1, 32);
INSERT INTO csat_rows SELECT '107', 3 FROM generate_series(1, 10);
INSERT INTO csat_rows SELECT '107', 2 FROM generate_series(1, 9);
INSERT INTO csat_rows SELECT '107', 1 FROM generate_series(1, 14);
INSERT INTO csat_rows VALUES ('1-5', 1), ('1-5', 2), ('1-5', 3), ('1-5', 4), ('1-5', 5),
    ('1-4', 1), ('1-4', 2), ('1-4', 3), ('1-4', 4), ('3,3', 3), ('3,3', 3),
    ('none of 5', 1), ('none of 5', 2), ('none of 5', 3), ('none of 5', 3), ('none of 5', 1),
    ('all of 5', 5), ('all of 5', 4), ('all of 5', 5), ('all of 5', 4), ('all of 5', 5);

CREATE TEMP TABLE csat_expected (case_name text PRIMARY KEY, csat float8, se float8,
                                 lo float8, hi float8, margin float8);
INSERT INTO csat_expected VALUES
    ('107', 69.15887850, 4.464750178, 59.87150913, 77.11826025, 8.750749549),
    ('1-5', 40, NULL, NULL, NULL, NULL),
    ('1-4', 25, NULL, NULL, NULL, NULL),
    ('3,3', 0, NULL, NULL, NULL, NULL),
    ('none of 5', 0, NULL, 0, 43.44824648, NULL),
    ('all of 5', 100, NULL, 56.55175352, 100, NULL),
    ('no rows', NULL, NULL, NULL, NULL, NULL);

SELECT e.case_name, count(r.score) AS n,
       csat(r.score) IS NOT DISTINCT FROM csat(r.score::smallint)
           AND csat(r.score) IS NOT DISTINCT FROM csat(r.score::bigint)
           AND csat(r.score) IS NOT DISTINCT FROM csat(r.score::numeric)
           AND csat(r.score) IS NOT DISTINCT FROM csat(r.score::float8) AS types_agree,
       coalesce(pg_temp.near(csat(r.score), e.csat), csat(r.score) IS NULL AND e.csat IS NULL)
           AS csat_ok,
       coalesce(pg_temp.near(std_error(csat_agg(r.score)), e.se), e.se IS NULL) AS se_ok,
       coalesce(pg_temp.near(ci_lower(csat_agg(r.score)), e.lo), e.lo IS NULL) AS lo_ok,
       coalesce(pg_temp.near(ci_upper(csat_agg(r.score)), e.hi), e.hi IS NULL) AS hi_ok,
       coalesce(pg_temp.near(margin_of_error(csat_agg(r.score)), e.margin), e.margin IS NULL)
           AS margin_ok
FROM csat_expected e LEFT JOIN csat_rows r USING (case_name)
GROUP BY e.case_name ORDER BY e.case_name;

-- Weighted CSAT: 5, 4, 1 with weights 1, 2, 1 is 75; another cut: only 5 counts, 1 of 4 = 25.
SELECT csat(s), csat(s, 5)
FROM (SELECT csat_agg(score, weight) AS s FROM (VALUES (5, 1), (4, 2), (1, 1)) v(score, weight)) w;

-- CES rows.
CREATE TEMP TABLE ces_rows (case_name text, score integer);
INSERT INTO ces_rows VALUES ('7..1', 7), ('7..1', 6), ('7..1', 5), ('7..1', 4), ('7..1', 3),
    ('7..1', 2), ('7..1', 1), ('5677', 5), ('5677', 6), ('5677', 7), ('5677', 7),
    ('4,4', 4), ('4,4', 4), ('6', 6), ('only null', NULL);

-- The reference's 7..1 interval [2.002104842, 5.997895158] came from a t quantile good to
-- about 1e-9; R's t.test(c(7,6,5,4,3,2,1)) gives [2.0021048397086, 5.9978951602914] and
-- margin 1.9978951602914, which are checked here (the reference agrees within 2e-9).
CREATE TEMP TABLE ces_expected (case_name text PRIMARY KEY, ces float8, sd float8,
                                se float8, lo float8, hi float8, margin float8);
INSERT INTO ces_expected VALUES
    ('7..1', 4, 2.160246899, 0.8164965809, 2.0021048397086, 5.9978951602914, 1.9978951602914),
    ('5677', 6.25, 0.9574271078, NULL, 4.726519819, 7, NULL),
    ('4,4', 4, NULL, NULL, NULL, NULL, NULL),
    ('6', 6, NULL, NULL, NULL, NULL, NULL),
    ('only null', NULL, NULL, NULL, NULL, NULL, NULL);

SELECT e.case_name, count(r.score) AS n,
       ces(r.score) IS NOT DISTINCT FROM ces(r.score::smallint)
           AND ces(r.score) IS NOT DISTINCT FROM ces(r.score::bigint)
           AND ces(r.score) IS NOT DISTINCT FROM ces(r.score::numeric)
           AND ces(r.score) IS NOT DISTINCT FROM ces(r.score::float8) AS types_agree,
       coalesce(pg_temp.near(ces(r.score), e.ces), ces(r.score) IS NULL AND e.ces IS NULL)
           AS ces_ok,
       coalesce(pg_temp.near(std_dev(ces_agg(r.score)), e.sd), e.sd IS NULL) AS sd_ok,
       coalesce(pg_temp.near(std_error(ces_agg(r.score)), e.se), e.se IS NULL) AS se_ok,
       coalesce(pg_temp.near(ci_lower(ces_agg(r.score)), e.lo), e.lo IS NULL) AS lo_ok,
       coalesce(pg_temp.near(ci_upper(ces_agg(r.score)), e.hi), e.hi IS NULL) AS hi_ok,
       coalesce(pg_temp.near(margin_of_error(ces_agg(r.score)), e.margin), e.margin IS NULL)
           AS margin_ok
FROM ces_expected e LEFT JOIN ces_rows r USING (case_name)
GROUP BY e.case_name ORDER BY e.case_name;

-- A single CES answer has no standard error or interval (n < 2).
SELECT ces(s), std_dev(s), std_error(s), ci_lower(s), ci_upper(s)
FROM (SELECT ces_agg(6) AS s) one;
