//! The database section of a component: selection criteria, the chosen
//! technology, deployment (sizing, networking, replication), availability,
//! backup, security, monitoring and engine-specific blocks (specification
//! §5.1–5.3).
//!
//! `technology` is a catalog id rather than a closed enum, so a team can add
//! technologies through `--catalog`; `validate` checks it against the catalog.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::CloudProvider;
use super::component::DiskClass;
use super::money::Money;
use super::quantity::{Duration, MemoryQuantity};

/// Database section of a `type: database` component.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DatabaseConfig {
    /// What the database must do; input to `infraplan recommend-db`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criteria: Option<DatabaseSelectionCriteria>,
    /// Database family of the chosen technology.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<DatabaseType>,
    /// Chosen technology, a catalog id such as `postgresql` (see `infraplan catalog list databases`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub technology: Option<String>,
    /// Engine version, e.g. `16`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Where and how it runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployment: Option<DatabaseDeployment>,
    /// Schema management.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<DatabaseSchemaConfig>,
    /// Performance targets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub performance: Option<DatabasePerformanceConfig>,
    /// High availability.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high_availability: Option<DatabaseHaConfig>,
    /// Backup and disaster recovery.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup: Option<DatabaseBackupConfig>,
    /// Security.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security: Option<DatabaseSecurityConfig>,
    /// Monitoring.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monitoring: Option<DatabaseMonitoringConfig>,
    /// Expected request volume, for request-priced services (DynamoDB on-demand, Cosmos DB serverless, Firestore).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<DatabaseUsage>,
    /// PostgreSQL-specific settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postgresql: Option<PostgresqlConfig>,
    /// MongoDB-specific settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mongodb: Option<MongodbConfig>,
    /// Redis-specific settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redis: Option<RedisConfig>,
    /// Elasticsearch / OpenSearch-specific settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elasticsearch: Option<ElasticsearchConfig>,
}

/// Database family.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DatabaseType {
    /// Tables, SQL, transactions.
    Relational,
    /// JSON-like documents.
    Document,
    /// Values looked up by key.
    KeyValue,
    /// Nodes and edges.
    Graph,
    /// Timestamped measurements.
    TimeSeries,
    /// Full-text and faceted search.
    Search,
    /// Analytical column store.
    DataWarehouse,
    /// Embeddings and similarity search.
    Vector,
}

impl DatabaseType {
    /// The snake_case name used in plan and catalog files.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Relational => "relational",
            Self::Document => "document",
            Self::KeyValue => "key_value",
            Self::Graph => "graph",
            Self::TimeSeries => "time_series",
            Self::Search => "search",
            Self::DataWarehouse => "data_warehouse",
            Self::Vector => "vector",
        }
    }
}

/// What a database must do (specification `DatabaseSelectionCriteria`). Every
/// group is optional in the file; `recommend-db` names any group it needs.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DatabaseSelectionCriteria {
    /// Shape of the data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_model: Option<DataModelCriteria>,
    /// How the data is queried.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query_patterns: Option<QueryPatterns>,
    /// Size and throughput.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<ScaleCriteria>,
    /// Latency and consistency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub performance: Option<PerformanceCriteria>,
    /// Operations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operational: Option<OperationalCriteria>,
    /// Budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<BudgetCriteria>,
}

/// Shape of the data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DataModelCriteria {
    /// Structure of the records.
    #[serde(rename = "type")]
    pub kind: DataModelType,
    /// How much records refer to each other.
    pub relationships: Relationships,
    /// How often the record shape changes.
    pub schema_flexibility: SchemaFlexibility,
}

/// Structure of the records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DataModelType {
    /// Fixed columns.
    Structured,
    /// JSON-like records with varying fields.
    SemiStructured,
    /// Blobs and free text.
    Unstructured,
    /// Entities and their connections.
    Graph,
    /// Measurements over time.
    TimeSeries,
}

