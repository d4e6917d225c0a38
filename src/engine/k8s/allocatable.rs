//! What a node leaves for pods: capacity minus the kubelet and system
//! reservations and the eviction threshold, by each provider's published
//! rules.
//!
//! - GKE ("Plan GKE Standard node sizes", cloud.google.com/kubernetes-engine/docs/concepts/plan-node-sizes):
//!   memory 255 MiB below 1 GiB, else 25 % of the first 4 GiB, 20 % of the
//!   next 4, 10 % of the next 8, 6 % of the next 112, 2 % above 128 GiB;
//!   eviction 100 MiB; CPU 6 % of the first core, 1 % of the second, 0.5 %
//!   of cores 3–4, 0.25 % above 4.
//! - EKS (Amazon Linux bootstrap, awslabs/amazon-eks-ami): memory
//!   11 MiB × max pods + 255 MiB, eviction 100 MiB; CPU as GKE.
//! - AKS ("Node resource reservations", learn.microsoft.com/azure/aks/node-resource-reservations):
//!   CPU by the published table (1 core 60m, 2 → 100m, 4 → 140m, 8 → 180m,
//!   16 → 260m, 32 → 420m, 64 → 740m; other counts above 4 by the rule the
//!   table follows there, 100m + 10m per core); memory from 1.29 the smaller
//!   of 20 MiB × max pods + 50 MiB and 25 % of memory, eviction 100 MiB;
//!   before 1.29 the GKE memory bands and eviction 750 MiB.

use serde::Serialize;

use crate::plan::CloudProvider;

/// A node's capacity and what pods can request of it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Allocatable {
    /// CPU pods can request, millicores.
    pub cpu_millicores: u32,
    /// Memory pods can request, MiB.
    pub memory_mib: u32,
    /// Pods a node runs.
    pub pods: u32,
    /// CPU the provider reserves, millicores.
    pub reserved_cpu_millicores: u32,
    /// Memory the provider reserves, including the eviction threshold, MiB.
    pub reserved_memory_mib: u32,
}

/// GKE's (and EKS's) regressive CPU reservation, millicores.
fn cpu_bands(millicores: u32) -> u32 {
    let cores = f64::from(millicores) / 1000.0;
    let mut reserved = 0.06 * cores.min(1.0);
    reserved += 0.01 * (cores.min(2.0) - 1.0).max(0.0);
    reserved += 0.005 * (cores.min(4.0) - 2.0).max(0.0);
    reserved += 0.0025 * (cores - 4.0).max(0.0);
    // Whole millicores, rounded to the nearest (the bands give exact values
    // for whole cores).
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let rounded = (reserved * 1000.0).round() as u32;
    rounded
}

/// GKE's regressive memory reservation, MiB (without eviction).
fn memory_bands(memory_mib: u32) -> f64 {
    let gib = f64::from(memory_mib) / 1024.0;
    if gib < 1.0 {
        return 255.0;
    }
    let mut reserved = 0.25 * gib.min(4.0);
    reserved += 0.20 * (gib.min(8.0) - 4.0).max(0.0);
    reserved += 0.10 * (gib.min(16.0) - 8.0).max(0.0);
    reserved += 0.06 * (gib.min(128.0) - 16.0).max(0.0);
    reserved += 0.02 * (gib - 128.0).max(0.0);
    reserved * 1024.0
}

/// AKS's CPU reservation, millicores, and whether the core count is off
/// the published table.
fn aks_cpu(millicores: u32) -> (u32, bool) {
    let cores = millicores / 1000;
    match cores {
        0 | 1 => (60, cores == 0),
        2 => (100, false),
        4 | 8 | 16 | 32 | 64 => (100 + 10 * cores, false),
        _ => (100 + 10 * cores, true),
    }
}

/// Whether an AKS version string (`1.31`, `1.28.5`) is before 1.29.
fn aks_before_1_29(version: Option<&str>) -> bool {
    let Some(version) = version else {
        return false;
    };
    let mut parts = version.trim_start_matches('v').split('.');
    let major: u32 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(1);
    let minor: u32 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(29);
    (major, minor) < (1, 29)
}

