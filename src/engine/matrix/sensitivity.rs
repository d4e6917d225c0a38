//! What would change the result (reference §B.5), for the recommended
//! option A against every challenger B, with `D_B = T_A − T_B` and
//! `d_k = s_Ak − s_Bk`:
//!
//! - **Weight break-evens**, one criterion at a time with the others fixed:
//!   `D_B(w_k) = D_B + Δ·d_k`, so B draws level at `w_k* = w_k − D_B/d_k`
//!   (lower A's winning weight below it when `d_k > 0`, raise it above it
//!   when `d_k < 0`). The interval that keeps A first is the intersection
//!   over B; a bound inside the 1–10 scale is a real risk, one outside it is
//!   not. Each criterion also gets its full sweep over 1–10 (who wins where).
//! - **Critical criterion**: the in-range break-even with the smallest
//!   relative weight change `|w_k* − w_k| / w_k` (Triantaphyllou's
//!   "percent-top"); not necessarily the heaviest criterion.
//! - **Score break-evens**: B overtakes A if `s_Bk` rises by more than
//!   `D_B/w_k`, or if `s_Ak` falls by more than `min_B D_B / w_k`; reported
//!   only when the new score stays on the 1–10 scale.
//! - **Win probability** under joint weight noise: every weight drawn
//!   uniformly within ±2 (clamped to 1–10), a fixed number of samples from a
//!   fixed seed, so the figure is the same on every run.

use serde::Serialize;

use super::rank::EPSILON;
use super::{Input, Tie, json_num, num, round2};

/// Weight noise (± on the 1–10 scale) for the win probability.
pub const NOISE: f64 = 2.0;
/// Samples drawn for the win probability.
pub const SAMPLES: u32 = 10_000;
/// Seed of the sampler (printed with the result).
pub const SEED: u64 = 20_240_917;
/// Below this win probability the result is fragile.
pub const FRAGILE_BELOW: f64 = 0.75;

/// The robustness verdict (reference §B.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// No single weight change within 1–10 changes the winner.
    Robust,
    /// Some single weight change within 1–10 changes the winner.
    Sensitive,
    /// The winner wins less than 75 % of the time under ±2 weight noise.
    Fragile,
    /// The runner-up is within the tie tolerance: no clear winner.
    Tie,
}

impl Verdict {
    /// The verdict as one word.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Robust => "robust",
            Self::Sensitive => "sensitive",
            Self::Fragile => "fragile",
            Self::Tie => "tie",
        }
    }
}

/// The sensitivity analysis of one evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Sensitivity {
    /// Per criterion, in the matrix's order.
    pub weights: Vec<WeightSweep>,
    /// The in-range weight change that flips the winner soonest.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub critical_criterion: Option<Critical>,
    /// Per criterion, the smallest single-score change that flips the winner.
    pub score_break_evens: Vec<ScoreBreakEven>,
    /// Each option's share of wins under weight noise, best first.
    pub win_probability: Vec<WinShare>,
    /// How the win probability was sampled.
    pub sampling: Sampling,
    /// The verdict.
    pub verdict: Verdict,
    /// The verdict as a sentence.
    pub verdict_text: String,
}

/// One criterion's weight sweep.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WeightSweep {
    /// Criterion.
    pub criterion: String,
    /// Weight in effect.
    #[serde(serialize_with = "ser")]
    pub weight: f64,
    /// Lowest weight (≥ 1) that keeps the winner first.
    #[serde(serialize_with = "ser")]
    pub keeps_winner_from: f64,
    /// Highest weight (≤ 10) that keeps the winner first.
    #[serde(serialize_with = "ser")]
    pub keeps_winner_to: f64,
    /// The nearest break-even below the current weight.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub below: Option<Flip>,
    /// The nearest break-even above the current weight.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub above: Option<Flip>,
    /// Who wins where, over the whole 1–10 scale.
    pub segments: Vec<Segment>,
}

