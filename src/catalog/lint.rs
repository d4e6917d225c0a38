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
    let mut price_ids = BTreeMap::new();
    for file in &catalog.files {
        if file.path.starts_with("pricing/") && super::is_yaml(&file.path) {
            for finding in check_pricing_file(file, &mut price_ids) {
                out.push((file.display_name(), file.text.clone(), finding));
            }
        }
        if file.path.starts_with("databases/") && super::is_yaml(&file.path) {
            for finding in check_database_file(file) {
                out.push((file.display_name(), file.text.clone(), finding));
            }
        }
        if file.path.starts_with("matrices/") && super::is_yaml(&file.path) {
            for finding in crate::engine::matrix::lint::check_file(&file.path, &file.text) {
                out.push((file.display_name(), file.text.clone(), finding));
            }
        }
    }
    for missing in crate::engine::matrix::lint::REQUIRED
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

/// Checks one pricing file: ids unique across the built-in files (and,
/// separately, across override files, which may replace a built-in id),
/// provider equal to the directory, prices non-negative with at most six
/// decimals, `asOf` a real ISO date, and a non-empty source.
fn check_pricing_file(
    file: &CatalogFile,
    seen: &mut BTreeMap<(bool, String), String>,
) -> Vec<Finding> {
    let Ok(tree) = yaml::parse(&file.text) else {
        return Vec::new();
    };
    let mut findings = Vec::new();
    let directory = file
        .path
        .trim_start_matches("pricing/")
        .split_once('/')
        .map(|(dir, _)| dir);
    if directory.is_none() {
        findings.push(
            Finding::new(
                Code::InvalidValue,
                format!(
                    "pricing file `{}` is not in a provider directory",
                    file.path
                ),
                Span::default(),
                "here",
            )
            .with_help("move it to pricing/<aws|azure|gcp>/<service>.yaml"),
        );
    }
    let Some(Value::Seq(items)) = tree.get("prices").map(|e| &e.value.value) else {
        return findings;
    };
    let builtin = file.origin == super::Origin::Builtin;
    for item in items {
        if let Some(id) = item.get("id")
            && let Value::Str(text) = &id.value.value
            && let Some(first) = seen.insert((builtin, text.clone()), file.display_name())
        {
            findings.push(
                Finding::new(
                    Code::DuplicateId,
                    format!("price `{text}` is defined twice"),
                    id.value.span,
                    "second definition",
                )
                .with_help(format!("it is also defined in {first}; remove one")),
            );
        }
        if let (Some(dir), Some(provider)) = (directory, item.get("provider"))
            && let Value::Str(text) = &provider.value.value
            && text != dir
        {
            findings.push(
                Finding::new(
                    Code::InvalidValue,
                    format!("provider `{text}` in a file under pricing/{dir}/"),
                    provider.value.span,
                    "does not match the directory",
                )
                .with_help(format!("move the entry to pricing/{text}/")),
            );
        }
        if let Some(price) = item.get("price") {
            let value = match &price.value.value {
                Value::Int(i) => Some(super::pricing::Price::from_nanos(
                    i.saturating_mul(super::pricing::NANOS_PER_UNIT),
                )),
                Value::Float(f) => match super::pricing::Price::from_f64(*f) {
                    Ok(p) => Some(p),
                    Err(error) => {
                        findings.push(
                            Finding::new(
                                Code::InvalidQuantity,
                                error.to_string(),
                                price.value.span,
                                "too precise",
                            )
                            .with_help("catalog prices are exact to the nano-dollar (9 decimals)"),
                        );
                        None
                    }
                },
                _ => None,
            };
            if value.is_some_and(|p| p.nanos() < 0) {
                findings.push(
                    Finding::new(
                        Code::OutOfRange,
                        "a list price cannot be negative",
                        price.value.span,
                        "negative",
                    )
                    .with_help("record credits and free tiers in a `note`, not as a price"),
                );
            }
        }
        if let Some(as_of) = item.get("asOf") {
            let text = as_of.value.value.scalar_text().unwrap_or_default();
            if crate::plan::quantity::parse_date(&text).is_err() {
                findings.push(
                    Finding::new(
                        Code::InvalidQuantity,
                        format!("`asOf` `{text}` is not a date"),
                        as_of.value.span,
                        "not YYYY-MM-DD",
                    )
                    .with_help(
                        "use the date the source states; if it states none, the reference's \
                         retrieval date, and say so in `note`",
                    ),
                );
            }
        }
        if let Some(source) = item.get("source")
            && matches!(&source.value.value, Value::Str(text) if text.trim().is_empty())
        {
            findings.push(
                Finding::new(
                    Code::MissingKey,
                    "every price must cite its source",
                    source.value.span,
                    "empty source",
                )
                .with_help("name the price sheet row, API or page the price comes from"),
            );
        }
    }
    findings
}
