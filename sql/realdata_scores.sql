-- NPS and CSAT of the real survey files against the figures of ../shared/data/README.md (checked
-- there with pandas and statsmodels). The tables come from the demo's loaders, which read the
-- files from $CX_DATA_DIR on the client side; the Makefile runs this test only when that
-- directory exists (and under CI=true, where its absence fails).
-- Figures given to 10 decimals are compared within 1e-9; counts and one-decimal figures exactly.

-- The tables live in a schema of their own, so that no other test's names collide.
SET client_min_messages = warning;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS cx;
RESET client_min_messages;
RESET client_min_messages;
CREATE SCHEMA realdata_scores;
SET search_path = realdata_scores, public;

\set ECHO none
\i demo/load/nps_testdata.sql
\i demo/load/olist.sql
\i demo/load/dplyover_csat.sql
\set ECHO all

-- Every file loaded completely: 1,000 NPS answers, 4,000 orders and customers, 3,986 reviews,
-- 150 channel surveys.
SELECT (SELECT count(*) FROM nps_testdata) AS nps_answers,
       (SELECT count(*) FROM olist_customers) AS olist_customers,
       (SELECT count(*) FROM olist_orders) AS olist_orders,
       (SELECT count(*) FROM olist_order_reviews) AS olist_reviews,
       (SELECT count(*) FROM dplyover_csat) AS channel_surveys;

-- nps_testdata, all answers: NPS 10.0 (362 detractors, 176 passives, 462 promoters),
-- standard error 2.85306852354.
SELECT responses(s) AS n, detractors(s), passives(s), promoters(s),
       abs(nps(s) - 10) < 1e-9 AS nps_ok,
       abs(std_error(s) - 2.85306852354) < 1e-10 AS std_error_ok
FROM (SELECT nps_agg(rec) AS s FROM nps_testdata) AS t;

-- By Region and by BU, with GROUPING SETS as in the demo report; the one-step nps() aggregate
-- must agree with the summary.
WITH expected (segment, n, nps) AS (VALUES
    ('NAM', 507, 11.0453648915), ('EMEA', 259, 4.2471042471), ('APAC', 139, 23.0215827338),
    ('LATAM', 95, 1.0526315789),
    ('Apples', 250, 14.8), ('Bananas', 250, 9.6), ('Berries', 250, 8.0), ('Oranges', 250, 7.6)
), computed AS (
    SELECT coalesce(region, bu) AS segment, nps_agg(rec) AS s, nps(rec) AS one_step
    FROM nps_testdata
    GROUP BY GROUPING SETS ((region), (bu))
)
SELECT segment, responses(c.s) AS n, round(nps(c.s)::numeric, 1) AS nps,
       responses(c.s) = e.n AS n_ok,
       abs(nps(c.s) - e.nps) < 1e-9 AS nps_ok,
       c.one_step = nps(c.s) AS one_step_ok
FROM expected AS e
FULL JOIN computed AS c USING (segment)
ORDER BY e.n DESC, segment;

-- Olist: every review joined to its order and the order's customer; CSAT is the share of 4-5.
-- All states 76.7185148018 (3,058 of 3,986); SP 79.8830409357 (1,366 of 1,710), RJ
-- 69.7154471545 (343 of 492), MG 77.8455284553 (383 of 492).
WITH expected (state, satisfied, n, csat) AS (VALUES
    ('all', 3058, 3986, 76.7185148018), ('SP', 1366, 1710, 79.8830409357),
    ('RJ', 343, 492, 69.7154471545), ('MG', 383, 492, 77.8455284553)
), computed AS (
    SELECT coalesce(c.customer_state, 'all') AS state, csat_agg(r.review_score) AS s
    FROM olist_order_reviews AS r
    JOIN olist_orders AS o USING (order_id)
    JOIN olist_customers AS c USING (customer_id)
    GROUP BY ROLLUP (c.customer_state)
)
SELECT state, score_count(s, 4) + score_count(s, 5) AS satisfied, responses(s) AS n,
       round(csat(s)::numeric, 1) AS csat,
       score_count(s, 4) + score_count(s, 5) = e.satisfied AND responses(s) = e.n AS counts_ok,
       abs(csat(s) - e.csat) < 1e-9 AS csat_ok
FROM expected AS e
JOIN computed USING (state)
ORDER BY e.n DESC, state;

-- dplyover_csat: item1 38.0 (57 of 150); per channel, an empty cell being no contact (NULL):
-- postal 36.0 (45 of 125), phone 43.5483870968 (54 of 124), email 40.3100775194 (52 of 129),
-- website 38.7096774194 (48 of 124), shop 31.7073170732 (39 of 123).
WITH expected (position, item, satisfied, n, csat) AS (VALUES
    (1, 'item1 overall', 57, 150, 38.0), (2, 'item2b postal', 45, 125, 36.0),
    (3, 'item3b phone', 54, 124, 43.5483870968), (4, 'item4b email', 52, 129, 40.3100775194),
    (5, 'item5b website', 48, 124, 38.7096774194), (6, 'item6b shop', 39, 123, 31.7073170732)
), computed AS (
    SELECT ch.position, csat_agg(ch.score) AS s, csat(ch.score) AS one_step
    FROM dplyover_csat AS d
    CROSS JOIN LATERAL (VALUES (1, d.item1), (2, d.item2b), (3, d.item3b), (4, d.item4b),
                               (5, d.item5b), (6, d.item6b)) AS ch (position, score)
    GROUP BY ch.position
)
SELECT item, score_count(s, 4) + score_count(s, 5) AS satisfied, responses(s) AS n,
       round(csat(s)::numeric, 1) AS csat,
       score_count(s, 4) + score_count(s, 5) = e.satisfied AND responses(s) = e.n AS counts_ok,
       abs(csat(s) - e.csat) < 1e-9 AS csat_ok,
       one_step = csat(s) AS one_step_ok
FROM expected AS e
JOIN computed USING (position)
ORDER BY position;

SET client_min_messages = warning;
DROP SCHEMA realdata_scores CASCADE;
RESET client_min_messages;
RESET search_path;
