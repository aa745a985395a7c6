-- Scale-out through postgres_fdw: with cx named in the server's extensions option, the
-- aggregates run on the remote side, and summaries computed there arrive as ordinary values
-- that rollup() merges. The remote server here is this cluster itself, over loopback.
CREATE EXTENSION postgres_fdw;
SET extra_float_digits = 0;

CREATE TABLE shard_answers AS
SELECT g, (g % 3)::int AS region, ((g * 7) % 11)::int AS score FROM generate_series(1, 3000) g;

DO $$
BEGIN
    EXECUTE format('CREATE SERVER loopback FOREIGN DATA WRAPPER postgres_fdw '
                   'OPTIONS (dbname %L, port %L, extensions %L)',
                   current_database(), current_setting('port'), 'cx');
END $$;
CREATE USER MAPPING FOR CURRENT_USER SERVER loopback;
CREATE FOREIGN TABLE remote_answers (g int, region int, score int)
    SERVER loopback OPTIONS (table_name 'shard_answers');

-- The aggregate is shipped: the remote SQL computes nps_agg itself.
EXPLAIN (VERBOSE, COSTS OFF)
SELECT region, nps_agg(score) FROM remote_answers GROUP BY region;

-- Remote summaries merged locally equal the local aggregate over all rows.
SELECT (SELECT rollup(s) FROM (SELECT nps_agg(score) AS s FROM remote_answers GROUP BY region) r)
     = (SELECT nps_agg(score) FROM shard_answers) AS same_summary,
       (SELECT nps(score) FROM remote_answers) = (SELECT nps(score) FROM shard_answers)
           AS same_nps;

DROP FOREIGN TABLE remote_answers;
DROP USER MAPPING FOR CURRENT_USER SERVER loopback;
DROP SERVER loopback;
DROP TABLE shard_answers;
DROP EXTENSION postgres_fdw;
