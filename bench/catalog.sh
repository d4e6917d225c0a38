#!/usr/bin/env bash
# What the embedded price catalog costs each command: the current build
# against a baseline commit, side by side on the same machine, as ratios.
# Baseline default: ebde6ed, the last commit before regional table files.
#
#   bench/catalog.sh [BASE_REF]
#   BASE_BIN=path/to/old/infraplan bench/catalog.sh   # skip building the baseline
#   BENCH_PLAN=plan.yaml bench/catalog.sh   # a plan both builds accept
#                                           # (default examples/web-shop.yaml)
#
# Results land in bench/out/catalog-*.json and bench/out/catalog-summary.md.
set -euo pipefail

cd "$(dirname "$0")/.."
OUT=bench/out
BASE_REF=${1:-ebde6ed}
WARMUP=${BENCH_WARMUP:-5}
RUNS=${BENCH_RUNS:-30}
mkdir -p "$OUT"

. bench/common.sh
ensure_hyperfine

cargo build --release
NEW=$OUT/infraplan-new
cp target/release/infraplan "$NEW"

BASE=${BASE_BIN:-}
if [ -z "$BASE" ]; then
    SRC=$OUT/base-src
    rm -rf "$SRC"
    git worktree add --detach "$SRC" "$BASE_REF"
    (cd "$SRC" && cargo build --release --target-dir ../base-target)
    git worktree remove --force "$SRC"
    BASE=$OUT/base-target/release/infraplan
fi

run() { # run NAME ARGS...
    local name=$1
    shift
    hyperfine -N --warmup "$WARMUP" --runs "$RUNS" --style basic \
        --export-json "$OUT/catalog-$name.json" \
        -n base "$BASE $*" \
        -n new "$NEW $*"
}

run version --version
PLAN=${BENCH_PLAN:-examples/web-shop.yaml}
run validate validate "$PLAN"
run estimate cost estimate --plan "$PLAN" --format json
run compare cost compare --plan "$PLAN" --format json
run show-pricing catalog show pricing --format json

python3 - "$OUT" <<'PY' | tee "$OUT/catalog-summary.md"
import json, sys, pathlib
out = pathlib.Path(sys.argv[1])
print("| command | base (ms) | new (ms) | new − base (ms) | new ÷ base |")
print("| --- | ---: | ---: | ---: | ---: |")
for name in ["version", "validate", "estimate", "compare", "show-pricing"]:
    results = {r["command"]: r for r in json.loads((out / f"catalog-{name}.json").read_text())["results"]}
    base, new = results["base"]["median"] * 1000, results["new"]["median"] * 1000
    print(f"| {name} | {base:.1f} | {new:.1f} | {new - base:+.1f} | {new / base:.2f} |")
PY
