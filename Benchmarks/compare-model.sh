#!/usr/bin/env bash
# Issue 13's model benchmark: a logistic model with 12 coefficients on 1,000,000 respondents
# (13 strata, 100 PSUs) in confiance, R survey and (when installed) Python svy's GLM, on the same file in the same run; prints wall time, peak memory and the ratios to
# confiance, then checks that the coefficients, SEs and intervals agree.
#
#   confiance model FILE --formula "b1 ~ sex + age_band + education + q1" --family logistic
#     --weight weight --strata region --psu psu --missing q1=9 --format json
#
# R needs r-cran-survey, r-cran-data.table and r-cran-jsonlite. Each tool runs REPEAT times
# (default 3); the best wall time is kept, with the peak memory of that run.
#
# Usage: Benchmarks/compare-model.sh [FILE]   (default: Benchmarks/data/survey-1m.csv)
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
benchmark_setup "$HERE/data/survey-1m.csv" "${1:-}"

run confiance sh -c '"$@" > "'"$OUT"'/confiance.json"' sh "$CONFIANCE" model "$FILE" \
  --formula "b1 ~ sex + age_band + education + q1" --family logistic --weight weight --strata region --psu psu \
  --missing q1=9 --format json
tools=(confiance)
if have_r; then
  run R Rscript "$HERE/compare/model.R" "$FILE" "$OUT/R.json" && tools+=(R)
fi
if have_svy GLM; then
  run svy python3 "$HERE/compare/model.py" "$FILE" "$OUT/svy.json" && tools+=(svy)
fi

LABEL[confiance]="confiance model"
LABEL[R]="R $(r_version) (svyglm, fread)"
LABEL[svy]="Python svy $(svy_version) (sample.glm)"
print_table "Model" confiance "${tools[@]}"

# Agreement with confiance.
python3 - "$OUT" "${tools[@]}" <<'PYEOF'
import json
import sys

folder, tools = sys.argv[1], sys.argv[2:]
confiance = {c["term"]: c for c in json.load(open(f"{folder}/confiance.json"))["coefficients"]}
for tool in tools[1:]:
    other = {c["term"]: c for c in json.load(open(f"{folder}/{tool}.json"))}
    shared = confiance.keys() & other.keys()
    worst = {
        field: max(abs(confiance[k][field] - other[k][field]) / max(abs(other[k][field]), 1e-300) for k in shared)
        for field in ("estimate", "standard_error", "ci_lower", "ci_upper")
    }
    print(f"{tool}: {len(shared)} coefficients in common (confiance {len(confiance)}, {tool} {len(other)}); "
          + "largest relative difference: " + ", ".join(f"{field} {value:.1e}" for field, value in worst.items()))
PYEOF
