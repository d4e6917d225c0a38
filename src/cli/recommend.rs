//! `infraplan recommend-db`: ranks database technologies for a component's
//! criteria (or a criteria file) and renders the ranking.

use camino::{Utf8Path, Utf8PathBuf};

use infraplan::catalog::{Catalog, parse_checked};
use infraplan::diag::did_you_mean;
use infraplan::edit::{self, Edit, Value as EditValue};
use infraplan::engine::adr;
use infraplan::engine::selection::{self, DEFAULT_MIN_SCORE, DatabaseRecommendation};
use infraplan::plan::database::DatabaseSelectionCriteria;
use infraplan::plan::{CloudProvider, ComponentType, Plan};

use super::init::ProviderArg;
use super::loading::{LoadedPlan, load_plan, read_file};
use super::recommend_report::{explain_table, markdown, sizing_paragraph, table};
use super::wizard::{self, Prompter as _};
use super::{CliError, Context, Outcome, output, render};

/// Arguments of `infraplan recommend-db`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Database component of the plan whose `database.criteria` to use.
    #[arg(long, value_name = "ID", conflicts_with = "criteria")]
    component: Option<String>,
    /// A YAML file holding just a `DatabaseSelectionCriteria`.
    #[arg(long, value_name = "FILE")]
    criteria: Option<Utf8PathBuf>,
    /// Provider whose managed services count (default: the component's or the plan's primary).
    #[arg(long, value_enum)]
    provider: Option<ProviderArg>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Show at most this many technologies.
    #[arg(long, value_name = "N", default_value_t = 5)]
    top: usize,
    /// Leave out technologies scoring below this (the specification's threshold is 0.5).
    #[arg(long, value_name = "SCORE", default_value_t = DEFAULT_MIN_SCORE)]
    min_score: f64,
    /// Show every criterion's weight, fit and points for each technology.
    #[arg(long)]
    explain: bool,
    /// Write the top technology (or `--choose`) and its type into the component in the plan.
    #[arg(long, requires = "component")]
    apply: bool,
    /// With --apply or --adr: the technology decided on, instead of the top one (must be in the ranking).
    #[arg(long, value_name = "ID")]
    choose: Option<String>,
    /// With --apply: replace the technology the component already names
    /// (without it, --apply refuses and shows what would change).
    #[arg(long, requires = "apply")]
    replace: bool,
    /// Write an Architecture Decision Record (proposed) for the choice into the ADR directory.
    #[arg(long, requires = "component")]
    adr: bool,
    /// With --adr: if this component's record is accepted and the ranking changed, propose a new record that supersedes it.
    #[arg(long, requires = "adr")]
    supersede: bool,
    /// With --apply or --adr: print the plan diff and the record instead of writing them.
    #[arg(long)]
    dry_run: bool,
    /// Run the selection wizard: requirements, recommendations, comparison,
    /// configuration, review (needs a terminal).
    #[arg(long, conflicts_with_all = ["criteria", "format", "apply", "adr"])]
    interactive: bool,
}

/// Output format of `recommend-db`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// Terminal table.
    Table,
    /// JSON list of recommendations.
    Json,
    /// Markdown, for pull requests and docs.
    Markdown,
}

/// What the ranking was computed for.
pub(super) struct Request {
    pub(super) criteria: DatabaseSelectionCriteria,
    pub(super) provider: CloudProvider,
    /// Region the suggested sizes are priced in (`None`: the provider's
    /// default catalog region).
    pub(super) region: Option<String>,
    pub(super) subject: String,
    pub(super) currency: String,
    /// Technologies that cannot be candidates on the provider but would
    /// have ranked among those shown: `name (score): why`.
    pub(super) excluded: Vec<String>,
}

