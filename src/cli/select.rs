//! `infraplan select MATRIX`: a weighted technology-selection matrix from the
//! catalog, or one of the plan's `selections:` by id, ranked with margins,
//! an explicit tie verdict and a sensitivity analysis; `--weight` and
//! `--score` try other numbers, `--adr` turns the result into a proposed
//! decision record (or refreshes the generated blocks of the proposed one).

use std::fmt::Write as _;

use infraplan::catalog::Catalog;
use infraplan::diag::did_you_mean;
use infraplan::engine::adr::matrix::MatrixRecord;
use infraplan::engine::matrix::{DEFAULT_TIE_TOLERANCE, Input, MatrixError, evaluate, num};
use infraplan::plan::Plan;

use super::loading::load_plan;
use super::select_report::{json, list, markdown_report, table};
use super::{CliError, Context, Outcome, output};

/// Arguments of `infraplan select`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Catalog matrix id (`message_broker`, `api_style`, …) or the id of one of the plan's `selections:`.
    #[arg(required_unless_present = "list", value_name = "MATRIX")]
    matrix: Option<String>,
    /// List the catalog's matrices and the plan's selections.
    #[arg(long, conflicts_with = "matrix")]
    list: bool,
    /// Weight override `Criterion=W`, 1–10 (repeatable), e.g. `--weight "Operations=10"`.
    #[arg(long = "weight", value_name = "CRITERION=W")]
    weights: Vec<String>,
    /// Score override `Option:Criterion=S`, 1–10 (repeatable), e.g. `--score "REST:Real-time=6"`.
    #[arg(long = "score", value_name = "OPTION:CRITERION=S")]
    scores: Vec<String>,
    /// Margin on the 10-point scale within which the top options count as tied.
    #[arg(long, value_name = "T", default_value_t = DEFAULT_TIE_TOLERANCE)]
    tie_tolerance: f64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Write the result as a proposed ADR, or refresh the generated blocks of the proposed one.
    #[arg(long)]
    adr: bool,
    /// With --adr: the option decided on, when not the matrix's recommendation (default: the plan's `chosen`).
    #[arg(long, value_name = "OPTION", requires = "adr")]
    choose: Option<String>,
    /// With --adr: if the matrix's record is accepted, propose a new record that supersedes it.
    #[arg(long, requires = "adr")]
    supersede: bool,
    /// With --adr: print the record changes instead of writing them (and no report).
    #[arg(long, requires = "adr")]
    dry_run: bool,
}

/// Output format of `select`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(super) enum Format {
    /// Terminal tables.
    Table,
    /// JSON with the specification's fields (category, criteria, options[].totalScore, recommendation, decisionRationale).
    Json,
    /// Markdown, for pull requests and docs.
    Markdown,
}

/// Ranks, explains, and optionally records.
pub fn run(context: &Context, args: &Args) -> Result<Outcome, CliError> {
    if !(0.0..=10.0).contains(&args.tie_tolerance) {
        return Err(usage(
            format!("--tie-tolerance {} is outside 0–10", args.tie_tolerance),
            "it is a margin on the 10-point scale; the default is 0.1",
        ));
    }
    let catalog = context.catalog()?;
    let plan_path = context.plan_path();
    let plan = if context.plan_flag.is_some() || plan_path.exists() {
        match load_plan(context, &catalog)? {
            Some(loaded) => Some(loaded.plan),
            None => return Ok(Outcome::Failed),
        }
    } else {
        None
    };
    if args.list {
        output::print(&list(&catalog, plan.as_ref(), args.format)?)?;
        return Ok(Outcome::Success);
    }
    let id = args.matrix.as_deref().unwrap_or_default();
    let (mut input, chosen) = resolve(&catalog, plan.as_ref(), id)?;
    apply_overrides(&mut input, args)?;
    let evaluation = evaluate(&input, args.tie_tolerance);
    let chosen = match args.choose.as_deref().or(chosen.as_deref()) {
        Some(name) => Some(
            input.options[input.option_index(name).map_err(matrix_error)?]
                .name
                .clone(),
        ),
        None => None,
    };
    if args.adr {
        let command = command_line(context, id, args);
        let plan_name = plan.as_ref().map(|_| plan_path.as_str());
        let record = MatrixRecord {
            evaluation: &evaluation,
            chosen: chosen.as_deref().unwrap_or(&evaluation.recommendation),
            plan_path: plan_name,
            command,
        };
        super::adr::upsert_generated(context, &record, args.supersede, args.dry_run)?;
        if args.dry_run {
            return Ok(Outcome::Success);
        }
    }
    let text = match args.format {
        Format::Json => json(&evaluation, chosen.as_deref())?,
        Format::Table => table(&evaluation, chosen.as_deref()),
        Format::Markdown => markdown_report(&evaluation, chosen.as_deref()),
    };
    output::print(&text)?;
    Ok(Outcome::Success)
}

fn usage(message: String, help: &str) -> CliError {
    CliError::Usage {
        message,
        help: Some(help.to_owned()),
    }
}

