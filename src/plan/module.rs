//! Modules (services) and the components they run on (specification §9
//! `module_infrastructure_mappings`). Several modules may share a component.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::quantity::{CpuQuantity, Id, MemoryQuantity};

/// A module: a deployable service of the system.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Module {
    /// Unique id.
    pub id: Id,
    /// Human-readable name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What the module does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Owning team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Components the module runs on or uses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub infrastructure: Vec<InfrastructureMapping>,
}

/// A module's use of one component.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InfrastructureMapping {
    /// Component id.
    pub component: Id,
    /// What the component is to the module.
    #[serde(default)]
    pub role: Role,
    /// What the module needs from the component.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_requirements: Option<ResourceRequirements>,
    /// How the module is deployed onto the component.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployment_config: Option<DeploymentConfig>,
}

/// What a component is to a module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The component the module normally uses (the default).
    #[default]
    Primary,
    /// An additional component, e.g. a cache or replica.
    Secondary,
    /// Used only when the primary fails.
    Failover,
}

/// What a module needs from a component.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResourceRequirements {
    /// CPU per replica.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu: Option<CpuQuantity>,
    /// Memory per replica.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory: Option<MemoryQuantity>,
    /// Storage, GB.
    #[serde(default, rename = "storageGB", skip_serializing_if = "Option::is_none")]
    pub storage_gb: Option<u32>,
    /// Connections to the component.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connections: Option<u32>,
}

/// How a module is deployed onto a component.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeploymentConfig {
    /// Rollout strategy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategy: Option<RolloutStrategy>,
    /// Replicas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub replicas: Option<u32>,
    /// Kubernetes namespace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
}

/// Rollout strategy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RolloutStrategy {
    /// Replace replicas a few at a time.
    Rolling,
    /// Switch traffic between two full environments.
    BlueGreen,
    /// Shift a share of traffic, then the rest.
    Canary,
    /// Stop everything, then start the new version.
    Recreate,
}
