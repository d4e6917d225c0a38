//! `catalog import`: turns a provider's own price file, downloaded by the
//! user, into table price files (`pricing/<provider>/<region>/<service>.yaml`)
//! that `--catalog` reads. infraplan never downloads anything; the readers
//! here take what the user fetched and keep only what the cost engines use.
//!
//! Each reader yields [`Row`]s grouped by region and service; [`Imported`]
//! turns the groups into [`PriceTable`]s, and [`render_table`] writes one as
//! the compact table file the catalog loads.

pub mod aws;
pub mod azure;
mod render;

use std::collections::BTreeMap;

use camino::Utf8PathBuf;

use super::price_table::{Column, PriceTable, slug};
use super::pricing::{Attributes, Confidence, Currency, Deployment, Price, PriceUnit};
use crate::plan::CloudProvider;
pub use render::render_table;

/// One imported price, before it joins a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// SKU as the provider's API spells it.
    pub sku: String,
    /// Exact list price per unit.
    pub price: Price,
    /// Billing unit.
    pub unit: PriceUnit,
    /// What the price file says about the SKU.
    pub attributes: Attributes,
}

/// Where a table's prices come from, stated in every table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    /// The file and publisher, as the user can check it.
    pub source: String,
    /// `YYYY-MM-DD`: the date the file states, or the download date.
    pub as_of: String,
}

/// Why a record of the price file was not imported, for the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Skip {
    /// Not a product infraplan prices (another OS, tenancy, licence…).
    NotUsed,
    /// No on-demand USD price for a kept product.
    NoPrice,
    /// A price with more than nine decimals after trailing zeros go.
    TooPrecise,
    /// A second price for a SKU already imported; the first is kept.
    Duplicate,
    /// A region code that is not lower-case letters, digits and dashes.
    BadRegion,
}

impl Skip {
    /// Words for the summary.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::NotUsed => "not a product infraplan prices",
            Self::NoPrice => "no on-demand USD price",
            Self::TooPrecise => "price has more than 9 decimals",
            Self::Duplicate => "second price for the same SKU (first kept)",
            Self::BadRegion => "region code is not a plain identifier",
        }
    }
}

/// A price file's rows, grouped by region and service.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The provider every row belongs to.
    pub provider: CloudProvider,
    /// Rows by (region, service), with the id prefix of the service.
    pub groups: BTreeMap<(String, String), Group>,
    /// Records skipped, by reason.
    pub skipped: BTreeMap<Skip, u64>,
    /// Records read.
    pub read: u64,
}

/// The rows of one service in one region.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Start of each row id, e.g. `aws-ec2`.
    pub id_prefix: String,
    /// The rows, in the order they were read.
    pub rows: Vec<Row>,
}

impl Imported {
    /// An empty import for `provider`.
    pub fn new(provider: CloudProvider) -> Self {
        Self {
            provider,
            groups: BTreeMap::new(),
            skipped: BTreeMap::new(),
            read: 0,
        }
    }

    /// Counts one skipped record.
    pub fn skip(&mut self, why: Skip) {
        *self.skipped.entry(why).or_default() += 1;
    }

    /// Adds a row to its region's service, unless the region code is unsafe
    /// as a directory name or the same SKU, engine and deployment is there.
    pub fn add(&mut self, region: &str, service: &str, id_prefix: &str, row: Row) {
        if !is_region_code(region) {
            self.skip(Skip::BadRegion);
            return;
        }
        let group = self
            .groups
            .entry((region.to_owned(), service.to_owned()))
            .or_insert_with(|| Group {
                id_prefix: id_prefix.to_owned(),
                rows: Vec::new(),
            });
        let same = |other: &Row| {
            other.sku == row.sku
                && other.unit == row.unit
                && other.attributes.engine == row.attributes.engine
                && other.attributes.deployment == row.attributes.deployment
        };
        if group.rows.iter().any(same) {
            self.skip(Skip::Duplicate);
        } else {
            group.rows.push(row);
        }
    }

    /// Rows kept in all.
    pub fn kept(&self) -> usize {
        self.groups.values().map(|g| g.rows.len()).sum()
    }

    /// One table per region and service, rows in a stable order.
    pub fn into_tables(self, provenance: &Provenance) -> Vec<PriceTable> {
        self.groups
            .into_iter()
            .map(|((region, service), group)| {
                build_table(self.provider, region, service, group, provenance)
            })
            .collect()
    }
}

/// Where a table lands inside a catalog directory. Region and service are
/// reduced to kebab-case words, so the path cannot leave the directory.
pub fn table_path(table: &PriceTable) -> Utf8PathBuf {
    Utf8PathBuf::from(format!(
        "pricing/{}/{}/{}.yaml",
        table.provider.as_str(),
        slug(&table.region),
        slug(&table.service)
    ))
}

/// Whether `text` is a plain region code (`eu-central-1`, `westeurope`).
fn is_region_code(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 64
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Parses a price as a price file writes it (`"0.0960000000"`): trailing
/// zeros carry no precision, so they go before the nine-decimal check.
pub fn parse_price(text: &str) -> Result<Price, Skip> {
    let trimmed = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        text
    };
    Price::parse(trimmed).map_err(|_| Skip::TooPrecise)
}

