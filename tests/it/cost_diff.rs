//! `infraplan cost diff` as a reviewer runs it: a base plan (a file, or the
//! plan as committed at a git ref) against the working plan, in scratch
//! directories. The head plan scales one component, adds one and removes
//! one; the totals must move by exactly the sum of the component deltas.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const EXAMPLE: &str = include_str!("../../examples/iot-telemetry.yaml");

fn infraplan(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_infraplan"))
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1795651200")
        .env("NO_COLOR", "1")
        .env_remove("INFRAPLAN_PLAN")
        .env_remove("INFRAPLAN_CATALOG")
        // Keep git from finding a repository above the scratch directory.
        .env("GIT_CEILING_DIRECTORIES", std::env::temp_dir())
        .args(args)
        .output()
        .unwrap()
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let output = infraplan(dir, args);
    assert!(
        output.status.success(),
        "{args:?} failed: {}",
        text(&output.stderr)
    );
    text(&output.stdout)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn replace(plan: &str, from: &str, to: &str) -> String {
    assert!(plan.contains(from), "the example no longer has {from:?}");
    plan.replacen(from, to, 1)
}

/// The example with the MQTT brokers at 5 instead of 3, a firmware bucket
/// added and the broker volumes (and their module reference) removed.
fn head_plan() -> String {
    let plan = replace(
        EXAMPLE,
        "~200k connections each\n      count: 3",
        "~200k connections each\n      count: 5",
    );
    let plan = replace(
        &plan,
        "      - { component: broker-data, role: primary, resourceRequirements: { storageGB: 600 } }\n",
        "",
    );
    let start = plan.find("  - id: broker-data").unwrap();
    let end = plan.find("  - id: telemetry-stream").unwrap();
    let plan = format!("{}{}", &plan[..start], &plan[end..]);
    replace(
        &plan,
        "  - id: telemetry-lake\n",
        "  - id: firmware-bucket\n    name: Firmware images\n    type: object_storage\n    \
         storage: { sizeGB: 500, tier: hot, redundancy: zone, requestsPerMonth: 1000000 }\n\n  \
         - id: telemetry-lake\n",
    )
}

/// A scratch directory with `base.yaml` (the example) and `head.yaml`.
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("base.yaml"), EXAMPLE).unwrap();
    std::fs::write(dir.path().join("head.yaml"), head_plan()).unwrap();
    dir
}

/// `cost diff` of `head.yaml` against `base.yaml` in `format`.
fn diff_args(format: &str) -> [&str; 8] {
    [
        "--plan",
        "head.yaml",
        "cost",
        "diff",
        "--base",
        "base.yaml",
        "--format",
        format,
    ]
}

/// An amount in JSON as exact cents.
fn cents(value: &Value) -> i64 {
    let amount = value
        .as_f64()
        .unwrap_or_else(|| panic!("not an amount: {value}"));
    // Amounts have at most two decimals; rounding undoes the binary float.
    #[allow(clippy::cast_possible_truncation)]
    let cents = (amount * 100.0).round() as i64;
    cents
}

fn component<'a>(diff: &'a Value, id: &str) -> &'a Value {
    let components = diff["components"].as_array().unwrap();
    components
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no component {id}"))
}

#[test]
fn json_has_added_removed_and_changed_components_and_an_exact_delta() {
    let dir = scratch();
    let args = diff_args("json");
    let diff: Value = serde_json::from_str(&ok(dir.path(), &args)).unwrap();
    let brokers = component(&diff, "mqtt-brokers");
    assert_eq!(brokers["change"], "changed");
    assert!(cents(&brokers["head"]) > cents(&brokers["base"]));
    assert_eq!(
        cents(&brokers["delta"]),
        cents(&brokers["head"]) - cents(&brokers["base"])
    );
    let removed = component(&diff, "broker-data");
    assert_eq!(removed["change"], "removed");
    assert_eq!(removed["head"], Value::Null);
    assert_eq!(cents(&removed["delta"]), -cents(&removed["base"]));
    let added = component(&diff, "firmware-bucket");
    assert_eq!(added["change"], "added");
    assert_eq!(added["base"], Value::Null);
    assert_eq!(cents(&added["delta"]), cents(&added["head"]));
    assert_eq!(component(&diff, "telemetry-lake")["change"], "unchanged");

    let (base, head) = (
        cents(&diff["base"]["total"]["monthly"]),
        cents(&diff["head"]["total"]["monthly"]),
    );
    let delta = cents(&diff["delta"]["monthly"]);
    assert_eq!(delta, head - base, "delta is head − base to the cent");
    let components = diff["components"].as_array().unwrap();
    let sum: i64 = components.iter().map(|c| cents(&c["delta"])).sum();
    assert_eq!(sum, delta, "component deltas add up to the total delta");
    #[allow(clippy::cast_precision_loss)]
    let percentage = (delta as f64 * 1000.0 / base as f64).round() / 10.0;
    assert_eq!(diff["delta"]["percentage"].as_f64(), Some(percentage));
    // MSK, InfluxDB and Glacier are not priced, on both sides.
    assert_eq!(diff["base"]["unpriced"], diff["head"]["unpriced"]);
    assert!(diff["head"]["prices"]["oldestAsOf"].is_string());
    // Largest absolute change first.
    let order: Vec<&str> = components
        .iter()
        .take(3)
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(order, ["mqtt-brokers", "broker-data", "firmware-bucket"]);
}

