//! `infraplan cost diff`: the reviewer's view of a plan change. Prices a
//! base plan (a file, or the plan as committed at a git ref) and the working
//! plan with the same catalog and options, and renders the engine's
//! `CostDiff` as a table, JSON, or markdown for a pull-request comment.

use std::fmt::Write as _;
use std::process::Command;

use camino::{Utf8Path, Utf8PathBuf};
use comfy_table::{CellAlignment, Table};

use infraplan::catalog::Catalog;
use infraplan::diag::Severity;
use infraplan::engine::cost::diff::{Change, ComponentDiff, CostDiff, DiffSide, LineDiff};
use infraplan::engine::cost::{self, CostEstimate, EstimateOptions, UsageLine};
use infraplan::plan::Plan;
use infraplan::plan::money::Money;
use infraplan::validate::{decode, validate};

use super::cost_report::money;
use super::{CliError, Context, Outcome, loading, output, render};

/// Arguments of `cost diff`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("base-source").required(true).args(["base", "base_ref"])))]
pub struct Args {
    /// The plan before the change, as a file.
    #[arg(long, value_name = "FILE")]
    base: Option<Utf8PathBuf>,
    /// The plan before the change, as committed at this git ref (branch, tag or commit).
    #[arg(long, value_name = "GIT_REF")]
    base_ref: Option<String>,
    /// Price one environment only, on both sides (default: every environment, summed).
    #[arg(long, value_name = "NAME")]
    env: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
    format: DiffFormat,
    #[command(flatten)]
    age: super::cost::PriceAgeArg,
}

/// Output format of `cost diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum DiffFormat {
    /// Tables for a terminal.
    Table,
    /// The `CostDiff` as JSON.
    Json,
    /// Markdown to post as a pull-request comment.
    Markdown,
}

/// Where each side came from, for the report's wording.
struct Labels {
    base: String,
    head: String,
}

/// Runs `cost diff`.
pub fn run(context: &Context, args: &Args) -> Result<Outcome, CliError> {
    let catalog = context.catalog()?;
    let Some(head) = loading::load_plan(context, &catalog)? else {
        return Ok(Outcome::Failed);
    };
    let (label, bytes) = match (&args.base, &args.base_ref) {
        (Some(path), _) => (path.to_string(), loading::read_bytes(path)?),
        (None, Some(reference)) => committed(&head.path, reference)?,
        (None, None) => unreachable!("clap requires --base or --base-ref"),
    };
    let Some(base) = parse(&label, &bytes, &catalog, context.color) else {
        return Ok(Outcome::Failed);
    };
    let labels = Labels {
        base: label,
        head: head.path.to_string(),
    };
    let options = EstimateOptions {
        environment: args.env.clone(),
        price_age: args.age.limit(),
        ..super::cost::project_defaults(context)
    };
    let Some(base) = price(context, &base, &catalog, &options, &labels.base) else {
        return Ok(Outcome::Failed);
    };
    let Some(head) = price(context, &head.plan, &catalog, &options, &labels.head) else {
        return Ok(Outcome::Failed);
    };
    if base.total.currency != head.total.currency {
        // Estimates are in the catalog's currency today, so this is a guard:
        // amounts in two currencies cannot be subtracted into a delta.
        let (from, to) = (&base.total.currency, &head.total.currency);
        let message = format!("the base plan is priced in {from} and the working plan in {to}");
        let help = "set the same `currency:` in both plans to compare them".to_owned();
        render::report_error(usage(message, help), context.color);
        return Ok(Outcome::Failed);
    }
    let diff = cost::diff::diff(&base, &head);
    let text = match args.format {
        DiffFormat::Table => table(&diff, &labels),
        DiffFormat::Json => super::cost::json(&diff)?,
        DiffFormat::Markdown => markdown(&diff, &labels),
    };
    output::print(&text)?;
    Ok(Outcome::Success)
}

/// Validates a base plan like `load_plan` does the working one: findings are
/// printed against `label` and the command exits 1.
fn parse(label: &str, bytes: &[u8], catalog: &Catalog, color: bool) -> Option<Plan> {
    let text = match decode(bytes) {
        Ok(text) => text,
        Err(finding) => {
            let lossy = String::from_utf8_lossy(bytes);
            ewrite!("{}", render::human(label, &lossy, &finding, color));
            return None;
        }
    };
    let validation = validate(text, catalog);
    if validation
        .findings
        .iter()
        .any(|f| f.severity == Severity::Error)
    {
        for finding in &validation.findings {
            ewrite!("{}", render::human(label, text, finding, color));
        }
        ewriteln!("{label}: invalid; fix the errors above (see `infraplan validate`)");
        return None;
    }
    validation.plan
}

