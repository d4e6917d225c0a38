//! `adr check`: every problem in an ADR directory, each pointing at the
//! exact text — front matter that does not parse, unknown statuses, file
//! names that disagree with the number or title, duplicate numbers (the
//! parallel-branch clash), gaps, links to records or files that do not
//! exist, links written from one end only, and plan decisions naming a
//! missing ADR file.

use std::collections::BTreeMap;

use camino::{Utf8Path, Utf8PathBuf};

use super::directory::Directory;
use super::lifecycle::normalise;
use super::record::{Record, Ref, file_number, label};
use super::{LinkKind, Status, file_name, slug};
use crate::diag::{Code, Finding, did_you_mean};
use crate::yaml::{self, Span};

/// A finding in a file.
#[derive(Debug, Clone)]
pub struct Problem {
    /// The file.
    pub file: Utf8PathBuf,
    /// Its text (for rendering the snippet).
    pub text: String,
    /// The finding.
    pub finding: Finding,
}

/// Checks every record of `directory`; problems sorted by file and position.
pub fn check(directory: &Directory) -> Vec<Problem> {
    let mut problems = Vec::new();
    for record in &directory.records {
        let mut findings = record.problems.clone();
        check_status(record, &mut findings);
        check_file_name(record, &mut findings);
        check_links(record, directory, &mut findings);
        check_body_links(record, directory, &mut findings);
        problems.extend(findings.into_iter().map(|finding| Problem {
            file: record.path.clone(),
            text: record.text.clone(),
            finding,
        }));
    }
    check_numbers(directory, &mut problems);
    problems.sort_by(|a, b| {
        (&a.file, a.finding.label.span.offset, a.finding.code).cmp(&(
            &b.file,
            b.finding.label.span.offset,
            b.finding.code,
        ))
    });
    problems
}

/// Where a finding about the whole record points: its `number`, else the
/// opening `---` line, else the first line.
fn anchor(record: &Record) -> Span {
    record.meta.number.as_ref().map_or_else(
        || Span::new(0, record.text.lines().next().map_or(0, str::len)),
        |n| n.span,
    )
}

fn check_status(record: &Record, findings: &mut Vec<Finding>) {
    if record.tree.is_none() {
        return;
    }
    let Some(status) = &record.meta.status else {
        findings.push(
            Finding::new(
                Code::AdrUnknownStatus,
                "the record has no `status`",
                anchor(record),
                "no status",
            )
            .with_help("add `status: proposed` (or accepted, rejected, deprecated, superseded)"),
        );
        return;
    };
    if Status::parse(&status.value).is_none() {
        let names = Status::ALL.map(Status::as_str);
        let help = did_you_mean(&status.value, names).map_or_else(
            || format!("use one of: {}", names.join(", ")),
            |s| format!("did you mean `{s}`?"),
        );
        findings.push(
            Finding::new(
                Code::AdrUnknownStatus,
                format!("unknown status `{}`", status.value),
                status.span,
                "not a lifecycle status",
            )
            .with_help(help),
        );
    }
}

fn check_file_name(record: &Record, findings: &mut Vec<Finding>) {
    let name = &record.file_name;
    let digits = name.chars().take_while(char::is_ascii_digit).count();
    let Some(file_num) = file_number(name) else {
        let help = record.number().map_or_else(
            || "name it `NNNN-kebab-title.md` and give it a `number`".to_owned(),
            |n| format!("rename it to `{}`", file_name(n, &record.title())),
        );
        findings.push(
            Finding::new(
                Code::AdrFileName,
                format!("`{name}` is not named `NNNN-kebab-title.md`"),
                anchor(record),
                "file name without a number",
            )
            .with_help(help),
        );
        return;
    };
    if let Some(number) = &record.meta.number
        && number.value != file_num
    {
        findings.push(
            Finding::new(
                Code::AdrFileName,
                format!("number {} disagrees with the file name `{name}`", number.value),
                number.span,
                format!("the file name says {file_num}"),
            )
            .with_help(format!(
                "set `number: {file_num}`, or rename the file with `infraplan adr renumber {name} {}`",
                number.value
            )),
        );
    } else if digits != 4 {
        findings.push(
            Finding::new(
                Code::AdrFileName,
                format!("`{name}` does not pad its number to four digits"),
                anchor(record),
                "expected NNNN-",
            )
            .with_help(format!(
                "rename it to `{}`",
                file_name(file_num, &record.title())
            )),
        );
    }
    if let Some(title) = &record.meta.title {
        let stem = name.trim_end_matches(".md");
        let file_slug = stem.get(digits + 1..).unwrap_or("");
        let expected = slug(&title.value);
        if file_slug != expected {
            findings.push(
                Finding::new(
                    Code::AdrFileName,
                    format!("the title does not match the file name `{name}`"),
                    title.span,
                    format!("would be named `{}`", file_name(file_num, &title.value)),
                )
                .with_help(format!(
                    "rename the file to `{}` (git mv), or change the title",
                    file_name(file_num, &title.value)
                )),
            );
        }
    }
}

