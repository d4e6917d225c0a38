//! JSON Schema (draft-07, the newest draft yaml-language-server supports) of
//! the plan file, generated from the model types. The validator walks the
//! same schema, so editors and `infraplan validate` agree on what is valid.

use std::sync::OnceLock;

use crate::plan::Plan;

/// The plan schema as a JSON value.
pub fn plan_schema() -> &'static serde_json::Value {
    static SCHEMA: OnceLock<serde_json::Value> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let generator = schemars::generate::SchemaSettings::draft07().into_generator();
        let schema = generator.into_root_schema_for::<Plan>();
        schema.to_value()
    })
}

/// The plan schema as pretty-printed JSON with a trailing newline, exactly
/// as `infraplan schema` prints it and as `infraplan.schema.json` is committed.
pub fn plan_schema_text() -> String {
    let mut text = serde_json::to_string_pretty(plan_schema()).unwrap_or_default();
    text.push('\n');
    text
}
