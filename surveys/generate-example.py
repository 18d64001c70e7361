#!/usr/bin/env python3
"""Generate surveys/example-privacy.csv: a SYNTHETIC consumer-privacy survey of French adults.

Same seed => same bytes. The numbers are invented for demonstration; they loosely follow the
shape of published French figures (BVA 2013: ~80% think their data is not well protected online,
~70% do not plan to change their habits) but are NOT real survey results.

Design: 13 regions (strata) x 6 sampling points (PSUs) per region, ~28 respondents per point,
a base weight that corrects for unequal point sizes, quota-style imbalance by age.
Usage: python3 surveys/generate-example.py [--seed 2026] > surveys/example-privacy.csv
"""
import argparse
import csv
import random
import sys

REGIONS = [  # (code, adult population share, thousands) — rounded INSEE orders of magnitude
    ("ARA", 6300), ("BFC", 2200), ("BRE", 2700), ("CVL", 2000), ("COR", 280), ("GES", 4400),
    ("HDF", 4600), ("IDF", 9600), ("NOR", 2600), ("NAQ", 4900), ("OCC", 4800), ("PDL", 3000), ("PAC", 4100),
]
AGE_BANDS = ["18-24", "25-34", "35-49", "50-64", "65+"]
AGE_SHARE_SAMPLE = [0.07, 0.13, 0.25, 0.28, 0.27]  # online panel: young people under-represented
EDUCATION = ["below-bac", "bac", "higher"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow([
        "respondent_id", "region", "point", "weight", "sex", "age_band", "education",
        "concern_data_use", "trust_companies", "protect_settings", "protect_cookies", "gdpr_aware",
    ])
    respondent = 0
    for region, population in REGIONS:
        for point in range(1, 7):
            size = rng.randint(18, 38)
            base_weight = population * 1000 / (6 * size) / 1000  # in thousands of adults
            for _ in range(size):
                respondent += 1
                age = rng.choices(range(5), weights=AGE_SHARE_SAMPLE)[0]
                sex = rng.choice(["F", "M"])
                education = rng.choices(EDUCATION, weights=[0.35, 0.25, 0.40])[0]
                # Concern rises with age; 4-5 = worried (about 80% overall).
                worried = rng.random() < 0.68 + 0.04 * age
                concern = rng.choice([4, 5]) if worried else rng.choice([1, 2, 3])
                if rng.random() < 0.03:
                    concern = 9  # refused
                trust = max(1, min(5, round(rng.gauss(2.6 - 0.25 * (concern == 5), 1.0))))
                # Acting is weakly related to concern: the privacy paradox.
                act_probability = 0.22 + 0.08 * (concern in (4, 5)) + 0.05 * (education == "higher") - 0.02 * age
                settings = int(rng.random() < act_probability)
                cookies = int(rng.random() < act_probability + 0.05)
                aware = rng.choices(["yes", "no", "dk"], weights=[0.55 + 0.05 * (education == "higher"), 0.35, 0.10])[0]
                row = [
                    f"R{respondent:05d}", region, f"{region}-{point}", f"{base_weight * rng.uniform(0.85, 1.15):.4f}",
                    sex, AGE_BANDS[age], education, concern, trust, settings, cookies, aware,
                ]
                if rng.random() < 0.01:
                    row[8] = ""  # item nonresponse on trust
                out.writerow(row)


if __name__ == "__main__":
    main()
