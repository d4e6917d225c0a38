//! The record `select --adr` writes (reference §C.3–C.4): drivers with
//! their weights, the options considered, "chosen option … because" with the
//! margin (and an explicit tie verdict), consequences that include the
//! chosen option's real downsides, revisit triggers from the sensitivity
//! analysis, the matrix and the sensitivity in generated blocks, and a
//! measured "why not chosen" for every other option.
//!
//! Re-running updates only the generated blocks and the `infraplan:` front
//! matter of a `proposed` record; an accepted record is never rewritten.

mod refresh;

use std::fmt::Write as _;

use super::lifecycle::{AdrError, Draft};
use super::record::Record;
use super::template::STATUS_BLOCK;
use super::upsert::GeneratedRecord;
use super::{Alternative, Consequences, FrontMatter, Status, blocks};
use crate::engine::matrix::markdown::{self, by_weight, score};
use crate::engine::matrix::{Evaluation, OptionResult, num};

/// Generated block holding the matrix.
pub const MATRIX_BLOCK: &str = "matrix";
/// Generated block holding the sensitivity analysis.
pub const SENSITIVITY_BLOCK: &str = "sensitivity";

pub use refresh::{recorded_hash, refresh};

/// A matrix evaluation written as a record: the [`GeneratedRecord`] that
/// `select --adr` upserts.
pub struct MatrixRecord<'a> {
    /// The evaluated matrix.
    pub evaluation: &'a Evaluation,
    /// The option decided on.
    pub chosen: &'a str,
    /// Plan file the selection came from, as the user named it.
    pub plan_path: Option<&'a str>,
    /// The command that reproduces the evidence.
    pub command: String,
}

impl MatrixRecord<'_> {
    fn decision(&self, number: u32, date: &str) -> MatrixDecision<'_> {
        MatrixDecision {
            number,
            date: date.to_owned(),
            evaluation: self.evaluation,
            chosen: self.chosen,
            plan_path: self.plan_path,
            command: self.command.clone(),
        }
    }
}

impl GeneratedRecord for MatrixRecord<'_> {
    fn is_for(&self, record: &Record) -> bool {
        refresh::is_for(record, self.evaluation)
    }

    fn draft(&self, number: u32, date: &str) -> Draft {
        render(&self.decision(number, date))
    }

    fn refresh(&self, record: &Record, date: &str) -> Result<String, AdrError> {
        refresh(
            record,
            &self.decision(record.number().unwrap_or_default(), date),
        )
    }

    /// The record stores the hash of the matrix inputs it was computed from.
    fn same_inputs(&self, record: &Record, _date: &str) -> bool {
        recorded_hash(record).as_deref() == Some(self.evaluation.inputs_hash.as_str())
    }

    fn winner(&self) -> &str {
        &self.evaluation.options[0].name
    }
}

/// What the record is about.
pub struct MatrixDecision<'a> {
    /// Record number.
    pub number: u32,
    /// ISO date.
    pub date: String,
    /// The evaluated matrix.
    pub evaluation: &'a Evaluation,
    /// The option decided on (the recommendation unless the plan or
    /// `--choose` says otherwise).
    pub chosen: &'a str,
    /// Plan file the selection came from, as the user named it.
    pub plan_path: Option<&'a str>,
    /// The command that reproduces the evidence.
    pub command: String,
}

impl MatrixDecision<'_> {
    fn chosen_option(&self) -> &OptionResult {
        self.evaluation
            .options
            .iter()
            .find(|o| o.name == self.chosen)
            .unwrap_or(&self.evaluation.options[0])
    }
}

/// The record's title.
pub fn title(evaluation: &Evaluation, chosen: &str) -> String {
    format!("Use {chosen} for {}", evaluation.category)
}

