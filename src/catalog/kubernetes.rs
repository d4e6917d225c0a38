//! Node sizing facts (`catalog/kubernetes/node-sizing.yaml`): each
//! provider's default pod limit per node, the DaemonSet requests assumed
//! when a cluster lists none, and EC2 network-interface limits for EKS's
//! default pod limit.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::plan::PerProvider;
use crate::plan::component::DaemonSet;

/// Path of the file inside a catalog directory.
pub const NODE_SIZING_PATH: &str = "kubernetes/node-sizing.yaml";

/// The node-sizing file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodeSizingFile {
    /// Defaults per provider.
    pub providers: PerProvider<ProviderNodeDefaults>,
    /// Where the DaemonSet allowance comes from.
    pub daemon_set_source: String,
    /// EC2 network-interface limits, for EKS's default pod limit.
    pub eks_network_interfaces: EksNetworkInterfaces,
}

/// One provider's node defaults.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProviderNodeDefaults {
    /// Pods per node when a pool gives no `maxPods` (absent: derived, EKS).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_max_pods: Option<u32>,
    /// How the default is decided, shown in reports.
    pub max_pods_note: String,
    /// DaemonSets assumed on every node when the cluster lists none.
    pub daemon_sets: Vec<DaemonSet>,
}

/// EC2 instance types' network limits.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EksNetworkInterfaces {
    /// Source of the table.
    pub source: String,
    /// Instance type → [ENIs, IPv4 addresses per ENI].
    pub instances: BTreeMap<String, [u32; 2]>,
}

impl EksNetworkInterfaces {
    /// Amazon Linux's default pod limit for `instance_type`:
    /// ENIs × (IPv4 per ENI − 1) + 2.
    pub fn max_pods(&self, instance_type: &str) -> Option<u32> {
        self.instances
            .get(instance_type)
            .map(|[enis, ips]| enis * ips.saturating_sub(1) + 2)
    }
}
