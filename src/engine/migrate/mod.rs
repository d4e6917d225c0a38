//! Migration planning (specification §6.3): a dated schedule by the
//! critical path method, the risk register, and the rollback checks for
//! each of the plan's `migrations`.
//!
//! Entry: [`schedule`] (one migration) and [`schedule_all`]. Durations are
//! working time ([`calendar`]); the graph arithmetic is in [`cpm`], risks in
//! [`risk`], rollback checks in [`rollback`]. Findings use the `migrate`
//! codes of the one table in [`crate::diag`].

pub mod calendar;
pub mod cpm;
pub mod risk;
pub mod rollback;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::{Context, EngineFinding};
use crate::diag::Code;
use crate::plan::migration::{MigrationApproach, MigrationPlan, MigrationType};
use calendar::{
    WorkCalendar, date_text, day_of, is_weekend, weekday_name, working_days, working_minutes,
};
use cpm::Activity;
use risk::{RiskMatrix, ScoredRisk};
use rollback::RollbackSummary;

/// Where a phase's duration came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum DurationSource {
    /// `estimatedDuration`.
    EstimatedDuration,
    /// The sum of its tasks' durations.
    Tasks,
}

/// One phase on the schedule. Times are working days from the start; a
/// finish is exclusive, the dates inclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScheduledPhase {
    /// Phase id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Working days.
    pub duration_days: u32,
    /// Where the duration came from.
    pub duration_from: DurationSource,
    /// Phases that finish first.
    pub dependencies: Vec<String>,
    /// Earliest start.
    pub early_start: u32,
    /// Earliest finish.
    pub early_finish: u32,
    /// Latest start that keeps the end date.
    pub late_start: u32,
    /// Latest finish that keeps the end date.
    pub late_finish: u32,
    /// Working days it can slip without moving the end.
    pub slack_days: u32,
    /// On a zero-slack chain.
    pub critical: bool,
    /// First working day (ISO date).
    pub start: String,
    /// Last working day (ISO date; the start for a zero-day milestone).
    pub finish: String,
    /// Marked `isRollbackPoint`.
    pub rollback_point: bool,
    /// The latest rollback point among the phases that finish before it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rolls_back_to: Option<String>,
}

/// The computed plan of one migration.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MigrationSchedule {
    /// Migration id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Kind (the 7 Rs).
    #[serde(rename = "type")]
    pub kind: MigrationType,
    /// Approach, when the plan states one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approach: Option<MigrationApproach>,
    /// First working day (ISO date).
    pub start: String,
    /// Last working day (ISO date).
    pub end: String,
    /// Working days from start to end.
    pub working_days: u32,
    /// Days off the schedule skips besides weekends (plan and migration
    /// calendars), sorted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub holidays: Vec<String>,
    /// `timeline.plannedEnd`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planned_end: Option<String>,
    /// Working days from the computed end to `plannedEnd`: positive to
    /// spare, negative late.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_to_planned_end: Option<i64>,
    /// Phase ids on the critical path, in order.
    pub critical_path: Vec<String>,
    /// Phases by start, then as the plan lists them.
    pub phases: Vec<ScheduledPhase>,
    /// Risks, highest score first.
    pub risks: Vec<ScoredRisk>,
    /// Risk ids by probability × impact.
    pub risk_matrix: RiskMatrix,
    /// Rollback points, the point of no return and the rollback checks.
    pub rollback: RollbackSummary,
    /// Traffic rollout steps, in percent.
    pub rollout: Vec<f64>,
    /// What is wrong with the plan as scheduled.
    pub findings: Vec<EngineFinding>,
}

/// Why a migration cannot be scheduled (validation reports these first).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    /// The migration has no timeline, so there is no start date.
    #[error("migration `{0}` has no `timeline.plannedStart`, so its phases cannot be dated")]
    NoStart(String),
    /// Phases on a cycle or depending on a missing phase.
    #[error(
        "migration `{migration}` cannot be scheduled: {phases} depend on each other in a cycle or on a missing phase"
    )]
    Cycle {
        /// Migration id.
        migration: String,
        /// The phases involved.
        phases: String,
    },
}

