//! Writes a [`PriceTable`] as the table file the catalog loads: the header
//! once, then one flow-sequence row per SKU. Text is always double-quoted
//! (a SKU such as `8` or `no` must stay text), so the file reads back to
//! the same table.

use std::fmt::Write as _;

use super::Row;
use crate::catalog::price_table::{Cell, Column, PriceTable};
use crate::catalog::pricing::{Attributes, Deployment};

/// Attribute columns in the order a table lists them.
pub(super) const ATTRIBUTE_COLUMNS: [Column; 12] = [
    Column::Engine,
    Column::Deployment,
    Column::Vcpu,
    Column::MemoryGib,
    Column::Tier,
    Column::StorageClass,
    Column::Os,
    Column::DiskSizeGib,
    Column::Nodes,
    Column::TierFromGb,
    Column::TierToGb,
    Column::Arch,
];

/// An attribute as the text a cell would hold, for comparing rows.
pub(super) fn attribute_text(attributes: &Attributes, column: Column) -> Option<String> {
    attribute_cell(attributes, column).map(|cell| cell_text(&cell))
}

/// Copies one attribute from `from` into `to`.
pub(super) fn set_attribute(to: &mut Attributes, column: Column, from: &Attributes) {
    match column {
        Column::Engine => to.engine.clone_from(&from.engine),
        Column::Deployment => to.deployment = from.deployment,
        Column::Vcpu => to.vcpu = from.vcpu,
        Column::MemoryGib => to.memory_gib = from.memory_gib,
        Column::Tier => to.tier.clone_from(&from.tier),
        Column::StorageClass => to.storage_class.clone_from(&from.storage_class),
        Column::Os => to.os.clone_from(&from.os),
        Column::DiskSizeGib => to.disk_size_gib = from.disk_size_gib,
        Column::Nodes => to.nodes = from.nodes,
        Column::TierFromGb => to.tier_from_gb = from.tier_from_gb,
        Column::TierToGb => to.tier_to_gb = from.tier_to_gb,
        Column::Arch => to.arch.clone_from(&from.arch),
        Column::Sku | Column::Price | Column::Unit | Column::Note => {}
    }
}

/// A row's cells in `columns` order.
pub(super) fn row_cells(row: &Row, columns: &[Column]) -> Vec<Option<Cell>> {
    columns
        .iter()
        .map(|column| match column {
            Column::Sku => Some(Cell::Text(row.sku.clone())),
            Column::Price => Some(price_cell(row.price)),
            Column::Unit => Some(Cell::Text(row.unit.as_str().to_owned())),
            Column::Note => None,
            other => attribute_cell(&row.attributes, *other),
        })
        .collect()
}

fn price_cell(price: crate::catalog::pricing::Price) -> Cell {
    let text = price.to_string();
    match text.parse::<u64>() {
        Ok(whole) => Cell::Int(whole),
        // Display gives at most nine decimals, which an f64 round-trips.
        Err(_) => Cell::Float(text.parse().unwrap_or(f64::NAN)),
    }
}

fn attribute_cell(attributes: &Attributes, column: Column) -> Option<Cell> {
    let text = |value: &Option<String>| value.as_ref().map(|v| Cell::Text(v.clone()));
    let int = |value: Option<u64>| value.map(Cell::Int);
    match column {
        Column::Engine => text(&attributes.engine),
        Column::Deployment => attributes.deployment.map(|d| {
            Cell::Text(
                match d {
                    Deployment::SingleAz => "single_az",
                    Deployment::MultiAz => "multi_az",
                }
                .to_owned(),
            )
        }),
        Column::Vcpu => int(attributes.vcpu.map(u64::from)),
        // Display writes 8.0 as `8`, so whole sizes read back as whole numbers.
        Column::MemoryGib => attributes.memory_gib.map(Cell::Float),
        Column::Tier => text(&attributes.tier),
        Column::StorageClass => text(&attributes.storage_class),
        Column::Os => text(&attributes.os),
        Column::DiskSizeGib => int(attributes.disk_size_gib.map(u64::from)),
        Column::Nodes => int(attributes.nodes.map(u64::from)),
        Column::TierFromGb => int(attributes.tier_from_gb),
        Column::TierToGb => int(attributes.tier_to_gb),
        Column::Arch => text(&attributes.arch),
        Column::Sku | Column::Price | Column::Unit | Column::Note => None,
    }
}

fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Int(n) => n.to_string(),
        Cell::Float(f) => f.to_string(),
        Cell::Text(t) => quoted(t),
    }
}

/// A YAML double-quoted scalar; JSON's escapes are a subset of YAML's.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| String::from("\"\""))
}

/// The table file's text: a comment saying where it came from, the header,
/// then one row per line.
pub fn render_table(table: &PriceTable, comment: &[String]) -> String {
    let mut out = String::new();
    for line in comment {
        let _ = writeln!(out, "# {line}");
    }
    out.push_str("table:\n");
    let _ = writeln!(out, "  provider: {}", table.provider.as_str());
    let _ = writeln!(out, "  service: {}", quoted(&table.service));
    let _ = writeln!(out, "  region: {}", quoted(&table.region));
    out.push_str("  currency: USD\n");
    let _ = writeln!(out, "  source: {}", quoted(&table.source));
    let _ = writeln!(out, "  asOf: {}", quoted(&table.as_of));
    let _ = writeln!(out, "  confidence: {}", table.confidence.as_str());
    if let Some(note) = &table.note {
        let _ = writeln!(out, "  note: {}", quoted(note));
    }
    let _ = writeln!(out, "  idPrefix: {}", quoted(&table.id_prefix));
    if let Some(unit) = table.unit {
        let _ = writeln!(out, "  unit: {}", unit.as_str());
    }
    let shared: Vec<String> = ATTRIBUTE_COLUMNS
        .iter()
        .filter_map(|column| {
            attribute_text(&table.attributes, *column)
                .map(|value| format!("{}: {value}", column.as_str()))
        })
        .collect();
    if !shared.is_empty() {
        let _ = writeln!(out, "  attributes: {{ {} }}", shared.join(", "));
    }
    let names: Vec<&str> = table.columns.iter().map(|c| c.as_str()).collect();
    let _ = writeln!(out, "  columns: [{}]", names.join(", "));
    out.push_str("  rows:\n");
    for row in &table.rows {
        let cells: Vec<String> = row
            .iter()
            .map(|cell| cell.as_ref().map_or_else(|| "~".to_owned(), cell_text))
            .collect();
        let _ = writeln!(out, "    - [{}]", cells.join(", "));
    }
    out
}
