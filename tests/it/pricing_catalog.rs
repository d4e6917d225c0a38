//! The built-in pricing catalog: it loads, lints clean, every price carries
//! its provenance, money is exact, and a bad override is reported.

use camino::Utf8Path;
use infraplan::catalog::Catalog;
use infraplan::catalog::lint;
use infraplan::catalog::pricing::{HOURS_PER_MONTH, PriceUnit};
use infraplan::plan::CloudProvider;

#[test]
fn builtin_pricing_lints_clean() {
    let (catalog, problems) = lint::check(None).unwrap();
    let messages: Vec<String> = problems
        .iter()
        .map(|(file, _, finding)| format!("{file}: {}", finding.message))
        .collect();
    assert!(messages.is_empty(), "{messages:#?}");
    assert!(catalog.prices().len() >= 150, "{}", catalog.prices().len());
}

#[test]
fn every_price_has_provenance() {
    let catalog = Catalog::load(None).unwrap();
    for provider in CloudProvider::ALL {
        assert!(
            catalog.prices().iter().any(|e| e.item.provider == provider),
            "no prices for {provider:?}"
        );
    }
    for entry in catalog.prices() {
        let price = &entry.item;
        let file = &catalog.files[entry.file].path;
        assert!(
            file.starts_with(&format!("pricing/{}/", price.provider.as_str())),
            "{} in {file}",
            price.id
        );
        assert!(!price.region.trim().is_empty(), "{}", price.id);
        assert!(!price.source.trim().is_empty(), "{}", price.id);
        assert!(!price.service.trim().is_empty(), "{}", price.id);
        assert!(!price.sku.trim().is_empty(), "{}", price.id);
        assert!(
            infraplan::plan::quantity::parse_date(&price.as_of).is_ok(),
            "{}: {}",
            price.id,
            price.as_of
        );
        assert!(price.price_nanos() >= 0, "{}", price.id);
    }
}

#[test]
fn prices_are_exact_nano_dollars() {
    let catalog = Catalog::load(None).unwrap();
    let rds = catalog
        .prices()
        .iter()
        .map(|e| &e.item)
        .find(|p| p.id == "aws-rds-postgresql-db-m7g-large-us-east-1")
        .expect("RDS PostgreSQL db.m7g.large is in the catalog");
    assert_eq!(rds.sku, "db.m7g.large");
    assert_eq!(rds.region, "us-east-1");
    assert_eq!(rds.unit, PriceUnit::Hour);
    assert_eq!(rds.price_nanos(), 168_000_000);
    // 0.168 × 730 = 122.64 USD, exactly.
    assert_eq!(rds.monthly_nanos(), Some(122_640_000_000));
    assert_eq!(rds.price_nanos() * HOURS_PER_MONTH, 122_640_000_000);

    // Six decimals survive the YAML float round trip.
    let n2 = catalog
        .prices()
        .iter()
        .map(|e| &e.item)
        .find(|p| p.id == "gcp-compute-n2-standard-2-us-central1")
        .unwrap();
    assert_eq!(n2.price_nanos(), 97_118_000);
    assert_eq!(n2.price.to_string(), "0.097118");
}

#[test]
fn bad_override_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let root = Utf8Path::from_path(dir.path()).unwrap();
    std::fs::create_dir_all(root.join("pricing/aws")).unwrap();
    std::fs::write(
        root.join("pricing/aws/ec2-eu.yaml"),
        "prices:\n\
         \x20 - id: aws-ec2-m7i-large-eu-west-1\n\
         \x20   provider: aws\n\
         \x20   service: EC2\n\
         \x20   sku: m7i.large\n\
         \x20   region: eu-west-1\n\
         \x20   unit: hour\n\
         \x20   price: -0.1\n\
         \x20   currency: USD\n\
         \x20   source: team quote\n\
         \x20   asOf: \"2026-02-30\"\n\
         \x20   confidence: low\n",
    )
    .unwrap();
    let (_, problems) = lint::check(Some(root)).unwrap();
    let ours: Vec<&str> = problems
        .iter()
        .filter(|(file, _, _)| file.ends_with("ec2-eu.yaml"))
        .map(|(_, _, finding)| finding.message.as_str())
        .collect();
    assert!(ours.iter().any(|m| m.contains("negative")), "{ours:#?}");
    assert!(ours.iter().any(|m| m.contains("2026-02-30")), "{ours:#?}");
}

