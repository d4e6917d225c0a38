//! Component operations: summaries for `component list`, the settable
//! values for `component show`, and the edits for `add`, `set`, `unset` and
//! `remove`.
//!
//! Paths given to `set` and `unset` are relative to the component
//! (`database.technology`, `kubernetes.nodePools[apps].count`); the
//! component itself is addressed by `[id=…]`, so a component's id is never
//! mistaken for a name.

use serde::Serialize;

use crate::edit::{Edit, PlanPath, Segment, Value};
use crate::plan::module::Role;
use crate::plan::{CloudProvider, Plan};
use crate::yaml::{Node, Value as Yaml};

use super::assign::{self, Assignment, Op};
use super::shape::Shape;
use super::{Change, PlanOpsError, Source, component_path, join, lookup, suggest};

/// One component, as `component list` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ComponentSummary {
    /// Id.
    pub id: String,
    /// Component type (`database`, `container_cluster`, …).
    #[serde(rename = "type")]
    pub kind: String,
    /// Human-readable name, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The provider it runs on: its own, else the plan's primary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// Region, when the component names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Lifecycle status, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Modules that use it, with their role.
    pub used_by: Vec<ModuleUse>,
}

/// A module's use of a component.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ModuleUse {
    /// Module id.
    pub module: String,
    /// `primary`, `secondary` or `failover`.
    pub role: String,
}

/// The snake_case name of a role.
pub fn role_name(role: Role) -> &'static str {
    match role {
        Role::Primary => "primary",
        Role::Secondary => "secondary",
        Role::Failover => "failover",
    }
}

/// Every component, in plan order.
pub fn summaries(plan: &Plan) -> Vec<ComponentSummary> {
    plan.components
        .iter()
        .map(|c| ComponentSummary {
            id: c.id.as_str().to_owned(),
            kind: c.kind.as_str().to_owned(),
            name: c.name.clone(),
            provider: c
                .provider
                .or(plan.providers.as_ref().map(|p| p.primary))
                .map(|p| p.as_str().to_owned()),
            region: c.region.clone(),
            status: c.status.and_then(|s| {
                serde_json::to_value(s)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
            }),
            used_by: users(plan, c.id.as_str()),
        })
        .collect()
}

/// The modules that map component `id`, in plan order.
pub fn users(plan: &Plan, id: &str) -> Vec<ModuleUse> {
    plan.modules
        .iter()
        .flat_map(|m| {
            m.infrastructure
                .iter()
                .filter(|mapping| mapping.component.as_str() == id)
                .map(|mapping| ModuleUse {
                    module: m.id.as_str().to_owned(),
                    role: role_name(mapping.role).to_owned(),
                })
        })
        .collect()
}

/// The component `id`'s node in the plan text, or the error naming it.
pub fn node<'s>(source: &'s Source<'_>, id: &str) -> Result<&'s Node, PlanOpsError> {
    lookup(&source.tree, component_path(id).segments()).ok_or_else(|| unknown(source.plan, id))
}

/// The error for a component id the plan does not have.
pub fn unknown(plan: &Plan, id: &str) -> PlanOpsError {
    let ids = plan.components.iter().map(|c| c.id.as_str());
    PlanOpsError::UnknownComponent {
        id: id.to_owned(),
        help: suggest(id, ids, "component"),
    }
}

/// Every single value of a component as `(PATH, value)` rows, in file
/// order; each PATH is one `component set` accepts. Lists of single values
/// are one row (`[a, b]`); items of other lists are addressed by their id or
/// name, else by position (`[#2]`, for reading only).
pub fn settings(component: &Node) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    flatten(component, "", &mut rows);
    rows
}

fn flatten(node: &Node, path: &str, rows: &mut Vec<(String, String)>) {
    let child = |key: &str| {
        let key = PlanPath::new(vec![Segment::Key(key.to_owned())])
            .map_or_else(|_| key.to_owned(), |p| p.to_string());
        if path.is_empty() {
            key
        } else {
            format!("{path}.{key}")
        }
    };
    match &node.value {
        Yaml::Map(entries) if entries.is_empty() => rows.push((path.to_owned(), "{}".to_owned())),
        Yaml::Map(entries) => {
            for entry in entries {
                flatten(&entry.value, &child(&entry.key), rows);
            }
        }
        Yaml::Seq(items) if items.iter().all(|i| i.value.scalar_text().is_some()) => {
            let texts: Vec<String> = items.iter().filter_map(|i| i.value.scalar_text()).collect();
            rows.push((path.to_owned(), format!("[{}]", texts.join(", "))));
        }
        Yaml::Seq(items) => {
            for (index, item) in items.iter().enumerate() {
                let name = ["id", "name", "component"]
                    .iter()
                    .find_map(|k| item.get(k).and_then(|e| e.value.value.scalar_text()));
                let selector = name.map_or_else(
                    || format!("[#{index}]"),
                    |name| {
                        crate::edit::Selector {
                            key: None,
                            value: name,
                        }
                        .to_string()
                    },
                );
                flatten(item, &format!("{path}{selector}"), rows);
            }
        }
        other => rows.push((path.to_owned(), other.scalar_text().unwrap_or_default())),
    }
}

