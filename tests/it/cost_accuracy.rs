//! Hand-checked cost estimates: small plans whose monthly totals were
//! worked out by hand from the unit prices of the reference price sheet
//! (prices.md, which catalog/pricing/ transcribes) and the billing rules of
//! catalog/cost/billing.yaml. Every expected number carries its arithmetic.
//! A month is 730 hours; each usage line is rounded half-up to cents and the
//! total is the sum of the rounded lines.

use std::sync::OnceLock;

use infraplan::catalog::Catalog;
use infraplan::diag::Severity;
use infraplan::engine::cost::{
    CostError, CostEstimate, EstimateOptions, UsageLine, compare::compare, estimate,
};
use infraplan::plan::{CloudProvider, Plan};
use infraplan::validate::validate;

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::load(None).unwrap())
}

/// A plan on `primary` with every catalog region set and `body` (the
/// `environments` and `components` keys) appended.
fn plan(primary: &str, body: &str) -> Plan {
    plan_in(
        primary,
        "{ aws: us-east-1, azure: eastus, gcp: us-central1 }",
        body,
    )
}

fn plan_in(primary: &str, regions: &str, body: &str) -> Plan {
    let text = format!(
        "version: 1\nname: accuracy\nproviders:\n  primary: {primary}\n  regions: {regions}\n{body}"
    );
    let validation = validate(&text, catalog());
    let errors: Vec<String> = validation
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| format!("{:?}: {}", f.code, f.message))
        .collect();
    assert!(
        errors.is_empty(),
        "plan does not validate: {errors:#?}\n{text}"
    );
    validation.plan.expect("a plan without errors")
}

fn options(environment: Option<&str>, provider: Option<CloudProvider>) -> EstimateOptions {
    EstimateOptions {
        environment: environment.map(str::to_owned),
        provider,
        ..EstimateOptions::default()
    }
}

fn priced(plan: &Plan) -> CostEstimate {
    estimate(plan, catalog(), &EstimateOptions::default()).unwrap()
}

fn total(report: &CostEstimate) -> i64 {
    report.total.monthly.cents()
}

/// Every usage line of the report, for failure messages.
fn lines(report: &CostEstimate) -> String {
    report
        .breakdown
        .iter()
        .flat_map(|b| {
            b.usage.iter().map(move |l| {
                format!(
                    "{}/{}: {} = {} × {} {} = {}",
                    b.environment,
                    b.component,
                    l.metric,
                    l.quantity,
                    l.unit_price,
                    l.unit,
                    l.monthly_cost.cents()
                )
            })
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Asserts the total and that nothing was left unpriced.
fn assert_total(report: &CostEstimate, cents: i64) {
    assert_eq!(
        total(report),
        cents,
        "total; lines:\n{}\nunpriced: {:#?}",
        lines(report),
        report.unpriced
    );
    assert!(
        report.unpriced.is_empty(),
        "unpriced: {:#?}",
        report.unpriced
    );
}

/// Whether a line's metric matches `needle`: contains it, or starts with
/// it when the needle starts with `^`.
fn matches(metric: &str, needle: &str) -> bool {
    match needle.strip_prefix('^') {
        Some(prefix) => metric.starts_with(prefix),
        None => metric.contains(needle),
    }
}

/// The one line of `component` whose metric matches `needle`.
fn line<'a>(report: &'a CostEstimate, component: &str, needle: &str) -> &'a UsageLine {
    let found: Vec<&UsageLine> = report
        .breakdown
        .iter()
        .filter(|b| b.component == component)
        .flat_map(|b| &b.usage)
        .filter(|l| matches(&l.metric, needle))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "lines of {component} matching {needle:?}; all lines:\n{}",
        lines(report)
    );
    found[0]
}

fn line_cents(report: &CostEstimate, component: &str, needle: &str) -> i64 {
    line(report, component, needle).monthly_cost.cents()
}

fn tier(report: &CostEstimate, component: &str) -> String {
    report
        .breakdown
        .iter()
        .find(|b| b.component == component)
        .map(|b| b.tier.clone())
        .unwrap_or_default()
}

// ------------------------------------------------------------------ VMs

#[test]
fn aws_ec2_m7i_large_times_two() {
    let plan = plan(
        "aws",
        "components:\n  - { id: app, type: compute, compute: { instanceType: m7i.large, count: 2 } }\n",
    );
    let report = priced(&plan);
    // m7i.large 0.1008 × 730 h × 2 = 147.168 → 147.17
    assert_total(&report, 14_717);
    let vm = line(&report, "app", "m7i.large");
    assert_eq!(vm.quantity.thousandths(), 1_460_000, "1,460 instance-hours");
    assert_eq!(vm.unit, "hour");
}

#[test]
fn azure_vm_d4s_v5_times_three() {
    let plan = plan(
        "azure",
        "components:\n  - { id: app, type: compute, compute: { instanceType: Standard_D4s_v5, count: 3 } }\n",
    );
    // Standard_D4s_v5 0.192 × 730 h × 3 = 420.48
    assert_total(&priced(&plan), 42_048);
}

#[test]
fn gcp_n2_standard_4_times_two() {
    let plan = plan(
        "gcp",
        "components:\n  - { id: app, type: compute, compute: { instanceType: n2-standard-4, count: 2 } }\n",
    );
    // n2-standard-4 0.194236 × 730 h × 2 = 283.58 at list price. N2 earns the
    // sustained-use discount: quarters of the month at 100, 86.78, 73.3 and
    // 60 % of list average 80.02 %, so 1,460 h bill as 1,168.292 h:
    // 1,168.292 × 0.194236 = 226.9245 → 226.92.
    let report = priced(&plan);
    assert_total(&report, 22_692);
    let vm = line(&report, "app", "sustained-use discount");
    assert_eq!(vm.sustained_use, Some(0.8002));
    // Committed use bills 63 % of list and forfeits the sustained-use
    // discount, so it saves 1 − 0.63 / 0.8002 = 21.27 % of 226.92 = 48.27,
    // not 37 %.
    let one_year = report
        .optimizations
        .iter()
        .find(|o| o.id == "commit-1y")
        .map(|o| o.estimated_savings.monthly.cents());
    assert_eq!(one_year, Some(4_827));
}

/// Families without a sustained-use discount (E2) bill list price, and an
/// environment that runs half the month earns only the first two quarters'
/// rates: (0.25 × 1 + 0.25 × 0.8678) / 0.5 = 93.39 % of list.
#[test]
fn gcp_sustained_use_follows_family_and_hours() {
    let e2 = plan(
        "gcp",
        "components:\n  - { id: app, type: compute, compute: { instanceType: e2-standard-4, count: 1 } }\n",
    );
    let report = priced(&e2);
    assert!(
        report.breakdown[0].usage[0].sustained_use.is_none(),
        "{}",
        lines(&report)
    );
    let rule = catalog()
        .billing()
        .provider(CloudProvider::Gcp)
        .and_then(|p| p.sustained_use.as_ref())
        .unwrap();
    let half = rule.billed_share("n2-standard-4", 0.5).unwrap();
    assert!((half - 0.9339).abs() < 1e-9, "{half}");
    let full = rule.billed_share("n1-standard-4", 1.0).unwrap();
    assert!((full - 0.7).abs() < 1e-9, "{full}");
    assert_eq!(rule.billed_share("e2-standard-4", 1.0), None);
}

#[test]
fn vcpus_and_memory_pick_the_cheapest_x86_type_that_fits() {
    // Without an instance type the engine picks the cheapest type with at
    // least the vCPUs and memory asked for, among x86-64 types only: arm64
    // (Graviton: m7g, t4g) needs arm64 images, so it is never picked for a
    // plan that did not name one.
    // (provider, vcpus, memoryGB, chosen SKU, expected cents)
    let cases = [
        // ≥4 vCPU, ≥16 GiB on EC2: t3a.xlarge 0.1504 < t3.xlarge 0.1664 <
        // m6a.xlarge 0.1728 (m7g.xlarge 0.1632 is arm64). 0.1504 × 730 = 109.792
        ("aws", 4, 16, "t3a.xlarge", 10_979),
        // ≥3 vCPU, ≥10 GiB rounds up to the same 4-vCPU, 16-GiB size.
        ("aws", 3, 10, "t3a.xlarge", 10_979),
        // ≥2 vCPU, ≥4 GiB on EC2: t3a.medium 0.0376 < t3.medium 0.0416
        // (t4g.medium 0.0336 is arm64). 0.0376 × 730 = 27.448 → 27.45
        ("aws", 2, 4, "t3a.medium", 2_745),
        // ≥2 vCPU, ≥8 GiB on Azure: B2as_v2 0.0752 < B2ms 0.0832 = B2s_v2 <
        // D2as_v6 0.0908. 0.0752 × 730 = 54.896 → 54.90
        ("azure", 2, 8, "Standard_B2as_v2", 5_490),
        // ≥2 vCPU, ≥8 GiB on GCP: e2-standard-2 0.0670114 < n4-standard-2 0.0907
        // < n2-standard-2 0.097118. 0.0670114 × 730 = 48.918322 → 48.92
        ("gcp", 2, 8, "e2-standard-2", 4_892),
        // ≥2 vCPU, ≥4 GiB on GCP: e2-medium (shared core) 0.03350571.
        // 0.03350571 × 730 = 24.4591683 → 24.46
        ("gcp", 2, 4, "e2-medium", 2_446),
    ];
    for (provider, vcpus, memory, sku, cents) in cases {
        let plan = plan(
            provider,
            &format!(
                "components:\n  - {{ id: app, type: compute, compute: {{ vcpus: {vcpus}, memoryGB: {memory}, count: 1 }} }}\n"
            ),
        );
        let report = priced(&plan);
        assert_eq!(tier(&report, "app"), sku, "{provider} {vcpus}/{memory}");
        assert_total(&report, cents);
    }
}

