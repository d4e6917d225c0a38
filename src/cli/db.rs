//! `infraplan db config`: engine-specific configuration for a database, from
//! a plan component (`--plan P --component ID`), from flags, or both (flags
//! win). Reads flags and the plan, calls `engine::dbconfig`, and prints the
//! result as the engine's config file, `ALTER SYSTEM` statements, JSON or a
//! table.

use std::fmt::Write as _;

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use serde_json::{Map, Value};

use infraplan::diag::did_you_mean;
use infraplan::engine::dbconfig::{
    self, DataSize, DbConfig, Engine, InputError, Memory, Os, Request, Role, Storage, Workload,
    render,
};
use infraplan::plan::{ComponentType, Plan};

use super::{CliError, Context, Outcome, loading, output};

/// `infraplan db` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Engine configuration (PostgreSQL, MySQL, MongoDB, Redis, Elasticsearch).
    Config(ConfigArgs),
}

/// Arguments of `infraplan db config`.
#[derive(Debug, clap::Args)]
pub struct ConfigArgs {
    /// Database component of the plan (`--plan`) to read technology, sizing and criteria from.
    #[arg(long, value_name = "ID")]
    component: Option<String>,
    /// Engine to configure (overrides the component's technology).
    #[arg(long, value_enum)]
    engine: Option<EngineArg>,
    /// Memory of one server: a whole number and MB, GB or TB, e.g. `16GB`.
    #[arg(long, value_name = "SIZE", value_parser = parse_memory)]
    memory: Option<Memory>,
    /// Logical CPUs of one server (threads per core × cores × sockets).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=999_999))]
    cpus: Option<u32>,
    /// Peak client connections (PostgreSQL: 20 or more; default by workload).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=999_999))]
    connections: Option<u32>,
    /// Storage class of the data volume (default ssd).
    #[arg(long, value_enum)]
    storage: Option<StorageArg>,
    /// Kind of application, PGTune's types (default web).
    #[arg(long, value_enum)]
    workload: Option<WorkloadArg>,
    /// PostgreSQL major version, 10 to 18 (default 18).
    #[arg(long, value_name = "VERSION", value_parser = clap::value_parser!(u32).range(10..=18))]
    pg_version: Option<u32>,
    /// Operating system of the server (default linux).
    #[arg(long, value_enum)]
    os: Option<OsArg>,
    /// Total data compared with RAM (default mid_ram, or from --data-gb).
    #[arg(long, value_enum)]
    data_size: Option<DataSizeArg>,
    /// Total data in GB: Elasticsearch shard count, MongoDB sharding, PostgreSQL data size.
    #[arg(long, value_name = "GB", value_parser = clap::value_parser!(u64).range(0..=1_000_000_000))]
    data_gb: Option<u64>,
    /// What a Redis instance is for (default cache, or from the plan's choices).
    #[arg(long, value_enum)]
    role: Option<RoleArg>,
    /// Whether high availability is required (`--ha` alone means true).
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true")]
    ha: Option<bool>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Conf)]
    format: Format,
}

/// Output format of `db config`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// The engine's config file: postgresql.conf, my.cnf, mongod.conf, redis.conf, elasticsearch.yml.
    Conf,
    /// PostgreSQL only: `ALTER SYSTEM SET` statements.
    AlterSystem,
    /// `{"engine", "parameters", "warnings"}` (and `cluster` where the engine has one).
    Json,
    /// Terminal table.
    Table,
}

/// Engine, as on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum EngineArg {
    /// PostgreSQL (also TimescaleDB, pgvector), tuned like PGTune.
    Postgresql,
    /// MySQL / InnoDB (also MariaDB).
    Mysql,
    /// MongoDB / WiredTiger.
    Mongodb,
    /// Redis.
    Redis,
    /// Elasticsearch (also OpenSearch).
    Elasticsearch,
}

