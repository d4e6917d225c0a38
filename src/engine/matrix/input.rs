//! A matrix ready to evaluate ([`Input`]): built from a catalog matrix or a
//! plan selection, with every option scored on every criterion, and weight
//! and score overrides checked against the 1–10 scale and recorded (so
//! reports can say what was changed from the matrix).

use std::fmt::Write as _;

use super::{Matrix, Origin};
use crate::diag::did_you_mean;
use crate::plan::decision::Selection;

/// A matrix ready to evaluate: criteria in order, every option scored on
/// every criterion, overrides applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    /// Where it came from.
    pub origin: Origin,
    /// Category.
    pub category: String,
    /// What the matrix decides.
    pub description: Option<String>,
    /// Criteria, in the matrix's order.
    pub criteria: Vec<InputCriterion>,
    /// Options, in the matrix's order (the last tie-break).
    pub options: Vec<InputOption>,
}

/// A criterion with its effective weight.
#[derive(Debug, Clone, PartialEq)]
pub struct InputCriterion {
    /// Name.
    pub name: String,
    /// Weight in effect, 1–10.
    pub weight: f64,
    /// The matrix's own weight, when an override replaced it.
    pub base_weight: Option<f64>,
    /// Where the override came from (`plan`, `--weight`).
    pub override_source: Option<String>,
    /// What it measures.
    pub description: Option<String>,
    /// Why the matrix gives it its weight.
    pub rationale: Option<String>,
}

/// An option with a score per criterion (aligned with [`Input::criteria`]).
#[derive(Debug, Clone, PartialEq)]
pub struct InputOption {
    /// Name.
    pub name: String,
    /// What it is.
    pub description: Option<String>,
    /// Scores, one per criterion, 1–10.
    pub scores: Vec<f64>,
    /// The matrix's own score where an override replaced it.
    pub base_scores: Vec<Option<f64>>,
    /// Why each score (aligned with the criteria).
    pub rationale: Vec<Option<String>>,
    /// Advantages.
    pub pros: Vec<String>,
    /// Disadvantages.
    pub cons: Vec<String>,
}

/// A matrix that cannot be evaluated as asked.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MatrixError {
    /// A weight or score names a criterion the matrix does not have.
    #[error("the matrix has no criterion `{name}`")]
    UnknownCriterion {
        /// Name given.
        name: String,
        /// Closest criterion, when one is close.
        suggestion: Option<String>,
        /// Every criterion.
        known: Vec<String>,
    },
    /// A score names an option the matrix does not have.
    #[error("the matrix has no option `{name}`")]
    UnknownOption {
        /// Name given.
        name: String,
        /// Closest option, when one is close.
        suggestion: Option<String>,
        /// Every option.
        known: Vec<String>,
    },
    /// A weight or score lies outside 1–10.
    #[error("{what} {value} is outside the 1–10 scale")]
    OutOfRange {
        /// `weight of Caching`, `score of REST on Caching`.
        what: String,
        /// Value given.
        value: f64,
    },
    /// An option has no score for a criterion.
    #[error("option `{option}` has no score for criterion `{criterion}`")]
    MissingScore {
        /// Option.
        option: String,
        /// Criterion.
        criterion: String,
    },
    /// Nothing to rank.
    #[error("the matrix needs at least one criterion and one option")]
    Empty,
    /// A plan selection names neither a matrix nor inline criteria.
    #[error("selection `{0}` names no catalog `matrix` and defines no inline `criteria`")]
    NoMatrix(String),
}

impl Input {
    /// The catalog matrix as written.
    pub fn from_catalog(matrix: &Matrix) -> Result<Self, MatrixError> {
        let criteria: Vec<InputCriterion> = matrix
            .criteria
            .iter()
            .map(|c| InputCriterion {
                name: c.name.clone(),
                weight: f64::from(c.weight.0),
                base_weight: None,
                override_source: None,
                description: Some(c.description.clone()),
                rationale: c.rationale.clone(),
            })
            .collect();
        let mut options = Vec::new();
        for option in &matrix.options {
            let mut scores = Vec::new();
            for criterion in &matrix.criteria {
                let score = option.scores.get(&criterion.name).ok_or_else(|| {
                    MatrixError::MissingScore {
                        option: option.name.clone(),
                        criterion: criterion.name.clone(),
                    }
                })?;
                scores.push(f64::from(score.0));
            }
            options.push(InputOption {
                name: option.name.clone(),
                description: option.description.clone(),
                base_scores: vec![None; scores.len()],
                scores,
                rationale: matrix
                    .criteria
                    .iter()
                    .map(|c| option.rationale.get(&c.name).cloned())
                    .collect(),
                pros: option.pros.clone(),
                cons: option.cons.clone(),
            });
        }
        let input = Self {
            origin: Origin {
                matrix: Some(matrix.id.clone()),
                selection: None,
                sources: matrix.sources.clone(),
            },
            category: matrix.category.clone(),
            description: matrix.description.clone(),
            criteria,
            options,
        };
        input.non_empty()
    }

    /// A plan selection: its catalog matrix with the plan's weights, or its
    /// inline matrix. `catalog_matrix` is the matrix `selection.matrix` names.
    pub fn from_selection(
        selection: &Selection,
        catalog_matrix: Option<&Matrix>,
    ) -> Result<Self, MatrixError> {
        let mut input = if selection.criteria.is_empty() {
            let matrix =
                catalog_matrix.ok_or_else(|| MatrixError::NoMatrix(selection.id.to_string()))?;
            Self::from_catalog(matrix)?
        } else {
            Self::inline(selection)?
        };
        input.origin.selection = Some(selection.id.to_string());
        if let Some(category) = &selection.category {
            input.category.clone_from(category);
        }
        for (name, weight) in &selection.weights {
            input.set_weight(name, f64::from(weight.0), "plan")?;
        }
        Ok(input)
    }

