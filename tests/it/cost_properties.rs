//! Properties of the cost engines over generated plans: every figure adds
//! up, nothing is negative, more usage never costs less, `compare` agrees
//! with `estimate`, and the output is deterministic.
//!
//! Plans are rendered as YAML from small random knobs (provider, SKUs drawn
//! from the catalog, counts, sizes, replicas, HA, requests, egress,
//! environments) and go through the validator like a user's plan would.

use std::fmt::Write as _;
use std::sync::OnceLock;

use infraplan::catalog::Catalog;
use infraplan::catalog::pricing::PriceUnit;
use infraplan::diag::Severity;
use infraplan::engine::cost::compare::compare;
use infraplan::engine::cost::{CostEstimate, EstimateOptions, estimate};
use infraplan::plan::{CloudProvider, Plan};
use infraplan::validate::validate;
use proptest::prelude::*;

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::load(None).unwrap())
}

const PROVIDERS: [&str; 3] = ["aws", "azure", "gcp"];

fn provider_of(name: &str) -> CloudProvider {
    match name {
        "aws" => CloudProvider::Aws,
        "azure" => CloudProvider::Azure,
        _ => CloudProvider::Gcp,
    }
}

fn default_region(provider: &str) -> &'static str {
    match provider {
        "aws" => "us-east-1",
        "azure" => "eastus",
        _ => "us-central1",
    }
}

/// Hourly SKUs of `service` on `provider` in its catalog region, sorted.
fn skus(provider: &str, service: &str) -> Vec<String> {
    let wanted = provider_of(provider);
    let mut list: Vec<String> = catalog()
        .prices()
        .iter()
        .map(|e| &e.item)
        .filter(|p| p.provider == wanted && p.service == service)
        .filter(|p| p.region == default_region(provider))
        .filter(|p| matches!(p.unit, PriceUnit::Hour | PriceUnit::NodeHour))
        .map(|p| p.sku.clone())
        .collect();
    list.sort();
    list.dedup();
    assert!(!list.is_empty(), "no {service} SKUs for {provider}");
    list
}

/// A provider's hourly SKUs: VMs, PostgreSQL instances, Redis caches.
struct SkuLists {
    vms: Vec<String>,
    databases: Vec<String>,
    caches: Vec<String>,
}

/// SKU lists per provider index (as in `PROVIDERS`).
fn sku_lists() -> &'static [SkuLists; 3] {
    static LISTS: OnceLock<[SkuLists; 3]> = OnceLock::new();
    LISTS.get_or_init(|| {
        [
            SkuLists {
                vms: skus("aws", "EC2"),
                databases: skus("aws", "RDS PostgreSQL"),
                caches: skus("aws", "ElastiCache (Redis OSS)"),
            },
            SkuLists {
                vms: skus("azure", "Virtual Machines"),
                databases: skus("azure", "Azure Database for PostgreSQL Flexible Server"),
                caches: skus("azure", "Azure Cache for Redis"),
            },
            // Cloud SQL and Memorystore are sized by vCPU and memory, not SKU.
            SkuLists {
                vms: skus("gcp", "Compute Engine"),
                databases: Vec::new(),
                caches: Vec::new(),
            },
        ]
    })
}

fn pick(list: &[String], index: usize) -> &str {
    &list[index % list.len()]
}

/// The random knobs a plan is rendered from.
#[derive(Debug, Clone)]
struct Knobs {
    provider: usize,
    /// Which of the nine components the plan has (bit per component).
    parts: u16,
    vm_sku: usize,
    vm_count: u32,
    k8s_tier: usize,
    pool_sku: usize,
    pool_count: u32,
    pool_disk_gb: u32,
    disk_class: usize,
    db_sku: usize,
    db_vcores: u32,
    db_memory_gb: u32,
    db_storage_gb: u32,
    db_replicas: u32,
    db_ha: bool,
    db_iops: u32,
    cache_sku: usize,
    cache_memory_gb: u32,
    cache_ha: bool,
    /// Put the cache on another provider (index offset 1 or 2), or not (0).
    cache_elsewhere: usize,
    table_reads: u64,
    table_writes: u64,
    table_gb: u32,
    bucket_gb: u32,
    requests: u64,
    bucket_egress_gb: u32,
    block_gb: u32,
    net_egress_gb: u32,
    nat: u32,
    lb_application: bool,
    lb_gb: u32,
    /// (scale, hoursPerMonth) per environment; none means the default one.
    environments: Vec<(&'static str, Option<u32>)>,
}

const DISK_CLASSES: [&str; 3] = ["ssd", "premium_ssd", "standard"];
const K8S_TIERS: [&str; 3] = ["free", "standard", "premium"];
const ENV_NAMES: [&str; 3] = ["prod", "staging", "dev"];

impl Knobs {
    fn provider(&self) -> &'static str {
        PROVIDERS[self.provider]
    }