/// How much records refer to each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Relationships {
    /// Independent records.
    None,
    /// A few foreign keys.
    Simple,
    /// Many joins.
    Complex,
    /// Multi-hop traversals are the main workload.
    HighlyConnected,
}

/// How often the record shape changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SchemaFlexibility {
    /// Schema changes are planned migrations.
    Rigid,
    /// Fields are added often.
    Flexible,
    /// Every record may differ.
    Schemaless,
}

/// How the data is queried; absent flags are `false`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QueryPatterns {
    /// Reads dominate.
    #[serde(default)]
    pub read_heavy: bool,
    /// Writes dominate.
    #[serde(default)]
    pub write_heavy: bool,
    /// Joins, subqueries, ad-hoc filters.
    #[serde(default)]
    pub complex_queries: bool,
    /// Relevance-ranked text search.
    #[serde(default)]
    pub full_text_search: bool,
    /// Group-by and aggregate queries.
    #[serde(default)]
    pub aggregations: bool,
    /// Analytics over fresh data within seconds.
    #[serde(default)]
    pub real_time_analytics: bool,
    /// Multi-hop relationship queries.
    #[serde(default)]
    pub graph_traversals: bool,
    /// Queries over time windows.
    #[serde(default)]
    pub time_range_queries: bool,
    /// Similarity search over embeddings (an infraplan extension to the specification).
    #[serde(default)]
    pub vector_search: bool,
}

/// Size and throughput.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScaleCriteria {
    /// small < 1 GB, medium 1–100 GB, large 100 GB–10 TB, massive > 10 TB.
    pub data_size: DataSize,
    /// Reads per second at peak.
    #[schemars(range(min = 0.0))]
    pub read_throughput: f64,
    /// Writes per second at peak.
    #[schemars(range(min = 0.0))]
    pub write_throughput: f64,
    /// Concurrent client connections at peak.
    #[serde(default)]
    pub concurrent_connections: u32,
}

/// Data-size class.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DataSize {
    /// Under 1 GB.
    Small,
    /// 1 to 100 GB.
    Medium,
    /// 100 GB to 10 TB.
    Large,
    /// Over 10 TB.
    Massive,
}

/// Latency and consistency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PerformanceCriteria {
    /// Read latency target.
    pub read_latency: LatencyClass,
    /// Write latency target.
    pub write_latency: LatencyClass,
    /// Consistency model required.
    pub consistency: Consistency,
}

/// Latency class.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum LatencyClass {
    /// Under 1 ms.
    UltraLow,
    /// Under 10 ms.
    Low,
    /// Under 100 ms.
    Medium,
    /// Over 100 ms is acceptable.
    High,
}

/// Consistency model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Consistency {
    /// Every read sees the latest write.
    Strong,
    /// Reads converge eventually.
    Eventual,
    /// Causally related writes are seen in order.
    Causal,
}

/// Operational requirements; absent flags are `false`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OperationalCriteria {
    /// Prefer a managed service to running it ourselves.
    #[serde(default)]
    pub managed_preferred: bool,
    /// Serve or replicate across regions.
    #[serde(default)]
    pub multi_region: bool,
    /// Survive the loss of a node or zone.
    #[serde(default)]
    pub high_availability: bool,
    /// Scale capacity without manual resizing.
    #[serde(default)]
    pub auto_scaling: bool,
    /// Days of backups to keep.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_retention: Option<u32>,
}

/// Budget for the database.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BudgetCriteria {
    /// Most the database may cost a month, in the plan's currency.
    pub monthly_budget: Money,
    /// What to favour when scoring.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optimize_for: Option<OptimizeFor>,
}

/// What to favour when scoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OptimizeFor {
    /// Cheapest that fits.
    Cost,
    /// Fastest that fits.
    Performance,
    /// Both (the default).
    #[default]
    Balanced,
}

