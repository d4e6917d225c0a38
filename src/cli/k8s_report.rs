//! Renderers of `infraplan k8s size`: what `engine::k8s` computed, laid
//! out as tables.

use std::fmt::Write as _;

use infraplan::engine::EngineFinding;
use infraplan::engine::k8s::{Binding, ClusterSizing, PoolSizing};

use super::output::new_table;

const HEADER: [&str; 8] = [
    "pool",
    "node (vCPU / GiB)",
    "allocatable / node",
    "workloads",
    "pods exp / max",
    "nodes needed exp / max",
    "planned",
    "monthly",
];

fn row(pool: &PoolSizing) -> Vec<String> {
    let a = &pool.allocatable;
    vec![
        pool.name.clone(),
        format!("{} ({} / {})", pool.node_size, pool.vcpus, pool.memory_gib),
        format!(
            "{}m · {} MiB · {} pods",
            a.cpu_millicores, a.memory_mib, a.pods
        ),
        if pool.workloads.is_empty() {
            "—".to_owned()
        } else {
            pool.workloads.join(", ")
        },
        format!("{} / {}", pool.pods.expected, pool.pods.max),
        match (pool.nodes_needed, pool.binding) {
            (Some(n), Some(b)) => format!("{} / {} ({} binds)", n.expected, n.max, binding(b)),
            (Some(n), None) => format!("{} / {}", n.expected, n.max),
            (None, _) => "—".to_owned(),
        },
        match pool.max_count {
            Some(max) => format!("{} (max {max})", pool.count),
            None => pool.count.to_string(),
        },
        pool.monthly_cost
            .map_or_else(|| "not priced".to_owned(), super::cost_report::money),
    ]
}

fn binding(binding: Binding) -> &'static str {
    match binding {
        Binding::Cpu => "CPU",
        Binding::Memory => "memory",
        Binding::Pods => "pods",
    }
}

fn headline(cluster: &ClusterSizing) -> String {
    format!(
        "{} ({}) on {} {}{}",
        cluster.name,
        cluster.component,
        cluster.provider.as_str(),
        cluster.region,
        cluster
            .version
            .as_ref()
            .map(|v| format!(", Kubernetes {v}"))
            .unwrap_or_default()
    )
}

fn calculator_lines(cluster: &ClusterSizing) -> Vec<String> {
    let r = &cluster.resource_calculator;
    let money = |m: Option<infraplan::plan::money::Money>| {
        m.map_or_else(|| "not priced".to_owned(), super::cost_report::money)
    };
    let ds = cluster
        .pools
        .first()
        .map(|p| {
            let [cpu, memory, pods] = p.daemon_sets;
            format!(
                "DaemonSets take {cpu}m CPU, {memory} MiB and {pods} pod slot(s) from every node"
            )
        })
        .unwrap_or_default();
    vec![
        ds,
        format!(
            "requested: {} CPU, {} memory (limits {} CPU, {})",
            r.total_cpu, r.total_memory, r.total_cpu_limit, r.total_memory_limit
        ),
        format!(
            "allocatable on the planned nodes after DaemonSets: {} CPU, {}",
            r.allocatable_cpu, r.allocatable_memory
        ),
        format!(
            "efficiency {}% (requested ÷ allocatable), overcommit {}% (limits ÷ allocatable)",
            r.efficiency_percent, r.overcommit_percent
        ),
        format!(
            "monthly: {} (nodes and control plane), unused capacity {}, {} per pod",
            money(r.estimated_cost),
            money(r.unused_cost),
            money(r.cost_per_pod)
        ),
    ]
}

fn finding_lines(findings: &[EngineFinding]) -> Vec<String> {
    findings.iter().map(super::output::finding_line).collect()
}

/// `k8s size` for a terminal.
pub fn table(clusters: &[ClusterSizing]) -> String {
    let mut out = String::new();
    for cluster in clusters {
        let _ = writeln!(out, "{}", headline(cluster));
        let mut table = new_table(HEADER.map(str::to_owned).to_vec());
        for pool in &cluster.pools {
            table.add_row(row(pool));
        }
        let _ = writeln!(out, "{table}");
        out.push_str("Resource calculator\n");
        for line in calculator_lines(cluster) {
            let _ = writeln!(out, "  {line}");
        }
        if !cluster.notes.is_empty() {
            out.push_str("Notes\n");
            for note in &cluster.notes {
                let _ = writeln!(out, "  - {note}");
            }
        }
        out.push_str(if cluster.findings.is_empty() {
            "Findings: none\n"
        } else {
            "Findings\n"
        });
        for line in finding_lines(&cluster.findings) {
            let _ = writeln!(out, "  {line}");
        }
        out.push('\n');
    }
    out
}

/// `k8s size` as markdown.
pub fn markdown(clusters: &[ClusterSizing]) -> String {
    let mut out = String::new();
    for cluster in clusters {
        let _ = writeln!(out, "## {}\n", headline(cluster));
        let _ = writeln!(out, "| {} |", HEADER.join(" | "));
        let _ = writeln!(out, "|{}", " --- |".repeat(HEADER.len()));
        for pool in &cluster.pools {
            let cells: Vec<String> = row(pool)
                .into_iter()
                .map(|c| c.replace('|', "\\|"))
                .collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
        out.push('\n');
        for line in calculator_lines(cluster) {
            let _ = writeln!(out, "- {line}");
        }
        for note in &cluster.notes {
            let _ = writeln!(out, "- Note: {note}");
        }
        out.push_str("\n**Findings**\n\n");
        if cluster.findings.is_empty() {
            out.push_str("None.\n");
        }
        for line in finding_lines(&cluster.findings) {
            let _ = writeln!(out, "- {line}");
        }
        out.push('\n');
    }
    out
}
