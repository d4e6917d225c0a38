//! `infraplan adr` as a user runs it, in scratch directories with a fixed
//! date: records are created `proposed`, the lifecycle refuses illegal
//! moves without touching a file, supersede and links are written from both
//! ends, the index is idempotent, `check` pins every problem to its line,
//! and `renumber` fixes every reference (including the plan's).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

fn infraplan(dir: &Path, args: &[&str]) -> Output {
    super::harness::run(dir, args)
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let output = infraplan(dir, args);
    assert!(
        output.status.success(),
        "{args:?} failed: {}",
        text(&output.stderr)
    );
    text(&output.stdout)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap()
}

/// Every file under `docs/adr` (and the plan), by name.
fn files(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let adr = dir.join("docs/adr");
    if let Ok(entries) = std::fs::read_dir(&adr) {
        for entry in entries {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            out.insert(
                name,
                std::fs::read_to_string(entry.path()).unwrap_or_default(),
            );
        }
    }
    if let Ok(plan) = std::fs::read_to_string(dir.join("infraplan.yaml")) {
        out.insert("infraplan.yaml".to_owned(), plan);
    }
    out
}

/// A project with records 1 (accepted), 2 (proposed) and 3 (accepted,
/// amends 1).
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    ok(path, &["adr", "new", "Record", "architecture", "decisions"]);
    ok(path, &["adr", "status", "1", "accepted"]);
    ok(
        path,
        &[
            "adr",
            "new",
            "Use RabbitMQ for events",
            "--tag",
            "messaging",
        ],
    );
    ok(
        path,
        &[
            "adr",
            "new",
            "Publish events as CloudEvents",
            "--tag",
            "messaging",
            "--link",
            "amends:1",
        ],
    );
    ok(path, &["adr", "status", "ADR-0003", "accepted"]);
    dir
}

#[test]
fn new_records_are_proposed_numbered_and_printed_for_scripts() {
    let dir = tempfile::tempdir().unwrap();
    let out = infraplan(
        dir.path(),
        &["adr", "new", "Use", "PostgreSQL", "for", "orders"],
    );
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout),
        "docs/adr/0001-use-postgresql-for-orders.md\n"
    );
    assert_eq!(
        text(&out.stderr),
        "created docs/adr/0001-use-postgresql-for-orders.md (ADR-0001, proposed)\n"
    );
    insta::assert_snapshot!(
        "new_madr",
        read(dir.path(), "docs/adr/0001-use-postgresql-for-orders.md")
    );
    let out = ok(
        dir.path(),
        &[
            "adr",
            "new",
            "Use Redis for sessions",
            "--template",
            "nygard",
            "--tag",
            "cache",
        ],
    );
    assert_eq!(out, "docs/adr/0002-use-redis-for-sessions.md\n");
    insta::assert_snapshot!(
        "new_nygard",
        read(dir.path(), "docs/adr/0002-use-redis-for-sessions.md")
    );
}

#[test]
fn the_adr_directory_comes_from_infraplan_toml() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("infraplan.toml"),
        "adr-dir = \"decisions\"\n",
    )
    .unwrap();
    let out = ok(dir.path(), &["adr", "new", "Use Kafka"]);
    assert_eq!(out, "decisions/0001-use-kafka.md\n");
}

#[test]
fn links_are_written_from_both_ends() {
    let dir = project();
    let first = read(dir.path(), "docs/adr/0001-record-architecture-decisions.md");
    assert!(
        first.contains("links:\n  - kind: amended-by\n    target: ADR-0003\n"),
        "{first}"
    );
    assert!(first.contains("* Amended by [ADR-0003: Publish events as CloudEvents](0003-publish-events-as-cloudevents.md)"));
    let third = read(dir.path(), "docs/adr/0003-publish-events-as-cloudevents.md");
    assert!(
        third.contains("- kind: amends\n  target: ADR-0001"),
        "{third}"
    );
    // `adr link` adds a typed link afterwards, also both ways.
    ok(dir.path(), &["adr", "link", "2", "relates-to", "3"]);
    let second = read(dir.path(), "docs/adr/0002-use-rabbitmq-for-events.md");
    assert!(
        second.contains("- kind: relates-to\n  target: ADR-0003\n"),
        "{second}"
    );
    let third = read(dir.path(), "docs/adr/0003-publish-events-as-cloudevents.md");
    assert!(
        third.contains("- kind: relates-to\n  target: ADR-0002\n"),
        "{third}"
    );
    let check = infraplan(dir.path(), &["adr", "check"]);
    assert!(check.status.success(), "{}", text(&check.stderr));
}

