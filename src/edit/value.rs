//! Values an edit writes, and how a string is written so that it reads back
//! as the same string.
//!
//! Invariant: a string is written plain only when it parses back as that very
//! string with `yaml::parse`, would not read as a boolean or null under the
//! older YAML 1.1 rules either (`yes`, `off`, …), and starts with no YAML
//! indicator; otherwise it is quoted. An existing quoted value keeps its
//! quote style, so a changed value differs from the old one only in content.

use std::fmt;

use crate::yaml::{self, Entry, Node, Span};

/// A value to write into a plan: a scalar, or a list or mapping of values
/// (for new list items and new sections).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A finite floating-point number.
    Float(f64),
    /// A string; quoted in the file when it would otherwise read as another
    /// type or break the YAML.
    Str(String),
    /// A list; written in block style unless it goes into a flow collection.
    Seq(Vec<Value>),
    /// A mapping with keys in this order.
    Map(Vec<(String, Value)>),
}

impl Value {
    /// A mapping from `(key, value)` pairs, in order.
    pub fn map<K: Into<String>, V: Into<Value>>(entries: impl IntoIterator<Item = (K, V)>) -> Self {
        Self::Map(
            entries
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        )
    }

    /// The node this value parses to, with empty spans.
    pub(crate) fn to_node(&self) -> Node {
        let value = match self {
            Self::Null => yaml::Value::Null,
            Self::Bool(b) => yaml::Value::Bool(*b),
            Self::Int(i) => yaml::Value::Int(*i),
            Self::Float(f) => yaml::Value::Float(*f),
            Self::Str(s) => yaml::Value::Str(s.clone()),
            Self::Seq(items) => yaml::Value::Seq(items.iter().map(Self::to_node).collect()),
            Self::Map(entries) => yaml::Value::Map(
                entries
                    .iter()
                    .map(|(key, value)| Entry {
                        key: key.clone(),
                        key_span: Span::default(),
                        value: value.to_node(),
                    })
                    .collect(),
            ),
        };
        Node {
            value,
            span: Span::default(),
        }
    }

    /// Whether every number in this value is finite.
    pub(crate) fn is_finite(&self) -> bool {
        match self {
            Self::Float(x) => x.is_finite(),
            Self::Seq(items) => items.iter().all(Self::is_finite),
            Self::Map(entries) => entries.iter().all(|(_, v)| v.is_finite()),
            _ => true,
        }
    }

    /// Whether this is a scalar (not a list or mapping).
    pub fn is_scalar(&self) -> bool {
        !matches!(self, Self::Seq(_) | Self::Map(_))
    }
}

impl fmt::Display for Value {
    /// A short rendering for messages.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Null => f.write_str("null"),
            Self::Bool(b) => write!(f, "{b}"),
            Self::Int(i) => write!(f, "{i}"),
            Self::Float(x) => f.write_str(&float_text(*x)),
            Self::Str(s) => write!(f, "{s:?}"),
            Self::Seq(_) => f.write_str("a list"),
            Self::Map(_) => f.write_str("a mapping"),
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Self::Str(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Self::Str(s)
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Self {
        Self::Int(i)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Self::Bool(b)
    }
}

impl From<f64> for Value {
    fn from(x: f64) -> Self {
        Self::Float(x)
    }
}

/// A float as YAML 1.2 core-schema text that reads back as the same number
/// (always with a `.` or an exponent, so it is never read as an integer).
pub(crate) fn float_text(x: f64) -> String {
    let text = format!("{x:?}");
    if text.contains(['.', 'e', 'E']) || !x.is_finite() {
        text
    } else {
        format!("{text}.0")
    }
}

/// How a scalar is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// Unquoted.
    Plain,
    /// `'…'`.
    Single,
    /// `"…"`, with escapes.
    Double,
    /// `|` block.
    Literal,
    /// `>` block.
    Folded,
}