/// Prices one side; a plan the catalog cannot price is reported with the
/// side it is on, since the error alone would not say which plan it means.
fn price(
    context: &Context,
    plan: &Plan,
    catalog: &Catalog,
    options: &EstimateOptions,
    label: &str,
) -> Option<CostEstimate> {
    match cost::estimate(plan, catalog, options) {
        Ok(estimate) => Some(estimate),
        Err(error) => {
            ewriteln!("{label}: cannot be priced");
            super::cost::cost_failed(context, error);
            None
        }
    }
}

const NOT_A_REF_HELP: &str = "name a branch, tag or commit (`git branch -a`, `git tag`); \
    in a shallow CI clone fetch it first, e.g. `git fetch origin main`";

/// The plan's bytes as committed at `reference`, with a `REF:path` label.
fn committed(plan: &Utf8Path, reference: &str) -> Result<(String, Vec<u8>), CliError> {
    // A ref starting with `-` would reach git as an option.
    if reference.is_empty() || reference.starts_with('-') {
        let message = format!("`{reference}` is not a git ref");
        return Err(usage(message, NOT_A_REF_HELP.to_owned()));
    }
    let dir = plan.parent().filter(|d| !d.as_str().is_empty());
    let dir = dir.unwrap_or(Utf8Path::new("."));
    let file = plan.file_name().unwrap_or(plan.as_str());
    let prefix = git(dir, &["rev-parse", "--show-prefix"], |reason| {
        let message = format!("`{plan}` is not in a git repository");
        let help = format!(
            "git says: {reason}. --base-ref reads the plan as committed in git; \
            outside a clone, compare against a file with --base FILE"
        );
        usage(message, help)
    })?;
    let commit = format!("{reference}^{{commit}}");
    let commit = git(dir, &["rev-parse", "--verify", "--quiet", &commit], |_| {
        let message = format!("unknown git ref `{reference}`");
        usage(message, NOT_A_REF_HELP.to_owned())
    })?;
    let path = format!("{}{file}", String::from_utf8_lossy(&prefix).trim());
    // `./` makes git resolve the path from `dir`, wherever the repository
    // root is; the resolved commit id keeps odd ref names out of the spec.
    let spec = format!("{}:./{file}", String::from_utf8_lossy(&commit).trim());
    let bytes = git(dir, &["cat-file", "blob", &spec], |_| {
        let message = format!("`{path}` is not in git ref `{reference}`");
        let help = format!(
            "`git log --oneline -- {path}` lists the commits that have it; for a renamed plan, \
            save the old file with `git show {reference}:OLD-PATH > base.yaml` and pass --base base.yaml"
        );
        usage(message, help)
    })?;
    Ok((format!("{reference}:{path}"), bytes))
}

/// Runs git without a shell; `refused` turns git's own reason into the error.
fn git(
    dir: &Utf8Path,
    args: &[&str],
    refused: impl FnOnce(&str) -> CliError,
) -> Result<Vec<u8>, CliError> {
    let output = Command::new("git").arg("-C").arg(dir).args(args).output();
    let output = output.map_err(|error| {
        let help = "install git, or compare against a file with --base FILE";
        usage(format!("cannot run git: {error}"), help.to_owned())
    })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let reason = stderr.lines().next().unwrap_or_default();
        return Err(refused(reason.trim_start_matches("fatal: ").trim()));
    }
    Ok(output.stdout)
}

fn usage(message: String, help: String) -> CliError {
    CliError::Usage {
        message,
        help: Some(help),
    }
}

/// `+1,234.56`, `-0.50`, `0.00`: `money` alone would drop the sign of
/// amounts under one unit.
fn signed(amount: Money) -> String {
    let magnitude = money(Money::from_cents(amount.cents().abs()));
    match amount.cents().signum() {
        1 => format!("+{magnitude}"),
        -1 => format!("-{magnitude}"),
        _ => magnitude,
    }
}

fn amount(value: Option<Money>) -> String {
    value.map_or_else(|| "—".to_owned(), money)
}