/// A component to add.
#[derive(Debug, Clone)]
pub struct NewComponent<'a> {
    /// Its id.
    pub id: &'a str,
    /// Its type, as written in plans (`database`, `object_storage`, …).
    pub kind: &'a str,
    /// Human-readable name.
    pub name: Option<&'a str>,
    /// Provider, when it differs from the plan's primary.
    pub provider: Option<CloudProvider>,
    /// Further values, relative to the component (`database.technology=…`).
    pub settings: &'a [Assignment],
}

/// Appends a new component to `components`, its keys in schema order.
pub fn add(source: &Source<'_>, new: &NewComponent<'_>) -> Result<Change, PlanOpsError> {
    if source.plan.component(new.id).is_some() {
        return Err(PlanOpsError::Duplicate {
            what: "component",
            id: new.id.to_owned(),
            help: format!(
                "choose another id, or change this one with `infraplan component set {} PATH=VALUE`",
                new.id
            ),
        });
    }
    let mut entries = flag_entries(new)?;
    for assignment in new.settings {
        if matches!(assignment.path.segments(), [Segment::Key(k)] if ["id", "type", "name", "provider"].contains(&k.as_str()))
        {
            return Err(reserved_for_add(&assignment.path));
        }
        let shape = assign::walk(Shape::component(), &assignment.path, "the component")?;
        let value = match assignment.op {
            Op::Set => assign::scalar(shape, &assignment.path, &assignment.value, None)?,
            Op::Append => assign::item(shape, &assignment.path, &assignment.value)?,
        };
        insert(&mut entries, &assignment.path, value, assignment.op)?;
    }
    let item = ordered(Value::Map(entries), Shape::component());
    let mut change = Change::new(format!("added component `{}`", new.id));
    change
        .edits
        .push(Edit::Append(super::root("components"), item));
    Ok(change)
}

/// The keys the arguments and flags of `component add` give.
fn flag_entries(new: &NewComponent<'_>) -> Result<Vec<(String, Value)>, PlanOpsError> {
    let type_path = PlanPath::new(vec![Segment::Key("type".to_owned())]).expect("a key");
    let type_shape = Shape::component()
        .property("type")
        .expect("components have a type");
    let kind = assign::scalar(type_shape, &type_path, new.kind, None)?;
    let mut entries = vec![
        ("id".to_owned(), Value::from(new.id)),
        ("type".to_owned(), kind),
    ];
    if let Some(name) = new.name {
        entries.push(("name".to_owned(), Value::from(name)));
    }
    if let Some(provider) = new.provider {
        entries.push(("provider".to_owned(), Value::from(provider.as_str())));
    }
    Ok(entries)
}

fn reserved_for_add(path: &PlanPath) -> PlanOpsError {
    PlanOpsError::Reserved {
        key: path.to_string(),
        reason: "`component add` takes it as an argument or flag (ID, --type, --name, --provider)"
            .to_owned(),
    }
}

/// Puts `value` at `path` inside a new mapping, creating mappings on the
/// way; `Op::Append` pushes onto a list there.
fn insert(
    entries: &mut Vec<(String, Value)>,
    path: &PlanPath,
    value: Value,
    op: Op,
) -> Result<(), PlanOpsError> {
    let mut keys = Vec::new();
    for segment in path.segments() {
        match segment {
            Segment::Key(key) => keys.push(key.as_str()),
            Segment::Item(_) => {
                return Err(PlanOpsError::Reserved {
                    key: path.to_string(),
                    reason: "a new component has no list items to choose from; build a list with `PATH+={ … }`".to_owned(),
                });
            }
        }
    }
    let (last, parents) = keys.split_last().expect("paths are never empty");
    let mut map = entries;
    for key in parents {
        map = child_map(map, key);
    }
    match (op, map.iter_mut().find(|(k, _)| k == last)) {
        (Op::Append, Some((_, Value::Seq(items)))) => items.push(value),
        (Op::Append, _) => map.push(((*last).to_owned(), Value::Seq(vec![value]))),
        (Op::Set, Some((_, slot))) => *slot = value,
        (Op::Set, None) => map.push(((*last).to_owned(), value)),
    }
    Ok(())
}

