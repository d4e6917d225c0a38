//! `infraplan cost estimate` and `cost compare` as a user runs them on the
//! shipped examples: snapshots of the reports, JSON field names from the
//! specification, exit codes for plans the catalog cannot price, and
//! byte-identical output across runs.

use std::process::{Command, Output};

use serde_json::Value;

fn infraplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_infraplan"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("SOURCE_DATE_EPOCH", "1795651200")
        .env("NO_COLOR", "1")
        .env_remove("INFRAPLAN_PLAN")
        .env_remove("INFRAPLAN_CATALOG")
        .args(args)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn json(args: &[&str]) -> Value {
    let output = infraplan(args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn cents(value: &Value) -> i64 {
    // Amounts are written with at most two decimals; round to whole cents.
    #[allow(clippy::cast_possible_truncation)]
    let cents = (value.as_f64().unwrap() * 100.0).round() as i64;
    cents
}

#[test]
fn estimate_table_on_the_iot_example() {
    let output = infraplan(&["cost", "estimate", "--plan", "examples/iot-telemetry.yaml"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    insta::assert_snapshot!("estimate_iot_table", stdout(&output));
}

#[test]
fn estimate_markdown_on_the_web_shop_prod_environment() {
    let output = infraplan(&[
        "cost",
        "estimate",
        "--plan",
        "examples/web-shop.yaml",
        "--env",
        "prod",
        "--format",
        "markdown",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    insta::assert_snapshot!("estimate_web_shop_prod_markdown", stdout(&output));
}

#[test]
fn compare_markdown_on_the_web_shop() {
    let output = infraplan(&[
        "cost",
        "compare",
        "--plan",
        "examples/web-shop.yaml",
        "--format",
        "markdown",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    insta::assert_snapshot!("compare_web_shop_markdown", stdout(&output));
}

#[test]
fn estimate_json_mirrors_the_specification_and_adds_up() {
    for plan in [
        "examples/web-shop.yaml",
        "examples/iot-telemetry.yaml",
        "examples/social-graph.yaml",
    ] {
        let report = json(&["cost", "estimate", "--plan", plan, "--format", "json"]);
        let monthly = cents(&report["total"]["monthly"]);
        assert_eq!(cents(&report["total"]["yearly"]), monthly * 12, "{plan}");
        assert_eq!(report["total"]["currency"], "USD");
        let breakdown = report["breakdown"].as_array().unwrap();
        let sum: i64 = breakdown.iter().map(|b| cents(&b["monthlyCost"])).sum();
        assert_eq!(sum, monthly, "{plan}: total is the sum of the breakdown");
        for entry in breakdown {
            let lines: i64 = entry["usage"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| cents(&l["monthlyCost"]))
                .sum();
            assert_eq!(
                lines,
                cents(&entry["monthlyCost"]),
                "{plan}: {}",
                entry["component"]
            );
            for line in entry["usage"].as_array().unwrap() {
                for key in [
                    "metric",
                    "quantity",
                    "unit",
                    "unitPrice",
                    "priceId",
                    "asOf",
                    "confidence",
                ] {
                    assert!(!line[key].is_null(), "{plan}: usage line without {key}");
                }
            }
            for key in [
                "category",
                "service",
                "provider",
                "tier",
                "percentageOfTotal",
            ] {
                assert!(!entry[key].is_null(), "{plan}: breakdown without {key}");
            }
        }
        for key in ["drivers", "optimizations", "assumptions", "unpriced"] {
            assert!(report[key].is_array(), "{plan}: {key}");
        }
        assert!(["low", "medium", "high"].contains(&report["confidence"].as_str().unwrap()));
        assert!(
            report["prices"]["oldestAsOf"].is_string(),
            "{plan}: the as-of date is stated"
        );
        let envs: i64 = report["environments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| cents(&e["monthlyCost"]))
            .sum();
        assert_eq!(envs, monthly, "{plan}: environments add up");
    }
}

#[test]
fn optimizations_are_ordered_by_savings_and_name_their_trade_offs() {
    let report = json(&[
        "cost",
        "estimate",
        "--plan",
        "examples/web-shop.yaml",
        "--format",
        "json",
    ]);
    let optimizations = report["optimizations"].as_array().unwrap();
    assert!(
        optimizations.len() >= 3,
        "commitments, scheduling and right-sizing apply to the web shop"
    );
    let savings: Vec<i64> = optimizations
        .iter()
        .map(|o| cents(&o["estimatedSavings"]["monthly"]))
        .collect();
    assert!(savings.windows(2).all(|w| w[0] >= w[1]), "{savings:?}");
    for item in optimizations {
        assert!(!item["actions"].as_array().unwrap().is_empty());
        assert!(!item["tradeoffs"].as_array().unwrap().is_empty());
    }
    let ids: Vec<&str> = optimizations
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"commit-1y") || ids.contains(&"commit-3y"),
        "{ids:?}"
    );
    assert!(ids.contains(&"schedule-staging"), "{ids:?}");
    assert!(ids.contains(&"rightsize-shop-aks-apps"), "{ids:?}");
}

#[test]
fn one_environment_prices_only_that_environment() {
    let all = json(&[
        "cost",
        "estimate",
        "--plan",
        "examples/web-shop.yaml",
        "--format",
        "json",
    ]);
    let staging = json(&[
        "cost",
        "estimate",
        "--plan",
        "examples/web-shop.yaml",
        "--env",
        "staging",
        "--format",
        "json",
    ]);
    let from_all = all["environments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "staging")
        .map(|e| cents(&e["monthlyCost"]))
        .unwrap();
    assert_eq!(cents(&staging["total"]["monthly"]), from_all);
    assert!(
        staging["breakdown"]
            .as_array()
            .unwrap()
            .iter()
            .all(|b| b["environment"] == "staging")
    );
}

#[test]
fn compare_on_one_provider_equals_that_providers_estimate() {
    let comparison = json(&[
        "cost",
        "compare",
        "--plan",
        "examples/iot-telemetry.yaml",
        "--format",
        "json",
    ]);
    for provider in ["azure", "aws", "gcp"] {
        let estimate = json(&[
            "cost",
            "estimate",
            "--plan",
            "examples/iot-telemetry.yaml",
            "--provider",
            provider,
            "--format",
            "json",
        ]);
        assert_eq!(
            cents(&comparison["totals"][provider]["monthlyCost"]),
            cents(&estimate["total"]["monthly"]),
            "{provider}"
        );
    }
    let own = json(&[
        "cost",
        "estimate",
        "--plan",
        "examples/iot-telemetry.yaml",
        "--format",
        "json",
    ]);
    assert_eq!(
        cents(&comparison["totals"]["aws"]["monthlyCost"]),
        cents(&own["total"]["monthly"])
    );
}

#[test]
fn unknown_environment_and_region_are_input_errors() {
    let output = infraplan(&[
        "cost",
        "estimate",
        "--plan",
        "examples/web-shop.yaml",
        "--env",
        "qa",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("no environment `qa`"),
        "{}",
        stderr(&output)
    );
    assert!(
        stderr(&output).contains("prod, staging, dev"),
        "{}",
        stderr(&output)
    );

    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.yaml");
    let text = std::fs::read_to_string("examples/iot-telemetry.yaml")
        .unwrap()
        .replacen("aws: us-east-1", "aws: me-central-1", 1);
    std::fs::write(&plan, &text).unwrap();
    let output = infraplan(&["cost", "estimate", "--plan", plan.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains("no aws prices for region `me-central-1`"),
        "{message}"
    );
    assert!(
        message.contains("regions with aws prices: ap-northeast-1, ap-south-1,"),
        "{message}"
    );
    assert!(message.contains("--catalog"), "{message}");
    assert_eq!(
        std::fs::read_to_string(&plan).unwrap(),
        text,
        "the plan is not touched"
    );
}

#[test]
fn a_price_override_changes_the_estimate() {
    let base = json(&[
        "cost",
        "estimate",
        "--plan",
        "examples/iot-telemetry.yaml",
        "--env",
        "prod",
        "--format",
        "json",
    ]);
    let dir = tempfile::tempdir().unwrap();
    let pricing = dir.path().join("pricing/aws");
    std::fs::create_dir_all(&pricing).unwrap();
    let original = std::fs::read_to_string("catalog/pricing/aws/eks.yaml").unwrap();
    std::fs::write(
        pricing.join("eks.yaml"),
        original.replace("price: 0.10", "price: 0.20"),
    )
    .unwrap();
    let catalog = dir.path().to_str().unwrap();
    let changed = json(&[
        "cost",
        "estimate",
        "--plan",
        "examples/iot-telemetry.yaml",
        "--env",
        "prod",
        "--catalog",
        catalog,
        "--format",
        "json",
    ]);
    // One cluster's control plane, 730 h × 0.10 more.
    assert_eq!(
        cents(&changed["total"]["monthly"]) - cents(&base["total"]["monthly"]),
        7_300
    );
}

#[test]
fn reports_are_byte_identical_across_runs() {
    for format in ["table", "json", "markdown", "html"] {
        let first = infraplan(&[
            "cost",
            "estimate",
            "--plan",
            "examples/web-shop.yaml",
            "--format",
            format,
        ]);
        let second = infraplan(&[
            "cost",
            "estimate",
            "--plan",
            "examples/web-shop.yaml",
            "--format",
            format,
        ]);
        assert_eq!(first.stdout, second.stdout, "{format}");
    }
    let first = infraplan(&[
        "cost",
        "compare",
        "--plan",
        "examples/social-graph.yaml",
        "--format",
        "json",
    ]);
    let second = infraplan(&[
        "cost",
        "compare",
        "--plan",
        "examples/social-graph.yaml",
        "--format",
        "json",
    ]);
    assert_eq!(first.stdout, second.stdout);
}

#[test]
fn an_invalid_plan_is_reported_with_its_position_and_nothing_is_priced() {
    let plan = "tests/bad-plans/unknown-technology-typo.yaml";
    let before = std::fs::read(plan).unwrap();
    for command in [["cost", "estimate"], ["cost", "compare"]] {
        let output = infraplan(&[command[0], command[1], "--plan", plan]);
        assert_eq!(output.status.code(), Some(1), "{command:?}");
        assert!(
            output.stdout.is_empty(),
            "{command:?}: no report for an invalid plan"
        );
        let message = stderr(&output);
        assert!(
            message.contains("unknown-technology-typo.yaml:13:19"),
            "{message}"
        );
        assert!(message.contains("did you mean `postgresql`?"), "{message}");
    }
    assert_eq!(
        std::fs::read(plan).unwrap(),
        before,
        "the plan is not touched"
    );
}

#[test]
fn project_defaults_supply_the_provider_and_region_a_plan_leaves_out() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("infraplan.yaml"),
        "version: 1\nname: defaults\ncomponents:\n  - { id: app, type: compute, compute: { instanceType: m7i.large, count: 1 } }\n",
    )
    .unwrap();
    let run = |region: &str| {
        std::fs::write(
            dir.path().join("infraplan.toml"),
            format!("plan = \"infraplan.yaml\"\n\n[defaults]\nprovider = \"aws\"\n\n[defaults.regions]\naws = \"{region}\"\n"),
        )
        .unwrap();
        Command::new(env!("CARGO_BIN_EXE_infraplan"))
            .current_dir(dir.path())
            .env("SOURCE_DATE_EPOCH", "1795651200")
            .env("NO_COLOR", "1")
            .env_remove("INFRAPLAN_PLAN")
            .env_remove("INFRAPLAN_CATALOG")
            .args(["cost", "estimate", "--format", "json"])
            .output()
            .unwrap()
    };
    // The project's region is used, so a region without prices is named.
    let output = run("me-central-1");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("region `me-central-1`"),
        "{}",
        stderr(&output)
    );
    // m7i.large 0.1008 × 730 h = 73.584 → 73.58 in the project's region.
    let output = run("us-east-1");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(cents(&report["total"]["monthly"]), 7_358);
    assert_eq!(report["breakdown"][0]["provider"], "aws");
}

#[test]
fn prices_older_than_the_limit_are_named_and_the_limit_is_the_users() {
    // The test clock is 2026-11-26 (SOURCE_DATE_EPOCH 1795651200).
    let plan = "examples/iot-telemetry.yaml";
    let report = json(&["cost", "estimate", "--plan", plan, "--format", "json"]);
    let basis = &report["prices"];
    assert_eq!(basis["maxAgeDays"], 365);
    let stale = basis["stale"].as_array().unwrap();
    assert!(!stale.is_empty(), "{basis:#}");
    for price in stale {
        let age = price["ageDays"].as_i64().unwrap();
        assert!(age > 365, "{price}");
        // Age is counted from the test clock: 2024-07-01 is 878 days before 2026-11-26.
        if price["asOf"] == "2024-07-01" {
            assert_eq!(age, 878);
        }
    }
    let ages: Vec<&str> = stale.iter().map(|p| p["asOf"].as_str().unwrap()).collect();
    let mut sorted = ages.clone();
    sorted.sort_unstable();
    assert_eq!(ages, sorted, "oldest first");

    let lenient = json(&[
        "cost",
        "estimate",
        "--plan",
        plan,
        "--format",
        "json",
        "--max-price-age",
        "100000",
    ]);
    assert!(lenient["prices"].get("stale").is_none());
    let off = infraplan(&["cost", "estimate", "--plan", plan, "--max-price-age", "0"]);
    assert!(!stdout(&off).contains("Warning:"), "{}", stdout(&off));
    let table = infraplan(&["cost", "estimate", "--plan", plan]);
    let text = stdout(&table);
    assert!(
        text.contains(&format!(
            "Warning: {} prices are more than 365 days old",
            stale.len()
        )) && text.contains("`infraplan catalog check --max-age 365` lists them"),
        "{text}"
    );
}
