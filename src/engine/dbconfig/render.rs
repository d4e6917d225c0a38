//! A [`DbConfig`] in its engine's own config-file syntax: postgresql.conf
//! (PGTune's exact document), `ALTER SYSTEM` statements, my.cnf, mongod.conf
//! YAML, redis.conf, elasticsearch.yml plus jvm.options.
//!
//! Every document has PGTune's layout: an optional warning block, the input
//! header (with notes on where inputs came from), an empty line, the settings; cluster-level settings follow as
//! comments, since no server file holds them. Output ends with a newline.

use super::{DbConfig, Engine, Parameter};

/// The configuration in the engine's config-file syntax.
pub fn conf(config: &DbConfig) -> String {
    let mut body: Vec<String> = match config.engine {
        Engine::Postgresql => assignments(&config.parameters, " = "),
        Engine::Mysql => {
            let mut lines = vec!["[mysqld]".to_owned()];
            lines.extend(assignments(&config.parameters, " = "));
            lines
        }
        Engine::Redis => assignments(&config.parameters, " "),
        Engine::Mongodb => nested_yaml(&config.parameters),
        Engine::Elasticsearch => elasticsearch(&config.parameters),
    };
    if !config.cluster.is_empty() {
        body.push(String::new());
        body.push("# Cluster-level settings (applied outside this file):".to_owned());
        body.extend(
            config
                .cluster
                .iter()
                .map(|p| format!("# {}: {}", p.name, p.value)),
        );
    }
    document(config, "# ", body)
}

/// PostgreSQL settings as `ALTER SYSTEM SET name = 'value';` statements, with
/// `--` comments; `None` for other engines.
pub fn alter_system(config: &DbConfig) -> Option<String> {
    if config.engine != Engine::Postgresql {
        return None;
    }
    let body = config
        .parameters
        .iter()
        .map(|p| format!("ALTER SYSTEM SET {} = '{}';", p.name, p.value))
        .collect();
    Some(document(config, "-- ", body))
}