fn child_map<'m>(map: &'m mut Vec<(String, Value)>, key: &str) -> &'m mut Vec<(String, Value)> {
    let index = map.iter().position(|(k, _)| k == key).unwrap_or_else(|| {
        map.push((key.to_owned(), Value::Map(Vec::new())));
        map.len() - 1
    });
    if !matches!(map[index].1, Value::Map(_)) {
        map[index].1 = Value::Map(Vec::new());
    }
    let Value::Map(entries) = &mut map[index].1 else {
        unreachable!("made a mapping above")
    };
    entries
}

/// `value` with every mapping's keys in the schema's order (keys the
/// schema does not declare keep their order, after the declared ones).
pub fn ordered(value: Value, shape: Shape) -> Value {
    match value {
        Value::Map(mut entries) => {
            entries.sort_by_key(|(key, _)| shape.key_rank(key).unwrap_or(usize::MAX));
            Value::Map(
                entries
                    .into_iter()
                    .map(|(key, value)| {
                        let value = match shape.property(&key) {
                            Some(inner) => ordered(value, inner),
                            None => value,
                        };
                        (key, value)
                    })
                    .collect(),
            )
        }
        Value::Seq(items) => match shape.items() {
            Some(inner) => Value::Seq(items.into_iter().map(|v| ordered(v, inner)).collect()),
            None => Value::Seq(items),
        },
        scalar => scalar,
    }
}

/// Sets values of component `id`.
pub fn set(source: &Source<'_>, id: &str, settings: &[Assignment]) -> Result<Change, PlanOpsError> {
    let component = node(source, id)?;
    let base = component_path(id);
    let mut change = Change::new(format!("updated component `{id}`"));
    for assignment in settings {
        if matches!(assignment.path.segments(), [Segment::Key(k)] if k == "id") {
            return Err(PlanOpsError::Reserved {
                key: "id".to_owned(),
                reason: "modules, migrations and scaling patterns refer to the component by id; add a new component and remove this one instead".to_owned(),
            });
        }
        let shape = assign::walk(Shape::component(), &assignment.path, "the component")?;
        let full = join(&base, &assignment.path);
        change.edits.push(match assignment.op {
            Op::Set => {
                let existing = lookup(component, assignment.path.segments());
                let value = assign::scalar(shape, &assignment.path, &assignment.value, existing)?;
                Edit::Set(full, ordered(value, shape))
            }
            Op::Append => {
                let item = assign::item(shape, &assignment.path, &assignment.value)?;
                let items = shape.items().expect("item() checked it is a list");
                Edit::Append(full, ordered(item, items))
            }
        });
    }
    Ok(change)
}

/// Removes values of component `id`; a path the schema knows but the
/// component does not set is a note, not an error.
pub fn unset(source: &Source<'_>, id: &str, paths: &[PlanPath]) -> Result<Change, PlanOpsError> {
    let component = node(source, id)?;
    let base = component_path(id);
    let mut change = Change::new(format!("updated component `{id}`"));
    for path in paths {
        assign::walk(Shape::component(), path, "the component")?;
        if lookup(component, path.segments()).is_none() {
            change.notes.push(format!(
                "`{path}` is not set on component `{id}`; nothing to remove"
            ));
            continue;
        }
        let target = emptied_map(component, path, paths).unwrap_or_else(|| path.clone());
        let edit = Edit::Remove(join(&base, &target));
        if !change.edits.contains(&edit) {
            change.edits.push(edit);
        }
    }
    Ok(change)
}

/// The open mapping (`tags`) holding `path`, when `paths` remove every key
/// of it: the mapping goes rather than stay behind as `{}`.
fn emptied_map(component: &Node, path: &PlanPath, paths: &[PlanPath]) -> Option<PlanPath> {
    let (Segment::Key(_), parent) = path.segments().split_last()? else {
        return None;
    };
    if parent.is_empty() {
        return None;
    }
    let parent = PlanPath::new(parent.to_vec()).ok()?;
    if !assign::walk(Shape::component(), &parent, "the component")
        .ok()?
        .is_open()
    {
        return None;
    }
    let Yaml::Map(entries) = &lookup(component, parent.segments())?.value else {
        return None;
    };
    let all_removed = entries.iter().all(|entry| {
        let key = parent.clone().key(entry.key.clone());
        paths.contains(&key)
    });
    all_removed.then_some(parent)
}

