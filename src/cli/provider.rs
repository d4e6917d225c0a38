//! `infraplan provider list|set`: the plan's cloud-provider configuration
//! (primary provider, regions, secondary regions, cost-allocation tags).
//! Writes go through the shared path in [`super::component`].

use std::fmt::Write as _;

use infraplan::plan::Plan;
use infraplan::planops::provider::{self as ops, ProviderSettings, parse_tag};

use super::component::{ListFormat, WriteArgs, edit_plan, read, refuse, serialise, table};
use super::init::ProviderArg;
use super::{CliError, Context, Outcome};

/// Arguments of `infraplan provider`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to do with the provider configuration.
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// List the providers the plan configures or runs components on.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Configure a provider under `providers`: region, primary, secondary regions, tags.
    Set(SetArgs),
}

/// Arguments of `provider set`.
#[derive(Debug, clap::Args)]
struct SetArgs {
    /// The provider to configure.
    #[arg(value_enum)]
    provider: ProviderArg,
    /// Its primary region, in its own spelling (`eastus`, `us-east-1`, `us-central1`).
    #[arg(long, value_name = "REGION")]
    region: Option<String>,
    /// Make it the plan's primary provider.
    #[arg(long)]
    primary: bool,
    /// Add a secondary region (for replicas and disaster recovery); repeatable.
    #[arg(long = "secondary-region", value_name = "REGION")]
    secondary_regions: Vec<String>,
    /// Set a cost-allocation tag applied to every resource; repeatable.
    #[arg(long = "tag", value_name = "KEY=VALUE")]
    tags: Vec<String>,
    /// Remove a cost-allocation tag; repeatable.
    #[arg(long = "untag", value_name = "KEY")]
    untag: Vec<String>,
    /// Write options.
    #[command(flatten)]
    write: WriteArgs,
}

/// Runs `infraplan provider …`.
pub fn run(context: &Context, args: &Args) -> Result<Outcome, CliError> {
    match &args.command {
        Command::List { format } => read(context, |loaded, _| Ok(list(&loaded.plan, *format))),
        Command::Set(set) => run_set(context, set),
    }
}

fn run_set(context: &Context, args: &SetArgs) -> Result<Outcome, CliError> {
    if args.region.is_none()
        && !args.primary
        && args.secondary_regions.is_empty()
        && args.tags.is_empty()
        && args.untag.is_empty()
    {
        return Err(CliError::Usage {
            message: "`provider set` needs something to set".to_owned(),
            help: Some(
                "pass --region, --primary, --secondary-region, --tag KEY=VALUE or --untag KEY"
                    .to_owned(),
            ),
        });
    }
    let mut tags = Vec::new();
    for text in &args.tags {
        match parse_tag(text) {
            Ok(tag) => tags.push(tag),
            Err(error) => return refuse(context, None, error),
        }
    }
    edit_plan(context, args.write, |source| {
        ops::set(
            source,
            &ProviderSettings {
                provider: args.provider.into(),
                region: args.region.as_deref(),
                primary: args.primary,
                secondary_regions: &args.secondary_regions,
                tags: &tags,
                untag: &args.untag,
            },
        )
    })
}

fn list(plan: &Plan, format: ListFormat) -> String {
    let rows = ops::summaries(plan);
    if format != ListFormat::Table {
        return serialise(&rows, format);
    }
    let mut out = table(&[
        "provider",
        "primary",
        "region",
        "secondary regions",
        "components",
    ]);
    for row in &rows {
        out.add_row([
            row.provider.clone(),
            if row.primary { "yes" } else { "" }.to_owned(),
            row.region.clone().unwrap_or_default(),
            row.secondary_regions.join(", "),
            row.components.join(", "),
        ]);
    }
    let mut text = format!("{out}\n");
    if let Some(providers) = &plan.providers
        && !providers.cost_allocation_tags.is_empty()
    {
        let tags: Vec<String> = providers
            .cost_allocation_tags
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        let _ = writeln!(text, "cost-allocation tags: {}", tags.join(", "));
    }
    text
}
