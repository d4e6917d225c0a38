//! Exact arithmetic for cost lines: quantities in thousandths, prices in
//! nano-dollars, line costs rounded once to cents. Totals are sums of
//! rounded lines, so every total equals the sum of the lines a report shows.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::catalog::pricing::Price;
use crate::plan::money::Money;

/// A non-negative quantity with three decimal places (hours, GB, requests).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Quantity {
    thousandths: i64,
}

impl Quantity {
    /// A whole number of units.
    pub const fn whole(units: i64) -> Self {
        Self {
            thousandths: units * 1000,
        }
    }

    /// The nearest quantity to `value` (negative and non-finite become 0).
    pub fn from_f64(value: f64) -> Self {
        if !value.is_finite() || value <= 0.0 {
            return Self::default();
        }
        // Clamped far below i64::MAX / 1000 before the cast.
        #[allow(clippy::cast_possible_truncation)]
        let thousandths = (value.min(1.0e15) * 1000.0).round() as i64;
        Self { thousandths }
    }

    /// The quantity in thousandths of a unit.
    pub const fn thousandths(self) -> i64 {
        self.thousandths
    }

    /// Whether the quantity is zero.
    pub const fn is_zero(self) -> bool {
        self.thousandths == 0
    }

    /// The quantity times a whole number.
    #[must_use]
    pub const fn times(self, factor: i64) -> Self {
        Self {
            thousandths: self.thousandths.saturating_mul(factor),
        }
    }

    /// The quantity as a float, for display and percentages only.
    #[allow(clippy::cast_precision_loss)]
    pub fn as_f64(self) -> f64 {
        self.thousandths as f64 / 1000.0
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = self.thousandths / 1000;
        let frac = self.thousandths % 1000;
        let whole_text = group_thousands(whole);
        if frac == 0 {
            write!(f, "{whole_text}")
        } else {
            let digits = format!("{frac:03}");
            write!(f, "{whole_text}.{}", digits.trim_end_matches('0'))
        }
    }
}

impl Serialize for Quantity {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.thousandths % 1000 == 0 {
            serializer.serialize_i64(self.thousandths / 1000)
        } else {
            serializer.serialize_f64(self.as_f64())
        }
    }
}

/// `1234567` → `1,234,567`.
pub fn group_thousands(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    if value < 0 { format!("-{out}") } else { out }
}

/// An amount with thousands separators and its sign: `-1,234.50`.
pub fn format_money(amount: Money) -> String {
    let cents = amount.cents();
    let whole = group_thousands((cents / 100).abs());
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}{whole}.{:02}", (cents % 100).abs())
}

/// `quantity × price`, rounded half-up to whole cents.
pub fn line_cost(quantity: Quantity, price: Price) -> Money {
    // thousandths × nano-dollars = 1e-12 dollars; a cent is 1e10 of those.
    let exact = i128::from(quantity.thousandths()) * i128::from(price.nanos());
    let cents = (exact + 5_000_000_000) / 10_000_000_000;
    Money::from_cents(i64::try_from(cents).unwrap_or(i64::MAX))
}

/// `amount × share` for a share in [0, 1] given with up to four decimals,
/// rounded half-up to cents (discounts, percentages of a cost).
pub fn share_of(amount: Money, share: f64) -> Money {
    // Clamped to [0, 1] before the cast.
    #[allow(clippy::cast_possible_truncation)]
    let basis_points = (share.clamp(0.0, 1.0) * 10_000.0).round() as i64;
    let exact = i128::from(amount.cents()) * i128::from(basis_points);
    Money::from_cents(i64::try_from((exact + 5_000) / 10_000).unwrap_or(i64::MAX))
}

/// Sum of amounts.
pub fn sum(amounts: impl IntoIterator<Item = Money>) -> Money {
    Money::from_cents(amounts.into_iter().map(Money::cents).sum())
}

/// `part / whole` in percent, one decimal; 0 when `whole` is zero.
#[allow(clippy::cast_precision_loss)]
pub fn percentage(part: Money, whole: Money) -> f64 {
    if whole.cents() == 0 {
        return 0.0;
    }
    (part.cents() as f64 * 1000.0 / whole.cents() as f64).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn price(text: &str) -> Price {
        Price::parse(text).unwrap()
    }

    #[test]
    fn hourly_price_times_730_hours_is_exact() {
        // db.m7g.large 0.168 USD/h × 730 h = 122.64 USD.
        assert_eq!(
            line_cost(Quantity::whole(730), price("0.168")).cents(),
            12_264
        );
        // n2-standard-2 0.097118 × 730 = 70.89614 → 70.90.
        assert_eq!(
            line_cost(Quantity::whole(730), price("0.097118")).cents(),
            7_090
        );
    }

    #[test]
    fn fractional_quantities_round_half_up_to_cents() {
        // 0.5 GB × 0.025 = 0.0125 → 0.01; 1.5 × 0.025 = 0.0375 → 0.04.
        assert_eq!(
            line_cost(Quantity::from_f64(0.5), price("0.025")).cents(),
            1
        );
        assert_eq!(
            line_cost(Quantity::from_f64(1.5), price("0.025")).cents(),
            4
        );
    }

    #[test]
    fn shares_and_percentages() {
        assert_eq!(share_of(Money::from_cents(10_000), 0.373).cents(), 3_730);
        assert!((percentage(Money::from_cents(1), Money::from_cents(3)) - 33.3).abs() < 1e-9);
        assert!(percentage(Money::from_cents(1), Money::from_cents(0)).abs() < 1e-9);
    }

    #[test]
    fn money_prints_grouped_with_its_sign() {
        assert_eq!(format_money(Money::from_cents(123_456_789)), "1,234,567.89");
        assert_eq!(format_money(Money::from_cents(-50)), "-0.50");
        assert_eq!(format_money(Money::from_cents(-150_005)), "-1,500.05");
        assert_eq!(format_money(Money::from_cents(7)), "0.07");
    }

    #[test]
    fn quantities_print_grouped_without_trailing_zeros() {
        assert_eq!(Quantity::whole(1_100_000).to_string(), "1,100,000");
        assert_eq!(Quantity::from_f64(2.5).to_string(), "2.5");
        assert_eq!(Quantity::from_f64(0.125).to_string(), "0.125");
    }
}
