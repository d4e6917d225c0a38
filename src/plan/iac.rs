//! Infrastructure-as-code settings (specification §7.1): tool, state,
//! module layout, CI/CD, testing, security scanning and Terraform specifics.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Infrastructure-as-code settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IacConfig {
    /// Main tool.
    pub primary_tool: IacTool,
    /// Tools for specific jobs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secondary_tools: Vec<IacTool>,
    /// State management.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_management: Option<StateManagement>,
    /// Module layout.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub module_structure: Option<ModuleStructure>,
    /// CI/CD integration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cicd_integration: Option<CicdIntegration>,
    /// Testing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub testing: Option<IacTesting>,
    /// Security scanning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_scanning: Option<SecurityScanning>,
    /// Terraform specifics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terraform: Option<TerraformConfig>,
}

/// IaC tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IacTool {
    /// HashiCorp Terraform or OpenTofu.
    Terraform,
    /// Pulumi.
    Pulumi,
    /// AWS CloudFormation.
    Cloudformation,
    /// Azure Resource Manager / Bicep.
    ArmBicep,
    /// AWS CDK.
    Cdk,
    /// Crossplane.
    Crossplane,
    /// Ansible.
    Ansible,
}

/// State management.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StateManagement {
    /// Remote or local state.
    pub backend: StateBackend,
    /// Remote backend, when `backend: remote`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_backend: Option<RemoteBackend>,
    /// State locking.
    #[serde(default)]
    pub locking: bool,
    /// State encryption.
    #[serde(default)]
    pub encryption: bool,
    /// How state files are split.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<StateOrganization>,
}

/// State backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StateBackend {
    /// Shared remote state.
    Remote,
    /// A local file.
    Local,
}

/// Remote backend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RemoteBackend {
    /// Backend product.
    pub provider: RemoteBackendProvider,
    /// Backend settings (bucket, container, key, …), as the backend spells them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub config: BTreeMap<String, serde_json::Value>,
}

/// Remote backend product.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RemoteBackendProvider {
    /// HCP Terraform / Terraform Cloud.
    TerraformCloud,
    /// Amazon S3.
    S3,
    /// Azure Blob Storage.
    AzureBlob,
    /// Google Cloud Storage.
    Gcs,
    /// HashiCorp Consul.
    Consul,
}

/// How state files are split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StateOrganization {
    /// One state.
    Single,
    /// One per environment.
    PerEnvironment,
    /// One per component.
    PerComponent,
    /// Terraform workspaces.
    Workspace,
}

/// Module layout.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ModuleStructure {
    /// Layout pattern.
    pub pattern: ModulePattern,
    /// Modules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modules: Vec<IacModule>,
    /// Where shared modules come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared_modules: Option<SharedModules>,
}

/// Module layout pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ModulePattern {
    /// All modules side by side.
    Flat,
    /// Foundation, platform, application layers.
    Layered,
    /// One module tree per business domain.
    DomainDriven,
}

/// An IaC module.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IacModule {
    /// Module name.
    pub name: String,
    /// Path in the repository, relative.
    pub path: String,
    /// What it manages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Input variables.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inputs: Vec<IacVariable>,
    /// Outputs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outputs: Vec<IacOutput>,
    /// Resource types it manages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<String>,
    /// Module names it depends on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dependencies: Vec<String>,
}

/// An IaC input variable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IacVariable {
    /// Name.
    pub name: String,
    /// Type, e.g. `string`, `number`, `list(string)`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Meaning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Must be set by the caller.
    #[serde(default)]
    pub required: bool,
    /// Default value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<serde_json::Value>,
    /// Hidden from logs.
    #[serde(default)]
    pub sensitive: bool,
}

/// An IaC output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IacOutput {
    /// Name.
    pub name: String,
    /// Meaning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Hidden from logs.
    #[serde(default)]
    pub sensitive: bool,
}

/// Where shared modules come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SharedModules {
    /// Repository URL.
    pub repository: String,
    /// How versions are pinned.
    pub versioning: ModuleVersioning,
}

/// How shared-module versions are pinned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ModuleVersioning {
    /// Git tags.
    GitTags,
    /// A module registry.
    Registry,
    /// Local paths.
    Path,
}

/// CI/CD integration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CicdIntegration {
    /// CI/CD platform.
    pub platform: CicdPlatform,
    /// Run `plan` on every pull request.
    #[serde(default)]
    pub plan_on_pull_request: bool,
    /// Run `apply` when merged.
    #[serde(default)]
    pub apply_on_merge: bool,
    /// A person approves each apply.
    #[serde(default)]
    pub require_approval: bool,
}

/// CI/CD platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CicdPlatform {
    /// GitHub Actions.
    GithubActions,
    /// GitLab CI.
    GitlabCi,
    /// Azure DevOps Pipelines.
    AzureDevops,
    /// Jenkins.
    Jenkins,
    /// CircleCI.
    Circleci,
    /// Atlantis.
    Atlantis,
}

/// IaC testing.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IacTesting {
    /// `validate` and formatting checks.
    #[serde(default)]
    pub static_analysis: bool,
    /// Linting (tflint).
    #[serde(default)]
    pub linting: bool,
    /// Integration tests (terratest, `terraform test`).
    #[serde(default)]
    pub integration_tests: bool,
    /// Policy as code (OPA, Sentinel).
    #[serde(default)]
    pub policy_as_code: bool,
}

/// Security scanning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SecurityScanning {
    /// On or off.
    pub enabled: bool,
    /// Scanners, e.g. `checkov`, `tfsec`, `trivy`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tools: Vec<String>,
    /// Lowest severity that fails the build.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_on: Option<Severity>,
}

/// Finding severity for scanners.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
    /// Critical.
    Critical,
}

/// Terraform specifics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TerraformConfig {
    /// Required Terraform version constraint, e.g. `>= 1.6`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Required providers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub providers: Vec<TerraformProvider>,
    /// Workspaces.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub workspaces: Vec<TerraformWorkspace>,
}

/// A required Terraform provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TerraformProvider {
    /// Local name, e.g. `azurerm`.
    pub name: String,
    /// Registry source, e.g. `hashicorp/azurerm`.
    pub source: String,
    /// Version constraint, e.g. `~> 4.0`.
    pub version: String,
}

/// A Terraform workspace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TerraformWorkspace {
    /// Workspace name.
    pub name: String,
    /// Plan environment it deploys.
    pub environment: String,
    /// Variable values.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub variables: BTreeMap<String, serde_json::Value>,
}
