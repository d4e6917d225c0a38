//! `infraplan report`: the web-shop example as one document (snapshot),
//! every section present, `--out` written through the store, and a bare
//! plan whose sections say they have nothing.

use super::harness::{ok_in_repo as ok, run, stderr, stdout};

#[test]
fn the_web_shop_report() {
    let report = ok(&["report", "--plan", "examples/web-shop.yaml"]);
    for section in [
        "# checkout-platform: architecture review",
        "## Summary",
        "## Architecture",
        "```mermaid",
        "## Databases",
        "### Database recommendations for component `orders-db` on azure",
        "## Decisions",
        "## Cost",
        "### Cost estimate: checkout-platform",
        "#### Cost comparison: checkout-platform",
        "## Migrations",
        "### Migration runbook: Orders database from the Chicago data centre to Azure",
        "## Kubernetes",
        "### Shop AKS cluster (shop-aks) on azure eastus, Kubernetes 1.31",
        "## Scaling",
    ] {
        assert!(report.lines().any(|l| l == section), "`{section}` missing");
    }
    // Same plan, same bytes.
    assert_eq!(report, ok(&["report", "--plan", "examples/web-shop.yaml"]));
    insta::assert_snapshot!("web_shop", report);
}

#[test]
fn out_writes_the_file_and_a_bare_plan_says_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("infraplan.yaml"),
        "version: 1\nname: bare\ncomponents:\n  - { id: bucket, type: object_storage, provider: aws, storage: { sizeGB: 10 } }\n",
    )
    .unwrap();
    let out = run(dir.path(), &["report", "--out", "review/report.md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
    let path = dir.path().join("review/report.md");
    let text = std::fs::read_to_string(&path).unwrap();
    for line in [
        "No database component states selection criteria, so there is nothing to recommend.",
        "The plan records no decisions.",
        "The plan has no migrations.",
        "The plan has no Kubernetes clusters with a `kubernetes` section.",
        "The plan has no scaling patterns.",
    ] {
        assert!(text.contains(line), "`{line}` missing:\n{text}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode & 0o044,
            0o044,
            "a report is readable like any new file: {mode:o}"
        );
    }
    // Again: replaced, not refused.
    let again = run(dir.path(), &["report", "--out", "review/report.md"]);
    assert!(again.status.success(), "{}", stderr(&again));
}

/// Text from a plan never reaches the terminal as control characters: a
/// description with an escape sequence is printed with visible pictures.
#[test]
fn plan_text_cannot_rewrite_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("infraplan.yaml"),
        "version: 1\nname: quiet\ndescription: \"clear \\e[2J\\e]0;PWNED\\a done\"\ncomponents:\n  - { id: bucket, type: object_storage, provider: aws, storage: { sizeGB: 10 } }\n",
    )
    .unwrap();
    let out = run(dir.path(), &["report"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    assert!(
        text.contains("clear \u{241b}[2J\u{241b}]0;PWNED\u{2407} done"),
        "{text}"
    );
}
