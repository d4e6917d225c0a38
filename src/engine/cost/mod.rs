//! Cost engines: `estimate` prices a plan from catalog list prices,
//! `compare` prices the same plan on every provider, `diff` sets two
//! estimates side by side. Prices come only from the catalog; what it cannot
//! price is listed as unpriced, never guessed.

mod cache;
mod cdn;
pub mod compare;
mod context;
pub mod database;
pub mod diff;
mod infra;
mod messaging;
mod network;
pub mod optimize;
pub mod pricebook;
pub mod quantity;
pub mod report;
mod request_units;
mod serverless;
pub mod staleness;
mod standalone;

use std::collections::BTreeMap;

use crate::catalog::Catalog;
use crate::catalog::pricing::Confidence;
use crate::plan::component::ComponentStatus;
use crate::plan::money::Money;
use crate::plan::{CloudProvider, Component, ComponentType, Plan};
use context::{EnvScale, Priced, PricingContext};
use pricebook::PriceBook;
use quantity::{percentage, sum};
pub use report::*;
pub use standalone::{DatabasePrice, price_database};

/// Currency of every catalog list price, and so of every cost report.
pub const PRICE_CURRENCY: &str = "USD";

/// What to price.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EstimateOptions {
    /// Price only this environment (default: every environment).
    pub environment: Option<String>,
    /// Price every component on this provider instead of its own.
    pub provider: Option<CloudProvider>,
    /// Provider for components when the plan names none (`[defaults]
    /// provider` in infraplan.toml).
    pub default_provider: Option<CloudProvider>,
    /// Regions for providers the plan gives no region for (`[defaults.regions]`
    /// in infraplan.toml); the billing rules' default region after that.
    pub default_regions: crate::plan::PerProvider<String>,
    /// Report prices older than this (`--max-price-age`); `None` checks no age.
    pub price_age: Option<staleness::PriceAge>,
}

/// Why a plan cannot be priced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, miette::Diagnostic)]
pub enum CostError {
    /// `--env` names an environment the plan does not have.
    #[error("the plan has no environment `{name}`")]
    #[diagnostic(
        code(infraplan::cost::unknown_environment),
        help("environments in this plan: {available}")
    )]
    UnknownEnvironment {
        /// Requested name.
        name: String,
        /// Names the plan has.
        available: String,
    },
    /// A component's region has no prices at all.
    #[error("the catalog has no {provider} prices for region `{region}` (component `{component}`)")]
    #[diagnostic(
        code(infraplan::cost::unknown_region),
        help(
            "regions with {provider} prices: {available}. Price another region by adding files under --catalog DIR/pricing/{provider}/ (see catalog/pricing/README.md), or set the component's region to one of these"
        )
    )]
    RegionNotInCatalog {
        /// Component id.
        component: String,
        /// Provider.
        provider: String,
        /// Region asked for.
        region: String,
        /// Regions the catalog has for the provider.
        available: String,
    },
    /// The plan names no provider.
    #[error("the plan names no cloud provider for component `{component}`")]
    #[diagnostic(
        code(infraplan::cost::no_provider),
        help(
            "add `providers: {{ primary: aws|azure|gcp }}` to the plan, or `provider:` to the component"
        )
    )]
    NoProvider {
        /// Component id.
        component: String,
    },
}

