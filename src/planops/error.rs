//! Why a plan operation was refused. Every variant means nothing was
//! written; all but [`PlanOpsError::Edit`] with an I/O cause are problems
//! with the input (exit 1), not with the machine.

use crate::diag::Finding;
use crate::edit::EditError;

/// A plan operation that cannot be carried out.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum PlanOpsError {
    /// No component has this id.
    #[error("the plan has no component `{id}`")]
    #[diagnostic(code(infraplan::plan::unknown_component))]
    UnknownComponent {
        /// The id asked for.
        id: String,
        /// A close id, or the ids there are.
        #[help]
        help: String,
    },

    /// No module has this id.
    #[error("the plan has no module `{id}`")]
    #[diagnostic(code(infraplan::plan::unknown_module))]
    UnknownModule {
        /// The id asked for.
        id: String,
        /// A close id, or the ids there are.
        #[help]
        help: String,
    },

    /// The id is taken.
    #[error("the plan already has a {what} `{id}`")]
    #[diagnostic(code(infraplan::plan::duplicate_id))]
    Duplicate {
        /// `component` or `module`.
        what: &'static str,
        /// The id.
        id: String,
        /// What to do instead.
        #[help]
        help: String,
    },

    /// An argument that should read `PATH=VALUE` (or `PATH+=ITEM`).
    #[error("`{text}` is not an assignment: {reason}")]
    #[diagnostic(
        code(infraplan::plan::bad_assignment),
        help(
            "write PATH=VALUE, e.g. `database.technology=mysql` or `kubernetes.nodePools[apps].count=6`; PATH+=ITEM appends to a list"
        )
    )]
    BadAssignment {
        /// The argument as given.
        text: String,
        /// What is wrong with it.
        reason: String,
    },

    /// A path the plan format does not have.
    #[error("`{path}`: {place} has no key `{key}`")]
    #[diagnostic(code(infraplan::plan::unknown_key))]
    UnknownKey {
        /// The whole path as given.
        path: String,
        /// Where the key was looked for (`the component`, `` `database` ``).
        place: String,
        /// The key.
        key: String,
        /// A close key, or the keys there are.
        #[help]
        help: String,
    },

    /// A path that steps into something the wrong way: a key of a list, an
    /// item of a mapping, a key of a single value.
    #[error("`{path}`: {place} is {found}, so {step} does not apply")]
    #[diagnostic(code(infraplan::plan::bad_path))]
    BadStep {
        /// The whole path as given.
        path: String,
        /// The part of the path reached.
        place: String,
        /// What is there (`a list`, `a mapping`, `a single value`).
        found: &'static str,
        /// The step that does not fit (`` `.count` ``, `` `[apps]` ``).
        step: String,
        /// How to write it.
        #[help]
        help: String,
    },

    /// `PATH=VALUE` where PATH holds a mapping or a list.
    #[error("`{path}` is {found}, not a single value")]
    #[diagnostic(code(infraplan::plan::not_a_value))]
    NotAValue {
        /// The path.
        path: String,
        /// `a mapping` or `a list`.
        found: &'static str,
        /// What to write instead.
        #[help]
        help: String,
    },

    /// A value the schema does not allow at the path.
    #[error("`{value}` is not a valid value for `{path}`: expected {expected}")]
    #[diagnostic(code(infraplan::plan::wrong_value))]
    WrongValue {
        /// The path.
        path: String,
        /// The value as given.
        value: String,
        /// What the schema allows there.
        expected: String,
        /// A close value, or the form to write.
        #[help]
        help: Option<String>,
    },

    /// A key the command sets itself, given again.
    #[error("`{key}` cannot be set here: {reason}")]
    #[diagnostic(code(infraplan::plan::reserved_key))]
    Reserved {
        /// The key.
        key: String,
        /// Why, and what to do instead.
        reason: String,
    },

    /// A component still used by modules.
    #[error("component `{id}` is still used by {}", modules_phrase(.modules))]
    #[diagnostic(code(infraplan::plan::still_referenced))]
    StillReferenced {
        /// The component.
        id: String,
        /// The modules that map to it.
        modules: Vec<String>,
        /// How to remove the mappings.
        #[help]
        help: String,
    },

    /// A module that does not map the component.
    #[error("module `{module}` does not use component `{component}`")]
    #[diagnostic(code(infraplan::plan::not_mapped))]
    NotMapped {
        /// The module.
        module: String,
        /// The component.
        component: String,
        /// What it does map.
        #[help]
        help: String,
    },

    /// The edit would leave a plan that does not validate.
    #[error(
        "the edit would make the plan invalid ({} error{}), so nothing was written",
        .errors.len(),
        if .errors.len() == 1 { "" } else { "s" }
    )]
    #[diagnostic(
        code(infraplan::plan::would_be_invalid),
        help("the findings above point into the edited text; change the values and try again")
    )]
    WouldBeInvalid {
        /// The error findings of the edited text.
        errors: Vec<Finding>,
        /// The edited text the findings point into.
        text: String,
    },

    /// A layout `fmt` does not rewrite.
    #[error("cannot normalise line {line}: {reason}")]
    #[diagnostic(
        code(infraplan::fmt::unsupported),
        help("the file was left as it is; format this part by hand")
    )]
    FmtUnsupported {
        /// 1-based line.
        line: usize,
        /// What is there.
        reason: String,
    },

    /// The normalised text failed its own check; nothing was produced.
    #[error("refusing to normalise: the result {detail}")]
    #[diagnostic(
        code(infraplan::fmt::guard),
        help("the file was left as it is; please report this with the plan file")
    )]
    FmtGuard {
        /// What differed.
        detail: String,
    },

    /// The edit layer refused, or the write failed.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Edit(#[from] EditError),
}

impl PlanOpsError {
    /// Whether the failure is the machine's (reading or writing the file),
    /// not the input's: exit 2 rather than 1.
    pub fn is_io(&self) -> bool {
        matches!(self, Self::Edit(EditError::Io { .. }))
    }
}

fn modules_phrase(modules: &[String]) -> String {
    let quoted: Vec<String> = modules.iter().map(|m| format!("`{m}`")).collect();
    match quoted.len() {
        1 => format!("module {}", quoted[0]),
        _ => format!("modules {}", quoted.join(", ")),
    }
}
