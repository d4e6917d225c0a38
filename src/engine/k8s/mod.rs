//! Kubernetes node sizing (the specification's Kubernetes Workload Designer
//! resource calculator): for each `container_cluster`, what a node of each
//! pool leaves for pods ([`allocatable`]), how many nodes the workloads
//! need at their expected replicas and at their autoscaler maximum
//! ([`packing`]), the resource calculator, the monthly cost from catalog
//! prices, and findings.
//!
//! Entry: [`size`].

pub mod allocatable;
pub mod manifests;
pub mod packing;

use serde::Serialize;

use super::{Context, EngineFinding};
use crate::catalog::billing::SkuRef;
use crate::diag::Code;
use crate::engine::cost::pricebook::{PriceBook, sku_shape};
use crate::placement;
use crate::plan::component::{DaemonSet, KubernetesConfig, NodePool, Workload};
use crate::plan::money::Money;
use crate::plan::{CloudProvider, Component, ComponentType};
use allocatable::{Allocatable, allocatable};
use packing::{NodeRoom, Pod, nodes_needed};

/// Hours in the month the estimate prices.
const HOURS: i128 = 730;

/// A limit this many times its request is flagged.
const LIMIT_RATIO: u64 = 4;

/// Nodes needed at expected replicas and at the autoscalers' maximum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodesNeeded {
    /// At the workloads' `replicas`.
    pub expected: u32,
    /// At each HPA's `maxReplicas` (`replicas` without one).
    pub max: u32,
}

/// Which request fills a node first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Binding {
    /// CPU requests.
    Cpu,
    /// Memory requests.
    Memory,
    /// The pods-per-node limit.
    Pods,
}

/// One pool, sized.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PoolSizing {
    /// Pool name.
    pub name: String,
    /// Instance type, or `N vCPU / M GB`.
    pub node_size: String,
    /// vCPUs per node.
    pub vcpus: u32,
    /// Memory per node, GiB.
    pub memory_gib: f64,
    /// Pods per node and where the number comes from.
    pub max_pods_from: String,
    /// What a node leaves for pods.
    pub allocatable: Allocatable,
    /// What the DaemonSets take from every node: CPU millicores, memory MiB, pods.
    pub daemon_sets: [u32; 3],
    /// Workloads placed on the pool.
    pub workloads: Vec<String>,
    /// Pods at expected replicas and at the maximum.
    pub pods: NodesNeeded,
    /// Nodes needed (packed, plus upgrade surge, rounded to the zones);
    /// absent for a pool without workloads.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nodes_needed: Option<NodesNeeded>,
    /// Which request binds at expected replicas.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub binding: Option<Binding>,
    /// Nodes the plan gives the pool.
    pub count: u32,
    /// The autoscaler's ceiling, when set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_count: Option<u32>,
    /// Price of one node for the month (730 hours).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node_monthly: Option<Money>,
    /// The pool's nodes at `count`, for the month.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub monthly_cost: Option<Money>,
}

/// The specification's resource calculator, over the cluster's pools.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceCalculator {
    /// CPU requested by the workloads at expected replicas (a Kubernetes quantity).
    #[serde(rename = "totalCPU")]
    pub total_cpu: String,
    /// Memory requested (a Kubernetes quantity).
    pub total_memory: String,
    /// CPU limits, where set, else requests.
    #[serde(rename = "totalCPULimit")]
    pub total_cpu_limit: String,
    /// Memory limits, where set, else requests.
    pub total_memory_limit: String,
    /// CPU allocatable on the planned nodes, after DaemonSets.
    #[serde(rename = "allocatableCPU")]
    pub allocatable_cpu: String,
    /// Memory allocatable on the planned nodes, after DaemonSets.
    pub allocatable_memory: String,
    /// Requested ÷ allocatable, the larger of CPU and memory, percent.
    pub efficiency_percent: u32,
    /// Limits ÷ allocatable, the larger of CPU and memory, percent.
    pub overcommit_percent: u32,
    /// Planned nodes and control plane for the month (the priced pools
    /// only, when a pool has no price; the notes say which).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub estimated_cost: Option<Money>,
    /// The share of the nodes' cost no request uses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unused_cost: Option<Money>,
    /// Nodes' cost ÷ pods at expected replicas.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost_per_pod: Option<Money>,
}

