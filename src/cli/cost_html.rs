//! HTML cost report (being written).

use infraplan::engine::cost::CostEstimate;

/// The estimate as a self-contained HTML page.
pub fn estimate_page(report: &CostEstimate) -> String {
    format!("<pre>{}</pre>\n", report.plan)
}