#[test]
fn a_named_graviton_type_prices_as_itself() {
    let plan = plan(
        "aws",
        "components:\n  - { id: app, type: compute, compute: { instanceType: m7g.large, count: 1 } }\n",
    );
    // m7g.large 0.0816 × 730 = 59.568 → 59.57
    assert_total(&priced(&plan), 5_957);
}

// ------------------------------------------------------------ Kubernetes

#[test]
fn eks_control_plane_and_node_pool() {
    let plan = plan(
        "aws",
        "components:
  - id: k8s
    type: container_cluster
    kubernetes:
      tier: standard
      nodePools: [{ name: apps, instanceType: m7i.large, count: 3 }]
",
    );
    let report = priced(&plan);
    // EKS standard support 0.10 × 730 = 73.00
    assert_eq!(line_cents(&report, "k8s", "control plane"), 7_300);
    // m7i.large 0.1008 × 730 × 3 = 220.752 → 220.75
    assert_eq!(line_cents(&report, "k8s", "m7i.large"), 22_075);
    // 73.00 + 220.75 = 293.75
    assert_total(&report, 29_375);
}

#[test]
fn aks_control_plane_node_pool_and_premium_os_disks() {
    let plan = plan(
        "azure",
        "components:
  - id: k8s
    type: container_cluster
    kubernetes:
      tier: standard
      nodePools:
        - { name: system, instanceType: Standard_D4s_v5, count: 3, osDiskGB: 128, osDiskType: premium_ssd }
",
    );
    let report = priced(&plan);
    // AKS Standard (uptime SLA) 0.10 × 730 = 73.00
    assert_eq!(line_cents(&report, "k8s", "control plane"), 7_300);
    // Standard_D4s_v5 0.192 × 730 × 3 = 420.48
    assert_eq!(line_cents(&report, "k8s", "Standard_D4s_v5"), 42_048);
    // 128 GB = 119.2 GiB → P10 (128 GiB) 19.71 per disk-month × 3 = 59.13
    assert_eq!(line_cents(&report, "k8s", "P10"), 5_913);
    // 73.00 + 420.48 + 59.13 = 552.61
    assert_total(&report, 55_261);
}

#[test]
fn aks_free_tier_has_no_control_plane_fee() {
    let plan = plan(
        "azure",
        "components:
  - id: k8s
    type: container_cluster
    kubernetes:
      tier: free
      nodePools: [{ name: apps, instanceType: Standard_D2s_v5, count: 2 }]
",
    );
    // AKS Free 0.00; Standard_D2s_v5 0.096 × 730 × 2 = 140.16
    assert_total(&priced(&plan), 14_016);
}

#[test]
fn gke_management_fee_and_node_pool() {
    let plan = plan(
        "gcp",
        "components:
  - id: k8s
    type: container_cluster
    kubernetes:
      tier: standard
      nodePools: [{ name: apps, instanceType: n2-standard-2, count: 3 }]
",
    );
    let report = priced(&plan);
    // GKE cluster management fee 0.10 × 730 = 73.00 (free-tier credit not applied)
    assert_eq!(line_cents(&report, "k8s", "control plane"), 7_300);
    // n2-standard-2 0.097118 × 730 × 3 = 2,190 h, billed as 1,752.438 h after
    // N2's full-month sustained-use discount (80.02 %): 170.19
    assert_eq!(line_cents(&report, "k8s", "n2-standard-2"), 17_019);
    // 73.00 + 170.19 = 243.19
    assert_total(&report, 24_319);
}

// ------------------------------------------------------------- databases

fn postgres(sizing: &str, extra: &str) -> String {
    format!(
        "components:
  - id: db
    type: database
    database:
      type: relational
      technology: postgresql
      deployment:
        type: managed
        sizing: {sizing}
{extra}"
    )
}

#[test]
fn rds_postgresql_m7g_large_single_az_with_100_gb_gp3() {
    let plan = plan(
        "aws",
        &postgres(
            "{ tier: db.m7g.large, storage: { type: ssd, sizeGB: 100 } }",
            "",
        ),
    );
    let report = priced(&plan);
    // db.m7g.large 0.168 × 730 = 122.64
    assert_eq!(line_cents(&report, "db", "db.m7g.large"), 12_264);
    // gp3 Single-AZ 0.115 × 100 GB = 11.50
    assert_eq!(line_cents(&report, "db", "storage"), 1_150);
    // Backups: free up to 100% of the storage (billing.yaml freeShareOfStorage 1.0): no line.
    // 122.64 + 11.50 = 134.14
    assert_total(&report, 13_414);
}

#[test]
fn rds_postgresql_multi_az_doubles_instance_and_storage() {
    let plan = plan(
        "aws",
        &postgres(
            "{ tier: db.m7g.large, storage: { type: ssd, sizeGB: 100 } }",
            "      highAvailability: { enabled: true, mode: zone_redundant }\n",
        ),
    );
    let report = priced(&plan);
    // Multi-AZ: 2 × db.m7g.large: 0.168 × 730 × 2 = 245.28
    assert_eq!(line_cents(&report, "db", "db.m7g.large"), 24_528);
    // Multi-AZ gp3 0.23 (= 2 × 0.115) × 100 GB = 23.00
    assert_eq!(line_cents(&report, "db", "storage"), 2_300);
    // 245.28 + 23.00 = 268.28
    assert_total(&report, 26_828);
}

#[test]
fn rds_postgresql_read_replicas_bill_instance_and_storage() {
    let plan = plan(
        "aws",
        &postgres(
            "{ tier: db.m7g.large, storage: { type: ssd, sizeGB: 100 } }\n        replication: { type: async, readReplicas: { count: 2 } }",
            "",
        ),
    );
    let report = priced(&plan);
    // primary 0.168 × 730 = 122.64
    assert_eq!(line_cents(&report, "db", "primary"), 12_264);
    // 2 replicas 0.168 × 730 × 2 = 245.28
    assert_eq!(line_cents(&report, "db", "read replica"), 24_528);
    // storage on primary and both replicas: 100 GB × 3 × 0.115 = 34.50
    assert_eq!(line_cents(&report, "db", "storage"), 3_450);
    // 122.64 + 245.28 + 34.50 = 402.42
    assert_total(&report, 40_242);
}

#[test]
fn rds_gp3_iops_above_3000_need_400_gb() {
    let plan = plan(
        "aws",
        &postgres(
            "{ tier: db.m7g.large, storage: { type: ssd, sizeGB: 100, iops: 5000 } }",
            "",
        ),
    );
    let report = priced(&plan);
    // gp3 provisions IOPS above 3,000 only from 400 GB (AWS RDS User Guide,
    // "General Purpose SSD storage"): storage is priced at 400 GB, which
    // includes 12,000 IOPS. 400 × 0.115 = 46.00; 122.64 + 46.00 = 168.64
    assert_eq!(line_cents(&report, "db", "storage 400 GB"), 4_600);
    assert_total(&report, 16_864);
}

#[test]
fn rds_gp3_multi_az_iops_need_400_gb_on_both_copies() {
    let plan = plan(
        "aws",
        &postgres(
            "{ tier: db.m7g.large, storage: { type: ssd, sizeGB: 100, iops: 5000 } }",
            "      highAvailability: { enabled: true }\n",
        ),
    );
    let report = priced(&plan);
    // As above, storage at 400 GB for both copies: 2 × 46.00 = 92.00;
    // 245.28 + 92.00 = 337.28
    assert_total(&report, 33_728);
}

