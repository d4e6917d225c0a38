//! The edits behind `adr new`, `status`, `supersede`, `link` and
//! `renumber`, computed as a [`Changeset`] over a loaded [`Directory`] and
//! written by [`commit::apply`](crate::store::changeset::apply) — every file or none.
//!
//! Front matter changes go through the format-preserving edit layer
//! ([`crate::edit`]), so comments, key order and quoting survive; the body
//! changes only inside the `status` block (and, for `renumber`, at the exact
//! references being renumbered). Every link is written from both ends:
//! `supersedes` ↔ `superseded-by`, and each typed link with its reverse.

use std::collections::BTreeMap;

use camino::{Utf8Path, Utf8PathBuf};

use super::blocks::{self, BlockError};
use super::directory::{Directory, LookupError, README};
use super::record::{Record, label, parse_ref};
use super::template::{self, STATUS_BLOCK, Template};
use super::{FrontMatter, Link, LinkKind, Status, file_name, index, to_markdown};
use crate::edit::{self, Edit, EditError, PlanPath, Segment, Value};
use crate::store::changeset::Change;

pub use super::renumber::{PlanFile, normalise, renumber};

/// Files to write, and what to tell the user.
#[derive(Debug, Clone, Default)]
pub struct Changeset {
    /// The changes, applied all or none.
    pub changes: Vec<Change>,
    /// The record created, if any.
    pub created: Option<Utf8PathBuf>,
    /// One line per effect, for stderr.
    pub notes: Vec<String>,
}

/// A record the command cannot create or change as asked.
#[derive(Debug, thiserror::Error)]
pub enum AdrError {
    /// The reference names no record, or several.
    #[error(transparent)]
    Lookup(#[from] LookupError),
    /// The record's front matter is missing or broken, so it cannot be edited safely.
    #[error("`{file}` has no usable front matter ({problem})")]
    Unreadable {
        /// File.
        file: String,
        /// First problem.
        problem: String,
    },
    /// A status change the lifecycle does not allow.
    #[error("{record} is {from}; it cannot become {to}")]
    Lifecycle {
        /// `ADR-0003`.
        record: String,
        /// Current status.
        from: String,
        /// Wanted status.
        to: Status,
        /// What to do instead.
        help: String,
    },
    /// A link kind infraplan does not know (so it cannot write the reverse).
    #[error("unknown link kind `{0}`")]
    LinkKind(String),
    /// A link that must be made another way.
    #[error("{0}")]
    Link(String),
    /// The number is used already.
    #[error("{} is taken by `{file}`", label(*.number))]
    NumberTaken {
        /// Number.
        number: u32,
        /// File using it.
        file: String,
    },
    /// A generated record is accepted and its inputs changed: it is never
    /// rewritten.
    #[error(
        "{record} (`{file}`) is accepted, and an accepted record is never rewritten; the evidence changed since it was written"
    )]
    Accepted {
        /// `ADR-0003`.
        record: String,
        /// Its file.
        file: String,
    },
    /// A record number outside 1–9999.
    #[error("ADR number {number} is outside 1–{max}: record file names carry four digits", max = super::MAX_NUMBER)]
    NumberOutOfRange {
        /// The number asked for.
        number: u32,
    },
    /// A front-matter edit was refused by the edit layer.
    #[error("cannot edit the front matter of `{file}`: {source}")]
    Edit {
        /// File.
        file: String,
        /// Cause.
        source: EditError,
    },
    /// Generated-block markers that do not pair up.
    #[error("cannot update `{file}`: {source}")]
    Blocks {
        /// File.
        file: String,
        /// Cause.
        source: BlockError,
    },
}

/// A record to create: its front matter and body (the body may hold an
/// empty `status` block, filled in here).
#[derive(Debug, Clone)]
pub struct Draft {
    /// Front matter; `number` must be free.
    pub front: FrontMatter,
    /// Body text.
    pub body: String,
}

/// A blank record `number` from `template`.
pub fn draft(number: u32, title: &str, template: Template, tags: Vec<String>, date: &str) -> Draft {
    Draft {
        front: FrontMatter {
            number,
            title: title.to_owned(),
            status: Status::Proposed.as_str().to_owned(),
            date: date.to_owned(),
            decision_makers: Vec::new(),
            consulted: Vec::new(),
            informed: Vec::new(),
            tags,
            supersedes: Vec::new(),
            superseded_by: Vec::new(),
            links: Vec::new(),
            consequences: super::Consequences::default(),
            alternatives: Vec::new(),
            infraplan: None,
        },
        body: template::body(template, number, title),
    }
}