/// Front matter and body of a new record (status `proposed`).
pub fn render(decision: &MatrixDecision<'_>) -> Draft {
    let evaluation = decision.evaluation;
    let chosen = decision.chosen_option();
    let title = title(evaluation, &chosen.name);
    let consequences = consequences(evaluation, chosen);
    let alternatives: Vec<Alternative> = evaluation
        .options
        .iter()
        .filter(|o| o.name != chosen.name)
        .map(|o| Alternative {
            name: o.name.clone(),
            description: o.description.clone().unwrap_or_default(),
            pros: o.pros.clone(),
            cons: o.cons.clone(),
            why_not_chosen: why_not_chosen(decision, o),
        })
        .collect();
    let tag = evaluation
        .origin
        .matrix
        .clone()
        .unwrap_or_else(|| super::slug(&evaluation.category))
        .replace('_', "-");
    let front = FrontMatter {
        number: decision.number,
        title: title.clone(),
        status: Status::Proposed.as_str().to_owned(),
        date: decision.date.clone(),
        decision_makers: Vec::new(),
        consulted: Vec::new(),
        informed: Vec::new(),
        tags: vec!["selection".to_owned(), tag],
        supersedes: Vec::new(),
        superseded_by: Vec::new(),
        links: Vec::new(),
        consequences: consequences.clone(),
        alternatives: alternatives.clone(),
        infraplan: Some(infraplan_block(decision)),
    };
    let body = body(decision, &title, &consequences);
    Draft { front, body }
}

/// The namespaced front-matter block: what was computed, from what.
pub fn infraplan_block(decision: &MatrixDecision<'_>) -> serde_json::Value {
    let evaluation = decision.evaluation;
    let mut block = serde_json::Map::new();
    block.insert("category".into(), evaluation.category.clone().into());
    if let Some(matrix) = &evaluation.origin.matrix {
        block.insert("matrix".into(), matrix.clone().into());
    }
    if let Some(selection) = &evaluation.origin.selection {
        block.insert("selection".into(), selection.clone().into());
        if let Some(plan) = decision.plan_path {
            block.insert(
                "plan".into(),
                format!("{plan}#/selections/{selection}").into(),
            );
        }
    }
    block.insert("method".into(), "weighted-sum".into());
    block.insert(
        "scale".into(),
        serde_json::json!({ "scores": "1-10", "weights": "1-10" }),
    );
    block.insert("inputs-hash".into(), evaluation.inputs_hash.clone().into());
    block.insert("tool-version".into(), env!("CARGO_PKG_VERSION").into());
    block.insert("result".into(), serde_json::Value::Object(result(decision)));
    serde_json::Value::Object(block)
}

pub(super) fn result(decision: &MatrixDecision<'_>) -> serde_json::Map<String, serde_json::Value> {
    let evaluation = decision.evaluation;
    let winner = &evaluation.options[0];
    let mut result = serde_json::Map::new();
    result.insert("winner".into(), winner.name.clone().into());
    result.insert("score".into(), winner.normalised_score.into());
    if let Some(margin) = &evaluation.margin {
        result.insert("runner-up".into(), margin.runner_up.clone().into());
        result.insert("margin".into(), margin.normalised.into());
    }
    result.insert("tie".into(), evaluation.tie.tied.into());
    result.insert(
        "robustness".into(),
        evaluation.sensitivity.verdict.as_str().into(),
    );
    if decision.chosen != winner.name {
        result.insert("chosen".into(), decision.chosen.into());
    }
    result
}

fn rationale_of(option: &OptionResult, criterion: &str) -> String {
    option
        .rationale
        .get(criterion)
        .and_then(serde_json::Value::as_str)
        .map_or_else(String::new, |r| format!(": {}", lower_first(r)))
}

/// Good: the option's pros and its strong criteria; Bad: its cons and its
/// weak criteria (low, or well behind the best option); Neutral: the rest.
fn consequences(evaluation: &Evaluation, chosen: &OptionResult) -> Consequences {
    let mut out = Consequences {
        positive: chosen.pros.clone(),
        negative: chosen.cons.clone(),
        neutral: Vec::new(),
    };
    for c in by_weight(evaluation) {
        let name = &evaluation.criteria[c].name;
        let own = score(chosen, name);
        let best = evaluation
            .options
            .iter()
            .max_by(|a, b| score(a, name).total_cmp(&score(b, name)))
            .unwrap_or(chosen);
        let best_score = score(best, name);
        let why = rationale_of(chosen, name);
        if own <= 5.0 || best_score - own >= 3.0 {
            out.negative.push(format!(
                "scores {}/10 on {name}, where {} scores {}{why}",
                num(own),
                best.name,
                num(best_score)
            ));
        } else if own >= 8.0 && best_score - own <= 1.0 {
            out.positive
                .push(format!("scores {}/10 on {name}{why}", num(own)));
        } else {
            out.neutral
                .push(format!("scores {}/10 on {name}{why}", num(own)));
        }
    }
    out
}

