//! `infraplan init`: writes a commented starter plan, settings and schema.
//! Asks a few questions on a terminal; `--yes` takes the defaults. Never
//! overwrites a file.

use std::io::IsTerminal;

use camino::{Utf8Path, Utf8PathBuf};

use infraplan::plan::CloudProvider;
use infraplan::starter::{self, Answers};

use super::{CliError, Context, Outcome};

/// Arguments of `infraplan init`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Take the defaults without asking.
    #[arg(long, short)]
    yes: bool,
    /// Directory to write into.
    #[arg(long, value_name = "DIR", default_value = ".")]
    dir: Utf8PathBuf,
    /// System name (default: the directory's name).
    #[arg(long)]
    name: Option<String>,
    /// Primary provider.
    #[arg(long, value_enum)]
    provider: Option<ProviderArg>,
    /// Primary region (default: a common region of the provider).
    #[arg(long)]
    region: Option<String>,
    /// Currency (ISO 4217).
    #[arg(long, default_value = "USD")]
    currency: String,
}

/// A provider on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ProviderArg {
    /// Microsoft Azure.
    Azure,
    /// Amazon Web Services.
    Aws,
    /// Google Cloud.
    Gcp,
}

impl From<ProviderArg> for CloudProvider {
    fn from(value: ProviderArg) -> Self {
        match value {
            ProviderArg::Azure => Self::Azure,
            ProviderArg::Aws => Self::Aws,
            ProviderArg::Gcp => Self::Gcp,
        }
    }
}

/// Writes the starter files.
pub fn run(context: &Context, args: &Args) -> Result<Outcome, CliError> {
    let targets = [
        args.dir.join("infraplan.yaml"),
        args.dir.join("infraplan.toml"),
        args.dir.join("infraplan.schema.json"),
    ];
    if let Some(existing) = targets.iter().find(|p| p.exists()) {
        return Err(CliError::Usage {
            message: format!("`{existing}` already exists; init never overwrites files"),
            help: Some("move it away, or run init in another directory with --dir".to_owned()),
        });
    }
    let interactive =
        !args.yes && std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let answers = if interactive {
        ask(args)?
    } else {
        defaults(args)
    };
    if !answers.currency.chars().all(|c| c.is_ascii_uppercase()) || answers.currency.len() != 3 {
        return Err(CliError::Usage {
            message: format!("`{}` is not an ISO 4217 currency code", answers.currency),
            help: Some("use three capital letters, e.g. USD or EUR".to_owned()),
        });
    }
    std::fs::create_dir_all(&args.dir).map_err(|source| CliError::Io {
        action: "create",
        path: args.dir.clone(),
        source,
    })?;
    let contents = [
        starter::plan_text(&answers),
        starter::config_text(&answers),
        infraplan::schema::plan_schema_text(),
    ];
    for (path, text) in targets.iter().zip(contents) {
        create(path, &text)?;
        if !context.quiet {
            ewriteln!("wrote {path}");
        }
    }
    if !context.quiet {
        ewriteln!("next: edit infraplan.yaml, then run `infraplan validate`");
    }
    Ok(Outcome::Success)
}

fn create(path: &Utf8Path, text: &str) -> Result<(), CliError> {
    infraplan::store::fs::create_new(path, text.as_bytes()).map_err(|source| CliError::Io {
        action: "create",
        path: path.to_owned(),
        source,
    })
}

fn defaults(args: &Args) -> Answers {
    let provider = args
        .provider
        .map_or(CloudProvider::Azure, CloudProvider::from);
    Answers {
        name: args
            .name
            .clone()
            .unwrap_or_else(|| directory_name(&args.dir)),
        provider,
        region: args
            .region
            .clone()
            .unwrap_or_else(|| starter::default_region(provider).to_owned()),
        currency: args.currency.clone(),
    }
}

/// A plan name from the directory name, reduced to the id alphabet.
fn directory_name(dir: &Utf8Path) -> String {
    let absolute = std::fs::canonicalize(dir).ok();
    let name = absolute
        .as_deref()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .unwrap_or("my-system");
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let trimmed = cleaned.trim_matches('-');
    if trimmed.is_empty() {
        "my-system".to_owned()
    } else {
        trimmed.to_owned()
    }
}

fn ask(args: &Args) -> Result<Answers, CliError> {
    let fallback = defaults(args);
    let prompt_error = |error: dialoguer::Error| CliError::Usage {
        message: format!("could not read an answer: {error}"),
        help: Some("run `infraplan init --yes` to take the defaults".to_owned()),
    };
    let name: String = dialoguer::Input::new()
        .with_prompt("System name")
        .default(fallback.name.clone())
        .interact_text()
        .map_err(prompt_error)?;
    let providers = ["azure", "aws", "gcp"];
    let start = CloudProvider::ALL
        .iter()
        .position(|p| *p == fallback.provider)
        .unwrap_or(0);
    let choice = dialoguer::Select::new()
        .with_prompt("Primary cloud provider")
        .items(providers)
        .default(start)
        .interact()
        .map_err(prompt_error)?;
    let provider = CloudProvider::ALL[choice];
    let region: String = dialoguer::Input::new()
        .with_prompt("Primary region")
        .default(
            args.region
                .clone()
                .unwrap_or_else(|| starter::default_region(provider).to_owned()),
        )
        .interact_text()
        .map_err(prompt_error)?;
    let currency: String = dialoguer::Input::new()
        .with_prompt("Currency")
        .default(fallback.currency)
        .interact_text()
        .map_err(prompt_error)?;
    Ok(Answers {
        name,
        provider,
        region,
        currency,
    })
}
