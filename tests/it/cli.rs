//! Black-box tests of the `infraplan` binary: exit codes, streams, and the
//! files commands write (or refuse to write).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn infraplan() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_infraplan"));
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env_remove("INFRAPLAN_PLAN")
        .env_remove("INFRAPLAN_CATALOG");
    command
}

fn run(args: &[&str]) -> Output {
    infraplan().args(args).output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn examples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
    files.sort();
    files
}

#[test]
fn every_example_is_valid_without_warnings() {
    let files = examples();
    assert!(files.len() >= 3, "expected at least three examples");
    for file in files {
        let output = run(&["validate", "--strict", file.to_str().unwrap()]);
        assert!(
            output.status.success(),
            "{} should be valid:\n{}",
            file.display(),
            stderr(&output)
        );
        assert!(
            stderr(&output).is_empty(),
            "no findings expected: {}",
            stderr(&output)
        );
    }
}

#[test]
fn validate_takes_many_files_and_fails_if_one_is_invalid() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, "version: 1\nname: x\ncomponents: []\nmodules:\n  - id: m\n    infrastructure: [{ component: ghost }]\n").unwrap();
    let good = examples().remove(0);
    let output = run(&["validate", good.to_str().unwrap(), bad.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    assert!(out.contains(": valid (0 errors"), "{out}");
    assert!(out.contains("bad.yaml: invalid (1 error"), "{out}");
    assert!(stderr(&output).contains("unknown component `ghost`"));
}

#[test]
fn warnings_fail_only_with_strict() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.yaml");
    std::fs::write(
        &plan,
        "version: 1\nname: x\ncomponents:\n  - id: lonely\n    type: object_storage\n    storage: { sizeGB: 10 }\n  - id: used\n    type: object_storage\n    storage: { sizeGB: 10 }\nmodules:\n  - id: m\n    infrastructure: [{ component: used }]\n",
    )
    .unwrap();
    let path = plan.to_str().unwrap();
    assert_eq!(run(&["validate", path]).status.code(), Some(0));
    let strict = run(&["validate", "--strict", path]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(stderr(&strict).contains("no module uses component `lonely`"));
}

#[test]
fn a_missing_file_is_an_io_error_with_exit_2() {
    let output = run(&["validate", "no/such/plan.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("cannot read `no/such/plan.yaml`"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["validate", "--format", "xml"]).status.code(), Some(2));
    assert_eq!(run(&["no-such-command"]).status.code(), Some(2));
}

#[test]
fn json_report_is_stable_and_machine_readable() {
    let file = examples().remove(0);
    let first = run(&["validate", "--format", "json", file.to_str().unwrap()]);
    let second = run(&["validate", "--format", "json", file.to_str().unwrap()]);
    assert_eq!(first.stdout, second.stdout, "byte-identical across runs");
    let report: serde_json::Value = serde_json::from_slice(&first.stdout).unwrap();
    assert_eq!(report["valid"], true);
    assert_eq!(report["files"][0]["errors"], 0);
}

#[test]
fn schema_command_prints_the_committed_schema() {
    let output = run(&["schema"]);
    assert!(output.status.success());
    let committed =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("infraplan.schema.json")).unwrap();
    assert_eq!(output.stdout, committed);
}

#[test]
fn a_closed_pipe_is_not_a_crash() {
    let mut child = infraplan()
        .arg("schema")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read nothing and close the pipe, like `infraplan schema | head -0`.
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert!(output.status.code().is_some(), "terminated by a signal");
    assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
}

#[test]
fn init_writes_a_valid_starter_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let dir_arg = dir.path().to_str().unwrap();
    let output = run(&["init", "--yes", "--dir", dir_arg, "--provider", "gcp"]);
    assert!(output.status.success(), "{}", stderr(&output));
    for name in ["infraplan.yaml", "infraplan.toml", "infraplan.schema.json"] {
        assert!(dir.path().join(name).is_file(), "{name} written");
    }
    let plan = dir.path().join("infraplan.yaml");
    let plan_text = std::fs::read_to_string(&plan).unwrap();
    assert!(plan_text.contains("primary: gcp") && plan_text.contains("gcp: us-central1"));
    let validate = run(&["validate", "--strict", plan.to_str().unwrap()]);
    assert!(validate.status.success(), "{}", stderr(&validate));
    // The settings file is found from the directory and names the plan.
    let from_dir = infraplan()
        .current_dir(dir.path())
        .arg("validate")
        .output()
        .unwrap();
    assert!(from_dir.status.success(), "{}", stderr(&from_dir));
    assert!(stdout(&from_dir).contains("infraplan.yaml: valid"));

    std::fs::write(&plan, "# mine\n").unwrap();
    let again = run(&["init", "--yes", "--dir", dir_arg]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), "# mine\n");
}

#[test]
fn catalog_lists_every_specification_technology() {
    let output = run(&["catalog", "list", "--format", "json"]);
    assert!(output.status.success());
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    for id in infraplan::catalog::lint::SPEC_TECHNOLOGIES {
        assert!(ids.contains(id), "{id} missing from the catalog");
    }
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted, "listed in id order");
}

