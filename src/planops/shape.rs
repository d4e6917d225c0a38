//! The plan schema read as a map of the plan: what a path may name, what
//! kind of value sits there, which scalar types and names it takes, and the
//! order of a mapping's keys (the order `fmt` writes them in).
//!
//! Only what the generated schema uses is read: `$ref`, `allOf`, `anyOf`,
//! `oneOf` (nullable wrappers and closed sets of names), `const`, `enum`,
//! `type`, `properties`, `additionalProperties`, `items` and `format`.

use serde_json::Value as Json;

use crate::schema::plan_schema;

/// A place in the plan schema.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    schema: &'static Json,
}

/// What kind of value a place holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A mapping of keys (a section, or an open map such as `tags`).
    Mapping,
    /// A list.
    List,
    /// A single value.
    Scalar,
}

impl Kind {
    /// "a mapping", "a list", "a single value".
    pub const fn phrase(self) -> &'static str {
        match self {
            Self::Mapping => "a mapping",
            Self::List => "a list",
            Self::Scalar => "a single value",
        }
    }
}

/// The scalar values a place accepts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choices {
    /// Allowed names, when the place takes names (`database`, `primary`).
    pub names: Vec<String>,
    /// JSON types allowed besides the names: `integer`, `number`,
    /// `boolean`, `string` (never `null`).
    pub types: Vec<String>,
    /// The schema `format`, e.g. `memory-size`.
    pub format: Option<String>,
}

impl Shape {
    /// The whole plan.
    pub fn plan() -> Self {
        Self {
            schema: plan_schema(),
        }
    }

    /// One item of `components`.
    pub fn component() -> Self {
        Self::plan()
            .property("components")
            .and_then(Self::items)
            .expect("the plan schema has a components list")
    }

    /// One item of `modules`.
    pub fn module() -> Self {
        Self::plan()
            .property("modules")
            .and_then(Self::items)
            .expect("the plan schema has a modules list")
    }

    /// This place with references, single `allOf` wrappers and nullable
    /// `anyOf` wrappers followed.
    fn resolved(self) -> &'static Json {
        let mut current = self.schema;
        for _ in 0..32 {
            if let Some(reference) = current.get("$ref").and_then(Json::as_str) {
                let name = reference.trim_start_matches("#/definitions/");
                match plan_schema().get("definitions").and_then(|d| d.get(name)) {
                    Some(target) => current = target,
                    None => return current,
                }
                continue;
            }
            let wrapped = ["allOf", "anyOf", "oneOf"].iter().find_map(|keyword| {
                let branches = current.get(*keyword)?.as_array()?;
                let real: Vec<&Json> = branches.iter().filter(|b| !is_null(b)).collect();
                (real.len() == 1).then(|| real[0])
            });
            match wrapped {
                Some(inner) => current = inner,
                None => return current,
            }
        }
        current
    }

    /// What kind of value this place holds.
    pub fn kind(self) -> Kind {
        let schema = self.resolved();
        if has_type(schema, "array") {
            Kind::List
        } else if has_type(schema, "object")
            || schema.get("properties").is_some()
            || schema
                .get("additionalProperties")
                .is_some_and(Json::is_object)
        {
            Kind::Mapping
        } else {
            Kind::Scalar
        }
    }

    /// The place under `key`: a declared property, or the value schema of
    /// an open mapping (`tags.team`).
    pub fn property(self, key: &str) -> Option<Self> {
        let schema = self.resolved();
        if let Some(property) = schema.get("properties").and_then(|p| p.get(key)) {
            return Some(Self { schema: property });
        }
        schema
            .get("additionalProperties")
            .filter(|a| a.is_object())
            .map(|schema| Self { schema })
    }

    /// The declared keys, in schema order (without `$schema`).
    pub fn keys(self) -> Vec<&'static str> {
        self.resolved()
            .get("properties")
            .and_then(Json::as_object)
            .map(|p| {
                p.keys()
                    .map(String::as_str)
                    .filter(|k| *k != "$schema")
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Whether the mapping takes keys of its own choosing (`tags`).
    pub fn is_open(self) -> bool {
        self.resolved()
            .get("additionalProperties")
            .is_some_and(Json::is_object)
    }

    /// Position of `key` among the declared keys.
    pub fn key_rank(self, key: &str) -> Option<usize> {
        self.resolved()
            .get("properties")
            .and_then(Json::as_object)
            .and_then(|p| p.keys().position(|k| k == key))
    }

    /// The schema of one item, for a list.
    pub fn items(self) -> Option<Self> {
        let schema = self.resolved();
        if !has_type(schema, "array") {
            return None;
        }
        schema.get("items").map(|schema| Self { schema })
    }

    /// The keys that identify an item of this list (`id` or `name`), if its
    /// items are mappings that have one.
    pub fn item_key(self) -> Option<&'static str> {
        let item = self.items()?;
        ["id", "name", "component"]
            .into_iter()
            .find(|key| item.key_rank(key).is_some())
    }

    /// The scalar values this place accepts.
    pub fn choices(self) -> Choices {
        let mut choices = Choices::default();
        collect(self.schema, &mut choices, 0);
        choices
    }
}

