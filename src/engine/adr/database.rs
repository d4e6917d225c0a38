//! The record `recommend-db --adr` writes: the ranking as evidence for a
//! proposed decision, with drivers, the matrix between regeneration markers,
//! the winner's real downsides, and a measured "why not" per runner-up.

use std::fmt::Write as _;

use super::lifecycle::{AdrError, Draft};
use super::record::Record;
use super::upsert::GeneratedRecord;
use super::{Alternative, Consequences, FrontMatter, blocks};
use crate::catalog::Catalog;
use crate::engine::selection::{Contribution, DatabaseRecommendation};
use crate::plan::CloudProvider;

/// A ranking written as a record: the [`GeneratedRecord`] that
/// `recommend-db --adr` upserts. `ranked` has the option decided on first.
pub struct DatabaseRecord<'a> {
    /// Component id.
    pub component: &'a str,
    /// Component display name.
    pub component_name: &'a str,
    /// Plan file, as the user named it.
    pub plan_path: &'a str,
    /// Provider whose managed services were considered.
    pub provider: CloudProvider,
    /// Ranked options, the chosen one first, with contributions; at least one.
    pub ranked: &'a [DatabaseRecommendation],
    /// Catalog the ranking came from (display names, strengths, weaknesses).
    pub catalog: &'a Catalog,
}

impl GeneratedRecord for DatabaseRecord<'_> {
    fn is_for(&self, record: &Record) -> bool {
        let wanted = plan_reference(self.plan_path, self.component);
        record
            .tree
            .as_ref()
            .and_then(|tree| tree.get("infraplan"))
            .and_then(|block| block.value.get("plan"))
            .and_then(|plan| plan.value.value.scalar_text())
            .is_some_and(|plan| plan == wanted)
    }

    fn draft(&self, number: u32, date: &str) -> Draft {
        let decision = DatabaseDecision {
            number,
            date: date.to_owned(),
            component: self.component,
            component_name: self.component_name,
            plan_path: self.plan_path,
            provider: self.provider,
            ranked: self.ranked,
        };
        let (front, body) = render(&decision, self.catalog);
        Draft { front, body }
    }

    /// Only the decision matrix is regenerated: the rest of a database
    /// record is prose the team may have edited.
    fn refresh(&self, record: &Record, _date: &str) -> Result<String, AdrError> {
        let block = matrix(self.ranked, self.catalog);
        blocks::replace(&record.text, "matrix", &block)
            .map_err(|source| AdrError::Blocks {
                file: record.file_name.clone(),
                source,
            })?
            .ok_or_else(|| AdrError::Blocks {
                file: record.file_name.clone(),
                source: blocks::BlockError {
                    name: "matrix".to_owned(),
                    problem: "the record has no such block".to_owned(),
                },
            })
    }

    fn winner(&self) -> &str {
        &self.ranked[0].technology
    }
}

/// What the record is about.
struct DatabaseDecision<'a> {
    /// Record number.
    pub number: u32,
    /// ISO date of the record.
    pub date: String,
    /// Component id.
    pub component: &'a str,
    /// Component display name.
    pub component_name: &'a str,
    /// Plan file, as the user named it.
    pub plan_path: &'a str,
    /// Provider whose managed services were considered.
    pub provider: CloudProvider,
    /// Ranked options, best first, with contributions; at least one.
    pub ranked: &'a [DatabaseRecommendation],
}

/// Renders front matter and body.
fn render(decision: &DatabaseDecision<'_>, catalog: &Catalog) -> (FrontMatter, String) {
    let winner = &decision.ranked[0];
    let winner_name = display(catalog, &winner.technology);
    let title = format!("Use {winner_name} for {}", decision.component_name);
    let alternatives: Vec<Alternative> = decision.ranked[1..]
        .iter()
        .map(|option| Alternative {
            name: display(catalog, &option.technology),
            description: catalog
                .database(&option.technology)
                .map(|t| t.description.clone())
                .unwrap_or_default(),
            pros: pros(catalog, option),
            cons: cons(catalog, option),
            why_not_chosen: why_not(winner, option, catalog),
        })
        .collect();
    let consequences = Consequences {
        positive: pros(catalog, winner),
        negative: cons(catalog, winner),
        neutral: winner
            .contributions
            .iter()
            .filter(|c| c.fit > 0.4 && c.fit < 0.75)
            .map(|c| c.note.clone())
            .collect(),
    };
    let runner_up = decision.ranked.get(1);
    let infraplan = serde_json::json!({
        "category": "database",
        "plan": plan_reference(decision.plan_path, decision.component),
        "method": "weighted-mean of per-criterion fits (recommend-db)",
        "provider": decision.provider.as_str(),
        "result": {
            "winner": winner.technology,
            "score": winner.score,
            "runnerUp": runner_up.map(|r| r.technology.clone()),
            "margin": runner_up.map(|r| round3(winner.score - r.score)),
        },
    });
    let front = FrontMatter {
        number: decision.number,
        title: title.clone(),
        status: "proposed".to_owned(),
        date: decision.date.clone(),
        decision_makers: Vec::new(),
        consulted: Vec::new(),
        informed: Vec::new(),
        tags: vec!["database".to_owned()],
        supersedes: Vec::new(),
        superseded_by: Vec::new(),
        links: Vec::new(),
        consequences: consequences.clone(),
        alternatives: alternatives.clone(),
        infraplan: Some(infraplan),
    };
    let body = body(decision, catalog, &title, &consequences, &alternatives);
    (front, body)
}

