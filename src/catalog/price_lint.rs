//! `catalog check` for pricing files: what their schema cannot say. Ids
//! unique across the built-in files (and, separately, across override files,
//! which may replace a built-in id); no two prices for the same thing;
//! provider and region equal to the directories; prices non-negative and
//! exact to nine decimals; `asOf` a real date; a source on every price.

use std::collections::BTreeMap;

use super::lint::Problem;
use super::price_store::{PricePlace, parse_price_file, price_place};
use super::pricing::PriceEntry;
use super::{Catalog, CatalogFile, Origin, is_yaml};
use crate::diag::{Code, Finding, LineIndex};
use crate::yaml::{self, Node, Span, Value};

use super::pricing::PriceKey;

fn key(price: &PriceEntry) -> PriceKey {
    price.key()
}

/// Where a price was first defined, for "also defined in" help.
struct FirstSeen {
    file: String,
    line: usize,
}

#[derive(Default)]
struct Seen {
    ids: BTreeMap<(bool, String), FirstSeen>,
    keys: BTreeMap<(bool, PriceKey), FirstSeen>,
}

/// Every pricing problem of the catalog, file by file.
pub(super) fn check_prices(catalog: &Catalog) -> Vec<Problem> {
    let mut seen = Seen::default();
    let mut out = Vec::new();
    for file in &catalog.files {
        if !file.path.starts_with("pricing/") || !is_yaml(&file.path) {
            continue;
        }
        for finding in check_file(file, &mut seen) {
            out.push((file.display_name(), file.text.clone(), finding));
        }
    }
    out
}

/// The first problem in the `--catalog` override price files, as `catalog
/// check` reports it: commands refuse such an override instead of quietly
/// pricing with the built-in file, or with a negative price.
pub(super) fn first_override_problem(catalog: &Catalog) -> Option<(String, Finding)> {
    let mut seen = Seen::default();
    for file in &catalog.files {
        if !matches!(file.origin, super::Origin::Override(_))
            || !file.path.starts_with("pricing/")
            || !is_yaml(&file.path)
        {
            continue;
        }
        if let Err(findings) = super::price_store::parse_price_file(file, true)
            && let Some(first) = findings.into_iter().next()
        {
            return Some((file.display_name(), first));
        }
        if let Some(first) = check_file(file, &mut seen).into_iter().next() {
            return Some((file.display_name(), first));
        }
    }
    None
}

fn check_file(file: &CatalogFile, seen: &mut Seen) -> Vec<Finding> {
    let Ok(tree) = yaml::parse(&file.text) else {
        return Vec::new();
    };
    let mut findings = Vec::new();
    let rows: Vec<&Node> = match price_place(&file.path) {
        None => {
            findings.push(
                Finding::new(
                    Code::InvalidValue,
                    format!(
                        "pricing file `{}` is not in a provider or region directory",
                        file.path
                    ),
                    Span::default(),
                    "here",
                )
                .with_help(
                    "move it to pricing/<aws|azure|gcp>/<service>.yaml or \
                     pricing/<provider>/<region>/<service>.yaml",
                ),
            );
            return findings;
        }
        Some(place @ PricePlace { region: None, .. }) => {
            let items = match tree.get("prices").map(|e| &e.value.value) {
                Some(Value::Seq(items)) => items.iter().collect(),
                _ => Vec::new(),
            };
            for item in &items {
                check_verbose_item(item, place, &mut findings);
            }
            items
        }
        Some(place) => check_table_header(&tree, place, &mut findings),
    };
    check_facts(&tree, &mut findings);
    // Uniqueness needs the typed entries; a file that does not parse is
    // reported by the schema check already.
    if let Ok(entries) = parse_price_file(file, true) {
        let builtin = file.origin == Origin::Builtin;
        let lines = LineIndex::new(&file.text);
        for (entry, row) in entries.iter().zip(rows) {
            let line = lines.position(&file.text, row.span.offset).0;
            let here = || FirstSeen {
                file: file.display_name(),
                line,
            };
            if let Some(first) = seen.ids.get(&(builtin, entry.id.clone())) {
                findings.push(duplicate(
                    Code::DuplicateId,
                    format!("price `{}` is defined twice", entry.id),
                    row.span,
                    first,
                ));
            } else {
                seen.ids.insert((builtin, entry.id.clone()), here());
            }
            if let Some(first) = seen.keys.get(&(builtin, key(entry))) {
                findings.push(duplicate(
                    Code::DuplicatePrice,
                    format!(
                        "{} `{}` in {} ({}) has two prices",
                        entry.service,
                        entry.sku,
                        entry.region,
                        entry.unit.as_str()
                    ),
                    row.span,
                    first,
                ));
            } else {
                seen.keys.insert((builtin, key(entry)), here());
            }
        }
    }
    findings
}

fn duplicate(code: Code, message: String, span: Span, first: &FirstSeen) -> Finding {
    Finding::new(code, message, span, "second definition").with_help(format!(
        "it is also defined in {} line {}; remove one",
        first.file, first.line
    ))
}

/// A verbose entry's provider must match its directory; its price must be
/// exact and non-negative.
fn check_verbose_item(item: &Node, place: PricePlace<'_>, findings: &mut Vec<Finding>) {
    if let Some(provider) = item.get("provider")
        && let Value::Str(text) = &provider.value.value
        && text != place.provider
    {
        findings.push(
            Finding::new(
                Code::InvalidValue,
                format!(
                    "provider `{text}` in a file under pricing/{}/",
                    place.provider
                ),
                provider.value.span,
                "does not match the directory",
            )
            .with_help(format!("move the entry to pricing/{text}/")),
        );
    }
    if let Some(price) = item.get("price") {
        check_price_value(&price.value, findings);
    }
}

