//! Recommended deployment sizing for a database (the specification's
//! `DatabaseSizing`) from the selection criteria: vCores, memory, storage
//! class, size and IOPS, read replicas, HA, and each provider's SKU name.
//!
//! The rules are deliberately simple and stated in `basedOn`, so an architect
//! can check every number against the criteria (docs/recommend-db.md,
//! "Sizing"). They are a starting point to validate with a load test.

use serde::Serialize;

use crate::catalog::Catalog;
use crate::catalog::database::WriteScaling;
use crate::catalog::sizing::Shape;
use crate::plan::component::DiskClass;
use crate::plan::database::{DataSize, DatabaseSelectionCriteria, DatabaseType, LatencyClass};
use crate::plan::{CloudProvider, PerProvider};

/// Operations per second one vCPU serves, reads counted once and writes
/// three times (a common rule of thumb for OLTP on managed SQL services).
pub const OPS_PER_VCORE: f64 = 1_000.0;
/// Operations per second one vCPU of an in-memory key-value store serves
/// (Redis serves on the order of 100,000 simple commands a second per core;
/// a quarter of that leaves headroom for persistence and replication).
pub const IN_MEMORY_OPS_PER_VCORE: f64 = 25_000.0;
/// Client connections per vCPU before connection overhead dominates.
pub const CONNECTIONS_PER_VCORE: f64 = 200.0;
/// Reads per second one read replica is sized to absorb.
pub const READS_PER_REPLICA: f64 = 5_000.0;
/// Most read replicas recommended (the specification's read-replica pattern limit).
pub const MAX_READ_REPLICAS: u32 = 5;

/// A recommended size (specification `DatabaseSizing`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SizingRecommendation {
    /// Provider SKU on the requested provider, when its catalog has a family.
    pub tier: Option<String>,
    /// vCPUs of the primary.
    pub vcores: u32,
    /// Memory of the primary, e.g. `32GB`.
    pub memory: String,
    /// The same memory as a number of GiB (what [`Self::memory`] shows), for
    /// engines that compute with it.
    #[serde(skip)]
    pub memory_gib: f64,
    /// Storage.
    pub storage: StorageRecommendation,
    /// Read replicas.
    pub read_replicas: u32,
    /// A standby in another zone.
    pub high_availability: bool,
    /// SKU names on every provider that has a family for the technology.
    pub tiers: PerProvider<String>,
    /// Why these numbers, and when to change them.
    pub recommendation: SizingRationale,
    /// When the load is beyond the largest size the family offers: one
    /// instance cannot carry it, and this is the way to scale out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale_out: Option<String>,
}

/// Storage part of the recommendation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StorageRecommendation {
    /// Disk class.
    #[serde(rename = "type")]
    pub kind: DiskClass,
    /// Provisioned size, GB.
    #[serde(rename = "sizeGB")]
    pub size_gb: u32,
    /// Provisioned IOPS, for `io_optimized`.
    pub iops: Option<u32>,
    /// Grow automatically.
    pub auto_grow: bool,
    /// Ceiling for growth, GB.
    #[serde(rename = "maxSizeGB")]
    pub max_size_gb: u32,
}

/// The specification's `recommendation` block.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SizingRationale {
    /// The inputs and rules behind the numbers.
    pub based_on: String,
    /// When to move to the next size.
    pub next_tier_trigger: String,
    /// Ways to pay less.
    pub cost_optimization: Vec<String>,
}

