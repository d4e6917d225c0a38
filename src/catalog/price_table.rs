//! Table price files (`catalog/pricing/<provider>/<region>/<service>.yaml`):
//! one provider, region, service and source per file, with the shared facts
//! stated once and one short row per SKU. A whole instance family in every
//! region stays readable, and a command loads only the regions it prices.
//!
//! A table expands into ordinary [`PriceEntry`] values, so engines never see
//! the difference between a table row and a verbose `prices:` entry.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::pricing::{Attributes, Confidence, Currency, Deployment, Price, PriceEntry, PriceUnit};
use crate::plan::CloudProvider;

/// A table price file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PriceTableFile {
    /// The table.
    pub table: PriceTable,
}

/// Prices of one service in one region from one source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PriceTable {
    /// Cloud provider; must match the directory the file is in.
    pub provider: CloudProvider,
    /// Service name as the provider markets it, e.g. `EC2`.
    pub service: String,
    /// Provider region code; must match the directory the file is in.
    pub region: String,
    /// Currency of every price.
    pub currency: Currency,
    /// Where every price of the table comes from.
    pub source: String,
    /// The date the source states for the prices (`YYYY-MM-DD`).
    pub as_of: String,
    /// How far the prices can be trusted.
    pub confidence: Confidence,
    /// A caveat for every row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Start of every row's id: `<idPrefix>-<sku>[-<engine>][-<deployment>]-<region>`.
    pub id_prefix: String,
    /// The unit of every row, when no `unit` column is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<PriceUnit>,
    /// Attributes shared by every row; a column overrides them.
    #[serde(default, skip_serializing_if = "Attributes::is_empty")]
    pub attributes: Attributes,
    /// What each position of a row holds.
    pub columns: Vec<Column>,
    /// One row per price, in column order; `~` leaves a cell unset.
    pub rows: Vec<Vec<Option<Cell>>>,
}

/// A table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Column {
    /// SKU as the provider's API spells it.
    Sku,
    /// Price per unit.
    Price,
    /// Billing unit.
    Unit,
    /// vCPUs or vCores.
    Vcpu,
    /// Memory in GiB.
    #[serde(rename = "memoryGiB")]
    MemoryGib,
    /// Database or cache engine.
    Engine,
    /// `single_az` or `multi_az`.
    Deployment,
    /// Provider tier or edition.
    Tier,
    /// Storage class or disk type.
    StorageClass,
    /// Operating system.
    Os,
    /// Size of a disk billed per tier, in GiB.
    #[serde(rename = "diskSizeGiB")]
    DiskSizeGib,
    /// Nodes a cache tier runs.
    Nodes,
    /// First GB of a volume tier.
    TierFromGb,
    /// GB at which the next volume tier starts.
    TierToGb,
    /// CPU architecture when not x86-64.
    Arch,
    /// A caveat for this row.
    Note,
}

impl Column {
    /// The column name as written in files.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Sku => "sku",
            Self::Price => "price",
            Self::Unit => "unit",
            Self::Vcpu => "vcpu",
            Self::MemoryGib => "memoryGiB",
            Self::Engine => "engine",
            Self::Deployment => "deployment",
            Self::Tier => "tier",
            Self::StorageClass => "storageClass",
            Self::Os => "os",
            Self::DiskSizeGib => "diskSizeGiB",
            Self::Nodes => "nodes",
            Self::TierFromGb => "tierFromGb",
            Self::TierToGb => "tierToGb",
            Self::Arch => "arch",
            Self::Note => "note",
        }
    }
}

/// One cell: a number or a word.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Cell {
    /// A whole number.
    Int(u64),
    /// A decimal number.
    Float(f64),
    /// A word.
    Text(String),
}