#[test]
fn markdown_is_a_pull_request_comment() {
    let dir = scratch();
    let args = diff_args("markdown");
    let first = ok(dir.path(), &args);
    assert_eq!(first, ok(dir.path(), &args), "byte-identical across runs");
    assert!(first.starts_with("**Monthly cost: 7,078.26 → "), "{first}");
    assert!(first.contains("<details><summary>"), "{first}");
    assert!(
        !first.contains("`telemetry-lake`"),
        "unchanged components are counted, not listed"
    );
    insta::assert_snapshot!("markdown", first);
}

#[test]
fn table_shows_what_moved_and_env_passes_to_both_sides() {
    let dir = scratch();
    let table = ok(
        dir.path(),
        &["--plan", "head.yaml", "cost", "diff", "--base", "base.yaml"],
    );
    assert!(
        table.contains("mqtt-brokers") && table.contains("-189.00"),
        "{table}"
    );
    let args = [
        "--plan",
        "head.yaml",
        "cost",
        "diff",
        "--base",
        "base.yaml",
        "--env",
        "staging",
        "--format",
        "json",
    ];
    let diff: Value = serde_json::from_str(&ok(dir.path(), &args)).unwrap();
    let estimate = |file: &str| -> Value {
        let args = [
            "--plan", file, "cost", "estimate", "--env", "staging", "--format", "json",
        ];
        serde_json::from_str(&ok(dir.path(), &args)).unwrap()
    };
    assert_eq!(diff["base"]["total"], estimate("base.yaml")["total"]);
    assert_eq!(diff["head"]["total"], estimate("head.yaml")["total"]);
    let missing = infraplan(
        dir.path(),
        &[
            "--plan",
            "head.yaml",
            "cost",
            "diff",
            "--base",
            "base.yaml",
            "--env",
            "qa",
        ],
    );
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        text(&missing.stderr).contains("no environment `qa`"),
        "{}",
        text(&missing.stderr)
    );
}

fn git(dir: &Path, args: &[&str]) {
    let output = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=Reviewer",
            "-c",
            "user.email=reviewer@example.com",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        text(&output.stderr)
    );
}

/// A repository whose last commit has the example in `plans/infraplan.yaml`,
/// with the head plan in the working tree.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("plans")).unwrap();
    std::fs::write(dir.path().join("plans/infraplan.yaml"), EXAMPLE).unwrap();
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "base plan"]);
    std::fs::write(dir.path().join("plans/infraplan.yaml"), head_plan()).unwrap();
    dir
}

#[test]
fn base_ref_reads_the_plan_as_committed() {
    let repo = repository();
    let plans = repo.path().join("plans");
    std::fs::write(plans.join("base.yaml"), EXAMPLE).unwrap();
    let json = ["cost", "diff", "--format", "json"];
    // From the plan's directory, with the default plan file…
    let by_ref = ok(&plans, &[&json[..], &["--base-ref", "HEAD"]].concat());
    let by_file = ok(&plans, &[&json[..], &["--base", "base.yaml"]].concat());
    assert_eq!(by_ref, by_file);
    // …and from the repository root, where the path differs from the plan's.
    let from_root = [
        "--plan",
        "plans/infraplan.yaml",
        "cost",
        "diff",
        "--base-ref",
        "HEAD",
        "--format",
        "markdown",
    ];
    let markdown = ok(repo.path(), &from_root);
    assert!(
        markdown.contains("against `HEAD:plans/infraplan.yaml`"),
        "{markdown}"
    );
    assert!(
        markdown.contains("| `broker-data` | removed |"),
        "{markdown}"
    );
}

