//! Finding the records a matrix decision already has, and refreshing a
//! proposed one: only the generated blocks and the `infraplan` front matter
//! change; an accepted record is never rewritten.

use super::{MATRIX_BLOCK, MatrixDecision, SENSITIVITY_BLOCK};
use crate::edit::{self, Edit, PlanPath, Segment, Value};
use crate::engine::adr::blocks;
use crate::engine::adr::lifecycle::AdrError;
use crate::engine::adr::record::Record;
use crate::engine::matrix::{Evaluation, markdown};

/// Whether `record` was generated from the same matrix (and plan
/// selection) as `evaluation`.
pub(super) fn is_for(record: &Record, evaluation: &Evaluation) -> bool {
    let block = record
        .tree
        .as_ref()
        .and_then(|t| t.get("infraplan"))
        .map(|e| &e.value);
    let field = |key: &str| {
        block
            .and_then(|b| b.get(key))
            .and_then(|e| e.value.value.scalar_text())
    };
    block.is_some()
        && field("matrix") == evaluation.origin.matrix
        && field("selection") == evaluation.origin.selection
}

/// The inputs hash a record was generated from.
pub fn recorded_hash(record: &Record) -> Option<String> {
    record
        .tree
        .as_ref()
        .and_then(|t| t.get("infraplan"))
        .and_then(|e| e.value.get("inputs-hash"))
        .and_then(|e| e.value.value.scalar_text())
}

/// `record`'s text with fresh generated blocks and `infraplan` front matter
/// (the rest untouched). Refused unless the record is `proposed`.
pub fn refresh(record: &Record, decision: &MatrixDecision<'_>) -> Result<String, AdrError> {
    let file = record.file_name.clone();
    let mut text = record.text.clone();
    for (name, content) in [
        (MATRIX_BLOCK, markdown::matrix_table(decision.evaluation)),
        (
            SENSITIVITY_BLOCK,
            markdown::sensitivity_section(decision.evaluation),
        ),
    ] {
        text = blocks::replace(&text, name, &content)
            .map_err(|source| AdrError::Blocks {
                file: file.clone(),
                source,
            })?
            .ok_or_else(|| AdrError::Blocks {
                file: file.clone(),
                source: blocks::BlockError {
                    name: name.to_owned(),
                    problem: "the record has no such block".to_owned(),
                },
            })?;
    }
    let Some(range) = crate::engine::adr::record::front_matter_range(&text) else {
        return Ok(text);
    };
    let path = |keys: &[&str]| {
        PlanPath::new(keys.iter().map(|k| Segment::Key((*k).to_owned())).collect())
            .expect("keys make a valid path")
    };
    let mut edits = vec![
        Edit::Set(
            path(&["infraplan", "inputs-hash"]),
            Value::from(decision.evaluation.inputs_hash.clone()),
        ),
        Edit::Set(
            path(&["infraplan", "tool-version"]),
            Value::from(env!("CARGO_PKG_VERSION")),
        ),
    ];
    for (key, value) in super::result(decision) {
        let value = match value {
            serde_json::Value::Bool(b) => Value::from(b),
            serde_json::Value::Number(n) => Value::from(n.as_f64().unwrap_or_default()),
            other => Value::from(other.as_str().unwrap_or_default().to_owned()),
        };
        edits.push(Edit::Set(path(&["infraplan", "result", &key]), value));
    }
    let yaml = edit::apply(&text[range.clone()], &edits)
        .map_err(|source| AdrError::Edit { file, source })?;
    Ok(format!(
        "{}{yaml}{}",
        &text[..range.start],
        &text[range.end..]
    ))
}
