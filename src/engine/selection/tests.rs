#![allow(clippy::float_cmp)] // scores are rounded to three places, compared exactly on purpose

//! The scorer agrees with the vendor decision guides on common cases (the
//! guides each catalog entry cites), and its arithmetic is checked by hand.

use super::*;
use crate::catalog::Catalog;

fn criteria(yaml: &str) -> DatabaseSelectionCriteria {
    serde_saphyr::from_str(yaml).expect("test criteria parse")
}

fn top(yaml: &str, provider: CloudProvider, n: usize) -> Vec<String> {
    let catalog = Catalog::load(None).unwrap();
    recommend(&criteria(yaml), &catalog, provider)
        .unwrap()
        .into_iter()
        .take(n)
        .map(|r| r.technology)
        .collect()
}

fn assert_top_in(yaml: &str, provider: CloudProvider, n: usize, allowed: &[&str]) {
    let ranked = top(yaml, provider, n);
    for tech in &ranked {
        assert!(
            allowed.contains(&tech.as_str()),
            "top {n} {ranked:?} should all be in {allowed:?}"
        );
    }
}

#[test]
fn highly_connected_traversals_choose_a_graph_database() {
    let yaml =
        "dataModel: { type: graph, relationships: highly_connected, schemaFlexibility: flexible }
queryPatterns: { readHeavy: true, graphTraversals: true }
scale: { dataSize: large, readThroughput: 3000, writeThroughput: 300, concurrentConnections: 200 }
performance: { readLatency: low, writeLatency: medium, consistency: strong }";
    assert_top_in(
        yaml,
        CloudProvider::Aws,
        2,
        &["neo4j", "neptune", "arangodb", "cosmosdb_gremlin"],
    );
}

#[test]
fn high_ingest_time_range_metrics_choose_a_time_series_database() {
    let yaml = "dataModel: { type: time_series, relationships: none, schemaFlexibility: flexible }
queryPatterns: { writeHeavy: true, aggregations: true, timeRangeQueries: true }
scale: { dataSize: large, readThroughput: 200, writeThroughput: 50000, concurrentConnections: 100 }
performance: { readLatency: medium, writeLatency: low, consistency: eventual }";
    assert_top_in(
        yaml,
        CloudProvider::Aws,
        2,
        &["influxdb", "timescaledb", "questdb", "prometheus"],
    );
}

#[test]
fn ultra_low_latency_ephemeral_key_value_chooses_redis() {
    let yaml = "dataModel: { type: semi_structured, relationships: none, schemaFlexibility: schemaless }
queryPatterns: { readHeavy: true }
scale: { dataSize: small, readThroughput: 100000, writeThroughput: 20000, concurrentConnections: 2000 }
performance: { readLatency: ultra_low, writeLatency: ultra_low, consistency: eventual }
operational: { managedPreferred: true, highAvailability: true }";
    assert_eq!(top(yaml, CloudProvider::Azure, 1), vec!["redis"]);
}

#[test]
fn full_text_product_search_chooses_a_search_engine() {
    let yaml =
        "dataModel: { type: semi_structured, relationships: simple, schemaFlexibility: flexible }
queryPatterns: { readHeavy: true, fullTextSearch: true, aggregations: true }
scale: { dataSize: medium, readThroughput: 2000, writeThroughput: 100, concurrentConnections: 300 }
performance: { readLatency: low, writeLatency: medium, consistency: eventual }
operational: { managedPreferred: true }";
    assert_top_in(
        yaml,
        CloudProvider::Aws,
        2,
        &["elasticsearch", "opensearch"],
    );
}

#[test]
fn relational_oltp_with_strong_consistency_chooses_postgresql_or_mysql() {
    let yaml = "dataModel: { type: structured, relationships: complex, schemaFlexibility: rigid }
queryPatterns: { readHeavy: true, complexQueries: true, aggregations: true }
scale: { dataSize: medium, readThroughput: 2000, writeThroughput: 300, concurrentConnections: 400 }
performance: { readLatency: low, writeLatency: low, consistency: strong }
operational: { managedPreferred: true, highAvailability: true }
budget: { monthlyBudget: 1500, optimizeFor: balanced }";
    for provider in CloudProvider::ALL {
        assert_top_in(yaml, provider, 1, &["postgresql", "mysql"]);
    }
}

#[test]
fn massive_analytical_scans_choose_a_warehouse() {
    let yaml = "dataModel: { type: structured, relationships: simple, schemaFlexibility: rigid }
queryPatterns: { readHeavy: true, complexQueries: true, aggregations: true }
scale: { dataSize: massive, readThroughput: 50, writeThroughput: 10, concurrentConnections: 50 }
performance: { readLatency: high, writeLatency: high, consistency: eventual }
operational: { managedPreferred: true }";
    assert_top_in(
        yaml,
        CloudProvider::Gcp,
        2,
        &["bigquery", "snowflake", "databricks", "redshift", "synapse"],
    );
}

