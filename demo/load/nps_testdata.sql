-- Loads nps_testdata/nps_testdata.csv (1,000 survey answers of R's NPS package) into the table
-- nps_testdata. The file is read on the client side, from the directory named by the
-- environment variable CX_DATA_DIR, so the server needs no access to it.
-- Usage: CX_DATA_DIR=/path/to/data psql -f demo/load/nps_testdata.sql

CREATE TABLE nps_testdata (
    rec                 smallint,   -- likelihood to recommend, 0-10 (published as REC)
    product_tastiness   smallint,   -- four more 0-10 items, published as Product.Tastiness ...
    salesman_smileyness smallint,
    salesman_chirpiness smallint,
    salesman_bubbliness smallint,
    bu                  text,       -- business unit (BU)
    product             text,       -- PRODUCT
    date                date,
    account             text,       -- Account
    region              text        -- Region
);

-- \copy must stay on one line: a short environment variable, set from CX_DATA_DIR, names the
-- directory; the shell reads it in double quotes, so the path may contain spaces.
\getenv cx_data CX_DATA_DIR
\setenv NPS :cx_data/nps_testdata
\copy nps_testdata FROM PROGRAM 'cat "$NPS/nps_testdata.csv"' WITH (FORMAT csv, HEADER)
