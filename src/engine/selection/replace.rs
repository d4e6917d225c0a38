//! What `recommend-db --apply` would replace: a component that already names
//! a technology keeps it unless the user says to replace it, and then learns
//! what else in the plan still describes the old choice.

use crate::catalog::Catalog;
use crate::plan::decision::DecisionStatus;
use crate::plan::{CloudProvider, Component, Plan};

/// A choice that would replace the component's current technology.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replacement {
    /// The technology the component names now.
    pub current: String,
    /// The technology chosen.
    pub chosen: String,
    /// Parts of the plan that still describe the current technology.
    pub disagreements: Vec<String>,
}

/// `None` when the component names no technology or already names `chosen`.
pub fn replacement(
    plan: &Plan,
    component: &Component,
    chosen: &str,
    catalog: &Catalog,
    provider: CloudProvider,
) -> Option<Replacement> {
    let database = component.database.as_ref()?;
    let current = database.technology.as_deref()?;
    if current == chosen {
        return None;
    }
    let mut disagreements = Vec::new();
    let engine_block = [
        (
            "postgresql",
            database.postgresql.is_some(),
            &["postgresql", "timescaledb", "pgvector"][..],
        ),
        ("mongodb", database.mongodb.is_some(), &["mongodb"][..]),
        ("redis", database.redis.is_some(), &["redis", "valkey"][..]),
        (
            "elasticsearch",
            database.elasticsearch.is_some(),
            &["elasticsearch", "opensearch"][..],
        ),
    ];
    for (block, present, serves) in engine_block {
        if present && !serves.contains(&chosen) {
            disagreements.push(format!(
                "the `database.{block}` block configures the {block} engine, which {chosen} does not run"
            ));
        }
    }
    if let Some(version) = &database.version {
        disagreements.push(format!(
            "`database.version: {version}` is a version of {current}"
        ));
    }
    let deployment = database.deployment.as_ref();
    if let Some(service) = deployment.and_then(|d| d.service.as_deref()) {
        let wanted = catalog
            .database(chosen)
            .and_then(|t| t.managed_on(provider))
            .map(|s| {
                format!(
                    "; {chosen}'s managed service on {} is {s}",
                    provider.as_str()
                )
            })
            .unwrap_or_default();
        disagreements.push(format!(
            "`deployment.service: {service}` names {current}'s service{wanted}"
        ));
    }
    if let Some(tier) = deployment
        .and_then(|d| d.sizing.as_ref())
        .and_then(|s| s.tier.as_deref())
    {
        disagreements.push(format!(
            "`deployment.sizing.tier: {tier}` is an instance type of {current}'s service"
        ));
    }
    let current_name = catalog
        .database(current)
        .map_or(current, |t| t.name.as_str());
    for decision in plan.decisions.iter().filter(|d| {
        matches!(
            d.status,
            DecisionStatus::Accepted | DecisionStatus::Proposed
        )
    }) {
        let text = format!(
            "{} {}",
            decision.title,
            decision.decision.as_deref().unwrap_or_default()
        )
        .to_lowercase();
        if text.contains(&current_name.to_lowercase()) {
            disagreements.push(format!(
                "decision {} ({}) chose {current_name}: supersede it with a new record",
                decision.id.as_str(),
                decision.title
            ));
        }
    }
    Some(Replacement {
        current: current.to_owned(),
        chosen: chosen.to_owned(),
        disagreements,
    })
}
