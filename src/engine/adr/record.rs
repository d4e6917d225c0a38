//! Reading a record back: the YAML front matter between `---` lines parsed
//! with spans (so every problem points at its text), the first `# ` heading,
//! and a lenient typed view ([`Meta`]) that accepts MADR 3/4 files without
//! infraplan's keys. Unknown keys are kept untouched; wrong types become
//! findings rather than failures.

use std::ops::Range;

use camino::{Utf8Path, Utf8PathBuf};

use super::{LinkKind, Status};
use crate::diag::{Code, Finding};
use crate::yaml::{self, Node, Span, Value};

/// A value with the span of its text in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it is written.
    pub span: Span,
}

/// A reference to another record (`ADR-0003`, `3`, `0003-use-x.md`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    /// The record number referred to.
    pub number: u32,
    /// Where it is written.
    pub span: Span,
}

/// A typed link in `links:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    /// Kind, normalised (`amends`, `relates-to`, or a custom word).
    pub kind: LinkKind,
    /// Target record.
    pub target: Ref,
}

/// The front matter fields infraplan understands.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// `number`.
    pub number: Option<Spanned<u32>>,
    /// `title`.
    pub title: Option<Spanned<String>>,
    /// `status`, as written.
    pub status: Option<Spanned<String>>,
    /// `date`.
    pub date: Option<String>,
    /// `tags`.
    pub tags: Vec<String>,
    /// `decision-makers` (or MADR 3 `deciders`).
    pub decision_makers: Vec<String>,
    /// `supersedes`.
    pub supersedes: Vec<Ref>,
    /// `superseded-by`.
    pub superseded_by: Vec<Ref>,
    /// `links`.
    pub links: Vec<LinkRef>,
}

/// One ADR file as read.
#[derive(Debug, Clone)]
pub struct Record {
    /// Path (directory joined with the file name).
    pub path: Utf8PathBuf,
    /// File name.
    pub file_name: String,
    /// Whole text.
    pub text: String,
    /// Byte range of the YAML between the `---` lines.
    pub yaml: Option<Range<usize>>,
    /// Parsed front matter, spans relative to the whole file.
    pub tree: Option<Node>,
    /// Typed view of the front matter.
    pub meta: Meta,
    /// The first `# ` heading and its span.
    pub heading: Option<Spanned<String>>,
    /// Problems found while reading (front matter, types).
    pub problems: Vec<Finding>,
}

impl Record {
    /// Reads `text` as the record at `path`.
    pub fn parse(path: &Utf8Path, text: String) -> Self {
        let file_name = path.file_name().unwrap_or_default().to_owned();
        let mut record = Self {
            path: path.to_owned(),
            file_name,
            yaml: front_matter_range(&text),
            text,
            tree: None,
            meta: Meta::default(),
            heading: None,
            problems: Vec::new(),
        };
        record.heading = heading(&record.text, record.yaml.as_ref().map_or(0, |r| r.end));
        let Some(range) = record.yaml.clone() else {
            record.problems.push(
                Finding::new(
                    Code::AdrFrontMatter,
                    "the record has no YAML front matter",
                    Span::new(0, first_line_len(&record.text)),
                    "expected `---` here",
                )
                .with_help(
                    "start the file with `---`, the fields (number, title, status, date), and `---`",
                ),
            );
            return record;
        };
        match yaml::parse(&record.text[..range.end]) {
            Ok(tree) if matches!(tree.value, Value::Map(_)) => {
                record.meta = read_meta(&tree, &mut record.problems);
                record.tree = Some(tree);
            }
            Ok(tree) => record.problems.push(
                Finding::new(
                    Code::AdrFrontMatter,
                    format!(
                        "the front matter is {}, not a mapping",
                        tree.value.type_name()
                    ),
                    tree.span,
                    "expected `key: value` lines",
                )
                .with_help("write the fields as `number: 1`, `title: …`, `status: proposed`"),
            ),
            Err(error) => record.problems.push(
                Finding::new(Code::AdrFrontMatter, error.message, error.span, "here")
                    .with_help("the front matter must be valid YAML"),
            ),
        }
        record
    }

