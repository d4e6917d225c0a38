//! `adr renumber`: a record's new number, written everywhere it appears —
//! its file name, its `number`, a `# N. Title` heading, the front matter and
//! bodies of the records that reference it, the README index, and the
//! plan's `decisions[].adr`. When several records share the old number, only
//! the references that can be told apart are rewritten.

use camino::{Utf8Path, Utf8PathBuf};

use super::directory::Directory;
use super::file_name;
use super::lifecycle::{AdrError, Changeset, Work, number_of, refresh};
use super::record::{Record, file_number, label};
use crate::edit::{self, Edit, PlanPath, Segment, Value};
use crate::store::changeset::Change;

/// Where the plan names ADR files (`decisions[].adr`), for renumbering.
#[derive(Debug, Clone)]
pub struct PlanFile {
    /// The plan's path.
    pub path: Utf8PathBuf,
    /// Its text.
    pub text: String,
}

/// Gives record `reference` the number `to`: renames the file, updates its
/// `number` (and a `# N. Title` heading), and rewrites every reference to it
/// in the other records (front matter, links to its file, `ADR-NNNN`
/// mentions), the index, and the plan's `decisions[].adr`.
///
/// When the old number is shared by several records, only references that
/// are unambiguous are rewritten: links to the file by name, and front
/// matter in records this one links to; the rest are listed in the notes.
pub fn renumber(
    directory: &Directory,
    reference: &str,
    to: u32,
    plan: Option<&PlanFile>,
) -> Result<Changeset, AdrError> {
    if to == 0 || to > super::MAX_NUMBER {
        return Err(AdrError::NumberOutOfRange { number: to });
    }
    let record = directory.find(reference)?;
    let old = number_of(record)?;
    if old == to && file_number(&record.file_name) == Some(to) {
        return Ok(Changeset {
            notes: vec![format!("{} already has number {to}", record.file_name)],
            ..Changeset::default()
        });
    }
    // (`old == to` with another number in the file name: only the file is renamed.)
    if let Some(taken) = directory
        .with_number(to)
        .into_iter()
        .find(|r| r.file_name != record.file_name)
    {
        return Err(AdrError::NumberTaken {
            number: to,
            file: taken.file_name.clone(),
        });
    }
    let shared = directory.with_number(old).len() > 1;
    let digits = record
        .file_name
        .chars()
        .take_while(char::is_ascii_digit)
        .count();
    let new_name = if file_number(&record.file_name).is_some() {
        format!("{to:04}{}", &record.file_name[digits..])
    } else {
        file_name(to, &record.title())
    };
    let new_path = directory.dir.join(&new_name);
    let linked = linked_numbers(record);
    // A record both duplicates link to cannot tell which one it means.
    let linked_by_twins: Vec<u32> = directory
        .with_number(old)
        .into_iter()
        .filter(|r| r.file_name != record.file_name)
        .flat_map(linked_numbers)
        .collect();
    let mut work = Work::new(directory);
    work.titles.remove(&old);
    work.titles.insert(to, (record.title(), new_name.clone()));
    let mut notes = vec![format!("renamed {} to {new_name}", record.file_name)];
    let rename = Rename {
        old,
        to,
        old_file: record.file_name.clone(),
        new_file: new_name.clone(),
    };
    for (i, other) in directory.records.iter().enumerate() {
        let is_self = other.file_name == record.file_name;
        let trusted = !shared
            || is_self
            || other
                .number()
                .is_some_and(|n| linked.contains(&n) && !linked_by_twins.contains(&n));
        let text = work.text(i).to_owned();
        let (text, skipped) = rename.rewrite(other, &text, trusted, is_self);
        if skipped > 0 {
            notes.push(format!(
                "{}: {skipped} reference(s) to {} left unchanged, since {} records share that number",
                other.file_name,
                label(old),
                directory.with_number(old).len()
            ));
        }
        work.replace(i, text);
    }
    let position = directory.position(record);
    let renamed_text = work.text(position).to_owned();
    work.drop_record(position);
    let renamed_text = refresh(&new_path, &renamed_text, &work.resolver())?;
    let mut changes = work.finish()?;
    changes.push(Change::remove(record.path.clone(), &record.text));
    changes.insert(0, Change::create(new_path.clone(), renamed_text));
    if let Some(plan) = plan
        && let Some(change) = plan_change(plan, &record.path, &new_name)?
    {
        notes.push(format!("updated `decisions[].adr` in {}", plan.path));
        changes.push(change);
    }
    Ok(Changeset {
        changes,
        created: Some(new_path),
        notes,
    })
}

/// The numbers `record` links to (supersede links and typed links).
fn linked_numbers(record: &Record) -> Vec<u32> {
    record
        .meta
        .supersedes
        .iter()
        .chain(&record.meta.superseded_by)
        .map(|r| r.number)
        .chain(record.meta.links.iter().map(|l| l.target.number))
        .collect()
}

