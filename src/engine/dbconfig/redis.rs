//! Redis settings by role (redis.io "Key eviction", "Redis persistence",
//! "Redis administration"): a cache evicts least-recently-used keys and
//! keeps nothing on disk; a primary store refuses writes when full and keeps
//! an append-only file plus snapshots. `maxmemory` leaves headroom below RAM:
//! 25 % for a lone in-memory cache, 40 % when a fork (snapshots, AOF rewrite)
//! or replication buffers need room (ElastiCache reserves 25 % of maxmemory
//! for the same reasons: 75 % / 1.25 = 60 %), 50 % when such a server is
//! write-heavy. The plan's explicit choices win over the role's.

use super::units::format_mb;
use super::{DbConfig, DbConfigInput, Engine, Parameter, Role, Warning};
use crate::plan::database::{AofPolicy, EvictionPolicy, RedisPersistenceType};

/// Redis 7's default snapshot schedule.
const DEFAULT_SAVE: &str = "3600 1 300 100 60 10000";
/// Redis's default `maxclients`.
const DEFAULT_MAX_CLIENTS: u32 = 10_000;

/// The redis.conf settings and topology for `input`.
pub fn configure(input: &DbConfigInput) -> DbConfig {
    let persistence = persistence(input);
    let eviction = input.redis.eviction.unwrap_or(match input.role {
        Role::Cache => EvictionPolicy::AllkeysLru,
        Role::Primary => EvictionPolicy::Noeviction,
    });
    let percent = headroom_percent(input, persistence);
    let recommended_mb = input.memory.mb() * percent / 100;
    let max_memory = input
        .redis
        .max_memory_bytes
        .map_or_else(|| format_mb(recommended_mb, "gb", "mb"), format_bytes);
    let mut parameters = vec![
        Parameter::new("maxmemory", max_memory),
        Parameter::new("maxmemory-policy", policy_name(eviction)),
    ];
    parameters.extend(persistence_parameters(input, persistence));
    if input.redis.cluster_mode {
        parameters.push(Parameter::new("cluster-enabled", "yes"));
    }
    if let Some(clients) = input.connections.filter(|&c| c > DEFAULT_MAX_CLIENTS) {
        parameters.push(Parameter::new("maxclients", clients));
    }
    let mut warnings: Vec<Warning> = input
        .redis
        .max_memory_bytes
        .and_then(|bytes| over_headroom(bytes, recommended_mb, percent))
        .into_iter()
        .collect();
    warnings.extend(advice(input, persistence, eviction));
    DbConfig {
        engine: Engine::Redis,
        header: header(input),
        parameters,
        cluster: vec![Parameter::new("topology", topology(input))],
        warnings,
        notes: Vec::new(),
    }
}

/// A warning when the plan's `maxmemory` exceeds the recommended one.
fn over_headroom(bytes: u64, recommended_mb: u64, percent: u64) -> Option<Warning> {
    (bytes > recommended_mb * 1024 * 1024).then(|| {
        Warning::new([format!(
            "maxmemory {} from the plan is above the recommended {} ({percent}% of RAM): \
             fragmentation, replication buffers and background saves need the rest",
            format_bytes(bytes),
            format_mb(recommended_mb, "gb", "mb")
        )])
    })
}

fn header(input: &DbConfigInput) -> Vec<String> {
    vec![
        "DB: Redis".to_owned(),
        format!("Role: {}", input.role.as_str()),
        format!("Total Memory (RAM): {}", input.memory),
    ]
}

/// The plan's persistence, else none for a cache and both kinds for a primary.
fn persistence(input: &DbConfigInput) -> RedisPersistenceType {
    input.redis.persistence.unwrap_or(match input.role {
        Role::Cache => RedisPersistenceType::None,
        Role::Primary => RedisPersistenceType::Both,
    })
}

/// Percent of RAM `maxmemory` may take.
fn headroom_percent(input: &DbConfigInput, persistence: RedisPersistenceType) -> u64 {
    let forks_or_replicates = persistence != RedisPersistenceType::None || input.high_availability;
    match (forks_or_replicates, input.write_heavy) {
        (false, _) => 75,
        (true, false) => 60,
        (true, true) => 50,
    }
}

fn persistence_parameters(input: &DbConfigInput, kind: RedisPersistenceType) -> Vec<Parameter> {
    use RedisPersistenceType::{Aof, Both, None, Rdb};
    let save = match kind {
        Rdb | Both => input
            .redis
            .rdb_seconds
            .map_or_else(|| DEFAULT_SAVE.to_owned(), |s| format!("{s} 1")),
        None | Aof => r#""""#.to_owned(),
    };
    let mut list = vec![Parameter::new("save", save)];
    if matches!(kind, Aof | Both) {
        let fsync = match input.redis.aof_policy.unwrap_or(AofPolicy::Everysec) {
            AofPolicy::Always => "always",
            AofPolicy::Everysec => "everysec",
            AofPolicy::No => "no",
        };
        list.push(Parameter::new("appendonly", "yes"));
        list.push(Parameter::new("appendfsync", fsync));
    } else {
        list.push(Parameter::new("appendonly", "no"));
    }
    list
}

/// `5gb`, `512mb`, `64kb`, or bytes: the largest exact redis.conf unit.
fn format_bytes(bytes: u64) -> String {
    const KB: u64 = 1024;
    if bytes.is_multiple_of(KB * KB * KB) {
        format!("{}gb", bytes / (KB * KB * KB))
    } else if bytes.is_multiple_of(KB * KB) {
        format!("{}mb", bytes / (KB * KB))
    } else if bytes.is_multiple_of(KB) {
        format!("{}kb", bytes / KB)
    } else {
        bytes.to_string()
    }
}

