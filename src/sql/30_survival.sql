-- Kaplan-Meier survival: the type survival_summary, survival_agg(), rollup() and the figures
-- survival_at() and median_lifetime().

CREATE TYPE survival_summary;

CREATE FUNCTION survival_summary_in(cstring) RETURNS survival_summary
    AS 'MODULE_PATHNAME', 'cx_survival_summary_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION survival_summary_in(cstring) IS 'text input of survival_summary';

CREATE FUNCTION survival_summary_out(survival_summary) RETURNS cstring
    AS 'MODULE_PATHNAME', 'cx_survival_summary_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION survival_summary_out(survival_summary) IS 'text output of survival_summary';

CREATE FUNCTION survival_summary_recv(internal) RETURNS survival_summary
    AS 'MODULE_PATHNAME', 'cx_survival_summary_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION survival_summary_recv(internal) IS 'binary input of survival_summary';

CREATE FUNCTION survival_summary_send(survival_summary) RETURNS bytea
    AS 'MODULE_PATHNAME', 'cx_survival_summary_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION survival_summary_send(survival_summary) IS
    'binary output of survival_summary';

CREATE TYPE survival_summary (
    INPUT = survival_summary_in,
    OUTPUT = survival_summary_out,
    RECEIVE = survival_summary_recv,
    SEND = survival_summary_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE survival_summary IS
    'storable, mergeable customer lifetimes for Kaplan-Meier: each distinct duration with its '
    'events and censorings';

-- Equality and hashing, so that DISTINCT, GROUP BY, UNION and hash joins work.

CREATE FUNCTION survival_summary_eq(survival_summary, survival_summary) RETURNS boolean
    AS 'MODULE_PATHNAME', 'cx_survival_summary_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION survival_summary_eq(survival_summary, survival_summary) IS
    'whether two survival summaries hold the same durations and counts';

CREATE FUNCTION survival_summary_ne(survival_summary, survival_summary) RETURNS boolean
    AS 'MODULE_PATHNAME', 'cx_survival_summary_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION survival_summary_ne(survival_summary, survival_summary) IS
    'whether two survival summaries differ';

CREATE FUNCTION survival_summary_hash(survival_summary) RETURNS integer
    AS 'MODULE_PATHNAME', 'cx_survival_summary_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION survival_summary_hash(survival_summary) IS 'hash of a survival summary';

CREATE FUNCTION survival_summary_hash_extended(survival_summary, bigint) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cx_survival_summary_hash_extended'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION survival_summary_hash_extended(survival_summary, bigint) IS
    'seeded 64-bit hash of a survival summary';

CREATE OPERATOR = (
    LEFTARG = survival_summary, RIGHTARG = survival_summary, PROCEDURE = survival_summary_eq,
    COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel, HASHES
);
COMMENT ON OPERATOR = (survival_summary, survival_summary) IS 'same durations and counts';

CREATE OPERATOR <> (
    LEFTARG = survival_summary, RIGHTARG = survival_summary, PROCEDURE = survival_summary_ne,
    COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR <> (survival_summary, survival_summary) IS 'different durations or counts';

CREATE OPERATOR FAMILY survival_summary_hash_ops USING hash;
COMMENT ON OPERATOR FAMILY survival_summary_hash_ops USING hash IS
    'hashing of survival_summary';

CREATE OPERATOR CLASS survival_summary_hash_ops DEFAULT FOR TYPE survival_summary
    USING hash FAMILY survival_summary_hash_ops AS
    OPERATOR 1 = (survival_summary, survival_summary),
    FUNCTION 1 survival_summary_hash(survival_summary),
    FUNCTION 2 survival_summary_hash_extended(survival_summary, bigint);
COMMENT ON OPERATOR CLASS survival_summary_hash_ops USING hash IS
    'hashing of survival_summary';

-- Aggregate support. The state is a survival_summary with room to grow (see
-- src/pg/survival.cpp): about 24 bytes per distinct duration, at most twice that. The inverse
-- transition functions remove the rows leaving a moving window frame; a duration nobody has any
-- more is dropped, so that the result equals a recomputation of the frame byte for byte.

CREATE FUNCTION survival_summary_add(survival_summary, double precision, boolean)
    RETURNS survival_summary
    AS 'MODULE_PATHNAME', 'cx_survival_add' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION survival_summary_add(survival_summary, double precision, boolean) IS
    'transition function: counts one lifetime (duration, event)';

CREATE FUNCTION survival_summary_remove(survival_summary, double precision, boolean)
    RETURNS survival_summary
    AS 'MODULE_PATHNAME', 'cx_survival_remove' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION survival_summary_remove(survival_summary, double precision, boolean) IS
    'inverse transition function: removes one lifetime (duration, event) from a moving window, '
    'or returns NULL to ask for a recomputation when the state does not hold it';

CREATE FUNCTION survival_summary_merge(survival_summary, survival_summary)
    RETURNS survival_summary
    AS 'MODULE_PATHNAME', 'cx_survival_merge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION survival_summary_merge(survival_summary, survival_summary) IS
    'combine and rollup transition function: the lifetimes of both summaries';

CREATE FUNCTION survival_summary_unmerge(survival_summary, survival_summary)
    RETURNS survival_summary
    AS 'MODULE_PATHNAME', 'cx_survival_unmerge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION survival_summary_unmerge(survival_summary, survival_summary) IS
    'rollup inverse transition function: the state without a summary merged into it, or NULL '
    'to ask for a recomputation when the state does not hold that summary';

CREATE FUNCTION survival_summary_finish(survival_summary) RETURNS survival_summary
    AS 'MODULE_PATHNAME', 'cx_survival_finish' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION survival_summary_finish(survival_summary) IS
    'final function of survival_agg() and rollup(): the state as stored';

CREATE AGGREGATE survival_agg(duration double precision, event boolean) (
    SFUNC = survival_summary_add,
    STYPE = survival_summary,
    FINALFUNC = survival_summary_finish,
    COMBINEFUNC = survival_summary_merge,
    INITCOND = 'v1',
    MSFUNC = survival_summary_add,
    MINVFUNC = survival_summary_remove,
    MSTYPE = survival_summary,
    MFINALFUNC = survival_summary_finish,
    MINITCOND = 'v1',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE survival_agg(double precision, boolean) IS
    'storable survival summary of lifetimes: event true = the customer left, false = still a '
    'customer (censored); a NULL duration or event ignores the row';

CREATE AGGREGATE rollup(survival_summary) (
    SFUNC = survival_summary_merge,
    STYPE = survival_summary,
    FINALFUNC = survival_summary_finish,
    COMBINEFUNC = survival_summary_merge,
    INITCOND = 'v1',
    MSFUNC = survival_summary_merge,
    MINVFUNC = survival_summary_unmerge,
    MSTYPE = survival_summary,
    MFINALFUNC = survival_summary_finish,
    MINITCOND = 'v1',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup(survival_summary) IS 'merges survival summaries into one';

-- Figures of a summary.

CREATE FUNCTION survival_at(survival_summary, duration double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cx_survival_at' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION survival_at(survival_summary, double precision) IS
    'Kaplan-Meier percent still a customer after the duration; NULL for an empty summary';

CREATE FUNCTION median_lifetime(survival_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cx_median_lifetime' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION median_lifetime(survival_summary) IS
    'smallest duration where the Kaplan-Meier survival is at most 50 %; NULL if it never is';

CREATE FUNCTION lifetimes(survival_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cx_survival_customers' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION lifetimes(survival_summary) IS
    'number of lifetimes in the summary, events and censorings together';
