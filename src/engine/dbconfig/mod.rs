//! Engine-specific database configuration (`infraplan db config`): server
//! settings for PostgreSQL, MySQL, MongoDB, Redis and Elasticsearch from a
//! server's memory, CPUs, storage and workload.
//!
//! [`configure`] is a pure function of a resolved [`DbConfigInput`]; the
//! [`request`] module layers a plan component and command-line flags into
//! that input, and [`render`] writes the result in each engine's own config
//! syntax. Invariants: memory arithmetic is exact integer arithmetic (kB =
//! 1024 bytes, as PGTune), parameters keep the engine's config-file order,
//! and the same input always gives the same bytes.

mod component;
pub mod elasticsearch;
pub mod managed;
pub mod mongodb;
pub mod mysql;
pub mod postgresql;
pub mod redis;
pub mod render;
pub mod request;
pub mod stated;
mod units;

use std::fmt;

pub use component::configure_component;
pub use request::{InputError, Request};
pub use stated::StatedSettings;
pub use units::{Memory, MemoryUnit};

use crate::plan::database::{AofPolicy, Consistency, EvictionPolicy, RedisPersistenceType};

/// A database engine `db config` can configure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Engine {
    /// PostgreSQL, tuned with the PGTune method.
    Postgresql,
    /// MySQL / InnoDB.
    Mysql,
    /// MongoDB / WiredTiger.
    Mongodb,
    /// Redis.
    Redis,
    /// Elasticsearch (also OpenSearch).
    Elasticsearch,
}

/// Catalog technologies `db config` understands, and the engine whose
/// configuration applies to each.
pub const TECHNOLOGIES: [(&str, Engine); 9] = [
    ("postgresql", Engine::Postgresql),
    ("timescaledb", Engine::Postgresql),
    ("pgvector", Engine::Postgresql),
    ("mysql", Engine::Mysql),
    ("mariadb", Engine::Mysql),
    ("mongodb", Engine::Mongodb),
    ("redis", Engine::Redis),
    ("elasticsearch", Engine::Elasticsearch),
    ("opensearch", Engine::Elasticsearch),
];

impl Engine {
    /// Every engine, in the order help and errors list them.
    pub const ALL: [Self; 5] = [
        Self::Postgresql,
        Self::Mysql,
        Self::Mongodb,
        Self::Redis,
        Self::Elasticsearch,
    ];

    /// The lower-case name used on the command line and in JSON.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Postgresql => "postgresql",
            Self::Mysql => "mysql",
            Self::Mongodb => "mongodb",
            Self::Redis => "redis",
            Self::Elasticsearch => "elasticsearch",
        }
    }

    /// The product name.
    pub const fn display_name(self) -> &'static str {
        match self {
            Self::Postgresql => "PostgreSQL",
            Self::Mysql => "MySQL",
            Self::Mongodb => "MongoDB",
            Self::Redis => "Redis",
            Self::Elasticsearch => "Elasticsearch",
        }
    }

    /// The engine configured for a catalog technology id, if any.
    pub fn for_technology(id: &str) -> Option<Self> {
        TECHNOLOGIES
            .iter()
            .find(|(name, _)| *name == id)
            .map(|&(_, engine)| engine)
    }

    /// "postgresql (also timescaledb, pgvector), mysql (also mariadb), …":
    /// what `db config` supports, for error messages and docs.
    pub fn supported_list() -> String {
        Self::ALL
            .iter()
            .map(|engine| {
                let aliases: Vec<&str> = TECHNOLOGIES
                    .iter()
                    .filter(|(name, e)| e == engine && *name != engine.as_str())
                    .map(|(name, _)| *name)
                    .collect();
                if aliases.is_empty() {
                    engine.as_str().to_owned()
                } else {
                    format!("{} (also {})", engine.as_str(), aliases.join(", "))
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Kind of application, as PGTune names them; decides PostgreSQL's ratios.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Workload {
    /// Web application (the default).
    #[default]
    Web,
    /// Online transaction processing.
    Oltp,
    /// Data warehouse.
    Dw,
    /// Desktop application.
    Desktop,
    /// Mixed transactional and analytical.
    Mixed,
}

impl Workload {
    /// PGTune's spelling.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Web => "web",
            Self::Oltp => "oltp",
            Self::Dw => "dw",
            Self::Desktop => "desktop",
            Self::Mixed => "mixed",
        }
    }
}

/// Storage class of the data volume.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Storage {
    /// Spinning disks.
    Hdd,
    /// SSD (the default).
    #[default]
    Ssd,
    /// Network storage (SAN, provisioned-IOPS cloud volumes).
    San,
    /// Local NVMe drives.
    Nvme,
}

