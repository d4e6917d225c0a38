//! What the cost engines return. Field names mirror the specification's
//! `CostEstimate`, `CostBreakdown`, `CostDriver` and `CostOptimization` so
//! the JSON output reads like the spec (`total.monthly`,
//! `breakdown[].monthlyCost`).

use serde::Serialize;

use super::quantity::Quantity;
use crate::catalog::pricing::{Confidence, Price};
use crate::plan::CloudProvider;
use crate::plan::money::Money;

/// A priced estimate of a plan (the specification's `CostEstimate`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CostEstimate {
    /// The plan's name.
    pub plan: String,
    /// Monthly and yearly totals over every environment priced.
    pub total: Total,
    /// Each environment priced and its monthly total.
    pub environments: Vec<EnvironmentCost>,
    /// One entry per component and environment, most expensive first.
    pub breakdown: Vec<CostBreakdown>,
    /// The components that make up most of the cost.
    pub drivers: Vec<CostDriver>,
    /// Ways to spend less, largest saving first.
    pub optimizations: Vec<CostOptimization>,
    /// What the catalog has no price for; never guessed, never in the total.
    pub unpriced: Vec<UnpricedItem>,
    /// The lowest confidence of the prices used (one step lower when something is unpriced).
    pub confidence: Confidence,
    /// What the numbers assume.
    pub assumptions: Vec<String>,
    /// The dates and sources of the prices used.
    pub prices: PriceBasis,
}

/// Monthly and yearly totals.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Total {
    /// Sum of every breakdown entry.
    pub monthly: Money,
    /// Twelve months.
    pub yearly: Money,
    /// Currency code.
    pub currency: String,
}

impl Total {
    /// A total from its monthly amount.
    pub fn monthly(monthly: Money, currency: &str) -> Self {
        Self {
            monthly,
            yearly: Money::from_cents(monthly.cents() * 12),
            currency: currency.to_owned(),
        }
    }
}

/// One environment's share.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EnvironmentCost {
    /// Environment name.
    pub name: String,
    /// Share of production it runs.
    pub scale: f64,
    /// Hours a month it runs.
    pub hours_per_month: u32,
    /// Its monthly total.
    pub monthly_cost: Money,
    /// Share of the plan's total, percent.
    pub percentage_of_total: f64,
}

/// What one component costs in one environment (the specification's `CostBreakdown`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CostBreakdown {
    /// Component id.
    pub component: String,
    /// Component display name.
    pub name: String,
    /// Environment.
    pub environment: String,
    /// Component type (`database`, `container_cluster`, …).
    pub category: String,
    /// Provider service(s) priced.
    pub service: String,
    /// Provider.
    pub provider: CloudProvider,
    /// Region priced.
    pub region: String,
    /// SKU or tier priced.
    pub tier: String,
    /// Sum of the usage lines.
    pub monthly_cost: Money,
    /// Share of the plan's total, percent.
    pub percentage_of_total: f64,
    /// Priced usage: quantity × unit price.
    pub usage: Vec<UsageLine>,
    /// How the plan was mapped to prices (which SKU was picked and why).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// Where a line's cost falls in a provider comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Bucket {
    /// Instances, nodes, vCPU and memory, control planes.
    Compute,
    /// Disks, database and object storage, IOPS.
    Storage,
    /// Egress, load balancers, NAT, requests.
    Network,
    /// Backup storage.
    Backup,
    /// Request units and anything else.
    Other,
}

pub use crate::catalog::billing::Commitment;

/// One priced quantity.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UsageLine {
    /// What is measured, e.g. `Standard_D4s_v5 × 3 nodes`.
    pub metric: String,
    /// How much.
    pub quantity: Quantity,
    /// Billing unit, as in the catalog (`hour`, `gb-month`).
    pub unit: String,
    /// Price per unit.
    pub unit_price: Price,
    /// `quantity × unitPrice`, rounded to cents.
    pub monthly_cost: Money,
    /// Comparison bucket.
    pub bucket: Bucket,
    /// Commitment discount the line can take, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commitment: Option<Commitment>,
    /// Share of list price billed after an automatic sustained-use discount
    /// (GCP: 0.8 for a full month of N2), which committed use forfeits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sustained_use: Option<f64>,
    /// Catalog price id.
    pub price_id: String,
    /// Confidence of that price.
    pub confidence: Confidence,
    /// Its as-of date.
    pub as_of: String,
}

/// A component that drives cost (the specification's `CostDriver`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CostDriver {
    /// Component id.
    pub name: String,
    /// `high` at 25% of the total or more, `medium` at 10%, else `low`.
    pub impact: Level,
    /// What makes it cost this much.
    pub description: String,
    /// Its monthly cost over every environment.
    pub current_cost: Money,
    /// Share of the total, percent.
    pub percentage_of_total: f64,
}

/// Low, medium or high.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Level {
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
}

impl Level {
    /// The word.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
        }
    }
}

/// A way to spend less (the specification's `CostOptimization`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CostOptimization {
    /// Stable id, e.g. `commit-3y-compute`.
    pub id: String,
    /// Short name.
    pub name: String,
    /// What to change and why it saves.
    pub description: String,
    /// The saving.
    pub estimated_savings: Savings,
    /// Work to implement.
    pub effort: Level,
    /// Risk of implementing.
    pub risk: Level,
    /// Steps.
    pub actions: Vec<String>,
    /// What is given up.
    pub tradeoffs: Vec<String>,
}

/// A monthly saving and its share of the total.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Savings {
    /// Per month.
    pub monthly: Money,
    /// Share of the plan's monthly total, percent.
    pub percentage: f64,
}

/// Something the catalog cannot price.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnpricedItem {
    /// Component id.
    pub component: String,
    /// Environment.
    pub environment: String,
    /// What is not priced.
    pub item: String,
    /// Why, and how to add a price.
    pub reason: String,
}

/// Dates and sources of the prices a report used.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PriceBasis {
    /// Oldest as-of date among the prices used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oldest_as_of: Option<String>,
    /// Newest as-of date among the prices used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub newest_as_of: Option<String>,
    /// Distinct catalog prices used.
    pub prices_used: usize,
    /// Of those, how many at each confidence.
    pub by_confidence: ConfidenceCounts,
    /// The age limit checked (`--max-price-age`), when one was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_age_days: Option<u32>,
    /// Prices used that are older than `max_age_days`, oldest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stale: Vec<super::staleness::StalePrice>,
}

/// Price counts by confidence.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConfidenceCounts {
    /// High.
    pub high: usize,
    /// Medium.
    pub medium: usize,
    /// Low.
    pub low: usize,
}
