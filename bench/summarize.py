#!/usr/bin/env python3
"""Summarise bench/run.sh's hyperfine JSON exports as markdown (stdout).

    bench/summarize.py bench/out > bench/out/summary.md

Tables: each infraplan / check-jsonschema pair with the ratio of their mean
times; `infraplan validate` time per plan size with the time per component;
and the fixed costs. Standard library only.
"""

from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path


def load(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["results"]


def ms(seconds: float) -> str:
    value = seconds * 1000
    if value >= 1000:
        return f"{value / 1000:.2f} s"
    if value >= 100:
        return f"{value:.0f} ms"
    return f"{value:.1f} ms"


def mean_sd(r: dict) -> str:
    return f"{ms(r['mean'])} ± {ms(r['stddev'] or 0.0)}"


def ratio(slow: dict, fast: dict) -> tuple[float, float]:
    """Ratio of means and its standard deviation (first-order propagation,
    as hyperfine's own 'Relative' column)."""
    r = slow["mean"] / fast["mean"]
    rel = math.hypot((slow["stddev"] or 0) / slow["mean"], (fast["stddev"] or 0) / fast["mean"])
    return r, r * rel


def ratios(slow: dict, fast: dict) -> str:
    """Table cells: ratio of means ± σ, of medians, of minimums, of CPU time."""
    r, sd = ratio(slow, fast)
    cpu = (slow["user"] + slow["system"]) / (fast["user"] + fast["system"])
    return (
        f"**{r:.1f} ± {sd:.1f}** | {slow['median'] / fast['median']:.1f} "
        f"| {slow['min'] / fast['min']:.1f} | {cpu:.1f}"
    )


def pairs(out: Path) -> list[Path]:
    """pair-*.json: the examples first (by name), then generated plans by size."""
    def key(p: Path):
        name = p.stem.removeprefix("pair-")
        if name.startswith("gen-"):
            return (1, int(name.removeprefix("gen-")), name)
        return (0, 0, name)
    return sorted(out.glob("pair-*.json"), key=key)


def plan_path(out: Path, root: Path, name: str) -> Path:
    if name.startswith("gen-"):
        return out / f"plan-{name.removeprefix('gen-')}.yaml"
    return root / "examples" / f"{name}.yaml"


def components(path: Path) -> int:
    """Number of entries in the top-level `components:` list."""
    count, inside = 0, False
    for line in path.read_text(encoding="utf-8").splitlines():
        if re.match(r"^[A-Za-z$]", line):
            inside = line.startswith("components:")
        elif inside and re.match(r"^  - ", line):
            count += 1
    return count


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "bench/out")
    root = out.parent.parent if out.name == "out" else Path(".")
    lines: list[str] = []
    w = lines.append

    versions = out / "versions.txt"
    if versions.exists():
        w("## Machine and versions\n")
        w("```")
        w(versions.read_text(encoding="utf-8").rstrip())
        w("```\n")

    w("## infraplan validate vs check-jsonschema\n")
    w("check-jsonschema with ruamel.yaml's C parser (`venv`), the main comparison. "
      "Ratios are check-jsonschema / infraplan: of the means (± propagated σ), "
      "of the medians, of the minimums, and of the CPU time (user + system).\n")
    w("| Plan | Components | Size | `infraplan validate --strict` | `check-jsonschema` | Ratio of means | Medians | Minimums | CPU time | Runs |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    pure_rows = []
    for path in pairs(out):
        name = path.stem.removeprefix("pair-")
        results = load(path)
        ip, cjs = results[0], results[1]
        plan = plan_path(out, root, name)
        size = f"{plan.stat().st_size / 1024:,.0f} KiB" if plan.exists() else "?"
        n = components(plan) if plan.exists() else 0
        w(f"| {name} | {n:,} | {size} | {mean_sd(ip)} | {mean_sd(cjs)} | {ratios(cjs, ip)} | {len(ip['times'])} / {len(cjs['times'])} |")
        if len(results) > 2:
            pure = results[2]
            pure_rows.append(f"| {name} | {n:,} | {mean_sd(ip)} | {mean_sd(pure)} | {ratios(pure, ip)} | {len(pure['times'])} |")
    w("")
    if pure_rows:
        w("### check-jsonschema as `pip install check-jsonschema` installs it (pure-Python YAML parser)\n")
        w("| Plan | Components | `infraplan validate --strict` | `check-jsonschema` (pure-Python YAML) | Ratio of means | Medians | Minimums | CPU time | Runs |")
        w("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        lines.extend(pure_rows)
        w("")

    scaling = out / "scaling.json"
    if scaling.exists():
        results = load(scaling)
        points = []
        for r in results:
            n = int(r["parameters"]["n"])
            points.append((n, r))
        points.sort(key=lambda p: p[0])
        base = points[0][1] if points and points[0][0] == 1 else None
        w("## infraplan validate by plan size\n")
        w("| Components | Size | Mean ± σ | Median | Min | Per component (mean / N) | Per component above the 1-component plan |")
        w("|---:|---:|---:|---:|---:|---:|---:|")
        for n, r in points:
            plan = out / f"plan-{n}.yaml"
            size = f"{plan.stat().st_size / 1024:,.0f} KiB" if plan.exists() else "?"
            per = r["mean"] / n * 1e6
            above = (
                f"{(r['mean'] - base['mean']) / (n - 1) * 1e6:.0f} µs"
                if base is not None and n > 1
                else "—"
            )
            w(f"| {n:,} | {size} | {mean_sd(r)} | {ms(r['median'])} | {ms(r['min'])} | {per:.0f} µs | {above} |")
        # Least-squares line through the means: t = a + b·N.
        xs = [n for n, _ in points]
        ys = [r["mean"] for _, r in points]
        if len(xs) >= 2:
            mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
            b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
            a = my - b * mx
            w("")
            w(f"Least-squares fit of the means: t ≈ {ms(a)} + {b * 1e6:.0f} µs × N.")
            by_n = dict(points)
            if 1000 in by_n and 10000 in by_n:
                grow = by_n[10000]["mean"] / by_n[1000]["mean"]
                grow_min = by_n[10000]["min"] / by_n[1000]["min"]
                w(f"10,000 vs 1,000 components: {grow:.1f}× the mean time, {grow_min:.1f}× the minimum (10× would be linear).")
        w("")

    counts = out / "instructions.txt"
    if counts.exists():
        rows = [line.split() for line in counts.read_text(encoding="utf-8").splitlines() if line.strip()]
        by_name = {name: int(count) for name, count in rows}
        w("## Instructions executed by infraplan validate (callgrind)\n")
        w("Counted by valgrind, so repeatable whatever else the machine is doing.\n")
        w("| Plan | Instructions | Per component above the 1-component plan |")
        w("|---|---:|---:|")
        base = by_name.get("plan-1")
        for name, count in by_name.items():
            if name.startswith("cjs"):
                continue
            per = "—"
            if name.startswith("plan-") and base is not None and name != "plan-1":
                n = int(name.removeprefix("plan-"))
                per = f"{(count - base) / (n - 1) / 1e6:.3f} M"
            w(f"| {name} | {count / 1e6:,.1f} M | {per} |")
        w("")
        cjs_rows = [
            (name, count) for name, count in by_name.items()
            if name.startswith("cjs:") and name.removeprefix("cjs:") in by_name
        ]
        if cjs_rows:
            w("Instructions of check-jsonschema on the same examples (PYTHONHASHSEED=0), and the ratio to infraplan:\n")
            w("| Plan | infraplan | check-jsonschema | Ratio | check-jsonschema (pure-Python YAML) | Ratio |")
            w("|---|---:|---:|---:|---:|---:|")
            for name, count in cjs_rows:
                plan = name.removeprefix("cjs:")
                ip = by_name[plan]
                pure = by_name.get(f"cjs-pure:{plan}")
                pure_cells = f"{pure / 1e6:,.0f} M | {pure / ip:.1f}" if pure else "— | —"
                w(f"| {plan} | {ip / 1e6:,.1f} M | {count / 1e6:,.0f} M | **{count / ip:.1f}** | {pure_cells} |")
            if "cjs:--version" in by_name:
                w(f"\n`check-jsonschema --version` alone (interpreter start-up and imports): {by_name['cjs:--version'] / 1e6:,.0f} M instructions.")
            w("")

    fixed = out / "fixed.json"
    if fixed.exists():
        w("## Fixed costs\n")
        w("| Command | Mean ± σ | Min |")
        w("|---|---:|---:|")
        for r in load(fixed):
            w(f"| `{r['command']}` | {mean_sd(r)} | {ms(r['min'])} |")
        w("")

    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
