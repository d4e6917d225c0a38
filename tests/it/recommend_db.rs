//! `infraplan recommend-db` as a user runs it: rankings on the examples,
//! `--apply` edits exactly one line, `--adr` writes one proposed record, and
//! bad input is a precise error that changes nothing.

use std::path::Path;
use std::process::{Command, Output};

fn infraplan(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_infraplan"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1795651200")
        .args(args)
        .output()
        .unwrap()
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A scratch project holding a copy of the web-shop example.
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("examples/web-shop.yaml"),
        dir.path().join("infraplan.yaml"),
    )
    .unwrap();
    // The plan's decisions name ADR files next to it; copy them along.
    let adr_dir = dir.path().join("docs/adr");
    std::fs::create_dir_all(&adr_dir).unwrap();
    for entry in std::fs::read_dir(root().join("examples/docs/adr")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), adr_dir.join(entry.file_name())).unwrap();
    }
    dir
}

#[test]
fn ranks_the_example_components_as_the_guides_would() {
    let cases = [
        (
            "examples/web-shop.yaml",
            "orders-db",
            &["postgresql", "mysql"][..],
        ),
        ("examples/web-shop.yaml", "session-cache", &["redis"][..]),
        (
            "examples/iot-telemetry.yaml",
            "telemetry-tsdb",
            &["timescaledb", "influxdb"][..],
        ),
        (
            "examples/social-graph.yaml",
            "social-graph-db",
            &["neo4j", "arangodb", "neptune"][..],
        ),
        (
            "examples/social-graph.yaml",
            "search",
            &["elasticsearch", "opensearch"][..],
        ),
    ];
    for (plan, component, allowed) in cases {
        let output = infraplan(
            root(),
            &[
                "recommend-db",
                "--plan",
                plan,
                "--component",
                component,
                "--format",
                "json",
            ],
        );
        assert!(output.status.success(), "{}", text(&output.stderr));
        let ranked: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
        let top = ranked[0]["technology"].as_str().unwrap();
        assert!(
            allowed.contains(&top),
            "{component}: top is {top}, expected one of {allowed:?}"
        );
        for item in &ranked {
            let score = item["score"].as_f64().unwrap();
            assert!(
                (0.5..=1.0).contains(&score),
                "{component}: score {score} outside [0.5, 1]"
            );
            // A cost is either fully priced from catalog lines that add up,
            // or absent with the reason: never invented, never partial.
            let cost = &item["estimatedCost"];
            if cost.is_null() {
                if !item["sizing"].is_null() {
                    assert!(
                        item["costNote"].is_string(),
                        "{component}: no cost and no reason"
                    );
                }
            } else {
                let lines = cost["usage"].as_array().unwrap();
                assert!(!lines.is_empty());
                // Amounts carry at most two decimals.
                #[allow(clippy::cast_possible_truncation)]
                let cents = |v: &serde_json::Value| (v.as_f64().unwrap() * 100.0).round() as i64;
                let sum: i64 = lines.iter().map(|l| cents(&l["monthlyCost"])).sum();
                assert_eq!(
                    sum,
                    cents(&cost["total"]["monthly"]),
                    "{component}: total = sum of lines"
                );
                assert!(lines.iter().all(|l| l["priceId"].is_string()));
                assert!(cost["unpriced"].as_array().unwrap().is_empty());
            }
        }
    }
}

#[test]
fn table_and_explain_snapshots() {
    let table = infraplan(
        root(),
        &[
            "recommend-db",
            "--plan",
            "examples/web-shop.yaml",
            "--component",
            "orders-db",
            "--top",
            "3",
        ],
    );
    assert!(table.status.success());
    insta::assert_snapshot!("orders_db_table", text(&table.stdout));
    let explain = infraplan(
        root(),
        &[
            "recommend-db",
            "--plan",
            "examples/social-graph.yaml",
            "--component",
            "social-graph-db",
            "--top",
            "2",
            "--explain",
            "--format",
            "markdown",
        ],
    );
    assert!(explain.status.success());
    insta::assert_snapshot!("social_graph_explain_markdown", text(&explain.stdout));
}

