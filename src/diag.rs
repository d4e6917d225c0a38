//! Findings: problems in a plan (or catalog) with a stable code, a severity,
//! a labelled span in the source and a help line. Findings decide a
//! command's exit status; they are data, rendered by the CLI.

use std::fmt::{self, Write as _};

use serde::Serialize;

use crate::yaml::Span;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Fails validation.
    Error,
    /// Reported; fails only with `--strict`.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Error => "error",
            Self::Warning => "warning",
        })
    }
}

/// Declares the finding codes with their severity and meaning, once, so the
/// list in `docs/diagnostics.md` is generated from the same table.
macro_rules! codes {
    ($($variant:ident = $name:literal, $severity:ident, $meaning:literal;)*) => {
        /// Stable identifier of a kind of finding.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(#[doc = $meaning] $variant,)*
        }

        impl Code {
            /// Every code, in documentation order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The kebab-case name shown to users.
            pub const fn name(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// Default severity.
            pub const fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// One-sentence meaning, for the documentation.
            pub const fn meaning(self) -> &'static str {
                match self { $(Code::$variant => $meaning,)* }
            }
        }
    };
}

codes! {
    FileTooLarge = "file-too-large", Error, "The file is larger than infraplan reads (16 MiB).";
    NotUtf8 = "not-utf8", Error, "The file is not UTF-8 text (a binary file, or another encoding).";
    YamlSyntax = "yaml-syntax", Error, "The file is not well-formed YAML, has several documents, repeats a key, or exceeds the nesting or alias budget.";
    EmptyPlan = "empty-plan", Error, "The file holds no plan.";
    UnsupportedVersion = "unsupported-version", Error, "`version` is not a plan-file version this build reads.";
    UnknownKey = "unknown-key", Error, "A key the plan format does not define (often a typo).";
    MissingKey = "missing-key", Error, "A required key is absent.";
    WrongType = "wrong-type", Error, "A value has the wrong type (a string where a number is expected, …).";
    InvalidValue = "invalid-value", Error, "A value is not one of the allowed names.";
    OutOfRange = "out-of-range", Error, "A number is outside its allowed range.";
    InvalidQuantity = "invalid-quantity", Error, "A CPU, memory, duration, date, id, currency or money value is not written in its strict format.";
    DuplicateId = "duplicate-id", Error, "Two items in the same list share an id or name.";
    UnknownComponent = "unknown-component", Error, "A reference names a component that is not defined.";
    UnknownNodePool = "unknown-node-pool", Error, "A workload is pinned to a node pool the cluster does not have.";
    UnknownEnvironment = "unknown-environment", Error, "A Terraform workspace or a component override names an environment the plan does not define.";
    ControlCharacter = "control-character", Error, "A name or title holds a control character (a line break, tab, escape or NUL); names and titles are one line of printable text.";
    UnknownPhase = "unknown-phase", Error, "A migration phase depends on a phase that is not defined.";
    DependencyCycle = "dependency-cycle", Error, "Migration phases depend on each other in a cycle.";
    PhaseWithoutDuration = "phase-without-duration", Error, "A migration phase has no `estimatedDuration` and no task with a `duration`.";
    UnknownDecision = "unknown-decision", Error, "A reference names a decision that is not defined.";
    UnknownTechnology = "unknown-technology", Error, "A database technology is not in the catalog.";
    TechnologyTypeMismatch = "technology-type-mismatch", Error, "A database's `type` disagrees with the catalog's type for its technology.";
    SectionTypeMismatch = "section-type-mismatch", Error, "A component carries a section that belongs to another component type.";
    UnknownCriterion = "unknown-criterion", Error, "A selection score or weight names a criterion the matrix does not have.";
    UnknownMatrix = "unknown-matrix", Error, "A selection names a technology-selection matrix the catalog does not have.";
    InvalidScale = "invalid-scale", Error, "An environment's scale is not greater than zero.";
    InvertedLimits = "inverted-limits", Error, "A lower bound is greater than its upper bound.";
    UnorderedRollout = "unordered-rollout", Error, "Traffic rollout percentages do not rise.";
    DuplicatePrice = "duplicate-price", Error, "Two catalog prices describe the same SKU, region, engine, deployment, unit and volume tier.";
    StalePrice = "stale-price", Error, "A catalog price is older than `catalog check --max-age` allows.";
    ComputeSizeMissing = "compute-size-missing", Error, "A VM or node pool gives neither an instance type nor vCPUs and memory.";
    MissingSection = "missing-section", Warning, "A component has no section for its type, so engines cannot size or price it.";
    UnusedComponent = "unused-component", Warning, "No module uses the component.";
    MissingRegion = "missing-region", Warning, "The primary provider has no region, so prices fall back to the catalog default region.";
    DuplicateMapping = "duplicate-mapping", Warning, "A module maps the same component twice.";
    AdrFrontMatter = "adr-front-matter", Error, "An ADR file has no YAML front matter, or it does not parse, or a field has the wrong type.";
    AdrUnknownStatus = "adr-unknown-status", Error, "An ADR's status is not proposed, accepted, rejected, deprecated or superseded.";
    AdrFileName = "adr-file-name", Error, "An ADR's file name is not `NNNN-kebab-title.md`, or disagrees with its number or title.";
    AdrDuplicateNumber = "adr-duplicate-number", Error, "Two ADR files share a number (the classic clash of parallel branches).";
    AdrNumberGap = "adr-number-gap", Error, "ADR numbers skip a value: a record was deleted or renumbered by hand.";
    AdrBrokenLink = "adr-broken-link", Error, "An ADR links to a record number or file that does not exist.";
    AdrOneSidedLink = "adr-one-sided-link", Error, "A supersede or typed link is missing its reverse in the target, or the status disagrees with it.";
    AdrMissingFile = "adr-missing-file", Error, "A plan decision's `adr` names a file that does not exist.";
    MigrationLate = "migration-late", Error, "`migrate`: the computed schedule ends after the migration's `timeline.plannedEnd`.";
    CriticalPathMismatch = "critical-path-mismatch", Warning, "`migrate`: `timeline.criticalPath` differs from the critical path computed from the phases.";
    StartNotWorkingDay = "start-not-working-day", Warning, "`migrate`: `timeline.plannedStart` falls on a weekend or holiday; the schedule starts on the next working day.";
    RiskUnmitigated = "risk-unmitigated", Warning, "`migrate`: a risk scoring 6 or more (probability × impact) has no mitigation, contingency or owner.";
    RollbackTooSlow = "rollback-too-slow", Error, "`migrate`: the rollback procedures take longer in total than `rollback.maxRollbackTime`.";
    RtoBelowRollback = "rto-below-rollback", Warning, "`migrate`: the recovery time objective is shorter than the time a rollback may take.";
    RpoUnachievable = "rpo-unachievable", Warning, "`migrate`: the RPO is shorter than the newest recovery point a touched database keeps (its backups), with no replica, point-in-time recovery or continuous data migration.";
    RolloutWithoutTriggers = "rollout-without-triggers", Error, "`migrate`: a canary or phased traffic move has no rollback triggers.";
    K8sUnknownNodeSize = "k8s-unknown-node-size", Error, "`k8s size`: a node pool's instance type is not in the catalog and the pool gives no `vcpus` and `memoryGB`.";
    K8sPodTooLarge = "k8s-pod-too-large", Error, "`k8s size`: a workload's pod does not fit on a node of its pool (or any pool) once the DaemonSets are taken.";
    K8sPoolShort = "k8s-pool-short", Warning, "`k8s size`: a pool needs more nodes at the workloads' expected replicas than the plan gives it.";
    K8sCeilingShort = "k8s-ceiling-short", Warning, "`k8s size`: at the autoscalers' maximum replicas a pool needs more nodes than its `maxCount`.";
    K8sMaxPodsBinds = "k8s-max-pods-binds", Warning, "`k8s size`: a pool runs out of pod slots before CPU or memory.";
    K8sLimitsFarAboveRequests = "k8s-limits-far-above-requests", Warning, "`k8s size`: a workload's limit is more than four times its request.";
    K8sNoImage = "k8s-no-image", Warning, "`k8s manifests`: a workload has no `image`, so no Deployment is written for it.";
    K8sFewNodes = "k8s-few-nodes", Warning, "`k8s size`: a production cluster has fewer than 3 nodes or runs in one zone.";
    ScaleThresholdsOverlap = "scale-thresholds-overlap", Error, "`scale`: on one metric the scale-in threshold is not below the scale-out threshold, so the pattern flaps.";
    ScaleNeverIn = "scale-never-in", Warning, "`scale`: an autoscaled pattern scales out but has no trigger to scale back in.";
    ScaleNoCooldown = "scale-no-cooldown", Warning, "`scale`: an autoscaled horizontal pattern has no `limits.cooldown`.";
    ScaleStateful = "scale-stateful", Warning, "`scale`: a horizontal pattern keeps state in sticky sessions or a shared filesystem.";
    ScaleNoCache = "scale-no-cache", Warning, "`scale`: sessions go to an external cache but the plan has no cache component.";
    ScaleCeilingUnfit = "scale-ceiling-unfit", Warning, "`scale`: a Kubernetes HPA's maximum needs more nodes than its pool's `maxCount`.";
    NoRollbackPoint = "no-rollback-point", Warning, "`migrate`: no phase is a rollback point, so nothing can be undone once the migration starts.";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// The reference page of every finding code (`docs/diagnostics.md`),
/// generated from the code table so it cannot fall out of date.
pub fn codes_markdown() -> String {
    let mut text = String::from(
        "# Diagnostic codes\n\n\
         Every finding `infraplan validate`, `infraplan catalog check`, `infraplan adr check` and the\n\
         engines (`infraplan migrate check`) report has one of these stable codes; one table holds them all. JSON output carries the code in `code`; GitHub annotations in their title.\n\
         Errors make `validate` exit 1; warnings do too with `--strict`.\n\n\
         This file is generated from `src/diag.rs`; a test keeps it current.\n\n\
         | code | severity | meaning |\n| --- | --- | --- |\n",
    );
    for code in Code::ALL {
        let _ = writeln!(
            text,
            "| `{}` | {} | {} |",
            code.name(),
            code.severity(),
            code.meaning()
        );
    }
    text
}

/// A labelled range of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What is wrong right there (short).
    pub text: String,
}