fn collect(schema: &'static Json, choices: &mut Choices, depth: usize) {
    if depth > 32 {
        return;
    }
    if let Some(reference) = schema.get("$ref").and_then(Json::as_str) {
        let name = reference.trim_start_matches("#/definitions/");
        if let Some(target) = plan_schema().get("definitions").and_then(|d| d.get(name)) {
            collect(target, choices, depth + 1);
        }
    }
    for keyword in ["allOf", "anyOf", "oneOf"] {
        for branch in schema
            .get(keyword)
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
        {
            collect(branch, choices, depth + 1);
        }
    }
    let constants = schema.get("const").into_iter().chain(
        schema
            .get("enum")
            .and_then(Json::as_array)
            .into_iter()
            .flatten(),
    );
    let mut named = false;
    for constant in constants.filter_map(Json::as_str) {
        named = true;
        push_unique(&mut choices.names, constant);
    }
    if !named {
        for name in types(schema) {
            if !matches!(name, "null" | "object" | "array") {
                push_unique(&mut choices.types, name);
            }
        }
    }
    if choices.format.is_none() {
        choices.format = schema
            .get("format")
            .and_then(Json::as_str)
            .map(str::to_owned);
    }
}

fn push_unique(list: &mut Vec<String>, item: &str) {
    if !list.iter().any(|x| x == item) {
        list.push(item.to_owned());
    }
}

fn types(schema: &Json) -> Vec<&str> {
    match schema.get("type") {
        Some(Json::String(one)) => vec![one.as_str()],
        Some(Json::Array(many)) => many.iter().filter_map(Json::as_str).collect(),
        _ => Vec::new(),
    }
}

fn has_type(schema: &Json, name: &str) -> bool {
    types(schema).contains(&name)
}

fn is_null(schema: &Json) -> bool {
    types(schema) == ["null"]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(path: &[&str]) -> Shape {
        path.iter().fold(Shape::component(), |shape, key| {
            if *key == "[]" {
                shape.items().unwrap()
            } else {
                shape.property(key).unwrap_or_else(|| panic!("{key}"))
            }
        })
    }

    #[test]
    fn kinds_follow_references_and_nullable_wrappers() {
        assert_eq!(Shape::component().kind(), Kind::Mapping);
        assert_eq!(at(&["kubernetes"]).kind(), Kind::Mapping);
        assert_eq!(at(&["kubernetes", "nodePools"]).kind(), Kind::List);
        assert_eq!(
            at(&["kubernetes", "nodePools", "[]", "count"]).kind(),
            Kind::Scalar
        );
        assert_eq!(at(&["tags"]).kind(), Kind::Mapping);
        assert!(at(&["tags"]).is_open());
        assert_eq!(at(&["tags", "anything"]).kind(), Kind::Scalar);
    }

    #[test]
    fn choices_name_types_and_names() {
        let count = at(&["kubernetes", "nodePools", "[]", "count"]).choices();
        assert_eq!(count.types, ["integer"]);
        let kind = at(&["type"]).choices();
        assert!(kind.names.contains(&"container_cluster".to_owned()));
        assert!(kind.types.is_empty());
        let provider = at(&["provider"]).choices();
        assert_eq!(provider.names, ["azure", "aws", "gcp"]);
        let spot = at(&["kubernetes", "nodePools", "[]", "spot"]).choices();
        assert_eq!(spot.types, ["boolean"]);
        let cpu = at(&["kubernetes", "workloads", "[]", "cpu"]).choices();
        assert_eq!(cpu.types, ["string", "number"]);
        assert_eq!(cpu.format.as_deref(), Some("k8s-cpu"));
    }

    #[test]
    fn keys_come_in_schema_order() {
        let keys = Shape::component().keys();
        assert_eq!(&keys[..4], ["id", "name", "description", "type"]);
        assert_eq!(Shape::plan().key_rank("version"), Some(1));
        assert_eq!(
            at(&["kubernetes", "nodePools"]).item_key(),
            Some("name"),
            "node pools are named"
        );
        assert_eq!(
            Shape::plan().property("components").unwrap().item_key(),
            Some("id")
        );
    }
}
