//! Rendering of `infraplan select` results: terminal tables, markdown and
//! JSON, and the list of available matrices. No arithmetic here; every number
//! comes from the matrix engine's `Evaluation`.

use std::fmt::Write as _;

use serde::Serialize;

use infraplan::catalog::{Catalog, Origin as CatalogOrigin};
use infraplan::engine::matrix::markdown::{self, by_weight, score};
use infraplan::engine::matrix::{Evaluation, num};
use infraplan::plan::Plan;

use super::output::new_table;
use super::select::Format;

/// JSON: the evaluation, plus the plan's `chosen` when it has one.
pub(super) fn json(
    evaluation: &Evaluation,
    chosen: Option<&str>,
) -> Result<String, super::CliError> {
    let mut value = serde_json::to_value(evaluation).unwrap_or_default();
    if let (Some(chosen), Some(object)) = (chosen, value.as_object_mut()) {
        object.insert("chosen".to_owned(), chosen.into());
    }
    super::output::json(&value)
}

pub(super) fn origin_line(evaluation: &Evaluation) -> String {
    let origin = &evaluation.origin;
    match (&origin.selection, &origin.matrix) {
        (Some(selection), Some(matrix)) => {
            format!("plan selection `{selection}` on catalog matrix `{matrix}`")
        }
        (Some(selection), None) => format!("plan selection `{selection}` (inline matrix)"),
        (None, Some(matrix)) => format!("catalog matrix `{matrix}`"),
        (None, None) => "matrix".to_owned(),
    }
}

pub(super) fn verdict_line(evaluation: &Evaluation) -> String {
    let winner = &evaluation.options[0];
    let Some(margin) = &evaluation.margin else {
        return format!("Recommendation: {} (the only option)", winner.name);
    };
    if evaluation.tie.tied {
        let mut text = format!(
            "Recommendation: {} — NO CLEAR WINNER: only {} points ahead of {} ({:.2} on the 10-point scale, {}%), within the tie tolerance of {:.2}.",
            winner.name,
            num(margin.points),
            margin.runner_up,
            margin.normalised,
            num(margin.percent),
            evaluation.tie.tolerance
        );
        if let (Some(rule), Some(favours)) = (&evaluation.tie.rule, &evaluation.tie.favours) {
            let _ = write!(text, " Tie-break ({rule}): {favours}.");
        }
        text
    } else {
        format!(
            "Recommendation: {} — {} points ahead of {} ({:.2} on the 10-point scale, {}%); clear beyond the tie tolerance of {:.2}.",
            winner.name,
            num(margin.points),
            margin.runner_up,
            margin.normalised,
            num(margin.percent),
            evaluation.tie.tolerance
        )
    }
}

pub(super) fn chosen_line(evaluation: &Evaluation, chosen: Option<&str>) -> Option<String> {
    let chosen = chosen?;
    let option = evaluation.options.iter().find(|o| o.name == chosen)?;
    Some(match &option.gap {
        None => format!("The plan records `chosen: {chosen}`, the matrix's recommendation."),
        Some(gap) => format!(
            "The plan records `chosen: {chosen}`: rank {}, {} points ({:.2}/10) behind the recommendation.",
            option.rank,
            num(gap.points),
            gap.normalised
        ),
    })
}

pub(super) fn leads_line(evaluation: &Evaluation) -> Option<String> {
    let margin = evaluation.margin.as_ref()?;
    let leads: Vec<String> = margin
        .leads
        .iter()
        .take(3)
        .map(|l| format!("{} (+{})", l.criterion, num(l.points)))
        .collect();
    (!leads.is_empty()).then(|| {
        format!(
            "{} leads {} most on {}.",
            evaluation.recommendation,
            margin.runner_up,
            leads.join(", ")
        )
    })
}

