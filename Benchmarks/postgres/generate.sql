-- A survey-like table of :rows respondents, generated inside PostgreSQL (issue 15's benchmark).
--
--   psql -v rows=10000000 -v table=survey_10m -f Benchmarks/postgres/generate.sql
--
-- Deterministic: random() after setseed() in one serial INSERT … SELECT (random() is parallel
-- restricted, so the plan never runs in parallel workers) gives the same table at every run.
--
--   region     smallint  13 strata of unequal sizes (the stratum)
--   psu        integer   1–100 within each stratum: PSU 7 of region 1 and PSU 7 of region 2 are
--                        different PSUs, so a design keys PSUs by (region, psu)
--   age_band   text      7 bands 18-24 … 75+ (the domain)
--   sex        text      F / M
--   trust      smallint  1–5, shifting with age band; about 4% NULL (item non-response)
--   weight     double precision  PSU base weight × a respondent factor, full binary precision
--                        (nearly all distinct, as a calibrated weight is)
--   id         bigint    the row number
SELECT setseed(0.15);

DROP TABLE IF EXISTS :"table";
CREATE UNLOGGED TABLE :"table" (
  id bigint NOT NULL,
  region smallint NOT NULL,
  psu integer NOT NULL,
  age_band text NOT NULL,
  sex text NOT NULL,
  trust smallint,
  weight double precision NOT NULL
);

INSERT INTO :"table"
SELECT i, region::smallint, psu,
  (ARRAY['18-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75+'])[age + 1],
  CASE WHEN u_sex < 0.52 THEN 'F' ELSE 'M' END,
  CASE WHEN u_missing < 0.04 THEN NULL
       ELSE least(5, greatest(1, 1 + floor(u_trust * 5 + (age - 3) * 0.15)::int))::smallint END,
  -- the PSU's base weight (from its stratum and number, fixed per PSU) × a factor in [0.5, 1.5)
  (200 + 37 * region + 3 * psu) * (0.5 + u_weight)
FROM (
  SELECT i,
    -- 13 strata of unequal shares (4.5% to 13.6%): 1 + how many cut points u_region passes
    1 + width_bucket(u_region, ARRAY[0.045, 0.136, 0.227, 0.318, 0.364, 0.409, 0.500, 0.591, 0.682,
                                     0.727, 0.773, 0.864]) AS region,
    1 + floor(u_psu * 100)::int AS psu,
    floor(u_age * 7)::int AS age,
    u_sex, u_missing, u_trust, u_weight
  FROM (
    SELECT i, random() AS u_region, random() AS u_psu, random() AS u_age, random() AS u_sex,
      random() AS u_missing, random() AS u_trust, random() AS u_weight
    FROM generate_series(1, :rows) AS i
  ) AS draws
) AS respondents;

VACUUM ANALYZE :"table";
