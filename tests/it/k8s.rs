//! `infraplan k8s size`: snapshots on the examples, a hand-checked AKS
//! cluster, findings and exit codes, bad input, size, and properties of the
//! packing.

use std::fmt::Write as _;

use infraplan::engine::k8s::packing::{NodeRoom, Pod, nodes_needed};
use proptest::prelude::*;

use super::harness::{ok_in_repo as ok, run, run_in_repo, stderr, stdout};

#[test]
fn sizes_the_examples() {
    let table = ok(&["k8s", "size", "--plan", "examples/web-shop.yaml"]);
    insta::assert_snapshot!("web_shop_table", table);
    let json = ok(&[
        "k8s",
        "size",
        "--plan",
        "examples/web-shop.yaml",
        "--format",
        "json",
    ]);
    insta::assert_snapshot!("web_shop_json", json);
    let eks = ok(&[
        "k8s",
        "size",
        "--plan",
        "examples/iot-telemetry.yaml",
        "--format",
        "markdown",
    ]);
    insta::assert_snapshot!("iot_markdown", eks);
}

fn cluster_plan(pools: &str, workloads: &str, extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "version: 1\nname: k8s\nproviders: {{ primary: azure, regions: {{ azure: eastus }} }}\ncomponents:\n  - id: aks\n    type: container_cluster\n    kubernetes:\n      tier: standard\n      version: \"1.31\"\n{extra}      nodePools:\n{pools}      workloads:\n{workloads}"
    );
    std::fs::write(dir.path().join("infraplan.yaml"), text).unwrap();
    dir
}

