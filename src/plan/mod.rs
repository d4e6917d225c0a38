//! The plan file's typed model: what a team writes in `infraplan.yaml`.
//!
//! Keys are camelCase and enum values snake_case, following the user's
//! specification. Every struct rejects unknown keys, so a typo is an error
//! rather than a silently ignored setting. The same types generate the JSON
//! Schema (`infraplan schema`), so the schema can never drift from the loader.
//! Derived outputs (cost estimates, recommendations) are not stored here; the
//! engines compute them.

pub mod component;
pub mod database;
pub mod decision;
pub mod iac;
pub mod migration;
pub mod module;
pub mod money;
pub mod quantity;
pub mod scaling;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use component::{Component, ComponentType};
pub use decision::{Decision, Selection};
pub use iac::IacConfig;
pub use migration::MigrationPlan;
pub use module::Module;
pub use quantity::{Currency, Id};
pub use scaling::ScalabilityPattern;

/// The plan-file format version this build reads.
pub const SUPPORTED_VERSION: u32 = 1;

/// A whole plan file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "infraplan plan file")]
pub struct Plan {
    /// Optional inline schema reference for editors; ignored by infraplan.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Plan-file format version; this build reads version 1.
    pub version: u32,
    /// Short name of the system this plan describes.
    pub name: String,
    /// What the system does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Currency every amount in the plan and its reports is in (ISO 4217); `USD` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    /// Cloud providers: which one is primary and the region used on each.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub providers: Option<Providers>,
    /// Deployment environments and how much of production each one runs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub environments: Vec<Environment>,
    /// Infrastructure components the system needs.
    pub components: Vec<Component>,
    /// Modules (services) and the components each one runs on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modules: Vec<Module>,
    /// Technology-selection matrices and their outcomes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub selections: Vec<Selection>,
    /// Architecture decisions taken for this plan.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
    /// Migration plans.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub migrations: Vec<MigrationPlan>,
    /// Days off every migration schedule skips, beyond weekends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<migration::Calendar>,
    /// Scalability patterns applied to components.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scaling: Vec<ScalabilityPattern>,
    /// Infrastructure-as-code tooling and layout.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iac: Option<IacConfig>,
}

impl Plan {
    /// The component with this id, if any.
    pub fn component(&self, id: &str) -> Option<&Component> {
        self.components.iter().find(|c| c.id.as_str() == id)
    }

    /// The plan's currency, `USD` when the plan does not say.
    pub fn currency_code(&self) -> &str {
        self.currency.as_ref().map_or("USD", Currency::as_str)
    }
}

/// A public cloud provider.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum CloudProvider {
    /// Microsoft Azure.
    Azure,
    /// Amazon Web Services.
    Aws,
    /// Google Cloud.
    Gcp,
}

impl CloudProvider {
    /// All providers, in the order reports list them.
    pub const ALL: [Self; 3] = [Self::Azure, Self::Aws, Self::Gcp];

    /// The snake_case name used in plan files.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Azure => "azure",
            Self::Aws => "aws",
            Self::Gcp => "gcp",
        }
    }
}

/// Cloud-provider configuration (the specification's `cloud_provider_configs`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Providers {
    /// The provider components use unless they name another.
    pub primary: CloudProvider,
    /// Primary region per provider, in the provider's own spelling (`eastus`, `us-east-1`, `us-central1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regions: Option<PerProvider<String>>,
    /// Secondary regions per provider, for replicas and disaster recovery.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secondary_regions: Option<PerProvider<Vec<String>>>,
    /// Cost-allocation tags applied to every resource (key to value).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub cost_allocation_tags: std::collections::BTreeMap<String, String>,
}

/// One optional value per provider.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PerProvider<T> {
    /// Value for Microsoft Azure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub azure: Option<T>,
    /// Value for Amazon Web Services.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aws: Option<T>,
    /// Value for Google Cloud.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gcp: Option<T>,
}

impl<T> PerProvider<T> {
    /// The value for `provider`, if set.
    pub fn get(&self, provider: CloudProvider) -> Option<&T> {
        match provider {
            CloudProvider::Azure => self.azure.as_ref(),
            CloudProvider::Aws => self.aws.as_ref(),
            CloudProvider::Gcp => self.gcp.as_ref(),
        }
    }
}

/// A deployment environment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Environment {
    /// Environment name, e.g. `prod`, `staging`.
    pub name: Id,
    /// Share of production this environment runs: multiplies node and instance counts and throughput (prod is 1.0).
    #[schemars(range(min = 0.0))]
    pub scale: f64,
    /// What the environment is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Hours a month the environment runs when it is scheduled off outside working hours (730 when always on).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 744))]
    pub hours_per_month: Option<u32>,
}
