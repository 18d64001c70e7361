#!/usr/bin/env python3
"""Prints the SQL that loads the test surveys into PostgreSQL (run from the repository root, piped
to psql): the R golden fixtures of Tests/SurveyStatisticsTests/Fixtures/proportions, one table per
reference case (missing codes set to NULL, a row_id column for designs without PSUs), the same for
the paradox fixtures (paradox_CASE, and paradox_shuffled and paradox_raked_shuffled: rows in
random order) and the crosstab fixtures (crosstab_CASE, crosstab_shuffled, crosstab_raked_shuffled)
and their scale cases (scale_CASE, scale_shuffled, scale_raked_shuffled, scale_not_a_number), the shipped
surveys, the data sets of the numeric fixtures (Tests/SurveyStatisticsTests/Fixtures/numeric:
numeric_apistrat…, with a row_id column for the designs without PSUs) and of the replicate fixtures
(Tests/SurveyStatisticsTests/Fixtures/replicates: replicates_apiclus1…), a table of very large and
very small numbers (magnitudes), the raking fixtures (raking_CASE, raking_shuffled), and the
tables the error tests need. Weights and FPCs are double
precision, every other column text, as the file path reads them."""
import csv
import json

FIXTURES = "Tests/SurveyStatisticsTests/Fixtures/proportions/"


def ident(name):
    return '"' + name.replace('"', '""') + '"'


def literal(text):
    return "'" + text.replace("'", "''") + "'"


