//! Database selection (`infraplan recommend-db`): scores every catalog
//! technology against a component's `DatabaseSelectionCriteria`.
//!
//! The score is the weighted mean of per-criterion fits, so it lies in
//! [0, 1]; each criterion's share is reported as a [`Contribution`], and the
//! reasons and concerns are the notes of the best and worst fits. Ranking is
//! by score; ties are broken by a stated rule (price, managed availability,
//! adoption) and say so.

pub mod fit;
pub mod replace;

use serde::Serialize;

use crate::catalog::Catalog;
use crate::catalog::selection::{Criterion, OptimizeMode};
use crate::plan::database::{DatabaseSelectionCriteria, DatabaseType, OptimizeFor};
use crate::plan::{CloudProvider, PerProvider};

/// The seed's minimum score for a recommendation.
pub const DEFAULT_MIN_SCORE: f64 = 0.5;

/// A fit at or above this is a reason; at or below [`CONCERN_AT`] a concern.
pub const REASON_AT: f64 = 0.75;
/// See [`REASON_AT`].
pub const CONCERN_AT: f64 = 0.4;

/// One criterion's part of a score.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Contribution {
    /// Criterion name.
    pub criterion: &'static str,
    /// Its weight in this request.
    pub weight: f64,
    /// How well the technology fits it, 0–1.
    pub fit: f64,
    /// Points added to the score: weight × fit ÷ total weight.
    pub points: f64,
    /// Why.
    pub note: String,
    /// The vendor page behind a graded fit; absent when the fit follows
    /// from the catalog's capabilities.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// The specification's `DatabaseRecommendation`, plus the contributions.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DatabaseRecommendation {
    /// Catalog id.
    pub technology: String,
    /// Display name.
    #[serde(skip)]
    pub name: String,
    /// Database family.
    #[serde(rename = "type")]
    pub kind: DatabaseType,
    /// 0–1, rounded to three places.
    pub score: f64,
    /// Criteria it fits well.
    pub reasons: Vec<String>,
    /// Criteria it fits poorly.
    pub concerns: Vec<String>,
    /// Managed services per provider.
    pub managed_options: PerProvider<String>,
    /// Catalog list price of the suggested sizing on the requested provider
    /// (the specification's `estimatedCost`); `None` when there is no sizing
    /// or part of it cannot be priced (then `costNote` says what).
    pub estimated_cost: Option<crate::engine::cost::DatabasePrice>,
    /// Why there is no `estimatedCost` when a sizing exists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost_note: Option<String>,
    /// Suggested deployment size for this technology, when the criteria
    /// give a scale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sizing: Option<crate::engine::sizing::SizingRecommendation>,
    /// Per-criterion breakdown (`--explain`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contributions: Vec<Contribution>,
    /// When it has the same score as the one above: how the tie was broken.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tie_break: Option<String>,
}

/// A request that cannot be scored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectionError {
    /// Nothing to score against.
    #[error(
        "the criteria give no data model, query patterns, scale or performance to score against"
    )]
    NoCriteria,
}

/// Scores every catalog technology for `criteria` on `provider`, best first.
pub fn recommend(
    criteria: &DatabaseSelectionCriteria,
    catalog: &Catalog,
    provider: CloudProvider,
) -> Result<Vec<DatabaseRecommendation>, SelectionError> {
    recommend_in(criteria, catalog, provider, None)
}

/// Like [`recommend`], pricing each suggested size in `region` (the
/// provider's default catalog region when `None`).
pub fn recommend_in(
    criteria: &DatabaseSelectionCriteria,
    catalog: &Catalog,
    provider: CloudProvider,
    region: Option<&str>,
) -> Result<Vec<DatabaseRecommendation>, SelectionError> {
    let applicable = fit::applicable(criteria);
    let substantive = applicable.iter().any(|c| {
        !matches!(
            c,
            Criterion::Portability | Criterion::Licence | Criterion::Ecosystem
        )
    });
    if !substantive {
        return Err(SelectionError::NoCriteria);
    }
    let weights = weights(criteria, catalog);
    let mut ranked: Vec<DatabaseRecommendation> = catalog
        .databases
        .iter()
        .filter(|entry| exclusion(&entry.item, provider).is_none())
        .map(|entry| {
            let mut recommendation = score(&entry.item, criteria, &weights, provider);
            recommendation.sizing = crate::engine::sizing::recommend(
                criteria,
                &entry.item.id,
                entry.item.kind,
                provider,
                catalog,
            );
            if let Some(sizing) = &recommendation.sizing {
                let price = price_sizing(catalog, provider, region, &entry.item.id, sizing);
                if price.is_complete() {
                    recommendation.estimated_cost = Some(price);
                } else {
                    // A partial price would read as the cost: say what is missing instead.
                    recommendation.cost_note =
                        Some(format!("not priced: {}", price.unpriced.join("; ")));
                }
            }
            recommendation
        })
        .collect();
    rank(&mut ranked, catalog, provider);
    Ok(ranked)
}

