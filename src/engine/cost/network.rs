//! Pricing rules for networks and load balancers: internet egress through
//! the provider's volume tiers, NAT gateways, VPN, and load-balancer hours,
//! capacity units, rules and data processed.

use super::context::{Priced, PricingContext};
use super::quantity::Quantity;
use super::report::Bucket;
use crate::plan::component::{LoadBalancerConfig, LoadBalancerKind, NetworkConfig};

/// Prices `gb` of internet egress through the provider's volume tiers.
/// The tiers apply to the month's total for the provider and region: this
/// component's GB follow those of the components priced before it, so the
/// free allowance (GB below the first tier's start) is granted once and
/// volume discounts apply to the pooled total.
pub fn internet_egress(ctx: &PricingContext<'_>, gb: f64, out: &mut Priced) {
    if gb <= 0.0 {
        return;
    }
    let tiers = ctx.book.gb_tiers(&ctx.rules.egress);
    if tiers.is_empty() {
        out.unpriced(
            format!("internet egress {gb} GB"),
            ctx.book.missing(&ctx.rules.egress, "internet egress"),
        );
        return;
    }
    let start = ctx.egress_used.get();
    let end = start + gb;
    ctx.egress_used.set(end);
    let above = tiered_gb(&tiers, start, end, "internet egress", out);
    #[allow(clippy::cast_precision_loss)]
    if let Some(first) = tiers
        .first()
        .and_then(|p| p.attributes.tier_from_gb)
        .filter(|f| *f > 0)
    {
        let free = (end.min(first as f64) - start).max(0.0);
        if free > 0.0 {
            out.note(format!(
                "{free} GB of egress fall in the first {first} GB a month, free on {}.",
                ctx.book.provider.as_str()
            ));
        }
    }
    if let Some((last, above)) = above {
        out.unpriced(
            format!("internet egress above {last} GB a month ({above} GB)"),
            ctx.book
                .missing(&ctx.rules.egress, "egress tier above the catalog's last"),
        );
    }
}

/// Prices the GB from `start` to `end` of a month's volume through `tiers`
/// (sorted by `tierFromGb`; a price without one starts at 0), one line per
/// tier touched, labelled `label (sku)`. Returns the catalog's last tier
/// bound and the GB above it, which no price covers.
pub fn tiered_gb(
    tiers: &[&crate::catalog::pricing::PriceEntry],
    start: f64,
    end: f64,
    label: &str,
    out: &mut Priced,
) -> Option<(u64, f64)> {
    let overlap = |from: f64, to: f64| (end.min(to) - start.max(from)).max(0.0);
    #[allow(clippy::cast_precision_loss)]
    for price in tiers {
        let from = price.attributes.tier_from_gb.unwrap_or(0) as f64;
        let to = price
            .attributes
            .tier_to_gb
            .map_or(f64::INFINITY, |t| t as f64);
        let in_tier = overlap(from, to);
        if in_tier > 0.0 {
            out.line(
                format!("{label} ({})", price.sku),
                Quantity::from_f64(in_tier),
                price,
                Bucket::Network,
                None,
            );
        }
    }
    let last = tiers.last().and_then(|p| p.attributes.tier_to_gb)?;
    #[allow(clippy::cast_precision_loss)]
    let above = overlap(last as f64, f64::INFINITY);
    (above > 0.0).then_some((last, above))
}

/// Prices a `network` section: NAT gateways, egress, VPN.
pub fn network(ctx: &PricingContext<'_>, config: &NetworkConfig, out: &mut Priced) {
    if let Some(nat) = config.nat_gateways.filter(|n| *n > 0) {
        match ctx.book.find(&ctx.rules.nat_gateway) {
            Ok(price) => out.line(
                format!("NAT gateway × {nat}"),
                ctx.env.hours_of(nat),
                price,
                Bucket::Network,
                None,
            ),
            Err(reason) => out.unpriced(format!("NAT gateway × {nat}"), reason),
        }
        out.note("NAT data-processing charges are not priced.");
    }
    if let Some(egress) = config.egress_gb_per_month {
        internet_egress(ctx, ctx.env.volume(egress), out);
    }
    if config.vpn == Some(true) {
        vpn_gateway(ctx, out);
    }
}

