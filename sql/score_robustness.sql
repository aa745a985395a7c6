-- Extreme and hostile input to the score summaries: every case ends in a clear error or a
-- correct figure, never a crash, and nothing stored becomes unreadable.
SET extra_float_digits = 0;

-- Runs a statement and returns the SQLSTATE it raised ('00000' when it succeeded).
CREATE FUNCTION pg_temp.sqlstate_of(statement text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE statement;
    RETURN '00000';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END $$;

-- Counts at the top of their range: adding one more is 22003, as is any total past 2^63 - 1.
SELECT statement, pg_temp.sqlstate_of(statement) AS sqlstate
FROM (VALUES
    ('SELECT nps(nps_summary_add(nps_summary(ARRAY[9223372036854775807,0,0,0,0,0,0,0,0,0,0]'
     || '::bigint[]), 0))'),
    ('SELECT nps(nps_summary(ARRAY[9223372036854775807,0,0,0,0,0,0,0,0,0,1]::bigint[]))'),
    ('SELECT ''v1 counts=[9223372036854775807,1,0,0,0]''::csat_summary'),
    ('SELECT ''v1 counts=[99999999999999999999,0,0,0,0]''::csat_summary'),
    -- Weights outside [1e-150, 1e150] (other than 0) are refused; sums that overflow are 22003.
    ('SELECT nps_agg(10, 1e200::float8)'),
    ('SELECT nps_agg(10, 1e-200::float8)'),
    ('SELECT ''v1 counts=[1,0,0,0,0] weights=[1e154,0,0,0,0] squares=1e308''::csat_summary'
     || ' + ''v1 counts=[1,0,0,0,0] weights=[1e154,0,0,0,0] squares=1e308'''),
    -- Weighted subtraction must find the weight it removes.
    ('SELECT nps_agg(10, 1.0) - nps_agg(10, 5.0)'),
    -- Sums of squares that contradict the weight sums are malformed.
    ('SELECT ''v1 counts=[1,0,0,0,0] weights=[1,0,0,0,0] squares=1e-300''::csat_summary'),
    ('SELECT ''v1 counts=[2,0,0,0,0] weights=[1,0,0,0,0] squares=5''::csat_summary'),
    ('SELECT ''v1 counts=[-0,0,0,0,0]''::csat_summary'),
    -- Transition functions called by hand check the summary they are given.
    ('SELECT nps_summary_add(nps_summary(1, 2, 3), 9)'),
    ('SELECT nps_summary_remove(nps_agg(9, 1.0), 9, 5.0)'),
    ('SELECT nps_summary_add(''v1 counts=[0,0,0,0,0,0,0,0,0,0,1]'', 10)')
) v(statement);

-- The last one is fine: one more 10.
SELECT nps_summary_add('v1 counts=[0,0,0,0,0,0,0,0,0,0,1]', 10);
-- A weight that was never there cannot be removed: NULL asks an aggregate to recompute.
SELECT nps_summary_remove(nps_agg(9, 1.0), 9, 5.0) IS NULL AS refused;

-- The largest weights give finite figures. Three answers of 1e150: Kish n = (3e150)^2 / 3e300
-- = 3, NPS 100 (all promoters), SE 0.
SELECT nps(s), effective_responses(s), std_error(s)
FROM (SELECT nps_agg(10, 1e150::float8) AS s FROM generate_series(1, 3)) g;
-- The smallest: two answers of 1e-150, a 10 and a 0: NPS 0, Kish n 2, SE 100 * sqrt(1 / 2).
SELECT nps(s), effective_responses(s), round(std_error(s)::numeric, 8) AS se
FROM (SELECT nps_agg(score, 1e-150::float8) AS s FROM (VALUES (10), (0)) v(score)) g;

-- The longest text form prints whole and reads back equal.
SELECT length(s::text) > 500 AS long, s::text::nps_summary = s AS round_trip
FROM (SELECT ('v1 counts=[' || repeat('800000000000000000,', 10) || '800000000000000000]'
              || ' weights=[' || repeat('1.2345678901234567e-120,', 10)
              || '1.2345678901234567e-120] squares=1.2345678901234567e-239')::nps_summary AS s) t;

-- An empty bucket summary is the empty summary, and merging it keeps per-score counts.
SELECT nps_summary(0, 0, 0) = nps_agg(NULL::int) AS same, nps_summary(0, 0, 0) + nps_agg(10);

-- Summaries sort (in an order with no meaning beyond sorting), so DISTINCT aggregates work.
SELECT count(DISTINCT s), nps(rollup(DISTINCT s))
FROM (VALUES (nps_summary(1, 0, 1)), (nps_summary(1, 0, 1)), (nps_summary(0, 1, 0))) v(s);
