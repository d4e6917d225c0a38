//! `infraplan select` as a user runs it: the specification's matrices are in
//! the catalog exactly as written and rank as their numbers imply (with the
//! GraphQL/REST narrowness made explicit), overrides and plan selections
//! work, bad input is a precise error, and `--adr` writes, refreshes and
//! never rewrites an accepted record.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

use infraplan::catalog::Catalog;

fn infraplan(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_infraplan"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1795651200")
        .env_remove("INFRAPLAN_PLAN")
        .env_remove("INFRAPLAN_CATALOG")
        .args(args)
        .output()
        .unwrap()
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let output = infraplan(dir, args);
    assert!(
        output.status.success(),
        "{args:?}: {}",
        text(&output.stderr)
    );
    text(&output.stdout)
}

fn json(dir: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(dir, args)).unwrap()
}

type Seed = (
    &'static str,
    &'static str,
    &'static [(&'static str, u8, &'static str)],
    &'static [(
        &'static str,
        &'static [u8],
        &'static [&'static str],
        &'static [&'static str],
    )],
);

/// The infraplan specification's technology selection matrices, transcribed.
const SEED: [Seed; 3] = [
    (
        "frontend_framework",
        "Frontend Framework",
        &[
            ("Performance", 8, "Runtime performance and bundle size"),
            (
                "Developer Experience",
                9,
                "Ease of development and debugging",
            ),
            ("Ecosystem", 8, "Libraries, tools, and community support"),
            ("Learning Curve", 6, "Time to become productive"),
            ("Enterprise Support", 7, "Commercial support and stability"),
            ("TypeScript Support", 9, "Type safety integration"),
            ("Testing", 7, "Testing tools and practices"),
        ],
        &[
            (
                "React",
                &[8, 9, 10, 7, 9, 9, 9],
                &[
                    "Largest ecosystem",
                    "Flexible",
                    "Strong community",
                    "Many job opportunities",
                ],
                &["Not opinionated", "Decision fatigue", "Frequent changes"],
            ),
            (
                "Vue",
                &[9, 9, 8, 9, 7, 8, 8],
                &[
                    "Gentle learning curve",
                    "Good documentation",
                    "Flexible",
                    "Official tooling",
                ],
                &["Smaller ecosystem", "Fewer enterprise adopters"],
            ),
            (
                "Angular",
                &[7, 7, 8, 5, 10, 10, 9],
                &[
                    "Full framework",
                    "Enterprise-ready",
                    "Strong TypeScript",
                    "Google backing",
                ],
                &["Steep learning curve", "Verbose", "Heavy"],
            ),
            (
                "Svelte",
                &[10, 9, 6, 8, 5, 8, 7],
                &[
                    "Best performance",
                    "No virtual DOM",
                    "Compile-time",
                    "Simple syntax",
                ],
                &["Smaller ecosystem", "Fewer jobs", "Less mature"],
            ),
        ],
    ),
    (
        "api_style",
        "API Style",
        &[
            ("Flexibility", 7, "Query flexibility for clients"),
            ("Performance", 8, "Network efficiency"),
            ("Caching", 7, "HTTP caching support"),
            ("Tooling", 8, "Development and testing tools"),
            ("Learning Curve", 6, "Time to become productive"),
            ("Real-time", 5, "Real-time update support"),
        ],
        &[
            (
                "REST",
                &[6, 7, 10, 9, 9, 4],
                &[
                    "Simple",
                    "Well understood",
                    "Great caching",
                    "Mature tooling",
                ],
                &[
                    "Over/under fetching",
                    "Multiple round trips",
                    "Version management",
                ],
            ),
            (
                "GraphQL",
                &[10, 8, 6, 8, 6, 8],
                &[
                    "Flexible queries",
                    "Single endpoint",
                    "Strong typing",
                    "Subscriptions",
                ],
                &[
                    "Complex",
                    "Caching challenges",
                    "N+1 problem",
                    "Learning curve",
                ],
            ),
            (
                "gRPC",
                &[5, 10, 4, 7, 5, 9],
                &[
                    "High performance",
                    "Strong typing",
                    "Streaming",
                    "Code generation",
                ],
                &[
                    "Browser support",
                    "Learning curve",
                    "Binary format",
                    "Less human-readable",
                ],
            ),
        ],
    ),
    (
        "message_broker",
        "Message Broker",
        &[
            ("Throughput", 9, "Messages per second"),
            ("Latency", 8, "Message delivery latency"),
            ("Durability", 9, "Message persistence guarantees"),
            ("Ordering", 7, "Message ordering guarantees"),
            ("Scalability", 8, "Horizontal scaling capability"),
            ("Operations", 7, "Ease of operations"),
        ],
        &[
            (
                "Apache Kafka",
                &[10, 8, 10, 9, 10, 6],
                &[
                    "Highest throughput",
                    "Strong ordering",
                    "Replay capability",
                    "Ecosystem",
                ],
                &[
                    "Operational complexity",
                    "Learning curve",
                    "Overkill for small use cases",
                ],
            ),
            (
                "RabbitMQ",
                &[7, 9, 8, 8, 7, 8],
                &[
                    "Flexible routing",
                    "Multiple protocols",
                    "Easy to operate",
                    "Good documentation",
                ],
                &["Lower throughput", "Scaling limitations", "Memory-bound"],
            ),
            (
                "AWS SQS/SNS",
                &[8, 7, 9, 7, 10, 10],
                &[
                    "Fully managed",
                    "High durability",
                    "Easy to use",
                    "Auto-scaling",
                ],
                &["AWS lock-in", "Limited features", "Higher latency"],
            ),
            (
                "Azure Service Bus",
                &[8, 8, 9, 8, 9, 9],
                &[
                    "Enterprise features",
                    "Sessions",
                    "Transactions",
                    "Azure integration",
                ],
                &["Azure lock-in", "Cost", "Less community"],
            ),
        ],
    ),
];

