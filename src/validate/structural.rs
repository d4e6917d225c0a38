//! Checks a YAML tree against the plan's JSON Schema, collecting every
//! problem with the span of the exact offending text.
//!
//! Only the schema keywords the model generates are interpreted: `$ref`,
//! `allOf`, `anyOf`, `oneOf`, `const`, `enum`, `type`, `properties`,
//! `required`, `additionalProperties`, `items`, `minimum`, `maximum` and
//! infraplan's `format` names (quantities, ids, money, unsigned widths).
//! A test asserts no other keyword appears in the generated schema.

use serde_json::{Map, Value as Json};

use crate::diag::{Code, Finding, did_you_mean};
use crate::plan::money::Money;
use crate::plan::quantity::QuantityKind;
use crate::yaml::{Entry, Node, Span, Value};

/// Schema keywords this validator understands.
pub const KNOWN_KEYWORDS: &[&str] = &[
    "$schema",
    "$ref",
    "allOf",
    "anyOf",
    "oneOf",
    "const",
    "enum",
    "type",
    "properties",
    "required",
    "additionalProperties",
    "patternProperties",
    "items",
    "minimum",
    "maximum",
    "format",
    "pattern",
    "description",
    "title",
    "default",
    "definitions",
];

/// Walks a plan `node` against `schema`; `root` holds the `definitions`.
pub fn check(node: &Node, schema: &Json, root: &Json) -> Vec<Finding> {
    check_document(node, schema, root, "the plan")
}

/// Like [`check`] for any document; messages call its top level `document`
/// (`the plan`, `the file`).
pub fn check_document(
    node: &Node,
    schema: &Json,
    root: &Json,
    document: &'static str,
) -> Vec<Finding> {
    let mut walker = Walker {
        root,
        findings: Vec::new(),
    };
    walker.check(node, schema, &Place::root(document));
    walker.findings
}

/// Where a node sits: its dotted path and the span of the key that holds it.
#[derive(Clone)]
struct Place {
    path: String,
    key_span: Span,
    /// What messages call the top level.
    document: &'static str,
}

impl Place {
    fn root(document: &'static str) -> Self {
        Self {
            path: String::new(),
            key_span: Span::new(0, 0),
            document,
        }
    }

    fn field(&self, entry: &Entry) -> Self {
        let path = if self.path.is_empty() {
            entry.key.clone()
        } else {
            format!("{}.{}", self.path, entry.key)
        };
        Self {
            path,
            key_span: entry.key_span,
            document: self.document,
        }
    }

    fn item(&self, index: usize, node: &Node) -> Self {
        Self {
            path: format!("{}[{index}]", self.path),
            key_span: node.span,
            document: self.document,
        }
    }

    /// The path for messages, the document's name (`the plan`) at the root.
    fn name(&self) -> String {
        if self.path.is_empty() {
            self.document.to_owned()
        } else {
            format!("`{}`", self.path)
        }
    }
}

struct Walker<'s> {
    root: &'s Json,
    findings: Vec<Finding>,
}

