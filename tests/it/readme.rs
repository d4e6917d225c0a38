//! The README's commands run as a newcomer would run them, and its sample
//! output is what the binary really prints.

use std::process::Command;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

fn infraplan(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_infraplan"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("SOURCE_DATE_EPOCH", "1795651200")
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn first_command_validates_the_shipped_examples() {
    let readme = readme();
    let line = readme
        .lines()
        .find(|l| l.starts_with("cargo run --release -- "))
        .expect("README shows a cargo run command");
    let args: Vec<&str> = line
        .trim_start_matches("cargo run --release -- ")
        .split_whitespace()
        .collect();
    let output = infraplan(&args);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    insta_cmd::assert_cmd_snapshot!(
        "readme_first_command",
        Command::new(env!("CARGO_BIN_EXE_infraplan"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("SOURCE_DATE_EPOCH", "1795651200")
            .env("NO_COLOR", "1")
            .args(&args)
    );
}

#[test]
fn sample_diagnostic_matches_real_output() {
    let readme = readme();
    let start = readme.find("```text\n").expect("sample block") + "```text\n".len();
    let sample = &readme[start..start + readme[start..].find("```").unwrap()];
    let output = infraplan(&["validate", "tests/bad-plans/unknown-technology-typo.yaml"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.trim_end(), sample.trim_end());
}

#[test]
fn test_command_is_plain_cargo_test() {
    assert!(readme().contains("\ncargo test\n"));
    let ci = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).unwrap();
    assert!(
        ci.contains("cargo test --locked"),
        "CI runs the README's test command"
    );
}

#[test]
fn catalog_list_table() {
    insta_cmd::assert_cmd_snapshot!(
        "catalog_list",
        Command::new(env!("CARGO_BIN_EXE_infraplan")).args(["catalog", "list"])
    );
}

#[test]
fn validate_json_on_an_example() {
    insta_cmd::assert_cmd_snapshot!(
        "validate_json_web_shop",
        Command::new(env!("CARGO_BIN_EXE_infraplan"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("SOURCE_DATE_EPOCH", "1795651200")
            .args(["validate", "--format", "json", "examples/web-shop.yaml"])
    );
}
