//! JSON Schema (draft-07, the newest draft yaml-language-server supports) of
//! the plan file, generated from the model types. The validator walks the
//! same schema, so editors and `infraplan validate` agree on what is valid.

use std::sync::OnceLock;

use crate::plan::Plan;

/// The committed schema, generated from the types by [`generate_text`]; a
/// test fails when it is stale, so reading it is the same as generating it,
/// without the few milliseconds generation costs on every `validate`.
const COMMITTED: &str = include_str!("../infraplan.schema.json");

/// The plan schema as a JSON value.
pub fn plan_schema() -> &'static serde_json::Value {
    static SCHEMA: OnceLock<serde_json::Value> = OnceLock::new();
    SCHEMA.get_or_init(|| serde_json::from_str(COMMITTED).unwrap_or_else(|_| generate()))
}

/// The plan schema as `infraplan schema` prints it.
pub fn plan_schema_text() -> String {
    COMMITTED.to_owned()
}

/// Generates the schema from the model types.
pub fn generate() -> serde_json::Value {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    generator.into_root_schema_for::<Plan>().to_value()
}

/// The generated schema as pretty-printed JSON with a trailing newline: what
/// `infraplan.schema.json` must hold.
pub fn generate_text() -> String {
    let mut text = serde_json::to_string_pretty(&generate()).unwrap_or_default();
    text.push('\n');
    text
}