/// A site-to-site VPN gateway, as the billing rules say one is billed.
fn vpn_gateway(ctx: &PricingContext<'_>, out: &mut Priced) {
    let Some(product) = &ctx.rules.vpn_gateway else {
        out.unpriced(
            "site-to-site VPN gateway",
            format!(
                "the catalog has no {} VPN gateway price",
                ctx.book.provider.as_str()
            ),
        );
        return;
    };
    let label = if product.units == 1 {
        "site-to-site VPN gateway".to_owned()
    } else {
        format!("site-to-site VPN gateway ({} units)", product.units)
    };
    match ctx.book.find(&product.hourly) {
        Ok(price) => {
            out.line(
                label,
                ctx.env.hours_of(product.units),
                price,
                Bucket::Network,
                None,
            );
            out.note(product.note.clone());
        }
        Err(reason) => out.unpriced(label, reason),
    }
}

/// Prices a `loadBalancer` section.
pub fn load_balancer(ctx: &PricingContext<'_>, config: &LoadBalancerConfig, out: &mut Priced) {
    let kind = match config.kind {
        LoadBalancerKind::Application => "application",
        LoadBalancerKind::Network => "network",
    };
    let Some(product) = ctx.rules.load_balancers.get(kind) else {
        out.unpriced(
            format!("{kind} load balancer"),
            "no billing rule for this kind",
        );
        return;
    };
    let data_gb = ctx
        .env
        .volume(config.data_processed_gb_per_month.unwrap_or(0.0));
    let rules = config.rules.unwrap_or(1);
    let mut priced =
        |label: String, sku: &crate::catalog::billing::SkuRef, quantity: Quantity| match ctx
            .book
            .find(sku)
        {
            Ok(price) => {
                out.tier(&price.service);
                out.line(label, quantity, price, Bucket::Network, None);
            }
            Err(reason) => out.unpriced(label, reason),
        };
    let waf = config.waf == Some(true);
    let waf_product = product.waf.as_ref().filter(|_| waf);
    // Azure's WAF_v2 gateway replaces the Standard_v2 prices.
    let hourly = waf_product
        .and_then(|w| w.hourly.as_ref())
        .or(product.hourly.as_ref());
    let capacity_unit = waf_product
        .and_then(|w| w.capacity_unit.as_ref())
        .or(product.capacity_unit.as_ref());
    let with_waf = if waf_product.is_some_and(|w| w.hourly.is_some()) {
        " with WAF"
    } else {
        ""
    };
    if let Some(sku) = hourly {
        priced(
            format!("{kind} load balancer{with_waf}"),
            sku,
            ctx.env.hours_of(1),
        );
    }
    if let Some(sku) = capacity_unit {
        // One capacity unit covers 1 GB processed an hour, so a month's
        // GB processed is that many capacity-unit-hours when bytes dominate.
        priced(
            format!("capacity units for {data_gb} GB processed"),
            sku,
            Quantity::from_f64(data_gb),
        );
    }
    if let Some(sku) = &product.rule {
        priced(
            format!("{rules} rule{}", if rules == 1 { "" } else { "s" }),
            sku,
            ctx.env.hours_of(rules),
        );
    }
    if let Some(sku) = &product.data_processed {
        priced(
            format!("{data_gb} GB processed"),
            sku,
            Quantity::from_f64(data_gb),
        );
    }
    match waf_product {
        Some(rules_of_waf) => {
            if let Some(sku) = &rules_of_waf.policy_month {
                priced(
                    "web application firewall policy".to_owned(),
                    sku,
                    Quantity::whole(1),
                );
            }
            if let Some(sku) = &rules_of_waf.rule_month {
                priced(
                    format!("{rules} WAF rule{}", if rules == 1 { "" } else { "s" }),
                    sku,
                    Quantity::whole(i64::from(rules)),
                );
            }
            if rules_of_waf.requests.is_some() {
                out.unpriced(
                    "WAF requests inspected",
                    "the plan states no request count for the load balancer; the firewall also bills per million requests",
                );
            }
        }
        None if waf => out.unpriced(
            "web application firewall",
            format!(
                "the catalog has no {} WAF price",
                ctx.book.provider.as_str()
            ),
        ),
        None => {}
    }
}