/// RDS gp3 (PostgreSQL, MySQL, MariaDB) includes 12,000 IOPS and 500 MiB/s
/// from 400 GiB allocated, and 3,000 IOPS below that (AWS RDS User Guide,
/// "General Purpose SSD storage"; below 400 GiB the IOPS cannot be raised at
/// all). billing.yaml's `includedIops: 3000` charges a 500 GB volume with
/// 10,000 IOPS for 7,000 extra IOPS (140.00) that AWS does not bill.
#[test]
fn rds_gp3_from_400_gib_includes_12000_iops() {
    let plan = plan(
        "aws",
        &postgres(
            "{ tier: db.m7g.large, storage: { type: ssd, sizeGB: 500, iops: 10000 } }",
            "",
        ),
    );
    let report = priced(&plan);
    // 122.64 + 500 × 0.115 = 57.50 → 180.14; no IOPS line (10,000 ≤ 12,000 included)
    assert_total(&report, 18_014);
}

#[test]
fn azure_postgresql_flexible_d2ds_v5_with_storage() {
    let plan = plan(
        "azure",
        &postgres(
            "{ tier: GP_Standard_D2ds_v5, storage: { type: premium_ssd, sizeGB: 128 } }",
            "",
        ),
    );
    let report = priced(&plan);
    assert_eq!(tier(&report, "db"), "Standard_D2ds_v5");
    // D2ds_v5 0.178 × 730 = 129.94
    assert_eq!(line_cents(&report, "db", "Standard_D2ds_v5"), 12_994);
    // storage 0.115 × 128 GB = 14.72; backup free up to 100% of storage
    assert_eq!(line_cents(&report, "db", "storage"), 1_472);
    // 129.94 + 14.72 = 144.66
    assert_total(&report, 14_466);
}

#[test]
fn azure_postgresql_flexible_zone_redundant_ha_is_an_assumed_doubling() {
    let plan = plan(
        "azure",
        &postgres(
            "{ tier: GP_Standard_D2ds_v5, storage: { type: premium_ssd, sizeGB: 128 } }",
            "      highAvailability: { enabled: true, mode: zone_redundant }\n",
        ),
    );
    let report = priced(&plan);
    // The sheet marks the HA multiplier U (assumed 2× compute and storage):
    // 2 × 129.94 + 2 × 14.72 = 259.88 + 29.44 = 289.32
    assert_total(&report, 28_932);
    // An assumed rule lowers confidence below the inputs' own (high).
    assert_ne!(
        report.confidence,
        infraplan::catalog::pricing::Confidence::High
    );
}

fn cloud_sql(extra: &str) -> String {
    postgres(
        "{ vcores: 2, memory: 8GB, storage: { type: ssd, sizeGB: 100 } }",
        extra,
    )
}

#[test]
fn cloud_sql_2_vcpu_8_gb_zonal_with_backups() {
    let plan = plan("gcp", &cloud_sql(""));
    let report = priced(&plan);
    // vCPU zonal 0.0413 × 2 × 730 = 60.298 → 60.30
    assert_eq!(line_cents(&report, "db", "vCPU"), 6_030);
    // memory zonal 0.007 × 8 × 730 = 40.88
    assert_eq!(line_cents(&report, "db", "memory"), 4_088);
    // SSD zonal 0.17 × 100 = 17.00
    assert_eq!(line_cents(&report, "db", "^storage"), 1_700);
    // backups (GCP bills them, freeShareOfStorage 0): one full copy 100 GB × 0.08 = 8.00
    assert_eq!(line_cents(&report, "db", "backup"), 800);
    // 60.30 + 40.88 + 17.00 + 8.00 = 126.18
    assert_total(&report, 12_618);
}

#[test]
fn cloud_sql_ha_uses_the_regional_prices() {
    let plan = plan(
        "gcp",
        &cloud_sql("      highAvailability: { enabled: true, mode: zone_redundant }\n"),
    );
    let report = priced(&plan);
    // vCPU regional 0.0826 × 2 × 730 = 120.596 → 120.60
    assert_eq!(line_cents(&report, "db", "vCPU"), 12_060);
    // memory regional 0.014 × 8 × 730 = 81.76
    assert_eq!(line_cents(&report, "db", "memory"), 8_176);
    // SSD regional 0.34 × 100 = 34.00
    assert_eq!(line_cents(&report, "db", "^storage"), 3_400);
    // backups 100 × 0.08 = 8.00 (not doubled)
    assert_eq!(line_cents(&report, "db", "backup"), 800);
    // 120.60 + 81.76 + 34.00 + 8.00 = 244.36
    assert_total(&report, 24_436);
}

/// `backup.enabled: false` turns backups off, yet the engine still bills
/// Cloud SQL backup storage (backup_line ignores database.backup).
#[test]
fn cloud_sql_without_backups_bills_no_backup_storage() {
    let plan = plan(
        "gcp",
        &cloud_sql("      backup: { enabled: false, retentionDays: 1 }\n"),
    );
    let report = priced(&plan);
    // 60.30 + 40.88 + 17.00 = 118.18, no backup line
    assert_total(&report, 11_818);
}

fn cache(sizing: &str, extra: &str) -> String {
    format!(
        "components:
  - id: cache
    type: database
    database:
      type: key_value
      technology: redis
      deployment: {{ type: managed, sizing: {sizing} }}
{extra}"
    )
}

#[test]
fn elasticache_m6g_large_with_ha_runs_two_nodes() {
    let plan = plan(
        "aws",
        &cache(
            "{ tier: cache.m6g.large }",
            "      highAvailability: { enabled: true }\n",
        ),
    );
    let report = priced(&plan);
    let nodes = line(&report, "cache", "cache.m6g.large");
    assert_eq!(nodes.quantity.thousandths(), 1_460_000, "2 nodes × 730 h");
    // cache.m6g.large 0.149 × 730 × 2 nodes = 217.54
    assert_total(&report, 21_754);
}

#[test]
fn azure_cache_for_redis_p1_bills_both_nodes() {
    let plan = plan("azure", &cache("{ tier: P1 }", ""));
    // P1 0.277 per node-hour × 2 nodes × 730 = 404.42 (the sheet's IC check: $404.42)
    assert_total(&priced(&plan), 40_442);
}

#[test]
fn memorystore_standard_6_gb_in_the_m2_band() {
    let plan = plan(
        "gcp",
        &cache(
            "{ memory: 6GB }",
            "      highAvailability: { enabled: true }\n",
        ),
    );
    let report = priced(&plan);
    assert_eq!(tier(&report, "cache"), "Redis Capacity Standard M2");
    // Standard (HA) M2 band (5–10 GB) 0.054 per GB-hour × 6 GB × 730 = 236.52
    assert_total(&report, 23_652);
}

#[test]
fn memorystore_basic_6_gb_without_ha() {
    let plan = plan("gcp", &cache("{ memory: 6GB }", ""));
    // Basic M2 0.027 × 6 × 730 = 118.26
    assert_total(&priced(&plan), 11_826);
}

#[test]
fn memorystore_above_35_gb_uses_the_m4_and_m5_bands() {
    let plan45 = plan(
        "gcp",
        &cache(
            "{ memory: 45GB }",
            "      highAvailability: { enabled: true }\n",
        ),
    );
    let report = priced(&plan45);
    assert_eq!(tier(&report, "cache"), "Redis Capacity Standard M4");
    // Standard M4 0.035 × 45 GB × 730 = 1,149.75 (the fixture's own figure)
    assert_total(&report, 114_975);
    // Basic M5 0.016 × 105 GB × 730 = 1,226.40 (the fixture's own figure)
    let plan105 = plan("gcp", &cache("{ memory: 105GB }", ""));
    assert_total(&priced(&plan105), 122_640);
}

#[test]
fn memorystore_in_frankfurt_uses_the_regional_band_price() {
    let frankfurt = plan_in(
        "gcp",
        "{ gcp: europe-west3 }",
        &cache(
            "{ memory: 6GB }",
            "      highAvailability: { enabled: true }\n",
        ),
    );
    let report = priced(&frankfurt);
    assert_eq!(tier(&report, "cache"), "Redis Capacity Standard M2");
    // europe-west3 Standard M2 0.064 × 6 GB × 730 = 280.32
    assert_total(&report, 28_032);
}

#[test]
fn dynamodb_on_demand_reads_writes_and_storage() {
    let plan = plan(
        "aws",
        "components:
  - id: table
    type: database
    database:
      type: document
      technology: dynamodb
      usage: { readsPerMonth: 80000000, writesPerMonth: 3000000, storageGB: 50 }
",
    );
    let report = priced(&plan);
    // 80 M read request units × 0.125 per million = 10.00
    assert_eq!(line_cents(&report, "table", "reads"), 1_000);
    // 3 M write request units × 0.625 per million = 1.875 → 1.88 (the sheet's IC check)
    assert_eq!(line_cents(&report, "table", "writes"), 188);
    // 50 GB × 0.25 = 12.50
    assert_eq!(line_cents(&report, "table", "storage"), 1_250);
    // 10.00 + 1.88 + 12.50 = 24.38
    assert_total(&report, 2_438);
}

