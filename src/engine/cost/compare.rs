//! `cost compare`: the same plan priced on Azure, AWS and GCP (the
//! specification's `CloudCostComparison` and `ProviderCost`). Each provider's
//! figures are exactly `estimate` with that provider forced, so comparing on
//! one provider always equals that provider's estimate. Recommendations only
//! compare like with like: components every provider could price in full.

use std::collections::BTreeMap;

use serde::Serialize;

use super::optimize::term_saving;
use super::quantity::{percentage, sum};
use super::report::{Bucket, CostBreakdown, CostEstimate, PriceBasis};
use super::{CostError, EstimateOptions, estimate};
use crate::catalog::Catalog;
use crate::plan::money::Money;
use crate::plan::{CloudProvider, Plan};

/// The plan priced on every provider.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CostComparison {
    /// Plan name.
    pub plan: String,
    /// Environments priced (summed).
    pub environments: Vec<String>,
    /// Currency code.
    pub currency: String,
    /// Per component, in plan order.
    pub components: Vec<ComponentComparison>,
    /// Per provider, over the whole plan.
    pub totals: BTreeMap<CloudProvider, ProviderTotal>,
    /// Components every provider priced in full: the like-for-like set.
    pub comparable_components: Vec<String>,
    /// Cheapest provider over the like-for-like set.
    pub recommendation: Option<Recommendation>,
    /// What the numbers assume.
    pub assumptions: Vec<String>,
    /// As-of dates of the prices used, per provider.
    pub prices: BTreeMap<CloudProvider, PriceBasis>,
}

/// One component on every provider (the specification's `CloudCostComparison`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ComponentComparison {
    /// Component id.
    pub component: String,
    /// Display name.
    pub name: String,
    /// Component type.
    pub category: String,
    /// Cost on each provider.
    pub costs: BTreeMap<CloudProvider, ProviderCost>,
    /// Cheapest provider, when at least two priced it in full.
    pub recommendation: Option<Recommendation>,
}

/// A component or plan on one provider (the specification's `ProviderCost`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderCost {
    /// Services priced.
    pub service: String,
    /// SKUs or tiers priced.
    pub tier: String,
    /// Monthly cost of what was priced.
    pub monthly_cost: Money,
    /// By bucket.
    pub breakdown: Buckets,
    /// How the plan was mapped to this provider.
    pub notes: Vec<String>,
    /// With 1- and 3-year commitments on always-on compute.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reserved_pricing: Option<ReservedPricing>,
    /// What this provider's catalog prices could not cover.
    pub unpriced: Vec<String>,
    /// Whether everything was priced.
    pub complete: bool,
}

/// Monthly cost by bucket.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Buckets {
    /// Instances, nodes, control planes.
    pub compute: Money,
    /// Disks and stored data.
    pub storage: Money,
    /// Egress, load balancers, NAT, requests.
    pub network: Money,
    /// Backup storage.
    pub backup: Money,
    /// Request units and the rest.
    pub other: Money,
}

/// Monthly cost with commitments.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReservedPricing {
    /// Monthly with 1-year commitments (when the provider's rate is known).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub one_year: Option<Money>,
    /// Monthly with 3-year commitments (when known).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub three_year: Option<Money>,
    /// Saving of the longest known term against on-demand, percent.
    pub savings_percentage: f64,
}

/// A provider's plan total.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderTotal {
    /// Everything this provider priced.
    pub monthly_cost: Money,
    /// Only the like-for-like components.
    pub comparable_monthly_cost: Money,
    /// By bucket.
    pub breakdown: Buckets,
    /// With commitments.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reserved_pricing: Option<ReservedPricing>,
    /// Items it could not price.
    pub unpriced_items: usize,
}

/// The cheapest provider and by how much.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Recommendation {
    /// Cheapest.
    pub provider: CloudProvider,
    /// `aws is 46% cheaper than azure`.
    pub reason: String,
    /// Most expensive minus cheapest, monthly.
    pub savings: Money,
}

/// Prices `plan` on every provider.
pub fn compare(
    plan: &Plan,
    catalog: &Catalog,
    environment: Option<&str>,
) -> Result<CostComparison, CostError> {
    let options = EstimateOptions {
        environment: environment.map(str::to_owned),
        ..EstimateOptions::default()
    };
    compare_with(plan, catalog, &options)
}

