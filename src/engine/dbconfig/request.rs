//! Inputs as given: a plan component and command-line flags, each a
//! [`Request`] of optional values. [`Request::overlay`] puts flags over the
//! component and [`Request::resolve`] applies defaults and checks ranges,
//! giving the [`DbConfigInput`] the engines take.
//!
//! What a component contributes: `database.technology` (the engine),
//! `deployment.sizing` (memory, vCores, storage class, size and IOPS),
//! `criteria` (connections, query patterns, data size, consistency, HA),
//! `highAvailability`, `usage.storageGB` and the engine blocks
//! (`postgresql.version`, `mongodb.clusterType`, `redis`, `elasticsearch.topology`).

use crate::plan::component::{Component, ComponentType, DiskClass};
use crate::plan::database::{
    self, Consistency, DatabaseConfig, DatabaseType, EvictionPolicy, MongoClusterType,
    PostgresqlVersion, QueryPatterns, RedisPersistenceType,
};
use crate::plan::quantity::{Duration, MemoryQuantity};

use super::postgresql::format_kb;
use super::{
    DataSize, DbConfigInput, Engine, Memory, Os, RedisChoices, Role, StatedSettings, Storage,
    Workload, postgresql,
};

/// Why the inputs cannot be turned into a configuration.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    /// A memory size that is not a whole number of MB, GB or TB.
    #[error("`{text}` is not a memory size")]
    Memory {
        /// What was given.
        text: String,
    },
    /// Neither `--engine` nor a component technology.
    #[error("{}", match component {
        Some(id) => format!("component `{id}` has no database.technology"),
        None => "no engine given".to_owned(),
    })]
    MissingEngine {
        /// The component, when one was given.
        component: Option<String>,
    },
    /// Neither `--memory` nor `deployment.sizing.memory`.
    #[error("{}", match component {
        Some(id) => format!("component `{id}` has no deployment.sizing.memory"),
        None => "no memory size given".to_owned(),
    })]
    MissingMemory {
        /// The component, when one was given.
        component: Option<String>,
    },
    /// The component is not `type: database`.
    #[error("component `{id}` is a {kind} component, not a database")]
    NotADatabase {
        /// Component id.
        id: String,
        /// Its type, as the plan spells it.
        kind: &'static str,
    },
    /// The technology has no engine configuration.
    #[error("component `{id}` uses `{technology}`, which `db config` cannot configure")]
    UnsupportedTechnology {
        /// Component id.
        id: String,
        /// Its technology.
        technology: String,
    },
    /// A PostgreSQL version PGTune does not tune.
    #[error("PostgreSQL {version} is not a version PGTune tunes")]
    PgVersion {
        /// The version as given.
        version: String,
    },
    /// Fewer connections than PGTune accepts.
    #[error("{connections} connections is below PGTune's minimum of 20")]
    TooFewConnections {
        /// The number given.
        connections: u32,
    },
}

impl InputError {
    /// How to fix it.
    pub fn help(&self) -> String {
        match self {
            Self::Memory { .. } => {
                "write a whole number and MB, GB or TB (1 to 999999), e.g. `16GB` or `1536MB`"
                    .to_owned()
            }
            Self::MissingEngine { component: None } => format!(
                "pass --engine ({}), or --component ID to read a plan's database",
                engine_names()
            ),
            Self::MissingEngine { .. } | Self::UnsupportedTechnology { .. } => format!(
                "pass --engine to configure it as one of: {}",
                Engine::supported_list()
            ),
            Self::MissingMemory { component: None } => {
                "pass --memory, e.g. `--memory 16GB`".to_owned()
            }
            Self::MissingMemory { .. } => "state deployment.sizing.memory or a tier the catalog \
                                            prices, give criteria.scale for a suggested size, or \
                                            pass --memory, e.g. `--memory 16GB`"
                .to_owned(),
            Self::NotADatabase { .. } => {
                "`db config` works on `type: database` components".to_owned()
            }
            Self::PgVersion { .. } => format!(
                "use a major version from {} to {}, e.g. `--pg-version {}`",
                postgresql::MIN_VERSION,
                postgresql::MAX_VERSION,
                postgresql::DEFAULT_VERSION
            ),
            Self::TooFewConnections { .. } => {
                "pass --connections 20 or more, or leave it out for the workload's default"
                    .to_owned()
            }
        }
    }
}

