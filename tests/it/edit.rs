//! The edit layer on real text: every edit of a heavily commented plan
//! changes only the lines it must (each unified diff is snapshotted), a CRLF
//! copy of the plan gets the same edits with CRLF endings, every string in
//! the example plans survives a change-and-change-back byte for byte, errors
//! explain themselves, and `write_plan` never overwrites a file that changed.

use std::fmt::Write as _;

use camino::{Utf8Path, Utf8PathBuf};
use infraplan::edit::{
    self, Edit, EditError, PlanEdit, PlanPath, Segment, Value, same_tree, unified_diff, write_plan,
};
use infraplan::yaml::{self, Node, Value as Yaml};
use proptest::prelude::*;

/// Comments everywhere, flow and block style, quoted strings, blank lines.
const PLAN: &str = r#"# infraplan plan — reviewed in pull requests; keep diffs small
version: 1
name: "checkout"   # quoted on purpose
description: 'Web shop checkout: cart, payment, orders'
currency: USD

providers:
  primary: aws # the only one deployed today
  regions: { aws: us-east-1, gcp: us-central1 }   # flow mapping

# ------------------------------------------------------------ components
components:
  # the system of record
  - id: orders-db
    name: Orders database
    type: database
    database:
      type: relational
      technology: 'mysql'   # to be reviewed
      storageGB: 200

      # blank line above on purpose
      replicas: 2

  - { id: cache, type: cache, tags: { tier: hot } }   # one-liner

  - id: web
    type: container_cluster
    tags: {}
    namespaces: [storefront, checkout]   # flow list
    nodePools:
      - { name: system, count: 3 }
      - { name: apps, count: 4 } # autoscaled

modules:
  - name: storefront
    components:
      - orders-db   # primary store
      - cache
# trailing comment
"#;

fn path(text: &str) -> PlanPath {
    edit::parse_path(text).unwrap()
}

fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

/// Applies `edits` to the plan and to its CRLF copy; checks the CRLF result
/// is the LF result with CRLF endings, and returns the LF result.
fn edited(edits: &[Edit]) -> String {
    let lf = edit::apply(PLAN, edits).unwrap();
    let crlf_result = edit::apply(&crlf(PLAN), edits).unwrap();
    assert_eq!(crlf_result, crlf(&lf), "CRLF plan edited differently");
    lf
}

fn diff(new: &str) -> String {
    unified_diff(Utf8Path::new("plan.yaml"), PLAN, new)
}

/// Removed and added lines of a diff.
fn counts(diff: &str) -> (usize, usize) {
    let lines = || {
        diff.lines()
            .filter(|l| !l.starts_with("---") && !l.starts_with("+++"))
    };
    (
        lines().filter(|l| l.starts_with('-')).count(),
        lines().filter(|l| l.starts_with('+')).count(),
    )
}

fn set(p: &str, value: impl Into<Value>) -> Edit {
    Edit::Set(path(p), value.into())
}

#[test]
fn setting_an_existing_scalar_changes_one_line() {
    let new = edited(&[set(
        "components[id=orders-db].database.technology",
        "postgresql",
    )]);
    let diff = diff(&new);
    assert_eq!(counts(&diff), (1, 1));
    insta::assert_snapshot!(diff);
}

#[test]
fn setting_a_missing_key_adds_one_indented_line() {
    let new = edited(&[set("components[id=orders-db].database.version", "8.0")]);
    let diff = diff(&new);
    assert_eq!(counts(&diff), (0, 1));
    assert!(diff.contains("\n+      version: '8.0'\n"), "{diff}");
    insta::assert_snapshot!(diff);
}

#[test]
fn setting_a_key_on_a_list_item_goes_before_the_blank_line() {
    let new = edited(&[set("components[orders-db].status", "active")]);
    let diff = diff(&new);
    assert_eq!(counts(&diff), (0, 1));
    insta::assert_snapshot!(diff);
}