/// Sizes `technology` (a catalog id) for `criteria` on `provider`; `None`
/// when the criteria say nothing about scale.
pub fn recommend(
    criteria: &DatabaseSelectionCriteria,
    technology: &str,
    kind: DatabaseType,
    provider: CloudProvider,
    catalog: &Catalog,
) -> Option<SizingRecommendation> {
    let scale = criteria.scale.as_ref()?;
    let in_memory = kind == DatabaseType::KeyValue;
    let shape = memory_shape(criteria, in_memory);
    let load = scale.read_throughput + 3.0 * scale.write_throughput;
    let per_vcore = if in_memory {
        IN_MEMORY_OPS_PER_VCORE
    } else {
        OPS_PER_VCORE
    };
    let by_load = (load / per_vcore).ceil();
    let by_connections = (f64::from(scale.concurrent_connections) / CONNECTIONS_PER_VCORE).ceil();
    let replicas = read_replicas(criteria, scale.read_throughput);
    let wanted = by_load.max(by_connections).max(2.0);
    let tiers = &catalog.database_tiers;
    let (vcores, exceeded) = round_up_vcores(wanted, technology, provider, shape, catalog);
    let scale_out =
        exceeded.then(|| scale_out_path(criteria, technology, provider, wanted, vcores, catalog));
    let family_memory = tiers
        .families
        .iter()
        .find(|f| f.provider == provider && f.shape == shape && serves(&f.technologies, technology))
        .map(|f| f.memory_per_vcore_gb);
    let memory_per_vcore = family_memory.unwrap_or(if shape == Shape::Memory { 8.0 } else { 4.0 });
    // A cache is sized by its data; its vCPUs only by load where the
    // provider sells it by vCPU.
    let memory_gb = match (in_memory, family_memory) {
        (true, Some(per_vcore)) => {
            (f64::from(vcores) * per_vcore).max(cache_memory_gb(scale.data_size))
        }
        (true, None) => cache_memory_gb(scale.data_size),
        (false, _) => f64::from(vcores) * memory_per_vcore,
    };
    let storage = if in_memory {
        snapshot_storage(memory_gb)
    } else {
        storage(criteria, scale.data_size, load)
    };
    let names = sku_names(technology, vcores, memory_gb, shape, catalog);
    let based_on = format!(
        "{} reads/s + 3 × {} writes/s = {load} operations/s at {per_vcore} per vCore → {by_load} vCores; \
         {} connections at {CONNECTIONS_PER_VCORE} per vCore → {by_connections}; at least 2; {}. \
         {} memory ({memory_per_vcore} GB per vCore){}. Storage for {} data.",
        scale.read_throughput,
        scale.write_throughput,
        scale.concurrent_connections,
        if exceeded {
            format!(
                "more than the largest size the family offers, so capped at {vcores} (see the scale-out path)"
            )
        } else {
            format!("rounded up to a size the family offers ({vcores})")
        },
        if shape == Shape::Memory {
            "Memory-optimised"
        } else {
            "General-purpose"
        },
        if in_memory {
            ", at least enough to hold the data set in memory"
        } else {
            ""
        },
        if in_memory {
            "snapshots only (a cache serves from memory: no provisioned IOPS) of".to_owned()
        } else {
            size_word(scale.data_size).to_owned()
        },
    );
    Some(SizingRecommendation {
        tier: names.get(provider).cloned(),
        vcores,
        memory: format_gb(memory_gb),
        memory_gib: (memory_gb * 10.0).round() / 10.0,
        storage,
        read_replicas: replicas,
        high_availability: criteria
            .operational
            .as_ref()
            .is_some_and(|o| o.high_availability),
        tiers: names,
        recommendation: SizingRationale {
            based_on,
            next_tier_trigger: if exceeded {
                format!(
                    "already past the largest size: the load needs {wanted} vCores at {per_vcore} operations/s each; scale out instead"
                )
            } else {
                format!(
                    "move to the next size when CPU stays above 70% at peak, or load passes {} operations/s",
                    f64::from(vcores) * per_vcore
                )
            },
            cost_optimization: cost_optimizations(replicas, shape, in_memory),
        },
        scale_out,
    })
}

/// How to carry a load beyond the largest instance: more nodes for an
/// engine that scales writes out, replicas when reads dominate, else
/// sharding or a distributed engine from the catalog.
fn scale_out_path(
    criteria: &DatabaseSelectionCriteria,
    technology: &str,
    provider: CloudProvider,
    wanted: f64,
    largest: u32,
    catalog: &Catalog,
) -> String {
    let lead = format!(
        "the load needs {wanted} vCores, more than the largest size the family offers ({largest}): one instance cannot carry it"
    );
    let tech = catalog.database(technology);
    if tech.is_some_and(|t| t.capabilities.write_scaling == WriteScaling::Horizontal) {
        return format!(
            "{lead}; {} scales out: spread the load over more nodes or shards",
            tech.map_or(technology, |t| t.name.as_str())
        );
    }
    let scale = criteria.scale.as_ref();
    let reads = scale.map_or(0.0, |s| s.read_throughput);
    let writes = scale.map_or(0.0, |s| s.write_throughput);
    // Reads are two thirds of the weighted load or more (a write counts 3).
    if reads >= 2.0 * 3.0 * writes {
        return format!(
            "{lead}; reads dominate: serve them from read replicas (about {READS_PER_REPLICA} reads/s each) and keep the primary for writes"
        );
    }
    let kind = tech.map(|t| t.kind);
    let mut distributed: Vec<&str> = catalog
        .databases
        .iter()
        .map(|e| &e.item)
        .filter(|t| {
            Some(t.kind) == kind && t.capabilities.write_scaling == WriteScaling::Horizontal
        })
        .filter(|t| t.managed_on(provider).is_some())
        .map(|t| t.id.as_str())
        .collect();
    distributed.sort_unstable();
    if distributed.is_empty() {
        format!("{lead}; shard the data across several primaries")
    } else {
        format!(
            "{lead}; shard the data across several primaries, or move to an engine that scales writes out and is managed on {}: {}",
            provider.as_str(),
            distributed.join(", ")
        )
    }
}

