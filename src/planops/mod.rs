//! Plan operations behind the editing commands (`component`, `module`,
//! `provider`, `fmt`): they turn a request ("set this component's node-pool
//! count to 6") into [`Edit`]s for the format-preserving edit layer, and
//! check the result before anything is written.
//!
//! # Invariants
//!
//! - An operation never produces text itself: it returns edits, and
//!   [`prepare`] applies them through [`crate::edit`] (only the edited lines
//!   change; the re-parse guard checks the rest) and re-validates. A plan
//!   that would not validate is refused with its findings.
//! - Values given as text (`PATH=VALUE`) are typed by the plan schema
//!   ([`shape`]): `6` becomes an integer where the schema wants one, and a
//!   value or key the schema does not allow is an error with a suggestion,
//!   before any edit is tried.
//! - Paths built from ids, names and tag keys are assembled segment by
//!   segment, never parsed from user text, so an id holding `.` or `]`
//!   cannot address something else.
//! - [`fmt::normalise`] is the only place that lays out a whole file, and
//!   only the `fmt` command calls it. It moves and re-indents lines; it never
//!   adds, drops or rewrites the text of one.

pub mod assign;
pub mod component;
mod error;
pub mod fmt;
pub mod module;
pub mod provider;
pub mod shape;

pub use error::PlanOpsError;

use crate::catalog::Catalog;
use crate::diag::{Finding, Severity};
use crate::edit::{self, Edit, PlanPath, Segment, Selector};
use crate::plan::Plan;
use crate::validate::validate;
use crate::yaml::{self, Node, Value as Yaml};

/// A validated plan and its text, as the operations read it.
#[derive(Debug, Clone)]
pub struct Source<'a> {
    /// The plan text.
    pub text: &'a str,
    /// The typed plan (it validated).
    pub plan: &'a Plan,
    /// The text parsed, for looking at values as written.
    pub tree: Node,
}

impl<'a> Source<'a> {
    /// Pairs a validated plan with its text.
    pub fn new(text: &'a str, plan: &'a Plan) -> Result<Self, PlanOpsError> {
        let tree = yaml::parse(text).map_err(|error| edit::EditError::Syntax {
            message: error.message,
        })?;
        Ok(Self { text, plan, tree })
    }
}

/// What an operation wants done: the edits, and what to tell the user.
#[derive(Debug, Clone, Default)]
pub struct Change {
    /// The edits, applied in order, all or none.
    pub edits: Vec<Edit>,
    /// One line saying what the change does, e.g. "added component `cache`".
    pub summary: String,
    /// Things worth saying that are not errors ("`region` was not set").
    pub notes: Vec<String>,
}

impl Change {
    /// A change with a summary and no edits yet.
    pub fn new(summary: impl Into<String>) -> Self {
        Self {
            summary: summary.into(),
            ..Self::default()
        }
    }
}

/// The edited plan, ready to be written (or shown as a diff).
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The new text.
    pub text: String,
    /// Warnings the edit introduces (present after, not before).
    pub new_warnings: Vec<Finding>,
}

/// Applies `edits` to `text` and re-validates the result.
///
/// Errors: the edit layer's refusal, or [`PlanOpsError::WouldBeInvalid`]
/// with the error findings of the edited text when it would not validate.
pub fn prepare(text: &str, edits: &[Edit], catalog: &Catalog) -> Result<Prepared, PlanOpsError> {
    let new_text = edit::apply(text, edits)?;
    if new_text == text {
        return Ok(Prepared {
            text: new_text,
            new_warnings: Vec::new(),
        });
    }
    let after = validate(&new_text, catalog);
    if after.plan.is_none() {
        let errors: Vec<Finding> = after
            .findings
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        return Err(PlanOpsError::WouldBeInvalid {
            errors,
            text: new_text,
        });
    }
    let before = validate(text, catalog).findings;
    let new_warnings = after
        .findings
        .into_iter()
        .filter(|f| f.severity == Severity::Warning)
        .filter(|f| {
            !before
                .iter()
                .any(|b| b.code == f.code && b.message == f.message)
        })
        .collect();
    Ok(Prepared {
        text: new_text,
        new_warnings,
    })
}

