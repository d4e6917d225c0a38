//! `infraplan catalog check`: every problem in the catalog's data files, not
//! just the first. Beyond the schema, it checks what the schema cannot: ids
//! unique within a file set, the entry's type agrees with its file, every
//! entry cites a source, and every technology of the specification exists.

use std::collections::BTreeMap;

use super::{Catalog, CatalogError, CatalogFile};
use crate::diag::{Code, Finding};
use crate::yaml::{self, Span, Value};
use camino::Utf8Path;

/// The specification's `DatabaseTechnology` list; the built-in catalog must
/// describe each of them.
pub const SPEC_TECHNOLOGIES: &[&str] = &[
    "postgresql",
    "mysql",
    "mariadb",
    "sql_server",
    "oracle",
    "mongodb",
    "cosmosdb",
    "dynamodb",
    "firestore",
    "couchdb",
    "redis",
    "memcached",
    "etcd",
    "neo4j",
    "neptune",
    "cosmosdb_gremlin",
    "arangodb",
    "influxdb",
    "timescaledb",
    "prometheus",
    "questdb",
    "elasticsearch",
    "opensearch",
    "solr",
    "meilisearch",
    "snowflake",
    "bigquery",
    "redshift",
    "synapse",
    "databricks",
    "pinecone",
    "weaviate",
    "milvus",
    "qdrant",
    "pgvector",
];

/// A catalog problem: the file it is in and the finding.
pub type Problem = (String, String, Finding);

pub use super::price_lint::stale_prices;

/// Loads the catalog (with `overrides`) and returns every problem as
/// (file display name, file text, finding).
pub fn check(overrides: Option<&Utf8Path>) -> Result<(Catalog, Vec<Problem>), CatalogError> {
    let (catalog, problems) = Catalog::load_with_findings(overrides)?;
    let mut out: Vec<Problem> = problems
        .into_iter()
        .map(|(index, finding)| {
            let file = &catalog.files[index];
            (file.display_name(), file.text.clone(), finding)
        })
        .collect();
    out.extend(super::price_lint::check_prices(&catalog));
    for file in &catalog.files {
        if file.path.starts_with("databases/") && super::is_yaml(&file.path) {
            for finding in check_database_file(file) {
                out.push((file.display_name(), file.text.clone(), finding));
            }
        }
        if file.path.starts_with("matrices/") && super::is_yaml(&file.path) {
            for finding in super::matrix_lint::check_file(&file.path, &file.text) {
                out.push((file.display_name(), file.text.clone(), finding));
            }
        }
    }
    for missing in super::matrix_lint::REQUIRED
        .iter()
        .filter(|id| catalog.matrix(id).is_none())
    {
        let finding = Finding::new(
            Code::UnknownMatrix,
            format!("the catalog has no selection matrix `{missing}`"),
            Span::default(),
            "missing",
        )
        .with_help(format!("add catalog/matrices/{missing}.yaml"));
        out.push(("catalog/matrices".to_owned(), String::new(), finding));
    }
    for missing in SPEC_TECHNOLOGIES
        .iter()
        .filter(|id| catalog.database(id).is_none())
    {
        let finding = Finding::new(
            Code::UnknownTechnology,
            format!("the catalog has no entry for the specification's technology `{missing}`"),
            Span::default(),
            "missing",
        )
        .with_help("add it to a file under catalog/databases/");
        out.push(("catalog/databases".to_owned(), String::new(), finding));
    }
    Ok((catalog, out))
}

/// Checks one databases file: unique ids, type equals file stem, sources.
fn check_database_file(file: &CatalogFile) -> Vec<Finding> {
    let Ok(tree) = yaml::parse(&file.text) else {
        return Vec::new();
    };
    let stem = file
        .path
        .trim_start_matches("databases/")
        .trim_end_matches(".yaml");
    let mut findings = Vec::new();
    let mut seen: BTreeMap<String, Span> = BTreeMap::new();
    let Some(Value::Seq(items)) = tree.get("technologies").map(|e| &e.value.value) else {
        return findings;
    };
    for item in items {
        if let Some(id) = item.get("id")
            && let Value::Str(text) = &id.value.value
            && let Some(first) = seen.insert(text.clone(), id.value.span)
        {
            let (line, _) =
                crate::diag::LineIndex::new(&file.text).position(&file.text, first.offset);
            findings.push(
                Finding::new(
                    Code::DuplicateId,
                    format!("technology `{text}` is defined twice"),
                    id.value.span,
                    "second definition",
                )
                .with_help(format!("the first is on line {line}; remove one")),
            );
        }
        if let Some(kind) = item.get("type")
            && let Value::Str(text) = &kind.value.value
            && text != stem
        {
            findings.push(
                Finding::new(
                    Code::TechnologyTypeMismatch,
                    format!("type `{text}` in a file of `{stem}` technologies"),
                    kind.value.span,
                    "does not match the file",
                )
                .with_help(format!("move the entry to databases/{text}.yaml")),
            );
        }
        if let Some(sources) = item.get("sources")
            && matches!(&sources.value.value, Value::Seq(list) if list.is_empty())
        {
            findings.push(
                Finding::new(
                    Code::MissingKey,
                    "every catalog entry must cite at least one source",
                    sources.key_span,
                    "no sources",
                )
                .with_help("add the URL or document the facts come from"),
            );
        }
    }
    findings
}