/// Ranks and prints.
pub fn run(context: &Context, args: &Args) -> Result<Outcome, CliError> {
    if args.choose.is_some() && !args.apply && !args.adr {
        return Err(CliError::Usage {
            message: "--choose only makes sense with --apply or --adr".to_owned(),
            help: Some("add --apply to write it into the plan, or --adr to record it".to_owned()),
        });
    }
    if !(0.0..=1.0).contains(&args.min_score) {
        return Err(CliError::Usage {
            message: format!("--min-score {} is outside 0–1", args.min_score),
            help: Some("scores run from 0 to 1; the default is 0.5".to_owned()),
        });
    }
    let catalog = context.catalog()?;
    if args.interactive {
        return interactive(context, args, &catalog);
    }
    let mut loaded_plan = None;
    let mut request = match (&args.component, &args.criteria) {
        (Some(id), None) => {
            let Some(loaded) = load_plan(context, &catalog)? else {
                return Ok(Outcome::Failed);
            };
            let request = from_component(
                &loaded.plan,
                id,
                args.provider,
                &context.project.settings.defaults,
            )?;
            loaded_plan = Some(loaded);
            request
        }
        (None, Some(path)) => match from_file(context, &catalog, path, args.provider)? {
            Some(request) => request,
            None => return Ok(Outcome::Failed),
        },
        _ => {
            return Err(CliError::Usage {
                message: "recommend-db needs --component ID or --criteria FILE".to_owned(),
                help: Some("e.g. `infraplan recommend-db --plan examples/web-shop.yaml --component orders-db`".to_owned()),
            });
        }
    };
    let mut ranked = selection::recommend_in(&request.criteria, &catalog, request.provider, request.region.as_deref()).map_err(|error| {
        CliError::Usage {
            message: format!("{}: {error}", request.subject),
            help: Some("recommend-db needs at least `dataModel` (and ideally queryPatterns, scale, performance, operational)".to_owned()),
        }
    })?;
    selection::shortlist(&mut ranked, args.min_score, args.top);
    request.excluded = excluded_lines(&request, &catalog, &ranked, args.min_score);
    if let (Some(loaded), Some(id)) = (&loaded_plan, &args.component)
        && (args.apply || args.adr)
    {
        let chosen = choose(&ranked, args.choose.as_deref())?;
        let decision = Decision {
            loaded,
            component: id,
            chosen,
            ranked: &ranked,
            provider: request.provider,
        };
        if args.adr {
            write_adr(context, &catalog, &decision, args.supersede, args.dry_run)?;
        }
        if args.apply
            && apply(context, &catalog, &decision, args.dry_run, args.replace)? == Outcome::Failed
        {
            return Ok(Outcome::Failed);
        }
    }
    if !args.explain {
        for recommendation in &mut ranked {
            recommendation.contributions.clear();
        }
    }
    let text = match args.format {
        Format::Json => super::output::json(&ranked)?,
        Format::Table => table(&request, &ranked, args.explain),
        Format::Markdown => markdown(&request, &ranked, args.explain),
    };
    output::print(&text)?;
    Ok(Outcome::Success)
}

/// The excluded technologies that would have ranked among those shown.
pub(super) fn excluded_lines(
    request: &Request,
    catalog: &infraplan::catalog::Catalog,
    ranked: &[selection::DatabaseRecommendation],
    min_score: f64,
) -> Vec<String> {
    let floor = ranked.last().map_or(min_score, |r| r.score.max(min_score));
    selection::excluded(&request.criteria, catalog, request.provider)
        .into_iter()
        .filter(|(r, _)| r.score >= floor)
        .map(|(r, why)| format!("{} ({:.3}): {why}", r.technology, r.score))
        .collect()
}

pub(super) fn from_component(
    plan: &Plan,
    id: &str,
    provider: Option<ProviderArg>,
    defaults: &infraplan::config::Defaults,
) -> Result<Request, CliError> {
    let Some(component) = plan.component(id) else {
        let suggestion = did_you_mean(id, plan.components.iter().map(|c| c.id.as_str()));
        let databases: Vec<&str> = plan
            .components
            .iter()
            .filter(|c| c.kind == ComponentType::Database)
            .map(|c| c.id.as_str())
            .collect();
        return Err(CliError::Usage {
            message: format!("the plan has no component `{id}`"),
            help: Some(match suggestion {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("database components: {}", databases.join(", ")),
            }),
        });
    };
    let criteria = component
        .database
        .as_ref()
        .and_then(|d| d.criteria.clone())
        .ok_or_else(|| CliError::Usage {
            message: format!("recommend-db needs `database.criteria` on component `{id}`"),
            help: Some("add a `criteria:` block under the component's `database:` section (see docs/plan-format.md)".to_owned()),
        })?;
    let provider = infraplan::placement::provider(
        plan,
        Some(component),
        provider.map(CloudProvider::from),
        defaults,
    )
    .ok_or_else(no_provider)?;
    let region = infraplan::placement::region(plan, Some(component), provider, defaults);
    Ok(Request {
        criteria,
        provider,
        region,
        subject: format!("component `{id}`"),
        currency: plan.currency_code().to_owned(),
        excluded: Vec::new(),
    })
}

