//! Migration plans (specification §6.3): type, source and target, strategy,
//! phases with dependencies, risks, rollback, timeline and success criteria.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::quantity::{Date, Duration, Id};

/// A migration plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MigrationPlan {
    /// Unique id.
    pub id: Id,
    /// Name.
    pub name: String,
    /// Kind of migration (the "7 Rs").
    #[serde(rename = "type")]
    pub kind: MigrationType,
    /// Where the workload runs today.
    pub source: MigrationEndpoint,
    /// Where it will run.
    pub target: MigrationEndpoint,
    /// How the move happens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategy: Option<MigrationStrategy>,
    /// Phases, in any order; dependencies decide the schedule.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phases: Vec<MigrationPhase>,
    /// Risks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub risks: Vec<MigrationRisk>,
    /// Rollback plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rollback: Option<RollbackPlan>,
    /// Timeline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeline: Option<Timeline>,
    /// How success is judged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub success_criteria: Vec<SuccessCriterion>,
    /// Days off for this migration's schedule, added to the plan's calendar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<Calendar>,
}

/// Non-working days beyond Saturdays and Sundays.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Calendar {
    /// Public holidays and shutdown days (`2026-12-25`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holidays: Vec<Date>,
}

/// Kind of migration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MigrationType {
    /// Move as-is (rehost).
    LiftAndShift,
    /// Minor changes to use managed services.
    Replatform,
    /// Significant code changes.
    Refactor,
    /// Rewrite.
    Rebuild,
    /// Replace with SaaS.
    Replace,
    /// Decommission.
    Retire,
    /// Keep as-is.
    Retain,
}

/// Where a workload runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MigrationEndpoint {
    /// Hosting platform.
    pub platform: Platform,
    /// Region or data centre.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Free-text description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Plan components at this end (usually for the target).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<Id>,
}

/// Hosting platform of a migration endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    /// Own data centre.
    OnPremises,
    /// Colocation or other hosting.
    Hosted,
    /// Microsoft Azure.
    Azure,
    /// Amazon Web Services.
    Aws,
    /// Google Cloud.
    Gcp,
    /// A SaaS product.
    Saas,
}

/// How the move happens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MigrationStrategy {
    /// Overall approach.
    pub approach: MigrationApproach,
    /// Data migration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_migration: Option<DataMigration>,
    /// Traffic migration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub traffic_migration: Option<TrafficMigration>,
}

/// Overall migration approach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MigrationApproach {
    /// Everything at once.
    BigBang,
    /// In phases.
    Phased,
    /// Route features to the new system one by one.
    StranglerFig,
    /// Run old and new side by side, compare.
    ParallelRun,
}

/// Data migration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DataMigration {
    /// Copy once, replicate continuously, or both.
    pub strategy: DataMigrationStrategy,
    /// Tool, e.g. `AWS DMS`, `Azure DMS`, `pg_dump`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool: Option<String>,
    /// How migrated data is checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validation_strategy: Option<String>,
}

/// Data-migration strategy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DataMigrationStrategy {
    /// One copy during a cutover window.
    OneTime,
    /// Change-data capture until cutover.
    Continuous,
    /// Bulk copy, then change-data capture.
    Hybrid,
}

/// Traffic migration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TrafficMigration {
    /// Mechanism that shifts traffic.
    pub strategy: TrafficStrategy,
    /// Successive shares of traffic on the target, percent, ascending to 100.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rollout_percentages: Vec<Percentage>,
    /// Signals that stop the rollout.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rollback_triggers: Vec<String>,
}

/// A percentage, 0–100.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Percentage(pub f64);

impl JsonSchema for Percentage {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Percentage".into()
    }

    fn json_schema(_generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A percentage, 0–100.",
            "type": "number",
            "minimum": 0,
            "maximum": 100,
        })
    }
}

/// Mechanism that shifts traffic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TrafficStrategy {
    /// Weighted DNS records.
    Dns,
    /// Load-balancer weights.
    LoadBalancer,
    /// Feature flags per user or tenant.
    FeatureFlag,
    /// Canary release.
    Canary,
}

/// A migration phase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MigrationPhase {
    /// Unique id within the migration.
    pub id: Id,
    /// Name.
    pub name: String,
    /// What happens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Plan components involved.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<Id>,
    /// Tasks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<MigrationTask>,
    /// Phase ids that must finish first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dependencies: Vec<Id>,
    /// Estimated duration in working time (`3d` is three working days, `2w`
    /// ten); when absent, the sum of the tasks' durations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimated_duration: Option<Duration>,
    /// How the phase is validated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validation: Option<PhaseValidation>,
    /// Whether the system can be rolled back to the end of this phase.
    #[serde(default)]
    pub is_rollback_point: bool,
}

/// A task in a phase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MigrationTask {
    /// What to do.
    pub name: String,
    /// Who does it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// How long it takes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<Duration>,
}

/// How a phase is validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PhaseValidation {
    /// Tests to pass.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tests: Vec<String>,
    /// Metrics to watch.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub metrics: Vec<String>,
    /// A named person must sign off.
    #[serde(default)]
    pub sign_off_required: bool,
}

/// A migration risk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MigrationRisk {
    /// Unique id within the migration.
    pub id: Id,
    /// What could go wrong.
    pub description: String,
    /// Likelihood.
    pub probability: Level,
    /// Impact.
    pub impact: Impact,
    /// How it is made less likely or less harmful.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mitigation: Option<String>,
    /// What happens if it occurs anyway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contingency: Option<String>,
    /// Who watches it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
}

/// Low, medium or high.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
}

/// Impact of a risk.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
    /// Critical.
    Critical,
}

/// Rollback plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RollbackPlan {
    /// Signals that start a rollback.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub triggers: Vec<String>,
    /// Steps, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub procedures: Vec<RollbackProcedure>,
    /// Longest a rollback may take.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_rollback_time: Option<Duration>,
    /// Data recovery.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_recovery: Option<DataRecovery>,
}

/// A rollback step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RollbackProcedure {
    /// Step name.
    pub name: String,
    /// What to do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// How long it takes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimated_duration: Option<Duration>,
}

/// Data recovery during a rollback.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DataRecovery {
    /// How data written on the target is brought back.
    pub strategy: String,
    /// Recovery point objective.
    pub rpo: Duration,
    /// Recovery time objective.
    pub rto: Duration,
}

/// Timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Timeline {
    /// First day.
    pub planned_start: Date,
    /// Last day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned_end: Option<Date>,
    /// The critical path the team expects, as phase ids in order;
    /// `migrate check` compares it with the computed one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub critical_path: Vec<Id>,
}

/// A success criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SuccessCriterion {
    /// Metric, e.g. `p99 checkout latency`.
    pub metric: String,
    /// Target, e.g. `< 300 ms`.
    pub target: String,
    /// Context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}