#[test]
fn embedding_similarity_chooses_a_vector_store() {
    let yaml =
        "dataModel: { type: semi_structured, relationships: none, schemaFlexibility: flexible }
queryPatterns: { readHeavy: true, vectorSearch: true }
scale: { dataSize: medium, readThroughput: 500, writeThroughput: 50, concurrentConnections: 100 }
performance: { readLatency: medium, writeLatency: medium, consistency: eventual }";
    assert_top_in(
        yaml,
        CloudProvider::Aws,
        2,
        &["pinecone", "weaviate", "milvus", "qdrant", "pgvector"],
    );
}

#[test]
fn global_multi_region_documents_choose_the_providers_native_service() {
    let yaml = "dataModel: { type: semi_structured, relationships: simple, schemaFlexibility: flexible }
queryPatterns: { readHeavy: true, writeHeavy: true }
scale: { dataSize: large, readThroughput: 20000, writeThroughput: 8000, concurrentConnections: 5000 }
performance: { readLatency: low, writeLatency: low, consistency: eventual }
operational: { managedPreferred: true, multiRegion: true, highAvailability: true, autoScaling: true }";
    assert_eq!(top(yaml, CloudProvider::Azure, 1), vec!["cosmosdb"]);
    assert_eq!(top(yaml, CloudProvider::Aws, 1), vec!["dynamodb"]);
}

#[test]
fn scores_are_weighted_means_checked_by_hand() {
    // Only dataModel applies besides portability and licence (licence weighs 0
    // when balanced): dataModel 3 and portability 0.5.
    let yaml = "dataModel: { type: structured, relationships: complex, schemaFlexibility: rigid }";
    let catalog = Catalog::load(None).unwrap();
    let ranked = recommend(&criteria(yaml), &catalog, CloudProvider::Aws).unwrap();
    let postgres = ranked
        .iter()
        .find(|r| r.technology == "postgresql")
        .unwrap();
    // structured ✓ (3×1), complex ✓ (2×1), rigid ✓ (1×1), portability low lock-in (0.5×1)
    assert_eq!(postgres.score, 1.0);
    let dynamo = ranked.iter().find(|r| r.technology == "dynamodb").unwrap();
    let manual: f64 = dynamo
        .contributions
        .iter()
        .map(|c| c.weight * c.fit)
        .sum::<f64>()
        / dynamo.contributions.iter().map(|c| c.weight).sum::<f64>();
    assert_eq!(dynamo.score, (manual * 1000.0).round() / 1000.0);
    let points: f64 = dynamo.contributions.iter().map(|c| c.points).sum();
    assert!(
        (points - dynamo.score).abs() < 0.01,
        "points add up to the score"
    );
}

#[test]
fn managed_preference_penalises_technologies_without_a_managed_service() {
    let yaml = "dataModel: { type: structured, relationships: complex, schemaFlexibility: rigid }
operational: { managedPreferred: true }";
    let catalog = Catalog::load(None).unwrap();
    let ranked = recommend(&criteria(yaml), &catalog, CloudProvider::Gcp).unwrap();
    let mariadb = ranked.iter().find(|r| r.technology == "mariadb").unwrap();
    assert!(
        mariadb
            .concerns
            .iter()
            .any(|c| c == "no managed service on gcp"),
        "{:?}",
        mariadb.concerns
    );
    let mysql = ranked.iter().find(|r| r.technology == "mysql").unwrap();
    assert!(mysql.score > mariadb.score);
}

#[test]
fn ranking_is_deterministic_and_ties_break_by_id() {
    let yaml = "dataModel: { type: structured, relationships: none, schemaFlexibility: rigid }";
    let catalog = Catalog::load(None).unwrap();
    let first = recommend(&criteria(yaml), &catalog, CloudProvider::Aws).unwrap();
    let second = recommend(&criteria(yaml), &catalog, CloudProvider::Aws).unwrap();
    assert_eq!(first, second);
    for pair in first.windows(2) {
        assert!(
            pair[0].score > pair[1].score
                || (pair[0].score == pair[1].score && pair[0].technology < pair[1].technology)
        );
    }
}

#[test]
fn empty_criteria_are_refused() {
    let catalog = Catalog::load(None).unwrap();
    let error = recommend(
        &DatabaseSelectionCriteria::default(),
        &catalog,
        CloudProvider::Aws,
    );
    assert_eq!(error.unwrap_err(), SelectionError::NoCriteria);
}