pub(super) fn table(evaluation: &Evaluation, chosen: Option<&str>) -> String {
    let mut out = format!(
        "{} — {}\nweighted sum · scores and weights 1–10 · out of 10 = total ÷ {} (Σ weights) · tie tolerance {:.2}\n",
        evaluation.category,
        origin_line(evaluation),
        num(evaluation.weight_sum),
        evaluation.tie.tolerance
    );
    let mut header = vec!["criterion".to_owned(), "weight".to_owned()];
    header.extend(evaluation.options.iter().map(|o| o.name.clone()));
    let mut matrix = new_table(header);
    for c in by_weight(evaluation) {
        let criterion = &evaluation.criteria[c];
        let mut row = vec![
            criterion.name.clone(),
            match criterion.base_weight {
                Some(base) => format!("{} (was {})", num(criterion.weight), num(base)),
                None => num(criterion.weight),
            },
        ];
        for option in &evaluation.options {
            let name = &criterion.name;
            let changed = if option.overridden_scores.contains_key(name) {
                "*"
            } else {
                ""
            };
            let weighted = option
                .contributions
                .get(name)
                .and_then(serde_json::Value::as_f64)
                .unwrap_or(0.0);
            row.push(format!(
                "{}{changed} ({})",
                num(score(option, name)),
                num(weighted)
            ));
        }
        matrix.add_row(row);
    }
    let mut total = vec!["total".to_owned(), num(evaluation.weight_sum)];
    total.extend(evaluation.options.iter().map(|o| num(o.total_score)));
    matrix.add_row(total);
    let mut normalised = vec!["out of 10".to_owned(), String::new()];
    normalised.extend(
        evaluation
            .options
            .iter()
            .map(|o| format!("{:.2}", o.normalised_score)),
    );
    matrix.add_row(normalised);
    let mut rank = vec!["rank".to_owned(), String::new()];
    rank.extend(evaluation.options.iter().map(|o| o.rank.to_string()));
    matrix.add_row(rank);
    let _ = writeln!(out, "{matrix}");
    let _ = writeln!(out, "{}", verdict_line(evaluation));
    if let Some(line) = leads_line(evaluation) {
        let _ = writeln!(out, "{line}");
    }
    if let Some(line) = chosen_line(evaluation, chosen) {
        let _ = writeln!(out, "{line}");
    }
    if evaluation.options.len() > 1 {
        out.push_str("Why not the others:\n");
        for option in &evaluation.options[1..] {
            let _ = writeln!(
                out,
                "  {}: {}",
                option.name,
                markdown::why_not(evaluation, option)
            );
        }
    }
    out.push_str(&sensitivity_table(evaluation));
    out
}

pub(super) fn sensitivity_table(evaluation: &Evaluation) -> String {
    let s = &evaluation.sensitivity;
    let winner = &evaluation.recommendation;
    let mut out =
        String::from("\nSensitivity — one weight at a time, the others fixed, over 1–10:\n");
    let mut weights = new_table(vec![
        "criterion".to_owned(),
        "weight".to_owned(),
        format!("{winner} stays first for"),
        "otherwise".to_owned(),
    ]);
    for c in by_weight(evaluation) {
        let sweep = &s.weights[c];
        weights.add_row(vec![
            sweep.criterion.clone(),
            num(sweep.weight),
            format!(
                "{}–{}",
                num(sweep.keeps_winner_from),
                num(sweep.keeps_winner_to)
            ),
            markdown::elsewhere(sweep, winner),
        ]);
    }
    let _ = writeln!(out, "{weights}");
    match &s.critical_criterion {
        Some(c) => {
            let _ = writeln!(
                out,
                "Critical criterion: {} — {} wins if its weight {} {} (from {}, {}%).",
                c.criterion,
                c.flip.to,
                if c.direction == "below" {
                    "drops below"
                } else {
                    "rises above"
                },
                num(c.flip.at),
                num(c.weight),
                markdown::signed(c.flip.change_percent)
            );
        }
        None => out.push_str(
            "Critical criterion: none — no single weight change within 1–10 changes the winner.\n",
        ),
    }
    if !s.score_break_evens.is_empty() {
        out.push_str("Smallest single-score change that changes the winner, per criterion:\n");
        let mut scores = new_table(vec![
            "criterion".to_owned(),
            "score".to_owned(),
            "now".to_owned(),
            "break-even".to_owned(),
            "then wins".to_owned(),
        ]);
        for b in &s.score_break_evens {
            scores.add_row(vec![
                b.criterion.clone(),
                b.option.clone(),
                num(b.from),
                format!(
                    "{} {} ({})",
                    b.direction,
                    num(b.to),
                    markdown::signed(b.change)
                ),
                b.winner_after.clone(),
            ]);
        }
        let _ = writeln!(out, "{scores}");
    }
    let shares: Vec<String> = s
        .win_probability
        .iter()
        .map(|w| format!("{} {}%", w.option, num(w.probability * 100.0)))
        .collect();
    let _ = writeln!(
        out,
        "Winner with every weight varied at random by ±{} ({} samples, seed {}): {}.",
        num(s.sampling.noise),
        s.sampling.samples,
        s.sampling.seed,
        shares.join(", ")
    );
    let _ = writeln!(
        out,
        "Verdict: {} — {}",
        s.verdict.as_str().to_uppercase(),
        s.verdict_text
    );
    out
}

