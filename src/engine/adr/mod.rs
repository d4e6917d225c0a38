//! Architecture Decision Records as markdown files: `NNNN-kebab-title.md`,
//! YAML front matter as the source of truth (MADR 4 keys plus interop keys:
//! number, title, status, date, decision-makers, consulted, informed, tags,
//! supersedes, superseded-by, typed links, the specification's consequences
//! and alternatives, and an `infraplan:` block), and a MADR-compatible body.
//!
//! - [`record`] reads a file back (front matter with spans, heading).
//! - [`directory`] loads an ADR directory and resolves references.
//! - [`lifecycle`] computes the edits of `new`, `status`, `supersede`,
//!   `link` and `renumber` as [`commit::Change`]s; [`commit::apply`] writes
//!   them all or none.
//! - [`index`] regenerates the README index, [`check`] lints a directory.
//! - [`database`] and [`matrix`] render the records engines generate.
//!
//! Invariants: generated records always start `proposed` (a computed
//! recommendation is input to a human decision, not the decision); edits
//! change front matter through the format-preserving edit layer and the body
//! only between `<!-- infraplan:begin NAME -->` markers; an accepted record's
//! content is never regenerated.

pub mod blocks;
pub mod check;
pub mod database;
pub mod directory;
pub mod index;
pub mod lifecycle;
pub mod matrix;
pub mod record;
pub mod renumber;
pub mod template;
pub mod upsert;

use std::fmt;

use camino::Utf8Path;
use serde::Serialize;

pub use directory::Directory;
pub use record::Record;

/// Front matter of a record.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct FrontMatter {
    /// Record number.
    pub number: u32,
    /// Title.
    pub title: String,
    /// Lifecycle status.
    pub status: String,
    /// ISO date.
    pub date: String,
    /// Who decides (MADR 4 `decision-makers`).
    pub decision_makers: Vec<String>,
    /// Who was consulted.
    pub consulted: Vec<String>,
    /// Who is informed.
    pub informed: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Records this one supersedes.
    pub supersedes: Vec<String>,
    /// Records that supersede this one.
    pub superseded_by: Vec<String>,
    /// Typed links to other records.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// The specification's consequences.
    pub consequences: Consequences,
    /// The specification's alternatives.
    pub alternatives: Vec<Alternative>,
    /// What infraplan computed (namespaced so MADR tools ignore it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub infraplan: Option<serde_json::Value>,
}

/// A typed link in front matter: `{kind: amends, target: ADR-0003}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    /// Kind (`amends`, `relates-to`, …).
    pub kind: String,
    /// Target record, `ADR-NNNN`.
    pub target: String,
}

/// A record's lifecycle status: `proposed → accepted | rejected`, then
/// `accepted → deprecated | superseded`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Under discussion (every new record).
    Proposed,
    /// In force.
    Accepted,
    /// Considered and turned down.
    Rejected,
    /// No longer relevant.
    Deprecated,
    /// Replaced by a later record.
    Superseded,
}

impl Status {
    /// Every status, in lifecycle order.
    pub const ALL: [Self; 5] = [
        Self::Proposed,
        Self::Accepted,
        Self::Rejected,
        Self::Deprecated,
        Self::Superseded,
    ];