fn engine_names() -> String {
    Engine::ALL.map(Engine::as_str).join(", ")
}

/// Inputs as given, every one optional so sources can be layered.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Request {
    /// The component these inputs came from, for messages.
    pub component: Option<String>,
    /// The component's technology id, for messages when it has no engine.
    pub technology: Option<String>,
    /// Engine.
    pub engine: Option<Engine>,
    /// Server memory.
    pub memory: Option<Memory>,
    /// Logical CPUs.
    pub cpus: Option<u32>,
    /// Peak connections.
    pub connections: Option<u32>,
    /// Storage class.
    pub storage: Option<Storage>,
    /// Application kind.
    pub workload: Option<Workload>,
    /// PostgreSQL major version, as written.
    pub pg_version: Option<String>,
    /// Operating system.
    pub os: Option<Os>,
    /// Data size compared with RAM.
    pub data_size: Option<DataSize>,
    /// The criteria's data-size class, used when no number is known.
    pub data_class: Option<database::DataSize>,
    /// Total data, GB.
    pub data_gb: Option<u64>,
    /// Redis role.
    pub role: Option<Role>,
    /// High availability required.
    pub high_availability: Option<bool>,
    /// Consistency required.
    pub consistency: Option<Consistency>,
    /// Writes dominate.
    pub write_heavy: Option<bool>,
    /// Time-range queries dominate.
    pub time_series: Option<bool>,
    /// Provisioned IOPS.
    pub iops: Option<u32>,
    /// Disk per node, GB.
    pub disk_gb: Option<u64>,
    /// Elasticsearch data nodes.
    pub data_nodes: Option<u32>,
    /// MongoDB sharded cluster.
    pub mongodb_sharded: Option<bool>,
    /// Explicit Redis choices.
    pub redis: RedisChoices,
    /// Where a plan-stated connection limit came from (`postgresql.parameters.max_connections`).
    pub connections_stated_at: Option<&'static str>,
    /// Concurrent connections the criteria expect, when a stated limit took precedence.
    pub expected_connections: Option<u32>,
    /// Settings the plan states, which win over computed values.
    pub stated: StatedSettings,
    /// Where inputs came from, for the output (e.g. the memory read from the plan's tier).
    pub notes: Vec<String>,
}

impl Request {
    /// `over` on top of `self`: every value `over` has wins. A role in `over`
    /// also replaces the eviction policy and persistence `self` chose, since
    /// those follow from the role.
    #[must_use]
    pub fn overlay(self, over: Self) -> Self {
        let mut redis = self.redis;
        if over.role.is_some() {
            redis.eviction = None;
            redis.persistence = None;
        }
        // A connection count on the command line replaces the plan's, and
        // with it what the plan said about it.
        let (connections_stated_at, expected_connections) = if over.connections.is_some() {
            (over.connections_stated_at, over.expected_connections)
        } else {
            (self.connections_stated_at, self.expected_connections)
        };
        let mut notes = self.notes;
        notes.extend(over.notes);
        Self {
            component: over.component.or(self.component),
            technology: over.technology.or(self.technology),
            engine: over.engine.or(self.engine),
            memory: over.memory.or(self.memory),
            cpus: over.cpus.or(self.cpus),
            connections: over.connections.or(self.connections),
            storage: over.storage.or(self.storage),
            workload: over.workload.or(self.workload),
            pg_version: over.pg_version.or(self.pg_version),
            os: over.os.or(self.os),
            data_size: over.data_size.or(self.data_size),
            data_class: over.data_class.or(self.data_class),
            data_gb: over.data_gb.or(self.data_gb),
            role: over.role.or(self.role),
            high_availability: over.high_availability.or(self.high_availability),
            consistency: over.consistency.or(self.consistency),
            write_heavy: over.write_heavy.or(self.write_heavy),
            time_series: over.time_series.or(self.time_series),
            iops: over.iops.or(self.iops),
            disk_gb: over.disk_gb.or(self.disk_gb),
            data_nodes: over.data_nodes.or(self.data_nodes),
            mongodb_sharded: over.mongodb_sharded.or(self.mongodb_sharded),
            redis,
            connections_stated_at,
            expected_connections,
            stated: self.stated.overlay(over.stated),
            notes,
        }
    }

