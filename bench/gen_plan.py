#!/usr/bin/env python3
"""Generate a large, synthetic but valid infraplan plan file.

    bench/gen_plan.py 1000                   # plan with 1000 components on stdout
    bench/gen_plan.py 10000 -o big.yaml      # ... written to a file
    bench/gen_plan.py 1000 --seed 7          # a different (still reproducible) plan

The output depends only on N and --seed (default 42): the same arguments give
byte-identical files on every machine and Python 3 version, so benchmark
inputs are reproducible without committing them.

The plan is meant to pass `infraplan validate --strict` with no findings:

* a realistic mix of component types (databases with criteria, deployment and
  engine blocks; Kubernetes clusters with node pools and workloads; VMs;
  object and block storage; messaging; load balancers; CDNs with origins;
  serverless functions; networks);
* modules that map every component (no `unused-component` warnings), with
  extra secondary mappings so references cross module boundaries;
* environments, providers with regions, decisions, scaling patterns, one
  migration whose phases form a dependency DAG, and a small `iac` section.

Only the Python standard library is used. The YAML is written as text in the
block and flow styles the hand-written examples use, not by a YAML library,
so no dependency is needed and the output is stable.
"""

from __future__ import annotations

import argparse
import random
import sys

# Component types and their relative weights in the mix.
TYPE_WEIGHTS = [
    ("database", 20),
    ("container_cluster", 8),
    ("compute", 14),
    ("object_storage", 10),
    ("block_storage", 6),
    ("messaging", 10),
    ("load_balancer", 7),
    ("cdn", 5),
    ("serverless", 14),
    ("network", 6),
]

DOMAINS = [
    "orders", "payments", "catalog", "search", "users", "billing", "shipping",
    "inventory", "pricing", "reviews", "media", "auth", "notify", "ledger",
    "analytics", "telemetry", "feeds", "graph", "reco", "support",
]

AZURE_VM_TYPES = ["Standard_D2s_v5", "Standard_D4s_v5", "Standard_D8s_v5", "Standard_E4s_v5", "Standard_F4s_v2"]
DISK_CLASSES = ["standard", "ssd", "premium_ssd", "io_optimized"]
REDUNDANCY = ["local", "zone", "geo"]
MESSAGING = [
    ("kafka", "kafka.m7g.large"),
    ("service_bus", "Premium"),
    ("event_hubs", "Standard"),
    ("rabbitmq", "mq.m5.large"),
    ("sqs", None),
    ("pubsub", None),
    ("nats", None),
]
RUNTIMES = ["nodejs20", "python3.12", "dotnet8", "java21", "go1.x"]
STATUSES = ["planned", "provisioning", "active", "active", "active", "deprecated"]


