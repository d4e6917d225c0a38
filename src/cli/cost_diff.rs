//! `infraplan cost diff` (being written).

use super::{CliError, Context, Outcome};

/// Arguments of `cost diff`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `cost diff`.
pub fn run(_context: &Context, _args: &Args) -> Result<Outcome, CliError> {
    Ok(Outcome::Failed)
}