#[test]
fn explain_points_add_up_to_the_score() {
    let output = infraplan(
        root(),
        &[
            "recommend-db",
            "--plan",
            "examples/iot-telemetry.yaml",
            "--component",
            "telemetry-tsdb",
            "--explain",
            "--format",
            "json",
            "--top",
            "10",
        ],
    );
    let ranked: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    for item in ranked {
        let points: f64 = item["contributions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["points"].as_f64().unwrap())
            .sum();
        let score = item["score"].as_f64().unwrap();
        assert!(
            (points - score).abs() < 0.02,
            "{}: points {points} vs score {score}",
            item["technology"]
        );
    }
}

#[test]
fn apply_changes_exactly_the_technology_line() {
    let dir = scratch();
    let before = std::fs::read_to_string(dir.path().join("infraplan.yaml")).unwrap();
    // orders-db already uses postgresql: --apply never replaces it silently.
    let refused = infraplan(
        dir.path(),
        &[
            "recommend-db",
            "--component",
            "orders-db",
            "--apply",
            "--choose",
            "mysql",
            "--format",
            "json",
        ],
    );
    assert_eq!(refused.status.code(), Some(2), "{}", text(&refused.stderr));
    let message = text(&refused.stderr);
    assert!(
        message
            .contains("`orders-db` already uses postgresql; --apply would replace it with mysql"),
        "{message}"
    );
    for disagreement in [
        "the `database.postgresql` block configures the",
        "`deployment.service: Azure Database for",
        "decision adr-0001",
    ] {
        assert!(
            message
                .replace('\n', " ")
                .replace("  ", " ")
                .contains(disagreement),
            "{disagreement}: {message}"
        );
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("infraplan.yaml")).unwrap(),
        before,
        "a refused --apply writes nothing"
    );

    let dry = infraplan(
        dir.path(),
        &[
            "recommend-db",
            "--component",
            "orders-db",
            "--apply",
            "--replace",
            "--choose",
            "mysql",
            "--dry-run",
            "--format",
            "json",
        ],
    );
    assert!(dry.status.success(), "{}", text(&dry.stderr));
    let dry_out = text(&dry.stdout);
    assert!(
        dry_out.contains("-      technology: postgresql\n+      technology: mysql\n"),
        "{dry_out}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("infraplan.yaml")).unwrap(),
        before,
        "dry run writes nothing"
    );

    let applied = infraplan(
        dir.path(),
        &[
            "recommend-db",
            "--component",
            "orders-db",
            "--apply",
            "--replace",
            "--choose",
            "mysql",
            "-q",
        ],
    );
    assert!(applied.status.success(), "{}", text(&applied.stderr));
    // What still describes PostgreSQL is named, not changed behind the user's back.
    assert!(
        text(&applied.stderr).contains("warning: the `database.postgresql` block"),
        "{}",
        text(&applied.stderr)
    );
    let after = std::fs::read_to_string(dir.path().join("infraplan.yaml")).unwrap();
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        changed,
        vec![("      technology: postgresql", "      technology: mysql")]
    );
    assert_eq!(before.lines().count(), after.lines().count());
    let validate = infraplan(dir.path(), &["validate", "--strict"]);
    assert!(validate.status.success(), "{}", text(&validate.stderr));
}

