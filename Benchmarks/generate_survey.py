#!/usr/bin/env python3
"""Writes the benchmark survey: a seeded, synthetic stratified cluster sample as CSV.

The default shape is issue 6's workload: 1,000,000 respondents, 18 columns, about 77 MB.

    region      13 strata (French regions; fewer when there are too few PSUs, see below)
    psu         primary sampling unit, numbered 1..PSUS across the whole file
    weight      sampling weight, 6 decimals (nearly every value distinct)
    sex         F / M
    age_band    18-24 … 75+ (7 bands)
    education   4 levels
    q1 … q6     1–5 agreement items; about 3% blank and 2% refused (code 9)
    b1 … b4     0/1 behaviours
    y1, y2      yes / no items
    domain      only with --domains N: N small areas, for the scaling table's `--by domain`

Respondents are drawn independently (rows are in random order, as after a shuffle): the
stratum by its population share, the PSU uniformly within the stratum, then the answers, which
depend on the age band so that estimates differ between domains.

The same arguments give the same bytes: only `random.Random(seed).random()` draws are used
(Python's Mersenne Twister, stable across versions) and numbers are formatted with `%`.

Usage:
    generate_survey.py [--rows N] [--psus P] [--domains D] [--seed S] [--quoted] [--output FILE]
"""

import argparse
import bisect
import io
import random
import sys

REGIONS = [
    "Auvergne-Rhône-Alpes", "Bourgogne-Franche-Comté", "Bretagne", "Centre-Val de Loire",
    "Corse", "Grand Est", "Hauts-de-France", "Île-de-France", "Normandie",
    "Nouvelle-Aquitaine", "Occitanie", "Pays de la Loire", "Provence-Alpes-Côte d'Azur",
]
# Population shares of the regions (millions, 2020 census rounded).
REGION_POPULATION = [8.0, 2.8, 3.4, 2.6, 0.3, 5.6, 6.0, 12.3, 3.3, 6.0, 5.9, 3.8, 5.1]
AGE_BANDS = ["18-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+"]
AGE_SHARES = [0.11, 0.15, 0.16, 0.17, 0.16, 0.14, 0.11]
EDUCATION = ["primary", "lower secondary", "upper secondary", "tertiary"]
EDUCATION_SHARES = [0.18, 0.21, 0.36, 0.25]
LIKERT_BLANK = 0.03
LIKERT_REFUSED = 0.02


def cumulative(shares):
    total = 0.0
    out = []
    for share in shares:
        total += share
        out.append(total)
    return [value / total for value in out]


def pick(cumulative_shares, draw):
    """The index whose cumulative share first exceeds `draw` (in [0, 1))."""
    return min(bisect.bisect_right(cumulative_shares, draw), len(cumulative_shares) - 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="respondents (default 1,000,000)")
    parser.add_argument("--psus", type=int, default=100, help="primary sampling units (default 100)")
    parser.add_argument("--domains", type=int, default=0, help="add a 'domain' column with this many levels")
    parser.add_argument("--seed", type=int, default=20240601, help="random seed")
    parser.add_argument("--quoted", action="store_true",
                        help="put every text value in double quotes, as R's write.csv does")
    parser.add_argument("--output", default="-", help="file to write (default: standard output)")
    args = parser.parse_args()
    if args.psus < 2:
        parser.error("--psus must be at least 2 (every stratum needs two PSUs)")

    rng = random.Random(args.seed)
    draw = rng.random

    # Strata: 13 regions, or fewer so that every stratum has at least two PSUs.
    stratum_count = min(len(REGIONS), args.psus // 2)
    populations = REGION_POPULATION[:stratum_count]
    region_cumulative = cumulative(populations)
    # PSUs per stratum: two each, the rest in proportion to population (largest remainders).
    spare = args.psus - 2 * stratum_count
    total_population = sum(populations)
    exact = [spare * p / total_population for p in populations]
    psu_counts = [2 + int(e) for e in exact]
    remainders = sorted(range(stratum_count), key=lambda s: (-(exact[s] - int(exact[s])), s))
    for s in remainders[: args.psus - sum(psu_counts)]:
        psu_counts[s] += 1
    first_psu = []
    next_psu = 1
    for count in psu_counts:
        first_psu.append(next_psu)
        next_psu += count
    # Base weight of each PSU: stratum population over its expected sample, varied by ±30%.
    base_weight = []
    for s, count in enumerate(psu_counts):
        expected_sample = args.rows * populations[s] / total_population
        stratum_weight = populations[s] * 1_000_000 / max(expected_sample, 1.0)
        for _ in range(count):
            base_weight.append(stratum_weight * (0.7 + 0.6 * draw()))

    age_cumulative = cumulative(AGE_SHARES)
    education_cumulative = cumulative(EDUCATION_SHARES)
    # Agreement items: the distribution of 1..5 shifts with age band.
    likert_cumulative = []
    for band in range(len(AGE_BANDS)):
        tilt = band / (len(AGE_BANDS) - 1)
        shares = [0.10 + 0.10 * tilt, 0.20, 0.30 - 0.05 * tilt, 0.25, 0.15 - 0.05 * tilt]
        likert_cumulative.append(cumulative(shares))
    behaviour_rates = [0.35, 0.55, 0.20, 0.70]

    def text(value):
        return '"%s"' % value.replace('"', '""') if args.quoted or "," in value else value

    regions = [text(region) for region in REGIONS]
    age_bands = [text(band) for band in AGE_BANDS]
    education = [text(level) for level in EDUCATION]
    sexes = [text("F"), text("M")]
    answers = [text("yes"), text("no")]
    psu_text = [str(p) for p in range(args.psus + 1)]
    domain_text = [str(d + 1) for d in range(args.domains)]

    header = ["region", "psu", "weight", "sex", "age_band", "education",
              "q1", "q2", "q3", "q4", "q5", "q6", "b1", "b2", "b3", "b4", "y1", "y2"]
    if args.domains:
        header.append("domain")

    if args.output == "-":
        out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n")
    else:
        out = open(args.output, "w", newline="\n", encoding="utf-8")
    lines = [",".join(header)]
    for _ in range(args.rows):
        s = pick(region_cumulative, draw())
        psu = first_psu[s] + min(int(draw() * psu_counts[s]), psu_counts[s] - 1)
        weight = base_weight[psu - 1] * (0.5 + draw())
        band = pick(age_cumulative, draw())
        fields = [
            regions[s],
            psu_text[psu],
            "%.6f" % weight,
            sexes[0] if draw() < 0.52 else sexes[1],
            age_bands[band],
            education[pick(education_cumulative, draw())],
        ]
        shares = likert_cumulative[band]
        for _ in range(6):
            u = draw()
            if u < LIKERT_BLANK:
                fields.append("")
            elif u < LIKERT_BLANK + LIKERT_REFUSED:
                fields.append("9")
            else:
                fields.append(str(1 + pick(shares, draw())))
        for rate in behaviour_rates:
            fields.append("1" if draw() < rate else "0")
        fields.append(answers[0] if draw() < 0.6 else answers[1])
        fields.append(answers[0] if draw() < 0.3 + 0.05 * band else answers[1])
        if args.domains:
            fields.append(domain_text[min(int(draw() * args.domains), args.domains - 1)])
        lines.append(",".join(fields))
        if len(lines) >= 65536:
            out.write("\n".join(lines) + "\n")
            lines = []
    if lines:
        out.write("\n".join(lines) + "\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