impl<'s> Walker<'s> {
    fn resolve(&self, schema: &'s Json) -> &'s Json {
        let mut current = schema;
        // A bounded loop: reference chains in generated schemas are short.
        for _ in 0..16 {
            let Some(reference) = current.get("$ref").and_then(Json::as_str) else {
                return current;
            };
            let name = reference.trim_start_matches("#/definitions/");
            match self.root.get("definitions").and_then(|d| d.get(name)) {
                Some(target) => current = target,
                None => return current,
            }
        }
        current
    }

    fn check(&mut self, node: &Node, schema: &'s Json, place: &Place) {
        let schema = self.resolve(schema);
        if let Some(parts) = schema.get("allOf").and_then(Json::as_array) {
            for part in parts {
                self.check(node, part, place);
            }
        }
        if let Some(branches) = schema
            .get("anyOf")
            .or_else(|| schema.get("oneOf"))
            .and_then(Json::as_array)
        {
            self.check_alternatives(node, branches, place);
        }
        if let Some(allowed) = schema.get("enum").and_then(Json::as_array) {
            let names: Vec<&str> = allowed.iter().filter_map(Json::as_str).collect();
            self.check_choice(node, &names, place);
        }
        if let Some(constant) = schema.get("const").and_then(Json::as_str) {
            self.check_choice(node, &[constant], place);
        }
        if self.check_unitless_quantity(node, schema, place) {
            return;
        }
        if let Some(types) = schema.get("type")
            && !self.check_type(node, types, place)
        {
            return;
        }
        match &node.value {
            Value::Map(entries) => self.check_mapping(node, entries, schema, place),
            Value::Seq(items) => {
                if let Some(item_schema) = schema.get("items") {
                    for (index, item) in items.iter().enumerate() {
                        self.check(item, item_schema, &place.item(index, item));
                    }
                }
            }
            _ => self.check_scalar(node, schema, place),
        }
    }

    /// `anyOf`/`oneOf`: nullable wrappers, closed sets of names, or real
    /// alternatives (a number or the word `majority`).
    fn check_alternatives(&mut self, node: &Node, branches: &'s [Json], place: &Place) {
        let resolved: Vec<&Json> = branches.iter().map(|b| self.resolve(b)).collect();
        let is_null_branch = |b: &&Json| b.get("type").and_then(Json::as_str) == Some("null");
        if node.value == Value::Null && resolved.iter().any(is_null_branch) {
            return;
        }
        let candidates: Vec<&Json> = resolved
            .into_iter()
            .filter(|b| !is_null_branch(b))
            .collect();
        let constants: Option<Vec<&str>> = candidates
            .iter()
            .map(|b| b.get("const").and_then(Json::as_str))
            .collect();
        if let Some(names) = constants {
            self.check_choice(node, &names, place);
            return;
        }
        let mut best: Option<Vec<Finding>> = None;
        for branch in &candidates {
            let mut trial = Walker {
                root: self.root,
                findings: Vec::new(),
            };
            trial.check(node, branch, place);
            if trial.findings.is_empty() {
                return;
            }
            let type_mismatch = trial.findings.iter().all(|f| f.code == Code::WrongType);
            let better = match &best {
                None => true,
                Some(current) => {
                    !type_mismatch && current.iter().all(|f| f.code == Code::WrongType)
                }
            };
            if better {
                best = Some(trial.findings);
            }
        }
        if candidates.len() == 1 {
            self.findings.extend(best.unwrap_or_default());
            return;
        }
        let expected = describe_alternatives(&candidates, self);
        self.findings.push(
            Finding::new(
                Code::WrongType,
                format!("{} must be {expected}", place.name()),
                node.span_or(place.key_span),
                format!("found {}", describe_found(&node.value)),
            )
            .with_help(format!("write {expected}")),
        );
    }

    fn check_choice(&mut self, node: &Node, names: &[&str], place: &Place) {
        let text = match &node.value {
            Value::Str(s) => s.clone(),
            Value::Map(_) | Value::Seq(_) => {
                self.findings.push(
                    Finding::new(
                        Code::WrongType,
                        format!("{} must be one of the names listed below", place.name()),
                        node.span_or(place.key_span),
                        format!("found {}", node.value.type_name()),
                    )
                    .with_help(format!("valid values: {}", names.join(", "))),
                );
                return;
            }
            other => other.scalar_text().unwrap_or_default(),
        };
        if names.contains(&text.as_str()) {
            return;
        }
        let mut finding = Finding::new(
            Code::InvalidValue,
            format!("`{text}` is not a valid value for {}", place.name()),
            node.span_or(place.key_span),
            "not one of the allowed values",
        );
        finding = match did_you_mean(&text, names.iter().copied()) {
            Some(suggestion) => finding.with_help(format!(
                "did you mean `{suggestion}`? valid values: {}",
                names.join(", ")
            )),
            None => finding.with_help(format!("valid values: {}", names.join(", "))),
        };
        self.findings.push(finding);
    }

    /// A number or boolean where a quantity string is expected (`memory: 512`)
    /// is a quantity error with the format's help, not a bare type error.
    fn check_unitless_quantity(&mut self, node: &Node, schema: &Json, place: &Place) -> bool {
        let Some(kind) = schema
            .get("format")
            .and_then(Json::as_str)
            .and_then(QuantityKind::from_format)
        else {
            return false;
        };
        let text = match &node.value {
            Value::Int(_) | Value::Float(_) if !kind.accepts_number() => node.value.scalar_text(),
            Value::Bool(_) => node.value.scalar_text(),
            _ => None,
        };
        let Some(text) = text else {
            return false;
        };
        let help = kind.check(&text).err().map_or("", |e| e.help);
        self.findings.push(
            Finding::new(
                Code::InvalidQuantity,
                format!(
                    "{}: `{text}` is not a valid {}",
                    place.name(),
                    kind_phrase(kind)
                ),
                node.span_or(place.key_span),
                format!("not a valid {}", kind_phrase(kind)),
            )
            .with_help(help),
        );
        true
    }

    /// Checks the JSON type; false when it does not match (so deeper checks
    /// would only repeat the problem).
    fn check_type(&mut self, node: &Node, types: &Json, place: &Place) -> bool {
        let allowed: Vec<&str> = match types {
            Json::String(single) => vec![single.as_str()],
            Json::Array(many) => many.iter().filter_map(Json::as_str).collect(),
            _ => return true,
        };
        if allowed.iter().any(|t| type_matches(t, &node.value)) {
            return true;
        }
        let expected = allowed
            .iter()
            .filter(|t| **t != "null")
            .map(|t| type_phrase(t))
            .collect::<Vec<_>>()
            .join(" or ");
        let integral_float = match node.value {
            Value::Float(f) if allowed.contains(&"integer") && f.fract() == 0.0 => Some(f),
            _ => None,
        };
        if let Some(value) = integral_float
            && value.abs() >= 9.0e15
        {
            self.findings.push(
                Finding::new(
                    Code::OutOfRange,
                    format!("{} is far too large", place.name()),
                    node.span_or(place.key_span),
                    "too large",
                )
                .with_help("use a whole number that fits the field (counts and sizes are below 4294967295)"),
            );
            return false;
        }
        let finding = Finding::new(
            Code::WrongType,
            format!("{} must be {expected}", place.name()),
            node.span_or(place.key_span),
            format!("found {}", describe_found(&node.value)),
        )
        .with_help(type_help(&node.value, &allowed, &expected, place));
        self.findings.push(finding);
        false
    }

    fn check_mapping(&mut self, node: &Node, entries: &[Entry], schema: &'s Json, place: &Place) {
        let properties = schema.get("properties").and_then(Json::as_object);
        let additional = schema.get("additionalProperties");
        // Maps with non-string keys (`u32` → …) come as `patternProperties`;
        // the key pattern is for editors, the value schema is checked here.
        let patterned = schema
            .get("patternProperties")
            .and_then(Json::as_object)
            .and_then(|p| p.values().next());
        for entry in entries {
            let field_place = place.field(entry);
            if let Some(property) = properties.and_then(|p| p.get(&entry.key)) {
                self.check(&entry.value, property, &field_place);
            } else if let Some(value_schema) = patterned {
                self.check(&entry.value, value_schema, &field_place);
            } else if let Some(Json::Bool(false)) = additional {
                self.unknown_key(entry, properties, place);
            } else if let Some(value_schema @ Json::Object(_)) = additional {
                self.check(&entry.value, value_schema, &field_place);
            }
        }
        let required = schema.get("required").and_then(Json::as_array);
        let known: Vec<&str> = properties
            .map(|p| p.keys().map(String::as_str).collect())
            .unwrap_or_default();
        // A typo of a required key is reported once, as the unknown key.
        let misspelt: Vec<&str> = entries
            .iter()
            .filter(|e| properties.is_some_and(|p| !p.contains_key(&e.key)))
            .filter_map(|e| did_you_mean(&e.key, known.iter().copied()))
            .collect();
        for name in required.into_iter().flatten().filter_map(Json::as_str) {
            if entries.iter().all(|e| e.key != name) && !misspelt.contains(&name) {
                let anchor = if place.path.is_empty() {
                    node.span
                } else {
                    place.key_span
                };
                self.findings.push(
                    Finding::new(
                        Code::MissingKey,
                        format!("{} is missing the required key `{name}`", place.name()),
                        anchor,
                        format!("`{name}` is required here"),
                    )
                    .with_help(format!(
                        "add `{name}:`{}",
                        describe_property(properties, name)
                    )),
                );
            }
        }
    }

    fn unknown_key(
        &mut self,
        entry: &Entry,
        properties: Option<&Map<String, Json>>,
        place: &Place,
    ) {
        let known: Vec<&str> = properties
            .map(|p| {
                p.keys()
                    .map(String::as_str)
                    .filter(|k| *k != "$schema")
                    .collect()
            })
            .unwrap_or_default();
        let mut finding = Finding::new(
            Code::UnknownKey,
            format!("unknown key `{}` in {}", entry.key, place.name()),
            entry.key_span,
            "not a key of this section",
        );
        finding = match did_you_mean(&entry.key, known.iter().copied()) {
            Some(suggestion) => finding.with_help(format!("did you mean `{suggestion}`?")),
            None if known.is_empty() => finding.with_help("this section takes no keys"),
            None => finding.with_help(format!("valid keys: {}", known.join(", "))),
        };
        self.findings.push(finding);
    }

    fn check_scalar(&mut self, node: &Node, schema: &Json, place: &Place) {
        #[allow(clippy::cast_precision_loss)]
        let number = match node.value {
            Value::Int(i) => Some(i as f64),
            Value::Float(f) => Some(f),
            _ => None,
        };
        if let Some(number) = number {
            let minimum = schema.get("minimum").and_then(Json::as_f64);
            let maximum = schema.get("maximum").and_then(Json::as_f64);
            let (width_min, width_max) = schema
                .get("format")
                .and_then(Json::as_str)
                .map_or((None, None), integer_width);
            let low = max_option(minimum, width_min);
            let high = min_option(maximum, width_max);
            if low.is_some_and(|low| number < low) || high.is_some_and(|high| number > high) {
                // Name the width's ceiling only when it is the bound broken.
                let high = maximum.or(high.filter(|h| number > *h));
                self.findings.push(
                    Finding::new(
                        Code::OutOfRange,
                        format!(
                            "{} is {}; it must be {}",
                            place.name(),
                            trim_number(number),
                            range_phrase(low, high)
                        ),
                        node.span_or(place.key_span),
                        "out of range",
                    )
                    .with_help(format!("use a value {}", range_phrase(low, high))),
                );
                return;
            }
        }
        let Some(format) = schema.get("format").and_then(Json::as_str) else {
            return;
        };
        if format == "money" {
            if let Some(Err(message)) = number.map(Money::from_decimal) {
                self.findings.push(
                    Finding::new(
                        Code::InvalidQuantity,
                        format!("{}: {message}", place.name()),
                        node.span_or(place.key_span),
                        "not an amount in cents",
                    )
                    .with_help(
                        "write an amount with at most two decimal places, e.g. `1500` or `99.95`",
                    ),
                );
            }
            return;
        }
        let Some(kind) = QuantityKind::from_format(format) else {
            return;
        };
        let text = match &node.value {
            Value::Str(s) => s.clone(),
            Value::Int(_) | Value::Float(_) if kind.accepts_number() => {
                node.value.scalar_text().unwrap_or_default()
            }
            _ => return,
        };
        if let Err(error) = kind.check(&text) {
            self.findings.push(
                Finding::new(
                    Code::InvalidQuantity,
                    format!("{}: {}", place.name(), error.message),
                    node.span_or(place.key_span),
                    format!("not a valid {}", kind_phrase(kind)),
                )
                .with_help(error.help),
            );
        }
    }
}

impl Node {
    /// This node's span, or `fallback` when the node has no text of its own
    /// (an empty value, or a collection).
    fn span_or(&self, fallback: Span) -> Span {
        if self.span.len == 0 {
            fallback
        } else {
            self.span
        }
    }
}

/// How to fix a type mismatch, as specific as the value allows.
fn type_help(found: &Value, allowed: &[&str], expected: &str, place: &Place) -> String {
    let numeric = allowed.contains(&"number") || allowed.contains(&"integer");
    match found {
        Value::Str(text) if numeric && text.trim().parse::<f64>().is_ok() => {
            "remove the quotes so the value is a number".to_owned()
        }
        Value::Str(text) if allowed.contains(&"boolean") => {
            let word = text.to_ascii_lowercase();
            if ["yes", "no", "on", "off", "y", "n"].contains(&word.as_str()) {
                format!("YAML 1.2 reads `{text}` as text; write `true` or `false`")
            } else {
                "write `true` or `false`".to_owned()
            }
        }
        Value::Str(text) if allowed.contains(&"integer") && !allowed.contains(&"number") => {
            format!("write a whole number instead of `{text}`, e.g. `3`")
        }
        Value::Str(text) if numeric => format!("write a number instead of `{text}`, e.g. `2000`"),
        Value::Float(f) if allowed.contains(&"integer") => {
            format!(
                "write a whole number without a decimal part, e.g. `{}`",
                f.trunc()
            )
        }
        Value::Null => format!("give {} a value, or remove the key", place.name()),
        _ if allowed.contains(&"array") => {
            "write a list: `[a, b]`, or one `- item` per line".to_owned()
        }
        _ if allowed.contains(&"object") => {
            "write `key: value` lines indented under the key".to_owned()
        }
        _ if allowed.contains(&"string") && !numeric => {
            "put the value in quotes to make it text".to_owned()
        }
        _ => format!("write {expected}"),
    }
}

fn type_matches(name: &str, value: &Value) -> bool {
    matches!(
        (name, value),
        ("null", Value::Null)
            | ("boolean", Value::Bool(_))
            | ("integer", Value::Int(_))
            | ("number", Value::Int(_) | Value::Float(_))
            | ("string", Value::Str(_))
            | ("array", Value::Seq(_))
            | ("object", Value::Map(_))
    )
}

fn type_phrase(name: &str) -> &'static str {
    match name {
        "boolean" => "`true` or `false`",
        "integer" => "a whole number",
        "number" => "a number",
        "string" => "text",
        "array" => "a list",
        "object" => "a mapping of keys to values",
        _ => "null",
    }
}

