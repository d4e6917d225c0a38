//! Renderers of `infraplan migrate`: tables, a markdown runbook, a Mermaid
//! gantt chart. They lay out what `engine::migrate` computed; every number
//! comes from the schedule.

use std::fmt::Write as _;

use serde::Serialize;

use infraplan::engine::EngineFinding;
use infraplan::engine::migrate::MigrationSchedule;
use infraplan::engine::migrate::risk::RiskMatrix;
use infraplan::plan::MigrationPlan;

use super::output::new_table;

/// One line of `migrate list --format json`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    kind: infraplan::plan::migration::MigrationType,
    #[serde(skip_serializing_if = "Option::is_none")]
    approach: Option<infraplan::plan::migration::MigrationApproach>,
    phases: usize,
    start: &'a str,
    end: &'a str,
    working_days: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    planned_end: Option<&'a str>,
    errors: usize,
    warnings: usize,
}

impl<'a> Summary<'a> {
    /// The summary of one schedule.
    pub fn of(schedule: &'a MigrationSchedule) -> Self {
        let errors = count_errors(&schedule.findings);
        Self {
            id: &schedule.id,
            name: &schedule.name,
            kind: schedule.kind,
            approach: schedule.approach,
            phases: schedule.phases.len(),
            start: &schedule.start,
            end: &schedule.end,
            working_days: schedule.working_days,
            planned_end: schedule.planned_end.as_deref(),
            errors,
            warnings: schedule.findings.len() - errors,
        }
    }
}

fn count_errors(findings: &[EngineFinding]) -> usize {
    findings
        .iter()
        .filter(|f| f.severity == infraplan::diag::Severity::Error)
        .count()
}

use super::output::enum_text as snake;

fn checks(schedule: &MigrationSchedule) -> String {
    let errors = count_errors(&schedule.findings);
    match (errors, schedule.findings.len() - errors) {
        (0, 0) => "ok".to_owned(),
        (e, w) => format!("{e} error(s), {w} warning(s)"),
    }
}

/// `migrate list` as a table.
pub fn list_table(schedules: &[MigrationSchedule]) -> String {
    let mut table = new_table(
        [
            "id", "name", "type", "approach", "phases", "start", "end", "checks",
        ]
        .map(str::to_owned)
        .to_vec(),
    );
    for s in schedules {
        table.add_row(vec![
            s.id.clone(),
            s.name.clone(),
            snake(&s.kind),
            s.approach.map(|a| snake(&a)).unwrap_or_default(),
            s.phases.len().to_string(),
            s.start.clone(),
            s.end.clone(),
            checks(s),
        ]);
    }
    format!("{table}\n")
}

/// `migrate list` as markdown.
pub fn list_markdown(schedules: &[MigrationSchedule]) -> String {
    let mut out = String::from(
        "| id | name | type | approach | phases | start | end | checks |\n| --- | --- | --- | --- | ---: | --- | --- | --- |\n",
    );
    for s in schedules {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            s.id,
            cell(&s.name),
            snake(&s.kind),
            s.approach.map(|a| snake(&a)).unwrap_or_default(),
            s.phases.len(),
            s.start,
            s.end,
            checks(s)
        );
    }
    out
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn headline(schedule: &MigrationSchedule) -> String {
    let mut line = format!(
        "{} → {}, {} working day{}",
        schedule.start,
        schedule.end,
        schedule.working_days,
        if schedule.working_days == 1 { "" } else { "s" }
    );
    if let (Some(planned), Some(days)) = (&schedule.planned_end, schedule.days_to_planned_end) {
        let _ = match days {
            0 => write!(line, " (planned end {planned}: on the day)"),
            d if d > 0 => write!(line, " (planned end {planned}: {d} working days to spare)"),
            d => write!(line, " (planned end {planned}: {} working days late)", -d),
        };
    }
    line
}

fn approach_text(schedule: &MigrationSchedule) -> String {
    match schedule.approach {
        Some(approach) => format!("{}, {}", snake(&schedule.kind), snake(&approach)),
        None => snake(&schedule.kind),
    }
}

