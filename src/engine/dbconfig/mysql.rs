//! MySQL / InnoDB settings for a dedicated server (MySQL 8.0.30 and later,
//! 8.4 LTS): the buffer pool and redo log as `innodb_dedicated_server` would
//! size them (MySQL manual, "Enabling Automatic InnoDB Configuration for a
//! Dedicated MySQL Server"), written out explicitly so they can be reviewed
//! and kept when the host changes; I/O capacity from provisioned IOPS; and
//! MySQLTuner's check that peak memory stays within 85 % of RAM.

use super::units::format_mb;
use super::{DbConfig, DbConfigInput, Engine, Parameter, Storage, Warning};

/// InnoDB's default buffer pool chunk, MB.
const CHUNK_MB: u64 = 128;
/// MySQL's default `max_connections`.
const DEFAULT_CONNECTIONS: u64 = 151;
/// Per-connection buffers at their defaults, kB: read 128K, read_rnd 256K,
/// sort 256K, join 256K, thread stack 1M, binlog cache 32K.
const PER_CONNECTION_KB: u64 = 128 + 256 + 256 + 256 + 1024 + 32;
/// Global buffers besides the pool at their defaults, MB: key buffer 8M,
/// InnoDB log buffer 16M, in-memory temporary tables 16M.
const GLOBAL_MB: u64 = 8 + 16 + 16;

/// The my.cnf `[mysqld]` settings for `input`.
pub fn configure(input: &DbConfigInput) -> DbConfig {
    let ram_mb = input.memory.mb();
    let (pool_mb, instances) = buffer_pool(ram_mb);
    let mut parameters = vec![
        Parameter::new("innodb_buffer_pool_size", format_mb(pool_mb, "G", "M")),
        Parameter::new("innodb_buffer_pool_instances", instances),
    ];
    if let Some(cpus) = input.cpus {
        parameters.push(Parameter::new(
            "innodb_redo_log_capacity",
            format_mb(redo_log_mb(cpus), "G", "M"),
        ));
    }
    if let Some(capacity) = io_capacity(input) {
        parameters.push(Parameter::new("innodb_io_capacity", capacity));
    }
    if let Some(connections) = input.connections {
        parameters.push(Parameter::new("max_connections", connections));
    }
    DbConfig {
        engine: Engine::Mysql,
        header: header(input),
        parameters,
        cluster: Vec::new(),
        warnings: warnings(input, pool_mb),
        notes: Vec::new(),
    }
}

fn header(input: &DbConfigInput) -> Vec<String> {
    let mut lines = vec![
        "DB: MySQL 8.4 (InnoDB), dedicated server".to_owned(),
        format!("Total Memory (RAM): {}", input.memory),
    ];
    if let Some(cpus) = input.cpus {
        lines.push(format!("CPUs num: {cpus}"));
    }
    if let Some(connections) = input.connections {
        lines.push(format!("Connections num: {connections}"));
    }
    lines.push(format!("Data Storage: {}", input.storage.as_str()));
    lines
}

/// Buffer pool MB and instances: 128 MB below 1 GB of RAM, half of RAM from
/// 1 to 4 GB, three quarters above; one instance per GB of pool up to 8; the
/// size rounded down to a multiple of chunk × instances, which MySQL would
/// otherwise round up.
pub fn buffer_pool(ram_mb: u64) -> (u64, u64) {
    let pool = if ram_mb < 1024 {
        CHUNK_MB
    } else if ram_mb <= 4 * 1024 {
        ram_mb / 2
    } else {
        ram_mb * 3 / 4
    };
    let instances = (pool / 1024).clamp(1, 8);
    let step = CHUNK_MB * instances;
    (pool / step * step, instances)
}

/// Half a GB per logical CPU, at most 16 GB.
fn redo_log_mb(cpus: u32) -> u64 {
    (u64::from(cpus) * 512).min(16 * 1024)
}