fn why_not_chosen(decision: &MatrixDecision<'_>, option: &OptionResult) -> String {
    let evaluation = decision.evaluation;
    if option.name == evaluation.recommendation {
        return format!(
            "the matrix ranks it first ({} points against {} for {}); the decision makers chose {} \
             for reasons the matrix does not capture (record them under More Information)",
            num(option.total_score),
            num(decision.chosen_option().total_score),
            decision.chosen,
            decision.chosen
        );
    }
    markdown::why_not(evaluation, option)
}

fn body(decision: &MatrixDecision<'_>, title: &str, consequences: &Consequences) -> String {
    let evaluation = decision.evaluation;
    let mut out = format!(
        "# {title}\n\n{}\n## Context and Problem Statement\n\n",
        blocks::wrap(STATUS_BLOCK, "")
    );
    let question = evaluation
        .description
        .clone()
        .unwrap_or_else(|| format!("Which {} should we use?", evaluation.category));
    let source = match (&evaluation.origin.selection, &evaluation.origin.matrix) {
        (Some(selection), Some(matrix)) => format!(
            "the plan's selection `{selection}` (catalog matrix `{matrix}`{})",
            if evaluation.criteria.iter().any(|c| c.base_weight.is_some()) {
                " with the plan's weights"
            } else {
                ""
            }
        ),
        (Some(selection), None) => format!("the plan's own matrix `{selection}`"),
        (None, Some(matrix)) => format!("the catalog matrix `{matrix}`"),
        (None, None) => "a matrix".to_owned(),
    };
    let _ = writeln!(
        out,
        "{question} This record was generated by `{}` from {source}, which scores {} options on {} \
         weighted criteria. It is `proposed` until the decision makers review it: the weights and \
         scores are the evidence, not the verdict.\n",
        decision.command,
        evaluation.options.len(),
        evaluation.criteria.len()
    );
    out.push_str("## Decision Drivers\n\n");
    for c in by_weight(evaluation) {
        let criterion = &evaluation.criteria[c];
        let description = criterion
            .description
            .as_deref()
            .map_or_else(String::new, |d| format!(": {}", lower_first(d)));
        let changed = criterion.base_weight.map_or_else(String::new, |base| {
            format!("; the matrix gives {}", num(base))
        });
        let _ = writeln!(
            out,
            "* {}{description} (weight {}, {}%{changed})",
            criterion.name,
            num(criterion.weight),
            num(criterion.share_percent)
        );
    }
    out.push_str("\n## Considered Options\n\n");
    for option in &evaluation.options {
        let _ = writeln!(
            out,
            "* {}: {} points, {:.2}/10 (rank {})",
            option.name,
            num(option.total_score),
            option.normalised_score,
            option.rank
        );
    }
    let _ = write!(out, "\n## Decision Outcome\n\n{}\n\n", outcome(decision));
    out.push_str("### Consequences\n\n");
    list(&mut out, "Good", &consequences.positive);
    list(&mut out, "Bad", &consequences.negative);
    list(&mut out, "Neutral", &consequences.neutral);
    let _ = write!(out, "\n### Confirmation\n\n{}\n", confirmation(evaluation));
    let _ = write!(
        out,
        "## Decision Matrix\n\n{}\n## Sensitivity and Robustness\n\n{}\n",
        blocks::wrap(MATRIX_BLOCK, &markdown::matrix_table(evaluation)),
        blocks::wrap(
            SENSITIVITY_BLOCK,
            &markdown::sensitivity_section(evaluation)
        )
    );
    out.push_str("## Pros and Cons of the Options\n");
    let chosen = decision.chosen_option();
    for option in &evaluation.options {
        let marker = if option.name == chosen.name {
            " (chosen)"
        } else {
            ""
        };
        let _ = writeln!(out, "\n### {}{marker}\n", option.name);
        if let Some(description) = &option.description {
            let _ = writeln!(out, "{description}\n");
        }
        list(&mut out, "Good", &option.pros);
        list(&mut out, "Bad", &option.cons);
        if option.name != chosen.name {
            let _ = writeln!(
                out,
                "* Why not chosen: {}",
                why_not_chosen(decision, option)
            );
        }
    }
    out.push_str("\n## More Information\n\n");
    out.push_str(&more_information(decision));
    out
}

