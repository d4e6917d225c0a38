//! `infraplan validate [PLAN…]`: every problem in every file, as snippets,
//! JSON or GitHub annotations. Exit 0 when valid, 1 when any file is invalid.

use camino::{Utf8Path, Utf8PathBuf};
use serde::Serialize;

use infraplan::diag::{Code, Finding, LineIndex, Severity};
use infraplan::validate::tree;
use infraplan::validate::{decode, validate};

use super::render::{self, Located};
use super::{CliError, Context, Outcome, output};

/// Arguments of `infraplan validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Plan files (default: the project's plan).
    #[arg(value_name = "PLAN")]
    plans: Vec<Utf8PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Fail on warnings too.
    #[arg(long)]
    strict: bool,
}

/// Output format of `validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// Source snippets on stderr, one summary line per file on stdout.
    Human,
    /// One JSON document on stdout.
    Json,
    /// GitHub Actions annotations on stdout.
    Github,
}

/// One file's result in the JSON report.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FileReport<'a> {
    file: &'a str,
    valid: bool,
    errors: usize,
    warnings: usize,
    findings: Vec<Located<'a>>,
}

/// Validates each file and reports.
pub fn run(context: &Context, args: &Args) -> Result<Outcome, CliError> {
    let catalog = context.catalog()?;
    let files = if args.plans.is_empty() {
        vec![context.plan_path()]
    } else {
        args.plans.clone()
    };
    let mut results = Vec::with_capacity(files.len());
    // An unreadable file does not stop the others from being checked; it is
    // reported after them, as an I/O error (exit 2).
    let mut unreadable: Vec<CliError> = Vec::new();
    let mut readable = Vec::with_capacity(files.len());
    for file in &files {
        let bytes =
            match infraplan::store::fs::read_limited(file, infraplan::validate::MAX_PLAN_BYTES) {
                Ok(bytes) => bytes,
                Err(source) => {
                    unreadable.push(CliError::Io {
                        action: "read",
                        path: file.clone(),
                        source,
                    });
                    continue;
                }
            };
        readable.push(file.clone());
        let bytes = &bytes;
        let result = match decode(bytes) {
            Ok(text) => {
                let validation = validate(text, &catalog);
                let mut findings = validation.findings;
                if let Some(tree) = &validation.tree {
                    findings.extend(missing_adr_files(file, tree));
                }
                (text.to_owned(), findings)
            }
            Err(finding) => (String::from_utf8_lossy(bytes).into_owned(), vec![finding]),
        };
        results.push(result);
    }
    let mut any_failed = false;
    let mut reports = Vec::new();
    let mut human_out = String::new();
    let mut human_err = String::new();
    for (file, (text, findings)) in readable.iter().zip(&results) {
        let index = LineIndex::new(text);
        let errors = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        let warnings = findings.len() - errors;
        let failed = errors > 0 || (args.strict && warnings > 0);
        any_failed |= failed;
        let located: Vec<Located<'_>> = findings
            .iter()
            .map(|f| render::locate(file.as_str(), text, &index, f))
            .collect();
        match args.format {
            Format::Human => {
                let renderer = render::HumanRenderer::new(file.as_str(), text, context.color);
                for finding in findings {
                    human_err.push_str(&renderer.render(finding));
                }
                human_out.push_str(&summary_line(file.as_str(), failed, errors, warnings));
            }
            Format::Github => {
                for item in &located {
                    human_out.push_str(&render::github(item));
                }
            }
            Format::Json => {}
        }
        reports.push(FileReport {
            file: file.as_str(),
            valid: !failed,
            errors,
            warnings,
            findings: located,
        });
    }
    match args.format {
        Format::Json => {
            let report = serde_json::json!({ "valid": !any_failed, "files": reports });
            let text = super::output::json(&report)?;
            output::print(&text)?;
        }
        Format::Human => {
            ewrite!("{human_err}");
            if !context.quiet {
                output::print(&human_out)?;
            }
        }
        Format::Github => output::print(&human_out)?,
    }
    // Every unreadable file is reported; the last one as the command's error.
    if let Some(last) = unreadable.pop() {
        for error in unreadable {
            super::render::report_error(error, context.color);
        }
        return Err(last);
    }
    Ok(if any_failed {
        Outcome::Failed
    } else {
        Outcome::Success
    })
}

/// Decisions whose `adr:` names a file that does not exist, relative to the
/// plan's directory. The library has no file access, so this check lives here.
fn missing_adr_files(plan: &Utf8Path, tree: &infraplan::yaml::Node) -> Vec<Finding> {
    let base = plan.parent().unwrap_or(Utf8Path::new(""));
    let mut findings = Vec::new();
    for decision in tree::items(tree, "decisions") {
        let Some((adr, span)) = tree::text(decision, "adr") else {
            continue;
        };
        let path = if base.as_str().is_empty() {
            Utf8PathBuf::from(adr)
        } else {
            base.join(adr)
        };
        if !path.is_file() {
            findings.push(
                Finding::new(
                    Code::AdrMissingFile,
                    format!("decision names ADR `{adr}`, which does not exist"),
                    span,
                    "no such file",
                )
                .with_help(format!(
                    "looked for `{path}`; fix the path, or create it with `infraplan adr new`"
                )),
            );
        }
    }
    findings
}

fn summary_line(file: &str, failed: bool, errors: usize, warnings: usize) -> String {
    let status = if failed { "invalid" } else { "valid" };
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{file}: {status} ({}, {})\n",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}