/// Prices `plan`.
pub fn estimate(
    plan: &Plan,
    catalog: &Catalog,
    options: &EstimateOptions,
) -> Result<CostEstimate, CostError> {
    let environments = environments(plan, options.environment.as_deref())?;
    let billing = catalog.billing();
    let mut books: BTreeMap<(CloudProvider, String), PriceBook<'_>> = BTreeMap::new();
    let mut breakdown = Vec::new();
    let mut unpriced = Vec::new();
    let mut assumed_rule = false;
    let mut opportunities = Vec::new();
    for env in &environments {
        // A month's egress is billed through the volume tiers once per
        // provider and region, so components draw on one running total.
        let mut egress_used: BTreeMap<(CloudProvider, String), std::cell::Cell<f64>> =
            BTreeMap::new();
        for base in plan.components.iter().filter(|c| is_billed(c)) {
            // The component as it runs in this environment (its overrides merged).
            let merged = base.in_environment(&env.name);
            let component = merged.as_ref();
            let (provider, region) = provider_region(plan, component, options, billing)?;
            let book = books
                .entry((provider, region.clone()))
                .or_insert_with(|| PriceBook::new(catalog, provider, &region));
            if !book.has_region() {
                return Err(CostError::RegionNotInCatalog {
                    component: component.id.as_str().to_owned(),
                    provider: provider.as_str().to_owned(),
                    available: book.regions().join(", "),
                    region,
                });
            }
            let Some(rules) = billing.provider(provider) else {
                unpriced.push(UnpricedItem {
                    component: component.id.as_str().to_owned(),
                    environment: env.name.clone(),
                    item: component.display_name().to_owned(),
                    reason: format!(
                        "the billing rules have no section for {}",
                        provider.as_str()
                    ),
                });
                continue;
            };
            let egress_used = egress_used.entry((provider, region.clone())).or_default();
            let ctx = PricingContext {
                catalog,
                billing,
                rules,
                book,
                env,
                component: component.id.as_str(),
                egress_used,
            };
            let own = options
                .provider
                .is_none_or(|p| own_provider(plan, component, options) == Some(p));
            let mut priced = price_component(&ctx, component, own);
            assumed_rule |= priced.assumed_rule;
            opportunities.append(&mut priced.opportunities);
            unpriced.extend(priced.unpriced.iter().map(|(item, reason)| UnpricedItem {
                component: component.id.as_str().to_owned(),
                environment: env.name.clone(),
                item: item.clone(),
                reason: reason.clone(),
            }));
            if priced.lines.is_empty() {
                continue;
            }
            breakdown.push(CostBreakdown {
                component: component.id.as_str().to_owned(),
                name: component.display_name().to_owned(),
                environment: env.name.clone(),
                category: component.kind.as_str().to_owned(),
                service: priced.services.join(" + "),
                provider,
                region: book.region.clone(),
                tier: priced.tiers.join(", "),
                monthly_cost: sum(priced.lines.iter().map(|l| l.monthly_cost)),
                percentage_of_total: 0.0,
                usage: priced.lines,
                notes: priced.notes,
            });
        }
    }
    let found = Found {
        unpriced,
        opportunities,
        assumed_rule,
    };
    let mut report = assemble(plan, billing, &environments, breakdown, found);
    if let Some(age) = options.price_age {
        report.prices.max_age_days = Some(age.max_days);
        report.prices.stale = staleness::stale_prices(&report.breakdown, age);
    }
    Ok(report)
}

/// What pricing found besides the breakdown.
struct Found {
    unpriced: Vec<UnpricedItem>,
    opportunities: Vec<optimize::Opportunity>,
    assumed_rule: bool,
}

/// Totals, percentages, order, drivers, optimizations and confidence.
fn assemble(
    plan: &Plan,
    billing: &crate::catalog::billing::BillingFile,
    environments: &[EnvScale],
    mut breakdown: Vec<CostBreakdown>,
    found: Found,
) -> CostEstimate {
    let Found {
        mut unpriced,
        opportunities,
        assumed_rule,
    } = found;
    let total = sum(breakdown.iter().map(|b| b.monthly_cost));
    for entry in &mut breakdown {
        entry.percentage_of_total = percentage(entry.monthly_cost, total);
    }
    let env_rank = |name: &str| {
        environments
            .iter()
            .position(|e| e.name == name)
            .unwrap_or(usize::MAX)
    };
    breakdown.sort_by(|a, b| {
        env_rank(&a.environment)
            .cmp(&env_rank(&b.environment))
            .then(b.monthly_cost.cmp(&a.monthly_cost))
            .then_with(|| a.component.cmp(&b.component))
    });
    unpriced.sort_by(|a, b| {
        env_rank(&a.environment)
            .cmp(&env_rank(&b.environment))
            .then_with(|| a.component.cmp(&b.component))
            .then_with(|| a.item.cmp(&b.item))
    });
    let environment_costs = environments
        .iter()
        .map(|env| {
            let monthly = sum(breakdown
                .iter()
                .filter(|b| b.environment == env.name)
                .map(|b| b.monthly_cost));
            EnvironmentCost {
                name: env.name.clone(),
                scale: env.scale,
                hours_per_month: env.hours,
                monthly_cost: monthly,
                percentage_of_total: percentage(monthly, total),
            }
        })
        .collect();
    let drivers = drivers(&breakdown, total);
    let optimizations = optimize::suggest(billing, environments, &breakdown, opportunities, total);
    let prices = price_basis(&breakdown);
    let confidence = confidence(&breakdown, !unpriced.is_empty() || assumed_rule);
    CostEstimate {
        plan: plan.name.clone(),
        total: Total::monthly(total, PRICE_CURRENCY),
        environments: environment_costs,
        breakdown,
        drivers,
        optimizations,
        assumptions: assumptions(plan, billing.hours_per_month, environments),
        unpriced,
        confidence,
        prices,
    }
}

