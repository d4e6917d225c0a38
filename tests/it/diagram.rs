//! `infraplan diagram`: snapshots of each type and format on the web-shop
//! example, every example rendered by the real Graphviz, hostile names
//! escaped in every format, determinism and size.

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::{Command, Stdio};

use super::harness::{ok_in_repo as ok, run, run_in_repo, stderr, stdout};

const SHOP: &str = "examples/web-shop.yaml";
const EXAMPLES: [&str; 3] = [
    "examples/web-shop.yaml",
    "examples/iot-telemetry.yaml",
    "examples/social-graph.yaml",
];
const TYPES: [&str; 3] = ["hierarchy", "deployment", "network"];

#[test]
fn each_type_and_format_on_the_web_shop() {
    for (kind, format) in [
        ("hierarchy", "mermaid"),
        ("deployment", "dot"),
        ("network", "d2"),
        ("deployment", "text"),
    ] {
        let out = ok(&[
            "diagram", "--plan", SHOP, "--type", kind, "--format", format,
        ]);
        insta::assert_snapshot!(format!("{kind}_{format}"), out);
    }
}

#[test]
fn output_is_byte_identical_across_runs() {
    for format in ["mermaid", "dot", "d2", "text", "json"] {
        let args = [
            "diagram",
            "--plan",
            SHOP,
            "--type",
            "deployment",
            "--format",
            format,
        ];
        assert_eq!(ok(&args), ok(&args), "{format}");
    }
}

/// Graphviz's `dot`, which CI installs; a local run without it skips.
fn graphviz() -> Option<&'static str> {
    let found = Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found || std::env::var_os("CI").is_none(),
        "Graphviz `dot` is missing; CI must install it (.ci/run)"
    );
    if !found {
        eprintln!("skipping: Graphviz `dot` is not installed");
    }
    found.then_some("dot")
}

fn render_svg(dot_source: &str) -> String {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot_source.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success() && output.stderr.is_empty(),
        "dot failed: {}\n{dot_source}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Text as Graphviz writes it into SVG.
fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('-', "&#45;")
}

#[test]
fn graphviz_renders_every_example_with_every_component() {
    if graphviz().is_none() {
        return;
    }
    for example in EXAMPLES {
        let plan: serde_json::Value = serde_json::from_str(&ok(&[
            "component",
            "--plan",
            example,
            "list",
            "--format",
            "json",
        ]))
        .unwrap();
        let names: Vec<String> = plan
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                c["name"]
                    .as_str()
                    .or_else(|| c["id"].as_str())
                    .unwrap()
                    .to_owned()
            })
            .collect();
        assert!(!names.is_empty());
        for kind in TYPES {
            let svg = render_svg(&ok(&[
                "diagram", "--plan", example, "--type", kind, "--format", "dot",
            ]));
            for name in &names {
                // Network diagrams show networks as cluster titles with
                // their address space; everything else is a node.
                assert!(
                    svg.contains(&xml(name)),
                    "{example} {kind}: `{name}` missing"
                );
            }
        }
    }
}

const HOSTILE: [&str; 5] = [
    "Say \"hi\" [now] --> {x} | y; #1",
    "<b>bold</b> & <script>alert(1)</script>",
    "ünïcødé · 数据库 · 🚀",
    "end",
    "backslash \\ at the end \\",
];

fn hostile_plan() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let long = "x".repeat(200);
    let mut text =
        String::from("version: 1\nname: hostile\nproviders: { primary: aws }\ncomponents:\n");
    for (i, name) in HOSTILE
        .iter()
        .chain(std::iter::once(&long.as_str()))
        .enumerate()
    {
        let quoted = serde_json::to_string(name).unwrap();
        let _ = writeln!(
            text,
            "  - {{ id: c{i}, name: {quoted}, type: compute, compute: {{ instanceType: m6i.large, count: 1 }} }}"
        );
    }
    text.push_str("modules:\n  - { id: m, name: \"Module \\\"quoted\\\" -->\", infrastructure: [{ component: c0 }, { component: c1, role: failover }] }\n");
    std::fs::write(dir.path().join("infraplan.yaml"), text).unwrap();
    dir
}

