#!/usr/bin/env python3
"""Generate the SYNTHETIC example survey surveys/privacy-france-2025.csv and its raking targets.

    python3 surveys/generate-privacy-france-2025.py            # writes the two files next to this script
    python3 surveys/generate-privacy-france-2025.py --check    # exit 1 unless the files are byte-identical
    python3 surveys/generate-privacy-france-2025.py --model    # the model's population figures

Nobody answered this survey. It imitates a consumer-privacy survey of French adults (18+): a
stratified cluster sample (strata = 13 metropolitan regions + the overseas regions, PSUs =
sampling points), base weights, and a quota-style imbalance (too many older and more educated
respondents) that raking to the INSEE margins in privacy-france-2025.targets.csv corrects. Answers
come from a latent-variable model whose population margins are calibrated, by construction, to
the published French figures listed in surveys/README.md: every threshold below is solved so
that the model's population share equals its target. Same seed => same bytes (Python 3 standard
library only: `random.Random(seed).random()` and `.gauss()` draw the same numbers in every
Python 3 version; `math.log` and `NormalDist.cdf` come from the platform's C library, whose
last-bit differences could only matter for a draw within 1e-12 of a cut point).
"""
import argparse
import bisect
import csv
import io
import math
import os
import random
import sys
from statistics import NormalDist

SEED = 2025
HERE = os.path.dirname(os.path.abspath(__file__))
SURVEY_FILE = "privacy-france-2025.csv"
TARGETS_FILE = "privacy-france-2025.targets.csv"

# --------------------------------------------------------------------------------------------
# Population (INSEE), see surveys/README.md for the provenance of every number.
# --------------------------------------------------------------------------------------------

AGE_BANDS = ["18-24", "25-34", "35-49", "50-64", "65+"]
AGE_RANGES = [(18, 24), (25, 34), (35, 49), (50, 64), (65, 99)]
SEXES = ["F", "M"]
# INSEE RP2018 POP1B, France entière, adults 18+ (18-19 = 2/5 of the 15-19 group).
POPULATION_BY_SEX_AGE = {
    "M": [2_740_555, 3_872_541, 6_356_898, 6_231_083, 5_673_137],
    "F": [2_644_351, 4_020_276, 6_543_414, 6_632_607, 7_535_037],
}
ADULTS = sum(sum(counts) for counts in POPULATION_BY_SEX_AGE.values())  # 52,249,899

# INSEE 2020, population aged 15+ no longer in education, France entière.
EDUCATION = ["none-bepc", "cap-bep", "bac", "higher"]
EDUCATION_SHARES = [0.211 + 0.054, 0.244, 0.174, 0.317]

# INSEE populations légales 2021 (all ages, France excluding Mayotte), 13 regions + the 4 DROM.
REGIONS = [  # code, population
    ("IDF", 12_317_279), ("ARA", 8_114_361), ("NAQ", 6_069_352), ("OCC", 6_022_176),
    ("HDF", 5_995_292), ("GES", 5_561_287), ("PAC", 5_127_840), ("PDL", 3_853_999),
    ("BRE", 3_394_567), ("NOR", 3_327_966), ("BFC", 2_800_194), ("CVL", 2_573_303),
    ("COR", 347_597), ("DROM", 1_902_839),
]

# Association between age band and education (rows: age bands, columns: EDUCATION) used as the
# seed of an iterative proportional fit to the two INSEE margins: older adults hold fewer
# diplomas. The fitted table is the population's age x education distribution.
EDUCATION_BY_AGE_SEED = [
    [0.14, 0.16, 0.38, 0.32],
    [0.11, 0.17, 0.20, 0.52],
    [0.15, 0.23, 0.18, 0.44],
    [0.27, 0.29, 0.15, 0.29],
    [0.46, 0.25, 0.11, 0.18],
]

# --------------------------------------------------------------------------------------------
# Sample design
# --------------------------------------------------------------------------------------------

