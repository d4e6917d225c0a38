//! Elasticsearch / OpenSearch settings: the JVM heap as Elasticsearch sizes
//! it for data nodes (half of RAM, at most 31 GB to keep compressed object
//! pointers; 40 % with a 128 MB floor below 1 GB), node topology after
//! Elastic's resilience guidance (three master-eligible nodes for HA, three
//! dedicated masters beyond three nodes), primary shards from the data size
//! (10–50 GB per shard: 30 GB for time-series, 20 GB for search), one
//! replica when HA is required, and an ILM outline.

use super::units::format_mb;
use super::{DbConfig, DbConfigInput, Engine, Parameter, Warning};

/// Largest heap that keeps compressed object pointers, MB.
const MAX_HEAP_MB: u64 = 31 * 1024;
/// Shards per GB of heap, at most (Elastic's classic guidance).
const SHARDS_PER_HEAP_GB: u64 = 20;

/// The elasticsearch.yml and jvm.options lines and the cluster layout for `input`.
pub fn configure(input: &DbConfigInput) -> DbConfig {
    let heap_mb = heap_mb(input.memory.mb());
    let layout = Layout::new(input, heap_mb);
    let heap = format_mb(heap_mb, "g", "m");
    let mut parameters = Vec::new();
    if layout.data_nodes == 1 && layout.dedicated_masters == 0 {
        parameters.push(Parameter::new("discovery.type", "single-node"));
    } else if layout.dedicated_masters > 0 {
        parameters.push(Parameter::new("node.roles", "[ data, ingest ]"));
    } else {
        parameters.push(Parameter::new("node.roles", "[ master, data, ingest ]"));
    }
    if input.high_availability && layout.data_nodes > 1 {
        parameters.push(Parameter::new(
            "cluster.routing.allocation.awareness.attributes",
            "zone",
        ));
    }
    parameters.push(Parameter::new("bootstrap.memory_lock", "true"));
    parameters.push(Parameter::new("-Xms", &heap));
    parameters.push(Parameter::new("-Xmx", &heap));
    DbConfig {
        engine: Engine::Elasticsearch,
        header: header(input),
        parameters,
        cluster: layout.cluster(input),
        warnings: layout.warnings(input, heap_mb),
        notes: layout.master_note(input).into_iter().collect(),
    }
}

fn header(input: &DbConfigInput) -> Vec<String> {
    let mut lines = vec![
        "DB: Elasticsearch / OpenSearch".to_owned(),
        format!("Total Memory (RAM) per node: {}", input.memory),
    ];
    if let Some(gb) = input.data_gb {
        lines.push(format!("Data size: {gb} GB"));
    }
    lines.push(format!(
        "High availability: {}",
        if input.high_availability { "yes" } else { "no" }
    ));
    lines
}

/// Heap for a data node: below 1 GB of RAM 40 % (at least 128 MB), else
/// half, at most 31 GB.
pub fn heap_mb(ram_mb: u64) -> u64 {
    if ram_mb < 1024 {
        (ram_mb * 40 / 100).max(128)
    } else {
        (ram_mb / 2).min(MAX_HEAP_MB)
    }
}

/// Node counts, shards and replicas.
struct Layout {
    primaries: u64,
    replicas: u64,
    data_nodes: u64,
    /// Nodes the shard count and disk need, before the plan's fixed count.
    needed_nodes: u64,
    /// Dedicated master nodes; 0 when data nodes are master-eligible.
    dedicated_masters: u32,
    /// What the guidance alone would choose, before the plan's count.
    computed_masters: u32,
}

impl Layout {
    fn new(input: &DbConfigInput, heap_mb: u64) -> Self {
        let target_gb = if input.time_series { 30 } else { 20 };
        let primaries = input.data_gb.map_or(1, |gb| gb.div_ceil(target_gb).max(1));
        let replicas = u64::from(input.high_availability);
        let copies = primaries * (1 + replicas);
        let heap_whole_gb = (heap_mb / 1024).max(1);
        let for_shards = copies.div_ceil(SHARDS_PER_HEAP_GB * heap_whole_gb);
        // Disk: every copy, plus 15 % for the disk watermarks.
        let for_disk = match (input.data_gb, input.disk_gb) {
            (Some(data), Some(disk)) if disk > 0 => {
                (data.saturating_mul((1 + replicas) * 115) / 100).div_ceil(disk)
            }
            _ => 1,
        };
        let base = if input.high_availability { 3 } else { 1 };
        let mut needed = base.max(for_shards).max(for_disk);
        if needed == 2 {
            // Two master-eligible nodes cannot outvote each other.
            needed = 3;
        }
        let data_nodes = input.data_nodes.map_or(needed, u64::from).max(1);
        let computed_masters = if data_nodes > 3 { 3 } else { 0 };
        Self {
            primaries,
            replicas: if data_nodes > 1 { replicas } else { 0 },
            data_nodes,
            needed_nodes: needed,
            dedicated_masters: input.stated.master_nodes.unwrap_or(computed_masters),
            computed_masters,
        }
    }

