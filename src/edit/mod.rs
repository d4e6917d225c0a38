//! Format-preserving edits of plan text: set a value, remove a key or list
//! item, append a list item — changing nothing else in the file.
//!
//! Plans live in git and are reviewed as diffs, so an edit must leave every
//! comment, key order, quote style, flow or block style and blank line as the
//! author wrote it; only the lines holding the change differ.
//!
//! # How an edit runs
//!
//! 1. The path (`components[id=orders-db].database.technology`, see
//!    [`PlanPath`]) is resolved on the tree from [`crate::yaml::parse`]:
//!    list selectors become positions, missing keys become an insertion, and
//!    path or type problems become an [`EditError`] with "did you mean".
//! 2. The change is made in the text through [yaml-edit]'s lossless syntax
//!    tree (rowan-based: every byte, comment and blank line is a token).
//! 3. **Re-parse guard.** The new text is parsed again with
//!    [`crate::yaml::parse`] and compared, ignoring spans ([`same_tree`]),
//!    with the old tree plus the intended change. Any other difference — a
//!    value at the path that reads differently, a key in the wrong place, a
//!    neighbour disturbed — refuses the edit; the text is never produced.
//! 4. [`write_plan`] writes atomically, and only if the file on disk still
//!    holds the bytes the edit started from.
//!
//! # Why yaml-edit (with a little splicing), not only our own splicer
//!
//! yaml-edit 0.3 was evaluated on a heavily commented plan (see
//! `tests/it/edit.rs`) and on the example plans. It round-trips every file
//! byte for byte and knows where things go: it replaces a scalar keeping the
//! end-of-line comment; adds a key after the last entry of a block mapping
//! at the siblings' indentation (before the blank line that separates list
//! items) or inside a flow mapping `{ a: 1, b: 2 }`; appends to block and
//! flow lists; removes an entry with its line; keeps CRLF. A splicer over our
//! parser's spans alone would have to rediscover where block collections
//! end, which comments and blank lines belong to what, and how flow
//! collections close — the parser gives collections only a start offset.
//!
//! What yaml-edit decides differently from the file's style is decided in
//! `cst.rs` and `render.rs` instead: quoting (a replaced value keeps its quote
//! style; plain only when it re-reads as the same string, also for YAML 1.1
//! readers), new block mappings and lists (inserted as a `null` placeholder
//! that is then spliced with text in the file's own indentation step and
//! list indentation — yaml-edit would indent by two in a four-space file),
//! new items of a list of flow mappings (flow, padded like their
//! neighbours), a blank line before a new item when the items are separated
//! by blank lines, and the space before `}` when the last entry of a flow
//! collection is removed. The guard turns any remaining mistake into a
//! refused edit rather than a wrong file.
//!
//! # Limitations
//!
//! - Replacing a block scalar (`|`, `>`) keeps its style but not the
//!   author's line wrapping, and drops blank lines that trailed it.
//! - Removing an entry keeps the comment lines above it; a new list item
//!   goes before comment lines indented inside the last item.
//! - A new list item is written `- key: …`, even where the file pads the
//!   marker (`-   key: …`).
//! - Values under an alias (`*name`) cannot be edited in place, new keys
//!   cannot go into a mapping with a merge key (`<<`), and editing an
//!   anchored value is refused, since it would change every alias too.
//! - The check that the file did not change before writing leaves a short
//!   race until the rename (see [`write_plan`]).
//!
//! [yaml-edit]: https://docs.rs/yaml-edit

mod cst;
mod error;
mod path;
mod render;
mod resolve;
mod tree;
mod value;
mod write;

pub use error::EditError;
pub use path::{PathSyntaxError, PlanPath, Segment, Selector};
pub use tree::{first_difference, same_tree};
pub use value::Value;
pub use write::{unified_diff, write_plan};

use crate::yaml::{self, Node};
use resolve::Op;

/// One typed change to a plan.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Set the value at the path: replace an existing single value, or
    /// create the key (and missing mappings above it).
    Set(PlanPath, Value),
    /// Remove the mapping key or list item at the path.
    Remove(PlanPath),
    /// Append an item to the list at the path (created when missing).
    Append(PlanPath, Value),
}

/// Plan text being edited, with its parsed tree. Every method either applies
/// its change completely (and checked by the re-parse guard) or returns an
/// error and leaves the text as it was.
#[derive(Debug, Clone)]
pub struct PlanEdit {
    text: String,
    tree: Node,
}

impl PlanEdit {
    /// Starts editing `text`, which must parse as YAML.
    pub fn new(text: impl Into<String>) -> Result<Self, EditError> {
        let text = text.into();
        let tree = yaml::parse(&text).map_err(|error| EditError::Syntax {
            message: error.message,
        })?;
        Ok(Self { text, tree })
    }

