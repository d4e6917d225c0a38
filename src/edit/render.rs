//! New values as YAML text in the file's own layout: block mappings and
//! lists indented by the file's indentation step, lists under a key indented
//! (or not) as the file does it, flow mappings padded (`{ a: 1 }`) or tight
//! as the file writes them. Strings are quoted as [`super::value`] decides.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::value::{Style, Value, float_text, string_style};

/// How a file lays out block collections and flow mappings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Layout {
    /// Columns from a key to the keys of the mapping under it.
    pub(crate) step: usize,
    /// Columns from a key to the `-` of the list under it (0 or `step`).
    pub(crate) list_step: usize,
    /// Flow mappings are written `{ a: 1 }` rather than `{a: 1}`.
    pub(crate) padded: bool,
}

impl Layout {
    /// The layout most of `text` uses; two-space steps with indented
    /// lists when the text has no nested block collections.
    pub(crate) fn of(text: &str) -> Self {
        let mut steps = BTreeMap::<usize, usize>::new();
        let mut list_steps = BTreeMap::<usize, usize>::new();
        let lines: Vec<(usize, &str)> = text
            .lines()
            .map(|line| {
                let content = line.trim_start_matches(' ');
                (line.len() - content.len(), content.trim_end())
            })
            .filter(|(_, content)| !content.is_empty() && !content.starts_with('#'))
            .collect();
        for pair in lines.windows(2) {
            let ((indent, content), (next_indent, next)) = (pair[0], pair[1]);
            // The key column of `key:` or `- key:`.
            let (column, body) = match content.strip_prefix("- ") {
                Some(rest) => (
                    indent + 2 + rest.len() - rest.trim_start().len(),
                    rest.trim_start(),
                ),
                None => (indent, content),
            };
            let body = body.split(" #").next().unwrap_or(body).trim_end();
            if !body.ends_with(':') || body.starts_with('-') {
                continue;
            }
            if next.starts_with("- ") || next == "-" {
                if next_indent >= column {
                    *list_steps.entry(next_indent - column).or_default() += 1;
                }
            } else if next_indent > column {
                *steps.entry(next_indent - column).or_default() += 1;
            }
        }
        let most = |counts: &BTreeMap<usize, usize>| {
            counts
                .iter()
                .max_by_key(|&(value, count)| (*count, std::cmp::Reverse(*value)))
                .map(|(value, _)| *value)
        };
        let step = most(&steps).unwrap_or(2).clamp(1, 8);
        Self {
            step,
            list_step: most(&list_steps).unwrap_or(step),
            padded: pads_flow_mappings(text),
        }
    }
}

/// Whether flow mappings in `text` are mostly written `{ a: 1 }`.
fn pads_flow_mappings(text: &str) -> bool {
    let (mut padded, mut tight) = (0usize, 0usize);
    for (i, _) in text.match_indices('{') {
        match text[i + 1..].chars().next() {
            Some(' ') => padded += 1,
            Some('}' | '\n' | '\r') | None => {}
            Some(_) => tight += 1,
        }
    }
    padded >= tight
}

/// `value` (a mapping or list) as block lines whose first level starts at
/// column `indent`; every line ends with `\n`.
pub(crate) fn block(value: &Value, indent: usize, layout: Layout) -> String {
    let mut out = String::new();
    let pad = " ".repeat(indent);
    match value {
        Value::Map(entries) => {
            for (key, item) in entries {
                let _ = write!(out, "{pad}{}:", scalar(&Value::Str(key.clone()), false));
                nested(&mut out, item, indent, layout);
            }
        }
        Value::Seq(items) => {
            for item in items {
                out.push_str(&pad);
                out.push('-');
                match item {
                    Value::Map(entries) if !entries.is_empty() => {
                        out.push(' ');
                        out.push_str(block(item, indent + 2, layout).trim_start_matches(' '));
                    }
                    Value::Seq(inner) if !inner.is_empty() => {
                        out.push(' ');
                        out.push_str(block(item, indent + 2, layout).trim_start_matches(' '));
                    }
                    _ => nested(&mut out, item, indent, layout),
                }
            }
        }
        scalar_value => {
            let _ = writeln!(out, "{pad}{}", scalar(scalar_value, false));
        }
    }
    out
}

