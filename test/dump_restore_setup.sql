-- Stored summaries of every kind for the dump and restore test: unweighted, weighted with
-- fractional weights, bucket-only and empty ones, in tables, an index and a generated column.
CREATE EXTENSION cx;

CREATE TABLE daily_nps (day date PRIMARY KEY, s nps_summary NOT NULL,
                        score double precision GENERATED ALWAYS AS (nps(s)) STORED);
INSERT INTO daily_nps (day, s)
SELECT date '2024-01-01' + d, nps_agg(((d * 7 + g * 13) % 11)::int, (g % 7) / 3.0)
FROM generate_series(0, 30) d, generate_series(1, 40) g GROUP BY d;
INSERT INTO daily_nps (day, s) VALUES ('2023-12-31', nps_summary(10, 20, 30)),
                                      ('2023-12-30', 'v1 counts=[0,0,0,0,0,0,0,0,0,0,0]');
CREATE INDEX ON daily_nps (nps(s));

CREATE TABLE other_summaries (id int PRIMARY KEY, c csat_summary, e ces_summary);
INSERT INTO other_summaries
SELECT g, csat_agg((g % 5 + 1)::int), ces_agg((g % 7 + 1)::int, g / 10.0)
FROM generate_series(1, 20) g GROUP BY g;

-- Retention by date and by instant, and survival curves, per segment.
CREATE TABLE lifetimes (segment int PRIMARY KEY, by_day retention_summary,
                        by_instant retention_summary, survival survival_summary);
INSERT INTO lifetimes
SELECT g % 4,
       retention_agg(date '2023-06-01' + g, CASE WHEN g % 3 = 0 THEN date '2024-02-01' + g END,
                     '2024-01-01', '2024-04-01'),
       retention_agg(timestamptz '2023-06-01 08:30+00' + g * interval '1 day 1 hour',
                     CASE WHEN g % 5 = 0
                          THEN timestamptz '2023-06-01 08:30+00' + g * interval '1 day 3 hours' END,
                     timestamptz '2024-01-01 00:00+00', timestamptz '2024-04-01 00:00+00'),
       survival_agg(g / 7.0, g % 3 = 0)
FROM generate_series(1, 300) g GROUP BY g % 4;

-- One view over everything stored, as text and in the binary form.
CREATE VIEW stored_values AS
SELECT row_number() OVER (ORDER BY kind, key) AS id, kind, value FROM (
    SELECT 'nps text' AS kind, day::text AS key, s::text AS value FROM daily_nps
    UNION ALL SELECT 'nps binary', day::text, nps_summary_send(s)::text FROM daily_nps
    UNION ALL SELECT 'nps generated', day::text, score::text FROM daily_nps
    UNION ALL SELECT 'csat text', id::text, c::text FROM other_summaries
    UNION ALL SELECT 'ces text', id::text, e::text FROM other_summaries
    UNION ALL SELECT 'ces binary', id::text, ces_summary_send(e)::text FROM other_summaries
    UNION ALL SELECT 'retention text', segment::text, by_day::text || ' ' || by_instant::text
              FROM lifetimes
    UNION ALL SELECT 'retention binary', segment::text,
                     retention_summary_send(by_day)::text
                     || retention_summary_send(by_instant)::text
              FROM lifetimes
    UNION ALL SELECT 'survival text', segment::text, survival::text FROM lifetimes
    UNION ALL SELECT 'survival binary', segment::text, survival_summary_send(survival)::text
              FROM lifetimes
) v;
