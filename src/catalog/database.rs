//! Catalog entries for database technologies: the seed's selection matrix,
//! extended with machine-readable capabilities the scorer uses.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::plan::database::{
    Consistency, DataModelType, DataSize, DatabaseType, LatencyClass, Relationships,
    SchemaFlexibility,
};
use crate::plan::{CloudProvider, PerProvider};

/// A file of `catalog/databases/`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DatabaseCatalogFile {
    /// Technologies in this file.
    pub technologies: Vec<DatabaseTechnology>,
}

/// One database technology.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DatabaseTechnology {
    /// Id used in plans (`database.technology`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Database family.
    #[serde(rename = "type")]
    pub kind: DatabaseType,
    /// One-sentence description.
    pub description: String,
    /// Strengths.
    pub strengths: Vec<String>,
    /// Weaknesses.
    pub weaknesses: Vec<String>,
    /// Workloads it suits.
    pub best_for: Vec<String>,
    /// Workloads it does not suit.
    pub avoid_for: Vec<String>,
    /// Managed service per provider; absent where the provider offers none.
    #[serde(default)]
    pub managed_options: PerProvider<String>,
    /// Documented limits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_scale: Option<MaxScale>,
    /// Licence model.
    pub license: License,
    /// How hard it is to move away.
    pub lock_in: LockIn,
    /// How widely it is used: a proxy for tooling, hiring and community help.
    pub adoption: Adoption,
    /// What the scorer matches criteria against.
    pub capabilities: Capabilities,
    /// Where the facts come from.
    pub sources: Vec<String>,
    /// Fits that differ from what the capabilities alone give, each with
    /// its reason and the vendor page that supports it (MySQL's complex
    /// queries fit below PostgreSQL's).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub grades: BTreeMap<crate::catalog::selection::Criterion, Grade>,
}

/// A graded fit for one criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Grade {
    /// 0 (fails the criterion) to 1 (meets it fully).
    #[schemars(range(min = 0.0, max = 1.0))]
    pub fit: f64,
    /// Why, in a few words (shown as the reason or concern).
    pub note: String,
    /// The public page that supports it.
    pub source: String,
}

impl DatabaseTechnology {
    /// The managed service on `provider`, if one exists.
    pub fn managed_on(&self, provider: CloudProvider) -> Option<&str> {
        self.managed_options.get(provider).map(String::as_str)
    }
}

/// Documented limits, as the vendor states them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MaxScale {
    /// Largest storage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage: Option<String>,
    /// Most connections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connections: Option<String>,
    /// Most IOPS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iops: Option<String>,
}

/// Licence model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum License {
    /// OSI-approved licence.
    OpenSource,
    /// Source published under a non-OSI licence (BUSL, SSPL, …).
    SourceAvailable,
    /// Commercial licence.
    Proprietary,
    /// Only available as a managed service.
    ManagedOnly,
}

/// How hard it is to move away.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum LockIn {
    /// Portable across providers.
    Low,
    /// Some proprietary features.
    Medium,
    /// One provider's proprietary API.
    High,
}

/// How widely a technology is used.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Adoption {
    /// Among the most used databases; skills and tooling are easy to find.
    Mainstream,
    /// Widely used in its niche.
    Established,
    /// A smaller community.
    Niche,
}

/// How well a feature is supported.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Support {
    /// Not supported.
    None,
    /// Supported with limits or through an extension.
    Partial,
    /// A core strength.
    Native,
}

/// How writes scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum WriteScaling {
    /// A bigger primary.
    Vertical,
    /// Native sharding or partitioning.
    Horizontal,
}

/// Machine-readable capabilities the scorer matches criteria against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Capabilities {
    /// Data models served well.
    pub data_models: Vec<DataModelType>,
    /// Relationship levels handled well.
    pub relationships: Vec<Relationships>,
    /// Schema styles supported.
    pub schema_flexibility: Vec<SchemaFlexibility>,
    /// Consistency models offered.
    pub consistency: Vec<Consistency>,
    /// Best typical read latency.
    pub read_latency: LatencyClass,
    /// Best typical write latency.
    pub write_latency: LatencyClass,
    /// Largest data-size class served well.
    pub scale_ceiling: DataSize,
    /// How writes scale.
    pub write_scaling: WriteScaling,
    /// Joins, subqueries, ad-hoc filters.
    pub complex_queries: Support,
    /// Relevance-ranked text search.
    pub full_text_search: Support,
    /// Aggregations.
    pub aggregations: Support,
    /// Analytics on fresh data.
    pub real_time_analytics: Support,
    /// Multi-hop traversals.
    pub graph_traversals: Support,
    /// Time-window queries.
    pub time_range_queries: Support,
    /// Embedding similarity search.
    pub vector_search: Support,
    /// Multi-region replication or writes.
    pub multi_region: Support,
    /// Capacity scales without manual resizing.
    pub auto_scaling: Support,
    /// Multi-record ACID transactions.
    pub transactions: Support,
}
