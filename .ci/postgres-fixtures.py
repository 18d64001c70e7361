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
very small numbers (magnitudes), the data sets of the model fixtures (models_apiclus1…), the raking fixtures (raking_CASE, raking_shuffled), and the
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

# The data sets of the model fixtures (Tests/SurveyStatisticsTests/Fixtures/models: models_apiclus1,
# models_apiclus2, models_apistrat, models_privacy): columns of numbers as double precision, the
# others text, nulls NULL; PostgresModelTests fits R's svyglm cases on them.
for name, columns in json.load(open("Tests/SurveyStatisticsTests/Fixtures/models/models.json"))["datasets"].items():
    table = ident("models_" + name)
    numeric = {c for c, values in columns.items() if all(v is None or isinstance(v, (int, float)) for v in values)}
    print(f"DROP TABLE IF EXISTS {table};")
    print(f"CREATE TABLE {table} ("
          + ", ".join(ident(c) + (" double precision" if c in numeric else " text") for c in columns) + ");")
    rows = zip(*columns.values())
    print(f"INSERT INTO {table} VALUES " + ", ".join(
        "(" + ", ".join("NULL" if v is None else (repr(float(v)) if c in numeric else literal(v))
                        for c, v in zip(columns, row)) + ")" for row in rows) + ";")

# models_privacy with an outcome that sex separates perfectly (PostgresModelTests' bad input).
print("DROP TABLE IF EXISTS models_separated;")
print("CREATE TABLE models_separated AS SELECT *, CASE WHEN sex = 'F' THEN 1::float8 ELSE 0::float8 END AS female "
      "FROM models_privacy;")

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

# replicates_acs, replicates_collinear and replicates_strata: their rows and descriptions are in
# .ci/replicate_rows.py, shared with .ci/spark-fixtures.py.
from replicate_rows import acs_like_rows, collinear_rows, strata_rows  # noqa: E402

print("DROP TABLE IF EXISTS replicates_acs;")
print("CREATE TABLE replicates_acs (row_id bigint, region text, big text, tenure text, hours double precision, "
      "pwgtp double precision, " + ", ".join(f"pwgtp{r} double precision" for r in range(1, 81)) + ");")
print("INSERT INTO replicates_acs VALUES " + ", ".join(
    "(" + ", ".join("NULL" if v is None else (literal(v) if isinstance(v, str) else repr(v)) for v in row) + ")"
    for row in acs_like_rows()) + ";")

# replicates_collinear: collinear_rows in .ci/replicate_rows.py.
print("DROP TABLE IF EXISTS replicates_collinear;")
print("CREATE TABLE replicates_collinear (row_id bigint, part text, y double precision, w double precision, "
      + ", ".join(f"rep{r} double precision" for r in range(1, 6)) + ", "
      + ", ".join(f"{name}{r} double precision" for name in ["close", "edge"] for r in range(1, 4)) + ");")
print("INSERT INTO replicates_collinear VALUES " + ", ".join(
    "(" + ", ".join(literal(v) if isinstance(v, str) else repr(v) for v in row) + ")"
    for row in collinear_rows()) + ";")

# Stratified jackknife replicate weights, exactly rank-deficient (replicates_strata; the rows and
# their description in .ci/replicate_rows.py).

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

# apiclus1 with its numbers as text (TextNumberTests): the weight with spaces around it on every
# fifth row, the FPC, the analysed variables (api00 as varchar, spelled three ways: ' 693.0 ',
# '693e0', '693', one number as a file reads them), a missing acs.k3 blank, and
# api00_bad, api00 with three values that are not numbers ('n/a' twice, 'x').
print("DROP TABLE IF EXISTS text_apiclus1;")
print("CREATE TABLE text_apiclus1 AS SELECT row_id, stype, dnum, \"sch.wide\", "
      "CASE WHEN row_id % 5 = 0 THEN ' ' || pw::text || ' ' ELSE pw::text END AS pw, fpc::text AS fpc, "
      "(CASE row_id % 4 WHEN 1 THEN ' ' || api00::text || '.0 ' WHEN 2 THEN api00::text || 'e0' "
      "ELSE api00::text END)::varchar(20) AS api00, api99::text AS api99, \"api.stu\"::text AS \"api.stu\", "
      "enroll::text AS enroll, COALESCE(\"acs.k3\"::text, '') AS \"acs.k3\", "
      "CASE WHEN row_id IN (3, 7) THEN 'n/a' WHEN row_id = 11 THEN 'x' ELSE api00::text END AS api00_bad "
      "FROM numeric_apiclus1;")

# replicates_apiclus1 with every number as text (TextNumberTests; text_apiclus1_rows in
# .ci/replicate_rows.py): the weight, the variables and the replicate weights as text.
from replicate_rows import text_apiclus1_rows  # noqa: E402
names, rows = text_apiclus1_rows()
print("DROP TABLE IF EXISTS text_replicates_apiclus1;")
print("CREATE TABLE text_replicates_apiclus1 (" + ", ".join(
    ident(c) + (" bigint" if c == "row_id" else " text") for c in names) + ");")
print("INSERT INTO text_replicates_apiclus1 VALUES " + ", ".join(
    "(" + ", ".join("NULL" if value is None else literal(value) for value in row) + ")" for row in rows) + ";")

# The weight as text (TextNumberTests): scale_trust_by_age and raking_clustered_raked with w text,
# spaces around it, and w_bad, w with 'n/a' on the row of the smallest id.
for name in ["scale_trust_by_age", "raking_clustered_raked"]:
    print(f"DROP TABLE IF EXISTS text_{name};")
    print(f"CREATE TABLE text_{name} AS SELECT *, CASE WHEN id = (SELECT min(id) FROM {name}) THEN 'n/a' "
          f"ELSE w::text END AS w_bad FROM {name};")
    print(f"ALTER TABLE text_{name} ALTER COLUMN w TYPE text USING ' ' || w::text || ' ';")

# Tables for the safety and error tests.
print('DROP TABLE IF EXISTS "x""; DROP TABLE y; --", y, typed, null_design, slow CASCADE;')
print('CREATE TABLE y (id integer);')
print('CREATE TABLE "x""; DROP TABLE y; --" AS SELECT * FROM example_privacy;')
print("CREATE TABLE typed AS SELECT *, '{}'::jsonb AS extra FROM domain_one_by;")
print("CREATE TABLE null_design AS SELECT * FROM domain_one_by;")
print("UPDATE null_design SET w = NULL WHERE ctid IN (SELECT ctid FROM null_design ORDER BY ctid LIMIT 3);")
print("CREATE VIEW slow AS SELECT d.* FROM domain_one_by d WHERE pg_sleep(0.05)::text = '';")
print("GRANT SELECT ON ALL TABLES IN SCHEMA public TO confiance;")