POINTS_TOTAL = 102          # sampling points shared among regions in proportion to population
MINIMUM_POINTS = 3          # small regions are over-sampled (Corse, DROM)
TAKE_RANGE = (15, 25)       # completed interviews per point
# Quota-style imbalance of an online access panel: relative response propensities.
AGE_PROPENSITY = [0.50, 0.78, 1.00, 1.18, 1.42]
EDUCATION_PROPENSITY = [0.58, 0.85, 1.00, 1.40]
HOUSEHOLD_ADULTS = [(1, 0.35), (2, 0.50), (3, 0.10), (4, 0.05)]  # one adult interviewed per household
AGGLOMERATION_SIZES = ["rural", "under-20k", "20k-100k", "over-100k", "paris"]
# Points are drawn from a frame sorted by agglomeration size (implicit stratification), so each
# region's points split among the sizes in these proportions.
AGGLOMERATION_SHARES = [0.30, 0.18, 0.14, 0.38, 0.00]
AGGLOMERATION_SHARES_IDF = [0.06, 0.06, 0.06, 0.00, 0.82]

# --------------------------------------------------------------------------------------------
# Respondent model: five latent traits, shifted by age band, education and sex, with a random
# effect per sampling point (clustering), built from five independent shocks.
#   C concern about personal data     T trust in institutions      S digital/privacy literacy
#   W willingness to disclose         B protective-behaviour propensity
# Concern is only weakly related to behaviour (0.12) and to disclosure (-0.15): the paradox.
# --------------------------------------------------------------------------------------------

TRAITS = ["C", "T", "S", "W", "B"]
SHOCK_LOADINGS = {  # trait -> {shock: loading}
    "C": {"C": 1.0},
    "T": {"C": -0.35, "T": 0.937},
    "S": {"S": 1.0},
    "W": {"C": -0.15, "T": 0.30, "W": 0.942},
    "B": {"C": 0.12, "S": 0.60, "B": 0.79},
}
POINT_SD = {"C": 0.22, "T": 0.22, "S": 0.28, "W": 0.20, "B": 0.28}
AGE_SHIFT = {
    "C": [-0.45, -0.22, 0.00, 0.15, 0.30],
    "T": [0.25, 0.10, 0.00, -0.10, -0.05],
    "S": [0.55, 0.40, 0.15, -0.20, -0.60],
    "W": [0.60, 0.40, 0.05, -0.20, -0.42],
    "B": [0.30, 0.22, 0.05, -0.12, -0.32],
}
EDUCATION_SHIFT = {
    "C": [-0.05, 0.00, 0.03, 0.08],
    "T": [0.00, 0.00, 0.00, 0.05],
    "S": [-0.55, -0.20, 0.10, 0.45],
    "W": [0.00, 0.00, 0.00, 0.00],
    "B": [-0.28, -0.10, 0.05, 0.25],
}
FEMALE_SHIFT = {"C": 0.06, "T": 0.00, "S": -0.05, "W": -0.05, "B": 0.00}


def item(name, coefficients, noise, shares, codes, missing=None, education_shift=None):
    """An item: latent = sum(coefficient x trait) + its own education shift + noise; categories
    cut at thresholds solved so that the population shares equal `shares`, listed from the lowest
    latent to the highest, with their `codes`. `missing` = (code, probability) of a refusal or
    don't-know answer."""
    return {"name": name, "coefficients": coefficients, "noise": noise, "shares": shares,
            "codes": codes, "missing": missing, "education_shift": education_shift or [0.0] * 4}


def likert(top_two, top_share=0.35, middle=0.14, bottom_share=0.45):
    """Five shares 1..5 with P(4 or 5) = top_two."""
    rest = 1 - top_two - middle
    return [rest * bottom_share, rest * (1 - bottom_share), middle, top_two * (1 - top_share), top_two * top_share]


