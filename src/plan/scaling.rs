//! Scalability patterns (specification §6.4): triggers, implementation,
//! limits and cost model, optionally tied to a component.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::money::Money;
use super::quantity::{Duration, Id};

/// A scalability pattern applied to the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScalabilityPattern {
    /// Pattern name, e.g. `Horizontal Pod Autoscaler`.
    pub name: String,
    /// Component it scales.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub component: Option<Id>,
    /// Direction of scaling.
    #[serde(rename = "type")]
    pub kind: ScalingType,
    /// What it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// When it scales.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub triggers: Vec<ScalingTrigger>,
    /// How it is implemented.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implementation: Option<ScalingImplementation>,
    /// Bounds.
    pub limits: ScalingLimits,
    /// What each unit costs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_model: Option<ScalingCostModel>,
}

/// Direction of scaling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ScalingType {
    /// More instances.
    Horizontal,
    /// Bigger instances.
    Vertical,
    /// Both.
    Hybrid,
}

/// A scaling trigger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScalingTrigger {
    /// Metric, e.g. `cpu_utilization`.
    pub metric: String,
    /// Threshold.
    pub threshold: f64,
    /// Comparison.
    pub operator: Comparison,
    /// How long the condition must hold.
    pub duration: Duration,
    /// What to do.
    pub action: ScalingAction,
}

/// Comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Comparison {
    /// Greater than.
    #[serde(rename = ">")]
    Greater,
    /// Less than.
    #[serde(rename = "<")]
    Less,
    /// Greater than or equal.
    #[serde(rename = ">=")]
    GreaterOrEqual,
    /// Less than or equal.
    #[serde(rename = "<=")]
    LessOrEqual,
}

/// Scaling action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ScalingAction {
    /// Add instances.
    ScaleOut,
    /// Remove instances.
    ScaleIn,
    /// Bigger instances.
    ScaleUp,
    /// Smaller instances.
    ScaleDown,
}

/// How scaling is implemented.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScalingImplementation {
    /// Autoscaler.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_scaling: Option<AutoScaling>,
    /// Stateless-design measures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stateless_design: Option<StatelessDesign>,
    /// Database scaling measures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database_scaling: Option<DatabaseScaling>,
}

/// Autoscaler.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AutoScaling {
    /// On or off.
    pub enabled: bool,
    /// Which autoscaler.
    pub provider: AutoScalingProvider,
    /// Autoscaler-specific settings.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub config: serde_json::Map<String, serde_json::Value>,
}

/// Autoscaler product.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AutoScalingProvider {
    /// Kubernetes Horizontal Pod Autoscaler.
    KubernetesHpa,
    /// AWS Auto Scaling groups.
    AwsAutoscaling,
    /// Azure Virtual Machine Scale Sets.
    AzureVmss,
    /// Google managed instance groups.
    GcpMig,
    /// Something else.
    Custom,
}

/// Stateless-design measures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StatelessDesign {
    /// Where sessions live.
    pub session_management: SessionManagement,
    /// Where files live.
    pub file_storage: FileStorage,
}

/// Where sessions live.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SessionManagement {
    /// A shared cache.
    ExternalCache,
    /// Load-balancer affinity.
    StickySessions,
    /// Self-contained tokens.
    Jwt,
}

/// Where files live.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FileStorage {
    /// Object storage.
    ObjectStorage,
    /// A shared file system.
    SharedFilesystem,
    /// No files.
    None,
}

/// Database scaling measures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DatabaseScaling {
    /// Read replicas.
    #[serde(default)]
    pub read_replicas: bool,
    /// Sharding.
    #[serde(default)]
    pub sharding: bool,
    /// Connection pooling.
    #[serde(default)]
    pub connection_pooling: bool,
}

/// Bounds of a scaling pattern.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScalingLimits {
    /// Fewest units.
    pub min: u32,
    /// Most units.
    #[schemars(range(min = 1))]
    pub max: u32,
    /// Wait between scaling actions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cooldown: Option<Duration>,
}

/// What a scaling pattern costs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScalingCostModel {
    /// Pricing shape.
    #[serde(rename = "type")]
    pub kind: CostModelType,
    /// Monthly cost at the minimum.
    pub baseline_cost: Money,
    /// Monthly cost of each unit above the minimum.
    pub cost_per_unit: Money,
}

/// Pricing shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CostModelType {
    /// Pay for what runs.
    PayPerUse,
    /// A fixed price per replica.
    FixedPerReplica,
    /// Price steps.
    Tiered,
}
