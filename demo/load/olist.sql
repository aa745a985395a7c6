-- Loads the Olist marketplace sample (olist_sample/: customers, orders and order reviews) into
-- the tables olist_customers, olist_orders and olist_order_reviews. The files are read on the
-- client side, from the directory named by the environment variable CX_DATA_DIR.
-- Usage: CX_DATA_DIR=/path/to/data psql -f demo/load/olist.sql

CREATE TABLE olist_customers (
    customer_id              text PRIMARY KEY,  -- one per order
    customer_unique_id       text NOT NULL,     -- one per person
    customer_zip_code_prefix text,
    customer_city            text,
    customer_state           text
);

CREATE TABLE olist_orders (
    order_id                      text PRIMARY KEY,
    customer_id                   text NOT NULL,
    order_status                  text,
    order_purchase_timestamp      timestamp,
    order_approved_at             timestamp,
    order_delivered_carrier_date  timestamp,
    order_delivered_customer_date timestamp,
    order_estimated_delivery_date timestamp
);

CREATE TABLE olist_order_reviews (
    review_id               text,
    order_id                text NOT NULL,
    review_score            smallint,  -- 1-5
    review_comment_title    text,
    review_comment_message  text,
    review_creation_date    timestamp,
    review_answer_timestamp timestamp
);

-- CSV: review comments are quoted and may span several lines.
-- \copy must stay on one line: a short environment variable, set from CX_DATA_DIR, names the
-- directory; the shell reads it in double quotes, so the path may contain spaces.
\getenv cx_data CX_DATA_DIR
\setenv OLIST :cx_data/olist_sample
\copy olist_customers FROM PROGRAM 'cat "$OLIST/olist_customers_dataset.csv"' csv header
\copy olist_orders FROM PROGRAM 'cat "$OLIST/olist_orders_dataset.csv"' csv header
\copy olist_order_reviews FROM PROGRAM 'cat "$OLIST/olist_order_reviews_dataset.csv"' csv header
