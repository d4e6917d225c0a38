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
    if let Some(env) = &args.env
        && !loaded
            .plan
            .environments
            .iter()
            .any(|e| e.name.as_str() == env)
    {
        let known: Vec<&str> = loaded
            .plan
            .environments
            .iter()
            .map(|e| e.name.as_str())
            .collect();
        return Err(CliError::Usage {
            message: format!("the plan has no environment `{env}`"),
            help: Some(if known.is_empty() {
                "the plan defines no environments; leave --env out".to_owned()
            } else {
                format!("environments: {}", known.join(", "))
            }),
        });
    }
    let engine = inputs.engine(context);
    let clusters =
        k8s::size(&engine, args.component.as_deref(), args.env.as_deref()).map_err(|error| {
            CliError::Usage {
                message: error.to_string(),
                help: Some("`infraplan component list` shows the plan's components".to_owned()),
            }
        })?;
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
    if let Some(wanted) = &args.component {
        // The same check and message as `k8s size`.
        k8s::size(&engine, Some(wanted), None).map_err(|error| CliError::Usage {
            message: error.to_string(),
            help: Some("`infraplan component list` shows the plan's components".to_owned()),
        })?;
    }
    let (files, findings) = k8s::manifests::manifests(&engine, args.component.as_deref());
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
            let changes: Vec<infraplan::store::changeset::Change> = files
                .iter()
                .map(|f| {
                    let path = dir.join(&f.path);
                    match std::fs::read(&path) {
                        Ok(before) => infraplan::store::changeset::Change {
                            path,
                            before: Some(before),
                            after: Some(f.text.clone()),
                        },
                        Err(_) => infraplan::store::changeset::Change::create(path, f.text.clone()),
                    }
                })
                .collect();
            let mut dirs: Vec<camino::Utf8PathBuf> = changes
                .iter()
                .filter_map(|c| c.path.parent().map(camino::Utf8Path::to_owned))
                .collect();
            dirs.sort();
            dirs.dedup();
            let dir_refs: Vec<&camino::Utf8Path> =
                dirs.iter().map(camino::Utf8PathBuf::as_path).collect();
            let locks =
                infraplan::store::Locks::acquire(&dir_refs).map_err(|source| CliError::Io {
                    action: "lock",
                    path: dir.clone(),
                    source,
                })?;
            locks.commit(&changes).map_err(super::adr::commit_error)?;
            if !context.quiet {
                ewriteln!("wrote {} file(s) under {dir}", changes.len());
            }
        }
    }
    Ok(Outcome::Success)
}
