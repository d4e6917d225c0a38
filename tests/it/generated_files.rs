//! Files generated from the code are committed so editors and readers can use
//! them without running infraplan; these tests fail when they go stale.
//! Regenerate with `INFRAPLAN_REGENERATE=1 cargo test --test it generated_files`.

use std::path::Path;

fn check_fresh(path: &str, expected: &str) {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    if std::env::var_os("INFRAPLAN_REGENERATE").is_some() {
        std::fs::write(&full, expected).unwrap();
        return;
    }
    let actual = std::fs::read_to_string(&full).unwrap_or_default();
    assert!(
        actual == expected,
        "{path} is stale; run `INFRAPLAN_REGENERATE=1 cargo test --test it generated_files` and commit it"
    );
}

#[test]
fn committed_schema_is_fresh() {
    check_fresh("infraplan.schema.json", &infraplan::schema::generate_text());
}

#[test]
fn diagnostics_reference_is_fresh() {
    check_fresh("docs/diagnostics.md", &infraplan::diag::codes_markdown());
}

#[test]
fn schema_uses_only_keywords_the_validator_understands() {
    fn walk(value: &serde_json::Value, in_properties: bool, unknown: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, child) in map {
                    let is_keyword_position = !in_properties;
                    if is_keyword_position
                        && !infraplan::validate::structural::KNOWN_KEYWORDS.contains(&key.as_str())
                    {
                        unknown.push(key.clone());
                    }
                    let child_in_properties =
                        is_keyword_position && (key == "properties" || key == "definitions");
                    walk(child, child_in_properties, unknown);
                }
            }
            serde_json::Value::Array(items) => {
                for item in items {
                    walk(item, false, unknown);
                }
            }
            _ => {}
        }
    }
    let mut unknown = Vec::new();
    walk(&infraplan::schema::generate(), false, &mut unknown);
    unknown.sort();
    unknown.dedup();
    assert!(
        unknown.is_empty(),
        "schema keywords the validator ignores: {unknown:?}"
    );
}

#[test]
fn schema_is_draft_07() {
    let schema = infraplan::schema::plan_schema();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert!(schema["definitions"].is_object());
}
