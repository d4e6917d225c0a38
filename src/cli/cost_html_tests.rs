//! Unit tests of the HTML cost report.

use super::*;
use infraplan::catalog::pricing::{Confidence, Price};
use infraplan::engine::cost::quantity::Quantity;
use infraplan::engine::cost::{
    Bucket, CostOptimization, EnvironmentCost, Level, PriceBasis, Savings, Total, UsageLine,
};
use infraplan::plan::CloudProvider;

fn entry(component: &str, environment: &str, category: &str, cents: i64) -> CostBreakdown {
    CostBreakdown {
        component: component.to_owned(),
        name: component.to_owned(),
        environment: environment.to_owned(),
        category: category.to_owned(),
        service: "Amazon RDS".to_owned(),
        provider: CloudProvider::Aws,
        region: "eu-west-1".to_owned(),
        tier: "db.m7g.large".to_owned(),
        monthly_cost: Money::from_cents(cents),
        percentage_of_total: 50.0,
        usage: vec![UsageLine {
            metric: "instance hours".to_owned(),
            quantity: Quantity::whole(730),
            unit: "hour".to_owned(),
            unit_price: Price::from_nanos(168_000_000),
            monthly_cost: Money::from_cents(cents),
            bucket: Bucket::Compute,
            commitment: None,
            sustained_use: None,
            price_id: "aws-rds-m7g".to_owned(),
            confidence: Confidence::High,
            as_of: "2025-06-01".to_owned(),
        }],
        notes: vec!["picked the smallest SKU".to_owned()],
    }
}

fn report(breakdown: Vec<CostBreakdown>) -> CostEstimate {
    let total = Money::from_cents(breakdown.iter().map(|b| b.monthly_cost.cents()).sum());
    let environment = |name: &str| EnvironmentCost {
        name: name.to_owned(),
        scale: 1.0,
        hours_per_month: 730,
        monthly_cost: Money::from_cents(
            breakdown
                .iter()
                .filter(|b| b.environment == name)
                .map(|b| b.monthly_cost.cents())
                .sum(),
        ),
        percentage_of_total: 50.0,
    };
    CostEstimate {
        plan: "shop & co".to_owned(),
        total: Total::monthly(total, "USD"),
        environments: vec![environment("production"), environment("staging")],
        optimizations: vec![CostOptimization {
            id: "commit-1y".to_owned(),
            name: "Commit for a year".to_owned(),
            description: "Reserve the database.".to_owned(),
            estimated_savings: Savings {
                monthly: Money::from_cents(1_000),
                percentage: 10.0,
            },
            effort: Level::Low,
            risk: Level::Medium,
            actions: vec!["Buy a reservation".to_owned()],
            tradeoffs: vec!["Locked in for a year".to_owned()],
        }],
        breakdown,
        drivers: Vec::new(),
        unpriced: Vec::new(),
        confidence: Confidence::Medium,
        assumptions: vec!["730 hours a month".to_owned()],
        prices: PriceBasis::default(),
    }
}

fn sample() -> CostEstimate {
    report(vec![
        entry(
            "<script>alert(1)</script>",
            "production",
            "database",
            12_264,
        ),
        entry("web", "production", "container_cluster", 50_000),
        entry("web", "staging", "container_cluster", 25_000),
    ])
}

#[test]
fn page_has_the_three_charts_and_the_table() {
    let page = estimate_page(&sample());
    assert_eq!(page.matches("<svg role=\"img\" aria-label=").count(), 3);
    assert!(page.contains("<table class=\"sortable\">"));
    assert!(page.contains("Commit for a year"));
    // Category sums are exact cents: 500.00 + 250.00.
    assert!(page.contains("container_cluster: 750.00 USD/month (85.9%)"));
    assert!(page.starts_with("<!DOCTYPE html>") && page.ends_with("</html>\n"));
}

#[test]
fn report_text_is_escaped() {
    let page = estimate_page(&sample());
    assert!(!page.contains("<script>alert"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("shop &amp; co"));
    assert_eq!(escape("a&<>\"'"), "a&amp;&lt;&gt;&quot;&#39;");
}

#[test]
fn page_references_nothing_online() {
    let page = estimate_page(&sample());
    assert!(!page.contains("http://") && !page.contains("https://"));
    assert!(!page.contains(" src=") && !page.contains("<link"));
}

#[test]
fn one_category_is_a_full_circle() {
    let page = estimate_page(&report(vec![entry("db", "production", "database", 100)]));
    assert!(page.contains("<circle cx=\"110\" cy=\"110\" r=\"100\""));
    assert!(!page.contains("<path"));
}

#[test]
fn many_categories_cycle_the_palette() {
    let many = (0..9)
        .map(|i| entry("c", "production", &format!("cat{i}"), 100 + i))
        .collect();
    let page = estimate_page(&report(many));
    let fills: Vec<&str> = (page.split("<path").skip(1))
        .map(|path| {
            path.split("fill=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
        })
        .collect();
    // Slices run from the most expensive (cat8) down; the eighth reuses the first colour.
    let expected: Vec<&str> = (0..9).map(|i| PALETTE[i % PALETTE.len()]).collect();
    assert_eq!(fills, expected);
}

#[test]
fn zero_total_has_no_charts() {
    let page = estimate_page(&report(Vec::new()));
    assert!(!page.contains("<svg"));
    assert!(page.contains("nothing to chart"));
}

#[test]
fn renders_are_byte_identical() {
    assert_eq!(estimate_page(&sample()), estimate_page(&sample()));
}
