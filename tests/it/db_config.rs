//! Black-box tests of `infraplan db config`: standalone flags for every
//! engine, plan-driven runs on `examples/web-shop.yaml`, and bad input (exit
//! 2, a precise message, nothing written).

use std::path::Path;
use std::process::{Command, Output};

fn infraplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_infraplan"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env_remove("INFRAPLAN_PLAN")
        .env_remove("INFRAPLAN_CATALOG")
        .args(args)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs a command line (words split on spaces) that must succeed; returns stdout.
fn ok(line: &str) -> String {
    let args: Vec<&str> = line.split_whitespace().collect();
    let output = infraplan(&args);
    assert!(
        output.status.success(),
        "{line} failed:\n{}",
        stderr(&output)
    );
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));
    stdout(&output)
}

const WEB_16GB: &str = "db config --engine postgresql --memory 16GB --cpus 4";

/// Hand-checked PGTune case: web, 16 GB, 4 CPUs, ssd, PG 18, linux.
/// work_mem = (16777216 − 4194304) kB / ((200 + 4) × 3) = 20560.3 → 20560kB.
#[test]
fn postgresql_conf_matches_pgtune() {
    assert_eq!(
        ok(WEB_16GB),
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
fn postgresql_alter_system_and_json() {
    let sql = ok(&format!("{WEB_16GB} --format alter-system"));
    assert!(sql.starts_with("-- WARNING\n-- wal_compression = lz4 requires PostgreSQL\n"));
    assert!(sql.contains("\n-- \n-- io_method = io_uring requires PostgreSQL\n"));
    assert!(sql.contains("\n-- DB Version: 18\n"));
    assert!(sql.contains("\nALTER SYSTEM SET work_mem = '20560kB';\n"));
    assert!(sql.ends_with("ALTER SYSTEM SET max_parallel_maintenance_workers = '2';\n"));

    let json: serde_json::Value =
        serde_json::from_str(&ok(&format!("{WEB_16GB} --format json"))).unwrap();
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["engine", "parameters", "warnings", "notes"]);
    assert_eq!(json["engine"], "postgresql");
    let parameters = json["parameters"].as_object().unwrap();
    assert_eq!(
        parameters.keys().next().map(String::as_str),
        Some("max_connections")
    );
    assert_eq!(parameters["max_connections"], "200");
    assert_eq!(parameters["work_mem"], "20560kB");
    assert_eq!(parameters["random_page_cost"], "1.1");
    assert_eq!(
        json["warnings"][1],
        "io_method = io_uring requires PostgreSQL to be compiled with --with-liburing"
    );
}

/// desktop, 8 GB, windows, hdd, PG 17 (hand-checked in the engine's unit tests).
#[test]
fn postgresql_flags_cover_every_pgtune_input() {
    let text = ok(
        "db config --engine postgresql --memory 8192MB --workload desktop --os windows --storage hdd --pg-version 17 --data-size greater_ram --format table",
    );
    insta::assert_snapshot!("postgresql_desktop_table", text);
}

#[test]
fn other_engines_standalone() {
    let run = |args: &str| ok(&format!("db config {args}"));
    insta::assert_snapshot!(
        "mysql_conf",
        run("--engine mysql --memory 16GB --cpus 8 --connections 200")
    );
    insta::assert_snapshot!(
        "mongodb_conf",
        run("--engine mongodb --memory 16GB --data-gb 5000 --ha")
    );
    insta::assert_snapshot!(
        "redis_primary_conf",
        run("--engine redis --memory 16GB --role primary --ha")
    );
    insta::assert_snapshot!(
        "elasticsearch_conf",
        run("--engine elasticsearch --memory 64GB --data-gb 2000 --ha")
    );
    insta::assert_snapshot!(
        "redis_cache_json",
        run("--engine redis --memory 8GB --format json")
    );
}

/// orders-db: PostgreSQL 16, 16 GB, 4 vCores, premium SSD, aggregations →
/// mixed. The plan states `max_connections: 500` and `work_mem: 16MB`; both
/// win over the criteria's 600 connections and the computed work_mem
/// (12582912 kB / ((500 + 4) × 3 × 2) = 4161 kB), and the header says so;
/// it runs on Azure's flexible server, so the notes say how settings are
/// applied there and which need a restart (Microsoft's server-parameter tables).
#[test]
fn plan_postgresql_component() {
    let text = ok("db config --plan examples/web-shop.yaml --component orders-db");
    assert_eq!(
        text,
        "# WARNING
# wal_compression = lz4 requires PostgreSQL
# to be compiled with --with-lz4

# DB Version: 16
# OS Type: linux
# DB Type: mixed
# Total Memory (RAM): 16 GB
# CPUs num: 4
# Connections num: 500
# Data Storage: ssd
# Note: connections: 500 as the plan states (postgresql.parameters.max_connections); the criteria expect 600 concurrent connections, so a connection pooler has to absorb the rest
# Note: work_mem: 16MB as the plan states (postgresql.parameters.work_mem); computed for this server: 4161kB
# Note: on Azure Database for PostgreSQL flexible server, apply these through its server parameters (portal, `az postgres flexible-server parameter set`, ARM); see https://learn.microsoft.com/en-us/azure/postgresql/server-parameters/concepts-server-parameters (Server parameters in Azure Database for PostgreSQL)
# Note: a change needs a restart: max_connections, shared_buffers, wal_buffers, huge_pages, max_worker_processes

max_connections = 500
shared_buffers = 4GB
effective_cache_size = 12GB
maintenance_work_mem = 1GB
checkpoint_completion_target = 0.9
wal_buffers = 16MB
default_statistics_target = 100
random_page_cost = 1.1
effective_io_concurrency = 200
work_mem = 16MB
huge_pages = try
jit = off
wal_compression = lz4
min_wal_size = 1GB
max_wal_size = 4GB
max_worker_processes = 4
max_parallel_workers_per_gather = 2
max_parallel_workers = 4
max_parallel_maintenance_workers = 2
"
    );
}

/// Runs `db config` on a plan written to a scratch directory.
fn on_plan(yaml: &str, args: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.yaml");
    std::fs::write(&path, yaml).unwrap();
    let mut list = vec!["--plan", path.to_str().unwrap()];
    list.extend(args.split_whitespace());
    let output = infraplan(&list);
    assert_eq!(output.status.code(), Some(0), "{args}: {}", stderr(&output));
    stdout(&output)
}

const TIER_ONLY: &str = "version: 1
name: tier-only
providers: { primary: aws }
components:
  - id: orders
    type: database
    provider: aws
    database:
      technology: postgresql
      criteria:
        scale: { dataSize: medium, readThroughput: 9000, writeThroughput: 3000, concurrentConnections: 400 }
      deployment:
        type: managed
        sizing: { tier: db.m7g.large }
";

/// db.m7g.large is 2 vCPUs and 8 GiB (the catalog's RDS rows): the server is
/// configured for that, not for the larger size the criteria would suggest.
/// shared_buffers = 8 GB / 4 = 2GB.
#[test]
fn a_plan_tier_sizes_the_server() {
    let conf = on_plan(TIER_ONLY, "db config --component orders");
    assert!(
        conf.contains("# Total Memory (RAM): 8 GB\n# CPUs num: 2\n"),
        "{conf}"
    );
    let text = on_plan(TIER_ONLY, "db config --component orders --format json");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["parameters"]["shared_buffers"], "2GB");
    // A managed PostgreSQL on AWS is RDS: its parameter group, and the
    // settings AWS's documentation does not confirm (io_method on PG 18).
    let notes = json["notes"].to_string();
    assert!(
        notes.contains(
            "on Amazon RDS for PostgreSQL, apply these through its custom DB parameter group"
        ),
        "{notes}"
    );
    assert!(
        notes.contains("not confirmed by its documentation: jit, io_method"),
        "{notes}"
    );
    assert_eq!(
        json["notes"][0],
        "server size from the plan's tier `db.m7g.large` as the price catalog records it: \
         2 vCPUs, 8 GB"
    );
}