#[test]
fn the_catalog_holds_the_specification_matrices_exactly() {
    let catalog = Catalog::load(None).unwrap();
    for (id, category, criteria, options) in SEED {
        let matrix = catalog
            .matrix(id)
            .unwrap_or_else(|| panic!("no matrix {id}"));
        assert_eq!(matrix.category, category);
        let found: Vec<(&str, u8, &str)> = matrix
            .criteria
            .iter()
            .map(|c| (c.name.as_str(), c.weight.0, c.description.as_str()))
            .collect();
        assert_eq!(found, criteria, "{id} criteria");
        assert_eq!(matrix.options.len(), options.len(), "{id} options");
        for ((name, scores, pros, cons), option) in options.iter().zip(&matrix.options) {
            assert_eq!(option.name, *name, "{id}");
            let found: Vec<u8> = criteria.iter().map(|c| option.scores[c.0].0).collect();
            assert_eq!(found, *scores, "{id} {name} scores");
            assert_eq!(
                option.scores.len(),
                criteria.len(),
                "{id} {name}: no extra scores"
            );
            assert_eq!(option.pros, *pros, "{id} {name} pros");
            assert_eq!(option.cons, *cons, "{id} {name} cons");
        }
    }
}

#[test]
fn every_catalog_matrix_explains_each_weight_and_score() {
    let (catalog, problems) = infraplan::catalog::lint::check(None).unwrap();
    let matrix_problems: Vec<_> = problems
        .iter()
        .filter(|p| p.0.contains("matrices"))
        .collect();
    assert!(matrix_problems.is_empty(), "{matrix_problems:?}");
    for id in infraplan::engine::matrix::lint::REQUIRED {
        let matrix = catalog
            .matrix(id)
            .unwrap_or_else(|| panic!("no matrix {id}"));
        assert!(matrix.options.len() >= 3, "{id}");
        for option in &matrix.options {
            assert_eq!(
                option.rationale.len(),
                matrix.criteria.len(),
                "{id} {}",
                option.name
            );
            assert!(
                !option.pros.is_empty() && !option.cons.is_empty(),
                "{id} {}: real alternatives have both",
                option.name
            );
        }
    }
}

