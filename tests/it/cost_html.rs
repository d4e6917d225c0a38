//! `cost estimate --format html` on the shipped examples: a complete page,
//! offline, deterministic.

use std::process::Command;

fn page(plan: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_infraplan"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("SOURCE_DATE_EPOCH", "1795651200")
        .env("NO_COLOR", "1")
        .env_remove("INFRAPLAN_PLAN")
        .env_remove("INFRAPLAN_CATALOG")
        .args(["cost", "estimate", "--plan", plan, "--format", "html"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn examples_render_as_complete_offline_pages() {
    for plan in [
        "examples/web-shop.yaml",
        "examples/iot-telemetry.yaml",
        "examples/social-graph.yaml",
    ] {
        let html = page(plan);
        assert!(
            html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"),
            "{plan}"
        );
        assert_eq!(html.matches("<svg ").count(), 3, "{plan}: three charts");
        assert!(
            !html.contains("http://") && !html.contains("https://"),
            "{plan}"
        );
        // Tags that hold report text must close, or the rest of the page nests inside.
        for tag in ["svg", "table", "details", "ul", "section", "script"] {
            let opened = html.matches(&format!("<{tag}>")).count()
                + html.matches(&format!("<{tag} ")).count();
            assert_eq!(
                opened,
                html.matches(&format!("</{tag}>")).count(),
                "{plan}: <{tag}>"
            );
        }
        assert_eq!(html, page(plan), "{plan}: two runs differ");
    }
}