#[test]
fn override_adds_and_replaces_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let root = Utf8Path::from_path(dir.path()).unwrap();
    std::fs::create_dir_all(root.join("pricing/aws")).unwrap();
    std::fs::write(
        root.join("pricing/aws/team.yaml"),
        "prices:\n\
         \x20 - id: aws-ec2-m7i-large-us-east-1\n\
         \x20   provider: aws\n\
         \x20   service: EC2\n\
         \x20   sku: m7i.large\n\
         \x20   region: us-east-1\n\
         \x20   unit: hour\n\
         \x20   price: 0.09\n\
         \x20   currency: USD\n\
         \x20   source: negotiated rate card 2026\n\
         \x20   asOf: \"2026-09-01\"\n\
         \x20   confidence: high\n",
    )
    .unwrap();
    let (catalog, problems) = lint::check(Some(root)).unwrap();
    assert!(problems.is_empty(), "{}", problems.len());
    let hits: Vec<_> = catalog
        .prices()
        .iter()
        .filter(|e| e.item.id == "aws-ec2-m7i-large-us-east-1")
        .collect();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].item.price_nanos(), 90_000_000);
}

#[test]
fn prices_are_exact_to_nine_decimals_and_no_further() {
    let dir = tempfile::tempdir().unwrap();
    let root = Utf8Path::from_path(dir.path()).unwrap();
    std::fs::create_dir_all(root.join("pricing/gcp")).unwrap();
    let entry = |id: &str, price: &str| {
        format!(
            "  - id: {id}\n    provider: gcp\n    service: Compute Engine\n    sku: {id}\n    region: europe-west1\n    unit: hour\n    price: {price}\n    currency: USD\n    source: test\n    asOf: \"2026-08-03\"\n    confidence: high\n"
        )
    };
    std::fs::write(
        root.join("pricing/gcp/precision.yaml"),
        format!(
            "prices:\n{}{}",
            entry("eight-decimals", "0.03350571"),
            entry("ten-decimals", "0.0335057123")
        ),
    )
    .unwrap();
    let (_, problems) = lint::check(Some(root)).unwrap();
    let ours: Vec<&str> = problems
        .iter()
        .filter(|(file, _, _)| file.ends_with("precision.yaml"))
        .map(|(_, _, finding)| finding.message.as_str())
        .collect();
    // Only the ten-decimal price is refused; eight decimals are exact.
    assert!(!ours.is_empty());
    assert!(
        ours.iter().all(|m| m.contains("`0.0335057123`")),
        "{ours:#?}"
    );
}

/// A team's table file for a region the built-in catalog may not have.
const FRANKFURT_TABLE: &str = "\
# Two EC2 sizes in Frankfurt, for the tests.
table:
  provider: aws
  service: EC2
  region: eu-central-1
  currency: USD
  source: \"AWS Price List API, AmazonEC2 offer for eu-central-1 (test data)\"
  asOf: \"2026-10-01\"
  confidence: high
  idPrefix: team-ec2
  unit: hour
  attributes: { os: linux }
  columns: [sku, price, vcpu, memoryGiB, tier, arch]
  rows:
    - [m7i.large, 0.1212, 2, 8, general_purpose, ~]
    - [m7g.large, 0.0952, 2, 8, general_purpose, arm64]
";

fn table_catalog(region_dir: &str, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pricing/aws").join(region_dir);
    std::fs::create_dir_all(&path).unwrap();
    std::fs::write(path.join("team-ec2.yaml"), text).unwrap();
    dir
}