#[test]
fn adr_writes_one_proposed_record_and_never_overwrites() {
    let dir = scratch();
    std::fs::write(
        dir.path().join("infraplan.toml"),
        "adr-dir = \"decisions\"\n",
    )
    .unwrap();
    let output = infraplan(
        dir.path(),
        &[
            "recommend-db",
            "--component",
            "orders-db",
            "--adr",
            "--top",
            "3",
        ],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let record_path = dir
        .path()
        .join("decisions/0001-use-postgresql-for-orders-database.md");
    let record = std::fs::read_to_string(&record_path).unwrap();
    assert!(record.starts_with("---\nnumber: 1\ntitle: Use PostgreSQL for Orders database\nstatus: proposed\ndate: \"2026-11-26\"\n"));
    assert!(
        record.contains("<!-- infraplan:begin matrix -->")
            && record.contains("<!-- infraplan:end matrix -->")
    );
    assert!(
        record.contains("Why not chosen: scores 0.945, 0.035 below PostgreSQL; it loses most on `complexQueries`"),
        "{record}"
    );
    insta::assert_snapshot!("orders_db_adr", record);
    let again = infraplan(
        dir.path(),
        &[
            "recommend-db",
            "--component",
            "orders-db",
            "--adr",
            "--top",
            "3",
            "-q",
        ],
    );
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert!(
        !dir.path()
            .join("decisions/0002-use-postgresql-for-orders-database.md")
            .exists(),
        "a re-run refreshes the proposed record instead of adding one"
    );
    assert_eq!(
        std::fs::read_to_string(&record_path).unwrap(),
        record,
        "same inputs, same bytes"
    );

    // Human prose outside the markers survives a refresh.
    let edited = record.replace(
        "## Context and Problem Statement\n",
        "## Context and Problem Statement\n\nAgreed with the payments team.\n",
    );
    std::fs::write(&record_path, &edited).unwrap();
    let refreshed = infraplan(
        dir.path(),
        &[
            "recommend-db",
            "--component",
            "orders-db",
            "--adr",
            "--top",
            "2",
            "-q",
        ],
    );
    assert!(refreshed.status.success(), "{}", text(&refreshed.stderr));
    let after = std::fs::read_to_string(&record_path).unwrap();
    assert!(after.contains("Agreed with the payments team."));
    assert!(
        after.contains(
            "<!-- infraplan:begin matrix -->\n| criterion | weight | PostgreSQL | MySQL |\n"
        ),
        "matrix regenerated for --top 2"
    );

    // An accepted record is never rewritten.
    let accepted = infraplan(dir.path(), &["adr", "status", "1", "accepted"]);
    assert!(accepted.status.success(), "{}", text(&accepted.stderr));
    let frozen = std::fs::read_to_string(&record_path).unwrap();
    let refused = infraplan(
        dir.path(),
        &["recommend-db", "--component", "orders-db", "--adr"],
    );
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        text(&refused.stderr).contains("is accepted, and an accepted record is")
            && text(&refused.stderr).contains("--supersede"),
        "{}",
        text(&refused.stderr)
    );
    assert_eq!(std::fs::read_to_string(&record_path).unwrap(), frozen);

    // The same evidence again: nothing to write, and no error.
    let same = infraplan(
        dir.path(),
        &[
            "recommend-db",
            "--component",
            "orders-db",
            "--adr",
            "--top",
            "2",
        ],
    );
    assert!(same.status.success(), "{}", text(&same.stderr));
    assert!(
        text(&same.stderr).contains("already records this decision from the same inputs"),
        "{}",
        text(&same.stderr)
    );
    assert_eq!(std::fs::read_to_string(&record_path).unwrap(), frozen);

    // --supersede proposes a successor, and the old record says so.
    let successor = infraplan(
        dir.path(),
        &[
            "recommend-db",
            "--component",
            "orders-db",
            "--adr",
            "--supersede",
        ],
    );
    assert!(successor.status.success(), "{}", text(&successor.stderr));
    let new = std::fs::read_to_string(
        dir.path()
            .join("decisions/0002-use-postgresql-for-orders-database.md"),
    )
    .unwrap();
    assert!(
        new.contains("status: proposed") && new.contains("supersedes:\n- ADR-0001"),
        "{new}"
    );
    let old = std::fs::read_to_string(&record_path).unwrap();
    assert!(
        old.contains("status: superseded") && old.contains("ADR-0002"),
        "{old}"
    );
}

