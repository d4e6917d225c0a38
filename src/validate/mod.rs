//! Plan validation: bytes → YAML tree → schema checks → cross-reference
//! checks → typed [`Plan`]. Every stage after parsing collects all of its
//! findings, so one run reports every problem in a file.
//!
//! Invariant: a plan is returned only when there are no error findings, and
//! then typed deserialisation cannot disagree with what was checked (a
//! disagreement is itself reported as a finding, never a panic).

pub mod overrides;
pub mod semantic;
pub mod structural;
pub mod tree;

use crate::catalog::Catalog;
use crate::diag::{Code, Finding, Severity};
use crate::plan::{Plan, SUPPORTED_VERSION};
use crate::schema::plan_schema;
use crate::yaml::{self, Node, Span, Value};

/// Largest plan file read; larger inputs are refused before parsing.
pub const MAX_PLAN_BYTES: usize = 16 * 1024 * 1024;

/// The result of validating one plan.
#[derive(Debug, Clone)]
pub struct Validation {
    /// The typed plan, when there are no errors.
    pub plan: Option<Plan>,
    /// Every finding, ordered by position then code.
    pub findings: Vec<Finding>,
    /// The parsed tree with spans, when the text is YAML, for checks
    /// outside the library (a plan's ADR files) without parsing it again.
    pub tree: Option<crate::yaml::Node>,
}

impl Validation {
    /// Whether any finding is an error (or, when `strict`, any finding at all).
    pub fn fails(&self, strict: bool) -> bool {
        self.findings
            .iter()
            .any(|f| strict || f.severity == Severity::Error)
    }
}

/// Turns raw file bytes into text, or the finding that says why not.
pub fn decode(bytes: &[u8]) -> Result<&str, Finding> {
    if bytes.len() > MAX_PLAN_BYTES {
        return Err(Finding::new(
            Code::FileTooLarge,
            format!(
                "the file is {} bytes; plans may be at most {MAX_PLAN_BYTES} bytes",
                bytes.len()
            ),
            Span::default(),
            "file starts here",
        )
        .with_help("split the system into several plan files"));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|error| {
        let offset = error.valid_up_to();
        Finding::new(
            Code::NotUtf8,
            "the file is not UTF-8 text",
            Span::new(offset, 0),
            "first byte that is not UTF-8",
        )
        .with_help("save the plan as UTF-8; a binary file is not a plan")
    })
}

/// Validates plan text against the schema, the catalog and itself.
pub fn validate(text: &str, catalog: &Catalog) -> Validation {
    let tree = match yaml::parse(text) {
        Ok(tree) => tree,
        Err(error) => {
            let help = syntax_help(&error.message, text, error.span);
            let finding =
                Finding::new(Code::YamlSyntax, error.message, error.span, "here").with_help(help);
            return failed(vec![finding]);
        }
    };
    if let Some(finding) = check_document(&tree) {
        return failed(vec![finding]);
    }
    let mut findings = structural::check(&tree, plan_schema(), plan_schema());
    findings.extend(overrides::check(&tree, plan_schema()));
    findings.extend(semantic::check(&tree, text, catalog));
    let has_errors = findings.iter().any(|f| f.severity == Severity::Error);
    let plan = if has_errors {
        None
    } else {
        match typed(&tree) {
            Ok(plan) => Some(plan),
            Err(finding) => {
                findings.push(finding);
                None
            }
        }
    };
    findings.sort_by(|a, b| {
        (a.label.span.offset, a.code, &a.message).cmp(&(b.label.span.offset, b.code, &b.message))
    });
    findings.dedup();
    Validation {
        plan,
        findings,
        tree: Some(tree),
    }
}

fn failed(findings: Vec<Finding>) -> Validation {
    Validation {
        plan: None,
        findings,
        tree: None,
    }
}

/// The document must be a mapping with a `version` this build reads;
/// otherwise nothing else is worth checking.
fn check_document(tree: &Node) -> Option<Finding> {
    match &tree.value {
        Value::Null => {
            return Some(
                Finding::new(
                    Code::EmptyPlan,
                    "the file holds no plan",
                    Span::default(),
                    "empty",
                )
                .with_help(
                    "start from `infraplan init`, or add `version: 1`, `name:` and `components:`",
                ),
            );
        }
        Value::Map(_) => {}
        other => {
            return Some(
                Finding::new(
                    Code::WrongType,
                    format!(
                        "a plan must be a mapping of keys to values, found {}",
                        other.type_name()
                    ),
                    tree.span,
                    "not a mapping",
                )
                .with_help("a plan starts with `version: 1` and `name: …` on their own lines"),
            );
        }
    }
    let entry = tree.get("version")?;
    match entry.value.value {
        Value::Int(version) if version == i64::from(SUPPORTED_VERSION) => None,
        Value::Int(version) => Some(
            Finding::new(
                Code::UnsupportedVersion,
                format!("plan-file version {version} is not supported"),
                entry.value.span,
                "unsupported version",
            )
            .with_help(format!(
                "this build reads version {SUPPORTED_VERSION}; upgrade infraplan or set `version: {SUPPORTED_VERSION}`"
            )),
        ),
        // Wrong types are reported by the schema pass.
        _ => None,
    }
}

