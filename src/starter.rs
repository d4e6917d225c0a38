//! The commented starter files `infraplan init` writes. The text is built
//! here (not in the CLI) so tests can validate it without a terminal.

use crate::plan::CloudProvider;

/// What `init` asks for (or takes as defaults).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers {
    /// System name; becomes the plan's `name`.
    pub name: String,
    /// Primary provider.
    pub provider: CloudProvider,
    /// Primary region on that provider.
    pub region: String,
    /// ISO currency code.
    pub currency: String,
}

impl Default for Answers {
    fn default() -> Self {
        Self {
            name: "my-system".to_owned(),
            provider: CloudProvider::Azure,
            region: default_region(CloudProvider::Azure).to_owned(),
            currency: "USD".to_owned(),
        }
    }
}

/// A sensible first region for each provider (each is in the price catalog).
pub const fn default_region(provider: CloudProvider) -> &'static str {
    match provider {
        CloudProvider::Azure => "eastus",
        CloudProvider::Aws => "us-east-1",
        CloudProvider::Gcp => "us-central1",
    }
}

/// The starter `infraplan.yaml`.
pub fn plan_text(answers: &Answers) -> String {
    let provider = answers.provider.as_str();
    format!(
        r"# yaml-language-server: $schema=./infraplan.schema.json
# infraplan plan file. Reference: docs/plan-format.md in the infraplan repository.
# Check it with `infraplan validate`; every key below can be changed or removed.
version: 1
name: {name}
description: What this system does, in one sentence.
currency: {currency}

providers:
  primary: {provider}
  regions: {{ {provider}: {region} }}

# Each environment runs a share of production (prod = 1.0).
environments:
  - {{ name: prod, scale: 1.0 }}
  - {{ name: staging, scale: 0.25 }}

components:
  # A relational database; `infraplan recommend-db --component app-db` ranks technologies
  # against these criteria.
  - id: app-db
    name: Application database
    type: database
    database:
      criteria:
        dataModel: {{ type: structured, relationships: complex, schemaFlexibility: rigid }}
        queryPatterns: {{ readHeavy: true, complexQueries: true, aggregations: true }}
        scale: {{ dataSize: medium, readThroughput: 500, writeThroughput: 100,
                 concurrentConnections: 200 }}
        performance: {{ readLatency: low, writeLatency: low, consistency: strong }}
        operational: {{ managedPreferred: true, highAvailability: true, backupRetention: 7 }}
        budget: {{ monthlyBudget: 500, optimizeFor: balanced }}

  # A Kubernetes cluster running the application.
  - id: app-cluster
    name: Application cluster
    type: container_cluster
    kubernetes:
      tier: standard
      nodePools:
        - {{ name: system, vcpus: 4, memoryGB: 16, count: 3 }}
      workloads:
        - {{ name: api, replicas: 3, cpu: 500m, memory: 1Gi }}

# Modules are the services of the system and the components they use.
modules:
  - id: api
    name: API service
    infrastructure:
      - {{ component: app-cluster, role: primary }}
      - {{ component: app-db, role: primary }}
",
        name = answers.name,
        currency = answers.currency,
        region = answers.region,
    )
}

/// The starter `infraplan.toml`.
pub fn config_text(answers: &Answers) -> String {
    let provider = answers.provider.as_str();
    format!(
        r#"# infraplan project settings; paths are relative to this file.
plan = "infraplan.yaml"
currency = "{currency}"
adr-dir = "docs/adr"
iac-out-dir = "infra"
# catalog = "catalog"   # a directory of catalog files that override or extend the built-in ones

[defaults]
provider = "{provider}"

[defaults.regions]
{provider} = "{region}"
"#,
        currency = answers.currency,
        region = answers.region,
    )
}
