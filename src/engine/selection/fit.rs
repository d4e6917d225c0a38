//! How well one technology fits one criterion: a number in [0, 1] and a note
//! that says why, built from the catalog's capabilities and the request.
//! Reasons and concerns in reports are these notes, never canned prose.

use crate::catalog::DatabaseTechnology;
use crate::catalog::database::{Adoption, License, LockIn, Support, WriteScaling};
use crate::catalog::selection::Criterion;
use crate::plan::CloudProvider;
use crate::plan::database::{
    Consistency, DataModelType, DataSize, DatabaseSelectionCriteria, DatabaseType, LatencyClass,
    Relationships, SchemaFlexibility,
};

/// Writes per second at which horizontal write scaling starts to matter.
pub const HIGH_WRITE_RATE: f64 = 5_000.0;

/// A criterion's fit for one technology.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    /// 0 (fails the criterion) to 1 (meets it fully).
    pub value: f64,
    /// Why, in a few words.
    pub note: String,
    /// Where a graded fit comes from; `None` when it follows from the
    /// catalog's capabilities and the request.
    pub source: Option<String>,
}

#[allow(clippy::unnecessary_wraps)] // every `assess` arm returns through it
fn fit(value: f64, note: impl Into<String>) -> Option<Fit> {
    Some(Fit {
        value,
        note: note.into(),
        source: None,
    })
}

/// Which criteria apply to a request: the ones its fields ask about.
pub fn applicable(criteria: &DatabaseSelectionCriteria) -> Vec<Criterion> {
    let mut out = Vec::new();
    if criteria.data_model.is_some() {
        out.extend([
            Criterion::DataModel,
            Criterion::Relationships,
            Criterion::SchemaFlexibility,
        ]);
    }
    let patterns = criteria.query_patterns.clone().unwrap_or_default();
    let flags = [
        (patterns.complex_queries, Criterion::ComplexQueries),
        (patterns.full_text_search, Criterion::FullTextSearch),
        (patterns.aggregations, Criterion::Aggregations),
        (patterns.real_time_analytics, Criterion::RealTimeAnalytics),
        (patterns.graph_traversals, Criterion::GraphTraversals),
        (patterns.time_range_queries, Criterion::TimeRangeQueries),
        (patterns.vector_search, Criterion::VectorSearch),
    ];
    out.extend(flags.into_iter().filter(|(on, _)| *on).map(|(_, c)| c));
    let heavy_writes = patterns.write_heavy
        || criteria
            .scale
            .as_ref()
            .is_some_and(|s| s.write_throughput >= HIGH_WRITE_RATE);
    if heavy_writes {
        out.push(Criterion::WriteScaling);
    }
    if criteria.scale.is_some() {
        out.push(Criterion::DataSize);
    }
    if let Some(performance) = &criteria.performance {
        out.extend([
            Criterion::ReadLatency,
            Criterion::WriteLatency,
            Criterion::Consistency,
        ]);
        let related = criteria.data_model.as_ref().is_some_and(|m| {
            matches!(
                m.relationships,
                Relationships::Complex | Relationships::HighlyConnected
            )
        });
        if performance.consistency == Consistency::Strong && (related || patterns.complex_queries) {
            out.push(Criterion::Transactions);
        }
    }
    let operational = criteria.operational.clone().unwrap_or_default();
    let wanted = [
        (operational.managed_preferred, Criterion::Managed),
        (operational.multi_region, Criterion::MultiRegion),
        (operational.high_availability, Criterion::HighAvailability),
        (operational.auto_scaling, Criterion::AutoScaling),
    ];
    out.extend(wanted.into_iter().filter(|(on, _)| *on).map(|(_, c)| c));
    if criteria.data_model.is_some() || criteria.query_patterns.is_some() {
        out.push(Criterion::PurposeBuilt);
    }
    out.extend([
        Criterion::Portability,
        Criterion::Ecosystem,
        Criterion::Licence,
    ]);
    out
}

/// General-purpose families, suited when no specialised workload dominates.
pub const GENERAL_PURPOSE: [DatabaseType; 3] = [
    DatabaseType::Relational,
    DatabaseType::Document,
    DatabaseType::KeyValue,
];