FIVE = ["1", "2", "3", "4", "5"]
REFUSED = ("9", 0.012)
DONT_KNOW = ("9", 0.025)
ITEMS = [
    # Trust in sectors to protect personal data, 1 = no trust at all .. 5 = complete trust.
    item("trust_ecommerce", {"T": 0.80}, 0.60, [0.30, 0.42, 0.12, 0.13, 0.03], FIVE, DONT_KNOW),
    item("trust_social", {"T": 0.75}, 0.66, [0.45, 0.26, 0.10, 0.15, 0.04], FIVE, DONT_KNOW),
    item("trust_bank", {"T": 0.60}, 0.80, [0.02, 0.05, 0.05, 0.50, 0.38], FIVE, ("9", 0.015)),
    item("trust_public", {"T": 0.65}, 0.76, [0.10, 0.20, 0.20, 0.38, 0.12], FIVE, ("9", 0.035)),
    # Concern, 1 = not at all .. 5 = very much; 9 = refused.
    item("concern_protection", {"C": 0.85}, 0.53, [0.01, 0.07, 0.12, 0.48, 0.32], FIVE, REFUSED),
    item("concern_control", {"C": 0.85}, 0.53, likert(0.65, 0.42), FIVE, REFUSED),
    item("concern_marketing", {"C": 0.80}, 0.60, likert(0.72, 0.44), FIVE, REFUSED),
    # Feeling of control (Eurobarometer QB9): none / partial / complete.
    item("feel_control", {"C": -0.50, "T": 0.40}, 0.77, [0.34, 0.54, 0.12], ["none", "partial", "complete"],
         ("dk", 0.02)),
    # Willingness to share by data type, 1 = certainly not .. 5 = certainly.
    item("share_email", {"W": 0.62}, 0.78, likert(0.38, 0.30, 0.20, 0.40), FIVE, DONT_KNOW),
    item("share_location", {"W": 0.62}, 0.78, likert(0.22, 0.30, 0.16, 0.55), FIVE, DONT_KNOW),
    item("share_purchases", {"W": 0.62}, 0.78, likert(0.27, 0.30, 0.18, 0.50), FIVE, DONT_KNOW),
    item("share_health", {"W": 0.60}, 0.80, likert(0.15, 0.30, 0.14, 0.60), FIVE, DONT_KNOW),
    item("share_financial", {"W": 0.60}, 0.80, likert(0.13, 0.30, 0.12, 0.65), FIVE, DONT_KNOW),
    # Protective behaviours in the last 12 months, 0 = no, 1 = yes.
    item("prot_read_policy", {"B": 0.70}, 0.71, [0.64, 0.36], ["0", "1"], ("", 0.004)),
    item("prot_refused_ads_cookies", {"B": 0.75}, 0.66, [0.46, 0.54], ["0", "1"], ("", 0.004)),
    item("prot_restricted_location", {"B": 0.70}, 0.71, [0.49, 0.51], ["0", "1"], ("", 0.004)),
    item("prot_limited_profile", {"B": 0.72}, 0.69, [0.59, 0.41], ["0", "1"], ("", 0.004)),
    item("prot_changed_sn_settings", {"B": 0.70}, 0.71, [0.55, 0.45], ["0", "1"], ("", 0.004)),
    item("prot_used_blocker_or_vpn", {"B": 0.65, "S": 0.25}, 0.70, [0.72, 0.28], ["0", "1"], ("", 0.004)),
    item("prot_deleted_account_app", {"B": 0.60}, 0.80, [0.70, 0.30], ["0", "1"], ("", 0.004)),
    item("prot_exercised_gdpr_right", {"B": 0.60, "S": 0.20}, 0.77, [0.90, 0.10], ["0", "1"], ("", 0.004)),
    # Westin's three statements, 1 = strongly agree .. 4 = strongly disagree (latent = disagreement).
    item("westin_a", {"C": -0.65, "T": 0.20}, 1.30, [0.20, 0.40, 0.26, 0.14], ["1", "2", "3", "4"], ("9", 0.03)),
    item("westin_b", {"T": -0.70, "C": 0.20}, 1.19, [0.06, 0.31, 0.39, 0.24], ["1", "2", "3", "4"], ("9", 0.03)),
    item("westin_c", {"T": -0.62, "C": 0.18}, 1.33, [0.08, 0.37, 0.35, 0.20], ["1", "2", "3", "4"], ("9", 0.03)),
    # Heard of the RGPD (Eurobarometer QB17).
    item("gdpr_heard", {"S": 0.50, "B": 0.30}, 0.78, [0.56, 0.26, 0.18], ["no", "yes-not-exactly", "yes-know"],
         education_shift=[-0.45, -0.20, 0.10, 0.50]),
    # Intention to change one's online habits (BVA 2013).
    item("plan_change_habits", {"C": 0.25, "B": 0.45}, 0.85, [0.69, 0.24, 0.07], ["no", "considering", "decided"],
         ("dk", 0.02)),
    # Would stop using a service in case of doubt about data use, 1 = strongly agree .. 4 = strongly disagree.
    item("would_stop_service", {"C": 0.50}, 0.85, [0.05, 0.13, 0.42, 0.40], ["4", "3", "2", "1"], ("9", 0.02)),
    # Accepts terms of use without reading them, 1 = always .. 4 = never.
    item("accepts_terms_unread", {"B": 0.50, "S": 0.15}, 0.85, [0.21, 0.48, 0.24, 0.07], ["1", "2", "3", "4"],
         ("9", 0.01)),
]

