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

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
FILE=${1:-$HERE/data/survey-1m.csv}
REPEAT=${REPEAT:-3}
if [ ! -s "$FILE" ]; then
  mkdir -p "$(dirname "$FILE")"
  echo "generating $FILE…" >&2
  python3 "$HERE/generate_survey.py" --output "$FILE"
fi
if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time (apt-get install time)…" >&2
  apt-get install -y -qq time >/dev/null
fi
(cd "$ROOT" && swift build -c release --product confiance >/dev/null)
CONFIANCE=$ROOT/.build/release/confiance
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

# run NAME COMMAND…: best wall time of REPEAT runs (each writing its JSON to OUT/NAME.json).
declare -A WALL RSS
run() {
  local name=$1
  shift
  cat "$FILE" >/dev/null
  local timing=$OUT/$name.time
  for _ in $(seq "$REPEAT"); do
    /usr/bin/time -f "%e %M" -o "$timing" "$@" >"$OUT/$name.stdout" 2>"$OUT/$name.stderr" || {
      echo "$name failed:" >&2
      cat "$OUT/$name.stderr" >&2
      return 1
    }
    read -r wall rss <"$timing"
    if [ -z "${WALL[$name]:-}" ] || python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)" "$wall" "${WALL[$name]}"; then
      WALL[$name]=$wall
      RSS[$name]=$((rss / 1024))
    fi
  done
}

run confiance sh -c '"$@" > "'"$OUT"'/confiance.json"' sh "$CONFIANCE" model "$FILE" \
  --formula "b1 ~ sex + age_band + education + q1" --family logistic --weight weight --strata region --psu psu \
  --missing q1=9 --format json
tools=(confiance)
if Rscript -e 'suppressMessages({library(survey); library(data.table); library(jsonlite)})' >/dev/null 2>&1; then
  run R Rscript "$HERE/compare/model.R" "$FILE" "$OUT/R.json" && tools+=(R)
else
  echo "R with survey, data.table and jsonlite is not installed: skipped" >&2
fi
if python3 -c 'import svy; svy.GLM' >/dev/null 2>&1; then
  run svy python3 "$HERE/compare/model.py" "$FILE" "$OUT/svy.json" && tools+=(svy)
else
  echo "Python svy with GLM is not installed (pip install svy): skipped" >&2
fi

echo "Model on $(basename "$FILE") ($(python3 -c "import os,sys; print(f'{os.path.getsize(sys.argv[1]) / 1e6:.1f}')" "$FILE") MB), best of $REPEAT, $(nproc) processors, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| Tool | Wall s | Peak RSS MB | Time ÷ confiance | Memory ÷ confiance |"
echo "|---|---:|---:|---:|---:|"
for tool in "${tools[@]}"; do
  case $tool in
    confiance) label="confiance model" ;;
    R) label="R $(Rscript -e 'cat(as.character(packageVersion("survey")))' 2>/dev/null) (svyglm, fread)" ;;
    svy) label="Python svy $(python3 -c 'import svy; print(svy.__version__)') (sample.glm)" ;;
  esac
  python3 -c "
import sys
wall, rss, base_wall, base_rss = map(float, sys.argv[2:])
print(f'| {sys.argv[1]} | {wall:.2f} | {rss:.0f} | {wall / base_wall:.1f}× | {rss / base_rss:.1f}× |')
" "$label" "${WALL[$tool]}" "${RSS[$tool]}" "${WALL[confiance]}" "${RSS[confiance]}"
done
echo

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
