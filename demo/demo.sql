-- The demo session, run by demo/run inside a throwaway cluster: installs the extension, loads
-- the data (the real files, or the synthetic sample when psql is given -v synthetic=on) and
-- prints the report.

\set ON_ERROR_STOP on
\set QUIET on
\pset footer off

CREATE EXTENSION cx;

\if :synthetic
\ir load/synthetic.sql
\set data_label '[SYNTHETIC SAMPLE]'
\echo '*** SYNTHETIC SAMPLE: the data directory was not found, so every figure below comes from'
\echo '*** invented answers (demo/load/synthetic.sql). They show the report, not real customers.'
\else
\ir load/nps_testdata.sql
\ir load/olist.sql
\ir load/dplyover_csat.sql
\ir load/ibm_telco_churn.sql
\ir load/cdnow.sql
\set data_label ''
\endif

\ir report.sql
