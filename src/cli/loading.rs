//! Reading the plan a command works on: read, decode, validate; on findings,
//! print them like `validate` does and let the command exit 1.

use camino::{Utf8Path, Utf8PathBuf};

use infraplan::catalog::Catalog;
use infraplan::diag::Severity;
use infraplan::plan::Plan;
use infraplan::validate::{decode, validate};

use super::{CliError, Context, render};

/// A plan that validated, with the bytes it was read from (for safe writes).
pub struct LoadedPlan {
    /// Where it was read from.
    pub path: Utf8PathBuf,
    /// The exact bytes read.
    pub bytes: Vec<u8>,
    /// The text.
    pub text: String,
    /// The typed plan.
    pub plan: Plan,
}

/// Reads a file's bytes, mapping failures to an I/O error naming the file.
pub fn read_bytes(path: &Utf8Path) -> Result<Vec<u8>, CliError> {
    // At most the plan limit plus one byte: `decode` reports a larger file.
    infraplan::store::fs::read_limited(path, infraplan::validate::MAX_PLAN_BYTES).map_err(
        |source| CliError::Io {
            action: "read",
            path: path.to_owned(),
            source,
        },
    )
}

/// Reads a UTF-8 text file.
pub fn read_file(path: &Utf8Path) -> Result<String, CliError> {
    let bytes = read_bytes(path)?;
    String::from_utf8(bytes).map_err(|_| CliError::Usage {
        message: format!("`{path}` is not UTF-8 text"),
        help: Some("save the file as UTF-8".to_owned()),
    })
}

/// Loads and validates the context's plan. Returns `None` after printing the
/// findings when the plan has errors; warnings are printed and tolerated.
pub fn load_plan(context: &Context, catalog: &Catalog) -> Result<Option<LoadedPlan>, CliError> {
    let path = context.plan_path();
    let bytes = read_bytes(&path)?;
    let text = match decode(&bytes) {
        Ok(text) => text.to_owned(),
        Err(finding) => {
            let lossy = String::from_utf8_lossy(&bytes);
            ewrite!(
                "{}",
                render::human(path.as_str(), &lossy, &finding, context.color)
            );
            return Ok(None);
        }
    };
    let validation = validate(&text, catalog);
    let errors = validation
        .findings
        .iter()
        .any(|f| f.severity == Severity::Error);
    if errors {
        let renderer = render::HumanRenderer::new(path.as_str(), &text, context.color);
        for finding in &validation.findings {
            ewrite!("{}", renderer.render(finding));
        }
        ewriteln!("{path}: invalid; fix the errors above (see `infraplan validate`)");
        return Ok(None);
    }
    match validation.plan {
        Some(plan) => Ok(Some(LoadedPlan {
            path,
            bytes,
            text,
            plan,
        })),
        None => Ok(None),
    }
}

/// What an engine command needs: the catalog, the validated plan and
/// today's date, loaded once, lent to the engines as their context.
pub struct EngineInputs {
    /// The catalog with overrides.
    pub catalog: Catalog,
    /// The validated plan.
    pub loaded: LoadedPlan,
    /// Today (`SOURCE_DATE_EPOCH` in reproducible runs).
    pub today: String,
}

impl EngineInputs {
    /// Loads the catalog and the plan; `None` when the plan is invalid
    /// (its findings were printed).
    pub fn load(context: &Context) -> Result<Option<Self>, CliError> {
        let catalog = context.catalog()?;
        let Some(loaded) = load_plan(context, &catalog)? else {
            return Ok(None);
        };
        Ok(Some(Self {
            catalog,
            loaded,
            today: super::clock::today(),
        }))
    }

    /// Refuses an `--env` the plan does not define, naming the ones it does.
    pub fn check_environment(&self, env: Option<&str>) -> Result<(), CliError> {
        let plan = &self.loaded.plan;
        let Some(env) = env.filter(|e| !plan.environments.iter().any(|x| x.name.as_str() == *e))
        else {
            return Ok(());
        };
        let known: Vec<&str> = plan.environments.iter().map(|e| e.name.as_str()).collect();
        Err(CliError::Usage {
            message: format!("the plan has no environment `{env}`"),
            help: Some(if known.is_empty() {
                "the plan defines no environments; leave --env out".to_owned()
            } else {
                format!("environments: {}", known.join(", "))
            }),
        })
    }

    /// The engines' context.
    pub fn engine<'a>(&'a self, context: &'a Context) -> infraplan::engine::Context<'a> {
        infraplan::engine::Context {
            plan: &self.loaded.plan,
            catalog: &self.catalog,
            defaults: &context.project.settings.defaults,
            today: &self.today,
        }
    }
}
