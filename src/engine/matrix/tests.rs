//! Hand-checked cases: the seed's three matrices and the worked example of
//! reference §B.5.

// Results are rounded to two decimals by `round2`, so exact equality with
// the hand-computed value is the contract under test.
#![allow(clippy::float_cmp)]

use super::*;
use crate::catalog::Catalog;

fn catalog() -> Catalog {
    Catalog::load(None).unwrap()
}

fn seed(id: &str) -> Evaluation {
    let catalog = catalog();
    let input = Input::from_catalog(catalog.matrix(id).unwrap()).unwrap();
    evaluate(&input, DEFAULT_TIE_TOLERANCE)
}

fn totals(evaluation: &Evaluation) -> Vec<(String, f64, usize)> {
    evaluation
        .options
        .iter()
        .map(|o| (o.name.clone(), o.total_score, o.rank))
        .collect()
}

#[test]
fn the_seed_matrices_rank_as_their_numbers_imply() {
    let broker = seed("message_broker");
    assert_eq!(broker.recommendation, "Apache Kafka");
    assert_eq!(
        totals(&broker),
        vec![
            ("Apache Kafka".to_owned(), 429.0, 1),
            ("Azure Service Bus".to_owned(), 408.0, 2),
            ("AWS SQS/SNS".to_owned(), 408.0, 2),
            ("RabbitMQ".to_owned(), 375.0, 4),
        ]
    );
    assert!(!broker.tie.tied);
    let frontend = seed("frontend_framework");
    assert_eq!(frontend.recommendation, "React");
    assert_eq!(frontend.options[0].total_score, 474.0);
    assert_eq!(frontend.options[1].total_score, 448.0);
    let api = seed("api_style");
    assert_eq!(api.recommendation, "GraphQL");
    assert_eq!(
        totals(&api),
        vec![
            ("GraphQL".to_owned(), 316.0, 1),
            ("REST".to_owned(), 314.0, 2),
            ("gRPC".to_owned(), 274.0, 3),
        ]
    );
}

#[test]
fn graphql_against_rest_is_a_tie_within_tolerance() {
    let api = seed("api_style");
    let margin = api.margin.as_ref().unwrap();
    assert_eq!(margin.points, 2.0);
    assert_eq!(margin.normalised, 0.05);
    assert!(api.tie.tied);
    assert_eq!(api.tie.with, vec!["REST"]);
    assert_eq!(api.tie.favours.as_deref(), Some("GraphQL"));
    assert_eq!(api.sensitivity.verdict, Verdict::Tie);
    assert!(api.decision_rationale.starts_with("No clear winner"));
    // REST wins once Caching weighs more than 7 + 2/4 = 7.5.
    let caching = &api.sensitivity.weights[2];
    assert_eq!(caching.criterion, "Caching");
    let above = caching.above.as_ref().unwrap();
    assert_eq!(
        (above.at, above.to.as_str(), above.in_range),
        (7.5, "REST", true)
    );
    let critical = api.sensitivity.critical_criterion.as_ref().unwrap();
    assert_eq!(critical.criterion, "Flexibility");
}

#[test]
fn exact_ties_follow_the_tie_break_chain() {
    // Azure Service Bus and AWS SQS/SNS both total 408; the heaviest
    // criteria (Throughput, Durability: 9) are equal, Latency (8) decides.
    let broker = seed("message_broker");
    assert_eq!(broker.options[1].name, "Azure Service Bus");
    assert_eq!(broker.options[2].name, "AWS SQS/SNS");
}

#[test]
fn seed_winners_are_robust_except_api_style() {
    assert_eq!(seed("message_broker").sensitivity.verdict, Verdict::Robust);
    assert_eq!(
        seed("frontend_framework").sensitivity.verdict,
        Verdict::Robust
    );
}

/// Reference §B.5 worked example.
fn worked_example() -> Input {
    let names = [
        "Consistency",
        "Managed-ops",
        "Team expertise",
        "Horizontal scale",
        "Cost-efficiency",
    ];
    let weights = [9.0, 6.0, 7.0, 5.0, 4.0];
    let options = [
        ("PostgreSQL", [9.0, 6.0, 8.0, 5.0, 8.0]),
        ("MongoDB", [6.0, 7.0, 6.0, 8.0, 6.0]),
        ("DynamoDB", [5.0, 9.0, 4.0, 10.0, 6.0]),
    ];
    Input {
        origin: Origin {
            matrix: None,
            selection: None,
            sources: Vec::new(),
        },
        category: "Database".to_owned(),
        description: None,
        criteria: names
            .iter()
            .zip(weights)
            .map(|(name, weight)| InputCriterion {
                name: (*name).to_owned(),
                weight,
                base_weight: None,
                override_source: None,
                description: None,
                rationale: None,
            })
            .collect(),
        options: options
            .iter()
            .map(|(name, scores)| InputOption {
                name: (*name).to_owned(),
                description: None,
                scores: scores.to_vec(),
                base_scores: vec![None; 5],
                rationale: vec![None; 5],
                pros: Vec::new(),
                cons: Vec::new(),
            })
            .collect(),
    }
}

