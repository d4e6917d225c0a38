//! `cost estimate --format html`: one self-contained HTML5 page with the
//! dashboard charts as inline SVG. Nothing is fetched (a CSP forbids it), so
//! the page works when opened from disk or attached to a ticket. Money shown
//! comes from the report or from integer-cent sums of it; floats only place
//! shapes.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use infraplan::engine::cost::quantity::percentage;
use infraplan::engine::cost::{CostBreakdown, CostEstimate};
use infraplan::plan::money::Money;

use super::cost_report::{money, price_line};

/// Okabe–Ito colour-blind-safe palette without its yellow, which vanishes on
/// white; cycled when there are more categories than colours.
const PALETTE: [&str; 7] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#444444",
];

const STYLE: &str = "body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#222;background:#fff}
h1{margin-bottom:.2rem}dl.totals{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
.charts{display:flex;flex-wrap:wrap;gap:2rem}figure{margin:0}figcaption{font-weight:600;margin-bottom:.4rem}
ul.legend{list-style:none;padding:0}.swatch{display:inline-block;width:.9em;height:.9em;margin-right:.4em;vertical-align:-.1em;border:1px solid #333}
table{border-collapse:collapse;margin:.5rem 0}th,td{border-bottom:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}th button{font:inherit;font-weight:600;border:0;background:none;padding:0;cursor:pointer}
th[aria-sort=ascending] button::after{content:\" \\25B2\"}th[aria-sort=descending] button::after{content:\" \\25BC\"}
details table{font-size:90%}summary{cursor:pointer}.unpriced summary{font-weight:600;color:#8a3b00}.muted{color:#555}
";

/// Makes the breakdown sortable. Without it the table reads the same, in the
/// report's order (most expensive first), so the buttons are added here.
const SCRIPT: &str = "for (const table of document.querySelectorAll('table.sortable')) {
  const heads = Array.from(table.tHead.rows[0].cells);
  const key = (cell) => cell.dataset.num !== undefined ? Number(cell.dataset.num) : (cell.dataset.key ?? cell.textContent).trim();
  heads.forEach((th, column) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = th.textContent;
    th.replaceChildren(button);
    button.addEventListener('click', () => {
      const ascending = th.getAttribute('aria-sort') !== 'ascending';
      heads.forEach((h) => h.removeAttribute('aria-sort'));
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const body = table.tBodies[0];
      const rows = Array.from(body.rows).sort((a, b) => {
        const x = key(a.cells[column]), y = key(b.cells[column]);
        const order = typeof x === 'number' ? x - y : x.localeCompare(y);
        return ascending ? order : -order;
      });
      body.append(...rows);
    });
  });
}
";

/// The estimate as a self-contained HTML page (`cost estimate --format html`).
/// Byte-identical for the same report: no clock, no hash-ordered maps.
pub fn estimate_page(report: &CostEstimate) -> String {
    let mut out = String::new();
    let plan = escape(&report.plan);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Cost estimate: {plan}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n"
    );
    header(&mut out, report);
    charts(&mut out, report);
    breakdown(&mut out, report);
    optimizations(&mut out, report);
    let _ = write!(out, "<script>\n{SCRIPT}</script>\n</body>\n</html>\n");
    out
}

fn header(out: &mut String, report: &CostEstimate) {
    let currency = escape(&report.total.currency);
    let confidence = report.confidence.as_str();
    let _ = writeln!(
        out,
        "<header>\n<h1>Cost estimate: {}</h1>\n<dl class=\"totals\">\n\
         <dt>Monthly</dt><dd>{} {currency}</dd>\n<dt>Yearly</dt><dd>{} {currency}</dd>\n\
         <dt>Currency</dt><dd>{currency}</dd>\n<dt>Confidence</dt><dd>{confidence}</dd>\n</dl>\n\
         <p class=\"muted\">{}</p>",
        escape(&report.plan),
        money(report.total.monthly),
        money(report.total.yearly),
        escape(&price_line(&report.prices)),
    );
    // Shown next to the total because the total leaves these out.
    if !report.unpriced.is_empty() {
        let groups = super::cost_report::unpriced_groups(report);
        let _ = writeln!(
            out,
            "<details class=\"unpriced\">\n<summary>{} items not priced (not in the total)</summary>",
            groups.len()
        );
        let items: Vec<String> = groups
            .iter()
            .map(|(u, environments)| {
                format!(
                    "{} [{}] {}: {}",
                    u.component,
                    environments.join(", "),
                    u.item,
                    u.reason
                )
            })
            .collect();
        list(out, "ul", &items);
        out.push_str("</details>\n");
    }
    let _ = writeln!(
        out,
        "<details>\n<summary>Assumptions ({})</summary>",
        report.assumptions.len()
    );
    list(out, "ul", &report.assumptions);
    out.push_str("</details>\n</header>\n");
}

/// Cents per category, most expensive first (ties by name), so colours
/// follow cost and the largest slice starts at twelve o'clock.
fn categories(report: &CostEstimate) -> Vec<(&str, i64)> {
    let mut sums: BTreeMap<&str, i64> = BTreeMap::new();
    for entry in &report.breakdown {
        *sums.entry(entry.category.as_str()).or_default() += entry.monthly_cost.cents();
    }
    let mut list: Vec<(&str, i64)> = sums.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    list
}

fn colour(categories: &[(&str, i64)], category: &str) -> &'static str {
    let index = categories.iter().position(|(name, _)| *name == category);
    PALETTE[index.unwrap_or(0) % PALETTE.len()]
}

