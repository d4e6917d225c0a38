//! Checks that span more than one value: unique ids, references between
//! sections, section-versus-type, catalog names, ordering and bounds.
//!
//! They run on the YAML tree rather than the typed plan, so a plan with a
//! typo in one place still gets its dangling references reported in the same
//! run. Values of the wrong type are skipped here; the schema pass reports
//! them.

use std::collections::{BTreeMap, BTreeSet};

use super::tree::{field, items, key_span, keys, number, strings, text};
use crate::catalog::Catalog;
use crate::diag::{Code, Finding, LineIndex, did_you_mean};
use crate::plan::ComponentType;
use crate::yaml::{Node, Span, Value};

const SECTIONS: &[&str] = &[
    "database",
    "kubernetes",
    "compute",
    "storage",
    "messaging",
    "loadBalancer",
    "cdn",
    "serverless",
    "network",
];

/// Runs every cross-value check on a plan tree parsed from `text`.
pub fn check(root: &Node, text: &str, catalog: &Catalog) -> Vec<Finding> {
    let mut findings = Vec::new();
    let components = check_components(root, catalog, &mut findings);
    let decisions = unique_ids(items(root, "decisions"), "id", "decision", &mut findings);
    check_modules(root, &components, &mut findings);
    check_environments(root, &mut findings);
    check_providers(root, &mut findings);
    check_migrations(root, &components, &mut findings);
    check_scaling(root, &components, &mut findings);
    check_selections(root, &decisions, &mut findings);
    check_catalog_matrices(root, catalog, &mut findings);
    check_decisions(root, &decisions, &mut findings);
    check_control_characters(root, &mut findings);
    name_first_definitions(&mut findings, text);
    findings
}

/// Names and titles are printed in tables, headings and record front
/// matter: a line break breaks a record's heading, an escape sequence
/// reaches the user's terminal, a NUL corrupts a file. Reject them there.
fn check_control_characters(node: &Node, findings: &mut Vec<Finding>) {
    match &node.value {
        Value::Map(entries) => {
            for entry in entries {
                if matches!(entry.key.as_str(), "name" | "title")
                    && let Value::Str(text) = &entry.value.value
                    && let Some(c) = text.chars().find(|c| c.is_control())
                {
                    findings.push(
                        Finding::new(
                            Code::ControlCharacter,
                            format!(
                                "`{}` holds the control character U+{:04X}",
                                entry.key,
                                u32::from(c)
                            ),
                            entry.value.span,
                            "not printable",
                        )
                        .with_help("names and titles are one line of printable text; put longer text in `description`"),
                    );
                }
                check_control_characters(&entry.value, findings);
            }
        }
        Value::Seq(items) => {
            for item in items {
                check_control_characters(item, findings);
            }
        }
        _ => {}
    }
}

/// Duplicate findings carry the first definition's offset in their help
/// until here, where it becomes a line number.
fn name_first_definitions(findings: &mut [Finding], text: &str) {
    let index = LineIndex::new(text);
    for finding in findings.iter_mut().filter(|f| f.code == Code::DuplicateId) {
        if let Some(help) = &finding.help
            && let Some(offset) = help.strip_prefix(FIRST_AT).and_then(|o| o.parse().ok())
        {
            let (line, _) = index.position(text, offset);
            finding.help = Some(format!("the first is on line {line}; rename or remove one"));
        }
    }
}

const FIRST_AT: &str = "first-at:";

/// Collects `id_key` of each item, reporting duplicates; returns id → span.
fn unique_ids<'a>(
    list: &'a [Node],
    id_key: &str,
    what: &str,
    findings: &mut Vec<Finding>,
) -> BTreeMap<&'a str, Span> {
    let mut seen = BTreeMap::new();
    for item in list {
        if let Some((id, span)) = text(item, id_key)
            && let Some(first) = seen.insert(id, span)
        {
            seen.insert(id, first);
            findings.push(
                Finding::new(
                    Code::DuplicateId,
                    format!("{what} `{id}` is defined more than once"),
                    span,
                    "duplicate",
                )
                .with_help(format!(
                    "{what} {id_key}s must be unique; rename or remove one"
                )),
            );
        }
    }
    seen
}

