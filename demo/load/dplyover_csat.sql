-- Loads dplyover_csat/csatraw.csv (a synthetic CSAT survey of 150 customers) into the table
-- dplyover_csat. The file is read on the client side, from the directory named by the
-- environment variable CX_DATA_DIR.
-- Usage: CX_DATA_DIR=/path/to/data psql -f demo/load/dplyover_csat.sql

CREATE TABLE dplyover_csat (
    cust_id    text,      -- keeps its leading zeros
    type       text,      -- existing, new or reactivate
    product    text,
    item1      smallint,  -- overall satisfaction, 1-5
    item1_open text,      -- coded open answer
    item2a     smallint,  -- postal contact: when (0 = no contact)
    item2b     smallint,  -- postal contact: satisfaction 1-5, NULL without contact
    item3a     smallint,  -- phone
    item3b     smallint,
    item4a     smallint,  -- email
    item4b     smallint,
    item5a     smallint,  -- website
    item5b     smallint,
    item6a     smallint,  -- shop
    item6b     smallint
);

-- In FORMAT csv an empty unquoted cell is NULL: "no contact through that channel".
-- \copy must stay on one line: a short environment variable, set from CX_DATA_DIR, names the
-- directory; the shell reads it in double quotes, so the path may contain spaces.
\getenv cx_data CX_DATA_DIR
\setenv CSAT :cx_data/dplyover_csat
\copy dplyover_csat FROM PROGRAM 'cat "$CSAT/csatraw.csv"' WITH (FORMAT csv, HEADER)
