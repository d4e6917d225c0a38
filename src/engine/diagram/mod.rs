//! Architecture diagrams (specification §11, the Infrastructure
//! Architecture View): one model of nested groups, nodes and edges built
//! from the plan ([`build`]), rendered to text formats by [`mermaid`],
//! [`dot`], [`d2`] and [`text`]. Everything is ordered as the plan lists it
//! (groups by provider and region name), and ids come from plan ids, so a
//! diagram changes only where the plan changed.

pub mod d2;
pub mod dot;
mod ids;
pub mod mermaid;
mod summary;
pub mod text;

use std::collections::BTreeMap;

use serde::Serialize;

use super::Context;
use crate::placement;
use crate::plan::module::Role;
use crate::plan::{Component, ComponentType};

/// Which picture of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum DiagramKind {
    /// Modules and the components they use, by provider and region.
    Hierarchy,
    /// One environment: provider → region → components, clusters with
    /// their node pools and workloads.
    Deployment,
    /// Internet exposure, networks and subnets, edge services and origins.
    Network,
}

/// What a node stands for, so renderers can pick a shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Shape {
    /// A module (service) of the plan.
    Module,
    /// VMs, functions, a node pool or a workload.
    Compute,
    /// A database.
    Database,
    /// Object or block storage.
    Storage,
    /// A queue, topic or stream.
    Queue,
    /// A load balancer or CDN.
    Edge,
    /// A network or subnet.
    Network,
    /// The public internet.
    Internet,
}

/// One box.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Node {
    /// Stable id: `component/<id>`, `module/<id>`, `pool/<cluster>/<pool>`, …
    pub id: String,
    /// First line: the name.
    pub label: String,
    /// Further facts: technology or service, size, HA.
    pub details: Vec<String>,
    /// What it is.
    pub shape: Shape,
    /// Reachable from the internet.
    pub public: bool,
}

/// A box of boxes: a provider, a region, an environment, a cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    /// Stable id.
    pub id: String,
    /// Title.
    pub label: String,
    /// Nested groups, in order.
    pub groups: Vec<Group>,
    /// Nodes directly inside, in order.
    pub nodes: Vec<Node>,
}

/// How an edge is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum EdgeStyle {
    /// The normal path.
    Solid,
    /// A secondary or failover path.
    Dashed,
}

/// One arrow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Edge {
    /// Node id it starts at.
    pub from: String,
    /// Node id it points to.
    pub to: String,
    /// Text on the arrow.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Drawing style.
    pub style: EdgeStyle,
}

/// A diagram: a title, the top-level groups and nodes, and the edges.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagram {
    /// What it shows.
    pub kind: DiagramKind,
    /// Title line.
    pub title: String,
    /// Top-level content (its own label is unused).
    pub root: Group,
    /// Arrows between nodes of any group.
    pub edges: Vec<Edge>,
}

/// Why a diagram cannot be drawn.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DiagramError {
    /// `--env` names no environment of the plan.
    #[error("the plan has no environment `{wanted}`{}", if .known.is_empty() { String::new() } else { format!("; environments: {}", .known.join(", ")) })]
    UnknownEnvironment {
        /// What was asked for.
        wanted: String,
        /// What exists.
        known: Vec<String>,
    },
}

/// Builds the `kind` diagram of the plan; `environment` picks the
/// environment a deployment diagram shows (default: the plan's first).
pub fn build(
    ctx: &Context<'_>,
    kind: DiagramKind,
    environment: Option<&str>,
) -> Result<Diagram, DiagramError> {
    let environments: Vec<&str> = ctx
        .plan
        .environments
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    if let Some(wanted) = environment
        && !environments.contains(&wanted)
    {
        return Err(DiagramError::UnknownEnvironment {
            wanted: wanted.to_owned(),
            known: environments.iter().map(|e| (*e).to_owned()).collect(),
        });
    }
    let environment = environment.or_else(|| environments.first().copied());
    Ok(match kind {
        DiagramKind::Hierarchy => hierarchy(ctx),
        DiagramKind::Deployment => deployment(ctx, environment),
        DiagramKind::Network => network(ctx),
    })
}

/// The id of a component's node.
pub fn component_id(id: &str) -> String {
    format!("component/{id}")
}

fn module_id(id: &str) -> String {
    format!("module/{id}")
}

fn component_node(ctx: &Context<'_>, component: &Component) -> Node {
    Node {
        id: component_id(component.id.as_str()),
        label: component.display_name().to_owned(),
        details: summary::details(ctx.catalog, component),
        shape: shape(component.kind),
        public: matches!(
            component.kind,
            ComponentType::LoadBalancer | ComponentType::Cdn
        ),
    }
}

