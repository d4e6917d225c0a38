//! Table and markdown renderings of `infraplan recommend-db`: the ranking,
//! `--explain`, the suggested size, and the budget check against the top
//! recommendation's catalog price.

use std::fmt::Write as _;

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};

use infraplan::engine::selection::DatabaseRecommendation;
use infraplan::plan::CloudProvider;

use super::recommend::Request;

/// The top recommendation's catalog price against the plan's budget: what
/// a reader needs to know before trusting the ranking on cost.
fn budget_note(request: &Request, ranked: &[DatabaseRecommendation]) -> Option<String> {
    let budget = request.criteria.budget.as_ref()?.monthly_budget;
    let top = ranked.first()?;
    let currency = &request.currency;
    Some(match (&top.estimated_cost, &top.cost_note) {
        // Amounts in two currencies are never compared as if equal.
        (Some(price), _) if price.total.currency != *currency => format!(
            "the budget of {} {currency}/month was not checked: {} costs {} {}/month at catalog list prices, \
             and infraplan does not convert between currencies",
            super::cost_report::money(budget),
            top.technology,
            super::cost_report::money(price.total.monthly),
            price.total.currency
        ),
        (Some(price), _) => {
            let monthly = price.total.monthly;
            let verdict = if monthly <= budget { "within" } else { "over" };
            format!(
                "{} as sized costs {} {}/month at catalog list prices ({} {}), {verdict} the budget of {} {currency}/month",
                top.technology,
                super::cost_report::money(monthly),
                price.total.currency,
                price.region,
                price.tier,
                super::cost_report::money(budget)
            )
        }
        (None, Some(why)) => format!(
            "the budget of {} {currency}/month was not checked: {} is {why}",
            super::cost_report::money(budget),
            top.technology
        ),
        (None, None) => format!(
            "the budget of {} {currency}/month was not checked: {} has no suggested size to price",
            super::cost_report::money(budget),
            top.technology
        ),
    })
}

/// `1,234.50`, `1,234.50 (as db.m6g.2xlarge)` when the catalog priced
/// another size than the one suggested, or `—`.
fn estimated(recommendation: &DatabaseRecommendation) -> String {
    recommendation.estimated_cost.as_ref().map_or_else(
        || "—".to_owned(),
        |price| {
            let amount = super::cost_report::money(price.total.monthly);
            let suggested = recommendation
                .sizing
                .as_ref()
                .and_then(|s| s.tier.as_deref());
            match suggested {
                Some(tier) if tier != price.tier => format!("{amount} (as {})", price.tier),
                _ => amount,
            }
        },
    )
}

fn managed(recommendation: &DatabaseRecommendation, provider: CloudProvider) -> String {
    recommendation
        .managed_options
        .get(provider)
        .cloned()
        .unwrap_or_else(|| "— (self-managed)".to_owned())
}

fn first(items: &[String], n: usize) -> String {
    items.iter().take(n).cloned().collect::<Vec<_>>().join("; ")
}

/// The ranking as terminal tables.
pub(super) fn table(request: &Request, ranked: &[DatabaseRecommendation], explain: bool) -> String {
    let mut out = format!(
        "Database recommendations for {} on {}\n",
        request.subject,
        request.provider.as_str()
    );
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(120)
        .set_header([
            "#",
            "technology",
            "type",
            "score",
            "managed service",
            "est. monthly",
            "reasons",
            "concerns",
        ]);
    for (rank, r) in ranked.iter().enumerate() {
        table.add_row([
            (rank + 1).to_string(),
            r.technology.clone(),
            r.kind.as_str().to_owned(),
            format!("{:.3}", r.score),
            managed(r, request.provider),
            estimated(r),
            first(&r.reasons, 3),
            first(&r.concerns, 3),
        ]);
    }
    let _ = writeln!(out, "{table}");
    if ranked.is_empty() {
        out.push_str("No technology reaches the minimum score; lower --min-score to see more.\n");
    }
    if explain {
        for r in ranked {
            out.push_str(&explain_table(r));
        }
    }
    if let Some(sizing) = sizing_paragraph(request, ranked) {
        out.push_str(&sizing);
    }
    notes(request, ranked, &mut out);
    out
}

/// A contribution's reason, with the page behind a graded fit.
fn why(c: &infraplan::engine::selection::Contribution) -> String {
    match &c.source {
        Some(source) => format!("{} (graded: {source})", c.note),
        None => c.note.clone(),
    }
}

/// One recommendation's per-criterion breakdown (`--explain`).
pub(super) fn explain_table(r: &DatabaseRecommendation) -> String {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(["criterion", "weight", "fit", "points", "why"]);
    for c in &r.contributions {
        table.add_row([
            c.criterion.to_owned(),
            format!("{}", c.weight),
            format!("{:.2}", c.fit),
            format!("{:.3}", c.points),
            why(c),
        ]);
    }
    format!("\n{} — score {:.3}\n{table}\n", r.technology, r.score)
}

