//! Pricing models for caches: ElastiCache-style nodes (a primary plus
//! replicas), Azure-style tiers whose price covers their nodes, and
//! Memorystore-style capacity bands billed per GB-hour.

use super::context::{Priced, PricingContext};
use super::database::{DatabaseRequest, plural};
use super::quantity::Quantity;
use super::report::{Bucket, Commitment};
use crate::catalog::billing::DatabaseProduct;
use crate::catalog::pricing::{PriceEntry, PriceUnit};

/// How a cache is sized: a named tier the catalog prices, or memory to fit.
enum CacheSize<'a> {
    Named(&'a PriceEntry),
    Memory(f64),
}

/// The plan's cache tier (priced) or memory; `None` after recording why
/// neither can be used.
fn cache_size<'a>(
    ctx: &PricingContext<'a>,
    product: &DatabaseProduct,
    request: &DatabaseRequest,
    out: &mut Priced,
) -> Option<CacheSize<'a>> {
    if let Some(tier) = &request.tier {
        return match ctx.book.instance(&product.service, tier, &[]) {
            Ok(price) => Some(CacheSize::Named(price)),
            Err(reason) => {
                out.unpriced(format!("{} {tier}", product.service), reason);
                None
            }
        };
    }
    if let Some(memory) = request.memory_gib {
        return Some(CacheSize::Memory(memory));
    }
    out.unpriced(
        product.service.clone(),
        "no memory size: give deployment.sizing.memory or redis.maxMemory",
    );
    None
}

/// Node-priced caches (ElastiCache): a primary plus replicas, each a node-hour;
/// HA without replicas adds one replica.
pub(super) fn cache_nodes(
    ctx: &PricingContext<'_>,
    product: &DatabaseProduct,
    request: &DatabaseRequest,
    out: &mut Priced,
) {
    let price = match cache_size(ctx, product, request, out) {
        None => return,
        Some(CacheSize::Named(price)) => price,
        Some(CacheSize::Memory(memory)) => {
            let Some(price) = ctx
                .book
                .cheapest_fit(&product.service, None, Some(memory), None)
            else {
                out.unpriced(
                    format!("{} ({memory:.2} GiB)", product.service),
                    format!("the catalog has no {} node that large", product.service),
                );
                return;
            };
            out.note(format!(
                "{memory:.2} GiB → {} {}, the cheapest node with at least that memory.",
                product.service, price.sku
            ));
            price
        }
    };
    out.tier(&price.sku);
    let replicas = request.replicas.max(u32::from(request.ha));
    // Each shard is a primary with its replicas.
    let nodes = (1 + ctx.env.count(replicas)) * request.shards.max(1);
    if request.ha && request.replicas == 0 {
        out.note("High availability: one replica node in another zone, billed like the primary.");
    }
    if let Some(alternative) = &product.cheaper_alternative
        && let Ok(cheaper) = ctx.book.find_in(&alternative.service, &price.sku)
    {
        ctx.offer_cheaper(
            out,
            &alternative.name,
            ctx.env.hours_of(nodes),
            price,
            cheaper,
            alternative.tradeoffs.clone(),
        );
    }
    let shards = if request.shards > 1 {
        format!(", {} shards", request.shards)
    } else {
        String::new()
    };
    out.line(
        format!(
            "{} × {nodes} node{} (primary{}{shards})",
            price.sku,
            plural(nodes),
            if nodes > request.shards {
                " + replicas"
            } else {
                ""
            }
        ),
        ctx.env.hours_of(nodes),
        price,
        Bucket::Compute,
        Some(Commitment::Cache),
    );
}

/// Tier-priced caches (Azure Cache for Redis): the smallest tier with the
/// memory (and two nodes for HA), billed per node it runs.
pub(super) fn cache_tier(
    ctx: &PricingContext<'_>,
    product: &DatabaseProduct,
    request: &DatabaseRequest,
    out: &mut Priced,
) {
    let price = match cache_size(ctx, product, request, out) {
        None => return,
        Some(CacheSize::Named(price)) => price,
        Some(CacheSize::Memory(memory)) => {
            let min_nodes = if request.ha { 2 } else { 1 };
            let fit = ctx
                .book
                .cheapest_fit(&product.service, None, Some(memory), None)
                .filter(|p| p.attributes.nodes.unwrap_or(1) >= min_nodes)
                .or_else(|| {
                    // The cheapest fit may be single-node; look for a replicated one.
                    ctx.book
                        .entries()
                        .iter()
                        .copied()
                        .filter(|p| p.service == product.service)
                        .filter(|p| p.attributes.memory_gib.is_some_and(|m| m + 1e-9 >= memory))
                        .filter(|p| p.attributes.nodes.unwrap_or(1) >= min_nodes)
                        .min_by_key(|p| {
                            (
                                p.price_nanos() * i64::from(p.attributes.nodes.unwrap_or(1)),
                                p.sku.clone(),
                            )
                        })
                });
            let Some(price) = fit else {
                out.unpriced(
                    format!("{} ({memory:.2} GiB)", product.service),
                    format!("the catalog has no {} tier that large", product.service),
                );
                return;
            };
            out.note(format!(
                "{memory:.2} GiB{} → {} {}, the cheapest tier with at least that.",
                if request.ha { " with a replica" } else { "" },
                product.service,
                price.sku
            ));
            price
        }
    };
    out.tier(&price.sku);
    // A tier's price covers its nodes (primary and replica); each shard of a
    // clustered cache is one more of them.
    let nodes = if price.unit == PriceUnit::NodeHour {
        price.attributes.nodes.unwrap_or(1) * request.shards.max(1)
    } else {
        request.shards.max(1)
    };
    let shards = if request.shards > 1 {
        format!(", {} shards", request.shards)
    } else {
        String::new()
    };
    out.line(
        format!("{} ({nodes} node{}{shards})", price.sku, plural(nodes)),
        ctx.env.hours_of(nodes),
        price,
        Bucket::Compute,
        Some(Commitment::Cache),
    );
}

/// Capacity-priced caches (Memorystore): whole GB × hours at the band's
/// rate, Standard (replicated) for HA.
pub(super) fn capacity_bands(
    ctx: &PricingContext<'_>,
    product: &DatabaseProduct,
    request: &DatabaseRequest,
    out: &mut Priced,
) {
    let Some(memory) = request.memory_gib else {
        out.unpriced(
            product.service.clone(),
            "no memory size: give deployment.sizing.memory or redis.maxMemory",
        );
        return;
    };
    // Capacity is provisioned in whole GB.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let capacity = (memory - 1e-9).ceil().max(1.0) as u32;
    let Some(band) = product.bands.iter().find(|b| b.up_to_gb >= capacity) else {
        out.unpriced(
            format!("{} {capacity} GB", product.service),
            "larger than the catalog's capacity bands",
        );
        return;
    };
    let sku = if request.ha {
        &band.standard
    } else {
        &band.basic
    };
    if let Some(source) = &product.band_source {
        out.note(source.clone());
    }
    match ctx.book.find_in(&product.service, sku) {
        Ok(price) => {
            out.tier(&price.sku);
            out.line(
                format!("{sku}: {capacity} GB"),
                Quantity::whole(i64::from(capacity) * i64::from(ctx.env.hours)),
                price,
                Bucket::Compute,
                Some(Commitment::Cache),
            );
        }
        Err(reason) => out.unpriced(format!("{sku} {capacity} GB"), reason),
    }
}