/// `migrate show` for a terminal.
pub fn table(schedule: &MigrationSchedule) -> String {
    let mut out = format!(
        "Migration {} — {} ({})\nSchedule: {}\nCritical path: {}\n\n",
        schedule.id,
        schedule.name,
        approach_text(schedule),
        headline(schedule),
        schedule.critical_path.join(" → ")
    );
    let mut phases = new_table(
        [
            "phase", "days", "start", "finish", "slack", "critical", "rollback",
        ]
        .map(str::to_owned)
        .to_vec(),
    );
    for p in &schedule.phases {
        let mut cells = vec![p.id.clone()];
        cells.extend(phase_cells(p));
        phases.add_row(cells);
    }
    let _ = writeln!(out, "{phases}");
    if !schedule.risks.is_empty() {
        let mut risks = new_table(
            [
                "risk",
                "score",
                "P × I",
                "owner",
                "mitigation",
                "contingency",
            ]
            .map(str::to_owned)
            .to_vec(),
        );
        for r in &schedule.risks {
            risks.add_row(vec![
                r.id.clone(),
                r.score.to_string(),
                format!("{} × {}", r.probability, r.impact),
                r.owner.clone().unwrap_or_else(|| "—".to_owned()),
                yes_no(r.mitigation.is_some()),
                yes_no(r.contingency.is_some()),
            ]);
        }
        let _ = writeln!(out, "\nRisks (probability 1–3 × impact 1–4)\n{risks}");
        let _ = write!(out, "\n{}", matrix_table(&schedule.risk_matrix));
    }
    let _ = write!(out, "\n{}", rollback_text(schedule));
    if !schedule.rollout.is_empty() {
        let _ = writeln!(out, "Traffic rollout: {}", rollout(&schedule.rollout));
    }
    let _ = write!(out, "\n{}", findings_section(&schedule.findings));
    out
}

fn yes_no(value: bool) -> String {
    if value { "yes" } else { "no" }.to_owned()
}

/// A phase's cells after its id: working days (and where they came from),
/// start, finish, slack, critical, rollback.
fn phase_cells(p: &infraplan::engine::migrate::ScheduledPhase) -> Vec<String> {
    let from_tasks = p.duration_from == infraplan::engine::migrate::DurationSource::Tasks;
    vec![
        format!(
            "{}{}",
            p.duration_days,
            if from_tasks { " (tasks)" } else { "" }
        ),
        p.start.clone(),
        p.finish.clone(),
        p.slack_days.to_string(),
        if p.critical { "yes" } else { "" }.to_owned(),
        rollback_cell(p),
    ]
}

fn rollback_cell(p: &infraplan::engine::migrate::ScheduledPhase) -> String {
    match (p.rollback_point, &p.rolls_back_to) {
        (true, _) => "point".to_owned(),
        (false, Some(to)) => format!("to {to}"),
        (false, None) => "to start".to_owned(),
    }
}

fn rollout(steps: &[f64]) -> String {
    steps
        .iter()
        .map(|p| format!("{p}%"))
        .collect::<Vec<_>>()
        .join(" → ")
}

const IMPACTS: [&str; 4] = ["low", "medium", "high", "critical"];
const PROBABILITIES: [&str; 3] = ["high", "medium", "low"];

fn matrix_table(matrix: &RiskMatrix) -> String {
    let mut header = vec!["probability \\ impact".to_owned()];
    header.extend(IMPACTS.map(str::to_owned));
    let mut table = new_table(header);
    for (row, probability) in matrix.cells.iter().zip(PROBABILITIES) {
        let mut cells = vec![probability.to_owned()];
        cells.extend(row.iter().map(|ids| ids.join(", ")));
        table.add_row(cells);
    }
    format!("{table}\n")
}

fn rollback_text(schedule: &MigrationSchedule) -> String {
    let r = &schedule.rollback;
    let mut out = String::from("Rollback\n");
    let _ = writeln!(
        out,
        "  points: {}",
        if r.points.is_empty() {
            "none".to_owned()
        } else {
            r.points.join(", ")
        }
    );
    if let Some(point) = &r.point_of_no_return {
        let _ = writeln!(
            out,
            "  point of no return: {point} (no rollback point after it starts)"
        );
    }
    if let Some(total) = &r.procedures_total {
        let _ = writeln!(
            out,
            "  procedures: {} step(s), {total} in total{}",
            r.procedures.len(),
            r.max_rollback_time
                .as_ref()
                .map(|m| format!(" (maxRollbackTime {m})"))
                .unwrap_or_default()
        );
    }
    if let (Some(rto), Some(rpo)) = (&r.rto, &r.rpo) {
        let _ = writeln!(out, "  recovery objectives: RTO {rto}, RPO {rpo}");
    }
    if !r.triggers.is_empty() {
        let _ = writeln!(out, "  triggers: {}", r.triggers.join("; "));
    }
    out
}

fn findings_section(findings: &[EngineFinding]) -> String {
    if findings.is_empty() {
        return "Findings: none\n".to_owned();
    }
    let refs: Vec<&EngineFinding> = findings.iter().collect();
    format!("Findings\n{}", findings_text(&refs))
}

