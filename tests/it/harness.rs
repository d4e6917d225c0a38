//! What every integration test needs to run the binary: one place for the
//! environment a test run must not inherit.

use std::path::Path;
use std::process::{Command, Output};

/// Runs `infraplan` in `dir` with colour off, a fixed date and no plan,
/// catalog or editor from the caller's environment.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_infraplan"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1795651200")
        .env_remove("INFRAPLAN_PLAN")
        .env_remove("INFRAPLAN_CATALOG")
        .env_remove("VISUAL")
        .env_remove("EDITOR")
        .args(args)
        .output()
        .unwrap()
}

/// Runs `infraplan` in the repository root (where `examples/` is).
pub fn run_in_repo(args: &[&str]) -> Output {
    run(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// Standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs `infraplan` in the repository root; it must succeed. Its stdout.
pub fn ok_in_repo(args: &[&str]) -> String {
    let output = run_in_repo(args);
    assert!(
        output.status.success(),
        "{args:?} failed:\n{}",
        stderr(&output)
    );
    stdout(&output)
}