/// Storage class, as PGTune names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum StorageArg {
    /// Spinning disks.
    Hdd,
    /// SSD.
    Ssd,
    /// Network storage (SAN, provisioned-IOPS volumes).
    San,
    /// Local NVMe drives.
    Nvme,
}

/// Kind of application, as PGTune names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum WorkloadArg {
    /// Web application.
    Web,
    /// Online transaction processing.
    Oltp,
    /// Data warehouse.
    Dw,
    /// Desktop application.
    Desktop,
    /// Mixed transactional and analytical.
    Mixed,
}

/// Operating system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum OsArg {
    /// Linux.
    Linux,
    /// Windows.
    Windows,
    /// macOS.
    Mac,
}

/// Total data compared with RAM.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum DataSizeArg {
    /// Less than RAM.
    #[value(name = "less_ram")]
    Less,
    /// One to three times RAM.
    #[value(name = "mid_ram")]
    Mid,
    /// More than three times RAM.
    #[value(name = "greater_ram")]
    Greater,
}

/// What a Redis instance is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum RoleArg {
    /// A cache: evict least-recently-used keys, no persistence.
    Cache,
    /// The primary store: never evict, AOF and snapshots.
    Primary,
}

fn parse_memory(text: &str) -> Result<Memory, String> {
    Memory::parse(text).map_err(|error| format!("{error}; {}", error.help()))
}

/// Runs a `db` subcommand.
pub fn run(context: &Context, command: &Command) -> Result<Outcome, CliError> {
    match command {
        Command::Config(args) => config(context, args),
    }
}

fn config(context: &Context, args: &ConfigArgs) -> Result<Outcome, CliError> {
    let config = if let Some(id) = &args.component {
        let Some(config) = component_config(context, id, args.request())? else {
            return Ok(Outcome::Failed);
        };
        config
    } else {
        let input = args.request().resolve().map_err(|error| usage(&error))?;
        dbconfig::configure(&input)
    };
    if args.format == Format::AlterSystem && config.engine != Engine::Postgresql {
        return Err(CliError::Usage {
            message: format!(
                "`--format alter-system` is for PostgreSQL, not {}",
                config.engine.display_name()
            ),
            help: Some("use `--format conf`, `json` or `table`".to_owned()),
        });
    }
    output::print(&format(&config, args.format)?)?;
    Ok(Outcome::Success)
}

impl ConfigArgs {
    /// The flags as a request layered over the component.
    fn request(&self) -> Request {
        Request {
            engine: self.engine.map(Into::into),
            memory: self.memory,
            cpus: self.cpus,
            connections: self.connections,
            storage: self.storage.map(Into::into),
            workload: self.workload.map(Into::into),
            pg_version: self.pg_version.map(|v| v.to_string()),
            os: self.os.map(Into::into),
            data_size: self.data_size.map(Into::into),
            data_gb: self.data_gb,
            role: self.role.map(Into::into),
            high_availability: self.ha,
            ..Request::default()
        }
    }
}

/// Maps a command-line enum onto the library's, variant by variant.
macro_rules! map_enum {
    ($from:ident => $to:ident { $($a:ident => $b:ident),+ $(,)? }) => {
        impl From<$from> for $to {
            fn from(value: $from) -> Self {
                match value {
                    $($from::$a => $to::$b),+
                }
            }
        }
    };
}

map_enum!(EngineArg => Engine {
    Postgresql => Postgresql,
    Mysql => Mysql,
    Mongodb => Mongodb,
    Redis => Redis,
    Elasticsearch => Elasticsearch,
});
map_enum!(StorageArg => Storage { Hdd => Hdd, Ssd => Ssd, San => San, Nvme => Nvme });
map_enum!(WorkloadArg => Workload {
    Web => Web,
    Oltp => Oltp,
    Dw => Dw,
    Desktop => Desktop,
    Mixed => Mixed,
});
map_enum!(OsArg => Os { Linux => Linux, Windows => Windows, Mac => Mac });
map_enum!(DataSizeArg => DataSize { Less => LessRam, Mid => MidRam, Greater => GreaterRam });
map_enum!(RoleArg => Role { Cache => Cache, Primary => Primary });

