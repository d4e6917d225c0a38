//! `infraplan catalog show pricing`: the list prices with their sources
//! and as-of dates, a per-provider summary, and the billing rules file in
//! use; filtered by provider, region and service.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::Serialize;

use infraplan::catalog::billing::BillingFile;
use infraplan::catalog::pricing::{Confidence, PriceEntry};
use infraplan::catalog::{BILLING_PATH, Catalog};
use infraplan::plan::CloudProvider;

use super::catalog::{ShowArgs, ShowFormat};
use super::{CliError, Context, Outcome, output, render};

/// The `catalog show pricing` filters, as given.
struct PriceFilter<'a> {
    provider: Option<CloudProvider>,
    region: Option<&'a str>,
    /// Lower-cased once, for the case-insensitive substring match.
    service: Option<String>,
}

impl<'a> PriceFilter<'a> {
    fn new(args: &'a ShowArgs) -> Self {
        Self {
            provider: args.provider.map(CloudProvider::from),
            region: args.region.as_deref(),
            service: args.service.as_deref().map(str::to_lowercase),
        }
    }

    fn matches(&self, price: &PriceEntry) -> bool {
        self.provider.is_none_or(|p| p == price.provider)
            && self
                .region
                .is_none_or(|r| r.eq_ignore_ascii_case(&price.region))
            && self
                .service
                .as_deref()
                .is_none_or(|s| price.service.to_lowercase().contains(s))
    }

    /// `provider gcp, region eu-west-1` for messages; empty when unfiltered.
    fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(provider) = self.provider {
            parts.push(format!("provider {}", provider.as_str()));
        }
        if let Some(region) = self.region {
            parts.push(format!("region {region}"));
        }
        if let Some(service) = &self.service {
            parts.push(format!("service ~ \"{service}\""));
        }
        parts.join(", ")
    }
}

/// `catalog show pricing` as JSON or YAML.
#[derive(Serialize)]
struct PricingView<'a> {
    summary: PricingSummary,
    prices: Vec<PriceRow<'a>>,
}

/// One price in full, with the file it came from: with `--catalog` an
/// override can replace a built-in price, and the reader must see which won.
#[derive(Serialize)]
struct PriceRow<'a> {
    #[serde(flatten)]
    price: &'a PriceEntry,
    file: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PricingSummary {
    /// The filters applied, so a saved report says what it left out.
    #[serde(skip_serializing_if = "String::is_empty")]
    filter: String,
    total: usize,
    currency: &'static str,
    oldest_as_of: String,
    newest_as_of: String,
    by_confidence: ConfidenceCounts,
    providers: Vec<ProviderSummary>,
    billing_rules: BillingSource,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ProviderSummary {
    provider: CloudProvider,
    prices: usize,
    regions: Vec<String>,
    oldest_as_of: String,
    newest_as_of: String,
    by_confidence: ConfidenceCounts,
}

#[derive(Default, Serialize)]
struct ConfidenceCounts {
    high: usize,
    medium: usize,
    low: usize,
}

impl ConfidenceCounts {
    fn add(&mut self, confidence: Confidence) {
        match confidence {
            Confidence::High => self.high += 1,
            Confidence::Medium => self.medium += 1,
            Confidence::Low => self.low += 1,
        }
    }
}

/// Which file the cost engines take their billing rules from.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BillingSource {
    /// `None` when no `cost/billing.yaml` parses: cost commands cannot price.
    file: Option<String>,
    /// Later files that do not parse; [`Catalog::billing`] falls back past
    /// them, which would otherwise go unnoticed until a cost looked wrong.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    ignored: Vec<String>,
}

impl BillingSource {
    /// Mirrors [`Catalog::billing`]'s choice: the last billing file that parses.
    fn of(catalog: &Catalog) -> Self {
        let mut ignored = Vec::new();
        let mut file = None;
        for candidate in catalog
            .files
            .iter()
            .rev()
            .filter(|f| f.path == BILLING_PATH)
        {
            if infraplan::catalog::parse_checked::<BillingFile>(&candidate.text).is_ok() {
                file = Some(candidate.display_name());
                break;
            }
            ignored.push(candidate.display_name());
        }
        Self { file, ignored }
    }