pub(super) fn unknown_reference(
    code: Code,
    what: &str,
    name: &str,
    span: Span,
    known: &BTreeMap<&str, Span>,
) -> Finding {
    let key = if matches!(what, "component" | "decision" | "phase") {
        "id"
    } else {
        "name"
    };
    let finding = Finding::new(
        code,
        format!("unknown {what} `{name}`"),
        span,
        format!("no {what} has this {key}"),
    );
    match did_you_mean(name, known.keys().copied()) {
        Some(suggestion) => finding.with_help(format!("did you mean `{suggestion}`?")),
        None if known.is_empty() => finding.with_help(format!("the plan defines no {what}s")),
        None => finding.with_help(format!(
            "defined {what}s: {}",
            known.keys().copied().collect::<Vec<_>>().join(", ")
        )),
    }
}

fn check_components<'a>(
    root: &'a Node,
    catalog: &Catalog,
    findings: &mut Vec<Finding>,
) -> BTreeMap<&'a str, Span> {
    let list = items(root, "components");
    let ids = unique_ids(list, "id", "component", findings);
    for component in list {
        let kind = text(component, "type").and_then(|(name, span)| {
            let kind: Option<ComponentType> =
                serde_json::from_value(serde_json::Value::String(name.to_owned())).ok();
            kind.map(|k| (k, span))
        });
        if let Some((kind, type_span)) = kind {
            check_sections(component, kind, type_span, findings);
        }
        if let Some(database) = field(component, "database") {
            check_database(database, catalog, findings);
        }
        if let Some(compute) = field(component, "compute") {
            let span = key_span(component, "compute").unwrap_or(compute.span);
            check_sized(compute, "the VM", span, findings);
        }
        if let Some(kubernetes) = field(component, "kubernetes") {
            check_kubernetes(kubernetes, findings);
        }
        if let Some(cdn) = field(component, "cdn")
            && let Some((origin, span)) = text(cdn, "origin")
            && !ids.contains_key(origin)
        {
            findings.push(unknown_reference(
                Code::UnknownComponent,
                "component",
                origin,
                span,
                &ids,
            ));
        }
    }
    ids
}

fn check_sections(
    component: &Node,
    kind: ComponentType,
    type_span: Span,
    findings: &mut Vec<Finding>,
) {
    let expected = kind.section();
    let mut has_expected = false;
    for section in SECTIONS {
        let Some(span) = key_span(component, section) else {
            continue;
        };
        if *section == expected {
            has_expected = true;
        } else {
            findings.push(
                Finding::new(
                    Code::SectionTypeMismatch,
                    format!("a `{}` component cannot have a `{section}` section", kind.as_str()),
                    span,
                    "belongs to another component type".to_string(),
                )
                .with_help(format!(
                    "a `{}` component takes a `{expected}` section; change `type` or move these settings",
                    kind.as_str()
                )),
            );
        }
    }
    if !has_expected {
        findings.push(
            Finding::new(
                Code::MissingSection,
                format!("this `{}` component has no `{expected}` section", kind.as_str()),
                type_span,
                format!("add a `{expected}:` section"),
            )
            .with_help(format!(
                "without `{expected}`, engines cannot size or price the component (see docs/plan-format.md)"
            )),
        );
    }
}

fn check_database(database: &Node, catalog: &Catalog, findings: &mut Vec<Finding>) {
    let Some((technology, span)) = text(database, "technology") else {
        return;
    };
    match catalog.database(technology) {
        None => {
            let finding = Finding::new(
                Code::UnknownTechnology,
                format!("unknown database technology `{technology}`"),
                span,
                "not in the catalog",
            );
            findings.push(match did_you_mean(technology, catalog.database_ids()) {
                Some(suggestion) => finding.with_help(format!("did you mean `{suggestion}`?")),
                None => finding.with_help(
                    "run `infraplan catalog list databases` for the known ids, or add one with --catalog",
                ),
            });
        }
        Some(entry) => {
            if let Some((declared, type_span)) = text(database, "type")
                && declared != entry.kind.as_str()
            {
                findings.push(
                    Finding::new(
                        Code::TechnologyTypeMismatch,
                        format!(
                            "`{technology}` is a {} database, not {declared}",
                            entry.kind.as_str()
                        ),
                        type_span,
                        format!("the catalog says `{}`", entry.kind.as_str()),
                    )
                    .with_help(format!(
                        "set `type: {}` or choose another technology",
                        entry.kind.as_str()
                    )),
                );
            }
        }
    }
}