// --------------------------------------------------------------- storage

#[test]
fn azure_premium_ssd_128_gb_bills_the_p10_tier() {
    let plan = plan(
        "azure",
        "components:\n  - { id: vol, type: block_storage, storage: { sizeGB: 128, diskType: premium_ssd } }\n",
    );
    let report = priced(&plan);
    assert_eq!(tier(&report, "vol"), "P10");
    // 128 GB = 119.2 GiB → P10 (128 GiB) 19.71 per disk-month
    assert_total(&report, 1_971);
}

#[test]
fn azure_disk_in_a_tier_the_catalog_lacks_is_unpriced_not_guessed() {
    let plan = plan(
        "azure",
        "components:\n  - { id: vol, type: block_storage, storage: { sizeGB: 200, diskType: premium_ssd } }\n",
    );
    let report = priced(&plan);
    // 200 GB = 186.3 GiB → P15 (256 GiB); the sheet has only P4 and P10, so
    // no price and nothing in the total (not P10, not P10 × 2).
    assert_eq!(total(&report), 0, "{}", lines(&report));
    assert_eq!(report.unpriced.len(), 1, "{:#?}", report.unpriced);
    assert!(
        report.unpriced[0].reason.contains("256"),
        "{:#?}",
        report.unpriced
    );
}

#[test]
fn ebs_gp3_per_gb() {
    let plan = plan(
        "aws",
        "components:\n  - { id: vol, type: block_storage, storage: { sizeGB: 500, diskType: ssd } }\n",
    );
    // gp3 0.08 × 500 GB = 40.00
    assert_total(&priced(&plan), 4_000);
}

#[test]
fn ebs_gp3_bills_iops_above_the_3000_it_includes() {
    let plan = plan(
        "aws",
        "components:\n  - { id: vol, type: block_storage, storage: { sizeGB: 500, diskType: ssd, iops: 6000 } }\n",
    );
    let report = priced(&plan);
    // gp3 0.08 × 500 GB = 40.00; (6,000 − 3,000) × 0.005 = 15.00
    assert_eq!(line_cents(&report, "vol", "IOPS above 3000"), 1_500);
    assert_total(&report, 5_500);
    // 3,000 IOPS or fewer are included: no IOPS line.
    let included = plan_with_iops(3000);
    assert_total(&priced(&included), 4_000);
}

fn plan_with_iops(iops: u32) -> Plan {
    plan(
        "aws",
        &format!(
            "components:\n  - {{ id: vol, type: block_storage, storage: {{ sizeGB: 500, diskType: ssd, iops: {iops} }} }}\n"
        ),
    )
}

#[test]
fn s3_standard_storage_and_requests() {
    let plan = plan(
        "aws",
        "components:\n  - { id: bucket, type: object_storage, storage: { sizeGB: 2000, tier: hot, requestsPerMonth: 10000000 } }\n",
    );
    let report = priced(&plan);
    // Standard 0.023 × 2,000 GB = 46.00
    assert_eq!(line_cents(&report, "bucket", "storage"), 4_600);
    // 10% writes: 1,000,000 / 1,000 × 0.005 = 5.00
    assert_eq!(line_cents(&report, "bucket", "write"), 500);
    // 90% reads: 9,000,000 / 1,000 × 0.0004 = 3.60
    assert_eq!(line_cents(&report, "bucket", "read"), 360);
    // 46.00 + 5.00 + 3.60 = 54.60
    assert_total(&report, 5_460);
}

#[test]
fn gcs_standard_is_priced_per_gib() {
    let plan = plan(
        "gcp",
        "components:\n  - { id: bucket, type: object_storage, storage: { sizeGB: 1000, tier: hot } }\n",
    );
    // 1,000 GB = 931.323 GiB × 0.020 per GiB-month = 18.626 → 18.63
    assert_total(&priced(&plan), 1_863);
}

/// The Azure Blob Hot LRS eastus price is for the first 50 TB only (its
/// `tierToGb: 51200`; the sheet has no eastus price above that), yet the
/// engine bills every GB at 0.0208.
#[test]
fn azure_blob_above_the_first_50_tb_is_unpriced() {
    let plan = plan(
        "azure",
        "components:\n  - { id: bucket, type: object_storage, storage: { sizeGB: 60000, tier: hot } }\n",
    );
    let report = priced(&plan);
    // 51,200 GB × 0.0208 = 1,064.96 priced; the other 8,800 GB unpriced
    assert_eq!(total(&report), 106_496, "{}", lines(&report));
    assert_eq!(report.unpriced.len(), 1, "{:#?}", report.unpriced);
}

// ---------------------------------------------------------------- egress

fn egress(gb: u32) -> String {
    format!(
        "components:\n  - {{ id: net, type: network, network: {{ egressGBPerMonth: {gb} }} }}\n"
    )
}

#[test]
fn aws_egress_across_the_first_tier_boundary() {
    let report = priced(&plan("aws", &egress(12_000)));
    // the first 100 GB a month are free (prices.md §10, CTS)
    // first 10 TB: (10,240 − 100) × 0.09 = 10,140 × 0.09 = 912.60
    assert_eq!(line_cents(&report, "net", "first 10 TB"), 91_260);
    // next 40 TB: 1,760 × 0.085 = 149.60
    assert_eq!(line_cents(&report, "net", "next 40 TB"), 14_960);
    // 912.60 + 149.60 = 1,062.20
    assert_total(&report, 106_220);
}

#[test]
fn gcp_premium_egress_tiers() {
    let report = priced(&plan("gcp", &egress(12_000)));
    // 0–1 TB: 1,024 × 0.12 = 122.88
    assert_eq!(line_cents(&report, "net", "0–1 TB"), 12_288);
    // 1–10 TB: 9,216 × 0.11 = 1,013.76
    assert_eq!(line_cents(&report, "net", "1–10 TB"), 101_376);
    // over 10 TB: 1,760 × 0.08 = 140.80
    assert_eq!(line_cents(&report, "net", "over 10 TB"), 14_080);
    // 122.88 + 1,013.76 + 140.80 = 1,277.44
    assert_total(&report, 127_744);
}

#[test]
fn azure_egress_first_100_gb_free() {
    // (1,000 − 100 free) × 0.087 = 78.30
    assert_total(&priced(&plan("azure", &egress(1_000))), 7_830);
    // 100 GB: all free, nothing billed.
    let free = priced(&plan("azure", &egress(100)));
    assert_eq!(total(&free), 0, "{}", lines(&free));
    assert!(free.unpriced.is_empty(), "{:#?}", free.unpriced);
}

#[test]
fn azure_egress_beyond_the_sheet_is_unpriced_not_guessed() {
    let report = priced(&plan("azure", &egress(12_000)));
    // The sheet has Azure's first 10 TB only: (10,240 − 100) × 0.087 = 882.18;
    // the 1,760 GB above are unpriced.
    assert_eq!(total(&report), 88_218, "{}", lines(&report));
    assert_eq!(report.unpriced.len(), 1, "{:#?}", report.unpriced);
    assert!(
        report.unpriced[0].item.contains("10240"),
        "{:#?}",
        report.unpriced
    );
}

#[test]
fn alb_hour_and_capacity_units() {
    let plan = plan(
        "aws",
        "components:\n  - { id: lb, type: load_balancer, loadBalancer: { kind: application, dataProcessedGBPerMonth: 1000 } }\n",
    );
    let report = priced(&plan);
    // ALB 0.0225 × 730 = 16.425 → 16.43 (the sheet's IC check: $16.43)
    assert_eq!(
        line_cents(&report, "lb", "application load balancer"),
        1_643
    );
    // one LCU per GB processed an hour: 1,000 LCU-hours × 0.008 = 8.00
    assert_eq!(line_cents(&report, "lb", "capacity units"), 800);
    // 16.43 + 8.00 = 24.43
    assert_total(&report, 2_443);
}

#[test]
fn a_waf_adds_aws_waf_fees_or_becomes_the_azure_waf_v2_tier() {
    let waf = "components:\n  - { id: lb, type: load_balancer, loadBalancer: { kind: application, rules: 6, dataProcessedGBPerMonth: 1000, waf: true } }\n";
    let report = priced(&plan("aws", waf));
    // ALB 16.43 + LCUs 8.00, as above; AWS WAF: one web ACL 5.00 a month,
    // 6 rules × 1.00 = 6.00; requests are not priced (no count in the plan).
    assert_eq!(
        line_cents(&report, "lb", "web application firewall policy"),
        500
    );
    assert_eq!(line_cents(&report, "lb", "6 WAF rules"), 600);
    // 16.43 + 8.00 + 5.00 + 6.00 = 35.43
    assert_eq!(total(&report), 3_543);
    assert_eq!(report.unpriced.len(), 1);
    assert_eq!(report.unpriced[0].item, "WAF requests inspected");
    // Azure: the WAF_v2 gateway replaces Standard_v2: 0.36 × 730 = 262.80
    // and 1,000 capacity-unit-hours × 0.0144 = 14.40; 277.20 in all.
    let report = priced(&plan("azure", waf));
    assert_total(&report, 27_720);
    assert!(report.unpriced.is_empty(), "{:?}", report.unpriced);
}

