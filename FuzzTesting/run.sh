#!/usr/bin/env bash
# Builds and runs one fuzz target: ./run.sh csv|codebook|targets|notebook [seconds]   (from FuzzTesting/)
# SwiftPM's `--sanitize=fuzzer --sanitize=address` hands the compiler two flags of which only the
# last counts (so no coverage); `--sanitize=fuzzer` keeps libFuzzer's main, and -Xswiftc gives both.
set -euo pipefail
cd "$(dirname "$0")"
case "${1:-}" in
  csv) product=FuzzCSV ;;
  codebook) product=FuzzCodebook ;;
  targets) product=FuzzTargets ;;
  notebook) product=FuzzNotebook ;;
  *) echo "usage: $0 csv|codebook|targets|notebook [seconds]" >&2; exit 64 ;;
esac
seconds=${2:-600}
swift build -j 1 -c release --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address \
  -Xcc -fsanitize=fuzzer-no-link,address --product "$product"
mkdir -p "Corpus/$1" Artifacts
exec ".build/release/$product" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=16384 \
  -print_final_stats=1 -artifact_prefix="Artifacts/$1-" "Corpus/$1" "Seeds/$1"
