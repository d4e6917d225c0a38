//! The catalog: technology facts (and, as engines arrive, prices, matrices
//! and templates) kept as YAML data in `catalog/`, compiled into the binary,
//! and overridable per team with `--catalog DIR`.
//!
//! Invariants: every built-in file parses and passes its schema (a test
//! lints them); an override file with the same relative path adds to or
//! replaces built-in entries by `id`, never silently drops one.

pub mod billing;
pub mod database;
pub mod import;
pub mod kubernetes;
pub mod lint;
pub mod managed;
pub mod matrix;
pub mod matrix_lint;
mod precompiled;
mod price_lint;
mod price_store;
pub mod price_table;
pub mod pricing;
pub mod regions;
pub mod selection;
pub mod sizing;

use camino::{Utf8Path, Utf8PathBuf};
use include_dir::{Dir, include_dir};

use crate::diag::Finding;
use crate::validate::structural;
use crate::yaml;
pub use database::DatabaseTechnology;

/// Path of the billing-rules file inside a catalog directory.
pub const BILLING_PATH: &str = "cost/billing.yaml";

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/catalog");

/// Where a catalog file came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Compiled into the binary.
    Builtin,
    /// Read from a `--catalog` directory.
    Override(Utf8PathBuf),
}

/// A catalog data file and its text (kept for diagnostics).
#[derive(Debug, Clone)]
pub struct CatalogFile {
    /// Path relative to the catalog root, e.g. `databases/relational.yaml`.
    pub path: String,
    /// Where it came from.
    pub origin: Origin,
    /// File contents.
    pub text: String,
}

impl CatalogFile {
    /// A name for messages: `builtin:databases/x.yaml` or the override path.
    pub fn display_name(&self) -> String {
        match &self.origin {
            Origin::Builtin => format!("catalog/{}", self.path),
            Origin::Override(dir) => dir.join(&self.path).to_string(),
        }
    }
}

/// A catalog entry with the file it came from.
#[derive(Debug, Clone)]
pub struct Entry<T> {
    /// The entry.
    pub item: T,
    /// Index into [`Catalog::files`].
    pub file: usize,
}

/// Largest catalog file read from a `--catalog` directory.
const MAX_CATALOG_FILE_BYTES: usize = 64 * 1024 * 1024;

/// The loaded catalog.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// Every data file read, built-in first.
    pub files: Vec<CatalogFile>,
    /// Database technologies, sorted by id.
    pub databases: Vec<Entry<DatabaseTechnology>>,
    /// Weights of the database-selection criteria.
    pub database_weights: selection::DatabaseWeightsFile,
    /// Instance families for naming recommended database sizes.
    pub database_tiers: sizing::DatabaseTiersFile,
    /// Technology-selection matrices (`matrices/<id>.yaml`), sorted by id.
    pub matrices: Vec<Entry<matrix::Matrix>>,
    /// List prices of each pricing file (by index into `files`), parsed on
    /// first use: most commands need none, a cost command one region's.
    parsed_prices: Vec<std::sync::OnceLock<Vec<pricing::PriceEntry>>>,
    /// The pricing files and where each sits, in catalog order.
    price_files: Vec<price_store::PriceFile>,
    /// Every list price, merged, for the commands that list them all.
    all_prices: std::sync::OnceLock<Vec<Entry<pricing::PriceEntry>>>,
    /// Billing rules (`cost/billing.yaml`), read on first use through
    /// [`Catalog::billing`].
    billing: std::sync::OnceLock<billing::BillingFile>,
    /// Region locations, read on first use through [`Catalog::locations`].
    locations: std::sync::OnceLock<regions::LocationsFile>,
    /// Managed database services' settings, read on first use through
    /// [`Catalog::managed_services`].
    managed_services: std::sync::OnceLock<managed::ManagedServicesFile>,
    node_sizing: std::sync::OnceLock<kubernetes::NodeSizingFile>,
}

