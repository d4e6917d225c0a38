//! Ranking: weighted totals, highest first; exact ties ordered by the
//! tie-break chain of reference §B.6 (there are no knock-out criteria in a
//! matrix, so the chain starts at its second rule):
//!
//! 1. higher score on the highest-weighted criterion, then the next
//!    (lexicographic by weight; equal weights in criteria order);
//! 2. fewer red flags (scores of 3 or less);
//! 3. lower spread of scores (highest − lowest);
//! 4. the matrix's own order (stable, and labelled as arbitrary).

use std::cmp::Ordering;

use super::{Input, Tie};

/// Totals closer than this are equal (they are sums of products of small
/// numbers, so only rounding noise is below it).
pub const EPSILON: f64 = 1e-9;

/// The tie-break rule names, in order.
pub const RULES: [&str; 4] = [
    "higher score on the highest-weighted criterion",
    "fewer scores of 3 or less",
    "lower spread of scores",
    "the matrix's option order",
];

/// Option indices, best first.
pub fn order(input: &Input) -> Vec<usize> {
    let totals: Vec<f64> = (0..input.options.len()).map(|o| input.total(o)).collect();
    let mut order: Vec<usize> = (0..input.options.len()).collect();
    order.sort_by(|&a, &b| {
        if (totals[a] - totals[b]).abs() > EPSILON {
            totals[b].total_cmp(&totals[a])
        } else {
            tie_break(input, a, b).0
        }
    });
    order
}

/// Criteria indices by weight, highest first, equal weights in input order.
pub fn by_weight(input: &Input) -> Vec<usize> {
    let mut criteria: Vec<usize> = (0..input.criteria.len()).collect();
    criteria.sort_by(|&a, &b| {
        input.criteria[b]
            .weight
            .total_cmp(&input.criteria[a].weight)
            .then(a.cmp(&b))
    });
    criteria
}

/// Orders `a` against `b` by the tie-break chain; also returns the rule
/// (index into [`RULES`]) and, for rule 0, the criterion that decided.
pub fn tie_break(input: &Input, a: usize, b: usize) -> (Ordering, usize, Option<usize>) {
    let (sa, sb) = (&input.options[a].scores, &input.options[b].scores);
    for c in by_weight(input) {
        if (sa[c] - sb[c]).abs() > EPSILON {
            return (sb[c].total_cmp(&sa[c]), 0, Some(c));
        }
    }
    let flags = |s: &[f64]| s.iter().filter(|&&x| x <= 3.0).count();
    if flags(sa) != flags(sb) {
        return (flags(sa).cmp(&flags(sb)), 1, None);
    }
    let spread = |s: &[f64]| {
        let max = s.iter().copied().fold(f64::MIN, f64::max);
        let min = s.iter().copied().fold(f64::MAX, f64::min);
        max - min
    };
    if (spread(sa) - spread(sb)).abs() > EPSILON {
        return (spread(sa).total_cmp(&spread(sb)), 2, None);
    }
    (a.cmp(&b), 3, None)
}

/// Standard competition ranks (1, 2, 2, 4) for options in `order`.
pub fn competition_ranks(order: &[usize], totals: &[f64]) -> Vec<usize> {
    let mut ranks = Vec::with_capacity(order.len());
    for (position, &o) in order.iter().enumerate() {
        let rank = if position > 0 && (totals[order[position - 1]] - totals[o]).abs() <= EPSILON {
            ranks[position - 1]
        } else {
            position + 1
        };
        ranks.push(rank);
    }
    ranks
}

/// The tie verdict: options whose normalised total lies within `tolerance`
/// of the winner's, and what the tie-break chain says between the winner
/// and the closest of them.
pub fn tie(input: &Input, order: &[usize], totals: &[f64], tolerance: f64) -> Tie {
    let weight_sum = input.weight_sum();
    let winner = order[0];
    let with: Vec<usize> = order[1..]
        .iter()
        .copied()
        .filter(|&o| (totals[winner] - totals[o]) / weight_sum <= tolerance + EPSILON)
        .collect();
    let Some(&closest) = with.first() else {
        return Tie {
            tolerance,
            tied: false,
            with: Vec::new(),
            rule: None,
            favours: None,
        };
    };
    let (ordering, rule, criterion) = tie_break(input, winner, closest);
    let rule_text = match criterion {
        Some(c) => format!("{}, {}", RULES[rule], input.criteria[c].name),
        None => RULES[rule].to_owned(),
    };
    let favours = if ordering == Ordering::Greater {
        closest
    } else {
        winner
    };
    Tie {
        tolerance,
        tied: true,
        with: with
            .iter()
            .map(|&o| input.options[o].name.clone())
            .collect(),
        rule: Some(rule_text),
        favours: Some(input.options[favours].name.clone()),
    }
}
