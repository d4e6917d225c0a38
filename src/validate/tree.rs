//! Small read-only accessors over the YAML tree, so cross-reference checks
//! work even when other parts of the plan have schema errors.

use crate::yaml::{Node, Span, Value};

/// The value under `key`, when `node` is a mapping that has it.
pub fn field<'a>(node: &'a Node, key: &str) -> Option<&'a Node> {
    node.get(key).map(|entry| &entry.value)
}

/// The span of `key` itself in `node`.
pub fn key_span(node: &Node, key: &str) -> Option<Span> {
    node.get(key).map(|entry| entry.key_span)
}

/// The string under `key` and its span.
pub fn text<'a>(node: &'a Node, key: &str) -> Option<(&'a str, Span)> {
    match field(node, key) {
        Some(Node {
            value: Value::Str(s),
            span,
        }) => Some((s.as_str(), *span)),
        _ => None,
    }
}

/// The number under `key` and its span.
pub fn number(node: &Node, key: &str) -> Option<(f64, Span)> {
    match field(node, key)? {
        Node {
            value: Value::Int(i),
            span,
        } => {
            #[allow(clippy::cast_precision_loss)]
            let value = *i as f64;
            Some((value, *span))
        }
        Node {
            value: Value::Float(f),
            span,
        } => Some((*f, *span)),
        _ => None,
    }
}

/// The list under `key`, or an empty slice.
pub fn items<'a>(node: &'a Node, key: &str) -> &'a [Node] {
    match field(node, key) {
        Some(Node {
            value: Value::Seq(list),
            ..
        }) => list,
        _ => &[],
    }
}

/// The strings of the list under `key`, with their spans.
pub fn strings<'a>(node: &'a Node, key: &str) -> Vec<(&'a str, Span)> {
    items(node, key)
        .iter()
        .filter_map(|item| match &item.value {
            Value::Str(s) => Some((s.as_str(), item.span)),
            _ => None,
        })
        .collect()
}

/// The keys of the mapping under `key`, with their spans.
pub fn keys<'a>(node: &'a Node, key: &str) -> Vec<(&'a str, Span)> {
    match field(node, key) {
        Some(Node {
            value: Value::Map(entries),
            ..
        }) => entries
            .iter()
            .map(|e| (e.key.as_str(), e.key_span))
            .collect(),
        _ => Vec::new(),
    }
}
