//! `--help` of every command and subcommand, in one snapshot: a change to
//! any flag or its wording shows up in review.

use std::fmt::Write as _;
use std::process::Command;

fn help(path: &[String]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_infraplan"))
        .args(path)
        .arg("--help")
        .env("NO_COLOR", "1")
        .env_remove("INFRAPLAN_PLAN")
        .env_remove("INFRAPLAN_CATALOG")
        .output()
        .unwrap();
    assert!(output.status.success(), "{path:?} --help failed");
    String::from_utf8(output.stdout).unwrap()
}

/// The subcommand names a help text lists under `Commands:`.
fn subcommands(text: &str) -> Vec<String> {
    text.lines()
        .skip_while(|line| *line != "Commands:")
        .skip(1)
        .take_while(|line| line.starts_with("  "))
        // Wrapped descriptions continue on lines indented further.
        .filter(|line| !line.starts_with("   "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_command_has_help() {
    let mut out = String::new();
    let mut queue: Vec<Vec<String>> = vec![Vec::new()];
    let mut seen = 0;
    while let Some(path) = queue.pop() {
        let text = help(&path);
        let _ = writeln!(out, "===== infraplan {} --help", path.join(" "));
        out.push_str(&text);
        seen += 1;
        let mut children: Vec<Vec<String>> = subcommands(&text)
            .into_iter()
            .map(|name| {
                let mut child = path.clone();
                child.push(name);
                child
            })
            .collect();
        // Depth-first in the order help lists them.
        children.reverse();
        queue.extend(children);
    }
    assert!(seen > 20, "only {seen} help texts found");
    insta::assert_snapshot!("help", out);
}
