//! `infraplan migrate list|show|check`: the plan's migrations scheduled by
//! the critical path method, with the risk register and the rollback checks
//! (`engine::migrate`); renderers in `migrate_report.rs`.

use infraplan::diag::{Severity, did_you_mean};
use infraplan::engine::migrate::{self, MigrationSchedule};
use infraplan::engine::{Context as EngineContext, EngineFinding};

use super::loading::{self, LoadedPlan};
use super::migrate_report as report;
use super::{CliError, Context, Outcome, output};

/// Arguments of `infraplan migrate`; `infraplan migrate ID` is short for
/// `infraplan migrate show ID`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// One line per migration: type, approach, phases, computed start and end, findings.
    List(ListArgs),
    /// The whole computed plan of one migration: schedule, critical path, risks, rollback.
    Show(ShowArgs),
    /// Findings only, for CI: exit 1 on errors (and on warnings with --strict).
    Check(CheckArgs),
    /// `migrate ID [--format F]`: the same as `migrate show ID`.
    #[command(external_subcommand)]
    Id(Vec<String>),
}

/// `migrate ID …` parsed as `migrate show ID …`.
#[derive(Debug, clap::Parser)]
#[command(name = "infraplan migrate")]
struct Shorthand {
    #[command(flatten)]
    show: ShowArgs,
}

#[derive(Debug, clap::Args)]
struct ListArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
}

#[derive(Debug, clap::Args)]
struct ShowArgs {
    /// The migration's id.
    id: String,
    #[command(flatten)]
    format: ShowFormat,
}

#[derive(Debug, clap::Args)]
struct ShowFormat {
    /// Output format: `markdown` is a runbook, `mermaid` a gantt chart GitHub renders.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// Check only this migration.
    id: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    format: CheckFormat,
    /// Fail on warnings too.
    #[arg(long)]
    strict: bool,
}

/// Formats of `migrate show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Tables for a terminal.
    Table,
    /// Everything, as JSON.
    Json,
    /// A runbook to paste into a wiki or pull request.
    Markdown,
    /// A Mermaid gantt chart.
    Mermaid,
    /// One row per phase and task with dates, for a spreadsheet or project tool.
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ListFormat {
    Table,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum CheckFormat {
    Human,
    Json,
}

/// Runs the command.
pub fn run(context: &Context, args: &Args) -> Result<Outcome, CliError> {
    let Some(inputs) = loading::EngineInputs::load(context)? else {
        return Ok(Outcome::Failed);
    };
    let engine = inputs.engine(context);
    let loaded = &inputs.loaded;
    match &args.command {
        Some(Command::List(list)) => list_command(&engine, loaded, list.format),
        Some(Command::Show(show)) => show_command(&engine, loaded, &show.id, show.format.format),
        Some(Command::Check(check)) => check_command(context, &engine, loaded, check),
        Some(Command::Id(words)) => {
            let parsed = <Shorthand as clap::Parser>::try_parse_from(
                std::iter::once("migrate").chain(words.iter().map(String::as_str)),
            )
            .map_err(|error| CliError::Usage {
                message: error.to_string().trim().to_owned(),
                help: Some("`infraplan migrate ID` is `infraplan migrate show ID`".to_owned()),
            })?;
            show_command(&engine, loaded, &parsed.show.id, parsed.show.format.format)
        }
        None => list_command(&engine, loaded, ListFormat::Table),
    }
}

fn schedules(engine: &EngineContext<'_>) -> Result<Vec<MigrationSchedule>, CliError> {
    migrate::schedule_all(engine)
        .into_iter()
        .map(|result| result.map_err(schedule_error))
        .collect()
}

#[allow(
    clippy::needless_pass_by_value,
    reason = "used as `map_err(schedule_error)`"
)]
fn schedule_error(error: migrate::ScheduleError) -> CliError {
    let help = match error {
        migrate::ScheduleError::NoStart(_) => {
            "add `timeline: { plannedStart: YYYY-MM-DD }` to the migration"
        }
        migrate::ScheduleError::Cycle { .. } => {
            "run `infraplan validate` to see the dependency cycle"
        }
    };
    CliError::Usage {
        message: error.to_string(),
        help: Some(help.to_owned()),
    }
}