/// A catalog that cannot be used.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum CatalogError {
    /// The override directory could not be read.
    #[error("cannot read catalog directory `{path}`: {source}")]
    #[diagnostic(
        code(infraplan::catalog_io),
        help("check the path given to --catalog or `catalog` in infraplan.toml")
    )]
    Io {
        /// Directory or file.
        path: Utf8PathBuf,
        /// Cause.
        source: std::io::Error,
    },
    /// A catalog file is invalid.
    #[error("catalog file `{file}` is invalid: {message}")]
    #[diagnostic(
        code(infraplan::catalog_invalid),
        help("run `infraplan catalog check` for every problem with its position")
    )]
    Invalid {
        /// File name.
        file: String,
        /// First problem.
        message: String,
    },
}

impl Catalog {
    /// Loads the built-in catalog, then applies `overrides` when given.
    pub fn load(overrides: Option<&Utf8Path>) -> Result<Self, CatalogError> {
        let (catalog, problems) = Self::load_files(overrides, false)?;
        if let Some((file, finding)) = problems.into_iter().next() {
            return Err(CatalogError::Invalid {
                file: catalog.files[file].display_name(),
                message: finding.message,
            });
        }
        // Override price files are parsed lazily like the built-in ones, so
        // check them now: a broken or negative override price must stop the
        // command, not be skipped or used.
        if overrides.is_some()
            && let Some((file, finding)) = price_lint::first_override_problem(&catalog)
        {
            return Err(CatalogError::Invalid {
                file,
                message: finding.message,
            });
        }
        Ok(catalog)
    }

    /// Loads like [`Catalog::load`] but returns every problem found in the
    /// data files (file index, finding) instead of failing on the first.
    pub fn load_with_findings(
        overrides: Option<&Utf8Path>,
    ) -> Result<(Self, Vec<(usize, Finding)>), CatalogError> {
        Self::load_files(overrides, true)
    }

    /// Loads the catalog; `strict` checks built-in files against their
    /// schema too (the lint does; commands trust them, since the test suite
    /// lints every built-in file and that saves most of the start-up time).
    fn load_files(
        overrides: Option<&Utf8Path>,
        strict: bool,
    ) -> Result<(Self, Vec<(usize, Finding)>), CatalogError> {
        let mut files = builtin_files();
        if let Some(dir) = overrides {
            files.extend(override_files(dir)?);
        }
        let parsed_prices = files.iter().map(|_| std::sync::OnceLock::new()).collect();
        let price_files = price_store::index_price_files(&files);
        let mut catalog = Self {
            files,
            databases: Vec::new(),
            database_weights: selection::DatabaseWeightsFile::default(),
            database_tiers: sizing::DatabaseTiersFile::default(),
            matrices: Vec::new(),
            price_files,
            parsed_prices,
            all_prices: std::sync::OnceLock::new(),
            billing: std::sync::OnceLock::new(),
            locations: std::sync::OnceLock::new(),
            managed_services: std::sync::OnceLock::new(),
            node_sizing: std::sync::OnceLock::new(),
        };
        let mut problems = Vec::new();
        for index in 0..catalog.files.len() {
            if let Err(findings) = catalog.absorb(index, strict) {
                problems.extend(findings.into_iter().map(|f| (index, f)));
            }
        }
        catalog.databases.sort_by(|a, b| a.item.id.cmp(&b.item.id));
        catalog.matrices.sort_by(|a, b| a.item.id.cmp(&b.item.id));
        Ok((catalog, problems))
    }

