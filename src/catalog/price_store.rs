//! Where list prices come from at run time. Pricing files are parsed one by
//! one on first use: a cost command parses the verbose `prices:` files and
//! the table files of the regions it prices, never the whole catalog, so
//! start-up stays flat however many regions the catalog covers.
//!
//! Precedence: files are read in catalog order (built-in, then overrides,
//! each sorted by path) and a later price with the same id replaces an
//! earlier one.

use std::collections::{BTreeSet, HashMap};

use super::price_table::{CellProblem, PriceTableFile};
use super::pricing::{PriceEntry, PricingFile};
use super::{Catalog, CatalogFile, Entry, is_yaml, parse_file};
use crate::diag::{Code, Finding};
use crate::plan::CloudProvider;
use crate::yaml::{self, Span, Value};

/// Where a pricing file sits: its provider directory and, for a table file
/// of one region, the region directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PricePlace<'a> {
    /// `aws`, `azure`, `gcp` (as written in the path).
    pub provider: &'a str,
    /// The region directory of a table file; `None` for a verbose file.
    pub region: Option<&'a str>,
}

/// The place of a catalog path under `pricing/`, or `None` when the path is
/// not a pricing data file.
pub fn price_place(path: &str) -> Option<PricePlace<'_>> {
    if !is_yaml(path) {
        return None;
    }
    let rest = path.strip_prefix("pricing/")?;
    let parts: Vec<&str> = rest.split('/').collect();
    match parts.as_slice() {
        [provider, _file] => Some(PricePlace {
            provider,
            region: None,
        }),
        [provider, region, _file] => Some(PricePlace {
            provider,
            region: Some(region),
        }),
        _ => None,
    }
}

/// A pricing file's place, worked out once at load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PriceFile {
    /// Index into the catalog's files.
    pub index: usize,
    /// The provider directory it is in.
    pub provider: Option<CloudProvider>,
    /// The region directory of a table file; `None` for a verbose file.
    pub region: Option<String>,
}

/// The pricing files among `files`, in order.
pub(super) fn index_price_files(files: &[CatalogFile]) -> Vec<PriceFile> {
    files
        .iter()
        .enumerate()
        .filter_map(|(index, file)| {
            let place = price_place(&file.path)?;
            Some(PriceFile {
                index,
                provider: CloudProvider::ALL
                    .into_iter()
                    .find(|p| p.as_str() == place.provider),
                region: place.region.map(str::to_owned),
            })
        })
        .collect()
}

/// Parses one pricing file into its entries: a table file when it sits in
/// a region directory, a verbose `prices:` file otherwise.
pub(super) fn parse_price_file(
    file: &CatalogFile,
    strict: bool,
) -> Result<Vec<PriceEntry>, Vec<Finding>> {
    let Some(place) = price_place(&file.path) else {
        return Ok(Vec::new());
    };
    if place.region.is_none() {
        return parse_file::<PricingFile>(file, strict).map(|parsed| parsed.prices);
    }
    let parsed: PriceTableFile = parse_file(file, strict)?;
    parsed
        .table
        .expand()
        .map_err(|problems| cell_findings(&file.text, &problems))
}

/// Findings for a table's bad cells, pointing at the cell (or row) itself.
pub(super) fn cell_findings(text: &str, problems: &[CellProblem]) -> Vec<Finding> {
    let tree = yaml::parse(text).ok();
    let rows = tree
        .as_ref()
        .and_then(|t| t.get("table"))
        .and_then(|t| t.value.get("rows"));
    let row_node = |row: usize| match rows.map(|r| &r.value.value) {
        Some(Value::Seq(items)) => items.get(row),
        _ => None,
    };
    problems
        .iter()
        .map(|problem| {
            let row = row_node(problem.row);
            let cell = row.and_then(|r| match (&r.value, problem.column) {
                (Value::Seq(cells), Some(column)) => cells.get(column),
                _ => None,
            });
            let span = cell
                .or(row)
                .map_or_else(|| rows.map_or(Span::default(), |r| r.key_span), |n| n.span);
            Finding::new(
                Code::InvalidValue,
                format!("row {}: {}", problem.row + 1, problem.message),
                span,
                if cell.is_some() {
                    "this cell"
                } else {
                    "this row"
                },
            )
            .with_help("rows follow `columns` in order; `~` leaves a cell unset")
        })
        .collect()
}

impl Catalog {
    /// The entries of pricing file `index`, parsed on first use; a file that
    /// does not parse gives none here and is reported by `catalog check`.
    fn file_prices(&self, index: usize) -> &[PriceEntry] {
        self.parsed_prices[index]
            .get_or_init(|| parse_price_file(&self.files[index], false).unwrap_or_default())
    }

    /// Indices of the pricing files, with their places, in catalog order.
    fn price_files(&self) -> impl Iterator<Item = (usize, &PriceFile)> {
        self.price_files.iter().map(|file| (file.index, file))
    }

    /// Every list price, built-in then overrides (an override replaces a
    /// price with the same id). Parses every pricing file: for the commands
    /// that list or check them all.
    pub fn prices(&self) -> &[Entry<PriceEntry>] {
        self.all_prices.get_or_init(|| {
            let mut merged = Merge::default();
            for (index, _) in self.price_files() {
                for item in self.file_prices(index) {
                    merged.add(index, item);
                }
            }
            merged
                .entries
                .into_iter()
                .map(|(file, item)| Entry {
                    item: item.clone(),
                    file,
                })
                .collect()
        })
    }

