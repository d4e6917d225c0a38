//! Technology-selection matrices as the catalog holds them
//! (`catalog/matrices/<id>.yaml`): data only. The selection engine
//! (`engine::matrix`) evaluates them; the catalog only loads and lints them.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::plan::decision::Score;

/// A matrix as the catalog holds it: `catalog/matrices/<id>.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Matrix {
    /// Matrix id, equal to the file stem (`message_broker`).
    pub id: String,
    /// Category shown in reports (`Message Broker`).
    pub category: String,
    /// The question the matrix answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Where the criteria, weights and scores come from.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Criteria with their default weights.
    pub criteria: Vec<Criterion>,
    /// Options scored on every criterion.
    pub options: Vec<MatrixOption>,
}

/// A criterion of a catalog matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Criterion {
    /// Name, unique in the matrix (`Throughput`).
    pub name: String,
    /// Default weight, 1–10.
    pub weight: Score,
    /// What it measures.
    pub description: String,
    /// Why it carries this weight, in one line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rationale: Option<String>,
}

/// An option of a catalog matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MatrixOption {
    /// Name, unique in the matrix (`Apache Kafka`).
    pub name: String,
    /// What it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Score per criterion name, 1–10.
    pub scores: BTreeMap<String, Score>,
    /// Why each score, in one line, by criterion name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rationale: BTreeMap<String, String>,
    /// Advantages.
    #[serde(default)]
    pub pros: Vec<String>,
    /// Disadvantages.
    #[serde(default)]
    pub cons: Vec<String>,
}
