//! Properties of loading and validation that must hold for any input:
//! no panics, spans inside the text, deterministic findings, and a plan is
//! returned exactly when there are no errors.

use std::sync::OnceLock;

use infraplan::catalog::Catalog;
use infraplan::diag::Severity;
use infraplan::plan::quantity::{parse_cpu, parse_duration, parse_memory};
use infraplan::validate::{decode, validate};
use proptest::prelude::*;

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::load(None).unwrap())
}

fn check_invariants(text: &str) {
    let first = validate(text, catalog());
    for finding in &first.findings {
        let span = finding.label.span;
        assert!(
            span.offset + span.len <= text.len(),
            "span outside the text"
        );
        assert!(
            text.is_char_boundary(span.offset),
            "span splits a character"
        );
    }
    let has_errors = first.findings.iter().any(|f| f.severity == Severity::Error);
    assert_eq!(first.plan.is_some(), !has_errors, "plan iff no errors");
    let second = validate(text, catalog());
    assert_eq!(first.findings, second.findings, "deterministic");
}

/// Plan-shaped YAML: real keys and enum words in random arrangements.
fn plan_like() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "version",
        "name",
        "components",
        "modules",
        "id",
        "type",
        "database",
        "technology",
        "kubernetes",
        "nodePools",
        "workloads",
        "cpu",
        "memory",
        "count",
        "replicas",
        "role",
        "component",
        "infrastructure",
        "environments",
        "scale",
        "providers",
        "primary",
        "regions",
        "migrations",
        "phases",
        "dependencies",
        "estimatedDuration",
        "storage",
        "sizeGB",
        "criteria",
        "scaling",
        "limits",
        "min",
        "max",
        "selections",
        "weights",
    ]);
    let scalar = prop::sample::select(vec![
        "1",
        "0",
        "-3",
        "2.5",
        "true",
        "no",
        "~",
        "postgresql",
        "postgress",
        "database",
        "container_cluster",
        "500m",
        "fast",
        "1Gi",
        "2w",
        "3 days",
        "a",
        "b",
        "\"x\"",
        "[]",
        "{}",
        "[a, b]",
        "&x 1",
        "*x",
        "azure",
        "primary",
        "2027-02-30",
    ]);
    let line = (0usize..4, key, prop::option::of(scalar), any::<bool>()).prop_map(
        |(indent, key, value, dash)| {
            let pad = "  ".repeat(indent);
            let dash = if dash { "- " } else { "" };
            match value {
                Some(v) => format!("{pad}{dash}{key}: {v}"),
                None => format!("{pad}{dash}{key}:"),
            }
        },
    );
    prop::collection::vec(line, 0..40).prop_map(|lines| {
        let mut text = String::from("version: 1\nname: p\n");
        text.push_str(&lines.join("\n"));
        text
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        check_invariants(&text);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(text) = decode(&bytes) {
            check_invariants(text);
        }
    }

    #[test]
    fn plan_shaped_text_never_panics(text in plan_like()) {
        check_invariants(&text);
    }

    #[test]
    fn millicores_round_trip(millis in 1u64..10_000_000) {
        prop_assert_eq!(parse_cpu(&format!("{millis}m")), Ok(millis));
    }

    #[test]
    fn whole_cores_are_thousands_of_millicores(cores in 1u64..100_000) {
        prop_assert_eq!(parse_cpu(&cores.to_string()), Ok(cores * 1000));
    }

    #[test]
    fn binary_units_scale_by_1024(n in 1u64..100_000) {
        prop_assert_eq!(parse_memory(&format!("{n}Mi")), Ok(n * 1024 * 1024));
        prop_assert_eq!(parse_memory(&format!("{n}Gi")), parse_memory(&format!("{}Mi", n * 1024)));
    }

    #[test]
    fn a_week_is_seven_days(n in 0u64..10_000) {
        prop_assert_eq!(parse_duration(&format!("{n}w")), parse_duration(&format!("{}d", n * 7)));
    }
}