/// Adds a typed link `kind` to record `target` (a reference) to a draft,
/// checking the kind.
pub fn add_link(
    draft: &mut Draft,
    directory: &Directory,
    kind: &str,
    target: &str,
) -> Result<(), AdrError> {
    let kind = link_kind(kind)?;
    let record = directory.find(target)?;
    let number = number_of(record)?;
    draft.front.links.push(Link {
        kind: kind.as_str().to_owned(),
        target: label(number),
    });
    Ok(())
}

fn link_kind(text: &str) -> Result<LinkKind, AdrError> {
    let kind = LinkKind::parse(text);
    if kind.is_supersede() {
        return Err(AdrError::Link(
            "a supersede link also changes the old record's status; use `infraplan adr supersede N TITLE`"
                .to_owned(),
        ));
    }
    if !kind.is_known() {
        return Err(AdrError::LinkKind(text.to_owned()));
    }
    Ok(kind)
}

/// Creates the record `draft` describes: the new file, the reverse of each
/// of its links in the targets, and, for each record it supersedes, that
/// record's `superseded` status and `superseded-by` link.
pub fn create(directory: &Directory, draft: &Draft, date: &str) -> Result<Changeset, AdrError> {
    let number = draft.front.number;
    if number == 0 || number > super::MAX_NUMBER {
        return Err(AdrError::NumberOutOfRange { number });
    }
    if let Some(taken) = directory.with_number(number).first() {
        return Err(AdrError::NumberTaken {
            number,
            file: taken.file_name.clone(),
        });
    }
    let name = file_name(number, &draft.front.title);
    let path = directory.dir.join(&name);
    let mut work = Work::new(directory);
    work.titles
        .insert(number, (draft.front.title.clone(), name.clone()));
    let mut notes = vec![format!("created {path} ({}, proposed)", label(number))];
    for old in &draft.front.supersedes {
        let record = find_number(directory, old)?;
        let status = record.status();
        if status != Some(Status::Accepted) {
            let help = match (status, record.meta.superseded_by.last()) {
                (Some(Status::Superseded), Some(next)) => format!(
                    "{} already replaces it; supersede that record instead",
                    label(next.number)
                ),
                (Some(Status::Proposed), _) => {
                    "only an accepted record can be superseded; accept it first \
                     (`infraplan adr status N accepted`), or edit or reject it while it is proposed"
                        .to_owned()
                }
                _ => "only an accepted record can be superseded".to_owned(),
            };
            return Err(AdrError::Lifecycle {
                record: record.label(),
                from: status_text(record),
                to: Status::Superseded,
                help,
            });
        }
        let i = directory.position(record);
        work.edit(
            i,
            &[
                set("status", Status::Superseded.as_str()),
                set("date", date),
                append("superseded-by", Value::from(label(number))),
            ],
        )?;
        notes.push(format!(
            "{} is now superseded by {}",
            record.label(),
            label(number)
        ));
    }
    for link in &draft.front.links {
        let record = find_number(directory, &link.target)?;
        let kind = LinkKind::parse(&link.kind);
        let reverse = kind
            .reverse()
            .ok_or_else(|| AdrError::LinkKind(link.kind.clone()))?;
        let i = directory.position(record);
        work.edit(i, &[append_link(&reverse, number)])?;
        notes.push(format!(
            "{} {} {}; {} records the reverse ({})",
            label(number),
            kind.phrase().to_lowercase(),
            record.label(),
            record.label(),
            reverse
        ));
    }
    let text = to_markdown(&draft.front, &draft.body);
    let text = refresh(&path, &text, &work.resolver())?;
    let mut changes = work.finish()?;
    changes.insert(0, Change::create(path.clone(), text));
    Ok(Changeset {
        changes,
        created: Some(path),
        notes,
    })
}

