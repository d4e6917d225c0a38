//! Strictly parsed quantities: Kubernetes CPU (`500m`, `2`), memory (`512Mi`,
//! `16GB`), durations (`30s`, `3d`, `2w`) and ISO dates (`2027-01-31`).
//!
//! Each type keeps the text the user wrote (so a plan re-serialises as written)
//! next to the normalised number engines use. The same parser backs serde
//! deserialisation and the structural validator, so `cpu: fast` is an error in
//! both places with the same message.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A quantity kind the structural validator knows how to check; its name is
/// the JSON Schema `format` emitted for the type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuantityKind {
    /// Kubernetes CPU: whole or fractional cores, or millicores with `m`.
    Cpu,
    /// Memory or size with a unit suffix.
    Memory,
    /// A duration: integer and one of `s`, `m`, `h`, `d`, `w`.
    Duration,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// An id: lower-case letters, digits, `-` and `_`, starting with a letter or digit.
    Identifier,
    /// An ISO 4217 currency code such as `USD`.
    Currency,
}

impl QuantityKind {
    /// The schema `format` keyword value for this kind.
    pub const fn format(self) -> &'static str {
        match self {
            Self::Cpu => "k8s-cpu",
            Self::Memory => "memory-size",
            Self::Duration => "duration",
            Self::Date => "date",
            Self::Identifier => "identifier",
            Self::Currency => "currency-code",
        }
    }

    /// Looks a kind up by its schema `format` name.
    pub fn from_format(format: &str) -> Option<Self> {
        [
            Self::Cpu,
            Self::Memory,
            Self::Duration,
            Self::Date,
            Self::Identifier,
            Self::Currency,
        ]
        .into_iter()
        .find(|kind| kind.format() == format)
    }

    /// Checks `text` (a YAML scalar rendered as text) against this kind.
    pub fn check(self, text: &str) -> Result<(), QuantityError> {
        match self {
            Self::Cpu => parse_cpu(text).map(drop),
            Self::Memory => parse_memory(text).map(drop),
            Self::Duration => parse_duration(text).map(drop),
            Self::Date => parse_date(text).map(drop),
            Self::Identifier => parse_identifier(text).map(drop),
            Self::Currency => parse_currency(text).map(drop),
        }
    }

    /// Whether a bare YAML number is acceptable for this kind.
    pub const fn accepts_number(self) -> bool {
        matches!(self, Self::Cpu)
    }
}

/// Why a quantity did not parse: a message and a hint with valid examples.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuantityError {
    /// What is wrong with the text.
    pub message: String,
    /// How to write it instead.
    pub help: &'static str,
}

impl fmt::Display for QuantityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.help)
    }
}

const CPU_HELP: &str = "write whole or fractional cores (`2`, `0.5`) or millicores (`500m`)";
const MEMORY_HELP: &str = "write a number and a unit: `512Mi`, `16Gi`, `16GB` (binary: Ki Mi Gi Ti, KB MB GB TB; decimal: k M G T)";
const DURATION_HELP: &str =
    "write a whole number and a unit: `30s`, `5m`, `2h`, `3d`, `2w` (s, m, h, d, w)";
const DATE_HELP: &str = "write an ISO date: `2027-01-31`";

fn invalid(kind: &str, text: &str, help: &'static str) -> QuantityError {
    QuantityError {
        message: format!("`{text}` is not a valid {kind}"),
        help,
    }
}

/// Splits `text` into its leading decimal number and the rest.
fn split_number(text: &str) -> (&str, &str) {
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    (&text[..end], &text[end..])
}

