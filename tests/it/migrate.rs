//! `infraplan migrate`: snapshots of every format on the web-shop example,
//! hand-checked schedules through the CLI, findings and exit codes, bad
//! input, and properties of the critical-path computation.

use std::fmt::Write as _;

use infraplan::engine::migrate::cpm::{Activity, critical_path, schedule};
use proptest::prelude::*;

use super::harness::{ok_in_repo as ok, run, run_in_repo, stderr, stdout};

const SHOP: &str = "examples/web-shop.yaml";
const MIGRATION: &str = "orders-db-to-azure";

#[test]
fn show_in_every_format_on_the_web_shop() {
    for format in ["table", "json", "markdown", "mermaid", "csv"] {
        let out = ok(&[
            "migrate", "--plan", SHOP, "show", MIGRATION, "--format", format,
        ]);
        insta::assert_snapshot!(format!("show_{format}"), out);
    }
    // `migrate ID` is `migrate show ID`.
    assert_eq!(
        ok(&["migrate", "--plan", SHOP, MIGRATION, "--format", "json"]),
        ok(&[
            "migrate", "--plan", SHOP, "show", MIGRATION, "--format", "json"
        ])
    );
}

#[test]
fn list_and_check_on_the_examples() {
    let list = ok(&["migrate", "--plan", SHOP, "list", "--format", "markdown"]);
    insta::assert_snapshot!("list_markdown", list);
    let graph = ok(&[
        "migrate",
        "--plan",
        "examples/social-graph.yaml",
        "list",
        "--format",
        "json",
    ]);
    insta::assert_snapshot!("list_social_graph_json", graph);
    // The example's only finding is a warning: check passes, --strict fails.
    let check = run_in_repo(&["migrate", "--plan", SHOP, "check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(stdout(&check).contains("warning[rto-below-rollback]"));
    let strict = run_in_repo(&["migrate", "--plan", SHOP, "check", "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
}

/// The example's schedule, checked by hand: 2026-02-02 is a Monday;
/// landing-zone takes 10 working days (to Fri 02-13); Presidents' Day
/// (Mon 02-16) is a holiday, so target-schema runs 02-17 to 02-23;
/// app-readiness (3d + 1w of tasks = 8 days) runs beside initial-load and
/// cdc-sync and has 28 − 23 = 5 days of slack; Good Friday (04-03) moves
/// decommission's end from 04-06 to 04-07; 45 working days in all.
#[test]
fn the_example_schedule_is_hand_checked() {
    let json: serde_json::Value = serde_json::from_str(&ok(&[
        "migrate", "--plan", SHOP, "show", MIGRATION, "--format", "json",
    ]))
    .unwrap();
    assert_eq!(json["start"], "2026-02-02");
    assert_eq!(json["end"], "2026-04-07");
    assert_eq!(json["workingDays"], 45);
    assert_eq!(json["daysToPlannedEnd"], 13);
    let phase = |id: &str| {
        json["phases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(phase("target-schema")["start"], "2026-02-17");
    assert_eq!(phase("target-schema")["finish"], "2026-02-23");
    let readiness = phase("app-readiness");
    assert_eq!(readiness["durationDays"], 8);
    assert_eq!(readiness["durationFrom"], "tasks");
    assert_eq!(readiness["slackDays"], 5);
    assert_eq!(readiness["critical"], false);
    assert_eq!(phase("decommission")["rollsBackTo"], "write-cutover");
    assert_eq!(json["rollback"]["pointOfNoReturn"], "decommission");
    assert_eq!(json["rollback"]["proceduresTotal"], "1h 35m");
}

/// A plan in a temporary directory with one migration built from `phases`
/// and `extra` migration keys.
fn plan_with(phases: &str, extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "version: 1\nname: moves\ncomponents:\n  - {{ id: db, type: database, database: {{ type: relational, technology: postgresql }} }}\nmigrations:\n  - id: move\n    name: Move\n    type: lift_and_shift\n    source: {{ platform: on_premises }}\n    target: {{ platform: aws, components: [db] }}\n    phases:\n{phases}{extra}"
    );
    std::fs::write(dir.path().join("infraplan.yaml"), text).unwrap();
    dir
}

#[test]
fn a_late_plan_fails_check_and_names_the_driving_phases() {
    let dir = plan_with(
        "      - { id: a, name: A, estimatedDuration: 2w }\n      - { id: b, name: B, dependencies: [a], estimatedDuration: 1w, isRollbackPoint: true }\n",
        "    timeline: { plannedStart: 2026-03-02, plannedEnd: 2026-03-13, criticalPath: [b] }\n",
    );
    let out = run(dir.path(), &["migrate", "check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let findings: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let codes: Vec<&str> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["migration-late", "critical-path-mismatch"]);
    // 15 working days from Mon 03-02 end on Fri 03-20: five days late.
    assert_eq!(
        findings[0]["message"],
        "the schedule ends on 2026-03-20, 5 working days after `plannedEnd` 2026-03-13; the critical path drives it: a → b"
    );
}

#[test]
fn a_weekend_start_and_missing_rollback_pieces_are_findings() {
    let dir = plan_with(
        "      - { id: a, name: A, estimatedDuration: 3d }\n",
        "    strategy: { approach: phased, trafficMigration: { strategy: canary, rolloutPercentages: [10, 100] } }\n    risks:\n      - { id: r, description: Breaks, probability: high, impact: high }\n    rollback: { procedures: [{ name: Restore, estimatedDuration: 3h }], maxRollbackTime: 1h }\n    timeline: { plannedStart: 2026-03-07 }\n",
    );
    let out = run(dir.path(), &["migrate", "check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    for expected in [
        "error[rollback-too-slow] move: the rollback procedures take 3h in total, more than `maxRollbackTime` 1h",
        "error[rollout-without-triggers]",
        "warning[start-not-working-day] move: `plannedStart` 2026-03-07 is a Saturday; the schedule starts on the next working day, Monday 2026-03-09",
        "warning[risk-unmitigated] move: risk `r` scores 9 (probability 3 × impact 3) and has no mitigation, no contingency, no owner",
        "warning[no-rollback-point]",
    ] {
        assert!(text.contains(expected), "{expected}\nnot in\n{text}");
    }
}

#[test]
fn bad_input_gets_a_clear_answer() {
    // An unknown id names the ones that exist.
    let out = run_in_repo(&["migrate", "--plan", SHOP, "show", "orders-db-to-azur"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean `orders-db-to-azure`?"),
        "{}",
        stderr(&out)
    );
    // A plan without migrations says so and succeeds.
    let out = run_in_repo(&["migrate", "--plan", "examples/iot-telemetry.yaml", "list"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("has no migrations"),
        "{}",
        stderr(&out)
    );
    // A phase with no duration anywhere is a validation error with its span.
    let dir = plan_with(
        "      - { id: a, name: A, tasks: [{ name: T }] }\n",
        "    timeline: { plannedStart: 2026-03-02 }\n",
    );
    let out = run(dir.path(), &["validate"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("phase-without-duration"),
        "{}",
        stderr(&out)
    );
    // A zero-day phase is a milestone, not an error.
    let dir = plan_with(
        "      - { id: a, name: A, estimatedDuration: 2d }\n      - { id: go, name: Go-live, dependencies: [a], estimatedDuration: 0d }\n",
        "    timeline: { plannedStart: 2026-03-02 }\n",
    );
    let out = run(
        dir.path(),
        &["migrate", "show", "move", "--format", "mermaid"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Go-live :crit, milestone, go, 2026-03-04, 0d"),
        "{}",
        stdout(&out)
    );
}

/// 1,000 phases in one chain: correct dates, and quickly.
#[test]
fn a_thousand_phase_chain() {
    let mut phases = String::new();
    for i in 0..1000 {
        let after = if i == 0 {
            String::new()
        } else {
            format!(", dependencies: [p{}]", i - 1)
        };
        let _ = writeln!(
            phases,
            "      - {{ id: p{i}, name: P{i}, estimatedDuration: 1d{after} }}"
        );
    }
    let dir = plan_with(&phases, "    timeline: { plannedStart: 2026-01-05 }\n");
    let started = std::time::Instant::now();
    let out = run(dir.path(), &["migrate", "show", "move", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(started.elapsed().as_secs() < 10);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    // 1,000 working days from Mon 2026-01-05 is 200 weeks: the last day is
    // Friday 2029-11-02.
    assert_eq!(json["workingDays"], 1000);
    assert_eq!(json["end"], "2029-11-02");
    assert_eq!(json["criticalPath"].as_array().unwrap().len(), 1000);
}

/// Random acyclic graphs: edges only go from a lower to a higher index.
fn graphs() -> impl Strategy<Value = Vec<Activity>> {
    prop::collection::vec(
        (
            0_u32..8,
            prop::collection::vec(any::<prop::sample::Index>(), 0..4),
        ),
        1..40,
    )
    .prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(i, (duration, picks))| {
                let mut after: Vec<usize> = if i == 0 {
                    Vec::new()
                } else {
                    picks.iter().map(|p| p.index(i)).collect()
                };
                after.sort_unstable();
                after.dedup();
                Activity { duration, after }
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn schedules_respect_dependencies_and_slack(activities in graphs()) {
        let (times, end, _) = schedule(&activities).unwrap();
        for (i, activity) in activities.iter().enumerate() {
            let t = times[i];
            prop_assert!(t.late_start >= t.early_start, "slack is never negative");
            prop_assert!(t.late_finish <= end);
            prop_assert_eq!(t.early_finish - t.early_start, activity.duration);
            for &p in &activity.after {
                prop_assert!(t.early_start >= times[p].early_finish, "starts after its dependencies finish");
                prop_assert!(times[p].late_finish <= t.late_start);
            }
        }
        let path = critical_path(&activities, &times);
        prop_assert!(!path.is_empty());
        prop_assert_eq!(times[path[0]].early_start, 0);
        prop_assert_eq!(times[*path.last().unwrap()].early_finish, end, "the path runs start to end");
        for pair in path.windows(2) {
            prop_assert!(activities[pair[1]].after.contains(&pair[0]));
            prop_assert_eq!(times[pair[1]].early_start, times[pair[0]].early_finish);
        }
        for &i in &path {
            prop_assert_eq!(times[i].slack(), 0);
        }
        // Same graph, same answer.
        prop_assert_eq!(schedule(&activities).unwrap().0, times);
    }
}

/// The worked example of docs/migrate.md, number for number.
#[test]
fn the_documented_worked_example() {
    let dir = plan_with(
        "      - { id: prepare, name: Prepare, estimatedDuration: 2d }\n      - { id: copy, name: Copy, dependencies: [prepare], estimatedDuration: 5d }\n      - { id: app, name: App, dependencies: [prepare], estimatedDuration: 3d }\n      - { id: cutover, name: Cutover, dependencies: [copy, app], estimatedDuration: 1d, isRollbackPoint: true }\n",
        "    timeline: { plannedStart: 2026-03-02 }\n    calendar: { holidays: [2026-03-11] }\n",
    );
    let out = run(dir.path(), &["migrate", "show", "move", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["workingDays"], 8);
    assert_eq!(
        json["criticalPath"],
        serde_json::json!(["prepare", "copy", "cutover"])
    );
    let phases: Vec<(String, u64, u64, u64, u64, String, String)> = json["phases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["id"].as_str().unwrap().to_owned(),
                p["earlyStart"].as_u64().unwrap(),
                p["earlyFinish"].as_u64().unwrap(),
                p["lateStart"].as_u64().unwrap(),
                p["slackDays"].as_u64().unwrap(),
                p["start"].as_str().unwrap().to_owned(),
                p["finish"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected = [
        ("prepare", 0, 2, 0, 0, "2026-03-02", "2026-03-03"),
        ("copy", 2, 7, 2, 0, "2026-03-04", "2026-03-10"),
        ("app", 2, 5, 4, 2, "2026-03-04", "2026-03-06"),
        ("cutover", 7, 8, 7, 0, "2026-03-12", "2026-03-12"),
    ];
    for (got, want) in phases.iter().zip(expected) {
        assert_eq!(
            (
                got.0.as_str(),
                got.1,
                got.2,
                got.3,
                got.4,
                got.5.as_str(),
                got.6.as_str()
            ),
            want
        );
    }
}

/// CSV quotes what needs quoting and never hands a spreadsheet a formula.
#[test]
fn csv_is_safe_for_spreadsheets() {
    let dir = plan_with(
        "      - { id: a, name: \"=HYPERLINK(\\\"x\\\"), prepare\", estimatedDuration: 2d, tasks: [{ name: \"+1, then \\\"go\\\"\", duration: 1d }] }\n",
        "    timeline: { plannedStart: 2026-03-02 }\n",
    );
    let out = run(dir.path(), &["migrate", "show", "move", "--format", "csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(
            "phase,a,\"'=HYPERLINK(\"\"x\"\"), prepare\",,2d,2026-03-02,2026-03-03,2,0,true,,false"
        ),
        "{text}"
    );
    assert!(
        text.contains("task,a,\"'+1, then \"\"go\"\"\",,1d,"),
        "{text}"
    );
}

/// An RPO the touched database cannot meet: daily backups, no standby, no
/// point-in-time recovery, data moved in one copy.
#[test]
fn an_rpo_the_backups_cannot_meet() {
    let write = |backup: &str| {
        let dir = tempfile::tempdir().unwrap();
        let text = format!(
            "version: 1\nname: k\ncomponents:\n  - {{ id: db, type: database, database: {{ type: relational, technology: postgresql, backup: {backup} }} }}\nmigrations:\n  - id: move\n    name: Move\n    type: lift_and_shift\n    source: {{ platform: on_premises }}\n    target: {{ platform: aws, components: [db] }}\n    strategy: {{ approach: big_bang, dataMigration: {{ strategy: one_time }} }}\n    phases:\n      - {{ id: a, name: A, estimatedDuration: 2d, isRollbackPoint: true }}\n    rollback: {{ procedures: [{{ name: Restore, estimatedDuration: 30m }}], maxRollbackTime: 1h, dataRecovery: {{ strategy: restore, rpo: 5m, rto: 2h }} }}\n    timeline: {{ plannedStart: 2026-03-02 }}\n"
        );
        std::fs::write(dir.path().join("infraplan.yaml"), text).unwrap();
        dir
    };
    let daily = write("{ enabled: true, retentionDays: 7, frequency: 1d }");
    let out = run(daily.path(), &["migrate", "check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(
            "warning[rpo-unachievable] move: the RPO is 5m but `db` has backups every 1d, no replica or standby, no point-in-time recovery"
        ),
        "{}",
        stdout(&out)
    );
    let pitr = write("{ enabled: true, retentionDays: 7, pointInTimeRecovery: true }");
    let out = run(pitr.path(), &["migrate", "check"]);
    assert!(
        !stdout(&out).contains("rpo-unachievable"),
        "{}",
        stdout(&out)
    );
}