    /// Applies defaults and checks ranges.
    pub fn resolve(self) -> Result<DbConfigInput, InputError> {
        let engine = self.engine()?;
        let memory = self.memory.ok_or_else(|| InputError::MissingMemory {
            component: self.component.clone(),
        })?;
        let pg_version = self.postgresql_version(engine)?;
        let notes = self.input_notes();
        Ok(DbConfigInput {
            engine,
            memory,
            cpus: self.cpus,
            connections: self.connections,
            storage: self.storage.unwrap_or_default(),
            workload: self.workload.unwrap_or_default(),
            pg_version,
            os: self.os.unwrap_or_default(),
            data_size: self.data_size_class(memory),
            data_gb: self.data_gb,
            role: self.role.unwrap_or_else(|| role_from(&self.redis)),
            high_availability: self.high_availability.unwrap_or(false),
            consistency: self.consistency,
            write_heavy: self.write_heavy.unwrap_or(false),
            time_series: self.time_series.unwrap_or(false),
            iops: self.iops,
            disk_gb: self.disk_gb,
            data_nodes: self.data_nodes,
            mongodb_sharded: self.mongodb_sharded,
            redis: self.redis,
            notes,
            stated: self.stated,
        })
    }

    /// Where the inputs came from, plus a stated connection limit that
    /// differs from what the criteria expect.
    fn input_notes(&self) -> Vec<String> {
        let mut notes = self.notes.clone();
        if let (Some(limit), Some(at), Some(expected)) = (
            self.connections,
            self.connections_stated_at,
            self.expected_connections,
        ) && limit != expected
        {
            notes.push(format!(
                "connections: {limit} as the plan states ({at}); the criteria expect {expected} \
                 concurrent connections{}",
                if expected > limit {
                    ", so a connection pooler has to absorb the rest"
                } else {
                    ""
                }
            ));
        }
        notes
    }

    /// The engine, or why there is none.
    fn engine(&self) -> Result<Engine, InputError> {
        match (self.engine, &self.technology, &self.component) {
            (Some(engine), _, _) => Ok(engine),
            (None, Some(technology), Some(id)) => Err(InputError::UnsupportedTechnology {
                id: id.clone(),
                technology: technology.clone(),
            }),
            (None, _, component) => Err(InputError::MissingEngine {
                component: component.clone(),
            }),
        }
    }

    /// The PostgreSQL version, after checking it and the connection count
    /// against PGTune's ranges; the default for other engines.
    fn postgresql_version(&self, engine: Engine) -> Result<u32, InputError> {
        if engine != Engine::Postgresql {
            return Ok(postgresql::DEFAULT_VERSION);
        }
        if let Some(connections) = self
            .connections
            .filter(|&c| c < postgresql::MIN_CONNECTIONS)
        {
            return Err(InputError::TooFewConnections { connections });
        }
        pg_version(self.pg_version.as_deref())
    }