#[test]
fn a_site_to_site_vpn_gateway_on_each_provider() {
    let vpn = "components:\n  - { id: net, type: network, network: { vpn: true } }\n";
    // AWS: one VPN connection 0.05 × 730 = 36.50.
    assert_total(&priced(&plan("aws", vpn)), 3_650);
    // Azure: one VpnGw1 gateway 0.19 × 730 = 138.70.
    assert_total(&priced(&plan("azure", vpn)), 13_870);
    // GCP: HA VPN, two tunnels × 0.05 × 730 = 73.00.
    assert_total(&priced(&plan("gcp", vpn)), 7_300);
    // eu-central-1 has no VPN price: nothing is guessed.
    let frankfurt = plan_in("aws", "{ aws: eu-central-1 }", vpn);
    let report = priced(&frankfurt);
    assert_eq!(total(&report), 0);
    assert!(format!("{:?}", report.unpriced).contains("VPN connection-hour"));
}

#[test]
fn gcp_load_balancer_rule_and_data_processed() {
    let plan = plan(
        "gcp",
        "components:\n  - { id: lb, type: load_balancer, loadBalancer: { kind: application, rules: 1, dataProcessedGBPerMonth: 1000 } }\n",
    );
    // forwarding rule 0.01 × 730 = 7.30; inbound data 1,000 GB × 0.008 = 8.00
    // 7.30 + 8.00 = 15.30
    assert_total(&priced(&plan), 1_530);
}

/// Internet-egress volume tiers are per account and month (prices.md §10:
/// "first 10 TB / next 40 TB"): two components sending 10,000 GB each share
/// one set of tiers, not two.
#[test]
fn aws_egress_tiers_apply_to_the_whole_month() {
    let plan = plan(
        "aws",
        "components:
  - { id: net, type: network, network: { egressGBPerMonth: 10000 } }
  - { id: bucket, type: object_storage, storage: { sizeGB: 0, egressGBPerMonth: 10000 } }
",
    );
    let report = priced(&plan);
    // 20,000 GB in the month: 100 free; 10,140 × 0.09 = 912.60;
    // 9,760 × 0.085 = 829.60; 912.60 + 829.60 = 1,742.20
    assert_total(&report, 174_220);
}

/// Azure's first 100 GB of egress are free once a month (prices.md §10), not
/// once per component.
#[test]
fn azure_free_egress_is_granted_once() {
    let plan = plan(
        "azure",
        "components:
  - { id: net, type: network, network: { egressGBPerMonth: 1000 } }
  - { id: bucket, type: object_storage, storage: { sizeGB: 0, egressGBPerMonth: 1000 } }
",
    );
    let report = priced(&plan);
    // (2,000 − 100 free) × 0.087 = 165.30 (the engine: 2 × 900 × 0.087 = 156.60)
    assert_total(&report, 16_530);
}

// ----------------------------------------------------------- environments

const SCALED: &str = "environments:
  - { name: prod, scale: 1.0 }
  - { name: staging, scale: 0.25 }
  - { name: dev, scale: 0.1, hoursPerMonth: 220 }
components:
  - { id: app, type: compute, compute: { instanceType: m7i.large, count: 6 } }
  - id: k8s
    type: container_cluster
    kubernetes:
      tier: standard
      nodePools: [{ name: apps, instanceType: m7i.large, count: 4 }]
  - { id: net, type: network, network: { egressGBPerMonth: 1000 } }
";

fn env_cents(report: &CostEstimate, name: &str) -> i64 {
    report
        .environments
        .iter()
        .find(|e| e.name == name)
        .unwrap()
        .monthly_cost
        .cents()
}

fn env_line(report: &CostEstimate, env: &str, component: &str, needle: &str) -> i64 {
    let found: Vec<i64> = report
        .breakdown
        .iter()
        .filter(|b| b.environment == env && b.component == component)
        .flat_map(|b| &b.usage)
        .filter(|l| matches(&l.metric, needle))
        .map(|l| l.monthly_cost.cents())
        .collect();
    assert_eq!(
        found.len(),
        1,
        "{env}/{component}/{needle}:\n{}",
        lines(report)
    );
    found[0]
}

#[test]
fn environments_scale_counts_volumes_and_hours() {
    let report = priced(&plan("aws", SCALED));
    // prod (×1, 730 h):
    //   app 6 × 730 × 0.1008 = 441.504 → 441.50
    //   EKS 730 × 0.10 = 73.00; nodes 4 × 730 × 0.1008 = 294.336 → 294.34
    //   egress (1,000 − 100 free) × 0.09 = 81.00           → 889.84
    assert_eq!(env_line(&report, "prod", "app", "m7i.large"), 44_150);
    assert_eq!(env_cents(&report, "prod"), 88_984);
    // staging (×0.25, 730 h): counts round up
    //   app ceil(1.5) = 2: 2 × 730 × 0.1008 = 147.168 → 147.17
    //   EKS 73.00 (control planes are not scaled); nodes ceil(1.0) = 1: 73.584 → 73.58
    //   egress (250 − 100 free) × 0.09 = 13.50             → 307.25
    assert_eq!(env_line(&report, "staging", "app", "m7i.large"), 14_717);
    assert_eq!(env_line(&report, "staging", "k8s", "m7i.large"), 7_358);
    assert_eq!(env_line(&report, "staging", "net", "egress"), 1_350);
    assert_eq!(env_cents(&report, "staging"), 30_725);
    // dev (×0.1, 220 h): at least one of each
    //   app ceil(0.6) = 1: 220 × 0.1008 = 22.176 → 22.18
    //   EKS 220 × 0.10 = 22.00; nodes ceil(0.4) = 1: 22.18
    //   egress 100 GB, all within the free 100 GB: no line   → 66.36
    assert_eq!(env_line(&report, "dev", "app", "m7i.large"), 2_218);
    assert_eq!(env_line(&report, "dev", "k8s", "control plane"), 2_200);
    assert_eq!(env_line(&report, "dev", "k8s", "m7i.large"), 2_218);
    assert_eq!(env_cents(&report, "dev"), 6_636);
    let dev = report
        .environments
        .iter()
        .find(|e| e.name == "dev")
        .unwrap();
    assert_eq!(dev.hours_per_month, 220);
    // 889.84 + 307.25 + 66.36 = 1,263.45
    assert_total(&report, 126_345);
    assert_eq!(report.total.yearly.cents(), 12 * 126_345);
}

#[test]
fn one_environment_prices_only_that_environment() {
    let plan = plan("aws", SCALED);
    let report = estimate(&plan, catalog(), &options(Some("staging"), None)).unwrap();
    assert_eq!(report.environments.len(), 1);
    assert_eq!(report.environments[0].name, "staging");
    assert!(report.breakdown.iter().all(|b| b.environment == "staging"));
    // 147.17 + 73.00 + 73.58 + 13.50 = 307.25
    assert_total(&report, 30_725);
}

#[test]
fn an_unknown_environment_is_an_error() {
    let plan = plan("aws", SCALED);
    let error = estimate(&plan, catalog(), &options(Some("qa"), None)).unwrap_err();
    assert_eq!(
        error,
        CostError::UnknownEnvironment {
            name: "qa".to_owned(),
            available: "prod, staging, dev".to_owned(),
        }
    );
    assert!(compare(&plan, catalog(), Some("qa")).is_err());
}

#[test]
fn a_region_without_prices_is_an_error_naming_the_priced_regions() {
    let plan = plan_in(
        "aws",
        "{ aws: me-central-1 }",
        "components:\n  - { id: app, type: compute, compute: { instanceType: m7i.large, count: 1 } }\n",
    );
    let error = estimate(&plan, catalog(), &EstimateOptions::default()).unwrap_err();
    match error {
        CostError::RegionNotInCatalog {
            component,
            provider,
            region,
            available,
        } => {
            assert_eq!(component, "app");
            assert_eq!(provider, "aws");
            assert_eq!(region, "me-central-1");
            assert!(
                available.starts_with("ap-northeast-1, ap-south-1, ")
                    && available.ends_with("us-east-1, us-east-2, us-west-2"),
                "{available}"
            );
        }
        other => panic!("expected RegionNotInCatalog, got {other:?}"),
    }
}

