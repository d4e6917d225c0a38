//! Kubernetes objects for a cluster's workloads (the specification's
//! Workload Designer YAML preview): a Deployment for each workload with an
//! `image`, a Service when it has a `port`, an `autoscaling/v2`
//! HorizontalPodAutoscaler when it autoscales, and a PodDisruptionBudget
//! when it runs more than one replica. Values as files (path and text); the
//! CLI writes them.

use serde::Serialize;
use serde_json::{Value, json};

use super::super::{Context, EngineFinding};
use crate::diag::Code;
use crate::placement;
use crate::plan::component::{KubernetesConfig, Workload};
use crate::plan::{CloudProvider, Component};

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    /// Relative path: `<cluster>/<workload>.yaml`, from plan ids only, so
    /// it never leaves the output directory.
    pub path: String,
    /// The objects, as a YAML stream.
    pub text: String,
}

/// The manifests of the plan's clusters (or `component` only), and what
/// could not be generated.
pub fn manifests(
    ctx: &Context<'_>,
    component: Option<&str>,
) -> Result<(Vec<Manifest>, Vec<EngineFinding>), super::SizeError> {
    let mut files = Vec::new();
    let mut findings = Vec::new();
    for cluster in super::clusters(ctx, component)? {
        let kubernetes = cluster.kubernetes.as_ref().expect("filtered on it");
        let provider = placement::own_provider(ctx.plan, Some(cluster), ctx.defaults);
        for workload in &kubernetes.workloads {
            let Some(image) = &workload.image else {
                findings.push(
                    EngineFinding::new(
                        Code::K8sNoImage,
                        format!("{}: workload {}", cluster.id, workload.name),
                        format!(
                            "workload `{}` has no `image`, so no Deployment can be written for it",
                            workload.name
                        ),
                    )
                    .with_help("add `image: registry/name:tag` to the workload"),
                );
                continue;
            };
            let objects = objects(cluster, kubernetes, workload, image, provider);
            let text = objects
                .iter()
                .map(|o| serde_saphyr::to_string(o).unwrap_or_default())
                .collect::<Vec<_>>()
                .join("---\n");
            files.push(Manifest {
                path: format!("{}/{}.yaml", cluster.id, workload.name),
                text,
            });
        }
    }
    Ok((files, findings))
}

/// The node label each provider's managed pools carry with the pool's name.
fn pool_label(provider: Option<CloudProvider>) -> &'static str {
    match provider {
        Some(CloudProvider::Aws) => "eks.amazonaws.com/nodegroup",
        Some(CloudProvider::Gcp) => "cloud.google.com/gke-nodepool",
        Some(CloudProvider::Azure) | None => "kubernetes.azure.com/agentpool",
    }
}

fn objects(
    cluster: &Component,
    kubernetes: &KubernetesConfig,
    workload: &Workload,
    image: &str,
    provider: Option<CloudProvider>,
) -> Vec<Value> {
    let name = workload.name.as_str();
    let namespace = workload
        .namespace
        .clone()
        .unwrap_or_else(|| "default".to_owned());
    let labels = json!({
        "app.kubernetes.io/name": name,
        "app.kubernetes.io/part-of": cluster.id.as_str(),
        "app.kubernetes.io/managed-by": "infraplan",
    });
    let metadata = json!({ "name": name, "namespace": namespace, "labels": labels });
    let selector = json!({ "matchLabels": { "app.kubernetes.io/name": name } });
    let mut requests = json!({ "cpu": workload.cpu.as_str(), "memory": workload.memory.as_str() });
    let mut limits = serde_json::Map::new();
    if let Some(cpu) = &workload.cpu_limit {
        limits.insert("cpu".into(), cpu.as_str().into());
    }
    if let Some(memory) = &workload.memory_limit {
        limits.insert("memory".into(), memory.as_str().into());
    }
    let mut resources = serde_json::Map::new();
    resources.insert("requests".into(), std::mem::take(&mut requests));
    if !limits.is_empty() {
        resources.insert("limits".into(), Value::Object(limits));
    }
    let mut container = json!({
        "name": name,
        "image": image,
        "resources": resources,
    });
    if let Some(port) = workload.port {
        container["ports"] = json!([{ "name": "http", "containerPort": port }]);
    }
    let mut pod_spec = json!({ "containers": [container] });
    if let Some(pool) = &workload.node_pool
        && kubernetes.node_pools.iter().any(|p| &p.name == pool)
    {
        pod_spec["nodeSelector"] = json!({ pool_label(provider): pool.as_str() });
    }
    let replicas = workload
        .autoscaling
        .as_ref()
        .map_or(workload.replicas, |a| {
            workload
                .replicas
                .clamp(a.min_replicas, a.max_replicas.max(a.min_replicas))
        });
    let mut out = vec![json!({
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": metadata,
        "spec": {
            "replicas": replicas,
            "selector": selector,
            "template": {
                "metadata": { "labels": labels },
                "spec": pod_spec,
            },
        },
    })];
    if let Some(port) = workload.port {
        out.push(json!({
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": metadata,
            "spec": {
                "selector": { "app.kubernetes.io/name": name },
                "ports": [{ "name": "http", "port": port, "targetPort": "http" }],
            },
        }));
    }
    if let Some(autoscaling) = &workload.autoscaling {
        let mut spec = json!({
            "scaleTargetRef": { "apiVersion": "apps/v1", "kind": "Deployment", "name": name },
            "minReplicas": autoscaling.min_replicas,
            "maxReplicas": autoscaling.max_replicas.max(autoscaling.min_replicas),
        });
        if let Some(target) = autoscaling.target_cpu_utilization_percentage {
            spec["metrics"] = json!([{
                "type": "Resource",
                "resource": {
                    "name": "cpu",
                    "target": { "type": "Utilization", "averageUtilization": target },
                },
            }]);
        }
        out.push(json!({
            "apiVersion": "autoscaling/v2",
            "kind": "HorizontalPodAutoscaler",
            "metadata": metadata,
            "spec": spec,
        }));
    }
    let least = workload
        .autoscaling
        .as_ref()
        .map_or(workload.replicas, |a| a.min_replicas.min(workload.replicas));
    if least > 1 {
        out.push(json!({
            "apiVersion": "policy/v1",
            "kind": "PodDisruptionBudget",
            "metadata": metadata,
            "spec": { "maxUnavailable": 1, "selector": selector },
        }));
    }
    out
}