/// A table's provider and region must match its directories; returns its
/// rows (for positions).
fn check_table_header<'t>(
    tree: &'t Node,
    place: PricePlace<'_>,
    findings: &mut Vec<Finding>,
) -> Vec<&'t Node> {
    let Some(table) = tree.get("table") else {
        return Vec::new();
    };
    let wanted = [
        ("provider", place.provider),
        ("region", place.region.unwrap_or_default()),
    ];
    for (key, directory) in wanted {
        if let Some(entry) = table.value.get(key)
            && let Value::Str(text) = &entry.value.value
            && text != directory
        {
            findings.push(
                Finding::new(
                    Code::InvalidValue,
                    format!("{key} `{text}` in a file under the `{directory}` directory"),
                    entry.value.span,
                    "does not match the directory",
                )
                .with_help(
                    "a table file holds the prices of the provider and region it is filed under",
                ),
            );
        }
    }
    match table.value.get("rows").map(|e| &e.value.value) {
        Some(Value::Seq(rows)) => rows.iter().collect(),
        _ => Vec::new(),
    }
}

/// Negative or over-precise prices (verbose files; tables check theirs when
/// they expand).
fn check_price_value(price: &Node, findings: &mut Vec<Finding>) {
    let value = match &price.value {
        Value::Int(i) => Some(super::pricing::Price::from_nanos(
            i.saturating_mul(super::pricing::NANOS_PER_UNIT),
        )),
        Value::Float(f) => match super::pricing::Price::from_f64(*f) {
            Ok(p) => Some(p),
            Err(error) => {
                findings.push(
                    Finding::new(
                        Code::InvalidQuantity,
                        error.to_string(),
                        price.span,
                        "too precise",
                    )
                    .with_help("catalog prices are exact to the nano-dollar (9 decimals)"),
                );
                None
            }
        },
        _ => None,
    };
    if value.is_some_and(|p| p.nanos() < 0) {
        findings.push(
            Finding::new(
                Code::OutOfRange,
                "a list price cannot be negative",
                price.span,
                "negative",
            )
            .with_help("record credits and free tiers in a `note`, not as a price"),
        );
    }
}

/// Every `asOf` is a date and every `source` says something, wherever in the
/// file they are (each verbose entry, or a table's header).
fn check_facts(tree: &Node, findings: &mut Vec<Finding>) {
    let holders: Vec<&Node> = match (tree.get("prices"), tree.get("table")) {
        (Some(prices), _) => match &prices.value.value {
            Value::Seq(items) => items.iter().collect(),
            _ => Vec::new(),
        },
        (None, Some(table)) => vec![&table.value],
        (None, None) => Vec::new(),
    };
    for holder in holders {
        if let Some(as_of) = holder.get("asOf") {
            let text = as_of.value.value.scalar_text().unwrap_or_default();
            if crate::plan::quantity::parse_date(&text).is_err() {
                findings.push(
                    Finding::new(
                        Code::InvalidQuantity,
                        format!("`asOf` `{text}` is not a date"),
                        as_of.value.span,
                        "not YYYY-MM-DD",
                    )
                    .with_help(
                        "use the date the source states; if it states none, the reference's \
                         retrieval date, and say so in `note`",
                    ),
                );
            }
        }
        if let Some(source) = holder.get("source")
            && matches!(&source.value.value, Value::Str(text) if text.trim().is_empty())
        {
            findings.push(
                Finding::new(
                    Code::MissingKey,
                    "every price must cite its source",
                    source.value.span,
                    "empty source",
                )
                .with_help("name the public page, API or price file the price comes from"),
            );
        }
    }
}

/// Prices whose `asOf` is more than `max_days` before `today` (days since
/// 1970-01-01): one finding per verbose entry, one per table (its rows share
/// the date), at the date itself.
pub fn stale_prices(catalog: &Catalog, today: i64, max_days: u32) -> Vec<Problem> {
    let mut out = Vec::new();
    for file in &catalog.files {
        if price_place(&file.path).is_none() {
            continue;
        }
        let Ok(tree) = yaml::parse(&file.text) else {
            continue;
        };
        let holders: Vec<(&Node, usize)> = match (tree.get("prices"), tree.get("table")) {
            (Some(prices), _) => match &prices.value.value {
                Value::Seq(items) => items.iter().map(|item| (item, 1)).collect(),
                _ => Vec::new(),
            },
            (None, Some(table)) => {
                let rows = match table.value.get("rows").map(|r| &r.value.value) {
                    Some(Value::Seq(rows)) => rows.len(),
                    _ => 0,
                };
                vec![(&table.value, rows)]
            }
            (None, None) => Vec::new(),
        };
        for (holder, count) in holders {
            let Some(as_of) = holder.get("asOf") else {
                continue;
            };
            let text = as_of.value.value.scalar_text().unwrap_or_default();
            let Some(age) = crate::plan::quantity::days_since_epoch(&text).map(|d| today - d)
            else {
                continue;
            };
            if age <= i64::from(max_days) {
                continue;
            }
            let what = if count == 1 {
                "a price".to_owned()
            } else {
                format!("{count} prices")
            };
            let finding = Finding::new(
                Code::StalePrice,
                format!("{what} dated {text}, {age} days ago, older than the {max_days}-day limit"),
                as_of.value.span,
                "too old",
            )
            .with_help(
                "check it against the provider's current price list and update price and asOf, \
                 or re-import the provider's price file with `infraplan catalog import`",
            );
            out.push((file.display_name(), file.text.clone(), finding));
        }
    }
    out
}