fn check_numbers(directory: &Directory, problems: &mut Vec<Problem>) {
    let mut by_number: BTreeMap<u32, Vec<&Record>> = BTreeMap::new();
    for record in &directory.records {
        if let Some(n) = record.number() {
            by_number.entry(n).or_default().push(record);
        }
    }
    let mut free = directory.next_number();
    for (&number, records) in &by_number {
        for record in &records[1..] {
            let first = &records[0].file_name;
            problems.push(Problem {
                file: record.path.clone(),
                text: record.text.clone(),
                finding: Finding::new(
                    Code::AdrDuplicateNumber,
                    format!("{} is also the number of `{first}`", label(number)),
                    anchor(record),
                    "duplicate number",
                )
                .with_help(format!(
                    "two branches each took the next number; renumber one: `infraplan adr renumber {} {free}`",
                    record.file_name
                )),
            });
            free += 1;
        }
    }
    let numbers: Vec<u32> = by_number.keys().copied().collect();
    let mut previous = numbers.first().map(|&n| if n <= 1 { n } else { 0 });
    for &number in &numbers {
        if let Some(before) = previous
            && number > before + 1
        {
            let missing = if number - before == 2 {
                format!("{} is missing", label(before + 1))
            } else if number - before == 3 {
                format!(
                    "{} and {} are missing",
                    label(before + 1),
                    label(before + 2)
                )
            } else {
                format!("{} to {} are missing", label(before + 1), label(number - 1))
            };
            for record in &by_number[&number] {
                problems.push(Problem {
                    file: record.path.clone(),
                    text: record.text.clone(),
                    finding: Finding::new(
                        Code::AdrNumberGap,
                        format!("numbers jump to {}: {missing}", label(number)),
                        anchor(record),
                        "gap before this number",
                    )
                    .with_help(
                        "numbers are never reused: restore a deleted record (see `git log --diff-filter=D`) \
                         and mark it rejected or deprecated, or close the gap with `infraplan adr renumber`",
                    ),
                });
            }
        }
        previous = Some(number);
    }
}

/// The records' relations, as (kind, target) for the checks.
fn relations(record: &Record) -> Vec<(LinkKind, &Ref)> {
    let supersedes = LinkKind::parse("supersedes");
    let superseded_by = LinkKind::parse("superseded-by");
    record
        .meta
        .supersedes
        .iter()
        .map(|r| (supersedes.clone(), r))
        .chain(
            record
                .meta
                .superseded_by
                .iter()
                .map(|r| (superseded_by.clone(), r)),
        )
        .chain(
            record
                .meta
                .links
                .iter()
                .map(|l| (l.kind.clone(), &l.target)),
        )
        .collect()
}

fn check_links(record: &Record, directory: &Directory, findings: &mut Vec<Finding>) {
    let Some(own) = record.number() else {
        return;
    };
    for (kind, target) in relations(record) {
        let targets = directory.with_number(target.number);
        let Some(other) = targets.first().filter(|_| targets.len() == 1) else {
            if targets.is_empty() {
                findings.push(
                    Finding::new(
                        Code::AdrBrokenLink,
                        format!(
                            "{} links to {}, which does not exist",
                            label(own),
                            label(target.number)
                        ),
                        target.span,
                        "no such record",
                    )
                    .with_help(match directory.highest() {
                        Some(h) => format!(
                            "records run up to {}; fix the number or remove the link",
                            label(h)
                        ),
                        None => "the directory has no records; remove the link".to_owned(),
                    }),
                );
            }
            continue;
        };
        let Some(reverse) = kind.reverse() else {
            continue;
        };
        let reciprocal = relations(other)
            .iter()
            .any(|(k, r)| *k == reverse && r.number == own);
        if !reciprocal {
            let key = if reverse.is_supersede() {
                format!("`{reverse}: [{}]`", label(own))
            } else {
                format!("`links: [{{kind: {reverse}, target: {}}}]`", label(own))
            };
            findings.push(
                Finding::new(
                    Code::AdrOneSidedLink,
                    format!(
                        "{} {} {}, but `{}` does not record the reverse",
                        label(own),
                        kind.phrase().to_lowercase(),
                        label(target.number),
                        other.file_name
                    ),
                    target.span,
                    "one-sided link",
                )
                .with_help(format!("add {key} to `{}`", other.file_name)),
            );
        }
    }
    let Some(status) = &record.meta.status else {
        return;
    };
    let superseded = Status::parse(&status.value) == Some(Status::Superseded);
    if superseded && record.meta.superseded_by.is_empty() {
        findings.push(
            Finding::new(
                Code::AdrOneSidedLink,
                "the record is superseded, but `superseded-by` names no record",
                status.span,
                "superseded by what?",
            )
            .with_help("add `superseded-by: [ADR-NNNN]` naming the record that replaces it"),
        );
    } else if !superseded && let Some(next) = record.meta.superseded_by.first() {
        findings.push(
            Finding::new(
                Code::AdrOneSidedLink,
                format!(
                    "`superseded-by` names {}, but the status is `{}`",
                    label(next.number),
                    status.value
                ),
                status.span,
                "expected superseded",
            )
            .with_help("set `status: superseded`, or remove the `superseded-by` entry"),
        );
    }
}

