-- Bad input: clear errors with the right SQLSTATE, never a silent skip or a crash.
SET extra_float_digits = 0;

-- Runs a statement and returns the SQLSTATE it raised ('00000' when it succeeded).
CREATE FUNCTION pg_temp.sqlstate_of(statement text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE statement;
    RETURN '00000';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END $$;

-- Expected: 22003 for scores off the scale, not whole, or counts out of range; 22023 for bad
-- weights, confidence levels, cuts and counts; 22004 for NULL counts; 22P02 for bad text.
SELECT statement, pg_temp.sqlstate_of(statement) AS sqlstate
FROM (VALUES
    ('SELECT nps(score) FROM (VALUES (9), (11)) v(score)'),
    ('SELECT nps(-1)'),
    ('SELECT nps(8.5)'),
    ('SELECT nps(8.5::float8)'),
    ('SELECT nps(99::smallint)'),
    ('SELECT nps(10000000000::bigint)'),
    ('SELECT nps(''NaN''::float8)'),
    ('SELECT nps(''Infinity''::numeric)'),
    ('SELECT nps(10.000000000000000000001)'),
    ('SELECT csat(0)'),
    ('SELECT csat(6)'),
    ('SELECT csat(4.5)'),
    ('SELECT ces(0)'),
    ('SELECT ces(8)'),
    ('SELECT ces(1e300::float8)'),
    ('SELECT nps_agg(11, 1.0)'),
    ('SELECT nps_agg(10, -1.0)'),
    ('SELECT nps_agg(10, ''NaN''::float8)'),
    ('SELECT csat_agg(5, ''Infinity''::float8)'),
    ('SELECT ci_lower(nps_agg(score), 1.0) FROM (VALUES (10), (0)) v(score)'),
    ('SELECT ci_upper(nps_agg(score), 0) FROM (VALUES (10), (0)) v(score)'),
    ('SELECT margin_of_error(csat_agg(score), ''NaN'') FROM (VALUES (5), (1)) v(score)'),
    ('SELECT ci_lower(ces_agg(score), -0.5) FROM (VALUES (5), (1)) v(score)'),
    ('SELECT csat(csat_agg(5), 6)'),
    ('SELECT score_count(csat_agg(1), 6)'),
    ('SELECT ''v1 counts=[1,2]''::nps_summary'),
    ('SELECT ''v2 counts=[0,0,0,0,0]''::csat_summary'),
    ('SELECT ''v1 counts=[0,0,-3,0,0]''::csat_summary'),
    ('SELECT ''v1 counts=[0,0,0,0,0,0,0] extra''::ces_summary'),
    ('SELECT ''v1 counts=[1,0,0,0,0] weights=[-1,0,0,0,0] squares=1''::csat_summary'),
    ('SELECT ''v1 counts=[1,0,0,0,0] weights=[1,0,0,0,0] squares=inf''::csat_summary'),
    ('SELECT ''v1 buckets=[1,2,3]''::csat_summary'),
    ('SELECT ''''::nps_summary'),
    ('SELECT nps_summary(ARRAY[1, 2, 3]::bigint[])'),
    ('SELECT csat_summary(ARRAY[1, NULL, 3, 4, 5]::bigint[])'),
    ('SELECT csat_summary(ARRAY[1, -2, 3, 4, 5]::bigint[])'),
    ('SELECT ces_summary(ARRAY[[1, 2], [3, 4]]::bigint[])'),
    ('SELECT nps_summary(1, -2, 3)'),
    ('SELECT ''v1 counts=[9223372036854775807,0,0,0,0]''::csat_summary + csat_agg(1)'),
    ('SELECT csat_agg(1) - csat_agg(2)'),
    ('SELECT nps_summary(9223372036854775807, 1, 0)')
) v(statement);

-- What the messages say.
SELECT nps(score) FROM (VALUES (9), (11)) v(score);
SELECT nps(8.5);
SELECT csat(0);
SELECT ces(8);
SELECT nps_agg(10, -1.0);
SELECT ci_lower(nps_agg(score), 1.5) FROM (VALUES (10), (0)) v(score);
SELECT 'v1 counts=[0,0,-3,0,0]'::csat_summary;
SELECT csat_summary(ARRAY[1, NULL, 3, 4, 5]::bigint[]);
SELECT 'v1 counts=[9223372036854775807,0,0,0,0]'::csat_summary + csat_agg(1);

-- Whole numbers written with a fraction are fine.
SELECT nps(10.0), nps(10.0::float8), csat(4.00);

-- The hint's ways of excluding a "not applicable" code work.
SELECT nps(NULLIF(score, 99)) FROM (VALUES (10), (99), (0)) v(score);
SELECT nps(score) FILTER (WHERE score BETWEEN 0 AND 10) FROM (VALUES (10), (99), (0)) v(score);

-- A NULL weight ignores the row.
SELECT nps_agg(score, weight) FROM (VALUES (10, NULL::float8), (0, 1.0)) v(score, weight);
-- All weights 0: the rows count, the figures are NULL.
SELECT responses(s), nps(s), std_error(s)
FROM (SELECT nps_agg(score, 0.0) AS s FROM (VALUES (10), (3)) v(score)) w;