/// `1,234.50 USD/month (12.5%)`, the text every chart shape's tooltip shows.
fn amount(cents: i64, whole: i64, currency: &str) -> String {
    let share = percentage(Money::from_cents(cents), Money::from_cents(whole));
    format!(
        "{} {currency}/month ({share:.1}%)",
        money(Money::from_cents(cents))
    )
}

/// Geometry only: the ratio of two cent amounts as a float.
#[allow(clippy::cast_precision_loss)]
fn ratio(part: i64, whole: i64) -> f64 {
    if whole <= 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

fn charts(out: &mut String, report: &CostEstimate) {
    let categories = categories(report);
    let total: i64 = categories.iter().map(|(_, cents)| (*cents).max(0)).sum();
    out.push_str("<section>\n<h2>Where the money goes</h2>\n");
    if total <= 0 {
        out.push_str(
            "<p>The priced total is zero, so there is nothing to chart.</p>\n</section>\n",
        );
        return;
    }
    let currency = escape(&report.total.currency);
    out.push_str("<div class=\"charts\">\n");
    pie(out, &categories, total, &currency);
    providers(out, report, total, &currency);
    environments(out, report, &categories, total, &currency);
    out.push_str("</div>\n</section>\n");
}

fn pie(out: &mut String, categories: &[(&str, i64)], total: i64, currency: &str) {
    const CENTRE: f64 = 110.0;
    const RADIUS: f64 = 100.0;
    let _ = writeln!(
        out,
        "<figure>\n<figcaption>Cost by category</figcaption>\n\
         <svg role=\"img\" aria-label=\"Pie chart of monthly cost by category\" width=\"220\" height=\"220\" viewBox=\"0 0 220 220\">"
    );
    let slices: Vec<&(&str, i64)> = categories.iter().filter(|(_, cents)| *cents > 0).collect();
    let mut start = 0.0_f64;
    for (name, cents) in &slices {
        let title = format!("{}: {}", escape(name), amount(*cents, total, currency));
        let fill = colour(categories, name);
        // An arc from a point back to itself draws nothing, hence the circle.
        if slices.len() == 1 {
            let _ = writeln!(
                out,
                "<circle cx=\"{CENTRE}\" cy=\"{CENTRE}\" r=\"{RADIUS}\" fill=\"{fill}\"><title>{title}</title></circle>"
            );
            continue;
        }
        let end = start + ratio(*cents, total) * std::f64::consts::TAU;
        // Angles run clockwise from twelve o'clock.
        let point = |angle: f64| (CENTRE + RADIUS * angle.sin(), CENTRE - RADIUS * angle.cos());
        let ((x0, y0), (x1, y1)) = (point(start), point(end));
        let large = u8::from(end - start > std::f64::consts::PI);
        let _ = writeln!(
            out,
            "<path d=\"M{CENTRE} {CENTRE}L{x0:.2} {y0:.2}A{RADIUS} {RADIUS} 0 {large} 1 {x1:.2} {y1:.2}Z\" fill=\"{fill}\" stroke=\"#fff\"><title>{title}</title></path>"
        );
        start = end;
    }
    out.push_str("</svg>\n<ul class=\"legend\">\n");
    for (name, cents) in categories {
        let _ = writeln!(
            out,
            "<li><span class=\"swatch\" style=\"background:{}\"></span>{}: {}</li>",
            colour(categories, name),
            escape(name),
            amount(*cents, total, currency)
        );
    }
    out.push_str("</ul>\n</figure>\n");
}

fn providers(out: &mut String, report: &CostEstimate, total: i64, currency: &str) {
    const LABEL: f64 = 70.0;
    const BAR: f64 = 220.0;
    let mut sums = BTreeMap::new();
    for entry in &report.breakdown {
        *sums.entry(entry.provider).or_insert(0_i64) += entry.monthly_cost.cents();
    }
    let largest = sums.values().copied().max().unwrap_or(0);
    let height = 30 * sums.len() + 10;
    let _ = writeln!(
        out,
        "<figure>\n<figcaption>Cost by provider</figcaption>\n\
         <svg role=\"img\" aria-label=\"Bar chart of monthly cost by provider\" width=\"520\" height=\"{height}\" viewBox=\"0 0 520 {height}\">"
    );
    for (row, (provider, cents)) in sums.iter().enumerate() {
        let y = 30 * row + 10;
        let width = BAR * ratio(*cents, largest);
        let text = amount(*cents, total, currency);
        let _ = writeln!(
            out,
            "<text x=\"0\" y=\"{}\">{}</text><rect x=\"{LABEL}\" y=\"{y}\" width=\"{width:.2}\" height=\"20\" fill=\"{}\"><title>{}: {text}</title></rect><text x=\"{:.2}\" y=\"{}\" font-size=\"13\">{text}</text>",
            y + 15,
            provider.as_str(),
            PALETTE[0],
            provider.as_str(),
            LABEL + width + 6.0,
            y + 15,
        );
    }
    out.push_str("</svg>\n</figure>\n");
}

fn environments(
    out: &mut String,
    report: &CostEstimate,
    categories: &[(&str, i64)],
    total: i64,
    currency: &str,
) {
    const TOP: f64 = 20.0;
    const PLOT: f64 = 200.0;
    const STEP: usize = 110;
    let mut stacks: BTreeMap<(&str, &str), i64> = BTreeMap::new();
    let mut heights: BTreeMap<&str, i64> = BTreeMap::new();
    for entry in &report.breakdown {
        let cents = entry.monthly_cost.cents().max(0);
        *stacks
            .entry((&entry.environment, &entry.category))
            .or_default() += cents;
        *heights.entry(&entry.environment).or_default() += cents;
    }
    // The tallest stack fills the plot height; the others scale to it.
    let largest = heights.values().copied().max().unwrap_or(0);
    let width = STEP * report.environments.len().max(1) + 20;
    let _ = writeln!(
        out,
        "<figure>\n<figcaption>Cost by environment</figcaption>\n\
         <svg role=\"img\" aria-label=\"Stacked bar chart of monthly cost by environment and category\" width=\"{width}\" height=\"250\" viewBox=\"0 0 {width} 250\">"
    );
    for (column, env) in report.environments.iter().enumerate() {
        let x = STEP * column + 20;
        let name = escape(&env.name);
        let mut bottom = TOP + PLOT;
        // Stacked in legend order so the same colour sits at the same height.
        for (category, _) in categories {
            let cents = stacks
                .get(&(env.name.as_str(), *category))
                .copied()
                .unwrap_or(0);
            if cents == 0 {
                continue;
            }
            let height = PLOT * ratio(cents, largest);
            bottom -= height;
            let _ = writeln!(
                out,
                "<rect x=\"{x}\" y=\"{bottom:.2}\" width=\"70\" height=\"{height:.2}\" fill=\"{}\" stroke=\"#fff\"><title>{name}, {}: {}</title></rect>",
                colour(categories, category),
                escape(category),
                amount(cents, total, currency)
            );
        }
        let _ = writeln!(
            out,
            "<text x=\"{x}\" y=\"{:.2}\" font-size=\"13\">{}</text><text x=\"{x}\" y=\"240\">{name}</text>",
            bottom - 5.0,
            money(env.monthly_cost)
        );
    }
    out.push_str("</svg>\n</figure>\n");
}

fn breakdown(out: &mut String, report: &CostEstimate) {
    out.push_str("<section>\n<h2>Breakdown</h2>\n");
    if report.breakdown.is_empty() {
        out.push_str("<p>No component was priced.</p>\n</section>\n");
        return;
    }
    out.push_str(
        "<p class=\"muted\">Most expensive first; click a column header to sort. Open a component for its usage lines.</p>\n\
         <table class=\"sortable\">\n<thead><tr><th>environment</th><th>component</th><th>category</th><th>provider / region</th>\
         <th>service</th><th>tier</th><th class=\"num\">monthly</th><th class=\"num\">%</th></tr></thead>\n<tbody>\n",
    );
    for entry in &report.breakdown {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td data-key=\"{}\">{}</td><td>{}</td><td>{} {}</td><td>{}</td><td>{}</td>\
             <td class=\"num\" data-num=\"{}\">{}</td><td class=\"num\" data-num=\"{}\">{:.1}</td></tr>",
            escape(&entry.environment),
            escape(&entry.component),
            component_cell(entry),
            escape(&entry.category),
            entry.provider.as_str(),
            escape(&entry.region),
            escape(&entry.service),
            escape(&entry.tier),
            entry.monthly_cost.cents(),
            money(entry.monthly_cost),
            entry.percentage_of_total,
            entry.percentage_of_total,
        );
    }
    out.push_str("</tbody>\n</table>\n");
    if !report.drivers.is_empty() {
        out.push_str("<h3>Cost drivers</h3>\n");
        let items: Vec<String> = (report.drivers.iter())
            .map(|d| {
                let cost = money(d.current_cost);
                let (impact, share) = (d.impact.as_str(), d.percentage_of_total);
                format!(
                    "{} ({impact} impact): {cost} {} / month, {share:.1}%: {}",
                    d.name, report.total.currency, d.description
                )
            })
            .collect();
        list(out, "ul", &items);
    }
    out.push_str("</section>\n");
}