/// Every migration of the plan, scheduled, in plan order.
pub fn schedule_all(ctx: &Context<'_>) -> Vec<Result<MigrationSchedule, ScheduleError>> {
    ctx.plan
        .migrations
        .iter()
        .map(|m| schedule(ctx, m))
        .collect()
}

/// Schedules `migration` and checks its risks and rollback plan.
pub fn schedule(
    ctx: &Context<'_>,
    migration: &MigrationPlan,
) -> Result<MigrationSchedule, ScheduleError> {
    let id = migration.id.as_str();
    let timeline = migration
        .timeline
        .as_ref()
        .ok_or_else(|| ScheduleError::NoStart(id.to_owned()))?;
    let planned_start = day_of(timeline.planned_start.as_str())
        .ok_or_else(|| ScheduleError::NoStart(id.to_owned()))?;
    let holidays: BTreeSet<i64> = ctx
        .plan
        .calendar
        .iter()
        .chain(migration.calendar.iter())
        .flat_map(|c| &c.holidays)
        .filter_map(|d| day_of(d.as_str()))
        .collect();
    let holiday_dates: Vec<String> = holidays.iter().map(|&d| date_text(d)).collect();
    let mut calendar = WorkCalendar::starting(planned_start, holidays);
    let mut findings = Vec::new();
    if calendar.first() != planned_start {
        findings.push(
            EngineFinding::new(
                Code::StartNotWorkingDay,
                id,
                format!(
                    "`plannedStart` {} is {}; the schedule starts on the next working day, {} {}",
                    timeline.planned_start,
                    if is_weekend(planned_start) {
                        format!("a {}", weekday_name(planned_start))
                    } else {
                        format!("a holiday ({})", weekday_name(planned_start))
                    },
                    weekday_name(calendar.first()),
                    date_text(calendar.first())
                ),
            )
            .with_help("start the timeline on a working day"),
        );
    }

    let index: BTreeMap<&str, usize> = migration
        .phases
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let durations: Vec<(u32, DurationSource)> = migration
        .phases
        .iter()
        .map(|phase| match &phase.estimated_duration {
            Some(d) => (
                working_days(working_minutes(d)),
                DurationSource::EstimatedDuration,
            ),
            None => (
                working_days(
                    phase
                        .tasks
                        .iter()
                        .filter_map(|t| t.duration.as_ref().map(working_minutes))
                        .sum(),
                ),
                DurationSource::Tasks,
            ),
        })
        .collect();
    let activities: Vec<Activity> = migration
        .phases
        .iter()
        .zip(&durations)
        .map(|(phase, &(duration, _))| Activity {
            duration,
            after: phase
                .dependencies
                .iter()
                .map(|d| index.get(d.as_str()).copied().unwrap_or(usize::MAX))
                .collect(),
        })
        .collect();
    let (times, end, topological) =
        cpm::schedule(&activities).map_err(|cpm::Unschedulable(stuck)| ScheduleError::Cycle {
            migration: id.to_owned(),
            phases: stuck
                .iter()
                .map(|&i| format!("`{}`", migration.phases[i].id))
                .collect::<Vec<_>>()
                .join(", "),
        })?;
    let path = cpm::critical_path(&activities, &times);
    let critical_path: Vec<String> = path
        .iter()
        .map(|&i| migration.phases[i].id.as_str().to_owned())
        .collect();

    // Schedule order: by earliest start, then as the plan lists them.
    let mut order: Vec<usize> = (0..migration.phases.len()).collect();
    order.sort_by_key(|&i| (times[i].early_start, i));
    let rolls_back = latest_rollback_points(migration, &activities, &times, &topological);
    let mut phases = Vec::with_capacity(order.len());
    for &i in &order {
        let phase = &migration.phases[i];
        let t = times[i];
        let start = calendar.day(t.early_start);
        let finish = calendar.day(t.early_finish.saturating_sub(1).max(t.early_start));
        let rolls_back_to = rolls_back[i].map(|a| migration.phases[a].id.as_str().to_owned());
        phases.push(ScheduledPhase {
            id: phase.id.as_str().to_owned(),
            name: phase.name.clone(),
            duration_days: durations[i].0,
            duration_from: durations[i].1,
            dependencies: phase
                .dependencies
                .iter()
                .map(|d| d.as_str().to_owned())
                .collect(),
            early_start: t.early_start,
            early_finish: t.early_finish,
            late_start: t.late_start,
            late_finish: t.late_finish,
            slack_days: t.slack(),
            critical: t.slack() == 0,
            start: date_text(start),
            finish: date_text(finish),
            rollback_point: phase.is_rollback_point,
            rolls_back_to,
        });
    }
    let end_day = calendar.day(end.saturating_sub(1));
    let start_text = date_text(calendar.first());
    let end_text = if migration.phases.is_empty() {
        start_text.clone()
    } else {
        date_text(end_day)
    };

    let days_to_planned_end = timeline
        .planned_end
        .as_ref()
        .and_then(|d| day_of(d.as_str()))
        .filter(|_| !migration.phases.is_empty())
        .map(|planned| working_days_between(&calendar, end_day, planned));
    if let (Some(late), Some(planned_end)) = (
        days_to_planned_end
            .filter(|&d| d < 0)
            .map(i64::unsigned_abs),
        &timeline.planned_end,
    ) {
        findings.push(
            EngineFinding::new(
                Code::MigrationLate,
                id,
                format!(
                    "the schedule ends on {end_text}, {late} working day{} after `plannedEnd` {planned_end}; the critical path drives it: {}",
                    if late == 1 { "" } else { "s" },
                    critical_path.join(" → ")
                ),
            )
            .with_help("shorten a phase on the critical path, run phases in parallel, or move `plannedEnd`"),
        );
    }
    if !timeline.critical_path.is_empty() {
        let stated: Vec<&str> = timeline
            .critical_path
            .iter()
            .map(crate::plan::Id::as_str)
            .collect();
        if stated != critical_path.iter().map(String::as_str).collect::<Vec<_>>() {
            findings.push(
                EngineFinding::new(
                    Code::CriticalPathMismatch,
                    id,
                    format!(
                        "`timeline.criticalPath` says {} but the phases give {}",
                        stated.join(" → "),
                        critical_path.join(" → ")
                    ),
                )
                .with_help(
                    "update `timeline.criticalPath`, or the phases' durations and dependencies",
                ),
            );
        }
    }

    let points: Vec<String> = phases
        .iter()
        .filter(|p| p.rollback_point)
        .map(|p| p.id.clone())
        .collect();
    let last_point_finish = phases
        .iter()
        .filter(|p| p.rollback_point)
        .map(|p| p.early_finish)
        .max();
    let point_of_no_return = last_point_finish.and_then(|finish| {
        phases
            .iter()
            .find(|p| !p.rollback_point && p.early_start >= finish)
            .map(|p| p.id.clone())
    });
    let (rollback, rollback_findings) = rollback::check(migration, points, point_of_no_return);
    findings.extend(rollback_findings);
    findings.extend(rpo_findings(ctx, migration));
    let (risks, risk_matrix, risk_findings) = risk::register(&migration.risks, id);
    findings.extend(risk_findings);
    findings.sort();

    Ok(MigrationSchedule {
        id: id.to_owned(),
        name: migration.name.clone(),
        kind: migration.kind,
        approach: migration.strategy.as_ref().map(|s| s.approach),
        start: start_text,
        end: end_text,
        working_days: end,
        holidays: holiday_dates,
        planned_end: timeline.planned_end.as_ref().map(|d| d.as_str().to_owned()),
        days_to_planned_end,
        critical_path,
        phases,
        risks,
        risk_matrix,
        rollback,
        rollout: migration
            .strategy
            .as_ref()
            .and_then(|s| s.traffic_migration.as_ref())
            .map(|t| t.rollout_percentages.iter().map(|p| p.0).collect())
            .unwrap_or_default(),
        findings,
    })
}

