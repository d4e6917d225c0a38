//! Table and markdown renderings of `cost estimate` and `cost compare`.
//! Pure functions of the engine's reports: no arithmetic beyond layout.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use comfy_table::{CellAlignment, Table};

use infraplan::engine::cost::compare::{CostComparison, ProviderCost};
use infraplan::engine::cost::{CostEstimate, PriceBasis, UnpricedItem};
use infraplan::plan::CloudProvider;
use infraplan::plan::money::Money;

/// `1234.5` cents → `$12.35`-style text with thousands separators: `1,234.50`.
pub fn money(amount: Money) -> String {
    infraplan::engine::cost::quantity::format_money(amount)
}

fn table(header: &[&str]) -> Table {
    super::output::new_table(header.iter().map(|h| (*h).to_owned()).collect())
}

fn right_align(table: &mut Table, columns: &[usize]) {
    for index in columns {
        if let Some(column) = table.column_mut(*index) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
}

/// One line naming where the prices come from, and a warning when some are
/// older than `--max-price-age`.
pub fn price_line(prices: &PriceBasis) -> String {
    let line = dates_line(prices);
    match stale_warning(prices) {
        Some(warning) => format!("{line} {warning}"),
        None => line,
    }
}

/// The warning for prices older than the limit, if any are.
pub fn stale_warning(prices: &PriceBasis) -> Option<String> {
    let (oldest, limit) = (prices.stale.first()?, prices.max_age_days?);
    let count = prices.stale.len();
    let these = if count == 1 { "price is" } else { "prices are" };
    Some(format!(
        "Warning: {count} {these} more than {limit} days old (oldest: `{}`, {}); `infraplan catalog check --max-age {limit}` lists them.",
        oldest.price_id, oldest.as_of
    ))
}

fn dates_line(prices: &PriceBasis) -> String {
    match (&prices.oldest_as_of, &prices.newest_as_of) {
        (Some(oldest), Some(newest)) => format!(
            "Prices: {} catalog list prices dated {oldest} to {newest} ({} high, {} medium, {} low confidence); run `infraplan catalog show pricing` for sources.",
            prices.prices_used,
            prices.by_confidence.high,
            prices.by_confidence.medium,
            prices.by_confidence.low
        ),
        _ => "Prices: none of the plan's components could be priced from the catalog.".to_owned(),
    }
}

/// `cost estimate --format table`.
pub fn estimate_table(report: &CostEstimate) -> String {
    let mut out = String::new();
    let currency = &report.total.currency;
    let _ = writeln!(
        out,
        "Cost estimate for {}: {} {currency}/month, {} {currency}/year (confidence: {})",
        report.plan,
        money(report.total.monthly),
        money(report.total.yearly),
        report.confidence.as_str()
    );
    let _ = writeln!(out, "{}\n", price_line(&report.prices));
    if report.environments.len() > 1 {
        let mut envs = table(&[
            "environment",
            "scale",
            "hours/month",
            "monthly",
            "% of total",
        ]);
        for env in &report.environments {
            envs.add_row(vec![
                env.name.clone(),
                format!("{}", env.scale),
                env.hours_per_month.to_string(),
                money(env.monthly_cost),
                format!("{:.1}", env.percentage_of_total),
            ]);
        }
        right_align(&mut envs, &[1, 2, 3, 4]);
        let _ = writeln!(out, "{envs}\n");
    }
    let mut breakdown = table(&[
        "environment",
        "component",
        "category",
        "provider",
        "service / tier",
        "monthly",
        "%",
    ]);
    for entry in &report.breakdown {
        breakdown.add_row(vec![
            entry.environment.clone(),
            entry.component.clone(),
            entry.category.clone(),
            format!("{} {}", entry.provider.as_str(), entry.region),
            format!("{}\n{}", entry.service, entry.tier),
            money(entry.monthly_cost),
            format!("{:.1}", entry.percentage_of_total),
        ]);
    }
    right_align(&mut breakdown, &[5, 6]);
    let _ = writeln!(out, "Breakdown\n{breakdown}\n");
    let mut usage = table(&[
        "environment",
        "component",
        "usage",
        "quantity",
        "unit",
        "unit price",
        "monthly",
    ]);
    for entry in &report.breakdown {
        for line in &entry.usage {
            usage.add_row(vec![
                entry.environment.clone(),
                entry.component.clone(),
                line.metric.clone(),
                line.quantity.to_string(),
                line.unit.clone(),
                line.unit_price.to_string(),
                money(line.monthly_cost),
            ]);
        }
    }
    right_align(&mut usage, &[3, 5, 6]);
    let _ = writeln!(out, "Usage lines\n{usage}\n");
    if !report.drivers.is_empty() {
        let _ = writeln!(out, "Cost drivers");
        for driver in &report.drivers {
            let _ = writeln!(
                out,
                "  {} ({} impact): {} {currency}/month, {:.1}%: {}",
                driver.name,
                driver.impact.as_str(),
                money(driver.current_cost),
                driver.percentage_of_total,
                driver.description
            );
        }
        out.push('\n');
    }
    if !report.optimizations.is_empty() {
        let mut table = table(&["optimization", "saves / month", "%", "effort", "risk"]);
        for item in &report.optimizations {
            table.add_row(vec![
                format!("{}\n{}", item.name, item.id),
                money(item.estimated_savings.monthly),
                format!("{:.1}", item.estimated_savings.percentage),
                item.effort.as_str().to_owned(),
                item.risk.as_str().to_owned(),
            ]);
        }
        right_align(&mut table, &[1, 2]);
        let _ = writeln!(
            out,
            "Optimizations (not cumulative; details in --format json or markdown)\n{table}\n"
        );
    }
    if !report.unpriced.is_empty() {
        let _ = writeln!(out, "Not priced (not in the total)");
        for (item, environments) in unpriced_groups(report) {
            let _ = writeln!(
                out,
                "  {} [{}] {}: {}",
                item.component,
                environments.join(", "),
                item.item,
                item.reason
            );
        }
        out.push('\n');
    }
    let mut seen = std::collections::BTreeSet::new();
    let notes: Vec<String> = report
        .breakdown
        .iter()
        .flat_map(|b| b.notes.iter().map(move |n| format!("{}: {n}", b.component)))
        .filter(|note| seen.insert(note.clone()))
        .collect();
    if !notes.is_empty() {
        let _ = writeln!(out, "Mapping notes");
        for note in notes {
            let _ = writeln!(out, "  {note}");
        }
        out.push('\n');
    }
    let _ = writeln!(out, "Assumptions");
    for assumption in &report.assumptions {
        let _ = writeln!(out, "  - {assumption}");
    }
    out
}

/// Unpriced items that differ only in their environment's numbers, once,
/// with the environments they occur in (in the first one's wording).
pub fn unpriced_groups(report: &CostEstimate) -> Vec<(&UnpricedItem, Vec<&str>)> {
    let shape = |item: &UnpricedItem| -> String {
        item.item
            .chars()
            .filter(|c| !c.is_ascii_digit() && *c != ',' && *c != '.')
            .collect()
    };
    // Keyed lookups: a large plan has thousands of unpriced items.
    let mut index: BTreeMap<(&str, &str, String), usize> = BTreeMap::new();
    let mut groups: Vec<(&UnpricedItem, Vec<&str>)> = Vec::new();
    for item in &report.unpriced {
        let key = (item.component.as_str(), item.reason.as_str(), shape(item));
        if let Some(&at) = index.get(&key) {
            let environments = &mut groups[at].1;
            if !environments.contains(&item.environment.as_str()) {
                environments.push(&item.environment);
            }
        } else {
            index.insert(key, groups.len());
            groups.push((item, vec![&item.environment]));
        }
    }
    groups.sort_by(|a, b| {
        a.0.component
            .cmp(&b.0.component)
            .then_with(|| a.0.item.cmp(&b.0.item))
    });
    groups
}

/// Escapes a markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', "<br>")
}

