//! Server memory as PGTune takes it: a whole number of MB, GB or TB, kept as
//! written (the PostgreSQL header echoes `16 GB`) and converted exactly to kB
//! of 1024 bytes for arithmetic.

use std::fmt;

use super::request::InputError;

/// Largest amount accepted on the command line (PGTune's form limit).
pub const MAX_AMOUNT: u64 = 999_999;

/// Unit of a memory amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemoryUnit {
    /// Mebibytes.
    Mb,
    /// Gibibytes.
    Gb,
    /// Tebibytes.
    Tb,
}

impl MemoryUnit {
    /// kB (1024 bytes) in one of this unit.
    pub const fn kb(self) -> u64 {
        match self {
            Self::Mb => 1024,
            Self::Gb => 1024 * 1024,
            Self::Tb => 1024 * 1024 * 1024,
        }
    }

    /// `MB`, `GB` or `TB`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Mb => "MB",
            Self::Gb => "GB",
            Self::Tb => "TB",
        }
    }
}

/// Memory of one server: a whole amount of a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Memory {
    amount: u64,
    unit: MemoryUnit,
}

impl Memory {
    /// `amount` of `unit`.
    pub const fn new(amount: u64, unit: MemoryUnit) -> Self {
        Self { amount, unit }
    }

    /// Parses `16GB`, `1536MB`, `2TB` (unit case-insensitive, optional space):
    /// a whole number from 1 to 999999.
    pub fn parse(text: &str) -> Result<Self, InputError> {
        let error = || InputError::Memory {
            text: text.to_owned(),
        };
        let trimmed = text.trim();
        let split = trimmed
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(trimmed.len());
        let (digits, unit) = trimmed.split_at(split);
        let unit = match unit.trim().to_ascii_uppercase().as_str() {
            "MB" => MemoryUnit::Mb,
            "GB" => MemoryUnit::Gb,
            "TB" => MemoryUnit::Tb,
            _ => return Err(error()),
        };
        let amount: u64 = digits.parse().map_err(|_| error())?;
        if amount == 0 || amount > MAX_AMOUNT {
            return Err(error());
        }
        Ok(Self::new(amount, unit))
    }

    /// Memory from a byte count (a plan's `16GB` or `16Gi`), rounded down to
    /// whole MB and written in the largest unit that is exact; `None` below 1 MB.
    pub fn from_bytes(bytes: u64) -> Option<Self> {
        let mb = bytes / (1024 * 1024);
        if mb == 0 {
            None
        } else if mb.is_multiple_of(1024 * 1024) {
            Some(Self::new(mb / (1024 * 1024), MemoryUnit::Tb))
        } else if mb.is_multiple_of(1024) {
            Some(Self::new(mb / 1024, MemoryUnit::Gb))
        } else {
            Some(Self::new(mb, MemoryUnit::Mb))
        }
    }

    /// The amount, in [`Self::unit`]s.
    pub const fn amount(self) -> u64 {
        self.amount
    }

    /// The unit.
    pub const fn unit(self) -> MemoryUnit {
        self.unit
    }

    /// Total kB (1024 bytes).
    pub const fn kb(self) -> u64 {
        self.amount * self.unit.kb()
    }

    /// Total MB (1024 kB).
    pub const fn mb(self) -> u64 {
        self.kb() / 1024
    }
}

/// `16 GB`, as PGTune's header writes it.
impl fmt::Display for Memory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.unit.as_str())
    }
}

/// Renders a whole number of MB in the largest exact unit, with the given
/// spellings for GB, MB (e.g. `("gb", "mb")` for Redis, `("G", "M")` for MySQL).
pub fn format_mb(mb: u64, gb_suffix: &str, mb_suffix: &str) -> String {
    if mb > 0 && mb.is_multiple_of(1024) {
        format!("{}{gb_suffix}", mb / 1024)
    } else {
        format!("{mb}{mb_suffix}")
    }
}

#[cfg(test)]
mod tests {
    use super::{Memory, MemoryUnit, format_mb};

    #[test]
    fn parses_whole_amounts_with_units() {
        assert_eq!(
            Memory::parse("16GB").unwrap(),
            Memory::new(16, MemoryUnit::Gb)
        );
        assert_eq!(
            Memory::parse("1536mb").unwrap(),
            Memory::new(1536, MemoryUnit::Mb)
        );
        assert_eq!(
            Memory::parse(" 2 TB ").unwrap(),
            Memory::new(2, MemoryUnit::Tb)
        );
        for bad in ["16XB", "16", "GB", "1.5GB", "0GB", "1000000MB", "-4GB", ""] {
            assert!(Memory::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn converts_exactly_to_kb() {
        assert_eq!(Memory::new(16, MemoryUnit::Gb).kb(), 16_777_216);
        assert_eq!(Memory::new(1, MemoryUnit::Tb).kb(), 1_073_741_824);
        assert_eq!(Memory::new(2000, MemoryUnit::Mb).kb(), 2_048_000);
        assert_eq!(Memory::new(16, MemoryUnit::Gb).to_string(), "16 GB");
    }

    #[test]
    fn plan_bytes_use_the_largest_exact_unit() {
        let gib = 1024 * 1024 * 1024;
        assert_eq!(
            Memory::from_bytes(16 * gib),
            Some(Memory::new(16, MemoryUnit::Gb))
        );
        assert_eq!(
            Memory::from_bytes(1024 * gib),
            Some(Memory::new(1, MemoryUnit::Tb))
        );
        assert_eq!(
            Memory::from_bytes(1536 * 1024 * 1024),
            Some(Memory::new(1536, MemoryUnit::Mb))
        );
        // 16G decimal = 16e9 bytes = 15258.79 MB, rounded down.
        assert_eq!(
            Memory::from_bytes(16_000_000_000),
            Some(Memory::new(15258, MemoryUnit::Mb))
        );
        assert_eq!(Memory::from_bytes(1000), None);
    }

    #[test]
    fn formats_in_the_largest_exact_unit() {
        assert_eq!(format_mb(12288, "gb", "mb"), "12gb");
        assert_eq!(format_mb(3686, "gb", "mb"), "3686mb");
        assert_eq!(format_mb(4608, "G", "M"), "4608M");
    }
}