    fn has(&self, part: u16) -> bool {
        self.parts & (1 << part) != 0
    }

    fn has_override(&self) -> bool {
        self.has(3) && self.cache_elsewhere != 0
    }

    /// The plan as YAML text.
    fn render(&self) -> String {
        let provider = self.provider();
        let lists = &sku_lists()[self.provider];
        let (vms, dbs) = (&lists.vms, &lists.databases);
        let mut text = format!(
            "version: 1\nname: generated\nproviders:\n  primary: {provider}\n  regions: {{ aws: us-east-1, azure: eastus, gcp: us-central1 }}\n"
        );
        if !self.environments.is_empty() {
            text.push_str("environments:\n");
            for (name, (scale, hours)) in ENV_NAMES.iter().zip(&self.environments) {
                let hours = hours.map_or(String::new(), |h| format!(", hoursPerMonth: {h}"));
                writeln!(text, "  - {{ name: {name}, scale: {scale}{hours} }}").unwrap();
            }
        }
        text.push_str("components:\n");
        let mut any = false;
        let mut add = |part: u16, yaml: String| {
            if self.has(part) {
                text.push_str(&yaml);
                any = true;
            }
        };
        add(
            0,
            format!(
                "  - {{ id: app, type: compute, compute: {{ instanceType: {}, count: {} }} }}\n",
                pick(vms, self.vm_sku),
                self.vm_count
            ),
        );
        add(
            1,
            format!(
                "  - id: k8s\n    type: container_cluster\n    kubernetes:\n      tier: {}\n      nodePools:\n        - {{ name: apps, instanceType: {}, count: {}, osDiskGB: {}, osDiskType: {} }}\n",
                K8S_TIERS[self.k8s_tier],
                pick(vms, self.pool_sku),
                self.pool_count,
                self.pool_disk_gb,
                DISK_CLASSES[self.disk_class]
            ),
        );
        let sizing = if dbs.is_empty() {
            format!(
                "vcores: {}, memory: {}GB",
                self.db_vcores, self.db_memory_gb
            )
        } else {
            format!("tier: {}", pick(dbs, self.db_sku))
        };
        let iops = if self.db_iops > 0 {
            format!(", iops: {}", self.db_iops)
        } else {
            String::new()
        };
        add(
            2,
            format!(
                "  - id: db\n    type: database\n    database:\n      type: relational\n      technology: postgresql\n      deployment:\n        type: managed\n        sizing: {{ {sizing}, storage: {{ type: ssd, sizeGB: {}{iops} }} }}\n        replication: {{ type: async, readReplicas: {{ count: {} }} }}\n      highAvailability: {{ enabled: {} }}\n",
                self.db_storage_gb, self.db_replicas, self.db_ha
            ),
        );
        // The cache's SKU comes from the provider it runs on.
        let cache_on = (self.provider + self.cache_elsewhere) % 3;
        let caches = &sku_lists()[cache_on].caches;
        let cache_sizing = if caches.is_empty() {
            format!("memory: {}GB", self.cache_memory_gb)
        } else {
            format!("tier: {}", pick(caches, self.cache_sku))
        };
        let cache_provider = if self.cache_elsewhere == 0 {
            String::new()
        } else {
            format!("    provider: {}\n", PROVIDERS[cache_on])
        };
        add(
            3,
            format!(
                "  - id: cache\n    type: database\n{cache_provider}    database:\n      type: key_value\n      technology: redis\n      deployment: {{ type: managed, sizing: {{ {cache_sizing} }} }}\n      highAvailability: {{ enabled: {} }}\n",
                self.cache_ha
            ),
        );
        add(
            4,
            format!(
                "  - id: table\n    type: database\n    database:\n      type: document\n      technology: dynamodb\n      usage: {{ readsPerMonth: {}, writesPerMonth: {}, storageGB: {} }}\n",
                self.table_reads, self.table_writes, self.table_gb
            ),
        );
        add(
            5,
            format!(
                "  - {{ id: bucket, type: object_storage, storage: {{ sizeGB: {}, tier: hot, requestsPerMonth: {}, egressGBPerMonth: {} }} }}\n",
                self.bucket_gb, self.requests, self.bucket_egress_gb
            ),
        );
        add(
            6,
            format!(
                "  - {{ id: vol, type: block_storage, storage: {{ sizeGB: {}, diskType: {} }} }}\n",
                self.block_gb, DISK_CLASSES[self.disk_class]
            ),
        );
        add(
            7,
            format!(
                "  - {{ id: net, type: network, network: {{ natGateways: {}, egressGBPerMonth: {} }} }}\n",
                self.nat, self.net_egress_gb
            ),
        );
        add(
            8,
            format!(
                "  - {{ id: lb, type: load_balancer, loadBalancer: {{ kind: {}, dataProcessedGBPerMonth: {} }} }}\n",
                if self.lb_application {
                    "application"
                } else {
                    "network"
                },
                self.lb_gb
            ),
        );
        if !any {
            text.push_str("  []\n");
        }
        text
    }