COLUMNS = (["respondent_id", "region", "point", "agglomeration", "base_weight", "sex", "age", "age_band",
            "education"] + [spec["name"] for spec in ITEMS])


# --------------------------------------------------------------------------------------------
# Population tables
# --------------------------------------------------------------------------------------------

def education_by_age():
    """The age band x education table (shares of adults) fitted to the two INSEE margins."""
    age_totals = [sum(POPULATION_BY_SEX_AGE[sex][a] for sex in SEXES) / ADULTS for a in range(5)]
    table = [row[:] for row in EDUCATION_BY_AGE_SEED]
    for _ in range(200):
        for a in range(5):
            factor = age_totals[a] / sum(table[a])
            table[a] = [cell * factor for cell in table[a]]
        for e in range(4):
            factor = EDUCATION_SHARES[e] / sum(table[a][e] for a in range(5))
            for a in range(5):
                table[a][e] *= factor
    return table


def population_cells():
    """[(sex, age index, education index, population share)] with education independent of sex
    within an age band."""
    table = education_by_age()
    cells = []
    for sex in SEXES:
        for a in range(5):
            age_share = sum(table[a])
            for e in range(4):
                share = POPULATION_BY_SEX_AGE[sex][a] / ADULTS * table[a][e] / age_share
                cells.append((sex, a, e, share))
    return cells


def trait_mean(trait, sex, a, e):
    return AGE_SHIFT[trait][a] + EDUCATION_SHIFT[trait][e] + (FEMALE_SHIFT[trait] if sex == "F" else 0.0)


def item_mean(spec, sex, a, e):
    return (sum(coefficient * trait_mean(trait, sex, a, e) for trait, coefficient in spec["coefficients"].items())
            + spec["education_shift"][e])


def item_latent(rng, spec, traits, e):
    """One respondent's latent value for an item."""
    return (sum(coefficient * traits[trait] for trait, coefficient in spec["coefficients"].items())
            + spec["education_shift"][e] + spec["noise"] * rng.gauss(0.0, 1.0))


def item_sd(spec):
    """Standard deviation of an item's latent around its cell mean (shocks, point effects, noise)."""
    variance = spec["noise"] ** 2
    for shock in TRAITS:
        loading = sum(coefficient * SHOCK_LOADINGS[trait].get(shock, 0.0)
                      for trait, coefficient in spec["coefficients"].items())
        variance += loading ** 2
    for trait, coefficient in spec["coefficients"].items():
        variance += (coefficient * POINT_SD[trait]) ** 2
    return math.sqrt(variance)


def thresholds(spec, cells):
    """Cut points such that the population shares of the categories equal spec['shares']."""
    normal = NormalDist()
    sd = item_sd(spec)
    means = [(item_mean(spec, sex, a, e), share) for sex, a, e, share in cells]

    def cdf(x):
        return sum(share * normal.cdf((x - mean) / sd) for mean, share in means)

    cuts = []
    cumulative = 0.0
    for share in spec["shares"][:-1]:
        cumulative += share
        low, high = -10.0, 10.0
        for _ in range(100):
            middle = (low + high) / 2
            if cdf(middle) < cumulative:
                low = middle
            else:
                high = middle
        cuts.append(round((low + high) / 2, 12))
    return cuts


def rounded_counts(shares, total):
    """Integer counts proportional to shares that sum exactly to total (largest remainder)."""
    raw = [share * total for share in shares]
    counts = [math.floor(value) for value in raw]
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - counts[i]), i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def targets_text():
    """privacy-france-2025.targets.csv: population counts of adults 18+, every margin summing to
    the INSEE RP2018 total of 52,249,899."""
    rows = [["variable", "category", "target"]]
    for sex in SEXES:
        for a, band in enumerate(AGE_BANDS):
            rows.append(["sex*age_band", f"{sex}*{band}", str(POPULATION_BY_SEX_AGE[sex][a])])
    region_total = sum(population for _, population in REGIONS)
    counts = rounded_counts([population / region_total for _, population in REGIONS], ADULTS)
    rows += [["region", code, str(count)] for (code, _), count in zip(REGIONS, counts)]
    counts = rounded_counts(EDUCATION_SHARES, ADULTS)
    rows += [["education", code, str(count)] for code, count in zip(EDUCATION, counts)]
    return "".join(",".join(row) + "\n" for row in rows)


