-- Two-sample comparisons against ../shared/reference-values.md.
SET extra_float_digits = 0;
CREATE FUNCTION pg_temp.near(actual double precision, expected double precision) RETURNS boolean
    LANGUAGE sql IMMUTABLE AS
$$ SELECT abs(actual - expected) <= greatest(1e-9, 1e-9 * abs(expected)) $$;

-- NPS: 50 x 10, 30 x 7, 20 x 3 (NPS 30) against 50 promoters, 25 passives, 25 detractors.
SELECT pg_temp.near(difference, 5) AS difference, pg_temp.near(std_error, 11.39078575) AS se,
       pg_temp.near(statistic, 0.4389512813) AS z, pg_temp.near(p_value, 0.6606968377) AS p
FROM compare(nps_summary(ARRAY[0, 0, 0, 20, 0, 0, 0, 30, 0, 0, 50]), nps_summary(25, 25, 50));

-- CSAT: 18 satisfied of 20 against 10 of 20, pooled two-proportion z test.
SELECT pg_temp.near(difference, 40) AS difference, pg_temp.near(std_error, 14.49137675) AS se,
       pg_temp.near(statistic, 2.760262237) AS z, pg_temp.near(p_value, 0.005775498089) AS p
FROM compare(csat_summary(ARRAY[2, 0, 0, 0, 18]), csat_summary(ARRAY[0, 10, 0, 10, 0]));

-- CES: 5, 6, 7 against 3, 4, 5, 6, Welch t test.
SELECT pg_temp.near(difference, 1.5) AS difference, pg_temp.near(std_error, 0.8660254038) AS se,
       pg_temp.near(statistic, 1.732050808) AS t, pg_temp.near(p_value, 0.1442930431) AS p
FROM compare(ces_summary(ARRAY[0, 0, 0, 0, 1, 1, 1]), ces_summary(ARRAY[0, 0, 1, 1, 1, 1, 0]));

-- With LATERAL, per segment against the rest.
CREATE TEMP TABLE journey (segment text, score integer);
INSERT INTO journey VALUES ('A', 10), ('A', 9), ('A', 3), ('A', 7), ('A', 8), ('B', 0),
    ('B', 10), ('B', 2);
SELECT s.segment, round(c.difference::numeric, 6) AS difference,
       round(c.p_value::numeric, 6) AS p_value
FROM (SELECT segment, nps_agg(score) AS here, rollup(nps_agg(score)) OVER () AS everyone
      FROM journey GROUP BY segment) s,
     LATERAL compare(s.here, s.everyone - s.here) c
ORDER BY s.segment;

-- No variance on either side: no statistic and no p-value.
SELECT c.* FROM (SELECT nps_agg(10) AS a) s, LATERAL compare(s.a, s.a) c;
