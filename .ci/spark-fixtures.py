#!/usr/bin/env python3
"""Writes the test surveys as parquet for the Spark tests (run by .ci/spark with the venv's Python,
from the repository root): the R golden fixtures of Tests/SurveyStatisticsTests/Fixtures/proportions,
one table per reference case (missing codes set to NULL, a row_id column for designs without PSUs),
the same for the paradox fixtures (paradox_CASE) and the crosstab fixtures that read no derived
variable (crosstab_CASE) and their scale cases (scale_CASE), raked cases included, the data
sets of the numeric fixtures (numeric_NAME), of the replicate fixtures (replicates_NAME) and of the
model fixtures (models_NAME), a table of
very large and very small numbers (spark_magnitudes), the raking fixtures (raking_CASE), and the
shipped surveys. Weights and FPCs are DOUBLE, every other column STRING, as the file path
reads them. Each table is written twice: NAME.parquet in one partition and NAME-16.parquet with its
rows shuffled into 16 partitions, for the check that partitioning changes no number.

    python .ci/spark-fixtures.py sc://127.0.0.1:15002 FOLDER
"""
import csv
import json
import os
import sys

from pyspark.sql import SparkSession, functions as F
from pyspark.sql.types import DoubleType, LongType, StringType, StructField, StructType

FIXTURES = "Tests/SurveyStatisticsTests/Fixtures/proportions/"
url, folder = sys.argv[1], os.path.abspath(sys.argv[2])
spark = SparkSession.builder.remote(url).getOrCreate()


def column(name):
    return F.col("`" + name.replace("`", "``") + "`")