    /// Parses file `index` and merges its entries.
    fn absorb(&mut self, index: usize, strict: bool) -> Result<(), Vec<Finding>> {
        let file = &self.files[index];
        if !is_yaml(&file.path) {
            return Ok(());
        }
        if file.path.starts_with("databases/") {
            let parsed: database::DatabaseCatalogFile = parse_file(file, strict)?;
            for item in parsed.technologies {
                upsert(&mut self.databases, Entry { item, file: index }, |t| &t.id);
            }
        } else if file.path.starts_with("pricing/") {
            // Checked here only by the lint; commands parse prices lazily.
            if strict {
                price_store::parse_price_file(file, strict)?;
            }
        } else if file.path == BILLING_PATH {
            // Checked here only by the lint; cost commands parse it lazily.
            if strict {
                parse_file::<billing::BillingFile>(file, strict)?;
            }
        } else if file.path == regions::LOCATIONS_PATH {
            if strict {
                parse_file::<regions::LocationsFile>(file, strict)?;
            }
        } else if file.path == managed::MANAGED_SERVICES_PATH {
            if strict {
                parse_file::<managed::ManagedServicesFile>(file, strict)?;
            }
        } else if file.path == kubernetes::NODE_SIZING_PATH {
            if strict {
                parse_file::<kubernetes::NodeSizingFile>(file, strict)?;
            }
        } else if file.path == "sizing/database-tiers.yaml" {
            // Like the weights, an override replaces the built-in table whole.
            self.database_tiers = parse_file(file, strict)?;
        } else if file.path.starts_with("matrices/") {
            let item: matrix::Matrix = parse_file(file, strict)?;
            upsert(&mut self.matrices, Entry { item, file: index }, |m| &m.id);
        } else if file.path == "selection/database-weights.yaml" {
            // A later file (an override) replaces the built-in weights whole.
            self.database_weights = parse_file(file, strict)?;
        }
        Ok(())
    }

    /// Billing rules: the last `cost/billing.yaml` that parses (an override
    /// replaces the built-in table whole). Parsed on first call; an override
    /// that does not parse is skipped, so the built-in rules apply, and
    /// `catalog check` reports it.
    pub fn billing(&self) -> &billing::BillingFile {
        self.billing.get_or_init(|| self.last_parsed(BILLING_PATH))
    }

    /// Region locations: the last `regions/locations.yaml` that parses (an
    /// override replaces the built-in list whole).
    pub fn locations(&self) -> &regions::LocationsFile {
        self.locations
            .get_or_init(|| self.last_parsed(regions::LOCATIONS_PATH))
    }

    /// Managed database services' settings: the last
    /// `dbconfig/managed-services.yaml` that parses (an override replaces the
    /// built-in list whole).
    pub fn managed_services(&self) -> &managed::ManagedServicesFile {
        self.managed_services
            .get_or_init(|| self.last_parsed(managed::MANAGED_SERVICES_PATH))
    }

    /// Kubernetes node-sizing facts: the last `kubernetes/node-sizing.yaml`
    /// that parses (an override replaces the built-in file whole).
    pub fn node_sizing(&self) -> &kubernetes::NodeSizingFile {
        self.node_sizing
            .get_or_init(|| self.last_parsed(kubernetes::NODE_SIZING_PATH))
    }

    /// The last file at `path` that parses (an override replaces the
    /// built-in file whole); the default when none does, since `catalog
    /// check` reports the broken one.
    fn last_parsed<T>(&self, path: &str) -> T
    where
        T: serde::de::DeserializeOwned + schemars::JsonSchema + Default,
    {
        self.files
            .iter()
            .rev()
            .filter(|file| file.path == path)
            .find_map(|file| parse_file::<T>(file, false).ok())
            .unwrap_or_default()
    }

    /// The database technology with this id.
    pub fn database(&self, id: &str) -> Option<&DatabaseTechnology> {
        self.databases.iter().map(|e| &e.item).find(|t| t.id == id)
    }

    /// The technology-selection matrix with this id.
    pub fn matrix(&self, id: &str) -> Option<&matrix::Matrix> {
        self.matrices.iter().map(|e| &e.item).find(|m| m.id == id)
    }

    /// All database technology ids, sorted.
    pub fn database_ids(&self) -> impl Iterator<Item = &str> {
        self.databases.iter().map(|e| e.item.id.as_str())
    }
}

/// Whether a catalog path names a YAML data file.
pub(crate) fn is_yaml(path: &str) -> bool {
    Utf8Path::new(path).extension() == Some("yaml")
}

/// Replaces the entry with the same id, or appends. Technologies and
/// matrices number in the tens, so a linear search is the simple choice;
/// prices use a map (see `price_store`).
fn upsert<T>(entries: &mut Vec<Entry<T>>, entry: Entry<T>, id: impl Fn(&T) -> &String) {
    match entries.iter_mut().find(|e| id(&e.item) == id(&entry.item)) {
        Some(existing) => *existing = entry,
        None => entries.push(entry),
    }
}