/// Warning block (if any), empty line, header, empty line, body.
fn document(config: &DbConfig, comment: &str, body: Vec<String>) -> String {
    let mut lines = Vec::new();
    if !config.warnings.is_empty() {
        lines.push(format!("{comment}WARNING"));
        for (index, warning) in config.warnings.iter().enumerate() {
            if index > 0 {
                lines.push(comment.to_owned());
            }
            lines.extend(warning.lines.iter().map(|line| format!("{comment}{line}")));
        }
        lines.push(String::new());
    }
    lines.extend(config.header.iter().map(|line| format!("{comment}{line}")));
    lines.extend(
        config
            .notes
            .iter()
            .map(|note| format!("{comment}Note: {note}")),
    );
    lines.push(String::new());
    lines.extend(body);
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

fn assignments(parameters: &[Parameter], separator: &str) -> Vec<String> {
    parameters
        .iter()
        .map(|p| format!("{}{separator}{}", p.name, p.value))
        .collect()
}

/// Dotted names as nested YAML mappings; names sharing a prefix must be adjacent.
fn nested_yaml(parameters: &[Parameter]) -> Vec<String> {
    let mut lines = Vec::new();
    let mut previous: Vec<&str> = Vec::new();
    for parameter in parameters {
        let path: Vec<&str> = parameter.name.split('.').collect();
        let Some((leaf, parents)) = path.split_last() else {
            continue;
        };
        let shared = previous
            .iter()
            .zip(parents)
            .take_while(|(a, b)| a == b)
            .count();
        for (depth, key) in parents.iter().enumerate().skip(shared) {
            lines.push(format!("{}{key}:", "  ".repeat(depth)));
        }
        lines.push(format!(
            "{}{leaf}: {}",
            "  ".repeat(parents.len()),
            parameter.value
        ));
        previous = parents.to_vec();
    }
    lines
}

/// elasticsearch.yml settings, then the JVM options (names starting with `-`).
fn elasticsearch(parameters: &[Parameter]) -> Vec<String> {
    let (jvm, yml): (Vec<&Parameter>, Vec<&Parameter>) =
        parameters.iter().partition(|p| p.name.starts_with('-'));
    let mut lines = vec!["# elasticsearch.yml".to_owned()];
    lines.extend(yml.iter().map(|p| format!("{}: {}", p.name, p.value)));
    lines.push(String::new());
    lines.push("# jvm.options.d/heap.options".to_owned());
    lines.extend(jvm.iter().map(|p| format!("{}{}", p.name, p.value)));
    lines
}

#[cfg(test)]
mod tests {
    use super::{alter_system, conf};
    use crate::engine::dbconfig::{DbConfigInput, Engine, Memory, MemoryUnit, Role, configure};

    fn input(engine: Engine, gb: u64) -> DbConfigInput {
        DbConfigInput::new(engine, Memory::new(gb, MemoryUnit::Gb))
    }

    /// PGTune's document for web, 16 GB, 4 CPUs, ssd, PG 18, linux.
    #[test]
    fn postgresql_conf_is_pgtunes_document() {
        let mut pg = input(Engine::Postgresql, 16);
        pg.cpus = Some(4);
        assert_eq!(
            conf(&configure(&pg)),
            "# WARNING
# wal_compression = lz4 requires PostgreSQL
# to be compiled with --with-lz4
# 
# io_method = io_uring requires PostgreSQL
# to be compiled with --with-liburing

# DB Version: 18
# OS Type: linux
# DB Type: web
# Total Memory (RAM): 16 GB
# CPUs num: 4
# Data Storage: ssd

max_connections = 200
shared_buffers = 4GB
effective_cache_size = 12GB
maintenance_work_mem = 1GB
checkpoint_completion_target = 0.9
wal_buffers = 16MB
default_statistics_target = 100
random_page_cost = 1.1
effective_io_concurrency = 200
work_mem = 20560kB
huge_pages = try
jit = off
wal_compression = lz4
io_method = io_uring
min_wal_size = 1GB
max_wal_size = 4GB
max_worker_processes = 4
max_parallel_workers_per_gather = 2
max_parallel_workers = 4
max_parallel_maintenance_workers = 2
"
        );
    }

    #[test]
    fn alter_system_uses_sql_comments_and_quotes() {
        let mut pg = input(Engine::Postgresql, 8);
        pg.pg_version = 14;
        pg.connections = Some(100);
        let text = alter_system(&configure(&pg)).unwrap();
        assert!(
            text.starts_with("-- DB Version: 14\n-- OS Type: linux\n"),
            "{text}"
        );
        assert!(text.contains("\n-- Connections num: 100\n-- Data Storage: ssd\n\n"));
        assert!(text.contains("\nALTER SYSTEM SET max_connections = '100';\n"));
        assert!(text.contains("\nALTER SYSTEM SET shared_buffers = '2GB';\n"));
        assert!(text.ends_with("ALTER SYSTEM SET max_wal_size = '4GB';\n"));
        assert_eq!(alter_system(&configure(&input(Engine::Redis, 8))), None);
    }

    #[test]
    fn mongodb_conf_is_nested_yaml() {
        let text = conf(&configure(&input(Engine::Mongodb, 16)));
        assert!(
            text.contains(
                "\nstorage:\n  wiredTiger:\n    engineConfig:\n      cacheSizeGB: 7.5\n\
                 replication:\n  replSetName: rs0\n\n# Cluster-level settings"
            ),
            "{text}"
        );
    }

    #[test]
    fn redis_mysql_and_elasticsearch_syntax() {
        let mut redis = input(Engine::Redis, 16);
        redis.role = Role::Primary;
        let text = conf(&configure(&redis));
        assert!(
            text.starts_with("# WARNING\n# snapshots and AOF rewrites fork"),
            "{text}"
        );
        assert!(text.contains("\nmaxmemory 9830mb\nmaxmemory-policy noeviction\n"));
        let mysql = conf(&configure(&input(Engine::Mysql, 16)));
        assert!(
            mysql.contains("\n[mysqld]\ninnodb_buffer_pool_size = 12G\n"),
            "{mysql}"
        );
        let es = conf(&configure(&input(Engine::Elasticsearch, 32)));
        assert!(
            es.contains(
                "# elasticsearch.yml\ndiscovery.type: single-node\nbootstrap.memory_lock: true\n\n\
                 # jvm.options.d/heap.options\n-Xms16g\n-Xmx16g\n"
            ),
            "{es}"
        );
    }
}
