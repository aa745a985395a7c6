-- Storable summaries: text form, equality and hashing, merging, constructors and accessors.
SET extra_float_digits = 0;

-- The text form shows the counts; weights appear only when present.
SELECT nps_agg(score) FROM (VALUES (0), (0), (0), (7), (7), (10), (10), (10), (10), (10)) v(score);
SELECT csat_agg(score, weight) FROM (VALUES (1, 2.5), (5, 0.5)) v(score, weight);
SELECT nps_summary(3, 2, 5), ces_agg(score) FROM (VALUES (1), (7)) v(score);
SELECT pg_column_size(nps_agg(5)), pg_column_size(csat_agg(5)), pg_column_size(ces_agg(5));

-- Text round trip of many summaries, unweighted and weighted.
CREATE TEMP TABLE many AS
SELECT g % 40 AS grp, nps_agg(((g * 7919) % 11)::int) AS n,
       csat_agg(((g * 31) % 5 + 1)::int, ((g * 104729) % 997) / 7.0) AS c,
       ces_agg(((g * 17) % 7 + 1)::int, (g % 5)::float8 / 3) AS e
FROM generate_series(1, 20000) g GROUP BY g % 40;
SELECT count(*) AS summaries,
       count(*) FILTER (WHERE n::text::nps_summary = n AND c::text::csat_summary = c
                        AND e::text::ces_summary = e) AS round_trips
FROM many;

-- Equality and hashing: DISTINCT, GROUP BY, UNION, hash joins.
SELECT count(*) AS distinct_summaries
FROM (SELECT DISTINCT s FROM (VALUES (nps_summary(1, 2, 3)), (nps_summary(1, 2, 3)),
                                     (nps_summary(3, 2, 1))) v(s)) d;
SELECT s, count(*)
FROM (SELECT csat_agg(5) UNION ALL SELECT csat_agg(5) UNION ALL SELECT csat_agg(4)) v(s)
GROUP BY s ORDER BY count(*);
SELECT * FROM (SELECT ces_agg(3) UNION SELECT ces_agg(3) UNION SELECT ces_agg(4)) u(s)
ORDER BY s::text;
SET enable_mergejoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT (SELECT count(*) FROM many a JOIN many b ON a.n = b.n)
     = (SELECT count(*) FROM many a JOIN many b ON a.n::text = b.n::text) AS same_as_text;
SELECT (SELECT count(*) FROM many a JOIN many b ON a.n = b.n)
     = (SELECT count(*) FROM many a JOIN many b ON a.n::text = b.n::text) AS same_as_text;
RESET enable_mergejoin;
RESET enable_nestloop;

-- Daily summaries rolled up by month equal the direct aggregate over the raw rows.
CREATE TEMP TABLE responses AS
SELECT date '2024-01-01' + (g % 366) AS day, ((g * 7919) % 11)::int AS score,
       ((g * 13) % 5 + 1)::int AS sat, ((g * 3) % 7 + 1)::int AS effort
FROM generate_series(1, 50000) g;
CREATE TEMP TABLE daily AS
SELECT day, nps_agg(score) AS n, csat_agg(sat) AS c, ces_agg(effort) AS e
FROM responses GROUP BY day;
SELECT count(*) AS months,
       count(*) FILTER (WHERE r.n = d.n AND r.c = d.c AND r.e = d.e) AS equal
FROM (SELECT date_trunc('month', day) AS month, rollup(n) AS n, rollup(c) AS c, rollup(e) AS e
      FROM daily GROUP BY 1) r
JOIN (SELECT date_trunc('month', day) AS month, nps_agg(score) AS n, csat_agg(sat) AS c,
             ces_agg(effort) AS e
      FROM responses GROUP BY 1) d USING (month);

-- + merges, - removes a part; removing more than is there is an error (see score_errors).
SELECT nps_agg(score) + nps_agg(score) FROM (VALUES (10), (0)) v(score);
SELECT (a + b) - b = a AS undo
FROM (SELECT nps_agg(9) AS a, nps_agg(3) AS b) s;