# --------------------------------------------------------------------------------------------
# Sampling
# --------------------------------------------------------------------------------------------

def points_per_region():
    region_total = sum(population for _, population in REGIONS)
    return [max(MINIMUM_POINTS, round(POINTS_TOTAL * population / region_total)) for _, population in REGIONS]


def draw(rng, cumulative):
    return bisect.bisect_right(cumulative, rng.random() * cumulative[-1])


def running_sum(values):
    total, out = 0.0, []
    for value in values:
        total += value
        out.append(total)
    return out


def draw_age(rng, a):
    low, high = AGE_RANGES[a]
    if a < 4:
        return low + min(high - low, int(rng.random() * (high - low + 1)))
    # 65+: a geometric-like tail (about 40% are 75 or older)
    return min(high, low + int(-math.log(1.0 - rng.random()) * 11.0))


def survey_text(seed):
    rng = random.Random(seed)
    cells = population_cells()
    sample_weights = [share * AGE_PROPENSITY[a] * EDUCATION_PROPENSITY[e] for _, a, e, share in cells]
    cell_cumulative = running_sum(sample_weights)
    cuts = {spec["name"]: thresholds(spec, cells) for spec in ITEMS}
    household_cumulative = running_sum([p for _, p in HOUSEHOLD_ADULTS])
    mean_household = sum(k * p for k, p in HOUSEHOLD_ADULTS)
    region_total = sum(population for _, population in REGIONS)

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    respondent = 0
    for (region, population), points in zip(REGIONS, points_per_region()):
        adults = ADULTS * population / region_total
        shares = AGGLOMERATION_SHARES_IDF if region == "IDF" else AGGLOMERATION_SHARES
        sizes = [size for size, count in zip(AGGLOMERATION_SIZES, rounded_counts(shares, points)) for _ in range(count)]
        for point, agglomeration in enumerate(sizes, start=1):
            effects = {trait: rng.gauss(0.0, POINT_SD[trait]) for trait in TRAITS}
            take = TAKE_RANGE[0] + int(rng.random() * (TAKE_RANGE[1] - TAKE_RANGE[0] + 1))
            for _ in range(take):
                respondent += 1
                sex, a, e, _ = cells[draw(rng, cell_cumulative)]
                age = draw_age(rng, a)
                household = HOUSEHOLD_ADULTS[draw(rng, household_cumulative)][0]
                weight = adults / (points * take) * household / mean_household
                shocks = {shock: rng.gauss(0.0, 1.0) for shock in TRAITS}
                traits = {
                    trait: trait_mean(trait, sex, a, e) + effects[trait]
                    + sum(loading * shocks[shock] for shock, loading in SHOCK_LOADINGS[trait].items())
                    for trait in TRAITS
                }
                row = [f"SYNTH-{respondent:05d}", region, f"{region}-{point:02d}", agglomeration, f"{weight:.2f}",
                       sex, str(age), AGE_BANDS[a], EDUCATION[e]]
                for spec in ITEMS:
                    latent = item_latent(rng, spec, traits, e)
                    answer = spec["codes"][bisect.bisect_right(cuts[spec["name"]], latent)]
                    if spec["missing"] is not None and rng.random() < spec["missing"][1]:
                        answer = spec["missing"][0]
                    row.append(answer)
                writer.writerow(row)
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# Model summary (population figures of the model, by simulation) for the README
# --------------------------------------------------------------------------------------------

