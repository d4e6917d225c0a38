//! `infraplan diagram`: the plan as a picture in a text format
//! (`engine::diagram` builds the model and renders each format).

use infraplan::engine::diagram::{self, DiagramKind};

use super::{CliError, Context, Outcome, loading, output};

/// Arguments of `infraplan diagram`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Which picture: modules and components, one environment's deployment, or network exposure.
    #[arg(long = "type", value_enum, default_value_t = KindArg::Hierarchy)]
    kind: KindArg,
    /// Environment a deployment diagram shows (default: the plan's first).
    #[arg(long, value_name = "NAME")]
    env: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Mermaid)]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum KindArg {
    /// Modules → components, grouped by provider and region.
    Hierarchy,
    /// Provider → region → components, clusters with node pools and workloads.
    Deployment,
    /// Internet, edge services, networks and subnets, what is exposed.
    Network,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// Mermaid flowchart (GitHub and GitLab render it in markdown).
    Mermaid,
    /// Graphviz DOT (`dot -Tsvg`).
    Dot,
    /// D2 (d2lang.com).
    D2,
    /// Boxes and arrows for the terminal.
    Text,
    /// The diagram model as JSON.
    Json,
}

/// Runs the command.
pub fn run(context: &Context, args: &Args) -> Result<Outcome, CliError> {
    let Some(inputs) = loading::EngineInputs::load(context)? else {
        return Ok(Outcome::Failed);
    };
    let engine = inputs.engine(context);
    let kind = match args.kind {
        KindArg::Hierarchy => DiagramKind::Hierarchy,
        KindArg::Deployment => DiagramKind::Deployment,
        KindArg::Network => DiagramKind::Network,
    };
    let built =
        diagram::build(&engine, kind, args.env.as_deref()).map_err(|error| CliError::Usage {
            message: error.to_string(),
            help: Some("pass one of the plan's environments, or leave --env out".to_owned()),
        })?;
    let text = match args.format {
        Format::Mermaid => diagram::mermaid::render(&built),
        Format::Dot => diagram::dot::render(&built),
        Format::D2 => diagram::d2::render(&built),
        Format::Text => diagram::text::render(&built),
        Format::Json => output::json(&built)?,
    };
    output::print(&text)?;
    Ok(Outcome::Success)
}