/// Writes an edited plan with [`edit::write_plan`] (atomic, permissions
/// kept, refused when the file changed since `original_bytes` were read),
/// after refusing a read-only file: replacing by rename would otherwise
/// succeed over a file its owner marked read-only.
pub fn save(
    path: &camino::Utf8Path,
    original_bytes: &[u8],
    new_text: &str,
) -> Result<(), edit::EditError> {
    let io = |source| edit::EditError::Io {
        action: "write",
        path: path.to_owned(),
        source,
    };
    let metadata = std::fs::metadata(path).map_err(io)?;
    if metadata.permissions().readonly() {
        return Err(io(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "the file is read-only",
        )));
    }
    edit::write_plan(path, original_bytes, new_text)
}

/// `components[id=ID]`.
pub(crate) fn component_path(id: &str) -> PlanPath {
    root("components").item("id", id)
}

/// `modules[id=ID]`.
pub(crate) fn module_path(id: &str) -> PlanPath {
    root("modules").item("id", id)
}

/// A path of one top-level key.
pub(crate) fn root(key: &str) -> PlanPath {
    PlanPath::new(vec![Segment::Key(key.to_owned())]).expect("a key is a valid first segment")
}

/// `base` followed by the segments of `rest`.
pub(crate) fn join(base: &PlanPath, rest: &PlanPath) -> PlanPath {
    let mut segments = base.segments().to_vec();
    segments.extend(rest.segments().iter().cloned());
    PlanPath::new(segments).expect("starts with the base's key")
}

/// The node `segments` name below `node`, following selectors as the edit
/// layer does (`[x]` matches `id`, then `name`, then a plain item).
pub(crate) fn lookup<'n>(node: &'n Node, segments: &[Segment]) -> Option<&'n Node> {
    segments
        .iter()
        .try_fold(node, |node, segment| match segment {
            Segment::Key(key) => node.get(key).map(|entry| &entry.value),
            Segment::Item(selector) => match &node.value {
                Yaml::Seq(items) => find_item(items, selector),
                _ => None,
            },
        })
}

fn find_item<'n>(items: &'n [Node], selector: &Selector) -> Option<&'n Node> {
    let text_of = |item: &Node, key: &str| item.get(key).and_then(|e| e.value.value.scalar_text());
    match &selector.key {
        Some(key) => items
            .iter()
            .find(|item| text_of(item, key).as_deref() == Some(selector.value.as_str())),
        None => ["id", "name"]
            .iter()
            .find_map(|key| {
                items
                    .iter()
                    .find(|item| text_of(item, key).as_deref() == Some(selector.value.as_str()))
            })
            .or_else(|| {
                items.iter().find(|item| {
                    item.value.scalar_text().as_deref() == Some(selector.value.as_str())
                })
            }),
    }
}

/// "did you mean `x`?" or the list of what there is.
pub(crate) fn suggest<'a>(
    wanted: &str,
    known: impl IntoIterator<Item = &'a str> + Clone,
    what: &str,
) -> String {
    if let Some(close) = crate::diag::did_you_mean(wanted, known.clone()) {
        return format!("did you mean `{close}`?");
    }
    let all: Vec<&str> = known.into_iter().collect();
    if all.is_empty() {
        format!("the plan has no {what}s yet")
    } else {
        format!("{what}s: {}", all.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_follows_selectors_like_the_edit_layer() {
        let tree =
            yaml::parse("components:\n  - id: a\n    pools: [{ name: x, n: 1 }]\n    ns: [p, q]\n")
                .unwrap();
        let path = edit::parse_path("components[a].pools[x].n").unwrap();
        let found = lookup(&tree, path.segments()).unwrap();
        assert_eq!(found.value, Yaml::Int(1));
        let plain = edit::parse_path("components[id=a].ns[q]").unwrap();
        assert!(lookup(&tree, plain.segments()).is_some());
        let missing = edit::parse_path("components[b].pools").unwrap();
        assert!(lookup(&tree, missing.segments()).is_none());
    }

    #[test]
    fn paths_from_ids_are_quoted_segments() {
        assert_eq!(
            component_path("a.b]").to_string(),
            "components[id=\"a.b]\"]"
        );
        let joined = join(
            &component_path("db"),
            &edit::parse_path("database.technology").unwrap(),
        );
        assert_eq!(joined.to_string(), "components[id=db].database.technology");
    }

    #[test]
    fn suggestions_name_a_close_match_or_list_all() {
        assert_eq!(
            suggest("ordrs-db", ["orders-db", "cache"], "component"),
            "did you mean `orders-db`?"
        );
        assert_eq!(
            suggest("zzz", ["orders-db", "cache"], "component"),
            "components: orders-db, cache"
        );
        assert_eq!(
            suggest("zzz", std::iter::empty::<&str>(), "module"),
            "the plan has no modules yet"
        );
    }
}