    /// Given class, else from the data size in GB, else from an unambiguous
    /// criteria class (small < 1 GB, massive > 10 TB), else 1–3× RAM.
    fn data_size_class(&self, memory: Memory) -> DataSize {
        if let Some(class) = self.data_size {
            return class;
        }
        if let Some(gb) = self.data_gb {
            return DataSize::classify(gb, memory);
        }
        match self.data_class {
            Some(database::DataSize::Small) if memory.mb() >= 1024 => DataSize::LessRam,
            Some(database::DataSize::Massive) => DataSize::GreaterRam,
            _ => DataSize::MidRam,
        }
    }
}

/// The major version in `16`, `16.4` or `18`, checked against PGTune's range.
fn pg_version(text: Option<&str>) -> Result<u32, InputError> {
    let Some(text) = text else {
        return Ok(postgresql::DEFAULT_VERSION);
    };
    let error = || InputError::PgVersion {
        version: text.to_owned(),
    };
    let major = text.trim().split('.').next().unwrap_or_default();
    let version: u32 = major.parse().map_err(|_| error())?;
    if (postgresql::MIN_VERSION..=postgresql::MAX_VERSION).contains(&version) {
        Ok(version)
    } else {
        Err(error())
    }
}

/// A primary store when the plan refuses eviction or logs every write.
fn role_from(redis: &RedisChoices) -> Role {
    let keeps_everything = redis.eviction == Some(EvictionPolicy::Noeviction)
        || matches!(
            redis.persistence,
            Some(RedisPersistenceType::Aof | RedisPersistenceType::Both)
        );
    if keeps_everything {
        Role::Primary
    } else {
        Role::Cache
    }
}

/// The inputs a `type: database` component gives.
pub fn from_component(component: &Component) -> Result<Request, InputError> {
    if component.kind != ComponentType::Database {
        return Err(InputError::NotADatabase {
            id: component.id.as_str().to_owned(),
            kind: component.kind.as_str(),
        });
    }
    let empty = DatabaseConfig::default();
    let db = component.database.as_ref().unwrap_or(&empty);
    let engine = db.technology.as_deref().and_then(Engine::for_technology);
    let mut request = Request {
        component: Some(component.id.as_str().to_owned()),
        technology: db.technology.clone(),
        engine,
        ..Request::default()
    };
    apply_sizing(&mut request, db);
    apply_criteria(&mut request, db);
    apply_engine_blocks(&mut request, db, engine);
    Ok(request)
}

fn apply_sizing(request: &mut Request, db: &DatabaseConfig) {
    let Some(sizing) = db.deployment.as_ref().and_then(|d| d.sizing.as_ref()) else {
        return;
    };
    request.memory = sizing
        .memory
        .as_ref()
        .and_then(|m| Memory::from_bytes(m.bytes()));
    request.cpus = sizing.vcores;
    if let Some(storage) = &sizing.storage {
        request.storage = Some(storage_class(storage.kind));
        request.disk_gb = Some(u64::from(storage.size_gb));
        request.iops = storage.iops;
    }
}

/// Plan disk classes as PGTune storage: standard disks are HDD-backed;
/// provisioned-IOPS volumes are network storage.
fn storage_class(kind: DiskClass) -> Storage {
    match kind {
        DiskClass::Standard => Storage::Hdd,
        DiskClass::Ssd | DiskClass::PremiumSsd => Storage::Ssd,
        DiskClass::IoOptimized => Storage::San,
    }
}

