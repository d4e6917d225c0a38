//! Layering plan components and flags into engine inputs.

use super::{InputError, Request, from_component};
use crate::catalog::Catalog;
use crate::engine::dbconfig::{DataSize, Engine, Memory, MemoryUnit, Role, Storage, Workload};
use crate::plan::Plan;
use crate::plan::database::{Consistency, EvictionPolicy, RedisPersistenceType};

const PLAN: &str = r"
version: 1
name: test
components:
  - id: orders
    type: database
    database:
      criteria:
        queryPatterns: { readHeavy: true, aggregations: true }
        scale: { dataSize: large, readThroughput: 100, writeThroughput: 10, concurrentConnections: 600 }
        performance: { readLatency: low, writeLatency: low, consistency: strong }
      technology: postgresql
      deployment:
        type: managed
        sizing:
          vcores: 4
          memory: 16GB
          storage: { type: premium_ssd, sizeGB: 512, iops: 2300 }
      highAvailability: { enabled: true }
      postgresql: { version: '16' }
  - id: sessions
    type: database
    database:
      technology: redis
      deployment: { type: managed, sizing: { memory: 6Gi } }
      redis:
        persistence: { type: rdb, rdbFrequency: 1h }
        evictionPolicy: volatile-lru
        maxMemory: 5Gi
  - id: catalog
    type: database
    database:
      technology: cosmosdb
  - id: bare
    type: database
    database: {}
  - id: warehouse
    type: database
    database:
      type: data_warehouse
      technology: redshift
      deployment: { type: managed, sizing: { memory: 64GB, vcores: 16 } }
  - id: metrics
    type: database
    database:
      type: time_series
      technology: timescaledb
      version: '15.4'
      criteria:
        queryPatterns: { writeHeavy: true, timeRangeQueries: true }
      usage: { storageGB: 40.5 }
      deployment: { type: self_managed, sizing: { memory: 32GB, storage: { type: standard, sizeGB: 100 } } }
  - id: net
    type: network
    network: { cidr: 10.0.0.0/16 }
";

fn plan() -> Plan {
    let catalog = Catalog::load(None).unwrap();
    let validation = crate::validate::validate(PLAN, &catalog);
    validation
        .plan
        .unwrap_or_else(|| panic!("test plan invalid: {:?}", validation.findings))
}

fn request(id: &str) -> Result<Request, InputError> {
    from_component(plan().component(id).unwrap())
}

#[test]
fn a_postgresql_component_gives_every_pgtune_input() {
    let input = request("orders").unwrap().resolve().unwrap();
    assert_eq!(input.engine, Engine::Postgresql);
    assert_eq!(input.memory, Memory::new(16, MemoryUnit::Gb));
    assert_eq!(input.cpus, Some(4));
    assert_eq!(input.connections, Some(600));
    assert_eq!(input.storage, Storage::Ssd);
    assert_eq!(input.workload, Workload::Mixed);
    assert_eq!(input.pg_version, 16);
    assert_eq!(input.data_size, DataSize::MidRam);
    assert_eq!(input.iops, Some(2300));
    assert_eq!(input.disk_gb, Some(512));
    assert!(input.high_availability);
    assert_eq!(input.consistency, Some(Consistency::Strong));
}

#[test]
fn flags_override_the_component() {
    let flags = Request {
        memory: Some(Memory::new(64, MemoryUnit::Gb)),
        workload: Some(Workload::Oltp),
        pg_version: Some("18".to_owned()),
        data_size: Some(DataSize::LessRam),
        ..Request::default()
    };
    let input = request("orders").unwrap().overlay(flags).resolve().unwrap();
    assert_eq!(input.memory, Memory::new(64, MemoryUnit::Gb));
    assert_eq!(input.workload, Workload::Oltp);
    assert_eq!(input.pg_version, 18);
    assert_eq!(input.data_size, DataSize::LessRam);
    assert_eq!(input.cpus, Some(4), "values without a flag stay");
}