    /// The prices of `provider` in `region`, with the file each came from:
    /// the verbose files' rows for that region and the table files of that
    /// region's directory. Parses nothing else.
    pub fn prices_in(&self, provider: CloudProvider, region: &str) -> Vec<(usize, &PriceEntry)> {
        let mut merged = Merge::default();
        for (index, place) in self.price_files() {
            if place.provider != Some(provider) {
                continue;
            }
            match place.region.as_deref() {
                Some(directory) if directory != region => {}
                Some(_) => {
                    for item in self.file_prices(index) {
                        merged.add(index, item);
                    }
                }
                None => {
                    for item in self.file_prices(index) {
                        if item.provider == provider && item.region == region {
                            merged.add(index, item);
                        }
                    }
                }
            }
        }
        merged.entries
    }

    /// The regions the catalog prices anything in for `provider`, sorted.
    /// Reads the verbose files and the names of the region directories.
    pub fn price_regions(&self, provider: CloudProvider) -> Vec<String> {
        let mut regions = BTreeSet::new();
        for (index, place) in self.price_files() {
            if place.provider != Some(provider) {
                continue;
            }
            match &place.region {
                Some(region) => {
                    regions.insert(region.clone());
                }
                None => regions.extend(
                    self.file_prices(index)
                        .iter()
                        .filter(|p| p.provider == provider)
                        .map(|p| p.region.clone()),
                ),
            }
        }
        regions.into_iter().collect()
    }

    /// The first price, in catalog order, named `names` (a SKU as written,
    /// or its bare form) that `keep` accepts: for facts every region shares
    /// (a SKU's shape, class or architecture). A file whose text mentions
    /// none of the names is not parsed, so a look-up reads only the files
    /// that can hold the answer, and files already parsed are searched
    /// first (a region's tables repeat the same shapes).
    pub fn find_price(
        &self,
        names: &[&str],
        keep: impl Fn(&PriceEntry) -> bool,
    ) -> Option<&PriceEntry> {
        let search = |index: usize| {
            self.file_prices(index)
                .iter()
                .find(|p| names.contains(&p.sku.as_str()) && keep(p))
        };
        let candidates = || {
            self.price_files()
                .map(|(index, _)| index)
                .filter(|index| mentions(&self.files[*index].text, names))
        };
        candidates()
            .filter(|index| self.parsed_prices[*index].get().is_some())
            .find_map(search)
            .or_else(|| candidates().find_map(search))
    }

    /// The regions, sorted, where the catalog prices `sku` of `service` for
    /// `provider` (any SKU of it when `sku` is `None`). Parses only the files
    /// whose text mentions them.
    pub fn regions_with(
        &self,
        provider: CloudProvider,
        service: &str,
        sku: Option<&str>,
    ) -> Vec<String> {
        let mut regions = BTreeSet::new();
        for (index, place) in self.price_files() {
            let text = &self.files[index].text;
            if place.provider != Some(provider)
                || !mentions(text, &[service])
                || sku.is_some_and(|sku| !mentions(text, &[sku]))
            {
                continue;
            }
            regions.extend(
                self.file_prices(index)
                    .iter()
                    .filter(|p| {
                        p.provider == provider
                            && p.service == service
                            && sku.is_none_or(|sku| p.sku == sku)
                    })
                    .map(|p| p.region.clone()),
            );
        }
        regions.into_iter().collect()
    }
}

/// Whether `text` contains any of `names`; YAML writes a SKU or service
/// name verbatim (quoted or not), so a file that lacks the text lacks the price.
fn mentions(text: &str, names: &[&str]) -> bool {
    names.iter().any(|name| text.contains(name))
}

/// Prices merged in first-seen order: a later price with the same id, or
/// for the same thing (the same [`PriceEntry::key`]), replaces the earlier
/// one in place, so an imported or negotiated price wins over a built-in one
/// whatever its id.
#[derive(Default)]
struct Merge<'a> {
    entries: Vec<(usize, &'a PriceEntry)>,
    by_id: HashMap<&'a str, usize>,
    by_key: HashMap<super::pricing::PriceKey, usize>,
}

impl<'a> Merge<'a> {
    fn add(&mut self, file: usize, item: &'a PriceEntry) {
        let key = item.key();
        let at = self
            .by_id
            .get(item.id.as_str())
            .or_else(|| self.by_key.get(&key))
            .copied();
        let at = if let Some(at) = at {
            self.entries[at] = (file, item);
            at
        } else {
            self.entries.push((file, item));
            self.entries.len() - 1
        };
        self.by_id.insert(&item.id, at);
        self.by_key.insert(key, at);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_of_pricing_paths() {
        assert_eq!(
            price_place("pricing/aws/ec2.yaml"),
            Some(PricePlace {
                provider: "aws",
                region: None
            })
        );
        assert_eq!(
            price_place("pricing/aws/eu-west-1/ec2.yaml"),
            Some(PricePlace {
                provider: "aws",
                region: Some("eu-west-1")
            })
        );
        assert_eq!(price_place("pricing/README.md"), None);
        assert_eq!(price_place("pricing/ec2.yaml"), None);
        assert_eq!(price_place("cost/billing.yaml"), None);
    }
}