/// `cost estimate --format markdown`.
pub fn estimate_markdown(report: &CostEstimate) -> String {
    let mut out = String::new();
    let currency = &report.total.currency;
    let _ = writeln!(out, "# Cost estimate: {}\n", report.plan);
    let _ = writeln!(
        out,
        "**{} {currency}/month** ({} {currency}/year), confidence **{}**.\n",
        money(report.total.monthly),
        money(report.total.yearly),
        report.confidence.as_str()
    );
    let _ = writeln!(out, "{}\n", price_line(&report.prices));
    if report.environments.len() > 1 {
        let _ = writeln!(
            out,
            "| environment | scale | hours/month | monthly | % |\n| --- | ---: | ---: | ---: | ---: |"
        );
        for env in &report.environments {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {:.1} |",
                env.name,
                env.scale,
                env.hours_per_month,
                money(env.monthly_cost),
                env.percentage_of_total
            );
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## Breakdown\n");
    let _ = writeln!(
        out,
        "| environment | component | category | provider | service | tier | monthly | % |\n| --- | --- | --- | --- | --- | --- | ---: | ---: |"
    );
    for entry in &report.breakdown {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} {} | {} | {} | {} | {:.1} |",
            entry.environment,
            entry.component,
            entry.category,
            entry.provider.as_str(),
            entry.region,
            cell(&entry.service),
            cell(&entry.tier),
            money(entry.monthly_cost),
            entry.percentage_of_total
        );
    }
    let _ = writeln!(out, "\n<details><summary>Usage lines</summary>\n");
    let _ = writeln!(
        out,
        "| environment | component | usage | quantity | unit | unit price | monthly | price id |\n| --- | --- | --- | ---: | --- | ---: | ---: | --- |"
    );
    for entry in &report.breakdown {
        for line in &entry.usage {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} | `{}` ({}) |",
                entry.environment,
                entry.component,
                cell(&line.metric),
                line.quantity,
                line.unit,
                line.unit_price,
                money(line.monthly_cost),
                line.price_id,
                line.as_of
            );
        }
    }
    let _ = writeln!(out, "\n</details>\n");
    if !report.drivers.is_empty() {
        let _ = writeln!(out, "## Cost drivers\n");
        for driver in &report.drivers {
            let _ = writeln!(
                out,
                "- **{}** ({} impact): {} {currency}/month, {:.1}%. {}",
                driver.name,
                driver.impact.as_str(),
                money(driver.current_cost),
                driver.percentage_of_total,
                driver.description
            );
        }
        out.push('\n');
    }
    if !report.optimizations.is_empty() {
        let _ = writeln!(
            out,
            "## Optimizations\n\nEach saving is against the estimate above; they are not cumulative.\n"
        );
        for item in &report.optimizations {
            let _ = writeln!(
                out,
                "### {} — saves {} {currency}/month ({:.1}%)\n\n{}\n\nEffort {}, risk {}.\n",
                item.name,
                money(item.estimated_savings.monthly),
                item.estimated_savings.percentage,
                item.description,
                item.effort.as_str(),
                item.risk.as_str()
            );
            for action in &item.actions {
                let _ = writeln!(out, "- {action}");
            }
            for tradeoff in &item.tradeoffs {
                let _ = writeln!(out, "- Trade-off: {tradeoff}");
            }
            out.push('\n');
        }
    }
    if !report.unpriced.is_empty() {
        let _ = writeln!(
            out,
            "## Not priced\n\nThese are not in the total.\n\n| component | environment | item | why |\n| --- | --- | --- | --- |"
        );
        for (item, environments) in unpriced_groups(report) {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                item.component,
                environments.join(", "),
                cell(&item.item),
                cell(&item.reason)
            );
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## Assumptions\n");
    for assumption in &report.assumptions {
        let _ = writeln!(out, "- {assumption}");
    }
    out
}