    fn describe(&self) -> String {
        let mut text = match &self.file {
            Some(file) => format!("billing rules from {file}"),
            None => {
                format!("no billing rules (no {BILLING_PATH} parses): cost commands cannot price")
            }
        };
        for bad in &self.ignored {
            let _ = write!(
                text,
                "; {bad} does not parse and is ignored (`infraplan catalog check`)"
            );
        }
        text
    }
}

/// Oldest and newest `asOf`; ISO dates order as text.
fn as_of_range<'a>(prices: impl Iterator<Item = &'a PriceEntry>) -> (String, String) {
    let mut dates = prices.map(|p| p.as_of.as_str());
    let first = dates.next().unwrap_or_default();
    let (oldest, newest) = dates.fold((first, first), |(lo, hi), d| (lo.min(d), hi.max(d)));
    (oldest.to_owned(), newest.to_owned())
}

fn summarise(
    catalog: &Catalog,
    prices: &[&PriceEntry],
    filter: &PriceFilter<'_>,
) -> PricingSummary {
    let mut by_confidence = ConfidenceCounts::default();
    let mut providers: BTreeMap<CloudProvider, Vec<&PriceEntry>> = BTreeMap::new();
    for price in prices {
        by_confidence.add(price.confidence);
        providers.entry(price.provider).or_default().push(price);
    }
    let (oldest_as_of, newest_as_of) = as_of_range(prices.iter().copied());
    PricingSummary {
        filter: filter.describe(),
        total: prices.len(),
        currency: "USD",
        oldest_as_of,
        newest_as_of,
        by_confidence,
        providers: providers
            .into_iter()
            .map(|(provider, prices)| {
                let mut by_confidence = ConfidenceCounts::default();
                for price in &prices {
                    by_confidence.add(price.confidence);
                }
                let (oldest_as_of, newest_as_of) = as_of_range(prices.iter().copied());
                ProviderSummary {
                    provider,
                    prices: prices.len(),
                    regions: prices
                        .iter()
                        .map(|p| p.region.clone())
                        .collect::<BTreeSet<_>>()
                        .into_iter()
                        .collect(),
                    oldest_as_of,
                    newest_as_of,
                    by_confidence,
                }
            })
            .collect(),
        billing_rules: BillingSource::of(catalog),
    }
}

/// Runs `catalog show pricing`.
pub(super) fn pricing(context: &Context, args: &ShowArgs) -> Result<Outcome, CliError> {
    let catalog = context.catalog()?;
    let filter = PriceFilter::new(args);
    let mut entries: Vec<_> = catalog
        .prices()
        .iter()
        .filter(|e| filter.matches(&e.item))
        .collect();
    if entries.is_empty() {
        return Ok(no_prices(context, &catalog, &filter));
    }
    // The id breaks ties (volume tiers share service, SKU and region), so
    // the order never depends on which file a price was read from.
    entries.sort_by(|a, b| {
        let (a, b) = (&a.item, &b.item);
        (a.provider, &a.service, &a.sku, &a.region, a.unit, &a.id)
            .cmp(&(b.provider, &b.service, &b.sku, &b.region, b.unit, &b.id))
    });
    let prices: Vec<&PriceEntry> = entries.iter().map(|e| &e.item).collect();
    let view = PricingView {
        summary: summarise(&catalog, &prices, &filter),
        prices: entries
            .iter()
            .map(|e| PriceRow {
                price: &e.item,
                file: catalog.files[e.file].display_name(),
            })
            .collect(),
    };
    let text = match args.format.unwrap_or(ShowFormat::Table) {
        ShowFormat::Table => pricing_table(&view),
        ShowFormat::Json => super::cost::json(&view)?,
        ShowFormat::Yaml => serde_saphyr::to_string(&view).map_err(|error| CliError::Usage {
            message: format!("cannot write YAML: {error}"),
            help: None,
        })?,
    };
    output::print(&text)?;
    Ok(Outcome::Success)
}

