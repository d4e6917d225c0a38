//! AWS Price List bulk offer files (`offers/v1.0/aws/<offer>/current/<region>/index.json`).
//!
//! An offer file is one JSON object: `offerCode`, `version`,
//! `publicationDate`, then `products` (SKU → product family and attributes)
//! and `terms` (`OnDemand` / `Reserved` → SKU → term → price dimensions).
//! A regional EC2 file runs to hundreds of megabytes, so it is read as a
//! stream: each product is decided on and dropped as it is read, only the
//! kept products' on-demand prices are held, and `Reserved` is skipped
//! without being built. Memory stays bounded by what is kept.
//!
//! Kept: EC2 Linux on-demand shared-tenancy instances and EBS volume
//! storage and IOPS (`AmazonEC2`); RDS PostgreSQL, MySQL and SQL Server
//! (licence included) instances, single- and multi-AZ (`AmazonRDS`);
//! ElastiCache Redis OSS and Valkey nodes (`AmazonElastiCache`).

use std::collections::HashMap;
use std::fmt;
use std::io::Read;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};

use super::{ImportError, Imported, Provenance, Row, Skip, parse_price};
use crate::catalog::pricing::{Attributes, Deployment, PriceUnit};
use crate::plan::CloudProvider;

/// What an offer file held, with the provenance its header states.
#[derive(Debug)]
pub struct AwsImport {
    /// The kept prices.
    pub imported: Imported,
    /// Source and as-of date from the file's own header.
    pub provenance: Provenance,
    /// The file's `offerCode`, e.g. `AmazonEC2`.
    pub offer_code: String,
}

/// Reads an offer file. `file_name` names it in the source; `expect_offer`,
/// when given, must equal the file's `offerCode`.
pub fn import(
    reader: impl Read,
    file_name: &str,
    expect_offer: Option<&str>,
) -> Result<AwsImport, ImportError> {
    let mut state = State::default();
    // serde_json reads a byte at a time: buffer, or every byte is a syscall.
    let mut stream =
        serde_json::Deserializer::from_reader(std::io::BufReader::with_capacity(1 << 16, reader));
    OfferSeed(&mut state)
        .deserialize(&mut stream)
        .map_err(|e| ImportError::Format(format!("not an AWS Price List offer file: {e}")))?;
    stream
        .end()
        .map_err(|e| ImportError::Format(format!("trailing data after the offer: {e}")))?;
    let offer_code = state
        .offer_code
        .ok_or_else(|| ImportError::Format("the file has no `offerCode`".to_owned()))?;
    if let Some(expected) = expect_offer
        && expected != offer_code
    {
        return Err(ImportError::Format(format!(
            "the file is the `{offer_code}` offer, not `{expected}`"
        )));
    }
    let published = state.publication_date.ok_or_else(|| {
        ImportError::Format("the file has no `publicationDate` to date its prices".to_owned())
    })?;
    let as_of = published
        .get(..10)
        .filter(|d| crate::plan::quantity::parse_date(d).is_ok())
        .ok_or_else(|| {
            ImportError::Format(format!("`publicationDate` `{published}` is not a date"))
        })?
        .to_owned();
    let version = state.version.unwrap_or_default();
    let provenance = Provenance {
        source: format!(
            "AWS Price List bulk API, offer {offer_code} version {version} \
             (publicationDate {published}), imported from {file_name}"
        ),
        as_of,
    };
    let mut imported = Imported::new(CloudProvider::Aws);
    imported.read = state.read;
    imported.skipped = state.skipped;
    let mut kept: Vec<(String, Kept)> = state.products.into_iter().collect();
    kept.sort_by(|a, b| a.0.cmp(&b.0));
    for (sku_code, product) in kept {
        match state.prices.get(&sku_code) {
            Some(Ok((unit, price))) if *unit == product.unit => imported.add(
                &product.region,
                product.service,
                product.id_prefix,
                Row {
                    sku: product.sku,
                    price: *price,
                    unit: product.unit,
                    attributes: product.attributes,
                },
            ),
            Some(Err(why)) => imported.skip(*why),
            _ => imported.skip(Skip::NoPrice),
        }
    }
    Ok(AwsImport {
        imported,
        provenance,
        offer_code,
    })
}