/// A VM or node pool needs an instance type, or both vCPUs and memory.
fn check_sized(node: &Node, what: &str, span: Span, findings: &mut Vec<Finding>) {
    let has_type = field(node, "instanceType").is_some();
    let has_shape = field(node, "vcpus").is_some() && field(node, "memoryGB").is_some();
    if !has_type && !has_shape {
        findings.push(
            Finding::new(
                Code::ComputeSizeMissing,
                format!("{what} has neither `instanceType` nor `vcpus` and `memoryGB`"),
                span,
                "size unknown",
            )
            .with_help("add `instanceType: <provider SKU>`, or `vcpus:` and `memoryGB:` for the cheapest fit"),
        );
    }
}

fn check_kubernetes(kubernetes: &Node, findings: &mut Vec<Finding>) {
    let pools = unique_ids(
        items(kubernetes, "nodePools"),
        "name",
        "node pool",
        findings,
    );
    for pool in items(kubernetes, "nodePools") {
        let (name, span) = text(pool, "name").unwrap_or(("the node pool", pool.span));
        check_sized(pool, &format!("node pool `{name}`"), span, findings);
        check_bounds(pool, "minCount", "count", findings);
        check_bounds(pool, "count", "maxCount", findings);
    }
    unique_ids(items(kubernetes, "workloads"), "name", "workload", findings);
    for workload in items(kubernetes, "workloads") {
        if let Some(autoscaling) = field(workload, "autoscaling") {
            check_bounds(autoscaling, "minReplicas", "maxReplicas", findings);
        }
        if let Some((pool, span)) = text(workload, "nodePool")
            && !pools.contains_key(pool)
        {
            findings.push(unknown_reference(
                Code::UnknownNodePool,
                "node pool",
                pool,
                span,
                &pools,
            ));
        }
    }
}

/// Reports `low_key` > `high_key` within one mapping.
fn check_bounds(node: &Node, low_key: &str, high_key: &str, findings: &mut Vec<Finding>) {
    if let (Some((low, low_span)), Some((high, _))) =
        (number(node, low_key), number(node, high_key))
        && low > high
    {
        findings.push(
            Finding::new(
                Code::InvertedLimits,
                format!("`{low_key}` ({low}) is greater than `{high_key}` ({high})"),
                low_span,
                format!("must not exceed `{high_key}`"),
            )
            .with_help(format!("make `{low_key}` at most `{high_key}`")),
        );
    }
}

fn check_modules(root: &Node, components: &BTreeMap<&str, Span>, findings: &mut Vec<Finding>) {
    let modules = items(root, "modules");
    unique_ids(modules, "id", "module", findings);
    let mut used = BTreeSet::new();
    for module in modules {
        let mut mapped = BTreeSet::new();
        for mapping in items(module, "infrastructure") {
            let Some((component, span)) = text(mapping, "component") else {
                continue;
            };
            used.insert(component);
            if !components.contains_key(component) {
                findings.push(unknown_reference(
                    Code::UnknownComponent,
                    "component",
                    component,
                    span,
                    components,
                ));
            } else if !mapped.insert(component) {
                findings.push(
                    Finding::new(
                        Code::DuplicateMapping,
                        format!("the module maps component `{component}` twice"),
                        span,
                        "mapped again",
                    )
                    .with_help("keep one mapping per component; give it the role that applies"),
                );
            }
        }
    }
    if modules.is_empty() {
        return;
    }
    for (id, span) in components {
        if !used.contains(id) {
            findings.push(
                Finding::new(
                    Code::UnusedComponent,
                    format!("no module uses component `{id}`"),
                    *span,
                    "unused",
                )
                .with_help("map it from a module's `infrastructure`, or remove it"),
            );
        }
    }
}

