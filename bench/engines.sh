#!/usr/bin/env bash
# Benchmark the schedule, sizing and diagram engines on large synthetic
# plans, against `infraplan validate` of the same plan as the named baseline
# (every engine command loads and validates the plan first, so the ratio is
# what the engine adds). Results land in bench/out/ (gitignored);
# docs/benchmarks.md quotes them.
#
#   bench/engines.sh
set -euo pipefail

cd "$(dirname "$0")/.."
OUT=bench/out
WARMUP=${BENCH_WARMUP:-2}
RUNS=${BENCH_RUNS:-10}
mkdir -p "$OUT"

. bench/common.sh
ensure_hyperfine

cargo build --release
BIN=$OUT/infraplan-engines
cp target/release/infraplan "$BIN"

for n in 1000 10000; do python3 bench/gen_engines.py migrate "$n" > "$OUT/migrate-$n.yaml"; done
python3 bench/gen_engines.py k8s 200 5000 > "$OUT/k8s-200x5000.yaml"
python3 bench/gen_engines.py diagram 1000 > "$OUT/diagram-1000.yaml"

bench() { # bench NAME PLAN COMMAND...
    local name=$1 plan=$2; shift 2
    hyperfine --warmup "$WARMUP" --runs "$RUNS" --style basic \
        --export-json "$OUT/engines-$name.json" \
        -n validate "$BIN validate $plan" \
        -n "$name" "$BIN $* --plan $plan"
}

bench migrate-1000 "$OUT/migrate-1000.yaml" migrate show move --format json
bench migrate-10000 "$OUT/migrate-10000.yaml" migrate show move --format json
bench k8s-200x5000 "$OUT/k8s-200x5000.yaml" k8s size --format json
bench diagram-1000-mermaid "$OUT/diagram-1000.yaml" diagram --type deployment --format mermaid
bench diagram-1000-dot "$OUT/diagram-1000.yaml" diagram --type deployment --format dot
