#!/usr/bin/env bash
# Benchmarks of issue 6: builds release, generates the inputs once, and reports the wall time and
# peak resident memory (GNU time's "Maximum resident set size") of each step:
#
#   1. ingest only (reading the CSV into a Survey: all columns, then the workload's columns),
#      on 1 thread and on every processor, in-process time and MB/s;
#   2. the workload: `confiance estimate` of six items, stratified cluster design, --by age_band,
#      logit intervals, JSON to /dev/null (process start to exit), with a check that the JSON is
#      byte-identical on 1 processor (taskset -c 0, --threads 1) and on every processor;
#   3. gap, crosstab and rake on the same file;
#   4. the scaling table: 10k, 100k, 1M and 5M rows; 10, 1,000 and 100,000 PSUs; 1 and 500 domains.
#
# Each step runs REPEAT times (default 3) after a warm-up read of its file (page cache); the best
# wall time is reported with the peak memory of that run. Inputs go to Benchmarks/data/ and the
# report to Benchmarks/results/latest.md (both git-ignored). Benchmarks are never part of
# `swift test`.
#
# Usage: Benchmarks/run.sh            everything
#        QUICK=1 Benchmarks/run.sh    without the 5M-row file
#        REPEAT=5 Benchmarks/run.sh
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
DATA=$HERE/data
RESULTS=$HERE/results
REPEAT=${REPEAT:-3}
QUICK=${QUICK:-0}
mkdir -p "$DATA" "$RESULTS"
REPORT=$RESULTS/latest.md
: >"$REPORT"

say() { printf '%s\n' "$*" | tee -a "$REPORT"; }

if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time (apt-get install time)…" >&2
  apt-get install -y -qq time >/dev/null
fi

# ---------------------------------------------------------------- build
echo "building release…" >&2
(cd "$ROOT" && swift build -c release --product confiance >/dev/null)
(cd "$HERE" && swift build -c release --product IngestBenchmark >/dev/null)
CONFIANCE=$ROOT/.build/release/confiance
INGEST=$HERE/.build/release/IngestBenchmark

# ---------------------------------------------------------------- inputs
GENERATOR=$HERE/generate_survey.py
# generate NAME ARGS…: DATA/NAME.csv from the generator, unless it exists and is newer.
generate() {
  local name=$1
  shift
  local file=$DATA/$name.csv
  if [ ! -s "$file" ] || [ "$GENERATOR" -nt "$file" ]; then
    echo "generating $name.csv ($*)…" >&2
    python3 "$GENERATOR" "$@" --output "$file.partial"
    mv "$file.partial" "$file"
  fi
}
generate survey-1m --rows 1000000
generate rows-10k --rows 10000
generate rows-100k --rows 100000
[ "$QUICK" = 1 ] || generate rows-5m --rows 5000000
generate psus-10 --rows 1000000 --psus 10
generate psus-1000 --rows 1000000 --psus 1000
generate psus-100000 --rows 1000000 --psus 100000
generate domains-500 --rows 1000000 --domains 500
WORKLOAD=$DATA/survey-1m.csv

# ---------------------------------------------------------------- measuring
megabytes() { python3 -c "import os,sys; print(f'{os.path.getsize(sys.argv[1]) / 1e6:.1f}')" "$1"; }

# measure FILE COMMAND…: runs COMMAND (output discarded) REPEAT times after reading FILE once;
# sets BEST_WALL (seconds) and BEST_RSS (MB) of the fastest run.
measure() {
  local file=$1
  shift
  cat "$file" >/dev/null
  BEST_WALL=""
  BEST_RSS=""
  local timing
  timing=$(mktemp)
  for _ in $(seq "$REPEAT"); do
    /usr/bin/time -f "%e %M" -o "$timing" "$@" >/dev/null
    read -r wall rss <"$timing"
    if [ -z "$BEST_WALL" ] || python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)" "$wall" "$BEST_WALL"; then
      BEST_WALL=$wall
      BEST_RSS=$((rss / 1024))
    fi
  done
  rm -f "$timing"
}

# ingest FILE LABEL ARGS…: the best in-process ingest time of REPEAT runs, as a table row.
ingest() {
  local file=$1 label=$2
  shift 2
  cat "$file" >/dev/null
  local best
  best=$("$INGEST" "$file" --repeat "$REPEAT" "$@" | sort -n | head -1)
  measure "$file" "$INGEST" "$file" "$@"
  # best: "0.300 s  257 MB/s  cpu 0.55 s  1000000 rows  10 columns"
  read -r seconds _ rate _ _ cpu _ _ _ _ _ <<<"$best"
  say "| $label | $seconds | $rate | $cpu | $BEST_RSS |"
}

items=(--var q1 --var q2 --var q3 --var q4 --var q5 --var q6)
missing=(--missing q1=9 --missing q2=9 --missing q3=9 --missing q4=9 --missing q5=9 --missing q6=9)
design=(--weight weight --strata region --psu psu)

