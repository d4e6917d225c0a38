//! `infraplan component list|show|add|set|unset|remove`, and the write path
//! every plan-editing command shares (`module`, `provider` and `fmt` use it
//! too): load and validate the plan, ask [`infraplan::planops`] for the
//! edits, apply and re-validate them, then print the diff (`--dry-run`) or
//! write the file atomically — never when it changed since it was read.
//!
//! Exit status: 0 done (or nothing to change); 1 the input is wrong or the
//! edit was refused (unknown id, bad path or value, still referenced, the
//! plan would be invalid, the file changed on disk); 2 usage or I/O.

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use miette::{GraphicalReportHandler, GraphicalTheme};
use serde::Serialize;

use infraplan::catalog::Catalog;
use infraplan::edit::{self, EditError};
use infraplan::planops::assign::Assignment;
use infraplan::planops::component::{self as ops, NewComponent};
use infraplan::planops::{self, Change, PlanOpsError, Source};

use super::init::ProviderArg;
use super::loading::{LoadedPlan, load_plan};
use super::{CliError, Context, Outcome, output, render};

/// Arguments of `infraplan component`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to do with the plan's components.
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// List the components: id, type, name, provider, region, status, users.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Show one component; the table gives each value with the PATH `set` takes.
    Show {
        /// Component id.
        id: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Append a component to `components`, in the file's own style.
    Add(AddArgs),
    /// Set values: `PATH=VALUE` (list items by id or name), `PATH+=ITEM` appends to a list.
    Set {
        /// Component id.
        id: String,
        /// `PATH=VALUE` or `PATH+=ITEM`, e.g. `kubernetes.nodePools[apps].count=6`.
        #[arg(required = true, value_name = "PATH=VALUE")]
        assignments: Vec<String>,
        /// Write options.
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Remove values or list items, e.g. `database.version` or `kubernetes.nodePools[batch]`.
    Unset {
        /// Component id.
        id: String,
        /// Paths relative to the component.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<String>,
        /// Write options.
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Remove a component; refused while a module maps to it (see --force).
    Remove {
        /// Component id.
        id: String,
        /// Also remove the modules' mappings to it.
        #[arg(long)]
        force: bool,
        /// Write options.
        #[command(flatten)]
        write: WriteArgs,
    },
}

/// Arguments of `component add`.
#[derive(Debug, clap::Args)]
struct AddArgs {
    /// Id of the new component (lower-case letters, digits, `-`, `_`).
    id: String,
    /// Component type: compute, container_cluster, database, object_storage, block_storage, messaging, load_balancer, cdn, serverless, network.
    #[arg(long = "type", value_name = "TYPE")]
    kind: String,
    /// Human-readable name.
    #[arg(long)]
    name: Option<String>,
    /// Provider, when it differs from the plan's primary one.
    #[arg(long, value_enum)]
    provider: Option<ProviderArg>,
    /// More values, relative to the component: `storage.sizeGB=500`, `kubernetes.nodePools+={ name: system, count: 3 }`.
    #[arg(long = "set", value_name = "PATH=VALUE")]
    settings: Vec<String>,
    /// Write options.
    #[command(flatten)]
    write: WriteArgs,
}

/// Options of every command that writes the plan.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct WriteArgs {
    /// Print the unified diff of the change instead of writing the plan.
    #[arg(long)]
    pub dry_run: bool,
}

/// Output format of `list` and `show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// Terminal table.
    Table,
    /// JSON, for scripts (camelCase keys).
    Json,
    /// YAML.
    Yaml,
}

/// Runs `infraplan component …`.
pub fn run(context: &Context, args: &Args) -> Result<Outcome, CliError> {
    match &args.command {
        Command::List { format } => read(context, |loaded, _| Ok(list(loaded, *format))),
        Command::Show { id, format } => {
            read(context, |loaded, source| show(loaded, source, id, *format))
        }
        Command::Add(add) => run_add(context, add),
        Command::Set {
            id,
            assignments,
            write,
        } => {
            let settings = match parse_assignments(context, assignments) {
                Ok(settings) => settings,
                Err(outcome) => return outcome,
            };
            edit_plan(context, *write, |source| ops::set(source, id, &settings))
        }
        Command::Unset { id, paths, write } => {
            let mut parsed = Vec::new();
            for path in paths {
                match edit::parse_path(path) {
                    Ok(path) => parsed.push(path),
                    Err(error) => return refuse(context, None, error.into()),
                }
            }
            edit_plan(context, *write, |source| ops::unset(source, id, &parsed))
        }
        Command::Remove { id, force, write } => {
            edit_plan(context, *write, |source| ops::remove(source, id, *force))
        }
    }
}