    fn plan(&self) -> Plan {
        let text = self.render();
        let validation = validate(&text, catalog());
        let errors: Vec<String> = validation
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| f.message.clone())
            .collect();
        assert!(errors.is_empty(), "{errors:#?}\n{text}");
        validation.plan.unwrap()
    }
}

fn knobs() -> impl Strategy<Value = Knobs> {
    let env = (
        prop::sample::select(vec!["1.0", "0.5", "0.25", "0.1", "2"]),
        prop::sample::select(vec![None, Some(220), Some(730), Some(100)]),
    );
    (
        (
            0..3usize,
            1..512u16,
            any::<usize>(),
            1..=20u32,
            0..3usize,
            any::<usize>(),
            1..=20u32,
            1..=1100u32,
            0..3usize,
        ),
        (
            any::<usize>(),
            1..=16u32,
            2..=64u32,
            1..=5000u32,
            0..=3u32,
            any::<bool>(),
            prop::sample::select(vec![0, 3000, 5000, 12_000, 20_000]),
        ),
        (
            any::<usize>(),
            1..=30u32,
            any::<bool>(),
            prop::sample::select(vec![0usize, 0, 1, 2]),
        ),
        (
            0..=500_000_000u64,
            0..=50_000_000u64,
            0..=5000u32,
            1..=5000u32,
            0..=50_000_000u64,
            0..=60_000u32,
            1..=5000u32,
        ),
        (
            0..=60_000u32,
            0..=3u32,
            any::<bool>(),
            0..=100_000u32,
            prop::collection::vec(env, 0..=3),
        ),
    )
        .prop_map(|(a, b, c, d, e)| Knobs {
            provider: a.0,
            parts: a.1,
            vm_sku: a.2,
            vm_count: a.3,
            k8s_tier: a.4,
            pool_sku: a.5,
            pool_count: a.6,
            pool_disk_gb: a.7,
            disk_class: a.8,
            db_sku: b.0,
            db_vcores: b.1,
            db_memory_gb: b.2,
            db_storage_gb: b.3,
            db_replicas: b.4,
            db_ha: b.5,
            db_iops: b.6,
            cache_sku: c.0,
            cache_memory_gb: c.1,
            cache_ha: c.2,
            cache_elsewhere: c.3,
            table_reads: d.0,
            table_writes: d.1,
            table_gb: d.2,
            bucket_gb: d.3,
            requests: d.4,
            bucket_egress_gb: d.5,
            block_gb: d.6,
            net_egress_gb: e.0,
            nat: e.1,
            lb_application: e.2,
            lb_gb: e.3,
            environments: e.4,
        })
}