fn outcome(decision: &MatrixDecision<'_>) -> String {
    let evaluation = decision.evaluation;
    let winner = &evaluation.options[0];
    let chosen = decision.chosen_option();
    let mut text = if chosen.name == winner.name {
        match &evaluation.margin {
            Some(margin) => {
                let leads: Vec<String> = margin
                    .leads
                    .iter()
                    .take(2)
                    .map(|l| format!("{} (+{})", l.criterion, num(l.points)))
                    .collect();
                let leads = if leads.is_empty() {
                    String::new()
                } else {
                    format!(" It leads most on {}.", leads.join(" and "))
                };
                format!(
                    "Chosen option: \"{}\", because the matrix gives it the highest weighted score \
                     ({} points, {:.2}/10, against {} {} points, {:.2}/10: a margin of {} points, {:.2} on \
                     the 10-point scale, {}%).{leads}",
                    winner.name,
                    num(winner.total_score),
                    winner.normalised_score,
                    margin.runner_up,
                    num(evaluation.options[1].total_score),
                    evaluation.options[1].normalised_score,
                    num(margin.points),
                    margin.normalised,
                    num(margin.percent)
                )
            }
            None => format!(
                "Chosen option: \"{}\", the only option considered.",
                winner.name
            ),
        }
    } else {
        format!(
            "Chosen option: \"{}\", against the matrix: it ranks {} with {} points ({:.2}/10), {} below \
             the matrix's recommendation {} ({} points). The decision makers must record here why the \
             matrix does not capture their reasons.",
            chosen.name,
            chosen.rank,
            num(chosen.total_score),
            chosen.normalised_score,
            chosen
                .gap
                .as_ref()
                .map_or_else(|| "0".to_owned(), |g| num(g.points)),
            winner.name,
            num(winner.total_score)
        )
    };
    if evaluation.tie.tied {
        let _ = write!(
            text,
            "\n\n**No clear winner:** {} within the tie tolerance of {:.2} on the 10-point scale. ",
            evaluation.tie.with.join(" and "),
            evaluation.tie.tolerance
        );
        if let (Some(rule), Some(favours)) = (&evaluation.tie.rule, &evaluation.tie.favours) {
            let _ = write!(text, "The tie-break ({rule}) favours {favours}. ");
        }
        text.push_str("Treat the matrix as undecided: the choice rests on the arguments below.");
    }
    let others: Vec<&str> = evaluation
        .options
        .iter()
        .filter(|o| o.name != chosen.name)
        .map(|o| o.name.as_str())
        .collect();
    let top: Vec<&str> = by_weight(evaluation)
        .into_iter()
        .take(3)
        .map(|c| evaluation.criteria[c].name.as_str())
        .collect();
    let gains: Vec<String> = evaluation
        .margin
        .as_ref()
        .filter(|_| chosen.name == winner.name)
        .map(|m| {
            m.leads
                .iter()
                .take(2)
                .map(|l| l.criterion.to_lowercase())
                .collect()
        })
        .unwrap_or_default();
    let _ = write!(
        text,
        "\n\nIn the context of choosing the {}, facing {}, we decided for {} and neglected {}, to achieve {}, accepting {}.",
        evaluation.category,
        join_and(&top),
        chosen.name,
        if others.is_empty() {
            "nothing".to_owned()
        } else {
            join_and(&others)
        },
        if gains.is_empty() {
            "the best weighted fit".to_owned()
        } else {
            format!("the best {}", join_and(&gains))
        },
        if chosen.cons.is_empty() {
            "its lower scores listed below".to_owned()
        } else {
            join_and(
                &chosen
                    .cons
                    .iter()
                    .map(|c| lower_first(c))
                    .collect::<Vec<_>>(),
            )
        }
    );
    text
}

