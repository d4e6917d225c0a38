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
