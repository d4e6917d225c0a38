//! The plan-editing commands (`component`, `module`, `provider`, `fmt`) on a
//! heavily commented plan: the exact diff each command produces is
//! snapshotted (and `--dry-run` prints exactly what the write does); every
//! refused edit gives a precise message and the right exit code and leaves
//! the file byte for byte as it was; and the write path is safe against
//! read-only, vanished and concurrently changed files and against a crash
//! that leaves a temporary file behind.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use camino::{Utf8Path, Utf8PathBuf};
use infraplan::edit::{EditError, unified_diff, write_plan};

const FIXTURE: &str = include_str!("../fixtures/commented-plan.yaml");

/// A scratch directory holding `plan.yaml`.
struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn new(text: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("plan.yaml"), text).unwrap();
        Self { dir }
    }

    fn plan(&self) -> PathBuf {
        self.dir.path().join("plan.yaml")
    }

    fn text(&self) -> String {
        std::fs::read_to_string(self.plan()).unwrap()
    }

    /// Runs `infraplan --plan plan.yaml ARGS…` in the directory.
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_infraplan"))
            .current_dir(self.dir.path())
            .env("NO_COLOR", "1")
            .env_remove("INFRAPLAN_PLAN")
            .env_remove("INFRAPLAN_CATALOG")
            .args(["--plan", "plan.yaml"])
            .args(args)
            .output()
            .unwrap()
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs `args` with `--dry-run` (which must not write), then for real; the
/// real write must change the file exactly as the dry run's diff said, and
/// the result must validate. Returns the diff.
fn edit_diff(args: &[&str]) -> String {
    let scratch = Scratch::new(FIXTURE);
    let mut dry = args.to_vec();
    dry.push("--dry-run");
    let preview = scratch.run(&dry);
    assert_eq!(preview.status.code(), Some(0), "{}", stderr(&preview));
    assert_eq!(scratch.text(), FIXTURE, "--dry-run wrote the file");
    let real = scratch.run(args);
    assert_eq!(real.status.code(), Some(0), "{}", stderr(&real));
    assert!(stdout(&real).is_empty(), "a write prints nothing to stdout");
    let after = scratch.text();
    let diff = unified_diff(Utf8Path::new("plan.yaml"), FIXTURE, &after);
    assert_eq!(stdout(&preview), diff, "--dry-run shows what is written");
    let validate = scratch.run(&["validate", "plan.yaml"]);
    assert_eq!(validate.status.code(), Some(0), "{}", stderr(&validate));
    diff
}

/// Changed lines of a diff: (removed, added).
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

#[test]
fn set_replaces_values_in_place_keeping_quotes_and_comments() {
    let diff = edit_diff(&[
        "component",
        "set",
        "orders-db",
        "database.version=17",
        "database.deployment.sizing.vcores=8",
        "database.technology=mysql",
    ]);
    assert_eq!(counts(&diff), (3, 3));
    insta::assert_snapshot!("set_scalars", diff);
}

#[test]
fn set_addresses_list_items_by_name() {
    let diff = edit_diff(&[
        "component",
        "set",
        "shop-aks",
        "kubernetes.nodePools[apps].count=6",
        "kubernetes.nodePools[system].count=5",
    ]);
    assert_eq!(counts(&diff), (2, 2));
    insta::assert_snapshot!("set_list_items", diff);
}

#[test]
fn set_adds_keys_and_appends_list_items() {
    let diff = edit_diff(&[
        "component",
        "set",
        "shop-aks",
        "kubernetes.version=1.31",
        "kubernetes.namespaces+=batch",
        "kubernetes.nodePools+={ name: batch, vcpus: 4, memoryGB: 16, count: 2, spot: true }",
    ]);
    insta::assert_snapshot!("set_new_keys_and_items", diff);
}

#[test]
fn unset_removes_keys_and_list_items() {
    let diff = edit_diff(&[
        "component",
        "unset",
        "shop-aks",
        "tags.tier",
        "kubernetes.nodePools[apps].minCount",
        "kubernetes.nodePools[system]",
    ]);
    insta::assert_snapshot!("unset", diff);
}

#[test]
fn add_appends_a_component_in_the_files_style() {
    let diff = edit_diff(&[
        "component",
        "add",
        "reports-db",
        "--type",
        "database",
        "--name",
        "Reporting replica",
        "--set",
        "database.technology=postgresql",
        "--set",
        "database.type=relational",
        "--set",
        "region=westus",
    ]);
    assert_eq!(
        counts(&diff),
        (0, 8),
        "seven lines and a blank line, like its siblings"
    );
    insta::assert_snapshot!("add_component", diff);
}

