-- Churn and retention from customer lifetimes: the type retention_summary, the aggregates
-- churn_rate(), retention_rate() and retention_agg() over date and timestamptz lifetimes, the
-- summary's figures, and the classic formulas from counts.

CREATE TYPE retention_summary;

CREATE FUNCTION retention_summary_in(cstring) RETURNS retention_summary
    AS 'MODULE_PATHNAME', 'cx_retention_summary_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION retention_summary_in(cstring) IS 'text input of retention_summary';

CREATE FUNCTION retention_summary_out(retention_summary) RETURNS cstring
    AS 'MODULE_PATHNAME', 'cx_retention_summary_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION retention_summary_out(retention_summary) IS
    'text output of retention_summary';

CREATE FUNCTION retention_summary_recv(internal) RETURNS retention_summary
    AS 'MODULE_PATHNAME', 'cx_retention_summary_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION retention_summary_recv(internal) IS 'binary input of retention_summary';

CREATE FUNCTION retention_summary_send(retention_summary) RETURNS bytea
    AS 'MODULE_PATHNAME', 'cx_retention_summary_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION retention_summary_send(retention_summary) IS
    'binary output of retention_summary';

CREATE TYPE retention_summary (
    INPUT = retention_summary_in,
    OUTPUT = retention_summary_out,
    RECEIVE = retention_summary_recv,
    SEND = retention_summary_send,
    INTERNALLENGTH = 64,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE retention_summary IS
    'storable, mergeable counts of customers in a reporting period: at start, new, at end, '
    'lost from the start, new and lost';

-- Equality and hashing, so that DISTINCT, GROUP BY, UNION and hash joins work.

CREATE FUNCTION retention_summary_eq(retention_summary, retention_summary) RETURNS boolean
    AS 'MODULE_PATHNAME', 'cx_retention_summary_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION retention_summary_eq(retention_summary, retention_summary) IS
    'whether two retention summaries have the same period and counts';

CREATE FUNCTION retention_summary_ne(retention_summary, retention_summary) RETURNS boolean
    AS 'MODULE_PATHNAME', 'cx_retention_summary_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION retention_summary_ne(retention_summary, retention_summary) IS
    'whether two retention summaries differ';

CREATE FUNCTION retention_summary_hash(retention_summary) RETURNS integer
    AS 'MODULE_PATHNAME', 'cx_retention_summary_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION retention_summary_hash(retention_summary) IS 'hash of a retention summary';

CREATE FUNCTION retention_summary_hash_extended(retention_summary, bigint) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cx_retention_summary_hash_extended'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION retention_summary_hash_extended(retention_summary, bigint) IS
    'seeded 64-bit hash of a retention summary';

CREATE OPERATOR = (
    LEFTARG = retention_summary, RIGHTARG = retention_summary,
    PROCEDURE = retention_summary_eq,
    COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel, HASHES
);
COMMENT ON OPERATOR = (retention_summary, retention_summary) IS 'same period and counts';

CREATE OPERATOR <> (
    LEFTARG = retention_summary, RIGHTARG = retention_summary,
    PROCEDURE = retention_summary_ne,
    COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR <> (retention_summary, retention_summary) IS 'different period or counts';

CREATE OPERATOR FAMILY retention_summary_hash_ops USING hash;
COMMENT ON OPERATOR FAMILY retention_summary_hash_ops USING hash IS
    'hashing of retention_summary';

CREATE OPERATOR CLASS retention_summary_hash_ops DEFAULT FOR TYPE retention_summary
    USING hash FAMILY retention_summary_hash_ops AS
    OPERATOR 1 = (retention_summary, retention_summary),
    FUNCTION 1 retention_summary_hash(retention_summary),
    FUNCTION 2 retention_summary_hash_extended(retention_summary, bigint);
COMMENT ON OPERATOR CLASS retention_summary_hash_ops USING hash IS
    'hashing of retention_summary';

-- Aggregate support. The transition functions are not strict: a NULL ended is a customer still
-- active, a NULL started ignores the row, and a NULL period bound is an error. The inverse
-- transition functions, which remove the row leaving a moving window frame, are not strict
-- either (PostgreSQL wants the forward and inverse functions alike): they check the period as
-- the forward functions do and ignore a row without a start again.

CREATE FUNCTION retention_summary_add(retention_summary, date, date, date, date)
    RETURNS retention_summary
    AS 'MODULE_PATHNAME', 'cx_retention_add_date' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION retention_summary_add(retention_summary, date, date, date, date) IS
    'transition function: counts one lifetime (started, ended) in the period '
    '[period_start, period_end)';

CREATE FUNCTION retention_summary_add(retention_summary, timestamptz, timestamptz, timestamptz,
                                      timestamptz)
    RETURNS retention_summary
    AS 'MODULE_PATHNAME', 'cx_retention_add_timestamptz' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION retention_summary_add(retention_summary, timestamptz, timestamptz,
                                          timestamptz, timestamptz) IS
    'transition function: counts one lifetime (started, ended) in the period '
    '[period_start, period_end)';

CREATE FUNCTION retention_summary_remove(retention_summary, date, date, date, date)
    RETURNS retention_summary
    AS 'MODULE_PATHNAME', 'cx_retention_remove_date' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION retention_summary_remove(retention_summary, date, date, date, date) IS
    'inverse transition function: removes one lifetime (started, ended) from a moving window, '
    'or returns NULL to ask for a recomputation when the state does not hold it';

CREATE FUNCTION retention_summary_remove(retention_summary, timestamptz, timestamptz,
                                         timestamptz, timestamptz)
    RETURNS retention_summary
    AS 'MODULE_PATHNAME', 'cx_retention_remove_timestamptz' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION retention_summary_remove(retention_summary, timestamptz, timestamptz,
                                             timestamptz, timestamptz) IS
    'inverse transition function: removes one lifetime (started, ended) from a moving window, '
    'or returns NULL to ask for a recomputation when the state does not hold it';

CREATE FUNCTION retention_summary_merge_into(retention_summary, retention_summary)
    RETURNS retention_summary
    AS 'MODULE_PATHNAME', 'cx_retention_merge_into' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION retention_summary_merge_into(retention_summary, retention_summary) IS
    'combine and rollup transition function: adds a summary of the same period to the state';

CREATE FUNCTION retention_summary_unmerge(retention_summary, retention_summary)
    RETURNS retention_summary
    AS 'MODULE_PATHNAME', 'cx_retention_unmerge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION retention_summary_unmerge(retention_summary, retention_summary) IS
    'rollup inverse transition function: removes a summary of the same period from the state, '
    'or returns NULL to ask for a recomputation when the rest would count nobody';

CREATE FUNCTION retention_summary_finish(retention_summary) RETURNS retention_summary
    AS 'MODULE_PATHNAME', 'cx_retention_finish' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION retention_summary_finish(retention_summary) IS
    'final function of retention_agg() and rollup(): the state as stored';

-- Figures of a summary.

CREATE FUNCTION customers_at_start(retention_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cx_retention_at_start' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION customers_at_start(retention_summary) IS
    'customers active at the start of the period (started <= period_start < ended)';

CREATE FUNCTION new_customers(retention_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cx_retention_new' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION new_customers(retention_summary) IS
    'customers who started within the period (period_start < started < period_end)';

CREATE FUNCTION customers_at_end(retention_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cx_retention_at_end' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION customers_at_end(retention_summary) IS
    'customers active at the end of the period (started < period_end <= ended)';

CREATE FUNCTION lost_customers(retention_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cx_retention_lost' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION lost_customers(retention_summary) IS
    'customers at the start who left within the period';

CREATE FUNCTION churn_rate(retention_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cx_retention_churn_rate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION churn_rate(retention_summary) IS
    'percent of the customers at the start lost within the period; NULL without any';

CREATE FUNCTION retention_rate(retention_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cx_retention_retention_rate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION retention_rate(retention_summary) IS
    'percent of the customers at the start still there at the end; 100 minus the churn rate';

CREATE FUNCTION ci_lower(retention_summary, confidence double precision DEFAULT 0.95)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cx_retention_ci_lower' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ci_lower(retention_summary, double precision) IS
    'lower bound of the Wilson interval of the churn rate';

CREATE FUNCTION ci_upper(retention_summary, confidence double precision DEFAULT 0.95)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cx_retention_ci_upper' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ci_upper(retention_summary, double precision) IS
    'upper bound of the Wilson interval of the churn rate';

-- The aggregates, for date and timestamptz lifetimes. Each has a moving-aggregate form (MSFUNC,
-- MINVFUNC), so that a window frame whose start moves removes the rows leaving it instead of
-- recomputing the frame.

CREATE AGGREGATE churn_rate(started date, ended date, period_start date, period_end date) (
    SFUNC = retention_summary_add,
    STYPE = retention_summary,
    FINALFUNC = churn_rate,
    COMBINEFUNC = retention_summary_merge_into,
    INITCOND = 'v1 empty',
    MSFUNC = retention_summary_add,
    MINVFUNC = retention_summary_remove,
    MSTYPE = retention_summary,
    MFINALFUNC = churn_rate,
    MINITCOND = 'v1 empty',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE churn_rate(date, date, date, date) IS
    'percent of the customers at the start of [period_start, period_end) lost within it; '
    'ended NULL = still a customer';

CREATE AGGREGATE churn_rate(started timestamptz, ended timestamptz, period_start timestamptz,
                            period_end timestamptz) (
    SFUNC = retention_summary_add,
    STYPE = retention_summary,
    FINALFUNC = churn_rate,
    COMBINEFUNC = retention_summary_merge_into,
    INITCOND = 'v1 empty',
    MSFUNC = retention_summary_add,
    MINVFUNC = retention_summary_remove,
    MSTYPE = retention_summary,
    MFINALFUNC = churn_rate,
    MINITCOND = 'v1 empty',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE churn_rate(timestamptz, timestamptz, timestamptz, timestamptz) IS
    'percent of the customers at the start of [period_start, period_end) lost within it; '
    'ended NULL = still a customer';

CREATE AGGREGATE retention_rate(started date, ended date, period_start date, period_end date) (
    SFUNC = retention_summary_add,
    STYPE = retention_summary,
    FINALFUNC = retention_rate,
    COMBINEFUNC = retention_summary_merge_into,
    INITCOND = 'v1 empty',
    MSFUNC = retention_summary_add,
    MINVFUNC = retention_summary_remove,
    MSTYPE = retention_summary,
    MFINALFUNC = retention_rate,
    MINITCOND = 'v1 empty',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE retention_rate(date, date, date, date) IS
    'percent of the customers at the start of [period_start, period_end) still there at its '
    'end; ended NULL = still a customer';

CREATE AGGREGATE retention_rate(started timestamptz, ended timestamptz,
                                period_start timestamptz, period_end timestamptz) (
    SFUNC = retention_summary_add,
    STYPE = retention_summary,
    FINALFUNC = retention_rate,
    COMBINEFUNC = retention_summary_merge_into,
    INITCOND = 'v1 empty',
    MSFUNC = retention_summary_add,
    MINVFUNC = retention_summary_remove,
    MSTYPE = retention_summary,
    MFINALFUNC = retention_rate,
    MINITCOND = 'v1 empty',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE retention_rate(timestamptz, timestamptz, timestamptz, timestamptz) IS
    'percent of the customers at the start of [period_start, period_end) still there at its '
    'end; ended NULL = still a customer';

CREATE AGGREGATE retention_agg(started date, ended date, period_start date, period_end date) (
    SFUNC = retention_summary_add,
    STYPE = retention_summary,
    FINALFUNC = retention_summary_finish,
    COMBINEFUNC = retention_summary_merge_into,
    INITCOND = 'v1 empty',
    MSFUNC = retention_summary_add,
    MINVFUNC = retention_summary_remove,
    MSTYPE = retention_summary,
    MFINALFUNC = retention_summary_finish,
    MINITCOND = 'v1 empty',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE retention_agg(date, date, date, date) IS
    'storable retention summary of the lifetimes in [period_start, period_end)';

CREATE AGGREGATE retention_agg(started timestamptz, ended timestamptz,
                               period_start timestamptz, period_end timestamptz) (
    SFUNC = retention_summary_add,
    STYPE = retention_summary,
    FINALFUNC = retention_summary_finish,
    COMBINEFUNC = retention_summary_merge_into,
    INITCOND = 'v1 empty',
    MSFUNC = retention_summary_add,
    MINVFUNC = retention_summary_remove,
    MSTYPE = retention_summary,
    MFINALFUNC = retention_summary_finish,
    MINITCOND = 'v1 empty',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE retention_agg(timestamptz, timestamptz, timestamptz, timestamptz) IS
    'storable retention summary of the lifetimes in [period_start, period_end)';

CREATE AGGREGATE rollup(retention_summary) (
    SFUNC = retention_summary_merge_into,
    STYPE = retention_summary,
    FINALFUNC = retention_summary_finish,
    COMBINEFUNC = retention_summary_merge_into,
    INITCOND = 'v1 empty',
    MSFUNC = retention_summary_merge_into,
    MINVFUNC = retention_summary_unmerge,
    MSTYPE = retention_summary,
    MFINALFUNC = retention_summary_finish,
    MINITCOND = 'v1 empty',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup(retention_summary) IS
    'merges retention summaries of the same period into one';

-- The classic formulas from counts, double precision so that sum(...) results fit.

CREATE FUNCTION churn_rate(at_start double precision, lost double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cx_churn_rate_counts' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION churn_rate(double precision, double precision) IS
    'percent lost of the customers at the start, from counts; NULL when at_start is 0';

CREATE FUNCTION retention_rate(at_start double precision, at_end double precision,
                               new double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cx_retention_rate_counts' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION retention_rate(double precision, double precision, double precision) IS
    'classic retention rate (at_end - new) / at_start in percent, from counts; NULL when '
    'at_start is 0';