fn from_file(
    context: &Context,
    catalog: &Catalog,
    path: &Utf8Path,
    provider: Option<ProviderArg>,
) -> Result<Option<Request>, CliError> {
    let text = read_file(path)?;
    let criteria: DatabaseSelectionCriteria = match parse_checked(&text) {
        Ok(criteria) => criteria,
        Err(findings) => {
            for finding in &findings {
                ewrite!(
                    "{}",
                    render::human(path.as_str(), &text, finding, context.color)
                );
            }
            return Ok(None);
        }
    };
    // Like every other command: the flag, else the plan's primary provider
    // (when there is a plan), else `[defaults] provider` in infraplan.toml.
    let plan = if provider.is_none() && context.plan_path().is_file() {
        match load_plan(context, catalog)? {
            Some(loaded) => Some(loaded.plan),
            None => return Ok(None),
        }
    } else {
        None
    };
    let defaults = &context.project.settings.defaults;
    let requested = provider.map(CloudProvider::from);
    let provider = match &plan {
        Some(plan) => infraplan::placement::provider(plan, None, requested, defaults),
        None => requested.or(defaults.provider),
    }
    .ok_or_else(no_provider)?;
    let currency = plan
        .as_ref()
        .map(|p| p.currency_code().to_owned())
        .or_else(|| context.project.settings.currency.clone())
        .unwrap_or_else(|| "USD".to_owned());
    let region = match &plan {
        Some(plan) => infraplan::placement::region(plan, None, provider, defaults),
        None => defaults.regions.get(provider).cloned(),
    };
    Ok(Some(Request {
        criteria,
        provider,
        region,
        subject: format!("`{path}`"),
        currency,
        excluded: Vec::new(),
    }))
}