/// Deserialises the checked tree; a failure here means the schema pass missed
/// something, reported at the failing path rather than panicking.
fn typed(tree: &Node) -> Result<Plan, Finding> {
    serde_path_to_error::deserialize::<_, Plan>(tree.to_json()).map_err(|error| {
        let span = span_at_path(tree, &error.path().to_string());
        Finding::new(Code::WrongType, error.inner().to_string(), span, "here")
    })
}

/// The span of the value at a serde path such as `components[2].database.type`.
fn span_at_path(tree: &Node, path: &str) -> Span {
    let mut node = tree;
    for segment in path.split('.').filter(|s| !s.is_empty() && *s != "?") {
        let (key, indices) = segment.split_once('[').unwrap_or((segment, ""));
        if !key.is_empty() {
            match tree::field(node, key) {
                Some(next) => node = next,
                None => break,
            }
        }
        for index in indices
            .split('[')
            .map(|i| i.trim_end_matches(']'))
            .filter(|i| !i.is_empty())
        {
            match (&node.value, index.parse::<usize>()) {
                (Value::Seq(items), Ok(i)) if i < items.len() => node = &items[i],
                _ => return node.span,
            }
        }
    }
    node.span
}

/// A hint for common syntax slips, from the parser's message and the text
/// around the error.
fn syntax_help(message: &str, text: &str, span: Span) -> String {
    let line_start = text[..span.offset.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line = text[line_start..].lines().next().unwrap_or("");
    let unbalanced =
        |open: char, close: char| text.matches(open).count() > text.matches(close).count();
    let hint = if message.contains("tab") || line.starts_with('\t') {
        "YAML indentation must use spaces, not tabs"
    } else if message.starts_with("duplicate mapping key") {
        "keys must be unique within a mapping; remove or rename one of them"
    } else if message.contains("aliases") {
        "plans rarely need YAML anchors and aliases; write the values out"
    } else if message.contains("levels deep") {
        "flatten the structure; a plan needs only a few levels"
    } else if message.contains("more than one YAML document") {
        "a plan is a single YAML document: remove the `---` separator or split the file"
    } else if message.contains(".nan") {
        "write a finite number"
    } else if message.contains("tag") {
        "plans do not use YAML tags (`!Ref`, `!!str`); write the plain value"
    } else if message.contains("escape") {
        "in double quotes write a backslash as `\\\\`, or use single quotes"
    } else if message.contains("quote") || line.matches('"').count() % 2 == 1 {
        "close the quoted string with a matching quote"
    } else if unbalanced('[', ']') || unbalanced('{', '}') {
        "close every `[` with `]` and every `{` with `}`"
    } else if message.contains("plain names") {
        "mapping keys must be plain words such as `name`"
    } else if message.contains("unexpected character") {
        "remove the control character or put the value in quotes"
    } else if message.contains("expected ':'") {
        "write `key: value`, with a colon and a space after the key"
    } else {
        "check the indentation of this line against the lines above it"
    };
    hint.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oversized_and_non_utf8_input_is_refused_before_parsing() {
        let big = vec![b'#'; MAX_PLAN_BYTES + 1];
        assert_eq!(decode(&big).unwrap_err().code, Code::FileTooLarge);
        let latin1 = b"name: caf\xe9\n";
        let finding = decode(latin1).unwrap_err();
        assert_eq!(
            (finding.code, finding.label.span.offset),
            (Code::NotUtf8, 9)
        );
        assert_eq!(decode(b"\xEF\xBB\xBFversion: 1\n").unwrap(), "version: 1\n");
    }

    #[test]
    fn a_plan_is_returned_only_without_errors() {
        let catalog = Catalog::load(None).unwrap();
        let valid = validate("version: 1\nname: x\ncomponents: []\n", &catalog);
        assert!(valid.plan.is_some() && valid.findings.is_empty());
        let invalid = validate("version: 1\nname: x\ncomponents: 3\n", &catalog);
        assert!(invalid.plan.is_none());
        assert_eq!(invalid.findings[0].code, Code::WrongType);
    }

    #[test]
    fn another_version_stops_further_checks() {
        let catalog = Catalog::load(None).unwrap();
        let result = validate("version: 2\nname: x\nbogus: 1\n", &catalog);
        let codes: Vec<Code> = result.findings.iter().map(|f| f.code).collect();
        assert_eq!(codes, vec![Code::UnsupportedVersion]);
    }
}