impl Storage {
    /// PGTune's spelling.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Hdd => "hdd",
            Self::Ssd => "ssd",
            Self::San => "san",
            Self::Nvme => "nvme",
        }
    }
}

/// Operating system of the database server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Os {
    /// Linux (the default).
    #[default]
    Linux,
    /// Windows.
    Windows,
    /// macOS.
    Mac,
}

impl Os {
    /// PGTune's spelling.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Linux => "linux",
            Self::Windows => "windows",
            Self::Mac => "mac",
        }
    }
}

/// Total data size compared with RAM (PGTune's "data size" input).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DataSize {
    /// Data fits in RAM.
    LessRam,
    /// One to three times RAM (the default).
    #[default]
    MidRam,
    /// More than three times RAM.
    GreaterRam,
}

impl DataSize {
    /// PGTune's spelling.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::LessRam => "less_ram",
            Self::MidRam => "mid_ram",
            Self::GreaterRam => "greater_ram",
        }
    }

    /// The class of `data_gb` of data on a server with `memory`.
    pub fn classify(data_gb: u64, memory: Memory) -> Self {
        let megabytes = data_gb.saturating_mul(1024);
        if megabytes < memory.mb() {
            Self::LessRam
        } else if megabytes <= memory.mb().saturating_mul(3) {
            Self::MidRam
        } else {
            Self::GreaterRam
        }
    }
}

/// What a Redis instance is for; decides eviction and persistence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Role {
    /// A cache: losing keys is acceptable (the default).
    #[default]
    Cache,
    /// The primary store: keys must not be lost.
    Primary,
}

impl Role {
    /// Command-line spelling.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Cache => "cache",
            Self::Primary => "primary",
        }
    }
}

/// Redis choices a plan can make explicitly; each overrides the role's default.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RedisChoices {
    /// Eviction policy.
    pub eviction: Option<EvictionPolicy>,
    /// Persistence kind.
    pub persistence: Option<RedisPersistenceType>,
    /// Seconds between RDB snapshots.
    pub rdb_seconds: Option<u64>,
    /// AOF fsync policy.
    pub aof_policy: Option<AofPolicy>,
    /// `maxmemory`, bytes.
    pub max_memory_bytes: Option<u64>,
    /// Redis Cluster (sharded) mode.
    pub cluster_mode: bool,
}

/// Everything an engine needs, with defaults applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbConfigInput {
    /// Which engine to configure.
    pub engine: Engine,
    /// Memory of one server.
    pub memory: Memory,
    /// Logical CPUs of one server, when known.
    pub cpus: Option<u32>,
    /// Peak client connections, when known.
    pub connections: Option<u32>,
    /// Storage class.
    pub storage: Storage,
    /// Application kind (PostgreSQL).
    pub workload: Workload,
    /// PostgreSQL major version, 10 to 18.
    pub pg_version: u32,
    /// Operating system.
    pub os: Os,
    /// Data size compared with RAM (PostgreSQL).
    pub data_size: DataSize,
    /// Total primary data, GB, when known (Elasticsearch shards, MongoDB sharding).
    pub data_gb: Option<u64>,
    /// Redis role.
    pub role: Role,
    /// Whether the database must survive losing a node or zone.
    pub high_availability: bool,
    /// Consistency the application needs (MongoDB read/write concerns).
    pub consistency: Option<Consistency>,
    /// Writes dominate.
    pub write_heavy: bool,
    /// Queries over time windows dominate (logs, metrics, events).
    pub time_series: bool,
    /// Provisioned IOPS of the data volume (MySQL).
    pub iops: Option<u32>,
    /// Disk per node, GB (Elasticsearch node count).
    pub disk_gb: Option<u64>,
    /// Data nodes the plan fixes (Elasticsearch).
    pub data_nodes: Option<u32>,
    /// The plan's MongoDB cluster type: `Some(true)` for sharded.
    pub mongodb_sharded: Option<bool>,
    /// The plan's explicit Redis choices.
    pub redis: RedisChoices,
    /// Where inputs came from, passed on to the output.
    pub notes: Vec<String>,
    /// Settings the plan states, which win over computed ones.
    pub stated: StatedSettings,
}

