//! MongoDB settings: the WiredTiger cache (MongoDB manual, FAQ: Storage —
//! the larger of 50 % of (RAM − 1 GB) and 256 MB), a replica set or a sharded
//! cluster (manual: "Deploy a Replica Set", "Distribute Collection Data",
//! "Sharded Cluster Components"), and default read/write concerns from the
//! consistency the application needs ("Default MongoDB Read Concerns/Write
//! Concerns").

use super::{DbConfig, DbConfigInput, Engine, Parameter, Warning};
use crate::plan::database::Consistency;

/// Data at which a replica set gives way to sharding, GB (the manual's 3 TB).
const SHARD_AT_GB: u64 = 3 * 1024;
/// Data per shard when sizing a sharded cluster, GB (ours: 2 TB).
const PER_SHARD_GB: u64 = 2 * 1024;

/// The mongod.conf settings and cluster-wide choices for `input`.
pub fn configure(input: &DbConfigInput) -> DbConfig {
    let sharded = is_sharded(input);
    let mut parameters = vec![
        Parameter::new(
            "storage.wiredTiger.engineConfig.cacheSizeGB",
            format_hundredths(cache_hundredths_gb(input.memory.mb())),
        ),
        Parameter::new("replication.replSetName", "rs0"),
    ];
    if sharded {
        parameters.push(Parameter::new("sharding.clusterRole", "shardsvr"));
    }
    DbConfig {
        engine: Engine::Mongodb,
        header: header(input),
        parameters,
        cluster: cluster(input, sharded),
        warnings: warnings(input),
        notes: shard_note(input, sharded).into_iter().collect(),
    }
}

/// Shards for the data: the plan's count when it states one.
fn shards(input: &DbConfigInput) -> u64 {
    input
        .stated
        .mongodb_shards
        .map_or_else(|| computed_shards(input), u64::from)
}

/// 2 TB of data per shard, at least two shards.
fn computed_shards(input: &DbConfigInput) -> u64 {
    input
        .data_gb
        .map_or(2, |gb| gb.div_ceil(PER_SHARD_GB).max(2))
}

/// Says so when the plan's shard count differs from the data's.
fn shard_note(input: &DbConfigInput, sharded: bool) -> Option<String> {
    let stated = input.stated.mongodb_shards?;
    let computed = computed_shards(input);
    (sharded && u64::from(stated) != computed).then(|| {
        format!(
            "shards: {stated} as the plan states (mongodb.sharding.numShards); computed for \
             the data: {computed} (about {PER_SHARD_GB} GB per shard, at least 2)"
        )
    })
}

fn header(input: &DbConfigInput) -> Vec<String> {
    let mut lines = vec![
        "DB: MongoDB (WiredTiger)".to_owned(),
        format!("Total Memory (RAM): {}", input.memory),
    ];
    if let Some(gb) = input.data_gb {
        lines.push(format!("Data size: {gb} GB"));
    }
    lines
}

/// The cache in hundredths of a GB, rounded down: max((RAM − 1 GB) / 2, 256 MB).
pub fn cache_hundredths_gb(ram_mb: u64) -> u64 {
    let cache_mb = (ram_mb.saturating_sub(1024) / 2).max(256);
    cache_mb * 100 / 1024
}

/// `7.5`, `0.25`, `12`: a decimal without trailing zeros.
fn format_hundredths(hundredths: u64) -> String {
    let (whole, fraction) = (hundredths / 100, hundredths % 100);
    match fraction {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}.{}", f / 10),
        f => format!("{whole}.{f:02}"),
    }
}

/// Sharded when the plan says so, or at 3 TB of data.
fn is_sharded(input: &DbConfigInput) -> bool {
    input
        .mongodb_sharded
        .unwrap_or_else(|| input.data_gb.is_some_and(|gb| gb >= SHARD_AT_GB))
}