fn describe_found(value: &Value) -> String {
    match value {
        Value::Str(s) => format!("the text `{s}`"),
        Value::Int(i) => format!("the number {i}"),
        Value::Float(f) => format!("the number {f}"),
        Value::Bool(b) => format!("`{b}`"),
        Value::Null => "no value".to_owned(),
        other => other.type_name().to_owned(),
    }
}

fn describe_alternatives(branches: &[&Json], walker: &Walker<'_>) -> String {
    let phrases: Vec<String> = branches
        .iter()
        .map(|branch| {
            let branch = walker.resolve(branch);
            let inner = branch
                .get("allOf")
                .and_then(Json::as_array)
                .and_then(|parts| parts.first())
                .map_or(branch, |part| walker.resolve(part));
            if let Some(constant) = inner.get("const").and_then(Json::as_str) {
                return format!("`{constant}`");
            }
            if let Some(names) = inner.get("oneOf").and_then(Json::as_array) {
                let consts: Vec<String> = names
                    .iter()
                    .filter_map(|n| n.get("const").and_then(Json::as_str))
                    .map(|c| format!("`{c}`"))
                    .collect();
                if !consts.is_empty() {
                    return consts.join(" or ");
                }
            }
            inner
                .get("type")
                .and_then(Json::as_str)
                .map_or_else(|| "a valid value".to_owned(), |t| type_phrase(t).to_owned())
        })
        .collect();
    phrases.join(" or ")
}

