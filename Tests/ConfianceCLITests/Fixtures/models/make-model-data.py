#!/usr/bin/env python3
"""Writes the CSV files `confiance model` is tested on, from the data that R's model fixture embeds.

Tests/SurveyStatisticsTests/Fixtures/models/models.json (written by make-models.R) holds the data
columns of its datasets; this script writes each dataset as CSV (empty cells for R's NA) and the
raking margins of its raked cases as a targets file, so that ModelCommandTests can run
`confiance model` on them and compare the JSON with R's numbers. Numbers are written as Python's
shortest round-trip text, so they read back as the same doubles.

Run from this folder: python3 make-model-data.py
"""
import csv
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, "..", "..", "..", "SurveyStatisticsTests", "Fixtures", "models", "models.json")


def cell(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def main():
    with open(FIXTURE, encoding="utf-8") as file:
        fixture = json.load(file)
    for name, columns in fixture["datasets"].items():
        names = list(columns)
        rows = len(columns[names[0]])
        with open(os.path.join(HERE, f"{name}.csv"), "w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file, lineterminator="\n")
            writer.writerow(names)
            for row in range(rows):
                writer.writerow([cell(columns[column][row]) for column in names])
    margins = {}
    for case in fixture["cases"]:
        for margin in case["design"].get("rake", []):
            margins[margin["variable"]] = list(zip(margin["categories"], margin["targets"]))
    with open(os.path.join(HERE, "privacy-targets.csv"), "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(["variable", "category", "target"])
        for variable, cells in margins.items():
            for category, target in cells:
                writer.writerow([variable, category, cell(target)])


if __name__ == "__main__":
    main()