/// Runs a failing diff and checks the exit code, the message, and that the
/// working plan was not touched.
fn fails(dir: &Path, args: &[&str], code: i32, message: &str) {
    let plan = dir.join("plans/infraplan.yaml");
    let before = std::fs::read(&plan).unwrap();
    let output = infraplan(
        dir,
        &[
            &["--plan", "plans/infraplan.yaml", "cost", "diff"][..],
            args,
        ]
        .concat(),
    );
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(code), "{args:?}: {stderr}");
    assert!(
        stderr.contains(message),
        "{args:?}: expected {message:?} in\n{stderr}"
    );
    assert!(output.stdout.is_empty(), "{args:?} printed a report");
    assert_eq!(
        std::fs::read(&plan).unwrap(),
        before,
        "{args:?} changed the working plan"
    );
}

#[test]
fn bad_bases_are_reported_with_the_documented_exit_codes() {
    let repo = repository();
    let dir = repo.path();
    fails(
        dir,
        &["--base-ref", "no-such-branch"],
        2,
        "unknown git ref `no-such-branch`",
    );
    fails(dir, &["--base-ref=--help"], 2, "`--help` is not a git ref");
    fails(
        dir,
        &["--base-ref", "HEAD", "--base", "plans/infraplan.yaml"],
        2,
        "cannot be used with",
    );
    fails(dir, &[], 2, "required arguments were not provided");
    std::fs::write(dir.join("plans/other.yaml"), EXAMPLE).unwrap();
    let output = infraplan(
        dir,
        &[
            "--plan",
            "plans/other.yaml",
            "cost",
            "diff",
            "--base-ref",
            "HEAD",
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("`plans/other.yaml` is not in git ref `HEAD`"));

    let broken = replace(
        EXAMPLE,
        "  - id: mqtt-nlb\n",
        "  - id: mqtt-nlb\n    sizeGB: lots\n",
    );
    std::fs::write(dir.join("broken.yaml"), broken).unwrap();
    fails(dir, &["--base", "broken.yaml"], 1, "broken.yaml: invalid");
    fails(
        dir,
        &["--base", "missing.yaml"],
        2,
        "cannot read `missing.yaml`",
    );

    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir(outside.path().join("plans")).unwrap();
    std::fs::write(outside.path().join("plans/infraplan.yaml"), EXAMPLE).unwrap();
    fails(
        outside.path(),
        &["--base-ref", "HEAD"],
        2,
        "is not in a git repository",
    );
}

/// A component that drops out of pricing (a SKU the catalog lacks) is an
/// unknown change: never a saving in the headline, which says the diff is
/// incomplete and what it covers.
#[test]
fn a_component_that_drops_out_of_pricing_is_not_a_saving() {
    let dir = tempfile::tempdir().unwrap();
    let base = include_str!("../../examples/web-shop.yaml");
    let head = replace(
        base,
        "tier: GP_Standard_D4ds_v5 # 4 vCores, 16 GiB",
        "tier: GP_Standard_D48ds_v5",
    );
    std::fs::write(dir.path().join("base.yaml"), base).unwrap();
    std::fs::write(dir.path().join("head.yaml"), &head).unwrap();
    let diff: Value = serde_json::from_str(&ok(dir.path(), &diff_args("json"))).unwrap();
    let orders = component(&diff, "orders-db");
    assert_eq!(orders["change"], "unknown");
    assert_eq!(orders["comparable"], false);
    assert_eq!(diff["delta"]["excluded"], serde_json::json!(["orders-db"]));
    assert_eq!(cents(&diff["delta"]["monthly"]), 0, "nothing else changed");
    let markdown = ok(dir.path(), &diff_args("markdown"));
    let headline = markdown.lines().next().unwrap();
    assert!(
        headline.starts_with("**Monthly cost: incomplete diff: no change over the 12 components")
            && headline.contains("`orders-db` is unknown"),
        "{headline}"
    );
    assert!(!headline.contains("-2,"), "no false saving: {headline}");
}
