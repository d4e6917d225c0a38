//! Optimisations: commitment discounts (1- and 3-year, from the billing
//! rules), scheduling always-on non-production environments, cheaper
//! equivalent SKUs and right-sizing node pools (found while pricing). Every
//! saving is computed from catalog prices; none is a rule of thumb.

use std::collections::BTreeMap;

use super::context::EnvScale;
use super::quantity::{format_money, percentage, share_of, sum};
use super::report::{CostBreakdown, CostOptimization, Level, Savings};
use crate::catalog::billing::BillingFile;
use crate::plan::money::Money;

/// A saving found while pricing one component in one environment; the
/// same `id` found in several environments is summed.
#[derive(Debug, Clone, PartialEq)]
pub struct Opportunity {
    /// Stable id.
    pub id: String,
    /// Short name.
    pub name: String,
    /// What to change.
    pub description: String,
    /// Saving in this environment.
    pub monthly: Money,
    /// Work.
    pub effort: Level,
    /// Risk.
    pub risk: Level,
    /// Steps.
    pub actions: Vec<String>,
    /// What is given up.
    pub tradeoffs: Vec<String>,
}

/// Hours a scheduled non-production environment runs: 10 hours on 22 working days.
const WORKING_HOURS_PER_MONTH: u32 = 220;

/// Every optimisation with a positive saving, largest first (ties by id).
pub fn suggest(
    billing: &BillingFile,
    environments: &[EnvScale],
    breakdown: &[CostBreakdown],
    found: Vec<Opportunity>,
    total: Money,
) -> Vec<CostOptimization> {
    let mut merged: BTreeMap<String, Opportunity> = BTreeMap::new();
    for opportunity in found {
        match merged.get_mut(&opportunity.id) {
            Some(existing) => {
                existing.monthly =
                    Money::from_cents(existing.monthly.cents() + opportunity.monthly.cents());
            }
            None => {
                merged.insert(opportunity.id.clone(), opportunity);
            }
        }
    }
    let mut all: Vec<Opportunity> = merged.into_values().collect();
    all.extend(commitments(billing, environments, breakdown));
    all.extend(schedule_non_production(environments, breakdown));
    let mut optimizations: Vec<CostOptimization> = all
        .into_iter()
        .filter(|o| o.monthly.cents() > 0)
        .map(|o| CostOptimization {
            id: o.id,
            name: o.name,
            description: o.description,
            estimated_savings: Savings {
                monthly: o.monthly,
                percentage: percentage(o.monthly, total),
            },
            effort: o.effort,
            risk: o.risk,
            actions: o.actions,
            tradeoffs: o.tradeoffs,
        })
        .collect();
    optimizations.sort_by(|a, b| {
        b.estimated_savings
            .monthly
            .cmp(&a.estimated_savings.monthly)
            .then_with(|| a.id.cmp(&b.id))
    });
    optimizations
}

/// Whether an environment runs around the clock.
fn always_on(environments: &[EnvScale], name: &str) -> bool {
    environments
        .iter()
        .any(|e| e.name == name && e.hours >= 730)
}

/// What a commitment term saves on the committable lines of `entries`
/// in always-on environments: (saving, on-demand cost covered, rate sources).
/// `None` when no provider involved publishes a rate for the term.
pub fn term_saving<'a>(
    billing: &BillingFile,
    always_on: impl Fn(&str) -> bool,
    entries: impl IntoIterator<Item = &'a CostBreakdown>,
    years: u32,
) -> Option<(Money, Money, Vec<String>)> {
    let mut saving = Vec::new();
    let mut covered = Vec::new();
    let mut sources = Vec::new();
    for entry in entries.into_iter().filter(|b| always_on(&b.environment)) {
        let Some(rules) = billing.provider(entry.provider) else {
            continue;
        };
        for line in &entry.usage {
            let Some(discount) = line.commitment.and_then(|k| rules.commitments.for_kind(k)) else {
                continue;
            };
            // A 3-year term always discounts at least as much as a 1-year
            // one, so where only the 1-year rate is known it is a floor.
            let share = if years == 1 {
                discount.one_year
            } else {
                discount.three_year.or(discount.one_year)
            };
            let Some(share) = share else { continue };
            // Committed use forfeits the sustained-use discount the line
            // already has: the saving is against what the line bills now.
            let share = line
                .sustained_use
                .map_or(share, |billed| (1.0 - (1.0 - share) / billed).max(0.0));
            saving.push(share_of(line.monthly_cost, share));
            covered.push(line.monthly_cost);
            let source = format!("{}: {}", entry.provider.as_str(), discount.source);
            if !sources.contains(&source) {
                sources.push(source);
            }
        }
    }
    (!covered.is_empty()).then(|| (sum(saving), sum(covered), sources))
}