    /// The status as written in front matter.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Proposed => "proposed",
            Self::Accepted => "accepted",
            Self::Rejected => "rejected",
            Self::Deprecated => "deprecated",
            Self::Superseded => "superseded",
        }
    }

    /// Reads a status, case-insensitively; MADR's `superseded by ADR-0005`
    /// forms read as `superseded`.
    pub fn parse(text: &str) -> Option<Self> {
        let lower = text.trim().to_ascii_lowercase();
        if lower.starts_with("superseded by") {
            return Some(Self::Superseded);
        }
        Self::ALL.into_iter().find(|s| s.as_str() == lower)
    }

    /// Whether the lifecycle allows going from `self` to `to`.
    pub const fn can_become(self, to: Self) -> bool {
        matches!(
            (self, to),
            (Self::Proposed, Self::Accepted | Self::Rejected)
                | (Self::Accepted, Self::Deprecated | Self::Superseded)
        )
    }

    /// The statuses `self` may move to.
    pub fn next(self) -> Vec<Self> {
        Self::ALL
            .into_iter()
            .filter(|&s| self.can_become(s))
            .collect()
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Known link kinds and their reverses.
const LINK_PAIRS: [(&str, &str); 6] = [
    ("supersedes", "superseded-by"),
    ("amends", "amended-by"),
    ("extends", "extended-by"),
    ("depends-on", "dependency-of"),
    ("refines", "refined-by"),
    ("relates-to", "relates-to"),
];

/// A link kind, normalised to lower-case words joined by `-`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LinkKind(String);

impl LinkKind {
    /// Normalises `Amended by`, `amended_by`, `AmendedBy` … to `amended-by`;
    /// the legacy spelling `supercede…` reads as `supersede…`.
    pub fn parse(text: &str) -> Self {
        let mut out = String::new();
        for (i, c) in text.trim().chars().enumerate() {
            if c == ' ' || c == '_' || c == '-' {
                if !out.ends_with('-') {
                    out.push('-');
                }
            } else if c.is_ascii_uppercase() && i > 0 && !out.ends_with('-') {
                out.push('-');
                out.push(c.to_ascii_lowercase());
            } else {
                out.push(c.to_ascii_lowercase());
            }
        }
        let out = out.replace("supercede", "supersede");
        let out = match out.as_str() {
            "supersededby" => "superseded-by".to_owned(),
            "related-to" | "relates" | "related" => "relates-to".to_owned(),
            "depends" => "depends-on".to_owned(),
            _ => out,
        };
        Self(out)
    }

    /// The kind as written in front matter.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The kind the target records for the same link, for known kinds.
    pub fn reverse(&self) -> Option<Self> {
        LINK_PAIRS.iter().find_map(|&(a, b)| {
            if self.0 == a {
                Some(Self(b.to_owned()))
            } else if self.0 == b {
                Some(Self(a.to_owned()))
            } else {
                None
            }
        })
    }

    /// Whether infraplan knows the kind (and so its reverse).
    pub fn is_known(&self) -> bool {
        self.reverse().is_some()
    }

    /// Every known kind, forward then reverse.
    pub fn known() -> Vec<&'static str> {
        let mut kinds: Vec<&str> = LINK_PAIRS.iter().map(|p| p.0).collect();
        kinds.extend(
            LINK_PAIRS
                .iter()
                .map(|p| p.1)
                .filter(|k| *k != "relates-to"),
        );
        kinds
    }

    /// `Amended by`, for sentences.
    pub fn phrase(&self) -> String {
        let words = self.0.replace('-', " ");
        let mut chars = words.chars();
        chars
            .next()
            .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
            .unwrap_or_default()
    }

    /// Whether this is the supersede pair, which lives in its own keys.
    pub fn is_supersede(&self) -> bool {
        self.0 == "supersedes" || self.0 == "superseded-by"
    }
}

impl fmt::Display for LinkKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Consequences (specification §6.1).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Consequences {
    /// Good outcomes.
    pub positive: Vec<String>,
    /// Costs and risks accepted.
    pub negative: Vec<String>,
    /// Other effects.
    pub neutral: Vec<String>,
}

/// An alternative considered (specification `AlternativeConsidered`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Alternative {
    /// Name.
    pub name: String,
    /// What it is.
    pub description: String,
    /// Advantages.
    pub pros: Vec<String>,
    /// Disadvantages.
    pub cons: Vec<String>,
    /// Why it lost, measured.
    pub why_not_chosen: String,
}