#[test]
fn remove_with_force_removes_the_component_and_its_mappings() {
    let diff = edit_diff(&["component", "remove", "session-cache", "--force"]);
    assert_eq!(
        counts(&diff),
        (3, 0),
        "the item, its blank line and the mapping"
    );
    insta::assert_snapshot!("remove_component_force", diff);
}

#[test]
fn module_commands_edit_modules_and_mappings() {
    let add = edit_diff(&[
        "module", "add", "payments", "--name", "Payments", "--owner", "team-pay",
    ]);
    insta::assert_snapshot!("module_add", add);
    let assign = edit_diff(&[
        "module",
        "assign",
        "checkout",
        "assets",
        "--role",
        "secondary",
    ]);
    assert_eq!(counts(&assign), (0, 1));
    insta::assert_snapshot!("module_assign", assign);
    let role = edit_diff(&[
        "module",
        "assign",
        "storefront",
        "orders-db",
        "--role",
        "failover",
    ]);
    assert_eq!(counts(&role), (1, 1));
    insta::assert_snapshot!("module_assign_changes_role", role);
    let unassign = edit_diff(&["module", "unassign", "storefront", "assets"]);
    assert_eq!(counts(&unassign), (2, 0));
    insta::assert_snapshot!("module_unassign", unassign);
    let remove = edit_diff(&["module", "remove", "storefront"]);
    insta::assert_snapshot!("module_remove", remove);
}

#[test]
fn provider_set_edits_primary_regions_and_tags() {
    let diff = edit_diff(&[
        "provider",
        "set",
        "aws",
        "--primary",
        "--region",
        "us-west-2",
        "--secondary-region",
        "us-east-2",
        "--tag",
        "team=checkout",
    ]);
    insta::assert_snapshot!("provider_set", diff);
    let untag = edit_diff(&["provider", "set", "azure", "--untag", "cost-center"]);
    assert_eq!(counts(&untag), (2, 0), "the last tag takes its key along");
}