/// One cluster, sized.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterSizing {
    /// Component id.
    pub component: String,
    /// Display name.
    pub name: String,
    /// Provider.
    pub provider: CloudProvider,
    /// Region priced.
    pub region: String,
    /// Kubernetes version the reservations assume.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Pools in plan order.
    pub pools: Vec<PoolSizing>,
    /// Totals.
    pub resource_calculator: ResourceCalculator,
    /// How figures were reached.
    pub notes: Vec<String>,
    /// What to fix.
    pub findings: Vec<EngineFinding>,
}

/// Why sizing cannot run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SizeError {
    /// `--component` names no container cluster.
    #[error("the plan has no container_cluster `{wanted}`{}", if .known.is_empty() { "; it has no Kubernetes clusters".to_owned() } else { format!("; clusters: {}", .known.join(", ")) })]
    UnknownCluster {
        /// What was asked for.
        wanted: String,
        /// Cluster ids.
        known: Vec<String>,
    },
}

/// The plan's container clusters with a `kubernetes` section, or only
/// `component`, which must be one of them.
pub fn clusters<'p>(
    ctx: &Context<'p>,
    component: Option<&str>,
) -> Result<Vec<&'p Component>, SizeError> {
    let all: Vec<&Component> = ctx
        .plan
        .components
        .iter()
        .filter(|c| c.kind == ComponentType::ContainerCluster && c.kubernetes.is_some())
        .collect();
    match component {
        None => Ok(all),
        Some(wanted) => {
            let chosen: Vec<&Component> = all
                .iter()
                .copied()
                .filter(|c| c.id.as_str() == wanted)
                .collect();
            if chosen.is_empty() {
                return Err(SizeError::UnknownCluster {
                    wanted: wanted.to_owned(),
                    known: all.iter().map(|c| c.id.as_str().to_owned()).collect(),
                });
            }
            Ok(chosen)
        }
    }
}

/// Sizes every container cluster of the plan (or `component` only), as it
/// runs in `environment` (its overrides applied) when given.
pub fn size(
    ctx: &Context<'_>,
    component: Option<&str>,
    environment: Option<&str>,
) -> Result<Vec<ClusterSizing>, SizeError> {
    let clusters = clusters(ctx, component)?;
    let production = environment.is_none_or(|env| {
        ctx.plan
            .environments
            .iter()
            .find(|e| e.name.as_str() == env)
            .is_none_or(|e| e.scale >= 1.0)
    });
    Ok(clusters
        .into_iter()
        .map(|c| {
            let c = match environment {
                Some(env) => c.in_environment(env),
                None => std::borrow::Cow::Borrowed(c),
            };
            size_cluster(ctx, &c, production)
        })
        .collect())
}

fn cpu_text(millicores: u64) -> String {
    if millicores.is_multiple_of(1000) {
        format!("{}", millicores / 1000)
    } else {
        format!("{millicores}m")
    }
}

fn memory_text(mib: u64) -> String {
    if mib.is_multiple_of(1024) {
        format!("{}Gi", mib / 1024)
    } else {
        format!("{mib}Mi")
    }
}

fn mib(bytes: u64) -> u32 {
    u32::try_from(bytes.div_ceil(1024 * 1024)).unwrap_or(u32::MAX)
}

fn pod_of(workload: &Workload) -> Pod {
    Pod {
        cpu: u32::try_from(workload.cpu.millicores()).unwrap_or(u32::MAX),
        memory: mib(workload.memory.bytes()),
    }
}

fn max_replicas(workload: &Workload) -> u32 {
    workload
        .autoscaling
        .as_ref()
        .map_or(workload.replicas, |a| a.max_replicas.max(workload.replicas))
}

/// Monthly cents of `nodes` nodes at `nanos` an hour.
fn monthly(nanos: i64, nodes: u32) -> Money {
    let total = i128::from(nanos) * HOURS * i128::from(nodes);
    // Nano-dollars to cents, rounded half up.
    let cents = (total + 5_000_000) / 10_000_000;
    Money::from_cents(i64::try_from(cents).unwrap_or(i64::MAX))
}

struct PoolPlan<'a> {
    pool: &'a NodePool,
    shape: Option<(u32, f64)>,
    allocatable: Option<Allocatable>,
    room: Option<NodeRoom>,
    max_pods_from: String,
}