#[test]
fn the_worked_example_of_the_reference() {
    let evaluation = evaluate(&worked_example(), DEFAULT_TIE_TOLERANCE);
    assert_eq!(
        totals(&evaluation),
        vec![
            ("PostgreSQL".to_owned(), 230.0, 1),
            ("MongoDB".to_owned(), 202.0, 2),
            ("DynamoDB".to_owned(), 201.0, 3),
        ]
    );
    assert_eq!(evaluation.options[0].normalised_score, 7.42);
    assert_eq!(evaluation.options[1].normalised_score, 6.52);
    // DynamoDB overtakes if Consistency drops below 9 − 29/4 = 1.75.
    let consistency = &evaluation.sensitivity.weights[0];
    let below = consistency.below.as_ref().unwrap();
    assert_eq!(
        (below.at, below.to.as_str(), below.in_range),
        (1.75, "DynamoDB", true)
    );
    let critical = evaluation.sensitivity.critical_criterion.as_ref().unwrap();
    assert_eq!(critical.criterion, "Consistency");
    // MongoDB needs Horizontal scale above 5 + 28/3 = 14.33: out of range.
    let scale = &evaluation.sensitivity.weights[3];
    assert!(!scale.above.as_ref().unwrap().in_range);
    // MongoDB wins if its Consistency score reaches 6 + 28/9 = 9.11.
    let score = &evaluation.sensitivity.score_break_evens[0];
    assert_eq!(score.criterion, "Consistency");
    assert_eq!(
        (score.option.as_str(), score.to, score.winner_after.as_str()),
        ("PostgreSQL", 5.89, "MongoDB")
    );
}

#[test]
fn ranking_is_unchanged_when_all_weights_scale() {
    let base = evaluate(&worked_example(), 0.0);
    let mut scaled = worked_example();
    for criterion in &mut scaled.criteria {
        criterion.weight *= 1.1;
    }
    let order = |e: &Evaluation| e.options.iter().map(|o| o.name.clone()).collect::<Vec<_>>();
    assert_eq!(order(&base), order(&evaluate(&scaled, 0.0)));
}

#[test]
fn segments_cover_the_scale_and_agree_with_the_break_evens() {
    let api = seed("api_style");
    let caching = &api.sensitivity.weights[2];
    let winners: Vec<(f64, f64, &str)> = caching
        .segments
        .iter()
        .map(|s| (s.from, s.to, s.winner.as_str()))
        .collect();
    assert_eq!(winners, vec![(1.0, 7.5, "GraphQL"), (7.5, 10.0, "REST")]);
}

#[test]
fn overrides_are_checked_and_recorded() {
    let catalog = catalog();
    let mut input = Input::from_catalog(catalog.matrix("api_style").unwrap()).unwrap();
    input.set_weight("caching", 9.0, "--weight").unwrap();
    assert_eq!(input.criteria[2].base_weight, Some(7.0));
    assert!(matches!(
        input.set_weight("Cachng", 5.0, "--weight"),
        Err(MatrixError::UnknownCriterion { suggestion: Some(s), .. }) if s == "Caching"
    ));
    assert!(matches!(
        input.set_weight("Caching", 11.0, "--weight"),
        Err(MatrixError::OutOfRange { .. })
    ));
    input.set_score("REST", "Real-time", 6.0).unwrap();
    let evaluation = evaluate(&input, DEFAULT_TIE_TOLERANCE);
    assert_eq!(evaluation.recommendation, "REST");
}

#[test]
fn win_probability_is_reproducible() {
    let a = seed("api_style").sensitivity.win_probability;
    let b = seed("api_style").sensitivity.win_probability;
    assert_eq!(a, b);
    let total: f64 = a.iter().map(|w| w.probability).sum();
    assert!((total - 1.0).abs() < 0.002);
}

#[test]
fn numbers_render_without_noise() {
    assert_eq!(num(316.0), "316");
    assert_eq!(num(7.5), "7.5");
    assert_eq!(num(7.666_666), "7.67");
    assert_eq!(num(-0.001), "0");
    assert_eq!(json_num(429.0), serde_json::json!(429));
}

