//! The bad-plan corpus: every file in `tests/bad-plans/` holds one kind of
//! mistake (named by the file and by its first-line comment). `infraplan
//! validate` must reject each one with exit code 1 (never 0, never the usage
//! / IO code 2, never a crash), point at a line and column, finish quickly
//! and leave the file untouched. The full human output is snapshotted so a
//! reviewer can judge the wording of every message.
//!
//! All files are checked in one run and every failure is listed at the end,
//! so one bad case does not hide the others.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const CORPUS: &str = "tests/bad-plans";
const TIME_LIMIT: Duration = Duration::from_secs(2);

/// Files whose problem concerns the whole file rather than a place in it;
/// a `file:line:col` header is not required for them.
const FILE_LEVEL: &[&str] = &["empty.yaml", "only-comments.yaml"];

/// Files that cannot carry the leading `# Mistake:` comment.
const NO_COMMENT: &[&str] = &["binary.yaml", "empty.yaml"];

fn crate_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The corpus file names, sorted.
fn corpus() -> Vec<String> {
    let dir = crate_root().join(CORPUS);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").file_name())
        .map(|name| name.into_string().expect("corpus file names are UTF-8"))
        .filter(|name| Path::new(name).extension().is_some_and(|e| e == "yaml"))
        .collect();
    names.sort();
    names
}

/// Runs `infraplan ARGS…` from the crate root with colour off and no
/// project settings leaking in from the environment.
fn infraplan(args: &[&str]) -> (Output, Duration) {
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_infraplan"))
        .args(args)
        .current_dir(crate_root())
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("INFRAPLAN_PLAN")
        .env_remove("INFRAPLAN_CATALOG")
        .output()
        .expect("run the infraplan binary");
    (output, started.elapsed())
}

/// Makes control characters visible so snapshots stay plain text (and so a
/// reviewer can see when raw ESC/NUL bytes reached the terminal).
fn visible(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\t' => c.to_string(),
            c if c.is_control() => format!("\\u{{{:x}}}", u32::from(c)),
            c => c.to_string(),
        })
        .collect()
}

/// Exit status as text: the code, or the signal that killed the process.
fn status_text(output: &Output) -> String {
    match output.status.code() {
        Some(code) => code.to_string(),
        None => format!("killed by a signal ({:?})", output.status),
    }
}

/// Every `[tests/bad-plans/FILE:LINE:COL]` header in the human output.
fn locations(stderr: &str, file: &str) -> Vec<(usize, usize)> {
    let needle = format!("bad-plans/{file}:");
    let mut found = Vec::new();
    let mut rest = stderr;
    while let Some(at) = rest.find(&needle) {
        rest = &rest[at + needle.len()..];
        let end = rest.find(']').unwrap_or(rest.len());
        let mut parts = rest[..end].split(':');
        let line = parts.next().and_then(|p| p.parse().ok());
        let column = parts.next().and_then(|p| p.parse().ok());
        if let (Some(line), Some(column), None) = (line, column, parts.next()) {
            found.push((line, column));
        }
    }
    found
}

fn snapshot_name(file: &str) -> String {
    file.trim_end_matches(".yaml").to_owned()
}