/// A cache keeps its data in memory: disk only for snapshots, no IOPS.
fn snapshot_storage(memory_gb: f64) -> StorageRecommendation {
    // Whole GB, far below u32::MAX.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let size_gb = memory_gb.ceil().max(1.0) as u32;
    StorageRecommendation {
        kind: DiskClass::Ssd,
        size_gb,
        iops: None,
        auto_grow: false,
        max_size_gb: size_gb,
    }
}

fn serves(technologies: &[String], technology: &str) -> bool {
    technologies.iter().any(|t| t == technology)
}

/// Memory-optimised for analytical queries, large data or caches.
fn memory_shape(criteria: &DatabaseSelectionCriteria, in_memory: bool) -> Shape {
    let patterns = criteria.query_patterns.clone().unwrap_or_default();
    let large = criteria
        .scale
        .as_ref()
        .is_some_and(|s| s.data_size >= DataSize::Large);
    if in_memory || patterns.complex_queries && patterns.aggregations || large {
        Shape::Memory
    } else {
        Shape::General
    }
}

fn read_replicas(criteria: &DatabaseSelectionCriteria, reads: f64) -> u32 {
    let read_heavy = criteria
        .query_patterns
        .as_ref()
        .is_some_and(|p| p.read_heavy);
    let mut replicas = if read_heavy && reads > READS_PER_REPLICA {
        // Bounded by MAX_READ_REPLICAS below, so the conversion is exact.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let extra = ((reads / READS_PER_REPLICA).ceil() as u32).saturating_sub(1);
        extra
    } else {
        0
    };
    if criteria
        .operational
        .as_ref()
        .is_some_and(|o| o.multi_region)
    {
        replicas = replicas.max(1);
    }
    replicas.min(MAX_READ_REPLICAS)
}

/// The smallest vCPU count the provider family offers that covers `wanted`
/// (powers of two when no family is known).
/// Whether the load is beyond the family's largest size is the second value.
fn round_up_vcores(
    wanted: f64,
    technology: &str,
    provider: CloudProvider,
    shape: Shape,
    catalog: &Catalog,
) -> (u32, bool) {
    let offered: Vec<u32> = catalog
        .database_tiers
        .families
        .iter()
        .find(|f| f.provider == provider && f.shape == shape && serves(&f.technologies, technology))
        .map_or_else(|| vec![2, 4, 8, 16, 32, 64], |f| f.vcores.clone());
    match offered.iter().copied().find(|&v| f64::from(v) >= wanted) {
        Some(fits) => (fits, false),
        None => (offered.last().copied().unwrap_or(64), true),
    }
}

/// Memory an in-memory store needs for a data-size class: the class's
/// typical working set with headroom for replication buffers.
fn cache_memory_gb(size: DataSize) -> f64 {
    match size {
        DataSize::Small => 1.0,
        DataSize::Medium => 13.0,
        DataSize::Large => 53.0,
        DataSize::Massive => 120.0,
    }
}

fn storage(
    criteria: &DatabaseSelectionCriteria,
    size: DataSize,
    load: f64,
) -> StorageRecommendation {
    let (size_gb, max_size_gb) = match size {
        DataSize::Small => (32, 128),
        DataSize::Medium => (128, 1_024),
        DataSize::Large => (1_024, 10_240),
        DataSize::Massive => (16_384, 65_536),
    };
    let performance = criteria.performance.as_ref();
    let ultra_low = performance.is_some_and(|p| p.read_latency == LatencyClass::UltraLow);
    let low = performance.is_some_and(|p| {
        p.read_latency <= LatencyClass::Low || p.write_latency <= LatencyClass::Low
    });
    let heavy_writes = criteria
        .scale
        .as_ref()
        .is_some_and(|s| s.write_throughput >= 10_000.0);
    let kind = if ultra_low || heavy_writes {
        DiskClass::IoOptimized
    } else if low {
        DiskClass::PremiumSsd
    } else {
        DiskClass::Ssd
    };
    // One IOPS per operation with 50 % headroom, in thousands, at least 3,000.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let iops = (kind == DiskClass::IoOptimized)
        .then(|| (((load * 1.5) / 1_000.0).ceil() as u32 * 1_000).max(3_000));
    StorageRecommendation {
        kind,
        size_gb,
        iops,
        auto_grow: true,
        max_size_gb,
    }
}

