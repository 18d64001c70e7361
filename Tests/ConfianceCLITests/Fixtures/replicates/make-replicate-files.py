#!/usr/bin/env python3
"""Writes the replicate-design data sets of R's fixture as CSV files for the command-line tests.

The data come from Tests/SurveyStatisticsTests/Fixtures/replicates/reference.json (written by
make-replicates.R with R survey 4.1): `apiclus1`, `apistrat`, `pairs` and `quads`, with their replicate-weight
columns. Numbers are written with Python's repr (the shortest text that reads back as the same
double), NA as an empty cell, so that confiance reads exactly the values R used.

    cd Tests/ConfianceCLITests/Fixtures/replicates && python3 make-replicate-files.py
"""
import csv
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = os.path.join(HERE, "../../../SurveyStatisticsTests/Fixtures/replicates/reference.json")


def cell(column, row):
    value = column["values"][row] if "values" in column else None
    if value is None:
        return ""
    if column["type"] == "numeric":
        return repr(float(value)) if not float(value).is_integer() else str(int(value))
    return str(value)


def main():
    with open(REFERENCE, encoding="utf-8") as handle:
        reference = json.load(handle)
    for name in ["apiclus1", "apistrat", "pairs", "quads"]:
        dataset = reference["datasets"][name]
        order = dataset["column_order"]
        columns = dataset["columns"]
        rows = len(columns[order[0]]["values"])
        with open(os.path.join(HERE, f"{name}.csv"), "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(order)
            for row in range(rows):
                writer.writerow([cell(columns[column], row) for column in order])


if __name__ == "__main__":
    main()
