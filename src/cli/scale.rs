//! `infraplan scale`: the plan's scalability patterns checked
//! (`engine::scale`), as a table, JSON or markdown; exit 1 on errors.

use std::fmt::Write as _;

use infraplan::diag::Severity;
use infraplan::engine::scale::{self, PatternCheck};

use super::{CliError, Context, Outcome, loading, output};

/// Arguments of `infraplan scale`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only the patterns on this component.
    #[arg(long, value_name = "ID")]
    component: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// A table and the findings.
    Table,
    /// Everything, as JSON.
    Json,
    /// Markdown.
    Markdown,
}

fn findings_lines(check: &PatternCheck) -> Vec<String> {
    check.findings.iter().map(output::finding_line).collect()
}

fn row(check: &PatternCheck) -> Vec<String> {
    vec![
        check.name.clone(),
        check.component.clone().unwrap_or_else(|| "—".to_owned()),
        output::enum_text(&check.kind),
        format!("{}–{}", check.min, check.max),
        check.cooldown.clone().unwrap_or_else(|| "—".to_owned()),
        check.triggers.join("; "),
        if check.findings.is_empty() {
            "ok".to_owned()
        } else {
            format!("{} finding(s)", check.findings.len())
        },
    ]
}

const HEADER: [&str; 7] = [
    "pattern",
    "component",
    "type",
    "units",
    "cooldown",
    "triggers",
    "checks",
];

/// The checks as markdown: one table row per pattern, then the findings.
pub(super) fn markdown(checks: &[PatternCheck]) -> String {
    let mut out = format!(
        "| {} |\n|{}\n",
        HEADER.join(" | "),
        " --- |".repeat(HEADER.len())
    );
    for check in checks {
        let cells: Vec<String> = row(check)
            .into_iter()
            .map(|c| c.replace('|', "\\|"))
            .collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    let lines: Vec<String> = checks.iter().flat_map(findings_lines).collect();
    if !lines.is_empty() {
        out.push_str("\n**Findings**\n\n");
        for line in lines {
            let _ = writeln!(out, "- {line}");
        }
    }
    out
}

/// Runs the command.
pub fn run(context: &Context, args: &Args) -> Result<Outcome, CliError> {
    let Some(inputs) = loading::EngineInputs::load(context)? else {
        return Ok(Outcome::Failed);
    };
    let plan = &inputs.loaded.plan;
    if plan.scaling.is_empty() {
        ewriteln!(
            "{} has no scaling patterns; add one under `scaling:` (docs/scale.md)",
            inputs.loaded.path
        );
        return Ok(Outcome::Success);
    }
    if let Some(id) = &args.component
        && !plan
            .scaling
            .iter()
            .any(|p| p.component.as_ref().is_some_and(|c| c.as_str() == id))
    {
        let known: Vec<&str> = plan
            .scaling
            .iter()
            .filter_map(|p| p.component.as_ref().map(infraplan::plan::Id::as_str))
            .collect();
        return Err(CliError::Usage {
            message: format!("no scaling pattern is on component `{id}`"),
            help: Some(format!("patterns are on: {}", known.join(", "))),
        });
    }
    let checks = scale::check(&inputs.engine(context), args.component.as_deref());
    let text = match args.format {
        Format::Json => output::json(&checks)?,
        Format::Table => {
            let mut table = output::new_table(HEADER.map(str::to_owned).to_vec());
            for check in &checks {
                table.add_row(row(check));
            }
            let mut out = format!("{table}\n");
            for check in &checks {
                for line in findings_lines(check) {
                    let _ = writeln!(out, "{line}");
                }
            }
            out
        }
        Format::Markdown => markdown(&checks),
    };
    output::print(&text)?;
    let errors = checks
        .iter()
        .flat_map(|c| &c.findings)
        .any(|f| f.severity == Severity::Error);
    Ok(if errors {
        Outcome::Failed
    } else {
        Outcome::Success
    })
}
