-- Loads ibm_telco_churn/Telco-Customer-Churn.csv (7,043 customers of IBM's sample telecom
-- company, one snapshot) into the table telco, with the published column names. The file is
-- read on the client side, from the directory named by the environment variable CX_DATA_DIR.
-- Usage: CX_DATA_DIR=/path/to/data psql -f demo/load/ibm_telco_churn.sql
--
-- The published names are mixed case: quote them in queries ("Contract", "Churn"). The
-- snapshot's reading as lifetimes (data README): the file was taken on 2024-01-01, a customer
-- started tenure months before it, and Churn = 'Yes' means the customer left during the last
-- month; the report's churn query spells this out.

CREATE TABLE telco (
    "customerID"       text,     -- e.g. 7590-VHVEG
    gender             text,
    "SeniorCitizen"    integer,  -- 0 or 1
    "Partner"          text,     -- Yes/No, like the other service columns
    "Dependents"       text,
    tenure             integer,  -- whole months as a customer at the snapshot (0 = new)
    "PhoneService"     text,
    "MultipleLines"    text,
    "InternetService"  text,     -- DSL, Fiber optic or No
    "OnlineSecurity"   text,
    "OnlineBackup"     text,
    "DeviceProtection" text,
    "TechSupport"      text,
    "StreamingTV"      text,
    "StreamingMovies"  text,
    "Contract"         text,     -- Month-to-month, One year or Two year
    "PaperlessBilling" text,
    "PaymentMethod"    text,
    "MonthlyCharges"   numeric,
    "TotalCharges"     text,     -- a single space for the 11 customers of tenure 0: cast with
                                 -- nullif(btrim("TotalCharges"), '')::numeric
    "Churn"            text      -- Yes: left in the last month before the snapshot
);

-- \copy must stay on one line: a short environment variable, set from CX_DATA_DIR, names the
-- directory; the shell reads it in double quotes, so the path may contain spaces.
\getenv cx_data CX_DATA_DIR
\setenv TELCO :cx_data/ibm_telco_churn
\copy telco FROM PROGRAM 'cat "$TELCO/Telco-Customer-Churn.csv"' WITH (FORMAT csv, HEADER)
