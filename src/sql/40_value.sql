-- Customer lifetime value.

CREATE FUNCTION clv(margin double precision, retention double precision,
                    discount double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cx_clv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION clv(double precision, double precision, double precision) IS
    'customer lifetime value margin * r / (1 + d - r), retention r and discount d in percent';