/// The wizard: the same ranking, with the criteria asked for and the
/// follow-up choices confirmed on the terminal.
fn interactive(context: &Context, args: &Args, catalog: &Catalog) -> Result<Outcome, CliError> {
    use std::io::IsTerminal;
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(CliError::Usage {
            message: "--interactive needs a terminal".to_owned(),
            help: Some("in scripts, pass --component ID or --criteria FILE".to_owned()),
        });
    }
    let mut prompter = wizard::Terminal;
    let loaded = match &args.component {
        Some(_) => match load_plan(context, catalog)? {
            Some(loaded) => Some(loaded),
            None => return Ok(Outcome::Failed),
        },
        None => None,
    };
    let start = match (&loaded, &args.component) {
        (Some(loaded), Some(id)) => {
            from_component(
                &loaded.plan,
                id,
                args.provider,
                &context.project.settings.defaults,
            )?
            .criteria
        }
        _ => DatabaseSelectionCriteria::default(),
    };
    ewriteln!("Step 1 of 5 — requirements");
    let criteria = wizard::ask_criteria(&mut prompter, &start)?;
    // The component's own provider and region, like the other modes.
    let defaults = &context.project.settings.defaults;
    let component = loaded
        .as_ref()
        .zip(args.component.as_deref())
        .and_then(|(l, id)| l.plan.component(id));
    let requested = args.provider.map(CloudProvider::from);
    let placed = match &loaded {
        Some(l) => infraplan::placement::provider(&l.plan, component, requested, defaults),
        None => requested.or(defaults.provider),
    };
    let provider = match placed {
        Some(provider) => provider,
        None => {
            CloudProvider::ALL[prompter.select("Cloud provider", &["azure", "aws", "gcp"], 0)?]
        }
    };
    let currency = loaded
        .as_ref()
        .map_or("USD", |l| l.plan.currency_code())
        .to_owned();
    let region = match &loaded {
        Some(l) => infraplan::placement::region(&l.plan, component, provider, defaults),
        None => defaults.regions.get(provider).cloned(),
    };
    let request = Request {
        criteria,
        provider,
        region,
        subject: args.component.as_ref().map_or_else(
            || "your criteria".to_owned(),
            |id| format!("component `{id}`"),
        ),
        currency,
        excluded: Vec::new(),
    };
    let mut ranked = selection::recommend_in(
        &request.criteria,
        catalog,
        provider,
        request.region.as_deref(),
    )
    .map_err(|error| CliError::Usage {
        message: error.to_string(),
        help: None,
    })?;
    selection::shortlist(&mut ranked, args.min_score, args.top);
    ewriteln!("Step 2 of 5 — recommendations");
    output::print(&table(&request, &ranked, false))?;
    if ranked.is_empty() {
        return Ok(Outcome::Success);
    }
    let names: Vec<&str> = ranked.iter().map(|r| r.technology.as_str()).collect();
    ewriteln!("Step 3 of 5 — comparison");
    let defaults: Vec<bool> = (0..names.len()).map(|i| i < 2).collect();
    for index in prompter.multi("Compare criterion by criterion", &names, &defaults)? {
        output::print(&explain_table(&ranked[index]))?;
    }
    ewriteln!("Step 4 of 5 — configuration");
    let chosen = prompter.select("Technology to configure", &names, 0)?;
    let reordered = selection::chosen_first(&ranked, chosen);
    if let Some(sizing) = sizing_paragraph(&request, &reordered) {
        output::print(&sizing)?;
    }
    ewriteln!("Step 5 of 5 — review");
    let (Some(loaded), Some(id)) = (&loaded, &args.component) else {
        let yaml = serde_saphyr::to_string(&request.criteria).unwrap_or_default();
        output::print(&format!(
            "Criteria (paste under a component's `database.criteria:`):\n{yaml}"
        ))?;
        return Ok(Outcome::Success);
    };
    let decision = Decision {
        loaded,
        component: id,
        chosen,
        ranked: &ranked,
        provider,
    };
    if prompter.confirm(
        &format!("Record the choice of {} in a proposed ADR?", names[chosen]),
        true,
    )? {
        write_adr(context, catalog, &decision, false, false)?;
    }
    // Replacing a technology the plan already names is said in the question.
    let current = loaded
        .plan
        .component(id)
        .and_then(|c| c.database.as_ref())
        .and_then(|d| d.technology.as_deref())
        .filter(|t| *t != names[chosen]);
    let question = match current {
        Some(current) => format!(
            "Replace {current} with {} in {}?",
            names[chosen], loaded.path
        ),
        None => format!("Write {} into {}?", names[chosen], loaded.path),
    };
    if prompter.confirm(&question, false)? {
        return apply(context, catalog, &decision, false, true);
    }
    Ok(Outcome::Success)
}

/// The recommendation a write acts on.
struct Decision<'a> {
    loaded: &'a LoadedPlan,
    component: &'a str,
    chosen: usize,
    ranked: &'a [DatabaseRecommendation],
    provider: CloudProvider,
}

fn choose(ranked: &[DatabaseRecommendation], wanted: Option<&str>) -> Result<usize, CliError> {
    if ranked.is_empty() {
        return Err(CliError::Usage {
            message: "no technology reaches the minimum score, so there is nothing to apply"
                .to_owned(),
            help: Some("lower --min-score, or revisit the criteria".to_owned()),
        });
    }
    let Some(wanted) = wanted else {
        return Ok(0);
    };
    ranked
        .iter()
        .position(|r| r.technology == wanted)
        .ok_or_else(|| {
            let listed: Vec<&str> = ranked.iter().map(|r| r.technology.as_str()).collect();
            CliError::Usage {
                message: format!("`{wanted}` is not in the ranking shown"),
                help: Some(format!(
                    "choose one of: {} (raise --top to see more)",
                    listed.join(", ")
                )),
            }
        })
}