#[test]
fn hostile_names_are_escaped_in_every_format() {
    let dir = hostile_plan();
    let output = |format: &str| {
        let out = run(dir.path(), &["diagram", "--format", format]);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    // Mermaid: no raw quote, angle bracket or `#` inside a label; arrows
    // only on edge lines.
    let mermaid = output("mermaid");
    for line in mermaid
        .lines()
        .filter(|l| l.contains("[\"") || l.contains("([\""))
    {
        let inner =
            line[line.find('"').unwrap() + 1..line.rfind('"').unwrap()].replace("<br/>", "\n");
        assert!(
            !inner.contains('"') && !inner.contains('<') && !inner.contains('>'),
            "unescaped label: {line}"
        );
    }
    assert!(
        mermaid.contains("Say #34;hi#34; [now] --#62; {x} | y; #35;1"),
        "{mermaid}"
    );
    // A component named `end` (Mermaid's keyword) stays a quoted label.
    assert!(mermaid.contains("n_component_c3[\"end<br/>"), "{mermaid}");
    // D2: quotes and backslashes escaped inside double-quoted strings.
    let d2 = output("d2");
    assert!(
        d2.contains("\"Say \\\"hi\\\" [now] --> {x} | y; #1\\n"),
        "{d2}"
    );
    assert!(d2.contains("backslash \\\\ at the end \\\\"), "{d2}");
    // Text: printable, no control characters.
    let text = output("text");
    assert!(text.contains("ünïcødé · 数据库 · 🚀"));
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
    // DOT: Graphviz accepts it and shows every name.
    if graphviz().is_some() {
        let svg = render_svg(&output("dot"));
        for name in HOSTILE {
            assert!(svg.contains(&xml(name)), "`{name}` missing from the SVG");
        }
        assert!(svg.contains(&"x".repeat(200)));
    }
}

#[test]
fn an_unknown_environment_names_the_real_ones() {
    let out = run_in_repo(&[
        "diagram",
        "--plan",
        SHOP,
        "--type",
        "deployment",
        "--env",
        "qa",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the plan has no environment `qa`; environments: prod, staging, dev"),
        "{}",
        stderr(&out)
    );
}

/// A 1,000-component plan: every format, quickly.
#[test]
fn a_thousand_components() {
    let dir = tempfile::tempdir().unwrap();
    let mut text =
        String::from("version: 1\nname: big\nproviders: { primary: gcp }\ncomponents:\n");
    for i in 0..1000 {
        let _ = writeln!(
            text,
            "  - {{ id: vm{i}, type: compute, region: europe-west{}, compute: {{ instanceType: e2-standard-4, count: 1 }} }}",
            1 + i % 4
        );
    }
    text.push_str("modules:\n  - { id: app, infrastructure: [");
    for i in 0..1000 {
        let _ = write!(
            text,
            "{}{{ component: vm{i} }}",
            if i == 0 { "" } else { ", " }
        );
    }
    text.push_str("] }\n");
    std::fs::write(dir.path().join("infraplan.yaml"), text).unwrap();
    for format in ["mermaid", "dot", "d2", "text"] {
        let started = std::time::Instant::now();
        let out = run(
            dir.path(),
            &["diagram", "--type", "deployment", "--format", format],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            started.elapsed().as_secs() < 5,
            "{format} took {:?}",
            started.elapsed()
        );
        assert!(stdout(&out).contains("vm999"));
    }
}

/// The Mermaid example in docs/diagram.md is what the command prints.
#[test]
fn the_documented_example_is_current() {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/diagram.md")).unwrap();
    let current = ok(&[
        "diagram",
        "--plan",
        "examples/iot-telemetry.yaml",
        "--type",
        "network",
    ]);
    assert!(
        doc.contains(&format!("```mermaid\n{current}```")),
        "docs/diagram.md is stale; paste the output of the command above its mermaid block"
    );
}
