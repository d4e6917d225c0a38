//! Markdown renderings of an [`Evaluation`]: the decision-matrix table, the
//! sensitivity section and the per-option "why not" sentences. Used by
//! `select --format markdown` and inside generated ADRs, so a report and a
//! record can never disagree. Pure formatting: every number comes from the
//! evaluation.

use std::fmt::Write as _;

use super::sensitivity::WeightSweep;
use super::{Evaluation, OptionResult, num};

/// Criteria indices sorted by weight (highest first, ties in matrix order).
pub fn by_weight(evaluation: &Evaluation) -> Vec<usize> {
    let mut order: Vec<usize> = (0..evaluation.criteria.len()).collect();
    order.sort_by(|&a, &b| {
        evaluation.criteria[b]
            .weight
            .total_cmp(&evaluation.criteria[a].weight)
            .then(a.cmp(&b))
    });
    order
}

/// Score of `option` on criterion `name`.
pub fn score(option: &OptionResult, name: &str) -> f64 {
    option
        .scores
        .get(name)
        .and_then(serde_json::Value::as_f64)
        .unwrap_or(0.0)
}

fn contribution(option: &OptionResult, name: &str) -> f64 {
    option
        .contributions
        .get(name)
        .and_then(serde_json::Value::as_f64)
        .unwrap_or(0.0)
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// The matrix: criteria (by weight) × options (by rank), each cell
/// `score (weighted)`, then totals, normalised scores and ranks.
pub fn matrix_table(evaluation: &Evaluation) -> String {
    let mut out = String::from("| criterion | weight |");
    for option in &evaluation.options {
        let _ = write!(out, " {} |", cell(&option.name));
    }
    out.push_str("\n| --- | ---: |");
    for _ in &evaluation.options {
        out.push_str(" ---: |");
    }
    out.push('\n');
    for c in by_weight(evaluation) {
        let criterion = &evaluation.criteria[c];
        let flag = if criterion.base_weight.is_some() {
            "*"
        } else {
            ""
        };
        let _ = write!(
            out,
            "| {} | {}{flag} ({}%) |",
            cell(&criterion.name),
            num(criterion.weight),
            num(criterion.share_percent)
        );
        for option in &evaluation.options {
            let flag = if option.overridden_scores.contains_key(&criterion.name) {
                "*"
            } else {
                ""
            };
            let _ = write!(
                out,
                " {}{flag} ({}) |",
                num(score(option, &criterion.name)),
                num(contribution(option, &criterion.name))
            );
        }
        out.push('\n');
    }
    let _ = write!(out, "| **total** | {} |", num(evaluation.weight_sum));
    for option in &evaluation.options {
        let _ = write!(out, " **{}** |", num(option.total_score));
    }
    out.push_str("\n| **out of 10** | |");
    for option in &evaluation.options {
        let _ = write!(out, " {:.2} |", option.normalised_score);
    }
    out.push_str("\n| **rank** | |");
    for option in &evaluation.options {
        let _ = write!(out, " {} |", option.rank);
    }
    let _ = write!(
        out,
        "\n\nWeighted sum: each cell is the score (1–10) and, in brackets, weight × score; \
         \"out of 10\" is the total divided by the sum of the weights ({}). \
         Ties within {:.2} on the 10-point scale are reported as ties. Inputs {}.\n",
        num(evaluation.weight_sum),
        evaluation.tie.tolerance,
        evaluation.inputs_hash
    );
    out.push_str(&overrides(evaluation));
    out
}

/// Lines naming every weight and score changed from the matrix.
pub fn overrides(evaluation: &Evaluation) -> String {
    let mut out = String::new();
    let weights: Vec<String> = evaluation
        .criteria
        .iter()
        .filter_map(|c| {
            c.base_weight.map(|base| {
                format!(
                    "{} {} → {} ({})",
                    c.name,
                    num(base),
                    num(c.weight),
                    c.override_source.as_deref().unwrap_or("override")
                )
            })
        })
        .collect();
    if !weights.is_empty() {
        let _ = writeln!(
            out,
            "\n\\* Weights changed from the matrix: {}.",
            weights.join("; ")
        );
    }
    let mut scores = Vec::new();
    for option in &evaluation.options {
        for (criterion, base) in &option.overridden_scores {
            scores.push(format!(
                "{} on {criterion} {} → {}",
                option.name,
                num(base.as_f64().unwrap_or_default()),
                num(score(option, criterion))
            ));
        }
    }
    if !scores.is_empty() {
        let _ = writeln!(
            out,
            "\n\\* Scores changed from the matrix (--score): {}.",
            scores.join("; ")
        );
    }
    out
}

/// Who wins where on one criterion's weight scale, besides the winner's own stretch.
pub fn elsewhere(sweep: &WeightSweep, winner: &str) -> String {
    let others: Vec<String> = sweep
        .segments
        .iter()
        .filter(|s| s.winner != winner)
        .map(|s| format!("{} for {}–{}", s.winner, num(s.from), num(s.to)))
        .collect();
    if !others.is_empty() {
        return others.join(", ");
    }
    // A break-even at or below 0 needs a negative weight: no weight at all.
    let outside: Vec<String> = [(&sweep.below, "below"), (&sweep.above, "above")]
        .into_iter()
        .filter_map(|(flip, dir)| {
            flip.as_ref()
                .filter(|f| f.at > 0.0)
                .map(|f| format!("{} only {dir} {}", f.to, num(f.at)))
        })
        .collect();
    if outside.is_empty() {
        "— (no weight changes the winner)".to_owned()
    } else {
        format!("— (outside 1–10: {})", outside.join(", "))
    }
}

/// The sensitivity section: verdict, weight intervals, critical criterion,
/// score break-evens and win probability.
pub fn sensitivity_section(evaluation: &Evaluation) -> String {
    let s = &evaluation.sensitivity;
    let winner = &evaluation.recommendation;
    let mut out = format!(
        "**Verdict: {}.** {}\n\n",
        s.verdict.as_str(),
        s.verdict_text
    );
    let _ = writeln!(
        out,
        "One weight at a time (the others fixed), over the whole 1–10 scale:\n\n\
         | criterion | weight | {} stays first for | otherwise |\n| --- | ---: | --- | --- |",
        cell(winner)
    );
    for c in by_weight(evaluation) {
        let sweep = &s.weights[c];
        let _ = writeln!(
            out,
            "| {} | {} | {}–{} | {} |",
            cell(&sweep.criterion),
            num(sweep.weight),
            num(sweep.keeps_winner_from),
            num(sweep.keeps_winner_to),
            cell(&elsewhere(sweep, winner))
        );
    }
    out.push('\n');
    match &s.critical_criterion {
        Some(c) => {
            let _ = writeln!(
                out,
                "**Critical criterion:** {} — {} wins if its weight {} {} (from {}, {}%).\n",
                c.criterion,
                c.flip.to,
                if c.direction == "below" { "drops below" } else { "rises above" },
                num(c.flip.at),
                num(c.weight),
                signed(c.flip.change_percent)
            );
        }
        None => out.push_str(
            "**Critical criterion:** none — no single weight change within 1–10 changes the winner.\n\n",
        ),
    }
    if s.score_break_evens.is_empty() {
        out.push_str("No single score change within 1–10 changes the winner.\n\n");
    } else {
        out.push_str(
            "The smallest single-score change that changes the winner, per criterion:\n\n\
             | criterion | score | now | break-even | then wins |\n| --- | --- | ---: | ---: | --- |\n",
        );
        for b in &s.score_break_evens {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} {} ({}) | {} |",
                cell(&b.criterion),
                cell(&b.option),
                num(b.from),
                b.direction,
                num(b.to),
                signed(b.change),
                cell(&b.winner_after)
            );
        }
        out.push('\n');
    }
    let shares: Vec<String> = s
        .win_probability
        .iter()
        .map(|w| format!("{} {}%", w.option, num(w.probability * 100.0)))
        .collect();
    let _ = writeln!(
        out,
        "With every weight varied at random by ±{} ({} samples, seed {}), the winner is: {}.",
        num(s.sampling.noise),
        s.sampling.samples,
        s.sampling.seed,
        shares.join(", ")
    );
    out
}