fn describe_property(properties: Option<&Map<String, Json>>, name: &str) -> String {
    properties
        .and_then(|p| p.get(name))
        .and_then(|p| p.get("description"))
        .and_then(Json::as_str)
        .map(|d| format!(" ({})", d.trim_end_matches('.').to_lowercase()))
        .unwrap_or_default()
}

fn kind_phrase(kind: QuantityKind) -> &'static str {
    match kind {
        QuantityKind::Cpu => "CPU quantity",
        QuantityKind::Memory => "memory size",
        QuantityKind::Duration => "duration",
        QuantityKind::Date => "date",
        QuantityKind::Identifier => "id",
        QuantityKind::Currency => "currency code",
    }
}

/// Bounds implied by schemars' integer `format` names.
fn integer_width(format: &str) -> (Option<f64>, Option<f64>) {
    match format {
        "uint8" => (Some(0.0), Some(f64::from(u8::MAX))),
        "uint16" => (Some(0.0), Some(f64::from(u16::MAX))),
        "uint32" => (Some(0.0), Some(f64::from(u32::MAX))),
        "uint64" | "uint" => (Some(0.0), None),
        "int32" => (Some(f64::from(i32::MIN)), Some(f64::from(i32::MAX))),
        _ => (None, None),
    }
}

fn max_option(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

fn min_option(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn trim_number(value: f64) -> String {
    let text = format!("{value}");
    text.strip_suffix(".0").map_or(text.clone(), str::to_owned)
}

fn range_phrase(low: Option<f64>, high: Option<f64>) -> String {
    match (low, high) {
        (Some(low), Some(high)) => format!("from {} to {}", trim_number(low), trim_number(high)),
        (Some(low), None) => format!("at least {}", trim_number(low)),
        (None, Some(high)) => format!("at most {}", trim_number(high)),
        (None, None) => "in range".to_owned(),
    }
}