/// Where and how the database runs (specification `DatabaseDeployment`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DatabaseDeployment {
    /// Managed service, self-managed VMs, or containers.
    #[serde(rename = "type")]
    pub kind: DeploymentType,
    /// Provider, when it differs from the component's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<CloudProvider>,
    /// Provider service name, e.g. `Azure Database for PostgreSQL`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// Engine edition, where editions are priced apart (SQL Server).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<DatabaseEdition>,
    /// Compute and storage size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sizing: Option<DatabaseSizing>,
    /// Connectivity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub networking: Option<DatabaseNetworking>,
    /// Replication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replication: Option<ReplicationConfig>,
}

/// How the database is deployed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeploymentType {
    /// Provider-managed service.
    Managed,
    /// Installed and run on VMs by the team.
    SelfManaged,
    /// Run in containers (e.g. a Kubernetes operator).
    Containerized,
}

/// Compute and storage size (specification `DatabaseSizing`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DatabaseSizing {
    /// Provider SKU as its API spells it (`db.m7g.large`, `GP_Gen5_2`, `db-custom-4-16384`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<String>,
    /// vCores, when no tier is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub vcores: Option<u32>,
    /// Memory, e.g. `16GB`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory: Option<MemoryQuantity>,
    /// Storage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage: Option<DatabaseStorage>,
    /// Nodes of a provisioned cluster that bills per node (a Redshift
    /// cluster); 1 when absent. Search clusters use `elasticsearch.topology`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub nodes: Option<u32>,
}

/// Database storage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DatabaseStorage {
    /// Disk class (default `ssd`); services whose storage has no classes
    /// (DynamoDB, Azure SQL) do not need it.
    #[serde(rename = "type", default)]
    pub kind: DiskClass,
    /// Provisioned size in GB.
    #[serde(rename = "sizeGB")]
    #[schemars(range(min = 1))]
    pub size_gb: u32,
    /// Provisioned IOPS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iops: Option<u32>,
    /// Provisioned throughput, e.g. `250MB/s`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub throughput: Option<String>,
    /// Grow storage automatically.
    #[serde(default)]
    pub auto_grow: bool,
    /// Ceiling for automatic growth, GB.
    #[serde(default, rename = "maxSizeGB", skip_serializing_if = "Option::is_none")]
    pub max_size_gb: Option<u32>,
}

/// Connectivity (specification `DatabaseNetworking`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DatabaseNetworking {
    /// Reachable from the internet.
    #[serde(default)]
    pub public_access: bool,
    /// Reached through a private endpoint / PrivateLink / Private Service Connect.
    #[serde(default)]
    pub private_endpoint: bool,
    /// Injected into the virtual network.
    #[serde(default)]
    pub vnet_integration: bool,
    /// Firewall rules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub firewall_rules: Vec<FirewallRule>,
    /// TLS requirement for clients.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ssl_mode: Option<SslMode>,
    /// Lowest TLS version accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_tls_version: Option<TlsVersion>,
    /// Connection pooling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_pooling: Option<ConnectionPooling>,
}

/// A firewall rule allowing an address range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FirewallRule {
    /// Rule name.
    pub name: String,
    /// First address allowed.
    pub start_ip: String,
    /// Last address allowed.
    pub end_ip: String,
}

/// TLS requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SslMode {
    /// Clients must use TLS.
    Require,
    /// TLS when the client offers it.
    Prefer,
    /// No TLS.
    Disable,
}

/// TLS protocol version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum TlsVersion {
    /// TLS 1.2.
    #[serde(rename = "1.2")]
    Tls12,
    /// TLS 1.3.
    #[serde(rename = "1.3")]
    Tls13,
}

/// Connection pooling.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConnectionPooling {
    /// Pooling on.
    pub enabled: bool,
    /// Which pooler.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pooler: Option<Pooler>,
    /// Pool size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub max_connections: Option<u32>,
    /// Seconds before an idle server connection is closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle_timeout: Option<u32>,
}

/// Connection pooler.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Pooler {
    /// PgBouncer.
    Pgbouncer,
    /// ProxySQL.
    Proxysql,
    /// The service's built-in pooler.
    Native,
    /// None.
    None,
}

