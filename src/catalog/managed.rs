//! What managed database services let users change
//! (`catalog/dbconfig/managed-services.yaml`): for each service and each
//! setting `db config` computes, whether it is settable through the
//! service's mechanism, fixed, set through another setting, or not a setting
//! of the service at all, with the provider's documentation as source.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::plan::CloudProvider;

/// Path of the managed-services file inside a catalog directory.
pub const MANAGED_SERVICES_PATH: &str = "dbconfig/managed-services.yaml";

/// The managed-services file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ManagedServicesFile {
    /// One entry per managed service.
    pub services: Vec<ManagedService>,
}

/// A managed database service and its settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ManagedService {
    /// Product name, e.g. `Amazon RDS for PostgreSQL`.
    pub name: String,
    /// Cloud provider.
    pub provider: CloudProvider,
    /// Catalog technologies it runs.
    pub technologies: Vec<String>,
    /// Words in a plan's `deployment.service` that select it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
    /// Whether it is the provider's service for these technologies when the
    /// plan names none (default true).
    #[serde(default = "yes", skip_serializing_if = "is_yes")]
    pub default: bool,
    /// How settings are changed (`DB parameter group`).
    pub mechanism: String,
    /// The provider's documentation of that mechanism.
    pub source: String,
    /// Settings by the name `db config` uses.
    pub settings: BTreeMap<String, ManagedSetting>,
}

/// Whether and how users change one setting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ManagedSetting {
    /// What users can do.
    pub access: Access,
    /// A change needs a restart (`false`: applies online); absent when undocumented.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restart: Option<bool>,
    /// The setting that controls it, for `indirect`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    /// The values the service accepts, when it restricts them (Azure's
    /// `wal_level` has no `minimal`); empty when any valid value is.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed: Vec<String>,
    /// Defaults, ranges and caveats the documentation states.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The documentation page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// What users can do with a setting on a managed service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Access {
    /// Changed through the service's mechanism.
    Settable,
    /// Set by the service; users cannot change it.
    Fixed,
    /// Changed only through another setting (`via`).
    Indirect,
    /// Not a setting of the service: size, tier or a feature decides it.
    NotExposed,
    /// No provider document found that says.
    Unconfirmed,
}

impl ManagedServicesFile {
    /// The service for `technology` on `provider`: one whose `names` occur
    /// in the plan's `service` text, else the provider's default.
    pub fn find(
        &self,
        provider: CloudProvider,
        technology: &str,
        service: Option<&str>,
    ) -> Option<&ManagedService> {
        let candidates = || {
            self.services.iter().filter(move |s| {
                s.provider == provider && s.technologies.iter().any(|t| t == technology)
            })
        };
        let named = service.map(str::to_ascii_lowercase).and_then(|text| {
            candidates().find(|s| s.names.iter().any(|n| text.contains(n.as_str())))
        });
        named.or_else(|| candidates().find(|s| s.default))
    }
}

const fn yes() -> bool {
    true
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
const fn is_yes(value: &bool) -> bool {
    *value
}
