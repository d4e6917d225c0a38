//! Weights of the database-selection criteria (`catalog/selection/`): data,
//! so a team can re-weight the scorer with `--catalog` without a rebuild.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `catalog/selection/database-weights.yaml`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DatabaseWeightsFile {
    /// Weight of each criterion, 0–10.
    pub weights: CriterionWeights,
    /// Weight replacements by `optimizeFor` value (`cost`, `performance`).
    #[serde(default)]
    pub optimize_for: BTreeMap<OptimizeMode, BTreeMap<Criterion, Weight>>,
}

/// A `optimizeFor` value that carries weight replacements.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum OptimizeMode {
    /// `optimizeFor: cost`.
    Cost,
    /// `optimizeFor: performance`.
    Performance,
}

/// A weight, 0–10.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Weight(pub f64);

impl JsonSchema for Weight {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Weight".into()
    }

    fn json_schema(_generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Weight of a criterion, 0–10.",
            "type": "number",
            "minimum": 0,
            "maximum": 10,
        })
    }
}

/// Declares the criteria once: the enum, the weights struct and the lookup.
macro_rules! criteria {
    ($($variant:ident => $field:ident, $key:literal, $doc:literal;)*) => {
        /// A database-selection criterion.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
        pub enum Criterion {
            $(#[doc = $doc] #[serde(rename = $key)] $variant,)*
        }

        impl Criterion {
            /// The criterion's name in catalog files, reports and `--explain`.
            pub const fn key(self) -> &'static str {
                match self { $(Self::$variant => $key,)* }
            }

            /// One-line meaning, for documentation.
            pub const fn meaning(self) -> &'static str {
                match self { $(Self::$variant => $doc,)* }
            }

            /// Every criterion, in report order.
            pub const ALL: &'static [Criterion] = &[$(Self::$variant,)*];
        }

        /// Weight of every criterion.
        #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
        #[serde(rename_all = "camelCase", deny_unknown_fields)]
        pub struct CriterionWeights {
            $(#[doc = $doc] pub $field: Weight,)*
        }

        impl CriterionWeights {
            /// The weight of `criterion`.
            pub fn get(&self, criterion: Criterion) -> f64 {
                match criterion { $(Criterion::$variant => self.$field.0,)* }
            }
        }
    };
}

criteria! {
    DataModel => data_model, "dataModel", "The technology stores the requested data model.";
    Relationships => relationships, "relationships", "It handles the requested degree of relationships well.";
    SchemaFlexibility => schema_flexibility, "schemaFlexibility", "It supports the requested schema style.";
    ComplexQueries => complex_queries, "complexQueries", "Joins, subqueries and ad-hoc filters (when asked for).";
    FullTextSearch => full_text_search, "fullTextSearch", "Relevance-ranked text search (when asked for).";
    Aggregations => aggregations, "aggregations", "Group-by and aggregate queries (when asked for).";
    RealTimeAnalytics => real_time_analytics, "realTimeAnalytics", "Analytics over fresh data (when asked for).";
    GraphTraversals => graph_traversals, "graphTraversals", "Multi-hop traversals (when asked for).";
    TimeRangeQueries => time_range_queries, "timeRangeQueries", "Time-window queries (when asked for).";
    VectorSearch => vector_search, "vectorSearch", "Embedding similarity search (when asked for).";
    WriteScaling => write_scaling, "writeScaling", "Writes scale out (when write-heavy or at least 5,000 writes/s).";
    DataSize => data_size, "dataSize", "The data-size class is within what it serves well.";
    ReadLatency => read_latency, "readLatency", "Its typical read latency meets the target.";
    WriteLatency => write_latency, "writeLatency", "Its typical write latency meets the target.";
    Consistency => consistency, "consistency", "It offers the requested consistency model.";
    Transactions => transactions, "transactions", "Multi-record ACID transactions (strong consistency with related data).";
    Managed => managed, "managed", "A managed service exists on the provider (when managed is preferred).";
    MultiRegion => multi_region, "multiRegion", "Built-in multi-region replication (when asked for).";
    HighAvailability => high_availability, "highAvailability", "High availability without running it ourselves (when asked for).";
    AutoScaling => auto_scaling, "autoScaling", "Capacity scales without manual resizing (when asked for).";
    PurposeBuilt => purpose_built, "purposeBuilt", "A database built for the request's dominant workload (graph, time series, search, vector, analytics).";
    Portability => portability, "portability", "Low lock-in: the workload can move between providers.";
    Ecosystem => ecosystem, "ecosystem", "Adoption: tooling, hiring and community help.";
    Licence => licence, "licence", "Licence cost (weighted when optimising for cost).";
}

impl DatabaseWeightsFile {
    /// The weight of `criterion` under `mode` (none = balanced).
    pub fn weight(&self, criterion: Criterion, mode: Option<OptimizeMode>) -> f64 {
        mode.and_then(|m| self.optimize_for.get(&m))
            .and_then(|overrides| overrides.get(&criterion))
            .map_or_else(|| self.weights.get(criterion), |w| w.0)
    }
}