/// The columns a table needs: every attribute some rows set and others set
/// differently; an attribute all rows share goes in the header once.
fn build_table(
    provider: CloudProvider,
    region: String,
    service: String,
    mut group: Group,
    provenance: &Provenance,
) -> PriceTable {
    group.rows.sort_by(row_order);
    let rows = &group.rows;
    let shared_unit = rows
        .first()
        .map(|r| r.unit)
        .filter(|unit| rows.iter().all(|r| r.unit == *unit));
    let mut columns = vec![Column::Sku, Column::Price];
    if shared_unit.is_none() {
        columns.push(Column::Unit);
    }
    let mut header = Attributes::default();
    for column in render::ATTRIBUTE_COLUMNS {
        let values: Vec<Option<String>> = rows
            .iter()
            .map(|r| render::attribute_text(&r.attributes, column))
            .collect();
        if values.iter().all(Option::is_none) {
            continue;
        }
        if values.iter().all(|v| *v == values[0]) {
            render::set_attribute(&mut header, column, &rows[0].attributes);
        } else {
            columns.push(column);
        }
    }
    let cells = rows
        .iter()
        .map(|row| render::row_cells(row, &columns))
        .collect();
    PriceTable {
        provider,
        service,
        region,
        currency: Currency::Usd,
        source: provenance.source.clone(),
        as_of: provenance.as_of.clone(),
        confidence: Confidence::High,
        note: None,
        id_prefix: group.id_prefix,
        unit: shared_unit,
        attributes: header,
        columns,
        rows: cells,
    }
}

/// Families together, smaller sizes first: `m7i.large` before `m7i.2xlarge`.
fn row_order(a: &Row, b: &Row) -> std::cmp::Ordering {
    let family = |row: &Row| {
        row.sku
            .rsplit_once('.')
            .map_or_else(|| row.sku.clone(), |(family, _)| family.to_owned())
    };
    let memory = |row: &Row| row.attributes.memory_gib.unwrap_or(0.0);
    let multi_az = |row: &Row| row.attributes.deployment == Some(Deployment::MultiAz);
    family(a)
        .cmp(&family(b))
        .then_with(|| a.attributes.vcpu.cmp(&b.attributes.vcpu))
        .then_with(|| memory(a).total_cmp(&memory(b)))
        .then_with(|| a.sku.cmp(&b.sku))
        .then_with(|| a.attributes.engine.cmp(&b.attributes.engine))
        .then_with(|| multi_az(a).cmp(&multi_az(b)))
}

/// Errors of an import.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file is not the format the provider publishes.
    #[error("{0}")]
    Format(String),
    /// Reading the file failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(sku: &str, price: &str, vcpu: u32) -> Row {
        Row {
            sku: sku.to_owned(),
            price: Price::parse(price).unwrap(),
            unit: PriceUnit::Hour,
            attributes: Attributes {
                vcpu: Some(vcpu),
                os: Some("linux".to_owned()),
                ..Attributes::default()
            },
        }
    }

    #[test]
    fn trailing_zeros_do_not_count_as_precision() {
        assert_eq!(parse_price("0.0960000000").unwrap().nanos(), 96_000_000);
        assert_eq!(parse_price("12.0000").unwrap().nanos(), 12_000_000_000);
        assert_eq!(parse_price("7").unwrap().nanos(), 7_000_000_000);
        assert_eq!(parse_price("0.0000166667"), Err(Skip::TooPrecise));
    }

    #[test]
    fn shared_attributes_go_to_the_header_and_rows_sort_by_size() {
        let mut imported = Imported::new(CloudProvider::Aws);
        imported.add("eu-west-1", "EC2", "aws-ec2", row("m7i.2xlarge", "0.4", 8));
        imported.add("eu-west-1", "EC2", "aws-ec2", row("m7i.large", "0.1", 2));
        imported.add("eu-west-1", "EC2", "aws-ec2", row("m7i.large", "0.2", 2));
        imported.add("../x", "EC2", "aws-ec2", row("m7i.large", "0.1", 2));
        assert_eq!(imported.skipped[&Skip::Duplicate], 1);
        assert_eq!(imported.skipped[&Skip::BadRegion], 1);
        let provenance = Provenance {
            source: "test".to_owned(),
            as_of: "2026-07-20".to_owned(),
        };
        let tables = imported.into_tables(&provenance);
        assert_eq!(tables.len(), 1);
        let table = &tables[0];
        assert_eq!(table.columns, [Column::Sku, Column::Price, Column::Vcpu]);
        assert_eq!(table.attributes.os.as_deref(), Some("linux"));
        assert_eq!(table.unit, Some(PriceUnit::Hour));
        let entries = table.expand().unwrap();
        assert_eq!(entries[0].sku, "m7i.large");
        assert_eq!(
            entries[0].price.nanos(),
            100_000_000,
            "the first price is kept"
        );
        assert_eq!(entries[1].sku, "m7i.2xlarge");
        assert_eq!(table_path(table), "pricing/aws/eu-west-1/ec2.yaml");
    }
}
