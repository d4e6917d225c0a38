//! Command-line interface: clap definitions, one file per command, and the
//! renderers. Commands read flags, load inputs, call the library and hand the
//! result to a renderer; they do no arithmetic of their own.

/// `eprintln!` that never panics: with stderr closed (`2>&1 | head -1`) the
/// message is dropped and the command ends with its normal status.
macro_rules! ewriteln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// `eprint!` that never panics; see [`ewriteln`].
macro_rules! ewrite {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr(), $($arg)*);
    }};
}

mod adr;
mod adr_list;
mod catalog;
mod catalog_import;
mod catalog_pricing;
mod clock;
mod completions;
mod component;
mod cost;
mod cost_diff;
mod cost_html;
mod cost_report;
mod db;
mod diagram;
mod fmt;
mod init;
mod k8s;
mod k8s_report;
mod loading;
mod migrate;
mod migrate_report;
mod module;
mod output;
mod provider;
mod recommend;
mod recommend_report;
mod render;
mod report;
mod scale;
mod schema;
mod select;
mod select_report;
mod validate;
mod wizard;

use std::process::ExitCode;

use camino::{Utf8Path, Utf8PathBuf};
use clap::{Parser, Subcommand, ValueEnum};

use infraplan::catalog::{Catalog, CatalogError};
use infraplan::config::{ConfigError, Project};

/// Offline planning for cloud architects: validate plan files, inspect the
/// catalog, and (as engines land) recommend databases and estimate cost.
#[derive(Debug, Parser)]
#[command(name = "infraplan", version, about, max_term_width = 100)]
pub struct Cli {
    /// Plan file (default: `plan` in infraplan.toml, else infraplan.yaml).
    #[arg(long, global = true, value_name = "FILE", env = "INFRAPLAN_PLAN")]
    plan: Option<Utf8PathBuf>,
    /// Directory of catalog files that override or extend the built-in catalog.
    #[arg(long, global = true, value_name = "DIR", env = "INFRAPLAN_CATALOG")]
    catalog: Option<Utf8PathBuf>,
    /// When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`).
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
    /// Print only errors and requested output.
    #[arg(short, long, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

/// Colour choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorWhen {
    /// Colour when writing to a terminal.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check plan files: syntax, schema, references and catalog names.
    Validate(validate::Args),
    /// Rank database technologies for a component's criteria.
    RecommendDb(recommend::Args),
    /// Print the JSON Schema of the plan file, for editors.
    Schema(schema::Args),
    /// Write a starter infraplan.yaml, infraplan.toml and schema.
    Init(init::Args),
    /// Inspect and check the catalog.
    #[command(subcommand)]
    Catalog(catalog::Command),
    /// Architecture Decision Records.
    Adr(adr::Args),
    /// Weighted technology-selection matrices.
    Select(select::Args),
    /// List, show and edit the plan's components.
    Component(component::Args),
    /// List, add and map the plan's modules.
    Module(module::Args),
    /// Configure cloud providers in the plan.
    Provider(provider::Args),
    /// Normalise the plan's layout (opt-in); `--check` for CI.
    Fmt(fmt::Args),
    /// Database configuration.
    #[command(subcommand)]
    Db(db::Command),
    /// Kubernetes node sizing: allocatable per node, nodes per pool, the resource calculator and cost.
    #[command(subcommand)]
    K8s(k8s::Command),
    /// Check the plan's scalability patterns: thresholds, cooldowns, state, HPA ceilings.
    Scale(scale::Args),
    /// The whole plan as one markdown document for a design review.
    Report(report::Args),
    /// The plan as a diagram: Mermaid, Graphviz DOT, D2 or text.
    Diagram(diagram::Args),
    /// Migration plans: schedule and critical path, risks, rollback checks (`migrate ID` shows one).
    Migrate(migrate::Args),
    /// Cost estimates, cross-cloud comparison and cost diffs from catalog list prices.
    #[command(subcommand)]
    Cost(cost::Command),
    /// Print shell completions.
    Completions(completions::CompletionArgs),
    /// Print the man page (roff).
    Man,
}

/// Shared context every command gets.
pub struct Context {
    /// Settings from infraplan.toml.
    pub project: Project,
    /// `--plan`, when given.
    pub plan_flag: Option<Utf8PathBuf>,
    /// `--catalog`, when given.
    pub catalog_flag: Option<Utf8PathBuf>,
    /// Colour on stderr diagnostics.
    pub color: bool,
    /// `--quiet`.
    pub quiet: bool,
}

impl Context {
    /// The plan file to use.
    pub fn plan_path(&self) -> Utf8PathBuf {
        self.plan_flag
            .clone()
            .unwrap_or_else(|| self.project.plan_path())
    }

    /// The catalog, with `--catalog` or the settings' override directory.
    pub fn catalog(&self) -> Result<Catalog, CatalogError> {
        let dir = self
            .catalog_flag
            .clone()
            .or_else(|| self.project.catalog_dir());
        Catalog::load(dir.as_deref())
    }