/// A product that passed the filter, waiting for its price.
#[derive(Debug)]
struct Kept {
    region: String,
    service: &'static str,
    id_prefix: &'static str,
    sku: String,
    unit: PriceUnit,
    attributes: Attributes,
}

type PriceResult = Result<(PriceUnit, crate::catalog::pricing::Price), Skip>;

#[derive(Default)]
struct State {
    offer_code: Option<String>,
    version: Option<String>,
    publication_date: Option<String>,
    products_done: bool,
    products: HashMap<String, Kept>,
    prices: HashMap<String, PriceResult>,
    skipped: std::collections::BTreeMap<Skip, u64>,
    read: u64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Product {
    #[serde(default)]
    product_family: String,
    #[serde(default)]
    attributes: HashMap<String, String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Term {
    #[serde(default)]
    price_dimensions: HashMap<String, Dimension>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Dimension {
    #[serde(default)]
    unit: String,
    #[serde(default)]
    price_per_unit: HashMap<String, String>,
    #[serde(default)]
    begin_range: Option<String>,
}

struct OfferSeed<'a>(&'a mut State);

impl<'de> DeserializeSeed<'de> for OfferSeed<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for OfferSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an offer object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "offerCode" => self.0.offer_code = Some(map.next_value()?),
                "version" => self.0.version = Some(map.next_value()?),
                "publicationDate" => self.0.publication_date = Some(map.next_value()?),
                "products" => {
                    map.next_value_seed(ProductsSeed(self.0))?;
                    self.0.products_done = true;
                }
                "terms" => map.next_value_seed(TermsSeed(self.0))?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

struct ProductsSeed<'a>(&'a mut State);

impl<'de> DeserializeSeed<'de> for ProductsSeed<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ProductsSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map of products by SKU")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(sku_code) = map.next_key::<String>()? {
            let product: Product = map.next_value()?;
            self.0.read += 1;
            match classify(&product) {
                Some(kept) => {
                    self.0.products.insert(sku_code, kept);
                }
                None => *self.0.skipped.entry(Skip::NotUsed).or_default() += 1,
            }
        }
        Ok(())
    }
}

struct TermsSeed<'a>(&'a mut State);

impl<'de> DeserializeSeed<'de> for TermsSeed<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TermsSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map of term types")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(kind) = map.next_key::<String>()? {
            if kind == "OnDemand" {
                map.next_value_seed(OnDemandSeed(self.0))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

struct OnDemandSeed<'a>(&'a mut State);

