//! Money as exact integer cents. Amounts in a plan are written as plain
//! numbers in the plan's currency (`1500`, `99.95`); they are converted to
//! cents once, on load, so no engine ever adds floating-point money.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An amount of money in cents. Amounts read from a plan are never
/// negative; differences computed by the cost engines (deltas) can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money {
    cents: i64,
}

impl Money {
    /// An amount from whole cents.
    pub const fn from_cents(cents: i64) -> Self {
        Self { cents }
    }

    /// The amount in cents.
    pub const fn cents(self) -> i64 {
        self.cents
    }

    /// Converts a number written in a plan to cents, rejecting negative,
    /// non-finite and sub-cent amounts.
    pub fn from_decimal(amount: f64) -> Result<Self, String> {
        if !amount.is_finite() || amount < 0.0 {
            return Err(format!("`{amount}` is not a non-negative amount"));
        }
        let cents = amount * 100.0;
        if cents > 9.0e15 {
            return Err(format!("`{amount}` is too large an amount"));
        }
        let rounded = cents.round();
        if (cents - rounded).abs() > 1e-6 {
            return Err(format!("`{amount}` has more than two decimal places"));
        }
        // Range-checked above.
        #[allow(clippy::cast_possible_truncation)]
        Ok(Self {
            cents: rounded as i64,
        })
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Differences (cost deltas) can be negative; keep one sign in front.
        let sign = if self.cents < 0 { "-" } else { "" };
        write!(
            f,
            "{sign}{}.{:02}",
            (self.cents / 100).abs(),
            (self.cents % 100).abs()
        )
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.cents % 100 == 0 {
            serializer.serialize_i64(self.cents / 100)
        } else {
            // Exactly representable to two places for any plan-sized amount.
            #[allow(clippy::cast_precision_loss)]
            serializer.serialize_f64(self.cents as f64 / 100.0)
        }
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let amount = f64::deserialize(deserializer)?;
        Self::from_decimal(amount).map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Money {
    fn schema_name() -> Cow<'static, str> {
        "Money".into()
    }

    fn json_schema(_generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Amount per month in the plan's currency, at most two decimal places.",
            "type": "number",
            "minimum": 0,
            "format": "money",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_become_exact_cents() {
        assert_eq!(Money::from_decimal(1500.0), Ok(Money::from_cents(150_000)));
        assert_eq!(Money::from_decimal(99.95), Ok(Money::from_cents(9_995)));
        assert_eq!(Money::from_decimal(0.1).unwrap().to_string(), "0.10");
        assert!(Money::from_decimal(-1.0).is_err());
        assert!(Money::from_decimal(1.005).is_err());
        assert!(Money::from_decimal(f64::NAN).is_err());
    }
}