#[test]
fn criteria_files_are_validated_with_positions() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.yaml");
    std::fs::write(&good, "dataModel: { type: graph, relationships: highly_connected, schemaFlexibility: flexible }\nqueryPatterns: { graphTraversals: true }\n").unwrap();
    let output = infraplan(
        dir.path(),
        &[
            "recommend-db",
            "--criteria",
            "good.yaml",
            "--provider",
            "aws",
            "--format",
            "json",
            "--top",
            "1",
        ],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let ranked: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(ranked[0]["type"], "graph");

    std::fs::write(
        dir.path().join("bad.yaml"),
        "dataModel: { type: grahp, relationships: none, schemaFlexibility: rigid }\n",
    )
    .unwrap();
    let bad = infraplan(
        dir.path(),
        &[
            "recommend-db",
            "--criteria",
            "bad.yaml",
            "--provider",
            "aws",
        ],
    );
    assert_eq!(bad.status.code(), Some(1));
    let stderr = text(&bad.stderr);
    assert!(
        stderr.contains("[bad.yaml:1:20]") && stderr.contains("did you mean `graph`?"),
        "{stderr}"
    );
}

#[test]
fn bad_requests_are_precise_errors_that_change_nothing() {
    let dir = scratch();
    let before = std::fs::read(dir.path().join("infraplan.yaml")).unwrap();
    let cases: [(&[&str], &str); 6] = [
        (
            &["recommend-db", "--component", "orders-bd"],
            "did you mean `orders-db`?",
        ),
        (
            &["recommend-db", "--component", "shop-aks"],
            "recommend-db needs `database.criteria` on component `shop-aks`",
        ),
        (
            &[
                "recommend-db",
                "--component",
                "orders-db",
                "--apply",
                "--choose",
                "neo4j",
            ],
            "`neo4j` is not in the ranking shown",
        ),
        (
            &[
                "recommend-db",
                "--component",
                "orders-db",
                "--choose",
                "mysql",
            ],
            "--choose only makes sense with --apply or --adr",
        ),
        (
            &[
                "recommend-db",
                "--component",
                "orders-db",
                "--min-score",
                "2",
            ],
            "outside 0–1",
        ),
        (&["recommend-db"], "needs --component ID or --criteria FILE"),
    ];
    for (args, expected) in cases {
        let output = infraplan(dir.path(), args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            text(&output.stderr).contains(expected),
            "{args:?}: {}",
            text(&output.stderr)
        );
    }
    assert_eq!(
        std::fs::read(dir.path().join("infraplan.yaml")).unwrap(),
        before
    );
    let records = std::fs::read_dir(dir.path().join("docs/adr"))
        .unwrap()
        .count();
    assert_eq!(records, 3, "no ADR written on error");
}

#[test]
fn an_invalid_plan_is_reported_not_ranked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("infraplan.yaml"), "version: 1\nname: x\ncomponents:\n  - id: db\n    type: database\n    database: { technology: postgress }\n").unwrap();
    let output = infraplan(dir.path(), &["recommend-db", "--component", "db"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("did you mean `postgresql`?"));
}