/// The database families built for the request's dominant workloads, as the
/// vendor decision guides route them (graph traversals to graph databases,
/// time-range metrics to time-series databases, …); the general-purpose
/// families when no specialised workload dominates.
pub fn purpose(criteria: &DatabaseSelectionCriteria) -> Vec<DatabaseType> {
    let specialised = specialised_purpose(criteria);
    if specialised.is_empty() {
        GENERAL_PURPOSE.to_vec()
    } else {
        specialised
    }
}

fn specialised_purpose(criteria: &DatabaseSelectionCriteria) -> Vec<DatabaseType> {
    let patterns = criteria.query_patterns.clone().unwrap_or_default();
    let model = criteria.data_model.as_ref();
    let mut families = Vec::new();
    let graph = patterns.graph_traversals
        || model.is_some_and(|m| {
            m.kind == DataModelType::Graph || m.relationships == Relationships::HighlyConnected
        });
    if graph {
        families.push(DatabaseType::Graph);
    }
    if model.is_some_and(|m| m.kind == DataModelType::TimeSeries)
        || (patterns.time_range_queries && patterns.write_heavy)
    {
        families.push(DatabaseType::TimeSeries);
    }
    if patterns.full_text_search {
        families.push(DatabaseType::Search);
    }
    if patterns.vector_search {
        families.push(DatabaseType::Vector);
    }
    let analytical_scale = criteria
        .scale
        .as_ref()
        .is_some_and(|s| s.data_size == DataSize::Massive);
    let relaxed_latency = criteria
        .performance
        .as_ref()
        .is_some_and(|p| p.read_latency >= LatencyClass::Medium);
    if analytical_scale && relaxed_latency && patterns.aggregations {
        families.push(DatabaseType::DataWarehouse);
    }
    families
}

/// The fit of `tech` on `criterion` for this request; `None` when the request
/// lacks the field the criterion reads.
pub fn assess(
    criterion: Criterion,
    criteria: &DatabaseSelectionCriteria,
    tech: &DatabaseTechnology,
    provider: CloudProvider,
) -> Option<Fit> {
    let derived = derive(criterion, criteria, tech, provider)?;
    // A graded fit refines the capability's; it never makes a criterion
    // the request does not ask about apply.
    Some(match tech.grades.get(&criterion) {
        Some(grade) => Fit {
            value: grade.fit,
            note: grade.note.clone(),
            source: Some(grade.source.clone()),
        },
        None => derived,
    })
}

