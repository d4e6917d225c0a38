//! Project settings from `infraplan.toml`, found in the working directory or
//! the nearest parent. Relative paths in the file are relative to the file.

use camino::{Utf8Path, Utf8PathBuf};
use serde::Deserialize;

use crate::plan::CloudProvider;

/// The settings file name.
pub const FILE_NAME: &str = "infraplan.toml";

/// Default plan file name when neither flag nor settings name one.
pub const DEFAULT_PLAN: &str = "infraplan.yaml";

/// Contents of `infraplan.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Settings {
    /// Plan file.
    pub plan: Option<Utf8PathBuf>,
    /// Catalog override directory.
    pub catalog: Option<Utf8PathBuf>,
    /// Currency for new plans.
    pub currency: Option<String>,
    /// Directory of ADR markdown files.
    pub adr_dir: Option<Utf8PathBuf>,
    /// Directory generated IaC is written to.
    pub iac_out_dir: Option<Utf8PathBuf>,
    /// Default provider and regions.
    #[serde(default)]
    pub defaults: Defaults,
}

/// Default provider and regions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Defaults {
    /// Provider used when a plan names none.
    pub provider: Option<CloudProvider>,
    /// Region per provider.
    #[serde(default)]
    pub regions: crate::plan::PerProvider<String>,
}

/// Largest `infraplan.toml` read (settings are a few lines).
const MAX_SETTINGS_BYTES: usize = 1024 * 1024;

/// Settings together with where they were found.
#[derive(Debug, Clone, Default)]
pub struct Project {
    /// Directory holding `infraplan.toml` (the working directory when none).
    pub root: Utf8PathBuf,
    /// Path of the settings file, when one was found.
    pub file: Option<Utf8PathBuf>,
    /// Parsed settings.
    pub settings: Settings,
}

/// `infraplan.toml` could not be read or parsed.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ConfigError {
    /// Unreadable.
    #[error("cannot read `{path}`: {source}")]
    #[diagnostic(code(infraplan::config_io))]
    Io {
        /// The file.
        path: Utf8PathBuf,
        /// Cause.
        source: std::io::Error,
    },
    /// Not valid TOML or unknown keys.
    #[error("`{path}` is invalid: {message}")]
    #[diagnostic(
        code(infraplan::config_invalid),
        help(
            "valid keys: plan, catalog, currency, adr-dir, iac-out-dir, [defaults] provider, [defaults.regions] azure/aws/gcp"
        )
    )]
    Invalid {
        /// The file.
        path: Utf8PathBuf,
        /// What the parser said.
        message: String,
        /// The file text.
        #[source_code]
        source_code: miette::NamedSource<String>,
        /// Where.
        #[label("here")]
        span: Option<miette::SourceSpan>,
    },
}

impl Project {
    /// Finds and reads `infraplan.toml` from `start` upwards.
    pub fn discover(start: &Utf8Path) -> Result<Self, ConfigError> {
        for dir in start.ancestors() {
            let candidate = dir.join(FILE_NAME);
            if candidate.is_file() {
                return Self::read(&candidate);
            }
        }
        Ok(Self {
            root: start.to_owned(),
            file: None,
            settings: Settings::default(),
        })
    }

    /// Reads the settings file at `path`.
    pub fn read(path: &Utf8Path) -> Result<Self, ConfigError> {
        let io = |source| ConfigError::Io {
            path: path.to_owned(),
            source,
        };
        let bytes = crate::store::fs::read_limited(path, MAX_SETTINGS_BYTES).map_err(io)?;
        if bytes.len() > MAX_SETTINGS_BYTES {
            return Err(io(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("the file is larger than {MAX_SETTINGS_BYTES} bytes"),
            )));
        }
        let text = String::from_utf8(bytes).map_err(|_| {
            io(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "the file is not UTF-8 text",
            ))
        })?;
        let settings: Settings = toml::from_str(&text).map_err(|error| ConfigError::Invalid {
            path: path.to_owned(),
            message: error.message().to_owned(),
            span: error.span().map(|r| (r.start, r.end - r.start).into()),
            source_code: miette::NamedSource::new(path.as_str(), text.clone()),
        })?;
        Ok(Self {
            root: path
                .parent()
                .map_or_else(Utf8PathBuf::new, Utf8Path::to_owned),
            file: Some(path.to_owned()),
            settings,
        })
    }

    /// The plan path: the settings' `plan` (relative to the settings file), or `infraplan.yaml`.
    pub fn plan_path(&self) -> Utf8PathBuf {
        self.resolve(
            self.settings
                .plan
                .as_deref()
                .unwrap_or(Utf8Path::new(DEFAULT_PLAN)),
        )
    }

    /// The catalog override directory, when the settings name one.
    pub fn catalog_dir(&self) -> Option<Utf8PathBuf> {
        self.settings.catalog.as_deref().map(|p| self.resolve(p))
    }

    fn resolve(&self, path: &Utf8Path) -> Utf8PathBuf {
        if path.is_absolute() || self.root.as_str().is_empty() || self.root == "." {
            path.to_owned()
        } else {
            self.root.join(path)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_parse_and_reject_unknown_keys() {
        let settings: Settings = toml::from_str(
            "plan = \"plans/shop.yaml\"\nadr-dir = \"docs/adr\"\n[defaults]\nprovider = \"aws\"\n[defaults.regions]\naws = \"eu-west-1\"\n",
        )
        .unwrap();
        assert_eq!(
            settings.plan.as_deref(),
            Some(Utf8Path::new("plans/shop.yaml"))
        );
        assert_eq!(settings.defaults.provider, Some(CloudProvider::Aws));
        assert!(toml::from_str::<Settings>("plna = \"x\"").is_err());
    }
}