/// The component id, with its usage lines and mapping notes folded away.
fn component_cell(entry: &CostBreakdown) -> String {
    let mut cell = format!(
        "<details><summary>{}</summary>\n<table><thead><tr><th>usage</th><th class=\"num\">quantity</th><th>unit</th>\
         <th class=\"num\">unit price</th><th class=\"num\">monthly</th><th>price id (as of)</th></tr></thead>\n<tbody>\n",
        escape(&entry.component)
    );
    for line in &entry.usage {
        let _ = writeln!(
            cell,
            "<tr><td>{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{} ({})</td></tr>",
            escape(&line.metric),
            line.quantity,
            escape(&line.unit),
            line.unit_price,
            money(line.monthly_cost),
            escape(&line.price_id),
            escape(&line.as_of)
        );
    }
    cell.push_str("</tbody></table>\n");
    for note in &entry.notes {
        let _ = writeln!(cell, "<p class=\"muted\">{}</p>", escape(note));
    }
    cell.push_str("</details>");
    cell
}

fn optimizations(out: &mut String, report: &CostEstimate) {
    if report.optimizations.is_empty() {
        return;
    }
    out.push_str("<section>\n<h2>Optimizations</h2>\n<p class=\"muted\">Largest saving first; savings are not cumulative.</p>\n");
    for item in &report.optimizations {
        let _ = writeln!(
            out,
            "<article>\n<h3>{} <small class=\"muted\">({})</small></h3>\n\
             <p><strong>Saves {} {} / month ({:.1}%)</strong>; effort {}, risk {}.</p>\n<p>{}</p>",
            escape(&item.name),
            escape(&item.id),
            money(item.estimated_savings.monthly),
            escape(&report.total.currency),
            item.estimated_savings.percentage,
            item.effort.as_str(),
            item.risk.as_str(),
            escape(&item.description)
        );
        if !item.actions.is_empty() {
            out.push_str("<h4>Actions</h4>\n");
            list(out, "ol", &item.actions);
        }
        if !item.tradeoffs.is_empty() {
            out.push_str("<h4>Trade-offs</h4>\n");
            list(out, "ul", &item.tradeoffs);
        }
        out.push_str("</article>\n");
    }
    out.push_str("</section>\n");
}

/// A list of escaped items; nothing when empty.
fn list(out: &mut String, tag: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "<{tag}>");
    for item in items {
        let _ = writeln!(out, "<li>{}</li>", escape(item));
    }
    let _ = writeln!(out, "</{tag}>");
}

/// Escapes text for HTML content and double- or single-quoted attributes.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
#[path = "cost_html_tests.rs"]
mod tests;