/// By hand: a Standard_D4s_v5 (4 vCPU, 16 GiB) node with 30 pods leaves
/// 3,860m and 15,634 MiB (AKS 1.29+); one DaemonSet of 200m / 512Mi leaves
/// 3,660m, 15,122 MiB and 29 pods. Ten 1-CPU / 2 GiB pods: three per node
/// by CPU → 4 nodes, plus 1 for upgrades = 5, rounded up to 3 zones = 6.
/// At the HPA maximum of 16: 6 nodes + 1 = 7 → 9. Cost: 0.192 × 730 =
/// 140.16 a node; the pool's 6 nodes 840.96, plus the AKS Standard tier
/// 0.10 × 730 = 73.00: 913.96.
#[test]
fn a_hand_checked_aks_cluster() {
    let dir = cluster_plan(
        "        - { name: apps, instanceType: Standard_D4s_v5, count: 6, maxCount: 9, maxPods: 30, zones: 3 }\n",
        "        - { name: web, replicas: 10, cpu: \"1\", memory: 2Gi, autoscaling: { minReplicas: 10, maxReplicas: 16 } }\n",
        "      daemonSets: [{ name: agent, cpu: 200m, memory: 512Mi }]\n",
    );
    let out = run(dir.path(), &["k8s", "size", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let cluster = &json[0];
    let pool = &cluster["pools"][0];
    assert_eq!(pool["allocatable"]["cpuMillicores"], 3_860);
    assert_eq!(pool["allocatable"]["memoryMib"], 15_634);
    assert_eq!(pool["allocatable"]["pods"], 30);
    assert_eq!(pool["daemonSets"], serde_json::json!([200, 512, 1]));
    assert_eq!(
        pool["nodesNeeded"],
        serde_json::json!({ "expected": 6, "max": 9 })
    );
    assert_eq!(pool["binding"], "cpu");
    assert_eq!(pool["nodeMonthly"], 140.16);
    assert_eq!(pool["monthlyCost"], 840.96);
    let calculator = &cluster["resourceCalculator"];
    assert_eq!(calculator["totalCPU"], "10");
    assert_eq!(calculator["totalMemory"], "20Gi");
    assert_eq!(calculator["estimatedCost"], 913.96);
    // 10 CPU requested of 6 × 3,660m = 21,960m: 45 %; memory 20,480 of
    // 6 × 15,122 = 90,732 MiB: 22 %; the larger is the efficiency.
    assert_eq!(calculator["efficiencyPercent"], 45);
    assert_eq!(cluster["findings"], serde_json::json!([]));
}

#[test]
fn findings_for_a_cluster_that_cannot_hold_its_workloads() {
    let dir = cluster_plan(
        "        - { name: small, instanceType: Standard_D4s_v5, count: 1 }\n",
        "        - { name: huge, replicas: 1, cpu: \"8\", memory: 4Gi, nodePool: small }\n        - { name: many, replicas: 8, cpu: \"1\", memory: 1Gi, cpuLimit: \"8\" }\n",
        "",
    );
    let out = run(dir.path(), &["k8s", "size"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    for expected in [
        "error[k8s-pod-too-large] aks: workload huge",
        "warning[k8s-limits-far-above-requests] aks: workload many",
        "warning[k8s-pool-short] aks: pool small",
        "warning[k8s-few-nodes] aks: a production cluster with 1 node in 1 zone",
    ] {
        assert!(text.contains(expected), "{expected}\nnot in\n{text}");
    }
}

#[test]
fn bad_input_gets_a_clear_answer() {
    let out = run_in_repo(&[
        "k8s",
        "size",
        "--plan",
        "examples/web-shop.yaml",
        "--component",
        "shop-ak",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("clusters: shop-aks"),
        "{}",
        stderr(&out)
    );
    let out = run_in_repo(&[
        "k8s",
        "manifests",
        "--plan",
        "examples/web-shop.yaml",
        "--component",
        "shop-ak",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("clusters: shop-aks"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty());
    let out = run_in_repo(&[
        "k8s",
        "size",
        "--plan",
        "examples/web-shop.yaml",
        "--env",
        "qa",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("environments: prod, staging, dev"),
        "{}",
        stderr(&out)
    );
    // A workload pinned to a pool that does not exist is a validation error.
    let dir = cluster_plan(
        "        - { name: apps, instanceType: Standard_D4s_v5, count: 3 }\n",
        "        - { name: web, replicas: 1, cpu: 100m, memory: 128Mi, nodePool: appz }\n",
        "",
    );
    let out = run(dir.path(), &["k8s", "size"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("unknown-node-pool"),
        "{}",
        stderr(&out)
    );
}

/// 200 pools and 5,000 workloads.
#[test]
fn a_large_cluster_is_sized_quickly() {
    let mut pools = String::new();
    for i in 0..200 {
        let _ = writeln!(
            pools,
            "        - {{ name: p{i}, instanceType: Standard_D8s_v5, count: 10 }}"
        );
    }
    let mut workloads = String::new();
    for i in 0..5000 {
        let _ = writeln!(
            workloads,
            "        - {{ name: w{i}, replicas: 2, cpu: 250m, memory: 512Mi, nodePool: p{} }}",
            i % 200
        );
    }
    let dir = cluster_plan(&pools, &workloads, "");
    let started = std::time::Instant::now();
    let out = run(dir.path(), &["k8s", "size", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
}

fn pods() -> impl Strategy<Value = Vec<Pod>> {
    prop::collection::vec(
        (1_u32..4_000, 1_u32..16_000).prop_map(|(cpu, memory)| Pod { cpu, memory }),
        0..60,
    )
}

const ROOM: NodeRoom = NodeRoom {
    cpu: 4_000,
    memory: 16_000,
    pods: 20,
};

proptest! {
    #[test]
    fn packing_needs_at_least_the_lower_bounds(pods in pods()) {
        let nodes = u64::from(nodes_needed(&pods, ROOM).unwrap());
        let cpu: u64 = pods.iter().map(|p| u64::from(p.cpu)).sum();
        let memory: u64 = pods.iter().map(|p| u64::from(p.memory)).sum();
        prop_assert!(nodes >= cpu.div_ceil(u64::from(ROOM.cpu)));
        prop_assert!(nodes >= memory.div_ceil(u64::from(ROOM.memory)));
        prop_assert!(nodes >= (pods.len() as u64).div_ceil(u64::from(ROOM.pods)));
        // Never more nodes than pods.
        prop_assert!(nodes <= pods.len() as u64);
    }

    /// More replicas of a workload never need fewer nodes: with identical
    /// pods first fit fills each node before opening the next.
    #[test]
    fn more_replicas_never_need_fewer_nodes(
        cpu in 1_u32..4_000,
        memory in 1_u32..16_000,
        replicas in 0_usize..80,
        more in 0_usize..40,
    ) {
        let pod = Pod { cpu, memory };
        let before = nodes_needed(&vec![pod; replicas], ROOM).unwrap();
        let after = nodes_needed(&vec![pod; replicas + more], ROOM).unwrap();
        prop_assert!(after >= before);
        // And exactly the per-node quotient.
        let per_node = (ROOM.cpu / cpu).min(ROOM.memory / memory).min(ROOM.pods) as usize;
        prop_assert_eq!(after as usize, (replicas + more).div_ceil(per_node));
    }
}

/// `kubernetes-validate` (PyPI), which CI installs; a local run without it
/// skips.
fn kubernetes_validate() -> bool {
    let found = std::process::Command::new("kubernetes-validate")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found || std::env::var_os("CI").is_none(),
        "kubernetes-validate is missing; CI must install it (.ci/run)"
    );
    if !found {
        eprintln!("skipping: kubernetes-validate is not installed");
    }
    found
}

#[test]
fn manifests_pass_the_kubernetes_schemas() {
    let stream = ok(&["k8s", "manifests", "--plan", "examples/web-shop.yaml"]);
    insta::assert_snapshot!("web_shop_manifests", stream);
    for kind in [
        "kind: Deployment",
        "kind: Service",
        "kind: HorizontalPodAutoscaler",
        "kind: PodDisruptionBudget",
    ] {
        assert!(stream.contains(kind), "{kind}");
    }
    if !kubernetes_validate() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")),
        &[
            "k8s",
            "manifests",
            "--plan",
            "examples/web-shop.yaml",
            "--out",
            dir.path().to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let cluster = dir.path().join("shop-aks");
    let mut files: Vec<String> = std::fs::read_dir(&cluster)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| {
            std::path::Path::new(n)
                .extension()
                .is_some_and(|e| e == "yaml")
        })
        .collect();
    files.sort();
    assert_eq!(files.len(), 6, "{files:?}");
    for file in files {
        let checked = std::process::Command::new("kubernetes-validate")
            .args(["--strict", "--kubernetes-version", "1.31.0", "--quiet"])
            .arg(cluster.join(&file))
            .output()
            .unwrap();
        assert!(
            checked.status.success(),
            "{file}: {}{}",
            String::from_utf8_lossy(&checked.stdout),
            String::from_utf8_lossy(&checked.stderr)
        );
    }
}

#[test]
fn a_workload_without_an_image_is_named_and_the_rest_written() {
    let dir = cluster_plan(
        "        - { name: apps, instanceType: Standard_D4s_v5, count: 3 }\n",
        "        - { name: web, image: nginx:1.27, port: 80, replicas: 2, cpu: 100m, memory: 128Mi }\n        - { name: job, replicas: 1, cpu: 100m, memory: 128Mi }\n",
        "",
    );
    let out = run(dir.path(), &["k8s", "manifests"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("warning[k8s-no-image] aks: workload job"),
        "{}",
        stderr(&out)
    );
    let text = stdout(&out);
    assert!(
        text.contains("name: web") && !text.contains("name: job"),
        "{text}"
    );
}
