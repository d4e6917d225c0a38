//! What pricing one component in one environment needs, and the priced
//! result it builds up line by line.

use super::pricebook::PriceBook;
use super::quantity::{Quantity, line_cost};
use super::report::{Bucket, Commitment, UsageLine};
use crate::catalog::Catalog;
use crate::catalog::billing::{BillingFile, ProviderBilling};
use crate::catalog::pricing::PriceEntry;

/// An environment as the pricing rules see it.
#[derive(Debug, Clone, PartialEq)]
pub struct EnvScale {
    /// Name.
    pub name: String,
    /// Multiplier on counts and volumes.
    pub scale: f64,
    /// Hours a month it runs.
    pub hours: u32,
}

impl EnvScale {
    /// `count` in this environment: scaled and rounded up, at least one
    /// when production has any (a staging cluster still has a node), zero
    /// only when the environment's scale is zero.
    pub fn count(&self, count: u32) -> u32 {
        if count == 0 || self.scale <= 0.0 {
            return 0;
        }
        // Scales are small positive numbers; the product fits easily.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let scaled = (f64::from(count) * self.scale - 1e-9).ceil().max(1.0) as u32;
        scaled
    }

    /// A monthly volume (requests, GB transferred) in this environment.
    pub fn volume(&self, production: f64) -> f64 {
        production * self.scale.max(0.0)
    }

    /// `units` running for this environment's hours.
    pub fn hours_of(&self, units: u32) -> Quantity {
        Quantity::whole(i64::from(units) * i64::from(self.hours))
    }
}

/// Inputs to the pricing rules for one component.
#[derive(Debug, Clone, Copy)]
pub struct PricingContext<'a> {
    /// Whole catalog (for translating SKUs named for another provider).
    pub catalog: &'a Catalog,
    /// Billing rules file.
    pub billing: &'a BillingFile,
    /// This provider's rules.
    pub rules: &'a ProviderBilling,
    /// This provider's prices in this region.
    pub book: &'a PriceBook<'a>,
    /// The environment.
    pub env: &'a EnvScale,
    /// Id of the component being priced.
    pub component: &'a str,
    /// GB of internet egress already priced this month for this provider
    /// and region, by the components priced before this one.
    pub egress_used: &'a std::cell::Cell<f64>,
}

impl PricingContext<'_> {
    /// Why nothing of `what` is priced: the billing rules have no product
    /// for it on this provider.
    pub fn no_rule(&self, what: &str) -> String {
        format!(
            "the billing rules have no {} {what} product; add one with --catalog (cost/billing.yaml)",
            self.book.provider.as_str()
        )
    }

    /// Records a cheaper SKU of the same shape for a line just priced.
    pub fn offer_cheaper(
        &self,
        out: &mut Priced,
        label: &str,
        quantity: Quantity,
        from: &PriceEntry,
        to: &PriceEntry,
        tradeoffs: Vec<String>,
    ) {
        let from_cost = line_cost(quantity, from.price);
        let to_cost = line_cost(quantity, to.price);
        if let Some(opportunity) = super::optimize::cheaper_sku(
            self.component,
            label,
            (&from.sku, from_cost),
            (&to.service, &to.sku, to_cost),
            tradeoffs,
        ) {
            out.opportunities.push(opportunity);
        }
    }
}

/// A component's priced lines, what could not be priced, and how it was mapped.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Priced {
    /// Services used, in order of first use.
    pub services: Vec<String>,
    /// SKUs or tiers, in order of first use.
    pub tiers: Vec<String>,
    /// Priced lines.
    pub lines: Vec<UsageLine>,
    /// (item, reason) pairs the catalog cannot price.
    pub unpriced: Vec<(String, String)>,
    /// Mapping notes.
    pub notes: Vec<String>,
    /// Lower confidence because a billing rule is an assumption.
    pub assumed_rule: bool,
    /// Savings found while pricing.
    pub opportunities: Vec<super::optimize::Opportunity>,
}

impl Priced {
    /// Adds a priced line for `quantity` of `price`.
    pub fn line(
        &mut self,
        metric: impl Into<String>,
        quantity: Quantity,
        price: &PriceEntry,
        bucket: Bucket,
        commitment: Option<Commitment>,
    ) {
        if quantity.is_zero() {
            return;
        }
        push_unique(&mut self.services, &price.service);
        self.lines.push(UsageLine {
            metric: metric.into(),
            quantity,
            unit: price.unit.as_str().to_owned(),
            unit_price: price.price,
            monthly_cost: line_cost(quantity, price.price),
            bucket,
            commitment,
            sustained_use: None,
            price_id: price.id.clone(),
            confidence: price.confidence,
            as_of: price.as_of.clone(),
        });
    }

    /// Records the SKU or tier a component runs on.
    pub fn tier(&mut self, tier: &str) {
        push_unique(&mut self.tiers, tier);
    }

    /// Records something the catalog cannot price.
    pub fn unpriced(&mut self, item: impl Into<String>, reason: impl Into<String>) {
        self.unpriced.push((item.into(), reason.into()));
    }

    /// Records a mapping note.
    pub fn note(&mut self, note: impl Into<String>) {
        let note = note.into();
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }
}

fn push_unique(list: &mut Vec<String>, value: &str) {
    if !list.iter().any(|v| v == value) {
        list.push(value.to_owned());
    }
}

/// Decimal GB to GiB, for prices billed per GiB.
pub fn gb_to_gib(gb: f64) -> f64 {
    gb * 1.0e9 / 1_073_741_824.0
}