fn no_migrations(loaded: &LoadedPlan) -> Outcome {
    ewriteln!(
        "{} has no migrations; add one under `migrations:` (docs/migrate.md)",
        loaded.path
    );
    Outcome::Success
}

fn list_command(
    engine: &EngineContext<'_>,
    loaded: &LoadedPlan,
    format: ListFormat,
) -> Result<Outcome, CliError> {
    if loaded.plan.migrations.is_empty() {
        return Ok(no_migrations(loaded));
    }
    let schedules = schedules(engine)?;
    let text = match format {
        ListFormat::Table => report::list_table(&schedules),
        ListFormat::Markdown => report::list_markdown(&schedules),
        ListFormat::Json => output::json(
            &schedules
                .iter()
                .map(report::Summary::of)
                .collect::<Vec<_>>(),
        )?,
    };
    output::print(&text)?;
    Ok(Outcome::Success)
}

fn find<'a>(
    loaded: &'a LoadedPlan,
    id: &str,
) -> Result<&'a infraplan::plan::MigrationPlan, CliError> {
    loaded
        .plan
        .migrations
        .iter()
        .find(|m| m.id.as_str() == id)
        .ok_or_else(|| {
            let ids: Vec<&str> = loaded
                .plan
                .migrations
                .iter()
                .map(|m| m.id.as_str())
                .collect();
            let suggestion = did_you_mean(id, ids.iter().copied())
                .map(|s| format!("did you mean `{s}`? "))
                .unwrap_or_default();
            CliError::Usage {
                message: format!("the plan has no migration `{id}`"),
                help: Some(if ids.is_empty() {
                    "the plan has no migrations".to_owned()
                } else {
                    format!("{suggestion}migrations: {}", ids.join(", "))
                }),
            }
        })
}

fn show_command(
    engine: &EngineContext<'_>,
    loaded: &LoadedPlan,
    id: &str,
    format: Format,
) -> Result<Outcome, CliError> {
    let migration = find(loaded, id)?;
    let schedule = migrate::schedule(engine, migration).map_err(schedule_error)?;
    let text = match format {
        Format::Table => report::table(&schedule),
        Format::Json => output::json(&schedule)?,
        Format::Markdown => report::markdown(migration, &schedule),
        Format::Mermaid => report::gantt(&schedule),
        Format::Csv => report::csv(migration, &schedule),
    };
    output::print(&text)?;
    Ok(Outcome::Success)
}

fn check_command(
    context: &Context,
    engine: &EngineContext<'_>,
    loaded: &LoadedPlan,
    args: &CheckArgs,
) -> Result<Outcome, CliError> {
    if loaded.plan.migrations.is_empty() {
        return Ok(no_migrations(loaded));
    }
    let schedules = match &args.id {
        Some(id) => {
            let migration = find(loaded, id)?;
            vec![migrate::schedule(engine, migration).map_err(schedule_error)?]
        }
        None => schedules(engine)?,
    };
    let findings: Vec<&EngineFinding> = schedules.iter().flat_map(|s| &s.findings).collect();
    match args.format {
        CheckFormat::Json => output::print(&output::json(&findings)?)?,
        CheckFormat::Human => output::print(&report::findings_text(&findings))?,
    }
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = findings.len() - errors;
    if !context.quiet {
        ewriteln!(
            "{}: {} migration(s), {errors} error(s), {warnings} warning(s)",
            loaded.path,
            schedules.len()
        );
    }
    Ok(if errors > 0 || (args.strict && warnings > 0) {
        Outcome::Failed
    } else {
        Outcome::Success
    })
}