/// Replication (specification `ReplicationConfig`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReplicationConfig {
    /// Replication mode.
    #[serde(rename = "type")]
    pub kind: ReplicationType,
    /// Read replicas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_replicas: Option<ReadReplicas>,
    /// Multi-region distribution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multi_region: Option<MultiRegion>,
}

/// Replication mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReplicationType {
    /// No replication.
    None,
    /// Synchronous.
    Sync,
    /// Asynchronous.
    Async,
    /// Semi-synchronous (MySQL).
    SemiSync,
}

/// Read replicas.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReadReplicas {
    /// Number of replicas.
    pub count: u32,
    /// Regions the replicas run in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
    /// Spread reads across replicas.
    #[serde(default)]
    pub load_balancing: bool,
}

/// Multi-region distribution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MultiRegion {
    /// On or off.
    pub enabled: bool,
    /// Region that takes writes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_region: Option<String>,
    /// Other regions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secondary_regions: Vec<String>,
    /// How a region failure is handled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failover_mode: Option<FailoverMode>,
    /// How concurrent writes in different regions are reconciled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict_resolution: Option<ConflictResolution>,
}

/// How failover happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FailoverMode {
    /// The service fails over by itself.
    Automatic,
    /// An operator triggers failover.
    Manual,
}

/// Multi-region write conflict resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConflictResolution {
    /// The latest timestamp wins.
    LastWriteWins,
    /// Application-defined merge.
    Custom,
}

/// Schema management.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DatabaseSchemaConfig {
    /// Schema-migration tool, e.g. `flyway`, `liquibase`, `alembic`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub migration_tool: Option<String>,
    /// Main tables or collections.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<String>,
}

/// Performance targets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DatabasePerformanceConfig {
    /// 99th-percentile read latency target, milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub p99_read_latency_ms: Option<f64>,
    /// 99th-percentile write latency target, milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub p99_write_latency_ms: Option<f64>,
    /// Most client connections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_connections: Option<u32>,
    /// Query cache or result cache in front of the database.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caching: Option<bool>,
}

/// High availability.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DatabaseHaConfig {
    /// On or off (on doubles instance cost on most managed services).
    pub enabled: bool,
    /// Where the standby runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<HaMode>,
    /// Target availability, percent (e.g. 99.95).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 90.0, max = 100.0))]
    pub sla_target: Option<f64>,
    /// How failover happens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failover: Option<FailoverMode>,
    /// Recovery point objective.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rpo: Option<Duration>,
    /// Recovery time objective.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rto: Option<Duration>,
}

/// Where a standby runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum HaMode {
    /// Standby in the same zone.
    SameZone,
    /// Standby in another zone (Multi-AZ, zone-redundant, regional).
    ZoneRedundant,
    /// Standby in another region.
    CrossRegion,
}

/// Backup and disaster recovery.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DatabaseBackupConfig {
    /// Backups on (default true).
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// Days backups are kept.
    #[schemars(range(min = 1, max = 3650))]
    pub retention_days: u32,
    /// Time between full backups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency: Option<Duration>,
    /// Restore to any point in the retention window.
    #[serde(default)]
    pub point_in_time_recovery: bool,
    /// Copy backups to a paired region.
    #[serde(default)]
    pub geo_redundant: bool,
}

const fn default_true() -> bool {
    true
}

/// Security.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DatabaseSecurityConfig {
    /// Encrypt data at rest (default true).
    #[serde(default = "default_true")]
    pub encryption_at_rest: bool,
    /// Encrypt with a customer-managed key.
    #[serde(default)]
    pub customer_managed_keys: bool,
    /// How clients authenticate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authentication: Option<Authentication>,
    /// Audit logging on.
    #[serde(default)]
    pub audit_logging: bool,
}

/// Client authentication.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Authentication {
    /// Username and password.
    Password,
    /// Cloud identity (IAM, Entra ID, Google IAM).
    Iam,
    /// Client certificates.
    Certificate,
}