#[test]
fn missing_intermediate_mappings_are_created() {
    let new = edited(&[set("components[id=web].kubernetes.tier", "standard")]);
    let diff = diff(&new);
    assert_eq!(counts(&diff), (0, 2));
    insta::assert_snapshot!(diff);
}

#[test]
fn setting_inside_flow_mappings_stays_inside_them() {
    let new = edited(&[
        set("providers.regions.azure", "eastus"),
        set("components[cache].tags.owner", "team: platform"),
        set("components[web].tags.tier", "edge"),
    ]);
    let diff = diff(&new);
    assert_eq!(counts(&diff), (3, 3));
    insta::assert_snapshot!(diff);
}

#[test]
fn appending_keeps_each_list_style() {
    let new = edited(&[
        Edit::Append(path("modules[storefront].components"), "web".into()),
        Edit::Append(path("components[web].namespaces"), "fulfilment".into()),
        Edit::Append(
            path("components[web].nodePools"),
            Value::map([("name", Value::from("batch")), ("count", Value::Int(2))]),
        ),
    ]);
    let diff = diff(&new);
    assert_eq!(counts(&diff), (1, 3));
    insta::assert_snapshot!(diff);
}

#[test]
fn appending_a_new_component_writes_a_block_item() {
    let queue = Value::map([
        ("id", Value::from("order-events")),
        ("type", Value::from("queue")),
        ("tags", Value::map([("tier", "warm")])),
    ]);
    let new = edited(&[Edit::Append(path("components"), queue)]);
    insta::assert_snapshot!(diff(&new));
}

#[test]
fn removing_a_key_or_an_item_removes_its_lines() {
    let new = edited(&[Edit::Remove(path(
        "components[id=orders-db].database.storageGB",
    ))]);
    let diff_key = diff(&new);
    assert_eq!(counts(&diff_key), (1, 0));
    insta::assert_snapshot!("remove_key", diff_key);
    let new = edited(&[
        Edit::Remove(path("components[cache]")),
        Edit::Remove(path("modules[storefront].components[cache]")),
        Edit::Remove(path("providers.regions.gcp")),
    ]);
    insta::assert_snapshot!("remove_items", diff(&new));
}

#[test]
fn new_sections_follow_the_files_indentation() {
    // Four-space mappings, lists not indented under their key.
    let plan = "version: 1\ncomponents:\n-   id: api\n    type: compute\n    tags:\n        tier: web\n-   id: db\n    type: database\n";
    let new = edit::apply(
        plan,
        &[
            set("components[db].database.deployment.type", "managed"),
            Edit::Append(path("components[api].ports"), 443.into()),
            Edit::Append(
                path("components"),
                Value::map([
                    ("id", Value::from("cache")),
                    ("tags", Value::map([("tier", "hot")])),
                ]),
            ),
        ],
    )
    .unwrap();
    insta::assert_snapshot!(unified_diff(Utf8Path::new("plan.yaml"), plan, &new));
}

#[test]
fn non_finite_numbers_are_refused() {
    let error = edit::apply(PLAN, &[set("version", f64::NAN)]).unwrap_err();
    assert!(matches!(error, EditError::Unsupported { .. }), "{error:?}");
}

#[test]
fn no_op_edits_are_byte_identical() {
    let new = edit::apply(
        PLAN,
        &[
            set("components[id=orders-db].database.technology", "mysql"),
            set("name", "checkout"),
            set("version", 1),
            set("providers.regions.aws", "us-east-1"),
        ],
    )
    .unwrap();
    assert_eq!(new, PLAN);
    let crlf_plan = crlf(PLAN);
    let same = edit::apply(&crlf_plan, &[set("name", "checkout")]).unwrap();
    assert_eq!(same, crlf_plan);
}

#[test]
fn changed_values_keep_their_quote_style() {
    let new = edited(&[
        set("name", "payments"),
        set("description", "it's quoted"),
        set("currency", "EUR"),
    ]);
    insta::assert_snapshot!(diff(&new));
}