    /// The current text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The current text, by value.
    pub fn into_text(self) -> String {
        self.text
    }

    /// The current text parsed.
    pub fn tree(&self) -> &Node {
        &self.tree
    }

    /// Sets the value at `path`. An existing single value is replaced in
    /// place (keeping its quote style where the new value allows); a missing
    /// key is added after its siblings, creating missing mappings above it.
    /// Setting the value already there changes nothing.
    pub fn set(&mut self, path: &PlanPath, value: impl Into<Value>) -> Result<(), EditError> {
        self.apply(&Edit::Set(path.clone(), value.into()))
    }

    /// Removes the mapping key or list item at `path`, with its line(s).
    pub fn remove(&mut self, path: &PlanPath) -> Result<(), EditError> {
        self.apply(&Edit::Remove(path.clone()))
    }

    /// Appends `item` to the list at `path`, in the list's style; a missing
    /// or empty list is created as a block list.
    pub fn append(&mut self, path: &PlanPath, item: impl Into<Value>) -> Result<(), EditError> {
        self.apply(&Edit::Append(path.clone(), item.into()))
    }

    /// Applies one [`Edit`].
    pub fn apply(&mut self, edit: &Edit) -> Result<(), EditError> {
        self.apply_all(std::slice::from_ref(edit))
    }

    /// Applies `edits` in order, all or none: each path is resolved on the
    /// plan as the edits before it left it, the text is edited once, and
    /// the re-parse guard checks the result once.
    pub fn apply_all(&mut self, edits: &[Edit]) -> Result<(), EditError> {
        let mut expected = self.tree.clone();
        let mut syntax = None;
        for edit in edits {
            let (path, op, value) = edit.parts();
            let change = resolve::resolve(&expected, path, op, value)?;
            let next = tree::changed(&expected, &change).ok_or_else(|| EditError::Guard {
                action: op.verb(),
                path: path.to_string(),
                detail: "does not fit the plan's tree".to_owned(),
            })?;
            if same_tree(&next, &expected) {
                continue;
            }
            let unsupported = |reason| EditError::Unsupported {
                action: op.verb(),
                path: path.to_string(),
                reason,
            };
            if syntax.is_none() {
                syntax = Some(cst::Syntax::open(&self.text).map_err(unsupported)?);
            }
            let open = syntax.as_mut().expect("opened above");
            open.apply(&change).map_err(unsupported)?;
            expected = next;
        }
        let Some(syntax) = syntax else {
            return Ok(());
        };
        let text = syntax.text(&self.text);
        match guard(&text, &expected) {
            Ok(reparsed) => {
                self.text = text;
                self.tree = reparsed;
                Ok(())
            }
            Err(detail) => Err(self.blame(edits, detail)),
        }
    }

    /// The guard error for a batch that failed it: the first edit that
    /// fails on its own, or one naming every path.
    fn blame(&self, edits: &[Edit], detail: String) -> EditError {
        if edits.len() > 1 {
            let mut probe = self.clone();
            for edit in edits {
                if let Err(error) = probe.apply(edit) {
                    return error;
                }
            }
        }
        let paths: Vec<String> = edits.iter().map(|e| e.parts().0.to_string()).collect();
        EditError::Guard {
            action: if edits.len() == 1 {
                edits[0].parts().1.verb()
            } else {
                "edit"
            },
            path: paths.join("`, `"),
            detail,
        }
    }
}

impl Edit {
    fn parts(&self) -> (&PlanPath, Op, Option<&Value>) {
        match self {
            Self::Set(path, value) => (path, Op::Set, Some(value)),
            Self::Remove(path) => (path, Op::Remove, None),
            Self::Append(path, item) => (path, Op::Append, Some(item)),
        }
    }
}

/// The tree of `text`, if it reads exactly as `expected`.
fn guard(text: &str, expected: &Node) -> Result<Node, String> {
    let reparsed =
        yaml::parse(text).map_err(|error| format!("is not valid YAML ({})", error.message))?;
    match first_difference(expected, &reparsed) {
        None => Ok(reparsed),
        Some(at) => Err(format!("would read differently than intended at `{at}`")),
    }
}

/// `text` with every edit applied in order, or the first error.
pub fn apply(text: &str, edits: &[Edit]) -> Result<String, EditError> {
    let mut plan = PlanEdit::new(text)?;
    plan.apply_all(edits)?;
    Ok(plan.into_text())
}

/// Reads a path such as `components[id=orders-db].database.technology`.
pub fn parse_path(text: &str) -> Result<PlanPath, EditError> {
    text.parse()
        .map_err(|error: PathSyntaxError| EditError::BadPath {
            path: text.to_owned(),
            reason: error.reason,
        })
}