fn check_environments(root: &Node, findings: &mut Vec<Finding>) {
    let environments = items(root, "environments");
    let names = unique_ids(environments, "name", "environment", findings);
    let workspaces = field(root, "iac")
        .and_then(|iac| field(iac, "terraform"))
        .map_or(&[][..], |terraform| items(terraform, "workspaces"));
    for workspace in workspaces {
        if let Some((environment, span)) = text(workspace, "environment")
            && !names.contains_key(environment)
        {
            findings.push(unknown_reference(
                Code::UnknownEnvironment,
                "environment",
                environment,
                span,
                &names,
            ));
        }
    }
    for environment in environments {
        if let Some((scale, span)) = number(environment, "scale")
            && scale <= 0.0
        {
            findings.push(
                Finding::new(
                    Code::InvalidScale,
                    format!("environment scale must be greater than 0, found {scale}"),
                    span,
                    "must be > 0",
                )
                .with_help("use 1.0 for production size, 0.25 for a quarter of it"),
            );
        }
    }
}

fn check_providers(root: &Node, findings: &mut Vec<Finding>) {
    let Some(providers) = field(root, "providers") else {
        return;
    };
    let Some((primary, span)) = text(providers, "primary") else {
        return;
    };
    if !["azure", "aws", "gcp"].contains(&primary) {
        return; // the schema pass reports the unknown provider
    }
    let has_region =
        field(providers, "regions").is_some_and(|regions| text(regions, primary).is_some());
    if !has_region {
        findings.push(
            Finding::new(
                Code::MissingRegion,
                format!("primary provider `{primary}` has no region"),
                span,
                "no region for this provider",
            )
            .with_help(format!(
                "add `regions: {{ {primary}: <region> }}` under `providers`"
            )),
        );
    }
}

fn check_migrations(root: &Node, components: &BTreeMap<&str, Span>, findings: &mut Vec<Finding>) {
    let migrations = items(root, "migrations");
    unique_ids(migrations, "id", "migration", findings);
    for migration in migrations {
        for end in ["source", "target"] {
            if let Some(endpoint) = field(migration, end) {
                check_component_list(endpoint, components, findings);
            }
        }
        let phases = unique_ids(items(migration, "phases"), "id", "phase", findings);
        unique_ids(items(migration, "risks"), "id", "risk", findings);
        let mut graph: BTreeMap<&str, Vec<(&str, Span)>> = BTreeMap::new();
        for phase in items(migration, "phases") {
            check_component_list(phase, components, findings);
            let dependencies = strings(phase, "dependencies");
            for &(dependency, span) in &dependencies {
                if !phases.contains_key(dependency) {
                    findings.push(unknown_reference(
                        Code::UnknownPhase,
                        "phase",
                        dependency,
                        span,
                        &phases,
                    ));
                }
            }
            if let Some((id, _)) = text(phase, "id") {
                graph.entry(id).or_default().extend(dependencies);
            }
            let timed_tasks = items(phase, "tasks")
                .iter()
                .any(|task| field(task, "duration").is_some());
            if field(phase, "estimatedDuration").is_none() && !timed_tasks {
                findings.push(
                    Finding::new(
                        Code::PhaseWithoutDuration,
                        format!(
                            "phase `{}` has no `estimatedDuration` and no task with a `duration`, so it cannot be scheduled",
                            text(phase, "id").map_or("?", |(id, _)| id)
                        ),
                        text(phase, "id").map_or(phase.span, |(_, span)| span),
                        "no duration",
                    )
                    .with_help("add `estimatedDuration: 3d` (working days; `2w` is ten), or durations on its tasks"),
                );
            }
        }
        if let Some(timeline) = field(migration, "timeline") {
            for (phase, span) in strings(timeline, "criticalPath") {
                if !phases.contains_key(phase) {
                    findings.push(unknown_reference(
                        Code::UnknownPhase,
                        "phase",
                        phase,
                        span,
                        &phases,
                    ));
                }
            }
        }
        if let Some(finding) = find_cycle(&graph) {
            findings.push(finding);
        }
        if let Some(traffic) =
            field(migration, "strategy").and_then(|s| field(s, "trafficMigration"))
        {
            check_rollout(traffic, findings);
        }
        if let Some(timeline) = field(migration, "timeline") {
            let start = text(timeline, "plannedStart");
            let end = text(timeline, "plannedEnd");
            if let (Some((start, _)), Some((end, end_span))) = (start, end) {
                // ISO dates compare correctly as text once both are well-formed.
                if end.len() == 10 && start.len() == 10 && end < start {
                    findings.push(
                        Finding::new(
                            Code::InvertedLimits,
                            format!("`plannedEnd` ({end}) is before `plannedStart` ({start})"),
                            end_span,
                            "before the start",
                        )
                        .with_help("make the end date on or after the start date"),
                    );
                }
            }
        }
    }
}