#[test]
fn values_that_would_read_as_something_else_are_quoted() {
    let cases = [
        "12",
        "1.5",
        "yes",
        "no",
        "on",
        "true",
        "null",
        "~",
        "",
        "a: b",
        "x #y",
        " lead",
        "trail ",
        "- x",
        "[a]",
        "{b}",
        "#c",
        "*ref",
        "&a",
        "!t",
        "%x",
        "@x",
        "'q'",
        "\"q\"",
        "1_000",
        "0x1F",
        "1e3",
        ".inf",
        "tab\there",
        "two\nlines",
        "é ü",
        "2024-01-01",
    ];
    for text in cases {
        for target in [
            "providers.primary",
            "providers.regions.aws",
            "components[cache].type",
        ] {
            let mut plan = PlanEdit::new(PLAN).unwrap();
            plan.set(&path(target), text)
                .unwrap_or_else(|e| panic!("{target} = {text:?}: {e}"));
            let reparsed = yaml::parse(plan.text()).unwrap();
            assert_eq!(
                lookup(&reparsed, &path(target)),
                Some(&Yaml::Str(text.to_owned())),
                "{target} = {text:?}:\n{}",
                plan.text()
            );
        }
    }
}

#[test]
fn typed_values_are_written_plain() {
    let new = edited(&[
        set("components[orders-db].database.replicas", 3),
        set("components[orders-db].database.highAvailability", true),
        set("components[orders-db].database.cpu", 0.5),
        set("components[orders-db].database.notes", Value::Null),
    ]);
    insta::assert_snapshot!(diff(&new));
}

#[test]
fn errors_say_what_and_suggest() {
    let cases = [
        (Edit::Remove(path("components[orders-bd]")), "no such item"),
        (
            Edit::Remove(path("components[orders-db].database.replicsa")),
            "typo in a key",
        ),
        (
            set("componets[web].type", "x"),
            "typo in a key before a selector",
        ),
        (set("name.first", "x"), "a key inside a string"),
        (
            set("components[web].tags", "x"),
            "a single value over a mapping",
        ),
        (
            Edit::Append(path("providers"), "x".into()),
            "append to a mapping",
        ),
        (set("providers[aws]", "x"), "a selector on a mapping"),
        (
            set("components[web].nodePools[count=5].count", 6),
            "selector by another key",
        ),
    ];
    let mut report = String::new();
    for (edit, why) in cases {
        let error = edit::apply(PLAN, std::slice::from_ref(&edit)).unwrap_err();
        let _ = writeln!(report, "# {why}\n{}", render(&error));
    }
    let twins = "items:\n  - { id: a, n: 1 }\n  - { name: a, n: 2 }\n";
    let error = edit::apply(twins, &[set("items[a].n", 3)]).unwrap_err();
    let _ = writeln!(report, "# ambiguous\n{}", render(&error));
    let error = edit::parse_path("components[id=x").unwrap_err();
    let _ = writeln!(report, "# bad path\n{}", render(&error));
    insta::assert_snapshot!(report);
}

fn render(error: &EditError) -> String {
    use miette::Diagnostic;
    let code = error.code().map(|c| c.to_string()).unwrap_or_default();
    match error.help() {
        Some(help) => format!("[{code}] {error}\n  help: {help}"),
        None => format!("[{code}] {error}"),
    }
}

#[test]
fn the_guard_refuses_edits_that_would_change_other_values() {
    // Changing an anchored value would change every alias of it too.
    let text = "defaults: &d { region: eu-west-1 }\nprod: *d\n";
    let error = edit::apply(text, &[set("defaults.region", "us-east-1")]).unwrap_err();
    assert!(matches!(error, EditError::Guard { .. }), "{error:?}");
    assert!(error.to_string().contains("at `prod.region`"), "{error}");
}