/// Without a tier or memory the suggested size is used, and said so.
#[test]
fn without_a_size_the_suggestion_is_used_and_named() {
    let plan = TIER_ONLY.replace("        sizing: { tier: db.m7g.large }\n", "");
    let text = on_plan(&plan, "db config --component orders --format table");
    assert!(
        text.contains("note: the plan states no server size (deployment.sizing.memory, or a tier the catalog knows): configured for the size recommend-db suggests for its criteria on aws,"),
        "{text}"
    );
    let unknown = TIER_ONLY.replace("db.m7g.large", "db.z9.huge");
    let text = on_plan(&unknown, "db config --component orders --format table");
    assert!(
        text.contains(
            "note: the price catalog does not record the size of the plan's tier `db.z9.huge`"
        ),
        "{text}"
    );
    assert!(
        text.contains("note: the plan states no server size"),
        "{text}"
    );
}

/// Three dedicated masters and three primary shards, as the plan states,
/// instead of "every data node is master-eligible" and one shard per 20 GB.
#[test]
fn stated_search_topology_wins() {
    let plan = "version: 1
name: search
components:
  - id: search
    type: database
    database:
      technology: elasticsearch
      usage: { storageGB: 200 }
      highAvailability: { enabled: true }
      deployment: { type: self_managed, sizing: { memory: 32GB } }
      elasticsearch:
        topology: { masterNodes: 3, dataNodes: 3 }
        indexSettings: { numberOfShards: 3, numberOfReplicas: 1 }
";
    let text = on_plan(plan, "db config --component search --format json");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["parameters"]["node.roles"], "[ data, ingest ]");
    assert_eq!(
        json["cluster"]["master nodes"],
        "3 dedicated (node.roles: [ master ]), one per zone"
    );
    assert_eq!(json["cluster"]["index.number_of_shards"], "3");
    let notes: Vec<&str> = json["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert_eq!(
        notes,
        [
            "master nodes: 3 dedicated as the plan states (elasticsearch.topology.masterNodes); \
             Elastic's guidance for 3 data nodes: no dedicated masters at this node count",
            "index.number_of_shards: 3 as the plan states (elasticsearch.indexSettings.numberOfShards); \
             computed for this server: 10",
        ]
    );
}