#[test]
fn fmt_check_reports_and_fmt_normalises() {
    let scratch = Scratch::new(FIXTURE);
    let check = scratch.run(&["fmt", "--check"]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    assert_eq!(scratch.text(), FIXTURE, "--check never writes");
    assert!(stderr(&check).contains("plan.yaml: not normalised"));
    insta::assert_snapshot!("fmt_check", stdout(&check));
    let diff = edit_diff(&["fmt"]);
    assert_eq!(diff, stdout(&check));
    let formatted = Scratch::new(&apply_fmt());
    let again = formatted.run(&["fmt", "--check"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert!(stdout(&again).is_empty());
}

fn apply_fmt() -> String {
    infraplan::planops::fmt::normalise(FIXTURE).unwrap()
}

#[test]
fn no_op_edits_leave_the_file_alone() {
    let scratch = Scratch::new(FIXTURE);
    let output = scratch.run(&["component", "set", "shop-aks", "kubernetes.tier=standard"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stderr(&output).contains("nothing to change"),
        "{}",
        stderr(&output)
    );
    let output = scratch.run(&["module", "assign", "checkout", "orders-db"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stderr(&output).contains("already uses"),
        "{}",
        stderr(&output)
    );
    assert_eq!(scratch.text(), FIXTURE);
}

/// A refused command: its exit code, its stderr, and the file untouched.
fn refused(args: &[&str]) -> (i32, String) {
    let scratch = Scratch::new(FIXTURE);
    let output = scratch.run(args);
    assert_eq!(
        std::fs::read(scratch.plan()).unwrap(),
        FIXTURE.as_bytes(),
        "`{}` changed the file",
        args.join(" ")
    );
    assert!(stdout(&output).is_empty(), "{}", stdout(&output));
    (output.status.code().unwrap_or(-1), stderr(&output))
}

#[test]
fn every_refusal_is_precise_and_leaves_the_file_unchanged() {
    let cases: &[(&[&str], i32, &[&str])] = &[
        (
            &["component", "set", "order-db", "name=x"],
            1,
            &[
                "the plan has no component `order-db`",
                "did you mean `orders-db`?",
            ],
        ),
        (
            &[
                "component",
                "set",
                "shop-aks",
                "kubernetes.nodePools[apps].cuont=6",
            ],
            1,
            &[
                "`kubernetes.nodePools[apps]` has no key `cuont`",
                "did you mean `count`?",
            ],
        ),
        (
            &[
                "component",
                "set",
                "shop-aks",
                "kubernetes.nodePools[aps].count=6",
            ],
            1,
            &["no item of", "matches `[aps]`", "did you mean `apps`?"],
        ),
        (
            &[
                "component",
                "set",
                "shop-aks",
                "kubernetes.nodePools.count=6",
            ],
            1,
            &["`kubernetes.nodePools` is a list, so `.count` does not apply"],
        ),
        (
            &[
                "component",
                "set",
                "shop-aks",
                "kubernetes.nodePools[apps].count=six",
            ],
            1,
            &[
                "`six` is not a valid value for `kubernetes.nodePools[apps].count`: expected a whole number",
            ],
        ),
        (
            &["component", "set", "shop-aks", "kubernetes.tier=standrd"],
            1,
            &[
                "expected one of free, standard, premium",
                "did you mean `standard`?",
            ],
        ),
        (
            &["component", "set", "shop-aks", "kubernetes=x"],
            1,
            &["`kubernetes` is a mapping, not a single value"],
        ),
        (
            &["component", "set", "shop-aks", "kubernetes.tier"],
            1,
            &["`kubernetes.tier` is not an assignment: it has no `=`"],
        ),
        (
            &["component", "set", "shop-aks", "kubernetes..tier=x"],
            1,
            &["is not an assignment: the path expected a name at character 12"],
        ),
        (
            &["component", "set", "orders-db", "id=orders"],
            1,
            &["`id` cannot be set here"],
        ),
        (
            &[
                "component",
                "set",
                "shop-aks",
                "kubernetes.nodePools[apps].count=0",
            ],
            1,
            &[
                "is 0; it must be at least 1",
                "the edit would make the plan invalid (2 errors)",
            ],
        ),
        (
            &[
                "component",
                "set",
                "orders-db",
                "database.technology=postgress",
            ],
            1,
            &[
                "unknown database technology `postgress`",
                "did you mean `postgresql`?",
            ],
        ),
        (
            &["component", "unset", "shop-aks", "kubernetes.nodePols"],
            1,
            &[
                "`kubernetes` has no key `nodePols`",
                "did you mean `nodePools`?",
            ],
        ),
        (
            &["component", "remove", "orders-db"],
            1,
            &[
                "component `orders-db` is still used by modules `checkout`, `storefront`",
                "infraplan module unassign checkout orders-db",
                "--force",
            ],
        ),
        (
            &["component", "add", "assets", "--type", "object_storage"],
            1,
            &["the plan already has a component `assets`"],
        ),
        (
            &["component", "add", "events", "--type", "mesaging"],
            1,
            &[
                "`mesaging` is not a valid value for `type`",
                "did you mean `messaging`?",
            ],
        ),
        (
            &[
                "component",
                "add",
                "blob",
                "--type",
                "object_storage",
                "--set",
                "database.technology=redis",
            ],
            1,
            &[
                "cannot have a `database` section",
                "the edit would make the plan invalid",
            ],
        ),
        (
            &["component", "add", "Bad.Id", "--type", "cdn"],
            1,
            &["the edit would make the plan invalid"],
        ),
        (
            &["module", "assign", "chekout", "assets"],
            1,
            &[
                "the plan has no module `chekout`",
                "did you mean `checkout`?",
            ],
        ),
        (
            &["module", "assign", "checkout", "asets"],
            1,
            &[
                "the plan has no component `asets`",
                "did you mean `assets`?",
            ],
        ),
        (
            &["module", "unassign", "checkout", "assets"],
            1,
            &["module `checkout` does not use component `assets`"],
        ),
        (
            &["module", "add", "checkout"],
            1,
            &["the plan already has a module `checkout`"],
        ),
        (
            &["module", "remove", "payments"],
            1,
            &["the plan has no module `payments`"],
        ),
        (
            &["provider", "set", "aws", "--tag", "team"],
            1,
            &["`team` is not an assignment: a tag is KEY=VALUE"],
        ),
        (
            &["provider", "set", "aws"],
            2,
            &["`provider set` needs something to set"],
        ),
        (
            &["provider", "set", "amazon", "--primary"],
            2,
            &["invalid value 'amazon'"],
        ),
        (
            &["module", "assign", "checkout", "assets", "--role", "backup"],
            2,
            &["invalid value 'backup'"],
        ),
    ];
    for (args, code, needles) in cases {
        let (got, stderr) = refused(args);
        assert_eq!(got, *code, "`{}`:\n{stderr}", args.join(" "));
        for needle in *needles {
            assert!(
                stderr.contains(needle),
                "`{}` should say {needle:?}:\n{stderr}",
                args.join(" ")
            );
        }
    }
}

#[test]
fn a_refusal_reads_like_this() {
    let (_, unknown_key) = refused(&[
        "component",
        "set",
        "shop-aks",
        "kubernetes.nodePools[apps].cuont=6",
    ]);
    insta::assert_snapshot!("refused_unknown_key", unknown_key);
    let (_, invalid) = refused(&[
        "component",
        "set",
        "shop-aks",
        "kubernetes.nodePools[apps].count=2",
    ]);
    insta::assert_snapshot!("refused_would_be_invalid", invalid);
}

#[test]
fn an_invalid_plan_is_not_edited() {
    let broken = FIXTURE.replace("tier: hot", "tier: hott");
    let scratch = Scratch::new(&broken);
    let output = scratch.run(&["component", "set", "assets", "storage.sizeGB=600"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("`hott` is not a valid value"));
    assert_eq!(scratch.text(), broken);
}

#[test]
fn a_missing_plan_is_an_io_error() {
    let scratch = Scratch::new(FIXTURE);
    std::fs::remove_file(scratch.plan()).unwrap();
    let output = scratch.run(&["component", "set", "assets", "storage.sizeGB=600"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("cannot read `plan.yaml`"),
        "{}",
        stderr(&output)
    );
    assert!(!scratch.plan().exists(), "nothing was created");
}

#[cfg(unix)]
#[test]
fn a_read_only_plan_gives_exit_2_and_is_unchanged() {
    use std::os::unix::fs::PermissionsExt;
    let scratch = Scratch::new(FIXTURE);
    std::fs::set_permissions(scratch.plan(), std::fs::Permissions::from_mode(0o444)).unwrap();
    let output = scratch.run(&["component", "set", "assets", "storage.sizeGB=600"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("cannot write `plan.yaml`: the file is read-only"),
        "{}",
        stderr(&output)
    );
    assert_eq!(scratch.text(), FIXTURE);
    let mode = std::fs::metadata(scratch.plan())
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o444);
    let dry = scratch.run(&[
        "component",
        "set",
        "assets",
        "storage.sizeGB=600",
        "--dry-run",
    ]);
    assert_eq!(dry.status.code(), Some(0), "a dry run reads only");
}

fn utf8(path: &Path) -> Utf8PathBuf {
    Utf8PathBuf::from_path_buf(path.to_owned()).unwrap()
}

/// The signature `edit::write_plan` and `planops::save` share.
type Write = fn(&Utf8Path, &[u8], &str) -> Result<(), EditError>;

#[test]
fn a_plan_changed_on_disk_between_read_and_write_is_not_overwritten() {
    let scratch = Scratch::new(FIXTURE);
    let path = utf8(&scratch.plan());
    let original = std::fs::read(&path).unwrap();
    let edited = infraplan::edit::apply(
        FIXTURE,
        &[infraplan::edit::Edit::Set(
            infraplan::edit::parse_path("components[id=assets].storage.sizeGB").unwrap(),
            600.into(),
        )],
    )
    .unwrap();
    let theirs = FIXTURE.replace("sizeGB: 500", "sizeGB: 550");
    std::fs::write(&path, &theirs).unwrap();
    let writers: [Write; 2] = [write_plan, infraplan::planops::save];
    for write in writers {
        let error = write(&path, &original, &edited).unwrap_err();
        assert!(
            matches!(error, EditError::ChangedOnDisk { .. }),
            "{error:?}"
        );
        assert_eq!(
            error.to_string(),
            format!("{path} changed on disk since it was read; re-run the command")
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
    }
}

#[test]
fn a_plan_that_vanished_before_the_write_is_not_recreated() {
    let scratch = Scratch::new(FIXTURE);
    let path = utf8(&scratch.plan());
    let original = std::fs::read(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    let error = infraplan::planops::save(&path, &original, "version: 1\n").unwrap_err();
    assert!(matches!(error, EditError::Io { .. }), "{error:?}");
    assert!(!path.exists());
}

/// A crash between writing the temporary file and renaming it over the
/// plan leaves `.plan.yaml.<random suffix>` next to an intact plan. Simulated by
/// putting such a file there: the plan reads as before, and the next write
/// replaces the plan and leaves the stray file alone.
#[test]
fn a_temporary_file_left_by_a_crash_does_not_touch_the_plan() {
    let scratch = Scratch::new(FIXTURE);
    let stray = scratch.dir.path().join(".plan.yaml.x7Qz2k");
    let half_written = &FIXTURE[..FIXTURE.len() / 2];
    std::fs::write(&stray, half_written).unwrap();
    assert_eq!(scratch.text(), FIXTURE);
    let validate = scratch.run(&["validate", "plan.yaml"]);
    assert_eq!(validate.status.code(), Some(0), "{}", stderr(&validate));
    let output = scratch.run(&["component", "set", "assets", "storage.sizeGB=600"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(scratch.text().contains("sizeGB: 600   # product images"));
    assert_eq!(std::fs::read_to_string(&stray).unwrap(), half_written);
    let path = utf8(&scratch.plan());
    infraplan::store::fs::write_atomic(&path, b"version: 1\n").unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "version: 1\n");
    let leftovers: Vec<String> = std::fs::read_dir(scratch.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".plan.yaml.") && name != ".plan.yaml.x7Qz2k")
        .collect();
    assert!(
        leftovers.is_empty(),
        "a completed write leaves no temporary file: {leftovers:?}"
    );
}

#[test]
fn list_and_show_read_the_plan() {
    let scratch = Scratch::new(FIXTURE);
    let list = scratch.run(&["component", "list"]);
    assert_eq!(list.status.code(), Some(0));
    insta::assert_snapshot!("component_list", stdout(&list));
    let show = scratch.run(&["component", "show", "shop-aks"]);
    assert_eq!(show.status.code(), Some(0));
    insta::assert_snapshot!("component_show", stdout(&show));
    let json = scratch.run(&["component", "show", "assets", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["storage"]["sizeGB"], 500.0);
    let yaml = scratch.run(&["component", "list", "--format", "yaml"]);
    assert!(stdout(&yaml).contains("id: orders-db"), "{}", stdout(&yaml));
    let modules = scratch.run(&["module", "list", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&modules.stdout).unwrap();
    assert_eq!(value[1]["infrastructure"][1]["component"], "assets");
    let providers = scratch.run(&["provider", "list"]);
    insta::assert_snapshot!("provider_list", stdout(&providers));
    let missing = scratch.run(&["component", "show", "asset"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("did you mean `assets`?"));
}

/// Twenty `component add` runs at once on one plan: every run that says it
/// wrote has its component in the file (none is lost), and every other run
/// exits 1 saying the file changed.
#[test]
fn concurrent_edits_never_lose_an_acknowledged_write() {
    let scratch = Scratch::new(FIXTURE);
    let plan = scratch.plan();
    let children: Vec<_> = (0..20)
        .map(|n| {
            std::process::Command::new(env!("CARGO_BIN_EXE_infraplan"))
                .current_dir(scratch.dir.path())
                .env("NO_COLOR", "1")
                .env_remove("INFRAPLAN_PLAN")
                .env_remove("INFRAPLAN_CATALOG")
                .args([
                    "--plan",
                    "plan.yaml",
                    "component",
                    "add",
                    &format!("bucket{n}"),
                    "--type",
                    "object_storage",
                ])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut acknowledged = Vec::new();
    for (n, child) in children.into_iter().enumerate() {
        let output = child.wait_with_output().unwrap();
        match output.status.code() {
            Some(0) => acknowledged.push(format!("bucket{n}")),
            Some(1) => assert!(
                String::from_utf8_lossy(&output.stderr).contains("changed on disk"),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            ),
            other => panic!(
                "run {n} exited {other:?}: {}",
                String::from_utf8_lossy(&output.stderr)
            ),
        }
    }
    assert!(!acknowledged.is_empty());
    let text = std::fs::read_to_string(plan).unwrap();
    for id in &acknowledged {
        assert!(
            text.contains(&format!("id: {id}")),
            "{id} was acknowledged but lost"
        );
    }
}

/// A plan reached through a symlink is edited in its target: the link stays
/// a link and the target keeps its mode.
#[test]
fn a_symlinked_plan_is_written_through_the_link() {
    use std::os::unix::fs::PermissionsExt;
    let scratch = Scratch::new(FIXTURE);
    let real = scratch.dir.path().join("real.yaml");
    std::fs::rename(scratch.plan(), &real).unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    std::os::unix::fs::symlink("real.yaml", scratch.plan()).unwrap();
    let output = scratch.run(&["component", "set", "assets", "storage.sizeGB=600"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let link = std::fs::symlink_metadata(scratch.plan()).unwrap();
    assert!(link.file_type().is_symlink(), "the link is kept");
    assert!(
        std::fs::read_to_string(&real)
            .unwrap()
            .contains("sizeGB: 600   # product images")
    );
    let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}
