-- Bad input to the churn, retention, survival and lifetime value functions: each gives an
-- ERROR with its SQLSTATE (22023 invalid parameter, 22004 NULL not allowed, 22P02 bad text,
-- 22003 a count beyond 2^63 - 1, 22P03 bad binary), never a crash. sqlstate_of() shows the
-- SQLSTATE and the message; a few statements run plainly to show the detail and hint.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS cx;
RESET client_min_messages;

CREATE FUNCTION pg_temp.sqlstate_of(statement text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE statement;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE || ': ' || SQLERRM;
END
$$;

CREATE TABLE err_lifetimes (started date, ended date, ps date, pe date);
INSERT INTO err_lifetimes VALUES ('2023-05-01', NULL, '2024-01-01', '2024-04-01'),
                             ('2023-06-01', '2024-02-15', '2024-01-01', '2024-04-01');

-- ended before started: 22023, whatever the aggregate.
SELECT pg_temp.sqlstate_of($$
    SELECT churn_rate(started, ended, '2024-01-01', '2024-04-01')
    FROM (VALUES (date '2024-02-01', date '2024-01-31')) v(started, ended) $$);
SELECT pg_temp.sqlstate_of($$
    SELECT retention_agg(started, ended, '2024-01-01'::timestamptz, '2024-04-01')
    FROM (VALUES (timestamptz '2024-02-01 10:00', timestamptz '2024-02-01 09:59'))
         v(started, ended) $$);
-- A NULL period bound: 22004, also on a row whose started is NULL.
SELECT pg_temp.sqlstate_of($$
    SELECT churn_rate(started, ended, NULL, '2024-04-01') FROM err_lifetimes $$);
SELECT pg_temp.sqlstate_of($$
    SELECT retention_rate(NULL::date, NULL::date, '2024-01-01', NULL) $$);
-- An empty or inverted period: 22023.
SELECT pg_temp.sqlstate_of($$
    SELECT churn_rate(started, ended, '2024-04-01', '2024-04-01') FROM err_lifetimes $$);
SELECT pg_temp.sqlstate_of($$
    SELECT churn_rate(started, ended, '2024-04-01', '2024-01-01') FROM err_lifetimes $$);
-- An infinite period: 22023.
SELECT pg_temp.sqlstate_of($$
    SELECT churn_rate(started, ended, '-infinity', '2024-01-01') FROM err_lifetimes $$);
SELECT pg_temp.sqlstate_of($$
    SELECT retention_agg(started::timestamptz, ended::timestamptz, '2024-01-01', 'infinity')
    FROM err_lifetimes $$);
-- The period must be the same for every row of a group: 22023.
SELECT pg_temp.sqlstate_of($$
    SELECT churn_rate(started, ended, ps, pe + (ended IS NULL)::int) FROM err_lifetimes $$);
-- Merging summaries of different periods or time units: 22023.
SELECT pg_temp.sqlstate_of($$
    SELECT rollup(s) FROM (VALUES
        ('v1 date 2024-01-01/2024-04-01 at_start=3 new=2 at_end=3 lost=1 new_lost=1'
         ::retention_summary),
        ('v1 date 2024-04-01/2024-07-01 at_start=3 new=2 at_end=3 lost=1 new_lost=1')) v(s) $$);
SELECT pg_temp.sqlstate_of($$
    SELECT rollup(s) FROM (VALUES
        ('v1 date 2024-01-01/2024-04-01 at_start=3 new=2 at_end=3 lost=1 new_lost=1'
         ::retention_summary),
        ('v1 timestamptz 2024-01-01T00:00:00Z/2024-04-01T00:00:00Z '
         'at_start=3 new=2 at_end=3 lost=1 new_lost=1')) v(s) $$);
-- A confidence level outside (0, 1): 22023.
SELECT pg_temp.sqlstate_of($$
    SELECT ci_lower('v1 date 2024-01-01/2024-04-01 at_start=3 new=2 at_end=3 lost=1 new_lost=1'
                    ::retention_summary, 95) $$);

-- The inverse transition functions, which remove rows leaving a moving window frame, check each
-- row as the forward ones do: a NULL period bound [22004], an empty period or another one than
-- the state's [22023], an end before the start [22023]; rollup's inverse, a summary of another
-- period [22023]; survival's, a negative duration [22023]. In a window, a row of another period
-- fails as it enters the frame [22023].
SELECT pg_temp.sqlstate_of($$
    SELECT retention_summary_remove(
               'v1 date 2024-01-01/2024-04-01 at_start=1 new=0 at_end=1 lost=0 new_lost=0',
               date '2023-05-01', NULL, NULL, date '2024-04-01') $$);
SELECT pg_temp.sqlstate_of($$
    SELECT retention_summary_remove(
               'v1 date 2024-01-01/2024-04-01 at_start=1 new=0 at_end=1 lost=0 new_lost=0',
               date '2023-05-01', NULL, date '2024-01-01', date '2024-07-01') $$);
SELECT pg_temp.sqlstate_of($$
    SELECT retention_summary_remove(
               'v1 date 2024-01-01/2024-04-01 at_start=1 new=0 at_end=1 lost=0 new_lost=0',
               date '2023-05-01', NULL, date '2024-04-01', date '2024-04-01') $$);
SELECT pg_temp.sqlstate_of($$
    SELECT retention_summary_remove(
               'v1 timestamptz 2024-01-01T00:00:00Z/2024-04-01T00:00:00Z '
               'at_start=1 new=0 at_end=1 lost=0 new_lost=0',
               timestamptz '2023-05-01 00:00Z', timestamptz '2023-04-01 00:00Z',
               timestamptz '2024-01-01 00:00Z', timestamptz '2024-04-01 00:00Z') $$);
SELECT pg_temp.sqlstate_of($$
    SELECT retention_summary_unmerge(
               'v1 date 2024-01-01/2024-04-01 at_start=3 new=2 at_end=3 lost=1 new_lost=1',
               'v1 date 2024-04-01/2024-07-01 at_start=0 new=0 at_end=0 lost=0 new_lost=0') $$);
SELECT pg_temp.sqlstate_of($$ SELECT survival_summary_remove('v1 1:1/0', -1, true) $$);
SELECT pg_temp.sqlstate_of($$
    SELECT churn_rate(started, ended, ps, pe + (ended IS NULL)::int)
               OVER (ORDER BY started ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
    FROM err_lifetimes $$);

-- The messages in full.
SELECT churn_rate(started, ended, ps, pe + (ended IS NULL)::int) FROM err_lifetimes;
SELECT churn_rate(started, ended, '2024-04-01', '2024-01-01') FROM err_lifetimes;
SELECT churn_rate(date '2024-02-01', date '2024-01-31', '2024-01-01', '2024-04-01');
SELECT churn_rate(date '2024-02-01', NULL, NULL, '2024-04-01');

-- Counts the formulas cannot describe: 22023, with a hint to the lifetime aggregates.
SELECT pg_temp.sqlstate_of($$ SELECT churn_rate(10, 20) $$);
SELECT pg_temp.sqlstate_of($$ SELECT churn_rate(-1, 0) $$);
SELECT pg_temp.sqlstate_of($$ SELECT churn_rate('NaN', 0) $$);
SELECT pg_temp.sqlstate_of($$ SELECT retention_rate(200, 250, 40) $$);
SELECT pg_temp.sqlstate_of($$ SELECT retention_rate(200, 20, 40) $$);
SELECT pg_temp.sqlstate_of($$ SELECT retention_rate(200, 'Infinity', 40) $$);
SELECT churn_rate(10, 20);
SELECT retention_rate(200, 250, 40);

-- Lifetime value: retention outside [0, 100), a negative discount, a margin that is no number.
SELECT pg_temp.sqlstate_of($$ SELECT clv(100, 100, 10) $$);
SELECT pg_temp.sqlstate_of($$ SELECT clv(100, -1, 10) $$);
SELECT pg_temp.sqlstate_of($$ SELECT clv(100, 'NaN', 10) $$);
SELECT pg_temp.sqlstate_of($$ SELECT clv(100, 80, -0.5) $$);
SELECT pg_temp.sqlstate_of($$ SELECT clv(100, 80, 'Infinity') $$);
SELECT pg_temp.sqlstate_of($$ SELECT clv('Infinity', 80, 10) $$);
SELECT clv(100, 100, 10);

-- Survival: negative or non-finite durations: 22023.
SELECT pg_temp.sqlstate_of($$ SELECT survival_agg(d, true) FROM (VALUES (-1::float8)) v(d) $$);
SELECT pg_temp.sqlstate_of($$ SELECT survival_agg(d, true) FROM (VALUES ('NaN'::float8)) v(d) $$);
SELECT pg_temp.sqlstate_of($$
    SELECT survival_agg(d, false) FROM (VALUES ('Infinity'::float8)) v(d) $$);
SELECT pg_temp.sqlstate_of($$ SELECT survival_at('v1 1:1/0', 'NaN') $$);
SELECT survival_agg(d, true) FROM (VALUES (2::float8), (-0.5)) v(d);

-- Malformed text: 22P02.
SELECT pg_temp.sqlstate_of($$ SELECT 'v2 empty'::retention_summary $$);
SELECT pg_temp.sqlstate_of($$
    SELECT 'v1 date 2024-01-01/2024-04-01 at_start=3'::retention_summary $$);
SELECT pg_temp.sqlstate_of($$
    SELECT 'v1 date 2024-02-30/2024-04-01 at_start=3 new=2 at_end=3 lost=1 new_lost=1'
           ::retention_summary $$);
SELECT pg_temp.sqlstate_of($$
    SELECT 'v1 date 2024-04-01/2024-01-01 at_start=3 new=2 at_end=3 lost=1 new_lost=1'
           ::retention_summary $$);
SELECT pg_temp.sqlstate_of($$
    SELECT 'v1 date 2024-01-01/2024-04-01 at_start=3 new=2 at_end=4 lost=1 new_lost=1'
           ::retention_summary $$);
SELECT pg_temp.sqlstate_of($$
    SELECT 'v1 date 2024-01-01/2024-04-01 at_start=1 new=0 at_end=0 lost=2 new_lost=0'
           ::retention_summary $$);
SELECT pg_temp.sqlstate_of($$
    SELECT 'v1 date 2024-01-01/2024-04-01 at_start=99999999999999999999 '
           'new=0 at_end=0 lost=0 new_lost=0'::retention_summary $$);
SELECT pg_temp.sqlstate_of($$
    SELECT 'v1 timestamptz 2024-01-01T24:00:00Z/2024-04-01T00:00:00Z '
           'at_start=0 new=0 at_end=0 lost=0 new_lost=0'::retention_summary $$);
SELECT pg_temp.sqlstate_of($$ SELECT 'v1 empty x'::retention_summary $$);
SELECT 'v1 date 2024-01-01/2024-04-01 at_start=3 new=2 at_end=4 lost=1 new_lost=1'
       ::retention_summary;
SELECT 'v1 date 2024-01-01/2024-04-01 at_start=3 new=two'::retention_summary;
SELECT pg_temp.sqlstate_of($$ SELECT 'v2'::survival_summary $$);
SELECT pg_temp.sqlstate_of($$ SELECT 'v1 2:1/0 1:1/0'::survival_summary $$);
SELECT pg_temp.sqlstate_of($$ SELECT 'v1 1:1/0 1:1/0'::survival_summary $$);
SELECT pg_temp.sqlstate_of($$ SELECT 'v1 1:0/0'::survival_summary $$);
SELECT pg_temp.sqlstate_of($$ SELECT 'v1 -1:1/0'::survival_summary $$);
SELECT pg_temp.sqlstate_of($$ SELECT 'v1 inf:1/0'::survival_summary $$);
SELECT pg_temp.sqlstate_of($$ SELECT 'v1 1:1'::survival_summary $$);
SELECT pg_temp.sqlstate_of($$ SELECT 'v1 1 2 3'::survival_summary $$);
SELECT pg_temp.sqlstate_of($$ SELECT 'v1 1:-1/2'::survival_summary $$);
SELECT pg_temp.sqlstate_of($$ SELECT 'v1 1:9223372036854775807/1'::survival_summary $$);
SELECT pg_temp.sqlstate_of($$ SELECT 'v11:1/0'::survival_summary $$);
SELECT 'v1 1:1/0 3:2 4:1/1'::survival_summary;

-- Malformed binary: 22P03. copy_binary() feeds COPY ... (FORMAT binary) one row whose value
-- has the given length and bytes, written by the shell snippet (printf octal escapes). The file
-- format: the 19-byte signature and header, per row a field count (2 bytes) and the value's
-- length (4 bytes) before it, and -1 (2 bytes) at the end.
CREATE FUNCTION pg_temp.copy_binary(tbl text, len integer, snippet text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    program text := format(
        $p$printf 'PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000$p$ ||
        $p$\000\001\000\000\000\%s%s%s'; %s; printf '\377\377'$p$,
        len / 64, len / 8 % 8, len % 8, snippet);
BEGIN
    EXECUTE format('COPY %I FROM PROGRAM %L WITH (FORMAT binary)', tbl, program);
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE || ': ' || SQLERRM;
END
$$;
CREATE TABLE err_r (s retention_summary);
CREATE TABLE err_v (s survival_summary);
-- A well-formed retention summary is version 1, unit (1 date), then seven 8-byte integers:
-- period start and end (days from 2000-01-01) and the five counts. 8766 days is 2024-01-01
-- (\000\000\042\076), 8857 is 2024-04-01 (\000\000\042\231).
SELECT pg_temp.copy_binary('err_r', 58,
    $$printf '\001\001\000\000\000\000\000\000\042\076\000\000\000\000\000\000\042\231'; $$ ||
    $$head -c 40 /dev/zero$$);
SELECT s FROM err_r;
SELECT pg_temp.copy_binary('err_r', 3, $$printf '\001\001\000'$$);
SELECT pg_temp.copy_binary('err_r', 58, $$printf '\002\001'; head -c 56 /dev/zero$$);
SELECT pg_temp.copy_binary('err_r', 58, $$printf '\001\001'; head -c 56 /dev/zero$$);
SELECT pg_temp.copy_binary('err_r', 58,
    $$printf '\001\003\000\000\000\000\000\000\042\076\000\000\000\000\000\000\042\231'; $$ ||
    $$head -c 40 /dev/zero$$);
-- A survival summary is version 1, the number of durations (4 bytes), then per duration a
-- double and two 8-byte counts. Duration 2.5 is \100\004 and six zero bytes; -1 is \277\360.
SELECT pg_temp.copy_binary('err_v', 29,
    $$printf '\001\000\000\000\001\100\004'; head -c 6 /dev/zero; $$ ||
    $$printf '\000\000\000\000\000\000\000\001'; head -c 8 /dev/zero$$);
SELECT s FROM err_v;
SELECT pg_temp.copy_binary('err_v', 5, $$printf '\001\000\000\000\001'$$);
SELECT pg_temp.copy_binary('err_v', 5, $$printf '\002\000\000\000\000'$$);
SELECT pg_temp.copy_binary('err_v', 29,
    $$printf '\001\000\000\000\001\277\360'; head -c 6 /dev/zero; $$ ||
    $$printf '\000\000\000\000\000\000\000\001'; head -c 8 /dev/zero$$);
SELECT pg_temp.copy_binary('err_v', 29,
    $$printf '\001\000\000\000\001\100\004'; head -c 22 /dev/zero$$);

-- Cohort retention: an unknown period [22023], NULL arguments [22004], a query that writes
-- (the function is STABLE) [0A000].
SELECT pg_temp.sqlstate_of($$ SELECT * FROM cohort_retention('SELECT 1, now()', 'year') $$);
SELECT pg_temp.sqlstate_of($$ SELECT * FROM cohort_retention('SELECT 1, now()', NULL) $$);
SELECT pg_temp.sqlstate_of($$ SELECT * FROM cohort_retention(NULL, 'month') $$);
CREATE TABLE err_log (n int);
SELECT pg_temp.sqlstate_of($$
    SELECT * FROM cohort_retention('INSERT INTO err_log VALUES (1) RETURNING 1, now()',
                                   'month') $$);
SELECT * FROM cohort_retention('SELECT 1, now()', 'year');

-- An activity query of the wrong shape is named in the analyst's terms; the period may be
-- written in any case, as date_trunc reads it.
SELECT * FROM cohort_retention('SELECT 1', 'month');
SELECT * FROM cohort_retention('SELECT 1, 2', 'month');
SELECT * FROM cohort_retention('SELECT 1, date ''2024-01-05''', 'Month');
