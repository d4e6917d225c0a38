//! `infraplan catalog import`: reads price files the user downloaded from a
//! provider and writes table price files into a catalog directory. Decisions
//! about what to keep live in `infraplan::catalog::import`; this file opens
//! the files, writes the tables atomically and prints what it did.

use std::fmt::Write as _;

use camino::{Utf8Path, Utf8PathBuf};

use infraplan::catalog::Catalog;
use infraplan::catalog::import::{self, ImportError, Imported, Provenance};
use infraplan::catalog::pricing::Attributes;
use infraplan::engine::cost::pricebook::{sku_arch, sku_class, sku_shape};
use infraplan::plan::CloudProvider;

use super::init::ProviderArg;
use super::{CliError, Context, Outcome, output, render};

/// Arguments of `catalog import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Whose price files these are.
    #[arg(long, value_enum)]
    provider: ProviderArg,
    /// AWS: the offer the file must be (`AmazonEC2`, `AmazonRDS`, `AmazonElastiCache`).
    #[arg(long, value_name = "OFFER")]
    service: Option<String>,
    /// Azure: the date the pages were downloaded (`YYYY-MM-DD`); the API states none.
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// The catalog directory to write `pricing/<provider>/<region>/<service>.yaml` into.
    #[arg(long, value_name = "DIR")]
    out: Utf8PathBuf,
    /// Downloaded price files: one AWS offer file, or Azure Retail Prices API pages.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<Utf8PathBuf>,
}

/// Runs `catalog import`.
pub fn run(context: &Context, args: &ImportArgs) -> Result<Outcome, CliError> {
    let provider = CloudProvider::from(args.provider);
    let result = match provider {
        CloudProvider::Aws => import_aws(args),
        CloudProvider::Azure => import_azure(context, args),
        CloudProvider::Gcp => Err(usage(
            "importing GCP price files is not supported yet".to_owned(),
            Some("add GCP prices as table files by hand (catalog/pricing/README.md)".to_owned()),
        )
        .into()),
    };
    let (imported, provenance) = match result {
        Ok(found) => found,
        Err(Failure::Input(message)) => {
            render::report_error(usage(message, None), context.color);
            return Ok(Outcome::Failed);
        }
        Err(Failure::Cli(error)) => return Err(error),
    };
    let read = imported.read;
    let skipped = imported.skipped.clone();
    let tables = imported.into_tables(&provenance);
    if tables.is_empty() {
        render::report_error(
            usage(
                format!("none of the {read} records is a price infraplan uses"),
                Some("see docs/catalog.md for what each provider's import keeps".to_owned()),
            ),
            context.color,
        );
        return Ok(Outcome::Failed);
    }
    let mut summary = String::new();
    for table in &tables {
        let relative = import::table_path(table);
        let path = args.out.join(&relative);
        let comment = [
            format!(
                "{} list prices for {}, written by `infraplan catalog import`.",
                table.service, table.region
            ),
            format!("Source: {}.", provenance.source),
        ];
        let text = import::render_table(table, &comment);
        write(&path, &text)?;
        let _ = writeln!(summary, "{path}: {} prices", table.rows.len());
    }
    let kept: usize = tables.iter().map(|t| t.rows.len()).sum();
    let _ = writeln!(
        summary,
        "{kept} prices in {} files from {read} records (as of {}).",
        tables.len(),
        provenance.as_of
    );
    for (why, count) in &skipped {
        let _ = writeln!(summary, "  skipped {count}: {}", why.as_str());
    }
    let _ = writeln!(
        summary,
        "Check them with `infraplan catalog check --catalog {}`.",
        args.out
    );
    output::print(&summary)?;
    Ok(Outcome::Success)
}

enum Failure {
    /// The input file is not what it should be (exit 1).
    Input(String),
    /// Usage or I/O (exit 2).
    Cli(CliError),
}

impl From<CliError> for Failure {
    fn from(error: CliError) -> Self {
        Self::Cli(error)
    }
}

fn import_aws(args: &ImportArgs) -> Result<(Imported, Provenance), Failure> {
    let [file] = args.files.as_slice() else {
        return Err(usage(
            "AWS: give one offer file at a time".to_owned(),
            Some("run the command once per downloaded index.json".to_owned()),
        )
        .into());
    };
    let reader = open(file)?;
    let name = file.file_name().unwrap_or(file.as_str());
    match import::aws::import(reader, name, args.service.as_deref()) {
        Ok(found) => Ok((found.imported, found.provenance)),
        Err(error) => Err(input_failure(file, error)),
    }
}

fn import_azure(context: &Context, args: &ImportArgs) -> Result<(Imported, Provenance), Failure> {
    let Some(as_of) = &args.as_of else {
        return Err(usage(
            "Azure Retail Prices API pages state no date".to_owned(),
            Some("give the day you downloaded them: `--as-of YYYY-MM-DD`".to_owned()),
        )
        .into());
    };
    if infraplan::plan::quantity::parse_date(as_of).is_err() {
        return Err(usage(
            format!("`--as-of {as_of}` is not a date"),
            Some("write it as YYYY-MM-DD".to_owned()),
        )
        .into());
    }
    let catalog = context.catalog().map_err(CliError::from)?;
    let shape_of = |sku: &str| azure_shape(&catalog, sku);
    let mut imported = import::azure::new_import();
    for file in &args.files {
        let reader = open(file)?;
        import::azure::import_page(reader, &mut imported, &shape_of)
            .map_err(|error| input_failure(file, error))?;
    }
    let names: Vec<&str> = args
        .files
        .iter()
        .map(|f| f.file_name().unwrap_or(f.as_str()))
        .collect();
    let provenance = Provenance {
        source: format!(
            "Azure Retail Prices API (prices.azure.com/api/retail/prices), \
             downloaded {as_of}, imported from {}",
            names.join(", ")
        ),
        as_of: as_of.clone(),
    };
    Ok((imported, provenance))
}

/// vCPU, memory, class and architecture of an Azure SKU, where the catalog
/// knows the SKU; the Retail Prices API does not say.
fn azure_shape(catalog: &Catalog, sku: &str) -> Option<Attributes> {
    let (vcpu, memory) = sku_shape(catalog, sku, &[])?;
    Some(Attributes {
        vcpu: Some(vcpu),
        memory_gib: Some(memory),
        tier: sku_class(catalog, sku, &[]).map(str::to_owned),
        arch: sku_arch(catalog, sku).map(str::to_owned),
        ..Attributes::default()
    })
}

fn open(path: &Utf8Path) -> Result<std::fs::File, Failure> {
    std::fs::File::open(path).map_err(|source| {
        Failure::Cli(CliError::Io {
            action: "read",
            path: path.to_owned(),
            source,
        })
    })
}

fn input_failure(file: &Utf8Path, error: ImportError) -> Failure {
    match error {
        ImportError::Format(message) => Failure::Input(format!("{file}: {message}")),
        ImportError::Io(source) => Failure::Cli(CliError::Io {
            action: "read",
            path: file.to_owned(),
            source,
        }),
    }
}

fn write(path: &Utf8Path, text: &str) -> Result<(), CliError> {
    let io = |source| CliError::Io {
        action: "write",
        path: path.to_owned(),
        source,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    infraplan::store::fs::write_atomic(path, text.as_bytes()).map_err(io)
}

fn usage(message: String, help: Option<String>) -> CliError {
    CliError::Usage { message, help }
}
