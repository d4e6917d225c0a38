//! Checks of the plan's scalability patterns (specification §6.4): that
//! scale-out and scale-in thresholds leave a band between them (no
//! flapping), that an autoscaled pattern has a cooldown and a way back
//! down, that a horizontal pattern's state can follow it (no sticky
//! sessions or shared filesystem; an external session cache exists), and
//! that a Kubernetes HPA's ceiling fits its cluster's node pools (through
//! [`super::k8s::size`]).
//!
//! Entry: [`check`].

use serde::Serialize;

use super::{Context, EngineFinding};
use crate::diag::Code;
use crate::plan::ComponentType;
use crate::plan::database::DatabaseType;
use crate::plan::scaling::{
    AutoScalingProvider, Comparison, FileStorage, ScalabilityPattern, ScalingAction, ScalingType,
    SessionManagement,
};

/// Cache technologies that can hold sessions.
const SESSION_CACHES: [&str; 4] = ["redis", "memcached", "valkey", "etcd"];

/// One pattern, checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PatternCheck {
    /// The pattern's name.
    pub name: String,
    /// The component it scales.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub component: Option<String>,
    /// Horizontal, vertical or hybrid.
    #[serde(rename = "type")]
    pub kind: ScalingType,
    /// Fewest units.
    pub min: u32,
    /// Most units.
    pub max: u32,
    /// Cooldown as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cooldown: Option<String>,
    /// Triggers as `metric > 70 for 2m → scale_out`.
    pub triggers: Vec<String>,
    /// What is wrong.
    pub findings: Vec<EngineFinding>,
}

const fn grows(action: ScalingAction) -> bool {
    matches!(action, ScalingAction::ScaleOut | ScalingAction::ScaleUp)
}

fn operator(comparison: Comparison) -> &'static str {
    match comparison {
        Comparison::Greater => ">",
        Comparison::Less => "<",
        Comparison::GreaterOrEqual => ">=",
        Comparison::LessOrEqual => "<=",
    }
}

fn action(action: ScalingAction) -> &'static str {
    match action {
        ScalingAction::ScaleOut => "scale out",
        ScalingAction::ScaleIn => "scale in",
        ScalingAction::ScaleUp => "scale up",
        ScalingAction::ScaleDown => "scale down",
    }
}

/// Every pattern of the plan (or those on `component`), checked.
pub fn check(ctx: &Context<'_>, component: Option<&str>) -> Vec<PatternCheck> {
    ctx.plan
        .scaling
        .iter()
        .filter(|p| {
            component.is_none_or(|c| p.component.as_ref().is_some_and(|id| id.as_str() == c))
        })
        .map(|p| check_pattern(ctx, p))
        .collect()
}