fn cluster(input: &DbConfigInput, sharded: bool) -> Vec<Parameter> {
    let mut list = Vec::new();
    if sharded {
        let shards = shards(input);
        list.push(Parameter::new(
            "topology",
            format!(
                "sharded cluster: {shards} shards, each a 3-member replica set; config servers \
                 as a 3-member replica set; a mongos per application server"
            ),
        ));
        list.push(Parameter::new("shardKey", shard_key(input)));
    } else {
        list.push(Parameter::new(
            "topology",
            "replica set: 3 data-bearing members (primary and 2 secondaries) in separate zones",
        ));
    }
    let (read_concern, read_preference) = read_choices(input.consistency);
    list.push(Parameter::new(
        "defaultWriteConcern",
        r#"{ w: "majority", wtimeout: 5000 }"#,
    ));
    list.push(Parameter::new(
        "defaultReadConcern",
        format!(r#"{{ level: "{read_concern}" }}"#),
    ));
    list.push(Parameter::new("readPreference", read_preference));
    list
}

/// Hashed keys spread writes evenly; time-window queries want ranges on a
/// compound key that does not only grow.
fn shard_key(input: &DbConfigInput) -> &'static str {
    if input.time_series && !input.write_heavy {
        "ranged on a compound key such as { deviceId: 1, timestamp: 1 }, never on a key that only grows"
    } else {
        "hashed on a high-cardinality field such as { customerId: \"hashed\" }"
    }
}

/// Strong: majority reads from the primary. Causal: majority reads in
/// causally consistent sessions. Eventual: local reads, secondaries allowed.
fn read_choices(consistency: Option<Consistency>) -> (&'static str, &'static str) {
    match consistency {
        Some(Consistency::Eventual) => ("local", "secondaryPreferred"),
        Some(Consistency::Causal) => (
            "majority",
            "secondaryPreferred (in causally consistent sessions)",
        ),
        Some(Consistency::Strong) | None => ("majority", "primary"),
    }
}

fn warnings(input: &DbConfigInput) -> Vec<Warning> {
    let mut warnings = Vec::new();
    if input.memory.mb() < 2048 {
        warnings.push(Warning::new([
            "under 2 GB of RAM the cache stays at its 256 MB floor, leaving little for connections \
             and the filesystem cache",
        ]));
    }
    if input.mongodb_sharded == Some(false) && input.data_gb.is_some_and(|gb| gb >= SHARD_AT_GB) {
        warnings.push(Warning::new([
            "the plan asks for a replica set but the data reaches 3 TB, where the manual suggests \
             sharding",
        ]));
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::{cache_hundredths_gb, configure, format_hundredths};
    use crate::engine::dbconfig::{DbConfigInput, Engine, Memory, MemoryUnit};
    use crate::plan::database::Consistency;

    #[test]
    fn cache_is_half_of_ram_less_one_gb_with_a_256mb_floor() {
        let cache = |mb| format_hundredths(cache_hundredths_gb(mb));
        assert_eq!(cache(16 * 1024), "7.5"); // (16 − 1) / 2
        assert_eq!(cache(10 * 1024), "4.5");
        assert_eq!(cache(1229), "0.25"); // 1.2 GB → the floor
        assert_eq!(cache(25 * 1024), "12");
        assert_eq!(cache(3000), "0.96"); // (3000 − 1024) / 2 = 988 MB = 0.9648 GB
        assert_eq!(cache(512), "0.25");
    }

    #[test]
    fn replica_set_by_default_with_concerns_from_consistency() {
        let mut input = DbConfigInput::new(Engine::Mongodb, Memory::new(16, MemoryUnit::Gb));
        input.consistency = Some(Consistency::Eventual);
        let config = configure(&input);
        assert_eq!(
            config.get("storage.wiredTiger.engineConfig.cacheSizeGB"),
            Some("7.5")
        );
        assert_eq!(config.get("sharding.clusterRole"), None);
        assert!(
            config
                .cluster_value("topology")
                .unwrap()
                .starts_with("replica set")
        );
        assert_eq!(
            config.cluster_value("defaultReadConcern"),
            Some(r#"{ level: "local" }"#)
        );
        assert_eq!(
            config.cluster_value("readPreference"),
            Some("secondaryPreferred")
        );
        assert!(config.warnings.is_empty());
    }

    #[test]
    fn shards_from_three_terabytes() {
        let mut input = DbConfigInput::new(Engine::Mongodb, Memory::new(64, MemoryUnit::Gb));
        input.data_gb = Some(5000);
        input.time_series = true;
        let config = configure(&input);
        assert_eq!(config.get("sharding.clusterRole"), Some("shardsvr"));
        // ceil(5000 / 2048) = 3 shards.
        assert!(
            config
                .cluster_value("topology")
                .unwrap()
                .starts_with("sharded cluster: 3 shards")
        );
        assert!(
            config
                .cluster_value("shardKey")
                .unwrap()
                .starts_with("ranged")
        );
        assert_eq!(
            config.cluster_value("defaultReadConcern"),
            Some(r#"{ level: "majority" }"#)
        );
        input.data_gb = Some(100);
        assert!(configure(&input).cluster_value("shardKey").is_none());
    }
}
