//! Pages of the Azure Retail Prices API (`https://prices.azure.com/api/retail/prices`).
//!
//! Each page is a JSON object whose `Items` are price meters; a page of 1,000
//! meters is small, so pages are read whole, one at a time. The API states
//! no publication date, so the caller gives the date the pages were
//! downloaded.
//!
//! Kept: Linux pay-as-you-go (`Consumption`) virtual machines, priced per
//! hour in USD, on their primary meter region; Spot, Low Priority and
//! Windows meters are left out. The API gives no vCPU or memory, so those
//! come from `shape_of` (the catalog's own facts about the SKU), when known.

use std::io::Read;

use serde::Deserialize;

use super::{ImportError, Imported, Row, Skip};
use crate::catalog::pricing::{Attributes, Price, PriceUnit};
use crate::plan::CloudProvider;

/// One page of the API's answer.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Page {
    #[serde(default)]
    billing_currency: Option<String>,
    items: Vec<Meter>,
}

/// One price meter, with the fields infraplan reads.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Meter {
    #[serde(default)]
    currency_code: String,
    retail_price: f64,
    #[serde(default)]
    arm_region_name: String,
    #[serde(default)]
    arm_sku_name: String,
    #[serde(default)]
    service_name: String,
    #[serde(default)]
    product_name: String,
    #[serde(default)]
    sku_name: String,
    #[serde(default)]
    unit_of_measure: String,
    #[serde(default, rename = "type")]
    kind: String,
    #[serde(default)]
    is_primary_meter_region: Option<bool>,
    #[serde(default)]
    tier_minimum_units: f64,
}

/// Adds the kept meters of one page to `imported`.
pub fn import_page(
    reader: impl Read,
    imported: &mut Imported,
    shape_of: &dyn Fn(&str) -> Option<Attributes>,
) -> Result<(), ImportError> {
    let page: Page = serde_json::from_reader(std::io::BufReader::new(reader)).map_err(|e| {
        ImportError::Format(format!("not a page of the Azure Retail Prices API: {e}"))
    })?;
    if let Some(currency) = &page.billing_currency
        && currency != "USD"
    {
        return Err(ImportError::Format(format!(
            "the page is in {currency}; infraplan's catalog is in USD \
             (download it without `currencyCode`)"
        )));
    }
    for meter in page.items {
        imported.read += 1;
        if !is_linux_vm(&meter) {
            imported.skip(Skip::NotUsed);
            continue;
        }
        let price = match Price::from_f64(meter.retail_price) {
            Ok(price) if meter.currency_code == "USD" => price,
            Ok(_) => {
                imported.skip(Skip::NoPrice);
                continue;
            }
            Err(_) => {
                imported.skip(Skip::TooPrecise);
                continue;
            }
        };
        let mut attributes = shape_of(&meter.arm_sku_name).unwrap_or_default();
        attributes.os = Some("linux".to_owned());
        imported.add(
            &meter.arm_region_name,
            "Virtual Machines",
            "azure-vm",
            Row {
                sku: meter.arm_sku_name,
                price,
                unit: PriceUnit::Hour,
                attributes,
            },
        );
    }
    Ok(())
}

/// An empty Azure import, to add pages to.
pub fn new_import() -> Imported {
    Imported::new(CloudProvider::Azure)
}

fn is_linux_vm(meter: &Meter) -> bool {
    meter.service_name == "Virtual Machines"
        && meter.kind == "Consumption"
        && meter.unit_of_measure == "1 Hour"
        && meter.tier_minimum_units == 0.0
        && meter.is_primary_meter_region != Some(false)
        && !meter.arm_sku_name.is_empty()
        && !meter.product_name.contains("Windows")
        && !meter.sku_name.contains("Spot")
        && !meter.sku_name.contains("Low Priority")
}