#[test]
fn supersede_updates_both_records() {
    let dir = project();
    let before = files(dir.path());
    let out = ok(
        dir.path(),
        &["adr", "supersede", "3", "Publish events as Avro records"],
    );
    assert_eq!(out, "docs/adr/0004-publish-events-as-avro-records.md\n");
    let after = files(dir.path());
    insta::assert_snapshot!(
        "supersede_old",
        after["0003-publish-events-as-cloudevents.md"]
    );
    insta::assert_snapshot!(
        "supersede_new",
        after["0004-publish-events-as-avro-records.md"]
    );
    let changed: Vec<&String> = after
        .keys()
        .filter(|k| before.get(*k) != after.get(*k))
        .collect();
    assert_eq!(
        changed,
        [
            "0003-publish-events-as-cloudevents.md",
            "0004-publish-events-as-avro-records.md"
        ]
    );
    // The hidden legacy spelling works too, and the lifecycle applies.
    let out = infraplan(dir.path(), &["adr", "supercede", "3", "Again"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("ADR-0003 is superseded; it cannot become superseded"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn illegal_transitions_are_refused_and_change_nothing() {
    let dir = project();
    let before = files(dir.path());
    let cases: [(&[&str], &str); 6] = [
        (
            &["adr", "status", "2", "deprecated"],
            "ADR-0002 is proposed; it cannot become deprecated",
        ),
        (
            &["adr", "status", "1", "rejected"],
            "ADR-0001 is accepted; it cannot become rejected",
        ),
        (
            &["adr", "status", "1", "superseded"],
            "infraplan adr supersede 1",
        ),
        (
            &["adr", "supersede", "2", "Use Kafka"],
            "only an accepted record can be superseded",
        ),
        (
            &["adr", "status", "9", "accepted"],
            "no record ADR-0009 in `docs/adr`",
        ),
        (
            &["adr", "new", "X", "--link", "blocks:1"],
            "unknown link kind `blocks`",
        ),
    ];
    for (args, expected) in cases {
        let out = infraplan(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            text(&out.stderr).contains(expected),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert_eq!(files(dir.path()), before, "{args:?} changed a file");
    }
    // Accepting twice is not an error and writes nothing.
    let out = infraplan(dir.path(), &["adr", "status", "1", "accepted"]);
    assert!(out.status.success());
    assert_eq!(
        text(&out.stderr),
        "ADR-0001 is already accepted; nothing changed\n"
    );
    assert_eq!(files(dir.path()), before);
}

#[test]
fn dry_runs_print_the_diff_and_write_nothing() {
    let dir = project();
    let before = files(dir.path());
    let out = ok(dir.path(), &["adr", "status", "2", "rejected", "--dry-run"]);
    assert!(
        out.contains("-status: proposed\n+status: rejected\n"),
        "{out}"
    );
    assert_eq!(files(dir.path()), before);
    let out = ok(
        dir.path(),
        &[
            "adr",
            "supersede",
            "1",
            "Keep decisions in the plan",
            "--dry-run",
        ],
    );
    assert!(
        out.contains("+++ b/docs/adr/0004-keep-decisions-in-the-plan.md"),
        "{out}"
    );
    assert_eq!(files(dir.path()), before);
}

#[cfg(unix)]
#[test]
fn edit_opens_the_editor_on_the_new_record() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let editor = dir.path().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\necho 'Edited by the test editor.' >> \"$1\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_infraplan"))
        .current_dir(dir.path())
        .env("SOURCE_DATE_EPOCH", "1795651200")
        .env_remove("VISUAL")
        .env("EDITOR", editor.to_str().unwrap())
        .args(["adr", "new", "Use Kafka", "--edit"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        read(dir.path(), "docs/adr/0001-use-kafka.md").ends_with("Edited by the test editor.\n")
    );
    // Without an editor the record is written and the command says why it could not open it.
    let out = infraplan(dir.path(), &["adr", "new", "Use NATS", "--edit"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--edit needs $VISUAL or $EDITOR"));
    assert!(dir.path().join("docs/adr/0002-use-nats.md").exists());
}

#[test]
fn list_filters_and_formats() {
    let dir = project();
    insta::assert_snapshot!("list_table", ok(dir.path(), &["adr", "list"]));
    let json: serde_json::Value = serde_json::from_str(&ok(
        dir.path(),
        &["adr", "list", "--format", "json", "--tag", "messaging"],
    ))
    .unwrap();
    insta::assert_json_snapshot!("list_json_messaging", json);
    let accepted = ok(
        dir.path(),
        &[
            "adr", "list", "--status", "accepted", "--format", "markdown",
        ],
    );
    insta::assert_snapshot!("list_markdown_accepted", accepted);
}

#[test]
fn index_is_idempotent_and_keeps_text_outside_the_markers() {
    let dir = project();
    let out = infraplan(dir.path(), &["adr", "index"]);
    assert!(out.status.success());
    insta::assert_snapshot!("index_created", read(dir.path(), "docs/adr/README.md"));
    let readme = dir.path().join("docs/adr/README.md");
    let mut text_with_notes = read(dir.path(), "docs/adr/README.md");
    text_with_notes.push_str("\n## Notes\n\nWritten by a person.\n");
    std::fs::write(&readme, &text_with_notes).unwrap();
    let out = infraplan(dir.path(), &["adr", "index"]);
    assert_eq!(text(&out.stderr), "docs/adr/README.md is up to date\n");
    assert_eq!(read(dir.path(), "docs/adr/README.md"), text_with_notes);
    // A new record goes stale until indexed; commands that change records
    // refresh an index that has markers by themselves.
    ok(dir.path(), &["adr", "new", "Use Kafka"]);
    let out = infraplan(dir.path(), &["adr", "index", "--check"]);
    assert_eq!(out.status.code(), Some(0), "adr new refreshed the index");
    let readme_text = read(dir.path(), "docs/adr/README.md");
    assert!(
        readme_text
            .contains("| [ADR-0004](0004-use-kafka.md) | Use Kafka | proposed | 2026-11-26 |")
    );
    assert!(readme_text.ends_with("## Notes\n\nWritten by a person.\n"));
    std::fs::write(&readme, text_with_notes).unwrap();
    let out = infraplan(dir.path(), &["adr", "index", "--check"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn index_appends_to_a_readme_without_markers() {
    let dir = project();
    std::fs::write(
        dir.path().join("docs/adr/README.md"),
        "# Our decisions\n\nHand-written intro.",
    )
    .unwrap();
    ok(dir.path(), &["adr", "index"]);
    let readme = read(dir.path(), "docs/adr/README.md");
    assert!(
        readme.starts_with(
            "# Our decisions\n\nHand-written intro.\n\n<!-- infraplan:begin index -->\n"
        ),
        "{readme}"
    );
}

/// A directory with one of every problem `adr check` knows.
fn broken() -> tempfile::TempDir {
    let dir = project();
    let adr = dir.path().join("docs/adr");
    // A parallel branch also took number 3.
    std::fs::write(
        adr.join("0003-use-nats.md"),
        "---\nnumber: 3\ntitle: Use NATS\nstatus: proposed\ndate: 2026-11-20\n---\n\n# Use NATS\n",
    )
    .unwrap();
    // Gap (no 4, 5), unknown status, broken links, one-sided supersede.
    std::fs::write(
        adr.join("0006-use-grpc.md"),
        "---\nnumber: 6\ntitle: Use gRPC\nstatus: aproved\nsupersedes: [ADR-0002]\nlinks:\n  - { kind: extends, target: ADR-0042 }\n---\n\n# Use gRPC\n\nSee [the old one](0002-use-rabbit.md).\n",
    )
    .unwrap();
    // File name disagrees with number and title.
    std::fs::write(
        adr.join("0007-cache-everything.md"),
        "---\nnumber: 8\ntitle: Cache nothing\nstatus: rejected\n---\n",
    )
    .unwrap();
    // No front matter, and front matter that does not parse.
    std::fs::write(
        adr.join("0009-legacy.md"),
        "# 9. Legacy\n\nDate: 2019-01-01\n",
    )
    .unwrap();
    std::fs::write(
        adr.join("0010-broken.md"),
        "---\nnumber: 10\ntitle: [unclosed\n---\n",
    )
    .unwrap();
    dir
}

#[test]
fn check_reports_every_problem_with_its_position() {
    let dir = broken();
    let before = files(dir.path());
    let out = infraplan(dir.path(), &["adr", "check"]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("check_human", text(&out.stderr));
    let out = infraplan(dir.path(), &["adr", "check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let found: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<(String, String, u64)> = found
        .iter()
        .map(|f| {
            (
                f["file"]
                    .as_str()
                    .unwrap()
                    .trim_start_matches("docs/adr/")
                    .to_owned(),
                f["code"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    insta::assert_debug_snapshot!("check_codes", codes);
    let out = infraplan(dir.path(), &["adr", "check", "--format", "github"]);
    assert!(
        text(&out.stdout).starts_with("::error file=docs/adr/"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(files(dir.path()), before, "check never writes");
}

#[test]
fn check_passes_on_a_clean_directory_and_an_empty_one() {
    let dir = project();
    let out = infraplan(dir.path(), &["adr", "check"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "docs/adr: 3 record(s), no problems\n");
    let empty = tempfile::tempdir().unwrap();
    assert!(infraplan(empty.path(), &["adr", "check"]).status.success());
}

const PLAN: &str = "\
version: 1
name: shop
components:
  - { id: events, type: message_queue }
decisions:
  - id: adr-events
    title: Publish events as CloudEvents
    status: accepted
    adr: docs/adr/0003-publish-events-as-cloudevents.md # the record
  - id: adr-missing
    title: Use a service mesh
    status: proposed
    adr: docs/adr/0005-use-a-service-mesh.md
";

#[test]
fn check_reports_plan_decisions_that_name_missing_files() {
    let dir = project();
    std::fs::write(dir.path().join("infraplan.yaml"), PLAN).unwrap();
    let out = infraplan(dir.path(), &["adr", "check"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("adr-missing-file"), "{stderr}");
    assert!(stderr.contains("infraplan.yaml:13:10"), "{stderr}");
    assert!(
        stderr.contains("fix the path; it is relative to `.`"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("0003-publish-events-as-cloudevents.md`, which does not exist"),
        "{stderr}"
    );
}

#[test]
fn renumber_fixes_every_reference() {
    let dir = project();
    ok(dir.path(), &["adr", "index"]);
    std::fs::write(dir.path().join("infraplan.yaml"), PLAN).unwrap();
    let third = dir
        .path()
        .join("docs/adr/0003-publish-events-as-cloudevents.md");
    let mut text3 = std::fs::read_to_string(&third).unwrap();
    text3.push_str("\nADR-0003 refines the event format of ADR-0001.\n");
    std::fs::write(&third, text3).unwrap();
    let out = infraplan(dir.path(), &["adr", "renumber", "3", "7"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let after = files(dir.path());
    assert!(!after.contains_key("0003-publish-events-as-cloudevents.md"));
    insta::assert_snapshot!(
        "renumbered_record",
        after["0007-publish-events-as-cloudevents.md"]
    );
    insta::assert_snapshot!(
        "renumbered_target",
        after["0001-record-architecture-decisions.md"]
    );
    assert!(after["README.md"].contains("| [ADR-0007](0007-publish-events-as-cloudevents.md) |"));
    assert!(
        after["infraplan.yaml"]
            .contains("adr: docs/adr/0007-publish-events-as-cloudevents.md # the record\n"),
        "{}",
        after["infraplan.yaml"]
    );
    assert_eq!(
        after["infraplan.yaml"].replace("0007-publish", "0003-publish"),
        PLAN,
        "only the path changed in the plan"
    );
    // The gap left behind is now the only problem.
    let out = infraplan(dir.path(), &["adr", "check"]);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("adr-number-gap") && stderr.contains("adr-missing-file"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("adr-broken-link") && !stderr.contains("adr-one-sided-link"),
        "{stderr}"
    );
}

#[test]
fn renumber_resolves_a_parallel_branch_clash() {
    let dir = project();
    let adr = dir.path().join("docs/adr");
    // Another branch wrote its own record 3, linking record 2.
    std::fs::write(
        adr.join("0003-use-nats.md"),
        "---\nnumber: 3\ntitle: Use NATS\nstatus: proposed\ndate: 2026-11-20\nlinks:\n- kind: relates-to\n  target: ADR-0002\n---\n\n# Use NATS\n",
    )
    .unwrap();
    let record2 = adr.join("0002-use-rabbitmq-for-events.md");
    let text2 = std::fs::read_to_string(&record2).unwrap().replace(
        "superseded-by: []\n",
        "superseded-by: []\nlinks:\n- kind: relates-to\n  target: ADR-0003\n",
    );
    std::fs::write(&record2, text2).unwrap();
    let out = infraplan(dir.path(), &["adr", "check", "--format", "json"]);
    assert!(
        text(&out.stdout).contains("renumber one: `infraplan adr renumber 0003-use-nats.md 4`"),
        "{}",
        text(&out.stdout)
    );
    let before = files(dir.path());
    let out = infraplan(dir.path(), &["adr", "renumber", "3", "4"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("ADR-0003 is the number of 2 records"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(files(dir.path()), before);
    ok(dir.path(), &["adr", "renumber", "0003-use-nats.md", "4"]);
    let after = files(dir.path());
    assert!(after["0004-use-nats.md"].contains("number: 4\n"));
    assert!(
        after["0002-use-rabbitmq-for-events.md"].contains("target: ADR-0004"),
        "the reciprocal link follows"
    );
    assert!(
        after["0001-record-architecture-decisions.md"].contains("target: ADR-0003"),
        "the other record 3 keeps its links"
    );
    let out = infraplan(dir.path(), &["adr", "check"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = infraplan(dir.path(), &["adr", "renumber", "4", "1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("ADR-0001 is taken by `0001-record-architecture-decisions.md`")
    );
}

#[cfg(unix)]
#[test]
fn an_unwritable_directory_leaves_every_file_as_it_was() {
    use std::os::unix::fs::PermissionsExt;
    let dir = project();
    let adr = dir.path().join("docs/adr");
    std::fs::set_permissions(&adr, std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::write(adr.join("probe"), "").is_ok() {
        // Running as root: permissions do not stop writes, nothing to test.
        std::fs::remove_file(adr.join("probe")).unwrap();
        std::fs::set_permissions(&adr, std::fs::Permissions::from_mode(0o755)).unwrap();
        return;
    }
    let before = files(dir.path());
    let out = infraplan(
        dir.path(),
        &["adr", "supersede", "1", "Keep decisions in the plan"],
    );
    std::fs::set_permissions(&adr, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(files(dir.path()), before);
}

fn spawn_all(dir: &Path, runs: &[Vec<String>]) -> Vec<Output> {
    let children: Vec<_> = runs
        .iter()
        .map(|args| {
            Command::new(env!("CARGO_BIN_EXE_infraplan"))
                .current_dir(dir)
                .env("NO_COLOR", "1")
                .env("SOURCE_DATE_EPOCH", "1795651200")
                .env_remove("INFRAPLAN_PLAN")
                .env_remove("INFRAPLAN_CATALOG")
                .args(args)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    children
        .into_iter()
        .map(|child| child.wait_with_output().unwrap())
        .collect()
}

/// Parallel runs take the ADR directory's lock before reading it: every
/// `adr new` gets its own number, and every `adr link` lands at both ends.
#[test]
fn parallel_runs_never_share_a_number_or_leave_one_sided_links() {
    const RUNS: usize = 20;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    ok(path, &["adr", "new", "Record", "architecture", "decisions"]);
    let news: Vec<Vec<String>> = (0..RUNS)
        .map(|n| vec!["adr".into(), "new".into(), format!("Decision {n}")])
        .collect();
    for (n, output) in spawn_all(path, &news).iter().enumerate() {
        assert!(output.status.success(), "run {n}: {}", text(&output.stderr));
    }
    let numbers: std::collections::BTreeSet<String> = files(path)
        .keys()
        .filter_map(|name| {
            name.get(..4)
                .filter(|n| n.bytes().all(|b| b.is_ascii_digit()))
        })
        .map(str::to_owned)
        .collect();
    assert_eq!(numbers.len(), RUNS + 1, "{numbers:?}");

    let links: Vec<Vec<String>> = (2..=RUNS + 1)
        .map(|n| {
            vec![
                "adr".into(),
                "link".into(),
                n.to_string(),
                "relates-to".into(),
                "1".into(),
            ]
        })
        .collect();
    for (n, output) in spawn_all(path, &links).iter().enumerate() {
        assert!(
            output.status.success(),
            "link {n}: {}",
            text(&output.stderr)
        );
    }
    let first = read(path, "docs/adr/0001-record-architecture-decisions.md");
    for n in 2..=RUNS + 1 {
        assert!(first.contains(&format!("ADR-{n:04}")), "{first}");
    }
    let check = infraplan(path, &["adr", "check"]);
    assert!(check.status.success(), "{}", text(&check.stderr));
}

/// Record numbers stay within four digits: renumbering past 9999 (or to 0)
/// is refused with nothing written, and so is a new record after 9999.
#[test]
fn numbers_stay_within_four_digits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    ok(path, &["adr", "new", "First"]);
    let before = files(path);
    for number in ["4294967295", "10000", "0"] {
        let out = infraplan(path, &["adr", "renumber", "1", number]);
        assert_eq!(out.status.code(), Some(2), "{number}");
        assert!(
            text(&out.stderr).contains("is outside 1–9999"),
            "{}",
            text(&out.stderr)
        );
        assert_eq!(files(path), before, "nothing written for {number}");
    }
    ok(path, &["adr", "renumber", "1", "9999"]);
    let out = infraplan(path, &["adr", "new", "Second"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("ADR number 10000 is outside 1–9999"),
        "{}",
        text(&out.stderr)
    );
}