/// What a node of `vcpus` and `memory_gib` leaves for pods on `provider`
/// running Kubernetes `version`, with `max_pods` pods per node. The second
/// value is a note when a rule had to be extended beyond its table.
pub fn allocatable(
    provider: CloudProvider,
    version: Option<&str>,
    vcpus: u32,
    memory_gib: f64,
    max_pods: u32,
) -> (Allocatable, Option<String>) {
    let cpu = vcpus * 1000;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let memory = (memory_gib * 1024.0).round() as u32;
    let mut note = None;
    let (reserved_cpu, reserved_memory) = match provider {
        CloudProvider::Gcp => (cpu_bands(cpu), memory_bands(memory) + 100.0),
        CloudProvider::Aws => (cpu_bands(cpu), f64::from(11 * max_pods + 255) + 100.0),
        CloudProvider::Azure => {
            let (reserved, off_table) = aks_cpu(cpu);
            if off_table {
                note = Some(format!(
                    "{vcpus} cores is not in AKS's published CPU reservation table; 100m + 10m per core assumed, the rule the table follows from 4 cores"
                ));
            }
            let memory_reserved = if aks_before_1_29(version) {
                memory_bands(memory) + 750.0
            } else {
                f64::from(20 * max_pods + 50).min(0.25 * f64::from(memory)) + 100.0
            };
            (reserved, memory_reserved)
        }
    };
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let reserved_memory = reserved_memory.round() as u32;
    (
        Allocatable {
            cpu_millicores: cpu.saturating_sub(reserved_cpu),
            memory_mib: memory.saturating_sub(reserved_memory),
            pods: max_pods,
            reserved_cpu_millicores: reserved_cpu,
            reserved_memory_mib: reserved_memory,
        },
        note,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The worked examples of the vendors' rules, by hand.
    #[test]
    fn vendor_worked_examples() {
        // GKE 4 vCPU / 16 GiB: CPU 60 + 10 + 5 + 5 = 80m → 3,920m; memory
        // 1 + 0.8 + 0.8 = 2.6 GiB (2,662.4 MiB) + 100 MiB → 16,384 − 2,762
        // = 13,622 MiB ≈ 13.30 GiB.
        let (gke, _) = allocatable(CloudProvider::Gcp, None, 4, 16.0, 110);
        assert_eq!(gke.cpu_millicores, 3_920);
        assert_eq!(gke.memory_mib, 13_622);
        // EKS m5.large, 2 vCPU / 8 GiB, 29 pods: CPU 70m → 1,930m; memory
        // 11 × 29 + 255 = 574 MiB + 100 MiB → 8,192 − 674 = 7,518 MiB.
        let (eks, _) = allocatable(CloudProvider::Aws, None, 2, 8.0, 29);
        assert_eq!(eks.cpu_millicores, 1_930);
        assert_eq!(eks.memory_mib, 7_518);
        // AKS 1.29+, 4 vCPU / 16 GiB, 30 pods: CPU 140m → 3,860m; memory
        // min(20 × 30 + 50, 25 %) = 650 MiB + 100 MiB → 15,634 MiB (≈ 15.25 GB
        // in the AKS documentation's rounding).
        let (aks, note) = allocatable(CloudProvider::Azure, Some("1.31"), 4, 16.0, 30);
        assert_eq!(aks.cpu_millicores, 3_860);
        assert_eq!(aks.memory_mib, 15_634);
        assert!(note.is_none());
        // AKS 1.29+, 4 GiB and 70 pods: the 25 % cap (1,024 MiB) beats
        // 20 × 70 + 50 = 1,450 MiB.
        let (capped, _) = allocatable(CloudProvider::Azure, Some("1.30"), 2, 4.0, 70);
        assert_eq!(capped.reserved_memory_mib, 1_024 + 100);
        // AKS 1.28: GKE bands and a 750 MiB eviction threshold.
        let (old, _) = allocatable(CloudProvider::Azure, Some("1.28"), 4, 16.0, 30);
        assert_eq!(old.reserved_memory_mib, 2_662 + 750);
        // GKE 150 GiB: 1 + 0.8 + 0.8 + 6.72 + 0.44 = 9.76 GiB + 100 MiB.
        let (big, _) = allocatable(CloudProvider::Gcp, None, 32, 150.0, 110);
        assert_eq!(big.reserved_memory_mib, 9_994 + 100);
    }

    #[test]
    fn an_off_table_aks_core_count_says_so() {
        let (aks, note) = allocatable(CloudProvider::Azure, None, 6, 24.0, 250);
        assert_eq!(aks.reserved_cpu_millicores, 160);
        assert!(note.unwrap().contains("6 cores"));
    }
}
