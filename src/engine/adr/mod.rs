//! Architecture Decision Records as markdown files: `NNNN-kebab-title.md`,
//! YAML front matter as the source of truth (MADR 4 keys plus interop keys),
//! and a MADR-compatible body. Engines that decide something (such as
//! `recommend-db --adr`) render their record with [`database::render`].
//!
//! Generated records always start `proposed`: a computed recommendation is
//! input to a human decision, not the decision.

pub mod database;

use camino::Utf8Path;
use serde::Serialize;

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
    /// The specification's consequences.
    pub consequences: Consequences,
    /// The specification's alternatives.
    pub alternatives: Vec<Alternative>,
    /// What infraplan computed (namespaced so MADR tools ignore it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub infraplan: Option<serde_json::Value>,
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