    /// The ADR directory: `adr-dir` in infraplan.toml, else `docs/adr`.
    pub fn adr_dir(&self) -> Utf8PathBuf {
        let configured = self
            .project
            .settings
            .adr_dir
            .clone()
            .unwrap_or_else(|| "docs/adr".into());
        if configured.is_absolute()
            || self.project.root.as_str().is_empty()
            || self.project.root == "."
        {
            configured
        } else {
            self.project.root.join(configured)
        }
    }

    /// The override directory in effect.
    pub fn catalog_dir(&self) -> Option<Utf8PathBuf> {
        self.catalog_flag
            .clone()
            .or_else(|| self.project.catalog_dir())
    }
}

/// A failure that stops a command: usage, I/O or internal (exit 2).
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum CliError {
    /// Settings file problem.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Config(#[from] ConfigError),
    /// Catalog problem.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Catalog(#[from] CatalogError),
    /// A plan the catalog cannot price.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Cost(#[from] infraplan::engine::cost::CostError),
    /// A plan edit was refused.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Edit(#[from] infraplan::edit::EditError),
    /// A file could not be read or written.
    #[error("cannot {action} `{path}`: {source}")]
    #[diagnostic(code(infraplan::io))]
    Io {
        /// read, write, …
        action: &'static str,
        /// The file.
        path: Utf8PathBuf,
        /// Cause.
        source: std::io::Error,
    },
    /// Anything else the user must fix before the command can run.
    #[error("{message}")]
    #[diagnostic(code(infraplan::usage))]
    Usage {
        /// What is wrong.
        message: String,
        /// How to fix it.
        #[help]
        help: Option<String>,
    },
}

/// How a command ended when it did not fail outright.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything passed.
    Success,
    /// The input is invalid or a check failed (exit 1).
    Failed,
}

/// Runs the CLI and maps the result to the documented exit codes.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() { 2 } else { 0 };
            // Nothing useful to do if printing the usage message fails.
            let _ = error.print();
            return ExitCode::from(code);
        }
    };
    let color = use_color(cli.color);
    anstream::ColorChoice::write_global(if color {
        anstream::ColorChoice::Always
    } else {
        anstream::ColorChoice::Never
    });
    match run(cli, color) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Failed) => ExitCode::from(1),
        Err(error) if output::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            render::report_error(error, color);
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli, color: bool) -> Result<Outcome, CliError> {
    let cwd = std::env::current_dir().map_err(|source| CliError::Io {
        action: "read",
        path: ".".into(),
        source,
    })?;
    let cwd = Utf8PathBuf::from_path_buf(cwd).unwrap_or_else(|_| Utf8PathBuf::from("."));
    let project = match &cli.command {
        // init must work even next to a broken infraplan.toml.
        Command::Init(_) | Command::Completions(_) | Command::Man | Command::Schema(_) => Project {
            root: cwd.clone(),
            ..Project::default()
        },
        _ => Project::discover(&cwd)?,
    };
    let context = Context {
        project: relative_to(project, &cwd),
        plan_flag: cli.plan,
        catalog_flag: cli.catalog,
        color,
        quiet: cli.quiet,
    };
    match cli.command {
        Command::Validate(args) => validate::run(&context, &args),
        Command::RecommendDb(args) => recommend::run(&context, &args),
        Command::Schema(args) => schema::run(&args),
        Command::Init(args) => init::run(&context, &args),
        Command::Catalog(command) => catalog::run(&context, &command),
        Command::Db(command) => db::run(&context, &command),
        Command::Cost(command) => cost::run(&context, &command),
        Command::Migrate(args) => migrate::run(&context, &args),
        Command::Diagram(args) => diagram::run(&context, &args),
        Command::K8s(command) => k8s::run(&context, &command),
        Command::Report(args) => report::run(&context, &args),
        Command::Scale(args) => scale::run(&context, &args),
        Command::Adr(args) => adr::run(&context, &args),
        Command::Select(args) => select::run(&context, &args),
        Command::Component(args) => component::run(&context, &args),
        Command::Module(args) => module::run(&context, &args),
        Command::Provider(args) => provider::run(&context, &args),
        Command::Fmt(args) => fmt::run(&context, &args),
        Command::Completions(args) => completions::completions(&args),
        Command::Man => completions::man(),
    }
}

/// Shows settings paths relative to the working directory, so messages and
/// reports name `plans/shop.yaml`, not a machine-specific absolute path.
fn relative_to(mut project: Project, cwd: &Utf8Path) -> Project {
    if let Ok(relative) = project.root.strip_prefix(cwd) {
        project.root = relative.to_owned();
    }
    project
}

fn use_color(choice: ColorWhen) -> bool {
    match choice {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            anstream::AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never
        }
    }
}
