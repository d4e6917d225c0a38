//! Rollback checks: the procedures' total against `maxRollbackTime`, the
//! RTO against the time a rollback may take, rollback triggers for a
//! gradual traffic move, and the point of no return.

use serde::Serialize;

use super::calendar::minutes_text;
use crate::diag::Code;
use crate::engine::EngineFinding;
use crate::plan::migration::{MigrationApproach, MigrationPlan, TrafficStrategy};

/// What the rollback plan adds up to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RollbackSummary {
    /// Phases that are rollback points, in schedule order.
    pub points: Vec<String>,
    /// The first phase scheduled after the last rollback point: from its
    /// start, nothing can be rolled back.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub point_of_no_return: Option<String>,
    /// Procedures in order, with their durations as written.
    pub procedures: Vec<(String, Option<String>)>,
    /// The procedures' durations added up, e.g. `1h 35m`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub procedures_total: Option<String>,
    /// `rollback.maxRollbackTime` as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_rollback_time: Option<String>,
    /// `rollback.dataRecovery.rto` as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rto: Option<String>,
    /// `rollback.dataRecovery.rpo` as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rpo: Option<String>,
    /// Triggers from the rollback plan and the traffic move.
    pub triggers: Vec<String>,
}

/// Clock time (not working time) in minutes: a rollback or an RTO runs
/// around the clock.
fn elapsed_minutes(duration: &crate::plan::quantity::Duration) -> u64 {
    duration.value().div_ceil(60)
}

/// Checks `migration`'s rollback plan; `points` and `point_of_no_return`
/// come from the schedule.
pub fn check(
    migration: &MigrationPlan,
    points: Vec<String>,
    point_of_no_return: Option<String>,
) -> (RollbackSummary, Vec<EngineFinding>) {
    let id = migration.id.as_str();
    let mut findings = Vec::new();
    let plan = migration.rollback.as_ref();
    let procedures: Vec<(String, Option<String>)> = plan
        .map(|r| {
            r.procedures
                .iter()
                .map(|p| {
                    (
                        p.name.clone(),
                        p.estimated_duration.as_ref().map(|d| d.as_str().to_owned()),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let timed: Vec<u64> = plan
        .map(|r| {
            r.procedures
                .iter()
                .filter_map(|p| p.estimated_duration.as_ref().map(elapsed_minutes))
                .collect()
        })
        .unwrap_or_default();
    let total = (!timed.is_empty()).then(|| timed.iter().sum::<u64>());
    let max = plan.and_then(|r| r.max_rollback_time.as_ref());
    let recovery = plan.and_then(|r| r.data_recovery.as_ref());
    if let (Some(total), Some(max)) = (total, max)
        && total > elapsed_minutes(max)
    {
        findings.push(
            EngineFinding::new(
                Code::RollbackTooSlow,
                id,
                format!(
                    "the rollback procedures take {} in total, more than `maxRollbackTime` {}",
                    minutes_text(total),
                    max.as_str()
                ),
            )
            .with_help("shorten or parallelise the procedures, or raise `maxRollbackTime` if the business accepts it"),
        );
    }
    if let Some(recovery) = recovery {
        // The longest a rollback may take: the stated maximum, or the
        // procedures' total when they take longer.
        let rto = elapsed_minutes(&recovery.rto);
        let bound = max.map(elapsed_minutes).into_iter().chain(total).max();
        if let Some(bound) = bound.filter(|&b| rto < b) {
            findings.push(
                EngineFinding::new(
                    Code::RtoBelowRollback,
                    id,
                    format!(
                        "the RTO is {} but a rollback may take {} ({}), so a rollback alone can break the recovery objective",
                        recovery.rto.as_str(),
                        minutes_text(bound),
                        if total == Some(bound) { "the procedures' total" } else { "`maxRollbackTime`" }
                    ),
                )
                .with_help("make the rollback faster than the RTO, or agree a longer RTO for the migration window"),
            );
        }
    }
    let traffic = migration
        .strategy
        .as_ref()
        .and_then(|s| s.traffic_migration.as_ref());
    let gradual = traffic
        .is_some_and(|t| t.strategy == TrafficStrategy::Canary || t.rollout_percentages.len() > 1)
        || migration
            .strategy
            .as_ref()
            .is_some_and(|s| s.approach == MigrationApproach::Phased);
    let mut triggers: Vec<String> = plan.map(|r| r.triggers.clone()).unwrap_or_default();
    triggers.extend(
        traffic
            .map(|t| t.rollback_triggers.clone())
            .unwrap_or_default(),
    );
    if gradual && triggers.is_empty() {
        findings.push(
            EngineFinding::new(
                Code::RolloutWithoutTriggers,
                id,
                "traffic moves in steps but no rollback trigger says when to step back",
            )
            .with_help("add `rollback.triggers` or `strategy.trafficMigration.rollbackTriggers`, e.g. `error rate above 1% for 5 minutes`"),
        );
    }
    if points.is_empty() && !migration.phases.is_empty() {
        findings.push(
            EngineFinding::new(
                Code::NoRollbackPoint,
                id,
                "no phase is a rollback point, so nothing can be undone once the migration starts",
            )
            .with_help("mark the phases after which the old system can still take over with `isRollbackPoint: true`"),
        );
    }
    let summary = RollbackSummary {
        points,
        point_of_no_return,
        procedures,
        procedures_total: total.map(minutes_text),
        max_rollback_time: max.map(|d| d.as_str().to_owned()),
        rto: recovery.map(|r| r.rto.as_str().to_owned()),
        rpo: recovery.map(|r| r.rpo.as_str().to_owned()),
        triggers,
    };
    (summary, findings)
}