fn confirmation(evaluation: &Evaluation) -> String {
    let mut out = String::from(
        "Before accepting: review the weights with the decision makers and check the two or three \
         scores that drive the margin (see the score break-evens below) with a spike or a benchmark. \
         Revisit this decision if:\n\n",
    );
    let s = &evaluation.sensitivity;
    let mut triggers = Vec::new();
    for sweep in &s.weights {
        for (flip, verb) in [(&sweep.below, "drops below"), (&sweep.above, "rises above")] {
            if let Some(flip) = flip.as_ref().filter(|f| f.in_range) {
                triggers.push(format!(
                    "the weight of {} {verb} {} (now {}): {} would win",
                    sweep.criterion,
                    num(flip.at),
                    num(sweep.weight),
                    flip.to
                ));
            }
        }
    }
    let mut breaks: Vec<_> = s.score_break_evens.iter().collect();
    breaks.sort_by(|a, b| a.change.abs().total_cmp(&b.change.abs()));
    for b in breaks.into_iter().take(2) {
        triggers.push(format!(
            "{}'s {} score is revised {} {} (now {}): {} would win",
            b.option,
            b.criterion,
            b.direction,
            num(b.to),
            num(b.from),
            b.winner_after
        ));
    }
    if triggers.is_empty() {
        triggers.push("the options or criteria change: no single weight or score change within 1–10 changes the result".to_owned());
    }
    for trigger in triggers {
        let _ = writeln!(out, "* {trigger}");
    }
    out
}

fn more_information(decision: &MatrixDecision<'_>) -> String {
    let evaluation = decision.evaluation;
    let mut out = String::new();
    if !evaluation.origin.sources.is_empty() {
        let _ = writeln!(
            out,
            "Sources of the weights and scores: {}.\n",
            evaluation.origin.sources.join("; ")
        );
    }
    let explained = evaluation.options.iter().any(|o| !o.rationale.is_empty());
    if explained {
        out.push_str("<details>\n<summary>Why each score</summary>\n\n");
        for option in &evaluation.options {
            let _ = writeln!(out, "**{}**\n", option.name);
            for c in by_weight(evaluation) {
                let name = &evaluation.criteria[c].name;
                if let Some(why) = option
                    .rationale
                    .get(name)
                    .and_then(serde_json::Value::as_str)
                {
                    let _ = writeln!(out, "* {name} {}: {why}", num(score(option, name)));
                }
            }
            out.push('\n');
        }
        out.push_str("</details>\n\n");
    }
    let _ = writeln!(
        out,
        "Regenerate the evidence with `{} --format markdown`. While this record is proposed, \
         `{} --adr` refreshes only the generated blocks (between the `infraplan:begin` and \
         `infraplan:end` markers) and the `infraplan` front matter; once accepted it is never \
         rewritten, and `--adr --supersede` proposes a successor instead.",
        decision.command, decision.command
    );
    out
}

fn list(out: &mut String, label: &str, items: &[String]) {
    for item in items {
        let _ = writeln!(out, "* {label}, because {}", lower_first(item));
    }
}

fn join_and(items: &[impl AsRef<str>]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [rest @ .., last] => format!(
            "{} and {}",
            rest.iter()
                .map(AsRef::as_ref)
                .collect::<Vec<_>>()
                .join(", "),
            last.as_ref()
        ),
    }
}

/// "Largest ecosystem" reads "largest ecosystem" after "because"; names
/// such as "AWS" or "GraphQL" keep their capitals.
fn lower_first(text: &str) -> String {
    let first_word = text.split_whitespace().next().unwrap_or("");
    let mut chars = first_word.chars();
    let rest_of_word: Vec<char> = {
        let _ = chars.next();
        chars.collect()
    };
    let capitalised_word = first_word.chars().next().is_some_and(char::is_uppercase)
        && rest_of_word.iter().any(|c| c.is_lowercase())
        && rest_of_word
            .iter()
            .all(|c| c.is_lowercase() || !c.is_alphabetic());
    let mut rest = text.chars();
    match rest.next() {
        Some(first) if capitalised_word => first.to_lowercase().chain(rest).collect(),
        _ => text.to_owned(),
    }
}