#[test]
fn failed_edits_leave_the_text_unchanged() {
    let mut plan = PlanEdit::new(PLAN).unwrap();
    plan.set(&path("providers.primary"), "gcp").unwrap();
    let before = plan.text().to_owned();
    assert!(plan.set(&path("name.first"), "x").is_err());
    assert!(plan.remove(&path("nothing")).is_err());
    assert_eq!(plan.text(), before);
}

/// The value at `path`, following selectors as the editor does (for tests).
fn lookup<'a>(root: &'a Node, path: &PlanPath) -> Option<&'a Yaml> {
    let mut node = root;
    for segment in path.segments() {
        node = match segment {
            Segment::Key(key) => &node.get(key)?.value,
            Segment::Item(selector) => {
                let Yaml::Seq(items) = &node.value else {
                    return None;
                };
                items.iter().find(|item| {
                    let keys = selector
                        .key
                        .as_deref()
                        .map_or(vec!["id", "name"], |k| vec![k]);
                    keys.iter().any(|k| {
                        item.get(k).and_then(|e| e.value.value.scalar_text())
                            == Some(selector.value.clone())
                    }) || (selector.key.is_none()
                        && item.value.scalar_text() == Some(selector.value.clone()))
                })?
            }
        };
    }
    Some(&node.value)
}

// ---------------------------------------------------------------- examples

/// A string leaf of an example plan: its path, value, and whether it is a
/// block scalar (`|`, `>`), whose line wrapping a rewrite cannot restore.
struct Leaf {
    path: PlanPath,
    value: String,
    block: bool,
}