    /// The number: from the front matter, else from the file name.
    pub fn number(&self) -> Option<u32> {
        self.meta
            .number
            .as_ref()
            .map(|n| n.value)
            .or_else(|| file_number(&self.file_name))
    }

    /// The title: from the front matter, else the heading (without an
    /// `N. ` prefix), else the file name.
    pub fn title(&self) -> String {
        if let Some(title) = &self.meta.title {
            return title.value.clone();
        }
        if let Some(heading) = &self.heading {
            let text = heading.value.as_str();
            let without_number = text
                .split_once(". ")
                .filter(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
                .map_or(text, |(_, rest)| rest);
            return without_number.to_owned();
        }
        self.file_name.trim_end_matches(".md").to_owned()
    }

    /// The status, when it is one infraplan knows.
    pub fn status(&self) -> Option<Status> {
        self.meta
            .status
            .as_ref()
            .and_then(|s| Status::parse(&s.value))
    }

    /// `ADR-0003`.
    pub fn label(&self) -> String {
        self.number().map_or_else(|| self.file_name.clone(), label)
    }
}

/// `ADR-0003` for record 3.
pub fn label(number: u32) -> String {
    format!("ADR-{number:04}")
}

/// The number a file name starts with (`0003-use-x.md` → 3).
pub fn file_number(name: &str) -> Option<u32> {
    let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || !name[digits.len()..].starts_with('-') {
        return None;
    }
    digits.parse().ok()
}

/// The byte range of the YAML between an opening `---` line at the very
/// top (after an optional BOM) and the next `---` or `...` line.
pub fn front_matter_range(text: &str) -> Option<Range<usize>> {
    let start = usize::from(text.starts_with('\u{feff}')) * '\u{feff}'.len_utf8();
    let rest = &text[start..];
    let first = rest.split_inclusive('\n').next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let body_start = start + first.len();
    let mut offset = body_start;
    for line in text[body_start..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Some(body_start..offset);
        }
        offset += line.len();
    }
    None
}

fn first_line_len(text: &str) -> usize {
    text.lines().next().map_or(0, str::len)
}

/// The first ATX heading of level 1 after `from`, outside code fences.
fn heading(text: &str, from: usize) -> Option<Spanned<String>> {
    let mut offset = from;
    let mut fenced = false;
    for line in text[from..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fenced = !fenced;
        } else if !fenced && let Some(title) = trimmed.strip_prefix("# ") {
            let title = title.trim();
            let at = offset + line.find(title).unwrap_or(0);
            return Some(Spanned {
                value: title.to_owned(),
                span: Span::new(at, title.len()),
            });
        }
        offset += line.len();
    }
    None
}

fn read_meta(tree: &Node, problems: &mut Vec<Finding>) -> Meta {
    let mut meta = Meta::default();
    let Value::Map(entries) = &tree.value else {
        return meta;
    };
    for entry in entries {
        let node = &entry.value;
        match entry.key.as_str() {
            "number" => meta.number = number(node, problems),
            "title" => meta.title = string(node, "title", problems),
            "status" => meta.status = string(node, "status", problems),
            "date" => meta.date = string(node, "date", problems).map(|s| s.value),
            "tags" => meta.tags = strings(node, "tags", problems),
            "decision-makers" | "deciders" => {
                meta.decision_makers = strings(node, &entry.key, problems);
            }
            "supersedes" => meta.supersedes = refs(node, "supersedes", problems),
            "superseded-by" => meta.superseded_by = refs(node, "superseded-by", problems),
            "links" => meta.links = links(node, problems),
            _ => {}
        }
    }
    meta
}

fn wrong(node: &Node, key: &str, expected: &str, problems: &mut Vec<Finding>) {
    problems.push(
        Finding::new(
            Code::AdrFrontMatter,
            format!(
                "`{key}` should be {expected}, found {}",
                node.value.type_name()
            ),
            node.span,
            "wrong type",
        )
        .with_help(format!("write `{key}` as {expected}")),
    );
}

