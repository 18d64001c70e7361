#!/usr/bin/env bash
# The replicate-weight benchmark: 1,000,000 ACS-like respondents with 80 successive-difference
# replicate weights (generate_replicates.py), estimated in confiance, R survey and (when installed)
# Python svy on the same file in the same run: wall time, peak memory, ratios to confiance, and
# the agreement of estimates and standard errors.
#
#   confiance mean FILE --var income --by division         R: svyby(~income, ~division, d, svymean)
#   confiance estimate FILE --var tenure --by division     R: svyby(~tenure, ~division, d, svymean)
#     both with --weight PWGTP --replicate-weights "PWGTP[0-9]+" --replicate-type acs --mse
#     (R: svrepdesign(type = "ACS", mse = TRUE), scale 4/80)
#
# R needs r-cran-survey, r-cran-data.table and r-cran-jsonlite; Python needs `pip install svy`.
# Each tool runs REPEAT times (default 3); the best wall time is kept, with the peak memory of that
# run. CONFIANCE=path uses that binary instead of building release.
#
# Usage: Benchmarks/compare-replicates.sh [FILE]   (default: Benchmarks/data/acs-1m.csv, generated)
set -euo pipefail

GENERATOR=generate_replicates.py
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
benchmark_setup "$HERE/data/acs-1m.csv" "${1:-}"

design=(--weight PWGTP --replicate-weights "PWGTP[0-9]+" --replicate-type acs --mse --format json)
for mode in mean estimate; do
  variable=$([ "$mode" = mean ] && echo income || echo tenure)
  WALL=() RSS=()
  run confiance sh -c '"$@" > "'"$OUT"'/confiance.json"' sh "$CONFIANCE" "$mode" "$FILE" --var "$variable" \
    --by division "${design[@]}"
  tools=(confiance)
  if have_r; then
    run R Rscript "$HERE/compare/replicates.R" "$FILE" "$mode" "$OUT/R.json" && tools+=(R)
  fi
  if have_svy SdrWgts; then
    run svy python3 "$HERE/compare/replicates.py" "$FILE" "$mode" "$OUT/svy.json" && tools+=(svy)
  fi
  LABEL[confiance]="confiance $mode"
  LABEL[R]="R $(r_version) (svrepdesign ACS, svyby, fread)"
  LABEL[svy]="Python svy $(svy_version) (SdrWgts)"
  print_table "$(tr '[:lower:]' '[:upper:]' <<<"${mode:0:1}")${mode:1} of $variable by division" confiance "${tools[@]}"

  # Agreement with confiance.
  python3 - "$OUT" "$mode" "${tools[@]}" <<'PYEOF'
import json
import sys

folder, mode, tools = sys.argv[1], sys.argv[2], sys.argv[3:]
ours = json.load(open(f"{folder}/confiance.json"))["estimates"]
confiance = {}
for e in ours:
    domain = e["domain"]["division"]
    if mode == "mean":
        confiance[(domain, "")] = (e["estimate"], e["standard_error"])
    else:
        confiance[(domain, str(e["category"]))] = (e["proportion"], e["standard_error"])
for tool in tools[1:]:
    other = {(e["domain"], e["category"]): (e["estimate"], e["standard_error"]) for e in json.load(open(f"{folder}/{tool}.json"))}
    shared = confiance.keys() & other.keys()
    worst = [max(abs(confiance[k][i] - other[k][i]) / max(abs(other[k][i]), 1e-300) for k in shared) for i in (0, 1)]
    print(f"{tool}: {len(shared)} estimates in common (confiance {len(confiance)}, {tool} {len(other)}); "
          f"largest relative difference: estimate {worst[0]:.1e}, standard_error {worst[1]:.1e}")
PYEOF
  echo
done
