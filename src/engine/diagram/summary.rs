//! What a node's label says about a component: technology or service,
//! size, high availability — what a reviewer looks for first.

use super::{Group, Node, Shape};
use crate::catalog::Catalog;
use crate::plan::component::KubernetesConfig;
use crate::plan::{Component, ComponentType};

/// Serde's snake_case name of an enum value (`service_bus`).
fn snake(value: &impl serde::Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    }
}

/// The label lines after the name.
pub fn details(catalog: &Catalog, component: &Component) -> Vec<String> {
    let mut out = Vec::new();
    match component.kind {
        ComponentType::Database => {
            if let Some(database) = &component.database {
                if let Some(technology) = &database.technology {
                    out.push(
                        catalog
                            .database(technology)
                            .map_or_else(|| technology.clone(), |t| t.name.clone()),
                    );
                }
                let sizing = database.deployment.as_ref().and_then(|d| d.sizing.as_ref());
                if let Some(sizing) = sizing {
                    let size = match (sizing.vcores, &sizing.memory, &sizing.tier) {
                        (Some(v), Some(m), _) => Some(format!("{v} vCore / {m}")),
                        (Some(v), None, _) => Some(format!("{v} vCore")),
                        (None, _, Some(tier)) => Some(tier.clone()),
                        _ => None,
                    };
                    out.extend(size);
                }
                if database
                    .high_availability
                    .as_ref()
                    .is_some_and(|h| h.enabled)
                {
                    out.push("HA".to_owned());
                }
            }
        }
        ComponentType::Compute => {
            if let Some(compute) = &component.compute {
                let size = compute.instance_type.clone().or_else(|| {
                    compute.vcpus.map(|v| {
                        format!("{v} vCPU / {} GB", number(compute.memory_gb.unwrap_or(0.0)))
                    })
                });
                out.push(format!(
                    "{} × {}",
                    compute.count,
                    size.unwrap_or_else(|| "VM".to_owned())
                ));
            }
        }
        ComponentType::ContainerCluster => {
            if let Some(kubernetes) = &component.kubernetes {
                let nodes: u32 = kubernetes.node_pools.iter().map(|p| p.count).sum();
                out.push(format!(
                    "Kubernetes · {} pool{}, {nodes} node{}",
                    kubernetes.node_pools.len(),
                    if kubernetes.node_pools.len() == 1 {
                        ""
                    } else {
                        "s"
                    },
                    if nodes == 1 { "" } else { "s" }
                ));
            }
        }
        ComponentType::ObjectStorage | ComponentType::BlockStorage => {
            if let Some(storage) = &component.storage {
                let mut text = format!("{} GB", number(storage.size_gb));
                if let Some(tier) = &storage.tier {
                    text = format!("{} · {text}", snake(tier));
                }
                out.push(text);
            }
        }
        ComponentType::Messaging => {
            if let Some(messaging) = &component.messaging {
                out.push(snake(&messaging.technology));
                out.extend(messaging.tier.clone());
            }
        }
        ComponentType::LoadBalancer => {
            if let Some(lb) = &component.load_balancer {
                out.push(format!("{} load balancer", snake(&lb.kind)));
                if lb.waf == Some(true) {
                    out.push("WAF".to_owned());
                }
            }
        }
        ComponentType::Cdn => out.push("CDN".to_owned()),
        ComponentType::Serverless => {
            if let Some(serverless) = &component.serverless {
                out.push(format!("functions · {} MB", serverless.memory_mb));
            }
        }
        ComponentType::Network => {
            if let Some(cidr) = component.network.as_ref().and_then(|n| n.cidr.as_ref()) {
                out.push(cidr.clone());
            }
        }
    }
    out
}

/// The id of a node pool's group.
pub fn pool_id(cluster: &str, pool: &str) -> String {
    format!("pool/{cluster}/{pool}")
}

/// A cluster as a group: its own node (the control plane and its
/// summary), then one group per node pool holding the workloads placed on
/// it (workloads without a pool go in the first).
pub fn cluster_group(node: &Node, component: &Component, kubernetes: &KubernetesConfig) -> Group {
    let cluster = component.id.as_str();
    let pools = kubernetes
        .node_pools
        .iter()
        .enumerate()
        .map(|(i, pool)| {
            let size = pool.instance_type.clone().unwrap_or_else(|| {
                format!(
                    "{} vCPU / {} GB",
                    pool.vcpus.unwrap_or(0),
                    number(pool.memory_gb.unwrap_or(0.0))
                )
            });
            let range = match (pool.min_count, pool.max_count) {
                (Some(min), Some(max)) => format!("{} nodes ({min}–{max})", pool.count),
                _ => format!(
                    "{} node{}",
                    pool.count,
                    if pool.count == 1 { "" } else { "s" }
                ),
            };
            Group {
                id: pool_id(cluster, pool.name.as_str()),
                label: format!("pool {} · {size} · {range}", pool.name),
                groups: Vec::new(),
                nodes: kubernetes
                    .workloads
                    .iter()
                    .filter(|w| match &w.node_pool {
                        Some(p) => p == &pool.name,
                        None => i == 0,
                    })
                    .map(|w| Node {
                        id: format!("workload/{cluster}/{}", w.name),
                        label: w.name.as_str().to_owned(),
                        details: vec![format!("{} × {} CPU / {}", w.replicas, w.cpu, w.memory)],
                        shape: Shape::Compute,
                        public: false,
                    })
                    .collect(),
            }
        })
        .collect();
    Group {
        id: format!("cluster/{cluster}"),
        label: format!("cluster {}", node.label),
        groups: pools,
        nodes: vec![node.clone()],
    }
}