/// The policy as redis.conf spells it.
pub const fn policy_name(policy: EvictionPolicy) -> &'static str {
    match policy {
        EvictionPolicy::Noeviction => "noeviction",
        EvictionPolicy::AllkeysLru => "allkeys-lru",
        EvictionPolicy::VolatileLru => "volatile-lru",
        EvictionPolicy::AllkeysLfu => "allkeys-lfu",
        EvictionPolicy::VolatileLfu => "volatile-lfu",
        EvictionPolicy::AllkeysRandom => "allkeys-random",
        EvictionPolicy::VolatileRandom => "volatile-random",
        EvictionPolicy::VolatileTtl => "volatile-ttl",
    }
}

fn advice(
    input: &DbConfigInput,
    persistence: RedisPersistenceType,
    eviction: EvictionPolicy,
) -> Vec<Warning> {
    let mut list = Vec::new();
    if persistence != RedisPersistenceType::None {
        list.push(Warning::new([
            "snapshots and AOF rewrites fork, and under heavy writes memory can reach twice the \
             data: set vm.overcommit_memory = 1 and disable transparent huge pages",
        ]));
    }
    if matches!(
        eviction,
        EvictionPolicy::VolatileLru
            | EvictionPolicy::VolatileLfu
            | EvictionPolicy::VolatileRandom
            | EvictionPolicy::VolatileTtl
    ) {
        list.push(Warning::new([format!(
            "{} evicts only keys with a TTL: when no key has one, writes fail as with noeviction",
            policy_name(eviction)
        )]));
    }
    if input.role == Role::Primary && persistence == RedisPersistenceType::None {
        list.push(Warning::new([
            "a primary store without persistence loses every key on restart, and an empty \
             restarted master wipes its replicas: turn persistence on or disable automatic restarts",
        ]));
    }
    if input.connections.is_some_and(|c| c > DEFAULT_MAX_CLIENTS) {
        list.push(Warning::new([
            "raise the open-file limit (ulimit -n) above maxclients + 32",
        ]));
    }
    list
}

/// Sentinel needs three instances; Redis Cluster three primaries, six nodes with replicas.
fn topology(input: &DbConfigInput) -> &'static str {
    match (input.high_availability, input.redis.cluster_mode) {
        (true, true) => "Redis Cluster: 3 primaries with a replica each (6 nodes) across zones",
        (true, false) => "1 primary and 1 replica, with 3 Sentinels in separate zones",
        (false, true) => "Redis Cluster: at least 3 primaries",
        (false, false) => "single node",
    }
}

#[cfg(test)]
mod tests {
    use super::configure;
    use crate::engine::dbconfig::{DbConfigInput, Engine, Memory, MemoryUnit, Role};
    use crate::plan::database::{EvictionPolicy, RedisPersistenceType};

    fn lines(input: &DbConfigInput) -> Vec<String> {
        configure(input)
            .parameters
            .iter()
            .map(|p| format!("{} {}", p.name, p.value))
            .collect()
    }

    #[test]
    fn a_cache_evicts_and_keeps_nothing() {
        let input = DbConfigInput::new(Engine::Redis, Memory::new(16, MemoryUnit::Gb));
        // 75 % of 16384 MB = 12288 MB = 12gb.
        assert_eq!(
            lines(&input),
            [
                "maxmemory 12gb",
                "maxmemory-policy allkeys-lru",
                r#"save """#,
                "appendonly no"
            ]
        );
        assert!(configure(&input).warnings.is_empty());
    }

    #[test]
    fn a_primary_keeps_everything() {
        let mut input = DbConfigInput::new(Engine::Redis, Memory::new(16, MemoryUnit::Gb));
        input.role = Role::Primary;
        // 60 % of 16384 MB = 9830.4 → 9830mb.
        assert_eq!(
            lines(&input),
            [
                "maxmemory 9830mb",
                "maxmemory-policy noeviction",
                "save 3600 1 300 100 60 10000",
                "appendonly yes",
                "appendfsync everysec"
            ]
        );
        input.write_heavy = true;
        assert_eq!(configure(&input).get("maxmemory"), Some("8gb"));
    }

    #[test]
    fn plan_choices_win_and_are_checked() {
        let mut input = DbConfigInput::new(Engine::Redis, Memory::new(6, MemoryUnit::Gb));
        input.high_availability = true;
        input.redis.eviction = Some(EvictionPolicy::VolatileLru);
        input.redis.persistence = Some(RedisPersistenceType::Rdb);
        input.redis.rdb_seconds = Some(3600);
        input.redis.max_memory_bytes = Some(5 * 1024 * 1024 * 1024);
        let config = configure(&input);
        assert_eq!(
            lines(&input),
            [
                "maxmemory 5gb",
                "maxmemory-policy volatile-lru",
                "save 3600 1",
                "appendonly no"
            ]
        );
        // 60 % of 6144 MB = 3686.4 → 3686mb.
        assert_eq!(
            config.warnings[0].message(),
            "maxmemory 5gb from the plan is above the recommended 3686mb (60% of RAM): \
             fragmentation, replication buffers and background saves need the rest"
        );
        assert_eq!(config.warnings.len(), 3);
        assert_eq!(
            config.cluster_value("topology"),
            Some("1 primary and 1 replica, with 3 Sentinels in separate zones")
        );
    }
}
