//! An ADR directory: every `*.md` file in it except the index and templates
//! is a record. Loading never fails on a bad record (it carries its
//! problems); lookups accept `3`, `0003`, `ADR-0003` or a file name and
//! refuse to guess between records that share a number.

use camino::{Utf8Path, Utf8PathBuf};

use super::record::{Record, label, parse_ref};
use crate::diag::{Code, Finding};
use crate::yaml::Span;

/// Markdown files in an ADR directory that are not records.
pub const NOT_RECORDS: [&str; 5] = [
    "readme.md",
    "index.md",
    "template.md",
    "adr-template.md",
    "toc.md",
];

/// The index file `adr index` maintains.
pub const README: &str = "README.md";

/// The records of one directory, sorted by file name.
#[derive(Debug, Clone)]
pub struct Directory {
    /// The directory.
    pub dir: Utf8PathBuf,
    /// Its records.
    pub records: Vec<Record>,
}

/// A reference that names no record, or several.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LookupError {
    /// Not a number or file name.
    #[error("`{0}` is not a record number or file name")]
    Bad(String),
    /// No record has it.
    #[error("no record {reference} in `{dir}`")]
    NotFound {
        /// As given.
        reference: String,
        /// The directory.
        dir: Utf8PathBuf,
        /// Highest number present, if any.
        highest: Option<u32>,
    },
    /// Several records share the number.
    #[error("{} is the number of {} records: {}", label(*.number), .files.len(), .files.join(", "))]
    Ambiguous {
        /// The number.
        number: u32,
        /// Their file names.
        files: Vec<String>,
    },
}

impl Directory {
    /// Reads every record in `dir` (a missing directory has none).
    pub fn load(dir: &Utf8Path) -> std::io::Result<Self> {
        let entries = match dir.read_dir_utf8() {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Self {
                    dir: dir.to_owned(),
                    records: Vec::new(),
                });
            }
            Err(error) => return Err(error),
        };
        let mut records = Vec::new();
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name();
            if !is_record_name(name) || !entry.file_type()?.is_file() {
                continue;
            }
            // Records are short; a huge or special file is not read whole.
            let bytes =
                crate::store::fs::read_limited(entry.path(), crate::validate::MAX_PLAN_BYTES)?;
            let record = match String::from_utf8(bytes) {
                Ok(text) => Record::parse(entry.path(), text),
                Err(error) => {
                    let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
                    let mut record = Record::parse(entry.path(), text);
                    record.problems.insert(
                        0,
                        Finding::new(
                            Code::AdrFrontMatter,
                            "the file is not UTF-8 text",
                            Span::default(),
                            "here",
                        )
                        .with_help("save the record as UTF-8"),
                    );
                    record
                }
            };
            records.push(record);
        }
        records.sort_by(|a, b| a.file_name.cmp(&b.file_name));
        Ok(Self {
            dir: dir.to_owned(),
            records,
        })
    }

    /// Records numbered `number`.
    pub fn with_number(&self, number: u32) -> Vec<&Record> {
        self.records
            .iter()
            .filter(|r| r.number() == Some(number))
            .collect()
    }

    /// The one record numbered `number`, if exactly one is.
    pub fn unique(&self, number: u32) -> Option<&Record> {
        match self.with_number(number).as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }

    /// The highest number in use.
    pub fn highest(&self) -> Option<u32> {
        self.records.iter().filter_map(Record::number).max()
    }

    /// One more than the highest number in use (1 when empty).
    pub fn next_number(&self) -> u32 {
        self.highest().map_or(1, |n| n + 1)
    }

    /// The record `reference` names: `3`, `0003`, `ADR-0003`, or a file
    /// name (which also picks one of several records sharing a number).
    pub fn find(&self, reference: &str) -> Result<&Record, LookupError> {
        let wanted = reference.trim();
        let file = Utf8Path::new(wanted).file_name().unwrap_or(wanted);
        if std::path::Path::new(file)
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("md"))
        {
            return self
                .records
                .iter()
                .find(|r| r.file_name == file)
                .ok_or_else(|| self.not_found(wanted));
        }
        let number = parse_ref(wanted).ok_or_else(|| LookupError::Bad(wanted.to_owned()))?;
        match self.with_number(number).as_slice() {
            [] => Err(self.not_found(&label(number))),
            [one] => Ok(one),
            many => Err(LookupError::Ambiguous {
                number,
                files: many.iter().map(|r| r.file_name.clone()).collect(),
            }),
        }
    }

    fn not_found(&self, reference: &str) -> LookupError {
        LookupError::NotFound {
            reference: reference.to_owned(),
            dir: self.dir.clone(),
            highest: self.highest(),
        }
    }

    /// The directory as it will be once `changes` are written.
    #[must_use]
    pub fn after(&self, changes: &[crate::store::changeset::Change]) -> Self {
        let mut records = self.records.clone();
        for change in changes {
            let existing = records.iter().position(|r| r.path == change.path);
            match (&change.after, existing) {
                (None, Some(i)) => {
                    records.remove(i);
                }
                (Some(text), Some(i)) => records[i] = Record::parse(&change.path, text.clone()),
                (Some(text), None)
                    if change.path.parent() == Some(self.dir.as_path())
                        && change.path.file_name().is_some_and(is_record_name) =>
                {
                    records.push(Record::parse(&change.path, text.clone()));
                }
                _ => {}
            }
        }
        records.sort_by(|a, b| a.file_name.cmp(&b.file_name));
        Self {
            dir: self.dir.clone(),
            records,
        }
    }

    /// Index of `record` in [`Directory::records`].
    pub fn position(&self, record: &Record) -> usize {
        self.records
            .iter()
            .position(|r| r.file_name == record.file_name)
            .unwrap_or(0)
    }
}

/// Whether a file name in an ADR directory is a record.
pub fn is_record_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    std::path::Path::new(&lower)
        .extension()
        .is_some_and(|ext| ext == "md")
        && !lower.starts_with('.')
        && !NOT_RECORDS.contains(&lower.as_str())
}
