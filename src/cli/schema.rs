//! `infraplan schema`: the plan's JSON Schema on stdout (or into a file).

use camino::Utf8PathBuf;

use super::{CliError, Outcome, output};

/// Arguments of `infraplan schema`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write the schema to this file instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    output: Option<Utf8PathBuf>,
}

/// Prints or writes the schema.
pub fn run(args: &Args) -> Result<Outcome, CliError> {
    let text = infraplan::schema::plan_schema_text();
    match &args.output {
        None => output::print(&text)?,
        Some(path) => {
            infraplan::store::fs::write_atomic(path, text.as_bytes()).map_err(|source| {
                CliError::Io {
                    action: "write",
                    path: path.clone(),
                    source,
                }
            })?;
        }
    }
    Ok(Outcome::Success)
}
