//! `infraplan cost estimate|compare|diff`: load the plan, call the cost
//! engines, render. A plan the catalog cannot price (unknown environment,
//! region without prices) is an input problem: exit 1 with the reason.

use infraplan::catalog::Catalog;
use infraplan::engine::cost::{self, CostError, EstimateOptions};
use infraplan::plan::CloudProvider;

use super::init::ProviderArg;
use super::{CliError, Context, Outcome, cost_diff, cost_html, cost_report, loading, output};

/// `infraplan cost` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Priced, sourced estimate: breakdown, drivers, optimizations, confidence, assumptions.
    Estimate(EstimateArgs),
    /// The same plan priced on Azure, AWS and GCP, with reserved pricing.
    Compare(CompareArgs),
    /// Cost change between a base plan (file or git ref) and the working plan.
    Diff(cost_diff::Args),
}

/// Arguments of `cost estimate`.
#[derive(Debug, clap::Args)]
pub struct EstimateArgs {
    /// Price one environment only (default: every environment, each shown).
    #[arg(long, value_name = "NAME")]
    env: Option<String>,
    /// Price every component on this provider instead of its own.
    #[arg(long, value_enum)]
    provider: Option<ProviderArg>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EstimateFormat::Table)]
    format: EstimateFormat,
    #[command(flatten)]
    age: PriceAgeArg,
}

/// Arguments of `cost compare`.
#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// Price one environment only (default: every environment, summed).
    #[arg(long, value_name = "NAME")]
    env: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CompareFormat::Table)]
    format: CompareFormat,
    #[command(flatten)]
    age: PriceAgeArg,
}

/// How old a price may be before a report warns about it.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct PriceAgeArg {
    /// Warn about prices whose source date is more than DAYS old (0 turns the check off).
    #[arg(long, value_name = "DAYS", default_value_t = 365)]
    max_price_age: u32,
}

impl PriceAgeArg {
    /// The engine's age limit, measured from today (or `SOURCE_DATE_EPOCH`).
    pub fn limit(self) -> Option<cost::staleness::PriceAge> {
        (self.max_price_age > 0).then(|| cost::staleness::PriceAge {
            today: i64::try_from(super::clock::today_days()).unwrap_or(i64::MAX),
            max_days: self.max_price_age,
        })
    }
}

/// Output format of `cost estimate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum EstimateFormat {
    /// Tables for a terminal.
    Table,
    /// The specification's `CostEstimate` as JSON.
    Json,
    /// Markdown for pull requests and docs.
    Markdown,
    /// A self-contained HTML page with charts (no network).
    Html,
}

/// Output format of `cost compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum CompareFormat {
    /// Tables for a terminal.
    Table,
    /// JSON.
    Json,
    /// Markdown.
    Markdown,
}

/// Runs a `cost` subcommand.
pub fn run(context: &Context, command: &Command) -> Result<Outcome, CliError> {
    match command {
        Command::Estimate(args) => estimate(context, args),
        Command::Compare(args) => compare(context, args),
        Command::Diff(args) => cost_diff::run(context, args),
    }
}

fn estimate(context: &Context, args: &EstimateArgs) -> Result<Outcome, CliError> {
    let catalog = context.catalog()?;
    let Some(loaded) = loading::load_plan(context, &catalog)? else {
        return Ok(Outcome::Failed);
    };
    let options = EstimateOptions {
        environment: args.env.clone(),
        provider: args.provider.map(CloudProvider::from),
        price_age: args.age.limit(),
        ..project_defaults(context)
    };
    let report = match cost::estimate(&loaded.plan, &catalog, &options) {
        Ok(report) => report,
        Err(error) => return Ok(cost_failed(context, error)),
    };
    let text = match args.format {
        EstimateFormat::Table => cost_report::estimate_table(&report),
        EstimateFormat::Json => json(&report)?,
        EstimateFormat::Markdown => cost_report::estimate_markdown(&report),
        EstimateFormat::Html => cost_html::estimate_page(&report),
    };
    output::print(&text)?;
    Ok(Outcome::Success)
}

fn compare(context: &Context, args: &CompareArgs) -> Result<Outcome, CliError> {
    let catalog: Catalog = context.catalog()?;
    let Some(loaded) = loading::load_plan(context, &catalog)? else {
        return Ok(Outcome::Failed);
    };
    let options = EstimateOptions {
        environment: args.env.clone(),
        price_age: args.age.limit(),
        ..project_defaults(context)
    };
    let report = match cost::compare::compare_with(&loaded.plan, &catalog, &options) {
        Ok(report) => report,
        Err(error) => return Ok(cost_failed(context, error)),
    };
    let text = match args.format {
        CompareFormat::Table => cost_report::compare_table(&report),
        CompareFormat::Json => json(&report)?,
        CompareFormat::Markdown => cost_report::compare_markdown(&report),
    };
    output::print(&text)?;
    Ok(Outcome::Success)
}

/// Provider and regions from `[defaults]` in infraplan.toml, used where the
/// plan names none.
pub fn project_defaults(context: &Context) -> EstimateOptions {
    let defaults = &context.project.settings.defaults;
    EstimateOptions {
        default_provider: defaults.provider,
        default_regions: defaults.regions.clone(),
        ..EstimateOptions::default()
    }
}

/// Prints why the plan cannot be priced; exit 1.
pub fn cost_failed(context: &Context, error: CostError) -> Outcome {
    super::render::report_error(CliError::Cost(error), context.color);
    Outcome::Failed
}

/// Pretty JSON with a trailing newline.
pub use super::output::json;