# ---------------------------------------------------------------- report
PROCESSORS=$(nproc)
say "# Benchmark run $(date -u '+%Y-%m-%d %H:%M UTC')"
say ""
say "- Machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $PROCESSORS processors, $(free -g | awk '/Mem:/ {print $2}') GB memory"
say "- $(swift --version 2>/dev/null | head -1)"
say "- Load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
say "- Workload file: $(basename "$WORKLOAD"), $(megabytes "$WORKLOAD") MB, best of $REPEAT runs, file in page cache"
say ""
say "## Ingest only (CSV to Survey, in-process)"
say ""
say "| Columns, threads | Seconds | MB/s | Processor s | Peak RSS MB |"
say "|---|---:|---:|---:|---:|"
workload_columns=(--columns q1,q2,q3,q4,q5,q6,age_band,region,psu,weight --numeric weight)
ingest "$WORKLOAD" "all 18, 1 thread" --threads 1
ingest "$WORKLOAD" "all 18, $PROCESSORS threads" --threads "$PROCESSORS"
ingest "$WORKLOAD" "workload's 10 (weight numeric), 1 thread" "${workload_columns[@]}" --threads 1
ingest "$WORKLOAD" "workload's 10 (weight numeric), $PROCESSORS threads" "${workload_columns[@]}" --threads "$PROCESSORS"
say ""

say "## Commands on the workload file (process start to exit)"
say ""
say "| Command | Wall s | Peak RSS MB |"
say "|---|---:|---:|"
measure "$WORKLOAD" "$CONFIANCE" estimate "$WORKLOAD" "${items[@]}" --by age_band "${design[@]}" "${missing[@]}" --ci logit --format json
say "| estimate: 6 items, --by age_band, strata + PSUs, logit, JSON | $BEST_WALL | $BEST_RSS |"
measure "$WORKLOAD" taskset -c 0 "$CONFIANCE" estimate "$WORKLOAD" "${items[@]}" --by age_band "${design[@]}" "${missing[@]}" --ci logit --format json --threads 1
say "| the same on 1 processor (taskset -c 0) | $BEST_WALL | $BEST_RSS |"
if "$CONFIANCE" help gap >/dev/null 2>&1; then
  measure "$WORKLOAD" "$CONFIANCE" gap "$WORKLOAD" --concern q1=4,5 --action b1=1 --action b2=1 --by age_band "${design[@]}" --format json
  say "| gap: q1=4,5 vs b1 or b2, --by age_band, strata + PSUs, JSON | $BEST_WALL | $BEST_RSS |"
fi
if "$CONFIANCE" help crosstab >/dev/null 2>&1; then
  measure "$WORKLOAD" "$CONFIANCE" crosstab "$WORKLOAD" --row q1 --col age_band "${design[@]}" --format json
  say "| crosstab: q1 by age_band, strata + PSUs, JSON | $BEST_WALL | $BEST_RSS |"
fi
if "$CONFIANCE" help rake >/dev/null 2>&1; then
  targets=$DATA/targets.csv
  python3 -c "
import importlib.util, sys
spec = importlib.util.spec_from_file_location('generator', '$GENERATOR')
g = importlib.util.module_from_spec(spec); spec.loader.exec_module(g)
rows = ['variable,category,target', 'sex,F,0.51', 'sex,M,0.49']
total = sum(g.AGE_SHARES)
rows += ['age_band,%s,%r' % (band, share / total) for band, share in zip(g.AGE_BANDS, g.AGE_SHARES)]
rows += ['region,%s,%r' % (region, people * 1e6) for region, people in zip(g.REGIONS, g.REGION_POPULATION)]
open('$targets', 'w', encoding='utf-8').write('\n'.join(rows) + '\n')
"
  measure "$WORKLOAD" "$CONFIANCE" rake "$WORKLOAD" --targets "$targets" --weight weight --out "$DATA/raked.csv" --force --format json
  say "| rake: sex, age band, region; writes a copy with the new weights | $BEST_WALL | $BEST_RSS |"
fi
say ""

# Byte-identical output whatever the number of threads.
one=$(mktemp)
all=$(mktemp)
taskset -c 0 "$CONFIANCE" estimate "$WORKLOAD" "${items[@]}" --by age_band "${design[@]}" "${missing[@]}" --format json --threads 1 >"$one"
"$CONFIANCE" estimate "$WORKLOAD" "${items[@]}" --by age_band "${design[@]}" "${missing[@]}" --format json >"$all"
if cmp -s "$one" "$all"; then
  say "JSON on 1 processor and on $PROCESSORS processors: byte-identical ($(wc -c <"$one") bytes)."
else
  say "JSON on 1 processor and on $PROCESSORS processors: DIFFERENT."
fi
rm -f "$one" "$all"
say ""

say "## Scaling (estimate, 6 items, strata + PSUs, logit, JSON)"
say ""
say "| File | Rows | PSUs | Domains | MB | Wall s | Peak RSS MB |"
say "|---|---:|---:|---:|---:|---:|---:|"
scale() {
  local name=$1 rows=$2 psus=$3 domains=$4
  shift 4
  local file=$DATA/$name.csv
  [ -s "$file" ] || return 0
  measure "$file" "$CONFIANCE" estimate "$file" "${items[@]}" "$@" "${design[@]}" "${missing[@]}" --format json
  say "| $name | $rows | $psus | $domains | $(megabytes "$file") | $BEST_WALL | $BEST_RSS |"
}
scale rows-10k 10000 100 7 --by age_band
scale rows-100k 100000 100 7 --by age_band
scale survey-1m 1000000 100 7 --by age_band
[ "$QUICK" = 1 ] || scale rows-5m 5000000 100 7 --by age_band
scale psus-10 1000000 10 7 --by age_band
scale psus-1000 1000000 1000 7 --by age_band
scale psus-100000 1000000 100000 7 --by age_band
scale survey-1m 1000000 100 1
scale domains-500 1000000 100 500 --by domain
say ""
echo "report written to $REPORT" >&2
