//! Weighted technology-selection matrices (specification §6.2
//! `TechnologySelectionMatrix`): the catalog's matrices, a plan's
//! `selections:` (weight overrides or inline matrices), and their evaluation.
//!
//! The method is a plain weighted sum: scores and weights on the 1–10 scale,
//! `total = Σ weight × score`, normalised to the 10-point scale by dividing
//! by `Σ weight` (a positive rescaling, so it never changes the ranking).
//! [`evaluate`] ranks the options (standard competition ranking, exact ties
//! ordered by a documented tie-break chain), states the margin to the
//! runner-up and whether it lies within the tie tolerance, and runs the
//! sensitivity analysis of [`sensitivity`].
//!
//! Invariants: every number in a report, an ADR sentence or JSON comes from
//! [`Evaluation`]; the same input gives byte-identical output (ordered maps,
//! a fixed sampling seed, rounding in [`round2`]).

mod input;
pub mod markdown;
mod rank;
pub mod sensitivity;
#[cfg(test)]
mod tests;

use serde::Serialize;

pub use crate::catalog::matrix::{Criterion, Matrix, MatrixOption};
pub use crate::catalog::matrix_lint as lint;
pub use input::{Input, InputCriterion, InputOption, MatrixError};
pub use sensitivity::{Sensitivity, Verdict};

/// Default tie tolerance on the normalised 10-point scale: a margin this
/// small is "no clear winner" (reference §B.6).
pub const DEFAULT_TIE_TOLERANCE: f64 = 0.1;

/// Where a matrix being evaluated came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Origin {
    /// Catalog matrix id, when the matrix is (based on) a catalog one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matrix: Option<String>,
    /// Plan selection id, when the matrix comes from a plan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub selection: Option<String>,
    /// Sources of the data.
    pub sources: Vec<String>,
}

/// Result of evaluating a matrix: the seed's `TechnologySelectionMatrix`
/// fields (`category`, `criteria`, `options[].totalScore`,
/// `recommendation`, `decisionRationale`) plus the evidence behind them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Evaluation {
    /// Where the matrix came from.
    #[serde(flatten)]
    pub origin: Origin,
    /// Category.
    pub category: String,
    /// What the matrix decides.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `weighted-sum`.
    pub method: &'static str,
    /// Σ weights, the divisor of the normalised score.
    #[serde(serialize_with = "ser_num")]
    pub weight_sum: f64,
    /// Criteria in the matrix's order, with effective weights.
    pub criteria: Vec<CriterionResult>,
    /// Options, best first.
    pub options: Vec<OptionResult>,
    /// The option with the highest weighted total.
    pub recommendation: String,
    /// Why, in one paragraph, with the margin and robustness.
    pub decision_rationale: String,
    /// Margin to the runner-up (absent with a single option).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin: Option<Margin>,
    /// The tie verdict.
    pub tie: Tie,
    /// What would change the result.
    pub sensitivity: Sensitivity,
    /// Fingerprint of the inputs ([`Input::fingerprint`]).
    pub inputs_hash: String,
}

/// A criterion as evaluated.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CriterionResult {
    /// Name.
    pub name: String,
    /// Weight in effect.
    #[serde(serialize_with = "ser_num")]
    pub weight: f64,
    /// What it measures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The matrix's weight when overridden.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser_opt_num"
    )]
    pub base_weight: Option<f64>,
    /// Who overrode it (`plan`, `--weight`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub override_source: Option<String>,
    /// Share of the total weight, in percent.
    #[serde(serialize_with = "ser_num")]
    pub share_percent: f64,
    /// Why the matrix gives it its weight.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rationale: Option<String>,
}