#[test]
fn a_table_file_prices_its_region_and_only_that_region() {
    let dir = table_catalog("eu-central-1", FRANKFURT_TABLE);
    let root = Utf8Path::from_path(dir.path()).unwrap();
    let catalog = Catalog::load(Some(root)).unwrap();
    let frankfurt: Vec<_> = catalog
        .prices_in(CloudProvider::Aws, "eu-central-1")
        .into_iter()
        .map(|(_, p)| p)
        .filter(|p| p.id.starts_with("team-ec2-"))
        .collect();
    // The team's rows replace the built-in Frankfurt rows for the same SKUs.
    let mut ids: Vec<&str> = frankfurt.iter().map(|p| p.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(
        ids,
        [
            "team-ec2-m7g-large-eu-central-1",
            "team-ec2-m7i-large-eu-central-1"
        ]
    );
    let m7g = frankfurt.iter().find(|p| p.sku == "m7g.large").unwrap();
    // 0.0952 USD an hour is exactly 95,200,000 nano-dollars.
    assert_eq!(m7g.price_nanos(), 95_200_000);
    assert_eq!(m7g.attributes.arch.as_deref(), Some("arm64"));
    assert_eq!(m7g.attributes.os.as_deref(), Some("linux"));
    assert!(
        catalog
            .prices_in(CloudProvider::Aws, "us-east-1")
            .iter()
            .all(|(_, p)| !p.id.starts_with("team-ec2-"))
    );
    assert!(
        catalog
            .price_regions(CloudProvider::Aws)
            .contains(&"eu-central-1".to_owned())
    );
}

#[test]
fn a_missing_price_names_the_nearest_regions_that_have_it() {
    // AWS lists no c7a in London; Dublin and Frankfurt are the nearest
    // regions whose tables have it.
    let catalog = Catalog::load(None).unwrap();
    let london = infraplan::engine::cost::pricebook::PriceBook::new(
        &catalog,
        CloudProvider::Aws,
        "eu-west-2",
    );
    let message = london.find_in("EC2", "c7a.large").unwrap_err();
    assert!(
        message.contains("no EC2 `c7a.large` price in eu-west-2")
            && message.contains("the nearest regions that have it are eu-west-1, eu-central-1"),
        "{message}"
    );
    // A team table for London fills the gap.
    let table = FRANKFURT_TABLE
        .replace("region: eu-central-1", "region: eu-west-2")
        .replace(
            "[m7i.large, 0.1212, 2, 8, general_purpose, ~]",
            "[c7a.large, 0.12, 2, 4, compute_optimized, ~]",
        );
    let dir = table_catalog("eu-west-2", &table);
    let root = Utf8Path::from_path(dir.path()).unwrap();
    let catalog = Catalog::load(Some(root)).unwrap();
    let london = infraplan::engine::cost::pricebook::PriceBook::new(
        &catalog,
        CloudProvider::Aws,
        "eu-west-2",
    );
    assert!(london.find_in("EC2", "c7a.large").is_ok());
}

#[test]
fn bad_table_cells_are_each_reported_at_the_cell() {
    let bad = FRANKFURT_TABLE
        .replace("region: eu-central-1", "region: eu-west-1")
        .replace("[m7i.large, 0.1212, 2,", "[m7i.large, cheap, two,")
        .replace(
            "[m7g.large, 0.0952, 2, 8, general_purpose, arm64]",
            "[m7g.large, 0.0952, 2]",
        );
    let dir = table_catalog("eu-central-1", &bad);
    let root = Utf8Path::from_path(dir.path()).unwrap();
    let (_, problems) = lint::check(Some(root)).unwrap();
    let found: Vec<(String, &str)> = problems
        .iter()
        .filter(|(file, _, _)| file.ends_with("team-ec2.yaml"))
        .map(|(_, text, f)| {
            (
                f.message.clone(),
                &text[f.label.span.offset..f.label.span.offset + f.label.span.len],
            )
        })
        .collect();
    let messages: Vec<&str> = found.iter().map(|(m, _)| m.as_str()).collect();
    assert!(
        messages.contains(&"row 1: expected a price, found `cheap`")
            && messages.contains(&"row 1: expected a whole number of vCPUs, found `two`")
            && messages.contains(&"row 2: the row has 3 cells for 6 columns")
            && messages
                .contains(&"region `eu-west-1` in a file under the `eu-central-1` directory"),
        "{found:#?}"
    );
    let cheap = found.iter().find(|(m, _)| m.contains("cheap")).unwrap();
    assert_eq!(cheap.1, "cheap");
}

#[test]
fn two_prices_for_the_same_thing_are_refused() {
    let twice = FRANKFURT_TABLE.replace(
        "    - [m7g.large, 0.0952, 2, 8, general_purpose, arm64]\n",
        "    - [m7g.large, 0.0952, 2, 8, general_purpose, arm64]\n    - [m7g.large, 0.0953, 2, 8, general_purpose, arm64]\n",
    );
    let dir = table_catalog("eu-central-1", &twice);
    let root = Utf8Path::from_path(dir.path()).unwrap();
    let (_, problems) = lint::check(Some(root)).unwrap();
    let codes: Vec<String> = problems
        .iter()
        .map(|(_, _, f)| format!("{}: {}", f.code, f.message))
        .collect();
    assert!(
        codes.contains(
            &"duplicate-id: price `team-ec2-m7g-large-eu-central-1` is defined twice".to_owned()
        ) && codes.contains(
            &"duplicate-price: EC2 `m7g.large` in eu-central-1 (hour) has two prices".to_owned()
        ),
        "{codes:#?}"
    );
}

/// A broken or negative `--catalog` price file stops every command that
/// loads the catalog (exit 2, naming the file and the problem) instead of
/// being skipped for the built-in price or priced below zero.
#[test]
fn a_broken_or_negative_override_price_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("catalog/pricing/aws");
    std::fs::create_dir_all(&catalog).unwrap();
    std::fs::write(
        dir.path().join("plan.yaml"),
        "version: 1\nname: t\nproviders: { primary: aws }\ncomponents:\n  - { id: vm, type: compute, compute: { instanceType: m6i.large, count: 1 } }\n",
    )
    .unwrap();
    let run = |args: &[&str]| super::harness::run(dir.path(), args);
    let negative = "prices:\n  - { id: aws-ec2-m6i-large-us-east-1, provider: aws, service: EC2, sku: m6i.large, region: us-east-1, unit: hour, price: -0.2, currency: USD, attributes: { vcpu: 2, memoryGiB: 8 }, source: test, asOf: \"2026-01-01\", confidence: low }\n";
    for (name, text, problem) in [
        ("negative.yaml", negative, "a list price cannot be negative"),
        ("broken.yaml", "prices: [garbage\n", "unclosed bracket"),
        (
            "word.yaml",
            "prices:\n  - { id: x, provider: aws, service: EC2, sku: m6i.large, region: us-east-1, unit: hour, price: cheap, currency: USD, source: test, asOf: \"2026-01-01\", confidence: low }\n",
            "price",
        ),
    ] {
        std::fs::write(catalog.join(name), text).unwrap();
        for command in [
            &[
                "cost",
                "estimate",
                "--plan",
                "plan.yaml",
                "--catalog",
                "catalog",
            ][..],
            &[
                "cost",
                "compare",
                "--plan",
                "plan.yaml",
                "--catalog",
                "catalog",
            ][..],
        ] {
            let out = run(command);
            assert_eq!(out.status.code(), Some(2), "{name} {command:?}");
            let err = super::harness::stderr(&out);
            assert!(err.contains(name) && err.contains(problem), "{name}: {err}");
            assert!(super::harness::stdout(&out).is_empty());
        }
        std::fs::remove_file(catalog.join(name)).unwrap();
    }
}