/// Links in the body to `*.md` files beside the record that do not exist.
fn check_body_links(record: &Record, directory: &Directory, findings: &mut Vec<Finding>) {
    let body_start = record.yaml.as_ref().map_or(0, |r| r.end);
    let text = &record.text;
    let mut from = body_start;
    while let Some(at) = text[from..].find("](") {
        let start = from + at + 2;
        let Some(len) = text[start..].find(')') else {
            break;
        };
        from = start + len;
        let target = &text[start..start + len];
        let file = target
            .split('#')
            .next()
            .unwrap_or("")
            .trim_start_matches("./");
        if file.is_empty()
            || file.contains('/')
            || file.contains("://")
            || file.contains(char::is_whitespace)
            || !std::path::Path::new(file)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("md"))
        {
            continue;
        }
        if directory.records.iter().any(|r| r.file_name == file)
            || directory.dir.join(file).exists()
        {
            continue;
        }
        let help = match similar_file(file, directory) {
            Some(name) => format!("did you mean `{name}`?"),
            None => match file_number(file).and_then(|n| directory.unique(n)) {
                Some(r) => format!(
                    "{} is now `{}`",
                    label(r.number().unwrap_or_default()),
                    r.file_name
                ),
                None => "fix the file name or remove the link".to_owned(),
            },
        };
        findings.push(
            Finding::new(
                Code::AdrBrokenLink,
                format!("link to `{file}`, which does not exist"),
                Span::new(start, len),
                "no such file",
            )
            .with_help(help),
        );
    }
}

/// Plan decisions whose `adr` names a file that does not exist; `plan` is
/// the plan's path (its directory anchors the relative paths).
pub fn check_plan(plan: &Utf8Path, text: &str, directory: &Directory) -> Vec<Problem> {
    let Ok(tree) = yaml::parse(text) else {
        return Vec::new(); // `validate` reports the plan's own problems
    };
    let plan_dir = plan.parent().unwrap_or(Utf8Path::new(""));
    let mut problems = Vec::new();
    for decision in crate::validate::tree::items(&tree, "decisions") {
        let Some((adr, span)) = crate::validate::tree::text(decision, "adr") else {
            continue;
        };
        let path = plan_dir.join(adr);
        if path.exists() {
            continue;
        }
        let name = Utf8Path::new(adr).file_name().unwrap_or(adr);
        let suggestion = similar_file(name, directory).map(|f| directory.dir.join(f));
        let help = match suggestion {
            Some(found) => format!(
                "did you mean `{}`? (paths are relative to the plan)",
                relative(plan_dir, &found)
            ),
            None => format!(
                "write the record (`infraplan adr new`) or fix the path; it is relative to `{}`",
                if plan_dir.as_str().is_empty() {
                    "."
                } else {
                    plan_dir.as_str()
                }
            ),
        };
        problems.push(Problem {
            file: plan.to_owned(),
            text: text.to_owned(),
            finding: Finding::new(
                Code::AdrMissingFile,
                format!("decision names ADR file `{adr}`, which does not exist"),
                span,
                "no such file",
            )
            .with_help(help),
        });
    }
    problems
}

/// The record file whose title part is close to `name`'s (the number
/// prefixes are left out: they would make every name look alike).
fn similar_file<'a>(name: &str, directory: &'a Directory) -> Option<&'a str> {
    // Titles share words ("use-…-for-…"), so demand a close edit distance
    // rather than the looser "did you mean" of plan keys.
    let wanted = title_part(name);
    directory
        .records
        .iter()
        .map(|r| {
            let score = strsim::normalized_levenshtein(wanted, title_part(&r.file_name));
            (r.file_name.as_str(), score)
        })
        .filter(|&(_, score)| score >= 0.8)
        .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(file, _)| file)
}

/// `0003-use-kafka.md` → `use-kafka.md`.
fn title_part(file: &str) -> &str {
    file.trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches('-')
}

/// `path` relative to `base` when it lies below it (lexically).
fn relative(base: &Utf8Path, path: &Utf8Path) -> String {
    let base = normalise(base);
    let path = normalise(path);
    path.strip_prefix(&base)
        .map_or_else(|_| path.to_string(), ToString::to_string)
}