/// The fit the catalog's capabilities give.
fn derive(
    criterion: Criterion,
    criteria: &DatabaseSelectionCriteria,
    tech: &DatabaseTechnology,
    provider: CloudProvider,
) -> Option<Fit> {
    let caps = &tech.capabilities;
    match criterion {
        Criterion::DataModel => {
            let wanted = criteria.data_model.as_ref()?.kind;
            if caps.data_models.contains(&wanted) {
                fit(1.0, format!("stores {} data", data_model_word(wanted)))
            } else {
                fit(
                    0.0,
                    format!("not built for {} data", data_model_word(wanted)),
                )
            }
        }
        Criterion::Relationships => {
            relationships(criteria.data_model.as_ref()?.relationships, tech)
        }
        Criterion::SchemaFlexibility => {
            let wanted = criteria.data_model.as_ref()?.schema_flexibility;
            if caps.schema_flexibility.contains(&wanted) {
                fit(1.0, format!("supports a {} schema", schema_word(wanted)))
            } else {
                fit(
                    0.3,
                    format!("awkward with a {} schema", schema_word(wanted)),
                )
            }
        }
        Criterion::ComplexQueries => support(caps.complex_queries, "complex queries"),
        Criterion::FullTextSearch => support(caps.full_text_search, "full-text search"),
        Criterion::Aggregations => support(caps.aggregations, "aggregations"),
        Criterion::RealTimeAnalytics => support(caps.real_time_analytics, "real-time analytics"),
        Criterion::GraphTraversals => support(caps.graph_traversals, "graph traversals"),
        Criterion::TimeRangeQueries => support(caps.time_range_queries, "time-range queries"),
        Criterion::VectorSearch => support(caps.vector_search, "vector similarity search"),
        Criterion::WriteScaling => match caps.write_scaling {
            WriteScaling::Horizontal => fit(1.0, "scales writes horizontally"),
            WriteScaling::Vertical => fit(0.3, "writes scale only with a bigger primary"),
        },
        Criterion::DataSize => data_size(criteria.scale.as_ref()?.data_size, caps.scale_ceiling),
        Criterion::ReadLatency => latency(
            "read",
            criteria.performance.as_ref()?.read_latency,
            caps.read_latency,
        ),
        Criterion::WriteLatency => latency(
            "write",
            criteria.performance.as_ref()?.write_latency,
            caps.write_latency,
        ),
        Criterion::Consistency => consistency(criteria.performance.as_ref()?.consistency, tech),
        Criterion::Transactions => support(caps.transactions, "multi-record ACID transactions"),
        Criterion::Managed => match tech.managed_on(provider) {
            Some(service) => fit(1.0, format!("managed on {}: {service}", provider.as_str())),
            None => fit(0.0, format!("no managed service on {}", provider.as_str())),
        },
        Criterion::MultiRegion => support(caps.multi_region, "multi-region replication"),
        Criterion::HighAvailability => match tech.managed_on(provider) {
            Some(_) => fit(
                1.0,
                format!(
                    "highly available as a managed service on {}",
                    provider.as_str()
                ),
            ),
            None => fit(0.5, "high availability must be built and run by the team"),
        },
        Criterion::AutoScaling => support(caps.auto_scaling, "automatic scaling"),
        Criterion::PurposeBuilt => {
            let specialised = specialised_purpose(criteria);
            let kind = tech.kind.as_str();
            if specialised.contains(&tech.kind) {
                fit(1.0, format!("purpose-built {kind} database"))
            } else if !specialised.is_empty() {
                let words: Vec<&str> = specialised.iter().map(|f| f.as_str()).collect();
                fit(
                    0.0,
                    format!(
                        "purpose-built {} databases fit this workload better",
                        words.join("/")
                    ),
                )
            } else if GENERAL_PURPOSE.contains(&tech.kind) {
                fit(1.0, format!("general-purpose {kind} database"))
            } else {
                // Built for another workload: the vendor guides route a
                // general workload to a general-purpose store.
                fit(
                    0.0,
                    format!("specialised for {kind} workloads the criteria do not ask for"),
                )
            }
        }
        Criterion::Ecosystem => match tech.adoption {
            Adoption::Mainstream => fit(1.0, "mainstream: skills and tooling are easy to find"),
            Adoption::Established => fit(0.7, "established in its category"),
            Adoption::Niche => fit(0.4, "smaller community and tooling"),
        },
        Criterion::Portability => match tech.lock_in {
            LockIn::Low => fit(1.0, "portable across providers"),
            LockIn::Medium => fit(0.6, "some provider-specific features"),
            LockIn::High => fit(0.2, "tied to one provider's proprietary API"),
        },
        Criterion::Licence => match tech.license {
            License::OpenSource => fit(1.0, "open-source licence"),
            License::SourceAvailable => fit(0.8, "source-available licence"),
            License::ManagedOnly => fit(0.5, "only sold as a managed service"),
            License::Proprietary => fit(0.2, "commercial licence cost"),
        },
    }
}

fn support(level: Support, what: &str) -> Option<Fit> {
    match level {
        Support::Native => fit(1.0, format!("native {what}")),
        Support::Partial => fit(0.5, format!("limited {what}")),
        Support::None => fit(0.0, format!("no {what}")),
    }
}

fn rank_relationships(r: Relationships) -> i32 {
    match r {
        Relationships::None => 0,
        Relationships::Simple => 1,
        Relationships::Complex => 2,
        Relationships::HighlyConnected => 3,
    }
}

