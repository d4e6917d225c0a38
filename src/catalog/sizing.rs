//! Provider instance families used to name a recommended database size
//! (`catalog/sizing/database-tiers.yaml`).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::plan::CloudProvider;

/// The tiers file.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DatabaseTiersFile {
    /// AWS size word for each vCPU count (`2` → `large`).
    pub aws_sizes: BTreeMap<u32, String>,
    /// Families named by vCPU count.
    pub families: Vec<VcpuFamily>,
    /// Families named by memory size (caches).
    #[serde(default)]
    pub memory_tiers: Vec<MemoryTierFamily>,
}

/// Whether memory per vCPU is general-purpose or memory-optimised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// About 4 GB per vCPU.
    General,
    /// 6.5–8 GB per vCPU.
    Memory,
}

/// A family of instances sized by vCPU count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VcpuFamily {
    /// Family id.
    pub id: String,
    /// Provider.
    pub provider: CloudProvider,
    /// Catalog technology ids it serves.
    pub technologies: Vec<String>,
    /// Memory shape.
    pub shape: Shape,
    /// SKU pattern with `{vcores}`, `{size}` or `{memoryMb}`.
    pub pattern: String,
    /// Memory per vCPU, GB.
    pub memory_per_vcore_gb: f64,
    /// vCPU counts offered, ascending.
    pub vcores: Vec<u32>,
    /// Where the family facts come from.
    pub source: String,
}

/// A family of cache sizes named by memory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MemoryTierFamily {
    /// Family id.
    pub id: String,
    /// Provider.
    pub provider: CloudProvider,
    /// Catalog technology ids it serves.
    pub technologies: Vec<String>,
    /// Named sizes, ascending; or use `pattern`.
    #[serde(default)]
    pub tiers: Vec<MemoryTier>,
    /// Pattern with `{memoryGb}` when sizes are free-form.
    #[serde(default)]
    pub pattern: Option<String>,
    /// Where the facts come from.
    pub source: String,
}

/// A named memory size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MemoryTier {
    /// SKU name.
    pub name: String,
    /// Memory, GB.
    pub memory_gb: f64,
}

impl VcpuFamily {
    /// The SKU name for `vcores`, using `aws_sizes` for `{size}`.
    pub fn sku(&self, vcores: u32, aws_sizes: &BTreeMap<u32, String>) -> Option<String> {
        let size = aws_sizes.get(&vcores).map_or("", String::as_str);
        if self.pattern.contains("{size}") && size.is_empty() {
            return None;
        }
        // Whole megabytes: the families' GB-per-vCPU figures are multiples of 0.5.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let memory_mb = (f64::from(vcores) * self.memory_per_vcore_gb * 1024.0).round() as u64;
        Some(
            self.pattern
                .replace("{vcores}", &vcores.to_string())
                .replace("{size}", size)
                .replace("{memoryMb}", &memory_mb.to_string()),
        )
    }
}
