//! YAML text to a tree of values that remember where they came from.
//!
//! Parsing goes through serde-saphyr (pure Rust, fuzzed, with budgets against
//! alias bombs and deep nesting); this module turns its spanned values into a
//! small [`Node`] tree that the validator walks and that diagnostics point
//! into. Scalars follow YAML 1.2 (`no` and `yes` are strings, not booleans).

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

/// Byte range in the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    /// Byte offset of the first character.
    pub offset: usize,
    /// Length in bytes (0 for collections, which point at their start).
    pub len: usize,
}

impl Span {
    /// A span from an offset and a length.
    pub const fn new(offset: usize, len: usize) -> Self {
        Self { offset, len }
    }
}

/// A YAML value with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Where it is in the source.
    pub span: Span,
}

/// A mapping entry: key text, key position and value.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Key as text.
    pub key: String,
    /// Where the key is.
    pub key_span: Span,
    /// The value.
    pub value: Node,
}

/// A YAML value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`, `~` or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// A string.
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in source order.
    Map(Vec<Entry>),
}

impl Value {
    /// A word for the value's type, for messages ("found a string").
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::Null => "null",
            Self::Bool(_) => "a boolean",
            Self::Int(_) => "an integer",
            Self::Float(_) => "a number",
            Self::Str(_) => "a string",
            Self::Seq(_) => "a list",
            Self::Map(_) => "a mapping",
        }
    }

    /// The scalar as text, for format checks and messages.
    pub fn scalar_text(&self) -> Option<String> {
        match self {
            Self::Null => Some("null".to_owned()),
            Self::Bool(b) => Some(b.to_string()),
            Self::Int(i) => Some(i.to_string()),
            Self::Float(f) => Some(f.to_string()),
            Self::Str(s) => Some(s.clone()),
            Self::Seq(_) | Self::Map(_) => None,
        }
    }
}

impl Node {
    /// The entry for `key`, when this node is a mapping that has it.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|e| e.key == key),
            _ => None,
        }
    }

    /// Converts to JSON for typed deserialisation.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
            Value::Str(s) => J::String(s.clone()),
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|e| (e.key.clone(), e.value.to_json()))
                    .collect(),
            ),
        }
    }
}

/// A YAML syntax or budget error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// What went wrong, without position.
    pub message: String,
    /// Where (a zero-length span at the point of failure).
    pub span: Span,
}

/// Limits on what one plan file may expand to; generous for real plans,
/// tight enough that hostile input fails fast.
const MAX_NODES: usize = 2_000_000;
const MAX_DEPTH: usize = 48;
const MAX_ALIAS_REPLAY: usize = 100_000;

/// Parses one YAML document.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    serde_saphyr::from_str_with_options::<Spanned<RawNode>>(text, options())
        .map(|raw| convert(raw, text))
        .map_err(|error| syntax_error(&error, text))
}

/// Deserialises trusted text (the built-in catalog) straight into `T` with
/// the same YAML rules, skipping the spanned tree.
pub fn from_str_trusted<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, SyntaxError> {
    serde_saphyr::from_str_with_options::<T>(text, options())
        .map_err(|error| syntax_error(&error, text))
}

/// The parser settings every plan and catalog file is read with.
fn options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = MAX_NODES;
    budget.max_depth = MAX_DEPTH;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.strict_booleans = true;
    // `!Ref` and other application tags would otherwise be dropped silently.
    options.reject_unsupported_tags = true;
    options.with_snippet = false;
    options.alias_limits.max_total_replayed_events = MAX_ALIAS_REPLAY;
    options
}

fn syntax_error(error: &serde_saphyr::Error, text: &str) -> SyntaxError {
    let offset = error.location().map_or(0, |location| {
        let line = usize::try_from(location.line()).unwrap_or(usize::MAX);
        let column = usize::try_from(location.column()).unwrap_or(usize::MAX);
        if line == 0 {
            0
        } else {
            crate::diag::LineIndex::new(text).offset(text, line, column)
        }
    });
    SyntaxError {
        message: explain(&clean_message(&error.to_string())),
        span: Span::new(offset, token_len(text, offset)),
    }
}

/// Length of the token at `offset`, so the label underlines it.
fn token_len(text: &str, offset: usize) -> usize {
    let Some(rest) = text.get(offset..) else {
        return 0;
    };
    let mut chars = rest.char_indices();
    match chars.next() {
        None => 0,
        Some((_, c)) if c.is_whitespace() => 0,
        Some((_, '[' | ']' | '{' | '}' | ':' | ',')) => 1,
        Some(_) => chars
            .find(|&(_, c)| c.is_whitespace() || matches!(c, ':' | ',' | '[' | ']' | '{' | '}'))
            .map_or(rest.len(), |(i, _)| i)
            .min(80),
    }
}

/// Rewrites the parser's internal wording for the limits infraplan sets.
fn explain(message: &str) -> String {
    if message.starts_with("alias replay limit exceeded") || message.contains("Aliases") {
        "the file expands YAML aliases beyond the limit infraplan reads (an alias bomb?)".to_owned()
    } else if message.contains("Depth") || message.contains("recursion limit") {
        format!("the file nests more than {MAX_DEPTH} levels deep")
    } else if message.contains("Nodes") || message.contains("Events") {
        format!("the file holds more than {MAX_NODES} values")
    } else if message.contains("Documents") || message.starts_with("multiple YAML documents") {
        "the file holds more than one YAML document".to_owned()
    } else if message.starts_with("non-finite float") {
        "`.nan` and `.inf` are not numbers a plan can use".to_owned()
    } else {
        message.to_owned()
    }
}