#[test]
fn every_bad_plan_is_rejected_with_a_located_message() {
    let files = corpus();
    assert!(
        files.len() >= 30,
        "the corpus should hold at least 30 bad plans, found {}",
        files.len()
    );
    let mut failures: Vec<String> = Vec::new();
    for file in &files {
        let relative = format!("{CORPUS}/{file}");
        let path: PathBuf = crate_root().join(&relative);
        let before = std::fs::read(&path).expect("read the bad plan");
        let (output, elapsed) = infraplan(&["validate", "--color", "never", &relative]);
        let after = std::fs::read(&path).expect("read the bad plan again");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);

        let mut snapshot = String::new();
        let _ = writeln!(snapshot, "exit: {}", status_text(&output));
        let _ = writeln!(snapshot, "--- stdout ---\n{}", visible(&stdout));
        let _ = write!(snapshot, "--- stderr ---\n{}", visible(&stderr));
        let name = snapshot_name(file);
        let snapshot_result = std::panic::catch_unwind(|| {
            insta::with_settings!({
                description => format!("infraplan validate --color never {relative}"),
                omit_expression => true,
            }, {
                insta::assert_snapshot!(name, snapshot);
            });
        });
        if snapshot_result.is_err() {
            failures.push(format!(
                "{file}: snapshot differs (see `cargo insta review`)"
            ));
        }

        if output.status.code() != Some(1) {
            failures.push(format!(
                "{file}: exit status {} (expected 1)",
                status_text(&output)
            ));
        }
        if elapsed >= TIME_LIMIT {
            failures.push(format!("{file}: took {elapsed:?} (limit {TIME_LIMIT:?})"));
        }
        if before != after {
            failures.push(format!("{file}: the file was modified by `validate`"));
        }
        if stderr.contains("panicked at") || stderr.contains("RUST_BACKTRACE") {
            failures.push(format!("{file}: panicked:\n{stderr}"));
        }
        let found = locations(&stderr, file);
        if found.is_empty() && !FILE_LEVEL.contains(&file.as_str()) {
            failures.push(format!(
                "{file}: no `[{relative}:LINE:COL]` location in stderr"
            ));
        }
        // Every corpus file opens with a `# Mistake:` comment, which is never
        // the mistake itself: a location on line 1 points at the wrong place
        // (except for file-level findings, which point at the file's start).
        let starts_with_comment = before.starts_with(b"#") || before.starts_with(b"\xEF\xBB\xBF#");
        if starts_with_comment && !FILE_LEVEL.contains(&file.as_str()) {
            for &(line, column) in &found {
                if line == 1 {
                    failures.push(format!(
                        "{file}: points at {line}:{column}, the leading comment, not at the mistake"
                    ));
                }
            }
        }
        if !stdout.contains(&format!("{relative}: invalid")) {
            failures.push(format!(
                "{file}: stdout has no `{relative}: invalid` summary line"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} problem(s) in the bad-plan corpus:\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
}

#[test]
fn every_bad_plan_says_what_its_mistake_is() {
    for file in corpus() {
        if NO_COMMENT.contains(&file.as_str()) {
            continue;
        }
        let bytes = std::fs::read(crate_root().join(CORPUS).join(&file)).expect("read");
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        assert!(
            bytes.starts_with(b"# Mistake"),
            "{file} should start with a `# Mistake…` comment line"
        );
    }
}

/// Human columns count characters; JSON and GitHub output must agree with the
/// header miette prints.
#[test]
fn human_and_json_locations_agree() {
    let mut disagreements = Vec::new();
    for file in corpus() {
        let relative = format!("{CORPUS}/{file}");
        let (human, _) = infraplan(&["validate", "--color", "never", &relative]);
        let (json, _) = infraplan(&["validate", "--format", "json", &relative]);
        let Ok(report) = serde_json::from_slice::<serde_json::Value>(&json.stdout) else {
            disagreements.push(format!("{file}: --format json did not print JSON"));
            continue;
        };
        let json_locations: Vec<(usize, usize)> = report["files"][0]["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|f| {
                let n = |k: &str| usize::try_from(f[k].as_u64().unwrap_or(0)).unwrap_or(0);
                (n("line"), n("column"))
            })
            .collect();
        let human_locations = locations(&String::from_utf8_lossy(&human.stderr), &file);
        if human_locations != json_locations {
            disagreements.push(format!(
                "{file}: human headers {human_locations:?} but JSON {json_locations:?}"
            ));
        }
    }
    assert!(
        disagreements.is_empty(),
        "locations disagree:\n  {}",
        disagreements.join("\n  ")
    );
}

#[test]
fn several_mistakes_are_all_reported_in_json() {
    let relative = format!("{CORPUS}/several-mistakes.yaml");
    let (output, _) = infraplan(&["validate", "--format", "json", &relative]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("--format json prints one JSON document");
    assert_eq!(report["valid"], serde_json::Value::Bool(false));
    let file = &report["files"][0];
    assert_eq!(file["file"], serde_json::Value::String(relative.clone()));
    assert_eq!(file["valid"], serde_json::Value::Bool(false));
    let findings = file["findings"].as_array().expect("findings is a list");
    assert!(
        findings.len() >= 5,
        "expected at least 5 findings, got {}: {report:#}",
        findings.len()
    );
    let mut codes: Vec<&str> = findings.iter().filter_map(|f| f["code"].as_str()).collect();
    assert_eq!(codes.len(), findings.len(), "every finding has a code");
    codes.sort_unstable();
    codes.dedup();
    assert!(
        codes.len() >= 5,
        "expected at least 5 distinct codes, got {codes:?}"
    );
    for finding in findings {
        let line = finding["line"].as_u64().unwrap_or(0);
        let column = finding["column"].as_u64().unwrap_or(0);
        assert!(
            line >= 1 && column >= 1,
            "finding without a position: {finding:#}"
        );
        assert!(
            finding["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{finding:#}"
        );
    }
    let errors = file["errors"].as_u64().unwrap_or(0);
    assert!(errors >= 5, "expected at least 5 errors, got {errors}");
}

#[test]
fn several_mistakes_are_github_annotations() {
    let relative = format!("{CORPUS}/several-mistakes.yaml");
    let (output, _) = infraplan(&["validate", "--format", "github", &relative]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).expect("annotations are UTF-8");
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines.len() >= 5,
        "expected at least 5 annotations, got:\n{stdout}"
    );
    for line in &lines {
        assert!(
            line.starts_with("::error file="),
            "not an error annotation: {line}"
        );
        assert!(
            line.starts_with(&format!("::error file={relative},line=")),
            "annotation without file and line: {line}"
        );
    }
}

/// Human diagnostics render in linear time: 3,000 findings in one file
/// (each a miette snippet) take well under the seconds a per-finding scan
/// of the whole file took (36 s for 4,000 before).
#[test]
fn thousands_of_findings_render_quickly() {
    use std::fmt::Write as _;
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("version: 1\nname: many\ncomponents:\n");
    for i in 0..3000 {
        let _ = writeln!(
            text,
            "  - {{ id: c{i}, type: database, database: {{ technology: nosuchdb{i} }} }}"
        );
    }
    std::fs::write(dir.path().join("infraplan.yaml"), text).unwrap();
    let started = std::time::Instant::now();
    let out = super::harness::run(dir.path(), &["validate"]);
    let elapsed = started.elapsed();
    assert_eq!(out.status.code(), Some(1));
    let err = super::harness::stderr(&out);
    assert_eq!(err.matches("unknown-technology").count(), 3000);
    // The last finding points at its own line.
    assert!(
        err.contains("infraplan.yaml:3003:"),
        "line numbers hold at the end"
    );
    assert!(elapsed.as_secs() < 15, "{elapsed:?}");
}
