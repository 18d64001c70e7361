#!/usr/bin/env bash
# Runs issue 6's workload in confiance, R survey (with data.table's fread) and Python svy on the
# same file in the same run, and prints wall time, peak memory and the ratios to confiance, then
# checks that the three agree (largest relative difference of shares, SEs and interval bounds).
#
#   confiance estimate FILE --var q1 … --var q6 --by age_band --weight weight --strata region
#     --psu psu --missing q1=9 … --missing q6=9 --ci logit --format json
#
# R needs r-cran-survey, r-cran-data.table and r-cran-jsonlite; Python needs `pip install svy`.
# A tool that is not installed is skipped. Each tool runs REPEAT times (default 3); the best wall
# time is kept, with the peak memory of that run.
#
# Usage: Benchmarks/compare.sh [FILE]   (default: Benchmarks/data/survey-1m.csv, made by run.sh)
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
benchmark_setup "$HERE/data/survey-1m.csv" "${1:-}"

items=(--var q1 --var q2 --var q3 --var q4 --var q5 --var q6)
missing=(--missing q1=9 --missing q2=9 --missing q3=9 --missing q4=9 --missing q5=9 --missing q6=9)
run confiance sh -c '"$@" > "'"$OUT"'/confiance.json"' sh "$CONFIANCE" estimate "$FILE" "${items[@]}" --by age_band \
  --weight weight --strata region --psu psu "${missing[@]}" --ci logit --format json
tools=(confiance)
if have_r; then
  run R Rscript "$HERE/compare/workload.R" "$FILE" "$OUT/R.json" && tools+=(R)
fi
if have_svy; then
  run svy python3 "$HERE/compare/workload.py" "$FILE" "$OUT/svy.json" && tools+=(svy)
fi

LABEL[confiance]="confiance"
LABEL[R]="R $(r_version) (survey, fread)"
LABEL[svy]="Python svy $(svy_version)"
print_table "Workload" confiance "${tools[@]}"

# Agreement with confiance.
python3 - "$OUT" "${tools[@]}" <<'PYEOF'
import json
import sys

folder, tools = sys.argv[1], sys.argv[2:]
def key(variable, domain, category):
    return (variable, str(domain), str(category))

confiance = {}
for estimate in json.load(open(f"{folder}/confiance.json"))["estimates"]:
    domain = estimate["domain"]["age_band"] if estimate.get("domain") else ""
    confiance[key(estimate["variable"], domain, estimate["category"])] = estimate
for tool in tools[1:]:
    other = {key(e["variable"], e["domain"], e["category"]): e for e in json.load(open(f"{folder}/{tool}.json"))}
    shared = confiance.keys() & other.keys()
    worst = {}
    for field in ("proportion", "standard_error", "ci_lower", "ci_upper"):
        worst[field] = max(
            abs(confiance[k][field] - other[k][field]) / max(abs(other[k][field]), 1e-300) for k in shared
        )
    print(f"{tool}: {len(shared)} estimates in common (confiance {len(confiance)}, {tool} {len(other)}); "
          + "largest relative difference: " + ", ".join(f"{field} {value:.1e}" for field, value in worst.items()))
PYEOF