/// `+7.14` or `−7.14` (a true minus sign, as in the loss phrases).
pub fn signed(value: f64) -> String {
    let text = num(value);
    if value > 0.0 {
        format!("+{text}")
    } else {
        text.replacen('-', "−", 1)
    }
}

/// "2 points (0.05/10) below GraphQL; it loses most on …; it would
/// overtake GraphQL if …" for a non-winning option.
pub fn why_not(evaluation: &Evaluation, option: &OptionResult) -> String {
    let winner = &evaluation.recommendation;
    let Some(gap) = &option.gap else {
        return format!(
            "it is the matrix's recommendation ({} points)",
            num(option.total_score)
        );
    };
    let mut text = if gap.points == 0.0 {
        format!(
            "it ties with {winner} at {} points and loses the tie-break",
            num(option.total_score)
        )
    } else {
        format!(
            "{} points ({:.2} on the 10-point scale) below {winner}",
            num(gap.points),
            gap.normalised
        )
    };
    if evaluation.tie.with.contains(&option.name) {
        text.push_str(", within the tie tolerance");
    }
    let level: Vec<&str> = evaluation
        .options
        .iter()
        .filter(|o| o.rank == option.rank && o.name != option.name)
        .map(|o| o.name.as_str())
        .collect();
    if !level.is_empty() && gap.points > 0.0 {
        let _ = write!(
            text,
            " (level on points with {} for rank {})",
            level.join(" and "),
            option.rank
        );
    }
    let losses: Vec<String> = gap
        .losses
        .iter()
        .take(2)
        .map(|l| format!("{} (−{})", l.criterion, num(l.points)))
        .collect();
    if !losses.is_empty() {
        let _ = write!(text, "; it loses most on {}", losses.join(" and "));
    }
    let mut ifs = Vec::new();
    if let Some(w) = &gap.weight_flip {
        ifs.push(format!(
            "the weight of {} {} {} (from {})",
            w.criterion,
            if w.direction == "below" {
                "dropped below"
            } else {
                "rose above"
            },
            num(w.at),
            num(w.from)
        ));
    }
    if let Some(sf) = &gap.score_flip {
        ifs.push(format!(
            "its {} score were above {} (from {})",
            sf.criterion,
            num(sf.at),
            num(sf.from)
        ));
    }
    if ifs.is_empty() {
        let _ = write!(
            text,
            "; no single weight or score change within 1–10 puts it ahead"
        );
    } else {
        let _ = write!(
            text,
            "; it would overtake {winner} if {}",
            ifs.join(", or if ")
        );
    }
    text
}
