#!/usr/bin/env bash
# Issue 15's database benchmark: `confiance estimate` on a PostgreSQL table against the engine's
# own work on the same table in the same run. For each size (10M and 100M rows by default, made
# inside PostgreSQL by postgres/generate.sql with generate_series), best of REPEAT runs:
#
#   confiance (logit)      confiance estimate postgresql://… --table survey_10m --var trust
#                            --by age_band --weight weight --strata region --psu psu --format json
#                          (R's default logit interval: the group sums, then the first step of the
#                          logistic fit by domain, two passes over the table)
#   confiance (wald)       the same with --ci wald: the group sums only, one pass
#   group sums SQL         the GROUP BY confiance sent (exact numeric sums), captured from the
#                          server's log during confiance's first run, run by psql; that log also
#                          gives the time of each of confiance's statements in the server
#   SQL of confiance       (only when WORKLOADS names confiance-sql) both statements confiance sent,
#                          with their parameters written in, run by psql
#   bare GROUP BY          SELECT region, psu, age_band, trust, count(*), sum(weight),
#                          sum(weight * weight) … GROUP BY 1, 2, 3, 4: float sums, the engine's
#                          bare aggregation of the same groups (the issue's "1.2×" reference)
#   COPY rows              \copy (SELECT region, psu, age_band, trust, weight FROM …) TO /dev/null:
#                          pulling the rows a file-based tool would need
#
# Wall time is process start to exit (GNU time); peak RSS is the client's (confiance's or psql's).
# psql connects as confiance does (TCP to 127.0.0.1, password, no TLS).
#
# The server: POSTGRES_FOLDER=… reuses one started by `.ci/postgres start PORT` (PORT, default
# 55451) and keeps its tables; without it the script starts one, generates the tables (about 1 min
# for 10M rows and 10–15 min for 100M on 2 busy processors, 0.7 and 7 GB) and stops it at the end.
# Its settings are PostgreSQL 15's defaults (printed with the results).
#
# Usage: Benchmarks/compare-postgres.sh [ROWS…]   (default: 10000000 100000000)
#   REPEAT (default 3) runs per workload, in rounds; LARGE_REPEAT (default 1) from 50M rows up;
#   WORKLOADS (default "confiance confiance-wald group-sums bare copy", add confiance-sql).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
FILE=/dev/null
benchmark_tools
PORT=${PORT:-55451}
if [ -n "${POSTGRES_FOLDER:-}" ]; then
  SERVER=$POSTGRES_FOLDER
  trap 'rm -rf "$OUT"' EXIT
else
  SERVER=$("$ROOT/.ci/postgres" start "$PORT")
  trap 'rm -rf "$OUT"; "$ROOT/.ci/postgres" stop "$SERVER"' EXIT
fi
admin() { psql -X -q -v ON_ERROR_STOP=1 -h "$SERVER" -p "$PORT" -U postgres -d confiance "$@"; }
export PGPASSWORD=confiance PGSSLMODE=disable
client=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U confiance -d confiance)
URL="postgresql://confiance@127.0.0.1:$PORT/confiance?sslmode=disable"
SMALL_REPEAT=$REPEAT

echo "PostgreSQL $(admin -Atc 'SHOW server_version'): $(admin -Atc "SELECT string_agg(name || ' = ' || setting || coalesce(' ' || unit, ''), ', ' ORDER BY name) FROM pg_settings WHERE name IN ('max_parallel_workers_per_gather', 'max_parallel_workers', 'work_mem', 'hash_mem_multiplier', 'shared_buffers', 'jit')")"
echo

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000000 100000000)
for rows in "${sizes[@]}"; do
  table=survey_$(python3 -c "import sys; n = int(sys.argv[1]); print(f'{n // 1000000}m' if n % 1000000 == 0 else n)" "$rows")
  REPEAT=$([ "$rows" -ge 50000000 ] && echo "${LARGE_REPEAT:-1}" || echo "$SMALL_REPEAT")
  # A table of that name made by an earlier run is kept (ANALYZE's row count is an estimate).
  if [ "$(admin -Atc "SELECT coalesce((SELECT abs(reltuples / $rows - 1) < 0.01 FROM pg_class
      WHERE relname = '$table' AND relkind = 'r'), false)")" != t ]; then
    echo "generating $table ($rows rows)…" >&2
    /usr/bin/time -f "%e" -o "$OUT/generate.time" admin -v rows="$rows" -v table="$table" \
      -f "$HERE/postgres/generate.sql" >/dev/null
    admin -c "ALTER TABLE $table OWNER TO confiance"
    echo "generated $table in $(cat "$OUT/generate.time") s (generate_series, INSERT, VACUUM ANALYZE)"
  fi
  size=$(admin -Atc "SELECT pg_size_pretty(pg_table_size('$table'))")

  WALL=() RSS=()
  estimate=("$CONFIANCE" estimate "$URL" --table "$table" --var trust --by age_band --weight weight
    --strata region --psu psu --format json)
  # The first run of confiance, timed like the others, with the server logging every statement:
  # the statements confiance sends (parameters written in) and their time in the server.
  log_start=$(stat -c %s "$SERVER/log")
  admin -c "ALTER ROLE confiance SET log_min_duration_statement = 0"
  REPEAT=1 run confiance sh -c '"$@" > "'"$OUT"'/confiance.json"' sh "${estimate[@]}"
  admin -c "ALTER ROLE confiance RESET log_min_duration_statement"
  python3 - "$SERVER/log" "$log_start" "$OUT" <<'PYEOF'
