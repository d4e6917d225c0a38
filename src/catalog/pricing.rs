//! List prices (`catalog/pricing/<provider>/<service>.yaml`): one entry per
//! SKU, region and billing unit, each with its source, as-of date and
//! confidence, so cost reports can state where every number came from.
//!
//! Money is exact: a price is kept as integer nano-dollars, parsed from the
//! YAML number's shortest decimal text; more than nine decimal places is an
//! error rather than a silent rounding.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::plan::CloudProvider;

/// Hours in a billing month, as every report uses.
pub const HOURS_PER_MONTH: i64 = 730;

/// Nano-dollars in one dollar.
pub const NANOS_PER_UNIT: i64 = 1_000_000_000;

/// A file of `catalog/pricing/<provider>/`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PricingFile {
    /// Prices in this file.
    pub prices: Vec<PriceEntry>,
}

/// One list price.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PriceEntry {
    /// Unique kebab-case id, e.g. `aws-rds-postgresql-db-m7g-large-us-east-1`.
    pub id: String,
    /// Cloud provider; must match the directory the file is in.
    pub provider: CloudProvider,
    /// Service name as the provider markets it, e.g. `RDS PostgreSQL`.
    pub service: String,
    /// SKU as the provider's API spells it, e.g. `db.m7g.large`.
    pub sku: String,
    /// Provider region code, e.g. `us-east-1`, `eastus`, `us-central1`.
    pub region: String,
    /// What one price unit buys.
    pub unit: PriceUnit,
    /// Price per unit, as published.
    pub price: Price,
    /// Currency of `price`; list prices are in US dollars.
    pub currency: Currency,
    /// Facts about the SKU that engines match on.
    #[serde(default, skip_serializing_if = "Attributes::is_empty")]
    pub attributes: Attributes,
    /// Where the price comes from.
    pub source: String,
    /// The date the source states for the price (`YYYY-MM-DD`).
    pub as_of: String,
    /// How far the price can be trusted.
    pub confidence: Confidence,
    /// Caveats: derivations, date substitutions, billing quirks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What makes two prices the same price: provider, service, SKU, region,
/// deployment, engine, unit and volume tier. A later price with the same
/// key replaces an earlier one.
pub type PriceKey = (
    String,
    String,
    String,
    String,
    Option<Deployment>,
    Option<String>,
    PriceUnit,
    Option<u64>,
);

impl PriceEntry {
    /// The key that makes two prices the same price.
    pub fn key(&self) -> PriceKey {
        (
            self.provider.as_str().to_owned(),
            self.service.clone(),
            self.sku.clone(),
            self.region.clone(),
            self.attributes.deployment,
            self.attributes.engine.clone(),
            self.unit,
            self.attributes.tier_from_gb,
        )
    }

    /// The price in nano-dollars per unit.
    pub const fn price_nanos(&self) -> i64 {
        self.price.nanos()
    }

    /// The cost of running one unit for a month (730 hours), in
    /// nano-dollars, for units billed per hour or per month; `None` for
    /// usage-based units (per GB, per request…).
    pub const fn monthly_nanos(&self) -> Option<i64> {
        match self.unit {
            PriceUnit::Hour | PriceUnit::NodeHour => {
                self.price.nanos().checked_mul(HOURS_PER_MONTH)
            }
            PriceUnit::Month => Some(self.price.nanos()),
            _ => None,
        }
    }
}

/// The closed set of billing units.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum PriceUnit {
    /// One resource (VM, cluster, load balancer, disk-less instance) for an hour.
    Hour,
    /// One resource (a managed disk tier) for a month.
    Month,
    /// One node of a multi-node service for an hour.
    NodeHour,
    /// One vCPU for an hour.
    VcpuHour,
    /// One vCore for an hour.
    VcoreHour,
    /// One GB of memory or capacity for an hour.
    GbHour,
    /// One GB (decimal) stored for a month.
    GbMonth,
    /// One GiB stored for a month (GCP's unit for Cloud Storage).
    GibMonth,
    /// One GB transferred or processed.
    Gb,
    /// One TiB scanned.
    Tib,
    /// One provisioned IOPS for a month.
    IopsMonth,
    /// One MB/s of provisioned throughput for a month.
    MbpsMonth,
    /// One load-balancer capacity unit (LCU, NLCU) for an hour.
    LcuHour,
    /// One thousand requests.
    RequestThousand,
    /// One million requests (or request units).
    RequestMillion,
    /// One million GB-seconds of configured function memory (Lambda, Azure
    /// Functions): per-GB-second prices have more than nine decimals.
    GbSecondMillion,
    /// One million vCPU-seconds (Cloud Run).
    VcpuSecondMillion,
    /// One million GiB-seconds of memory (Cloud Run).
    GibSecondMillion,
}