fn shape(kind: ComponentType) -> Shape {
    match kind {
        ComponentType::Compute | ComponentType::ContainerCluster | ComponentType::Serverless => {
            Shape::Compute
        }
        ComponentType::Database => Shape::Database,
        ComponentType::ObjectStorage | ComponentType::BlockStorage => Shape::Storage,
        ComponentType::Messaging => Shape::Queue,
        ComponentType::LoadBalancer | ComponentType::Cdn => Shape::Edge,
        ComponentType::Network => Shape::Network,
    }
}

/// Provider and region of a component by the one placement rule, as
/// group keys: `("azure", "eastus")`, or `("unplaced", "")`.
fn place(ctx: &Context<'_>, component: &Component) -> (String, String) {
    match placement::own_provider(ctx.plan, Some(component), ctx.defaults) {
        Some(provider) => (
            provider.as_str().to_owned(),
            placement::region(ctx.plan, Some(component), provider, ctx.defaults)
                .unwrap_or_default(),
        ),
        None => ("unplaced".to_owned(), String::new()),
    }
}

/// Groups nodes by provider, then region, both sorted by name; nodes keep
/// the plan's order.
fn by_placement(prefix: &str, placed: Vec<((String, String), Node)>) -> Vec<Group> {
    let mut providers: BTreeMap<String, BTreeMap<String, Vec<Node>>> = BTreeMap::new();
    for ((provider, region), node) in placed {
        providers
            .entry(provider)
            .or_default()
            .entry(region)
            .or_default()
            .push(node);
    }
    providers
        .into_iter()
        .map(|(provider, regions)| Group {
            id: format!("{prefix}provider/{provider}"),
            label: provider.clone(),
            groups: regions
                .into_iter()
                .map(|(region, nodes)| Group {
                    id: format!("{prefix}provider/{provider}/{region}"),
                    label: if region.is_empty() {
                        "default region".to_owned()
                    } else {
                        region
                    },
                    groups: Vec::new(),
                    nodes,
                })
                .collect(),
            nodes: Vec::new(),
        })
        .collect()
}

fn role_edge(module: &str, component: &str, role: Role) -> Edge {
    let (label, style) = match role {
        Role::Primary => ("primary", EdgeStyle::Solid),
        Role::Secondary => ("secondary", EdgeStyle::Dashed),
        Role::Failover => ("failover", EdgeStyle::Dashed),
    };
    Edge {
        from: module_id(module),
        to: component_id(component),
        label: Some(label.to_owned()),
        style,
    }
}

fn modules_group(ctx: &Context<'_>) -> Option<Group> {
    (!ctx.plan.modules.is_empty()).then(|| Group {
        id: "modules".to_owned(),
        label: "Modules".to_owned(),
        groups: Vec::new(),
        nodes: ctx
            .plan
            .modules
            .iter()
            .map(|m| Node {
                id: module_id(m.id.as_str()),
                label: m.name.clone().unwrap_or_else(|| m.id.as_str().to_owned()),
                details: m.owner.iter().map(|o| format!("owner {o}")).collect(),
                shape: Shape::Module,
                public: false,
            })
            .collect(),
    })
}

fn module_edges(ctx: &Context<'_>) -> Vec<Edge> {
    ctx.plan
        .modules
        .iter()
        .flat_map(|m| {
            m.infrastructure
                .iter()
                .map(|i| role_edge(m.id.as_str(), i.component.as_str(), i.role))
        })
        .collect()
}

fn hierarchy(ctx: &Context<'_>) -> Diagram {
    let placed = ctx
        .plan
        .components
        .iter()
        .map(|c| (place(ctx, c), component_node(ctx, c)))
        .collect();
    let mut root = Group::default();
    root.groups.extend(modules_group(ctx));
    root.groups.extend(by_placement("", placed));
    Diagram {
        kind: DiagramKind::Hierarchy,
        title: format!("{}: modules and the components they use", ctx.plan.name),
        root,
        edges: module_edges(ctx),
    }
}