import re
import sys

path, start, folder = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(path, "rb") as handle:
    handle.seek(start)
    text = handle.read().decode("utf-8", "replace")
entries, current = [], None
for line in text.splitlines():
    if re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", line):
        current = [line]
        entries.append(current)
    elif current is not None:
        current.append(line[1:] if line.startswith("\t") else line)
statements, executed = [], False
for entry in entries:
    head = "\n".join(entry)
    found = re.search(r"LOG:  duration: ([0-9.]+) ms  (?:execute [^:]*|statement): (.*)", head, re.S)
    if found:
        statements.append([float(found.group(1)), found.group(2), {}])
    elif "DETAIL:  parameters:" in head and executed:
        for number, value in re.findall(r"\$(\d+) = ('(?:[^']|'')*'|NULL)", head):
            statements[-1][2][number] = value
    executed = bool(found)
chosen = [s for s in statements if "GROUP BY" in s[1]]
with open(f"{folder}/confiance.sql", "w") as out, open(f"{folder}/group-sums.sql", "w") as first:
    for index, (milliseconds, sql, parameters) in enumerate(chosen):
        sql = re.sub(r"\$(\d+)", lambda m: parameters[m.group(1)], sql)
        out.write(sql + ";\n")
        if index == 0:
            first.write(sql + ";\n")
        kind = "group sums" if index == 0 else "logit first step"
        print(f"  server time of confiance's {kind} statement: {milliseconds / 1000:.2f} s "
              f"({len(parameters)} parameters)")
PYEOF

  workload() {
    case $1 in
    confiance) run confiance sh -c '"$@" > "'"$OUT"'/confiance.json"' sh "${estimate[@]}" ;;
    confiance-wald) run confiance-wald sh -c '"$@" > "'"$OUT"'/confiance-wald.json"' sh "${estimate[@]}" --ci wald ;;
    confiance-sql) run confiance-sql "${client[@]}" -o /dev/null -f "$OUT/confiance.sql" ;;
    group-sums) run group-sums "${client[@]}" -o /dev/null -f "$OUT/group-sums.sql" ;;
    bare) run bare "${client[@]}" -o /dev/null -c "SELECT region, psu, age_band, trust, count(*), sum(weight),
      sum(weight * weight) FROM $table GROUP BY 1, 2, 3, 4" ;;
    copy) run copy "${client[@]}" -c "\\copy (SELECT region, psu, age_band, trust, weight FROM $table) TO '/dev/null'" ;;
    esac
  }
  # Round after round rather than workload after workload: on a shared machine the load drifts,
  # and every workload then sees each phase of it (confiance has had its first run).
  read -r -a workloads <<<"${WORKLOADS:-confiance confiance-wald group-sums bare copy}"
  for round in $(seq "$REPEAT"); do
    for name in "${workloads[@]}"; do
      [ "$round$name" = 1confiance ] || REPEAT=1 workload "$name"
    done
  done
  LABEL=([confiance]="confiance estimate (logit interval: 2 passes)" [confiance-wald]="confiance estimate --ci wald (1 pass)"
    [confiance-sql]="psql: the SQL of confiance (both statements)" [group-sums]="psql: confiance's group sums GROUP BY"
    [bare]="psql: bare GROUP BY, float sums" [copy]="psql: \\copy the 5 columns to /dev/null")

  echo "$table: $rows rows, $size, best of $REPEAT, $(nproc) processors, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| Workload | Wall s | Peak RSS MB | ÷ bare GROUP BY | ÷ COPY |"
  echo "|---|---:|---:|---:|---:|"
  shown=(confiance)
  for name in "${workloads[@]}"; do [ "$name" = confiance ] || shown+=("$name"); done
  for tool in "${shown[@]}"; do
    python3 -c "
import sys
wall, rss, bare, copy = (float(x) if x else None for x in sys.argv[2:])
ratio = lambda base: f'{wall / base:.2f}×' if base else '–'
print(f'| {sys.argv[1]} | {wall:.2f} | {rss:.0f} | {ratio(bare)} | {ratio(copy)} |')
" "${LABEL[$tool]}" "${WALL[$tool]}" "${RSS[$tool]}" "${WALL[bare]:-}" "${WALL[copy]:-}"
  done
  echo
  if [ -s "$OUT/confiance-wald.json" ]; then
    python3 - "$OUT/confiance.json" "$OUT/confiance-wald.json" <<'PYEOF'
import json
import sys

logit, wald = (json.load(open(path))["estimates"] for path in sys.argv[1:])
worst = max(abs(a["proportion"] - b["proportion"]) / abs(b["proportion"]) for a, b in zip(logit, wald))
print(f"{len(logit)} estimates; the logit and wald runs give the same proportions to {worst:.1e} relative.")
PYEOF
    echo
  fi
done