/// `4,027.52 → 4,310.12 USD (+282.60, +7.0%)`; when a component is priced
/// differently on the two sides, the change over the comparable components
/// and which ones the diff cannot cover.
fn headline(diff: &CostDiff) -> String {
    let change = match diff.delta.percentage {
        _ if diff.delta.monthly.cents() == 0 => "no change".to_owned(),
        Some(percent) => format!("{}, {percent:+.1}%", signed(diff.delta.monthly)),
        None => signed(diff.delta.monthly),
    };
    let (base, head) = (&diff.base.total, &diff.head.total);
    let (from, to) = (money(base.monthly), money(head.monthly));
    let excluded = &diff.delta.excluded;
    if excluded.is_empty() {
        return format!("{from} → {to} {} ({change})", head.currency);
    }
    let covered = diff.components.len() - excluded.len();
    let names: Vec<String> = excluded.iter().map(|id| format!("`{id}`")).collect();
    let change = match diff.delta.percentage {
        _ if diff.delta.monthly.cents() == 0 => "no change".to_owned(),
        Some(percent) => format!(
            "{} {} ({percent:+.1}%)",
            signed(diff.delta.monthly),
            head.currency
        ),
        None => format!("{} {}", signed(diff.delta.monthly), head.currency),
    };
    format!(
        "incomplete diff: {change} over the {} priced alike on both sides; \
         the change of {} is unknown (not priced on both sides); totals {from} → {to} {}",
        count(covered, "component"),
        names.join(", "),
        head.currency
    )
}

/// `components: 2 changed, 1 added, 1 removed, 10 unchanged`.
fn tally(diff: &CostDiff) -> String {
    let mut parts = Vec::new();
    for change in [
        Change::Changed,
        Change::Unknown,
        Change::Added,
        Change::Removed,
        Change::Unchanged,
    ] {
        let n = diff.components.iter().filter(|c| c.change == change);
        match n.count() {
            0 => {}
            n => parts.push(format!("{n} {}", change.as_str())),
        }
    }
    format!("components: {}", parts.join(", "))
}

/// `1 item`, `3 items`.
fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

fn items(n: usize) -> String {
    count(n, "item")
}

/// What of a component is not priced, and how that moved.
fn unpriced_note(c: &ComponentDiff) -> String {
    match (c.change, c.unpriced.base, c.unpriced.head) {
        (_, 0, 0) => String::new(),
        (Change::Added, _, n) | (Change::Removed, n, _) => format!("{} not priced", items(n)),
        (_, base, head) if base == head => format!("{} not priced", items(head)),
        (_, base, head) => format!("{} → {} not priced", items(base), items(head)),
    }
}

/// Unpriced totals and price dates of both sides, one sentence each.
fn footnotes(diff: &CostDiff) -> String {
    let dates = |side: &DiffSide| match (&side.prices.oldest_as_of, &side.prices.newest_as_of) {
        (Some(oldest), Some(newest)) => format!("catalog list prices dated {oldest} to {newest}"),
        _ => "no catalog prices".to_owned(),
    };
    let (base, head) = (dates(&diff.base), dates(&diff.head));
    let mut prices = if base == head {
        format!("Prices: {head}, both sides.")
    } else {
        format!("Prices: base {base}; head {head}.")
    };
    if let Some(warning) = super::cost_report::stale_warning(&diff.head.prices) {
        prices.push(' ');
        prices.push_str(&warning);
    }
    format!(
        "Not priced (in neither total): {} in the base, {} in the head.\n{prices}\n",
        items(diff.base.unpriced),
        items(diff.head.unpriced)
    )
}

fn moved(components: &[ComponentDiff]) -> impl Iterator<Item = &ComponentDiff> {
    components.iter().filter(|c| c.change != Change::Unchanged)
}

/// `base → head` when the sides differ, else the one text there is.
fn sides(line: &LineDiff, field: impl Fn(&UsageLine) -> String) -> String {
    match (
        line.base.as_ref().map(&field),
        line.head.as_ref().map(&field),
    ) {
        (Some(base), Some(head)) if base != head => format!("{base} → {head}"),
        (_, Some(text)) | (Some(text), None) => text,
        (None, None) => String::new(),
    }
}

// Column names, `|`-separated so both renderers split the same text.
const COMPONENT_HEADER: &str = "component|change|base|head|delta|not priced";
const LINE_HEADER: &str = "component|environment|usage|quantity|base|head|delta";