/// An option as evaluated.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OptionResult {
    /// Name.
    pub name: String,
    /// What it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Standard competition rank (1, 2, 2, 4).
    pub rank: usize,
    /// Score per criterion, in criteria order.
    pub scores: serde_json::Map<String, serde_json::Value>,
    /// Weight × score per criterion, in criteria order.
    pub contributions: serde_json::Map<String, serde_json::Value>,
    /// Σ weight × score.
    #[serde(serialize_with = "ser_num")]
    pub total_score: f64,
    /// Total ÷ Σ weights: the 10-point score.
    #[serde(serialize_with = "ser_num")]
    pub normalised_score: f64,
    /// Advantages.
    pub pros: Vec<String>,
    /// Disadvantages.
    pub cons: Vec<String>,
    /// Scores an override changed: criterion → the matrix's score.
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    pub overridden_scores: serde_json::Map<String, serde_json::Value>,
    /// Why each score, by criterion.
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    pub rationale: serde_json::Map<String, serde_json::Value>,
    /// How far behind the recommendation it is, and what would change
    /// that (absent for the recommendation itself).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gap: Option<Gap>,
    /// Index in the input's option list (not serialised).
    #[serde(skip)]
    pub input_index: usize,
}

/// Why an option is not the recommendation, measured.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Gap {
    /// Points behind the recommendation.
    #[serde(serialize_with = "ser_num")]
    pub points: f64,
    /// The same on the 10-point scale.
    #[serde(serialize_with = "ser_num")]
    pub normalised: f64,
    /// Criteria where it loses most (weighted points), largest first.
    pub losses: Vec<Lead>,
    /// The smallest in-range single weight change that puts it ahead of
    /// the recommendation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight_flip: Option<WeightFlip>,
    /// The smallest single change of its own score that puts it ahead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score_flip: Option<ScoreFlip>,
}

/// A weight at which an option overtakes the recommendation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WeightFlip {
    /// Criterion.
    pub criterion: String,
    /// Its weight now.
    #[serde(serialize_with = "ser_num")]
    pub from: f64,
    /// The break-even weight.
    #[serde(serialize_with = "ser_num")]
    pub at: f64,
    /// `below` or `above`.
    pub direction: &'static str,
}

/// A score of the option at which it overtakes the recommendation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoreFlip {
    /// Criterion.
    pub criterion: String,
    /// Its score now.
    #[serde(serialize_with = "ser_num")]
    pub from: f64,
    /// The break-even score.
    #[serde(serialize_with = "ser_num")]
    pub at: f64,
}

/// Margin between the recommendation and the runner-up.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Margin {
    /// The runner-up.
    pub runner_up: String,
    /// Difference of weighted totals.
    #[serde(serialize_with = "ser_num")]
    pub points: f64,
    /// Difference on the 10-point scale.
    #[serde(serialize_with = "ser_num")]
    pub normalised: f64,
    /// Points as a percentage of the winner's total.
    #[serde(serialize_with = "ser_num")]
    pub percent: f64,
    /// Criteria where the winner gains most on the runner-up: (name, weighted points).
    pub leads: Vec<Lead>,
}

/// Weighted points one option gains on another on one criterion.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Lead {
    /// Criterion.
    pub criterion: String,
    /// weight × (score difference).
    #[serde(serialize_with = "ser_num")]
    pub points: f64,
}

/// Whether the top of the ranking is a tie within tolerance.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tie {
    /// Tolerance on the 10-point scale.
    #[serde(serialize_with = "ser_num")]
    pub tolerance: f64,
    /// True when the runner-up is within tolerance.
    pub tied: bool,
    /// Options within tolerance of the recommendation.
    pub with: Vec<String>,
    /// The tie-break rule that separated them, when tied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// The option that rule favours, when tied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub favours: Option<String>,
}

