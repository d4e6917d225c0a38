//! Database selection (`infraplan recommend-db`): scores every catalog
//! technology against a component's `DatabaseSelectionCriteria`.
//!
//! The score is the weighted mean of per-criterion fits, so it lies in
//! [0, 1]; each criterion's share is reported as a [`Contribution`], and the
//! reasons and concerns are the notes of the best and worst fits. Ranking is
//! by score, ties broken by technology id, so output is stable.

pub mod fit;

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
    let mode = match criteria.budget.as_ref().and_then(|b| b.optimize_for) {
        Some(OptimizeFor::Cost) => Some(OptimizeMode::Cost),
        Some(OptimizeFor::Performance) => Some(OptimizeMode::Performance),
        Some(OptimizeFor::Balanced) | None => None,
    };
    let weights: Vec<(Criterion, f64)> = applicable
        .into_iter()
        .map(|c| (c, catalog.database_weights.weight(c, mode)))
        .filter(|(_, w)| *w > 0.0)
        .collect();
    let mut ranked: Vec<DatabaseRecommendation> = catalog
        .databases
        .iter()
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
    ranked.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.technology.cmp(&b.technology))
    });
    Ok(ranked)
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
