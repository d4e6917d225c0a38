//! Module operations: summaries for `module list`, and the edits for
//! `add`, `remove`, `assign` and `unassign` (the specification's
//! `module_infrastructure_mappings`).
//!
//! A mapping is addressed by its component (`infrastructure[component=db]`);
//! assigning a component the module already maps changes only its role.

use serde::Serialize;

use crate::edit::{Edit, Value};
use crate::plan::Plan;
use crate::plan::module::{Module, Role};

use super::component::role_name;
use super::{Change, PlanOpsError, Source, module_path, root, suggest};

/// One module, as `module list` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ModuleSummary {
    /// Id.
    pub id: String,
    /// Human-readable name, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Owning team, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The components it maps, with roles, in plan order.
    pub infrastructure: Vec<Mapping>,
}

/// A module's mapping to a component.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Mapping {
    /// Component id.
    pub component: String,
    /// `primary`, `secondary` or `failover`.
    pub role: String,
}

/// Every module, in plan order.
pub fn summaries(plan: &Plan) -> Vec<ModuleSummary> {
    plan.modules
        .iter()
        .map(|m| ModuleSummary {
            id: m.id.as_str().to_owned(),
            name: m.name.clone(),
            owner: m.owner.clone(),
            infrastructure: m
                .infrastructure
                .iter()
                .map(|i| Mapping {
                    component: i.component.as_str().to_owned(),
                    role: role_name(i.role).to_owned(),
                })
                .collect(),
        })
        .collect()
}

fn find<'p>(plan: &'p Plan, id: &str) -> Result<&'p Module, PlanOpsError> {
    plan.modules
        .iter()
        .find(|m| m.id.as_str() == id)
        .ok_or_else(|| PlanOpsError::UnknownModule {
            id: id.to_owned(),
            help: suggest(id, plan.modules.iter().map(|m| m.id.as_str()), "module"),
        })
}

/// A module to add.
#[derive(Debug, Clone, Default)]
pub struct NewModule<'a> {
    /// Its id.
    pub id: &'a str,
    /// Human-readable name.
    pub name: Option<&'a str>,
    /// What it does.
    pub description: Option<&'a str>,
    /// Owning team.
    pub owner: Option<&'a str>,
}

/// Appends a module (with no mappings yet) to `modules`.
pub fn add(source: &Source<'_>, new: &NewModule<'_>) -> Result<Change, PlanOpsError> {
    if source.plan.modules.iter().any(|m| m.id.as_str() == new.id) {
        return Err(PlanOpsError::Duplicate {
            what: "module",
            id: new.id.to_owned(),
            help: format!(
                "choose another id, or map components to it with `infraplan module assign {} COMPONENT`",
                new.id
            ),
        });
    }
    let mut entries = vec![("id", Value::from(new.id))];
    for (key, value) in [
        ("name", new.name),
        ("description", new.description),
        ("owner", new.owner),
    ] {
        if let Some(value) = value {
            entries.push((key, Value::from(value)));
        }
    }
    let mut change = Change::new(format!("added module `{}`", new.id));
    change
        .edits
        .push(Edit::Append(root("modules"), Value::map(entries)));
    Ok(change)
}

/// Removes module `id` (nothing else refers to modules).
pub fn remove(source: &Source<'_>, id: &str) -> Result<Change, PlanOpsError> {
    find(source.plan, id)?;
    let mut change = Change::new(format!("removed module `{id}`"));
    change.edits.push(Edit::Remove(module_path(id)));
    Ok(change)
}

/// Maps `component` to `module` with `role`; when the module maps it
/// already, only the role is set (and nothing changes if it is the same).
pub fn assign(
    source: &Source<'_>,
    module: &str,
    component: &str,
    role: Role,
) -> Result<Change, PlanOpsError> {
    let found = find(source.plan, module)?;
    if source.plan.component(component).is_none() {
        return Err(super::component::unknown(source.plan, component));
    }
    let mappings = module_path(module).key("infrastructure");
    let existing = found
        .infrastructure
        .iter()
        .find(|m| m.component.as_str() == component);
    let role_text = role_name(role);
    let mut change = Change::new(format!(
        "module `{module}` uses component `{component}` ({role_text})"
    ));
    match existing {
        Some(mapping) if mapping.role == role => change.notes.push(format!(
            "module `{module}` already uses component `{component}` as {role_text}"
        )),
        Some(_) => change.edits.push(Edit::Set(
            mappings.item("component", component).key("role"),
            Value::from(role_text),
        )),
        None => change.edits.push(Edit::Append(
            mappings,
            Value::map([("component", component), ("role", role_text)]),
        )),
    }
    Ok(change)
}