/// A rename from `old` to `to`.
struct Rename {
    old: u32,
    to: u32,
    old_file: String,
    new_file: String,
}

impl Rename {
    /// Rewrites `text` (record `record`'s current text); returns the new
    /// text and how many references were left alone as ambiguous.
    fn rewrite(
        &self,
        record: &Record,
        text: &str,
        trusted: bool,
        is_self: bool,
    ) -> (String, usize) {
        let reparsed = Record::parse(&record.path, text.to_owned());
        let mut spans: Vec<(usize, usize, String)> = Vec::new();
        let mut skipped = 0;
        if is_self && let Some(n) = &reparsed.meta.number {
            spans.push((n.span.offset, n.span.len, self.to.to_string()));
        }
        let refs = reparsed
            .meta
            .supersedes
            .iter()
            .chain(&reparsed.meta.superseded_by)
            .chain(reparsed.meta.links.iter().map(|l| &l.target))
            .filter(|r| r.number == self.old && !is_self);
        for reference in refs {
            if trusted {
                let written =
                    &text[reference.span.offset..reference.span.offset + reference.span.len];
                spans.push((
                    reference.span.offset,
                    reference.span.len,
                    self.reference(written),
                ));
            } else {
                skipped += 1;
            }
        }
        if is_self
            && let Some(heading) = &reparsed.heading
            && let Some(rest) = heading.value.strip_prefix(&format!("{}. ", self.old))
        {
            spans.push((
                heading.span.offset,
                heading.span.len,
                format!("{}. {rest}", self.to),
            ));
        }
        spans.sort_by_key(|s| std::cmp::Reverse(s.0));
        let mut out = text.to_owned();
        for (offset, len, replacement) in spans {
            out.replace_range(offset..offset + len, &replacement);
        }
        let body_start = reparsed.yaml.as_ref().map_or(0, |r| r.end);
        let (head, body) = out.split_at(body_start.min(out.len()));
        let mut body = body.replace(
            &format!("]({})", self.old_file),
            &format!("]({})", self.new_file),
        );
        body = body.replace(
            &format!("](./{})", self.old_file),
            &format!("](./{})", self.new_file),
        );
        if trusted {
            body = replace_token(&body, &label(self.old), &label(self.to));
        }
        (format!("{head}{body}"), skipped)
    }

    /// `written` (a reference as it appears in YAML) pointing at the new number.
    fn reference(&self, written: &str) -> String {
        let old_label = label(self.old);
        if written.contains(&self.old_file) {
            written.replace(&self.old_file, &self.new_file)
        } else if written.contains(&old_label) {
            written.replace(&old_label, &label(self.to))
        } else if written.contains(&format!("{:04}", self.old)) {
            written.replace(&format!("{:04}", self.old), &format!("{:04}", self.to))
        } else {
            written.replace(&self.old.to_string(), &self.to.to_string())
        }
    }
}

/// Replaces whole-word occurrences of `from` (not followed by a digit).
fn replace_token(text: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(from) {
        let after = &rest[at + from.len()..];
        let before_ok = rest[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_ascii_alphanumeric());
        let after_ok = after.chars().next().is_none_or(|c| !c.is_ascii_digit());
        out.push_str(&rest[..at]);
        out.push_str(if before_ok && after_ok { to } else { from });
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The plan edit that points `decisions[].adr` at the renamed file.
fn plan_change(
    plan: &PlanFile,
    old_path: &Utf8Path,
    new_name: &str,
) -> Result<Option<Change>, AdrError> {
    let Ok(tree) = crate::yaml::parse(&plan.text) else {
        return Ok(None);
    };
    let plan_dir = plan.path.parent().unwrap_or(Utf8Path::new(""));
    let mut edits = Vec::new();
    for decision in crate::validate::tree::items(&tree, "decisions") {
        let (Some((id, _)), Some((adr, _))) = (
            crate::validate::tree::text(decision, "id"),
            crate::validate::tree::text(decision, "adr"),
        ) else {
            continue;
        };
        if normalise(&plan_dir.join(adr)) == normalise(old_path) {
            let new_value = match adr.rsplit_once('/') {
                Some((dir, _)) => format!("{dir}/{new_name}"),
                None => new_name.to_owned(),
            };
            let path = PlanPath::new(vec![Segment::Key("decisions".to_owned())])
                .map_err(|e| AdrError::Link(e.reason))?
                .item("id", id)
                .key("adr");
            edits.push(Edit::Set(path, Value::from(new_value)));
        }
    }
    if edits.is_empty() {
        return Ok(None);
    }
    let text = edit::apply(&plan.text, &edits).map_err(|source| AdrError::Edit {
        file: plan.path.to_string(),
        source,
    })?;
    Ok(Some(Change::replace(plan.path.clone(), &plan.text, text)))
}

/// `a/./b/../c` → `a/c`, lexically (no file-system access).
pub fn normalise(path: &Utf8Path) -> Utf8PathBuf {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.as_str().split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    Utf8PathBuf::from(parts.join("/"))
}