/// The plan's shard count, key and concerns for a sharded MongoDB cluster.
#[test]
fn stated_mongodb_sharding_wins() {
    let plan = "version: 1
name: docs
components:
  - id: docs
    type: database
    database:
      technology: mongodb
      usage: { storageGB: 5000 }
      deployment: { type: self_managed, sizing: { memory: 64GB } }
      mongodb:
        clusterType: sharded
        sharding: { shardKey: tenantId, strategy: hashed, numShards: 4 }
        writeConcern: { w: majority, j: true }
";
    let text = on_plan(plan, "db config --component docs --format json");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let topology = json["cluster"]["topology"].as_str().unwrap();
    assert!(
        topology.starts_with("sharded cluster: 4 shards"),
        "{topology}"
    );
    assert_eq!(json["cluster"]["shardKey"], "{ tenantId: \"hashed\" }");
    assert_eq!(
        json["cluster"]["defaultWriteConcern"],
        "{ w: \"majority\", j: true }"
    );
    assert_eq!(
        json["notes"][0],
        "shards: 4 as the plan states (mongodb.sharding.numShards); computed for the data: 3 \
         (about 2048 GB per shard, at least 2)"
    );
}

#[test]
fn flags_override_the_component() {
    let text = ok(
        "db config --plan examples/web-shop.yaml --component orders-db --pg-version 18 --memory 32GB --connections 300 --format json",
    );
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    // The plan states shared_buffers: 4GB; the note shows what 32 GB would give.
    assert_eq!(json["parameters"]["shared_buffers"], "4GB");
    assert!(
        json["notes"].as_array().unwrap().iter().any(|n| n
            == "shared_buffers: 4GB as the plan states (postgresql.parameters.shared_buffers); \
                computed for this server: 8GB"),
        "{text}"
    );
    assert_eq!(json["parameters"]["max_connections"], "300");
    assert_eq!(json["parameters"]["io_method"], "io_uring");
    // Still from the component: 4 vCores.
    assert_eq!(json["parameters"]["max_worker_processes"], "4");
}