/// Like [`compare`], with project defaults (regions) from `options`; its
/// `provider` is ignored, since every provider is priced.
pub fn compare_with(
    plan: &Plan,
    catalog: &Catalog,
    options: &EstimateOptions,
) -> Result<CostComparison, CostError> {
    let mut estimates = BTreeMap::new();
    for provider in CloudProvider::ALL {
        let options = EstimateOptions {
            provider: Some(provider),
            ..options.clone()
        };
        estimates.insert(provider, estimate(plan, catalog, &options)?);
    }
    let billing = catalog.billing();
    let first = &estimates[&CloudProvider::Azure];
    let always_on = |name: &str| {
        first
            .environments
            .iter()
            .any(|e| e.name == name && e.hours_per_month >= 730)
    };
    let mut components = Vec::new();
    // Index each provider's entries by component once: plans run to
    // thousands of components, and a scan per component would be quadratic.
    let indexed: BTreeMap<CloudProvider, ByComponent<'_>> = estimates
        .iter()
        .map(|(provider, report)| (*provider, ByComponent::new(report)))
        .collect();
    for component in &plan.components {
        let id = component.id.as_str();
        let mut costs = BTreeMap::new();
        for (provider, index) in &indexed {
            let entries: &[&CostBreakdown] = index.breakdown.get(id).map_or(&[], Vec::as_slice);
            let unpriced: Vec<String> = index
                .unpriced
                .get(id)
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .map(|u| format!("{}: {}", u.item, u.reason))
                .fold(Vec::new(), |mut list, item| {
                    if !list.contains(&item) {
                        list.push(item);
                    }
                    list
                });
            if entries.is_empty() && unpriced.is_empty() {
                continue;
            }
            let monthly = sum(entries.iter().map(|b| b.monthly_cost));
            costs.insert(
                *provider,
                ProviderCost {
                    service: first_nonempty(entries.iter().map(|b| b.service.as_str())),
                    tier: first_nonempty(entries.iter().map(|b| b.tier.as_str())),
                    monthly_cost: monthly,
                    breakdown: buckets(entries.iter().copied()),
                    notes: entries.iter().flat_map(|b| b.notes.iter().cloned()).fold(
                        Vec::new(),
                        |mut list, note| {
                            if !list.contains(&note) {
                                list.push(note);
                            }
                            list
                        },
                    ),
                    reserved_pricing: reserved(
                        billing,
                        &always_on,
                        entries.iter().copied(),
                        monthly,
                    ),
                    complete: unpriced.is_empty() && !entries.is_empty(),
                    unpriced,
                },
            );
        }
        if costs.is_empty() {
            continue;
        }
        let complete: Vec<(CloudProvider, Money)> = costs
            .iter()
            .filter(|(_, c)| c.complete)
            .map(|(p, c)| (*p, c.monthly_cost))
            .collect();
        components.push(ComponentComparison {
            component: id.to_owned(),
            name: component.display_name().to_owned(),
            category: component.kind.as_str().to_owned(),
            recommendation: recommend(&complete),
            costs,
        });
    }
    let comparable: Vec<String> = components
        .iter()
        .filter(|c| {
            c.costs.len() == CloudProvider::ALL.len() && c.costs.values().all(|p| p.complete)
        })
        .map(|c| c.component.clone())
        .collect();
    let comparable_set: std::collections::BTreeSet<&str> =
        comparable.iter().map(String::as_str).collect();
    let totals: BTreeMap<CloudProvider, ProviderTotal> = estimates
        .iter()
        .map(|(provider, report)| {
            let comparable_cost = sum(report
                .breakdown
                .iter()
                .filter(|b| comparable_set.contains(b.component.as_str()))
                .map(|b| b.monthly_cost));
            (
                *provider,
                ProviderTotal {
                    monthly_cost: report.total.monthly,
                    comparable_monthly_cost: comparable_cost,
                    breakdown: buckets(report.breakdown.iter()),
                    reserved_pricing: reserved(
                        billing,
                        &always_on,
                        report.breakdown.iter(),
                        report.total.monthly,
                    ),
                    unpriced_items: report.unpriced.len(),
                },
            )
        })
        .collect();
    let comparable_costs: Vec<(CloudProvider, Money)> = totals
        .iter()
        .map(|(p, t)| (*p, t.comparable_monthly_cost))
        .collect();
    let recommendation = if comparable.is_empty() {
        None
    } else {
        recommend(&comparable_costs)
    };
    Ok(CostComparison {
        plan: plan.name.clone(),
        environments: first.environments.iter().map(|e| e.name.clone()).collect(),
        currency: super::PRICE_CURRENCY.to_owned(),
        components,
        totals,
        comparable_components: comparable,
        recommendation,
        assumptions: assumptions(first),
        prices: estimates
            .iter()
            .map(|(p, r)| (*p, r.prices.clone()))
            .collect(),
    })
}