/// Removes `module`'s mapping to `component`.
pub fn unassign(
    source: &Source<'_>,
    module: &str,
    component: &str,
) -> Result<Change, PlanOpsError> {
    let found = find(source.plan, module)?;
    if !found
        .infrastructure
        .iter()
        .any(|m| m.component.as_str() == component)
    {
        let mapped: Vec<&str> = found
            .infrastructure
            .iter()
            .map(|m| m.component.as_str())
            .collect();
        let help = match crate::diag::did_you_mean(component, mapped.iter().copied()) {
            Some(close) => format!("did you mean `{close}`?"),
            None if mapped.is_empty() => format!("module `{module}` maps no components"),
            None => format!("module `{module}` uses: {}", mapped.join(", ")),
        };
        return Err(PlanOpsError::NotMapped {
            module: module.to_owned(),
            component: component.to_owned(),
            help,
        });
    }
    let mut change = Change::new(format!(
        "module `{module}` no longer uses component `{component}`"
    ));
    change
        .edits
        .push(unassign_edit(source.plan, module, component));
    Ok(change)
}

/// The edit removing `module`'s mapping to `component`: the item, or the
/// whole `infrastructure` key when that mapping is all it holds (an empty
/// key would read as null, which is not a list).
pub(crate) fn unassign_edit(plan: &Plan, module: &str, component: &str) -> Edit {
    let mappings = module_path(module).key("infrastructure");
    let only_this = plan
        .modules
        .iter()
        .find(|m| m.id.as_str() == module)
        .is_some_and(|m| {
            m.infrastructure
                .iter()
                .all(|i| i.component.as_str() == component)
        });
    if only_this {
        Edit::Remove(mappings)
    } else {
        Edit::Remove(mappings.item("component", component))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::validate::validate;

    const PLAN: &str = "version: 1\nname: t\ncomponents:\n  - { id: db, type: database, database: {} }\n  - { id: cache, type: database, database: {} }\nmodules:\n  - id: shop\n    infrastructure:\n      - component: db\n        role: primary\n";

    fn run(f: impl FnOnce(&Source<'_>) -> Result<Change, PlanOpsError>) -> Result<String, String> {
        let catalog = Catalog::load(None).unwrap();
        let plan = validate(PLAN, &catalog).plan.expect("valid");
        let source = Source::new(PLAN, &plan).unwrap();
        let change = f(&source).map_err(|e| e.to_string())?;
        Ok(crate::edit::apply(PLAN, &change.edits).unwrap())
    }

    #[test]
    fn assign_appends_or_changes_the_role() {
        let text = run(|s| assign(s, "shop", "cache", Role::Secondary)).unwrap();
        assert!(
            text.ends_with("      - component: cache\n        role: secondary\n"),
            "{text}"
        );
        let text = run(|s| assign(s, "shop", "db", Role::Failover)).unwrap();
        assert!(text.contains("role: failover"), "{text}");
        assert_eq!(
            run(|s| assign(s, "shop", "db", Role::Primary)).unwrap(),
            PLAN
        );
        assert_eq!(
            run(|s| assign(s, "shp", "db", Role::Primary)).unwrap_err(),
            "the plan has no module `shp`"
        );
        assert_eq!(
            run(|s| assign(s, "shop", "dbb", Role::Primary)).unwrap_err(),
            "the plan has no component `dbb`"
        );
    }

    #[test]
    fn unassigning_the_last_mapping_removes_the_key() {
        let text = run(|s| unassign(s, "shop", "db")).unwrap();
        assert!(text.ends_with("modules:\n  - id: shop\n"), "{text}");
        assert_eq!(
            run(|s| unassign(s, "shop", "cache")).unwrap_err(),
            "module `shop` does not use component `cache`"
        );
    }

    #[test]
    fn add_and_remove() {
        let text = run(|s| {
            add(
                s,
                &NewModule {
                    id: "jobs",
                    name: Some("Batch jobs"),
                    ..NewModule::default()
                },
            )
        })
        .unwrap();
        assert!(
            text.ends_with("  - id: jobs\n    name: Batch jobs\n"),
            "{text}"
        );
        assert_eq!(
            run(|s| add(
                s,
                &NewModule {
                    id: "shop",
                    ..NewModule::default()
                }
            ))
            .unwrap_err(),
            "the plan already has a module `shop`"
        );
        let text = run(|s| remove(s, "shop")).unwrap();
        assert!(!text.contains("shop"), "{text}");
    }
}