/// session-cache: 6 GB, RDB hourly, volatile-lru, maxMemory 5Gi, HA, write-heavy:
/// the plan's choices are kept and the 5gb checked against 50 % of 6144 MB = 3gb.
#[test]
fn plan_redis_component() {
    let text =
        ok("db config --plan examples/web-shop.yaml --component session-cache --format json");
    insta::assert_snapshot!("plan_redis_json", text);
    let primary =
        ok("db config --plan examples/web-shop.yaml --component session-cache --role primary");
    assert!(
        primary.contains("\nmaxmemory 5gb\nmaxmemory-policy noeviction\n"),
        "{primary}"
    );
    assert!(
        primary.contains("\nappendonly yes\nappendfsync everysec\n"),
        "{primary}"
    );
}

/// A scratch copy of the example plan, so failing runs can be shown to write nothing.
fn scratch_plan() -> (tempfile::TempDir, String, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/web-shop.yaml");
    let bytes = std::fs::read(source).unwrap();
    let path = dir.path().join("web-shop.yaml");
    std::fs::write(&path, &bytes).unwrap();
    (dir, path.to_str().unwrap().to_owned(), bytes)
}

/// Runs a command that must fail with exit 2, print nothing on stdout and
/// leave the scratch plan alone; returns stderr.
fn refused(line: &str) -> String {
    let (dir, plan, bytes) = scratch_plan();
    let mut args = vec!["--plan", plan.as_str()];
    args.extend(line.split_whitespace());
    let output = infraplan(&args);
    assert_eq!(output.status.code(), Some(2), "{line}: {}", stderr(&output));
    assert!(stdout(&output).is_empty(), "{}", stdout(&output));
    assert_eq!(std::fs::read(&plan).unwrap(), bytes);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    stderr(&output)
}

#[test]
fn unknown_engine() {
    let text = refused("db config --engine oracle --memory 16GB");
    assert!(
        text.contains("invalid value 'oracle' for '--engine <ENGINE>'"),
        "{text}"
    );
    assert!(
        text.contains("[possible values: postgresql, mysql, mongodb, redis, elasticsearch]"),
        "{text}"
    );
}

#[test]
fn bad_memory_unit() {
    let text = refused("db config --engine postgresql --memory 16XB");
    assert!(
        text.contains(
            "invalid value '16XB' for '--memory <SIZE>': `16XB` is not a memory size; write a \
             whole number and MB, GB or TB"
        ),
        "{text}"
    );
}

#[test]
fn component_that_is_not_a_database() {
    let text = refused("db config --component shop-aks");
    assert!(
        text.contains("component `shop-aks` is a container_cluster component, not a database"),
        "{text}"
    );
    assert!(text.contains("database components: orders-db,"), "{text}");
}

#[test]
fn unknown_component_suggests_a_close_one() {
    let text = refused("db config --component orders");
    assert!(text.contains("has no component `orders`"), "{text}");
    assert!(text.contains("did you mean `orders-db`?"), "{text}");
}

#[test]
fn unsupported_technology_lists_the_engines() {
    let text = refused("db config --component product-catalog");
    assert!(
        text.contains(
            "component `product-catalog` uses `cosmosdb`, which `db config` cannot configure"
        ),
        "{text}"
    );
    assert!(
        text.contains("postgresql (also timescaledb, pgvector)"),
        "{text}"
    );
}

#[test]
fn missing_inputs_and_mismatched_formats() {
    let text = refused("db config --memory 16GB");
    assert!(text.contains("no engine given"), "{text}");
    let text = refused("db config --engine mysql");
    assert!(text.contains("no memory size given"), "{text}");
    assert!(text.contains("--memory 16GB"), "{text}");
    let text = refused("db config --engine redis --memory 4GB --format alter-system");
    assert!(
        text.contains("`--format alter-system` is for PostgreSQL, not Redis"),
        "{text}"
    );
    let text = refused("db config --engine postgresql --memory 4GB --connections 10");
    assert!(
        text.contains("10 connections is below PGTune's minimum of 20"),
        "{text}"
    );
    let text = refused("db config --engine postgresql --memory 4GB --pg-version 9");
    assert!(
        text.contains("invalid value '9' for '--pg-version <VERSION>'"),
        "{text}"
    );
}

#[test]
fn output_is_deterministic() {
    let line = "db config --plan examples/web-shop.yaml --component session-cache --format table";
    assert_eq!(ok(line), ok(line));
}