fn deployment(ctx: &Context<'_>, environment: Option<&str>) -> Diagram {
    let mut placed = Vec::new();
    for component in &ctx.plan.components {
        let component = match environment {
            Some(env) => component.in_environment(env),
            None => std::borrow::Cow::Borrowed(component),
        };
        let key = place(ctx, &component);
        placed.push((key, component.into_owned()));
    }
    let nodes: Vec<((String, String), Node)> = placed
        .iter()
        .map(|(key, c)| (key.clone(), component_node(ctx, c)))
        .collect();
    let mut groups = by_placement("", nodes);
    let clusters: BTreeMap<String, &Component> = placed
        .iter()
        .map(|(_, c)| c)
        .filter(|c| c.kind == ComponentType::ContainerCluster)
        .map(|c| (component_id(c.id.as_str()), c))
        .collect();
    // A cluster becomes a group of its node pools, each holding the
    // workloads scheduled on it.
    for provider in &mut groups {
        for region in &mut provider.groups {
            let mut kept = Vec::new();
            for node in std::mem::take(&mut region.nodes) {
                let cluster = clusters
                    .get(&node.id)
                    .and_then(|c| c.kubernetes.as_ref().map(|k| (*c, k)));
                match cluster {
                    Some((component, kubernetes)) => {
                        region
                            .groups
                            .push(summary::cluster_group(&node, component, kubernetes));
                    }
                    None => kept.push(node),
                }
            }
            region.nodes = kept;
        }
    }
    let mut root = Group::default();
    root.groups.extend(modules_group(ctx));
    root.groups.extend(groups);
    let env_text = environment.map_or_else(String::new, |e| format!(" ({e})"));
    Diagram {
        kind: DiagramKind::Deployment,
        title: format!("{}: deployment{env_text}", ctx.plan.name),
        edges: module_edges(ctx),
        root,
    }
}

fn network(ctx: &Context<'_>) -> Diagram {
    let internet = Node {
        id: "internet".to_owned(),
        label: "Internet".to_owned(),
        details: Vec::new(),
        shape: Shape::Internet,
        public: true,
    };
    let mut root = Group {
        nodes: vec![internet],
        ..Group::default()
    };
    let mut edges = Vec::new();
    let mut edge_nodes = Vec::new();
    let mut private = Vec::new();
    for component in &ctx.plan.components {
        let node = component_node(ctx, component);
        match component.kind {
            ComponentType::Cdn | ComponentType::LoadBalancer => {
                edges.push(Edge {
                    from: "internet".to_owned(),
                    to: node.id.clone(),
                    label: Some("HTTPS".to_owned()),
                    style: EdgeStyle::Solid,
                });
                if let Some(origin) = component.cdn.as_ref().and_then(|c| c.origin.as_ref()) {
                    edges.push(Edge {
                        from: node.id.clone(),
                        to: component_id(origin.as_str()),
                        label: Some("origin".to_owned()),
                        style: EdgeStyle::Solid,
                    });
                }
                edge_nodes.push(node);
            }
            ComponentType::Network => {
                let subnets = component
                    .network
                    .as_ref()
                    .map(|n| {
                        n.subnets
                            .iter()
                            .map(|s| Node {
                                id: format!("subnet/{}/{}", component.id, s.name),
                                label: s.name.as_str().to_owned(),
                                details: vec![s.cidr.clone()],
                                shape: Shape::Network,
                                public: s.public == Some(true),
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let mut title = vec![node.label.clone()];
                title.extend(node.details.iter().cloned());
                root.groups.push(Group {
                    id: format!("network/{}", component.id),
                    label: title.join(" · "),
                    groups: Vec::new(),
                    nodes: subnets,
                });
            }
            _ => {
                let exposed = component
                    .database
                    .as_ref()
                    .and_then(|d| d.deployment.as_ref())
                    .and_then(|d| d.networking.as_ref())
                    .is_some_and(|n| n.public_access);
                let mut node = node;
                if exposed {
                    node.public = true;
                    edges.push(Edge {
                        from: "internet".to_owned(),
                        to: node.id.clone(),
                        label: Some("public access".to_owned()),
                        style: EdgeStyle::Dashed,
                    });
                }
                private.push((place(ctx, component), node));
            }
        }
    }
    if !edge_nodes.is_empty() {
        root.groups.insert(
            0,
            Group {
                id: "edge".to_owned(),
                label: "Edge (internet-facing)".to_owned(),
                groups: Vec::new(),
                nodes: edge_nodes,
            },
        );
    }
    root.groups.extend(by_placement("private/", private));
    Diagram {
        kind: DiagramKind::Network,
        title: format!("{}: network and exposure", ctx.plan.name),
        root,
        edges,
    }
}

/// Every node of a group and its subgroups, depth first.
pub fn all_nodes(group: &Group) -> Vec<&Node> {
    let mut out: Vec<&Node> = group.nodes.iter().collect();
    for child in &group.groups {
        out.extend(all_nodes(child));
    }
    out
}