def model_summary(size, seed):
    """Monte Carlo population figures of quantities that are not calibrated directly."""
    rng = random.Random(seed)
    cells = population_cells()
    cumulative = running_sum([share for *_, share in cells])
    cuts = {spec["name"]: thresholds(spec, cells) for spec in ITEMS}
    by_name = {spec["name"]: spec for spec in ITEMS}
    counts = {}
    pairs = []
    for _ in range(size):
        sex, a, e, _ = cells[draw(rng, cumulative)]
        effects = {trait: rng.gauss(0.0, POINT_SD[trait]) for trait in TRAITS}
        shocks = {shock: rng.gauss(0.0, 1.0) for shock in TRAITS}
        traits = {trait: trait_mean(trait, sex, a, e) + effects[trait]
                  + sum(l * shocks[s] for s, l in SHOCK_LOADINGS[trait].items()) for trait in TRAITS}
        answers = {}
        for name, spec in by_name.items():
            latent = item_latent(rng, spec, traits, e)
            answers[name] = spec["codes"][bisect.bisect_right(cuts[name], latent)]
        four = ["prot_read_policy", "prot_refused_ads_cookies", "prot_restricted_location", "prot_limited_profile"]
        eight = [spec["name"] for spec in ITEMS if spec["name"].startswith("prot_")]
        concerned = answers["concern_protection"] in ("4", "5")
        acted = answers["plan_change_habits"] != "no"
        protects = any(answers[n] == "1" for n in eight)
        wa, wb, wc = answers["westin_a"], answers["westin_b"], answers["westin_c"]
        segment = ("fundamentalist" if wa in "12" and wb in "34" and wc in "34"
                   else "unconcerned" if wa in "34" and wb in "12" and wc in "12" else "pragmatist")
        willing = [answers[n] in ("4", "5") for n in ("share_email", "share_location", "share_purchases",
                                                       "share_health", "share_financial")]
        flags = {
            "any of Eurostat's four behaviours": any(answers[n] == "1" for n in four),
            "any of the eight behaviours": protects,
            "Westin fundamentalist": segment == "fundamentalist",
            "Westin pragmatist": segment == "pragmatist",
            "Westin unconcerned": segment == "unconcerned",
            "willing (4-5) for no data type": not any(willing),
            "mean willingness (4-5) over 5 data types": sum(willing) / 5,
            "concerned (protection 4-5) and no plan to change": concerned and not acted,
            "concerned and no protective behaviour": concerned and not protects,
        }
        for key, value in flags.items():
            counts[key] = counts.get(key, 0) + float(value)
        disclosure = sum(int(answers[n]) for n in ("share_email", "share_location", "share_purchases",
                                                    "share_health", "share_financial")) / 5
        pairs.append((concerned, acted, protects, int(answers["concern_protection"]), disclosure))
    for key, value in counts.items():
        print(f"{key}: {100 * value / size:.1f}%")

    def phi(x, y):
        n = len(x)
        px, py = sum(x) / n, sum(y) / n
        pxy = sum(1 for u, v in zip(x, y) if u and v) / n
        return (pxy - px * py) / math.sqrt(px * (1 - px) * py * (1 - py))

    def pearson(x, y):
        n = len(x)
        mx, my = sum(x) / n, sum(y) / n
        sxy = sum((u - mx) * (v - my) for u, v in zip(x, y))
        return sxy / math.sqrt(sum((u - mx) ** 2 for u in x) * sum((v - my) ** 2 for v in y))

    concerned = [p[0] for p in pairs]
    print(f"phi(concerned, plans to change): {phi(concerned, [p[1] for p in pairs]):.3f}")
    print(f"phi(concerned, any behaviour): {phi(concerned, [p[2] for p in pairs]):.3f}")
    print(f"r(concern_protection, mean willingness to share): {pearson([p[3] for p in pairs], [p[4] for p in pairs]):.3f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--check", action="store_true", help="compare with the committed files instead of writing")
    parser.add_argument("--model", type=int, nargs="?", const=200_000, metavar="SIZE",
                        help="print the model's population figures (Monte Carlo with SIZE draws)")
    parser.add_argument("--directory", default=HERE, help="where the files are written or checked")
    args = parser.parse_args()
    if args.model:
        model_summary(args.model, args.seed)
        return
    files = {SURVEY_FILE: survey_text(args.seed), TARGETS_FILE: targets_text()}
    status = 0
    for name, text in files.items():
        path = os.path.join(args.directory, name)
        if args.check:
            try:
                with open(path, encoding="utf-8", newline="") as handle:
                    same = handle.read() == text
            except FileNotFoundError:
                same = False
            if not same:
                print(f"{path} differs from what the generator makes with seed {args.seed}", file=sys.stderr)
                status = 1
        else:
            with open(path, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
    sys.exit(status)


if __name__ == "__main__":
    main()
