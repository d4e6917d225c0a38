//! `infraplan catalog show pricing`: the list prices with their as-of dates,
//! the filters, the no-match failure and `--catalog` overrides.

use std::process::{Command, Output};

use serde_json::Value;

fn infraplan() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_infraplan"));
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env_remove("INFRAPLAN_PLAN")
        .env_remove("INFRAPLAN_CATALOG");
    command
}

fn run(args: &[&str]) -> Output {
    infraplan().args(args).output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn json(args: &[&str]) -> Value {
    let output = run(args);
    assert!(output.status.success(), "{}", stderr(&output));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn count(value: &Value) -> usize {
    usize::try_from(value.as_u64().expect("a count")).unwrap()
}

#[test]
fn gcp_table() {
    insta_cmd::assert_cmd_snapshot!(
        "gcp_table",
        infraplan().args(["catalog", "show", "pricing", "--provider", "gcp"])
    );
}

#[test]
fn json_prices_carry_provenance_and_the_summary_adds_up() {
    let view = json(&["catalog", "show", "pricing", "--format", "json"]);
    let prices = view["prices"].as_array().unwrap();
    let catalog = infraplan::catalog::Catalog::load(None).unwrap();
    assert_eq!(
        prices.len(),
        catalog.prices().len(),
        "unfiltered: every price"
    );
    for price in prices {
        let id = &price["id"];
        assert!(
            price["source"]
                .as_str()
                .is_some_and(|s| !s.trim().is_empty()),
            "{id}: source"
        );
        let as_of = price["asOf"].as_str().unwrap_or_default();
        assert!(
            infraplan::plan::quantity::parse_date(as_of).is_ok(),
            "{id}: asOf `{as_of}`"
        );
        assert!(price["price"].is_number(), "{id}: price");
        assert!(
            price["file"]
                .as_str()
                .is_some_and(|f| f.starts_with("catalog/pricing/")),
            "{id}: file"
        );
    }

    let summary = &view["summary"];
    assert_eq!(count(&summary["total"]), prices.len());
    let confidence =
        |counts: &Value| count(&counts["high"]) + count(&counts["medium"]) + count(&counts["low"]);
    assert_eq!(confidence(&summary["byConfidence"]), prices.len());
    let providers = summary["providers"].as_array().unwrap();
    let names: Vec<&str> = providers
        .iter()
        .map(|p| p["provider"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["azure", "aws", "gcp"]);
    let mut per_provider = 0;
    for provider in providers {
        let n = count(&provider["prices"]);
        let name = &provider["provider"];
        assert_eq!(confidence(&provider["byConfidence"]), n, "{name}");
        assert_eq!(
            prices.iter().filter(|p| p["provider"] == *name).count(),
            n,
            "{name}"
        );
        assert!(provider["oldestAsOf"].as_str() <= provider["newestAsOf"].as_str());
        per_provider += n;
    }
    assert_eq!(per_provider, prices.len());
    assert_eq!(summary["billingRules"]["file"], "catalog/cost/billing.yaml");
}

#[test]
fn output_is_sorted_and_stable() {
    let first = run(&["catalog", "show", "pricing", "--provider", "aws"]);
    let second = run(&["catalog", "show", "pricing", "--provider", "aws"]);
    assert_eq!(first.stdout, second.stdout, "byte-identical across runs");
    let view = json(&["catalog", "show", "pricing", "--format", "json"]);
    let order = ["azure", "aws", "gcp"];
    let keys: Vec<(usize, String, String, String)> = view["prices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let text = |k: &str| p[k].as_str().unwrap().to_owned();
            let provider = order.iter().position(|o| p["provider"] == *o).unwrap();
            (provider, text("service"), text("sku"), text("region"))
        })
        .collect();
    assert!(keys.is_sorted(), "sorted by provider, service, sku, region");
}

#[test]
fn service_filter_is_a_case_insensitive_substring() {
    let view = json(&[
        "catalog",
        "show",
        "pricing",
        "--service",
        "rds post",
        "--format",
        "json",
    ]);
    let prices = view["prices"].as_array().unwrap();
    assert!(!prices.is_empty());
    assert!(prices.iter().all(|p| p["service"] == "RDS PostgreSQL"));
    assert_eq!(view["summary"]["filter"], "service ~ \"rds post\"");
}

#[test]
fn yaml_has_the_same_shape() {
    let output = run(&[
        "catalog",
        "show",
        "pricing",
        "--provider",
        "azure",
        "--format",
        "yaml",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.starts_with("summary:"), "{text}");
    assert!(text.contains("\nprices:\n"), "{text}");
    assert!(text.contains("asOf:"), "{text}");
}

#[test]
fn an_unknown_region_fails_naming_the_regions_that_exist() {
    let output = run(&["catalog", "show", "pricing", "--region", "nowhere"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).is_empty(), "{}", stdout(&output));
    let err = stderr(&output);
    assert!(
        err.contains("no list price matches region nowhere"),
        "{err}"
    );
    for expected in [
        "azure: ",
        "eastus",
        "aws: ",
        "us-east-1",
        "gcp: ",
        "us-central1",
    ] {
        assert!(err.contains(expected), "{expected} missing: {err}");
    }
}

#[test]
fn pricing_filters_are_refused_on_an_entry_and_ids_suggest_pricing() {
    let filtered = run(&["catalog", "show", "postgresql", "--provider", "aws"]);
    assert_eq!(filtered.status.code(), Some(2));
    assert!(stderr(&filtered).contains("filter list prices only"));
    let typo = run(&["catalog", "show", "pricng"]);
    assert_eq!(typo.status.code(), Some(2));
    assert!(
        stderr(&typo).contains("did you mean `pricing`?"),
        "{}",
        stderr(&typo)
    );
    let table = run(&["catalog", "show", "postgresql", "--format", "table"]);
    assert_eq!(table.status.code(), Some(2));
    // The entry default stays YAML.
    let yaml = run(&["catalog", "show", "postgresql"]);
    assert!(stdout(&yaml).starts_with("# from catalog/databases/"));
}

const EXTRA_PRICE: &str = r#"prices:
  - id: aws-ec2-m7i-large-eu-west-1
    provider: aws
    service: "EC2"
    sku: "m7i.large"
    region: eu-west-1
    unit: hour
    price: 0.112
    currency: USD
    attributes:
      vcpu: 2
      memoryGiB: 8
      tier: general_purpose
      os: linux
    source: "team price sheet (AWS pricing page, eu-west-1)"
    asOf: "2026-10-01"
    confidence: medium
    note: "Added by the team catalog."
"#;

#[test]
fn an_override_price_shows_up_and_filters_by_region() {
    let dir = tempfile::tempdir().unwrap();
    let aws = dir.path().join("pricing/aws");
    std::fs::create_dir_all(&aws).unwrap();
    std::fs::write(aws.join("eu-west-1.yaml"), EXTRA_PRICE).unwrap();
    let catalog_dir = dir.path().to_str().unwrap();
    let builtin = infraplan::catalog::Catalog::load(None).unwrap();

    let all = json(&[
        "--catalog",
        catalog_dir,
        "catalog",
        "show",
        "pricing",
        "--format",
        "json",
    ]);
    assert_eq!(
        all["prices"].as_array().unwrap().len(),
        builtin.prices().len() + 1
    );

    let only = json(&[
        "--catalog",
        catalog_dir,
        "catalog",
        "show",
        "pricing",
        "--region",
        "eu-west-1",
        "--format",
        "json",
    ]);
    let prices = only["prices"].as_array().unwrap();
    assert_eq!(prices.len(), 1, "{prices:#?}");
    let price = &prices[0];
    assert_eq!(price["id"], "aws-ec2-m7i-large-eu-west-1");
    assert_eq!(price["price"], 0.112);
    assert_eq!(price["note"], "Added by the team catalog.");
    assert!(
        price["file"]
            .as_str()
            .unwrap()
            .ends_with("pricing/aws/eu-west-1.yaml")
    );
    assert_eq!(only["summary"]["providers"][0]["regions"][0], "eu-west-1");
    assert_eq!(only["summary"]["oldestAsOf"], "2026-10-01");

    let table = run(&[
        "--catalog",
        catalog_dir,
        "catalog",
        "show",
        "pricing",
        "--region",
        "eu-west-1",
    ]);
    assert!(table.status.success(), "{}", stderr(&table));
    let text = stdout(&table);
    assert!(
        text.contains("m7i.large") && text.contains("0.112"),
        "{text}"
    );
    assert!(text.contains("\n1 price · "), "{text}");
}

#[test]
fn catalog_check_max_age_fails_on_old_prices_and_passes_a_generous_limit() {
    let strict = run(&["catalog", "check", "--max-age", "30"]);
    assert_eq!(strict.status.code(), Some(1), "{}", stdout(&strict));
    let errors = stderr(&strict);
    assert!(
        errors.contains("older than the 30-day limit") && errors.contains("too old"),
        "{errors}"
    );
    let generous = run(&["catalog", "check", "--max-age", "100000"]);
    assert!(generous.status.success(), "{}", stderr(&generous));
    assert!(
        stdout(&generous).contains(" 0 problems"),
        "{}",
        stdout(&generous)
    );
}
