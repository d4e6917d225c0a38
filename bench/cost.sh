#!/usr/bin/env bash
# Benchmark the cost commands against `infraplan validate` on the same plans.
# Every cost command loads and validates the plan first, so validate is the
# named baseline: the ratio is what pricing adds. Results land in bench/out/
# (gitignored); docs/benchmarks.md quotes them.
#
#   bench/cost.sh
#
# Knobs: BENCH_WARMUP (default 3), BENCH_RUNS (default 10; the
# 10,000-component plan uses 3).
set -euo pipefail

cd "$(dirname "$0")/.."
OUT=bench/out
WARMUP=${BENCH_WARMUP:-3}
RUNS=${BENCH_RUNS:-10}
mkdir -p "$OUT"

. bench/common.sh
ensure_hyperfine

cargo build --release
BIN=$OUT/infraplan-cost
cp target/release/infraplan "$BIN"

for n in 100 1000 10000; do
    [ -f "$OUT/plan-$n.yaml" ] || python3 bench/gen_plan.py "$n" > "$OUT/plan-$n.yaml"
done

run() { # run NAME PLAN RUNS
    hyperfine --warmup "$WARMUP" --runs "$3" --style basic \
        --export-json "$OUT/cost-$1.json" \
        -n validate "$BIN validate $2" \
        -n estimate "$BIN cost estimate --plan $2 --format json" \
        -n compare "$BIN cost compare --plan $2 --format json" \
        -n estimate-table "$BIN cost estimate --plan $2"
}

for example in web-shop iot-telemetry social-graph; do
    run "$example" "examples/$example.yaml" "$RUNS"
done
run plan-100 "$OUT/plan-100.yaml" "$RUNS"
run plan-1000 "$OUT/plan-1000.yaml" "$RUNS"
run plan-10000 "$OUT/plan-10000.yaml" 3

python3 - "$OUT" <<'PY'
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
rows = ["| plan | validate (ms) | estimate ×validate | compare ×validate | estimate --format table ×validate |",
        "| --- | ---: | ---: | ---: | ---: |"]
for name in ["web-shop", "iot-telemetry", "social-graph", "plan-100", "plan-1000", "plan-10000"]:
    results = {r["command"]: r["mean"] for r in json.loads((out / f"cost-{name}.json").read_text())["results"]}
    base = results["validate"]
    rows.append(f"| {name} | {base * 1000:.1f} | {results['estimate'] / base:.2f} | "
                f"{results['compare'] / base:.2f} | {results['estimate-table'] / base:.2f} |")
text = "\n".join(rows) + "\n"
(out / "cost-summary.md").write_text(text)
print(text)
PY