fn provider_cell(cost: Option<&ProviderCost>) -> String {
    match cost {
        None => "—".to_owned(),
        Some(cost) if cost.monthly_cost.cents() == 0 && !cost.complete => "not priced".to_owned(),
        Some(cost) => format!(
            "{}{}\n{}",
            money(cost.monthly_cost),
            if cost.complete { "" } else { " (partial)" },
            cost.tier
        ),
    }
}

/// `cost compare --format table`.
pub fn compare_table(report: &CostComparison) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Cost comparison for {} ({}), {}/month",
        report.plan,
        report.environments.join(", "),
        report.currency
    );
    match &report.recommendation {
        Some(rec) => {
            let _ = writeln!(
                out,
                "Recommendation: {} — {}; saves {} a month on the {} component(s) every provider priced in full.\n",
                rec.provider.as_str(),
                rec.reason,
                money(rec.savings),
                report.comparable_components.len()
            );
        }
        None => {
            let _ = writeln!(
                out,
                "No recommendation: no component could be priced in full on every provider.\n"
            );
        }
    }
    let mut components = table(&["component", "azure", "aws", "gcp", "cheapest"]);
    for component in &report.components {
        components.add_row(vec![
            format!("{}\n{}", component.component, component.category),
            provider_cell(component.costs.get(&CloudProvider::Azure)),
            provider_cell(component.costs.get(&CloudProvider::Aws)),
            provider_cell(component.costs.get(&CloudProvider::Gcp)),
            component.recommendation.as_ref().map_or_else(
                || "—".to_owned(),
                |r| format!("{}\n{}", r.provider.as_str(), r.reason),
            ),
        ]);
    }
    let _ = writeln!(out, "{components}\n");
    let mut totals = table(&[
        "provider",
        "all priced",
        "like-for-like",
        "1-year",
        "3-year",
        "unpriced items",
    ]);
    let mut buckets = table(&[
        "provider", "compute", "storage", "network", "backup", "other",
    ]);
    for (provider, total) in &report.totals {
        let reserved = total.reserved_pricing.as_ref();
        totals.add_row(vec![
            provider.as_str().to_owned(),
            money(total.monthly_cost),
            money(total.comparable_monthly_cost),
            reserved
                .and_then(|r| r.one_year)
                .map_or_else(|| "—".to_owned(), money),
            reserved
                .and_then(|r| r.three_year)
                .map_or_else(|| "—".to_owned(), money),
            total.unpriced_items.to_string(),
        ]);
        buckets.add_row(vec![
            provider.as_str().to_owned(),
            money(total.breakdown.compute),
            money(total.breakdown.storage),
            money(total.breakdown.network),
            money(total.breakdown.backup),
            money(total.breakdown.other),
        ]);
    }
    right_align(&mut totals, &[1, 2, 3, 4, 5]);
    right_align(&mut buckets, &[1, 2, 3, 4, 5]);
    let _ = writeln!(
        out,
        "Totals (monthly; 1-year and 3-year with commitments on always-on compute)\n{totals}\n\nBy kind (all priced)\n{buckets}\n"
    );
    let _ = writeln!(out, "Prices");
    for (provider, basis) in &report.prices {
        let _ = writeln!(out, "  {}: {}", provider.as_str(), price_line(basis));
    }
    let _ = writeln!(
        out,
        "\nMapping notes and unpriced items: --format markdown or json.\n\nAssumptions"
    );
    for assumption in &report.assumptions {
        let _ = writeln!(out, "  - {assumption}");
    }
    out
}