impl PriceUnit {
    /// How many of what it counts (requests, GB-seconds, vCPU-seconds) one
    /// unit is: 1,000 or 1,000,000; 1 for every other unit.
    pub const fn count_per_unit(self) -> f64 {
        match self {
            Self::RequestThousand => 1_000.0,
            Self::RequestMillion
            | Self::GbSecondMillion
            | Self::VcpuSecondMillion
            | Self::GibSecondMillion => 1_000_000.0,
            _ => 1.0,
        }
    }

    /// The unit as written in catalog files.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Hour => "hour",
            Self::Month => "month",
            Self::NodeHour => "node-hour",
            Self::VcpuHour => "vcpu-hour",
            Self::VcoreHour => "vcore-hour",
            Self::GbHour => "gb-hour",
            Self::GbMonth => "gb-month",
            Self::GibMonth => "gib-month",
            Self::Gb => "gb",
            Self::Tib => "tib",
            Self::IopsMonth => "iops-month",
            Self::MbpsMonth => "mbps-month",
            Self::LcuHour => "lcu-hour",
            Self::RequestThousand => "request-thousand",
            Self::RequestMillion => "request-million",
            Self::GbSecondMillion => "gb-second-million",
            Self::VcpuSecondMillion => "vcpu-second-million",
            Self::GibSecondMillion => "gib-second-million",
        }
    }
}

/// Currency of a list price.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Currency {
    /// US dollars.
    #[serde(rename = "USD")]
    Usd,
}

/// Confidence in a price, mapped from the reference sheet's codes.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Secondary source (`S`): undated code tables, or region/date mismatch.
    Low,
    /// A dated 2025–2026 article quoting the provider price (`A`).
    Medium,
    /// Provider price-API data or an official page, dated (`P`).
    High,
}

impl Confidence {
    /// The word used in catalog files and reports.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::High => "high",
            Self::Medium => "medium",
            Self::Low => "low",
        }
    }
}

/// Whether a database price covers one instance or a primary and standby.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Deployment {
    /// One instance in one zone.
    SingleAz,
    /// Primary plus standby in another zone.
    MultiAz,
}

/// Facts about a SKU; all optional.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Attributes {
    /// vCPUs (or vCores).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vcpu: Option<u32>,
    /// Memory in GiB.
    #[serde(default, rename = "memoryGiB", skip_serializing_if = "Option::is_none")]
    pub memory_gib: Option<f64>,
    /// Database or cache engine (`postgresql`, `mysql`, `redis`, `valkey`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engine: Option<String>,
    /// Single- or multi-AZ database pricing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployment: Option<Deployment>,
    /// Provider tier or edition (`burstable`, `general_purpose`, `standard`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<String>,
    /// Storage class or disk type (`gp3`, `hot_lrs`, `pd-ssd`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_class: Option<String>,
    /// Operating system of a VM price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub os: Option<String>,
    /// Size of a disk billed per tier, in GiB.
    #[serde(
        default,
        rename = "diskSizeGiB",
        skip_serializing_if = "Option::is_none"
    )]
    pub disk_size_gib: Option<u32>,
    /// Nodes a cache tier runs (the price is per node).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nodes: Option<u32>,
    /// First GB of a volume tier this price applies to (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier_from_gb: Option<u64>,
    /// GB at which the next volume tier starts; absent for the last tier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier_to_gb: Option<u64>,
    /// CPU architecture when it is not x86-64 (`arm64` for Graviton), so a
    /// SKU is only ever translated to one its images run on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arch: Option<String>,
}

impl Attributes {
    /// Whether no attribute is set.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// An exact price in nano-dollars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Price(i64);

impl Price {
    /// A price from nano-dollars.
    pub const fn from_nanos(nanos: i64) -> Self {
        Self(nanos)
    }