/// A weight at which another option draws level with the winner.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Flip {
    /// The break-even weight.
    #[serde(serialize_with = "ser")]
    pub at: f64,
    /// Who wins beyond it.
    pub to: String,
    /// Whether it lies on the 1–10 scale (strictly inside: a real risk).
    pub in_range: bool,
    /// Change from the current weight, in percent.
    #[serde(serialize_with = "ser")]
    pub change_percent: f64,
}

/// A stretch of the weight scale with one winner.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Segment {
    /// Start weight.
    #[serde(serialize_with = "ser")]
    pub from: f64,
    /// End weight.
    #[serde(serialize_with = "ser")]
    pub to: f64,
    /// Winner on this stretch.
    pub winner: String,
}

/// The critical criterion.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Critical {
    /// Criterion.
    pub criterion: String,
    /// Its weight.
    #[serde(serialize_with = "ser")]
    pub weight: f64,
    /// `below` or `above`.
    pub direction: &'static str,
    /// The flip.
    pub flip: Flip,
}

/// The smallest change of one score that flips the winner.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoreBreakEven {
    /// Criterion.
    pub criterion: String,
    /// The option whose score moves.
    pub option: String,
    /// Its score now.
    #[serde(serialize_with = "ser")]
    pub from: f64,
    /// The break-even score (the result flips beyond it).
    #[serde(serialize_with = "ser")]
    pub to: f64,
    /// `to − from`.
    #[serde(serialize_with = "ser")]
    pub change: f64,
    /// `below` (the winner's score falls) or `above` (a challenger's rises).
    pub direction: &'static str,
    /// Who wins beyond it.
    pub winner_after: String,
}

/// An option's share of wins under weight noise.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WinShare {
    /// Option.
    pub option: String,
    /// Share of samples it won, 0–1 (3 decimals).
    pub probability: f64,
}

/// How the win probability was sampled.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Sampling {
    /// ± noise on each weight.
    #[serde(serialize_with = "ser")]
    pub noise: f64,
    /// Number of samples.
    pub samples: u32,
    /// Seed.
    pub seed: u64,
}

#[allow(clippy::trivially_copy_pass_by_ref)]
fn ser<S: serde::Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    json_num(*value).serialize(serializer)
}

/// Runs the analysis for winner `a` (an index into `input.options`).
pub fn analyse(input: &Input, a: usize, totals: &[f64], tie: &Tie) -> Sensitivity {
    let weights: Vec<WeightSweep> = (0..input.criteria.len())
        .map(|k| sweep(input, a, totals, k))
        .collect();
    let critical_criterion = critical(input, &weights);
    let score_break_evens = (0..input.criteria.len())
        .filter_map(|k| score_break_even(input, a, totals, k))
        .collect();
    let win_probability = win_probability(input);
    let mut sensitivity = Sensitivity {
        weights,
        critical_criterion,
        score_break_evens,
        win_probability,
        sampling: Sampling {
            noise: NOISE,
            samples: SAMPLES,
            seed: SEED,
        },
        verdict: Verdict::Robust,
        verdict_text: String::new(),
    };
    let share = sensitivity
        .win_probability
        .iter()
        .find(|w| w.option == input.options[a].name)
        .map_or(0.0, |w| w.probability);
    sensitivity.verdict = if tie.tied {
        Verdict::Tie
    } else if share < FRAGILE_BELOW {
        Verdict::Fragile
    } else if sensitivity.critical_criterion.is_some() {
        Verdict::Sensitive
    } else {
        Verdict::Robust
    };
    sensitivity.verdict_text = verdict_text(&sensitivity, &input.options[a].name, share);
    sensitivity
}

