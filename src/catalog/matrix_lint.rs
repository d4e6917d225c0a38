//! Checks of catalog matrix files beyond their schema: the id is the file
//! stem, names are unique, every option scores every criterion and nothing
//! else, every weight and every score carries a one-line rationale, and the
//! matrix cites its sources.

use std::collections::BTreeSet;

use crate::diag::{Code, Finding, did_you_mean};
use crate::yaml::{self, Node, Span, Value};

/// Matrices the built-in catalog must hold: the specification's three
/// (§6.2) and the ones architects commonly need.
pub const REQUIRED: &[&str] = &[
    "frontend_framework",
    "api_style",
    "message_broker",
    "container_orchestration",
    "iac_tool",
    "cicd_platform",
    "cloud_provider",
    "observability_stack",
    "cache",
];

/// Checks one `matrices/<id>.yaml` file (`path` relative to the catalog).
pub fn check_file(path: &str, text: &str) -> Vec<Finding> {
    let Ok(tree) = yaml::parse(text) else {
        return Vec::new(); // the loader reports syntax errors
    };
    let mut findings = Vec::new();
    let stem = path
        .trim_start_matches("matrices/")
        .trim_end_matches(".yaml");
    if let Some((id, span)) = string(&tree, "id")
        && id != stem
    {
        findings.push(
            Finding::new(
                Code::InvalidValue,
                format!("matrix id `{id}` in file `{path}`"),
                span,
                "not the file name",
            )
            .with_help(format!(
                "name the file matrices/{id}.yaml, or the id `{stem}`"
            )),
        );
    }
    if list(&tree, "sources").is_empty() {
        findings.push(missing(
            &tree,
            "sources",
            "the matrix cites no sources",
            "add where its weights and scores come from",
        ));
    }
    let mut criteria = BTreeSet::new();
    for criterion in list(&tree, "criteria") {
        if let Some((name, span)) = string(criterion, "name")
            && !criteria.insert(name.to_owned())
        {
            findings.push(
                Finding::new(
                    Code::DuplicateId,
                    format!("criterion `{name}` is defined twice"),
                    span,
                    "second definition",
                )
                .with_help("criterion names must be unique in a matrix"),
            );
        }
        if string(criterion, "rationale").is_none() {
            findings.push(missing(
                criterion,
                "rationale",
                "the criterion's weight has no rationale",
                "add `rationale:` with one line on why it weighs what it does",
            ));
        }
    }
    let mut options = BTreeSet::new();
    for option in list(&tree, "options") {
        let name = string(option, "name").map_or("", |(n, _)| n);
        if let Some((_, span)) = string(option, "name")
            && !options.insert(name.to_owned())
        {
            findings.push(
                Finding::new(
                    Code::DuplicateId,
                    format!("option `{name}` is defined twice"),
                    span,
                    "second definition",
                )
                .with_help("option names must be unique in a matrix"),
            );
        }
        check_option(option, name, &criteria, &mut findings);
    }
    if options.len() < 2 {
        findings.push(
            Finding::new(
                Code::MissingKey,
                "a matrix needs at least two options",
                tree.span,
                "here",
            )
            .with_help("add the alternatives an architect would weigh"),
        );
    }
    findings
}

fn check_option(
    option: &Node,
    name: &str,
    criteria: &BTreeSet<String>,
    findings: &mut Vec<Finding>,
) {
    for key in ["scores", "rationale"] {
        for entry in entries(option, key) {
            if !criteria.contains(&entry.key) {
                let help = did_you_mean(&entry.key, criteria.iter().map(String::as_str))
                    .map_or_else(
                        || format!("criteria: {}", join(criteria)),
                        |s| format!("did you mean `{s}`?"),
                    );
                findings.push(
                    Finding::new(
                        Code::UnknownCriterion,
                        format!(
                            "option `{name}` names criterion `{}`, which the matrix does not have",
                            entry.key
                        ),
                        entry.key_span,
                        "unknown criterion",
                    )
                    .with_help(help),
                );
            }
        }
    }
    let scored: BTreeSet<&str> = entries(option, "scores")
        .iter()
        .map(|e| e.key.as_str())
        .collect();
    let explained: BTreeSet<&str> = entries(option, "rationale")
        .iter()
        .map(|e| e.key.as_str())
        .collect();
    for criterion in criteria {
        if !scored.contains(criterion.as_str()) {
            findings.push(missing(
                option,
                "scores",
                &format!("option `{name}` has no score for `{criterion}`"),
                "score every option on every criterion, 1–10",
            ));
        }
        if !explained.contains(criterion.as_str()) {
            findings.push(missing(
                option,
                "rationale",
                &format!("option `{name}`'s score for `{criterion}` has no rationale"),
                "add one line under `rationale:` saying why the score",
            ));
        }
    }
}

fn missing(node: &Node, key: &str, message: &str, help: &str) -> Finding {
    let span = node.get(key).map_or(node.span, |e| e.key_span);
    Finding::new(Code::MissingKey, message, span, "here").with_help(help)
}

fn string<'a>(node: &'a Node, key: &str) -> Option<(&'a str, Span)> {
    match node.get(key).map(|e| &e.value) {
        Some(Node {
            value: Value::Str(s),
            span,
        }) => Some((s.as_str(), *span)),
        _ => None,
    }
}

fn list<'a>(node: &'a Node, key: &str) -> &'a [Node] {
    match node.get(key).map(|e| &e.value.value) {
        Some(Value::Seq(items)) => items,
        _ => &[],
    }
}

fn entries<'a>(node: &'a Node, key: &str) -> &'a [yaml::Entry] {
    match node.get(key).map(|e| &e.value.value) {
        Some(Value::Map(entries)) => entries,
        _ => &[],
    }
}

fn join(names: &BTreeSet<String>) -> String {
    names
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}