/// Parses a non-negative decimal with at most one dot and digits on both sides.
fn parse_decimal(number: &str) -> Option<f64> {
    let mut parts = number.split('.');
    let whole = parts.next()?;
    let fraction = parts.next();
    if parts.next().is_some() || whole.is_empty() || fraction.is_some_and(str::is_empty) {
        return None;
    }
    number.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Parses Kubernetes CPU into millicores.
pub fn parse_cpu(text: &str) -> Result<u64, QuantityError> {
    let error = || invalid("CPU quantity", text, CPU_HELP);
    let (number, unit) = split_number(text.trim());
    let value = parse_decimal(number).ok_or_else(error)?;
    let millis = match unit {
        "m" if !number.contains('.') => value,
        "" => value * 1000.0,
        _ => return Err(error()),
    };
    if millis < 1.0 || millis.fract() != 0.0 || millis > 1.0e9 {
        return Err(QuantityError {
            message: format!("`{text}` is not a positive whole number of millicores"),
            help: CPU_HELP,
        });
    }
    // Bounded above by 1e9, so the conversion is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(millis as u64)
}

/// Parses a memory or size quantity into bytes.
pub fn parse_memory(text: &str) -> Result<u64, QuantityError> {
    let error = || invalid("memory size", text, MEMORY_HELP);
    let (number, unit) = split_number(text.trim());
    let value = parse_decimal(number).ok_or_else(error)?;
    let multiplier: f64 = match unit {
        "Ki" | "KB" | "KiB" => 1024.0,
        "Mi" | "MB" | "MiB" => 1024.0_f64.powi(2),
        "Gi" | "GB" | "GiB" => 1024.0_f64.powi(3),
        "Ti" | "TB" | "TiB" => 1024.0_f64.powi(4),
        "Pi" | "PB" | "PiB" => 1024.0_f64.powi(5),
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "P" => 1e15,
        _ => return Err(error()),
    };
    let bytes = (value * multiplier).round();
    if bytes <= 0.0 || bytes > 1.0e18 {
        return Err(QuantityError {
            message: format!("`{text}` is not a positive size below one exabyte"),
            help: MEMORY_HELP,
        });
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(bytes as u64)
}

/// Parses a duration into seconds.
pub fn parse_duration(text: &str) -> Result<u64, QuantityError> {
    let error = || invalid("duration", text, DURATION_HELP);
    let (number, unit) = split_number(text.trim());
    if number.is_empty() || number.contains('.') {
        return Err(error());
    }
    let value: u64 = number.parse().map_err(|_| error())?;
    let seconds_per_unit = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3_600,
        "d" => 86_400,
        "w" => 604_800,
        _ => return Err(error()),
    };
    value.checked_mul(seconds_per_unit).ok_or_else(error)
}

/// Parses an ISO `YYYY-MM-DD` date into (year, month, day), checking the
/// day exists in that month.
pub fn parse_date(text: &str) -> Result<(u16, u8, u8), QuantityError> {
    let error = || invalid("date", text, DATE_HELP);
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return Err(error());
    }
    let year: u16 = text[..4].parse().map_err(|_| error())?;
    let month: u8 = text[5..7].parse().map_err(|_| error())?;
    let day: u8 = text[8..].parse().map_err(|_| error())?;
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(error()),
    };
    if day == 0 || day > days_in_month {
        return Err(error());
    }
    Ok((year, month, day))
}

const IDENTIFIER_HELP: &str = "use lower-case letters, digits, `-` and `_` (at most 63), starting with a letter or digit, e.g. `orders-db`";
const CURRENCY_HELP: &str = "use an ISO 4217 code in capitals, e.g. `USD`, `EUR`";

/// Checks an id: it ends up in file names and Terraform resource names, so it
/// is kept to a portable, path-safe alphabet.
pub fn parse_identifier(text: &str) -> Result<(), QuantityError> {
    let valid = !text.is_empty()
        && text.len() <= 63
        && text.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if valid {
        Ok(())
    } else {
        Err(invalid("id", text, IDENTIFIER_HELP))
    }
}

/// Checks a three-letter upper-case currency code.
pub fn parse_currency(text: &str) -> Result<(), QuantityError> {
    if text.len() == 3 && text.chars().all(|c| c.is_ascii_uppercase()) {
        Ok(())
    } else {
        Err(invalid("currency code", text, CURRENCY_HELP))
    }
}