def load(table, path, numeric_columns, missing_codes=None, row_id=False):
    with open(path, newline="", encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    columns = ", ".join(
        ident(c) + (" double precision" if c in numeric_columns else " text") for c in header)
    print(f"DROP TABLE IF EXISTS {ident(table)};")
    print(f"CREATE TABLE {ident(table)} ({columns});")
    print(f"\\copy {ident(table)} ({', '.join(ident(c) for c in header)}) FROM {literal(path)} WITH (FORMAT csv, HEADER true)")
    for column, codes in (missing_codes or {}).items():
        print(f"UPDATE {ident(table)} SET {ident(column)} = NULL WHERE {ident(column)} IN ({', '.join(literal(c) for c in codes)});")
    if row_id:
        print(f"ALTER TABLE {ident(table)} ADD COLUMN row_id bigserial;")


print("SET client_min_messages = warning;")
reference = json.load(open(FIXTURES + "reference.json"))
for case in reference["cases"]:
    if case.get("expect_error"):
        continue
    design = case["design"]
    numeric = {c for c in (design["weight"], design["fpc"]) if c}
    load(case["name"].replace("-", "_"), FIXTURES + case["data"], numeric, case["missing_codes"],
         row_id=design["psu"] is None)

# The R golden fixtures of Tests/SurveyStatisticsTests/Fixtures/paradox: one table per case
# (paradox_ and the case's name; a raked case's targets are paradox-targets.csv), and the first
# case and the first raked one again with their rows shuffled.
PARADOX = "Tests/SurveyStatisticsTests/Fixtures/paradox/"
for case in json.load(open(PARADOX + "reference.json"))["cases"]:
    design = case["design"]
    numeric = {c for c in (design["weight"], design["fpc"]) if c}
    table = "paradox_" + case["name"].replace("-", "_")
    load(table, PARADOX + case["data"], numeric, case["missing_codes"], row_id=design["psu"] is None)
print("SELECT setseed(0.15);")
print("DROP TABLE IF EXISTS paradox_shuffled;")
print("CREATE TABLE paradox_shuffled AS SELECT * FROM paradox_any_of_two_by_age ORDER BY random();")
print("DROP TABLE IF EXISTS paradox_raked_shuffled;")
print("CREATE TABLE paradox_raked_shuffled AS SELECT * FROM paradox_raked_any_of_two_by_age ORDER BY random();")

# The R golden fixtures of Tests/SurveyStatisticsTests/Fixtures/crosstabs: one table per case that
# reads no derived variable (crosstab_ and the case's name; a raked case's targets are
# privacy-targets.csv), and concern-by-age and raked-concern-protect-by-sex again with their rows
# shuffled.
CROSSTABS = "Tests/SurveyStatisticsTests/Fixtures/crosstabs/"
for case in json.load(open(CROSSTABS + "reference.json"))["crosstabs"]:
    design = case["design"]
    if "westin_segment" in (case["row"], case["column"]):
        continue
    numeric = {c for c in (design["weight"], design["fpc"]) if c}
    load("crosstab_" + case["name"].replace("-", "_"), CROSSTABS + case["data"], numeric, case["missing_codes"],
         row_id=design["psu"] is None)
print("DROP TABLE IF EXISTS crosstab_shuffled;")
print("CREATE TABLE crosstab_shuffled AS SELECT * FROM crosstab_concern_by_age ORDER BY random();")
print("DROP TABLE IF EXISTS crosstab_raked_shuffled;")
print("CREATE TABLE crosstab_raked_shuffled AS SELECT * FROM crosstab_raked_concern_protect_by_sex ORDER BY random();")

# The scale cases of the same fixtures: one table per case (scale_ and the case's name) with the
# items as double precision, trust-by-age and trust-raked-by-age again with their rows shuffled,
# and a copy of a crosstab table (whose items are text) with one answer that is not a number.
for case in json.load(open(CROSSTABS + "reference.json"))["scales"]:
    design = case["design"]
    numeric = {c for c in (design["weight"], design["fpc"]) if c} | set(case["items"])
    load("scale_" + case["name"].replace("-", "_"), CROSSTABS + case["data"], numeric, case["missing_codes"],
         row_id=design["psu"] is None)
print("DROP TABLE IF EXISTS scale_shuffled, scale_not_a_number;")
print("CREATE TABLE scale_shuffled AS SELECT * FROM scale_trust_by_age ORDER BY random();")
print("DROP TABLE IF EXISTS scale_raked_shuffled;")
print("CREATE TABLE scale_raked_shuffled AS SELECT * FROM scale_trust_raked_by_age ORDER BY random();")
print("CREATE TABLE scale_not_a_number AS SELECT * FROM crosstab_channel_protect_level_outside_table;")
print("UPDATE scale_not_a_number SET trust2 = 'n/a' WHERE id = '17';")

load("privacy_france_2025", "surveys/privacy-france-2025.csv", {"base_weight", "age"})
load("example_privacy", "surveys/example-privacy.csv", {"weight"})

# The data sets of the numeric fixtures (R's data(api)), numbers as double precision, and those of
# the replicate fixtures (replicates_apiclus1, replicates_apistrat, replicates_pairs, replicates_quads).
datasets = [("numeric_" + name, dataset) for name, dataset in json.load(
    open("Tests/SurveyStatisticsTests/Fixtures/numeric/reference.json"))["datasets"].items()]
datasets += [("replicates_" + name, dataset) for name, dataset in json.load(
    open("Tests/SurveyStatisticsTests/Fixtures/replicates/reference.json"))["datasets"].items()]
for name, dataset in datasets:
    table = ident(name)
    order = dataset["column_order"]
    kinds = {c: dataset["columns"][c]["type"] for c in order}
    print(f"DROP TABLE IF EXISTS {table};")
    print(f"CREATE TABLE {table} (row_id bigint, "
          + ", ".join(ident(c) + (" text" if kinds[c] == "categorical" else " double precision") for c in order) + ");")
    rows = []
    for row in range(dataset["rows"]):
        values = [str(row + 1)]
        for c in order:
            value = dataset["columns"][c]["values"][row]
            values.append("NULL" if value is None else (literal(value) if kinds[c] == "categorical" else repr(float(value))))
        rows.append("(" + ", ".join(values) + ")")
    print(f"INSERT INTO {table} VALUES " + ", ".join(rows) + ";")

# apistrat with a ratio's denominator that is 0 in every high school (enroll_h0) and one that is
# 0 everywhere (zero): PostgresRatioTests.
print("DROP TABLE IF EXISTS ratio_apistrat_zero;")
print("CREATE TABLE ratio_apistrat_zero AS SELECT *, CASE WHEN stype = 'H' THEN 0::float8 ELSE enroll END AS enroll_h0, "
      "0::float8 AS zero FROM numeric_apistrat;")

# apiclus1's replicate fixture with its rows in another order: replicate-weight columns give the
# same estimates and degrees of freedom (PostgresReplicateTests).
print("SELECT setseed(0.25);")
print("DROP TABLE IF EXISTS replicates_apiclus1_shuffled;")
print("CREATE TABLE replicates_apiclus1_shuffled AS SELECT * FROM replicates_apiclus1 ORDER BY random();")

# An ACS-like table of 400 rows with a weight and 80 successive-difference replicate weights
# (pwgtp, pwgtp1…pwgtp80), replicate_acs: a_ir = w_i·(1 + H[a_i][r]/2 − H[b_i][r]/2) with H the
# Sylvester Hadamard matrix (H[j][r] = (−1)^popcount(j & r)) and rows a_i = 1 + i mod 80,
# b_i = 1 + (i + 1) mod 80, so every value is exact; inserted in a scrambled order.
# PostgresReplicateTests and SparkReplicateTests compute the same rows (ACSLikeTable).
def acs_like_rows():
    for i in sorted(range(1, 401), key=lambda i: (i * 7919) % 401):
        w = float(50 + (i * 37) % 101)
        def h(j, r):
            return -1 if bin(j & r).count("1") % 2 else 1
        a, b = 1 + i % 80, 1 + (i + 1) % 80
        replicates = [w * (1 + h(a, r) / 2 - h(b, r) / 2) for r in range(80)]
        y = None if i % 23 == 0 else float((i * 53) % 97) + 0.25
        yield [i, "R" + str(i % 4), "b" if i % 5 == 0 else "a", ["own", "rent", "other"][i % 3], y, w] + replicates


print("DROP TABLE IF EXISTS replicates_acs;")
print("CREATE TABLE replicates_acs (row_id bigint, region text, big text, tenure text, hours double precision, "
      "pwgtp double precision, " + ", ".join(f"pwgtp{r} double precision" for r in range(1, 81)) + ");")
print("INSERT INTO replicates_acs VALUES " + ", ".join(
    "(" + ", ".join("NULL" if v is None else (literal(v) if isinstance(v, str) else repr(v)) for v in row) + ")"
    for row in acs_like_rows()) + ";")

# Replicate weights whose cross products cannot decide their rank (replicates_collinear, 500 rows;
# CollinearReplicateTable in the tests computes the same doubles): a1, a2, a3 = w·(1 + u/4096), a
# column extrapolated from them with coefficients ±200 whose remaining norm is about 3.7 times R's
# threshold (rep4), one about 0.54 times (rep5), one 1.0001 times it in the domain `small` (close3)
# and one 1.0001 times it over all rows (edge3); domains `part` of 485, 12 (fewer than 4R for the
# five rep columns) and 3 rows (fewer than R).
def collinear_rows():
    for i in range(1, 501):
        w = float(40 + (i * 37) % 61)
        u1, u2, u3 = (i * 13) % 7 - 3, (i * 29) % 5 - 2, (i * 7) % 9 - 4
        z, v = (i * 11) % 13 - 6, (i * 17) % 19 - 9
        a1, a2, a3 = w * (1 + u1 / 4096), w * (1 + u2 / 4096), w * (1 + u3 / 4096)
        part = "tiny" if i % 166 == 0 else ("small" if i % 40 == 0 else "large")
        replicates = [a1, a2, a3, a1 + 200.0 * (a2 - a1) + 1e-5 * w * z, a2 + 200.0 * (a3 - a1) + 1e-6 * w * v]
        close = [a1, a2, a1 + 200.0 * (a2 - a1) + 2.76153776514e-06 * w * z]
        edge = [a1, a2, a1 + 200.0 * (a2 - a1) + 2.69682632482e-06 * w * z]
        yield [i, part, float((i * 53) % 97) + 0.25, w] + replicates + close + edge


print("DROP TABLE IF EXISTS replicates_collinear;")
print("CREATE TABLE replicates_collinear (row_id bigint, part text, y double precision, w double precision, "
      + ", ".join(f"rep{r} double precision" for r in range(1, 6)) + ", "
      + ", ".join(f"{name}{r} double precision" for name in ["close", "edge"] for r in range(1, 4)) + ");")
print("INSERT INTO replicates_collinear VALUES " + ", ".join(
    "(" + ", ".join(literal(v) if isinstance(v, str) else repr(v) for v in row) + ")"
    for row in collinear_rows()) + ";")

# Stratified jackknife replicate weights, exactly rank-deficient (replicates_strata; the rows and
# their description in .ci/strata_rows.py).
from strata_rows import strata_rows  # noqa: E402

print("DROP TABLE IF EXISTS replicates_strata;")
print("CREATE TABLE replicates_strata (row_id bigint, part text, y double precision, w double precision, "
      + ", ".join(f"sj{r} double precision" for r in range(1, 43)) + ");")
print("INSERT INTO replicates_strata VALUES " + ", ".join(
    "(" + ", ".join(literal(v) if isinstance(v, str) else repr(v) for v in row) + ")"
    for row in strata_rows()) + ";")

# Numbers whose w·y² pass 2^63 (large: summed as exact decimals), whose products are far below 1
# (small: in the integer sums' fractional parts), and weights far below 1 (tiny_w), on the paradox
# fixture's design: PostgresMagnitudeTests computes the same doubles from the id.
load("magnitudes", PARADOX + "paradox.csv", {"w"})
print("ALTER TABLE magnitudes ADD COLUMN large double precision, ADD COLUMN small double precision, "
      "ADD COLUMN tiny_w double precision;")
print("UPDATE magnitudes SET large = ((id::bigint * 7919 % 1000)::float8 + 0.5::float8) * 1e9::float8, "
      "small = (id::bigint % 97 + 1)::float8 * 1e-6::float8, tiny_w = w * 1e-9::float8;")

# The R golden raking fixtures of Tests/SurveyStatisticsTests/Fixtures/raking: one table per raking
# case (raking_ and the case's name; blanks are NULL; weights, FPCs and the variables of R's means
# and totals double precision), a row_id column for designs without PSUs, and
# clustered-raked again with its rows shuffled.
RAKING = "Tests/SurveyStatisticsTests/Fixtures/raking/"
for case in json.load(open(RAKING + "reference.json"))["cases"]:
    if case["kind"] != "rake":
        continue
    design = case["design"]
    estimates = case["estimates"]
    numeric = {c for c in (design["weight"], design["fpc"]) if c} | {
        e["variable"] for e in (estimates["means"] or []) + (estimates["totals"] or [])}
    load("raking_" + case["name"].replace("-", "_"), RAKING + case["data"], numeric, row_id=design["psu"] is None)
print("DROP TABLE IF EXISTS raking_shuffled;")
print("CREATE TABLE raking_shuffled AS SELECT * FROM raking_clustered_raked ORDER BY random();")

# Tables for the safety and error tests.
print('DROP TABLE IF EXISTS "x""; DROP TABLE y; --", y, typed, null_design, slow CASCADE;')
print('CREATE TABLE y (id integer);')
print('CREATE TABLE "x""; DROP TABLE y; --" AS SELECT * FROM example_privacy;')
print("CREATE TABLE typed AS SELECT *, '{}'::jsonb AS extra FROM domain_one_by;")
print("CREATE TABLE null_design AS SELECT * FROM domain_one_by;")
print("UPDATE null_design SET w = NULL WHERE ctid IN (SELECT ctid FROM null_design ORDER BY ctid LIMIT 3);")
print("CREATE VIEW slow AS SELECT d.* FROM domain_one_by d WHERE pg_sleep(0.05)::text = '';")
print("GRANT SELECT ON ALL TABLES IN SCHEMA public TO confiance;")