/// Moves record `reference` to `to` along the lifecycle.
pub fn set_status(
    directory: &Directory,
    reference: &str,
    to: Status,
    date: &str,
) -> Result<Changeset, AdrError> {
    let record = directory.find(reference)?;
    editable(record)?;
    let from = record.status();
    if from == Some(to) {
        return Ok(Changeset {
            notes: vec![format!(
                "{} is already {to}; nothing changed",
                record.label()
            )],
            ..Changeset::default()
        });
    }
    if to == Status::Superseded {
        return Err(AdrError::Lifecycle {
            record: record.label(),
            from: status_text(record),
            to,
            help: format!(
                "a record is superseded by another one: `infraplan adr supersede {} \"New title\"` \
                 writes the new record and links both",
                record.number().unwrap_or_default()
            ),
        });
    }
    let allowed = from.is_some_and(|f| f.can_become(to));
    if !allowed {
        let next: Vec<&str> = from
            .map(Status::next)
            .unwrap_or_default()
            .iter()
            .map(|s| s.as_str())
            .collect();
        let help = match (from, next.is_empty()) {
            (None, _) => "its status is not one infraplan knows; fix it by hand first (see `infraplan adr check`)".to_owned(),
            (Some(f), true) => format!("{f} is final: write a new record instead (`infraplan adr new`)"),
            (Some(f), false) => format!(
                "the lifecycle is proposed → accepted | rejected, accepted → deprecated | superseded; from {f} it can become {}",
                next.join(" or ")
            ),
        };
        return Err(AdrError::Lifecycle {
            record: record.label(),
            from: status_text(record),
            to,
            help,
        });
    }
    let mut work = Work::new(directory);
    work.edit(
        directory.position(record),
        &[set("status", to.as_str()), set("date", date)],
    )?;
    Ok(Changeset {
        changes: work.finish()?,
        created: None,
        notes: vec![format!("{} is now {to}", record.label())],
    })
}

/// Links record `from` to record `to` with `kind`, and `to` back with the
/// reverse kind.
pub fn link(
    directory: &Directory,
    from: &str,
    kind: &str,
    to: &str,
) -> Result<Changeset, AdrError> {
    let kind = link_kind(kind)?;
    let reverse = kind
        .reverse()
        .ok_or_else(|| AdrError::LinkKind(kind.to_string()))?;
    let source = directory.find(from)?;
    let target = directory.find(to)?;
    if source.file_name == target.file_name {
        return Err(AdrError::Link("a record cannot link to itself".to_owned()));
    }
    let (a, b) = (number_of(source)?, number_of(target)?);
    let mut work = Work::new(directory);
    let mut notes = Vec::new();
    for (record, kind, other) in [(source, &kind, b), (target, &reverse, a)] {
        let has = record
            .meta
            .links
            .iter()
            .any(|l| &l.kind == kind && l.target.number == other);
        if has {
            notes.push(format!(
                "{} already records `{kind}` {}",
                record.label(),
                label(other)
            ));
        } else {
            work.edit(directory.position(record), &[append_link(kind, other)])?;
            notes.push(format!(
                "{}: {} {}",
                record.label(),
                kind.phrase(),
                label(other)
            ));
        }
    }
    Ok(Changeset {
        changes: work.finish()?,
        created: None,
        notes,
    })
}

fn status_text(record: &Record) -> String {
    record
        .meta
        .status
        .as_ref()
        .map_or_else(|| "without a status".to_owned(), |s| s.value.clone())
}

fn editable(record: &Record) -> Result<(), AdrError> {
    match record.problems.first() {
        Some(problem) if record.tree.is_none() => Err(AdrError::Unreadable {
            file: record.file_name.clone(),
            problem: problem.message.clone(),
        }),
        _ => Ok(()),
    }
}

pub(super) fn number_of(record: &Record) -> Result<u32, AdrError> {
    record.number().ok_or_else(|| AdrError::Unreadable {
        file: record.file_name.clone(),
        problem: "no number in its front matter or file name".to_owned(),
    })
}

fn find_number<'a>(directory: &'a Directory, reference: &str) -> Result<&'a Record, AdrError> {
    let number = parse_ref(reference).ok_or_else(|| LookupError::Bad(reference.to_owned()))?;
    let record = directory.find(&number.to_string())?;
    editable(record)?;
    Ok(record)
}

fn key(name: &str) -> PlanPath {
    PlanPath::new(vec![Segment::Key(name.to_owned())]).expect("a key is a valid path")
}

fn set(name: &str, value: &str) -> Edit {
    Edit::Set(key(name), Value::from(value))
}

fn append(name: &str, value: Value) -> Edit {
    Edit::Append(key(name), value)
}

fn append_link(kind: &LinkKind, target: u32) -> Edit {
    append(
        "links",
        Value::map([
            ("kind", kind.as_str().to_owned()),
            ("target", label(target)),
        ]),
    )
}

/// Records being changed: their texts, and the titles links resolve to.
pub(super) struct Work<'a> {
    directory: &'a Directory,
    texts: BTreeMap<usize, String>,
    pub(super) titles: BTreeMap<u32, (String, String)>,
}

impl<'a> Work<'a> {
    pub(super) fn new(directory: &'a Directory) -> Self {
        let mut titles = BTreeMap::new();
        for record in &directory.records {
            if let Some(n) = record.number()
                && directory.with_number(n).len() == 1
            {
                titles.insert(n, (record.title(), record.file_name.clone()));
            }
        }
        Self {
            directory,
            texts: BTreeMap::new(),
            titles,
        }
    }