/// Drops the position serde-saphyr appends or prepends: diagnostics show it
/// themselves.
fn clean_message(raw: &str) -> String {
    let first_line = raw.lines().next().unwrap_or(raw);
    let without_prefix = first_line
        .strip_prefix("error: ")
        .unwrap_or(first_line)
        .trim();
    let without_position = match without_prefix.split_once(": ") {
        Some((head, rest)) if head.starts_with("line ") => rest,
        _ => without_prefix,
    };
    let trimmed = without_position
        .split_once(" at line ")
        .map_or(without_position, |(message, _)| message);
    trimmed
        .replace(", set DuplicateKeyPolicy in Options if acceptable", "")
        .replace(
            "; use from_str_multiple or from_str_multiple_with_options",
            "",
        )
}

fn span_of<T>(spanned: &Spanned<T>, text: &str) -> Span {
    let span = spanned.referenced.span();
    let offset = span
        .byte_offset()
        .and_then(|o| usize::try_from(o).ok())
        .unwrap_or(0)
        .min(text.len());
    let len = span
        .byte_len()
        .and_then(|l| usize::try_from(l).ok())
        .unwrap_or(0)
        .min(text.len() - offset);
    Span::new(offset, len)
}

fn convert(raw: Spanned<RawNode>, text: &str) -> Node {
    let span = span_of(&raw, text);
    let value = match raw.value {
        RawNode::Null => Value::Null,
        RawNode::Bool(b) => Value::Bool(b),
        RawNode::Int(i) => Value::Int(i),
        RawNode::Float(f) => Value::Float(f),
        RawNode::Str(s) => Value::Str(s),
        RawNode::Seq(items) => Value::Seq(items.into_iter().map(|i| convert(i, text)).collect()),
        RawNode::Map(entries) => Value::Map(
            entries
                .into_iter()
                .map(|(key, value)| Entry {
                    key_span: span_of(&key, text),
                    key: key.value.0,
                    value: convert(value, text),
                })
                .collect(),
        ),
    };
    Node { value, span }
}

/// The shape serde-saphyr fills in; converted to [`Node`] right after.
enum RawNode {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<RawNode>>),
    Map(Vec<(Spanned<KeyText>, Spanned<RawNode>)>),
}

/// A mapping key of any scalar type, kept as text.
struct KeyText(String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match RawNode::deserialize(deserializer)? {
            RawNode::Null => Ok(Self("null".to_owned())),
            RawNode::Bool(b) => Ok(Self(b.to_string())),
            RawNode::Int(i) => Ok(Self(i.to_string())),
            RawNode::Float(f) => Ok(Self(f.to_string())),
            RawNode::Str(s) => Ok(Self(s)),
            RawNode::Seq(_) | RawNode::Map(_) => Err(serde::de::Error::custom(
                "mapping keys must be plain names, not lists or mappings",
            )),
        }
    }
}

impl<'de> Deserialize<'de> for RawNode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = RawNode;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_unit<E>(self) -> Result<RawNode, E> {
        Ok(RawNode::Null)
    }

    fn visit_none<E>(self) -> Result<RawNode, E> {
        Ok(RawNode::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<RawNode, D::Error> {
        RawNode::deserialize(deserializer)
    }

    fn visit_bool<E>(self, v: bool) -> Result<RawNode, E> {
        Ok(RawNode::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<RawNode, E> {
        Ok(RawNode::Int(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<RawNode, E> {
        // Integers beyond i64 are only plausible as typos; keep them as numbers.
        #[allow(clippy::cast_precision_loss)]
        Ok(i64::try_from(v).map_or(RawNode::Float(v as f64), RawNode::Int))
    }

    fn visit_f64<E>(self, v: f64) -> Result<RawNode, E> {
        Ok(RawNode::Float(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<RawNode, E> {
        Ok(RawNode::Str(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<RawNode, E> {
        Ok(RawNode::Str(v))
    }

    fn visit_bytes<E: serde::de::Error>(self, _v: &[u8]) -> Result<RawNode, E> {
        Err(E::custom("binary values are not allowed in a plan"))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawNode, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(RawNode::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawNode, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key()? {
            entries.push((key, map.next_value()?));
        }
        Ok(RawNode::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_follow_yaml_1_2() {
        let node = parse("a: no\nb: yes\nc: true\nd: 12\ne: \"12\"\nf: 1.5\ng:\n").unwrap();
        let Value::Map(entries) = node.value else {
            panic!("expected a mapping")
        };
        let values: Vec<_> = entries.iter().map(|e| e.value.value.clone()).collect();
        assert_eq!(
            values,
            vec![
                Value::Str("no".into()),
                Value::Str("yes".into()),
                Value::Bool(true),
                Value::Int(12),
                Value::Str("12".into()),
                Value::Float(1.5),
                Value::Null,
            ]
        );
    }

    #[test]
    fn spans_point_at_keys_and_values() {
        let text = "name: shop\nlist: [a, bb]\n";
        let node = parse(text).unwrap();
        let list = node.get("list").unwrap();
        assert_eq!(&text[list.key_span.offset..][..list.key_span.len], "list");
        let Value::Seq(items) = &list.value.value else {
            panic!("expected a list")
        };
        assert_eq!(&text[items[1].span.offset..][..items[1].span.len], "bb");
    }

    #[test]
    fn hostile_input_fails_fast_with_a_message() {
        let bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n";
        assert!(parse(bomb).is_err());
        let deep = "[".repeat(10_000);
        assert!(parse(&deep).is_err());
        let error = parse("a: 1\na: 2\n").unwrap_err();
        assert_eq!(error.message, "duplicate mapping key: a");
    }
}