    fn inline(selection: &Selection) -> Result<Self, MatrixError> {
        let criteria: Vec<InputCriterion> = selection
            .criteria
            .iter()
            .map(|c| InputCriterion {
                name: c.name.clone(),
                weight: f64::from(c.weight.0),
                base_weight: None,
                override_source: None,
                description: c.description.clone(),
                rationale: None,
            })
            .collect();
        let mut options = Vec::new();
        for option in &selection.options {
            let mut scores = Vec::new();
            for criterion in &criteria {
                let score = option.scores.get(&criterion.name).ok_or_else(|| {
                    MatrixError::MissingScore {
                        option: option.name.clone(),
                        criterion: criterion.name.clone(),
                    }
                })?;
                scores.push(f64::from(score.0));
            }
            options.push(InputOption {
                name: option.name.clone(),
                description: None,
                base_scores: vec![None; scores.len()],
                rationale: vec![None; scores.len()],
                scores,
                pros: option.pros.clone(),
                cons: option.cons.clone(),
            });
        }
        let input = Self {
            origin: Origin {
                matrix: selection.matrix.clone(),
                selection: Some(selection.id.to_string()),
                sources: vec!["plan".to_owned()],
            },
            category: selection
                .category
                .clone()
                .unwrap_or_else(|| selection.id.to_string()),
            description: None,
            criteria,
            options,
        };
        input.non_empty()
    }

    fn non_empty(self) -> Result<Self, MatrixError> {
        if self.criteria.is_empty() || self.options.is_empty() {
            Err(MatrixError::Empty)
        } else {
            Ok(self)
        }
    }

    /// Index of the criterion called `name` (case-insensitive).
    pub fn criterion_index(&self, name: &str) -> Result<usize, MatrixError> {
        let wanted = name.trim();
        self.criteria
            .iter()
            .position(|c| c.name.eq_ignore_ascii_case(wanted))
            .ok_or_else(|| {
                let known: Vec<String> = self.criteria.iter().map(|c| c.name.clone()).collect();
                MatrixError::UnknownCriterion {
                    name: wanted.to_owned(),
                    suggestion: did_you_mean(wanted, known.iter().map(String::as_str))
                        .map(str::to_owned),
                    known,
                }
            })
    }

    /// Index of the option called `name` (case-insensitive).
    pub fn option_index(&self, name: &str) -> Result<usize, MatrixError> {
        let wanted = name.trim();
        self.options
            .iter()
            .position(|o| o.name.eq_ignore_ascii_case(wanted))
            .ok_or_else(|| {
                let known: Vec<String> = self.options.iter().map(|o| o.name.clone()).collect();
                MatrixError::UnknownOption {
                    name: wanted.to_owned(),
                    suggestion: did_you_mean(wanted, known.iter().map(String::as_str))
                        .map(str::to_owned),
                    known,
                }
            })
    }

    /// Overrides the weight of criterion `name`; `source` says who did.
    pub fn set_weight(&mut self, name: &str, weight: f64, source: &str) -> Result<(), MatrixError> {
        let index = self.criterion_index(name)?;
        let criterion = &mut self.criteria[index];
        check_scale(&format!("weight of {}", criterion.name), weight)?;
        if criterion.base_weight.is_none() {
            criterion.base_weight = Some(criterion.weight);
        }
        criterion.weight = weight;
        criterion.override_source = Some(source.to_owned());
        if criterion.base_weight == Some(weight) {
            criterion.base_weight = None;
            criterion.override_source = None;
        }
        Ok(())
    }

    /// Overrides the score of option `option` on criterion `criterion`.
    pub fn set_score(
        &mut self,
        option: &str,
        criterion: &str,
        score: f64,
    ) -> Result<(), MatrixError> {
        let o = self.option_index(option)?;
        let c = self.criterion_index(criterion)?;
        check_scale(
            &format!(
                "score of {} on {}",
                self.options[o].name, self.criteria[c].name
            ),
            score,
        )?;
        let entry = &mut self.options[o];
        if entry.base_scores[c].is_none() {
            entry.base_scores[c] = Some(entry.scores[c]);
        }
        entry.scores[c] = score;
        if entry.base_scores[c] == Some(score) {
            entry.base_scores[c] = None;
        }
        Ok(())
    }

    /// Weighted total of option `o`.
    pub fn total(&self, o: usize) -> f64 {
        self.criteria
            .iter()
            .zip(&self.options[o].scores)
            .map(|(c, s)| c.weight * s)
            .sum()
    }

    /// Σ weights.
    pub fn weight_sum(&self) -> f64 {
        self.criteria.iter().map(|c| c.weight).sum()
    }

    /// A stable fingerprint of everything the result depends on (FNV-1a,
    /// 64 bits), so a record can tell whether its inputs changed.
    pub fn fingerprint(&self) -> String {
        let mut text = format!("{}\n", self.category);
        for c in &self.criteria {
            let _ = writeln!(text, "c\t{}\t{}", c.name, c.weight);
        }
        for o in &self.options {
            let _ = write!(text, "o\t{}", o.name);
            for s in &o.scores {
                let _ = write!(text, "\t{s}");
            }
            text.push('\n');
        }
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in text.bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        format!("fnv1a64:{hash:016x}")
    }
}

fn check_scale(what: &str, value: f64) -> Result<(), MatrixError> {
    if value.is_finite() && (1.0..=10.0).contains(&value) {
        Ok(())
    } else {
        Err(MatrixError::OutOfRange {
            what: what.to_owned(),
            value,
        })
    }
}
