#!/usr/bin/env bash
# Benchmark `infraplan validate` against check-jsonschema, and validate alone
# on growing plans. Run from anywhere; results land in bench/out/ (gitignored).
#
#   bench/run.sh
#
# Steps: install hyperfine (apt) and a pinned check-jsonschema (pip, in two
# venvs under bench/out/) if missing; build infraplan in release mode; generate
# synthetic plans (bench/gen_plan.py); write the plan schema; time with
# hyperfine; summarise ratios into bench/out/summary.md.
#
# Knobs (environment variables):
#   BENCH_WARMUP      warmup runs per command            (default 3)
#   BENCH_LARGE_RUNS  timed runs for the 10,000-component pair, where one
#                     check-jsonschema run takes half a minute (default 3)
#   BENCH_CALLGRIND   1: also count instructions with valgrind's callgrind,
#                     which is immune to machine noise: infraplan on every
#                     plan size, both tools on the examples (needs valgrind;
#                     about 10 minutes; default 0)
#   BENCH_PURE_LARGE  1: also time pure-Python-YAML check-jsonschema on the
#                     10,000-component plan (over a minute a run; default 0)
#
# See docs/benchmarks.md for what is measured and the results.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=bench/out
WARMUP=${BENCH_WARMUP:-3}
LARGE_RUNS=${BENCH_LARGE_RUNS:-3}
SIZES=(100 1000 10000)
SCALING_SIZES=1,100,1000,3000,10000
mkdir -p "$OUT"