/// 1- and 3-year commitments on always-on compute and database lines.
fn commitments(
    billing: &BillingFile,
    environments: &[EnvScale],
    breakdown: &[CostBreakdown],
) -> Vec<Opportunity> {
    let mut out = Vec::new();
    for (term, years) in [("1y", 1), ("3y", 3)] {
        let Some((monthly, covered, sources)) = term_saving(
            billing,
            |name| always_on(environments, name),
            breakdown,
            years,
        ) else {
            continue;
        };
        out.push(Opportunity {
            id: format!("commit-{term}"),
            name: format!("{years}-year reserved capacity / committed use"),
            description: format!(
                "Commit to the always-on instances, nodes and database capacity ({} a month on demand) for {years} year{}. Discounts apply to compute only, not to storage, backup or egress. Rates: {}.",
                format_money(covered),
                if years == 1 { "" } else { "s" },
                sources.join("; ")
            ),
            monthly,
            effort: Level::Low,
            risk: if years == 1 { Level::Low } else { Level::Medium },
            actions: vec![
                "Confirm the baseline has run steadily for a month before buying.".to_owned(),
                format!("Buy {years}-year reservations, savings plans or committed-use discounts for that baseline."),
                "Review coverage each quarter as the plan changes.".to_owned(),
            ],
            tradeoffs: vec![
                format!("Paid for {years} year{} whether used or not.", if years == 1 { "" } else { "s" }),
                "Instance family or region changes may leave reservations idle.".to_owned(),
            ],
        });
    }
    out
}

/// Always-on environments other than production, run only in working hours.
fn schedule_non_production(
    environments: &[EnvScale],
    breakdown: &[CostBreakdown],
) -> Vec<Opportunity> {
    let mut out = Vec::new();
    for env in environments {
        if env.hours < 730 || env.scale >= 1.0 || is_production(&env.name) {
            continue;
        }
        let hourly: Vec<Money> = breakdown
            .iter()
            .filter(|b| b.environment == env.name)
            .flat_map(|b| &b.usage)
            .filter(|l| {
                matches!(
                    l.unit.as_str(),
                    "hour" | "node-hour" | "vcpu-hour" | "vcore-hour" | "gb-hour"
                )
            })
            .map(|l| l.monthly_cost)
            .collect();
        let hourly_total = sum(hourly);
        let off_share = 1.0 - (f64::from(WORKING_HOURS_PER_MONTH) / f64::from(env.hours));
        let monthly = share_of(hourly_total, off_share);
        out.push(Opportunity {
            id: format!("schedule-{}", env.name),
            name: format!("Run {} only in working hours", env.name),
            description: format!(
                "`{}` runs {} hours a month; stopping VMs, node pools and databases outside 10 hours × 22 working days ({WORKING_HOURS_PER_MONTH} h) cuts its hourly charges ({} a month) by {:.0}%. Set `hoursPerMonth: {WORKING_HOURS_PER_MONTH}` on the environment once scheduled.",
                env.name,
                env.hours,
                format_money(hourly_total),
                off_share * 100.0
            ),
            monthly,
            effort: Level::Medium,
            risk: Level::Low,
            actions: vec![
                "Scale node pools to zero and stop databases on a schedule (e.g. 19:00–09:00 and weekends).".to_owned(),
                "Keep storage; only hourly charges stop.".to_owned(),
            ],
            tradeoffs: vec!["Not available outside working hours; first start of the day takes minutes.".to_owned()],
        });
    }
    out
}

fn is_production(name: &str) -> bool {
    matches!(name, "prod" | "production" | "prd" | "live" | "default")
}

/// A cheaper SKU of the same shape in the same service (Graviton, newer
/// generation), or a cheaper service for the same SKU (Valkey).
pub fn cheaper_sku(
    component: &str,
    label: &str,
    from: (&str, Money),
    to: (&str, &str, Money),
    tradeoffs: Vec<String>,
) -> Option<Opportunity> {
    let (from_sku, from_cost) = from;
    let (to_service, to_sku, to_cost) = to;
    let saving = from_cost.cents() - to_cost.cents();
    (saving > 0).then(|| Opportunity {
        id: format!("cheaper-{component}-{}", slug(label)),
        name: format!("{component}: {from_sku} → {to_service} {to_sku}"),
        description: format!(
            "{label} runs on {from_sku}; {to_service} {to_sku} has the same vCPU and memory in the catalog for less."
        ),
        monthly: Money::from_cents(saving),
        effort: Level::Medium,
        risk: Level::Low,
        actions: vec![
            format!("Test the workload on {to_sku}."),
            format!("Change the plan's instance type to {to_sku} and roll nodes or fail over."),
        ],
        tradeoffs,
    })
}

/// `node pool apps` → `node-pool-apps`.
fn slug(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}
