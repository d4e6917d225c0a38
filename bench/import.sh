#!/usr/bin/env bash
# Measure `catalog import` on a synthetic AWS offer file of SIZE_MB (default
# 500) megabytes: wall time and peak memory (GNU time's maximum resident set
# size). The import streams the file, so memory must stay far below the
# file's size. Results land in bench/out/ (gitignored); docs/benchmarks.md
# quotes them.
#
#   bench/import.sh [SIZE_MB]
set -euo pipefail

cd "$(dirname "$0")/.."
OUT=bench/out
SIZE=${1:-500}
mkdir -p "$OUT"
[ -x /usr/bin/time ] || { apt-get update && apt-get install -y time; }

cargo build --release
OFFER=$OUT/offer-${SIZE}mb.json
[ -f "$OFFER" ] || python3 bench/gen_aws_offer.py "$SIZE" > "$OFFER"
rm -rf "$OUT/import-catalog"
/usr/bin/time -v target/release/infraplan catalog import --provider aws \
    "$OFFER" --out "$OUT/import-catalog" 2> "$OUT/import-time.txt"
ls -l "$OFFER"
grep -E 'Elapsed|Maximum resident' "$OUT/import-time.txt"