fn sku_names(
    technology: &str,
    vcores: u32,
    memory_gb: f64,
    shape: Shape,
    catalog: &Catalog,
) -> PerProvider<String> {
    let tiers = &catalog.database_tiers;
    let mut names = PerProvider::default();
    for provider in CloudProvider::ALL {
        let by_vcpu = tiers
            .families
            .iter()
            .find(|f| {
                f.provider == provider && f.shape == shape && serves(&f.technologies, technology)
            })
            .and_then(|f| f.sku(vcores, &tiers.aws_sizes));
        let by_memory = || {
            let family = tiers
                .memory_tiers
                .iter()
                .find(|f| f.provider == provider && serves(&f.technologies, technology))?;
            match &family.pattern {
                Some(pattern) => {
                    Some(pattern.replace("{memoryGb}", &format_number(memory_gb.ceil())))
                }
                None => family
                    .tiers
                    .iter()
                    .find(|t| t.memory_gb >= memory_gb)
                    .or_else(|| family.tiers.last())
                    .map(|t| t.name.clone()),
            }
        };
        let name = by_vcpu.or_else(by_memory);
        match provider {
            CloudProvider::Azure => names.azure = name,
            CloudProvider::Aws => names.aws = name,
            CloudProvider::Gcp => names.gcp = name,
        }
    }
    names
}

fn cost_optimizations(replicas: u32, shape: Shape, in_memory: bool) -> Vec<String> {
    let mut items = vec![
        "reserve the primary for 1 or 3 years once the size has held steady for a month".to_owned(),
        "use burstable or smaller sizes in non-production environments".to_owned(),
    ];
    if replicas > 0 {
        items.push("serve reads from replicas rather than a bigger primary; drop a replica when read load falls".to_owned());
    }
    if shape == Shape::Memory && !in_memory {
        items.push("try the general-purpose family if memory stays under half used".to_owned());
    }
    if in_memory {
        items.push(
            "set a TTL on cached keys so memory tracks the working set, not all data".to_owned(),
        );
    }
    items.push("start storage small with auto-grow; storage rarely shrinks".to_owned());
    items
}

fn format_gb(value: f64) -> String {
    format!("{}GB", format_number(value))
}

fn format_number(value: f64) -> String {
    let text = format!("{value:.1}");
    text.strip_suffix(".0").map_or(text.clone(), str::to_owned)
}