/// Monitoring.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DatabaseMonitoringConfig {
    /// Monitoring on (default true).
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// Metrics collected.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub metrics: Vec<String>,
    /// Log queries slower than this, milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slow_query_threshold_ms: Option<u32>,
    /// Days metrics and logs are kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention_days: Option<u32>,
    /// Alerts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alerts: Vec<MonitoringAlert>,
}

/// An alert on a metric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MonitoringAlert {
    /// Metric name.
    pub metric: String,
    /// Comparison.
    pub operator: super::scaling::Comparison,
    /// Threshold.
    pub threshold: f64,
}

/// Expected request volume for request-priced services.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DatabaseUsage {
    /// Read requests per month.
    #[serde(default)]
    pub reads_per_month: u64,
    /// Write requests per month.
    #[serde(default)]
    pub writes_per_month: u64,
    /// Stored data, GB.
    #[serde(default, rename = "storageGB", skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub storage_gb: Option<f64>,
}

/// PostgreSQL-specific settings (specification `PostgreSQLConfig`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PostgresqlConfig {
    /// Major version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<PostgresqlVersion>,
    /// Extensions to enable.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extensions: Vec<PostgresqlExtension>,
    /// Server parameters, by their PostgreSQL names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameters: Option<PostgresqlParameters>,
    /// Logical replication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logical_replication: Option<LogicalReplication>,
}

/// PostgreSQL major version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum PostgresqlVersion {
    /// PostgreSQL 17.
    #[serde(rename = "17")]
    V17,
    /// PostgreSQL 16.
    #[serde(rename = "16")]
    V16,
    /// PostgreSQL 15.
    #[serde(rename = "15")]
    V15,
    /// PostgreSQL 14.
    #[serde(rename = "14")]
    V14,
    /// PostgreSQL 13.
    #[serde(rename = "13")]
    V13,
}

/// PostgreSQL extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum PostgresqlExtension {
    /// Geospatial types and indexes.
    #[serde(rename = "postgis")]
    Postgis,
    /// Vector similarity search.
    #[serde(rename = "pgvector")]
    Pgvector,
    /// Trigram text similarity.
    #[serde(rename = "pg_trgm")]
    PgTrgm,
    /// UUID generation.
    #[serde(rename = "uuid-ossp")]
    UuidOssp,
    /// Key-value column type.
    #[serde(rename = "hstore")]
    Hstore,
    /// Query statistics.
    #[serde(rename = "pg_stat_statements")]
    PgStatStatements,
    /// Cryptographic functions.
    #[serde(rename = "pgcrypto")]
    Pgcrypto,
    /// Case-insensitive text.
    #[serde(rename = "citext")]
    Citext,
    /// Tree paths.
    #[serde(rename = "ltree")]
    Ltree,
    /// Time-series hypertables.
    #[serde(rename = "timescaledb")]
    Timescaledb,
    /// Distributed tables.
    #[serde(rename = "citus")]
    Citus,
}

/// PostgreSQL server parameters, spelled as in `postgresql.conf`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PostgresqlParameters {
    /// Most concurrent connections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_connections: Option<u32>,
    /// Shared buffer cache, e.g. `4GB`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared_buffers: Option<MemoryQuantity>,
    /// Planner's estimate of the OS cache, e.g. `12GB`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_cache_size: Option<MemoryQuantity>,
    /// Memory per sort or hash operation, e.g. `16MB`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work_mem: Option<MemoryQuantity>,
    /// Memory for VACUUM and index builds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maintenance_work_mem: Option<MemoryQuantity>,
    /// WAL buffer size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wal_buffers: Option<MemoryQuantity>,
    /// Fraction of the checkpoint interval to spread writes over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0, max = 1.0))]
    pub checkpoint_completion_target: Option<f64>,
    /// Planner cost of a random page read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub random_page_cost: Option<f64>,
    /// Concurrent I/O requests the storage can serve.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 1000))]
    pub effective_io_concurrency: Option<u32>,
    /// Statistics sampling target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 10000))]
    pub default_statistics_target: Option<u32>,
}

