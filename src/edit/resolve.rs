//! From a [`PlanPath`] and an operation to a concrete [`Change`] on the
//! parsed tree: list selectors become positions, missing keys become an
//! insertion, and every path or type problem becomes a precise
//! [`EditError`] (with "did you mean" for typos).

use crate::diag::did_you_mean;
use crate::yaml::{Node, Value as Yaml};

use super::error::EditError;
use super::path::{PlanPath, Segment, Selector};
use super::tree::{Change, Step, node_at};
use super::value::Value;

/// What the user asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Set,
    Remove,
    Append,
}

impl Op {
    pub(crate) fn verb(self) -> &'static str {
        match self {
            Self::Set => "set",
            Self::Remove => "remove",
            Self::Append => "append to",
        }
    }
}

/// Where a path leads in a tree.
struct Walk {
    /// Steps to the deepest node that exists.
    steps: Vec<Step>,
    /// Keys still to create below it (empty when the whole path exists).
    missing: Vec<String>,
}

/// The change that performs `op` at `path` with `value` (ignored for
/// removals).
pub(crate) fn resolve(
    root: &Node,
    path: &PlanPath,
    op: Op,
    value: Option<&Value>,
) -> Result<Change, EditError> {
    let walk = walk(root, path, op)?;
    let target = node_at(root, &walk.steps).expect("walk returns existing steps");
    let value = value.cloned().unwrap_or(Value::Null);
    if !value.is_finite() {
        return Err(EditError::Unsupported {
            action: op.verb(),
            path: path.to_string(),
            reason: "`.nan` and `.inf` are not numbers a plan can hold".to_owned(),
        });
    }
    let conflict = |found: &'static str, expected: &'static str, help: Option<String>| {
        EditError::TypeConflict {
            action: op.verb(),
            path: path.to_string(),
            at: "it".to_owned(),
            found,
            expected,
            help,
        }
    };
    match op {
        Op::Remove => Ok(Change::Remove { steps: walk.steps }),
        Op::Set | Op::Append if !walk.missing.is_empty() => {
            let (first, rest) = walk.missing.split_first().expect("not empty");
            let leaf = if op == Op::Append {
                Value::Seq(vec![value])
            } else {
                value
            };
            let nested = rest
                .iter()
                .rev()
                .fold(leaf, |inner, key| Value::Map(vec![(key.clone(), inner)]));
            Ok(Change::Insert {
                steps: walk.steps,
                key: first.clone(),
                value: nested,
            })
        }
        Op::Set => match &target.value {
            Yaml::Map(_) | Yaml::Seq(_) => Err(conflict(
                target.value.type_name(),
                "a single value",
                Some(format!("set a key inside it: `{path}.<key>`")),
            )),
            _ if !value.is_scalar() && target.value != Yaml::Null => Err(conflict(
                target.value.type_name(),
                "null or absent",
                Some("only a missing or empty value can be replaced by a list or mapping".into()),
            )),
            _ => Ok(Change::Replace {
                steps: walk.steps,
                value,
            }),
        },
        Op::Append => match &target.value {
            Yaml::Seq(_) => Ok(Change::Push {
                steps: walk.steps,
                value,
            }),
            Yaml::Null => Ok(Change::Replace {
                steps: walk.steps,
                value: Value::Seq(vec![value]),
            }),
            other => Err(conflict(other.type_name(), "a list", None)),
        },
    }
}