    pub(super) fn text(&self, i: usize) -> &str {
        self.texts
            .get(&i)
            .map_or(self.directory.records[i].text.as_str(), String::as_str)
    }

    pub(super) fn replace(&mut self, i: usize, text: String) {
        if text != self.directory.records[i].text || self.texts.contains_key(&i) {
            self.texts.insert(i, text);
        }
    }

    pub(super) fn drop_record(&mut self, i: usize) {
        self.texts.remove(&i);
    }

    fn edit(&mut self, i: usize, edits: &[Edit]) -> Result<(), AdrError> {
        let record = &self.directory.records[i];
        editable(record)?;
        let text = self.text(i).to_owned();
        let new = edit_front(&record.file_name, &text, edits)?;
        self.texts.insert(i, new);
        Ok(())
    }

    pub(super) fn resolver(&self) -> impl Fn(u32) -> Option<(String, String)> + '_ {
        |n| self.titles.get(&n).cloned()
    }

    /// The changes: each changed record with its status block refreshed,
    /// and the README index when it has markers.
    pub(super) fn finish(self) -> Result<Vec<Change>, AdrError> {
        let resolve = self.resolver();
        let mut changes = Vec::new();
        for (&i, text) in &self.texts {
            let record = &self.directory.records[i];
            let text = refresh(&record.path, text, &resolve)?;
            if text != record.text {
                changes.push(Change::replace(record.path.clone(), &record.text, text));
            }
        }
        Ok(changes)
    }
}

/// Applies front-matter `edits` to a record's text.
fn edit_front(file: &str, text: &str, edits: &[Edit]) -> Result<String, AdrError> {
    let range = super::record::front_matter_range(text).ok_or_else(|| AdrError::Unreadable {
        file: file.to_owned(),
        problem: "no front matter".to_owned(),
    })?;
    let yaml = edit::apply(&text[range.clone()], edits).map_err(|source| AdrError::Edit {
        file: file.to_owned(),
        source,
    })?;
    let yaml = if yaml.ends_with('\n') {
        yaml
    } else {
        format!("{yaml}\n")
    };
    Ok(format!(
        "{}{yaml}{}",
        &text[..range.start],
        &text[range.end..]
    ))
}

/// Re-renders the status block of the record text `text` from its front
/// matter, inserting the block under the first heading when absent.
pub(super) fn refresh(
    path: &Utf8Path,
    text: &str,
    resolve: &template::Resolve<'_>,
) -> Result<String, AdrError> {
    let record = Record::parse(path, text.to_owned());
    if record.tree.is_none() {
        return Ok(text.to_owned());
    }
    let content = template::status_block(&record.meta, resolve);
    let file = record.file_name.clone();
    match blocks::replace(text, STATUS_BLOCK, &content) {
        Ok(Some(new)) => Ok(new),
        Ok(None) => Ok(insert_block(&record, &blocks::wrap(STATUS_BLOCK, &content))),
        Err(source) => Err(AdrError::Blocks { file, source }),
    }
}

/// `record`'s text with `block` after its first heading (or at the top of
/// the body).
fn insert_block(record: &Record, block: &str) -> String {
    let text = &record.text;
    // After the heading line, or else after the front matter's closing line.
    let from = record.heading.as_ref().map_or_else(
        || record.yaml.as_ref().map_or(0, |r| r.end),
        |heading| heading.span.offset + heading.span.len,
    );
    let at = text[from..].find('\n').map_or(text.len(), |i| from + i + 1);
    let (head, tail) = text.split_at(at);
    let head = if head.ends_with('\n') || head.is_empty() {
        head.to_owned()
    } else {
        format!("{head}\n")
    };
    let gap = if tail.starts_with('\n') || tail.is_empty() {
        ""
    } else {
        "\n"
    };
    format!("{head}\n{block}{gap}{tail}")
}

/// The README index change after `changes`, when the README has index
/// markers (or `always`, which creates or appends the block).
pub fn index_change(
    directory: &Directory,
    changes: &[Change],
    always: bool,
) -> Result<Option<Change>, AdrError> {
    let after = directory.after(changes);
    let path = directory.dir.join(README);
    let current = std::fs::read_to_string(&path).ok();
    if !always
        && current
            .as_deref()
            .is_none_or(|t| blocks::content(t, index::BLOCK).is_none())
    {
        return Ok(None);
    }
    let new = index::update(current.as_deref(), &after).map_err(|source| AdrError::Blocks {
        file: README.to_owned(),
        source,
    })?;
    Ok(match current {
        Some(old) if old == new => None,
        Some(old) => Some(Change::replace(path, &old, new)),
        None => Some(Change::create(path, new)),
    })
}
