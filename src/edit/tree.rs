//! The edit as it should look in the parsed tree: concrete steps into a
//! [`Node`] tree, the same change applied to a tree, and a comparison that
//! ignores spans. The re-parse guard uses these to check that the edited text
//! reads as the old plan with exactly the intended change.

use std::fmt::Write as _;

use crate::yaml::{Entry, Node, Span, Value};

use super::value::Value as NewValue;

/// One concrete step into a tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    /// The value of a mapping key.
    Key(String),
    /// A list item by position (resolved from a selector, never given by
    /// the user).
    Index(usize),
}

/// The node at `steps`, if it exists.
pub(crate) fn node_at<'a>(root: &'a Node, steps: &[Step]) -> Option<&'a Node> {
    steps
        .iter()
        .try_fold(root, |node, step| match (step, &node.value) {
            (Step::Key(key), Value::Map(_)) => node.get(key).map(|entry| &entry.value),
            (Step::Index(i), Value::Seq(items)) => items.get(*i),
            _ => None,
        })
}

fn node_at_mut<'a>(root: &'a mut Node, steps: &[Step]) -> Option<&'a mut Node> {
    steps
        .iter()
        .try_fold(root, |node, step| match (step, &mut node.value) {
            (Step::Key(key), Value::Map(entries)) => entries
                .iter_mut()
                .find(|entry| entry.key == *key)
                .map(|entry| &mut entry.value),
            (Step::Index(i), Value::Seq(items)) => items.get_mut(*i),
            _ => None,
        })
}

/// A change to a tree, with resolved steps.
#[derive(Debug, Clone)]
pub(crate) enum Change {
    /// Replace the node at `steps` (which exists).
    Replace { steps: Vec<Step>, value: NewValue },
    /// Add `key: value` at the end of the mapping at `steps`; a null there
    /// becomes a mapping.
    Insert {
        steps: Vec<Step>,
        key: String,
        value: NewValue,
    },
    /// Remove the mapping entry or list item at `steps`.
    Remove { steps: Vec<Step> },
    /// Add `value` at the end of the list at `steps`.
    Push { steps: Vec<Step>, value: NewValue },
}

/// `root` with `change` applied; `None` if the steps do not fit the tree.
pub(crate) fn changed(root: &Node, change: &Change) -> Option<Node> {
    let mut tree = root.clone();
    match change {
        Change::Replace { steps, value } => *node_at_mut(&mut tree, steps)? = value.to_node(),
        Change::Insert { steps, key, value } => {
            let target = node_at_mut(&mut tree, steps)?;
            if target.value == Value::Null {
                target.value = Value::Map(Vec::new());
            }
            let Value::Map(entries) = &mut target.value else {
                return None;
            };
            entries.push(Entry {
                key: key.clone(),
                key_span: Span::default(),
                value: value.to_node(),
            });
        }
        Change::Remove { steps } => {
            let (last, parent) = steps.split_last()?;
            match (&mut node_at_mut(&mut tree, parent)?.value, last) {
                (Value::Map(entries), Step::Key(key)) => entries.retain(|entry| entry.key != *key),
                (Value::Seq(items), Step::Index(i)) if *i < items.len() => {
                    items.remove(*i);
                }
                _ => return None,
            }
        }
        Change::Push { steps, value } => {
            let Value::Seq(items) = &mut node_at_mut(&mut tree, steps)?.value else {
                return None;
            };
            items.push(value.to_node());
        }
    }
    Some(tree)
}

/// Whether `a` and `b` hold the same values, keys in the same order,
/// ignoring where they are in the text.
pub fn same_tree(a: &Node, b: &Node) -> bool {
    first_difference(a, b).is_none()
}

/// Where `a` and `b` first differ, as a path with list indexes
/// (`components[2].database`, or `the top level`), ignoring spans.
pub fn first_difference(a: &Node, b: &Node) -> Option<String> {
    let mut at = String::new();
    differ(a, b, &mut at).then(|| {
        if at.is_empty() {
            "the top level".to_owned()
        } else {
            at
        }
    })
}