/// The RPO checked against each database the migration touches: with no
/// continuous data migration, no replica or standby and no point-in-time
/// recovery, the newest recovery point is the last scheduled backup.
fn rpo_findings(ctx: &Context<'_>, migration: &MigrationPlan) -> Vec<EngineFinding> {
    use crate::plan::migration::DataMigrationStrategy;
    let Some(rpo) = migration
        .rollback
        .as_ref()
        .and_then(|r| r.data_recovery.as_ref())
        .map(|d| &d.rpo)
    else {
        return Vec::new();
    };
    let continuous = migration
        .strategy
        .as_ref()
        .and_then(|s| s.data_migration.as_ref())
        .is_some_and(|d| {
            matches!(
                d.strategy,
                DataMigrationStrategy::Continuous | DataMigrationStrategy::Hybrid
            )
        });
    if continuous {
        return Vec::new();
    }
    let mut touched: Vec<&str> = migration
        .source
        .components
        .iter()
        .chain(&migration.target.components)
        .chain(migration.phases.iter().flat_map(|p| &p.components))
        .map(crate::plan::Id::as_str)
        .collect();
    touched.sort_unstable();
    touched.dedup();
    let mut findings = Vec::new();
    for id in touched {
        let Some(database) = ctx.plan.component(id).and_then(|c| c.database.as_ref()) else {
            continue;
        };
        let replicated = database
            .high_availability
            .as_ref()
            .is_some_and(|h| h.enabled)
            || database
                .deployment
                .as_ref()
                .is_some_and(|d| d.replication.is_some());
        let backup = database.backup.as_ref();
        if replicated || backup.is_some_and(|b| b.enabled && b.point_in_time_recovery) {
            continue;
        }
        let (newest, what) = match backup.filter(|b| b.enabled) {
            Some(b) => match &b.frequency {
                Some(f) => (f.value(), format!("backups every {f}")),
                None => (86_400, "daily backups (no `frequency` given)".to_owned()),
            },
            None => (u64::MAX, "no backups".to_owned()),
        };
        if rpo.value() < newest {
            findings.push(
                EngineFinding::new(
                    Code::RpoUnachievable,
                    migration.id.as_str(),
                    format!(
                        "the RPO is {rpo} but `{id}` has {what}, no replica or standby, no point-in-time recovery, and the data moves in one copy"
                    ),
                )
                .with_help("turn on point-in-time recovery or replication for it, migrate data continuously (CDC), or state the RPO the backups give"),
            );
        }
    }
    findings
}