impl<'de> DeserializeSeed<'de> for OnDemandSeed<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for OnDemandSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map of on-demand terms by SKU")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(sku_code) = map.next_key::<String>()? {
            // Products come first in every published file; if a file put
            // terms first, every on-demand price is kept for the join.
            let wanted = !self.0.products_done || self.0.products.contains_key(&sku_code);
            if wanted {
                let terms: HashMap<String, Term> = map.next_value()?;
                self.0.prices.insert(sku_code, on_demand_price(&terms));
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

/// The single USD rate of a SKU's on-demand terms. A SKU with volume tiers
/// (several dimensions) is not one price, so it is not imported.
fn on_demand_price(terms: &HashMap<String, Term>) -> PriceResult {
    let mut dimensions = terms.values().flat_map(|t| t.price_dimensions.values());
    let (Some(dimension), None) = (dimensions.next(), dimensions.next()) else {
        return Err(Skip::NoPrice);
    };
    if dimension.begin_range.as_deref().is_some_and(|r| r != "0") {
        return Err(Skip::NoPrice);
    }
    let unit = match dimension.unit.as_str() {
        "Hrs" => PriceUnit::Hour,
        "GB-Mo" => PriceUnit::GbMonth,
        "IOPS-Mo" => PriceUnit::IopsMonth,
        _ => return Err(Skip::NoPrice),
    };
    let usd = dimension.price_per_unit.get("USD").ok_or(Skip::NoPrice)?;
    Ok((unit, parse_price(usd)?))
}

/// Whether infraplan prices this product, and as what.
fn classify(product: &Product) -> Option<Kept> {
    let get = |key: &str| product.attributes.get(key).map(String::as_str);
    let region = get("regionCode")?.to_owned();
    if get("locationType").is_some_and(|t| t != "AWS Region") {
        return None;
    }
    match (get("servicecode")?, product.product_family.as_str()) {
        ("AmazonEC2", "Compute Instance" | "Compute Instance (bare metal)") => ec2(&get, region),
        ("AmazonEC2", "Storage") => ebs_storage(&get, region),
        ("AmazonEC2", "System Operation") => ebs_iops(&get, region),
        ("AmazonRDS", "Database Instance") => rds(&get, region),
        ("AmazonElastiCache", "Cache Instance") => elasticache(&get, region),
        _ => None,
    }
}

fn ec2<'a>(get: &impl Fn(&str) -> Option<&'a str>, region: String) -> Option<Kept> {
    let is = |key: &str, value: &str| get(key) == Some(value);
    let absent_or = |key: &str, value: &str| get(key).is_none_or(|v| v == value);
    if !is("operatingSystem", "Linux")
        || !is("tenancy", "Shared")
        || !is("preInstalledSw", "NA")
        || !absent_or("capacitystatus", "Used")
        || !absent_or("licenseModel", "No License required")
        || !absent_or("marketoption", "OnDemand")
    {
        return None;
    }
    let sku = get("instanceType")?.to_owned();
    let tier = instance_tier(&sku, get("instanceFamily").unwrap_or_default());
    Some(Kept {
        region,
        service: "EC2",
        id_prefix: "aws-ec2",
        attributes: Attributes {
            vcpu: get("vcpu").and_then(|v| v.parse().ok()),
            memory_gib: get("memory").and_then(memory_gib),
            tier: Some(tier),
            os: Some("linux".to_owned()),
            arch: arm(get),
            ..Attributes::default()
        },
        sku,
        unit: PriceUnit::Hour,
    })
}

fn ebs_storage<'a>(get: &impl Fn(&str) -> Option<&'a str>, region: String) -> Option<Kept> {
    let volume = get("volumeApiName")?;
    if !matches!(
        volume,
        "gp2" | "gp3" | "io1" | "io2" | "st1" | "sc1" | "standard"
    ) {
        return None;
    }
    Some(Kept {
        region,
        service: "EBS",
        id_prefix: "aws-ebs",
        sku: volume.to_owned(),
        unit: PriceUnit::GbMonth,
        attributes: Attributes::default(),
    })
}

fn ebs_iops<'a>(get: &impl Fn(&str) -> Option<&'a str>, region: String) -> Option<Kept> {
    let volume = get("volumeApiName")?;
    if get("group") != Some("EBS IOPS") || !matches!(volume, "gp3" | "io1" | "io2") {
        return None;
    }
    Some(Kept {
        region,
        service: "EBS",
        id_prefix: "aws-ebs",
        sku: format!("{volume} IOPS"),
        unit: PriceUnit::IopsMonth,
        attributes: Attributes::default(),
    })
}