fn is_billed(component: &Component) -> bool {
    !matches!(component.status, Some(ComponentStatus::Retired))
}

/// The environments to price: the plan's (or one `default` at scale 1).
fn environments(plan: &Plan, only: Option<&str>) -> Result<Vec<EnvScale>, CostError> {
    let all: Vec<EnvScale> = if plan.environments.is_empty() {
        vec![EnvScale {
            name: "default".to_owned(),
            scale: 1.0,
            hours: 730,
        }]
    } else {
        plan.environments
            .iter()
            .map(|e| EnvScale {
                name: e.name.as_str().to_owned(),
                scale: e.scale,
                hours: e.hours_per_month.unwrap_or(730),
            })
            .collect()
    };
    match only {
        None => Ok(all),
        Some(name) => match all.iter().find(|e| e.name == name) {
            Some(env) => Ok(vec![env.clone()]),
            None => Err(CostError::UnknownEnvironment {
                name: name.to_owned(),
                available: all
                    .iter()
                    .map(|e| e.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
        },
    }
}

/// The project defaults the options carry, for the placement rule.
fn defaults(options: &EstimateOptions) -> crate::config::Defaults {
    crate::config::Defaults {
        provider: options.default_provider,
        regions: options.default_regions.clone(),
    }
}

/// The provider a component runs on: the placement rule's own provider.
fn own_provider(
    plan: &Plan,
    component: &Component,
    options: &EstimateOptions,
) -> Option<CloudProvider> {
    crate::placement::own_provider(plan, Some(component), &defaults(options))
}

/// Provider and region to price a component in: the placement rule, then
/// the billing rules' default region.
fn provider_region(
    plan: &Plan,
    component: &Component,
    options: &EstimateOptions,
    billing: &crate::catalog::billing::BillingFile,
) -> Result<(CloudProvider, String), CostError> {
    let defaults = defaults(options);
    let provider = crate::placement::provider(plan, Some(component), options.provider, &defaults)
        .ok_or_else(|| CostError::NoProvider {
        component: component.id.as_str().to_owned(),
    })?;
    let region = crate::placement::region(plan, Some(component), provider, &defaults)
        .or_else(|| billing.provider(provider).map(|r| r.default_region.clone()))
        .unwrap_or_default();
    Ok((provider, region))
}

/// Prices one component in one environment.
fn price_component(ctx: &PricingContext<'_>, component: &Component, own_provider: bool) -> Priced {
    let mut out = Priced::default();
    let mut any = false;
    if let Some(compute) = &component.compute {
        infra::compute(ctx, compute, &mut out);
        any = true;
    }
    if let Some(kubernetes) = &component.kubernetes {
        infra::kubernetes(ctx, kubernetes, &mut out);
        any = true;
    }
    if let Some(database) = &component.database {
        database::database(ctx, database, own_provider, &mut out);
        any = true;
    }
    if let Some(storage) = &component.storage {
        infra::storage(
            ctx,
            storage,
            component.kind == ComponentType::BlockStorage,
            &mut out,
        );
        any = true;
    }
    if let Some(network) = &component.network {
        network::network(ctx, network, &mut out);
        any = true;
    }
    if let Some(lb) = &component.load_balancer {
        network::load_balancer(ctx, lb, &mut out);
        any = true;
    }
    if let Some(functions) = &component.serverless {
        serverless::serverless(ctx, functions, &mut out);
        any = true;
    }
    if let Some(delivery) = &component.cdn {
        cdn::cdn(ctx, delivery, &mut out);
        any = true;
    }
    if let Some(broker) = &component.messaging {
        messaging::messaging(ctx, broker, &mut out);
        any = true;
    }
    if !any {
        out.unpriced(
            component.display_name().to_owned(),
            format!("no `{}` section to price", component.kind.section()),
        );
    }
    out
}

/// Components at 10% of the total or more (at least the top three).
fn drivers(breakdown: &[CostBreakdown], total: Money) -> Vec<CostDriver> {
    let mut by_component: BTreeMap<&str, (Money, &CostBreakdown)> = BTreeMap::new();
    for entry in breakdown {
        let slot = by_component
            .entry(&entry.component)
            .or_insert((Money::default(), entry));
        slot.0 = Money::from_cents(slot.0.cents() + entry.monthly_cost.cents());
    }
    let mut ranked: Vec<(&str, Money, &CostBreakdown)> = by_component
        .into_iter()
        .map(|(id, (cost, entry))| (id, cost, entry))
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    ranked
        .into_iter()
        .enumerate()
        .filter(|(rank, (_, cost, _))| *rank < 3 || percentage(*cost, total) >= 10.0)
        .map(|(_, (id, cost, entry))| {
            let share = percentage(cost, total);
            let top_line = entry.usage.iter().max_by_key(|l| l.monthly_cost);
            CostDriver {
                name: id.to_owned(),
                impact: if share >= 25.0 {
                    Level::High
                } else if share >= 10.0 {
                    Level::Medium
                } else {
                    Level::Low
                },
                description: match top_line {
                    Some(line) => format!(
                        "{} on {}; largest line: {}",
                        entry.service,
                        entry.provider.as_str(),
                        line.metric
                    ),
                    None => entry.service.clone(),
                },
                current_cost: cost,
                percentage_of_total: share,
            }
        })
        .collect()
}

/// Confidence: the lowest of the prices used, one step lower when
/// something is unpriced or a billing rule is an assumption.
fn confidence(breakdown: &[CostBreakdown], degraded: bool) -> Confidence {
    degrade(breakdown.iter().flat_map(|b| &b.usage), degraded)
}

/// The lowest confidence of `lines`, one step lower when `degraded`.
pub(crate) fn degrade<'a>(
    lines: impl Iterator<Item = &'a UsageLine>,
    degraded: bool,
) -> Confidence {
    let lowest = lines.map(|l| l.confidence).min().unwrap_or(Confidence::Low);
    if degraded {
        match lowest {
            Confidence::High => Confidence::Medium,
            _ => Confidence::Low,
        }
    } else {
        lowest
    }
}

fn price_basis(breakdown: &[CostBreakdown]) -> PriceBasis {
    let mut seen: BTreeMap<&str, (&str, Confidence)> = BTreeMap::new();
    for line in breakdown.iter().flat_map(|b| &b.usage) {
        seen.insert(&line.price_id, (&line.as_of, line.confidence));
    }
    let mut counts = ConfidenceCounts::default();
    for (_, confidence) in seen.values() {
        match confidence {
            Confidence::High => counts.high += 1,
            Confidence::Medium => counts.medium += 1,
            Confidence::Low => counts.low += 1,
        }
    }
    PriceBasis {
        oldest_as_of: seen.values().map(|(d, _)| (*d).to_owned()).min(),
        newest_as_of: seen.values().map(|(d, _)| (*d).to_owned()).max(),
        prices_used: seen.len(),
        by_confidence: counts,
        ..PriceBasis::default()
    }
}

fn assumptions(plan: &Plan, hours_per_month: u32, environments: &[EnvScale]) -> Vec<String> {
    let mut list = vec![
        format!("{hours_per_month} hours a month for anything billed by the hour, unless an environment sets hoursPerMonth."),
        "On-demand list prices from the catalog (no enterprise discounts, credits or free tiers unless a price says so).".to_owned(),
        "Linux prices for VMs and nodes; spot capacity is priced at on-demand rates.".to_owned(),
        "Database backups take one full copy of the data; providers that include backup storage up to the provisioned size bill nothing for it.".to_owned(),
        "Load-balancer capacity units: one unit per GB processed an hour, as when bytes processed dominate.".to_owned(),
        "Object-storage requests are 10% writes and 90% reads where the two are priced apart.".to_owned(),
    ];
    if plan.currency_code() != PRICE_CURRENCY {
        list.push(format!(
            "Amounts are in {PRICE_CURRENCY}, the catalog's list-price currency; the plan's currency {} is not converted.",
            plan.currency_code()
        ));
    }
    if environments.len() > 1
        || environments
            .iter()
            .any(|e| (e.scale - 1.0).abs() > f64::EPSILON)
    {
        list.push("Environment scale multiplies instance, node and replica counts (rounded up, at least one) and monthly volumes; sizes and control planes are not scaled.".to_owned());
    }
    list
}