def load(table, path, numeric_columns, missing_codes=None, row_id=False):
    with open(path, newline="", encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    schema = StructType([StructField(name, StringType()) for name in header])
    frame = spark.read.csv(os.path.abspath(path), header=True, schema=schema, encoding="UTF-8")
    if row_id:
        frame = frame.coalesce(1).withColumn("row_id", F.monotonically_increasing_id().cast("string"))
    for name, codes in (missing_codes or {}).items():
        frame = frame.withColumn(name, F.when(column(name).isin(codes), None).otherwise(column(name)))
    for name in numeric_columns:
        frame = frame.withColumn(name, column(name).cast("double"))
    frame = frame.localCheckpoint()
    frame.coalesce(1).write.mode("overwrite").parquet(f"{folder}/{table}.parquet")
    frame.repartition(16, F.rand(seed=15)).write.mode("overwrite").parquet(f"{folder}/{table}-16.parquet")


reference = json.load(open(FIXTURES + "reference.json"))
for case in reference["cases"]:
    if case.get("expect_error"):
        continue
    design = case["design"]
    numeric = [c for c in (design["weight"], design["fpc"]) if c]
    load(case["name"].replace("-", "_"), FIXTURES + case["data"], numeric, case["missing_codes"],
         row_id=design["psu"] is None)

PARADOX = "Tests/SurveyStatisticsTests/Fixtures/paradox/"
for case in json.load(open(PARADOX + "reference.json"))["cases"]:
    design = case["design"]
    numeric = [c for c in (design["weight"], design["fpc"]) if c]
    load("paradox_" + case["name"].replace("-", "_"), PARADOX + case["data"], numeric, case["missing_codes"],
         row_id=design["psu"] is None)

CROSSTABS = "Tests/SurveyStatisticsTests/Fixtures/crosstabs/"
for case in json.load(open(CROSSTABS + "reference.json"))["crosstabs"]:
    design = case["design"]
    if "westin_segment" in (case["row"], case["column"]):
        continue
    numeric = [c for c in (design["weight"], design["fpc"]) if c]
    load("crosstab_" + case["name"].replace("-", "_"), CROSSTABS + case["data"], numeric, case["missing_codes"],
         row_id=design["psu"] is None)

# The scale cases (scale_CASE), their items DOUBLE; the crosstab tables hold
# the same items as STRING.
for case in json.load(open(CROSSTABS + "reference.json"))["scales"]:
    design = case["design"]
    numeric = [c for c in (design["weight"], design["fpc"]) if c] + case["items"]
    load("scale_" + case["name"].replace("-", "_"), CROSSTABS + case["data"], numeric, case["missing_codes"],
         row_id=design["psu"] is None)

# The data sets of the numeric fixtures (R's data(api)) and of the replicate fixtures
# (replicates_apiclus1…): numbers DOUBLE, categories STRING, and a row_id for the designs without
# PSUs.
datasets = [("numeric_" + name, dataset) for name, dataset in json.load(
    open("Tests/SurveyStatisticsTests/Fixtures/numeric/reference.json"))["datasets"].items()]
datasets += [("replicates_" + name, dataset) for name, dataset in json.load(
    open("Tests/SurveyStatisticsTests/Fixtures/replicates/reference.json"))["datasets"].items()]
for name, dataset in datasets:
    order = dataset["column_order"]
    kinds = {c: dataset["columns"][c]["type"] for c in order}
    schema = StructType([StructField("row_id", LongType())] + [
        StructField(c, StringType() if kinds[c] == "categorical" else DoubleType()) for c in order])
    rows = [tuple([row + 1] + [
        None if dataset["columns"][c]["values"][row] is None
        else (str(dataset["columns"][c]["values"][row]) if kinds[c] == "categorical"
              else float(dataset["columns"][c]["values"][row]))
        for c in order]) for row in range(dataset["rows"])]
    frame = spark.createDataFrame(rows, schema).localCheckpoint()
    frame.coalesce(1).write.mode("overwrite").parquet(f"{folder}/{name}.parquet")
    frame.repartition(16, F.rand(seed=15)).write.mode("overwrite").parquet(f"{folder}/{name}-16.parquet")

# The data sets of the model fixtures (Tests/SurveyStatisticsTests/Fixtures/models: models_apiclus1,
# models_apiclus2, models_apistrat, models_privacy), as .ci/postgres-fixtures.py loads them: columns of
# numbers DOUBLE, the others STRING: SparkModelTests.
for name, columns in json.load(open("Tests/SurveyStatisticsTests/Fixtures/models/models.json"))["datasets"].items():
    numeric = {c for c, values in columns.items() if all(v is None or isinstance(v, (int, float)) for v in values)}
    schema = StructType([StructField(c, DoubleType() if c in numeric else StringType()) for c in columns])
    rows = [tuple(None if v is None else (float(v) if c in numeric else str(v)) for c, v in zip(columns, row))
            for row in zip(*columns.values())]
    frame = spark.createDataFrame(rows, schema).localCheckpoint()
    frame.coalesce(1).write.mode("overwrite").parquet(f"{folder}/models_{name}.parquet")
    frame.repartition(16, F.rand(seed=15)).write.mode("overwrite").parquet(f"{folder}/models_{name}-16.parquet")

# apistrat with a ratio's denominator that is 0 in every high school (enroll_h0) and one that is
# 0 everywhere (zero), as .ci/postgres-fixtures.py: SparkRatioTests.
(spark.read.parquet(f"{folder}/numeric_apistrat.parquet")
 .withColumn("enroll_h0", F.when(F.col("stype") == "H", F.lit(0.0)).otherwise(F.col("enroll")))
 .withColumn("zero", F.lit(0.0))
 .coalesce(1).write.mode("overwrite").parquet(f"{folder}/ratio_apistrat_zero.parquet"))

# apiclus1 with every column STRING, as a CSV read without a schema (TextNumberTests; text_apiclus1
# in .ci/postgres-fixtures.py): the weight with spaces around it on every fifth row, api00 spelled
# three ways (' 693.0 ', '693.0e0', '693': one number, as a file reads them), a missing
# acs.k3 blank, and api00_bad, api00 with three values that are not numbers ('n/a' twice, 'x').
text = spark.read.parquet(f"{folder}/numeric_apiclus1.parquet")
text = text.select([column(name).cast("string").alias(name) for name in text.columns])
text = (text.withColumn("pw", F.when(F.col("row_id").cast("long") % 5 == 0, F.concat(F.lit(" "), F.col("pw"), F.lit(" ")))
                        .otherwise(F.col("pw")))
        .withColumn("api00", F.when(F.col("row_id").cast("long") % 4 == 1, F.concat(F.lit(" "), F.col("api00"), F.lit(" ")))
                    .when(F.col("row_id").cast("long") % 4 == 2, F.concat(F.col("api00"), F.lit("e0")))
                    .otherwise(F.col("api00").cast("double").cast("long").cast("string")))
        .withColumn("acs.k3", F.coalesce(column("acs.k3"), F.lit("")))
        .withColumn("api00_bad", F.when(F.col("row_id").isin("3", "7"), F.lit("n/a"))
                    .when(F.col("row_id") == "11", F.lit("x")).otherwise(F.col("api00"))))
text.coalesce(1).write.mode("overwrite").parquet(f"{folder}/text_apiclus1.parquet")

# replicates_apiclus1 with every column STRING (TextNumberTests; text_apiclus1_rows in
# .ci/replicate_rows.py, text_replicates_apiclus1 in .ci/postgres-fixtures.py).
from replicate_rows import text_apiclus1_rows  # noqa: E402
names, rows = text_apiclus1_rows()
frame = spark.createDataFrame(rows, StructType([StructField(c, StringType()) for c in names])).localCheckpoint()
frame.coalesce(1).write.mode("overwrite").parquet(f"{folder}/text_replicates_apiclus1.parquet")

# The ACS-like table of 400 rows with 80 successive-difference replicate weights
# (replicates_acs; acs_like_rows in .ci/replicate_rows.py), in 1 and 16 partitions.
from replicate_rows import acs_like_rows, collinear_rows, strata_rows  # noqa: E402

schema = StructType([StructField("row_id", LongType())] + [
    StructField(c, StringType()) for c in ["region", "big", "tenure"]] + [
    StructField(c, DoubleType()) for c in ["hours", "pwgtp"] + [f"pwgtp{r}" for r in range(1, 81)]])
frame = spark.createDataFrame([tuple(row) for row in acs_like_rows()], schema).localCheckpoint()
frame.coalesce(1).write.mode("overwrite").parquet(f"{folder}/replicates_acs.parquet")
frame.repartition(16, F.rand(seed=16)).write.mode("overwrite").parquet(f"{folder}/replicates_acs-16.parquet")

# The replicate weights whose cross products cannot decide their rank (replicates_collinear;
# collinear_rows in .ci/replicate_rows.py), in 1 and 16 partitions.
schema = StructType([StructField("row_id", LongType()), StructField("part", StringType())] + [
    StructField(c, DoubleType()) for c in ["y", "w"] + [f"rep{r}" for r in range(1, 6)]
    + [f"close{r}" for r in range(1, 4)] + [f"edge{r}" for r in range(1, 4)]])
frame = spark.createDataFrame([tuple(row) for row in collinear_rows()], schema).localCheckpoint()
frame.coalesce(1).write.mode("overwrite").parquet(f"{folder}/replicates_collinear.parquet")
frame.repartition(16, F.rand(seed=16)).write.mode("overwrite").parquet(f"{folder}/replicates_collinear-16.parquet")

# The stratified jackknife replicate weights of .ci/postgres-fixtures.py (replicates_strata; the
# rows in .ci/replicate_rows.py), in 1 and 16 partitions.
schema = StructType([StructField("row_id", LongType()), StructField("part", StringType())] + [
    StructField(c, DoubleType()) for c in ["y", "w"] + [f"sj{r}" for r in range(1, 43)]])
frame = spark.createDataFrame([tuple(row) for row in strata_rows()], schema).localCheckpoint()
frame.coalesce(1).write.mode("overwrite").parquet(f"{folder}/replicates_strata.parquet")
frame.repartition(16, F.rand(seed=16)).write.mode("overwrite").parquet(f"{folder}/replicates_strata-16.parquet")

# Numbers whose w·y² sums pass 10^20 (large) and whose products are far below 1 (small), on the
# paradox fixture's design: SparkNumericTests computes the same doubles from the id.
frame = spark.read.csv(os.path.abspath(PARADOX + "paradox.csv"), header=True,
                       schema=StructType([StructField(n, StringType()) for n in
                                          ["id", "stratum", "psu", "w", "N_psu", "sex", "age_band",
                                           "concern_data_use", "protect_settings", "protect_cookies",
                                           "protect_vpn"]]))
frame = frame.select("stratum", "psu", "age_band", F.col("w").cast("double").alias("w"),
                     F.expr("(CAST(id AS BIGINT) * 7919 % 1000 + 0.5D) * 1e9D").alias("large"),
                     F.expr("CAST(CAST(id AS BIGINT) % 97 + 1 AS DOUBLE) * 1e-6D").alias("small"))
frame.coalesce(1).write.mode("overwrite").parquet(f"{folder}/spark_magnitudes.parquet")

# The R golden raking fixtures of Tests/SurveyStatisticsTests/Fixtures/raking (raking_CASE).
RAKING = "Tests/SurveyStatisticsTests/Fixtures/raking/"
for case in json.load(open(RAKING + "reference.json"))["cases"]:
    if case["kind"] != "rake":
        continue
    design = case["design"]
    estimates = case["estimates"]
    numeric = {c for c in (design["weight"], design["fpc"]) if c} | {
        e["variable"] for e in (estimates["means"] or []) + (estimates["totals"] or [])}
    load("raking_" + case["name"].replace("-", "_"), RAKING + case["data"], sorted(numeric),
         row_id=design["psu"] is None)

# The weight as text (TextNumberTests): scale_trust_by_age and raking_clustered_raked with w STRING,
# spaces around it, and w_bad, w with 'n/a' on the row of the smallest id.
for name in ["scale_trust_by_age", "raking_clustered_raked"]:
    frame = spark.read.parquet(f"{folder}/{name}.parquet")
    first = frame.agg(F.min("id")).first()[0]
    frame = (frame.withColumn("w_bad", F.when(F.col("id") == first, F.lit("n/a")).otherwise(F.col("w").cast("string")))
             .withColumn("w", F.concat(F.lit(" "), F.col("w").cast("string"), F.lit(" "))))
    frame.coalesce(1).write.mode("overwrite").parquet(f"{folder}/text_{name}.parquet")

load("privacy_france_2025", "surveys/privacy-france-2025.csv", ["base_weight"])
load("example_privacy", "surveys/example-privacy.csv", ["weight"])
print(f"test surveys written under {folder}", file=sys.stderr)