/// The style for writing `text`, keeping `previous` (the style of the value
/// it replaces) when that style can hold it; `in_flow` when it goes inside
/// `[…]` or `{…}`.
pub(crate) fn string_style(text: &str, previous: Option<Style>, in_flow: bool) -> Style {
    let multi_line = text.contains('\n');
    let escapes = text.chars().any(needs_escape);
    match previous {
        Some(Style::Double) => return Style::Double,
        Some(Style::Single) if !escapes && !multi_line => return Style::Single,
        Some(style @ (Style::Literal | Style::Folded)) if !in_flow && block_ok(text) => {
            return style;
        }
        _ => {}
    }
    if plain_ok(text, in_flow) {
        Style::Plain
    } else if multi_line && !in_flow && block_ok(text) {
        Style::Literal
    } else if escapes || multi_line {
        Style::Double
    } else {
        Style::Single
    }
}

/// Characters only a double-quoted scalar can hold (as escapes).
fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// Whether a block scalar can hold `text` exactly.
fn block_ok(text: &str) -> bool {
    !text.is_empty()
        && !text.chars().any(|c| needs_escape(c) || c == '\t')
        && !text.starts_with([' ', '\n'])
        && text.lines().all(|line| line.trim_end() == line)
}

/// Words some YAML readers take for booleans or null when unquoted.
const RESERVED: &[&str] = &[
    "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~",
];

/// Characters that cannot start a plain scalar (YAML 1.2 c-indicators).
const INDICATORS: &[char] = &[
    '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`',
];

/// Whether `text` can be written unquoted and still read as this string.
pub(crate) fn plain_ok(text: &str, in_flow: bool) -> bool {
    let shape_ok = !text.is_empty()
        && !text.starts_with(INDICATORS)
        && !text.starts_with([' ', '\t'])
        && !text.ends_with([' ', '\t', ':'])
        && !text
            .chars()
            .any(|c| needs_escape(c) || c == '\n' || c == '\t')
        && !text.contains(": ")
        && !text.contains(" #")
        && !(in_flow && text.contains([',', '[', ']', '{', '}']))
        && !RESERVED.contains(&text.to_ascii_lowercase().as_str());
    shape_ok && reads_back_as_string(text)
}

/// Whether `k: <text>` parses to the string `text`.
fn reads_back_as_string(text: &str) -> bool {
    let Ok(node) = yaml::parse(&format!("k: {text}\n")) else {
        return false;
    };
    matches!(
        node.get("k").map(|entry| &entry.value.value),
        Some(yaml::Value::Str(s)) if s == text
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_only_when_it_reads_back_as_the_string() {
        for text in [
            "postgresql",
            "us-east-1",
            "Standard_D4s_v5",
            "1Gi",
            "500m",
            "a:b",
            "a#b",
            "2024-01-01",
            "hello world",
            "é",
        ] {
            assert!(plain_ok(text, false), "{text} should be plain");
        }
        for text in [
            "", "12", "1.5", "1e3", "0x1F", "true", "True", "no", "Yes", "off", "null", "~",
            "a: b", "x #y", " lead", "trail ", "-", "- x", "[a]", "{b}", "#c", "*ref", "&a", "!t",
            "%x", "@x", "`x", "'q'", "\"q\"", "|", ">", "? x", "a\nb", "a\tb", ".inf", "ends:",
        ] {
            assert!(!plain_ok(text, false), "{text:?} should be quoted");
        }
        assert!(plain_ok("a,b", false));
        assert!(!plain_ok("a,b", true));
    }

    #[test]
    fn styles_keep_the_previous_quoting_when_they_can() {
        use Style::{Double, Folded, Literal, Plain, Single};
        let table = [
            ("mysql", None, false, Plain),
            ("12", None, false, Single),
            ("it's: x", None, false, Single),
            ("tab\there", None, false, Double),
            ("two\nlines", None, false, Literal),
            ("two\nlines", None, true, Double),
            ("mysql", Some(Single), false, Single),
            ("mysql", Some(Double), false, Double),
            ("a\nb", Some(Single), false, Literal),
            ("folded text", Some(Folded), false, Folded),
            ("folded text", Some(Folded), true, Plain),
            ("x", Some(Literal), false, Literal),
            ("12", Some(Plain), false, Single),
        ];
        for (text, previous, in_flow, expected) in table {
            assert_eq!(
                string_style(text, previous, in_flow),
                expected,
                "{text:?} {previous:?} {in_flow}"
            );
        }
    }

    #[test]
    fn floats_always_read_as_floats() {
        assert_eq!(float_text(1.0), "1.0");
        assert_eq!(float_text(0.25), "0.25");
        assert_eq!(float_text(1e21), "1e21");
    }
}