/// Parses a catalog file: fully checked when `strict` or when it comes from
/// a `--catalog` directory; built-in files are trusted otherwise.
fn parse_file<T>(file: &CatalogFile, strict: bool) -> Result<T, Vec<Finding>>
where
    T: serde::de::DeserializeOwned + schemars::JsonSchema,
{
    if strict || file.origin != Origin::Builtin {
        return parse_checked(&file.text);
    }
    if let Some(json) = precompiled::json_of(&file.path) {
        return serde_json::from_str(json).map_err(|e| {
            vec![Finding::new(
                crate::diag::Code::YamlSyntax,
                format!("built-in catalog file does not read as its type: {e}"),
                crate::yaml::Span::default(),
                "here",
            )]
        });
    }
    yaml::from_str_trusted(&file.text).map_err(|e| {
        vec![Finding::new(
            crate::diag::Code::YamlSyntax,
            e.message,
            e.span,
            "here",
        )]
    })
}

/// Parses YAML text, checks it against `T`'s schema and deserialises it.
pub fn parse_checked<T>(text: &str) -> Result<T, Vec<Finding>>
where
    T: serde::de::DeserializeOwned + schemars::JsonSchema,
{
    let tree = yaml::parse(text).map_err(|e| {
        vec![Finding::new(
            crate::diag::Code::YamlSyntax,
            e.message,
            e.span,
            "here",
        )]
    })?;
    let schema = schemars::generate::SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>()
        .to_value();
    let findings = structural::check_document(&tree, &schema, &schema, "the file");
    if !findings.is_empty() {
        return Err(findings);
    }
    serde_json::from_value(tree.to_json()).map_err(|e| {
        vec![Finding::new(
            crate::diag::Code::WrongType,
            e.to_string(),
            tree.span,
            "here",
        )]
    })
}

fn builtin_files() -> Vec<CatalogFile> {
    let mut files = Vec::new();
    collect_builtin(&BUILTIN, &mut files);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

fn collect_builtin(dir: &Dir<'static>, out: &mut Vec<CatalogFile>) {
    for file in dir.files() {
        if let (Some(path), Some(text)) = (file.path().to_str(), file.contents_utf8()) {
            out.push(CatalogFile {
                path: path.to_owned(),
                origin: Origin::Builtin,
                text: text.to_owned(),
            });
        }
    }
    for sub in dir.dirs() {
        collect_builtin(sub, out);
    }
}

fn override_files(root: &Utf8Path) -> Result<Vec<CatalogFile>, CatalogError> {
    let io = |path: &Utf8Path| {
        let path = path.to_owned();
        move |source| CatalogError::Io { path, source }
    };
    let mut files = Vec::new();
    let mut pending = vec![root.to_owned()];
    while let Some(dir) = pending.pop() {
        for entry in dir.read_dir_utf8().map_err(io(&dir))? {
            let entry = entry.map_err(io(&dir))?;
            let path = entry.path().to_owned();
            if entry.file_type().map_err(io(&path))?.is_dir() {
                pending.push(path);
            } else if path.extension() == Some("yaml") {
                let bytes = crate::store::fs::read_limited(&path, MAX_CATALOG_FILE_BYTES)
                    .map_err(io(&path))?;
                let text = (bytes.len() <= MAX_CATALOG_FILE_BYTES)
                    .then(|| String::from_utf8(bytes).ok())
                    .flatten()
                    .ok_or_else(|| {
                        io(&path)(std::io::Error::new(
                            std::io::ErrorKind::InvalidData,
                            format!("not UTF-8 text of at most {MAX_CATALOG_FILE_BYTES} bytes"),
                        ))
                    })?;
                let relative = path
                    .strip_prefix(root)
                    .unwrap_or(&path)
                    .as_str()
                    .replace('\\', "/");
                files.push(CatalogFile {
                    path: relative,
                    origin: Origin::Override(root.to_owned()),
                    text,
                });
            }
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}
