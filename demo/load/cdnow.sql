-- Loads cdnow/CDNOW_master.txt (69,659 purchases at the CDNOW music store by the 23,570
-- customers who first bought in January-March 1997, up to 1998-06-30) into the table cdnow,
-- one row per purchase. The file is read on the client side, from the directory named by the
-- environment variable CX_DATA_DIR.
-- Usage: CX_DATA_DIR=/path/to/data psql -f demo/load/cdnow.sql

CREATE TABLE cdnow (
    customer_id   text,     -- keeps its leading zeros: 00001
    purchased_on  date,     -- published as date, YYYYMMDD
    number_of_cds integer,
    dollar_value  numeric
);

-- The file is not CSV: fields are separated by runs of spaces, lines start with spaces and end
-- in CRLF, and a header line comes first. So each line is read whole (the delimiter \x01 never
-- occurs), then trimmed of spaces and the carriage return and split on whitespace. The header
-- is the one line whose first field is not a number.
CREATE TEMPORARY TABLE cdnow_lines (line text);
-- \copy must stay on one line: a short environment variable, set from CX_DATA_DIR, names the
-- directory; the shell reads it in double quotes, so the path may contain spaces.
\getenv cx_data CX_DATA_DIR
\setenv CDNOW :cx_data/cdnow
\copy cdnow_lines FROM PROGRAM 'cat "$CDNOW/CDNOW_master.txt"' WITH (FORMAT text, DELIMITER E'\x01')

INSERT INTO cdnow
SELECT fields[1], to_date(fields[2], 'YYYYMMDD'), fields[3]::integer, fields[4]::numeric
FROM (SELECT regexp_split_to_array(btrim(line, E' \r'), '\s+') AS fields
      FROM cdnow_lines) AS lines
WHERE fields[1] ~ '^[0-9]+$';

DROP TABLE cdnow_lines;