fn apply_criteria(request: &mut Request, db: &DatabaseConfig) {
    let criteria = db.criteria.clone().unwrap_or_default();
    let patterns = criteria.query_patterns.unwrap_or_default();
    request.workload = Some(workload_from(db.kind, &patterns));
    request.write_heavy = Some(patterns.write_heavy);
    let time_model = criteria
        .data_model
        .is_some_and(|m| m.kind == database::DataModelType::TimeSeries);
    request.time_series = Some(patterns.time_range_queries || time_model);
    let scale = criteria.scale;
    request.data_class = scale.as_ref().map(|s| s.data_size);
    let expected = scale.map(|s| s.concurrent_connections).filter(|&c| c > 0);
    // A limit the plan states is a decision; the criteria's count is an estimate.
    let stated = db
        .postgresql
        .as_ref()
        .and_then(|p| p.parameters.as_ref())
        .and_then(|p| p.max_connections)
        .map(|n| (n, "postgresql.parameters.max_connections"))
        .or_else(|| {
            db.performance
                .as_ref()
                .and_then(|p| p.max_connections)
                .map(|n| (n, "performance.maxConnections"))
        });
    if let Some((limit, at)) = stated {
        request.connections = Some(limit);
        request.connections_stated_at = Some(at);
        request.expected_connections = expected;
    } else {
        request.connections = expected;
    }
    request.consistency = criteria.performance.map(|p| p.consistency);
    let ha_section = db.high_availability.as_ref().is_some_and(|h| h.enabled);
    let ha_criterion = criteria.operational.is_some_and(|o| o.high_availability);
    request.high_availability = Some(ha_section || ha_criterion);
    request.data_gb = db.usage.as_ref().and_then(|u| u.storage_gb).map(whole_gb);
}

/// Rounds stored GB up to a whole number (`usage.storageGB` is a decimal).
fn whole_gb(gb: f64) -> u64 {
    // Clamped to a non-negative range that fits, so the cast is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let whole = gb.clamp(0.0, 1.0e15).ceil() as u64;
    whole
}

/// PGTune's application kind from the plan: a warehouse is `dw`; analytics
/// (aggregations, real-time analytics) is `mixed`; write-heavy is `oltp`;
/// anything else `web`.
fn workload_from(kind: Option<DatabaseType>, patterns: &QueryPatterns) -> Workload {
    if kind == Some(DatabaseType::DataWarehouse) {
        Workload::Dw
    } else if patterns.aggregations || patterns.real_time_analytics {
        Workload::Mixed
    } else if patterns.write_heavy {
        Workload::Oltp
    } else {
        Workload::Web
    }
}

fn apply_engine_blocks(request: &mut Request, db: &DatabaseConfig, engine: Option<Engine>) {
    let block_version = db
        .postgresql
        .as_ref()
        .and_then(|p| p.version)
        .and_then(postgresql_version);
    let general_version = db
        .version
        .clone()
        .filter(|_| engine == Some(Engine::Postgresql));
    request.pg_version = block_version.or(general_version);
    if let Some(mongodb) = &db.mongodb {
        request.mongodb_sharded = Some(mongodb.cluster_type == MongoClusterType::Sharded);
    }
    if let Some(redis) = &db.redis {
        let persistence = redis.persistence.as_ref();
        request.redis = RedisChoices {
            eviction: redis.eviction_policy,
            persistence: persistence.map(|p| p.kind),
            rdb_seconds: persistence
                .and_then(|p| p.rdb_frequency.as_ref())
                .map(Duration::seconds),
            aof_policy: persistence.and_then(|p| p.aof_policy),
            max_memory_bytes: redis.max_memory.as_ref().map(MemoryQuantity::bytes),
            cluster_mode: redis.cluster_mode,
        };
    }
    if let Some(elasticsearch) = &db.elasticsearch {
        request.data_nodes = Some(elasticsearch.topology.data_nodes);
    }
    state_settings(&mut request.stated, db);
}