#[test]
fn sizing_is_suggested_and_feeds_db_config() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("infraplan.yaml"),
        "version: 1\nname: sz\nproviders: { primary: aws, regions: { aws: us-east-1 } }\ncomponents:\n  - id: db\n    type: database\n    database:\n      technology: postgresql\n      criteria:\n        dataModel: { type: structured, relationships: complex, schemaFlexibility: rigid }\n        scale: { dataSize: medium, readThroughput: 2000, writeThroughput: 300, concurrentConnections: 400 }\n",
    )
    .unwrap();
    let ranked = infraplan(
        dir.path(),
        &[
            "recommend-db",
            "--component",
            "db",
            "--format",
            "json",
            "--top",
            "1",
        ],
    );
    let ranked: Vec<serde_json::Value> = serde_json::from_slice(&ranked.stdout).unwrap();
    let sizing = &ranked[0]["sizing"];
    // 2000 + 3 × 300 = 2900 ops/s → 3 vCores → 4 (db.m7g.xlarge, 16 GB).
    assert_eq!(sizing["vcores"], 4);
    assert_eq!(sizing["memory"], "16GB");
    assert_eq!(sizing["tier"], "db.m7g.xlarge");
    assert_eq!(sizing["tiers"]["azure"], "Standard_D4ds_v5");
    // db config takes that size when the plan gives none: 16 GB → 4GB shared_buffers.
    let config = infraplan(
        dir.path(),
        &["db", "config", "--component", "db", "--format", "json"],
    );
    assert!(config.status.success(), "{}", text(&config.stderr));
    let config: serde_json::Value = serde_json::from_slice(&config.stdout).unwrap();
    assert_eq!(config["parameters"]["shared_buffers"], "4GB");
    // A flag still wins.
    let flagged = infraplan(
        dir.path(),
        &[
            "db",
            "config",
            "--component",
            "db",
            "--memory",
            "8GB",
            "--format",
            "json",
        ],
    );
    let flagged: serde_json::Value = serde_json::from_slice(&flagged.stdout).unwrap();
    assert_eq!(flagged["parameters"]["shared_buffers"], "2GB");
}