/// Working days after `from` up to and including `to` (negative when `to`
/// is earlier): how far a planned end lies from the computed one.
fn working_days_between(calendar: &WorkCalendar, from: i64, to: i64) -> i64 {
    let (low, high, sign) = if to >= from {
        (from, to, 1)
    } else {
        (to, from, -1)
    };
    let count = (low + 1..=high).filter(|&d| calendar.is_working(d)).count();
    sign * i64::try_from(count).unwrap_or(i64::MAX)
}

/// For each phase, the rollback point among the phases that must finish
/// before it (directly or transitively) that finishes last; ties go to the
/// one the plan lists first. One pass in topological order.
fn latest_rollback_points(
    migration: &MigrationPlan,
    activities: &[Activity],
    times: &[cpm::Times],
    topological: &[usize],
) -> Vec<Option<usize>> {
    let later = |a: usize, b: usize| {
        (times[a].early_finish, std::cmp::Reverse(a))
            > (times[b].early_finish, std::cmp::Reverse(b))
    };
    let mut best: Vec<Option<usize>> = vec![None; activities.len()];
    for &i in topological {
        let mut chosen: Option<usize> = None;
        for &p in &activities[i].after {
            let own = migration.phases[p].is_rollback_point.then_some(p);
            for candidate in [own, best[p]].into_iter().flatten() {
                if chosen.is_none_or(|c| later(candidate, c)) {
                    chosen = Some(candidate);
                }
            }
        }
        best[i] = chosen;
    }
    best
}
