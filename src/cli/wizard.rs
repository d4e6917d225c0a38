//! `recommend-db --interactive`: the specification's database selection
//! wizard (requirements → recommendations → comparison → configuration →
//! review) on a terminal. The questions go through [`Prompter`], so the
//! requirements step is tested with scripted answers and no terminal.

use infraplan::plan::database::{
    BudgetCriteria, Consistency, DataModelCriteria, DataModelType, DataSize,
    DatabaseSelectionCriteria, LatencyClass, OperationalCriteria, OptimizeFor, PerformanceCriteria,
    QueryPatterns, Relationships, ScaleCriteria, SchemaFlexibility,
};
use infraplan::plan::money::Money;

use super::CliError;

/// Asks questions; every prompt has a default.
pub trait Prompter {
    /// One of `items`.
    fn select(&mut self, prompt: &str, items: &[&str], default: usize) -> Result<usize, CliError>;
    /// Any of `items`.
    fn multi(
        &mut self,
        prompt: &str,
        items: &[&str],
        defaults: &[bool],
    ) -> Result<Vec<usize>, CliError>;
    /// A non-negative number.
    fn number(&mut self, prompt: &str, default: f64) -> Result<f64, CliError>;
    /// Yes or no.
    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool, CliError>;
}

/// Prompts on the terminal with dialoguer (on stderr).
pub struct Terminal;

#[allow(clippy::needless_pass_by_value)] // `map_err` hands the error over by value
fn prompt_error(error: dialoguer::Error) -> CliError {
    CliError::Usage {
        message: format!("could not read an answer: {error}"),
        help: Some("run without --interactive and pass --component or --criteria".to_owned()),
    }
}

impl Prompter for Terminal {
    fn select(&mut self, prompt: &str, items: &[&str], default: usize) -> Result<usize, CliError> {
        dialoguer::Select::new()
            .with_prompt(prompt)
            .items(items)
            .default(default)
            .interact()
            .map_err(prompt_error)
    }

    fn multi(
        &mut self,
        prompt: &str,
        items: &[&str],
        defaults: &[bool],
    ) -> Result<Vec<usize>, CliError> {
        dialoguer::MultiSelect::new()
            .with_prompt(format!("{prompt} (space toggles, enter accepts)"))
            .items(items)
            .defaults(defaults)
            .interact()
            .map_err(prompt_error)
    }