/// One way to ask for more: which knob grows and by how much.
#[derive(Debug, Clone, Copy)]
enum More {
    VmCount(u32),
    PoolCount(u32),
    PoolDisk(u32),
    DbStorage(u32),
    DbReplicas(u32),
    DbIops(u32),
    TableReads(u64),
    TableWrites(u64),
    TableStorage(u32),
    BucketSize(u32),
    Requests(u64),
    BucketEgress(u32),
    BlockSize(u32),
    NetEgress(u32),
    Nat(u32),
    LbData(u32),
}

fn more() -> impl Strategy<Value = More> {
    prop_oneof![
        (1..=5u32).prop_map(More::VmCount),
        (1..=5u32).prop_map(More::PoolCount),
        (1..=500u32).prop_map(More::PoolDisk),
        (1..=2000u32).prop_map(More::DbStorage),
        (1..=3u32).prop_map(More::DbReplicas),
        (1..=10_000u32).prop_map(More::DbIops),
        (1..=100_000_000u64).prop_map(More::TableReads),
        (1..=100_000_000u64).prop_map(More::TableWrites),
        (1..=1000u32).prop_map(More::TableStorage),
        (1..=2000u32).prop_map(More::BucketSize),
        (1..=10_000_000u64).prop_map(More::Requests),
        (1..=20_000u32).prop_map(More::BucketEgress),
        (1..=2000u32).prop_map(More::BlockSize),
        (1..=20_000u32).prop_map(More::NetEgress),
        (1..=3u32).prop_map(More::Nat),
        (1..=50_000u32).prop_map(More::LbData),
    ]
}

impl More {
    fn apply(self, knobs: &Knobs) -> Knobs {
        let mut k = knobs.clone();
        match self {
            Self::VmCount(n) => k.vm_count += n,
            Self::PoolCount(n) => k.pool_count += n,
            Self::PoolDisk(n) => k.pool_disk_gb += n,
            Self::DbStorage(n) => k.db_storage_gb += n,
            Self::DbReplicas(n) => k.db_replicas += n,
            Self::DbIops(n) => k.db_iops += n,
            Self::TableReads(n) => k.table_reads += n,
            Self::TableWrites(n) => k.table_writes += n,
            Self::TableStorage(n) => k.table_gb += n,
            Self::BucketSize(n) => k.bucket_gb += n,
            Self::Requests(n) => k.requests += n,
            Self::BucketEgress(n) => k.bucket_egress_gb += n,
            Self::BlockSize(n) => k.block_gb += n,
            Self::NetEgress(n) => k.net_egress_gb += n,
            Self::Nat(n) => k.nat += n,
            Self::LbData(n) => k.lb_gb += n,
        }
        k
    }
}

fn price(plan: &Plan, provider: Option<CloudProvider>) -> CostEstimate {
    let options = EstimateOptions {
        provider,
        ..EstimateOptions::default()
    };
    estimate(plan, catalog(), &options).unwrap()
}

fn in_percent_range(value: f64) -> bool {
    (0.0..=100.0).contains(&value)
}

