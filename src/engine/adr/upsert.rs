//! One rule for records infraplan generates from a computed decision
//! (`select --adr`, `recommend-db --adr`): create the record when there is
//! none; refresh a proposed one's generated blocks and leave the rest as
//! written; never rewrite an accepted one — nothing to do when its inputs
//! are unchanged, otherwise refuse, or with `supersede` propose a successor
//! that supersedes it; a rejected or deprecated record gets a new one.

use super::lifecycle::{self, AdrError, Changeset, Draft};
use super::record::Record;
use super::{Directory, Status};

/// A decision that can be written as a record: how to recognise the
/// records written for it, render a new one and refresh an existing one.
pub trait GeneratedRecord {
    /// Whether `record` was generated for this decision (the same matrix
    /// and selection, or the same plan component).
    fn is_for(&self, record: &Record) -> bool;
    /// A new proposed record numbered `number`.
    fn draft(&self, number: u32, date: &str) -> Draft;
    /// `record`'s text with fresh generated blocks; text outside them is
    /// kept as written.
    fn refresh(&self, record: &Record, date: &str) -> Result<String, AdrError>;
    /// Whether `record` was generated from the inputs this decision has.
    fn same_inputs(&self, record: &Record, date: &str) -> bool {
        self.refresh(record, date)
            .is_ok_and(|text| text == record.text)
    }
    /// The option this decision picks, as records store it.
    fn winner(&self) -> &str;
}

/// What writing `decision` into `directory` changes, all or none (the
/// caller adds the README index, as for every ADR change); empty changes
/// when nothing is due.
pub fn upsert(
    directory: &Directory,
    decision: &dyn GeneratedRecord,
    supersede: bool,
    date: &str,
) -> Result<Changeset, AdrError> {
    let mut records: Vec<&Record> = directory
        .records
        .iter()
        .filter(|r| decision.is_for(r))
        .collect();
    records.sort_by_key(|r| std::cmp::Reverse(r.number()));
    let live = records
        .into_iter()
        .find(|r| r.status() != Some(Status::Superseded));
    Ok(match live.map(|r| (r, r.status())) {
        Some((record, Some(Status::Proposed))) => refresh(record, decision, date)?,
        Some((record, Some(Status::Accepted))) if !supersede => {
            if decision.same_inputs(record, date) {
                return Ok(Changeset {
                    changes: Vec::new(),
                    created: None,
                    notes: vec![format!(
                        "{} (accepted) already records this decision from the same inputs; nothing to write",
                        record.label()
                    )],
                });
            }
            return Err(AdrError::Accepted {
                record: record.label(),
                file: record.file_name.clone(),
            });
        }
        Some((record, Some(Status::Accepted))) => create(directory, decision, Some(record), date)?,
        _ => create(directory, decision, None, date)?,
    })
}

fn refresh(
    record: &Record,
    decision: &dyn GeneratedRecord,
    date: &str,
) -> Result<Changeset, AdrError> {
    let text = decision.refresh(record, date)?;
    if text == record.text {
        return Ok(Changeset {
            changes: Vec::new(),
            created: None,
            notes: vec![format!("{} is up to date", record.path)],
        });
    }
    let mut notes = vec![format!(
        "refreshed the generated blocks of {} ({}, proposed); text outside the markers is unchanged",
        record.path,
        record.label()
    )];
    let before = recorded_winner(record);
    if let Some(before) = before.filter(|w| w != decision.winner()) {
        notes.push(format!(
            "warning: the evidence now favours {} where {} was written for {before}; review its title and outcome, \
             or reject it (`infraplan adr status {} rejected`) and run --adr again",
            decision.winner(),
            record.label(),
            record.number().unwrap_or_default()
        ));
    }
    Ok(Changeset {
        changes: vec![crate::store::changeset::Change::replace(
            record.path.clone(),
            &record.text,
            text,
        )],
        created: None,
        notes,
    })
}

fn create(
    directory: &Directory,
    decision: &dyn GeneratedRecord,
    supersedes: Option<&Record>,
    date: &str,
) -> Result<Changeset, AdrError> {
    let mut draft = decision.draft(directory.next_number(), date);
    if let Some(old) = supersedes {
        draft.front.supersedes.push(old.label());
    }
    lifecycle::create(directory, &draft, date)
}

/// The option a generated record was written for (`infraplan.result.winner`).
pub fn recorded_winner(record: &Record) -> Option<String> {
    record
        .tree
        .as_ref()?
        .get("infraplan")?
        .value
        .get("result")?
        .value
        .get("winner")?
        .value
        .value
        .scalar_text()
}