/// Logical replication.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LogicalReplication {
    /// On or off.
    pub enabled: bool,
    /// Publications.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub publications: Vec<String>,
    /// Subscriptions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subscriptions: Vec<String>,
}

/// MongoDB-specific settings (specification `MongoDBConfig`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MongodbConfig {
    /// Server version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<MongodbVersion>,
    /// Replica set or sharded cluster.
    pub cluster_type: MongoClusterType,
    /// Sharding, for sharded clusters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sharding: Option<MongoSharding>,
    /// Indexes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indexes: Vec<MongoIndex>,
    /// Read concern.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_concern: Option<ReadConcern>,
    /// Write concern.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub write_concern: Option<WriteConcern>,
}

/// MongoDB server version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum MongodbVersion {
    /// 8.0.
    #[serde(rename = "8.0")]
    V8_0,
    /// 7.0.
    #[serde(rename = "7.0")]
    V7_0,
    /// 6.0.
    #[serde(rename = "6.0")]
    V6_0,
    /// 5.0.
    #[serde(rename = "5.0")]
    V5_0,
}

/// MongoDB cluster type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MongoClusterType {
    /// One replica set.
    ReplicaSet,
    /// Sharded cluster.
    Sharded,
}

/// MongoDB sharding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MongoSharding {
    /// Shard key field(s).
    pub shard_key: String,
    /// Hashed or ranged.
    pub strategy: ShardStrategy,
    /// Number of shards.
    #[schemars(range(min = 1))]
    pub num_shards: u32,
}

/// Shard-key strategy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ShardStrategy {
    /// Hash of the key.
    Hashed,
    /// Ranges of the key.
    Ranged,
}

/// A MongoDB index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MongoIndex {
    /// Collection.
    pub collection: String,
    /// Fields and direction (`1`, `-1`) or kind (`text`, `hashed`, `2dsphere`).
    pub keys: BTreeMap<String, serde_json::Value>,
    /// Unique index.
    #[serde(default)]
    pub unique: bool,
    /// Expire documents after this many seconds (TTL index).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expire_after_seconds: Option<u64>,
}

/// MongoDB read concern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReadConcern {
    /// Local.
    Local,
    /// Available.
    Available,
    /// Majority.
    Majority,
    /// Linearizable.
    Linearizable,
}

/// MongoDB write concern.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WriteConcern {
    /// Acknowledgements: a number of members, or `majority`.
    pub w: WriteAcknowledgement,
    /// Wait for the journal.
    #[serde(default)]
    pub j: bool,
    /// Milliseconds to wait before failing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wtimeout: Option<u32>,
}

/// Write acknowledgement: a member count or `majority`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum WriteAcknowledgement {
    /// This many members.
    Members(u32),
    /// A majority of members.
    Majority(MajorityKeyword),
}

/// The literal `majority`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MajorityKeyword {
    /// `majority`.
    Majority,
}

/// Redis-specific settings (specification `RedisConfig`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RedisConfig {
    /// Server version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<RedisVersion>,
    /// Cluster mode (sharded) on.
    #[serde(default)]
    pub cluster_mode: bool,
    /// Shards in cluster mode (each a primary with its replicas); 1 without.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub shards: Option<u32>,
    /// Persistence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persistence: Option<RedisPersistence>,
    /// Eviction policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eviction_policy: Option<EvictionPolicy>,
    /// Memory limit, e.g. `6Gi`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_memory: Option<MemoryQuantity>,
}

/// Redis version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum RedisVersion {
    /// 8.0.
    #[serde(rename = "8.0")]
    V8_0,
    /// 7.4.
    #[serde(rename = "7.4")]
    V7_4,
    /// 7.2.
    #[serde(rename = "7.2")]
    V7_2,
    /// 7.1 (ElastiCache).
    #[serde(rename = "7.1")]
    V7_1,
    /// 7.0.
    #[serde(rename = "7.0")]
    V7_0,
    /// 6.2.
    #[serde(rename = "6.2")]
    V6_2,
}