#[test]
fn redis_choices_come_from_the_plan_unless_a_role_is_given() {
    let input = request("sessions").unwrap().resolve().unwrap();
    assert_eq!(input.engine, Engine::Redis);
    assert_eq!(input.memory, Memory::new(6, MemoryUnit::Gb));
    assert_eq!(input.role, Role::Cache);
    assert_eq!(input.redis.eviction, Some(EvictionPolicy::VolatileLru));
    assert_eq!(input.redis.persistence, Some(RedisPersistenceType::Rdb));
    assert_eq!(input.redis.rdb_seconds, Some(3600));
    assert_eq!(input.redis.max_memory_bytes, Some(5 * 1024 * 1024 * 1024));
    let flags = Request {
        role: Some(Role::Primary),
        ..Request::default()
    };
    let input = request("sessions")
        .unwrap()
        .overlay(flags)
        .resolve()
        .unwrap();
    assert_eq!(input.role, Role::Primary);
    assert_eq!(input.redis.eviction, None);
    assert_eq!(input.redis.persistence, None);
    assert_eq!(input.redis.max_memory_bytes, Some(5 * 1024 * 1024 * 1024));
}

#[test]
fn aliases_warehouses_and_decimal_versions() {
    let flags = Request {
        engine: Some(Engine::Postgresql),
        ..Request::default()
    };
    let warehouse = request("warehouse")
        .unwrap()
        .overlay(flags)
        .resolve()
        .unwrap();
    assert_eq!(warehouse.workload, Workload::Dw);
    assert_eq!(warehouse.pg_version, 18);
    let input = request("metrics").unwrap().resolve().unwrap();
    assert_eq!(input.engine, Engine::Postgresql);
    assert_eq!(input.workload, Workload::Oltp);
    assert_eq!(input.pg_version, 15);
    assert_eq!(input.storage, Storage::Hdd);
    assert_eq!(input.data_gb, Some(41));
    assert_eq!(input.data_size, DataSize::MidRam, "41 GB on 32 GB of RAM");
    assert!(input.time_series && input.write_heavy);
}

#[test]
fn unusable_components_are_explained() {
    assert_eq!(
        request("net").unwrap_err(),
        InputError::NotADatabase {
            id: "net".to_owned(),
            kind: "network"
        }
    );
    let error = request("catalog").unwrap().resolve().unwrap_err();
    assert_eq!(
        error.to_string(),
        "component `catalog` uses `cosmosdb`, which `db config` cannot configure"
    );
    assert!(error.help().contains("elasticsearch (also opensearch)"));
    let flags = Request {
        engine: Some(Engine::Mongodb),
        ..Request::default()
    };
    let error = request("catalog")
        .unwrap()
        .overlay(flags)
        .resolve()
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "component `catalog` has no deployment.sizing.memory"
    );
    let error = request("bare").unwrap().resolve().unwrap_err();
    assert_eq!(
        error.to_string(),
        "component `bare` has no database.technology"
    );
}

#[test]
fn postgresql_ranges_are_checked() {
    let base = Request {
        engine: Some(Engine::Postgresql),
        memory: Some(Memory::new(4, MemoryUnit::Gb)),
        ..Request::default()
    };
    let with = |version: &str, connections| {
        Request {
            pg_version: Some(version.to_owned()),
            connections,
            ..base.clone()
        }
        .resolve()
    };
    assert_eq!(with("10", None).unwrap().pg_version, 10);
    assert!(matches!(
        with("9.6", None),
        Err(InputError::PgVersion { .. })
    ));
    assert!(matches!(
        with("19", None),
        Err(InputError::PgVersion { .. })
    ));
    assert!(matches!(
        with("18", Some(19)),
        Err(InputError::TooFewConnections { connections: 19 })
    ));
    assert_eq!(with("18", Some(20)).unwrap().connections, Some(20));
    assert_eq!(
        Request::default().resolve().unwrap_err().to_string(),
        "no engine given"
    );
}
