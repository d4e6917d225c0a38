//! PostgreSQL settings by the PGTune method, ported from le0pard/pgtune
//! (MIT, © 2014 Oleksii Vasyliev; algorithm of commit `830d3bb`, repository
//! HEAD `7caef27`), itself based on Greg Smith's pgtune. Only the formulas are
//! ported; the code is ours.
//!
//! Invariant: for every input the PGTune form accepts, the parameters, their
//! order, their unit formatting, the omitted parameters and the warnings are
//! exactly what pgtune.leopard.in.ua prints. All arithmetic is on whole kB
//! (1024 bytes); PGTune's floating-point steps are replaced by integer
//! identities that give the same result for every input.

use super::{DataSize, DbConfig, DbConfigInput, Engine, Os, Parameter, Storage, Warning, Workload};

/// PostgreSQL version assumed when none is given (PGTune's default).
pub const DEFAULT_VERSION: u32 = 18;
/// Oldest version PGTune tunes.
pub const MIN_VERSION: u32 = 10;
/// Newest version PGTune tunes.
pub const MAX_VERSION: u32 = 18;
/// Fewest connections PGTune accepts.
pub const MIN_CONNECTIONS: u32 = 20;

const MB: u64 = 1024;
const GB: u64 = 1024 * 1024;

/// Formats kB as PGTune does: `GB` or `MB` only when exact, else `kB`.
pub fn format_kb(kb: u64) -> String {
    if kb.is_multiple_of(GB) {
        format!("{}GB", kb / GB)
    } else if kb.is_multiple_of(MB) {
        format!("{}MB", kb / MB)
    } else {
        format!("{kb}kB")
    }
}

/// The PGTune settings and warnings for `input`.
pub fn configure(input: &DbConfigInput) -> DbConfig {
    let tune = Tuning::new(input);
    DbConfig {
        engine: Engine::Postgresql,
        header: header(input),
        parameters: tune.parameters(),
        cluster: Vec::new(),
        warnings: tune.warnings(),
        notes: Vec::new(),
    }
}

