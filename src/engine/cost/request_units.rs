//! The request-unit pricing model: a month's reads and writes, times the
//! request units each costs, per million; plus stored GB.

use super::context::{Priced, PricingContext};
use super::database::DatabaseRequest;
use super::quantity::Quantity;
use super::report::Bucket;
use crate::catalog::billing::DatabaseProduct;

/// Request-priced databases (DynamoDB on-demand, Cosmos DB serverless):
/// reads and writes in request units per million, plus stored GB.
pub(super) fn price(
    ctx: &PricingContext<'_>,
    product: &DatabaseProduct,
    request: &DatabaseRequest,
    out: &mut Priced,
) {
    let (Some(reads), Some(writes)) = (request.reads_per_month, request.writes_per_month) else {
        out.unpriced(
            product.service.clone(),
            format!(
                "{} is billed per request: give database.usage.readsPerMonth and writesPerMonth",
                product.service
            ),
        );
        return;
    };
    if let Some(source) = &product.units_source {
        out.note(source.clone());
    }
    out.tier(&format!("{} on-demand", product.service));
    #[allow(clippy::cast_precision_loss)]
    let volumes = [
        (
            "reads",
            reads as f64,
            product.reads.as_ref(),
            product.units_per_read.unwrap_or(1),
        ),
        (
            "writes",
            writes as f64,
            product.writes.as_ref(),
            product.units_per_write.unwrap_or(1),
        ),
    ];
    for (label, count, sku, units) in volumes {
        let Some(sku) = sku else { continue };
        let units_total = ctx.env.volume(count) * f64::from(units);
        if units_total <= 0.0 {
            continue;
        }
        match ctx.book.find(sku) {
            Ok(price) => out.line(
                format!(
                    "{label}: {} × {units} RU",
                    Quantity::from_f64(ctx.env.volume(count))
                ),
                Quantity::from_f64(units_total / price.unit.count_per_unit()),
                price,
                Bucket::Other,
                None,
            ),
            Err(reason) => out.unpriced(format!("{label} request units"), reason),
        }
    }
    if let (Some(size), Some(storage)) = (request.storage_gb, &product.storage) {
        match ctx.book.find(storage) {
            Ok(price) => out.line(
                format!("storage {size} GB"),
                Quantity::from_f64(size),
                price,
                Bucket::Storage,
                None,
            ),
            Err(reason) => out.unpriced(format!("storage {size} GB"), reason),
        }
    }
}