fn run_add(context: &Context, add: &AddArgs) -> Result<Outcome, CliError> {
    let settings = match parse_assignments(context, &add.settings) {
        Ok(settings) => settings,
        Err(outcome) => return outcome,
    };
    edit_plan(context, add.write, |source| {
        ops::add(
            source,
            &NewComponent {
                id: &add.id,
                kind: &add.kind,
                name: add.name.as_deref(),
                provider: add.provider.map(Into::into),
                settings: &settings,
            },
        )
    })
}

fn parse_assignments(
    context: &Context,
    texts: &[String],
) -> Result<Vec<Assignment>, Result<Outcome, CliError>> {
    texts
        .iter()
        .map(|text| Assignment::parse(text))
        .collect::<Result<_, _>>()
        .map_err(|error| refuse(context, None, error))
}

/// Loads the plan and hands it to a read-only command; exit 1 when the
/// plan is invalid (its findings are printed) or `body` refuses.
pub fn read(
    context: &Context,
    body: impl FnOnce(&LoadedPlan, &Source<'_>) -> Result<String, PlanOpsError>,
) -> Result<Outcome, CliError> {
    let catalog = context.catalog()?;
    let Some(loaded) = load_plan(context, &catalog)? else {
        return Ok(Outcome::Failed);
    };
    let result = Source::new(&loaded.text, &loaded.plan).and_then(|source| body(&loaded, &source));
    match result {
        Ok(text) => {
            output::print(&text)?;
            Ok(Outcome::Success)
        }
        Err(error) => refuse(context, Some(&loaded), error),
    }
}

/// Loads the plan, computes the change with `operation`, and applies it:
/// diff on `--dry-run`, else an atomic write of the re-validated plan.
pub fn edit_plan(
    context: &Context,
    write: WriteArgs,
    operation: impl FnOnce(&Source<'_>) -> Result<Change, PlanOpsError>,
) -> Result<Outcome, CliError> {
    let catalog = context.catalog()?;
    let Some(loaded) = load_plan(context, &catalog)? else {
        return Ok(Outcome::Failed);
    };
    let change = Source::new(&loaded.text, &loaded.plan).and_then(|source| operation(&source));
    match change {
        Ok(change) => commit(context, &catalog, &loaded, &change, write),
        Err(error) => refuse(context, Some(&loaded), error),
    }
}

fn commit(
    context: &Context,
    catalog: &Catalog,
    loaded: &LoadedPlan,
    change: &Change,
    write: WriteArgs,
) -> Result<Outcome, CliError> {
    if !context.quiet {
        for note in &change.notes {
            ewriteln!("note: {note}");
        }
    }
    let prepared = match planops::prepare(&loaded.text, &change.edits, catalog) {
        Ok(prepared) => prepared,
        Err(error) => return refuse(context, Some(loaded), error),
    };
    if prepared.text == loaded.text {
        if !context.quiet {
            ewriteln!("{}: nothing to change", loaded.path);
        }
        return Ok(Outcome::Success);
    }
    for finding in &prepared.new_warnings {
        ewrite!(
            "{}",
            render::human(loaded.path.as_str(), &prepared.text, finding, context.color)
        );
    }
    if !write_text(context, loaded, &prepared.text, write)? {
        return Ok(Outcome::Failed);
    }
    if !context.quiet {
        let what = if write.dry_run {
            "not written"
        } else {
            "written"
        };
        ewriteln!("{}: {} ({what})", loaded.path, change.summary);
    }
    Ok(Outcome::Success)
}

/// Prints the diff (`--dry-run`) or writes `new_text` over the plan if the
/// file still holds what was read. `Ok(false)` when the write was refused
/// (already reported); I/O failures are errors (exit 2).
pub fn write_text(
    context: &Context,
    loaded: &LoadedPlan,
    new_text: &str,
    write: WriteArgs,
) -> Result<bool, CliError> {
    if write.dry_run {
        output::print(&edit::unified_diff(&loaded.path, &loaded.text, new_text))?;
        return Ok(true);
    }
    let bom = loaded.bytes.starts_with(b"\xEF\xBB\xBF");
    let with_bom;
    let bytes = if bom {
        with_bom = format!("\u{feff}{new_text}");
        &with_bom
    } else {
        new_text
    };
    match planops::save(&loaded.path, &loaded.bytes, bytes) {
        Ok(()) => Ok(true),
        Err(error @ EditError::Io { .. }) => Err(CliError::Edit(error)),
        Err(error) => refuse(context, Some(loaded), error.into()).map(|_| false),
    }
}

/// Reports a refused operation (exit 1), or returns an I/O failure as an
/// error (exit 2). A would-be-invalid plan prints its findings first.
pub fn refuse(
    context: &Context,
    loaded: Option<&LoadedPlan>,
    error: PlanOpsError,
) -> Result<Outcome, CliError> {
    if error.is_io() {
        let PlanOpsError::Edit(inner) = error else {
            unreachable!("is_io checked the variant");
        };
        return Err(CliError::Edit(inner));
    }
    if let (PlanOpsError::WouldBeInvalid { errors, text }, Some(loaded)) = (&error, loaded) {
        for finding in errors {
            ewrite!(
                "{}",
                render::human(loaded.path.as_str(), text, finding, context.color)
            );
        }
    }
    let theme = if context.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100);
    let mut out = String::new();
    if handler.render_report(&mut out, &error).is_err() {
        out = format!("error: {error}\n");
    }
    ewrite!("{out}");
    Ok(Outcome::Failed)
}

/// `value` as pretty JSON or YAML, with a final newline.
pub fn serialise<T: Serialize>(value: &T, format: ListFormat) -> String {
    let mut text = match format {
        ListFormat::Yaml => serde_saphyr::to_string(value).unwrap_or_default(),
        _ => serde_json::to_string_pretty(value).unwrap_or_default(),
    };
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// A table in the style of every infraplan table.
pub fn table(header: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(120)
        .set_header(header.to_vec());
    table
}

fn list(loaded: &LoadedPlan, format: ListFormat) -> String {
    let rows = ops::summaries(&loaded.plan);
    if format != ListFormat::Table {
        return serialise(&rows, format);
    }
    let mut out = table(&[
        "id", "type", "name", "provider", "region", "status", "used by",
    ]);
    out.set_content_arrangement(ContentArrangement::Disabled);
    for row in &rows {
        let users: Vec<String> = row
            .used_by
            .iter()
            .map(|u| format!("{} ({})", u.module, u.role))
            .collect();
        out.add_row([
            row.id.clone(),
            row.kind.clone(),
            row.name.clone().unwrap_or_default(),
            row.provider.clone().unwrap_or_default(),
            row.region.clone().unwrap_or_default(),
            row.status.clone().unwrap_or_default(),
            users.join(", "),
        ]);
    }
    format!("{out}\n")
}

fn show(
    loaded: &LoadedPlan,
    source: &Source<'_>,
    id: &str,
    format: ListFormat,
) -> Result<String, PlanOpsError> {
    let node = ops::node(source, id)?;
    let component = loaded
        .plan
        .component(id)
        .ok_or_else(|| ops::unknown(&loaded.plan, id))?;
    if format != ListFormat::Table {
        return Ok(serialise(component, format));
    }
    let mut out = table(&["path", "value"]);
    for (path, value) in ops::settings(node) {
        out.add_row([path, value]);
    }
    let users: Vec<String> = ops::users(&loaded.plan, id)
        .into_iter()
        .map(|u| format!("{} ({})", u.module, u.role))
        .collect();
    let used = if users.is_empty() {
        "no module".to_owned()
    } else {
        users.join(", ")
    };
    Ok(format!(
        "component `{id}` ({})\n{out}\nused by: {used}\n",
        component.kind.as_str()
    ))
}