fn rds<'a>(get: &impl Fn(&str) -> Option<&'a str>, region: String) -> Option<Kept> {
    let deployment = match get("deploymentOption")? {
        "Single-AZ" => Deployment::SingleAz,
        "Multi-AZ" => Deployment::MultiAz,
        _ => return None,
    };
    let sku = get("instanceType")?.to_owned();
    let (service, engine, tier) = match get("databaseEngine")? {
        "PostgreSQL" => ("RDS PostgreSQL", "postgresql".to_owned(), None),
        "MySQL" => ("RDS MySQL", "mysql".to_owned(), None),
        "SQL Server" if get("licenseModel") == Some("License included") => {
            let (code, edition) = match get("databaseEdition")? {
                "Standard" => ("se", "standard_edition"),
                "Enterprise" => ("ee", "enterprise_edition"),
                "Web" => ("web", "web_edition"),
                "Express" => ("ex", "express_edition"),
                _ => return None,
            };
            (
                "RDS for SQL Server",
                format!("sqlserver-{code}"),
                Some(edition.to_owned()),
            )
        }
        _ => return None,
    };
    let class = sku.strip_prefix("db.").unwrap_or(&sku);
    Some(Kept {
        region,
        service,
        id_prefix: "aws-rds",
        attributes: Attributes {
            vcpu: get("vcpu").and_then(|v| v.parse().ok()),
            memory_gib: get("memory").and_then(memory_gib),
            engine: Some(engine),
            deployment: Some(deployment),
            tier: tier.or_else(|| Some(instance_tier(class, ""))),
            arch: arm(get),
            ..Attributes::default()
        },
        sku,
        unit: PriceUnit::Hour,
    })
}

fn elasticache<'a>(get: &impl Fn(&str) -> Option<&'a str>, region: String) -> Option<Kept> {
    let (service, engine) = match get("cacheEngine")? {
        "Redis" => ("ElastiCache (Redis OSS)", "redis"),
        "Valkey" => ("ElastiCache (Valkey)", "valkey"),
        _ => return None,
    };
    let sku = get("instanceType")?.to_owned();
    Some(Kept {
        region,
        service,
        id_prefix: "aws-elasticache",
        attributes: Attributes {
            vcpu: get("vcpu").and_then(|v| v.parse().ok()),
            memory_gib: get("memory").and_then(memory_gib),
            engine: Some(engine.to_owned()),
            arch: arm(get),
            ..Attributes::default()
        },
        sku,
        unit: PriceUnit::NodeHour,
    })
}

/// `arm64` for Graviton processors; x86-64 is left unset.
fn arm<'a>(get: &impl Fn(&str) -> Option<&'a str>) -> Option<String> {
    get("physicalProcessor")
        .filter(|p| p.contains("Graviton"))
        .map(|_| "arm64".to_owned())
}

/// `"8 GiB"` → 8.0 (`"0.5 GiB"`, `"1,024 GiB"` too).
fn memory_gib(text: &str) -> Option<f64> {
    let number = text.trim().strip_suffix("GiB")?.trim().replace(',', "");
    number.parse().ok().filter(|gib: &f64| *gib > 0.0)
}

/// The catalog's class of an instance type: burstable `t` types first, then
/// the provider's family.
fn instance_tier(sku: &str, family: &str) -> String {
    if sku.starts_with('t') {
        return "burstable".to_owned();
    }
    match family {
        "General purpose" => "general_purpose".to_owned(),
        "Memory optimized" => "memory_optimized".to_owned(),
        "Compute optimized" => "compute_optimized".to_owned(),
        "" => match sku.chars().next() {
            Some('m') => "general_purpose".to_owned(),
            Some('r' | 'x' | 'z') => "memory_optimized".to_owned(),
            Some('c') => "compute_optimized".to_owned(),
            _ => "other".to_owned(),
        },
        other => super::slug(other).replace('-', "_"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_and_tiers_read_as_the_catalog_writes_them() {
        assert_eq!(memory_gib("8 GiB"), Some(8.0));
        assert_eq!(memory_gib("0.5 GiB"), Some(0.5));
        assert_eq!(memory_gib("1,024 GiB"), Some(1024.0));
        assert_eq!(memory_gib("NA"), None);
        assert_eq!(instance_tier("t4g.small", "General purpose"), "burstable");
        assert_eq!(
            instance_tier("r7g.large", "Memory optimized"),
            "memory_optimized"
        );
        assert_eq!(instance_tier("m7g.large", ""), "general_purpose");
        assert_eq!(
            instance_tier("i4i.large", "Storage optimized"),
            "storage_optimized"
        );
    }
}