// Written by hand: serde's untagged enums buffer every value before trying
// each variant, which was a sixth of a cost command's time on large tables.
impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CellVisitor;
        impl serde::de::Visitor<'_> for CellVisitor {
            type Value = Cell;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a number or a word")
            }
            fn visit_u64<E>(self, v: u64) -> Result<Cell, E> {
                Ok(Cell::Int(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Cell, E> {
                #[allow(clippy::cast_precision_loss)]
                Ok(u64::try_from(v).map_or(Cell::Float(v as f64), Cell::Int))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Cell, E> {
                Ok(Cell::Float(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Cell, E> {
                Ok(Cell::Text(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Cell, E> {
                Ok(Cell::Text(v))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Cell, E> {
                Ok(Cell::Text(v.to_string()))
            }
        }
        deserializer.deserialize_any(CellVisitor)
    }
}

/// A cell that does not fit its column: (row, column position, message).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellProblem {
    /// Row index.
    pub row: usize,
    /// Column position in the row; `None` for a problem with the whole row.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl PriceTable {
    /// Every row as a price entry, or every cell that does not fit.
    pub fn expand(&self) -> Result<Vec<PriceEntry>, Vec<CellProblem>> {
        let mut problems = Vec::new();
        for required in [Column::Sku, Column::Price] {
            if !self.columns.contains(&required) {
                problems.push(CellProblem {
                    row: 0,
                    column: None,
                    message: format!("the table has no `{}` column", required.as_str()),
                });
            }
        }
        if self.unit.is_none() && !self.columns.contains(&Column::Unit) {
            problems.push(CellProblem {
                row: 0,
                column: None,
                message: "the table gives no unit: add `unit:` or a `unit` column".to_owned(),
            });
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut entries = Vec::with_capacity(self.rows.len());
        for (index, row) in self.rows.iter().enumerate() {
            match self.row_entry(index, row) {
                Ok(entry) => entries.push(entry),
                Err(mut found) => problems.append(&mut found),
            }
        }
        if problems.is_empty() {
            Ok(entries)
        } else {
            Err(problems)
        }
    }

    fn row_entry(
        &self,
        index: usize,
        row: &[Option<Cell>],
    ) -> Result<PriceEntry, Vec<CellProblem>> {
        if row.len() != self.columns.len() {
            return Err(vec![CellProblem {
                row: index,
                column: None,
                message: format!(
                    "the row has {} cells for {} columns",
                    row.len(),
                    self.columns.len()
                ),
            }]);
        }
        let mut problems = Vec::new();
        let mut sku = None;
        let mut price = None;
        let mut unit = self.unit;
        let mut note = self.note.clone();
        let mut attributes = self.attributes.clone();
        for (position, (column, cell)) in self.columns.iter().zip(row).enumerate() {
            let Some(cell) = cell else { continue };
            let mut fail = |message: String| {
                problems.push(CellProblem {
                    row: index,
                    column: Some(position),
                    message,
                });
            };
            match column {
                Column::Sku => match text(cell) {
                    Some(name) => sku = Some(name),
                    None => fail(expected("a SKU name", cell)),
                },
                Column::Price => match cell_price(cell) {
                    Ok(p) if p.nanos() >= 0 => price = Some(p),
                    Ok(_) => fail("a list price cannot be negative".to_owned()),
                    Err(message) => fail(message),
                },
                Column::Unit => match text(cell).and_then(parse_unit) {
                    Some(u) => unit = Some(u),
                    None => fail(expected(
                        "a billing unit such as `hour` or `gb-month`",
                        cell,
                    )),
                },
                Column::Vcpu => match whole(cell).and_then(|n| u32::try_from(n).ok()) {
                    Some(n) => attributes.vcpu = Some(n),
                    None => fail(expected("a whole number of vCPUs", cell)),
                },
                Column::MemoryGib => match number(cell) {
                    Some(n) => attributes.memory_gib = Some(n),
                    None => fail(expected("memory in GiB", cell)),
                },
                Column::DiskSizeGib | Column::Nodes => {
                    match whole(cell).and_then(|n| u32::try_from(n).ok()) {
                        Some(n) if *column == Column::Nodes => attributes.nodes = Some(n),
                        Some(n) => attributes.disk_size_gib = Some(n),
                        None => fail(expected("a whole number", cell)),
                    }
                }
                Column::TierFromGb | Column::TierToGb => match whole(cell) {
                    Some(n) if *column == Column::TierFromGb => attributes.tier_from_gb = Some(n),
                    Some(n) => attributes.tier_to_gb = Some(n),
                    None => fail(expected("a whole number of GB", cell)),
                },
                Column::Deployment => match text(cell) {
                    Some("single_az") => attributes.deployment = Some(Deployment::SingleAz),
                    Some("multi_az") => attributes.deployment = Some(Deployment::MultiAz),
                    _ => fail(expected("`single_az` or `multi_az`", cell)),
                },
                Column::Engine
                | Column::Tier
                | Column::StorageClass
                | Column::Os
                | Column::Arch
                | Column::Note => match text(cell) {
                    Some(value) => set_text(&mut attributes, &mut note, *column, value),
                    None => fail(expected("a word", cell)),
                },
            }
        }
        let (Some(sku), Some(price), Some(unit)) = (sku, price, unit) else {
            if problems.is_empty() {
                problems.push(CellProblem {
                    row: index,
                    column: None,
                    message: "every row needs a SKU, a price and a unit".to_owned(),
                });
            }
            return Err(problems);
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(PriceEntry {
            id: self.row_id(sku, &attributes),
            provider: self.provider,
            service: self.service.clone(),
            sku: sku.to_owned(),
            region: self.region.clone(),
            unit,
            price,
            currency: self.currency,
            attributes,
            source: self.source.clone(),
            as_of: self.as_of.clone(),
            confidence: self.confidence,
            note,
        })
    }

    /// `<idPrefix>-<sku>[-<engine>][-<deployment>]-<region>`, in kebab case.
    fn row_id(&self, sku: &str, attributes: &Attributes) -> String {
        let mut id = format!("{}-{}", self.id_prefix, slug(sku));
        if self.columns.contains(&Column::Engine)
            && let Some(engine) = &attributes.engine
        {
            id.push('-');
            id.push_str(&slug(engine));
        }
        if self.columns.contains(&Column::Deployment)
            && let Some(deployment) = attributes.deployment
        {
            id.push_str(match deployment {
                Deployment::SingleAz => "-single-az",
                Deployment::MultiAz => "-multi-az",
            });
        }
        id.push('-');
        id.push_str(&slug(&self.region));
        id
    }
}

fn set_text(attributes: &mut Attributes, note: &mut Option<String>, column: Column, value: &str) {
    let value = Some(value.to_owned());
    match column {
        Column::Engine => attributes.engine = value,
        Column::Tier => attributes.tier = value,
        Column::StorageClass => attributes.storage_class = value,
        Column::Os => attributes.os = value,
        Column::Arch => attributes.arch = value,
        _ => *note = value,
    }
}

/// Lower-case, with every run of other characters turned into one hyphen.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

fn parse_unit(text: &str) -> Option<PriceUnit> {
    serde_json::from_value(serde_json::Value::String(text.to_owned())).ok()
}

fn text(cell: &Cell) -> Option<&str> {
    match cell {
        Cell::Text(t) => Some(t),
        _ => None,
    }
}

fn whole(cell: &Cell) -> Option<u64> {
    match cell {
        Cell::Int(n) => Some(*n),
        _ => None,
    }
}

#[allow(clippy::cast_precision_loss)] // Memory sizes are far below 2^52.
fn number(cell: &Cell) -> Option<f64> {
    match cell {
        Cell::Int(n) => Some(*n as f64),
        Cell::Float(f) if f.is_finite() => Some(*f),
        _ => None,
    }
}

fn cell_price(cell: &Cell) -> Result<Price, String> {
    match cell {
        Cell::Int(n) => i64::try_from(*n)
            .ok()
            .and_then(|n| n.checked_mul(super::pricing::NANOS_PER_UNIT))
            .map(Price::from_nanos)
            .ok_or_else(|| format!("price `{n}` is too large")),
        Cell::Float(f) => Price::from_f64(*f).map_err(|e| e.to_string()),
        Cell::Text(_) => Err(expected("a price", cell)),
    }
}

fn expected(what: &str, cell: &Cell) -> String {
    let found = match cell {
        Cell::Int(n) => n.to_string(),
        Cell::Float(f) => f.to_string(),
        Cell::Text(t) => format!("`{t}`"),
    };
    format!("expected {what}, found {found}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(columns: &str, rows: &str) -> PriceTable {
        let text = format!(
            "table:\n  provider: aws\n  service: EC2\n  region: eu-central-1\n  currency: USD\n  \
             source: AWS Price List API\n  asOf: \"2026-07-20\"\n  confidence: high\n  \
             idPrefix: aws-ec2\n  unit: hour\n  attributes: {{ os: linux }}\n  \
             columns: {columns}\n  rows:\n{rows}"
        );
        crate::yaml::from_str_trusted::<PriceTableFile>(&text)
            .unwrap()
            .table
    }

    #[test]
    fn rows_expand_to_entries_with_shared_facts() {
        let t = table(
            "[sku, price, vcpu, memoryGiB, tier, arch]",
            "    - [m7g.large, 0.0952, 2, 8, general_purpose, arm64]\n    - [m7i.large, 0.1212, 2, 8, general_purpose, ~]\n",
        );
        let entries = t.expand().unwrap();
        assert_eq!(entries.len(), 2);
        let m7g = &entries[0];
        assert_eq!(m7g.id, "aws-ec2-m7g-large-eu-central-1");
        assert_eq!(m7g.price.nanos(), 95_200_000);
        assert_eq!(m7g.unit, PriceUnit::Hour);
        assert_eq!(m7g.attributes.os.as_deref(), Some("linux"));
        assert_eq!(m7g.attributes.arch.as_deref(), Some("arm64"));
        assert_eq!(m7g.attributes.memory_gib, Some(8.0));
        assert_eq!(entries[1].attributes.arch, None);
        assert_eq!(m7g.as_of, "2026-07-20");
    }

    #[test]
    fn engine_and_deployment_name_the_row() {
        let t = table(
            "[sku, price, engine, deployment]",
            "    - [db.m7g.large, 0.2, postgresql, multi_az]\n",
        );
        let entry = &t.expand().unwrap()[0];
        assert_eq!(
            entry.id,
            "aws-ec2-db-m7g-large-postgresql-multi-az-eu-central-1"
        );
        assert_eq!(entry.attributes.deployment, Some(Deployment::MultiAz));
    }

    #[test]
    fn cells_read_numbers_words_negatives_and_booleans() {
        let t = table(
            "[sku, price, vcpu]",
            "    - [a, -0.5, true]\n    - [b, 7, 4]\n",
        );
        assert_eq!(t.rows[0][1], Some(Cell::Float(-0.5)));
        assert_eq!(t.rows[0][2], Some(Cell::Text("true".to_owned())));
        assert_eq!(t.rows[1][1], Some(Cell::Int(7)));
        let problems = t.expand().unwrap_err();
        assert!(
            problems[0].message.contains("cannot be negative"),
            "{problems:?}"
        );
        assert!(
            problems[1]
                .message
                .contains("expected a whole number of vCPUs, found `true`"),
            "{problems:?}"
        );
    }

    #[test]
    fn every_bad_cell_is_reported() {
        let t = table(
            "[sku, price, vcpu, deployment]",
            "    - [a, cheap, 2, single_az]\n    - [b, 0.1, two, both]\n    - [c, 0.1]\n",
        );
        let problems = t.expand().unwrap_err();
        let at: Vec<(usize, Option<usize>)> = problems.iter().map(|p| (p.row, p.column)).collect();
        assert_eq!(
            at,
            vec![(0, Some(1)), (1, Some(2)), (1, Some(3)), (2, None)]
        );
        assert!(
            problems[0]
                .message
                .contains("expected a price, found `cheap`")
        );
    }

    #[test]
    fn a_table_needs_sku_price_and_unit() {
        let mut t = table("[sku, price]", "    - [a, 1]\n");
        t.unit = None;
        let problems = t.expand().unwrap_err();
        assert!(problems[0].message.contains("no unit"));
    }

    #[test]
    fn slugs_are_kebab_case() {
        assert_eq!(slug("Standard_D2s_v5"), "standard-d2s-v5");
        assert_eq!(slug("db.r7g.2xlarge"), "db-r7g-2xlarge");
        assert_eq!(slug("--A  b--"), "a-b");
    }
}
