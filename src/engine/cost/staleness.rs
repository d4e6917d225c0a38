//! Prices older than the team accepts. A report states the dates of the
//! prices it used; this names the ones past `--max-price-age`, so an old
//! catalog cannot pass for a current one.

use std::collections::BTreeMap;

use serde::Serialize;

use super::report::CostBreakdown;
use crate::plan::quantity::days_since_epoch;

/// The age limit for prices, and the day to measure from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PriceAge {
    /// Today, in days since 1970-01-01 (the caller's clock: engines have none).
    pub today: i64,
    /// Prices older than this many days are reported.
    pub max_days: u32,
}

/// A price used that is older than the limit.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StalePrice {
    /// The date the price's source states.
    pub as_of: String,
    /// Catalog price id.
    pub price_id: String,
    /// Days between `as_of` and today.
    pub age_days: i64,
}

/// The distinct prices of `breakdown` older than `age` allows, oldest first.
pub fn stale_prices(breakdown: &[CostBreakdown], age: PriceAge) -> Vec<StalePrice> {
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for line in breakdown.iter().flat_map(|b| &b.usage) {
        seen.insert(&line.price_id, &line.as_of);
    }
    let mut stale: Vec<StalePrice> = seen
        .into_iter()
        .filter_map(|(id, as_of)| {
            let age_days = age.today - days_since_epoch(as_of)?;
            (age_days > i64::from(age.max_days)).then(|| StalePrice {
                as_of: as_of.to_owned(),
                price_id: id.to_owned(),
                age_days,
            })
        })
        .collect();
    stale.sort();
    stale
}