/// The rest of a `key:` or `-` line holding `item`.
fn nested(out: &mut String, item: &Value, indent: usize, layout: Layout) {
    match item {
        Value::Map(entries) if !entries.is_empty() => {
            out.push('\n');
            out.push_str(&block(item, indent + layout.step, layout));
        }
        Value::Seq(items) if !items.is_empty() => {
            out.push('\n');
            out.push_str(&block(item, indent + layout.list_step, layout));
        }
        Value::Str(text) if string_style(text, None, false) == Style::Literal => {
            out.push(' ');
            out.push_str(&literal(text, indent + layout.step));
        }
        other => {
            out.push(' ');
            out.push_str(&flow(other, layout.padded));
            out.push('\n');
        }
    }
}

/// A `|` block scalar: header line and body lines at `indent`.
fn literal(text: &str, indent: usize) -> String {
    let trailing = text.len() - text.trim_end_matches('\n').len();
    let chomp = match trailing {
        0 => "-",
        1 => "",
        _ => "+",
    };
    let mut out = format!("|{chomp}\n");
    let body = text.strip_suffix('\n').unwrap_or(text);
    for line in body.split('\n') {
        if !line.is_empty() {
            out.push_str(&" ".repeat(indent));
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// `value` as flow-style text (a scalar, `[…]` or `{…}`).
pub(crate) fn flow(value: &Value, padded: bool) -> String {
    match value {
        Value::Seq(items) => {
            let items: Vec<String> = items.iter().map(|v| flow(v, padded)).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Map(entries) => {
            let entries: Vec<String> = entries
                .iter()
                .map(|(k, v)| {
                    format!(
                        "{}: {}",
                        scalar(&Value::Str(k.clone()), true),
                        flow(v, padded)
                    )
                })
                .collect();
            if padded && !entries.is_empty() {
                format!("{{ {} }}", entries.join(", "))
            } else {
                format!("{{{}}}", entries.join(", "))
            }
        }
        other => scalar(other, true),
    }
}

/// A scalar on one line; `in_flow` inside `[…]` or `{…}`.
fn scalar(value: &Value, in_flow: bool) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(x) => float_text(*x),
        Value::Str(s) => match string_style(s, None, in_flow) {
            Style::Plain => s.clone(),
            Style::Single => format!("'{}'", s.replace('\'', "''")),
            Style::Double | Style::Literal | Style::Folded => double_quoted(s),
        },
        Value::Seq(_) | Value::Map(_) => flow(value, false),
    }
}

/// `text` as a YAML double-quoted scalar.
pub(crate) fn double_quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_are_read_from_the_text() {
        let two = "a:\n  b: 1\n  l:\n    - x\n";
        assert_eq!(
            Layout::of(two),
            Layout {
                step: 2,
                list_step: 2,
                padded: true
            }
        );
        let four = "a:\n    b: {x: 1}\n    l:\n    - x\n    - k: 1\n      m:\n          n: 1\n";
        assert_eq!(
            Layout::of(four),
            Layout {
                step: 4,
                list_step: 0,
                padded: false
            }
        );
    }

    #[test]
    fn blocks_follow_the_layout() {
        let value = Value::map([
            ("id", Value::from("queue")),
            ("tags", Value::map([("tier", "warm")])),
            (
                "pools",
                Value::Seq(vec![
                    Value::map([("name", Value::from("a")), ("count", Value::Int(2))]),
                    Value::from("12"),
                ]),
            ),
            ("note", Value::from("two\nlines\n")),
            ("empty", Value::Seq(Vec::new())),
        ]);
        let layout = Layout {
            step: 4,
            list_step: 0,
            padded: true,
        };
        assert_eq!(
            block(&value, 2, layout),
            "  id: queue\n  tags:\n      tier: warm\n  pools:\n  - name: a\n    count: 2\n  - '12'\n  note: |\n      two\n      lines\n  empty: []\n"
        );
    }

    #[test]
    fn flow_text_is_quoted_for_flow() {
        let value = Value::map([("a", Value::from("x, y")), ("b", Value::Int(1))]);
        assert_eq!(flow(&value, true), "{ a: 'x, y', b: 1 }");
        assert_eq!(flow(&value, false), "{a: 'x, y', b: 1}");
        assert_eq!(double_quoted("a\"b\\\u{7}"), "\"a\\\"b\\\\\\u0007\"");
    }
}