/// The top technology's suggested size, in one paragraph.
pub(super) fn sizing_paragraph(
    request: &Request,
    ranked: &[DatabaseRecommendation],
) -> Option<String> {
    let top = ranked.first()?;
    let sizing = top.sizing.as_ref()?;
    let tier = sizing.tier.as_deref().map_or_else(
        || format!("no {} SKU table for it", request.provider.as_str()),
        |t| format!("`{t}`"),
    );
    let iops = sizing
        .storage
        .iops
        .map(|i| format!(", {i} IOPS"))
        .unwrap_or_default();
    let scale_out = sizing
        .scale_out
        .as_deref()
        .map(|path| format!("  Scale out: {path}.\n"))
        .unwrap_or_default();
    let priced_as = top
        .estimated_cost
        .as_ref()
        .filter(|price| sizing.tier.as_deref() != Some(price.tier.as_str()))
        .map(|price| {
            format!(
                "  Priced as: {} in {} (the catalog has no price for the suggested size there).\n",
                price.tier, price.region
            )
        })
        .unwrap_or_default();
    Some(format!(
        "Suggested size for {} on {}: {tier} ({} vCores, {}); {} storage {} GB{iops}, auto-grow to {} GB; {} read replica(s); {}.\n  Based on: {}\n  Next size: {}.\n{scale_out}{priced_as}",
        top.technology,
        request.provider.as_str(),
        sizing.vcores,
        sizing.memory,
        sizing.storage.kind.as_str(),
        sizing.storage.size_gb,
        sizing.storage.max_size_gb,
        sizing.read_replicas,
        if sizing.high_availability {
            "zone-redundant standby"
        } else {
            "no standby"
        },
        sizing.recommendation.based_on,
        sizing.recommendation.next_tier_trigger,
    ))
}

/// Candidates over the budget, and candidates without a price with why:
/// cost is part of the decision, so a reader sees both at a glance.
fn cost_notes(request: &Request, ranked: &[DatabaseRecommendation], out: &mut String) {
    let budget = request.criteria.budget.as_ref().map(|b| b.monthly_budget);
    let over: Vec<String> = ranked
        .iter()
        .filter_map(|r| {
            let price = r.estimated_cost.as_ref()?;
            let budget = budget?;
            (price.total.currency == request.currency && price.total.monthly > budget).then(|| {
                format!(
                    "{} ({} {})",
                    r.technology,
                    super::cost_report::money(price.total.monthly),
                    price.total.currency
                )
            })
        })
        .collect();
    if let Some(budget) = budget.filter(|_| !over.is_empty()) {
        let _ = writeln!(
            out,
            "Over the budget of {} {}/month: {}.",
            super::cost_report::money(budget),
            request.currency,
            over.join(", ")
        );
    }
    // The top candidate's reason is in the budget note.
    let unpriced: Vec<String> = ranked
        .iter()
        .skip(1)
        .filter_map(|r| {
            let note = r.cost_note.as_deref()?;
            Some(format!(
                "{} ({})",
                r.technology,
                note.strip_prefix("not priced: ").unwrap_or(note)
            ))
        })
        .collect();
    if !unpriced.is_empty() {
        let _ = writeln!(out, "Not priced: {}.", unpriced.join("; "));
    }
}

fn notes(request: &Request, ranked: &[DatabaseRecommendation], out: &mut String) {
    cost_notes(request, ranked, out);
    for r in ranked {
        if let Some(tie) = &r.tie_break {
            let _ = writeln!(out, "Note: {} {tie}.", r.technology);
        }
    }
    if !request.excluded.is_empty() {
        let _ = writeln!(
            out,
            "Not candidates on {}: {}.",
            request.provider.as_str(),
            request.excluded.join("; ")
        );
    }
    if let Some(note) = budget_note(request, ranked) {
        let _ = writeln!(out, "Note: {note}.");
    }
    let _ = writeln!(
        out,
        "Scores are weighted means of per-criterion fits (0–1); `--explain` shows each criterion. Amounts in {}.",
        request.currency
    );
}

/// The ranking as markdown.
pub(super) fn markdown(
    request: &Request,
    ranked: &[DatabaseRecommendation],
    explain: bool,
) -> String {
    let mut out = format!(
        "## Database recommendations for {} on {}\n\n| # | technology | type | score | managed service | est. monthly | reasons | concerns |\n| --- | --- | --- | --- | --- | ---: | --- | --- |\n",
        request.subject,
        request.provider.as_str()
    );
    for (rank, r) in ranked.iter().enumerate() {
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {:.3} | {} | {} | {} | {} |",
            rank + 1,
            r.technology,
            r.kind.as_str(),
            r.score,
            managed(r, request.provider),
            estimated(r),
            first(&r.reasons, 3),
            first(&r.concerns, 3)
        );
    }
    if explain {
        for r in ranked {
            let _ = write!(
                out,
                "\n### `{}` — score {:.3}\n\n| criterion | weight | fit | points | why |\n| --- | --- | --- | --- | --- |\n",
                r.technology, r.score
            );
            for c in &r.contributions {
                let _ = writeln!(
                    out,
                    "| {} | {} | {:.2} | {:.3} | {} |",
                    c.criterion,
                    c.weight,
                    c.fit,
                    c.points,
                    why(c)
                );
            }
        }
    }
    out.push('\n');
    if let Some(sizing) = sizing_paragraph(request, ranked) {
        out.push_str(&sizing);
        out.push('\n');
    }
    notes(request, ranked, &mut out);
    out
}
