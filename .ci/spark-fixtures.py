#!/usr/bin/env python3
"""Writes the test surveys as parquet for the Spark tests (run by .ci/spark with the venv's Python,
from the repository root): the R golden fixtures of Tests/SurveyStatisticsTests/Fixtures/proportions,
one table per reference case (missing codes set to NULL, a row_id column for designs without PSUs),
the same for the paradox fixtures that are not raked (paradox_CASE), and the shipped surveys. Weights and FPCs are DOUBLE, every other column STRING, as the file path
reads them. Each table is written twice: NAME.parquet in one partition and NAME-16.parquet with its
rows shuffled into 16 partitions, for the check that partitioning changes no number.

    python .ci/spark-fixtures.py sc://127.0.0.1:15002 FOLDER
"""
import csv
import json
import os
import sys

from pyspark.sql import SparkSession, functions as F
from pyspark.sql.types import StringType, StructField, StructType

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
    if design.get("rake"):
        continue
    numeric = [c for c in (design["weight"], design["fpc"]) if c]
    load("paradox_" + case["name"].replace("-", "_"), PARADOX + case["data"], numeric, case["missing_codes"],
         row_id=design["psu"] is None)

load("privacy_france_2025", "surveys/privacy-france-2025.csv", ["base_weight"])
load("example_privacy", "surveys/example-privacy.csv", ["weight"])
print(f"test surveys written under {folder}", file=sys.stderr)
