-- Generates a small SYNTHETIC sample in the shapes of the real demo tables (nps_testdata,
-- olist_customers, olist_orders, olist_order_reviews, dplyover_csat, telco, cdnow), for when
-- the data directory is missing. The answers, customers and purchases are invented: they show
-- how the report works, nothing about any customer. The same numbers come out on every run and
-- every machine: the "random" draws are a fixed integer hash of the row number.
-- Usage: psql -f demo/load/synthetic.sql

-- unit_draw(row, stream): a number in [0, 1) that depends only on its arguments. Each stream is
-- an independent-looking sequence; 32-bit multiply-xorshift mixing, kept below 2^63 in bigint.
CREATE FUNCTION pg_temp.unit_draw(i bigint, stream integer) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (h3 # (h3 >> 16))::double precision / 4294967296
    FROM (SELECT (i * 2654435761 + stream * 2246822519) % 4294967296 AS h1) AS a,
         LATERAL (SELECT (((h1 # (h1 >> 16)) * 73244475) % 4294967296) AS h2) AS b,
         LATERAL (SELECT (((h2 # (h2 >> 16)) * 73244475) % 4294967296) AS h3) AS c
$$;

-- draw_score(row, stream, low, high, tilt): a whole score in [low, high]; tilt > 1 leans
-- towards high scores, tilt < 1 towards low ones.
CREATE FUNCTION pg_temp.draw_score(i bigint, stream integer, low integer, high integer,
                                   tilt double precision) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (low + floor((1 - power(pg_temp.unit_draw(i, stream), tilt)) * (high - low + 1)))
           ::smallint
$$;

-- pick(row, stream, choices): one of the choices, each equally likely.
CREATE FUNCTION pg_temp.pick(i bigint, stream integer, choices text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT choices[1 + floor(pg_temp.unit_draw(i, stream) * cardinality(choices))::integer]
$$;

-- NPS survey: 400 answers; the region shifts the answers a little.
CREATE TABLE nps_testdata AS
SELECT pg_temp.draw_score(i, 1, 0, 10,
           CASE region WHEN 'APAC' THEN 2.6 WHEN 'NAM' THEN 2.3 ELSE 2.0 END) AS rec,
       pg_temp.draw_score(i, 2, 0, 10, 1.5) AS product_tastiness,
       pg_temp.draw_score(i, 3, 0, 10, 1.5) AS salesman_smileyness,
       pg_temp.draw_score(i, 4, 0, 10, 1.5) AS salesman_chirpiness,
       pg_temp.draw_score(i, 5, 0, 10, 1.5) AS salesman_bubbliness,
       bu,
       bu || ' ' || (1 + (i % 3)) AS product,
       date '2012-01-01' + (i % 366)::integer AS date,
       'Account ' || chr(65 + (i % 20)::integer) AS account,
       region
FROM generate_series(1, 400) AS i,
     LATERAL (SELECT pg_temp.pick(i, 6, '{NAM,NAM,NAM,EMEA,EMEA,APAC,LATAM}') AS region,
                     pg_temp.pick(i, 7, '{Apples,Bananas,Berries,Oranges}') AS bu) AS segment;

-- Marketplace: 600 orders of 600 customers in 12 states, one review for most orders.
CREATE TABLE olist_customers AS
SELECT 'c' || i AS customer_id,
       'u' || i AS customer_unique_id,
       lpad((i * 37 % 99999)::text, 5, '0') AS customer_zip_code_prefix,
       'city ' || (i % 40) AS customer_city,
       pg_temp.pick(i, 11, '{SP,SP,SP,SP,SP,RJ,RJ,MG,MG,RS,PR,SC,BA,DF,GO,ES,PE,CE}')
           AS customer_state
FROM generate_series(1, 600) AS i;

CREATE TABLE olist_orders AS
SELECT 'o' || i AS order_id,
       'c' || i AS customer_id,
       'delivered' AS order_status,
       timestamp '2018-01-01' + i * interval '7 hours' AS order_purchase_timestamp,
       timestamp '2018-01-01' + i * interval '7 hours' + interval '1 hour' AS order_approved_at,
       timestamp '2018-01-03' + i * interval '7 hours' AS order_delivered_carrier_date,
       timestamp '2018-01-09' + i * interval '7 hours' AS order_delivered_customer_date,
       timestamp '2018-01-20' + i * interval '7 hours' AS order_estimated_delivery_date
FROM generate_series(1, 600) AS i;

CREATE TABLE olist_order_reviews AS
SELECT 'r' || i AS review_id,
       'o' || i AS order_id,
       pg_temp.draw_score(i, 12, 1, 5, 3.5) AS review_score,
       NULL::text AS review_comment_title,
       NULL::text AS review_comment_message,
       timestamp '2018-01-10' + i * interval '7 hours' AS review_creation_date,
       timestamp '2018-01-12' + i * interval '7 hours' AS review_answer_timestamp
FROM generate_series(1, 600) AS i
WHERE pg_temp.unit_draw(i, 13) < 0.95;

-- Contact-channel survey: 150 customers; about one in four had no contact through a channel
-- (code 0, answer NULL); phone is made a little better and the shop a little worse.
CREATE TABLE dplyover_csat AS
SELECT lpad((i * 7919 % 100000)::text, 5, '0') AS cust_id,
       pg_temp.pick(i, 21, '{existing,existing,new,new,reactivate}') AS type,
       pg_temp.pick(i, 22, '{basic,premium,advanced}') AS product,
       pg_temp.draw_score(i, 23, 1, 5, 1.0) AS item1,
       NULL::text AS item1_open,
       contact[1] AS item2a,
       CASE WHEN contact[1] > 0 THEN pg_temp.draw_score(i, 31, 1, 5, 1.0) END AS item2b,
       contact[2] AS item3a,
       CASE WHEN contact[2] > 0 THEN pg_temp.draw_score(i, 32, 1, 5, 1.3) END AS item3b,
       contact[3] AS item4a,
       CASE WHEN contact[3] > 0 THEN pg_temp.draw_score(i, 33, 1, 5, 1.0) END AS item4b,
       contact[4] AS item5a,
       CASE WHEN contact[4] > 0 THEN pg_temp.draw_score(i, 34, 1, 5, 0.9) END AS item5b,
       contact[5] AS item6a,
       CASE WHEN contact[5] > 0 THEN pg_temp.draw_score(i, 35, 1, 5, 0.7) END AS item6b
FROM generate_series(1, 150) AS i,
     LATERAL (SELECT array_agg(floor(pg_temp.unit_draw(i, 40 + channel) * 3.6)::smallint
                               ORDER BY channel) AS contact
              FROM generate_series(1, 5) AS channel) AS contacts;

-- Telecom snapshot: 1,000 customers in the columns of ibm_telco_churn. Month-to-month customers
-- are newer and leave more often than those on one- and two-year contracts; tenure runs from 0
-- (joined on the snapshot) to 72 months.
CREATE TABLE telco AS
SELECT lpad(i::text, 4, '0') || '-' || upper(substr(md5(i::text), 1, 5)) AS "customerID",
       pg_temp.pick(i, 51, '{Female,Male}') AS gender,
       (pg_temp.unit_draw(i, 52) < 0.16)::integer AS "SeniorCitizen",
       pg_temp.pick(i, 53, '{Yes,No}') AS "Partner",
       pg_temp.pick(i, 54, '{Yes,No,No}') AS "Dependents",
       tenure,
       'Yes' AS "PhoneService",
       pg_temp.pick(i, 55, '{Yes,No}') AS "MultipleLines",
       internet AS "InternetService",
       extra AS "OnlineSecurity",
       extra AS "OnlineBackup",
       extra AS "DeviceProtection",
       extra AS "TechSupport",
       extra AS "StreamingTV",
       extra AS "StreamingMovies",
       contract AS "Contract",
       pg_temp.pick(i, 56, '{Yes,No}') AS "PaperlessBilling",
       pg_temp.pick(i, 57, '{Electronic check,Mailed check,Bank transfer (automatic),'
                           'Credit card (automatic)}') AS "PaymentMethod",
       monthly AS "MonthlyCharges",
       CASE WHEN tenure = 0 THEN ' ' ELSE (monthly * tenure)::text END AS "TotalCharges",
       CASE WHEN tenure > 0 AND pg_temp.unit_draw(i, 58) <
                 CASE contract WHEN 'Month-to-month' THEN 0.40 WHEN 'One year' THEN 0.11
                               ELSE 0.03 END
            THEN 'Yes' ELSE 'No' END AS "Churn"
FROM generate_series(1, 1000) AS i,
     LATERAL (SELECT pg_temp.pick(i, 59, '{Month-to-month,Month-to-month,One year,Two year}')
                         AS contract,
                     pg_temp.pick(i, 60, '{DSL,Fiber optic,Fiber optic,No}') AS internet) AS a,
     LATERAL (SELECT floor(73 * power(pg_temp.unit_draw(i, 61),
                                      CASE contract WHEN 'Month-to-month' THEN 1.8
                                                    WHEN 'One year' THEN 0.9 ELSE 0.6 END))
                         ::integer AS tenure,
                     CASE WHEN internet = 'No' THEN 'No internet service'
                          ELSE pg_temp.pick(i, 62, '{Yes,No}') END AS extra,
                     round((20 + 90 * pg_temp.unit_draw(i, 63))::numeric, 2) AS monthly) AS b;

-- Music store purchases: 1,500 customers who first bought in January, February or March 1997,
-- in the columns of cdnow. After the first purchase each customer buys again in a later month
-- up to June 1998 with a chance that fades from about 14 % to 6 %.
CREATE TABLE cdnow AS
WITH customers AS (
    SELECT i,
           lpad(i::text, 5, '0') AS customer_id,
           date '1997-01-01' + floor(3 * pg_temp.unit_draw(i, 71)) * interval '1 month'
               AS first_month
    FROM generate_series(1, 1500) AS i
)
SELECT customer_id,
       (first_month + make_interval(months => m) + floor(28 * pg_temp.unit_draw(i * 100 + m, 72))
                                                   * interval '1 day')::date AS purchased_on,
       1 + floor(3 * pg_temp.unit_draw(i * 100 + m, 73))::integer AS number_of_cds,
       round((12 + 30 * pg_temp.unit_draw(i * 100 + m, 74))::numeric, 2) AS dollar_value
FROM customers,
     generate_series(0, 17) AS m
WHERE first_month + make_interval(months => m) < date '1998-07-01'
  AND (m = 0 OR pg_temp.unit_draw(i * 100 + m, 75) < 0.06 + 0.08 * exp(-m / 4.0));
