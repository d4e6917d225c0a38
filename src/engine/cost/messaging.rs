//! Pricing rules for managed messaging: requests per message and payload
//! chunk (SQS, SNS, Event Hubs ingress), capacity units per hour (Event Hubs
//! throughput units, Service Bus base charge or messaging units) and data
//! volume (Pub/Sub), as the billing rules name them. A technology the
//! provider does not run is priced as the alternative the rules name.

use super::context::{Priced, PricingContext};
use super::quantity::Quantity;
use super::report::Bucket;
use crate::catalog::billing::MessagingProduct;
use crate::plan::component::{MessagingConfig, MessagingTechnology};

/// Bytes in a TiB, the unit Pub/Sub bills.
const BYTES_PER_TIB: f64 = 1_099_511_627_776.0;

/// Prices a `messaging` section.
pub fn messaging(ctx: &PricingContext<'_>, config: &MessagingConfig, out: &mut Priced) {
    let technology = technology_id(config.technology);
    let Some(product) = product(ctx, technology, config.tier.as_deref(), out) else {
        out.unpriced(
            format!("{technology} messaging"),
            format!(
                "the catalog has no {} prices or billing rule for {technology} messaging; add them with --catalog (cost/billing.yaml)",
                ctx.book.provider.as_str()
            ),
        );
        return;
    };
    out.tier(&product.name);
    let hours = f64::from(ctx.env.hours);
    #[allow(clippy::cast_precision_loss)]
    let production = config
        .messages_per_month
        .map(|m| m as f64)
        .or_else(|| config.throughput_per_second.map(|r| r * 3600.0 * hours));
    let size_kb = config.message_size_kb.unwrap_or_else(|| {
        out.note("Message size not stated (messageSizeKB): 1 KB assumed.");
        1.0
    });
    if let Some(sku) = &product.hourly {
        let peak = config.throughput_per_second.map(|r| ctx.env.volume(r));
        let units = match (product.messages_per_second_per_unit, peak) {
            (Some(per_unit), Some(peak)) if per_unit > 0.0 => capacity_units(peak, per_unit),
            _ => 1,
        };
        match ctx.book.find(sku) {
            Ok(price) => out.line(
                format!("{} × {units}", price.sku),
                ctx.env.hours_of(units),
                price,
                Bucket::Compute,
                None,
            ),
            Err(reason) => out.unpriced(format!("{} capacity", product.name), reason),
        }
    }
    let Some(messages) = production.map(|m| ctx.env.volume(m)) else {
        if product.requests.is_some() || product.throughput.is_some() {
            out.unpriced(
                "messages",
                "neither messagesPerMonth nor throughputPerSecond is given, so usage cannot be priced",
            );
        }
        return;
    };
    if let Some(sku) = &product.requests {
        let chunks = product
            .chunk_kb
            .filter(|c| *c > 0.0)
            .map_or(1.0, |chunk| (size_kb / chunk).ceil().max(1.0));
        let requests = messages * product.requests_per_message * chunks;
        match ctx.book.find(sku) {
            Ok(price) => out.line(
                format!(
                    "{} requests ({} messages × {} × {chunks} chunk{})",
                    Quantity::from_f64(requests),
                    Quantity::from_f64(messages),
                    product.requests_per_message,
                    if chunks > 1.0 { "s" } else { "" }
                ),
                Quantity::from_f64(requests / price.unit.count_per_unit()),
                price,
                Bucket::Other,
                None,
            ),
            Err(reason) => out.unpriced("requests", reason),
        }
    }
    if let Some(sku) = &product.throughput {
        let billed_kb = size_kb.max(product.minimum_billed_kb.unwrap_or(0.0));
        let tib = messages * billed_kb * 1000.0 * product.billed_transfers / BYTES_PER_TIB;
        match ctx.book.find(sku) {
            Ok(price) => out.line(
                format!(
                    "{} messages × {billed_kb} KB × {} transfers",
                    Quantity::from_f64(messages),
                    product.billed_transfers
                ),
                Quantity::from_f64(tib),
                price,
                Bucket::Network,
                None,
            ),
            Err(reason) => out.unpriced("message data", reason),
        }
    }
    out.note(format!(
        "{}: monthly free tiers are not subtracted ({}).",
        product.name, product.source
    ));
}

/// The rule for `technology` at `tier` (`service_bus:premium`), else for the
/// technology, else for the alternative the rules name (with a note).
fn product<'a>(
    ctx: &PricingContext<'a>,
    technology: &str,
    tier: Option<&str>,
    out: &mut Priced,
) -> Option<&'a MessagingProduct> {
    let rules = &ctx.rules.messaging;
    let own = |id: &str| {
        tier.and_then(|t| rules.get(&format!("{id}:{}", t.to_ascii_lowercase())))
            .or_else(|| rules.get(id))
    };
    if let Some(found) = own(technology) {
        return Some(found);
    }
    let alternative = ctx.rules.alternatives.get(technology)?;
    let found = rules.get(&alternative.technology)?;
    out.note(format!(
        "{technology} is priced as {}: {}",
        found.name, alternative.reason
    ));
    Some(found)
}

/// Units needed to carry `peak` messages a second, at least one.
fn capacity_units(peak: f64, per_unit: f64) -> u32 {
    // Peaks are far below u32::MAX units.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let units = (peak / per_unit - 1e-9).ceil().max(1.0) as u32;
    units
}

/// The plan's spelling of a technology, the key of the billing rules.
const fn technology_id(technology: MessagingTechnology) -> &'static str {
    match technology {
        MessagingTechnology::Kafka => "kafka",
        MessagingTechnology::Rabbitmq => "rabbitmq",
        MessagingTechnology::Sqs => "sqs",
        MessagingTechnology::Sns => "sns",
        MessagingTechnology::ServiceBus => "service_bus",
        MessagingTechnology::EventHubs => "event_hubs",
        MessagingTechnology::Pubsub => "pubsub",
        MessagingTechnology::Nats => "nats",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capacity_rounds_up_to_whole_units() {
        assert_eq!(capacity_units(800.0, 1000.0), 1);
        assert_eq!(capacity_units(1000.0, 1000.0), 1);
        assert_eq!(capacity_units(1001.0, 1000.0), 2);
        assert_eq!(capacity_units(0.0, 1000.0), 1);
    }
}