/// Redis persistence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RedisPersistence {
    /// Snapshot, append-only file, both, or none.
    #[serde(rename = "type")]
    pub kind: RedisPersistenceType,
    /// Time between RDB snapshots.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rdb_frequency: Option<Duration>,
    /// AOF fsync policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aof_policy: Option<AofPolicy>,
}

/// Redis persistence kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RedisPersistenceType {
    /// In memory only.
    None,
    /// Point-in-time snapshots.
    Rdb,
    /// Append-only file.
    Aof,
    /// Both.
    Both,
}

/// AOF fsync policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AofPolicy {
    /// After every write.
    Always,
    /// Once a second.
    Everysec,
    /// Left to the OS.
    No,
}

/// Redis eviction policy, spelled as in `redis.conf`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum EvictionPolicy {
    /// Refuse writes when full.
    Noeviction,
    /// Evict least-recently-used keys.
    AllkeysLru,
    /// Evict least-recently-used keys that have a TTL.
    VolatileLru,
    /// Evict least-frequently-used keys.
    AllkeysLfu,
    /// Evict least-frequently-used keys that have a TTL.
    VolatileLfu,
    /// Evict random keys.
    AllkeysRandom,
    /// Evict random keys that have a TTL.
    VolatileRandom,
    /// Evict keys closest to expiry.
    VolatileTtl,
}

/// A database engine edition with its own licence price.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DatabaseEdition {
    /// Standard edition.
    Standard,
    /// Enterprise edition.
    Enterprise,
    /// Web edition (SQL Server, for public web workloads).
    Web,
    /// Express edition (free licence, size-limited).
    Express,
}

impl DatabaseEdition {
    /// The edition as the plan writes it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Standard => "standard",
            Self::Enterprise => "enterprise",
            Self::Web => "web",
            Self::Express => "express",
        }
    }
}

/// Elasticsearch / OpenSearch-specific settings (specification `ElasticsearchConfig`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ElasticsearchConfig {
    /// Major version line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<ElasticsearchVersion>,
    /// Node roles and counts.
    pub topology: ElasticsearchTopology,
    /// Default index settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index_settings: Option<IndexSettings>,
    /// Index lifecycle policies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ilm_policies: Vec<IlmPolicy>,
    /// Security features (TLS, authentication) on.
    #[serde(default = "default_true")]
    pub security_enabled: bool,
}

/// Elasticsearch version line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum ElasticsearchVersion {
    /// 8.x.
    #[serde(rename = "8.x")]
    V8,
    /// 7.x.
    #[serde(rename = "7.x")]
    V7,
}

/// Node roles and counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ElasticsearchTopology {
    /// Dedicated master-eligible nodes (3 for production quorum).
    pub master_nodes: u32,
    /// Instance type of the dedicated masters, as the provider's API spells
    /// it (`m7g.large.search`); the data nodes use `deployment.sizing`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub master_tier: Option<String>,
    /// Data nodes.
    #[schemars(range(min = 1))]
    pub data_nodes: u32,
    /// Coordinating-only nodes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordinating_nodes: Option<u32>,
    /// Ingest nodes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ingest_nodes: Option<u32>,
}

/// Index settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IndexSettings {
    /// Primary shards per index.
    #[schemars(range(min = 1))]
    pub number_of_shards: u32,
    /// Replicas of each primary.
    pub number_of_replicas: u32,
    /// How often new documents become searchable, e.g. `1s`, `30s`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_interval: Option<Duration>,
}

/// An index lifecycle policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IlmPolicy {
    /// Policy name.
    pub name: String,
    /// Roll over the hot index after this age.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rollover_max_age: Option<Duration>,
    /// Roll over the hot index at this primary-shard size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rollover_max_size: Option<MemoryQuantity>,
    /// Move to warm nodes after this age.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warm_after: Option<Duration>,
    /// Move to cold nodes after this age.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cold_after: Option<Duration>,
    /// Delete after this age.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_after: Option<Duration>,
}