/// The volume's IOPS (100 to 20000, the manual's practical range), or 200
/// for spinning disks, whose IOPS the 8.4 default of 10000 far exceeds.
fn io_capacity(input: &DbConfigInput) -> Option<u32> {
    match (input.iops, input.storage) {
        (Some(iops), _) => Some(iops.clamp(100, 20_000)),
        (None, Storage::Hdd) => Some(200),
        (None, _) => None,
    }
}

fn warnings(input: &DbConfigInput, pool_mb: u64) -> Vec<Warning> {
    let mut warnings = Vec::new();
    let ram_mb = input.memory.mb();
    let connections = input.connections.map_or(DEFAULT_CONNECTIONS, u64::from);
    let peak_mb = pool_mb + GLOBAL_MB + connections * PER_CONNECTION_KB / 1024;
    if peak_mb * 100 > ram_mb * 85 {
        warnings.push(Warning::new([format!(
            "at {connections} connections MySQL can use {peak_mb} MB (buffer pool, global and \
             per-connection buffers), over 85% of the {ram_mb} MB of RAM: pool connections or \
             lower max_connections"
        )]));
    }
    if input.cpus.is_none() {
        warnings.push(Warning::new([
            "CPUs unknown: innodb_redo_log_capacity left at its default (100M); give --cpus",
        ]));
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::{buffer_pool, configure};
    use crate::engine::dbconfig::{DbConfigInput, Engine, Memory, MemoryUnit, Storage};

    #[test]
    fn buffer_pool_follows_the_dedicated_server_table() {
        assert_eq!(buffer_pool(512), (128, 1));
        // 1 GB → half = 512 MB; 4 GB → half = 2 GB, 2 instances, step 256 MB.
        assert_eq!(buffer_pool(1024), (512, 1));
        assert_eq!(buffer_pool(4096), (2048, 2));
        // 6 GB → 4608 MB, 4 instances, step 512 MB: already aligned.
        assert_eq!(buffer_pool(6144), (4608, 4));
        // 16 GB → 12 GB, 8 instances. 20000 MB → 15000, 8 instances, step 1024 → 14336.
        assert_eq!(buffer_pool(16384), (12288, 8));
        assert_eq!(buffer_pool(20000), (14336, 8));
    }

    #[test]
    fn sixteen_gigabytes_eight_cpus_two_hundred_connections() {
        let mut input = DbConfigInput::new(Engine::Mysql, Memory::new(16, MemoryUnit::Gb));
        input.cpus = Some(8);
        input.connections = Some(200);
        let config = configure(&input);
        let lines: Vec<String> = config
            .parameters
            .iter()
            .map(|p| format!("{} = {}", p.name, p.value))
            .collect();
        assert_eq!(
            lines,
            [
                "innodb_buffer_pool_size = 12G",
                "innodb_buffer_pool_instances = 8",
                "innodb_redo_log_capacity = 4G",
                "max_connections = 200"
            ]
        );
        // 12288 + 40 + 200 × 1952 / 1024 (= 381) = 12709 MB ≤ 85 % of 16384 (13926).
        assert!(config.warnings.is_empty());
    }

    #[test]
    fn peak_memory_warning_and_io_capacity() {
        let mut input = DbConfigInput::new(Engine::Mysql, Memory::new(8, MemoryUnit::Gb));
        input.connections = Some(1000);
        input.storage = Storage::Hdd;
        input.cpus = Some(64);
        let config = configure(&input);
        assert_eq!(config.get("innodb_io_capacity"), Some("200"));
        assert_eq!(config.get("innodb_redo_log_capacity"), Some("16G"));
        // 6144 + 40 + 1000 × 1952 / 1024 (= 1906) = 8090 MB > 6963 MB.
        assert_eq!(config.warnings.len(), 1);
        assert!(
            config.warnings[0]
                .message()
                .starts_with("at 1000 connections MySQL can use 8090 MB")
        );
        input.iops = Some(50_000);
        assert_eq!(configure(&input).get("innodb_io_capacity"), Some("20000"));
    }
}
