//! `infraplan fmt [--check]`: the opt-in normaliser (keys in schema order,
//! two-space indentation; see [`infraplan::planops::fmt`]). Never run by
//! any other command. `--check` writes nothing and exits 1, printing the
//! diff, when the plan is not normalised — for CI.

use infraplan::planops::fmt::normalise;

use super::component::{WriteArgs, refuse, write_text};
use super::loading::load_plan;
use super::{CliError, Context, Outcome, output};

/// Arguments of `infraplan fmt`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write nothing; exit 1 and print the diff if the plan is not normalised.
    #[arg(long, conflicts_with = "dry_run")]
    check: bool,
    /// Write options.
    #[command(flatten)]
    write: WriteArgs,
}

/// Runs `infraplan fmt`.
pub fn run(context: &Context, args: &Args) -> Result<Outcome, CliError> {
    let catalog = context.catalog()?;
    let Some(loaded) = load_plan(context, &catalog)? else {
        return Ok(Outcome::Failed);
    };
    let normalised = match normalise(&loaded.text) {
        Ok(text) => text,
        Err(error) => return refuse(context, Some(&loaded), error),
    };
    if normalised == loaded.text {
        if !context.quiet {
            ewriteln!("{}: already normalised", loaded.path);
        }
        return Ok(Outcome::Success);
    }
    if args.check {
        output::print(&infraplan::edit::unified_diff(
            &loaded.path,
            &loaded.text,
            &normalised,
        ))?;
        ewriteln!(
            "{}: not normalised; run `infraplan fmt` to rewrite it",
            loaded.path
        );
        return Ok(Outcome::Failed);
    }
    if !write_text(context, &loaded, &normalised, args.write)? {
        return Ok(Outcome::Failed);
    }
    if !context.quiet {
        let what = if args.write.dry_run {
            "would be normalised (not written)"
        } else {
            "normalised"
        };
        ewriteln!("{}: {what}", loaded.path);
    }
    Ok(Outcome::Success)
}