pub(super) fn markdown_report(evaluation: &Evaluation, chosen: Option<&str>) -> String {
    let mut out = format!(
        "## {} — {}\n\n",
        evaluation.category,
        origin_line(evaluation)
    );
    if let Some(description) = &evaluation.description {
        let _ = writeln!(out, "{description}\n");
    }
    out.push_str(&markdown::matrix_table(evaluation));
    let _ = writeln!(out, "\n**{}**\n", verdict_line(evaluation));
    let _ = writeln!(out, "{}\n", evaluation.decision_rationale);
    if let Some(line) = chosen_line(evaluation, chosen) {
        let _ = writeln!(out, "{line}\n");
    }
    if evaluation.options.len() > 1 {
        out.push_str("### Why not the others\n\n");
        for option in &evaluation.options[1..] {
            let _ = writeln!(
                out,
                "* **{}**: {}",
                option.name,
                markdown::why_not(evaluation, option)
            );
        }
        out.push('\n');
    }
    let _ = write!(
        out,
        "### Sensitivity\n\n{}",
        markdown::sensitivity_section(evaluation)
    );
    out
}

/// A row of `select --list`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Listed {
    id: String,
    category: String,
    criteria: usize,
    options: usize,
    source: String,
}

pub(super) fn list(
    catalog: &Catalog,
    plan: Option<&Plan>,
    format: Format,
) -> Result<String, super::CliError> {
    let mut rows: Vec<Listed> = catalog
        .matrices
        .iter()
        .map(|entry| Listed {
            id: entry.item.id.clone(),
            category: entry.item.category.clone(),
            criteria: entry.item.criteria.len(),
            options: entry.item.options.len(),
            source: match &catalog.files[entry.file].origin {
                CatalogOrigin::Builtin => "catalog".to_owned(),
                CatalogOrigin::Override(_) => format!(
                    "catalog override ({})",
                    catalog.files[entry.file].display_name()
                ),
            },
        })
        .collect();
    if let Some(plan) = plan {
        for selection in &plan.selections {
            let base = selection.matrix.as_deref().and_then(|m| catalog.matrix(m));
            rows.push(Listed {
                id: selection.id.to_string(),
                category: selection
                    .category
                    .clone()
                    .or_else(|| base.map(|m| m.category.clone()))
                    .unwrap_or_default(),
                criteria: if selection.criteria.is_empty() {
                    base.map_or(0, |m| m.criteria.len())
                } else {
                    selection.criteria.len()
                },
                options: if selection.options.is_empty() {
                    base.map_or(0, |m| m.options.len())
                } else {
                    selection.options.len()
                },
                source: match &selection.matrix {
                    Some(m) if selection.criteria.is_empty() => format!("plan selection on `{m}`"),
                    _ => "plan selection (inline)".to_owned(),
                },
            });
        }
    }
    Ok(match format {
        Format::Json => super::output::json(&rows)?,
        Format::Markdown => {
            let mut out = String::from(
                "| matrix | category | criteria | options | source |\n| --- | --- | ---: | ---: | --- |\n",
            );
            for r in &rows {
                let _ = writeln!(
                    out,
                    "| `{}` | {} | {} | {} | {} |",
                    r.id, r.category, r.criteria, r.options, r.source
                );
            }
            out
        }
        Format::Table => {
            let mut table = new_table(
                ["matrix", "category", "criteria", "options", "source"]
                    .map(str::to_owned)
                    .to_vec(),
            );
            for r in &rows {
                table.add_row(vec![
                    r.id.clone(),
                    r.category.clone(),
                    r.criteria.to_string(),
                    r.options.to_string(),
                    r.source.clone(),
                ]);
            }
            format!("{table}\n")
        }
    })
}
