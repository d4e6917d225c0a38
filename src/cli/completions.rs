//! `infraplan completions SHELL` and `infraplan man`, generated from the
//! clap definitions so they never drift from the real flags.

use clap::CommandFactory;

use super::{Cli, CliError, Outcome, output};

/// Arguments of `infraplan completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionArgs {
    /// Shell to generate completions for.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

/// Prints completions for the chosen shell.
pub fn completions(args: &CompletionArgs) -> Result<Outcome, CliError> {
    let mut buffer = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "infraplan", &mut buffer);
    output::print(&String::from_utf8_lossy(&buffer))?;
    Ok(Outcome::Success)
}

/// Prints the man page.
pub fn man() -> Result<Outcome, CliError> {
    let mut buffer = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut buffer)
        .map_err(|source| CliError::Io {
            action: "render",
            path: "<man page>".into(),
            source,
        })?;
    output::print(&String::from_utf8_lossy(&buffer))?;
    Ok(Outcome::Success)
}
