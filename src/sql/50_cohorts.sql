-- Cohort retention from activity events, as rows a BI tool can pivot.
--
-- The analyst passes a query of two columns, (customer, activity time), and a period; the
-- function runs it (with the caller's privileges and search_path, like tablefunc's crosstab)
-- and returns one row per cohort and period offset k. A customer's cohort is the calendar period
-- of their first activity; k counts whole periods from it. date_trunc works in the session's
-- time zone, so a timestamptz activity falls into the local calendar day, week, month or quarter
-- (weeks start on Monday); a date or timestamp column is read in that time zone too.
--
-- The function calls no other function of the extension, so it needs no pinned search_path; the
-- analyst's query must be read-only (the function is STABLE).

CREATE FUNCTION cohort_retention(activity_query text, period text DEFAULT 'month')
    RETURNS TABLE (cohort date, k integer, cohort_size bigint, active_customers bigint,
                   retention_percent double precision)
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
AS $function$
BEGIN
    IF activity_query IS NULL OR period IS NULL THEN
        RAISE EXCEPTION 'cohort_retention arguments must not be NULL'
            USING ERRCODE = '22004';
    END IF;
    period := pg_catalog.lower(period);  -- as date_trunc reads it
    IF period NOT IN ('day', 'week', 'month', 'quarter') THEN
        RAISE EXCEPTION 'unknown cohort period "%"', period
            USING ERRCODE = '22023',
                  HINT = 'The period is one of day, week, month or quarter.';
    END IF;

    -- Each activity becomes (customer, period, index), where index numbers the periods so that
    -- k is a difference: days and weeks from Monday 2000-01-03, months and quarters from year 0.
    RETURN QUERY EXECUTE pg_catalog.format($query$
        WITH activity(customer, activity_at) AS (%s),
        periods AS (
            SELECT DISTINCT a.customer,
                   pg_catalog.date_trunc($1, a.activity_at::timestamptz)::date AS period
            FROM activity a
            WHERE a.customer IS NOT NULL AND a.activity_at IS NOT NULL
        ),
        numbered AS (
            SELECT p.customer, p.period,
                   CASE $1
                       WHEN 'day' THEN p.period - DATE '2000-01-03'
                       WHEN 'week' THEN (p.period - DATE '2000-01-03') / 7
                       WHEN 'month' THEN (pg_catalog.date_part('year', p.period) * 12
                                          + pg_catalog.date_part('month', p.period) - 1)::integer
                       ELSE ((pg_catalog.date_part('year', p.period) * 12
                              + pg_catalog.date_part('month', p.period) - 1) / 3)::integer
                   END AS period_index
            FROM periods p
        ),
        firsts AS (
            SELECT n.customer, min(n.period) AS cohort, min(n.period_index) AS cohort_index
            FROM numbered n
            GROUP BY n.customer
        ),
        cohorts AS (
            SELECT f.cohort, f.cohort_index, count(*) AS cohort_size
            FROM firsts f
            GROUP BY f.cohort, f.cohort_index
        ),
        active AS (
            SELECT f.cohort, n.period_index - f.cohort_index AS k, count(*) AS customers
            FROM numbered n
            JOIN firsts f ON f.customer = n.customer
            GROUP BY 1, 2
        ),
        last_period AS (
            SELECT max(n.period_index) AS last_index FROM numbered n
        )
        SELECT c.cohort, offsets.k::integer, c.cohort_size,
               COALESCE(a.customers, 0) AS active_customers,
               100 * COALESCE(a.customers, 0)::double precision / c.cohort_size
        FROM cohorts c
        CROSS JOIN last_period l
        CROSS JOIN LATERAL pg_catalog.generate_series(0, l.last_index - c.cohort_index)
            AS offsets(k)
        LEFT JOIN active a ON a.cohort = c.cohort AND a.k = offsets.k
        ORDER BY c.cohort, offsets.k
    $query$, activity_query) USING period;
EXCEPTION
    -- The analyst's query has the wrong shape: say so in its terms, not the function's.
    WHEN invalid_column_reference THEN
        RAISE EXCEPTION 'activity query must return two columns'
            USING ERRCODE = '42P10',
                  DETAIL = 'The query returns a number of columns other than two.',
                  HINT = 'Return the customer, then the time of the activity, for example '
                         '"SELECT customer_id, ordered_at FROM orders".';
    WHEN cannot_coerce OR datatype_mismatch THEN
        RAISE EXCEPTION 'activity time must be a date or a timestamp'
            USING ERRCODE = '42804',
                  DETAIL = 'The second column of the activity query cannot be read as a time.',
                  HINT = 'Return the customer, then the time of the activity, for example '
                         '"SELECT customer_id, ordered_at FROM orders".';
END
$function$;
COMMENT ON FUNCTION cohort_retention(text, text) IS
    'cohort retention from a query of (customer, activity time): per cohort (first period of '
    'activity) and k from 0 to the last period present, the cohort size, the customers active '
    'k periods later and their percent; period day, week (Monday first), month or quarter';