#[test]
fn the_seed_winners_and_the_narrow_graphql_margin() {
    let cases = [
        ("frontend_framework", "React", 474),
        ("message_broker", "Apache Kafka", 429),
        ("api_style", "GraphQL", 316),
    ];
    for (id, winner, total) in cases {
        let result = json(root(), &["select", id, "--format", "json"]);
        assert_eq!(result["recommendation"], winner, "{id}");
        assert_eq!(result["options"][0]["totalScore"], total, "{id}");
        assert!(result["category"].as_str().is_some());
        assert!(
            result["decisionRationale"]
                .as_str()
                .unwrap()
                .contains(winner)
        );
    }
    let api = json(root(), &["select", "api_style", "--format", "json"]);
    assert_eq!(api["margin"]["points"], 2);
    assert_eq!(api["margin"]["runnerUp"], "REST");
    assert_eq!(api["tie"]["tied"], true);
    assert_eq!(api["sensitivity"]["verdict"], "tie");
    assert!(
        api["decisionRationale"]
            .as_str()
            .unwrap()
            .starts_with("No clear winner: GraphQL leads REST by only 2 points")
    );
    let table = ok(root(), &["select", "api_style"]);
    assert!(
        table.contains("Recommendation: GraphQL — NO CLEAR WINNER: only 2 points ahead of REST"),
        "{table}"
    );
}

#[test]
fn report_snapshots() {
    insta::assert_snapshot!("api_style_table", ok(root(), &["select", "api_style"]));
    insta::assert_snapshot!(
        "message_broker_markdown",
        ok(
            root(),
            &["select", "message_broker", "--format", "markdown"]
        )
    );
    insta::assert_snapshot!("list", ok(root(), &["select", "--list"]));
    let mut broker = json(root(), &["select", "message_broker", "--format", "json"]);
    // The rationales are catalog prose; the snapshot pins the numbers.
    for option in broker["options"].as_array_mut().unwrap() {
        option.as_object_mut().unwrap().remove("rationale");
    }
    for criterion in broker["criteria"].as_array_mut().unwrap() {
        criterion.as_object_mut().unwrap().remove("rationale");
    }
    insta::assert_json_snapshot!("message_broker_json", broker);
}

#[test]
fn output_is_deterministic() {
    for format in ["table", "json", "markdown"] {
        let a = ok(root(), &["select", "cache", "--format", format]);
        let b = ok(root(), &["select", "cache", "--format", format]);
        assert_eq!(a, b, "{format}");
    }
}