    fn cluster(&self, input: &DbConfigInput) -> Vec<Parameter> {
        let masters = if self.dedicated_masters > 0 {
            format!(
                "{} dedicated (node.roles: [ master ]), one per zone",
                self.dedicated_masters
            )
        } else if self.data_nodes == 1 {
            "the single node".to_owned()
        } else {
            "every data node is master-eligible".to_owned()
        };
        let ilm = if input.time_series {
            "hot: rollover at max_primary_shard_size 50gb or max_age 30d (min_primary_shard_size \
             10gb); warm after 7d: forcemerge to 1 segment; delete after the retention period"
        } else {
            "no rollover: one index per data set; reindex into more primaries when a shard \
             passes 50gb"
        };
        vec![
            Parameter::new("data nodes", self.data_nodes),
            Parameter::new("master nodes", masters),
            Parameter::new("index.number_of_shards", self.primaries),
            Parameter::new("index.number_of_replicas", self.replicas),
            Parameter::new("ilm", ilm),
        ]
    }

    /// Says so when the plan's dedicated masters differ from the guidance.
    fn master_note(&self, input: &DbConfigInput) -> Option<String> {
        let stated = input.stated.master_nodes?;
        (stated != self.computed_masters).then(|| {
            let computed = if self.computed_masters > 0 {
                format!("{} dedicated masters", self.computed_masters)
            } else {
                "no dedicated masters at this node count".to_owned()
            };
            format!(
                "master nodes: {stated} dedicated as the plan states \
                 (elasticsearch.topology.masterNodes); Elastic's guidance for {} data nodes: {computed}",
                self.data_nodes
            )
        })
    }

    fn warnings(&self, input: &DbConfigInput, heap_mb: u64) -> Vec<Warning> {
        let mut list = Vec::new();
        if matches!(self.dedicated_masters, 1 | 2) {
            list.push(Warning::new([format!(
                "{} dedicated master nodes cannot keep a quorum when one fails: use 3",
                self.dedicated_masters
            )]));
        }
        if heap_mb == MAX_HEAP_MB {
            list.push(Warning::new([
                "heap capped at 31g to keep compressed object pointers: check the log for \
                 `compressed ordinary object pointers [true]`; the rest of RAM is filesystem cache",
            ]));
        }
        if input.data_gb.is_none() {
            list.push(Warning::new([
                "data size unknown: 1 primary shard assumed; give --data-gb to size shards at \
                 10-50 GB each",
            ]));
        }
        if self.data_nodes == 1 {
            list.push(Warning::new([
                "a single node is not resilient: replicas are 0 so the cluster can be green",
            ]));
        }
        if self.data_nodes < self.needed_nodes {
            list.push(Warning::new([format!(
                "the plan's {} data nodes are fewer than the {} the shards and disk need",
                self.data_nodes, self.needed_nodes
            )]));
        }
        list
    }
}

#[cfg(test)]
mod tests {
    use super::{configure, heap_mb};
    use crate::engine::dbconfig::{DbConfigInput, Engine, Memory, MemoryUnit};

    #[test]
    fn heap_is_half_of_ram_below_the_compressed_oops_limit() {
        assert_eq!(heap_mb(32 * 1024), 16 * 1024);
        assert_eq!(heap_mb(64 * 1024), 31 * 1024);
        assert_eq!(heap_mb(3000), 1500);
        assert_eq!(heap_mb(512), 204); // 40 % of 512
        assert_eq!(heap_mb(256), 128);
    }

    #[test]
    fn highly_available_search_cluster() {
        let mut input = DbConfigInput::new(Engine::Elasticsearch, Memory::new(32, MemoryUnit::Gb));
        input.high_availability = true;
        input.data_gb = Some(200);
        let config = configure(&input);
        assert_eq!(config.get("node.roles"), Some("[ master, data, ingest ]"));
        assert_eq!(config.get("-Xms"), Some("16g"));
        assert_eq!(config.get("-Xmx"), Some("16g"));
        // 200 GB / 20 GB per search shard = 10 primaries; 1 replica; 3 nodes.
        assert_eq!(config.cluster_value("index.number_of_shards"), Some("10"));
        assert_eq!(config.cluster_value("index.number_of_replicas"), Some("1"));
        assert_eq!(config.cluster_value("data nodes"), Some("3"));
        assert!(config.warnings.is_empty());
    }

    #[test]
    fn big_time_series_cluster_gets_dedicated_masters() {
        let mut input = DbConfigInput::new(Engine::Elasticsearch, Memory::new(64, MemoryUnit::Gb));
        input.high_availability = true;
        input.time_series = true;
        input.data_gb = Some(6000);
        input.disk_gb = Some(2000);
        let config = configure(&input);
        // 6000 / 30 = 200 primaries, 400 copies; disk: 6000 × 2 × 1.15 / 2000 = 6.9 → 7 nodes.
        assert_eq!(config.cluster_value("index.number_of_shards"), Some("200"));
        assert_eq!(config.cluster_value("data nodes"), Some("7"));
        assert_eq!(config.get("node.roles"), Some("[ data, ingest ]"));
        assert_eq!(config.get("-Xmx"), Some("31g"));
        assert_eq!(config.warnings.len(), 1, "only the heap cap");
    }

    #[test]
    fn single_node_without_ha() {
        let input = DbConfigInput::new(Engine::Elasticsearch, Memory::new(3000, MemoryUnit::Mb));
        let config = configure(&input);
        assert_eq!(config.get("discovery.type"), Some("single-node"));
        assert_eq!(config.get("-Xms"), Some("1500m"));
        assert_eq!(config.cluster_value("index.number_of_replicas"), Some("0"));
        assert_eq!(config.warnings.len(), 2);
    }
}