/// Removes component `id`. Refused while modules map to it, unless `force`,
/// which removes those mappings too (a module's `infrastructure` key goes
/// when its last mapping does).
pub fn remove(source: &Source<'_>, id: &str, force: bool) -> Result<Change, PlanOpsError> {
    node(source, id)?;
    let mut users: Vec<String> = users(source.plan, id)
        .into_iter()
        .map(|u| u.module)
        .collect();
    users.dedup();
    if !users.is_empty() && !force {
        let first = &users[0];
        return Err(PlanOpsError::StillReferenced {
            id: id.to_owned(),
            help: format!(
                "unassign it first (`infraplan module unassign {first} {id}`), or pass --force to remove the component and those mappings"
            ),
            modules: users,
        });
    }
    let mut change = Change::new(format!("removed component `{id}`"));
    for module in &users {
        change
            .edits
            .push(super::module::unassign_edit(source.plan, module, id));
        change
            .notes
            .push(format!("removed the mapping from module `{module}`"));
    }
    change.edits.push(Edit::Remove(component_path(id)));
    Ok(change)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::validate::validate;

    const PLAN: &str = "version: 1\nname: t\ncomponents:\n  - id: db\n    type: database\n    database: { technology: postgresql }\n  - id: aks\n    type: container_cluster\n    kubernetes:\n      nodePools:\n        - { name: apps, count: 3, vcpus: 4, memoryGB: 16 }\nmodules:\n  - id: shop\n    infrastructure:\n      - { component: db, role: primary }\n      - { component: aks, role: primary }\n  - id: jobs\n    infrastructure:\n      - { component: db, role: secondary }\n";

    fn with_source<T>(f: impl FnOnce(&Source<'_>) -> T) -> T {
        let catalog = Catalog::load(None).unwrap();
        let plan = validate(PLAN, &catalog).plan.expect("valid");
        let source = Source::new(PLAN, &plan).unwrap();
        f(&source)
    }

    fn edited(change: &Change) -> String {
        crate::edit::apply(PLAN, &change.edits).unwrap()
    }

    #[test]
    fn summaries_name_users_and_inherited_provider() {
        with_source(|source| {
            let rows = summaries(source.plan);
            assert_eq!(rows[0].used_by.len(), 2);
            assert_eq!(rows[0].used_by[1].role, "secondary");
            assert_eq!(rows[1].provider, None);
        });
    }

    #[test]
    fn settings_are_settable_paths() {
        with_source(|source| {
            let rows = settings(node(source, "aks").unwrap());
            assert!(rows.contains(&(
                "kubernetes.nodePools[apps].count".to_owned(),
                "3".to_owned()
            )));
        });
    }

    #[test]
    fn add_orders_keys_by_the_schema() {
        let settings = [
            Assignment::parse("storage.sizeGB=100").unwrap(),
            Assignment::parse("region=westeurope").unwrap(),
        ];
        let change = with_source(|source| {
            add(
                source,
                &NewComponent {
                    id: "assets",
                    kind: "object_storage",
                    name: Some("Assets"),
                    provider: None,
                    settings: &settings,
                },
            )
            .unwrap()
        });
        let text = edited(&change);
        assert!(
            text.contains("  - id: assets\n    name: Assets\n    type: object_storage\n    region: westeurope\n    storage:\n      sizeGB: 100\n"),
            "{text}"
        );
    }

    #[test]
    fn add_refuses_taken_ids_and_bad_types() {
        with_source(|source| {
            let new = |id, kind| NewComponent {
                id,
                kind,
                name: None,
                provider: None,
                settings: &[],
            };
            let taken = add(source, &new("db", "database")).unwrap_err();
            assert_eq!(taken.to_string(), "the plan already has a component `db`");
            let typo = add(source, &new("x", "databse")).unwrap_err();
            assert!(
                typo.to_string()
                    .starts_with("`databse` is not a valid value for `type`")
            );
        });
    }

    #[test]
    fn set_and_unset_address_list_items_by_name() {
        let settings = [Assignment::parse("kubernetes.nodePools[apps].count=6").unwrap()];
        let change = with_source(|source| set(source, "aks", &settings).unwrap());
        assert!(edited(&change).contains("{ name: apps, count: 6, vcpus: 4, memoryGB: 16 }"));
        let paths = [
            crate::edit::parse_path("kubernetes.nodePools[apps].vcpus").unwrap(),
            crate::edit::parse_path("region").unwrap(),
        ];
        let change = with_source(|source| unset(source, "aks", &paths).unwrap());
        assert_eq!(change.edits.len(), 1);
        assert_eq!(change.notes.len(), 1);
    }

    #[test]
    fn remove_is_refused_while_mapped_and_forced_removes_mappings() {
        with_source(|source| {
            let error = remove(source, "db", false).unwrap_err();
            assert_eq!(
                error.to_string(),
                "component `db` is still used by modules `shop`, `jobs`"
            );
            let change = remove(source, "db", true).unwrap();
            let text = edited(&change);
            assert!(!text.contains("component: db"), "{text}");
            assert!(!text.contains("id: jobs\n    infrastructure"), "{text}");
            let unknown = remove(source, "dbb", false).unwrap_err();
            assert_eq!(unknown.to_string(), "the plan has no component `dbb`");
        });
    }
}