/// Evaluates `input` with tie tolerance `tolerance` (10-point scale).
pub fn evaluate(input: &Input, tolerance: f64) -> Evaluation {
    let order = rank::order(input);
    let weight_sum = input.weight_sum();
    let totals: Vec<f64> = (0..input.options.len()).map(|o| input.total(o)).collect();
    let ranks = rank::competition_ranks(&order, &totals);
    let options: Vec<OptionResult> = order
        .iter()
        .zip(&ranks)
        .map(|(&o, &rank)| option_result(input, o, rank, totals[o], weight_sum))
        .collect();
    let winner = order[0];
    let mut options = options;
    for option in options.iter_mut().skip(1) {
        option.gap = Some(gap(input, winner, option.input_index, &totals));
    }
    let margin = order.get(1).map(|&runner| Margin {
        runner_up: input.options[runner].name.clone(),
        points: round2(totals[winner] - totals[runner]),
        normalised: round2((totals[winner] - totals[runner]) / weight_sum),
        percent: round2(percent(totals[winner] - totals[runner], totals[winner])),
        leads: leads(input, winner, runner),
    });
    let tie = rank::tie(input, &order, &totals, tolerance);
    let sensitivity = sensitivity::analyse(input, winner, &totals, &tie);
    let mut evaluation = Evaluation {
        origin: input.origin.clone(),
        category: input.category.clone(),
        description: input.description.clone(),
        method: "weighted-sum",
        weight_sum: round2(weight_sum),
        criteria: input
            .criteria
            .iter()
            .map(|c| CriterionResult {
                name: c.name.clone(),
                weight: c.weight,
                description: c.description.clone(),
                base_weight: c.base_weight,
                override_source: c.override_source.clone(),
                share_percent: round2(c.weight / weight_sum * 100.0),
                rationale: c.rationale.clone(),
            })
            .collect(),
        options,
        recommendation: input.options[winner].name.clone(),
        decision_rationale: String::new(),
        margin,
        tie,
        sensitivity,
        inputs_hash: input.fingerprint(),
    };
    evaluation.decision_rationale = rationale(&evaluation);
    evaluation
}

fn option_result(
    input: &Input,
    o: usize,
    rank: usize,
    total: f64,
    weight_sum: f64,
) -> OptionResult {
    let option = &input.options[o];
    let mut scores = serde_json::Map::new();
    let mut contributions = serde_json::Map::new();
    let mut overridden = serde_json::Map::new();
    let mut why = serde_json::Map::new();
    for (c, criterion) in input.criteria.iter().enumerate() {
        scores.insert(criterion.name.clone(), json_num(option.scores[c]));
        contributions.insert(
            criterion.name.clone(),
            json_num(round2(criterion.weight * option.scores[c])),
        );
        if let Some(base) = option.base_scores[c] {
            overridden.insert(criterion.name.clone(), json_num(base));
        }
        if let Some(text) = &option.rationale[c] {
            why.insert(
                criterion.name.clone(),
                serde_json::Value::from(text.clone()),
            );
        }
    }
    OptionResult {
        name: option.name.clone(),
        description: option.description.clone(),
        rank,
        scores,
        contributions,
        total_score: round2(total),
        normalised_score: round2(total / weight_sum),
        pros: option.pros.clone(),
        cons: option.cons.clone(),
        overridden_scores: overridden,
        rationale: why,
        gap: None,
        input_index: o,
    }
}

/// How option `b` trails winner `a`, and the smallest single change (of a
/// weight within 1–10, or of one of `b`'s scores within 1–10) that would put
/// it ahead of `a`.
fn gap(input: &Input, a: usize, b: usize, totals: &[f64]) -> Gap {
    let margin = totals[a] - totals[b];
    let mut weight_flip: Option<(f64, WeightFlip)> = None;
    let mut score_flip: Option<ScoreFlip> = None;
    for (k, criterion) in input.criteria.iter().enumerate() {
        let w = criterion.weight;
        let d = input.options[a].scores[k] - input.options[b].scores[k];
        if d.abs() > rank::EPSILON {
            let at = w - margin / d;
            let direction = if d > 0.0 { "below" } else { "above" };
            let relative = ((at - w) / w).abs();
            if at > 1.0 + rank::EPSILON
                && at < 10.0 - rank::EPSILON
                && weight_flip
                    .as_ref()
                    .is_none_or(|(r, _)| relative < r - rank::EPSILON)
            {
                weight_flip = Some((
                    relative,
                    WeightFlip {
                        criterion: criterion.name.clone(),
                        from: w,
                        at: round2(at),
                        direction,
                    },
                ));
            }
        }
        let from = input.options[b].scores[k];
        let at = from + margin / w;
        if at < 10.0 - rank::EPSILON
            && score_flip
                .as_ref()
                .is_none_or(|s| at - from < s.at - s.from - rank::EPSILON)
        {
            score_flip = Some(ScoreFlip {
                criterion: criterion.name.clone(),
                from,
                at,
            });
        }
    }
    let weight_sum = input.weight_sum();
    Gap {
        points: round2(margin),
        normalised: round2(margin / weight_sum),
        losses: leads(input, a, b).into_iter().take(3).collect(),
        weight_flip: weight_flip.map(|(_, flip)| flip),
        score_flip: score_flip.map(|mut s| {
            s.at = round2(s.at);
            s
        }),
    }
}