#[allow(clippy::too_many_lines, reason = "one check after another, in order")]
fn check_pattern(ctx: &Context<'_>, pattern: &ScalabilityPattern) -> PatternCheck {
    let subject = pattern.name.clone();
    let mut findings = Vec::new();
    let triggers: Vec<String> = pattern
        .triggers
        .iter()
        .map(|t| {
            format!(
                "{} {} {} for {} → {}",
                t.metric,
                operator(t.operator),
                t.threshold,
                t.duration,
                action(t.action)
            )
        })
        .collect();

    // Flapping: on one metric, the scale-in threshold must sit below the
    // scale-out threshold, or one sample can trigger both.
    for out in pattern.triggers.iter().filter(|t| grows(t.action)) {
        for back in pattern
            .triggers
            .iter()
            .filter(|t| !grows(t.action) && t.metric == out.metric)
        {
            let out_above = matches!(
                out.operator,
                Comparison::Greater | Comparison::GreaterOrEqual
            );
            let back_below = matches!(back.operator, Comparison::Less | Comparison::LessOrEqual);
            if out_above && back_below && back.threshold >= out.threshold {
                findings.push(
                    EngineFinding::new(
                        Code::ScaleThresholdsOverlap,
                        &subject,
                        format!(
                            "`{}` scales back at {} {} while it scales out at {} {}: no band between them, so the pattern flaps",
                            out.metric,
                            operator(back.operator),
                            back.threshold,
                            operator(out.operator),
                            out.threshold
                        ),
                    )
                    .with_help("put the scale-in threshold well below the scale-out one (e.g. out above 70, in below 30)"),
                );
            }
        }
    }
    let autoscaled = pattern
        .implementation
        .as_ref()
        .and_then(|i| i.auto_scaling.as_ref())
        .is_some_and(|a| a.enabled);
    if autoscaled
        && pattern.triggers.iter().any(|t| grows(t.action))
        && !pattern.triggers.iter().any(|t| !grows(t.action))
    {
        findings.push(
            EngineFinding::new(
                Code::ScaleNeverIn,
                &subject,
                "the pattern scales out but no trigger scales it back in, so it stays at its peak size and cost",
            )
            .with_help("add a scale-in trigger on the same metric, below the scale-out threshold"),
        );
    }
    if autoscaled && pattern.kind != ScalingType::Vertical && pattern.limits.cooldown.is_none() {
        findings.push(
            EngineFinding::new(
                Code::ScaleNoCooldown,
                &subject,
                "an autoscaled pattern without `limits.cooldown` can add and remove capacity faster than it starts",
            )
            .with_help("set a cooldown at least as long as a new unit takes to become ready, e.g. `cooldown: 3m`"),
        );
    }
    let stateless = pattern
        .implementation
        .as_ref()
        .and_then(|i| i.stateless_design.as_ref());
    if pattern.kind != ScalingType::Vertical
        && let Some(design) = stateless
    {
        let mut state = Vec::new();
        if design.session_management == SessionManagement::StickySessions {
            state.push("sticky sessions");
        }
        if design.file_storage == FileStorage::SharedFilesystem {
            state.push("a shared filesystem");
        }
        if !state.is_empty() {
            findings.push(
                EngineFinding::new(
                    Code::ScaleStateful,
                    &subject,
                    format!(
                        "a horizontal pattern that keeps state in {}: new units do not share it, and removing a unit loses it",
                        state.join(" and ")
                    ),
                )
                .with_help("keep sessions in an external cache or a token (JWT) and files in object storage"),
            );
        }
        if design.session_management == SessionManagement::ExternalCache {
            let has_cache = ctx.plan.components.iter().any(|c| {
                c.kind == ComponentType::Database
                    && c.database.as_ref().is_some_and(|d| {
                        d.kind == Some(DatabaseType::KeyValue)
                            || d.technology
                                .as_deref()
                                .is_some_and(|t| SESSION_CACHES.contains(&t))
                    })
            });
            if !has_cache {
                findings.push(
                    EngineFinding::new(
                        Code::ScaleNoCache,
                        &subject,
                        "sessions go to an external cache, but the plan has no cache component (a key-value database such as Redis)",
                    )
                    .with_help("add the cache as a component, so it is priced and sized with the rest"),
                );
            }
        }
    }
    // A Kubernetes HPA's ceiling must fit the cluster's pools.
    let hpa = pattern
        .implementation
        .as_ref()
        .and_then(|i| i.auto_scaling.as_ref())
        .is_some_and(|a| a.enabled && a.provider == AutoScalingProvider::KubernetesHpa);
    if hpa
        && let Some(cluster) = pattern
            .component
            .as_ref()
            .and_then(|id| ctx.plan.component(id.as_str()))
        && cluster.kind == ComponentType::ContainerCluster
        && let Ok(sized) = super::k8s::size(ctx, Some(cluster.id.as_str()), None)
    {
        for pool in sized.iter().flat_map(|c| &c.pools) {
            let ceiling = pool.max_count.unwrap_or(pool.count);
            if let Some(needed) = pool.nodes_needed.filter(|n| n.max > ceiling) {
                findings.push(
                    EngineFinding::new(
                        Code::ScaleCeilingUnfit,
                        &subject,
                        format!(
                            "at the autoscalers' maximum pool {} needs {} nodes but can grow to {ceiling}",
                            pool.name, needed.max
                        ),
                    )
                    .with_help("raise the pool's maxCount, or lower maxReplicas (`infraplan k8s size` shows the packing)"),
                );
            }
        }
    }
    findings.sort();
    PatternCheck {
        name: pattern.name.clone(),
        component: pattern.component.as_ref().map(|c| c.as_str().to_owned()),
        kind: pattern.kind,
        min: pattern.limits.min,
        max: pattern.limits.max,
        cooldown: pattern
            .limits
            .cooldown
            .as_ref()
            .map(|d| d.as_str().to_owned()),
        triggers,
        findings,
    }
}