fn number(node: &Node, problems: &mut Vec<Finding>) -> Option<Spanned<u32>> {
    let value = match &node.value {
        Value::Int(i) => u32::try_from(*i).ok(),
        Value::Str(s) if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) => s.parse().ok(),
        _ => None,
    };
    if value.is_none() {
        wrong(node, "number", "a whole number such as `3`", problems);
    }
    value.map(|value| Spanned {
        value,
        span: node.span,
    })
}

fn string(node: &Node, key: &str, problems: &mut Vec<Finding>) -> Option<Spanned<String>> {
    match node.value.scalar_text() {
        Some(text) if !matches!(node.value, Value::Null) => Some(Spanned {
            value: text,
            span: node.span,
        }),
        _ => {
            wrong(node, key, "text", problems);
            None
        }
    }
}

fn strings(node: &Node, key: &str, problems: &mut Vec<Finding>) -> Vec<String> {
    match &node.value {
        Value::Null => Vec::new(),
        Value::Seq(items) => items
            .iter()
            .filter_map(|item| string(item, key, problems).map(|s| s.value))
            .collect(),
        Value::Str(s) => vec![s.clone()],
        _ => {
            wrong(node, key, "a list of text", problems);
            Vec::new()
        }
    }
}

/// Reads `ADR-0003`, `0003`, `3` or `0003-title.md` as a record number.
pub fn parse_ref(text: &str) -> Option<u32> {
    let text = text.trim().trim_start_matches("./");
    let bare = text
        .strip_prefix("ADR-")
        .or_else(|| text.strip_prefix("adr-"))
        .unwrap_or(text);
    if !bare.is_empty() && bare.chars().all(|c| c.is_ascii_digit()) {
        return bare.parse().ok();
    }
    if Utf8Path::new(bare).extension() == Some("md") {
        return file_number(bare);
    }
    None
}

fn one_ref(node: &Node, key: &str, problems: &mut Vec<Finding>) -> Option<Ref> {
    let number = match &node.value {
        Value::Int(i) => u32::try_from(*i).ok(),
        Value::Str(s) => parse_ref(s),
        _ => None,
    };
    if number.is_none() {
        problems.push(
            Finding::new(
                Code::AdrFrontMatter,
                format!("`{key}` holds something that is not a record reference"),
                node.span,
                "not a record number",
            )
            .with_help("write references as `ADR-0003`"),
        );
    }
    number.map(|number| Ref {
        number,
        span: node.span,
    })
}

fn refs(node: &Node, key: &str, problems: &mut Vec<Finding>) -> Vec<Ref> {
    match &node.value {
        Value::Null => Vec::new(),
        Value::Seq(items) => items
            .iter()
            .filter_map(|item| one_ref(item, key, problems))
            .collect(),
        Value::Int(_) | Value::Str(_) => one_ref(node, key, problems).into_iter().collect(),
        _ => {
            wrong(
                node,
                key,
                "a list of references such as `[ADR-0003]`",
                problems,
            );
            Vec::new()
        }
    }
}

fn links(node: &Node, problems: &mut Vec<Finding>) -> Vec<LinkRef> {
    let items = match &node.value {
        Value::Null => return Vec::new(),
        Value::Seq(items) => items,
        _ => {
            wrong(
                node,
                "links",
                "a list of `{kind, target}` mappings",
                problems,
            );
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for item in items {
        let kind = item.get("kind").and_then(|e| e.value.value.scalar_text());
        let target = item.get("target").map(|e| &e.value);
        match (kind, target) {
            (Some(kind), Some(target)) => {
                if let Some(target) = one_ref(target, "links", problems) {
                    out.push(LinkRef {
                        kind: LinkKind::parse(&kind),
                        target,
                    });
                }
            }
            _ => wrong(
                item,
                "links",
                "a mapping with `kind` and `target`, e.g. `{kind: amends, target: ADR-0003}`",
                problems,
            ),
        }
    }
    out
}
