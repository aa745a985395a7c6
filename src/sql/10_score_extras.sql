-- Figures that belong to one metric only.

CREATE FUNCTION nps_summary(detractors bigint, passives bigint, promoters bigint)
    RETURNS nps_summary
    AS 'MODULE_PATHNAME', 'cx_nps_summary_from_buckets' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_summary(bigint, bigint, bigint) IS
    'an NPS summary from published bucket counts; it knows no per-score counts';

CREATE FUNCTION promoters(nps_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cx_summary_promoters' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION promoters(nps_summary) IS 'number of answers of 9 or 10';

CREATE FUNCTION passives(nps_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cx_summary_passives' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION passives(nps_summary) IS 'number of answers of 7 or 8';

CREATE FUNCTION detractors(nps_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cx_summary_detractors' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION detractors(nps_summary) IS 'number of answers from 0 to 6';

CREATE FUNCTION csat(csat_summary, satisfied_from integer) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cx_summary_csat' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat(csat_summary, integer) IS
    'percent of answers at or above satisfied_from (1-5)';

CREATE FUNCTION std_dev(ces_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cx_summary_std_dev' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION std_dev(ces_summary) IS
    'sample standard deviation (n - 1) of the CES answers; NULL below 2 answers';