fn sweep(input: &Input, a: usize, totals: &[f64], k: usize) -> WeightSweep {
    let w = input.criteria[k].weight;
    let mut below: Option<(f64, usize)> = None;
    let mut above: Option<(f64, usize)> = None;
    for b in (0..input.options.len()).filter(|&b| b != a) {
        let margin = totals[a] - totals[b];
        let d = input.options[a].scores[k] - input.options[b].scores[k];
        if d > EPSILON {
            let at = w - margin / d;
            if below.is_none_or(|(best, _)| at > best + EPSILON) {
                below = Some((at, b));
            }
        } else if d < -EPSILON {
            let at = w + margin / -d;
            if above.is_none_or(|(best, _)| at < best - EPSILON) {
                above = Some((at, b));
            }
        }
    }
    let flip = |(at, b): (f64, usize), in_range: bool| Flip {
        at: round2(at),
        to: input.options[b].name.clone(),
        in_range,
        change_percent: round2((at - w) / w * 100.0),
    };
    WeightSweep {
        criterion: input.criteria[k].name.clone(),
        weight: w,
        keeps_winner_from: round2(below.map_or(1.0, |(at, _)| at.max(1.0))),
        keeps_winner_to: round2(above.map_or(10.0, |(at, _)| at.min(10.0))),
        below: below.map(|f| flip(f, f.0 > 1.0 + EPSILON)),
        above: above.map(|f| flip(f, f.0 < 10.0 - EPSILON)),
        segments: segments(input, totals, k),
    }
}

/// Winners over the whole 1–10 scale of criterion `k`'s weight: the upper
/// envelope of the lines `T_i + (w − w_k)·s_ik`.
fn segments(input: &Input, totals: &[f64], k: usize) -> Vec<Segment> {
    let w = input.criteria[k].weight;
    let slope = |i: usize| input.options[i].scores[k];
    let value = |i: usize, at: f64| totals[i] + (at - w) * slope(i);
    let n = input.options.len();
    let mut current = (0..n)
        .max_by(|&i, &j| {
            value(i, 1.0)
                .total_cmp(&value(j, 1.0))
                .then(slope(i).total_cmp(&slope(j)))
                .then(j.cmp(&i))
        })
        .unwrap_or(0);
    let mut from = 1.0;
    let mut out = Vec::new();
    loop {
        let next = (0..n)
            .filter(|&j| slope(j) > slope(current) + EPSILON)
            .map(|j| {
                let at = w + (totals[current] - totals[j]) / (slope(j) - slope(current));
                (at, j)
            })
            .filter(|&(at, _)| at > from + EPSILON && at < 10.0 - EPSILON)
            .min_by(|x, y| {
                x.0.total_cmp(&y.0)
                    .then(slope(y.1).total_cmp(&slope(x.1)))
                    .then(x.1.cmp(&y.1))
            });
        let Some((at, j)) = next else {
            out.push(Segment {
                from: round2(from),
                to: 10.0,
                winner: input.options[current].name.clone(),
            });
            return out;
        };
        out.push(Segment {
            from: round2(from),
            to: round2(at),
            winner: input.options[current].name.clone(),
        });
        from = at;
        current = j;
    }
}

fn critical(input: &Input, weights: &[WeightSweep]) -> Option<Critical> {
    let mut best: Option<Critical> = None;
    for (k, sweep) in weights.iter().enumerate() {
        for (direction, flip) in [("below", &sweep.below), ("above", &sweep.above)] {
            let Some(flip) = flip.as_ref().filter(|f| f.in_range) else {
                continue;
            };
            if best
                .as_ref()
                .is_none_or(|b| flip.change_percent.abs() < b.flip.change_percent.abs() - EPSILON)
            {
                best = Some(Critical {
                    criterion: input.criteria[k].name.clone(),
                    weight: sweep.weight,
                    direction,
                    flip: flip.clone(),
                });
            }
        }
    }
    best
}