/// Nothing matched: exit 1 and name what exists, so the next try can hit.
fn no_prices(context: &Context, catalog: &Catalog, filter: &PriceFilter<'_>) -> Outcome {
    let mut regions: BTreeMap<CloudProvider, BTreeSet<&str>> = BTreeMap::new();
    for entry in catalog.prices() {
        regions
            .entry(entry.item.provider)
            .or_default()
            .insert(&entry.item.region);
    }
    let message = if catalog.prices().is_empty() {
        "the catalog has no list prices".to_owned()
    } else {
        format!("no list price matches {}", filter.describe())
    };
    let suggestion = filter
        .region
        .and_then(|r| infraplan::diag::did_you_mean(r, regions.values().flatten().copied()))
        .map(|r| format!("did you mean region `{r}`? "))
        .unwrap_or_default();
    // One provider a line: the renderer wraps long help at hyphens, which
    // would split region codes such as `us-central1`.
    let mut existing = String::new();
    for (provider, regions) in &regions {
        let regions: Vec<&str> = regions.iter().copied().collect();
        let _ = write!(existing, "\n{}: {}", provider.as_str(), regions.join(", "));
    }
    let help = if existing.is_empty() {
        "add `pricing/<provider>/<service>.yaml` files to a `--catalog` directory".to_owned()
    } else {
        format!("{suggestion}regions with list prices:{existing}")
    };
    render::report_error(
        CliError::Usage {
            message,
            help: Some(help),
        },
        context.color,
    );
    Outcome::Failed
}

fn pricing_table(view: &PricingView<'_>) -> String {
    let summary = &view.summary;
    let mut text = format!(
        "list prices: {} in {} · asOf {} to {} · {}\n",
        summary.total,
        summary.currency,
        summary.oldest_as_of,
        summary.newest_as_of,
        summary.billing_rules.describe()
    );
    if !summary.filter.is_empty() {
        let _ = writeln!(text, "filtered: {}", summary.filter);
    }
    let mut providers = super::output::new_table(
        [
            "provider",
            "prices",
            "regions",
            "oldest asOf",
            "newest asOf",
            "high",
            "medium",
            "low",
        ]
        .map(str::to_owned)
        .to_vec(),
    );
    for p in &summary.providers {
        providers.add_row(vec![
            p.provider.as_str().to_owned(),
            p.prices.to_string(),
            p.regions.join(", "),
            p.oldest_as_of.clone(),
            p.newest_as_of.clone(),
            p.by_confidence.high.to_string(),
            p.by_confidence.medium.to_string(),
            p.by_confidence.low.to_string(),
        ]);
    }
    let mut prices = super::output::new_table(
        [
            "provider",
            "service",
            "sku",
            "region",
            "unit",
            "price (USD)",
            "confidence",
            "asOf",
        ]
        .map(str::to_owned)
        .to_vec(),
    );
    for row in &view.prices {
        let p = row.price;
        prices.add_row(vec![
            p.provider.as_str().to_owned(),
            p.service.clone(),
            p.sku.clone(),
            p.region.clone(),
            p.unit.as_str().to_owned(),
            p.price.to_string(),
            p.confidence.as_str().to_owned(),
            p.as_of.clone(),
        ]);
    }
    let _ = write!(
        text,
        "{providers}\n{prices}\n{} {} · confidence: {} high, {} medium, {} low · sources and notes: --format json\n",
        summary.total,
        if summary.total == 1 {
            "price"
        } else {
            "prices"
        },
        summary.by_confidence.high,
        summary.by_confidence.medium,
        summary.by_confidence.low
    );
    text
}