fn relationships(wanted: Relationships, tech: &DatabaseTechnology) -> Option<Fit> {
    let word = relationship_word(wanted);
    let handled = &tech.capabilities.relationships;
    if handled.contains(&wanted) {
        return fit(1.0, format!("handles {word} well"));
    }
    let near = handled
        .iter()
        .any(|h| (rank_relationships(*h) - rank_relationships(wanted)).abs() == 1);
    if near {
        fit(0.3, format!("a weak fit for {word}"))
    } else {
        fit(0.0, format!("not suited to {word}"))
    }
}

fn rank_size(size: DataSize) -> i32 {
    match size {
        DataSize::Small => 0,
        DataSize::Medium => 1,
        DataSize::Large => 2,
        DataSize::Massive => 3,
    }
}

fn data_size(wanted: DataSize, ceiling: DataSize) -> Option<Fit> {
    let gap = rank_size(wanted) - rank_size(ceiling);
    let word = size_word(wanted);
    match gap {
        i32::MIN..=0 => fit(1.0, format!("serves {word} data sets")),
        1 => fit(
            0.3,
            format!(
                "strained by {word} data sets (serves up to {})",
                size_word(ceiling)
            ),
        ),
        _ => fit(
            0.0,
            format!(
                "not built for {word} data sets (serves up to {})",
                size_word(ceiling)
            ),
        ),
    }
}

fn rank_latency(class: LatencyClass) -> i32 {
    match class {
        LatencyClass::UltraLow => 0,
        LatencyClass::Low => 1,
        LatencyClass::Medium => 2,
        LatencyClass::High => 3,
    }
}

fn latency(kind: &str, wanted: LatencyClass, typical: LatencyClass) -> Option<Fit> {
    let gap = rank_latency(typical) - rank_latency(wanted);
    let target = latency_word(wanted);
    match gap {
        i32::MIN..=0 => fit(1.0, format!("{kind} latency meets {target}")),
        1 => fit(
            0.4,
            format!(
                "{kind} latency is typically {}, target {target}",
                latency_word(typical)
            ),
        ),
        _ => fit(
            0.0,
            format!(
                "{kind} latency is typically {}, far from {target}",
                latency_word(typical)
            ),
        ),
    }
}

fn consistency(wanted: Consistency, tech: &DatabaseTechnology) -> Option<Fit> {
    let offered = &tech.capabilities.consistency;
    match wanted {
        Consistency::Strong if offered.contains(&Consistency::Strong) => {
            fit(1.0, "offers strong consistency")
        }
        Consistency::Strong => fit(0.0, "no strong consistency"),
        Consistency::Causal
            if offered.contains(&Consistency::Causal) || offered.contains(&Consistency::Strong) =>
        {
            fit(1.0, "offers causal consistency")
        }
        Consistency::Causal => fit(0.3, "only eventual consistency"),
        Consistency::Eventual => fit(1.0, "eventual consistency is enough"),
    }
}

fn data_model_word(kind: DataModelType) -> &'static str {
    match kind {
        DataModelType::Structured => "structured",
        DataModelType::SemiStructured => "semi-structured",
        DataModelType::Unstructured => "unstructured",
        DataModelType::Graph => "graph",
        DataModelType::TimeSeries => "time-series",
    }
}

fn schema_word(kind: SchemaFlexibility) -> &'static str {
    match kind {
        SchemaFlexibility::Rigid => "rigid",
        SchemaFlexibility::Flexible => "flexible",
        SchemaFlexibility::Schemaless => "schemaless",
    }
}

fn relationship_word(kind: Relationships) -> &'static str {
    match kind {
        Relationships::None => "independent records",
        Relationships::Simple => "simple relationships",
        Relationships::Complex => "complex relationships",
        Relationships::HighlyConnected => "highly connected data",
    }
}

fn size_word(size: DataSize) -> &'static str {
    match size {
        DataSize::Small => "small (<1 GB)",
        DataSize::Medium => "medium (1–100 GB)",
        DataSize::Large => "large (100 GB–10 TB)",
        DataSize::Massive => "massive (>10 TB)",
    }
}

fn latency_word(class: LatencyClass) -> &'static str {
    match class {
        LatencyClass::UltraLow => "<1 ms",
        LatencyClass::Low => "<10 ms",
        LatencyClass::Medium => "<100 ms",
        LatencyClass::High => ">100 ms",
    }
}