/// Criteria on which `a` gains on `b`, largest weighted gain first (ties in
/// criteria order); only positive gains.
pub fn leads(input: &Input, a: usize, b: usize) -> Vec<Lead> {
    let mut gains: Vec<(usize, f64)> = input
        .criteria
        .iter()
        .enumerate()
        .map(|(c, criterion)| {
            let d = input.options[a].scores[c] - input.options[b].scores[c];
            (c, criterion.weight * d)
        })
        .filter(|(_, gain)| *gain > 0.0)
        .collect();
    gains.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    gains
        .into_iter()
        .map(|(c, points)| Lead {
            criterion: input.criteria[c].name.clone(),
            points: round2(points),
        })
        .collect()
}

fn rationale(evaluation: &Evaluation) -> String {
    let winner = &evaluation.options[0];
    let Some(margin) = &evaluation.margin else {
        return format!(
            "{} is the only option ({} = {:.2}/10).",
            winner.name,
            num(winner.total_score),
            winner.normalised_score
        );
    };
    let runner = &evaluation.options[1];
    let leads: Vec<String> = margin
        .leads
        .iter()
        .take(2)
        .map(|l| format!("{} (+{})", l.criterion, num(l.points)))
        .collect();
    let lead_text = if leads.is_empty() {
        String::new()
    } else {
        format!(" It leads most on {}.", leads.join(" and "))
    };
    let head = if evaluation.tie.tied {
        format!(
            "No clear winner: {} leads {} by only {} points ({:.2} on the 10-point scale, {}%), within the tie tolerance of {:.2}.",
            winner.name,
            runner.name,
            num(margin.points),
            margin.normalised,
            num(margin.percent),
            evaluation.tie.tolerance
        )
    } else {
        format!(
            "{} has the highest weighted score ({} = {:.2}/10), {} points ({:.2} on the 10-point scale, {}%) ahead of {}.",
            winner.name,
            num(winner.total_score),
            winner.normalised_score,
            num(margin.points),
            margin.normalised,
            num(margin.percent),
            runner.name
        )
    };
    let tie_break = match (&evaluation.tie.rule, &evaluation.tie.favours) {
        (Some(rule), Some(favours)) if evaluation.tie.tied => {
            format!(" The tie-break ({rule}) favours {favours}.")
        }
        _ => String::new(),
    };
    format!(
        "{head}{lead_text}{tie_break} {}",
        evaluation.sensitivity.verdict_text
    )
}

/// Rounds to 2 decimals: the one place report numbers are rounded.
pub fn round2(value: f64) -> f64 {
    let rounded = (value * 100.0).round() / 100.0;
    if rounded == 0.0 { 0.0 } else { rounded }
}

/// A number as text: integers without decimals, others with at most 2.
pub fn num(value: f64) -> String {
    let text = format!("{:.2}", round2(value));
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

fn percent(part: f64, whole: f64) -> f64 {
    if whole == 0.0 {
        0.0
    } else {
        part / whole * 100.0
    }
}

/// A rounded number as JSON: integral values as integers.
pub fn json_num(value: f64) -> serde_json::Value {
    let value = round2(value);
    #[allow(clippy::cast_possible_truncation)]
    if value.fract() == 0.0 && value.abs() < 1e15 {
        serde_json::Value::from(value as i64)
    } else {
        serde_json::Number::from_f64(value)
            .map_or(serde_json::Value::Null, serde_json::Value::Number)
    }
}

#[allow(clippy::trivially_copy_pass_by_ref)]
fn ser_num<S: serde::Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    json_num(*value).serialize(serializer)
}

#[allow(clippy::ref_option, clippy::trivially_copy_pass_by_ref)]
fn ser_opt_num<S: serde::Serializer>(
    value: &Option<f64>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    value.map(json_num).serialize(serializer)
}