/// PGTune's header: one line per input, data size not echoed.
fn header(input: &DbConfigInput) -> Vec<String> {
    let mut lines = vec![
        format!("DB Version: {}", input.pg_version),
        format!("OS Type: {}", input.os.as_str()),
        format!("DB Type: {}", input.workload.as_str()),
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

/// The values PGTune derives, computed once.
struct Tuning<'a> {
    input: &'a DbConfigInput,
    /// Total RAM, kB.
    ram: u64,
    /// Windows with PostgreSQL 17 or older: 2 GB limits apply.
    windows_old: bool,
    /// CPUs, when parallel settings apply (4 or more).
    parallel_cpus: Option<u32>,
    shared_buffers: u64,
    maintenance_work_mem: u64,
}

impl<'a> Tuning<'a> {
    fn new(input: &'a DbConfigInput) -> Self {
        let ram = input.memory.kb();
        let windows_old = input.os == Os::Windows && input.pg_version <= 17;
        let shared_buffers = if input.workload == Workload::Desktop {
            ram / 16
        } else {
            ram / 4
        };
        let mut tune = Self {
            input,
            ram,
            windows_old,
            parallel_cpus: input.cpus.filter(|&cpus| cpus >= 4),
            shared_buffers,
            maintenance_work_mem: 0,
        };
        tune.maintenance_work_mem = tune.maintenance_work_mem();
        tune
    }

    fn workload(&self) -> Workload {
        self.input.workload
    }

    fn max_connections(&self) -> u32 {
        self.input.connections.unwrap_or(match self.workload() {
            Workload::Web => 200,
            Workload::Oltp => 300,
            Workload::Dw => 40,
            Workload::Desktop => 20,
            Workload::Mixed => 100,
        })
    }

    fn effective_cache_size(&self) -> u64 {
        if self.workload() == Workload::Desktop {
            self.ram / 4
        } else {
            self.ram * 3 / 4
        }
    }

    /// RAM/16 (RAM/8 for dw), capped at 8 GB, or 2 GB − 1 MB on old Windows.
    fn maintenance_work_mem(&self) -> u64 {
        let value = if self.workload() == Workload::Dw {
            self.ram / 8
        } else {
            self.ram / 16
        };
        let cap = if self.windows_old { 2 * GB } else { 8 * GB };
        match (value >= cap, self.windows_old) {
            (true, true) => cap - MB,
            (true, false) => cap,
            (false, _) => value,
        }
    }

    /// 3 % of shared_buffers, at most 16 MB, rounded up to 16 MB above 14 MB,
    /// at least 32 kB.
    fn wal_buffers(&self) -> u64 {
        let mut value = 3 * self.shared_buffers / 100;
        if value > 16 * MB {
            value = 16 * MB;
        }
        if value > 14 * MB && value < 16 * MB {
            value = 16 * MB;
        }
        value.max(32)
    }

    fn random_page_cost(&self) -> &'static str {
        let input = self.input;
        if input.data_size == DataSize::LessRam {
            "1.1"
        } else if input.storage == Storage::Hdd || input.workload == Workload::Dw {
            "4"
        } else {
            "1.1"
        }
    }

    fn effective_io_concurrency(&self) -> Option<u32> {
        (self.input.os == Os::Linux).then_some(match self.input.storage {
            Storage::Hdd => 2,
            Storage::Ssd => 200,
            Storage::San => 300,
            Storage::Nvme => 1000,
        })
    }

    /// (RAM − shared_buffers) / ((connections + workers) × 3), divided per
    /// workload, scaled by data size, at least 4 MB (at most 2 GB − 1 MB on
    /// old Windows). Integer division equals PGTune's floor of a real quotient.
    fn work_mem(&self) -> u64 {
        let workers = u64::from(self.parallel_cpus.unwrap_or(8));
        let divisor = match self.workload() {
            Workload::Web | Workload::Oltp => 1,
            Workload::Dw | Workload::Mixed => 2,
            Workload::Desktop => 6,
        };
        let slots = (u64::from(self.max_connections()) + workers) * 3 * divisor;
        let mut value = (self.ram - self.shared_buffers) / slots;
        value = match self.input.data_size {
            DataSize::LessRam => value * 13 / 10,
            DataSize::MidRam => value,
            DataSize::GreaterRam => value * 9 / 10,
        };
        value = value.max(4 * MB);
        if self.windows_old {
            value = value.min(2 * GB - MB);
        }
        value
    }

    fn huge_pages(&self) -> &'static str {
        if self.input.os != Os::Mac && self.shared_buffers >= 2 * GB {
            "try"
        } else {
            "off"
        }
    }

    fn jit(&self) -> Option<&'static str> {
        let analytical = matches!(self.workload(), Workload::Dw | Workload::Desktop);
        (self.input.pg_version >= 12 && !analytical).then_some("off")
    }

    fn wal_compression(&self) -> &'static str {
        if self.input.pg_version >= 15 {
            "lz4"
        } else {
            "on"
        }
    }

    fn autovacuum_max_workers(&self) -> Option<u32> {
        match self.input.cpus {
            Some(cpus) if cpus >= 32 => Some(5),
            Some(cpus) if cpus >= 16 => Some(4),
            _ => None,
        }
    }

    fn autovacuum_work_mem(&self) -> Option<u64> {
        (self.maintenance_work_mem >= 2 * GB).then_some(2 * GB)
    }

    fn io_method(&self) -> Option<&'static str> {
        match (self.input.pg_version >= 18, self.input.os) {
            (false, _) => None,
            (true, Os::Linux) => Some("io_uring"),
            (true, _) => Some("worker"),
        }
    }

    /// A quarter of the CPUs, 3 to 32, printed only above the default of 3
    /// and only with the `worker` I/O method.
    fn io_workers(&self) -> Option<u32> {
        let cpus = self.input.cpus?;
        if self.io_method() != Some("worker") {
            return None;
        }
        let value = (cpus / 4).clamp(3, 32);
        (value > 3).then_some(value)
    }

    fn wal_sizes(&self) -> (u64, u64) {
        let (min_mb, max_mb) = match self.workload() {
            Workload::Web | Workload::Mixed => (1024, 4096),
            Workload::Oltp => (2048, 8192),
            Workload::Dw => (4096, 16384),
            Workload::Desktop => (100, 2048),
        };
        (min_mb * MB, max_mb * MB)
    }

    /// max_worker_processes, per-gather (at most 4 except dw), parallel
    /// workers and maintenance workers (at most 4), from 4 CPUs up.
    fn parallel(&self) -> Vec<Parameter> {
        let Some(cpus) = self.parallel_cpus else {
            return Vec::new();
        };
        let half = cpus.div_ceil(2);
        let per_gather = if self.workload() == Workload::Dw {
            half
        } else {
            half.min(4)
        };
        let mut list = vec![
            Parameter::new("max_worker_processes", cpus),
            Parameter::new("max_parallel_workers_per_gather", per_gather),
            Parameter::new("max_parallel_workers", cpus),
        ];
        if self.input.pg_version >= 11 {
            list.push(Parameter::new(
                "max_parallel_maintenance_workers",
                half.min(4),
            ));
        }
        list
    }

    /// Every setting PGTune prints, in its order, omitted ones left out.
    fn parameters(&self) -> Vec<Parameter> {
        let statistics_target = if self.workload() == Workload::Dw {
            500
        } else {
            100
        };
        let memory = |name, kb| Some(Parameter::new(name, format_kb(kb)));
        let list: Vec<Option<Parameter>> = vec![
            Some(Parameter::new("max_connections", self.max_connections())),
            memory("shared_buffers", self.shared_buffers),
            memory("effective_cache_size", self.effective_cache_size()),
            memory("maintenance_work_mem", self.maintenance_work_mem),
            Some(Parameter::new("checkpoint_completion_target", "0.9")),
            memory("wal_buffers", self.wal_buffers()),
            Some(Parameter::new(
                "default_statistics_target",
                statistics_target,
            )),
            Some(Parameter::new("random_page_cost", self.random_page_cost())),
            self.effective_io_concurrency()
                .map(|v| Parameter::new("effective_io_concurrency", v)),
            memory("work_mem", self.work_mem()),
            Some(Parameter::new("huge_pages", self.huge_pages())),
            self.jit().map(|v| Parameter::new("jit", v)),
            Some(Parameter::new("wal_compression", self.wal_compression())),
            self.autovacuum_max_workers()
                .map(|v| Parameter::new("autovacuum_max_workers", v)),
            self.autovacuum_work_mem()
                .and_then(|kb| memory("autovacuum_work_mem", kb)),
            self.io_method().map(|v| Parameter::new("io_method", v)),
            self.io_workers().map(|v| Parameter::new("io_workers", v)),
        ];
        let mut list: Vec<Parameter> = list.into_iter().flatten().collect();
        list.extend(self.wal_and_parallel());
        list
    }

    /// WAL sizes, the parallel settings, and desktop's minimal WAL level.
    fn wal_and_parallel(&self) -> Vec<Parameter> {
        let (min_wal, max_wal) = self.wal_sizes();
        let mut list = vec![
            Parameter::new("min_wal_size", format_kb(min_wal)),
            Parameter::new("max_wal_size", format_kb(max_wal)),
        ];
        list.extend(self.parallel());
        if self.workload() == Workload::Desktop {
            list.push(Parameter::new("wal_level", "minimal"));
            list.push(Parameter::new("max_wal_senders", "0"));
        }
        list
    }

    /// PGTune's warnings: memory extremes, lz4, io_uring, dw cost parameters.
    fn warnings(&self) -> Vec<Warning> {
        let mut warnings = Vec::new();
        if self.ram < 256 * MB {
            warnings.push(Warning::new([
                "this tool not being optimal",
                "for low memory systems",
            ]));
        } else if self.ram > 100 * GB {
            warnings.push(Warning::new([
                "this tool not being optimal",
                "for very high memory systems",
            ]));
        }
        if self.wal_compression() == "lz4" {
            warnings.push(Warning::new([
                "wal_compression = lz4 requires PostgreSQL",
                "to be compiled with --with-lz4",
            ]));
        }
        if self.io_method() == Some("io_uring") {
            warnings.push(Warning::new([
                "io_method = io_uring requires PostgreSQL",
                "to be compiled with --with-liburing",
            ]));
        }
        if let Some(warning) = self.warehouse_cost_warning() {
            warnings.push(warning);
        }
        warnings
    }

    fn warehouse_cost_warning(&self) -> Option<Warning> {
        let input = self.input;
        if input.workload != Workload::Dw || input.data_size == DataSize::LessRam {
            return None;
        }
        let drives = match input.storage {
            Storage::Hdd => return None,
            Storage::Ssd => "SSDs",
            Storage::Nvme => "NVMe drives",
            Storage::San => "SAN storage",
        };
        Some(Warning::new([
            format!("Cost parameters for Data Warehouses on {drives} are left at defaults"),
            "to avoid catastrophic index scan selections".to_owned(),
            "Monitor query planner behavior and adjust random_page_cost if necessary".to_owned(),
        ]))
    }
}

#[cfg(test)]
#[path = "postgresql_tests.rs"]
mod tests;