#[allow(clippy::too_many_lines, reason = "one pass over the pools, in order")]
fn size_cluster(ctx: &Context<'_>, component: &Component, production: bool) -> ClusterSizing {
    let id = component.id.as_str();
    let kubernetes: &KubernetesConfig = component
        .kubernetes
        .as_ref()
        .expect("filtered to clusters with a kubernetes section");
    let provider = placement::own_provider(ctx.plan, Some(component), ctx.defaults)
        .unwrap_or(CloudProvider::Azure);
    let rules = ctx.catalog.billing().provider(provider);
    let region = placement::region(ctx.plan, Some(component), provider, ctx.defaults)
        .or_else(|| rules.map(|r| r.default_region.clone()))
        .unwrap_or_default();
    let book = PriceBook::new(ctx.catalog, provider, &region);
    let sizing = ctx.catalog.node_sizing();
    let defaults = sizing.providers.get(provider);
    let mut notes = Vec::new();
    let mut findings = Vec::new();

    let daemon_sets: Vec<DaemonSet> = if let Some(list) = &kubernetes.daemon_sets {
        list.clone()
    } else {
        notes.push(format!(
            "No `daemonSets` in the plan: {} per node assumed ({})",
            defaults
                .map(|d| {
                    d.daemon_sets
                        .iter()
                        .map(|s| format!("{} {} CPU / {}", s.name, s.cpu, s.memory))
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default(),
            sizing.daemon_set_source
        ));
        defaults.map(|d| d.daemon_sets.clone()).unwrap_or_default()
    };
    let ds_cpu: u32 = daemon_sets
        .iter()
        .map(|d| u32::try_from(d.cpu.millicores()).unwrap_or(u32::MAX))
        .sum();
    let ds_memory: u32 = daemon_sets.iter().map(|d| mib(d.memory.bytes())).sum();
    let ds_pods = u32::try_from(daemon_sets.len()).unwrap_or(u32::MAX);

    let plans: Vec<PoolPlan<'_>> = kubernetes
        .node_pools
        .iter()
        .map(|pool| {
            let shape = match (&pool.instance_type, pool.vcpus, pool.memory_gb) {
                (_, Some(v), Some(m)) => Some((v, m)),
                (Some(sku), _, _) => sku_shape(ctx.catalog, sku, &[]),
                _ => None,
            };
            let (max_pods, from) = if let Some(n) = pool.max_pods {
                (n, format!("{n} (the pool's maxPods)"))
            } else {
                let eks = pool
                    .instance_type
                    .as_deref()
                    .filter(|_| provider == CloudProvider::Aws)
                    .and_then(|t| sizing.eks_network_interfaces.max_pods(t));
                match (eks, defaults.and_then(|d| d.default_max_pods)) {
                    (Some(n), _) => (
                        n,
                        format!(
                            "{n} (EKS default for {}: ENIs × (IPv4 per ENI − 1) + 2)",
                            pool.instance_type.as_deref().unwrap_or_default()
                        ),
                    ),
                    (None, Some(n)) => (
                        n,
                        format!(
                            "{n} ({})",
                            defaults.map(|d| d.max_pods_note.as_str()).unwrap_or_default()
                        ),
                    ),
                    (None, None) => (110, "110 (the kubelet's default)".to_owned()),
                }
            };
            let computed = shape.map(|(vcpus, memory)| {
                allocatable(provider, kubernetes.version.as_deref(), vcpus, memory, max_pods)
            });
            if let Some((_, Some(note))) = &computed {
                notes.push(format!("pool {}: {note}", pool.name));
            }
            let allocatable = computed.map(|(a, _)| a);
            let room = allocatable.map(|a| NodeRoom {
                cpu: a.cpu_millicores.saturating_sub(ds_cpu),
                memory: a.memory_mib.saturating_sub(ds_memory),
                pods: a.pods.saturating_sub(ds_pods),
            });
            if shape.is_none() {
                findings.push(
                    EngineFinding::new(
                        Code::K8sUnknownNodeSize,
                        format!("{id}: pool {}", pool.name),
                        format!(
                            "the catalog has no size for `{}`, so pool {} cannot be sized",
                            pool.instance_type.as_deref().unwrap_or("?"),
                            pool.name
                        ),
                    )
                    .with_help("give the pool `vcpus` and `memoryGB`, or an instance type the catalog prices"),
                );
            }
            PoolPlan {
                pool,
                shape,
                allocatable,
                room,
                max_pods_from: from,
            }
        })
        .collect();

    // Workloads: pinned ones to their pool, the rest to the first pool a
    // pod fits.
    let mut placed: Vec<Vec<&Workload>> = vec![Vec::new(); plans.len()];
    for workload in &kubernetes.workloads {
        let pod = pod_of(workload);
        let target = match &workload.node_pool {
            Some(name) => plans.iter().position(|p| &p.pool.name == name),
            None => plans
                .iter()
                .position(|p| p.room.is_some_and(|r| r.fits(pod))),
        };
        match target {
            Some(i) => placed[i].push(workload),
            None => findings.push(
                EngineFinding::new(
                    Code::K8sPodTooLarge,
                    format!("{id}: workload {}", workload.name),
                    format!(
                        "a `{}` pod ({} CPU, {}) fits no node pool after the DaemonSets",
                        workload.name, workload.cpu, workload.memory
                    ),
                )
                .with_help("add a pool of larger nodes, or lower the pod's requests"),
            ),
        }
        let limit_ratio = |limit: Option<u64>, request: u64| {
            limit.is_some_and(|l| request > 0 && l > request * LIMIT_RATIO)
        };
        if limit_ratio(
            workload
                .cpu_limit
                .as_ref()
                .map(crate::plan::quantity::CpuQuantity::millicores),
            workload.cpu.millicores(),
        ) || limit_ratio(
            workload
                .memory_limit
                .as_ref()
                .map(crate::plan::quantity::MemoryQuantity::bytes),
            workload.memory.bytes(),
        ) {
            findings.push(
                EngineFinding::new(
                    Code::K8sLimitsFarAboveRequests,
                    format!("{id}: workload {}", workload.name),
                    format!(
                        "`{}` has a limit more than {LIMIT_RATIO}× its request, so nodes packed by requests can run out under load",
                        workload.name
                    ),
                )
                .with_help("raise the request toward what the pod uses, or lower the limit"),
            );
        }
    }

    let surge = kubernetes.upgrade_surge_nodes.unwrap_or(1);
    let control_plane = rules
        .and_then(|r| {
            let tier = kubernetes.tier.map_or("standard", |t| match t {
                crate::plan::component::KubernetesTier::Free => "free",
                crate::plan::component::KubernetesTier::Standard => "standard",
                crate::plan::component::KubernetesTier::Premium => "premium",
            });
            r.kubernetes.get(tier)
        })
        .and_then(|plane| book.find(&plane.sku).ok())
        .map(|price| monthly(price.price_nanos(), 1));
    let mut pools = Vec::new();
    let (mut req_cpu, mut req_mem, mut lim_cpu, mut lim_mem) = (0_u64, 0_u64, 0_u64, 0_u64);
    let (mut alloc_cpu, mut alloc_mem) = (0_u64, 0_u64);
    let mut pods_expected_total = 0_u32;
    let mut nodes_cost = Money::default();
    let mut unused_cents = 0_i64;
    let mut priced_all = true;
    for (plan, workloads) in plans.iter().zip(&placed) {
        let pool = plan.pool;
        let expected: Vec<Pod> = workloads
            .iter()
            .flat_map(|w| std::iter::repeat_n(pod_of(w), w.replicas as usize))
            .collect();
        let at_max: Vec<Pod> = workloads
            .iter()
            .flat_map(|w| std::iter::repeat_n(pod_of(w), max_replicas(w) as usize))
            .collect();
        let zones = pool.zones.unwrap_or(1).max(1);
        let round = |n: u32| n.div_ceil(zones) * zones;
        // Pods too large for the pool are reported below and left out of
        // the count, so the rest is still sized.
        let needed = plan.room.and_then(|room| {
            if workloads.is_empty() {
                return None;
            }
            let fitting = |pods: &[Pod]| -> Vec<Pod> {
                pods.iter().copied().filter(|p| room.fits(*p)).collect()
            };
            let expected = nodes_needed(&fitting(&expected), room)?;
            let max = nodes_needed(&fitting(&at_max), room)?;
            Some(NodesNeeded {
                expected: round(expected + surge),
                max: round(max + surge),
            })
        });
        if let Some(room) = plan.room {
            for w in workloads.iter().filter(|w| !room.fits(pod_of(w))) {
                findings.push(
                    EngineFinding::new(
                        Code::K8sPodTooLarge,
                        format!("{id}: workload {}", w.name),
                        format!(
                            "a `{}` pod ({} CPU, {}) is larger than what a pool {} node leaves after the DaemonSets",
                            w.name, w.cpu, w.memory, pool.name
                        ),
                    )
                    .with_help("pin it to a pool of larger nodes, or lower its requests"),
                );
            }
        }
        let binding = plan.room.filter(|_| !workloads.is_empty()).map(|room| {
            let cpu: u64 = expected.iter().map(|p| u64::from(p.cpu)).sum();
            let memory: u64 = expected.iter().map(|p| u64::from(p.memory)).sum();
            let by_cpu = cpu.div_ceil(u64::from(room.cpu.max(1)));
            let by_memory = memory.div_ceil(u64::from(room.memory.max(1)));
            let by_pods = (expected.len() as u64).div_ceil(u64::from(room.pods.max(1)));
            if by_pods > by_cpu && by_pods > by_memory {
                Binding::Pods
            } else if by_memory > by_cpu {
                Binding::Memory
            } else {
                Binding::Cpu
            }
        });
        if binding == Some(Binding::Pods) {
            findings.push(
                EngineFinding::new(
                    Code::K8sMaxPodsBinds,
                    format!("{id}: pool {}", pool.name),
                    format!(
                        "pool {} runs out of pod slots ({}) before CPU or memory",
                        pool.name, plan.max_pods_from
                    ),
                )
                .with_help("raise the pool's maxPods (the network plugin permitting), or use smaller nodes"),
            );
        }
        if let Some(n) = needed {
            if n.expected > pool.count {
                findings.push(
                    EngineFinding::new(
                        Code::K8sPoolShort,
                        format!("{id}: pool {}", pool.name),
                        format!(
                            "pool {} needs {} nodes at expected replicas (with {surge} for upgrades, in {zones} zone{}) but the plan gives it {}",
                            pool.name, n.expected, if zones == 1 { "" } else { "s" }, pool.count
                        ),
                    )
                    .with_help("raise the pool's count, or use larger nodes"),
                );
            }
            let ceiling = pool.max_count.unwrap_or(pool.count);
            if n.max > ceiling {
                findings.push(
                    EngineFinding::new(
                        Code::K8sCeilingShort,
                        format!("{id}: pool {}", pool.name),
                        format!(
                            "at the autoscalers' maximum pool {} needs {} nodes but can grow to {ceiling}",
                            pool.name, n.max
                        ),
                    )
                    .with_help("raise the pool's maxCount, or lower the workloads' maxReplicas"),
                );
            }
        }
        // A named type at its price; a custom size as the cheapest catalog
        // type with at least its vCPUs and memory, as `cost estimate` does.
        let node_price = rules.and_then(|r| {
            if let Some(sku) = &pool.instance_type {
                return book
                    .find(&SkuRef {
                        service: r.virtual_machines.clone(),
                        sku: sku.clone(),
                    })
                    .ok();
            }
            let fit = book.cheapest_fit(&r.virtual_machines, pool.vcpus, pool.memory_gb, None);
            if let Some(price) = fit {
                notes.push(format!(
                    "pool {}: {} vCPU / {} GB priced as {}, the cheapest catalog type with at least that",
                    pool.name,
                    pool.vcpus.unwrap_or(0),
                    pool.memory_gb.unwrap_or(0.0),
                    price.sku
                ));
            }
            fit
        });
        let node_monthly = node_price.map(|p| monthly(p.price_nanos(), 1));
        let monthly_cost = node_price.map(|p| monthly(p.price_nanos(), pool.count));
        if let Some(cost) = monthly_cost {
            nodes_cost = Money::from_cents(nodes_cost.cents() + cost.cents());
        } else {
            priced_all = false;
            notes.push(format!(
                "pool {}: {}; the costs cover the other pools",
                pool.name,
                match &pool.instance_type {
                    Some(sku) => format!("no catalog price for `{sku}` in {region}"),
                    None => "no instance type, so no price".to_owned(),
                }
            ));
        }
        let pool_req_cpu: u64 = workloads
            .iter()
            .map(|w| w.cpu.millicores() * u64::from(w.replicas))
            .sum();
        let pool_req_mem: u64 = workloads
            .iter()
            .map(|w| u64::from(pod_of(w).memory) * u64::from(w.replicas))
            .sum();
        req_cpu += pool_req_cpu;
        req_mem += pool_req_mem;
        lim_cpu += workloads
            .iter()
            .map(|w| w.cpu_limit.as_ref().unwrap_or(&w.cpu).millicores() * u64::from(w.replicas))
            .sum::<u64>();
        lim_mem += workloads
            .iter()
            .map(|w| {
                u64::from(mib(w.memory_limit.as_ref().unwrap_or(&w.memory).bytes()))
                    * u64::from(w.replicas)
            })
            .sum::<u64>();
        if let Some(room) = plan.room {
            let pool_alloc_cpu = u64::from(room.cpu) * u64::from(pool.count);
            let pool_alloc_mem = u64::from(room.memory) * u64::from(pool.count);
            alloc_cpu += pool_alloc_cpu;
            alloc_mem += pool_alloc_mem;
            if let Some(cost) = monthly_cost {
                let used = ratio(pool_req_cpu, pool_alloc_cpu)
                    .max(ratio(pool_req_mem, pool_alloc_mem))
                    .min(1000);
                // Per-mille of the pool's cost that no request uses.
                unused_cents += cost.cents() * (1000 - i64::from(used)) / 1000;
            }
        }
        pods_expected_total += u32::try_from(expected.len()).unwrap_or(u32::MAX);
        let (vcpus, memory_gib) = plan.shape.unwrap_or((0, 0.0));
        pools.push(PoolSizing {
            name: pool.name.as_str().to_owned(),
            node_size: pool
                .instance_type
                .clone()
                .unwrap_or_else(|| "custom".to_owned()),
            vcpus,
            memory_gib,
            max_pods_from: plan.max_pods_from.clone(),
            allocatable: plan.allocatable.unwrap_or(Allocatable {
                cpu_millicores: 0,
                memory_mib: 0,
                pods: 0,
                reserved_cpu_millicores: 0,
                reserved_memory_mib: 0,
            }),
            daemon_sets: [ds_cpu, ds_memory, ds_pods],
            workloads: workloads
                .iter()
                .map(|w| w.name.as_str().to_owned())
                .collect(),
            pods: NodesNeeded {
                expected: u32::try_from(expected.len()).unwrap_or(u32::MAX),
                max: u32::try_from(at_max.len()).unwrap_or(u32::MAX),
            },
            nodes_needed: needed,
            binding,
            count: pool.count,
            max_count: pool.max_count,
            node_monthly,
            monthly_cost,
        });
        if pool.spot == Some(true) && node_price.is_some() {
            notes.push(format!(
                "pool {}: spot nodes priced at on-demand rates (the catalog has no spot prices), an upper bound",
                pool.name
            ));
        }
    }
    let total_nodes: u32 = kubernetes.node_pools.iter().map(|p| p.count).sum();
    let max_zones = kubernetes
        .node_pools
        .iter()
        .map(|p| p.zones.unwrap_or(1))
        .max()
        .unwrap_or(1);
    if production && (total_nodes < 3 || max_zones < 2) {
        findings.push(
            EngineFinding::new(
                Code::K8sFewNodes,
                id,
                format!(
                    "a production cluster with {total_nodes} node{} in {max_zones} zone{}: one node or zone failure takes capacity the workloads need",
                    if total_nodes == 1 { "" } else { "s" },
                    if max_zones == 1 { "" } else { "s" }
                ),
            )
            .with_help("run at least 3 nodes spread over 3 zones (`zones: 3` on the pools)"),
        );
    }
    let any_priced = pools.iter().any(|p| p.monthly_cost.is_some());
    let estimated_cost = any_priced
        .then(|| Money::from_cents(nodes_cost.cents() + control_plane.map_or(0, Money::cents)));
    if control_plane.is_none() {
        notes.push(
            "control plane: no catalog price for this tier in the region; not included".to_owned(),
        );
    }
    findings.sort();
    ClusterSizing {
        component: id.to_owned(),
        name: component.display_name().to_owned(),
        provider,
        region,
        version: kubernetes.version.clone(),
        pools,
        resource_calculator: ResourceCalculator {
            total_cpu: cpu_text(req_cpu),
            total_memory: memory_text(req_mem),
            total_cpu_limit: cpu_text(lim_cpu),
            total_memory_limit: memory_text(lim_mem),
            allocatable_cpu: cpu_text(alloc_cpu),
            allocatable_memory: memory_text(alloc_mem),
            efficiency_percent: ratio(req_cpu, alloc_cpu).max(ratio(req_mem, alloc_mem)) / 10,
            overcommit_percent: ratio(lim_cpu, alloc_cpu).max(ratio(lim_mem, alloc_mem)) / 10,
            estimated_cost,
            unused_cost: any_priced.then_some(Money::from_cents(unused_cents)),
            cost_per_pod: (priced_all && pods_expected_total > 0)
                .then(|| Money::from_cents(nodes_cost.cents() / i64::from(pods_expected_total))),
        },
        notes,
        findings,
    }
}

/// `part ÷ whole` in per-mille, rounded down; 0 for an empty whole.
fn ratio(part: u64, whole: u64) -> u32 {
    if whole == 0 {
        return 0;
    }
    u32::try_from(part.saturating_mul(1000) / whole).unwrap_or(u32::MAX)
}
