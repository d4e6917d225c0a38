//! Pricing rules for content delivery: data delivered through the CDN's own
//! volume tiers (per CDN component, since each provider tiers a CDN's
//! delivery apart from its other egress), HTTP requests, and a base fee.

use super::context::{Priced, PricingContext};
use super::network::tiered_gb;
use super::quantity::Quantity;
use super::report::Bucket;
use crate::plan::component::CdnConfig;

/// Prices a `cdn` section.
pub fn cdn(ctx: &PricingContext<'_>, config: &CdnConfig, out: &mut Priced) {
    let Some(rules) = &ctx.rules.cdn else {
        out.unpriced("CDN", ctx.no_rule("CDN"));
        return;
    };
    out.tier(&rules.name);
    if let Some(base) = &rules.base {
        match ctx.book.find(base) {
            Ok(price) => out.line(
                format!("{} base fee", rules.name),
                Quantity::whole(1),
                price,
                Bucket::Other,
                None,
            ),
            Err(reason) => out.unpriced("base fee", reason),
        }
    }
    let gb = ctx.env.volume(config.egress_gb_per_month);
    if gb > 0.0 {
        let tiers = ctx.book.gb_prices(&rules.egress);
        if tiers.is_empty() {
            out.unpriced(
                format!("data delivered {} GB", Quantity::from_f64(gb)),
                ctx.book.missing(&rules.egress, "data transfer out"),
            );
        } else if let Some((last, above)) = tiered_gb(&tiers, 0.0, gb, "data delivered", out) {
            out.unpriced(
                format!("data delivered above {last} GB a month ({above} GB)"),
                ctx.book
                    .missing(&rules.egress, "delivery tier above the catalog's last"),
            );
        }
    }
    if let (Some(requests), Some(sku)) = (config.requests_per_month, &rules.requests) {
        #[allow(clippy::cast_precision_loss)]
        let count = ctx.env.volume(requests as f64);
        match ctx.book.find(sku) {
            Ok(price) => out.line(
                format!("{} requests", Quantity::from_f64(count)),
                Quantity::from_f64(count / price.unit.count_per_unit()),
                price,
                Bucket::Network,
                None,
            ),
            Err(reason) => out.unpriced("requests", reason),
        }
    }
    out.note(format!(
        "{}: delivery priced through its own volume tiers for North America and Europe; other zones cost more ({}).",
        rules.name, rules.source
    ));
}
