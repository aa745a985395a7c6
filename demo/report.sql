-- The cx demo report: NPS and CSAT by segment, computed inside PostgreSQL.
--
-- Run it with psql in a database where CREATE EXTENSION cx has been run and the tables have
-- been loaded (demo/load/*.sql, or demo/load/synthetic.sql for a generated sample):
--     psql -X -f demo/report.sql
-- Every query stands alone: copy one into any SQL client. The lines starting with a backslash
-- are psql headings only.
--
-- Conventions: NPS in points (-100..100) from 0-10 answers; CSAT is the percent of answers of
-- 4 or 5 on a 1-5 scale; n counts the answers; the 95 % interval is Wald for NPS and Wilson
-- for CSAT. NULL answers are ignored. round() needs numeric: round(x::numeric, 1).

\if :{?data_label}
\else
\set data_label ''
\endif

\echo
\echo '== NPS by region, by business unit and overall (nps_testdata, answer REC)' :data_label
\echo

SELECT CASE level
           WHEN 1 THEN 'region'
           WHEN 2 THEN 'business unit'
           ELSE 'all answers'
       END AS segment_by,
       coalesce(region, bu, 'total') AS segment,
       responses(s) AS n,
       detractors(s) AS detractors,
       passives(s) AS passives,
       promoters(s) AS promoters,
       round(nps(s)::numeric, 1) AS nps,
       round(ci_lower(s)::numeric, 1) AS ci95_lower,
       round(ci_upper(s)::numeric, 1) AS ci95_upper
FROM (
    -- level: 1 for the rows by region, 2 by business unit, 3 for the total.
    SELECT grouping(region, bu) AS level, region, bu, nps_agg(rec) AS s
    FROM nps_testdata
    GROUP BY GROUPING SETS ((region), (bu), ())
) AS segments
ORDER BY level, responses(s) DESC, segment;

\echo
\echo '== CSAT by customer state, ten states with most reviews and all (Olist)' :data_label
\echo

WITH by_state AS (
    -- One CSAT summary per state: reviews joined to their order and the order's customer.
    SELECT c.customer_state AS state, csat_agg(r.review_score) AS s
    FROM olist_order_reviews AS r
    JOIN olist_orders AS o USING (order_id)
    JOIN olist_customers AS c USING (customer_id)
    GROUP BY c.customer_state
), shown AS (
    (SELECT 1 AS part, state, s FROM by_state ORDER BY responses(s) DESC, state LIMIT 10)
    UNION ALL
    -- The total merges the summaries of every state, not only of the ten shown.
    SELECT 2, 'all states', rollup(s) FROM by_state
)
SELECT state,
       responses(s) AS n,
       score_count(s, 4) + score_count(s, 5) AS satisfied,
       round(csat(s)::numeric, 1) AS csat,
       round(ci_lower(s)::numeric, 1) AS ci95_lower,
       round(ci_upper(s)::numeric, 1) AS ci95_upper
FROM shown
ORDER BY part, responses(s) DESC, state;

\echo
\echo '== CSAT per contact channel (dplyover_csat; an empty answer means no contact)' :data_label
\echo

SELECT channel,
       responses(s) AS n,
       score_count(s, 4) + score_count(s, 5) AS satisfied,
       round(csat(s)::numeric, 1) AS csat,
       round(ci_lower(s)::numeric, 1) AS ci95_lower,
       round(ci_upper(s)::numeric, 1) AS ci95_upper
FROM (
    -- One row per customer and channel, then a CSAT summary per channel.
    SELECT ch.position, ch.channel, csat_agg(ch.score) AS s
    FROM dplyover_csat AS d
    CROSS JOIN LATERAL (VALUES
        (1, 'postal', d.item2b),
        (2, 'phone', d.item3b),
        (3, 'email', d.item4b),
        (4, 'website', d.item5b),
        (5, 'shop', d.item6b),
        (6, 'overall (item1)', d.item1)
    ) AS ch (position, channel, score)
    GROUP BY ch.position, ch.channel
) AS channels
ORDER BY position;

\echo
\echo '== Moments of truth: each channel against the rest of the journey' :data_label
\echo '   per customer type and for all customers (pooled two-proportion z test, p-values'
\echo '   Holm-adjusted over the channels of a segment). The test assumes independent answers;'
\echo '   here one customer rates several channels, so read the flags as pointers: see'
\echo '   docs/moments-of-truth.md.'
\echo

WITH answers AS (
    -- One row per answer: customer type, channel, 1-5 score (NULL = no contact).
    SELECT d.type, ch.position, ch.channel, ch.score
    FROM dplyover_csat AS d
    CROSS JOIN LATERAL (VALUES
        (1, 'postal', d.item2b),
        (2, 'phone', d.item3b),
        (3, 'email', d.item4b),
        (4, 'website', d.item5b),
        (5, 'shop', d.item6b)
    ) AS ch (position, channel, score)
), touchpoints AS (
    -- A summary per segment and channel; the grouping set (channel) is the "all customers"
    -- segment.
    SELECT coalesce(type, 'all customers') AS segment, position, channel, csat_agg(score) AS s
    FROM answers
    GROUP BY GROUPING SETS ((type, position, channel), (position, channel))
), against_rest AS (
    -- The rest of the journey: the segment's rollup minus this channel.
    SELECT *, rollup(s) OVER (PARTITION BY segment) - s AS rest
    FROM touchpoints
), tested AS (
    SELECT a.segment, a.position, a.channel, a.s, a.rest, c.difference, c.p_value
    FROM against_rest AS a
    CROSS JOIN LATERAL compare(a.s, a.rest) AS c
), ranked AS (
    -- m: the number of tests in the segment; k: the rank of this p-value among them (a NULL
    -- p-value, from answers without any variation, is no test: it is not counted and sorts
    -- last).
    SELECT *,
           count(p_value) OVER (PARTITION BY segment) AS m,
           row_number() OVER (PARTITION BY segment ORDER BY p_value) AS k
    FROM tested
), adjusted AS (
    -- Holm: the k-th smallest p-value times m - k + 1, made non-decreasing by a running
    -- maximum and capped at 1.
    SELECT *,
           CASE WHEN p_value IS NOT NULL THEN
               least(1, max((m - k + 1) * p_value) OVER (PARTITION BY segment ORDER BY k))
           END AS p_holm
    FROM ranked
)
SELECT segment,
       channel,
       responses(s) AS n,
       round(csat(s)::numeric, 1) AS csat,
       round(csat(rest)::numeric, 1) AS rest_csat,
       round(difference::numeric, 1) AS difference,
       round(p_value::numeric, 3) AS p_value,
       round(p_holm::numeric, 3) AS p_holm,
       CASE
           WHEN p_holm < 0.05 AND difference < 0 THEN 'worse'
           WHEN p_holm < 0.05 AND difference > 0 THEN 'better'
           ELSE 'no clear difference'
       END AS verdict
FROM adjusted
ORDER BY segment = 'all customers' DESC, segment, position;