/// The components that moved; both renderers show the same cells.
fn component_rows(diff: &CostDiff) -> Vec<Vec<String>> {
    moved(&diff.components)
        .map(|c| {
            let change = c.change.as_str().to_owned();
            let (base, head) = (amount(c.base), amount(c.head));
            vec![
                c.id.clone(),
                change,
                base,
                head,
                if c.comparable {
                    signed(c.delta)
                } else {
                    format!("unknown ({} priced)", signed(c.delta))
                },
                unpriced_note(c),
            ]
        })
        .collect()
}

/// Their usage lines that differ.
fn line_rows(diff: &CostDiff) -> Vec<Vec<String>> {
    let cost = |side: &Option<UsageLine>| amount(side.as_ref().map(|s| s.monthly_cost));
    moved(&diff.components)
        .flat_map(|c| c.lines.iter().map(move |line| (c, line)))
        .map(|(c, line)| {
            vec![
                c.id.clone(),
                line.environment.clone(),
                sides(line, |s| s.metric.clone()),
                sides(line, |s| format!("{} {}", s.quantity, s.unit)),
                cost(&line.base),
                cost(&line.head),
                signed(line.delta),
            ]
        })
        .collect()
}

/// `cost diff --format table`.
fn table(diff: &CostDiff, labels: &Labels) -> String {
    let mut out = format!(
        "Cost diff for {}, per month: {}\nBase {} · head {} · {}\n\n",
        diff.head.plan,
        headline(diff),
        labels.base,
        labels.head,
        tally(diff)
    );
    let components = component_rows(diff);
    if !components.is_empty() {
        let table = terminal_table(COMPONENT_HEADER, components, &[2, 3, 4]);
        let _ = writeln!(out, "{table}\n");
    }
    let lines = line_rows(diff);
    if !lines.is_empty() {
        let table = terminal_table(LINE_HEADER, lines, &[3, 4, 5, 6]);
        let _ = writeln!(out, "Usage lines that changed\n{table}\n");
    }
    out + &footnotes(diff)
}

fn terminal_table(header: &str, rows: Vec<Vec<String>>, right: &[usize]) -> Table {
    let mut table = super::output::new_table(header.split('|').map(str::to_owned).collect());
    table.add_rows(rows);
    for index in right {
        if let Some(column) = table.column_mut(*index) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    table
}

/// A markdown table; the first column is an id, set in code.
fn markdown_table(out: &mut String, header: &str, rows: &[Vec<String>], right: &[usize]) {
    let _ = writeln!(out, "| {} |", header.replace('|', " | "));
    let rule: Vec<&str> = (0..=header.matches('|').count())
        .map(|i| if right.contains(&i) { "---:" } else { "---" })
        .collect();
    let _ = writeln!(out, "| {} |", rule.join(" | "));
    for row in rows {
        // Escaped so a `|` in a metric cannot end a cell.
        let cells: Vec<String> = row
            .iter()
            .map(|text| text.replace('|', "\\|").replace('\n', "<br>"))
            .collect();
        let _ = writeln!(out, "| `{}` | {} |", cells[0], cells[1..].join(" | "));
    }
}

/// `cost diff --format markdown`: a bold summary line first (what shows in
/// a notification), then the components that moved, then line detail
/// collapsed so a long diff does not bury the conversation.
fn markdown(diff: &CostDiff, labels: &Labels) -> String {
    let mut out = format!(
        "**Monthly cost: {}**\n\nCost diff of `{}` against `{}` ({}).\n\n",
        headline(diff),
        labels.head.replace('`', "'"),
        labels.base.replace('`', "'"),
        tally(diff)
    );
    let components = component_rows(diff);
    if !components.is_empty() {
        markdown_table(&mut out, COMPONENT_HEADER, &components, &[2, 3, 4]);
        out.push('\n');
    }
    let unchanged = diff.components.len() - components.len();
    if unchanged > 0 {
        let _ = writeln!(
            out,
            "{} not listed.\n",
            count(unchanged, "unchanged component")
        );
    }
    out.push_str(&footnotes(diff));
    let lines = line_rows(diff);
    if !lines.is_empty() {
        // GitHub renders markdown inside <details> only after a blank line.
        let _ = writeln!(
            out,
            "\n<details><summary>Usage lines that changed ({})</summary>\n",
            lines.len()
        );
        markdown_table(&mut out, LINE_HEADER, &lines, &[3, 4, 5, 6]);
        out.push_str("\n</details>\n");
    }
    out
}
