//! Why an edit or a write was refused. Every variant leaves the plan text
//! (and the file) as it was.

use camino::Utf8PathBuf;

/// An edit that cannot be made, or a write that was refused.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum EditError {
    /// The plan text is not YAML the editor can work on.
    #[error("the plan is not valid YAML: {message}")]
    #[diagnostic(
        code(infraplan::edit::syntax),
        help("run `infraplan validate` on the plan to see where")
    )]
    Syntax {
        /// What the parser said.
        message: String,
    },

    /// A path string that cannot be read.
    #[error("invalid path `{path}`: {reason}")]
    #[diagnostic(
        code(infraplan::edit::bad_path),
        help("write paths like `components[id=orders-db].database.technology`")
    )]
    BadPath {
        /// The path as given.
        path: String,
        /// What is wrong with it.
        reason: String,
    },

    /// A mapping key on the path does not exist.
    #[error("cannot {action} `{path}`: {parent} has no key `{key}`")]
    #[diagnostic(code(infraplan::edit::path_not_found))]
    KeyNotFound {
        /// What was being done (`set`, `remove`, `append to`).
        action: &'static str,
        /// The whole path.
        path: String,
        /// The mapping that lacks the key: its path in backticks, or `the
        /// plan` at the top.
        parent: String,
        /// The missing key.
        key: String,
        /// A close key, or the keys there are.
        #[help]
        help: Option<String>,
    },

    /// No list item matches a selector on the path.
    #[error("cannot {action} `{path}`: no item of {list} matches `{selector}`")]
    #[diagnostic(code(infraplan::edit::path_not_found))]
    ItemNotFound {
        /// What was being done.
        action: &'static str,
        /// The whole path.
        path: String,
        /// The list searched, as a path in backticks.
        list: String,
        /// The selector, as written in the path.
        selector: String,
        /// A close item, or the items there are.
        #[help]
        help: Option<String>,
    },

    /// Several list items match a selector.
    #[error("cannot {action} `{path}`: {count} items of {list} match `{selector}`")]
    #[diagnostic(
        code(infraplan::edit::ambiguous_path),
        help("name the key to compare, e.g. `[id=…]` or `[name=…]`")
    )]
    Ambiguous {
        /// What was being done.
        action: &'static str,
        /// The whole path.
        path: String,
        /// The list searched, as a path in backticks.
        list: String,
        /// The selector, as written in the path.
        selector: String,
        /// How many items matched.
        count: usize,
    },

    /// A value on the path has the wrong type for the edit: a key inside a
    /// string, a single value over a mapping, an append to a mapping.
    #[error("cannot {action} `{path}`: {at} is {found}, not {expected}")]
    #[diagnostic(code(infraplan::edit::type_conflict))]
    TypeConflict {
        /// What was being done.
        action: &'static str,
        /// The whole path.
        path: String,
        /// The part of the path whose value has the wrong type, in
        /// backticks (`it` when that is the whole path).
        at: String,
        /// What it is (`a string`, `a mapping`, …).
        found: &'static str,
        /// What the edit needs there.
        expected: &'static str,
        /// How to get what was meant.
        #[help]
        help: Option<String>,
    },

    /// The YAML construct at the path cannot be edited in place.
    #[error("cannot {action} `{path}`: {reason}")]
    #[diagnostic(code(infraplan::edit::unsupported))]
    Unsupported {
        /// What was being done.
        action: &'static str,
        /// The whole path.
        path: String,
        /// Why not.
        reason: String,
    },

    /// The edited text did not re-read as the intended plan; nothing was
    /// produced.
    #[error("refusing to {action} `{path}`: the edited plan {detail}")]
    #[diagnostic(
        code(infraplan::edit::guard),
        help(
            "the plan was left unchanged; please report this with the plan file, or make the change by hand"
        )
    )]
    Guard {
        /// What was being done.
        action: &'static str,
        /// The whole path.
        path: String,
        /// What differed.
        detail: String,
    },

    /// The file on disk is not the one that was read.
    #[error("{path} changed on disk since it was read; re-run the command")]
    #[diagnostic(
        code(infraplan::edit::changed_on_disk),
        help("someone or something else wrote the file; the file was left as they wrote it")
    )]
    ChangedOnDisk {
        /// The plan file.
        path: Utf8PathBuf,
    },

    /// Reading or writing the file failed.
    #[error("cannot {action} `{path}`: {source}")]
    #[diagnostic(code(infraplan::edit::io))]
    Io {
        /// `read` or `write`.
        action: &'static str,
        /// The plan file.
        path: Utf8PathBuf,
        /// Cause.
        source: std::io::Error,
    },
}
