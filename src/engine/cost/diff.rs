//! `diff` sets two estimates of a plan side by side: what each component
//! costs before and after a change, and which priced lines moved. It is a
//! pure function of two `CostEstimate`s, so both sides must have been priced
//! with the same catalog and options for the numbers to mean anything.
//!
//! Every amount is exact cents: a component's delta is `head − base` of sums
//! of rounded lines, so the component deltas add up to the total delta.

use std::collections::BTreeMap;

use serde::Serialize;

use super::quantity::{percentage, sum};
use super::report::{CostEstimate, PriceBasis, Total, UsageLine};
use crate::plan::money::Money;

/// The cost change from a base estimate to a head estimate.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CostDiff {
    /// The plan before the change.
    pub base: DiffSide,
    /// The plan after the change.
    pub head: DiffSide,
    /// How the monthly total moved.
    pub delta: TotalDelta,
    /// Every component on either side, largest absolute change first.
    pub components: Vec<ComponentDiff>,
}

/// One side of a diff.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DiffSide {
    /// The plan's name.
    pub plan: String,
    /// Its totals.
    pub total: Total,
    /// How many items the catalog could not price (not in the total).
    pub unpriced: usize,
    /// Dates and confidence of the prices used.
    pub prices: PriceBasis,
}

/// The change of the monthly total.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TotalDelta {
    /// `head − base`, per month; negative when the change saves money.
    pub monthly: Money,
    /// The delta in percent of the base total, one decimal; `None` when the
    /// base costs nothing, where a percentage means nothing.
    pub percentage: Option<f64>,
    /// Components left out of `monthly` and `percentage` because the catalog
    /// prices them differently on the two sides (an item priced on one side
    /// only): their change is unknown, so the delta covers the rest.
    pub excluded: Vec<String>,
}

/// What happened to a component or a priced line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Change {
    /// Only in the head.
    Added,
    /// Only in the base.
    Removed,
    /// On both sides, with a different cost or different priced lines.
    Changed,
    /// On both sides, priced the same.
    Unchanged,
    /// On both sides, but items priced on one side are not priced on the
    /// other: the change cannot be known from the catalog.
    Unknown,
}

impl Change {
    /// The word, as in JSON.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Added => "added",
            Self::Removed => "removed",
            Self::Changed => "changed",
            Self::Unchanged => "unchanged",
            Self::Unknown => "unknown",
        }
    }
}

/// One component's cost before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ComponentDiff {
    /// Component id.
    pub id: String,
    /// Added, removed, changed or unchanged.
    pub change: Change,
    /// Monthly cost over every environment priced in the base; `None` when
    /// the base does not have the component.
    pub base: Option<Money>,
    /// The same in the head.
    pub head: Option<Money>,
    /// `head − base` of what was priced (a missing side counts as zero).
    pub delta: Money,
    /// Whether the two sides price the same items, so `delta` is the
    /// component's change; `false` when something is priced on one side
    /// only, or an added or removed component has unpriced items.
    pub comparable: bool,
    /// Items of this component the catalog could not price, per side.
    pub unpriced: UnpricedCounts,
    /// The priced lines that differ; unchanged lines are left out.
    pub lines: Vec<LineDiff>,
}

/// Unpriced item counts of the two sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnpricedCounts {
    /// In the base.
    pub base: usize,
    /// In the head.
    pub head: usize,
}

/// One priced line that differs between the sides.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LineDiff {
    /// Environment.
    pub environment: String,
    /// Catalog price id, which pairs the lines of the two sides.
    pub price_id: String,
    /// Added, removed or changed.
    pub change: Change,
    /// The line in the base.
    pub base: Option<UsageLine>,
    /// The line in the head.
    pub head: Option<UsageLine>,
    /// `head − base` of the line's monthly cost.
    pub delta: Money,
}

/// A line's identity across the sides: environment, price id and which
/// occurrence of that price it is (two node pools can use one VM price).
type LineKey = (String, String, usize);

/// What one side knows about a component.
#[derive(Default)]
struct Seen<'a> {
    present: bool,
    monthly: i64,
    unpriced: usize,
    lines: BTreeMap<LineKey, &'a UsageLine>,
}