/// The ISO date (`YYYY-MM-DD`) of a day count since 1970-01-01, by the
/// proleptic Gregorian calendar (Howard Hinnant's days-to-civil algorithm).
pub fn civil_date(days: u64) -> String {
    let days = i64::try_from(days).unwrap_or(0) + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Days from 1970-01-01 to an ISO date (`YYYY-MM-DD`), the inverse of
/// [`civil_date`] (Howard Hinnant's days-from-civil algorithm); `None` when
/// the text is not a date.
pub fn days_since_epoch(text: &str) -> Option<i64> {
    let (year, month, day) = parse_date(text).ok()?;
    let (month, day) = (i64::from(month), i64::from(day));
    let year = i64::from(year) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let month_from_march = if month > 2 { month - 3 } else { month + 9 };
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    Some(era * 146_097 + day_of_era - 719_468)
}

/// Declares a quantity newtype: the user's text plus its parsed value.
macro_rules! quantity_type {
    ($doc:literal, $name:ident, $value:ty, $kind:expr, $parse:path, $pattern:expr, $number_ok:expr) => {
        #[doc = $doc]
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name {
            text: String,
            value: $value,
        }

        impl $name {
            /// Parses `text`, rejecting anything not strictly in this format.
            pub fn parse(text: &str) -> Result<Self, QuantityError> {
                Ok(Self { value: $parse(text)?, text: text.trim().to_owned() })
            }

            /// The text as the user wrote it.
            pub fn as_str(&self) -> &str {
                &self.text
            }

            /// The normalised value.
            pub fn value(&self) -> $value {
                self.value
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.text)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.text)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let raw = serde_json::Value::deserialize(deserializer)?;
                let text = match raw {
                    serde_json::Value::String(text) => text,
                    serde_json::Value::Number(number) if $number_ok => number.to_string(),
                    other => {
                        return Err(serde::de::Error::custom(format!(
                            "expected a {} string, found {other}",
                            $kind.format()
                        )))
                    }
                };
                Self::parse(&text).map_err(serde::de::Error::custom)
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_generator: &mut SchemaGenerator) -> Schema {
                let description = $doc;
                if $number_ok {
                    json_schema!({
                        "description": description,
                        "type": ["string", "number"],
                        "pattern": $pattern,
                        "format": $kind.format(),
                    })
                } else {
                    json_schema!({
                        "description": description,
                        "type": "string",
                        "pattern": $pattern,
                        "format": $kind.format(),
                    })
                }
            }
        }
    };
}

quantity_type!(
    "Kubernetes CPU quantity: cores (`2`, `0.5`) or millicores (`500m`).",
    CpuQuantity,
    u64,
    QuantityKind::Cpu,
    parse_cpu,
    r"^([0-9]+m|[0-9]+(\.[0-9]+)?)$",
    true
);
quantity_type!(
    "Memory or size with a unit: `512Mi`, `16Gi`, `16GB` (binary) or `1G` (decimal).",
    MemoryQuantity,
    u64,
    QuantityKind::Memory,
    parse_memory,
    r"^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|KB|MB|GB|TB|PB|KiB|MiB|GiB|TiB|PiB|k|M|G|T|P)$",
    false
);
quantity_type!(
    "Duration: a whole number and a unit, `30s`, `5m`, `2h`, `3d`, `2w`.",
    Duration,
    u64,
    QuantityKind::Duration,
    parse_duration,
    r"^[0-9]+(s|m|h|d|w)$",
    false
);
quantity_type!(
    "Calendar date in ISO form, `2027-01-31`.",
    Date,
    (u16, u8, u8),
    QuantityKind::Date,
    parse_date,
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    false
);

impl CpuQuantity {
    /// Millicores.
    pub fn millicores(&self) -> u64 {
        self.value
    }
}

impl MemoryQuantity {
    /// Bytes.
    pub fn bytes(&self) -> u64 {
        self.value
    }
}