mod properties {
    use proptest::prelude::*;

    use super::super::*;

    fn matrix() -> impl Strategy<Value = Input> {
        (2usize..6, 2usize..5).prop_flat_map(|(criteria, options)| {
            (
                proptest::collection::vec(1u8..=10, criteria),
                proptest::collection::vec(proptest::collection::vec(1u8..=10, criteria), options),
            )
                .prop_map(|(weights, scores)| Input {
                    origin: Origin {
                        matrix: None,
                        selection: None,
                        sources: Vec::new(),
                    },
                    category: "Generated".to_owned(),
                    description: None,
                    criteria: weights
                        .iter()
                        .enumerate()
                        .map(|(i, w)| InputCriterion {
                            name: format!("c{i}"),
                            weight: f64::from(*w),
                            base_weight: None,
                            override_source: None,
                            description: None,
                            rationale: None,
                        })
                        .collect(),
                    options: scores
                        .iter()
                        .enumerate()
                        .map(|(i, s)| InputOption {
                            name: format!("o{i}"),
                            description: None,
                            scores: s.iter().map(|x| f64::from(*x)).collect(),
                            base_scores: vec![None; s.len()],
                            rationale: vec![None; s.len()],
                            pros: Vec::new(),
                            cons: Vec::new(),
                        })
                        .collect(),
                })
        })
    }

    fn winner(input: &Input) -> String {
        evaluate(input, 0.0).recommendation
    }

    proptest! {
        // No regression files: the case that once failed (two identical
        // options) is `exact_ties_have_zero_score_break_evens` below.
        #![proptest_config(ProptestConfig {
            cases: 64,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        /// Totals are the sum of their contributions, and ranks follow totals.
        #[test]
        fn totals_add_up_and_ranks_follow_them(input in matrix()) {
            let evaluation = evaluate(&input, DEFAULT_TIE_TOLERANCE);
            for option in &evaluation.options {
                let sum: f64 = option.contributions.values().filter_map(serde_json::Value::as_f64).sum();
                prop_assert!((sum - option.total_score).abs() < 0.01);
            }
            for pair in evaluation.options.windows(2) {
                prop_assert!(pair[0].total_score >= pair[1].total_score);
                prop_assert!(pair[0].rank <= pair[1].rank);
            }
        }

        /// Just inside a weight break-even the winner stays; just beyond an
        /// in-range one it changes.
        #[test]
        fn weight_break_evens_are_where_the_winner_changes(input in matrix()) {
            let evaluation = evaluate(&input, 0.0);
            let a = evaluation.recommendation.clone();
            for (k, sweep) in evaluation.sensitivity.weights.iter().enumerate() {
                for (flip, sign) in [(&sweep.below, -1.0), (&sweep.above, 1.0)] {
                    let Some(flip) = flip.as_ref().filter(|f| f.in_range) else { continue };
                    // `at` is rounded to 2 decimals in the report: step past the rounding.
                    let mut beyond = input.clone();
                    beyond.criteria[k].weight = flip.at + sign * 0.01;
                    let mut inside = input.clone();
                    inside.criteria[k].weight = flip.at - sign * 0.01;
                    if (inside.criteria[k].weight - sweep.weight).abs() > 1e-9 {
                        prop_assert_eq!(winner(&inside), a.clone(), "inside {}", sweep.criterion);
                    }
                    prop_assert_ne!(winner(&beyond), a.clone(), "beyond {}", sweep.criterion);
                }
            }
        }

        /// A score moved past its break-even changes the winner.
        #[test]
        fn score_break_evens_change_the_winner(input in matrix()) {
            let evaluation = evaluate(&input, 0.0);
            for b in &evaluation.sensitivity.score_break_evens {
                let o = input.option_index(&b.option).unwrap();
                let k = input.criterion_index(&b.criterion).unwrap();
                let mut moved = input.clone();
                let step = if b.direction == "below" { -0.01 } else { 0.01 };
                moved.options[o].scores[k] = b.to + step;
                prop_assert_ne!(winner(&moved), evaluation.recommendation.clone());
            }
        }
    }
}

#[test]
fn exact_ties_have_zero_score_break_evens() {
    let mut input = worked_example();
    input.options[1].scores = input.options[0].scores.clone();
    let evaluation = evaluate(&input, DEFAULT_TIE_TOLERANCE);
    assert_eq!(evaluation.options[0].rank, evaluation.options[1].rank);
    assert!(evaluation.tie.tied);
    let first = &evaluation.sensitivity.score_break_evens[0];
    assert_eq!((first.change, first.direction), (0.0, "below"));
}