#[test]
fn a_type_without_a_price_is_unpriced_never_guessed() {
    let plan = plan(
        "aws",
        "components:
  - { id: app, type: compute, compute: { instanceType: m7i.large, count: 1 } }
  - { id: legacy, type: compute, compute: { instanceType: m5.large, count: 3 } }
",
    );
    let report = priced(&plan);
    // Only app: m7i.large 0.1008 × 730 = 73.584 → 73.58. m5.large has no
    // price and no shape in the catalog: listed, not in the total.
    assert_eq!(total(&report), 7_358, "{}", lines(&report));
    assert!(report.breakdown.iter().all(|b| b.component != "legacy"));
    assert_eq!(report.unpriced.len(), 1, "{:#?}", report.unpriced);
    assert_eq!(report.unpriced[0].component, "legacy");
    assert!(report.unpriced[0].item.contains("m5.large"));
    assert_ne!(
        report.confidence,
        infraplan::catalog::pricing::Confidence::High,
        "something unpriced lowers confidence"
    );
}

#[test]
fn compare_on_the_plans_own_provider_equals_its_estimate() {
    let plan = plan("aws", SCALED);
    let comparison = compare(&plan, catalog(), None).unwrap();
    assert_eq!(
        comparison.totals[&CloudProvider::Aws].monthly_cost.cents(),
        126_345
    );
}

/// `cost compare` turns an ElastiCache node type into the other providers'
/// caches by its memory (the catalog records cache.m6g.large at 6.38 GiB),
/// as it does VM and database types by vCPU and memory; cache prices carry
/// memory only, so memory alone must be enough.
#[test]
fn compare_translates_cache_nodes_by_memory() {
    let plan = plan(
        "aws",
        &cache(
            "{ tier: cache.m6g.large }",
            "      highAvailability: { enabled: true }\n",
        ),
    );
    let comparison = compare(&plan, catalog(), None).unwrap();
    let gcp = &comparison.components[0].costs[&CloudProvider::Gcp];
    // 6.38 GiB → 7 GB Memorystore Standard (HA), M2 band: 0.054 × 7 × 730 = 275.94
    assert!(gcp.complete, "{:?}", gcp.unpriced);
    assert_eq!(gcp.monthly_cost.cents(), 27_594);
}

/// Translating a general-purpose SKU keeps it general-purpose: Azure
/// `GP_Standard_D2ds_v5` (2 vCPU, 8 GiB) on AWS is the cheapest general-purpose
/// RDS size with that much, db.m6g.large, not the cheaper burstable
/// db.t3.large (2 vCPU, 8 GiB, 0.145/h).
#[test]
fn compare_keeps_the_instance_class() {
    let plan = plan(
        "azure",
        &postgres(
            "{ tier: GP_Standard_D2ds_v5, storage: { type: premium_ssd, sizeGB: 128 } }",
            "",
        ),
    );
    let aws = estimate(&plan, catalog(), &options(None, Some(CloudProvider::Aws))).unwrap();
    assert_eq!(tier(&aws, "db"), "db.m6g.large");
    // db.m6g.large 0.159 × 730 = 116.07; gp3 128 GB × 0.115 = 14.72 → 130.79
    assert_total(&aws, 13_079);
}

/// Regions outside the US price from their own tables, never from a US price
/// scaled: one hand-checked case per provider.
#[test]
fn frankfurt_and_amsterdam_price_from_their_own_regional_tables() {
    // Azure westeurope: Standard_D2s_v5 0.115 (eastus 0.096) × 730 × 2 = 167.90
    let azure = plan_in(
        "azure",
        "{ azure: westeurope }",
        "components:\n  - { id: app, type: compute, compute: { instanceType: Standard_D2s_v5, count: 2 } }\n",
    );
    assert_total(&priced(&azure), 16_790);

    // GCP europe-west3: n2-standard-2 0.125124 × 730 h, which N2's full-month
    // sustained-use discount bills as 584.146 h: 73.09; and a 100 GB
    // pd-balanced disk at 0.12 = 12.00; 73.09 + 12.00 = 85.09
    let gcp = plan_in(
        "gcp",
        "{ gcp: europe-west3 }",
        "components:
  - { id: app, type: compute, compute: { instanceType: n2-standard-2, count: 1 } }
  - { id: vol, type: block_storage, storage: { sizeGB: 100, diskType: ssd } }
",
    );
    assert_total(&priced(&gcp), 8_509);

    // AWS eu-central-1: ElastiCache (Redis OSS) cache.m7g.large 0.188
    // (us-east-1 0.158) × 730 × 2 nodes = 274.48
    let aws = plan_in(
        "aws",
        "{ aws: eu-central-1 }",
        &cache(
            "{ tier: cache.m7g.large }",
            "      highAvailability: { enabled: true }\n",
        ),
    );
    assert_total(&priced(&aws), 27_448);
}

/// A region that has some of a provider's services prices those and lists
/// the rest as not priced, naming the nearest regions that have them.
#[test]
fn a_service_missing_in_a_region_names_the_nearest_region_that_has_it() {
    // eu-central-1 has its own EC2 table: m7i.large 0.12075 × 730 = 88.15.
    let frankfurt = plan_in(
        "aws",
        "{ aws: eu-central-1 }",
        "components:\n  - { id: app, type: compute, compute: { instanceType: m7i.large, count: 1 } }\n",
    );
    assert_total(&priced(&frankfurt), 8_815);
    // A type the region does not list is priced as the cheapest equivalent
    // there, and says so: c7a.large (2 vCPU, 4 GiB) → c6a.large in eu-west-2.
    let london = plan_in(
        "aws",
        "{ aws: eu-west-2 }",
        "components:\n  - { id: app, type: compute, compute: { instanceType: c7a.large, count: 1 } }\n",
    );
    let report = priced(&london);
    assert_eq!(tier(&report, "app"), "c6a.large");
    assert!(
        format!("{:?}", report.breakdown[0].notes)
            .contains("c7a.large (2 vCPU, 4 GiB) → c6a.large"),
        "{:?}",
        report.breakdown[0].notes
    );
    // Frankfurt's own NAT price: 2 gateways × 0.052 × 730 = 75.92.
    let network = plan_in(
        "aws",
        "{ aws: eu-central-1 }",
        "components:\n  - { id: net, type: network, network: { natGateways: 2 } }\n",
    );
    assert_total(&priced(&network), 7_592);
    // No load-balancer prices in Frankfurt: nothing is guessed, and the
    // unpriced item names the nearest region that has them.
    let balancer = plan_in(
        "aws",
        "{ aws: eu-central-1 }",
        "components:\n  - { id: lb, type: load_balancer, loadBalancer: { kind: application, dataProcessedGBPerMonth: 100 } }\n",
    );
    let report = priced(&balancer);
    assert_eq!(total(&report), 0, "nothing is guessed");
    let text = format!("{:?}", report.unpriced);
    assert!(
        text.contains("Load Balancer") && text.contains("eu-west-2"),
        "the unpriced item names where the price is: {text}"
    );
    // RDS has its own Frankfurt table: db.m7g.large PostgreSQL 0.2 × 730 = 146.00.
    let database = plan_in(
        "aws",
        "{ aws: eu-central-1 }",
        "components:\n  - { id: db, type: database, database: { technology: postgresql, deployment: { type: managed, sizing: { tier: db.m7g.large } } } }\n",
    );
    assert_total(&priced(&database), 14_600);
}

/// Functions: invocations, memory-time and (Cloud Run) CPU-time, each a line.
/// 10,000,000 invocations of 200 ms at 512 MB: 2,000,000 s × 0.5 GB =
/// 1,000,000 GB-seconds.
#[test]
fn serverless_functions_bill_requests_memory_and_cpu_time() {
    let body = "components:
  - id: fn
    type: serverless
    serverless: { memoryMB: 512, invocationsPerMonth: 10000000, avgDurationMs: 200 }
";
    // Lambda: 10 × 0.20 = 2.00; 1 × 16.6667 = 16.67 → 18.67
    assert_total(&priced(&plan("aws", body)), 1_867);
    // Azure Functions Consumption: 10 × 0.20 = 2.00; 1 × 16 = 16.00 → 18.00
    assert_total(&priced(&plan("azure", body)), 1_800);
    // Cloud Run functions: 10 × 0.40 = 4.00; memory 1 × 2.5 = 2.50; 512 MB
    // gets 0.333 vCPU: 2,000,000 s × 0.333 = 666,000 vCPU-s × 24 per
    // million = 15.984 → 15.98; 4.00 + 2.50 + 15.98 = 22.48
    assert_total(&priced(&plan("gcp", body)), 2_248);
}