/// Every figure of `report` adds up and nothing is negative.
fn check_arithmetic(report: &CostEstimate) {
    let mut total = 0;
    for entry in &report.breakdown {
        let mut sum = 0;
        for line in &entry.usage {
            assert!(line.monthly_cost.cents() >= 0, "{line:?}");
            assert!(line.quantity.thousandths() >= 0, "{line:?}");
            assert!(line.unit_price.nanos() >= 0, "{line:?}");
            sum += line.monthly_cost.cents();
        }
        assert_eq!(
            entry.monthly_cost.cents(),
            sum,
            "{}/{}: monthlyCost is the sum of its lines",
            entry.environment,
            entry.component
        );
        assert!(
            in_percent_range(entry.percentage_of_total),
            "{}",
            entry.percentage_of_total
        );
        total += sum;
    }
    assert_eq!(
        report.total.monthly.cents(),
        total,
        "total is the breakdown's sum"
    );
    assert_eq!(report.total.yearly.cents(), 12 * total);
    let environments: i64 = report
        .environments
        .iter()
        .map(|e| e.monthly_cost.cents())
        .sum();
    assert_eq!(environments, total, "environment totals add up");
    for env in &report.environments {
        assert!(env.monthly_cost.cents() >= 0);
        assert!(
            in_percent_range(env.percentage_of_total),
            "{}",
            env.percentage_of_total
        );
    }
    for driver in &report.drivers {
        assert!(driver.current_cost.cents() >= 0);
        assert!(in_percent_range(driver.percentage_of_total), "{driver:?}");
    }
    for optimization in &report.optimizations {
        let savings = &optimization.estimated_savings;
        assert!(savings.monthly.cents() > 0, "{optimization:?}");
        assert!(savings.monthly.cents() <= total, "{optimization:?}");
        assert!(in_percent_range(savings.percentage), "{optimization:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn figures_add_up(knobs in knobs()) {
        let plan = knobs.plan();
        check_arithmetic(&price(&plan, None));
        for provider in CloudProvider::ALL {
            check_arithmetic(&price(&plan, Some(provider)));
        }
    }

    #[test]
    fn more_usage_never_costs_less(knobs in knobs(), more in more()) {
        let bigger = more.apply(&knobs);
        let before = price(&knobs.plan(), None);
        let after = price(&bigger.plan(), None);
        // A bigger size can land on a tier the catalog has no price for
        // (an Azure disk past P10); it is then unpriced, not in the total,
        // and the total may fall. Otherwise more usage never costs less.
        if after.unpriced.len() <= before.unpriced.len() {
            prop_assert!(
                after.total.monthly >= before.total.monthly,
                "{more:?}: {} → {} cents",
                before.total.monthly.cents(),
                after.total.monthly.cents()
            );
        }
    }

    #[test]
    fn compare_agrees_with_estimate(knobs in knobs()) {
        let plan = knobs.plan();
        let comparison = compare(&plan, catalog(), None).unwrap();
        for provider in CloudProvider::ALL {
            let forced = price(&plan, Some(provider));
            let totals = &comparison.totals[&provider];
            prop_assert_eq!(totals.monthly_cost, forced.total.monthly, "{:?}", provider);
            prop_assert!(totals.comparable_monthly_cost <= totals.monthly_cost);
            let buckets = &totals.breakdown;
            prop_assert_eq!(
                buckets.compute.cents()
                    + buckets.storage.cents()
                    + buckets.network.cents()
                    + buckets.backup.cents()
                    + buckets.other.cents(),
                totals.monthly_cost.cents(),
                "{:?}: buckets add up", provider
            );
            let by_component: i64 = comparison
                .components
                .iter()
                .filter_map(|c| c.costs.get(&provider))
                .map(|c| c.monthly_cost.cents())
                .sum();
            prop_assert_eq!(by_component, totals.monthly_cost.cents(), "{:?}: components add up", provider);
        }
        if !knobs.has_override() {
            // Every component runs on the primary provider: its own estimate
            // is the comparison's figure for that provider.
            let own = price(&plan, None);
            let primary = provider_of(knobs.provider());
            prop_assert_eq!(own.total.monthly, comparison.totals[&primary].monthly_cost);
            prop_assert_eq!(&own, &price(&plan, Some(primary)));
        }
    }

    #[test]
    fn output_is_deterministic(knobs in knobs()) {
        let plan = knobs.plan();
        let first = price(&plan, None);
        let second = price(&plan, None);
        prop_assert_eq!(&first, &second);
        prop_assert_eq!(
            serde_json::to_string(&first).unwrap(),
            serde_json::to_string(&second).unwrap()
        );
        let again = knobs.plan();
        prop_assert_eq!(
            serde_json::to_string(&first).unwrap(),
            serde_json::to_string(&price(&again, None)).unwrap()
        );
        let one = compare(&plan, catalog(), None).unwrap();
        let two = compare(&plan, catalog(), None).unwrap();
        prop_assert_eq!(
            serde_json::to_string(&one).unwrap(),
            serde_json::to_string(&two).unwrap()
        );
    }
}