impl Duration {
    /// Seconds.
    pub fn seconds(&self) -> u64 {
        self.value
    }
}

quantity_type!(
    "Identifier: lower-case letters, digits, `-` and `_`, e.g. `orders-db`.",
    Id,
    (),
    QuantityKind::Identifier,
    parse_identifier,
    r"^[a-z0-9][a-z0-9_-]{0,62}$",
    false
);
quantity_type!(
    "ISO 4217 currency code, e.g. `USD`.",
    Currency,
    (),
    QuantityKind::Currency,
    parse_currency,
    r"^[A-Z]{3}$",
    false
);

impl std::borrow::Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_epoch_inverts_civil_date() {
        assert_eq!(days_since_epoch("1970-01-01"), Some(0));
        // 2024 is a leap year: 2024-03-01 is 60 days after 2024-01-01.
        let jan = days_since_epoch("2024-01-01").unwrap();
        assert_eq!(days_since_epoch("2024-03-01").unwrap() - jan, 60);
        assert_eq!(days_since_epoch("2026-11-26"), Some(20_783));
        for days in [0_u64, 59, 365, 11_016, 20_783, 40_000] {
            let date = civil_date(days);
            assert_eq!(
                days_since_epoch(&date),
                Some(i64::try_from(days).unwrap()),
                "{date}"
            );
        }
        assert_eq!(days_since_epoch("2026-02-30"), None);
    }

    #[test]
    fn cpu_quantities_in_millicores() {
        for (text, millis) in [
            ("500m", 500),
            ("2", 2000),
            ("0.5", 500),
            ("1.25", 1250),
            ("1m", 1),
        ] {
            assert_eq!(parse_cpu(text), Ok(millis), "{text}");
        }
        for bad in [
            "fast", "", "0", "0m", "1.5m", "2 cores", "-1", "1..2", ".5", "5.", "0.0001",
        ] {
            assert!(parse_cpu(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn memory_quantities_in_bytes() {
        for (text, bytes) in [
            ("512Mi", 512 * 1024 * 1024),
            ("16GB", 16 * 1024 * 1024 * 1024),
            ("1G", 1_000_000_000),
            ("1.5Gi", 1_610_612_736),
            ("64k", 64_000),
        ] {
            assert_eq!(parse_memory(text), Ok(bytes), "{text}");
        }
        for bad in ["16", "lots", "16 GB", "16gb", "0Mi", "-1Gi", "Gi"] {
            assert!(parse_memory(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn durations_in_seconds() {
        for (text, seconds) in [
            ("30s", 30),
            ("5m", 300),
            ("2h", 7200),
            ("3d", 259_200),
            ("2w", 1_209_600),
        ] {
            assert_eq!(parse_duration(text), Ok(seconds), "{text}");
        }
        for bad in ["3", "3 days", "1.5h", "soon", "3y", "99999999999999999999w"] {
            assert!(parse_duration(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn dates_check_the_calendar() {
        assert_eq!(parse_date("2028-02-29"), Ok((2028, 2, 29)));
        for bad in [
            "2027-02-29",
            "2027-13-01",
            "2027-1-1",
            "27-01-01",
            "2027-04-31",
            "tomorrow",
        ] {
            assert!(parse_date(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn day_counts_become_iso_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(20_513), "2026-03-01");
        assert_eq!(civil_date(19_782), "2024-02-29");
        assert_eq!(civil_date(20_783), "2026-11-26");
    }

    #[test]
    fn identifiers_are_path_safe() {
        for good in ["orders-db", "a", "web_1", "9lives"] {
            assert!(parse_identifier(good).is_ok(), "{good}");
        }
        for bad in ["", "Orders", "-x", "../etc", "a b", "a/b", &"x".repeat(64)] {
            assert!(parse_identifier(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn quantities_keep_the_users_text() {
        let cpu = CpuQuantity::parse("250m").unwrap();
        assert_eq!((cpu.as_str(), cpu.millicores()), ("250m", 250));
    }
}
