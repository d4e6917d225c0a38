//! `PATH=VALUE` and `PATH+=ITEM` arguments: reading them, checking the path
//! against the plan schema, and typing the value the way the schema says.
//!
//! A value is text on the command line; the schema decides what it becomes.
//! `count=6` is the integer 6, `spot=true` a boolean, `version=16` the string
//! `"16"` where the schema wants a string, and `tier=standrd` an error naming
//! `standard`. Where a place takes several types (a CPU quantity is a
//! string or a number), the type of the value already in the file wins, so
//! `cpu: "1"` stays quoted when it becomes `"2"`. Nothing is ever typed
//! `null`: removing a value is `unset`.

use crate::diag::did_you_mean;
use crate::edit::{self, PlanPath, Segment, Value};
use crate::yaml::{self, Node, Value as Yaml};

use super::PlanOpsError;
use super::shape::{Choices, Kind, Shape};

/// What an assignment does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `PATH=VALUE`: set a single value.
    Set,
    /// `PATH+=ITEM`: append an item to a list.
    Append,
}

/// One `PATH=VALUE` or `PATH+=ITEM` argument, read but not yet typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    /// The path, relative to what the command edits (a component, …).
    pub path: PlanPath,
    /// Set or append.
    pub op: Op,
    /// The value text as given.
    pub value: String,
}

impl Assignment {
    /// Reads `PATH=VALUE` or `PATH+=ITEM`. The path ends at the first `=`
    /// outside double quotes and `[…]`, so values may contain `=`.
    pub fn parse(text: &str) -> Result<Self, PlanOpsError> {
        let bad = |reason: &str| PlanOpsError::BadAssignment {
            text: text.to_owned(),
            reason: reason.to_owned(),
        };
        let at = split_point(text).ok_or_else(|| bad("it has no `=`"))?;
        let (path_text, op) = match text[..at].strip_suffix('+') {
            Some(path) => (path, Op::Append),
            None => (&text[..at], Op::Set),
        };
        if path_text.is_empty() {
            return Err(bad("the path before `=` is empty"));
        }
        let path = edit::parse_path(path_text).map_err(|error| match error {
            edit::EditError::BadPath { reason, .. } => bad(&format!("the path {reason}")),
            other => bad(&other.to_string()),
        })?;
        Ok(Self {
            path,
            op,
            value: text[at + 1..].to_owned(),
        })
    }
}

/// Byte offset of the `=` that ends the path.
fn split_point(text: &str) -> Option<usize> {
    let mut quoted = false;
    let mut escaped = false;
    let mut depth = 0_usize;
    for (at, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => depth += 1,
            ']' if !quoted => depth = depth.saturating_sub(1),
            '=' if !quoted && depth == 0 => return Some(at),
            _ => {}
        }
    }
    None
}

/// Follows `path` from `start` through the schema; the shape it names.
/// Errors name the first step the schema does not have, with a suggestion.
pub fn walk(start: Shape, path: &PlanPath, start_name: &str) -> Result<Shape, PlanOpsError> {
    let mut shape = start;
    for (index, segment) in path.segments().iter().enumerate() {
        let place = if index == 0 {
            start_name.to_owned()
        } else {
            format!("`{}`", path.prefix_text(index))
        };
        let kind = shape.kind();
        shape = match (segment, kind) {
            (Segment::Key(key), Kind::Mapping) => {
                shape
                    .property(key)
                    .ok_or_else(|| PlanOpsError::UnknownKey {
                        path: path.to_string(),
                        place,
                        key: key.clone(),
                        help: key_help(key, &shape.keys()),
                    })?
            }
            (Segment::Item(_), Kind::List) => shape.items().expect("a list has items"),
            (segment, kind) => return Err(bad_step(path, place, segment, kind, shape)),
        };
    }
    Ok(shape)
}

fn key_help(key: &str, keys: &[&str]) -> String {
    match did_you_mean(key, keys.iter().copied()) {
        Some(close) => format!("did you mean `{close}`?"),
        None if keys.is_empty() => "this place takes no keys".to_owned(),
        None => format!("valid keys: {}", keys.join(", ")),
    }
}

