//! Per-environment component overrides: each environment's override is
//! merged over its component and the result checked against the component
//! schema, so a bad value is reported where the override writes it; an
//! override may not change what the component is (`id`, `type`) and must
//! name an environment the plan defines.

use std::collections::BTreeMap;

use serde_json::Value as Json;

use super::semantic::unknown_reference;
use super::structural;
use super::tree::{field, items, text};
use crate::diag::{Code, Finding};
use crate::yaml::{Entry, Node, Span, Value};

/// Keys an override cannot change.
const FIXED_KEYS: [&str; 3] = ["id", "type", "overrides"];

/// Findings for every component's `overrides`.
pub fn check(tree: &Node, root: &Json) -> Vec<Finding> {
    let Some(schema) = root.pointer("/definitions/Component") else {
        return Vec::new();
    };
    let environments: BTreeMap<&str, Span> = items(tree, "environments")
        .iter()
        .filter_map(|env| text(env, "name"))
        .collect();
    let mut findings = Vec::new();
    for component in items(tree, "components") {
        let Some(Node {
            value: Value::Map(overrides),
            ..
        }) = field(component, "overrides")
        else {
            continue;
        };
        let base = without_overrides(component);
        for entry in overrides {
            if !environments.contains_key(entry.key.as_str()) {
                findings.push(unknown_reference(
                    Code::UnknownEnvironment,
                    "environment",
                    &entry.key,
                    entry.key_span,
                    &environments,
                ));
            }
            let Value::Map(keys) = &entry.value.value else {
                // The schema pass reports an override that is not a mapping.
                continue;
            };
            for key in keys.iter().filter(|k| FIXED_KEYS.contains(&k.key.as_str())) {
                findings.push(
                    Finding::new(
                        Code::InvalidValue,
                        format!("an override cannot change `{}`", key.key),
                        key.key_span,
                        "fixed for every environment",
                    )
                    .with_help(
                        "override the component's section (`database`, `compute`…), `region` \
                         or `provider`; define another component for a different kind",
                    ),
                );
            }
            // Problems in the component itself are reported once, by the
            // plan's own pass; here only those inside the override.
            let merged = merge(&base, &entry.value);
            let (start, end) = extent(&entry.value);
            findings.extend(
                structural::check_document(
                    &merged,
                    schema,
                    root,
                    "the component with its override",
                )
                .into_iter()
                .filter(|f| {
                    let at = f.label.span.offset;
                    (start..=end).contains(&at)
                }),
            );
        }
    }
    findings
}

/// First and last byte offsets a node and everything in it is written at
/// (collections' own spans have no length).
fn extent(node: &Node) -> (usize, usize) {
    let mut start = node.span.offset;
    let mut end = node.span.offset + node.span.len;
    let mut widen = |(s, e): (usize, usize)| {
        start = start.min(s);
        end = end.max(e);
    };
    match &node.value {
        Value::Map(entries) => {
            for entry in entries {
                widen((
                    entry.key_span.offset,
                    entry.key_span.offset + entry.key_span.len,
                ));
                widen(extent(&entry.value));
            }
        }
        Value::Seq(nodes) => nodes.iter().for_each(|n| widen(extent(n))),
        _ => {}
    }
    (start, end)
}

/// The component node without its `overrides` key.
fn without_overrides(component: &Node) -> Node {
    match &component.value {
        Value::Map(entries) => Node {
            value: Value::Map(
                entries
                    .iter()
                    .filter(|e| e.key != "overrides")
                    .cloned()
                    .collect(),
            ),
            span: component.span,
        },
        _ => component.clone(),
    }
}

/// `over` merged into `base` as the engines merge them (mappings key by
/// key, anything else replaced); every node keeps the span it was written
/// at, so findings point at the override or at the component.
fn merge(base: &Node, over: &Node) -> Node {
    match (&base.value, &over.value) {
        (Value::Map(base_entries), Value::Map(over_entries)) => {
            let mut entries: Vec<Entry> = base_entries.clone();
            for entry in over_entries {
                match entries.iter_mut().find(|e| e.key == entry.key) {
                    Some(existing) => existing.value = merge(&existing.value, &entry.value),
                    None => entries.push(entry.clone()),
                }
            }
            Node {
                value: Value::Map(entries),
                span: base.span,
            }
        }
        _ => over.clone(),
    }
}