/// Compares two estimates.
pub fn diff(base: &CostEstimate, head: &CostEstimate) -> CostDiff {
    let mut by_id: BTreeMap<&str, [Seen<'_>; 2]> = BTreeMap::new();
    for (side, estimate) in [base, head].into_iter().enumerate() {
        let mut occurrences: BTreeMap<(&str, &str, &str), usize> = BTreeMap::new();
        for entry in &estimate.breakdown {
            let seen = &mut by_id.entry(&entry.component).or_default()[side];
            seen.present = true;
            seen.monthly += entry.monthly_cost.cents();
            for line in &entry.usage {
                let count = occurrences
                    .entry((&entry.component, &entry.environment, &line.price_id))
                    .or_default();
                let key = (entry.environment.clone(), line.price_id.clone(), *count);
                *count += 1;
                seen.lines.insert(key, line);
            }
        }
        // A component the catalog cannot price at all is still part of the
        // plan: an added messaging component shows as added, at zero.
        for item in &estimate.unpriced {
            let seen = &mut by_id.entry(&item.component).or_default()[side];
            seen.present = true;
            seen.unpriced += 1;
        }
    }
    let env_rank = |name: &str| {
        let position =
            |estimate: &CostEstimate| estimate.environments.iter().position(|e| e.name == name);
        position(head)
            .or_else(|| position(base).map(|p| p + head.environments.len()))
            .unwrap_or(usize::MAX)
    };
    let mut components: Vec<ComponentDiff> = by_id
        .into_iter()
        .map(|(id, [old, new])| component(id, &old, &new, &env_rank))
        .collect();
    components.sort_by(|a, b| {
        b.delta
            .cents()
            .unsigned_abs()
            .cmp(&a.delta.cents().unsigned_abs())
            .then_with(|| a.id.cmp(&b.id))
    });
    // The headline covers only what both sides price alike: a component
    // that drops out of pricing would otherwise read as a saving.
    let comparable = || components.iter().filter(|c| c.comparable);
    let monthly = sum(comparable().map(|c| c.delta));
    let comparable_base = sum(comparable().filter_map(|c| c.base));
    let excluded = components
        .iter()
        .filter(|c| !c.comparable)
        .map(|c| c.id.clone())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    CostDiff {
        base: side(base),
        head: side(head),
        delta: TotalDelta {
            monthly,
            percentage: (comparable_base.cents() != 0)
                .then(|| percentage(monthly, comparable_base)),
            excluded,
        },
        components,
    }
}

fn side(estimate: &CostEstimate) -> DiffSide {
    DiffSide {
        plan: estimate.plan.clone(),
        total: estimate.total.clone(),
        unpriced: estimate.unpriced.len(),
        prices: estimate.prices.clone(),
    }
}

fn component(
    id: &str,
    old: &Seen<'_>,
    new: &Seen<'_>,
    env_rank: &impl Fn(&str) -> usize,
) -> ComponentDiff {
    let amount = |seen: &Seen<'_>| seen.present.then(|| Money::from_cents(seen.monthly));
    let (base, head) = (amount(old), amount(new));
    let mut lines = line_diffs(&old.lines, &new.lines);
    lines.sort_by(|a, b| {
        env_rank(&a.environment)
            .cmp(&env_rank(&b.environment))
            .then_with(|| {
                b.delta
                    .cents()
                    .unsigned_abs()
                    .cmp(&a.delta.cents().unsigned_abs())
            })
            .then_with(|| a.price_id.cmp(&b.price_id))
    });
    let comparable = old.unpriced == new.unpriced;
    let change = match (base, head) {
        (None, _) => Change::Added,
        (_, None) => Change::Removed,
        _ if !comparable => Change::Unknown,
        (Some(before), Some(after)) if before != after || !lines.is_empty() => Change::Changed,
        _ => Change::Unchanged,
    };
    ComponentDiff {
        id: id.to_owned(),
        change,
        base,
        head,
        delta: Money::from_cents(new.monthly - old.monthly),
        comparable,
        unpriced: UnpricedCounts {
            base: old.unpriced,
            head: new.unpriced,
        },
        lines,
    }
}

/// The lines that differ, paired by [`LineKey`].
fn line_diffs(
    old: &BTreeMap<LineKey, &UsageLine>,
    new: &BTreeMap<LineKey, &UsageLine>,
) -> Vec<LineDiff> {
    let mut keys: Vec<&LineKey> = old.keys().chain(new.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter_map(|key| {
            let (before, after) = (old.get(key).copied(), new.get(key).copied());
            let change = match (before, after) {
                (None, _) => Change::Added,
                (_, None) => Change::Removed,
                (Some(b), Some(a))
                    if b.metric != a.metric
                        || b.quantity != a.quantity
                        || b.monthly_cost != a.monthly_cost =>
                {
                    Change::Changed
                }
                _ => return None,
            };
            let cost = |line: Option<&UsageLine>| line.map_or(0, |l| l.monthly_cost.cents());
            Some(LineDiff {
                environment: key.0.clone(),
                price_id: key.1.clone(),
                change,
                base: before.cloned(),
                head: after.cloned(),
                delta: Money::from_cents(cost(after) - cost(before)),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::pricing::{Confidence, Price};
    use crate::engine::cost::quantity::{Quantity, sum};
    use crate::engine::cost::report::{Bucket, CostBreakdown, UnpricedItem};
    use crate::plan::CloudProvider;

    /// (environment, component, [(price id, quantity, cents)]).
    type Entry<'a> = (&'a str, &'a str, &'a [(&'a str, i64, i64)]);

    fn estimate(entries: &[Entry<'_>], unpriced: &[(&str, &str)]) -> CostEstimate {
        let breakdown: Vec<CostBreakdown> = entries
            .iter()
            .map(|(env, id, lines)| {
                let usage: Vec<UsageLine> = lines
                    .iter()
                    .map(|(price, quantity, cents)| UsageLine {
                        metric: format!("{price} × {quantity}"),
                        quantity: Quantity::whole(*quantity),
                        unit: "hour".to_owned(),
                        unit_price: Price::default(),
                        monthly_cost: Money::from_cents(*cents),
                        bucket: Bucket::Compute,
                        commitment: None,
                        sustained_use: None,
                        price_id: (*price).to_owned(),
                        confidence: Confidence::High,
                        as_of: "2025-01-01".to_owned(),
                    })
                    .collect();
                CostBreakdown {
                    component: (*id).to_owned(),
                    name: (*id).to_owned(),
                    environment: (*env).to_owned(),
                    category: "compute".to_owned(),
                    service: "VM".to_owned(),
                    provider: CloudProvider::Aws,
                    region: "us-east-1".to_owned(),
                    tier: String::new(),
                    monthly_cost: sum(usage.iter().map(|l| l.monthly_cost)),
                    percentage_of_total: 0.0,
                    usage,
                    notes: Vec::new(),
                }
            })
            .collect();
        let total = sum(breakdown.iter().map(|b| b.monthly_cost));
        CostEstimate {
            plan: "shop".to_owned(),
            total: Total::monthly(total, "USD"),
            environments: Vec::new(),
            breakdown,
            drivers: Vec::new(),
            optimizations: Vec::new(),
            unpriced: unpriced
                .iter()
                .map(|(env, id)| UnpricedItem {
                    component: (*id).to_owned(),
                    environment: (*env).to_owned(),
                    item: (*id).to_owned(),
                    reason: "no price".to_owned(),
                })
                .collect(),
            confidence: Confidence::High,
            assumptions: Vec::new(),
            prices: PriceBasis::default(),
        }
    }

    fn find<'a>(diff: &'a CostDiff, id: &str) -> &'a ComponentDiff {
        diff.components.iter().find(|c| c.id == id).unwrap()
    }

    #[test]
    fn components_are_added_removed_changed_or_unchanged() {
        let base = estimate(
            &[
                ("prod", "api", &[("vm", 3, 30_000), ("disk", 3, 1_200)]),
                ("dev", "api", &[("vm", 1, 10_000)]),
                ("prod", "cache", &[("redis", 2, 8_000)]),
                ("prod", "old-db", &[("db", 1, 20_050)]),
            ],
            &[("prod", "queue")],
        );
        let head = estimate(
            &[
                ("prod", "api", &[("vm", 5, 50_000), ("disk", 3, 1_200)]),
                ("dev", "api", &[("vm", 1, 10_000)]),
                ("prod", "cache", &[("redis", 2, 8_000)]),
                ("prod", "lake", &[("s3", 100, 2_301)]),
            ],
            &[("prod", "queue"), ("prod", "lambda")],
        );
        let diff = diff(&base, &head);
        let api = find(&diff, "api");
        assert_eq!(api.change, Change::Changed);
        assert_eq!(api.base, Some(Money::from_cents(41_200)));
        assert_eq!(api.head, Some(Money::from_cents(61_200)));
        assert_eq!(api.delta.cents(), 20_000);
        // Only the prod VM line moved; the disk and the dev VM did not.
        assert_eq!(api.lines.len(), 1);
        assert_eq!(api.lines[0].environment, "prod");
        assert_eq!(api.lines[0].price_id, "vm");
        assert_eq!(api.lines[0].delta.cents(), 20_000);
        assert_eq!(find(&diff, "cache").change, Change::Unchanged);
        assert_eq!(find(&diff, "queue").change, Change::Unchanged);
        let old = find(&diff, "old-db");
        assert_eq!(
            (old.change, old.head, old.delta.cents()),
            (Change::Removed, None, -20_050)
        );
        let lake = find(&diff, "lake");
        assert_eq!((lake.change, lake.base), (Change::Added, None));
        let lambda = find(&diff, "lambda");
        assert_eq!(lambda.change, Change::Added);
        assert_eq!(lambda.head, Some(Money::default()));
        assert_eq!((lambda.unpriced.base, lambda.unpriced.head), (0, 1));
        assert!(
            !lambda.comparable,
            "added with an unpriced item: its cost is unknown"
        );
        assert_eq!(diff.delta.excluded, ["lambda"]);
        assert_eq!((diff.base.unpriced, diff.head.unpriced), (1, 2));
        // Largest absolute delta first, ties by id.
        let order: Vec<&str> = diff.components.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(order, ["old-db", "api", "lake", "cache", "lambda", "queue"]);
    }

    #[test]
    fn total_delta_is_the_sum_of_component_deltas_in_exact_cents() {
        let base = estimate(
            &[
                ("prod", "a", &[("x", 1, 12_345)]),
                ("prod", "b", &[("y", 1, 1)]),
            ],
            &[],
        );
        let head = estimate(
            &[
                ("prod", "a", &[("x", 2, 24_691)]),
                ("prod", "c", &[("z", 1, 99)]),
            ],
            &[],
        );
        let diff = diff(&base, &head);
        assert_eq!(diff.delta.monthly.cents(), 24_691 + 99 - 12_345 - 1);
        assert_eq!(
            sum(diff.components.iter().map(|c| c.delta)),
            diff.delta.monthly
        );
        assert_eq!(diff.delta.percentage, Some(100.8));
    }

    #[test]
    fn a_component_that_drops_out_of_pricing_is_unknown_not_a_saving() {
        // The database moves to a SKU the catalog lacks: its instance line
        // becomes an unpriced item, which must not read as a 582.56 saving.
        let base = estimate(
            &[
                ("prod", "db", &[("rds", 1, 58_256), ("storage", 100, 1_150)]),
                ("prod", "api", &[("vm", 2, 14_016)]),
            ],
            &[],
        );
        let head = estimate(
            &[
                ("prod", "db", &[("storage", 100, 1_150)]),
                ("prod", "api", &[("vm", 3, 21_024)]),
            ],
            &[("prod", "db")],
        );
        let diff = diff(&base, &head);
        let db = find(&diff, "db");
        assert_eq!(db.change, Change::Unknown);
        assert!(!db.comparable);
        assert_eq!(
            db.delta.cents(),
            -58_256,
            "what was priced, for the details"
        );
        // The headline covers api only: +70.08 on a base of 140.16.
        assert_eq!(diff.delta.monthly.cents(), 7_008);
        assert_eq!(diff.delta.percentage, Some(50.0));
        assert_eq!(diff.delta.excluded, ["db"]);
    }

    #[test]
    fn same_cost_with_different_lines_is_a_change() {
        let base = estimate(&[("prod", "a", &[("x", 2, 500)])], &[]);
        let head = estimate(&[("prod", "a", &[("y", 2, 500)])], &[]);
        let diff = diff(&base, &head);
        assert_eq!(diff.components[0].change, Change::Changed);
        assert_eq!(diff.components[0].delta.cents(), 0);
        let changes: Vec<Change> = diff.components[0].lines.iter().map(|l| l.change).collect();
        assert_eq!(changes, [Change::Removed, Change::Added]);
    }

    #[test]
    fn an_empty_base_has_no_percentage() {
        let base = estimate(&[], &[]);
        let head = estimate(&[("prod", "a", &[("x", 1, 100)])], &[]);
        let diff = diff(&base, &head);
        assert_eq!(diff.delta.monthly.cents(), 100);
        assert_eq!(diff.delta.percentage, None);
        let same = super::diff(&head, &head);
        assert_eq!(same.delta.percentage, Some(0.0));
        assert!(
            same.components
                .iter()
                .all(|c| c.change == Change::Unchanged)
        );
    }
}