/// A report's breakdown entries and unpriced items by component id.
struct ByComponent<'a> {
    breakdown: BTreeMap<&'a str, Vec<&'a CostBreakdown>>,
    unpriced: BTreeMap<&'a str, Vec<&'a super::report::UnpricedItem>>,
}

impl<'a> ByComponent<'a> {
    fn new(report: &'a CostEstimate) -> Self {
        let mut breakdown: BTreeMap<&str, Vec<&CostBreakdown>> = BTreeMap::new();
        for entry in &report.breakdown {
            breakdown
                .entry(entry.component.as_str())
                .or_default()
                .push(entry);
        }
        let mut unpriced: BTreeMap<&str, Vec<&super::report::UnpricedItem>> = BTreeMap::new();
        for item in &report.unpriced {
            unpriced
                .entry(item.component.as_str())
                .or_default()
                .push(item);
        }
        Self {
            breakdown,
            unpriced,
        }
    }
}

fn assumptions(first: &CostEstimate) -> Vec<String> {
    let mut list = first.assumptions.clone();
    list.push("Each component is priced on every provider with its equivalent service: instance types become the cheapest catalog size with at least the same vCPU and memory; technologies a provider does not run are priced as the closest alternative the billing rules name.".to_owned());
    list.push(
        "The recommendation compares only components every provider priced in full.".to_owned(),
    );
    list
}

fn first_nonempty<'a>(values: impl Iterator<Item = &'a str>) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for value in values.filter(|v| !v.is_empty()) {
        if !seen.contains(&value) {
            seen.push(value);
        }
    }
    seen.join("; ")
}

fn buckets<'a>(entries: impl Iterator<Item = &'a CostBreakdown>) -> Buckets {
    let mut totals = Buckets::default();
    for line in entries.flat_map(|b| &b.usage) {
        let slot = match line.bucket {
            Bucket::Compute => &mut totals.compute,
            Bucket::Storage => &mut totals.storage,
            Bucket::Network => &mut totals.network,
            Bucket::Backup => &mut totals.backup,
            Bucket::Other => &mut totals.other,
        };
        *slot = Money::from_cents(slot.cents() + line.monthly_cost.cents());
    }
    totals
}

fn reserved<'a>(
    billing: &crate::catalog::billing::BillingFile,
    always_on: &impl Fn(&str) -> bool,
    entries: impl Iterator<Item = &'a CostBreakdown> + Clone,
    monthly: Money,
) -> Option<ReservedPricing> {
    let one = term_saving(billing, always_on, entries.clone(), 1).map(|(saving, _, _)| saving);
    let three = term_saving(billing, always_on, entries, 3).map(|(saving, _, _)| saving);
    let best = three.or(one)?;
    let after = |saving: Money| Money::from_cents(monthly.cents() - saving.cents());
    Some(ReservedPricing {
        one_year: one.map(after),
        three_year: three.map(after),
        savings_percentage: percentage(best, monthly),
    })
}

/// The cheapest of at least two priced providers; ties by provider order.
fn recommend(costs: &[(CloudProvider, Money)]) -> Option<Recommendation> {
    if costs.len() < 2 {
        return None;
    }
    let cheapest = costs.iter().min_by_key(|(p, c)| (*c, *p))?;
    let dearest = costs
        .iter()
        .max_by_key(|(p, c)| (*c, std::cmp::Reverse(*p)))?;
    if dearest.1.cents() == 0 {
        return None;
    }
    let saving = Money::from_cents(dearest.1.cents() - cheapest.1.cents());
    let share = percentage(saving, dearest.1);
    let reason = if saving.cents() == 0 {
        format!(
            "{} and {} cost the same",
            cheapest.0.as_str(),
            dearest.0.as_str()
        )
    } else {
        format!(
            "{} is {share:.0}% cheaper than {}",
            cheapest.0.as_str(),
            dearest.0.as_str()
        )
    };
    Some(Recommendation {
        provider: cheapest.0,
        reason,
        savings: saving,
    })
}
