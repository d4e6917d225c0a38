#!/usr/bin/env python3
"""Synthetic plans for the new engines' benchmarks (bench/engines.sh).

    gen_engines.py migrate PHASES   a migration of PHASES phases, each depending
                                    on up to three earlier phases (random, seeded)
    gen_engines.py k8s POOLS WORKLOADS
                                    one AKS cluster with POOLS pools and WORKLOADS
                                    workloads pinned round-robin
    gen_engines.py diagram COMPONENTS
                                    COMPONENTS VMs over four regions, one module
                                    using all of them

Deterministic: the same arguments give the same file.
"""
import random
import sys


def migrate(phases: int) -> str:
    rng = random.Random(7)
    lines = [
        "version: 1",
        "name: bench-migrate",
        "components: []",
        "migrations:",
        "  - id: move",
        "    name: Synthetic move",
        "    type: replatform",
        "    source: { platform: on_premises }",
        "    target: { platform: azure }",
        "    phases:",
    ]
    for i in range(phases):
        deps = sorted({rng.randrange(i) for _ in range(rng.randint(0, 3))}) if i else []
        dep_text = f", dependencies: [{', '.join(f'p{d}' for d in deps)}]" if deps else ""
        lines.append(
            f"      - {{ id: p{i}, name: Phase {i}, estimatedDuration: {rng.randint(0, 10)}d{dep_text} }}"
        )
    lines.append("    timeline: { plannedStart: 2027-01-04 }")
    return "\n".join(lines) + "\n"


def k8s(pools: int, workloads: int) -> str:
    lines = [
        "version: 1",
        "name: bench-k8s",
        "providers: { primary: azure, regions: { azure: eastus } }",
        "components:",
        "  - id: aks",
        "    type: container_cluster",
        "    kubernetes:",
        '      version: "1.31"',
        "      nodePools:",
    ]
    for p in range(pools):
        lines.append(f"        - {{ name: p{p}, instanceType: Standard_D8s_v5, count: 10, maxCount: 40 }}")
    lines.append("      workloads:")
    for w in range(workloads):
        lines.append(
            f"        - {{ name: w{w}, replicas: {1 + w % 4}, cpu: {100 * (1 + w % 8)}m, memory: {256 * (1 + w % 6)}Mi, "
            f"nodePool: p{w % pools}, autoscaling: {{ minReplicas: 1, maxReplicas: {4 + w % 8} }} }}"
        )
    return "\n".join(lines) + "\n"


def diagram(components: int) -> str:
    lines = ["version: 1", "name: bench-diagram", "providers: { primary: gcp }", "components:"]
    for i in range(components):
        lines.append(
            f"  - {{ id: vm{i}, type: compute, region: europe-west{1 + i % 4}, "
            "compute: { instanceType: e2-standard-4, count: 1 } }"
        )
    lines.append("modules:")
    lines.append("  - id: app")
    lines.append("    infrastructure:")
    for i in range(components):
        lines.append(f"      - {{ component: vm{i} }}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    kind, *args = sys.argv[1:]
    numbers = [int(a) for a in args]
    sys.stdout.write({"migrate": migrate, "k8s": k8s, "diagram": diagram}[kind](*numbers))
