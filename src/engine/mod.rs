//! Engines: plain functions over typed plan and catalog data.
//!
//! # The contract
//!
//! - **Input**: one [`Context`] (the validated plan, the catalog, today's
//!   date) plus what the command asked for. Where a component runs comes
//!   from [`crate::placement`], never from an engine's own rule.
//! - **Output**: typed values (`Serialize`, camelCase like the plan) and
//!   coded [`EngineFinding`]s. Every code lives in the one table in
//!   [`crate::diag`], so `docs/diagnostics.md` lists them all.
//! - **Pure**: no printing, no file I/O, no clock. Files an engine produces
//!   are values (path and text) that the CLI writes through
//!   [`crate::store`]. (`adr` still reads the record directory itself.)
//! - **Shape**: one folder per engine with its entry (a verb: `rank`,
//!   `configure`, `estimate`, `schedule`), its output model and its
//!   findings. An engine uses another only through its public entry
//!   functions (the migration schedule prices nothing itself; the cost
//!   engine does).

pub mod adr;
pub mod cost;
pub mod dbconfig;
pub mod diagram;
pub mod k8s;
pub mod matrix;
pub mod migrate;
pub mod scale;
pub mod selection;
pub mod sizing;

use serde::Serialize;

use crate::catalog::Catalog;
use crate::diag::{Code, Severity};
use crate::plan::Plan;

/// What every engine is given.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The plan, validated.
    pub plan: &'a Plan,
    /// The catalog (built-in plus overrides).
    pub catalog: &'a Catalog,
    /// `[defaults]` of infraplan.toml (provider and regions), for
    /// [`crate::placement`].
    pub defaults: &'a crate::config::Defaults,
    /// Today, `YYYY-MM-DD` (from the CLI's clock, `SOURCE_DATE_EPOCH` in
    /// reproducible runs), so engines never read the clock.
    pub today: &'a str,
}

/// A problem an engine found in what it computed: a stable code, the thing
/// it is about (a phase, a risk, a component) and one sentence.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EngineFinding {
    /// Severity (the code's default).
    pub severity: Severity,
    /// Stable code from the one table in [`crate::diag`].
    pub code: Code,
    /// What it is about, e.g. `orders-db-to-azure` or `risk peak-lag`.
    pub subject: String,
    /// What is wrong, with the numbers.
    pub message: String,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl EngineFinding {
    /// A finding with the code's default severity.
    pub fn new(code: Code, subject: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: code.severity(),
            code,
            subject: subject.into(),
            message: message.into(),
            help: None,
        }
    }

    /// Adds the help line.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}