/// The shortlist a reader sees: candidates scoring at least `min_score`,
/// at most `top` of them (at least one).
pub fn shortlist(ranked: &mut Vec<DatabaseRecommendation>, min_score: f64, top: usize) {
    ranked.retain(|r| r.score >= min_score);
    ranked.truncate(top.max(1));
}

/// The ranking with the chosen candidate moved first, the others in order:
/// how a decision record lists the options.
pub fn chosen_first(
    ranked: &[DatabaseRecommendation],
    chosen: usize,
) -> Vec<DatabaseRecommendation> {
    let mut reordered = ranked.to_vec();
    if chosen < reordered.len() {
        let pick = reordered.remove(chosen);
        reordered.insert(0, pick);
    }
    reordered
}

/// Why `tech` cannot be a candidate on `provider` at all: it is sold only
/// as a managed service and the provider offers none (Neptune off AWS,
/// Cosmos DB off Azure, BigQuery off GCP).
pub fn exclusion(
    tech: &crate::catalog::DatabaseTechnology,
    provider: CloudProvider,
) -> Option<String> {
    (tech.license == crate::catalog::database::License::ManagedOnly
        && tech.managed_on(provider).is_none())
    .then(|| {
        let offered: Vec<&str> = CloudProvider::ALL
            .iter()
            .filter(|p| tech.managed_on(**p).is_some())
            .map(|p| p.as_str())
            .collect();
        format!(
            "sold only as a managed service, and {} has none (offered on {})",
            provider.as_str(),
            if offered.is_empty() {
                "no provider".to_owned()
            } else {
                offered.join(", ")
            }
        )
    })
}

/// The technologies left out on `provider` by [`exclusion`], with their
/// score had they been candidates, best first: "considered and excluded".
pub fn excluded(
    criteria: &DatabaseSelectionCriteria,
    catalog: &Catalog,
    provider: CloudProvider,
) -> Vec<(DatabaseRecommendation, String)> {
    let weights = weights(criteria, catalog);
    let mut list: Vec<(DatabaseRecommendation, String)> = catalog
        .databases
        .iter()
        .filter_map(|entry| {
            let reason = exclusion(&entry.item, provider)?;
            Some((score(&entry.item, criteria, &weights, provider), reason))
        })
        .collect();
    list.sort_by(|a, b| {
        b.0.score
            .total_cmp(&a.0.score)
            .then_with(|| a.0.technology.cmp(&b.0.technology))
    });
    list
}

/// Best score first. Equal scores are ordered by the stated rule: lower
/// catalog price (a priced candidate before an unpriced one), then a
/// managed service on the provider, then wider adoption; each tied
/// candidate says which rule placed it. The id only keeps output stable
/// when nothing separates two candidates, and then the note says so.
fn rank(ranked: &mut [DatabaseRecommendation], catalog: &Catalog, provider: CloudProvider) {
    let adoption = |r: &DatabaseRecommendation| {
        catalog
            .database(&r.technology)
            .map_or(3, |t| match t.adoption {
                crate::catalog::database::Adoption::Mainstream => 0,
                crate::catalog::database::Adoption::Established => 1,
                crate::catalog::database::Adoption::Niche => 2,
            })
    };
    let cost = |r: &DatabaseRecommendation| {
        r.estimated_cost
            .as_ref()
            .map_or(i64::MAX, |p| p.total.monthly.cents())
    };
    let unmanaged = |r: &DatabaseRecommendation| r.managed_options.get(provider).is_none();
    ranked.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| cost(a).cmp(&cost(b)))
            .then_with(|| unmanaged(a).cmp(&unmanaged(b)))
            .then_with(|| adoption(a).cmp(&adoption(b)))
            .then_with(|| a.technology.cmp(&b.technology))
    });
    for index in 1..ranked.len() {
        let (above, this) = (&ranked[index - 1], &ranked[index]);
        if above.score.total_cmp(&this.score).is_ne() {
            continue;
        }
        let why = if cost(above) != cost(this) {
            if cost(this) == i64::MAX {
                "it has no catalog price".to_owned()
            } else {
                "it costs more at catalog list prices".to_owned()
            }
        } else if unmanaged(above) != unmanaged(this) {
            format!("it has no managed service on {}", provider.as_str())
        } else if adoption(above) != adoption(this) {
            "it is less widely adopted".to_owned()
        } else {
            "nothing in the catalog separates them; listed by id".to_owned()
        };
        let note = format!(
            "tied with {} at {:.3}; placed below it because {why}",
            above.technology, this.score
        );
        ranked[index].tie_break = Some(note);
    }
}