fn bad_step(
    path: &PlanPath,
    place: String,
    segment: &Segment,
    kind: Kind,
    shape: Shape,
) -> PlanOpsError {
    let (step, help) = match (segment, kind) {
        (Segment::Key(key), Kind::List) => {
            let selector = shape
                .item_key()
                .map_or_else(|| "[ITEM]".to_owned(), |k| format!("[{k}=…]` or `[NAME]"));
            (
                format!("`.{key}`"),
                format!("choose an item first: `{selector}`"),
            )
        }
        (Segment::Key(key), _) => (
            format!("`.{key}`"),
            "a single value has no keys; set it with `PATH=VALUE`".to_owned(),
        ),
        (Segment::Item(selector), _) => (
            format!("`{selector}`"),
            format!(
                "only lists have items; valid keys here: {}",
                shape.keys().join(", ")
            ),
        ),
    };
    PlanOpsError::BadStep {
        path: path.to_string(),
        place,
        found: kind.phrase(),
        step,
        help,
    }
}

/// The typed value for `PATH=VALUE` at `shape`; `existing` is the value the
/// file holds there now, if any (its type wins when several would do).
pub fn scalar(
    shape: Shape,
    path: &PlanPath,
    text: &str,
    existing: Option<&Node>,
) -> Result<Value, PlanOpsError> {
    let kind = shape.kind();
    if kind != Kind::Scalar {
        return Err(not_a_value(shape, path, kind));
    }
    let choices = shape.choices();
    let candidates = candidates(text, &choices);
    let keep = existing.and_then(|node| {
        candidates
            .iter()
            .find(|c| same_type(c, &node.value))
            .cloned()
    });
    keep.or_else(|| candidates.into_iter().next())
        .ok_or_else(|| wrong_value(path, text, &choices))
}

fn not_a_value(shape: Shape, path: &PlanPath, kind: Kind) -> PlanOpsError {
    let help = if kind == Kind::List {
        "add an item with `PATH+=ITEM`, or remove one with `unset PATH[ITEM]`".to_owned()
    } else if shape.is_open() {
        format!("set one entry: `{path}.KEY=VALUE`")
    } else {
        format!(
            "set one of its keys, e.g. `{path}.KEY=VALUE`; keys: {}",
            shape.keys().join(", ")
        )
    };
    PlanOpsError::NotAValue {
        path: path.to_string(),
        found: kind.phrase(),
        help,
    }
}

/// The values `text` could be at a place with these choices, most
/// specific first.
fn candidates(text: &str, choices: &Choices) -> Vec<Value> {
    let mut out = Vec::new();
    let allows = |name: &str| choices.types.iter().any(|t| t == name);
    if choices.names.iter().any(|n| n == text) {
        out.push(Value::Str(text.to_owned()));
    }
    if allows("boolean") && matches!(text, "true" | "false") {
        out.push(Value::Bool(text == "true"));
    }
    let integer = text.parse::<i64>().ok();
    if let Some(i) = integer.filter(|_| allows("integer") || allows("number")) {
        out.push(Value::Int(i));
    }
    let number = text
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite() && text.bytes().any(|b| b.is_ascii_digit()));
    if let Some(x) = number.filter(|_| integer.is_none() && allows("number")) {
        out.push(Value::Float(x));
    }
    if allows("string") {
        out.push(Value::Str(text.to_owned()));
    }
    out
}

fn same_type(value: &Value, existing: &Yaml) -> bool {
    matches!(
        (value, existing),
        (Value::Str(_), Yaml::Str(_))
            | (Value::Bool(_), Yaml::Bool(_))
            | (Value::Int(_), Yaml::Int(_))
            | (Value::Float(_), Yaml::Float(_))
    )
}

fn wrong_value(path: &PlanPath, text: &str, choices: &Choices) -> PlanOpsError {
    let mut expected: Vec<String> = Vec::new();
    if !choices.names.is_empty() {
        expected.push(format!("one of {}", choices.names.join(", ")));
    }
    for name in &choices.types {
        expected.push(
            match name.as_str() {
                "integer" => "a whole number",
                "number" => "a number",
                "boolean" => "true or false",
                _ => "text",
            }
            .to_owned(),
        );
    }
    let help = did_you_mean(text, choices.names.iter().map(String::as_str))
        .map(|close| format!("did you mean `{close}`?"))
        .or_else(|| {
            (choices.types == ["integer"] && text.parse::<f64>().is_ok())
                .then(|| "write a whole number, without a decimal point".to_owned())
        });
    PlanOpsError::WrongValue {
        path: path.to_string(),
        value: text.to_owned(),
        expected: expected.join(" or "),
        help,
    }
}