#[test]
fn overrides_change_the_result_and_say_so() {
    let result = json(
        root(),
        &[
            "select",
            "api_style",
            "--weight",
            "Caching=9",
            "--format",
            "json",
        ],
    );
    assert_eq!(result["recommendation"], "REST");
    assert_eq!(result["criteria"][2]["baseWeight"], 7);
    assert_eq!(result["criteria"][2]["overrideSource"], "--weight");
    let result = json(
        root(),
        &[
            "select",
            "api_style",
            "--score",
            "REST:Real-time=6",
            "--weight",
            "learning curve=6",
            "--format",
            "json",
        ],
    );
    assert_eq!(result["recommendation"], "REST");
    let rest = result["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "REST")
        .unwrap();
    assert_eq!(rest["overriddenScores"]["Real-time"], 4);
    let markdown = ok(
        root(),
        &[
            "select",
            "api_style",
            "--weight",
            "Caching=9",
            "--format",
            "markdown",
        ],
    );
    assert!(
        markdown.contains("Weights changed from the matrix: Caching 7 → 9 (--weight)"),
        "{markdown}"
    );
}

#[test]
fn bad_input_is_a_precise_error() {
    let cases: [(&[&str], &str, &str); 7] = [
        (
            &["select", "message_brokr"],
            "unknown matrix `message_brokr`",
            "did you mean `message_broker`?",
        ),
        (
            &["select", "api_style", "--weight", "Cachng=9"],
            "the matrix has no criterion `Cachng`",
            "did you mean `Caching`?",
        ),
        (
            &["select", "api_style", "--weight", "Caching=11"],
            "weight of Caching 11 is outside the 1–10 scale",
            "weights and scores run from 1 to 10",
        ),
        (
            &["select", "api_style", "--weight", "Caching"],
            "`--weight Caching` is not Criterion=W",
            "Operations=10",
        ),
        (
            &["select", "api_style", "--score", "Rest:Caching=x"],
            "`--score Rest:Caching=x` is not Option:Criterion=S",
            "REST:Real-time=6",
        ),
        (
            &["select", "api_style", "--score", "SOAP:Caching=3"],
            "the matrix has no option `SOAP`",
            "options: REST, GraphQL, gRPC",
        ),
        (
            &["select", "api_style", "--adr", "--choose", "SOAP"],
            "the matrix has no option `SOAP`",
            "options:",
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (args, message, help) in cases {
        let out = infraplan(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains(message) && stderr.contains(help),
            "{args:?}: {stderr}"
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "nothing written"
    );
}

#[test]
fn plan_selections_use_their_weights_and_choices() {
    let result = json(
        root(),
        &[
            "select",
            "--plan",
            "examples/web-shop.yaml",
            "order-event-broker",
            "--format",
            "json",
        ],
    );
    assert_eq!(result["selection"], "order-event-broker");
    assert_eq!(result["matrix"], "message_broker");
    assert_eq!(result["chosen"], "Azure Service Bus");
    assert_eq!(result["recommendation"], "Apache Kafka");
    let operations = result["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Operations")
        .unwrap();
    assert_eq!(
        (
            operations["weight"].clone(),
            operations["baseWeight"].clone()
        ),
        (10.into(), 7.into())
    );
    let table = ok(
        root(),
        &[
            "select",
            "--plan",
            "examples/web-shop.yaml",
            "order-event-broker",
        ],
    );
    assert!(table.contains("The plan records `chosen: Azure Service Bus`: rank 3, 8 points (0.16/10) behind the recommendation."), "{table}");
    // An inline matrix.
    let result = json(
        root(),
        &[
            "select",
            "--plan",
            "examples/social-graph.yaml",
            "vector-store",
            "--format",
            "json",
        ],
    );
    assert_eq!(result["recommendation"], "pgvector on AlloyDB");
    assert!(result.get("matrix").is_none());
    let list = json(
        root(),
        &[
            "select",
            "--plan",
            "examples/social-graph.yaml",
            "--list",
            "--format",
            "json",
        ],
    );
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"public-api") && ids.contains(&"vector-store") && ids.contains(&"cache"),
        "{ids:?}"
    );
}

#[test]
fn validate_reports_unknown_matrices_criteria_and_options() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("plan.yaml"),
        "version: 1\nname: x\ncomponents: []\nselections:\n  - id: a\n    matrix: message_brokr\n  - id: b\n    matrix: api_style\n    weights: { Cachng: 3 }\n    chosen: Rest\n",
    )
    .unwrap();
    let out = infraplan(dir.path(), &["validate", "plan.yaml", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<(String, u64, String)> = found["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap(),
                f["help"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [
            (
                "unknown-matrix".to_owned(),
                6,
                "did you mean `message_broker`?".to_owned()
            ),
            (
                "unknown-criterion".to_owned(),
                9,
                "did you mean `Caching`?".to_owned()
            ),
            (
                "invalid-value".to_owned(),
                10,
                "did you mean `REST`?".to_owned()
            ),
        ]
    );
}

fn records(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if let Ok(entries) = std::fs::read_dir(dir.join("docs/adr")) {
        for entry in entries {
            let entry = entry.unwrap();
            if entry.file_name() == ".infraplan.lock" {
                continue;
            }
            out.insert(
                entry.file_name().to_string_lossy().into_owned(),
                std::fs::read_to_string(entry.path()).unwrap(),
            );
        }
    }
    out
}

#[test]
fn adr_is_written_refreshed_and_never_rewritten_once_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    let out = infraplan(path, &["select", "api_style", "--adr"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stderr),
        "created docs/adr/0001-use-graphql-for-api-style.md (ADR-0001, proposed)\n"
    );
    let file = "0001-use-graphql-for-api-style.md";
    let first = records(path)[file].clone();
    insta::assert_snapshot!("adr_api_style", first);
    // Re-running with the same inputs changes nothing.
    let out = infraplan(path, &["select", "api_style", "--adr"]);
    assert_eq!(
        text(&out.stderr),
        format!("docs/adr/{file} is up to date\n")
    );
    assert_eq!(records(path)[file], first);
    // A person edits the prose; new weights refresh only the generated parts.
    let edited = first.replace(
        "## Decision Drivers\n",
        "## Decision Drivers\n\nOur mobile clients dominate.\n",
    );
    std::fs::write(path.join("docs/adr").join(file), &edited).unwrap();
    let out = infraplan(
        path,
        &["select", "api_style", "--adr", "--weight", "Flexibility=9"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let refreshed = records(path)[file].clone();
    assert!(refreshed.contains("Our mobile clients dominate."));
    let outside = |t: &str| {
        let mut kept = String::new();
        let mut inside = false;
        for line in t.lines() {
            if line.starts_with("<!-- infraplan:end") {
                inside = false;
            }
            if !inside && !line.starts_with("  inputs-hash") && !line.starts_with("    ") {
                kept.push_str(line);
                kept.push('\n');
            }
            if line.starts_with("<!-- infraplan:begin") {
                inside = true;
            }
        }
        kept
    };
    assert_eq!(
        outside(&refreshed),
        outside(&edited),
        "only generated blocks and `infraplan:` values change"
    );
    assert!(
        refreshed.contains("| Flexibility | 9* (20.93%) |"),
        "{refreshed}"
    );
    // Accepted: never rewritten; --supersede proposes a successor.
    assert!(
        infraplan(path, &["adr", "status", "1", "accepted"])
            .status
            .success()
    );
    let accepted = records(path)[file].clone();
    let out = infraplan(
        path,
        &["select", "api_style", "--adr", "--weight", "Caching=9"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("is accepted, and an accepted record is never"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(records(path).len(), 1);
    assert_eq!(records(path)[file], accepted);
    let out = infraplan(
        path,
        &[
            "select",
            "api_style",
            "--adr",
            "--weight",
            "Caching=9",
            "--supersede",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let after = records(path);
    assert!(after[file].contains("status: superseded\n"));
    let successor = &after["0002-use-rest-for-api-style.md"];
    assert!(
        successor.contains("status: proposed\n") && successor.contains("supersedes:\n- ADR-0001\n"),
        "{successor}"
    );
    assert!(infraplan(path, &["adr", "check"]).status.success());
}

#[test]
fn adr_for_a_plan_selection_records_a_choice_against_the_matrix() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("examples/web-shop.yaml"),
        dir.path().join("infraplan.yaml"),
    )
    .unwrap();
    let out = infraplan(
        dir.path(),
        &["select", "order-event-broker", "--adr", "--dry-run"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(records(dir.path()).is_empty(), "--dry-run writes nothing");
    let preview = text(&out.stdout);
    assert!(
        preview.contains("+title: Use Azure Service Bus for Message Broker"),
        "{preview}"
    );
    assert!(
        preview.contains("Chosen option: \"Azure Service Bus\", against the matrix: it ranks 3"),
        "{preview}"
    );
    assert!(
        preview.contains("plan: infraplan.yaml#/selections/order-event-broker"),
        "{preview}"
    );
}