log() { printf '\n== %s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# ---------------------------------------------------------------- tools
if ! command -v hyperfine >/dev/null 2>&1; then
    log "installing hyperfine (apt)"
    as_root apt-get update
    as_root apt-get install -y hyperfine
fi

if [ "${BENCH_CALLGRIND:-0}" = 1 ] && ! command -v valgrind >/dev/null 2>&1; then
    log "installing valgrind (apt) for BENCH_CALLGRIND=1"
    as_root apt-get update
    as_root apt-get install -y valgrind
fi

# check-jsonschema in two virtualenvs, both pinned by bench/requirements*.txt:
#   venv-pure  what `pip install check-jsonschema` gives today: ruamel.yaml
#              0.19 no longer pulls in its C extension, so YAML is parsed in
#              pure Python;
#   venv       the same plus ruamel.yaml.clib, the C (libyaml) parser: the
#              fastest check-jsonschema setup, so the main comparison.
setup_venv() { # setup_venv DIR REQUIREMENTS; rebuilt when the pins change
    local pins
    pins=$(cat bench/requirements*.txt)
    if [ "$pins" != "$(cat "$1/.pins" 2>/dev/null)" ] || ! "$1/bin/check-jsonschema" --version >/dev/null 2>&1; then
        log "installing check-jsonschema into $1 (pip, pinned in $2)"
        rm -rf "$1"
        python3 -m venv "$1"
        "$1/bin/pip" install --quiet --disable-pip-version-check -r "$2"
        printf '%s' "$pins" > "$1/.pins"
    fi
}
setup_venv "$OUT/venv" bench/requirements-clib.txt
setup_venv "$OUT/venv-pure" bench/requirements.txt
CJS=$OUT/venv/bin/check-jsonschema
CJS_PURE=$OUT/venv-pure/bin/check-jsonschema
BENCH_PURE_LARGE=${BENCH_PURE_LARGE:-0}

# ---------------------------------------------------------------- build
log "cargo build --release"
cargo build --release
# Time a private copy: a later `cargo build` (another terminal, an editor)
# must not swap the binary in the middle of a run.
cp target/release/infraplan "$OUT/infraplan"
IP=$OUT/infraplan

# ---------------------------------------------------------------- inputs
log "generating plans and schema"
for n in 1 100 1000 3000 10000; do
    python3 bench/gen_plan.py "$n" -o "$OUT/plan-$n.yaml"
done
"$IP" schema > "$OUT/schema.json"

# Both tools must accept every input, or we would be timing error paths.
for f in examples/*.yaml "$OUT"/plan-*.yaml; do
    "$IP" validate --strict "$f" >/dev/null || { echo "infraplan rejects $f" >&2; exit 1; }
done
for f in examples/*.yaml "$OUT"/plan-100.yaml; do
    for cjs in "$CJS" "$CJS_PURE"; do
        "$cjs" --schemafile "$OUT/schema.json" "$f" >/dev/null || { echo "$cjs rejects $f" >&2; exit 1; }
    done
done
# (the 1,000 and 10,000 plans are checked by the timed runs below: hyperfine
# fails on a non-zero exit code)

# ---------------------------------------------------------------- versions
{
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "infraplan: $(git describe --always --dirty --tags 2>/dev/null || echo unknown) ($("$IP" --version); sha256 $(sha256sum "$IP" | cut -c1-16))"
    echo "hyperfine: $(hyperfine --version)"
    echo "check-jsonschema: $("$CJS" --version)"
    echo "python packages: $("$OUT/venv/bin/python" -c 'import importlib.metadata as m; print(", ".join(p + " " + m.version(p) for p in ("jsonschema", "ruamel.yaml", "ruamel.yaml.clib", "regress")))')"
    echo "python: $("$OUT/venv/bin/python" --version)"
    echo "rustc: $(rustc --version)"
    echo "nproc: $(nproc)"
    echo "cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
    echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/versions.txt"

# ---------------------------------------------------------------- timing
rm -f "$OUT"/pair-*.json "$OUT"/pair-*.md "$OUT"/scaling.* "$OUT"/fixed.* "$OUT/instructions.txt"
# -N: no intermediate shell, so nothing is subtracted or added for one.
HF=(hyperfine -N --style basic)

pair() { # pair NAME FILE PURE [extra hyperfine args...]; default: --warmup $WARMUP
    local name=$1 file=$2 pure=$3
    shift 3
    [ $# -gt 0 ] || set -- --warmup "$WARMUP"
    local cmds=(
        -n "infraplan validate $name" "$IP validate --strict $file"
        -n "check-jsonschema $name" "$CJS --schemafile $OUT/schema.json $file"
    )
    if [ "$pure" = 1 ]; then
        cmds+=(-n "check-jsonschema (pure-Python YAML) $name" "$CJS_PURE --schemafile $OUT/schema.json $file")
    fi
    log "pair: $name ($file)"
    "${HF[@]}" "$@" \
        --export-json "$OUT/pair-$name.json" --export-markdown "$OUT/pair-$name.md" \
        "${cmds[@]}"
}

# (a) the example plans
for f in examples/*.yaml; do
    pair "$(basename "$f" .yaml)" "$f" 1
done

# (b) generated plans
for n in "${SIZES[@]}"; do
    if [ "$n" -ge 10000 ]; then
        pair "gen-$n" "$OUT/plan-$n.yaml" "$BENCH_PURE_LARGE" --warmup 1 --runs "$LARGE_RUNS"
    else
        pair "gen-$n" "$OUT/plan-$n.yaml" 1
    fi
done

# (c) validate alone on every size: is the growth linear?
log "scaling: infraplan validate on 1..10000 components"
"${HF[@]}" --warmup "$WARMUP" -L n "$SCALING_SIZES" \
    --export-json "$OUT/scaling.json" --export-markdown "$OUT/scaling.md" \
    "$IP validate --strict $OUT/plan-{n}.yaml"

# (d) fixed costs: process start-up of each tool, schema generation, and
# check-jsonschema with every format check off (to show the format choice
# does not decide the result).
log "fixed costs"
"${HF[@]}" --warmup "$WARMUP" \
    --export-json "$OUT/fixed.json" --export-markdown "$OUT/fixed.md" \
    -n "infraplan --version" "$IP --version" \
    -n "infraplan schema" "$IP schema" \
    -n "check-jsonschema --version" "$CJS --version" \
    -n "python3 -c pass (venv interpreter)" "$OUT/venv/bin/python -c pass" \
    -n "check-jsonschema web-shop" "$CJS --schemafile $OUT/schema.json examples/web-shop.yaml" \
    -n "check-jsonschema --disable-formats '*' web-shop" "$CJS --disable-formats * --schemafile $OUT/schema.json examples/web-shop.yaml"

# (e) optional: instruction counts, repeatable whatever else the machine does.
if [ "${BENCH_CALLGRIND:-0}" = 1 ]; then
    log "instruction counts (callgrind)"
    instructions() { # instructions COMMAND...: instructions the command executes
        PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
            sed -n 's/.*Collected : *//p'
    }
    for n in 1 100 1000 3000 10000; do
        echo "plan-$n $(instructions "$IP" validate --strict "$OUT/plan-$n.yaml")" | tee -a "$OUT/instructions.txt"
    done
    for f in examples/*.yaml; do
        name=$(basename "$f" .yaml)
        echo "$name $(instructions "$IP" validate --strict "$f")" | tee -a "$OUT/instructions.txt"
        echo "cjs:$name $(instructions "$CJS" --schemafile "$OUT/schema.json" "$f")" | tee -a "$OUT/instructions.txt"
        echo "cjs-pure:$name $(instructions "$CJS_PURE" --schemafile "$OUT/schema.json" "$f")" | tee -a "$OUT/instructions.txt"
    done
    echo "cjs:--version $(instructions "$CJS" --version)" | tee -a "$OUT/instructions.txt"
fi

# ---------------------------------------------------------------- summary
python3 bench/summarize.py "$OUT" | tee "$OUT/summary.md"
echo >&2
echo "results: $ROOT/$OUT/summary.md (raw: $OUT/*.json, $OUT/*.md)" >&2