/// One problem found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Stable code.
    pub code: Code,
    /// Severity (the code's default).
    pub severity: Severity,
    /// One-line message.
    pub message: String,
    /// The primary label: the exact offending text.
    pub label: Label,
    /// How to fix it.
    pub help: Option<String>,
}

impl Finding {
    /// A finding with the code's default severity.
    pub fn new(
        code: Code,
        message: impl Into<String>,
        span: Span,
        label: impl Into<String>,
    ) -> Self {
        Self {
            code,
            severity: code.severity(),
            message: message.into(),
            label: Label {
                span,
                text: label.into(),
            },
            help: None,
        }
    }

    /// Adds a help line.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// Maps byte offsets to 1-based line and column (columns count characters).
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let breaks = bytes.iter().enumerate().filter_map(|(i, &b)| match b {
            b'\n' => Some(i + 1),
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => Some(i + 1),
            _ => None,
        });
        let line_starts = std::iter::once(0).chain(breaks).collect();
        Self { line_starts }
    }

    /// The byte offset of 1-based `line` and character `column`, clamped to
    /// the text.
    pub fn offset(&self, text: &str, line: usize, column: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return text.len();
        };
        text[start..]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(text.len(), |(i, _)| start + i)
    }

    /// Line and column of `offset` in `text`.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let column = text
            .get(start..offset)
            .map_or(offset - start, |prefix| prefix.chars().count());
        (line + 1, column + 1)
    }
}

/// The closest candidate to `input`, when one is close enough to be a typo.
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lowered = input.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|candidate| {
            let score = strsim::jaro_winkler(&lowered, &candidate.to_ascii_lowercase());
            (candidate, score)
        })
        .filter(|&(_, score)| score >= 0.8)
        .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(candidate, _)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let text = "a: 1\nné: x\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), (1, 1));
        assert_eq!(index.position(text, 5), (2, 1));
        let x = text.find('x').unwrap();
        assert_eq!(index.position(text, x), (2, 5));
    }

    #[test]
    fn suggestions_catch_typos_only() {
        assert_eq!(
            did_you_mean("postgress", ["postgresql", "mysql"]),
            Some("postgresql")
        );
        assert_eq!(
            did_you_mean("regoin", ["region", "regions"]),
            Some("region")
        );
        assert_eq!(did_you_mean("zzz", ["postgresql", "mysql"]), None);
    }

    #[test]
    fn code_names_are_unique() {
        let mut names: Vec<_> = Code::ALL.iter().map(|c| c.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len());
    }
}
