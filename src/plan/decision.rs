//! Architecture decisions (specification §6.1) and technology-selection
//! matrices (§6.2) as a plan records them.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::quantity::{Date, Id};

/// A technology-selection matrix used by the plan: a catalog matrix with
/// optional weight overrides, or one defined inline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Selection {
    /// Unique id.
    pub id: Id,
    /// Catalog matrix id (`message_broker`, `api_style`, …); absent for an inline matrix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matrix: Option<String>,
    /// Category, e.g. `Message Broker` (inline matrices).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Weight overrides by criterion name, 1–10.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub weights: BTreeMap<String, Score>,
    /// Criteria (inline matrices).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub criteria: Vec<SelectionCriterion>,
    /// Options scored against the criteria (inline matrices).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<TechnologyOption>,
    /// Option chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chosen: Option<String>,
    /// Decision id recording the choice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Id>,
}

/// A selection criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SelectionCriterion {
    /// Criterion name, e.g. `Throughput`.
    pub name: String,
    /// Importance, 1–10.
    pub weight: Score,
    /// What it measures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// An option in a selection matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TechnologyOption {
    /// Option name, e.g. `Apache Kafka`.
    pub name: String,
    /// Score per criterion name, 1–10.
    pub scores: BTreeMap<String, Score>,
    /// Advantages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pros: Vec<String>,
    /// Disadvantages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cons: Vec<String>,
}

/// A weight or score on the 1–10 scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Score(pub u8);

impl schemars::JsonSchema for Score {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Score".into()
    }

    fn json_schema(_generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Weight or score on the 1–10 scale.",
            "type": "integer",
            "minimum": 1,
            "maximum": 10,
        })
    }
}

/// An architecture decision (specification `ArchitectureDecisionRecord`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Decision {
    /// Unique id.
    pub id: Id,
    /// Short title, e.g. `Use PostgreSQL for orders`.
    pub title: String,
    /// Lifecycle status.
    pub status: DecisionStatus,
    /// When it was decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// The decision that replaces this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superseded_by: Option<Id>,
    /// The forces at play.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    /// What was decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
    /// Consequences.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consequences: Option<Consequences>,
    /// Alternatives considered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<AlternativeConsidered>,
    /// Related decision ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related_decisions: Vec<Id>,
    /// Who decided.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deciders: Vec<String>,
    /// Who reviewed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviewers: Vec<String>,
    /// Tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Path of the ADR markdown file, relative to the plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adr: Option<String>,
}

/// Decision lifecycle status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DecisionStatus {
    /// Under discussion.
    Proposed,
    /// In force.
    Accepted,
    /// Considered and turned down.
    Rejected,
    /// No longer relevant.
    Deprecated,
    /// Replaced by another decision.
    Superseded,
}

/// Consequences of a decision.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Consequences {
    /// Good outcomes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub positive: Vec<String>,
    /// Costs and risks accepted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub negative: Vec<String>,
    /// Other effects.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub neutral: Vec<String>,
}

/// An alternative considered (specification `AlternativeConsidered`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AlternativeConsidered {
    /// Name.
    pub name: String,
    /// What it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Advantages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pros: Vec<String>,
    /// Disadvantages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cons: Vec<String>,
    /// Why it lost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why_not_chosen: Option<String>,
}