/// True if `a` and `b` differ; `at` is then extended to where.
fn differ(a: &Node, b: &Node, at: &mut String) -> bool {
    match (&a.value, &b.value) {
        (Value::Map(left), Value::Map(right)) => {
            for (l, r) in left.iter().zip(right) {
                push_key(at, &l.key);
                if l.key != r.key || differ(&l.value, &r.value, at) {
                    return true;
                }
                truncate_last(at, &l.key);
            }
            match (left.get(right.len()), right.get(left.len())) {
                (Some(extra), _) | (_, Some(extra)) => {
                    push_key(at, &extra.key);
                    true
                }
                (None, None) => false,
            }
        }
        (Value::Seq(left), Value::Seq(right)) => {
            for (i, (l, r)) in left.iter().zip(right).enumerate() {
                let len = at.len();
                let _ = write!(at, "[{i}]");
                if differ(l, r, at) {
                    return true;
                }
                at.truncate(len);
            }
            if left.len() == right.len() {
                false
            } else {
                let _ = write!(at, "[{}]", left.len().min(right.len()));
                true
            }
        }
        // Exact: the parser reads the same text to the same bits.
        (Value::Float(x), Value::Float(y)) => x.to_bits() != y.to_bits(),
        (left, right) => left != right,
    }
}

fn push_key(at: &mut String, key: &str) {
    if !at.is_empty() {
        at.push('.');
    }
    at.push_str(key);
}

fn truncate_last(at: &mut String, key: &str) {
    let len = at.len() - key.len();
    at.truncate(len.saturating_sub(usize::from(len > 0)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::parse;

    #[test]
    fn spans_and_layout_do_not_matter() {
        let a = parse("a: 1\nb: [x, 'y']\nc: {d: 1.5}\n").unwrap();
        let b = parse("# c\na:   1\nb:\n  - \"x\"\n  - y\nc:\n  d: 1.5\n").unwrap();
        assert!(same_tree(&a, &b));
    }

    #[test]
    fn differences_are_located() {
        let a = parse("a: {b: [1, 2]}\nc: x\n").unwrap();
        for (other, at) in [
            ("a: {b: [1, 3]}\nc: x\n", "a.b[1]"),
            ("a: {b: [1]}\nc: x\n", "a.b[1]"),
            ("a: {b: [1, 2]}\nc: '1'\n", "c"),
            ("a: {b: [1, 2]}\n", "c"),
            ("c: x\na: {b: [1, 2]}\n", "a"),
            ("a: {b: [1, 2]}\nc: x\nd: 1\n", "d"),
            ("[1]", "the top level"),
        ] {
            let b = parse(other).unwrap();
            assert_eq!(first_difference(&a, &b).as_deref(), Some(at), "{other}");
        }
    }

    #[test]
    fn changes_apply_to_trees() {
        let tree = parse("a: {b: 1}\nl: [x, y]\nn:\n").unwrap();
        let key = |k: &str| Step::Key(k.to_owned());
        let insert = Change::Insert {
            steps: vec![key("n")],
            key: "k".into(),
            value: NewValue::Int(1),
        };
        let expected = parse("a: {b: 1}\nl: [x, y]\nn: {k: 1}\n").unwrap();
        assert!(same_tree(&changed(&tree, &insert).unwrap(), &expected));
        let remove = Change::Remove {
            steps: vec![key("l"), Step::Index(0)],
        };
        let expected = parse("a: {b: 1}\nl: [y]\nn:\n").unwrap();
        assert!(same_tree(&changed(&tree, &remove).unwrap(), &expected));
        let push = Change::Push {
            steps: vec![key("a")],
            value: NewValue::Int(1),
        };
        assert!(changed(&tree, &push).is_none());
    }
}