/// The applicable criteria and their weights for this request.
fn weights(criteria: &DatabaseSelectionCriteria, catalog: &Catalog) -> Vec<(Criterion, f64)> {
    let mode = match criteria.budget.as_ref().and_then(|b| b.optimize_for) {
        Some(OptimizeFor::Cost) => Some(OptimizeMode::Cost),
        Some(OptimizeFor::Performance) => Some(OptimizeMode::Performance),
        Some(OptimizeFor::Balanced) | None => None,
    };
    fit::applicable(criteria)
        .into_iter()
        .map(|c| (c, catalog.database_weights.weight(c, mode)))
        .filter(|(_, w)| *w > 0.0)
        .collect()
}

fn score(
    tech: &crate::catalog::DatabaseTechnology,
    criteria: &DatabaseSelectionCriteria,
    weights: &[(Criterion, f64)],
    provider: CloudProvider,
) -> DatabaseRecommendation {
    let assessed: Vec<(Criterion, f64, fit::Fit)> = weights
        .iter()
        .filter_map(|&(c, w)| fit::assess(c, criteria, tech, provider).map(|f| (c, w, f)))
        .collect();
    let total: f64 = assessed.iter().map(|(_, w, _)| w).sum();
    let contributions: Vec<Contribution> = assessed
        .iter()
        .map(|(c, w, f)| Contribution {
            criterion: c.key(),
            weight: *w,
            fit: f.value,
            points: round3(w * f.value / total),
            note: f.note.clone(),
            source: f.source.clone(),
        })
        .collect();
    let raw: f64 = assessed.iter().map(|(_, w, f)| w * f.value).sum::<f64>() / total;
    let mut by_weight = contributions.clone();
    by_weight.sort_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then_with(|| a.criterion.cmp(b.criterion))
    });
    DatabaseRecommendation {
        technology: tech.id.clone(),
        name: tech.name.clone(),
        kind: tech.kind,
        score: round3(raw.clamp(0.0, 1.0)),
        reasons: by_weight
            .iter()
            .filter(|c| c.fit >= REASON_AT)
            .map(|c| c.note.clone())
            .collect(),
        concerns: by_weight
            .iter()
            .filter(|c| c.fit <= CONCERN_AT)
            .map(|c| c.note.clone())
            .collect(),
        managed_options: tech.managed_options.clone(),
        estimated_cost: None,
        cost_note: None,
        sizing: None,
        contributions,
        tie_break: None,
    }
}

/// The suggested sizing priced from the catalog in `region` (or the
/// provider's default catalog region).
fn price_sizing(
    catalog: &Catalog,
    provider: CloudProvider,
    region: Option<&str>,
    technology: &str,
    sizing: &crate::engine::sizing::SizingRecommendation,
) -> crate::engine::cost::DatabasePrice {
    let request = crate::engine::cost::database::DatabaseRequest {
        tier: sizing.tier.clone(),
        vcores: Some(sizing.vcores),
        memory_gib: Some(sizing.memory_gib),
        storage_gb: Some(f64::from(sizing.storage.size_gb)),
        iops: sizing.storage.iops,
        ha: sizing.high_availability,
        replicas: sizing.read_replicas,
        backups: true,
        ..Default::default()
    };
    crate::engine::cost::price_database(catalog, provider, region, technology, request)
}

/// Scores are shown to three places; rounding happens here only.
fn round3(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests;
