#!/usr/bin/env python3
"""Writes the CSV files of the numeric command tests from the R fixture.

Tests/SurveyStatisticsTests/Fixtures/numeric/reference.json (written by make-numeric.R) holds the
data sets R estimated on, as JSON columns. This script writes each as CSV (empty cell = NA, numbers
in the shortest form that reads back to the same double) and each raked design's margins as a
targets file, so that `confiance mean|total|ratio|quantile --format json` can be compared with R's
numbers for every case of the fixture. Run from anywhere:

    python3 Tests/ConfianceCLITests/Fixtures/numeric/make-numeric-csv.py

It is deterministic: running it again gives the same bytes.
"""
import csv
import json
import pathlib

here = pathlib.Path(__file__).resolve().parent
reference = here.parents[2] / "SurveyStatisticsTests" / "Fixtures" / "numeric" / "reference.json"
fixture = json.loads(reference.read_text(encoding="utf-8"))


def cell(value):
    """A CSV cell: empty for NA, a whole number without decimals, else Python's shortest repr."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if float(value).is_integer() and abs(value) < 2**53:
        return str(int(value))
    return repr(float(value))


for name, dataset in sorted(fixture["datasets"].items()):
    columns = dataset["column_order"]
    with open(here / f"{name}.csv", "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(columns)
        for row in range(dataset["rows"]):
            writer.writerow([cell(dataset["columns"][column]["values"][row]) for column in columns])

for name, design in sorted(fixture["designs"].items()):
    if not design["rake"]:
        continue
    with open(here / f"{name}-targets.csv", "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(["variable", "category", "target"])
        for margin in design["rake"]:
            for category, target in zip(margin["categories"], margin["targets"]):
                writer.writerow([margin["variable"], category, cell(target)])