    fn number(&mut self, prompt: &str, default: f64) -> Result<f64, CliError> {
        dialoguer::Input::<f64>::new()
            .with_prompt(prompt)
            .default(default)
            .validate_with(|v: &f64| {
                if v.is_finite() && *v >= 0.0 {
                    Ok(())
                } else {
                    Err("enter a number ≥ 0")
                }
            })
            .interact_text()
            .map_err(prompt_error)
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool, CliError> {
        dialoguer::Confirm::new()
            .with_prompt(prompt)
            .default(default)
            .interact()
            .map_err(prompt_error)
    }
}

/// Picks among enum values listed with their plan spellings.
fn pick<T: Copy + PartialEq>(
    prompter: &mut dyn Prompter,
    prompt: &str,
    options: &[(T, &str)],
    current: Option<T>,
) -> Result<T, CliError> {
    let names: Vec<&str> = options.iter().map(|(_, n)| *n).collect();
    let default = current
        .and_then(|c| options.iter().position(|(v, _)| *v == c))
        .unwrap_or(0);
    Ok(options[prompter.select(prompt, &names, default)?].0)
}

/// The requirements step: every criterion of the specification, starting
/// from `start` (a component's criteria, or empty).
pub fn ask_criteria(
    prompter: &mut dyn Prompter,
    start: &DatabaseSelectionCriteria,
) -> Result<DatabaseSelectionCriteria, CliError> {
    Ok(DatabaseSelectionCriteria {
        data_model: Some(ask_data_model(prompter, start.data_model.as_ref())?),
        query_patterns: Some(ask_patterns(
            prompter,
            &start.query_patterns.clone().unwrap_or_default(),
        )?),
        scale: Some(ask_scale(prompter, start.scale.as_ref())?),
        performance: Some(ask_performance(prompter, start.performance.as_ref())?),
        operational: Some(ask_operational(
            prompter,
            &start.operational.clone().unwrap_or_default(),
        )?),
        budget: Some(ask_budget(prompter, start.budget.as_ref())?),
    })
}

fn ask_data_model(
    p: &mut dyn Prompter,
    current: Option<&DataModelCriteria>,
) -> Result<DataModelCriteria, CliError> {
    use DataModelType as T;
    use Relationships as R;
    use SchemaFlexibility as S;
    let kind = pick(
        p,
        "Shape of the data",
        &[
            (T::Structured, "structured"),
            (T::SemiStructured, "semi_structured"),
            (T::Unstructured, "unstructured"),
            (T::Graph, "graph"),
            (T::TimeSeries, "time_series"),
        ],
        current.map(|c| c.kind),
    )?;
    let relationships = pick(
        p,
        "How records relate",
        &[
            (R::None, "none"),
            (R::Simple, "simple"),
            (R::Complex, "complex"),
            (R::HighlyConnected, "highly_connected"),
        ],
        current.map(|c| c.relationships),
    )?;
    let schema_flexibility = pick(
        p,
        "Schema",
        &[
            (S::Rigid, "rigid"),
            (S::Flexible, "flexible"),
            (S::Schemaless, "schemaless"),
        ],
        current.map(|c| c.schema_flexibility),
    )?;
    Ok(DataModelCriteria {
        kind,
        relationships,
        schema_flexibility,
    })
}

fn ask_patterns(p: &mut dyn Prompter, current: &QueryPatterns) -> Result<QueryPatterns, CliError> {
    let names = [
        "readHeavy",
        "writeHeavy",
        "complexQueries",
        "fullTextSearch",
        "aggregations",
        "realTimeAnalytics",
        "graphTraversals",
        "timeRangeQueries",
        "vectorSearch",
    ];
    let defaults = [
        current.read_heavy,
        current.write_heavy,
        current.complex_queries,
        current.full_text_search,
        current.aggregations,
        current.real_time_analytics,
        current.graph_traversals,
        current.time_range_queries,
        current.vector_search,
    ];
    let chosen = p.multi("Query patterns", &names, &defaults)?;
    let on = |i: usize| chosen.contains(&i);
    Ok(QueryPatterns {
        read_heavy: on(0),
        write_heavy: on(1),
        complex_queries: on(2),
        full_text_search: on(3),
        aggregations: on(4),
        real_time_analytics: on(5),
        graph_traversals: on(6),
        time_range_queries: on(7),
        vector_search: on(8),
    })
}

fn ask_scale(
    p: &mut dyn Prompter,
    current: Option<&ScaleCriteria>,
) -> Result<ScaleCriteria, CliError> {
    use DataSize as D;
    let data_size = pick(
        p,
        "Data size",
        &[
            (D::Small, "small (<1 GB)"),
            (D::Medium, "medium (1–100 GB)"),
            (D::Large, "large (100 GB–10 TB)"),
            (D::Massive, "massive (>10 TB)"),
        ],
        current.map(|c| c.data_size),
    )?;
    let read_throughput = p.number(
        "Peak reads per second",
        current.map_or(500.0, |c| c.read_throughput),
    )?;
    let write_throughput = p.number(
        "Peak writes per second",
        current.map_or(100.0, |c| c.write_throughput),
    )?;
    let connections = p.number(
        "Concurrent connections",
        current.map_or(100.0, |c| f64::from(c.concurrent_connections)),
    )?;
    // Entered as a non-negative number; saturates at u32::MAX.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let concurrent_connections = connections.round().min(f64::from(u32::MAX)) as u32;
    Ok(ScaleCriteria {
        data_size,
        read_throughput,
        write_throughput,
        concurrent_connections,
    })
}

fn ask_performance(
    p: &mut dyn Prompter,
    current: Option<&PerformanceCriteria>,
) -> Result<PerformanceCriteria, CliError> {
    use Consistency as C;
    use LatencyClass as L;
    let latencies = [
        (L::UltraLow, "ultra_low (<1 ms)"),
        (L::Low, "low (<10 ms)"),
        (L::Medium, "medium (<100 ms)"),
        (L::High, "high (>100 ms)"),
    ];
    let read_latency = pick(
        p,
        "Read latency target",
        &latencies,
        current.map(|c| c.read_latency).or(Some(L::Low)),
    )?;
    let write_latency = pick(
        p,
        "Write latency target",
        &latencies,
        current.map(|c| c.write_latency).or(Some(L::Low)),
    )?;
    let consistency = pick(
        p,
        "Consistency",
        &[
            (C::Strong, "strong"),
            (C::Eventual, "eventual"),
            (C::Causal, "causal"),
        ],
        current.map(|c| c.consistency),
    )?;
    Ok(PerformanceCriteria {
        read_latency,
        write_latency,
        consistency,
    })
}

fn ask_operational(
    p: &mut dyn Prompter,
    current: &OperationalCriteria,
) -> Result<OperationalCriteria, CliError> {
    let names = [
        "managedPreferred",
        "multiRegion",
        "highAvailability",
        "autoScaling",
    ];
    let defaults = [
        current.managed_preferred,
        current.multi_region,
        current.high_availability,
        current.auto_scaling,
    ];
    let chosen = p.multi("Operations", &names, &defaults)?;
    let on = |i: usize| chosen.contains(&i);
    let retention = p.number(
        "Backup retention, days",
        f64::from(current.backup_retention.unwrap_or(7)),
    )?;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let backup_retention = Some(retention.round().min(3650.0) as u32);
    Ok(OperationalCriteria {
        managed_preferred: on(0),
        multi_region: on(1),
        high_availability: on(2),
        auto_scaling: on(3),
        backup_retention,
    })
}

fn ask_budget(
    p: &mut dyn Prompter,
    current: Option<&BudgetCriteria>,
) -> Result<BudgetCriteria, CliError> {
    use OptimizeFor as O;
    #[allow(clippy::cast_precision_loss)]
    let start = current.map_or(1000.0, |b| b.monthly_budget.cents() as f64 / 100.0);
    let amount = p.number("Monthly budget", start)?;
    let monthly_budget =
        Money::from_decimal((amount * 100.0).round() / 100.0).map_err(|message| {
            CliError::Usage {
                message,
                help: Some("enter an amount such as 1500 or 99.95".to_owned()),
            }
        })?;
    let optimize_for = Some(pick(
        p,
        "Optimise for",
        &[
            (O::Balanced, "balanced"),
            (O::Cost, "cost"),
            (O::Performance, "performance"),
        ],
        current.and_then(|b| b.optimize_for),
    )?);
    Ok(BudgetCriteria {
        monthly_budget,
        optimize_for,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::VecDeque;

    /// Answers from a script, in order; panics if the wizard asks more.
    struct Script(VecDeque<Answer>);

    enum Answer {
        Select(usize),
        Multi(Vec<usize>),
        Number(f64),
    }

    impl Prompter for Script {
        fn select(&mut self, _: &str, _: &[&str], _: usize) -> Result<usize, CliError> {
            match self.0.pop_front() {
                Some(Answer::Select(i)) => Ok(i),
                _ => panic!("script expected a select"),
            }
        }

        fn multi(&mut self, _: &str, _: &[&str], _: &[bool]) -> Result<Vec<usize>, CliError> {
            match self.0.pop_front() {
                Some(Answer::Multi(v)) => Ok(v),
                _ => panic!("script expected a multi-select"),
            }
        }

        fn number(&mut self, _: &str, _: f64) -> Result<f64, CliError> {
            match self.0.pop_front() {
                Some(Answer::Number(n)) => Ok(n),
                _ => panic!("script expected a number"),
            }
        }

        fn confirm(&mut self, _: &str, default: bool) -> Result<bool, CliError> {
            Ok(default)
        }
    }

    #[test]
    fn answers_become_selection_criteria() {
        use Answer::{Multi, Number, Select};
        let mut script = Script(VecDeque::from([
            Select(3),
            Select(3),
            Select(1),         // graph, highly_connected, flexible
            Multi(vec![0, 6]), // readHeavy, graphTraversals
            Select(2),
            Number(3000.0),
            Number(300.0),
            Number(200.0), // large, rates, connections
            Select(1),
            Select(2),
            Select(0), // read low, write medium, strong
            Multi(vec![0, 2]),
            Number(14.0), // managed + HA, 14 days
            Number(4000.5),
            Select(2), // budget, performance
        ]));
        let criteria = ask_criteria(&mut script, &DatabaseSelectionCriteria::default()).unwrap();
        assert!(script.0.is_empty(), "every answer used");
        let model = criteria.data_model.unwrap();
        assert_eq!(
            (model.kind, model.relationships),
            (DataModelType::Graph, Relationships::HighlyConnected)
        );
        let patterns = criteria.query_patterns.unwrap();
        assert!(patterns.read_heavy && patterns.graph_traversals && !patterns.write_heavy);
        let scale = criteria.scale.unwrap();
        assert_eq!(
            (scale.data_size, scale.concurrent_connections),
            (DataSize::Large, 200)
        );
        let operational = criteria.operational.unwrap();
        assert!(
            operational.managed_preferred
                && operational.high_availability
                && !operational.multi_region
        );
        assert_eq!(operational.backup_retention, Some(14));
        let budget = criteria.budget.unwrap();
        assert_eq!(budget.monthly_budget, Money::from_cents(400_050));
        assert_eq!(budget.optimize_for, Some(OptimizeFor::Performance));
    }
}