/// The item for `PATH+=ITEM` on the list at `shape`: typed like a scalar
/// for lists of single values, read as a YAML flow mapping (`{ name: batch,
/// count: 2 }`) for lists of mappings. Keys and types inside a mapping are
/// checked when the edited plan is validated.
pub fn item(shape: Shape, path: &PlanPath, text: &str) -> Result<Value, PlanOpsError> {
    let kind = shape.kind();
    let Some(items) = shape.items() else {
        return Err(PlanOpsError::BadStep {
            path: path.to_string(),
            place: format!("`{path}`"),
            found: kind.phrase(),
            step: "`+=`".to_owned(),
            help: "`+=` appends to a list; use `PATH=VALUE` to set a value".to_owned(),
        });
    };
    if items.kind() == Kind::Scalar {
        return scalar(items, path, text, None);
    }
    let node = yaml::parse(&format!("item: {text}\n"))
        .ok()
        .and_then(|doc| doc.get("item").map(|e| e.value.clone()));
    match node {
        Some(
            node @ Node {
                value: Yaml::Map(_),
                ..
            },
        ) => Ok(from_yaml(&node)),
        _ => Err(PlanOpsError::WrongValue {
            path: path.to_string(),
            value: text.to_owned(),
            expected: "a mapping for the new item".to_owned(),
            help: Some(format!(
                "write the item as a YAML flow mapping, e.g. `{path}+={{ {}: NAME, … }}`",
                shape.item_key().unwrap_or("name")
            )),
        }),
    }
}