fn example_files() -> Vec<(String, String)> {
    let dir = Utf8PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| Utf8PathBuf::from_path_buf(e.unwrap().path()).unwrap())
        .filter(|p| p.extension() == Some("yaml"))
        .map(|p| {
            (
                p.file_name().unwrap().to_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    assert_eq!(files.len(), 3, "the three example plans");
    files
}

/// Every string leaf reachable by a path (list items need a unique
/// selector: `id`, `name`, `component`, or the item's own value).
fn string_leaves(text: &str) -> Vec<Leaf> {
    let root = yaml::parse(text).unwrap();
    let mut leaves = Vec::new();
    let Yaml::Map(entries) = &root.value else {
        panic!("a plan is a mapping")
    };
    for entry in entries {
        let start = PlanPath::new(vec![Segment::Key(entry.key.clone())]).unwrap();
        collect(
            text,
            &entry.value,
            entry.key_span.offset + entry.key_span.len,
            start,
            &mut leaves,
        );
    }
    leaves
}

fn collect(text: &str, node: &Node, after_key: usize, at: PlanPath, leaves: &mut Vec<Leaf>) {
    match &node.value {
        Yaml::Str(value) => {
            let between = text.get(after_key..node.span.offset).unwrap_or("");
            leaves.push(Leaf {
                path: at,
                value: value.clone(),
                block: between.contains(['|', '>']),
            });
        }
        Yaml::Map(entries) => {
            for entry in entries {
                let end = entry.key_span.offset + entry.key_span.len;
                collect(
                    text,
                    &entry.value,
                    end,
                    at.clone().key(entry.key.clone()),
                    leaves,
                );
            }
        }
        Yaml::Seq(items) => {
            for item in items {
                if let Some(selected) = selector_for(items, item) {
                    let mut segments = at.segments().to_vec();
                    segments.push(selected);
                    collect(
                        text,
                        item,
                        item.span.offset,
                        PlanPath::new(segments).unwrap(),
                        leaves,
                    );
                }
            }
        }
        _ => {}
    }
}

fn selector_for(items: &[Node], item: &Node) -> Option<Segment> {
    let unique = |key: Option<&str>, value: &str| {
        items
            .iter()
            .filter(|other| match key {
                Some(k) => {
                    other
                        .get(k)
                        .and_then(|e| e.value.value.scalar_text())
                        .as_deref()
                        == Some(value)
                }
                None => {
                    ["id", "name"].iter().any(|k| {
                        other
                            .get(k)
                            .and_then(|e| e.value.value.scalar_text())
                            .as_deref()
                            == Some(value)
                    }) || other.value.scalar_text().as_deref() == Some(value)
                }
            })
            .count()
            == 1
    };
    if let Some(text) = item.value.scalar_text() {
        return unique(None, &text).then(|| selector(None, &text));
    }
    ["id", "name", "component"].iter().find_map(|key| {
        let value = item.get(key)?.value.value.scalar_text()?;
        unique(Some(key), &value).then(|| selector(Some(key), &value))
    })
}

fn selector(key: Option<&str>, value: &str) -> Segment {
    Segment::Item(infraplan::edit::Selector {
        key: key.map(str::to_owned),
        value: value.to_owned(),
    })
}

/// `path` after its leaf changed to `value`, when the leaf is what selects
/// its own list item (`components[id=a].id`, `tags[a]`).
fn renamed(path: &PlanPath, value: &str) -> PlanPath {
    let mut segments = path.segments().to_vec();
    let n = segments.len();
    let select = match &segments[..] {
        [.., Segment::Item(selector), Segment::Key(key)]
            if selector.key.as_deref() == Some(key.as_str())
                || (selector.key.is_none() && matches!(key.as_str(), "id" | "name")) =>
        {
            n - 2
        }
        [.., Segment::Item(selector)] if selector.key.is_none() => n - 1,
        _ => return path.clone(),
    };
    if let Segment::Item(selector) = &mut segments[select] {
        value.clone_into(&mut selector.value);
    }
    PlanPath::new(segments).unwrap()
}

/// Sets `leaf` to `temporary`, then back; the text must come back
/// byte-identical (for block scalars: the same tree).
fn round_trip(text: &str, leaf: &Leaf, temporary: &str) -> Result<(), String> {
    let mut plan = PlanEdit::new(text).map_err(|e| e.to_string())?;
    plan.set(&leaf.path, temporary)
        .map_err(|e| format!("{}: {e}", leaf.path))?;
    let changed = renamed(&leaf.path, temporary);
    if lookup(plan.tree(), &changed) != Some(&Yaml::Str(temporary.to_owned())) {
        return Err(format!("{} was not set", leaf.path));
    }
    plan.set(&changed, leaf.value.as_str())
        .map_err(|e| format!("{changed} back: {e}"))?;
    if leaf.block {
        let original = yaml::parse(text).unwrap();
        return if same_tree(&original, plan.tree()) {
            Ok(())
        } else {
            Err(format!("{}: tree differs", leaf.path))
        };
    }
    if plan.text() == text {
        Ok(())
    } else {
        Err(format!(
            "{} = {temporary:?} and back is not byte-identical:\n{}",
            leaf.path,
            unified_diff(Utf8Path::new("example"), text, plan.text())
        ))
    }
}

/// Whether `leaf` selects its own list item (`components[id=a].id`).
fn is_selector(leaf: &Leaf) -> bool {
    renamed(&leaf.path, "x") != leaf.path
}

#[test]
fn every_example_string_survives_a_change_and_back() {
    for (name, text) in example_files() {
        let mut leaves: Vec<Leaf> = string_leaves(&text);
        assert!(leaves.len() > 100, "{name}: only {} leaves", leaves.len());
        // Block scalars lose their line wrapping on a rewrite; one at a
        // time, compared as trees.
        let failures: Vec<String> = leaves
            .iter()
            .filter(|leaf| leaf.block)
            .filter_map(|leaf| round_trip(&text, leaf, "changed-value").err())
            .collect();
        assert!(failures.is_empty(), "{name}:\n{}", failures.join("\n"));
        // Every other leaf in two batches: all changed, then all back.
        // Deeper leaves first, and an item's selector after its other
        // leaves, so each path still finds its item; back in reverse.
        leaves.retain(|leaf| !leaf.block);
        leaves.sort_by_key(|leaf| {
            (
                std::cmp::Reverse(leaf.path.segments().len()),
                is_selector(leaf),
            )
        });
        let temporary = |i: usize| format!("changed-{i}");
        let there: Vec<Edit> = leaves
            .iter()
            .enumerate()
            .map(|(i, leaf)| Edit::Set(leaf.path.clone(), temporary(i).into()))
            .collect();
        let back: Vec<Edit> = leaves
            .iter()
            .enumerate()
            .rev()
            .map(|(i, leaf)| {
                Edit::Set(
                    renamed(&leaf.path, &temporary(i)),
                    leaf.value.clone().into(),
                )
            })
            .collect();
        let changed = edit::apply(&text, &there).unwrap_or_else(|e| panic!("{name}: {e}"));
        let changed_lines = counts(&unified_diff(Utf8Path::new(&name), &text, &changed)).0;
        assert!(
            changed_lines > 100,
            "{name}: only {changed_lines} lines changed"
        );
        let restored = edit::apply(&changed, &back).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            restored == text,
            "{name} is not byte-identical after changing every string and back:\n{}",
            unified_diff(Utf8Path::new(&name), &text, &restored)
        );
    }
}

fn safe_string() -> impl Strategy<Value = String> {
    "[a-zA-Z][a-zA-Z0-9_.-]{0,12}( [a-zA-Z0-9_.-]{1,8}){0,2}".prop_filter(
        "not a YAML 1.1 boolean or null",
        |s| {
            !["y", "n", "yes", "no", "on", "off", "true", "false", "null"]
                .contains(&s.to_ascii_lowercase().as_str())
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_string_and_back_is_byte_identical(
        file in 0usize..3,
        pick in any::<prop::sample::Index>(),
        temporary in safe_string(),
    ) {
        let (_, text) = &example_files()[file];
        let leaves = string_leaves(text);
        let leaf = &leaves[pick.index(leaves.len())];
        if let Err(message) = round_trip(text, leaf, &temporary) {
            prop_assert!(false, "{}", message);
        }
    }
}

// ---------------------------------------------------------------- writing

fn temp_plan(text: &str, mode: u32) -> (tempfile::TempDir, Utf8PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = Utf8PathBuf::from_path_buf(dir.path().join("plan.yaml")).unwrap();
    std::fs::write(&file, text).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(mode)).unwrap();
    (dir, file)
}

fn mode(file: &Utf8Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(file).unwrap().permissions().mode() & 0o777
}

#[test]
fn write_plan_replaces_the_file_and_keeps_permissions() {
    let (_dir, file) = temp_plan(PLAN, 0o640);
    let original = std::fs::read(&file).unwrap();
    let new = edit::apply(PLAN, &[set("providers.primary", "gcp")]).unwrap();
    write_plan(&file, &original, &new).unwrap();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), new);
    assert_eq!(mode(&file), 0o640);
}

#[test]
fn write_plan_refuses_when_the_file_changed() {
    let (_dir, file) = temp_plan(PLAN, 0o644);
    let original = std::fs::read(&file).unwrap();
    let new = edit::apply(PLAN, &[set("providers.primary", "gcp")]).unwrap();
    let theirs = PLAN.replace("aws # the only", "azure # the only");
    std::fs::write(&file, &theirs).unwrap();
    let error = write_plan(&file, &original, &new).unwrap_err();
    assert!(
        matches!(error, EditError::ChangedOnDisk { .. }),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        format!("{file} changed on disk since it was read; re-run the command")
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), theirs);
    assert_eq!(mode(&file), 0o644);
    let entries = std::fs::read_dir(file.parent().unwrap()).unwrap().count();
    assert_eq!(entries, 1, "no temporary file left behind");
}

#[test]
fn write_plan_reports_a_vanished_file() {
    let (_dir, file) = temp_plan(PLAN, 0o644);
    let original = std::fs::read(&file).unwrap();
    std::fs::remove_file(&file).unwrap();
    let error = write_plan(&file, &original, PLAN).unwrap_err();
    assert!(
        matches!(error, EditError::Io { action: "read", .. }),
        "{error:?}"
    );
    assert!(!file.exists());
}
