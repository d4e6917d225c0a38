//! The risk register: probability (low 1, medium 2, high 3) × impact (low 1,
//! medium 2, high 3, critical 4), sorted by score, placed in a 3 × 4 matrix.

use serde::Serialize;

use crate::diag::Code;
use crate::engine::EngineFinding;
use crate::plan::migration::{Impact, Level, MigrationRisk};

/// Risks scoring this or more need a mitigation, a contingency and an owner.
pub const HIGH_SCORE: u8 = 6;

/// A risk with its score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoredRisk {
    /// Risk id.
    pub id: String,
    /// What could happen.
    pub description: String,
    /// 1–3.
    pub probability: u8,
    /// 1–4.
    pub impact: u8,
    /// Probability × impact, 1–12.
    pub score: u8,
    /// Who owns it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// How it is made less likely or less bad.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mitigation: Option<String>,
    /// What happens if it occurs anyway.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contingency: Option<String>,
}

/// Risk ids by probability (rows, high first) and impact (columns, low
/// first): `cells[0][3]` holds high-probability, critical-impact risks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RiskMatrix {
    /// Rows high, medium, low; columns low, medium, high, critical.
    pub cells: [[Vec<String>; 4]; 3],
}

const fn probability(level: Level) -> u8 {
    match level {
        Level::Low => 1,
        Level::Medium => 2,
        Level::High => 3,
    }
}

const fn impact(level: Impact) -> u8 {
    match level {
        Impact::Low => 1,
        Impact::Medium => 2,
        Impact::High => 3,
        Impact::Critical => 4,
    }
}

/// Scores, the matrix, and a finding per high risk that lacks a mitigation,
/// a contingency or an owner.
pub fn register(
    risks: &[MigrationRisk],
    migration: &str,
) -> (Vec<ScoredRisk>, RiskMatrix, Vec<EngineFinding>) {
    let mut scored: Vec<ScoredRisk> = risks
        .iter()
        .map(|risk| {
            let (p, i) = (probability(risk.probability), impact(risk.impact));
            ScoredRisk {
                id: risk.id.as_str().to_owned(),
                description: risk.description.clone(),
                probability: p,
                impact: i,
                score: p * i,
                owner: risk.owner.clone(),
                mitigation: risk.mitigation.clone(),
                contingency: risk.contingency.clone(),
            }
        })
        .collect();
    // Highest score first; the stable sort keeps the plan's order in ties.
    scored.sort_by_key(|r| std::cmp::Reverse(r.score));
    let mut cells: [[Vec<String>; 4]; 3] = Default::default();
    for risk in &scored {
        cells[usize::from(3 - risk.probability)][usize::from(risk.impact - 1)]
            .push(risk.id.clone());
    }
    let findings = scored
        .iter()
        .filter(|r| r.score >= HIGH_SCORE)
        .filter_map(|risk| {
            let missing: Vec<&str> = [
                ("mitigation", risk.mitigation.is_none()),
                ("contingency", risk.contingency.is_none()),
                ("owner", risk.owner.is_none()),
            ]
            .into_iter()
            .filter_map(|(what, absent)| absent.then_some(what))
            .collect();
            (!missing.is_empty()).then(|| {
                EngineFinding::new(
                    Code::RiskUnmitigated,
                    migration,
                    format!(
                        "risk `{}` scores {} (probability {} × impact {}) and has no {}",
                        risk.id,
                        risk.score,
                        risk.probability,
                        risk.impact,
                        missing.join(", no ")
                    ),
                )
                .with_help("give high risks a mitigation, a contingency and an owner before the migration starts")
            })
        })
        .collect();
    (scored, RiskMatrix { cells }, findings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Id;

    fn risk(id: &str, p: Level, i: Impact, owner: Option<&str>) -> MigrationRisk {
        MigrationRisk {
            id: Id::parse(id).unwrap(),
            description: format!("{id} happens"),
            probability: p,
            impact: i,
            mitigation: Some("watch it".to_owned()),
            contingency: None,
            owner: owner.map(str::to_owned),
        }
    }

    #[test]
    fn scores_sort_fill_the_matrix_and_flag_unowned_high_risks() {
        let risks = [
            risk("small", Level::Low, Impact::Medium, None),
            risk("lag", Level::Medium, Impact::High, Some("team")),
            risk("breach", Level::High, Impact::Critical, None),
        ];
        let (scored, matrix, findings) = register(&risks, "m");
        let order: Vec<(&str, u8)> = scored.iter().map(|r| (r.id.as_str(), r.score)).collect();
        assert_eq!(order, vec![("breach", 12), ("lag", 6), ("small", 2)]);
        assert_eq!(matrix.cells[0][3], vec!["breach"]);
        assert_eq!(matrix.cells[1][2], vec!["lag"]);
        assert_eq!(matrix.cells[2][1], vec!["small"]);
        // Both high risks lack a contingency; `breach` also an owner; the
        // low one is not flagged.
        assert_eq!(findings.len(), 2);
        assert_eq!(
            findings[0].message,
            "risk `breach` scores 12 (probability 3 × impact 4) and has no contingency, no owner"
        );
        assert_eq!(
            findings[1].message,
            "risk `lag` scores 6 (probability 2 × impact 3) and has no contingency"
        );
    }
}