/// A parsed YAML value as an edit value.
pub fn from_yaml(node: &Node) -> Value {
    match &node.value {
        Yaml::Null => Value::Null,
        Yaml::Bool(b) => Value::Bool(*b),
        Yaml::Int(i) => Value::Int(*i),
        Yaml::Float(x) => Value::Float(*x),
        Yaml::Str(s) => Value::Str(s.clone()),
        Yaml::Seq(items) => Value::Seq(items.iter().map(from_yaml).collect()),
        Yaml::Map(entries) => Value::Map(
            entries
                .iter()
                .map(|e| (e.key.clone(), from_yaml(&e.value)))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assignment(text: &str) -> Assignment {
        Assignment::parse(text).unwrap()
    }

    fn typed(path: &str, value: &str) -> Result<Value, PlanOpsError> {
        let path = edit::parse_path(path).unwrap();
        let shape = walk(Shape::component(), &path, "the component")?;
        scalar(shape, &path, value, None)
    }

    #[test]
    fn assignments_split_at_the_first_free_equals_sign() {
        let a = assignment("kubernetes.nodePools[name=apps].count=6");
        assert_eq!(a.path.to_string(), "kubernetes.nodePools[name=apps].count");
        assert_eq!((a.op, a.value.as_str()), (Op::Set, "6"));
        let b = assignment("tags.\"a=b\"=x=y");
        assert_eq!(b.path.to_string(), "tags.\"a=b\"");
        assert_eq!(b.value, "x=y");
        let c = assignment("kubernetes.namespaces+=batch");
        assert_eq!((c.op, c.value.as_str()), (Op::Append, "batch"));
        for bad in ["novalue", "=x", "+=x", "a..b=1"] {
            assert!(
                matches!(
                    Assignment::parse(bad),
                    Err(PlanOpsError::BadAssignment { .. })
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn values_are_typed_by_the_schema() {
        let table = [
            ("kubernetes.nodePools[apps].count", "6", Value::Int(6)),
            ("kubernetes.nodePools[apps].spot", "true", Value::Bool(true)),
            (
                "kubernetes.nodePools[apps].memoryGB",
                "7.5",
                Value::Float(7.5),
            ),
            ("kubernetes.nodePools[apps].memoryGB", "8", Value::Int(8)),
            ("kubernetes.version", "1.31", Value::from("1.31")),
            ("database.technology", "mysql", Value::from("mysql")),
            ("database.postgresql.version", "16", Value::from("16")),
            ("provider", "gcp", Value::from("gcp")),
            ("tags.team", "42", Value::from("42")),
            ("kubernetes.workloads[api].cpu", "2", Value::Int(2)),
            ("kubernetes.workloads[api].cpu", "500m", Value::from("500m")),
            ("name", "true", Value::from("true")),
        ];
        for (path, text, expected) in table {
            assert_eq!(typed(path, text).unwrap(), expected, "{path}={text}");
        }
    }

    #[test]
    fn the_type_already_in_the_file_wins() {
        let path = edit::parse_path("kubernetes.workloads[api].cpu").unwrap();
        let shape = walk(Shape::component(), &path, "the component").unwrap();
        let quoted = yaml::parse("cpu: \"1\"\n").unwrap();
        let existing = &quoted.get("cpu").unwrap().value;
        assert_eq!(
            scalar(shape, &path, "2", Some(existing)).unwrap(),
            Value::from("2")
        );
    }

    #[test]
    fn wrong_paths_and_values_are_explained() {
        let messages: Vec<String> = [
            ("kubernetes.nodePools[apps].cout", "6"),
            ("databse.technology", "x"),
            ("kubernetes.nodePools.count", "6"),
            ("name.first", "x"),
            ("kubernetes.tier[x]", "x"),
            ("kubernetes.nodePools[apps].count", "six"),
            ("kubernetes.nodePools[apps].count", "6.5"),
            ("kubernetes.tier", "standrd"),
            ("kubernetes.nodePools[apps].spot", "yes"),
            ("database", "x"),
            ("kubernetes.nodePools", "x"),
        ]
        .into_iter()
        .map(|(path, value)| {
            let error = typed(path, value).unwrap_err();
            let help = miette::Diagnostic::help(&error).map(|h| h.to_string());
            format!("{error} | {}", help.unwrap_or_default())
        })
        .collect();
        let expected = [
            "`kubernetes.nodePools[apps].cout`: `kubernetes.nodePools[apps]` has no key `cout` | did you mean `count`?",
            "`databse.technology`: the component has no key `databse` | did you mean `database`?",
            "`kubernetes.nodePools.count`: `kubernetes.nodePools` is a list, so `.count` does not apply | choose an item first: `[name=…]` or `[NAME]`",
            "`name.first`: `name` is a single value, so `.first` does not apply | a single value has no keys; set it with `PATH=VALUE`",
            "`kubernetes.tier[x]`: `kubernetes.tier` is a single value, so `[x]` does not apply | only lists have items; valid keys here: ",
            "`six` is not a valid value for `kubernetes.nodePools[apps].count`: expected a whole number | ",
            "`6.5` is not a valid value for `kubernetes.nodePools[apps].count`: expected a whole number | write a whole number, without a decimal point",
            "`standrd` is not a valid value for `kubernetes.tier`: expected one of free, standard, premium | did you mean `standard`?",
            "`yes` is not a valid value for `kubernetes.nodePools[apps].spot`: expected true or false | ",
        ];
        for (got, want) in messages.iter().zip(expected) {
            assert_eq!(got, want);
        }
        assert!(messages[9].starts_with("`database` is a mapping, not a single value"));
        assert!(messages[10].contains("add an item with `PATH+=ITEM`"));
    }

    #[test]
    fn list_items_are_typed_or_read_as_flow_mappings() {
        let pools = edit::parse_path("kubernetes.nodePools").unwrap();
        let shape = walk(Shape::component(), &pools, "the component").unwrap();
        let value = item(shape, &pools, "{ name: batch, count: 2 }").unwrap();
        assert_eq!(
            value,
            Value::map([("name", Value::from("batch")), ("count", Value::Int(2))])
        );
        assert!(item(shape, &pools, "batch").is_err());
        let namespaces = edit::parse_path("kubernetes.namespaces").unwrap();
        let shape = walk(Shape::component(), &namespaces, "the component").unwrap();
        assert_eq!(
            item(shape, &namespaces, "batch").unwrap(),
            Value::from("batch")
        );
    }
}