/// `cost compare --format markdown`.
pub fn compare_markdown(report: &CostComparison) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Cost comparison: {}\n", report.plan);
    let _ = writeln!(
        out,
        "Environments: {}. Amounts in {} per month.\n",
        report.environments.join(", "),
        report.currency
    );
    if let Some(rec) = &report.recommendation {
        let _ = writeln!(
            out,
            "**Recommendation: {}** — {}; saves {} a month on the components every provider priced in full ({}).\n",
            rec.provider.as_str(),
            rec.reason,
            money(rec.savings),
            report.comparable_components.join(", ")
        );
    }
    let _ = writeln!(
        out,
        "| component | azure | aws | gcp | cheapest |\n| --- | ---: | ---: | ---: | --- |"
    );
    for component in &report.components {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            component.component,
            cell(&provider_cell(component.costs.get(&CloudProvider::Azure))),
            cell(&provider_cell(component.costs.get(&CloudProvider::Aws))),
            cell(&provider_cell(component.costs.get(&CloudProvider::Gcp))),
            component
                .recommendation
                .as_ref()
                .map_or_else(|| "—".to_owned(), |r| cell(&r.reason)),
        );
    }
    let _ = writeln!(
        out,
        "\n## Totals\n\n| provider | all priced | like-for-like | compute | storage | network | backup | other | 1-year | 3-year | unpriced items |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    );
    for (provider, total) in &report.totals {
        let reserved = total.reserved_pricing.as_ref();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            provider.as_str(),
            money(total.monthly_cost),
            money(total.comparable_monthly_cost),
            money(total.breakdown.compute),
            money(total.breakdown.storage),
            money(total.breakdown.network),
            money(total.breakdown.backup),
            money(total.breakdown.other),
            reserved
                .and_then(|r| r.one_year)
                .map_or_else(|| "—".to_owned(), money),
            reserved
                .and_then(|r| r.three_year)
                .map_or_else(|| "—".to_owned(), money),
            total.unpriced_items
        );
    }
    let _ = writeln!(
        out,
        "\n<details><summary>Mapping notes and unpriced items</summary>\n"
    );
    for component in &report.components {
        for (provider, cost) in &component.costs {
            for note in &cost.notes {
                let _ = writeln!(
                    out,
                    "- {} on {}: {note}",
                    component.component,
                    provider.as_str()
                );
            }
            for item in &cost.unpriced {
                let _ = writeln!(
                    out,
                    "- {} on {}: not priced — {item}",
                    component.component,
                    provider.as_str()
                );
            }
        }
    }
    let _ = writeln!(out, "\n</details>\n\n## Prices\n");
    for (provider, basis) in &report.prices {
        let _ = writeln!(out, "- {}: {}", provider.as_str(), price_line(basis));
    }
    let _ = writeln!(out, "\n## Assumptions\n");
    for assumption in &report.assumptions {
        let _ = writeln!(out, "- {assumption}");
    }
    out
}