/// Follows `path` as far as the tree goes.
fn walk(root: &Node, path: &PlanPath, op: Op) -> Result<Walk, EditError> {
    let segments = path.segments();
    let mut steps = Vec::new();
    let mut node = root;
    for (i, segment) in segments.iter().enumerate() {
        let here = || {
            if i == 0 {
                "the plan".to_owned()
            } else {
                format!("`{}`", path.prefix_text(i))
            }
        };
        let conflict = |found: &'static str, expected: &'static str| EditError::TypeConflict {
            action: op.verb(),
            path: path.to_string(),
            at: here(),
            found,
            expected,
            help: None,
        };
        match (segment, &node.value) {
            (Segment::Key(key), Yaml::Map(entries)) => {
                if let Some(entry) = entries.iter().find(|e| e.key == *key) {
                    steps.push(Step::Key(key.clone()));
                    node = &entry.value;
                    continue;
                }
                let rest = &segments[i..];
                let all_keys = rest.iter().all(|s| matches!(s, Segment::Key(_)));
                if op == Op::Remove || !all_keys {
                    let keys = entries.iter().map(|e| e.key.as_str());
                    return Err(EditError::KeyNotFound {
                        action: op.verb(),
                        path: path.to_string(),
                        parent: here(),
                        key: key.clone(),
                        help: suggestion(key, keys, "keys"),
                    });
                }
                return Ok(Walk {
                    steps,
                    missing: keys_of(rest),
                });
            }
            (Segment::Key(_), Yaml::Null) if op != Op::Remove && i > 0 => {
                let rest = &segments[i..];
                if rest.iter().all(|s| matches!(s, Segment::Key(_))) {
                    return Ok(Walk {
                        steps,
                        missing: keys_of(rest),
                    });
                }
                return Err(conflict("null", "a mapping"));
            }
            (Segment::Key(_), other) => return Err(conflict(other.type_name(), "a mapping")),
            (Segment::Item(selector), Yaml::Seq(items)) => {
                let index = select(items, selector, path, op, &here())?;
                steps.push(Step::Index(index));
                node = &items[index];
            }
            (Segment::Item(_), other) => return Err(conflict(other.type_name(), "a list")),
        }
    }
    Ok(Walk {
        steps,
        missing: Vec::new(),
    })
}

fn keys_of(segments: &[Segment]) -> Vec<String> {
    segments
        .iter()
        .filter_map(|s| match s {
            Segment::Key(key) => Some(key.clone()),
            Segment::Item(_) => None,
        })
        .collect()
}

/// The position of the one item `selector` picks.
fn select(
    items: &[Node],
    selector: &Selector,
    path: &PlanPath,
    op: Op,
    list: &str,
) -> Result<usize, EditError> {
    let matches: Vec<usize> = items
        .iter()
        .enumerate()
        .filter(|(_, item)| {
            item_names(item, selector.key.as_deref()).any(|name| name == selector.value)
        })
        .map(|(i, _)| i)
        .collect();
    match matches.as_slice() {
        [one] => Ok(*one),
        [] => {
            let names: Vec<String> = items
                .iter()
                .flat_map(|item| item_names(item, selector.key.as_deref()))
                .collect();
            Err(EditError::ItemNotFound {
                action: op.verb(),
                path: path.to_string(),
                list: list.to_owned(),
                selector: selector.to_string(),
                help: suggestion(&selector.value, names.iter().map(String::as_str), "items"),
            })
        }
        many => Err(EditError::Ambiguous {
            action: op.verb(),
            path: path.to_string(),
            list: list.to_owned(),
            selector: selector.to_string(),
            count: many.len(),
        }),
    }
}

/// The names an item answers to: the scalar under `key`, or for the
/// shorthand its `id`, its `name`, or the item itself when it is a scalar.
fn item_names<'a>(item: &'a Node, key: Option<&'a str>) -> impl Iterator<Item = String> + 'a {
    let keys: &[&str] = match key {
        Some(_) => &[],
        None => &["id", "name"],
    };
    let scalar = match (&item.value, key) {
        (Yaml::Map(_) | Yaml::Seq(_), _) | (_, Some(_)) => None,
        (value, None) => value.scalar_text(),
    };
    key.into_iter()
        .chain(keys.iter().copied())
        .filter_map(|k| item.get(k).and_then(|e| e.value.value.scalar_text()))
        .chain(scalar)
}

/// "did you mean `x`?", or the candidates when there are few.
fn suggestion<'a>(
    input: &str,
    candidates: impl Iterator<Item = &'a str> + Clone,
    what: &str,
) -> Option<String> {
    if let Some(close) = did_you_mean(input, candidates.clone()) {
        return Some(format!("did you mean `{close}`?"));
    }
    let all: Vec<&str> = candidates.collect();
    match all.len() {
        0 => None,
        1..=12 => Some(format!("{what} there: {}", all.join(", "))),
        n => Some(format!(
            "{what} there: {}, … ({n} in all)",
            all[..12].join(", ")
        )),
    }
}