/// Findings one per line with their help: `error[code] subject: message`.
pub fn findings_text(findings: &[&EngineFinding]) -> String {
    let mut out = String::new();
    for f in findings {
        let _ = writeln!(
            out,
            "{}[{}] {}: {}",
            f.severity, f.code, f.subject, f.message
        );
        if let Some(help) = &f.help {
            let _ = writeln!(out, "  help: {help}");
        }
    }
    out
}

/// `migrate show --format mermaid`: a gantt chart with the critical phases
/// marked `crit` and rollback points as milestones.
pub fn gantt(schedule: &MigrationSchedule) -> String {
    let mut excludes = vec!["weekends".to_owned()];
    excludes.extend(schedule.holidays.iter().cloned());
    let mut out = format!(
        "gantt\n    title {}\n    dateFormat YYYY-MM-DD\n    excludes {}\n    section Phases\n",
        mermaid_text(&schedule.name),
        excludes.join(", ")
    );
    for p in &schedule.phases {
        let mut tags = Vec::new();
        if p.critical {
            tags.push("crit");
        }
        if p.duration_days == 0 {
            tags.push("milestone");
        }
        tags.push(&p.id);
        let _ = writeln!(
            out,
            "    {} :{}, {}, {}d",
            mermaid_text(&p.name),
            tags.join(", "),
            p.start,
            p.duration_days
        );
    }
    let points: Vec<_> = schedule
        .phases
        .iter()
        .filter(|p| p.rollback_point)
        .collect();
    if !points.is_empty() {
        out.push_str("    section Rollback points\n");
        for p in points {
            let _ = writeln!(
                out,
                "    Rollback point after {} :milestone, rollback-{}, {}, 0d",
                mermaid_text(&p.name),
                p.id,
                p.finish
            );
        }
    }
    out
}

/// Text Mermaid reads as plain words: its task syntax splits on `:` and
/// `#` starts an entity, so both become spaces.
fn mermaid_text(text: &str) -> String {
    text.replace([':', '#', ';', '\n'], " ")
}