#[test]
fn the_wizard_refuses_to_run_without_a_terminal() {
    let output = infraplan(
        root(),
        &[
            "recommend-db",
            "--plan",
            "examples/web-shop.yaml",
            "--component",
            "orders-db",
            "--interactive",
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("--interactive needs a terminal"));
}

#[test]
fn suggested_sizes_are_priced_in_the_plans_region() {
    let dir = tempfile::tempdir().unwrap();
    let original = std::fs::read_to_string(root().join("examples/social-graph.yaml")).unwrap();
    let plan = dir.path().join("plan.yaml");
    let top_cost = |plan_text: &str| -> serde_json::Value {
        std::fs::write(&plan, plan_text).unwrap();
        let output = infraplan(
            dir.path(),
            &[
                "recommend-db",
                "--plan",
                "plan.yaml",
                "--component",
                "feed-cache",
                "--format",
                "json",
            ],
        );
        assert!(output.status.success(), "{}", text(&output.stderr));
        let ranked: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
        ranked[0].clone()
    };
    // us-central1 has Memorystore prices: the size is priced there.
    let top = top_cost(&original);
    assert_eq!(top["estimatedCost"]["region"], "us-central1", "{top:#}");
    assert!(top["estimatedCost"]["total"]["monthly"].as_f64().unwrap() > 0.0);
    // europe-west1 has its own Memorystore prices.
    let belgium = original.replacen("gcp: us-central1", "gcp: europe-west1", 1);
    assert_ne!(belgium, original);
    let top = top_cost(&belgium);
    assert_eq!(top["estimatedCost"]["region"], "europe-west1", "{top:#}");
    // A region without prices: no cost, and the note names the region.
    let elsewhere = original.replacen("gcp: us-central1", "gcp: southamerica-east1", 1);
    let top = top_cost(&elsewhere);
    assert!(top["estimatedCost"].is_null(), "{top:#}");
    assert!(
        top["costNote"]
            .as_str()
            .unwrap()
            .contains("southamerica-east1"),
        "{top:#}"
    );
}

/// A budget in another currency than the catalog's is never compared with
/// a USD price as if the amounts were the same.
#[test]
fn a_budget_in_another_currency_is_not_checked_against_usd_prices() {
    let dir = tempfile::tempdir().unwrap();
    let original = std::fs::read_to_string(root().join("examples/social-graph.yaml")).unwrap();
    let euro = original.replacen("currency: USD", "currency: EUR", 1);
    assert_ne!(euro, original);
    std::fs::write(dir.path().join("plan.yaml"), &euro).unwrap();
    let output = infraplan(
        dir.path(),
        &[
            "recommend-db",
            "--plan",
            "plan.yaml",
            "--component",
            "feed-cache",
        ],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let report = text(&output.stdout) + &text(&output.stderr);
    assert!(
        report.contains("the budget of 3,000.00 EUR/month was not checked")
            && report.contains("USD/month at catalog list prices")
            && report.contains("does not convert between currencies"),
        "{report}"
    );
    assert!(!report.contains("within the budget"), "{report}");
}

/// `--criteria FILE` without `--provider` judges managed services on the
/// plan's primary provider, like every other command.
#[test]
fn criteria_file_uses_the_plans_primary_provider() {
    let dir = scratch();
    std::fs::write(
        dir.path().join("criteria.yaml"),
        "dataModel: { type: structured, relationships: complex, schemaFlexibility: rigid }\n",
    )
    .unwrap();
    let output = infraplan(dir.path(), &["recommend-db", "--criteria", "criteria.yaml"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let out = text(&output.stdout);
    assert!(
        out.starts_with("Database recommendations for `criteria.yaml` on azure\n"),
        "{out}"
    );
    // The flag still wins.
    let output = infraplan(
        dir.path(),
        &[
            "recommend-db",
            "--criteria",
            "criteria.yaml",
            "--provider",
            "gcp",
        ],
    );
    assert!(text(&output.stdout).contains("on gcp\n"));
}

/// Every priced candidate over the budget is flagged, and every shown
/// candidate without a price says why.
#[test]
fn candidates_over_budget_and_unpriced_are_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("criteria.yaml"),
        "dataModel: { type: structured, relationships: complex, schemaFlexibility: rigid }
queryPatterns: { complexQueries: true }
scale: { dataSize: medium, readThroughput: 2000, writeThroughput: 200, concurrentConnections: 300 }
performance: { readLatency: low, writeLatency: low, consistency: strong }
budget: { monthlyBudget: 100 }
",
    )
    .unwrap();
    let output = infraplan(
        dir.path(),
        &[
            "recommend-db",
            "--criteria",
            "criteria.yaml",
            "--provider",
            "aws",
        ],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let out = text(&output.stdout);
    // 2,600 weighted ops/s → 4 vCores: PostgreSQL on db.m7g.xlarge,
    // 0.337 × 730 = 246.01, plus 128 GB gp3 × 0.115 = 14.72: 260.73.
    assert!(
        out.contains("Over the budget of 100.00 USD/month: postgresql (260.73 USD)"),
        "{out}"
    );
    assert!(
        out.contains(
            "Not priced: oracle (oracle: the billing rules have no aws service for oracle"
        ),
        "{out}"
    );
}

/// `--apply` writes through the shared plan write path: a read-only plan is
/// refused and left alone, and a plan that starts with a BOM keeps it.
#[test]
fn apply_uses_the_shared_write_path() {
    let apply = [
        "recommend-db",
        "--component",
        "orders-db",
        "--apply",
        "--replace",
        "--choose",
        "mysql",
        "-q",
    ];
    let dir = scratch();
    let plan = dir.path().join("infraplan.yaml");
    let before = std::fs::read(&plan).unwrap();
    let mut permissions = std::fs::metadata(&plan).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&plan, permissions.clone()).unwrap();
    let refused = infraplan(dir.path(), &apply);
    assert_eq!(refused.status.code(), Some(2), "{}", text(&refused.stderr));
    assert!(
        text(&refused.stderr).contains("read-only"),
        "{}",
        text(&refused.stderr)
    );
    assert_eq!(std::fs::read(&plan).unwrap(), before);
    #[allow(clippy::permissions_set_readonly_false)] // the test file, made writable again
    permissions.set_readonly(false);
    std::fs::set_permissions(&plan, permissions).unwrap();

    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(&before);
    std::fs::write(&plan, &with_bom).unwrap();
    let applied = infraplan(dir.path(), &apply);
    assert!(applied.status.success(), "{}", text(&applied.stderr));
    let after = std::fs::read(&plan).unwrap();
    assert!(after.starts_with(b"\xEF\xBB\xBF"), "the BOM is kept");
    assert!(String::from_utf8_lossy(&after).contains("      technology: mysql\n"));
}
