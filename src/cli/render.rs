//! Renders findings and errors: compiler-style snippets for people, JSON for
//! scripts, and GitHub Actions annotations for CI.

use std::fmt::Write as _;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource};
use serde::Serialize;

use infraplan::diag::{Finding, LineIndex, Severity};

use super::CliError;

/// Width diagnostics wrap at: fixed, so output is identical everywhere.
const WIDTH: usize = 100;

/// One finding with its file and position resolved, as JSON reports it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Located<'a> {
    /// File name as given.
    pub file: &'a str,
    /// Stable code.
    pub code: infraplan::diag::Code,
    /// error or warning.
    pub severity: Severity,
    /// Message.
    pub message: &'a str,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (characters).
    pub column: usize,
    /// Line of the end of the labelled text.
    pub end_line: usize,
    /// Column just past the labelled text.
    pub end_column: usize,
    /// Label on the exact text.
    pub label: &'a str,
    /// Fix suggestion.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<&'a str>,
}

/// Resolves positions of `finding` in `text`.
pub fn locate<'a>(
    file: &'a str,
    text: &str,
    index: &LineIndex,
    finding: &'a Finding,
) -> Located<'a> {
    let span = finding.label.span;
    let (line, column) = index.position(text, span.offset);
    let (end_line, end_column) = index.position(text, span.offset + span.len);
    Located {
        file,
        code: finding.code,
        severity: finding.severity,
        message: &finding.message,
        line,
        column,
        end_line,
        end_column,
        label: &finding.label.text,
        help: finding.help.as_deref(),
    }
}

/// Replaces control characters (other than line breaks and tabs) so a
/// hostile file cannot drive the terminal; keeps every byte offset intact.
pub fn printable_source(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => c.to_string(),
            c if c.is_control() => "?".repeat(c.len_utf8()),
            c => c.to_string(),
        })
        .collect()
}

/// Escapes control characters in a message for display.
pub fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Renders findings of one file as miette reports, sharing the work every
/// finding needs: the printable source, its line table and the header's
/// line index are built once per file, and miette reads only the lines
/// around each span, so a file with thousands of findings renders in
/// linear time.
pub struct HumanRenderer<'a> {
    file: &'a str,
    text: &'a str,
    index: LineIndex,
    source: std::sync::Arc<WindowedSource>,
    color: bool,
}

impl<'a> HumanRenderer<'a> {
    /// Prepares `text` (the file `file`) for rendering its findings.
    pub fn new(file: &'a str, text: &'a str, color: bool) -> Self {
        Self {
            file,
            text,
            index: LineIndex::new(text),
            source: std::sync::Arc::new(WindowedSource::new(printable_source(text))),
            color,
        }
    }

    /// One finding as a report.
    pub fn render(&self, finding: &Finding) -> String {
        let severity = match finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        };
        let span = finding.label.span;
        let mut diagnostic = MietteDiagnostic::new(printable(&finding.message))
            .with_code(finding.code.name())
            .with_severity(severity)
            .with_label(LabeledSpan::at(
                span.offset..span.offset + span.len,
                printable(&finding.label.text),
            ));
        if let Some(help) = &finding.help {
            diagnostic = diagnostic.with_help(printable(help));
        }
        // miette counts columns in bytes; the header is written here instead, in
        // characters, so it agrees with the JSON and GitHub output.
        let (line, column) = self.index.position(self.text, span.offset);
        let header = format!("{}:{line}:{column}", printable(self.file));
        let report = miette::Report::new(diagnostic)
            .with_source_code(NamedSource::new(header, SharedSource(self.source.clone())));
        render_report(&report, self.color)
    }
}

/// A printable source with the start of every line as miette counts lines
/// (`\r\n`, a lone `\r` or `\n` end one).
struct WindowedSource {
    text: String,
    starts: Vec<usize>,
}

impl WindowedSource {
    fn new(text: String) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    i += 2;
                    starts.push(i);
                }
                b'\r' | b'\n' => {
                    i += 1;
                    starts.push(i);
                }
                _ => i += 1,
            }
        }
        Self { text, starts }
    }

    /// The line (0-based) holding byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next.saturating_sub(1),
        }
    }
}

/// A shared [`WindowedSource`] as miette reads it: the lines around a span
/// are cut out and handed to miette's own reader, and its line numbers are
/// moved back to the file's.
struct SharedSource(std::sync::Arc<WindowedSource>);

impl miette::SourceCode for SharedSource {
    fn read_span<'b>(
        &'b self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'b> + 'b>, miette::MietteError> {
        let source = &*self.0;
        let first = source
            .line_of(span.offset())
            .saturating_sub(context_lines_before + 1);
        let end = span.offset() + span.len();
        let last = source.line_of(end) + context_lines_after + 2;
        let window_start = source.starts[first];
        let window_end = source
            .starts
            .get(last)
            .copied()
            .unwrap_or(source.text.len())
            .max(end.min(source.text.len()));
        let window = &source.text[window_start..window_end];
        let local = miette::SourceSpan::new(
            (span.offset().saturating_sub(window_start)).into(),
            span.len(),
        );
        let contents = window.read_span(&local, context_lines_before, context_lines_after)?;
        Ok(Box::new(miette::MietteSpanContents::new(
            contents.data(),
            miette::SourceSpan::new(
                (contents.span().offset() + window_start).into(),
                contents.span().len(),
            ),
            contents.line() + first,
            contents.column(),
            contents.line_count() + first,
        )))
    }
}

/// A finding as a compiler-style snippet.
pub fn human(file: &str, text: &str, finding: &Finding, color: bool) -> String {
    HumanRenderer::new(file, text, color).render(finding)
}

fn render_report(report: &miette::Report, color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(WIDTH)
        .without_primary_span_start();
    let mut out = String::new();
    if handler.render_report(&mut out, report.as_ref()).is_err() {
        out = format!("{report}\n");
    }
    out
}

/// A finding as a GitHub Actions workflow command.
pub fn github(located: &Located<'_>) -> String {
    let level = match located.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut message = located.message.to_owned();
    if let Some(help) = located.help {
        let _ = write!(message, " (help: {help})");
    }
    format!(
        "::{level} file={},line={},col={},endLine={},endColumn={},title=infraplan {}::{}\n",
        escape_property(located.file),
        located.line,
        located.column,
        located.end_line,
        located.end_column,
        located.code,
        escape_data(&message)
    )
}

/// Escaping for workflow-command data, as the Actions toolkit does.
fn escape_data(text: &str) -> String {
    printable(
        &text
            .replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A"),
    )
}

/// Escaping for workflow-command properties.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Prints a command-stopping error to stderr.
pub fn report_error(error: CliError, color: bool) {
    let report = miette::Report::new(error);
    ewrite!("{}", render_report(&report, color));
}