fn score_break_even(input: &Input, a: usize, totals: &[f64], k: usize) -> Option<ScoreBreakEven> {
    let w = input.criteria[k].weight;
    // In rank order, so equal margins name the higher-ranked challenger.
    let challengers: Vec<usize> = super::rank::order(input)
        .into_iter()
        .filter(|&b| b != a)
        .collect();
    let closest = challengers
        .iter()
        .copied()
        .min_by(|&x, &y| (totals[a] - totals[x]).total_cmp(&(totals[a] - totals[y])))?;
    let mut candidates = Vec::new();
    let s_a = input.options[a].scores[k];
    let lowered = s_a - (totals[a] - totals[closest]) / w;
    if lowered > 1.0 + EPSILON {
        candidates.push((a, s_a, lowered, closest));
    }
    for &b in &challengers {
        let s_b = input.options[b].scores[k];
        let raised = s_b + (totals[a] - totals[b]) / w;
        if raised < 10.0 - EPSILON {
            candidates.push((b, s_b, raised, b));
        }
    }
    candidates
        .into_iter()
        .min_by(|x, y| (x.2 - x.1).abs().total_cmp(&(y.2 - y.1).abs()))
        .map(|(option, from, to, winner)| ScoreBreakEven {
            criterion: input.criteria[k].name.clone(),
            option: input.options[option].name.clone(),
            from,
            to: round2(to),
            change: round2(to - from),
            direction: if option == a { "below" } else { "above" },
            winner_after: input.options[winner].name.clone(),
        })
}

/// SplitMix64: tiny, well-mixed and reproducible everywhere.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    #[allow(clippy::cast_precision_loss)]
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn win_probability(input: &Input) -> Vec<WinShare> {
    let mut rng = SplitMix(SEED);
    let mut wins = vec![0u32; input.options.len()];
    let order = super::rank::order(input);
    let mut weights = vec![0.0; input.criteria.len()];
    for _ in 0..SAMPLES {
        for (slot, criterion) in weights.iter_mut().zip(&input.criteria) {
            let low = (criterion.weight - NOISE).max(1.0);
            let high = (criterion.weight + NOISE).min(10.0);
            *slot = low + (high - low) * rng.unit();
        }
        let total = |o: usize| -> f64 {
            weights
                .iter()
                .zip(&input.options[o].scores)
                .map(|(w, s)| w * s)
                .sum()
        };
        // Exact ties go to the option ranked higher without noise.
        let mut best = order[0];
        let mut best_total = total(best);
        for &o in &order[1..] {
            let t = total(o);
            if t > best_total + EPSILON {
                best = o;
                best_total = t;
            }
        }
        wins[best] += 1;
    }
    let mut shares: Vec<WinShare> = order
        .iter()
        .map(|&o| WinShare {
            option: input.options[o].name.clone(),
            probability: (f64::from(wins[o]) / f64::from(SAMPLES) * 1000.0).round() / 1000.0,
        })
        .collect();
    shares.sort_by(|x, y| y.probability.total_cmp(&x.probability));
    shares
}

fn verdict_text(sensitivity: &Sensitivity, winner: &str, share: f64) -> String {
    let noise = format!(
        "{winner} wins {}% of {} samples with every weight varied by ±{}",
        num(share * 100.0),
        SAMPLES,
        num(NOISE)
    );
    let flip = sensitivity.critical_criterion.as_ref().map(|c| {
        let verb = if c.direction == "below" {
            "drops below"
        } else {
            "rises above"
        };
        format!(
            "{} wins if the weight of {} {verb} {} (from {})",
            c.flip.to,
            c.criterion,
            num(c.flip.at),
            num(c.weight)
        )
    });
    match (sensitivity.verdict, flip) {
        (Verdict::Tie, Some(flip)) => {
            format!("Tie: no clear winner; {flip}. {noise}.")
        }
        (Verdict::Tie, None) => format!("Tie: no clear winner. {noise}."),
        (Verdict::Fragile, Some(flip)) => format!("Fragile: {noise}; {flip}."),
        (Verdict::Fragile, None) => format!("Fragile: {noise}."),
        (Verdict::Sensitive, Some(flip)) => format!("Sensitive: {flip}. {noise}."),
        (_, _) => {
            format!("Robust: no single weight change within 1–10 changes the winner. {noise}.")
        }
    }
}