/// CDN delivery through the CDN's own volume tiers, requests, base fee:
/// 12,000 GB and 50,000,000 requests a month.
#[test]
fn cdn_bills_delivery_tiers_requests_and_base_fee() {
    let body = "components:
  - id: edge
    type: cdn
    cdn: { egressGBPerMonth: 12000, requestsPerMonth: 50000000 }
";
    // CloudFront: 10,240 × 0.085 = 870.40; 1,760 × 0.080 = 140.80;
    // 50,000 thousand requests × 0.001 = 50.00 → 1,061.20
    assert_total(&priced(&plan("aws", body)), 106_120);
    // Front Door Standard: base 35.00; 10,000 × 0.0825 = 825.00;
    // 2,000 × 0.065002 = 130.004 → 130.00; 50,000 × 0.0009 = 45.00 → 1,035.00
    assert_total(&priced(&plan("azure", body)), 103_500);
    // Cloud CDN: 10,240 × 0.08 = 819.20; 1,760 × 0.055 = 96.80;
    // 50,000 × 0.00075 = 37.50 → 953.50
    assert_total(&priced(&plan("gcp", body)), 95_350);
}

fn broker(section: &str) -> String {
    format!("components:\n  - id: queue\n    type: messaging\n    messaging: {section}\n")
}

/// Messaging: requests per message and 64 KB chunk, capacity units per
/// hour, or data volume, as each provider bills it.
#[test]
fn messaging_bills_requests_capacity_units_or_volume() {
    // SQS: 10,000,000 messages of 100 KB = 2 chunks each × 3 requests
    // (send, receive, delete) = 60,000,000 requests × 0.40 per million = 24.00
    let sqs = broker("{ technology: sqs, messagesPerMonth: 10000000, messageSizeKB: 100 }");
    assert_total(&priced(&plan("aws", &sqs)), 2_400);

    // Event Hubs Standard: 2,500 events/s need 3 throughput units:
    // 3 × 730 h × 0.03 = 65.70; 1,000,000,000 events × 0.028 per million
    // = 28.00; 93.70
    let hubs = broker(
        "{ technology: event_hubs, throughputPerSecond: 2500, messagesPerMonth: 1000000000, messageSizeKB: 1 }",
    );
    assert_total(&priced(&plan("azure", &hubs)), 9_370);

    // Pub/Sub: 1,000,000,000 messages of 0.5 KB bill the 1 KB minimum,
    // published and delivered once: 2 × 10^12 bytes = 1.819 TiB × 40 = 72.76
    let pubsub = broker("{ technology: pubsub, messagesPerMonth: 1000000000, messageSizeKB: 0.5 }");
    assert_total(&priced(&plan("gcp", &pubsub)), 7_276);

    // SQS on GCP is priced as Pub/Sub, and says so: 10,000,000 × 100 KB ×
    // 2 transfers = 2 × 10^12 bytes = 1.819 TiB × 40 = 72.76
    let report = priced(&plan("gcp", &sqs));
    assert_total(&report, 7_276);
    let notes = format!("{:?}", report.breakdown[0].notes);
    assert!(notes.contains("sqs is priced as Pub/Sub"), "{notes}");
}

/// A rule whose prices the catalog lacks lists each line as not priced.
#[test]
fn service_bus_without_catalog_prices_is_not_priced_never_guessed() {
    let report = priced(&plan(
        "azure",
        &broker("{ technology: service_bus, tier: Premium, messagesPerMonth: 1000 }"),
    ));
    assert_eq!(total(&report), 0);
    let reasons = format!("{:?}", report.unpriced);
    assert!(
        reasons.contains("Service Bus `Premium messaging unit`"),
        "{reasons}"
    );
}

/// Above the 12,000 IOPS a 400 GB+ gp3 volume includes, the extra IOPS are
/// billed, and the line says which allowance applied.
#[test]
fn rds_gp3_large_volume_bills_iops_above_12000_and_says_so() {
    let plan = plan(
        "aws",
        &postgres(
            "{ tier: db.m7g.large, storage: { type: ssd, sizeGB: 500, iops: 15000 } }",
            "",
        ),
    );
    let report = priced(&plan);
    // 3,000 extra IOPS × 0.02 = 60.00
    assert_eq!(
        line_cents(&report, "db", "IOPS above 12000 included"),
        6_000
    );
    // 122.64 + 57.50 + 60.00 = 240.14
    assert_total(&report, 24_014);
}

/// A general-purpose production database with HA is never offered a
/// burstable size as "the same shape for less".
#[test]
fn no_burstable_size_is_suggested_for_a_general_purpose_database() {
    let plan = plan(
        "aws",
        &postgres(
            "{ tier: db.m7g.large, storage: { type: ssd, sizeGB: 100 } }",
            "      highAvailability: { enabled: true }\n",
        ),
    );
    let report = priced(&plan);
    let names: Vec<&str> = report
        .optimizations
        .iter()
        .filter(|o| o.id.starts_with("cheaper-"))
        .map(|o| o.name.as_str())
        .collect();
    // db.t3.large has the same 2 vCPU / 8 GiB for less, but is burstable.
    assert_eq!(names, ["db: db.m7g.large → RDS PostgreSQL db.m6g.large"]);
}

/// An instance type the catalog lacks leaves its storage and disks priced,
/// and lists the instance as not priced: nothing priceable vanishes.
#[test]
fn an_unpriced_instance_keeps_its_priceable_storage_and_disk_lines() {
    let db = plan(
        "aws",
        &postgres(
            "{ tier: db.zz9.large, storage: { type: ssd, sizeGB: 100 } }",
            "",
        ),
    );
    let report = priced(&db);
    // gp3 storage 100 GB × 0.115 = 11.50; the instance is not priced.
    assert_eq!(total(&report), 1_150);
    assert_eq!(line_cents(&report, "db", "storage 100 GB"), 1_150);
    let unpriced = format!("{:?}", report.unpriced);
    assert!(unpriced.contains("db.zz9.large"), "{unpriced}");

    let vms = plan(
        "aws",
        "components:\n  - { id: app, type: compute, compute: { instanceType: zz9.large, count: 3, diskGB: 100 } }\n",
    );
    let report = priced(&vms);
    // EBS gp3 3 × 100 GB × 0.08 = 24.00; the VM type is not priced.
    assert_eq!(total(&report), 2_400);
    let unpriced = format!("{:?}", report.unpriced);
    assert!(unpriced.contains("zz9.large"), "{unpriced}");
}

/// A search cluster bills every data node with its storage, and dedicated
/// masters at their own type.
#[test]
fn opensearch_bills_data_nodes_their_storage_and_dedicated_masters() {
    let cluster = |topology: &str| {
        format!(
            "components:
  - id: search
    type: database
    database:
      type: search
      technology: opensearch
      deployment:
        type: managed
        sizing: {{ tier: r7g.large.search, storage: {{ type: ssd, sizeGB: 100 }} }}
      elasticsearch:
        topology: {topology}
"
        )
    };
    let report = priced(&plan(
        "aws",
        &cluster("{ masterNodes: 3, masterTier: m7g.large.search, dataNodes: 3 }"),
    ));
    // data: r7g.large.search 0.178 × 730 × 3 = 389.82
    assert_eq!(line_cents(&report, "search", "× 3 nodes"), 38_982);
    // masters: m7g.large.search 0.135 × 730 × 3 = 295.65
    assert_eq!(line_cents(&report, "search", "dedicated masters"), 29_565);
    // storage: 100 GB × 3 nodes × 0.135 = 40.50; 389.82 + 295.65 + 40.50 = 725.97
    assert_total(&report, 72_597);

    // Masters without an instance type are listed, not guessed.
    let report = priced(&plan("aws", &cluster("{ masterNodes: 3, dataNodes: 3 }")));
    assert_eq!(total(&report), 38_982 + 4_050);
    let unpriced = format!("{:?}", report.unpriced);
    assert!(unpriced.contains("masterTier"), "{unpriced}");
}

/// SQL Server editions are priced apart: the plan's edition picks the
/// licence-included price, never Standard for Enterprise.
#[test]
fn sql_server_editions_are_priced_apart() {
    let sql = |edition: &str| {
        format!(
            "components:
  - id: erp
    type: database
    database:
      type: relational
      technology: sql_server
      deployment:
        type: managed
        {edition}
        sizing: {{ tier: db.m5.xlarge }}
"
        )
    };
    // Standard 1.224 × 730 = 893.52; Enterprise 2.336 × 730 = 1,705.28
    assert_total(&priced(&plan("aws", &sql("edition: standard"))), 89_352);
    assert_total(&priced(&plan("aws", &sql("edition: enterprise"))), 170_528);
    // Without an edition, Standard, and the report says so.
    let report = priced(&plan("aws", &sql("")));
    assert_total(&report, 89_352);
    let notes = format!("{:?}", report.breakdown[0].notes);
    assert!(notes.contains("priced as standard edition"), "{notes}");
    // An edition the catalog has no size of is not priced, never guessed.
    let report = priced(&plan("aws", &sql("edition: web")));
    assert_eq!(total(&report), 0);
}