fn body(
    decision: &DatabaseDecision<'_>,
    catalog: &Catalog,
    title: &str,
    consequences: &Consequences,
    alternatives: &[Alternative],
) -> String {
    let winner = &decision.ranked[0];
    let mut out = format!("# {title}\n\n## Context and Problem Statement\n\n");
    let _ = writeln!(
        out,
        "Which database should `{}` ({}) use on {}? The plan `{}` states the requirements \
         as selection criteria. `infraplan recommend-db` scored every technology in the catalog \
         against them; this record was generated from that ranking and is `proposed` until \
         the decision makers review it.\n",
        decision.component,
        decision.component_name,
        decision.provider.as_str(),
        decision.plan_path
    );
    out.push_str("## Decision Drivers\n\n");
    let total: f64 = winner.contributions.iter().map(|c| c.weight).sum();
    let mut drivers: Vec<&Contribution> = winner.contributions.iter().collect();
    drivers.sort_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then_with(|| a.criterion.cmp(b.criterion))
    });
    for driver in drivers {
        let share = 100.0 * driver.weight / total;
        let _ = writeln!(
            out,
            "- `{}` (weight {}, {share:.0}%)",
            driver.criterion, driver.weight
        );
    }
    out.push_str("\n## Considered Options\n\n");
    for option in decision.ranked {
        let _ = writeln!(
            out,
            "- {} (score {:.3})",
            display(catalog, &option.technology),
            option.score
        );
    }
    let _ = write!(
        out,
        "\n## Decision Outcome\n\n{}\n\n",
        outcome(decision, catalog)
    );
    out.push_str("### Consequences\n\n");
    list(&mut out, "Good", &consequences.positive);
    list(&mut out, "Bad", &consequences.negative);
    list(&mut out, "Neutral", &consequences.neutral);
    out.push_str(
        "\n### Confirmation\n\nBefore accepting: load-test the chosen service at the plan's peak read \
         and write rates, and check its monthly cost against the budget. Re-evaluate if the \
         criteria change enough to reorder the matrix below (`infraplan recommend-db --explain`).\n\n",
    );
    out.push_str("## Decision Matrix\n\n<!-- infraplan:begin matrix -->\n");
    out.push_str(&matrix(decision.ranked, catalog));
    out.push_str("<!-- infraplan:end matrix -->\n\n## Pros and Cons of the Options\n\n");
    let _ = writeln!(out, "### {}\n", display(catalog, &winner.technology));
    list(&mut out, "Good", &consequences.positive);
    list(&mut out, "Bad", &consequences.negative);
    for alternative in alternatives {
        let _ = writeln!(out, "\n### {}\n", alternative.name);
        list(&mut out, "Good", &alternative.pros);
        list(&mut out, "Bad", &alternative.cons);
        let _ = writeln!(out, "* Why not chosen: {}", alternative.why_not_chosen);
    }
    let _ = write!(
        out,
        "\n## More Information\n\nRegenerate the evidence with \
         `infraplan recommend-db --plan {} --component {} --provider {} --explain`. \
         Technology facts come from the infraplan catalog (`infraplan catalog show <id>` lists each entry's sources).\n",
        decision.plan_path,
        decision.component,
        decision.provider.as_str()
    );
    out
}

fn outcome(decision: &DatabaseDecision<'_>, catalog: &Catalog) -> String {
    let winner = &decision.ranked[0];
    let name = display(catalog, &winner.technology);
    if let Some(better) = decision.ranked[1..].iter().find(|r| r.score > winner.score) {
        return format!(
            "Chosen option: \"{name}\" ({:.3}), against the matrix: {} scores higher ({:.3}). \
             The decision makers must record here why the matrix does not capture their reasons.",
            winner.score,
            display(catalog, &better.technology),
            better.score
        );
    }
    let Some(runner_up) = decision.ranked.get(1) else {
        return format!(
            "Chosen option: \"{name}\", the only technology that reached the minimum score ({:.3}).",
            winner.score
        );
    };
    let margin = winner.score - runner_up.score;
    let leads: Vec<String> = gaps(winner, runner_up)
        .into_iter()
        .filter(|(_, gap)| *gap > 0.0)
        .take(2)
        .map(|(criterion, gap)| format!("`{criterion}` (+{gap:.3})"))
        .collect();
    let lead_text = if leads.is_empty() {
        "The two tie on every criterion; the order follows the technology id.".to_owned()
    } else {
        format!("It leads most on {}.", leads.join(" and "))
    };
    format!(
        "Chosen option: \"{name}\", because the matrix gives it the highest score ({:.3} against {} {:.3}, margin {margin:.3}). {lead_text}",
        winner.score,
        display(catalog, &runner_up.technology),
        runner_up.score
    )
}