    /// The price in nano-dollars.
    pub const fn nanos(self) -> i64 {
        self.0
    }

    /// Parses decimal text (`0.168`, `-74.4`, `73`) with at most nine decimal
    /// places into nano-dollars.
    pub fn parse(text: &str) -> Result<Self, PriceError> {
        let error = || PriceError(text.to_owned());
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) || fraction.len() > 9 {
            return Err(error());
        }
        let whole: i64 = whole.parse().map_err(|_| error())?;
        let fraction_nanos: i64 = format!("{fraction:0<9}").parse().map_err(|_| error())?;
        let nanos = whole
            .checked_mul(NANOS_PER_UNIT)
            .and_then(|m| m.checked_add(fraction_nanos))
            .ok_or_else(error)?;
        Ok(Self(if negative { -nanos } else { nanos }))
    }

    /// Converts a YAML float through its shortest round-trip decimal text,
    /// so `0.168` becomes exactly 168,000,000 nano-dollars.
    pub fn from_f64(value: f64) -> Result<Self, PriceError> {
        if !value.is_finite() {
            return Err(PriceError(value.to_string()));
        }
        Self::parse(&value.to_string())
    }
}

impl fmt::Display for Price {
    /// Decimal dollars without trailing zeros: `0.168`, `73`, `-74.4`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let per_unit = NANOS_PER_UNIT.unsigned_abs();
        let whole = abs / per_unit;
        let fraction = abs % per_unit;
        if fraction == 0 {
            write!(f, "{sign}{whole}")
        } else {
            let digits = format!("{fraction:09}");
            write!(f, "{sign}{whole}.{}", digits.trim_end_matches('0'))
        }
    }
}

/// A price that is not a decimal with at most nine places.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("price `{0}` is not a decimal number with at most 9 decimal places")]
pub struct PriceError(pub String);

impl Serialize for Price {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Exact for every value with at most nine decimals.
        let value: f64 = self
            .to_string()
            .parse()
            .map_err(serde::ser::Error::custom)?;
        serializer.serialize_f64(value)
    }
}

impl<'de> Deserialize<'de> for Price {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PriceVisitor;
        impl serde::de::Visitor<'_> for PriceVisitor {
            type Value = Price;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a price in USD with at most 9 decimal places")
            }

            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Price, E> {
                v.checked_mul(NANOS_PER_UNIT)
                    .map(Price)
                    .ok_or_else(|| E::custom(PriceError(v.to_string())))
            }

            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Price, E> {
                i64::try_from(v)
                    .ok()
                    .and_then(|v| v.checked_mul(NANOS_PER_UNIT))
                    .map(Price)
                    .ok_or_else(|| E::custom(PriceError(v.to_string())))
            }

            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Price, E> {
                Price::from_f64(v).map_err(E::custom)
            }
        }
        deserializer.deserialize_any(PriceVisitor)
    }
}

impl JsonSchema for Price {
    fn schema_name() -> Cow<'static, str> {
        "Price".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        schemars::json_schema!({
            "type": "number",
            "description": "Price per unit in the entry's currency, with at most 9 decimal places."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_exact_decimals() {
        assert_eq!(Price::parse("0.168").unwrap().nanos(), 168_000_000);
        assert_eq!(Price::parse("73").unwrap().nanos(), 73_000_000_000);
        assert_eq!(Price::parse("0.097118").unwrap().nanos(), 97_118_000);
        assert_eq!(Price::parse("-74.4").unwrap().nanos(), -74_400_000_000);
        assert_eq!(Price::from_f64(0.00065).unwrap().nanos(), 650_000);
        // GCP's e2 prices carry eight decimals.
        assert_eq!(Price::parse("0.03350571").unwrap().nanos(), 33_505_710);
        assert!(Price::parse("0.0335057123").is_err());
        assert!(Price::parse("1e3").is_err());
        assert!(Price::parse(".5").is_err());
    }

    #[test]
    fn displays_without_trailing_zeros() {
        assert_eq!(Price::from_nanos(168_000_000).to_string(), "0.168");
        assert_eq!(Price::from_nanos(122_640_000_000).to_string(), "122.64");
        assert_eq!(Price::from_nanos(-650_000).to_string(), "-0.00065");
        assert_eq!(Price::from_nanos(33_505_710).to_string(), "0.03350571");
    }
}