/// A sharded Redis cluster bills every shard's primary and replicas.
#[test]
fn sharded_redis_bills_every_shard() {
    let sharded = "      redis: { clusterMode: true, shards: 3 }\n";
    // Azure Premium P1: 0.277 per node-hour × 2 nodes × 3 shards × 730 = 1,213.26
    assert_total(
        &priced(&plan("azure", &cache("{ tier: P1 }", sharded))),
        121_326,
    );
    // ElastiCache cache.m6g.large with a replica: 0.149 × 730 × 2 × 3 = 652.62
    let with_replica = format!("      highAvailability: {{ enabled: true }}\n{sharded}");
    assert_total(
        &priced(&plan(
            "aws",
            &cache("{ tier: cache.m6g.large }", &with_replica),
        )),
        65_262,
    );
    // Shards count only in cluster mode.
    let unsharded = "      redis: { clusterMode: false, shards: 3 }\n";
    assert_total(
        &priced(&plan("azure", &cache("{ tier: P1 }", unsharded))),
        40_442,
    );
}

/// A database's storage needs no `type`: services without storage classes
/// (DynamoDB, Azure SQL) are described without one, and `ssd` is the default.
#[test]
fn database_storage_type_is_optional() {
    let plan = plan(
        "aws",
        &postgres("{ tier: db.m7g.large, storage: { sizeGB: 100 } }", ""),
    );
    // 122.64 + 100 × 0.115 = 134.14, as with `type: ssd`
    assert_total(&priced(&plan), 13_414);
}

/// A Redshift cluster bills every node; its managed storage is one pool for
/// the cluster, billed once.
#[test]
fn redshift_bills_every_node_and_its_managed_storage_once() {
    let cluster = |nodes: &str| {
        format!(
            "components:
  - id: warehouse
    type: database
    database:
      type: data_warehouse
      technology: redshift
      backup: {{ enabled: false, retentionDays: 1 }}
      deployment:
        type: managed
        sizing: {{ tier: ra3.4xlarge, {nodes} storage: {{ sizeGB: 1000 }} }}
"
        )
    };
    let report = priced(&plan("aws", &cluster("nodes: 4,")));
    // ra3.4xlarge 3.26 × 730 × 4 = 9,519.20
    assert_eq!(line_cents(&report, "warehouse", "× 4 nodes"), 951_920);
    // managed storage 1,000 GB × 0.024 = 24.00, once, not per node
    assert_eq!(
        line_cents(&report, "warehouse", "storage 1000 GB × 1"),
        2_400
    );
    assert_total(&report, 951_920 + 2_400);
    // Without a node count, one node.
    assert_total(&priced(&plan("aws", &cluster(""))), 237_980 + 2_400);
}

/// Each kind of service takes its own sourced commitment rate: cache nodes
/// the ElastiCache reserved-node rate, never the database or compute one;
/// a service with no sourced rate (Redshift) is offered no commitment.
#[test]
fn commitment_rates_are_per_kind_of_service() {
    let saving = |report: &CostEstimate, id: &str| {
        report
            .optimizations
            .iter()
            .find(|o| o.id == id)
            .map(|o| o.estimated_savings.monthly.cents())
    };
    let report = priced(&plan(
        "aws",
        &cache(
            "{ tier: cache.m6g.large }",
            "      highAvailability: { enabled: true }\n",
        ),
    ));
    // 217.54 on demand; ElastiCache reserved nodes, no upfront: 1-yr 32.0 %
    // = 69.61, 3-yr 47.9 % = 104.20.
    assert_eq!(saving(&report, "commit-1y"), Some(6_961));
    assert_eq!(saving(&report, "commit-3y"), Some(10_420));

    let warehouse = priced(&plan(
        "aws",
        "components:
  - id: warehouse
    type: database
    database:
      type: data_warehouse
      technology: redshift
      deployment: { type: managed, sizing: { tier: ra3.4xlarge, nodes: 2 } }
",
    ));
    assert_eq!(saving(&warehouse, "commit-1y"), None);
}

/// A component's override for an environment is what that environment
/// prices: staging runs a single-AZ db.t4g.medium with a smaller disk and a
/// 25 GB bucket; prod keeps the component as written. `scale` still
/// multiplies counts and volumes, never a size the override states.
#[test]
fn environment_overrides_price_what_each_environment_runs() {
    let report = priced(&plan(
        "aws",
        "environments:
  - { name: prod, scale: 1.0 }
  - { name: staging, scale: 0.3 }
components:
  - id: orders-db
    type: database
    database:
      technology: postgresql
      highAvailability: { enabled: true }
      backup: { enabled: false, retentionDays: 1 }
      deployment:
        type: managed
        sizing: { tier: db.m7g.large, storage: { type: ssd, sizeGB: 100 } }
    overrides:
      staging:
        database:
          highAvailability: { enabled: false }
          deployment: { sizing: { tier: db.t4g.medium, storage: { sizeGB: 20 } } }
",
    ));
    // prod: db.m7g.large 0.168 × 730 × 2 (Multi-AZ) = 245.28; gp3 100 GB × 2 × 0.115 = 23.00
    assert_eq!(env_cents(&report, "prod"), 24_528 + 2_300);
    // staging: db.t4g.medium 0.065 × 730 = 47.45 (one instance: HA off);
    // gp3 20 GB × 0.115 = 2.30 (the override keeps the component's type: ssd)
    assert_eq!(
        env_line(&report, "staging", "orders-db", "db.t4g.medium"),
        4_745
    );
    assert_eq!(
        env_line(&report, "staging", "orders-db", "storage 20 GB"),
        230
    );
    assert_eq!(env_cents(&report, "staging"), 4_745 + 230);
}

/// `io_optimized` storage on RDS is io1: billed per GB and for every
/// provisioned IOPS (no gp3 allowance), from 100 GB and 1,000 IOPS.
#[test]
fn rds_io_optimized_storage_is_io1() {
    let db = |storage: &str| {
        postgres(
            &format!("{{ tier: db.m7g.large, storage: {storage} }}"),
            "      highAvailability: { enabled: true }\n",
        )
    };
    let report = priced(&plan(
        "aws",
        &db("{ type: io_optimized, sizeGB: 50, iops: 3000 }"),
    ));
    // 50 GB is raised to io1's 100 GB minimum: 100 × 2 (Multi-AZ) × 0.125 = 25.00
    assert_eq!(line_cents(&report, "db", "storage io1 100 GB × 2"), 2_500);
    // every IOPS: 3,000 × 2 × 0.10 = 600.00
    assert_eq!(
        line_cents(&report, "db", "io1 provisioned IOPS: 3000 × 2"),
        60_000
    );
    // instance 0.168 × 730 × 2 = 245.28
    assert_total(&report, 24_528 + 2_500 + 60_000);
    // Without IOPS, the 1,000 minimum is priced and the report says so.
    let report = priced(&plan("aws", &db("{ type: io_optimized, sizeGB: 200 }")));
    assert_eq!(
        line_cents(&report, "db", "io1 provisioned IOPS: 1000 × 2"),
        20_000
    );
    let notes = format!("{:?}", report.breakdown[0].notes);
    assert!(notes.contains("needs provisioned IOPS"), "{notes}");
}

/// Zone-redundant Azure SQL Database bills its add-on per vCore; a tier the
/// catalog neither prices nor knows the size of is named as not priced,
/// not reported as "no sizing".
#[test]
fn azure_sql_zone_redundancy_and_unknown_tiers() {
    let sql = |tier: &str| {
        format!(
            "components:
  - id: db
    type: database
    database:
      technology: sql_server
      highAvailability: {{ enabled: true }}
      deployment: {{ type: managed, sizing: {{ tier: {tier}, storage: {{ sizeGB: 100 }} }} }}
"
        )
    };
    let report = priced(&plan("azure", &sql("GP_Gen5_2")));
    // GP_Gen5_2 0.5044 × 730 = 368.21; zone redundancy 2 vCores × 730 × 0.0913
    // = 133.298 → 133.30; storage 100 × 0.115 = 11.50
    assert_eq!(
        line_cents(&report, "db", "zone redundancy: 2 vCores"),
        13_330
    );
    assert_total(&report, 36_821 + 13_330 + 1_150);

    let report = priced(&plan("azure", &sql("GP_Gen5_4")));
    let unpriced = format!("{:?}", report.unpriced);
    assert!(unpriced.contains("GP_Gen5_4"), "{unpriced}");
    assert!(!unpriced.contains("no sizing"), "{unpriced}");
}
