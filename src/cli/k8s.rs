//! `infraplan k8s size`: node sizing for the plan's Kubernetes clusters
//! (`engine::k8s`); renderers in `k8s_report.rs`.

use infraplan::diag::Severity;
use infraplan::engine::k8s;

use super::{CliError, Context, Outcome, loading, output};

/// `infraplan k8s` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Nodes each pool needs for its workloads, allocatable per node, the resource calculator and the cost.
    Size(SizeArgs),
    /// Deployment, Service, HorizontalPodAutoscaler and PodDisruptionBudget for each workload, as YAML.
    Manifests(ManifestArgs),
}

/// Arguments of `k8s manifests`.
#[derive(Debug, clap::Args)]
pub struct ManifestArgs {
    /// Only this container_cluster component.
    #[arg(long, value_name = "ID")]
    component: Option<String>,
    /// Write one file per workload under DIR (`<cluster>/<workload>.yaml`) instead of one stream on stdout.
    #[arg(long, value_name = "DIR")]
    out: Option<camino::Utf8PathBuf>,
}

/// Arguments of `k8s size`.
#[derive(Debug, clap::Args)]
pub struct SizeArgs {
    /// Only this container_cluster component.
    #[arg(long, value_name = "ID")]
    component: Option<String>,
    /// Size the cluster as it runs in this environment (its overrides applied).
    #[arg(long, value_name = "NAME")]
    env: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// Formats of `k8s size`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Tables for a terminal.
    Table,
    /// Everything, as JSON.
    Json,
    /// Markdown tables.
    Markdown,
}

/// Runs the command.
pub fn run(context: &Context, command: &Command) -> Result<Outcome, CliError> {
    let args = match command {
        Command::Size(args) => args,
        Command::Manifests(args) => return manifests(context, args),
    };
    let Some(inputs) = loading::EngineInputs::load(context)? else {
        return Ok(Outcome::Failed);
    };
    let loaded = &inputs.loaded;
    inputs.check_environment(args.env.as_deref())?;
    let engine = inputs.engine(context);
    let clusters = k8s::size(&engine, args.component.as_deref(), args.env.as_deref())
        .map_err(unknown_cluster)?;
    if clusters.is_empty() {
        ewriteln!(
            "{} has no container_cluster components with a `kubernetes` section",
            loaded.path
        );
        return Ok(Outcome::Success);
    }
    let text = match args.format {
        Format::Table => super::k8s_report::table(&clusters),
        Format::Markdown => super::k8s_report::markdown(&clusters),
        Format::Json => output::json(&clusters)?,
    };
    output::print(&text)?;
    let errors = clusters
        .iter()
        .flat_map(|c| &c.findings)
        .any(|f| f.severity == Severity::Error);
    Ok(if errors {
        Outcome::Failed
    } else {
        Outcome::Success
    })
}

fn manifests(context: &Context, args: &ManifestArgs) -> Result<Outcome, CliError> {
    let Some(inputs) = loading::EngineInputs::load(context)? else {
        return Ok(Outcome::Failed);
    };
    let engine = inputs.engine(context);
    let (files, findings) =
        k8s::manifests::manifests(&engine, args.component.as_deref()).map_err(unknown_cluster)?;
    for finding in &findings {
        ewriteln!(
            "{}[{}] {}: {}",
            finding.severity,
            finding.code,
            finding.subject,
            finding.message
        );
    }
    match &args.out {
        None => {
            let stream: Vec<&str> = files.iter().map(|f| f.text.as_str()).collect();
            output::print(&stream.join("---\n"))?;
        }
        Some(dir) => {
            let count = files.len();
            infraplan::store::write_generated_all(
                files
                    .into_iter()
                    .map(|f| (dir.join(&f.path), f.text))
                    .collect(),
            )
            .map_err(super::adr::commit_error)?;
            if !context.quiet {
                ewriteln!("wrote {count} file(s) under {dir}");
            }
        }
    }
    Ok(Outcome::Success)
}

#[allow(
    clippy::needless_pass_by_value,
    reason = "used as `map_err(unknown_cluster)`"
)]
fn unknown_cluster(error: k8s::SizeError) -> CliError {
    CliError::Usage {
        message: error.to_string(),
        help: Some("`infraplan component list` shows the plan's components".to_owned()),
    }
}