/// Writes the chosen technology and its type into the plan, changing
/// nothing else; refused if the plan changed since it was read or would no
/// longer validate.
fn apply(
    context: &Context,
    catalog: &Catalog,
    decision: &Decision<'_>,
    dry_run: bool,
    replace: bool,
) -> Result<Outcome, CliError> {
    let chosen = &decision.ranked[decision.chosen];
    let replacement = decision
        .loaded
        .plan
        .component(decision.component)
        .and_then(|component| {
            selection::replace::replacement(
                &decision.loaded.plan,
                component,
                &chosen.technology,
                catalog,
                decision.provider,
            )
        });
    if let Some(replacement) = &replacement
        && !replace
    {
        return Err(CliError::Usage {
            message: format!(
                "`{}` already uses {}; --apply would replace it with {}",
                decision.component, replacement.current, replacement.chosen
            ),
            help: Some(replacement_help(replacement)),
        });
    }
    let base = format!("components[id={}].database", decision.component);
    let edits = [
        Edit::Set(
            edit_path(&format!("{base}.type"))?,
            EditValue::from(chosen.kind.as_str()),
        ),
        Edit::Set(
            edit_path(&format!("{base}.technology"))?,
            EditValue::from(chosen.technology.as_str()),
        ),
    ];
    // The shared plan write path: validation, new warnings, BOM, read-only
    // and changed-on-disk checks, atomic replace.
    let prepared = match infraplan::planops::prepare(&decision.loaded.text, &edits, catalog) {
        Ok(prepared) => prepared,
        Err(error) => return super::component::refuse(context, Some(decision.loaded), error),
    };
    let path = &decision.loaded.path;
    for finding in &prepared.new_warnings {
        ewrite!(
            "{}",
            render::human(path.as_str(), &prepared.text, finding, context.color)
        );
    }
    let write = super::component::WriteArgs { dry_run };
    if !super::component::write_text(context, decision.loaded, &prepared.text, write)? {
        return Ok(Outcome::Failed);
    }
    if !dry_run && !context.quiet {
        ewriteln!(
            "applied: {path} now sets `{}` to {}",
            decision.component,
            chosen.technology
        );
    }
    // Whatever else still describes the old choice is the user's to change.
    for disagreement in replacement.iter().flat_map(|r| &r.disagreements) {
        ewriteln!("warning: {disagreement}");
    }
    Ok(Outcome::Success)
}

/// What replacing would leave describing the old technology, and how to go on.
fn replacement_help(replacement: &selection::replace::Replacement) -> String {
    let mut help = format!(
        "pass --replace to write {} anyway, or --choose {} to keep it",
        replacement.chosen, replacement.current
    );
    if !replacement.disagreements.is_empty() {
        help.push_str("; after replacing, these would still describe ");
        help.push_str(&replacement.current);
        help.push_str(": ");
        help.push_str(&replacement.disagreements.join("; "));
    }
    help
}

fn write_adr(
    context: &Context,
    catalog: &Catalog,
    decision: &Decision<'_>,
    supersede: bool,
    dry_run: bool,
) -> Result<(), CliError> {
    let component_name = decision
        .loaded
        .plan
        .component(decision.component)
        .map_or(decision.component, |c| c.display_name());
    let ranked = selection::chosen_first(decision.ranked, decision.chosen);
    let record = adr::database::DatabaseRecord {
        component: decision.component,
        component_name,
        plan_path: decision.loaded.path.as_str(),
        provider: decision.provider,
        ranked: &ranked,
        catalog,
    };
    super::adr::upsert_generated(context, &record, supersede, dry_run)
}

fn edit_path(text: &str) -> Result<edit::PlanPath, CliError> {
    Ok(edit::parse_path(text)?)
}

fn no_provider() -> CliError {
    CliError::Usage {
        message: "recommend-db needs a provider to judge managed services".to_owned(),
        help: Some(
            "pass --provider azure|aws|gcp, or set `providers.primary` in the plan".to_owned(),
        ),
    }
}