/// `migrate show --format markdown`: a runbook.
pub fn markdown(migration: &MigrationPlan, schedule: &MigrationSchedule) -> String {
    let mut out = format!(
        "# Migration runbook: {}\n\n`{}` · {} · {}\n\n**Critical path:** {}\n\n",
        schedule.name,
        schedule.id,
        approach_text(schedule),
        headline(schedule),
        schedule
            .critical_path
            .iter()
            .map(|p| format!("`{p}`"))
            .collect::<Vec<_>>()
            .join(" → ")
    );
    let _ = writeln!(out, "## Schedule\n\n```mermaid\n{}```\n", gantt(schedule));
    out.push_str("| phase | working days | start | finish | slack | critical | rollback |\n| --- | ---: | --- | --- | ---: | --- | --- |\n");
    for p in &schedule.phases {
        let _ = writeln!(
            out,
            "| `{}` {} | {} |",
            p.id,
            cell(&p.name),
            phase_cells(p).join(" | ")
        );
    }
    out.push_str("\n## Phases\n");
    for p in &schedule.phases {
        let Some(phase) = migration.phases.iter().find(|x| x.id.as_str() == p.id) else {
            continue;
        };
        let _ = writeln!(
            out,
            "\n### {} (`{}`), {} → {}\n",
            phase.name, p.id, p.start, p.finish
        );
        if let Some(description) = &phase.description {
            let _ = writeln!(out, "{description}\n");
        }
        for task in &phase.tasks {
            let _ = writeln!(
                out,
                "- [ ] {}{}{}",
                task.name,
                task.owner
                    .as_ref()
                    .map(|o| format!(" — {o}"))
                    .unwrap_or_default(),
                task.duration
                    .as_ref()
                    .map(|d| format!(" ({d})"))
                    .unwrap_or_default()
            );
        }
        if let Some(validation) = &phase.validation {
            for test in &validation.tests {
                let _ = writeln!(out, "- [ ] Test: {test}");
            }
            for metric in &validation.metrics {
                let _ = writeln!(out, "- [ ] Watch: `{metric}`");
            }
            if validation.sign_off_required {
                out.push_str("- [ ] Sign-off before the next phase\n");
            }
        }
        if p.rollback_point {
            out.push_str(
                "- Rollback point: the old system can take over again after this phase.\n",
            );
        }
    }
    if !schedule.risks.is_empty() {
        out.push_str("\n## Risks\n\n| risk | score | probability × impact | owner | mitigation | contingency |\n| --- | ---: | --- | --- | --- | --- |\n");
        for r in &schedule.risks {
            let _ = writeln!(
                out,
                "| `{}` {} | {} | {} × {} | {} | {} | {} |",
                r.id,
                cell(&r.description),
                r.score,
                r.probability,
                r.impact,
                r.owner.as_deref().unwrap_or("—"),
                cell(r.mitigation.as_deref().unwrap_or("—")),
                cell(r.contingency.as_deref().unwrap_or("—"))
            );
        }
        out.push_str("\n| probability \\ impact | low | medium | high | critical |\n| --- | --- | --- | --- | --- |\n");
        for (row, probability) in schedule.risk_matrix.cells.iter().zip(PROBABILITIES) {
            let cells: Vec<String> = row.iter().map(|ids| ids.join(", ")).collect();
            let _ = writeln!(out, "| {probability} | {} |", cells.join(" | "));
        }
    }
    out.push_str("\n## Rollback\n\n");
    let r = &schedule.rollback;
    if !r.triggers.is_empty() {
        out.push_str("Roll back when:\n\n");
        for trigger in &r.triggers {
            let _ = writeln!(out, "- {trigger}");
        }
        out.push('\n');
    }
    for (i, (name, duration)) in r.procedures.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. {name}{}",
            i + 1,
            duration
                .as_ref()
                .map(|d| format!(" ({d})"))
                .unwrap_or_default()
        );
    }
    out.push('\n');
    if !r.points.is_empty() {
        let points: Vec<String> = r.points.iter().map(|p| format!("`{p}`")).collect();
        let _ = writeln!(out, "- Rollback points: {}", points.join(", "));
    }
    if let Some(point) = &r.point_of_no_return {
        let _ = writeln!(
            out,
            "- Point of no return: `{point}` (no rollback point after it starts)"
        );
    }
    if let Some(total) = &r.procedures_total {
        let _ = writeln!(
            out,
            "- The procedures take {total} in total{}",
            r.max_rollback_time
                .as_ref()
                .map(|m| format!("; `maxRollbackTime` is {m}"))
                .unwrap_or_default()
        );
    }
    if let (Some(rto), Some(rpo)) = (&r.rto, &r.rpo) {
        let _ = writeln!(out, "- Recovery objectives: RTO {rto}, RPO {rpo}");
    }
    if !migration.success_criteria.is_empty() {
        out.push_str("\n## Success criteria\n\n");
        for c in &migration.success_criteria {
            let _ = writeln!(
                out,
                "- **{}**: {}{}",
                c.metric,
                c.target,
                c.description
                    .as_ref()
                    .map(|d| format!(" ({d})"))
                    .unwrap_or_default()
            );
        }
    }
    out.push_str("\n## Findings\n\n");
    if schedule.findings.is_empty() {
        out.push_str("None.\n");
    }
    for f in &schedule.findings {
        let _ = writeln!(
            out,
            "- **{}** `{}`: {}{}",
            f.severity,
            f.code,
            f.message,
            f.help
                .as_ref()
                .map(|h| format!(" — {h}"))
                .unwrap_or_default()
        );
    }
    out
}

/// A CSV field: quoted when it holds a comma, quote or line break (RFC 4180),
/// and prefixed with `'` when a spreadsheet would read it as a formula.
fn csv_field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// `migrate show --format csv`: one row per phase, then one per task of it,
/// with the phase's dates (tasks have no schedule of their own).
pub fn csv(migration: &MigrationPlan, schedule: &MigrationSchedule) -> String {
    let mut out = String::from(
        "kind,phase,name,owner,duration,start,finish,working_days,slack_days,critical,depends_on,rollback_point\n",
    );
    for p in &schedule.phases {
        let row = [
            "phase".to_owned(),
            p.id.clone(),
            p.name.clone(),
            String::new(),
            format!("{}d", p.duration_days),
            p.start.clone(),
            p.finish.clone(),
            p.duration_days.to_string(),
            p.slack_days.to_string(),
            p.critical.to_string(),
            p.dependencies.join(" "),
            p.rollback_point.to_string(),
        ];
        let fields: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
        let _ = writeln!(out, "{}", fields.join(","));
        let Some(phase) = migration.phases.iter().find(|x| x.id.as_str() == p.id) else {
            continue;
        };
        for task in &phase.tasks {
            let row = [
                "task".to_owned(),
                p.id.clone(),
                task.name.clone(),
                task.owner.clone().unwrap_or_default(),
                task.duration
                    .as_ref()
                    .map(|d| d.as_str().to_owned())
                    .unwrap_or_default(),
                p.start.clone(),
                p.finish.clone(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ];
            let fields: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
            let _ = writeln!(out, "{}", fields.join(","));
        }
    }
    out
}