#[test]
fn catalog_check_passes_on_the_builtin_catalog() {
    let output = run(&["catalog", "check"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("0 problems"));
}

#[test]
fn catalog_show_suggests_close_ids() {
    let output = run(&["catalog", "show", "postgress"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("did you mean `postgresql`?"));
    let found = run(&["catalog", "show", "postgresql", "--format", "json"]);
    let entry: serde_json::Value = serde_json::from_slice(&found.stdout).unwrap();
    assert_eq!(
        entry["managedOptions"]["aws"],
        "RDS PostgreSQL / Aurora PostgreSQL"
    );
}

#[test]
fn catalog_overrides_extend_and_replace_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let databases = dir.path().join("databases");
    std::fs::create_dir(&databases).unwrap();
    let redis = std::process::Command::new(env!("CARGO_BIN_EXE_infraplan"))
        .args(["catalog", "show", "redis"])
        .output()
        .unwrap();
    let redis_yaml = String::from_utf8(redis.stdout).unwrap();
    let renamed = redis_yaml
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
        .replacen("    id: redis", "  - id: redis", 1)
        .replacen("name: Redis", "name: Redis (team fork)", 1);
    let custom = renamed.replacen("id: redis", "id: team_kv", 1);
    std::fs::write(
        databases.join("key_value.yaml"),
        format!("technologies:\n{renamed}\n{custom}\n"),
    )
    .unwrap();
    let catalog_dir = dir.path().to_str().unwrap();
    let check = run(&["--catalog", catalog_dir, "catalog", "check"]);
    assert!(
        check.status.success(),
        "{}{}",
        stdout(&check),
        stderr(&check)
    );
    let show = run(&[
        "--catalog",
        catalog_dir,
        "catalog",
        "show",
        "redis",
        "--format",
        "json",
    ]);
    let entry: serde_json::Value = serde_json::from_slice(&show.stdout).unwrap();
    assert_eq!(entry["name"], "Redis (team fork)");

    let plan = dir.path().join("plan.yaml");
    std::fs::write(
        &plan,
        "version: 1\nname: x\ncomponents:\n  - id: kv\n    type: database\n    database: { technology: team_kv }\n",
    )
    .unwrap();
    let plan_arg = plan.to_str().unwrap();
    assert_eq!(
        run(&["validate", plan_arg]).status.code(),
        Some(1),
        "unknown without the override"
    );
    let with = run(&["--catalog", catalog_dir, "validate", plan_arg]);
    assert!(with.status.success(), "{}", stderr(&with));
}

#[test]
fn completions_and_man_page_are_generated() {
    let bash = run(&["completions", "bash"]);
    assert!(bash.status.success());
    assert!(stdout(&bash).contains("infraplan"));
    let man = run(&["man"]);
    assert!(man.status.success());
    assert!(stdout(&man).starts_with(".ie") || stdout(&man).contains(".TH"));
}

#[test]
fn github_format_emits_annotations() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.yaml");
    std::fs::write(&plan, "version: 1\nname: x\ncomponents: []\nbogus: 1\n").unwrap();
    let output = run(&["validate", "--format", "github", plan.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let line = stdout(&output);
    assert!(line.starts_with("::error file="), "{line}");
    assert!(line.contains(",line=4,col=1,"), "{line}");
    assert!(line.contains("title=infraplan unknown-key::"), "{line}");
}

#[test]
fn a_decision_naming_a_missing_adr_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.yaml");
    std::fs::write(
        &plan,
        "version: 1\nname: x\ncomponents: []\ndecisions:\n  - id: d1\n    title: Use X\n    status: accepted\n    adr: docs/adr/0009-use-x.md\n",
    )
    .unwrap();
    let output = run(&["validate", "--format", "json", plan.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let finding = &report["files"][0]["findings"][0];
    assert_eq!(finding["code"], "adr-missing-file");
    assert_eq!(
        (finding["line"].as_u64(), finding["column"].as_u64()),
        (Some(8), Some(10))
    );
    std::fs::create_dir_all(dir.path().join("docs/adr")).unwrap();
    std::fs::write(
        dir.path().join("docs/adr/0009-use-x.md"),
        "---\nnumber: 9\n---\n",
    )
    .unwrap();
    assert!(run(&["validate", plan.to_str().unwrap()]).status.success());
}

/// A closed stderr (`2>&1 | head -1`) never makes infraplan panic (exit
/// 101): the messages are dropped and the command keeps its exit status.
#[test]
fn a_closed_stderr_does_not_panic() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let cases: [(&[&str], i32); 3] = [
        (
            &[
                "cost",
                "estimate",
                "--plan",
                "tests/bad-plans/duplicate-component-id.yaml",
            ],
            1,
        ),
        (
            &[
                "component",
                "list",
                "--plan",
                "tests/bad-plans/duplicate-component-id.yaml",
            ],
            1,
        ),
        (
            &[
                "recommend-db",
                "--plan",
                "examples/web-shop.yaml",
                "--component",
                "nope",
            ],
            2,
        ),
    ];
    for (args, code) in cases {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_infraplan"))
            .current_dir(root)
            .args(args)
            .env("NO_COLOR", "1")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Close the read end before the command writes its diagnostics.
        drop(child.stderr.take());
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(code), "{args:?}");
    }
}

/// `validate a b c` checks every readable file and then reports each
/// unreadable one (exit 2); a FIFO or a device is refused, never read.
#[test]
fn validate_reports_every_unreadable_file_and_checks_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("plan.fifo");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let example = examples().remove(0);
    let output = run(&[
        "validate",
        "no/such/plan.yaml",
        example.to_str().unwrap(),
        fifo.to_str().unwrap(),
        "/dev/zero",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(out.contains("valid (0 errors, 0 warnings)"), "{out}");
    let err = stderr(&output);
    assert!(err.contains("cannot read `no/such/plan.yaml`"), "{err}");
    assert!(
        err.contains("plan.fifo`: it is not a regular file"),
        "{err}"
    );
    assert!(
        err.contains("cannot read `/dev/zero`: it is not a regular file"),
        "{err}"
    );
}