/// Points by which `winner` beats `other` on each criterion, largest first.
fn gaps(
    winner: &DatabaseRecommendation,
    other: &DatabaseRecommendation,
) -> Vec<(&'static str, f64)> {
    let mut gaps: Vec<(&'static str, f64)> = winner
        .contributions
        .iter()
        .map(|w| {
            let theirs = other
                .contributions
                .iter()
                .find(|o| o.criterion == w.criterion)
                .map_or(0.0, |o| o.points);
            (w.criterion, round3(w.points - theirs))
        })
        .collect();
    gaps.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    gaps
}

fn why_not(
    winner: &DatabaseRecommendation,
    option: &DatabaseRecommendation,
    catalog: &Catalog,
) -> String {
    let losses: Vec<String> = gaps(winner, option)
        .into_iter()
        .filter(|(_, gap)| *gap > 0.0)
        .take(2)
        .map(|(criterion, gap)| {
            let note = option
                .contributions
                .iter()
                .find(|c| c.criterion == criterion)
                .map_or(String::new(), |c| format!(": {}", c.note));
            format!("`{criterion}` −{gap:.3}{note}")
        })
        .collect();
    let winner_name = display(catalog, &winner.technology);
    if option.score > winner.score {
        return format!(
            "scores {:.3}, higher than {winner_name} ({:.3}); the decision makers chose against the matrix (record why in More Information)",
            option.score, winner.score
        );
    }
    if losses.is_empty() {
        // The ranking says how the tie was broken (price, managed
        // service, adoption); the record repeats it.
        let how = option
            .tie_break
            .as_deref()
            .and_then(|t| t.split_once("because "))
            .map_or_else(
                || "the scores are equal".to_owned(),
                |(_, why)| why.to_owned(),
            );
        return format!(
            "ties with {winner_name} at {:.3} on every criterion; placed below it because {how}",
            option.score
        );
    }
    let mut text = format!(
        "scores {:.3}, {:.3} below {winner_name}",
        option.score,
        winner.score - option.score,
    );
    {
        let _ = write!(text, "; it loses most on {}", losses.join(" and "));
    }
    text
}

/// The `infraplan.plan` value that ties a record to a plan component.
pub fn plan_reference(plan_path: &str, component: &str) -> String {
    format!("{plan_path}#/components/{component}")
}

fn matrix(ranked: &[DatabaseRecommendation], catalog: &Catalog) -> String {
    let mut out = String::from("| criterion | weight |");
    for option in ranked {
        let _ = write!(out, " {} |", display(catalog, &option.technology));
    }
    out.push_str("\n| --- | --- |");
    for _ in ranked {
        out.push_str(" --- |");
    }
    out.push('\n');
    for contribution in &ranked[0].contributions {
        let _ = write!(
            out,
            "| `{}` | {} |",
            contribution.criterion, contribution.weight
        );
        for option in ranked {
            let fit = option
                .contributions
                .iter()
                .find(|c| c.criterion == contribution.criterion)
                .map_or(0.0, |c| c.fit);
            let _ = write!(out, " {fit:.2} |");
        }
        out.push('\n');
    }
    out.push_str("| **score** | |");
    for option in ranked {
        let _ = write!(out, " **{:.3}** |", option.score);
    }
    out.push_str("\n\nCells are fits from 0 to 1; the score is their weighted mean.\n");
    out
}

/// Most reasons a record lists per option; the matrix has the rest.
const LISTED_REASONS: usize = 5;

fn pros(catalog: &Catalog, option: &DatabaseRecommendation) -> Vec<String> {
    let mut items: Vec<String> = option
        .reasons
        .iter()
        .take(LISTED_REASONS)
        .cloned()
        .collect();
    if let Some(tech) = catalog.database(&option.technology) {
        items.extend(tech.strengths.iter().cloned());
    }
    items
}

fn cons(catalog: &Catalog, option: &DatabaseRecommendation) -> Vec<String> {
    let mut items = option.concerns.clone();
    if let Some(tech) = catalog.database(&option.technology) {
        items.extend(tech.weaknesses.iter().cloned());
    }
    items
}

fn list(out: &mut String, label: &str, items: &[String]) {
    for item in items {
        let _ = writeln!(out, "* {label}, because {}", lower_first(item));
    }
}

/// "Widely adopted" reads "widely adopted" after "because"; names such as
/// "PostGIS" or "ACID" keep their capitals.
fn lower_first(text: &str) -> String {
    let first_word = text.split_whitespace().next().unwrap_or("");
    let mut chars = first_word.chars();
    let capitalised_word =
        chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase);
    let mut rest = text.chars();
    match rest.next() {
        Some(first) if capitalised_word => first.to_lowercase().chain(rest).collect(),
        _ => text.to_owned(),
    }
}

fn display(catalog: &Catalog, id: &str) -> String {
    catalog
        .database(id)
        .map_or_else(|| id.to_owned(), |t| t.name.clone())
}

fn round3(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}