fn check_component_list(
    node: &Node,
    components: &BTreeMap<&str, Span>,
    findings: &mut Vec<Finding>,
) {
    for (component, span) in strings(node, "components") {
        if !components.contains_key(component) {
            findings.push(unknown_reference(
                Code::UnknownComponent,
                "component",
                component,
                span,
                components,
            ));
        }
    }
}

/// Finds one dependency cycle among phases and reports it at the edge that
/// closes it, naming the whole loop.
fn find_cycle(graph: &BTreeMap<&str, Vec<(&str, Span)>>) -> Option<Finding> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Visiting,
        Done,
    }
    fn visit<'a>(
        node: &'a str,
        graph: &BTreeMap<&'a str, Vec<(&'a str, Span)>>,
        marks: &mut BTreeMap<&'a str, Mark>,
        stack: &mut Vec<&'a str>,
    ) -> Option<(Vec<&'a str>, Span)> {
        marks.insert(node, Mark::Visiting);
        stack.push(node);
        for &(next, span) in graph.get(node).into_iter().flatten() {
            match marks.get(next) {
                Some(Mark::Visiting) => {
                    let start = stack.iter().position(|n| *n == next).unwrap_or(0);
                    let mut cycle = stack[start..].to_vec();
                    cycle.push(next);
                    return Some((cycle, span));
                }
                None if graph.contains_key(next) => {
                    if let Some(found) = visit(next, graph, marks, stack) {
                        return Some(found);
                    }
                }
                Some(Mark::Done) | None => {}
            }
        }
        stack.pop();
        marks.insert(node, Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for &node in graph.keys() {
        if marks.contains_key(node) {
            continue;
        }
        if let Some((cycle, span)) = visit(node, graph, &mut marks, &mut Vec::new()) {
            // The loop reads in dependency order: each phase waits for the next.
            return Some(
                Finding::new(
                    Code::DependencyCycle,
                    format!(
                        "migration phases depend on each other in a cycle: {}",
                        cycle.join(" → ")
                    ),
                    span,
                    "closes the cycle",
                )
                .with_help("remove one of these dependencies so the phases can be ordered"),
            );
        }
    }
    None
}

fn check_rollout(traffic: &Node, findings: &mut Vec<Finding>) {
    let mut previous: Option<f64> = None;
    for item in items(traffic, "rolloutPercentages") {
        let value = match item.value {
            crate::yaml::Value::Int(i) => {
                #[allow(clippy::cast_precision_loss)]
                let v = i as f64;
                v
            }
            crate::yaml::Value::Float(f) => f,
            _ => continue,
        };
        if previous.is_some_and(|p| value <= p) {
            findings.push(
                Finding::new(
                    Code::UnorderedRollout,
                    format!("rollout step {value}% does not increase on the step before it"),
                    item.span,
                    "not increasing",
                )
                .with_help("list rollout percentages in rising order, e.g. [5, 25, 50, 100]"),
            );
        }
        previous = Some(value);
    }
}

fn check_scaling(root: &Node, components: &BTreeMap<&str, Span>, findings: &mut Vec<Finding>) {
    for pattern in items(root, "scaling") {
        if let Some((component, span)) = text(pattern, "component")
            && !components.contains_key(component)
        {
            findings.push(unknown_reference(
                Code::UnknownComponent,
                "component",
                component,
                span,
                components,
            ));
        }
        if let Some(limits) = field(pattern, "limits") {
            check_bounds(limits, "min", "max", findings);
        }
    }
}

fn check_selections(root: &Node, decisions: &BTreeMap<&str, Span>, findings: &mut Vec<Finding>) {
    let selections = items(root, "selections");
    unique_ids(selections, "id", "selection", findings);
    for selection in selections {
        let criteria = unique_ids(items(selection, "criteria"), "name", "criterion", findings);
        let options = unique_ids(items(selection, "options"), "name", "option", findings);
        let inline = !criteria.is_empty();
        if inline {
            for (name, span) in keys(selection, "weights") {
                if !criteria.contains_key(name) {
                    findings.push(unknown_reference(
                        Code::UnknownCriterion,
                        "criterion",
                        name,
                        span,
                        &criteria,
                    ));
                }
            }
            for option in items(selection, "options") {
                for (name, span) in keys(option, "scores") {
                    if !criteria.contains_key(name) {
                        findings.push(unknown_reference(
                            Code::UnknownCriterion,
                            "criterion",
                            name,
                            span,
                            &criteria,
                        ));
                    }
                }
            }
        }
        if let Some((chosen, span)) = text(selection, "chosen")
            && !options.is_empty()
            && !options.contains_key(chosen)
        {
            findings.push(unknown_reference(
                Code::InvalidValue,
                "option",
                chosen,
                span,
                &options,
            ));
        }
        if let Some((decision, span)) = text(selection, "decision")
            && !decisions.contains_key(decision)
        {
            findings.push(unknown_reference(
                Code::UnknownDecision,
                "decision",
                decision,
                span,
                decisions,
            ));
        }
    }
}

fn check_decisions(root: &Node, decisions: &BTreeMap<&str, Span>, findings: &mut Vec<Finding>) {
    for decision in items(root, "decisions") {
        let mut references = strings(decision, "relatedDecisions");
        references.extend(text(decision, "supersededBy"));
        for (reference, span) in references {
            if !decisions.contains_key(reference) {
                findings.push(unknown_reference(
                    Code::UnknownDecision,
                    "decision",
                    reference,
                    span,
                    decisions,
                ));
            }
        }
    }
}

/// Selections built on a catalog matrix: the matrix exists, and the weight
/// overrides and `chosen` name its criteria and options.
fn check_catalog_matrices(root: &Node, catalog: &Catalog, findings: &mut Vec<Finding>) {
    for selection in items(root, "selections") {
        let Some((id, span)) = text(selection, "matrix") else {
            continue;
        };
        if !items(selection, "criteria").is_empty() {
            continue; // an inline matrix: checked by `check_selections`
        }
        let Some(matrix) = catalog.matrix(id) else {
            let ids = catalog.matrices.iter().map(|m| m.item.id.as_str());
            let help = match did_you_mean(id, ids.clone()) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("catalog matrices: {}", ids.collect::<Vec<_>>().join(", ")),
            };
            findings.push(
                Finding::new(
                    Code::UnknownMatrix,
                    format!("unknown matrix `{id}`"),
                    span,
                    "not in the catalog",
                )
                .with_help(help),
            );
            continue;
        };
        let criteria: Vec<&str> = matrix.criteria.iter().map(|c| c.name.as_str()).collect();
        for (name, span) in keys(selection, "weights") {
            if !criteria.contains(&name) {
                findings.push(not_in_matrix(
                    Code::UnknownCriterion,
                    id,
                    ("criterion", "criteria"),
                    name,
                    span,
                    &criteria,
                ));
            }
        }
        let options: Vec<&str> = matrix.options.iter().map(|o| o.name.as_str()).collect();
        if let Some((chosen, span)) = text(selection, "chosen")
            && !options.contains(&chosen)
        {
            findings.push(not_in_matrix(
                Code::InvalidValue,
                id,
                ("option", "options"),
                chosen,
                span,
                &options,
            ));
        }
    }
}

/// A name the catalog matrix `id` does not have, with "did you mean" or the
/// list of what it does have. `kind` is the singular and plural noun.
fn not_in_matrix(
    code: Code,
    id: &str,
    kind: (&str, &str),
    name: &str,
    span: Span,
    known: &[&str],
) -> Finding {
    let (one, many) = kind;
    let help = did_you_mean(name, known.iter().copied()).map_or_else(
        || format!("`{id}` has the {many} {}", known.join(", ")),
        |s| format!("did you mean `{s}`?"),
    );
    Finding::new(
        code,
        format!("matrix `{id}` has no {one} `{name}`"),
        span,
        format!(
            "not {} {one} of the matrix",
            if one.starts_with('o') { "an" } else { "a" }
        ),
    )
    .with_help(help)
}