/// Lower-case, dash-separated, ASCII-only slug of a title; never empty and
/// never containing a path separator.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let trimmed: String = out.trim_end_matches('-').chars().take(60).collect();
    let trimmed = trimmed.trim_end_matches('-').to_owned();
    if trimmed.is_empty() {
        "decision".to_owned()
    } else {
        trimmed
    }
}

/// The file name of record `number` titled `title`.
/// The largest record number: file names carry four digits (`NNNN-`), as
/// `adr check` and other ADR tools expect.
pub const MAX_NUMBER: u32 = 9_999;

/// A record's file name: `NNNN-kebab-title.md`.
pub fn file_name(number: u32, title: &str) -> String {
    format!("{number:04}-{}.md", slug(title))
}

/// The next free record number in `dir`: one more than the highest
/// `NNNN-*.md` present (1 for an empty or missing directory).
pub fn next_number(dir: &Utf8Path) -> std::io::Result<u32> {
    let entries = match dir.read_dir_utf8() {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(1),
        Err(error) => return Err(error),
    };
    let mut highest = 0;
    for entry in entries {
        let name = entry?.file_name().to_owned();
        let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
        if digits.len() == 4 && Utf8Path::new(&name).extension() == Some("md") {
            highest = highest.max(digits.parse().unwrap_or(0));
        }
    }
    Ok(highest + 1)
}

/// A record as file text: front matter, then the body.
pub fn to_markdown(front: &FrontMatter, body: &str) -> String {
    let yaml = serde_saphyr::to_string(front).unwrap_or_default();
    format!("---\n{yaml}---\n\n{}\n", body.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_path_safe() {
        assert_eq!(
            slug("Use PostgreSQL for Orders database"),
            "use-postgresql-for-orders-database"
        );
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("???"), "decision");
        assert_eq!(file_name(7, "Use Redis"), "0007-use-redis.md");
    }

    #[test]
    fn the_lifecycle_allows_only_its_transitions() {
        use Status::{Accepted, Deprecated, Proposed, Rejected, Superseded};
        let allowed = [
            (Proposed, Accepted),
            (Proposed, Rejected),
            (Accepted, Deprecated),
            (Accepted, Superseded),
        ];
        for from in Status::ALL {
            for to in Status::ALL {
                assert_eq!(
                    from.can_become(to),
                    allowed.contains(&(from, to)),
                    "{from} → {to}"
                );
            }
        }
        assert_eq!(Status::parse("Accepted"), Some(Accepted));
        assert_eq!(Status::parse("superseded by ADR-0007"), Some(Superseded));
        assert_eq!(Status::parse("approved"), None);
    }

    #[test]
    fn link_kinds_normalise_and_reverse() {
        for (text, kind) in [
            ("Amends", "amends"),
            ("Amended by", "amended-by"),
            ("amended_by", "amended-by"),
            ("SupersededBy", "superseded-by"),
            ("Supercedes", "supersedes"),
            ("related to", "relates-to"),
        ] {
            assert_eq!(LinkKind::parse(text).as_str(), kind, "{text}");
        }
        assert_eq!(
            LinkKind::parse("amends").reverse().unwrap().as_str(),
            "amended-by"
        );
        assert_eq!(
            LinkKind::parse("relates-to").reverse().unwrap().as_str(),
            "relates-to"
        );
        assert_eq!(LinkKind::parse("blocks").reverse(), None);
        assert_eq!(LinkKind::parse("depends-on").phrase(), "Depends on");
    }

    #[test]
    fn numbering_continues_after_the_highest_record() {
        let dir = tempfile::tempdir().unwrap();
        let path = Utf8Path::from_path(dir.path()).unwrap();
        assert_eq!(next_number(&path.join("missing")).unwrap(), 1);
        std::fs::write(path.join("0001-a.md"), "").unwrap();
        std::fs::write(path.join("0004-b.md"), "").unwrap();
        std::fs::write(path.join("README.md"), "").unwrap();
        assert_eq!(next_number(path).unwrap(), 5);
    }
}