impl DbConfigInput {
    /// An input for `engine` on a server with `memory`, every other field at its default.
    pub fn new(engine: Engine, memory: Memory) -> Self {
        Self {
            engine,
            memory,
            cpus: None,
            connections: None,
            storage: Storage::default(),
            workload: Workload::default(),
            pg_version: postgresql::DEFAULT_VERSION,
            os: Os::default(),
            data_size: DataSize::default(),
            data_gb: None,
            role: Role::default(),
            high_availability: false,
            consistency: None,
            write_heavy: false,
            time_series: false,
            iops: None,
            disk_gb: None,
            data_nodes: None,
            mongodb_sharded: None,
            redis: RedisChoices::default(),
            notes: Vec::new(),
            stated: StatedSettings::default(),
        }
    }
}

/// One setting: its name and its value exactly as the config file spells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parameter {
    /// Name as in the config file (dotted for YAML files, `-Xms` for JVM options).
    pub name: &'static str,
    /// Rendered value, e.g. `4GB`, `1536MB`, `allkeys-lru`.
    pub value: String,
}

impl Parameter {
    /// A parameter from anything displayable.
    pub fn new(name: &'static str, value: impl fmt::Display) -> Self {
        Self {
            name,
            value: value.to_string(),
        }
    }
}

/// A warning: one or more lines, kept as the source tool breaks them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The lines, in order.
    pub lines: Vec<String>,
}

impl Warning {
    /// A warning from its lines.
    pub fn new<S: Into<String>>(lines: impl IntoIterator<Item = S>) -> Self {
        Self {
            lines: lines.into_iter().map(Into::into).collect(),
        }
    }

    /// The warning as one sentence (lines joined with spaces).
    pub fn message(&self) -> String {
        self.lines.join(" ")
    }
}

/// A generated configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbConfig {
    /// The engine configured.
    pub engine: Engine,
    /// The inputs, echoed as `Label: value` lines at the top of the file.
    pub header: Vec<String>,
    /// Server settings, in the engine's config-file order.
    pub parameters: Vec<Parameter>,
    /// Settings applied outside the server's file: topology, index
    /// defaults, cluster-wide concerns. Empty for PostgreSQL and MySQL.
    pub cluster: Vec<Parameter>,
    /// Warnings, in order.
    pub warnings: Vec<Warning>,
    /// Where inputs came from and where the plan's stated settings replaced
    /// computed ones, in order.
    pub notes: Vec<String>,
}

impl DbConfig {
    /// The value of a parameter, if it is set.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.parameters
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.value.as_str())
    }

    /// The value of a cluster-level setting, if it is set.
    pub fn cluster_value(&self, name: &str) -> Option<&str> {
        self.cluster
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.value.as_str())
    }
}

/// Configures the input's engine.
///
/// Settings the plan states replace the computed ones afterwards, each
/// difference noted.
pub fn configure(input: &DbConfigInput) -> DbConfig {
    let mut config = match input.engine {
        Engine::Postgresql => postgresql::configure(input),
        Engine::Mysql => mysql::configure(input),
        Engine::Mongodb => mongodb::configure(input),
        Engine::Redis => redis::configure(input),
        Engine::Elasticsearch => elasticsearch::configure(input),
    };
    let mut notes = input.notes.clone();
    notes.append(&mut config.notes);
    config.notes = notes;
    stated::apply(&mut config, &input.stated);
    config
}

#[cfg(test)]
mod tests {
    use super::{DataSize, Engine, Memory, MemoryUnit};

    #[test]
    fn technologies_map_to_engines() {
        assert_eq!(
            Engine::for_technology("opensearch"),
            Some(Engine::Elasticsearch)
        );
        assert_eq!(Engine::for_technology("mariadb"), Some(Engine::Mysql));
        assert_eq!(
            Engine::for_technology("timescaledb"),
            Some(Engine::Postgresql)
        );
        assert_eq!(Engine::for_technology("cosmosdb"), None);
        assert_eq!(
            Engine::supported_list(),
            "postgresql (also timescaledb, pgvector), mysql (also mariadb), mongodb, redis, \
             elasticsearch (also opensearch)"
        );
    }

    #[test]
    fn data_size_classes_compare_with_ram() {
        let ram = Memory::new(16, MemoryUnit::Gb);
        assert_eq!(DataSize::classify(15, ram), DataSize::LessRam);
        assert_eq!(DataSize::classify(16, ram), DataSize::MidRam);
        assert_eq!(DataSize::classify(48, ram), DataSize::MidRam);
        assert_eq!(DataSize::classify(49, ram), DataSize::GreaterRam);
    }
}