-- Summaries from published counts: CSAT 5: 42, 4: 32, 3: 10, 2: 9, 1: 14 is 69.15887850.
SELECT round(csat(csat_summary(ARRAY[14, 9, 10, 32, 42]))::numeric, 8) AS csat,
       responses(csat_summary(ARRAY[14, 9, 10, 32, 42]));
-- Bucket counts (as HCAHPS or vendor exports publish them): 25 / 25 / 50 is NPS 25.
SELECT nps(s), promoters(s), passives(s), detractors(s), score_count(s, 10) AS score_count
FROM (SELECT nps_summary(25, 25, 50) AS s) b;
-- Merged with per-score counts the result still knows only buckets.
SELECT s, score_count(s, 9) AS score_count, nps(s)
FROM (SELECT nps_summary(1, 1, 1) + nps_agg(10) AS s) m;

-- Accessors on an NPS summary of 6, 7, 8, 9.
SELECT responses(s), promoters(s), passives(s), detractors(s), score_count(s, 7),
       score_count(s, 10), effective_responses(s)
FROM (SELECT nps_agg(score) AS s FROM (VALUES (6), (7), (8), (9)) v(score)) a;

-- Empty summaries: counts 0, every figure NULL.
SELECT responses(s), effective_responses(s), nps(s), std_error(s), ci_lower(s), ci_upper(s),
       margin_of_error(s)
FROM (SELECT nps_agg(score) AS s FROM (VALUES (NULL::int)) v(score)) e;
SELECT c.* FROM (SELECT nps_agg(10) AS a) s,
    LATERAL compare(s.a, 'v1 counts=[0,0,0,0,0,0,0,0,0,0,0]') c;

-- Binary send and receive through COPY BINARY.
CREATE TEMP TABLE binary_in (n nps_summary, c csat_summary, e ces_summary);
\set binfile '/tmp/cx_regress_summaries.bin'
COPY (SELECT n, c, e FROM many) TO :'binfile' (FORMAT binary);
COPY binary_in FROM :'binfile' (FORMAT binary);
SELECT (SELECT count(*) FROM binary_in) AS copied, count(*) AS identical
FROM binary_in b JOIN many m ON b.n = m.n AND b.c = m.c AND b.e = m.e;

-- Malformed binary input: 22P03. A bytea copied in binary format carries raw bytes, which the
-- summary column then reads as its binary form.
CREATE TEMP TABLE raw (b bytea);
CREATE TEMP TABLE one_summary (c csat_summary);
\set VERBOSITY sqlstate
-- version 2
INSERT INTO raw VALUES ('\x020000'::bytea || '\x0000000000000000'::bytea);
COPY raw TO :'binfile' (FORMAT binary);
COPY one_summary FROM :'binfile' (FORMAT binary);
-- too short for five counts
TRUNCATE raw;
INSERT INTO raw VALUES ('\x010000'::bytea || '\x0000000000000001'::bytea);
COPY raw TO :'binfile' (FORMAT binary);
COPY one_summary FROM :'binfile' (FORMAT binary);
-- a negative count
TRUNCATE raw;
INSERT INTO raw VALUES ('\x010000'::bytea || '\xffffffffffffffff'::bytea
                        || '\x0000000000000000000000000000000000000000000000000000000000000000');
COPY raw TO :'binfile' (FORMAT binary);
COPY one_summary FROM :'binfile' (FORMAT binary);
-- a well-formed one: counts 1, 0, 0, 0, 2
TRUNCATE raw;
INSERT INTO raw VALUES ('\x010000'::bytea || '\x0000000000000001'::bytea
                        || '\x000000000000000000000000000000000000000000000000'::bytea
                        || '\x0000000000000002'::bytea);
COPY raw TO :'binfile' (FORMAT binary);
COPY one_summary FROM :'binfile' (FORMAT binary);
SELECT c, csat(c) FROM one_summary;
\set VERBOSITY default
