//! One database priced on its own, outside a plan: how `recommend-db`
//! prices a suggested size through the same billing rules as `cost estimate`.

use super::context::{EnvScale, Priced, PricingContext};
use super::pricebook::PriceBook;
use super::quantity::sum;
use super::report::{Total, UsageLine};
use super::{PRICE_CURRENCY, database, degrade};
use crate::catalog::Catalog;
use crate::catalog::pricing::Confidence;
use crate::plan::CloudProvider;

/// One database priced on its own: what `recommend-db` shows as a
/// recommendation's `estimatedCost`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DatabasePrice {
    /// Monthly and yearly totals of the priced lines.
    pub total: Total,
    /// Provider priced on.
    pub provider: CloudProvider,
    /// Region priced in.
    pub region: String,
    /// Service(s) priced.
    pub service: String,
    /// SKU or tier priced.
    pub tier: String,
    /// Priced usage lines.
    pub usage: Vec<UsageLine>,
    /// What could not be priced (not in the total).
    pub unpriced: Vec<String>,
    /// The lowest confidence of the prices used, one step lower when
    /// something is unpriced or a billing rule is an assumption.
    pub confidence: Confidence,
    /// How the request was mapped to prices.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl DatabasePrice {
    /// Whether every part was priced.
    pub fn is_complete(&self) -> bool {
        self.unpriced.is_empty() && !self.usage.is_empty()
    }
}

/// Prices one managed database of `technology` for `request` on
/// `provider`, in production (730 hours), in `region` or the provider's
/// default region from the billing rules.
pub fn price_database(
    catalog: &Catalog,
    provider: CloudProvider,
    region: Option<&str>,
    technology: &str,
    request: database::DatabaseRequest,
) -> DatabasePrice {
    let billing = catalog.billing();
    let region = region
        .map(str::to_owned)
        .or_else(|| billing.provider(provider).map(|r| r.default_region.clone()))
        .unwrap_or_default();
    let book = PriceBook::new(catalog, provider, &region);
    let env = EnvScale {
        name: "prod".to_owned(),
        scale: 1.0,
        hours: billing.hours_per_month,
    };
    let egress_used = std::cell::Cell::new(0.0);
    let mut out = Priced::default();
    match billing.provider(provider) {
        Some(rules) if book.has_region() => {
            let ctx = PricingContext {
                catalog,
                billing,
                rules,
                book: &book,
                env: &env,
                component: technology,
                egress_used: &egress_used,
            };
            // A suggested tier the catalog lacks is priced by its vCPU and memory.
            database::sized(&ctx, technology, request, false, &mut out);
        }
        _ => out.unpriced(
            technology.to_owned(),
            format!(
                "the catalog has no {} prices for region `{region}`",
                provider.as_str()
            ),
        ),
    }
    let confidence = degrade(
        out.lines.iter(),
        !out.unpriced.is_empty() || out.assumed_rule,
    );
    DatabasePrice {
        total: Total::monthly(
            sum(out.lines.iter().map(|l| l.monthly_cost)),
            PRICE_CURRENCY,
        ),
        provider,
        region,
        service: out.services.join(" + "),
        tier: out.tiers.join(", "),
        usage: out.lines,
        unpriced: out
            .unpriced
            .into_iter()
            .map(|(item, reason)| format!("{item}: {reason}"))
            .collect(),
        confidence,
        notes: out.notes,
    }
}
