//! `infraplan scale`: the examples' patterns, and each check on a plan
//! written to trip it.

use super::harness::{ok_in_repo as ok, run, run_in_repo, stderr, stdout};

#[test]
fn checks_the_examples() {
    let shop = ok(&[
        "scale",
        "--plan",
        "examples/web-shop.yaml",
        "--format",
        "json",
    ]);
    insta::assert_snapshot!("web_shop_json", shop);
    let graph = ok(&[
        "scale",
        "--plan",
        "examples/social-graph.yaml",
        "--format",
        "markdown",
    ]);
    insta::assert_snapshot!("social_graph_markdown", graph);
    // The GKE feed API's HPA maximum needs more graph-pool nodes than
    // the pool may grow to (the same packing as `k8s size`).
    assert!(
        graph.contains("warning[scale-ceiling-unfit] Feed API autoscaling"),
        "{graph}"
    );
}

fn plan(patterns: &str, extra_components: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("infraplan.yaml"),
        format!(
            "version: 1\nname: scale\nproviders: {{ primary: aws }}\ncomponents:\n  - {{ id: web, type: compute, compute: {{ instanceType: m6i.large, count: 2 }} }}\n{extra_components}scaling:\n{patterns}"
        ),
    )
    .unwrap();
    dir
}

#[test]
fn each_check_on_a_plan_that_trips_it() {
    let dir = plan(
        "  - name: Flappy
    component: web
    type: horizontal
    triggers:
      - { metric: cpu, threshold: 60, operator: \">\", duration: 1m, action: scale_out }
      - { metric: cpu, threshold: 65, operator: \"<\", duration: 1m, action: scale_in }
    implementation:
      autoScaling: { enabled: true, provider: aws_autoscaling, config: {} }
      statelessDesign: { sessionManagement: sticky_sessions, fileStorage: shared_filesystem }
    limits: { min: 2, max: 10 }
  - name: One way
    component: web
    type: horizontal
    triggers:
      - { metric: queue_depth, threshold: 100, operator: \">\", duration: 1m, action: scale_out }
    implementation:
      autoScaling: { enabled: true, provider: aws_autoscaling, config: {} }
      statelessDesign: { sessionManagement: external_cache, fileStorage: object_storage }
    limits: { min: 2, max: 10, cooldown: 5m }
",
        "",
    );
    let out = run(dir.path(), &["scale"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    for expected in [
        "error[scale-thresholds-overlap] Flappy: `cpu` scales back at < 65 while it scales out at > 60",
        "warning[scale-no-cooldown] Flappy",
        "warning[scale-stateful] Flappy: a horizontal pattern that keeps state in sticky sessions and a shared filesystem",
        "warning[scale-never-in] One way",
        "warning[scale-no-cache] One way",
    ] {
        assert!(text.contains(expected), "{expected}\nnot in\n{text}");
    }
    // A cache component answers the external-cache check.
    let cached = plan(
        "  - name: Cached
    component: web
    type: horizontal
    triggers:
      - { metric: cpu, threshold: 70, operator: \">\", duration: 1m, action: scale_out }
      - { metric: cpu, threshold: 30, operator: \"<\", duration: 5m, action: scale_in }
    implementation:
      autoScaling: { enabled: true, provider: aws_autoscaling, config: {} }
      statelessDesign: { sessionManagement: external_cache, fileStorage: object_storage }
    limits: { min: 2, max: 10, cooldown: 5m }
",
        "  - { id: sessions, type: database, database: { type: key_value, technology: redis } }\n",
    );
    let out = run(cached.path(), &["scale"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stdout(&out).contains("warning["), "{}", stdout(&out));
}

#[test]
fn bad_input_gets_a_clear_answer() {
    let out = run_in_repo(&[
        "scale",
        "--plan",
        "examples/web-shop.yaml",
        "--component",
        "nope",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("patterns are on: shop-aks, orders-db"),
        "{}",
        stderr(&out)
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("infraplan.yaml"),
        "version: 1\nname: none\ncomponents: []\n",
    )
    .unwrap();
    let out = run(dir.path(), &["scale"]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("has no scaling patterns"),
        "{}",
        stderr(&out)
    );
}