def q(text: str) -> str:
    """A double-quoted YAML scalar (for versions, operators and the like)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Gen:
    def __init__(self, n: int, seed: int) -> None:
        self.n = n
        self.rng = random.Random(seed)
        self.out: list[str] = []
        self.ids: list[str] = []
        self.by_type: dict[str, list[str]] = {t: [] for t, _ in TYPE_WEIGHTS}

    # -- helpers ----------------------------------------------------------
    def w(self, line: str = "") -> None:
        self.out.append(line)

    def pick(self, seq):
        return self.rng.choice(seq)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    # -- top level --------------------------------------------------------
    def plan(self) -> str:
        types = self.component_types()
        self.w("# yaml-language-server: $schema=../../infraplan.schema.json")
        self.w(f"# Synthetic benchmark plan: {self.n} components (bench/gen_plan.py).")
        self.w("version: 1")
        self.w(f"name: synthetic-{self.n}")
        self.w("description: >-")
        self.w(f"  Synthetic plan with {self.n} components for benchmarking `infraplan validate`.")
        self.w("currency: USD")
        self.w()
        self.w("providers:")
        self.w("  primary: azure")
        self.w("  regions: { azure: eastus, aws: us-east-1, gcp: us-central1 }")
        self.w("  secondaryRegions: { azure: [westus], aws: [us-west-2] }")
        self.w("  costAllocationTags: { cost-center: cc-9000, owner: platform-team }")
        self.w()
        self.w("environments:")
        self.w("  - { name: prod, scale: 1.0, description: Production }")
        self.w("  - { name: staging, scale: 0.25 }")
        self.w("  - { name: dev, scale: 0.1, hoursPerMonth: 220 }")
        self.w()
        self.w("components:")
        for i, ctype in enumerate(types):
            self.component(i, ctype)
        self.modules()
        self.decisions()
        self.migration()
        self.scaling()
        self.iac()
        return "\n".join(self.out) + "\n"

    def component_types(self) -> list[str]:
        names = [t for t, _ in TYPE_WEIGHTS]
        weights = [w for _, w in TYPE_WEIGHTS]
        types = self.rng.choices(names, weights=weights, k=self.n)
        # Every type appears at least once (when N allows), and an object
        # store comes first so the first CDN has an origin to point at.
        for i, t in enumerate(["object_storage"] + [t for t in names if t != "object_storage"]):
            if i < self.n and t not in types[: i + 1]:
                types[i] = t
        return types

    # -- components -------------------------------------------------------
    def component(self, i: int, ctype: str) -> None:
        domain = DOMAINS[i % len(DOMAINS)]
        short = {
            "database": "db", "container_cluster": "aks", "compute": "vm",
            "object_storage": "blob", "block_storage": "disk", "messaging": "bus",
            "load_balancer": "lb", "cdn": "cdn", "serverless": "fn", "network": "vnet",
        }[ctype]
        cid = f"{domain}-{short}-{i:05d}"
        self.w(f"  - id: {cid}")
        self.w(f"    name: {domain.capitalize()} {ctype.replace('_', ' ')} {i}")
        if self.chance(0.5):
            self.w(f"    description: Synthetic {ctype.replace('_', ' ')} for the {domain} domain.")
        self.w(f"    type: {ctype}")
        self.w(f"    status: {self.pick(STATUSES)}")
        if self.chance(0.15):
            self.w(f"    tags: {{ domain: {domain}, tier: {self.pick(['gold', 'silver', 'bronze'])} }}")
        getattr(self, "c_" + ctype)(cid, i)
        self.ids.append(cid)
        self.by_type[ctype].append(cid)

    def c_database(self, cid: str, i: int) -> None:
        kind = self.pick(["postgresql", "postgresql", "mongodb", "redis", "elasticsearch", "cosmosdb", "dynamodb", "mysql"])
        r = self.rng
        self.w("    database:")
        self.w("      criteria:")
        if kind in ("postgresql", "mysql"):
            self.w("        dataModel: { type: structured, relationships: complex, schemaFlexibility: rigid }")
            self.w("        queryPatterns: { readHeavy: true, complexQueries: true, aggregations: true, timeRangeQueries: true }")
        elif kind == "redis":
            self.w("        dataModel: { type: semi_structured, relationships: none, schemaFlexibility: schemaless }")
            self.w("        queryPatterns: { readHeavy: true, writeHeavy: true }")
        elif kind == "elasticsearch":
            self.w("        dataModel: { type: semi_structured, relationships: simple, schemaFlexibility: flexible }")
            self.w("        queryPatterns: { readHeavy: true, fullTextSearch: true, aggregations: true }")
        else:
            self.w("        dataModel: { type: semi_structured, relationships: simple, schemaFlexibility: flexible }")
            self.w("        queryPatterns: { readHeavy: true, writeHeavy: false }")
        self.w(
            f"        scale: {{ dataSize: {self.pick(['small', 'medium', 'large'])}, "
            f"readThroughput: {r.randint(100, 20000)}, writeThroughput: {r.randint(10, 5000)}, "
            f"concurrentConnections: {r.randint(50, 2000)} }}"
        )
        lat = "ultra_low" if kind == "redis" else self.pick(["low", "medium"])
        cons = "strong" if kind in ("postgresql", "mysql") else "eventual"
        self.w(f"        performance: {{ readLatency: {lat}, writeLatency: {lat}, consistency: {cons} }}")
        self.w(f"        operational: {{ managedPreferred: true, highAvailability: {str(self.chance(0.7)).lower()}, backupRetention: {self.pick([7, 14, 35])} }}")
        self.w(f"        budget: {{ monthlyBudget: {r.randint(2, 400) * 25}, optimizeFor: {self.pick(['cost', 'performance', 'balanced'])} }}")
        dbtype = {
            "postgresql": "relational", "mysql": "relational", "mongodb": "document",
            "redis": "key_value", "elasticsearch": "search", "cosmosdb": "document",
            "dynamodb": "document",
        }[kind]
        self.w(f"      type: {dbtype}")
        self.w(f"      technology: {kind}")
        self.w("      deployment:")
        self.w("        type: managed")
        if kind == "dynamodb":
            self.w("        provider: aws")
            self.w("        service: Amazon DynamoDB (on-demand)")
        elif kind == "cosmosdb":
            self.w("        service: Azure Cosmos DB for NoSQL (serverless)")
        else:
            sku = {
                "postgresql": "GP_Standard_D4ds_v5", "mysql": "GP_Standard_D2ds_v4",
                "mongodb": "M40", "redis": "Balanced_B5", "elasticsearch": "gp.io.d8",
            }[kind]
            self.w("        sizing:")
            self.w(f"          tier: {sku}")
            self.w(f"          memory: {self.pick([8, 16, 32, 64])}GB")
            self.w(f"          storage: {{ type: {self.pick(DISK_CLASSES)}, sizeGB: {r.randint(1, 64) * 32}, autoGrow: true, maxSizeGB: 4096 }}")
            self.w(f"        networking: {{ publicAccess: false, privateEndpoint: true, sslMode: require, minTlsVersion: {q('1.2')} }}")
            if self.chance(0.4):
                self.w(f"        replication: {{ type: async, readReplicas: {{ count: {r.randint(1, 3)}, regions: [westus] }} }}")
        if kind in ("dynamodb", "cosmosdb"):
            self.w(f"      usage: {{ readsPerMonth: {r.randint(1, 2000) * 1000000}, writesPerMonth: {r.randint(1, 200) * 1000000}, storageGB: {r.randint(1, 500)} }}")
        self.w(f"      highAvailability: {{ enabled: true, mode: zone_redundant, slaTarget: 99.99, failover: automatic, rpo: {self.pick(['0s', '5m', '15m'])}, rto: {self.pick(['2m', '10m', '1h'])} }}")
        self.w(f"      backup: {{ retentionDays: {self.pick([7, 14, 35])}, frequency: 1d, pointInTimeRecovery: true }}")
        if self.chance(0.5):
            self.w("      security: { encryptionAtRest: true, authentication: iam, auditLogging: true }")
        if self.chance(0.5):
            self.w("      monitoring:")
            self.w("        enabled: true")
            self.w("        metrics: [cpu_percent, memory_percent, storage_percent]")
            self.w(f"        alerts: [{{ metric: cpu_percent, operator: {q('>')}, threshold: 80 }}]")
        if kind == "postgresql":
            self.w("      postgresql:")
            self.w(f"        version: {q(self.pick(['14', '15', '16', '17']))}")
            self.w("        extensions: [pg_stat_statements, pgcrypto, uuid-ossp]")
            self.w(f"        parameters: {{ max_connections: {r.randint(1, 10) * 100}, shared_buffers: 4GB, work_mem: 16MB, checkpoint_completion_target: 0.9, random_page_cost: 1.1 }}")
        elif kind == "mongodb":
            self.w("      mongodb:")
            self.w(f"        version: {q(self.pick(['6.0', '7.0', '8.0']))}")
            self.w("        clusterType: sharded")
            self.w(f"        sharding: {{ shardKey: tenantId, strategy: hashed, numShards: {r.randint(2, 8)} }}")
            self.w("        indexes:")
            self.w("          - { collection: items, keys: { tenantId: 1, createdAt: -1 } }")
            self.w("          - { collection: events, keys: { createdAt: 1 }, expireAfterSeconds: 86400 }")
            self.w("        readConcern: majority")
            self.w("        writeConcern: { w: majority, j: true, wtimeout: 5000 }")
        elif kind == "redis":
            self.w("      redis:")
            self.w(f"        version: {q('7.4')}")
            self.w(f"        clusterMode: {str(self.chance(0.5)).lower()}")
            self.w(f"        persistence: {{ type: rdb, rdbFrequency: 1h }}")
            self.w(f"        evictionPolicy: {self.pick(['allkeys-lru', 'volatile-lru', 'allkeys-lfu'])}")
            self.w("        maxMemory: 5Gi")
        elif kind == "elasticsearch":
            self.w("      elasticsearch:")
            self.w(f"        version: {q('8.x')}")
            self.w(f"        topology: {{ masterNodes: 3, dataNodes: {r.randint(2, 12)} }}")
            self.w(f"        indexSettings: {{ numberOfShards: {r.randint(1, 12)}, numberOfReplicas: 1, refreshInterval: 5s }}")
            self.w("        ilmPolicies:")
            self.w("          - { name: logs, rolloverMaxAge: 1d, rolloverMaxSize: 50GB, warmAfter: 2d, deleteAfter: 30d }")

    def c_container_cluster(self, cid: str, i: int) -> None:
        r = self.rng
        pools = ["system", "apps"] + (["batch"] if self.chance(0.5) else [])
        self.w("    kubernetes:")
        self.w(f"      tier: {self.pick(['standard', 'standard', 'premium', 'free'])}")
        self.w(f"      version: {q(self.pick(['1.30', '1.31', '1.32']))}")
        self.w("      namespaces: [web, api, jobs]")
        self.w("      nodePools:")
        for p in pools:
            count = r.randint(2, 8)
            if p == "batch":
                self.w(f"        - {{ name: batch, instanceType: {self.pick(AZURE_VM_TYPES)}, count: {count}, minCount: 0, maxCount: {count + 6}, spot: true }}")
            else:
                self.w(f"        - name: {p}")
                self.w(f"          instanceType: {self.pick(AZURE_VM_TYPES)}")
                self.w(f"          count: {count}")
                self.w(f"          minCount: {max(1, count - 2)}")
                self.w(f"          maxCount: {count * 3}")
                self.w(f"          osDiskGB: 128")
                self.w(f"          osDiskType: ssd")
        self.w("      workloads:")
        for k in range(r.randint(2, 6)):
            ns = self.pick(["web", "api", "jobs"])
            pool = self.pick(pools[1:])
            reps = r.randint(1, 6)
            cpu = self.pick(["250m", "500m", q("1"), q("2"), "1500m"])
            mem = self.pick(["512Mi", "1Gi", "2Gi", "4Gi"])
            if self.chance(0.5):
                self.w(f"        - name: svc-{k}")
                self.w(f"          namespace: {ns}")
                self.w(f"          replicas: {reps}")
                self.w(f"          cpu: {cpu}")
                self.w(f"          memory: {mem}")
                self.w(f"          memoryLimit: {mem}")
                self.w(f"          nodePool: {pool}")
                self.w(f"          autoscaling: {{ minReplicas: {reps}, maxReplicas: {reps * 4}, targetCPUUtilizationPercentage: {self.pick([60, 65, 70])} }}")
            else:
                self.w(f"        - {{ name: svc-{k}, namespace: {ns}, replicas: {reps}, cpu: {cpu}, memory: {mem}, nodePool: {pool} }}")

    def c_compute(self, cid: str, i: int) -> None:
        r = self.rng
        self.w("    compute:")
        if self.chance(0.7):
            self.w(f"      instanceType: {self.pick(AZURE_VM_TYPES)}")
        else:
            self.w(f"      vcpus: {self.pick([2, 4, 8, 16])}")
            self.w(f"      memoryGB: {self.pick([4, 8, 16, 32, 64])}")
        self.w(f"      count: {r.randint(1, 10)}")
        self.w(f"      os: {self.pick(['linux', 'linux', 'linux', 'windows'])}")
        self.w(f"      diskGB: {self.pick([64, 128, 256])}")
        self.w(f"      diskType: {self.pick(DISK_CLASSES)}")
        self.w(f"      spot: {str(self.chance(0.2)).lower()}")

    def c_object_storage(self, cid: str, i: int) -> None:
        r = self.rng
        self.w(
            f"    storage: {{ sizeGB: {r.randint(10, 50000)}, tier: {self.pick(['hot', 'cool', 'archive'])}, "
            f"redundancy: {self.pick(REDUNDANCY)}, egressGBPerMonth: {r.randint(0, 5000)}, "
            f"requestsPerMonth: {r.randint(1, 1000) * 100000} }}"
        )

    def c_block_storage(self, cid: str, i: int) -> None:
        r = self.rng
        self.w(f"    storage: {{ sizeGB: {r.randint(1, 64) * 64}, diskType: {self.pick(DISK_CLASSES)}, iops: {r.randint(5, 200) * 100}, redundancy: {self.pick(['local', 'zone'])} }}")

    def c_messaging(self, cid: str, i: int) -> None:
        r = self.rng
        tech, tier = self.pick(MESSAGING)
        self.w("    messaging:")
        self.w(f"      technology: {tech}")
        if tier:
            self.w(f"      tier: {tier}")
        self.w(f"      throughputPerSecond: {r.randint(10, 50000)}")
        self.w(f"      messagesPerMonth: {r.randint(1, 5000) * 1000000}")
        self.w(f"      retention: {self.pick(['1d', '7d', '14d', '2w'])}")
        if tech in ("kafka", "event_hubs"):
            self.w(f"      partitions: {self.pick([6, 12, 24, 48])}")

    def c_load_balancer(self, cid: str, i: int) -> None:
        r = self.rng
        self.w(f"    loadBalancer: {{ kind: {self.pick(['application', 'network'])}, rules: {r.randint(1, 20)}, dataProcessedGBPerMonth: {r.randint(10, 10000)}, waf: {str(self.chance(0.5)).lower()} }}")

    def c_cdn(self, cid: str, i: int) -> None:
        r = self.rng
        self.w("    cdn:")
        self.w(f"      egressGBPerMonth: {r.randint(100, 50000)}")
        self.w(f"      requestsPerMonth: {r.randint(1, 1000) * 1000000}")
        if self.by_type["object_storage"]:
            # A recent object store, so origins are spread over the file.
            self.w(f"      origin: {self.by_type['object_storage'][-1 - r.randrange(min(5, len(self.by_type['object_storage'])))]}")

    def c_serverless(self, cid: str, i: int) -> None:
        r = self.rng
        self.w(f"    serverless: {{ runtime: {self.pick(RUNTIMES)}, memoryMB: {self.pick([128, 256, 512, 1024, 2048])}, invocationsPerMonth: {r.randint(1, 500) * 100000}, avgDurationMs: {r.randint(5, 3000)} }}")

    def c_network(self, cid: str, i: int) -> None:
        r = self.rng
        b = i % 250
        self.w("    network:")
        self.w(f"      cidr: 10.{b}.0.0/16")
        self.w("      subnets:")
        self.w(f"        - {{ name: nodes, cidr: 10.{b}.0.0/20 }}")
        self.w(f"        - {{ name: gateway, cidr: 10.{b}.16.0/24, public: true }}")
        self.w(f"        - {{ name: data, cidr: 10.{b}.17.0/24 }}")
        self.w(f"      natGateways: {r.randint(0, 3)}")
        self.w(f"      egressGBPerMonth: {r.randint(0, 2000)}")
        self.w(f"      vpn: {str(self.chance(0.3)).lower()}")

    # -- modules ----------------------------------------------------------
    def modules(self) -> None:
        """One module per ~5 components; every component is mapped by the
        module that owns it, and some modules also use a few components of
        other modules as secondary or failover."""
        r = self.rng
        self.w()
        self.w("modules:")
        per = 5
        for m, start in enumerate(range(0, len(self.ids), per)):
            own = self.ids[start : start + per]
            extra = set()
            for _ in range(r.randint(0, 2)):
                other = self.ids[r.randrange(len(self.ids))]
                if other not in own:
                    extra.add(other)
            domain = DOMAINS[m % len(DOMAINS)]
            self.w(f"  - id: {domain}-svc-{m:05d}")
            self.w(f"    name: {domain.capitalize()} service {m}")
            self.w(f"    owner: team-{domain}")
            self.w("    infrastructure:")
            for k, cid in enumerate(own):
                if k == 0 and self.chance(0.5):
                    self.w(f"      - component: {cid}")
                    self.w("        role: primary")
                    self.w(f"        resourceRequirements: {{ cpu: 500m, memory: 1Gi, connections: {r.randint(10, 400)} }}")
                    self.w(f"        deploymentConfig: {{ strategy: {self.pick(['rolling', 'canary', 'blue_green'])}, replicas: {r.randint(1, 6)} }}")
                else:
                    self.w(f"      - {{ component: {cid}, role: primary }}")
            for cid in sorted(extra):
                self.w(f"      - {{ component: {cid}, role: {self.pick(['secondary', 'failover'])} }}")

    # -- decisions, migration, scaling, iac ------------------------------
    def decisions(self) -> None:
        self.w()
        self.w("decisions:")
        count = max(3, self.n // 500)
        for d in range(1, count + 1):
            self.w(f"  - id: adr-{d:04d}")
            self.w(f"    title: Synthetic decision {d}")
            if d == 1 and count > 1:
                self.w("    status: superseded")
                self.w("    supersededBy: adr-0002")
            else:
                self.w(f"    status: {self.pick(['accepted', 'accepted', 'proposed'])}")
            self.w(f"    date: 2025-{(d % 12) + 1:02d}-{(d % 28) + 1:02d}")
            self.w(f"    context: Synthetic context for decision {d}.")
            self.w(f"    decision: Synthetic outcome for decision {d}.")
            if d > 1:
                self.w(f"    relatedDecisions: [adr-{d - 1:04d}]")
            self.w("    tags: [synthetic]")

    def migration(self) -> None:
        """One phased migration; phases depend on earlier phases (a DAG)."""
        r = self.rng
        dbs = self.by_type["database"] or self.ids
        self.w()
        self.w("migrations:")
        self.w("  - id: datacentre-exit")
        self.w("    name: Data centre exit")
        self.w("    type: replatform")
        self.w("    source: { platform: on_premises, region: dc1, description: Two racks of bare metal. }")
        self.w("    target:")
        self.w("      platform: azure")
        self.w("      region: eastus")
        self.w(f"      components: [{', '.join(dbs[:5])}]")
        self.w("    strategy:")
        self.w("      approach: phased")
        self.w("      dataMigration: { strategy: hybrid, tool: Azure Database Migration Service }")
        self.w("      trafficMigration:")
        self.w("        strategy: feature_flag")
        self.w("        rolloutPercentages: [1, 10, 50, 100]")
        self.w("        rollbackTriggers: [error rate above 1%]")
        self.w("    phases:")
        phases = 5 + self.n // 200
        for p in range(phases):
            self.w(f"      - id: phase-{p:03d}")
            self.w(f"        name: Phase {p}")
            comps = [dbs[(p * 3 + k) % len(dbs)] for k in range(min(3, len(dbs)))]
            self.w(f"        components: [{', '.join(sorted(set(comps)))}]")
            if p > 0:
                deps = sorted({f"phase-{d:03d}" for d in (p - 1, r.randrange(p))})
                self.w(f"        dependencies: [{', '.join(deps)}]")
            self.w("        tasks:")
            self.w(f"          - {{ name: Copy data, owner: dba-guild, duration: {self.pick(['1d', '2d', '3d'])} }}")
            self.w("          - { name: Switch traffic, owner: platform-team, duration: 1h }")
            self.w(f"        estimatedDuration: {self.pick(['3d', '1w', '2w'])}")
            self.w("        validation: { tests: [row counts match], signOffRequired: true }")
            if p % 3 == 2:
                self.w("        isRollbackPoint: true")
        self.w("    risks:")
        self.w("      - { id: lag, description: CDC lag delays cutover., probability: medium, impact: high, mitigation: Cut over off-peak. }")
        self.w("      - { id: scope, description: Audit finds a gap., probability: low, impact: critical }")
        self.w("    rollback:")
        self.w("      triggers: [error rate above 1%]")
        self.w("      procedures:")
        self.w("        - { name: Flip the flag back, estimatedDuration: 5m }")
        self.w("      maxRollbackTime: 2h")
        self.w("      dataRecovery: { strategy: Reverse replication, rpo: 5m, rto: 1h }")
        self.w("    timeline: { plannedStart: 2026-02-02, plannedEnd: 2026-12-18 }")
        self.w("    successCriteria:")
        self.w('      - { metric: p99 latency, target: "< 400 ms" }')

    def scaling(self) -> None:
        clusters = self.by_type["container_cluster"]
        if not clusters:
            return
        self.w()
        self.w("scaling:")
        for k, cid in enumerate(clusters[: max(1, len(clusters) // 10)]):
            self.w(f"  - name: HPA {k}")
            self.w(f"    component: {cid}")
            self.w("    type: horizontal")
            self.w("    triggers:")
            self.w(f"      - {{ metric: cpu_utilization, threshold: 70, operator: {q('>')}, duration: 2m, action: scale_out }}")
            self.w(f"      - {{ metric: cpu_utilization, threshold: 30, operator: {q('<')}, duration: 5m, action: scale_in }}")
            self.w("    implementation:")
            self.w("      autoScaling: { enabled: true, provider: kubernetes_hpa, config: { minReplicas: 2, maxReplicas: 10 } }")
            self.w("      statelessDesign: { sessionManagement: external_cache, fileStorage: object_storage }")
            self.w("    limits: { min: 2, max: 10, cooldown: 3m }")
            self.w("    costModel: { type: pay_per_use, baselineCost: 100, costPerUnit: 50 }")

    def iac(self) -> None:
        self.w()
        self.w("iac:")
        self.w("  primaryTool: terraform")
        self.w("  stateManagement:")
        self.w("    backend: remote")
        self.w("    remoteBackend: { provider: azure_blob, config: { container_name: tfstate, key: synthetic.tfstate } }")
        self.w("    locking: true")
        self.w("  moduleStructure:")
        self.w("    pattern: layered")
        self.w("    modules:")
        self.w("      - { name: foundation, path: terraform/foundation }")
        self.w("      - { name: platform, path: terraform/platform, dependencies: [foundation] }")
        self.w("  terraform:")
        self.w(f"    version: {q('>= 1.9')}")
        self.w(f"    providers: [{{ name: azurerm, source: hashicorp/azurerm, version: {q('~> 4.14')} }}]")
        self.w("    workspaces:")
        self.w("      - { name: synthetic-prod, environment: prod }")
        self.w("      - { name: synthetic-staging, environment: staging }")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("components", type=int, help="number of components (>= 1)")
    parser.add_argument("-o", "--output", help="write to this path instead of stdout")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    args = parser.parse_args(argv)
    if args.components < 1:
        parser.error("components must be at least 1")
    text = Gen(args.components, args.seed).plan()
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
