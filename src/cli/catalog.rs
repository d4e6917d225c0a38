//! `infraplan catalog list|show|check`: inspect the built-in catalog (with
//! any `--catalog` overrides applied) and lint it. `catalog show pricing`
//! lists the list prices with their as-of dates, so an architect can see how
//! old the numbers behind a cost report are before trusting it.

use std::fmt::Write as _;

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use serde::Serialize;

use infraplan::catalog::{Catalog, DatabaseTechnology, Origin, lint};
use infraplan::plan::CloudProvider;

use super::init::ProviderArg;
use super::{CliError, Context, Outcome, output, render};

/// The `catalog show` id that shows the list prices rather than one entry.
/// It wins over a database technology of the same id, which no catalog has.
pub(super) const PRICING_ID: &str = "pricing";

/// `infraplan catalog` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// List catalog entries.
    List {
        /// Which kind of entry (list prices: `infraplan catalog show pricing`).
        #[arg(value_enum, default_value_t = Kind::Databases)]
        kind: Kind,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Show one entry in full, or `pricing` for the list prices and their as-of dates.
    Show(ShowArgs),
    /// Check every catalog file (built-in and overrides); exit 1 on problems.
    Check(CheckArgs),
    /// Turn a provider's downloaded price file into table price files for `--catalog`.
    Import(super::catalog_import::ImportArgs),
}

/// Arguments of `catalog check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Also report every price whose source date is more than DAYS old (for CI).
    #[arg(long, value_name = "DAYS")]
    max_age: Option<u32>,
}

/// Arguments of `catalog show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// Entry id, e.g. `postgresql`; `pricing` shows the list prices.
    pub(super) id: String,
    /// Output format [default: yaml for an entry, table for `pricing`].
    #[arg(long, value_enum)]
    pub(super) format: Option<ShowFormat>,
    /// With `pricing`: only this provider's prices.
    #[arg(long, value_enum)]
    pub(super) provider: Option<ProviderArg>,
    /// With `pricing`: only prices in this region, e.g. `us-east-1`, `eastus`.
    #[arg(long, value_name = "REGION")]
    pub(super) region: Option<String>,
    /// With `pricing`: only services whose name contains this text (any case).
    #[arg(long, value_name = "TEXT")]
    pub(super) service: Option<String>,
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
    /// Terminal tables (`pricing` only).
    Table,
}

/// Runs a catalog subcommand.
pub fn run(context: &Context, command: &Command) -> Result<Outcome, CliError> {
    match command {
        Command::List {
            kind: Kind::Databases,
            format,
        } => {
            let catalog = context.catalog()?;
            output::print(&list_databases(&catalog, *format)?)?;
            Ok(Outcome::Success)
        }
        Command::Show(args) if args.id == PRICING_ID => {
            super::catalog_pricing::pricing(context, args)
        }
        Command::Show(args) => show(context, args),
        Command::Check(args) => check(context, args),
        Command::Import(args) => super::catalog_import::run(context, args),
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

fn list_databases(catalog: &Catalog, format: ListFormat) -> Result<String, CliError> {
    let rows = rows(catalog);
    let mark = |service: Option<&str>| if service.is_some() { "yes" } else { "—" };
    Ok(match format {
        ListFormat::Json => super::output::json(&rows)?,
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
    })
}

fn show(context: &Context, args: &ShowArgs) -> Result<Outcome, CliError> {
    let id = args.id.as_str();
    // Refused rather than ignored: a filter that silently does nothing reads
    // as "this entry matched".
    if args.provider.is_some() || args.region.is_some() || args.service.is_some() {
        return Err(CliError::Usage {
            message: "`--provider`, `--region` and `--service` filter list prices only".to_owned(),
            help: Some(format!(
                "use `infraplan catalog show {PRICING_ID}` with them"
            )),
        });
    }
    let catalog = context.catalog()?;
    let Some(entry) = catalog.databases.iter().find(|e| e.item.id == id) else {
        let ids = catalog.database_ids().chain([PRICING_ID]);
        let suggestion = infraplan::diag::did_you_mean(id, ids)
            .map(|s| format!("did you mean `{s}`? "))
            .unwrap_or_default();
        return Err(CliError::Usage {
            message: format!("the catalog has no entry `{id}`"),
            help: Some(format!(
                "{suggestion}`infraplan catalog list` shows every id; `infraplan catalog show {PRICING_ID}` shows list prices"
            )),
        });
    };
    let text = match args.format.unwrap_or(ShowFormat::Yaml) {
        ShowFormat::Table => {
            return Err(CliError::Usage {
                message: format!("`--format table` is for `catalog show {PRICING_ID}`"),
                help: Some(
                    "show an entry as `--format yaml` (the default) or `--format json`".to_owned(),
                ),
            });
        }
        ShowFormat::Json => super::output::json(&entry.item)?,
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

fn check(context: &Context, args: &CheckArgs) -> Result<Outcome, CliError> {
    let dir = context.catalog_dir();
    let (catalog, mut problems) = lint::check(dir.as_deref())?;
    if let Some(max_days) = args.max_age {
        let today = i64::try_from(super::clock::today_days()).unwrap_or(i64::MAX);
        problems.extend(lint::stale_prices(&catalog, today, max_days));
    }
    for (file, text, finding) in &problems {
        ewrite!("{}", render::human(file, text, finding, context.color));
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