fn size_word(size: DataSize) -> &'static str {
    match size {
        DataSize::Small => "small (<1 GB)",
        DataSize::Medium => "medium (1–100 GB)",
        DataSize::Large => "large (100 GB–10 TB)",
        DataSize::Massive => "massive (>10 TB)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn criteria(yaml: &str) -> DatabaseSelectionCriteria {
        serde_saphyr::from_str(yaml).unwrap()
    }

    #[test]
    fn oltp_sizing_is_checked_by_hand() {
        // 3000 + 3 × 400 = 4200 ops/s → 5 vCores; 600 connections → 3; the
        // family offers 8 next. Complex queries with aggregations → memory
        // family (8 GB per vCore on Azure) → 64 GB.
        let catalog = Catalog::load(None).unwrap();
        let c = criteria(
            "queryPatterns: { readHeavy: true, complexQueries: true, aggregations: true }
scale: { dataSize: medium, readThroughput: 3000, writeThroughput: 400, concurrentConnections: 600 }
performance: { readLatency: low, writeLatency: low, consistency: strong }
operational: { highAvailability: true }",
        );
        let s = recommend(
            &c,
            "postgresql",
            DatabaseType::Relational,
            CloudProvider::Azure,
            &catalog,
        )
        .unwrap();
        assert_eq!((s.vcores, s.memory.as_str()), (8, "64GB"));
        assert_eq!(s.tier.as_deref(), Some("Standard_E8ds_v5"));
        assert_eq!(s.tiers.aws.as_deref(), Some("db.r7g.2xlarge"));
        assert_eq!(s.tiers.gcp.as_deref(), Some("db-custom-8-53248"));
        assert_eq!(
            (s.storage.kind, s.storage.size_gb, s.storage.iops),
            (DiskClass::PremiumSsd, 128, None)
        );
        assert_eq!(s.read_replicas, 0);
        assert!(s.high_availability);
    }

    #[test]
    fn read_heavy_load_gets_replicas_and_fast_writes_get_provisioned_iops() {
        let catalog = Catalog::load(None).unwrap();
        let c = criteria(
            "queryPatterns: { readHeavy: true }
scale: { dataSize: large, readThroughput: 18000, writeThroughput: 12000, concurrentConnections: 100 }",
        );
        let s = recommend(
            &c,
            "mysql",
            DatabaseType::Relational,
            CloudProvider::Aws,
            &catalog,
        )
        .unwrap();
        // ceil(18000 / 5000) − 1 = 3 replicas; 18000 + 36000 = 54000 ops → 54 vCores → 64.
        assert_eq!((s.read_replicas, s.vcores), (3, 64));
        // 12,000 writes/s → io_optimized; 54,000 × 1.5 = 81,000 IOPS.
        assert_eq!(
            (s.storage.kind, s.storage.iops),
            (DiskClass::IoOptimized, Some(81_000))
        );
    }

    #[test]
    fn caches_hold_the_data_set_in_memory() {
        let catalog = Catalog::load(None).unwrap();
        let c = criteria(
            "scale: { dataSize: medium, readThroughput: 20000, writeThroughput: 2000, concurrentConnections: 500 }",
        );
        let s = recommend(
            &c,
            "redis",
            DatabaseType::KeyValue,
            CloudProvider::Azure,
            &catalog,
        )
        .unwrap();
        // 20000 + 3 × 2000 = 26,000 ops at 25,000 per vCore → 2 vCores; 500
        // connections → 3 → 4. Azure sells Redis by memory: a medium data set
        // needs 13 GB → Standard C4; AWS by node: cache.r7g.xlarge (26 GB).
        assert_eq!((s.vcores, s.memory.as_str()), (4, "13GB"));
        assert_eq!(s.tiers.aws.as_deref(), Some("cache.r7g.xlarge"));
        assert_eq!(s.tier.as_deref(), Some("Standard C4"));
        // A cache serves from memory: disk for snapshots only, no IOPS.
        assert_eq!(
            (s.storage.kind, s.storage.size_gb, s.storage.iops),
            (DiskClass::Ssd, 13, None)
        );
        assert_eq!(s.scale_out, None);
    }

    /// 50,000 writes/s of metrics: 150,000 weighted ops/s at 1,000 per vCore
    /// is 150 vCores, past the 64 of the largest RDS size. The size is capped
    /// and said to be, and the scale-out path replaces "the next size".
    #[test]
    fn load_beyond_the_largest_size_says_to_scale_out() {
        let catalog = Catalog::load(None).unwrap();
        let c = criteria(
            "queryPatterns: { writeHeavy: true, timeRangeQueries: true }
scale: { dataSize: large, readThroughput: 300, writeThroughput: 50000, concurrentConnections: 150 }",
        );
        let s = recommend(
            &c,
            "postgresql",
            DatabaseType::Relational,
            CloudProvider::Aws,
            &catalog,
        )
        .unwrap();
        assert_eq!(s.vcores, 64);
        let path = s.scale_out.as_deref().unwrap();
        assert!(
            path.starts_with(
                "the load needs 151 vCores, more than the largest size the family offers (64)"
            ),
            "{path}"
        );
        assert!(
            path.contains("shard the data across several primaries"),
            "{path}"
        );
        assert!(s.recommendation.based_on.contains("capped at 64"));
        assert!(
            s.recommendation
                .next_tier_trigger
                .starts_with("already past the largest size")
        );
    }

    #[test]
    fn no_scale_means_no_sizing() {
        let catalog = Catalog::load(None).unwrap();
        let c = criteria("queryPatterns: { readHeavy: true }");
        assert!(
            recommend(
                &c,
                "postgresql",
                DatabaseType::Relational,
                CloudProvider::Aws,
                &catalog
            )
            .is_none()
        );
    }
}
