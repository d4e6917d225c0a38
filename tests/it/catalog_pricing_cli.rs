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
        infraplan().args([
            "catalog",
            "show",
            "pricing",
            "--provider",
            "gcp",
            "--region",
            "europe-west3",
            "--service",
            "disk",
        ])
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
  - id: aws-ec2-m7i-large-eu-north-1
    provider: aws
    service: "EC2"
    sku: "m7i.large"
    region: eu-north-1
    unit: hour
    price: 0.112
    currency: USD
    attributes:
      vcpu: 2
      memoryGiB: 8
      tier: general_purpose
      os: linux
    source: "team price sheet (AWS pricing page, eu-north-1)"
    asOf: "2026-10-01"
    confidence: medium
    note: "Added by the team catalog."
"#;

#[test]
fn an_override_price_shows_up_and_filters_by_region() {
    let dir = tempfile::tempdir().unwrap();
    let aws = dir.path().join("pricing/aws");
    std::fs::create_dir_all(&aws).unwrap();
    std::fs::write(aws.join("eu-north-1.yaml"), EXTRA_PRICE).unwrap();
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
        "eu-north-1",
        "--format",
        "json",
    ]);
    let prices = only["prices"].as_array().unwrap();
    assert_eq!(prices.len(), 1, "{prices:#?}");
    let price = &prices[0];
    assert_eq!(price["id"], "aws-ec2-m7i-large-eu-north-1");
    assert_eq!(price["price"], 0.112);
    assert_eq!(price["note"], "Added by the team catalog.");
    assert!(
        price["file"]
            .as_str()
            .unwrap()
            .ends_with("pricing/aws/eu-north-1.yaml")
    );
    assert_eq!(only["summary"]["providers"][0]["regions"][0], "eu-north-1");
    assert_eq!(only["summary"]["oldestAsOf"], "2026-10-01");

    let table = run(&[
        "--catalog",
        catalog_dir,
        "catalog",
        "show",
        "pricing",
        "--region",
        "eu-north-1",
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

/// Runs `catalog import` into a fresh directory and returns it.
fn import(args: &[&str]) -> (tempfile::TempDir, Output) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap().to_owned();
    let mut full = vec!["catalog", "import"];
    full.extend_from_slice(args);
    full.extend_from_slice(&["--out", &out]);
    let output = run(&full);
    (dir, output)
}

#[test]
fn aws_offer_import_keeps_linux_on_demand_and_dates_the_prices() {
    let (dir, output) = import(&[
        "--provider",
        "aws",
        "--service",
        "AmazonEC2",
        "tests/fixtures/import/aws-ec2-offer.json",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let summary = stdout(&output);
    assert!(
        summary.contains("5 prices in 2 files from 9 records (as of 2026-11-01)"),
        "{summary}"
    );
    let ec2 =
        std::fs::read_to_string(dir.path().join("pricing/aws/eu-central-1/ec2.yaml")).unwrap();
    insta::assert_snapshot!("import_aws_ec2_table", ec2);
    let catalog_dir = dir.path().to_str().unwrap();
    let check = run(&["--catalog", catalog_dir, "catalog", "check"]);
    assert!(check.status.success(), "{}", stderr(&check));

    let view = json(&[
        "--catalog",
        catalog_dir,
        "catalog",
        "show",
        "pricing",
        "--region",
        "eu-central-1",
        "--service",
        "EC2",
        "--format",
        "json",
    ]);
    let prices = view["prices"].as_array().unwrap();
    let m7i = prices
        .iter()
        .find(|p| p["sku"] == "m7i.large")
        .expect("m7i.large imported");
    // The Windows (0.2126) and dedicated rows of the same type are not kept.
    assert_eq!(m7i["price"], 0.1206);
    assert_eq!(m7i["asOf"], "2026-11-01");
    assert!(
        m7i["source"]
            .as_str()
            .unwrap()
            .contains("offer AmazonEC2 version 20261101000000"),
        "{m7i}"
    );
    assert_eq!(
        prices.iter().filter(|p| p["sku"] == "m7i.large").count(),
        1,
        "an imported price replaces the built-in one for the same SKU and region"
    );
}

#[test]
fn an_imported_price_is_the_one_cost_estimate_uses() {
    let (dir, output) = import(&[
        "--provider",
        "aws",
        "tests/fixtures/import/aws-ec2-offer.json",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let plan = dir.path().join("plan.yaml");
    std::fs::write(
        &plan,
        "version: 1\nname: frankfurt\nproviders: { primary: aws, regions: { aws: eu-central-1 } }\n\
         components:\n  - id: app\n    type: compute\n    compute: { instanceType: m7i.large, count: 2, os: linux }\n",
    )
    .unwrap();
    let estimate = json(&[
        "--catalog",
        dir.path().to_str().unwrap(),
        "cost",
        "estimate",
        "--plan",
        plan.to_str().unwrap(),
        "--format",
        "json",
    ]);
    // 2 × 0.1206 USD/h × 730 h = 176.076 → 176.08
    assert_eq!(estimate["total"]["monthly"], 176.08, "{estimate:#}");
}

#[test]
fn rds_offer_import_splits_engines_deployments_and_editions() {
    let (dir, output) = import(&[
        "--provider",
        "aws",
        "tests/fixtures/import/aws-rds-offer.json",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let base = dir.path().join("pricing/aws/sa-east-1");
    let postgres = std::fs::read_to_string(base.join("rds-postgresql.yaml")).unwrap();
    assert!(
        postgres.contains("columns: [sku, price, deployment]"),
        "{postgres}"
    );
    assert!(
        postgres.contains(r#"["db.m7g.large", 0.277, "single_az"]"#),
        "{postgres}"
    );
    assert!(
        postgres.contains(r#"["db.m7g.large", 0.554, "multi_az"]"#),
        "{postgres}"
    );
    let sql = std::fs::read_to_string(base.join("rds-for-sql-server.yaml")).unwrap();
    // Bring-your-own-licence rows are not list prices of the service.
    assert!(
        sql.contains(r#"engine: "sqlserver-ee""#) && sql.contains("2.581"),
        "{sql}"
    );
    assert!(!sql.contains("0.61"), "{sql}");
    assert!(base.join("rds-mysql.yaml").exists());
}

#[test]
fn azure_pages_import_needs_a_date_and_keeps_linux_pay_as_you_go() {
    let (_, undated) = import(&[
        "--provider",
        "azure",
        "tests/fixtures/import/azure-retail-page.json",
    ]);
    assert_eq!(undated.status.code(), Some(2));
    assert!(stderr(&undated).contains("--as-of"), "{}", stderr(&undated));
    let (dir, misdated) = import(&[
        "--provider",
        "azure",
        "--as-of",
        "2026-13-01",
        "tests/fixtures/import/azure-retail-page.json",
    ]);
    assert_eq!(misdated.status.code(), Some(2));
    assert!(
        stderr(&misdated).contains("is not a date"),
        "{}",
        stderr(&misdated)
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);

    let (dir, output) = import(&[
        "--provider",
        "azure",
        "--as-of",
        "2026-12-01",
        "tests/fixtures/import/azure-retail-page.json",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let vms = std::fs::read_to_string(
        dir.path()
            .join("pricing/azure/germanywestcentral/virtual-machines.yaml"),
    )
    .unwrap();
    // Linux pay-as-you-go only: not the Windows, Spot or reservation meters,
    // nor the disk meter. The shape of a SKU the catalog knows comes from it.
    assert!(
        vms.contains(r#"["Standard_D2s_v5", 0.115, 2, 8, "general_purpose"]"#),
        "{vms}"
    );
    assert!(
        vms.contains(r#"["Standard_E2bs_v5", 0.0624, ~, ~, ~]"#),
        "{vms}"
    );
    assert_eq!(vms.matches("    - [").count(), 2, "{vms}");
    assert!(vms.contains(r#"asOf: "2026-12-01""#), "{vms}");
}

#[test]
fn a_file_that_is_not_a_price_file_fails_and_writes_nothing() {
    let (dir, output) = import(&["--provider", "aws", "tests/fixtures/commented-plan.yaml"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("not an AWS Price List offer file"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);

    let (dir, wrong) = import(&[
        "--provider",
        "aws",
        "--service",
        "AmazonRDS",
        "tests/fixtures/import/aws-ec2-offer.json",
    ]);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(
        stderr(&wrong).contains("the file is the `AmazonEC2` offer, not `AmazonRDS`"),
        "{}",
        stderr(&wrong)
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);

    let (_, missing) = import(&["--provider", "aws", "tests/fixtures/import/none.json"]);
    assert_eq!(missing.status.code(), Some(2));
}