/// The matrix `id` names: a plan selection first, then a catalog matrix;
/// with the plan's `chosen`, if any.
fn resolve(
    catalog: &Catalog,
    plan: Option<&Plan>,
    id: &str,
) -> Result<(Input, Option<String>), CliError> {
    if let Some(selection) = plan.and_then(|p| p.selections.iter().find(|s| s.id.as_str() == id)) {
        let matrix = match &selection.matrix {
            Some(name) if selection.criteria.is_empty() => {
                Some(catalog.matrix(name).ok_or_else(|| {
                    unknown_matrix(
                        catalog,
                        plan,
                        name,
                        &format!("selection `{id}` names matrix `{name}`"),
                    )
                })?)
            }
            _ => None,
        };
        let input = Input::from_selection(selection, matrix).map_err(matrix_error)?;
        return Ok((input, selection.chosen.clone()));
    }
    match catalog.matrix(id) {
        Some(matrix) => Ok((Input::from_catalog(matrix).map_err(matrix_error)?, None)),
        None => Err(unknown_matrix(
            catalog,
            plan,
            id,
            &format!("unknown matrix `{id}`"),
        )),
    }
}

fn unknown_matrix(catalog: &Catalog, plan: Option<&Plan>, id: &str, message: &str) -> CliError {
    let mut names: Vec<&str> = catalog
        .matrices
        .iter()
        .map(|m| m.item.id.as_str())
        .collect();
    if let Some(plan) = plan {
        names.extend(plan.selections.iter().map(|s| s.id.as_str()));
    }
    let help = match did_you_mean(id, names.iter().copied()) {
        Some(name) => format!("did you mean `{name}`? (`infraplan select --list` shows them all)"),
        None => format!(
            "matrices: {}; `infraplan select --list` describes them",
            names.join(", ")
        ),
    };
    CliError::Usage {
        message: format!("{message} (unknown-matrix)"),
        help: Some(help),
    }
}

#[allow(
    clippy::needless_pass_by_value,
    reason = "used as `map_err(matrix_error)`"
)]
fn matrix_error(error: MatrixError) -> CliError {
    let help = match &error {
        MatrixError::UnknownCriterion {
            suggestion: Some(s),
            ..
        }
        | MatrixError::UnknownOption {
            suggestion: Some(s),
            ..
        } => format!("did you mean `{s}`?"),
        MatrixError::UnknownCriterion { known, .. } => format!("criteria: {}", known.join(", ")),
        MatrixError::UnknownOption { known, .. } => format!("options: {}", known.join(", ")),
        MatrixError::OutOfRange { .. } => "weights and scores run from 1 to 10".to_owned(),
        MatrixError::MissingScore { .. } => {
            "score every option on every criterion in the plan's `selections:`".to_owned()
        }
        MatrixError::Empty => "add criteria and at least one option".to_owned(),
        MatrixError::NoMatrix(_) => {
            "set `matrix:` to a catalog matrix, or define `criteria:` and `options:`".to_owned()
        }
    };
    CliError::Usage {
        message: error.to_string(),
        help: Some(help),
    }
}

fn apply_overrides(input: &mut Input, args: &Args) -> Result<(), CliError> {
    for text in &args.weights {
        let (name, value) = split_value(text, "--weight", "Criterion=W")?;
        input
            .set_weight(name, value, "--weight")
            .map_err(matrix_error)?;
    }
    for text in &args.scores {
        let (target, value) = split_value(text, "--score", "Option:Criterion=S")?;
        let mut applied = Err(usage(
            format!("`--score {text}` is not Option:Criterion=S"),
            "e.g. `--score \"REST:Real-time=6\"`",
        ));
        // Option names may contain `:`; try every split point.
        for (at, _) in target.match_indices(':') {
            let (option, criterion) = (&target[..at], &target[at + 1..]);
            if input.option_index(option).is_ok() {
                applied = input
                    .set_score(option, criterion, value)
                    .map_err(matrix_error);
                break;
            }
            applied = input
                .set_score(option, criterion, value)
                .map_err(matrix_error);
        }
        applied?;
    }
    Ok(())
}

fn split_value<'a>(text: &'a str, flag: &str, shape: &str) -> Result<(&'a str, f64), CliError> {
    let parsed = text
        .rsplit_once('=')
        .and_then(|(name, value)| value.trim().parse::<f64>().ok().map(|v| (name.trim(), v)));
    parsed.ok_or_else(|| {
        usage(
            format!("`{flag} {text}` is not {shape}"),
            &format!(
                "e.g. `{flag} \"{}\"`",
                if flag == "--weight" {
                    "Operations=10"
                } else {
                    "REST:Real-time=6"
                }
            ),
        )
    })
}

/// The command line that reproduces this evaluation (for the record).
fn command_line(context: &Context, id: &str, args: &Args) -> String {
    let mut command = String::from("infraplan select");
    if let Some(plan) = &context.plan_flag {
        let _ = write!(command, " --plan {plan}");
    }
    let _ = write!(command, " {}", quote(id));
    for weight in &args.weights {
        let _ = write!(command, " --weight {}", quote(weight));
    }
    for score in &args.scores {
        let _ = write!(command, " --score {}", quote(score));
    }
    if (args.tie_tolerance - DEFAULT_TIE_TOLERANCE).abs() > f64::EPSILON {
        let _ = write!(command, " --tie-tolerance {}", num(args.tie_tolerance));
    }
    command
}

fn quote(text: &str) -> String {
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "_-./=".contains(c))
    {
        text.to_owned()
    } else {
        format!("\"{}\"", text.replace('"', "\\\""))
    }
}