/// The component's configuration, flags over the plan; `None` when the
/// plan is invalid (its findings have been printed).
fn component_config(
    context: &Context,
    id: &str,
    flags: Request,
) -> Result<Option<DbConfig>, CliError> {
    let catalog = context.catalog()?;
    let Some(loaded) = loading::load_plan(context, &catalog)? else {
        return Ok(None);
    };
    let plan = &loaded.plan;
    let Some(component) = plan.component(id) else {
        let suggestion = did_you_mean(id, plan.components.iter().map(|c| c.id.as_str()))
            .map(|s| format!("did you mean `{s}`? "))
            .unwrap_or_default();
        return Err(CliError::Usage {
            message: format!("`{}` has no component `{id}`", loaded.path),
            help: Some(format!("{suggestion}{}", database_components(plan))),
        });
    };
    dbconfig::configure_component(
        plan,
        component,
        &catalog,
        &context.project.settings.defaults,
        flags,
    )
    .map(Some)
    .map_err(|error| match error {
        InputError::NotADatabase { .. } => CliError::Usage {
            message: error.to_string(),
            help: Some(format!("{}; {}", error.help(), database_components(plan))),
        },
        other => usage(&other),
    })
}

/// "database components: a, b" (or "the plan has no database components").
fn database_components(plan: &Plan) -> String {
    let ids: Vec<&str> = plan
        .components
        .iter()
        .filter(|c| c.kind == ComponentType::Database)
        .map(|c| c.id.as_str())
        .collect();
    if ids.is_empty() {
        "the plan has no database components".to_owned()
    } else {
        format!("database components: {}", ids.join(", "))
    }
}

fn usage(error: &InputError) -> CliError {
    CliError::Usage {
        message: error.to_string(),
        help: Some(error.help()),
    }
}

fn format(config: &DbConfig, format: Format) -> Result<String, CliError> {
    Ok(match format {
        Format::Conf => render::conf(config),
        Format::AlterSystem => render::alter_system(config).unwrap_or_default(),
        Format::Json => json(config)?,
        Format::Table => table(config),
    })
}

/// Parameters and cluster settings keep the engine's order.
fn json(config: &DbConfig) -> Result<String, CliError> {
    let pairs = |list: &[dbconfig::Parameter]| -> Map<String, Value> {
        list.iter()
            .map(|p| (p.name.to_owned(), Value::String(p.value.clone())))
            .collect()
    };
    let mut root = Map::new();
    root.insert("engine".to_owned(), config.engine.as_str().into());
    root.insert("parameters".to_owned(), pairs(&config.parameters).into());
    if !config.cluster.is_empty() {
        root.insert("cluster".to_owned(), pairs(&config.cluster).into());
    }
    let warnings: Vec<Value> = config.warnings.iter().map(|w| w.message().into()).collect();
    root.insert("warnings".to_owned(), warnings.into());
    let notes: Vec<Value> = config.notes.iter().map(|n| n.as_str().into()).collect();
    root.insert("notes".to_owned(), notes.into());
    super::output::json(&Value::Object(root))
}

fn table(config: &DbConfig) -> String {
    let build = |title: &str, list: &[dbconfig::Parameter]| {
        let mut table = Table::new();
        table
            .load_style(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header([title, "value"]);
        for parameter in list {
            table.add_row([parameter.name, parameter.value.as_str()]);
        }
        format!("{table}\n")
    };
    let mut text = build(config.engine.display_name(), &config.parameters);
    if !config.cluster.is_empty() {
        text.push_str(&build("cluster", &config.cluster));
    }
    for warning in &config.warnings {
        let _ = writeln!(text, "warning: {}", warning.message());
    }
    for note in &config.notes {
        let _ = writeln!(text, "note: {note}");
    }
    text
}