/// The settings the plan states outright, each with where it says so.
/// `max_connections` is not among them: it is the connection input, so the
/// memory per connection follows it.
fn state_settings(stated: &mut StatedSettings, db: &DatabaseConfig) {
    if let Some(p) = db.postgresql.as_ref().and_then(|p| p.parameters.as_ref()) {
        let memory = |q: &Option<MemoryQuantity>| q.as_ref().map(|q| format_kb(q.bytes() / 1024));
        let entries = [
            (
                "shared_buffers",
                memory(&p.shared_buffers),
                "postgresql.parameters.shared_buffers",
            ),
            (
                "effective_cache_size",
                memory(&p.effective_cache_size),
                "postgresql.parameters.effective_cache_size",
            ),
            (
                "maintenance_work_mem",
                memory(&p.maintenance_work_mem),
                "postgresql.parameters.maintenance_work_mem",
            ),
            (
                "checkpoint_completion_target",
                p.checkpoint_completion_target.map(|v| v.to_string()),
                "postgresql.parameters.checkpoint_completion_target",
            ),
            (
                "wal_buffers",
                memory(&p.wal_buffers),
                "postgresql.parameters.wal_buffers",
            ),
            (
                "default_statistics_target",
                p.default_statistics_target.map(|v| v.to_string()),
                "postgresql.parameters.default_statistics_target",
            ),
            (
                "random_page_cost",
                p.random_page_cost.map(|v| v.to_string()),
                "postgresql.parameters.random_page_cost",
            ),
            (
                "effective_io_concurrency",
                p.effective_io_concurrency.map(|v| v.to_string()),
                "postgresql.parameters.effective_io_concurrency",
            ),
            (
                "work_mem",
                memory(&p.work_mem),
                "postgresql.parameters.work_mem",
            ),
        ];
        for (name, value, at) in entries {
            if let Some(value) = value {
                stated.push(name, &value, at);
            }
        }
    }
    if let Some(elasticsearch) = &db.elasticsearch {
        stated.master_nodes = Some(elasticsearch.topology.master_nodes);
        if let Some(index) = &elasticsearch.index_settings {
            stated.push_cluster(
                "index.number_of_shards",
                &index.number_of_shards,
                "elasticsearch.indexSettings.numberOfShards",
            );
            stated.push_cluster(
                "index.number_of_replicas",
                &index.number_of_replicas,
                "elasticsearch.indexSettings.numberOfReplicas",
            );
        }
    }
    if let Some(mongodb) = &db.mongodb {
        state_mongodb(stated, mongodb);
    }
}

fn state_mongodb(stated: &mut StatedSettings, mongodb: &database::MongodbConfig) {
    if let Some(sharding) = &mongodb.sharding {
        stated.mongodb_shards = Some(sharding.num_shards);
        let direction = match sharding.strategy {
            database::ShardStrategy::Hashed => "\"hashed\"",
            database::ShardStrategy::Ranged => "1",
        };
        let fields: Vec<String> = sharding
            .shard_key
            .split(',')
            .map(|field| format!("{}: {direction}", field.trim()))
            .collect();
        stated.push_cluster(
            "shardKey",
            &format!("{{ {} }}", fields.join(", ")),
            "mongodb.sharding.shardKey",
        );
    }
    if let Some(level) = mongodb.read_concern {
        let level = serde_json::to_value(level)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        stated.push_cluster(
            "defaultReadConcern",
            &format!(r#"{{ level: "{level}" }}"#),
            "mongodb.readConcern",
        );
    }
    if let Some(concern) = &mongodb.write_concern {
        let w = match &concern.w {
            database::WriteAcknowledgement::Members(n) => n.to_string(),
            database::WriteAcknowledgement::Majority(_) => "\"majority\"".to_owned(),
        };
        let mut text = format!("{{ w: {w}");
        if concern.j {
            text.push_str(", j: true");
        }
        if let Some(timeout) = concern.wtimeout {
            text = format!("{text}, wtimeout: {timeout}");
        }
        text.push_str(" }");
        stated.push_cluster("defaultWriteConcern", &text, "mongodb.writeConcern");
    }
}

/// The version as the plan spells it (`"16"`), whatever versions the plan model lists.
fn postgresql_version(version: PostgresqlVersion) -> Option<String> {
    serde_json::to_value(version)
        .ok()
        .and_then(|value| value.as_str().map(str::to_owned))
}

#[cfg(test)]
#[path = "request_tests.rs"]
mod tests;
