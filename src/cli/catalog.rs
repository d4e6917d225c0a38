//! `infraplan catalog list|show|check`: inspect the built-in catalog (with
//! any `--catalog` overrides applied) and lint it.

use std::fmt::Write as _;

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use serde::Serialize;

use infraplan::catalog::{Catalog, DatabaseTechnology, Origin, lint};
use infraplan::plan::CloudProvider;

use super::{CliError, Context, Outcome, output, render};

/// `infraplan catalog` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// List catalog entries.
    List {
        /// Which kind of entry.
        #[arg(value_enum, default_value_t = Kind::Databases)]
        kind: Kind,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Show one entry in full.
    Show {
        /// Entry id, e.g. `postgresql`.
        id: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ShowFormat::Yaml)]
        format: ShowFormat,
    },
    /// Check every catalog file (built-in and overrides); exit 1 on problems.
    Check,
}

/// Kind of catalog entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// Database technologies.
    Databases,
}

/// Output format of `catalog list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// Terminal table.
    Table,
    /// JSON.
    Json,
    /// Markdown table.
    Markdown,
}

/// Output format of `catalog show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ShowFormat {
    /// YAML, as in the catalog files.
    Yaml,
    /// JSON.
    Json,
}

/// Runs a catalog subcommand.
pub fn run(context: &Context, command: &Command) -> Result<Outcome, CliError> {
    match command {
        Command::List {
            kind: Kind::Databases,
            format,
        } => {
            let catalog = context.catalog()?;
            output::print(&list_databases(&catalog, *format))?;
            Ok(Outcome::Success)
        }
        Command::Show { id, format } => show(context, id, *format),
        Command::Check => check(context),
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Row<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    azure: Option<&'a str>,
    aws: Option<&'a str>,
    gcp: Option<&'a str>,
    source: String,
}

fn rows(catalog: &Catalog) -> Vec<Row<'_>> {
    catalog
        .databases
        .iter()
        .map(|entry| {
            let t = &entry.item;
            Row {
                id: &t.id,
                name: &t.name,
                kind: t.kind.as_str(),
                azure: t.managed_on(CloudProvider::Azure),
                aws: t.managed_on(CloudProvider::Aws),
                gcp: t.managed_on(CloudProvider::Gcp),
                source: catalog.files[entry.file].display_name(),
            }
        })
        .collect()
}

fn list_databases(catalog: &Catalog, format: ListFormat) -> String {
    let rows = rows(catalog);
    let mark = |service: Option<&str>| if service.is_some() { "yes" } else { "—" };
    match format {
        ListFormat::Json => {
            let mut text = serde_json::to_string_pretty(&rows).unwrap_or_default();
            text.push('\n');
            text
        }
        ListFormat::Markdown => {
            let mut text = String::from(
                "| id | name | type | managed on Azure | AWS | GCP |\n| --- | --- | --- | --- | --- | --- |\n",
            );
            for row in &rows {
                let _ = writeln!(
                    text,
                    "| `{}` | {} | {} | {} | {} | {} |",
                    row.id,
                    row.name,
                    row.kind,
                    row.azure.unwrap_or("—"),
                    row.aws.unwrap_or("—"),
                    row.gcp.unwrap_or("—")
                );
            }
            text
        }
        ListFormat::Table => {
            let mut table = Table::new();
            table
                .load_style(UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Disabled)
                .set_header(["id", "name", "type", "azure", "aws", "gcp"]);
            for row in &rows {
                table.add_row([
                    row.id,
                    row.name,
                    row.kind,
                    mark(row.azure),
                    mark(row.aws),
                    mark(row.gcp),
                ]);
            }
            format!("{table}\n{} database technologies\n", rows.len())
        }
    }
}

fn show(context: &Context, id: &str, format: ShowFormat) -> Result<Outcome, CliError> {
    let catalog = context.catalog()?;
    let Some(entry) = catalog.databases.iter().find(|e| e.item.id == id) else {
        let suggestion = infraplan::diag::did_you_mean(id, catalog.database_ids())
            .map(|s| format!("did you mean `{s}`? "))
            .unwrap_or_default();
        return Err(CliError::Usage {
            message: format!("the catalog has no entry `{id}`"),
            help: Some(format!(
                "{suggestion}`infraplan catalog list` shows every id"
            )),
        });
    };
    let text = match format {
        ShowFormat::Json => {
            let mut text = serde_json::to_string_pretty(&entry.item).unwrap_or_default();
            text.push('\n');
            text
        }
        ShowFormat::Yaml => format!(
            "# from {}\n{}",
            catalog.files[entry.file].display_name(),
            to_yaml(&entry.item)
        ),
    };
    output::print(&text)?;
    Ok(Outcome::Success)
}

fn to_yaml(technology: &DatabaseTechnology) -> String {
    serde_saphyr::to_string(technology).unwrap_or_default()
}

fn check(context: &Context) -> Result<Outcome, CliError> {
    let dir = context.catalog_dir();
    let (catalog, problems) = lint::check(dir.as_deref())?;
    for (file, text, finding) in &problems {
        eprint!("{}", render::human(file, text, finding, context.color));
    }
    let overrides = catalog
        .files
        .iter()
        .filter(|f| matches!(f.origin, Origin::Override(_)))
        .count();
    if !context.quiet {
        output::print(&format!(
            "catalog: {} files ({} from --catalog), {} database technologies, {} problems\n",
            catalog.files.len(),
            overrides,
            catalog.databases.len(),
            problems.len()
        ))?;
    }
    Ok(if problems.is_empty() {
        Outcome::Success
    } else {
        Outcome::Failed
    })
}
