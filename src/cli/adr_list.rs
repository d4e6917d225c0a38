//! `infraplan adr list`: the records in the ADR directory, filtered by
//! status and tag, as a table, JSON or markdown.

use std::fmt::Write as _;

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use serde::Serialize;

use infraplan::engine::adr::record::{Record, label};
use infraplan::engine::adr::{Directory, Status};

use super::{CliError, Context, Outcome, output};

/// Arguments of `adr list`.
#[derive(Debug, clap::Args)]
pub(super) struct ListArgs {
    /// Only records with this status.
    #[arg(long)]
    status: Option<String>,
    /// Only records with this tag.
    #[arg(long)]
    tag: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
}

/// Output format of `adr list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ListFormat {
    /// Terminal table.
    Table,
    /// JSON list of records with their front-matter fields and path.
    Json,
    /// Markdown table.
    Markdown,
}

/// A record as `adr list --format json` reports it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Listed<'a> {
    number: Option<u32>,
    title: String,
    status: Option<&'a str>,
    date: Option<&'a str>,
    decision_makers: &'a [String],
    tags: &'a [String],
    supersedes: Vec<String>,
    superseded_by: Vec<String>,
    links: Vec<ListedLink>,
    path: &'a str,
}

/// A typed link in `adr list --format json`.
#[derive(Debug, Serialize)]
struct ListedLink {
    kind: String,
    target: String,
}

fn listed(record: &Record) -> Listed<'_> {
    let meta = &record.meta;
    Listed {
        number: record.number(),
        title: record.title(),
        status: meta.status.as_ref().map(|s| s.value.as_str()),
        date: meta.date.as_deref(),
        decision_makers: &meta.decision_makers,
        tags: &meta.tags,
        supersedes: meta.supersedes.iter().map(|r| label(r.number)).collect(),
        superseded_by: meta.superseded_by.iter().map(|r| label(r.number)).collect(),
        links: meta
            .links
            .iter()
            .map(|l| ListedLink {
                kind: l.kind.to_string(),
                target: label(l.target.number),
            })
            .collect(),
        path: record.path.as_str(),
    }
}

/// Runs `adr list`.
pub(super) fn list(
    context: &Context,
    directory: &Directory,
    args: &ListArgs,
) -> Result<Outcome, CliError> {
    let mut records: Vec<&Record> = directory
        .records
        .iter()
        .filter(|r| {
            args.status.as_ref().is_none_or(|wanted| {
                r.meta
                    .status
                    .as_ref()
                    .is_some_and(|s| status_matches(&s.value, wanted))
            })
        })
        .filter(|r| {
            args.tag
                .as_ref()
                .is_none_or(|t| r.meta.tags.iter().any(|x| x.eq_ignore_ascii_case(t)))
        })
        .collect();
    records.sort_by(|a, b| (a.number(), &a.file_name).cmp(&(b.number(), &b.file_name)));
    let text = match args.format {
        ListFormat::Json => {
            let items: Vec<Listed<'_>> = records.iter().map(|r| listed(r)).collect();
            super::output::json(&items)?
        }
        ListFormat::Table => list_table(&records),
        ListFormat::Markdown => list_markdown(&records),
    };
    output::print(&text)?;
    let broken = directory
        .records
        .iter()
        .filter(|r| r.tree.is_none())
        .count();
    if broken > 0 && !context.quiet {
        ewriteln!(
            "{broken} record(s) have no readable front matter; `infraplan adr check` shows where"
        );
    }
    Ok(Outcome::Success)
}

/// Whether status text `written` is `wanted` (MADR's `superseded by …`
/// counts as `superseded`).
fn status_matches(written: &str, wanted: &str) -> bool {
    let normal =
        Status::parse(written).map_or_else(|| written.trim().to_owned(), |s| s.as_str().to_owned());
    normal.eq_ignore_ascii_case(wanted.trim())
}

fn cells(record: &Record) -> [String; 5] {
    let status = record
        .meta
        .status
        .as_ref()
        .map_or("—", |s| s.value.as_str());
    let successors: Vec<String> = record
        .meta
        .superseded_by
        .iter()
        .map(|r| label(r.number))
        .collect();
    let status = if successors.is_empty() {
        status.to_owned()
    } else {
        format!("{status} by {}", successors.join(", "))
    };
    [
        record.label(),
        record.title(),
        status,
        record.meta.date.clone().unwrap_or_else(|| "—".to_owned()),
        record.meta.tags.join(", "),
    ]
}

fn list_table(records: &[&Record]) -> String {
    if records.is_empty() {
        return "No records match.\n".to_owned();
    }
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(120)
        .set_header(["record", "title", "status", "date", "tags"]);
    for record in records {
        table.add_row(cells(record));
    }
    format!("{table}\n")
}

fn list_markdown(records: &[&Record]) -> String {
    let mut out = String::from(
        "| record | title | status | date | tags |\n| --- | --- | --- | --- | --- |\n",
    );
    for record in records {
        let [number, title, status, date, tags] = cells(record).map(|c| c.replace('|', "\\|"));
        let _ = writeln!(
            out,
            "| [{number}]({}) | {title} | {status} | {date} | {tags} |",
            record.file_name
        );
    }
    out
}
