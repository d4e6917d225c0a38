//! Writing results to stdout without panicking on a closed pipe
//! (`infraplan schema | head`).

use std::io::Write;

use super::CliError;

/// `text` with control characters a terminal would act on (escape
/// sequences, bells, carriage returns, NUL) replaced by their visible
/// Unicode control pictures (`␛`, `␇`, `␍`, `␀`); line feeds and tabs stay.
/// JSON output is unchanged by it: JSON strings escape every control
/// character already.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| match u32::from(c) {
                code @ 0..=0x1f if unsafe_char(c) => {
                    char::from_u32(0x2400 + code).unwrap_or('\u{fffd}')
                }
                0x7f => '\u{2421}',
                0x80..=0x9f => '\u{fffd}',
                _ => c,
            })
            .collect(),
    )
}

/// Writes `text` to stdout, control characters made visible
/// ([`printable`]); a closed pipe ends the command quietly.
pub fn print(text: &str) -> Result<(), CliError> {
    let text = printable(text);
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|source| CliError::Io {
            action: "write",
            path: "<stdout>".into(),
            source,
        })
}

/// Whether the error is a closed stdout pipe, which is not a failure.
pub fn is_broken_pipe(error: &CliError) -> bool {
    matches!(error, CliError::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
}

/// Pretty JSON with a trailing newline; a value that cannot be written as
/// JSON is an error, never an empty output with exit 0.
pub fn json<T: serde::Serialize>(value: &T) -> Result<String, CliError> {
    serde_json::to_string_pretty(value)
        .map(|text| text + "\n")
        .map_err(|error| CliError::Usage {
            message: format!("cannot write JSON: {error}"),
            help: None,
        })
}

/// An enum value as the plan and JSON spell it (`lift_and_shift`).
pub fn enum_text(value: &impl serde::Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// An engine finding on one line: `warning[code] subject: message (help: …)`.
pub fn finding_line(finding: &infraplan::engine::EngineFinding) -> String {
    format!(
        "{}[{}] {}: {}{}",
        finding.severity,
        finding.code,
        finding.subject,
        finding.message,
        finding
            .help
            .as_ref()
            .map(|h| format!(" (help: {h})"))
            .unwrap_or_default()
    )
}

/// A table in the one style every command's table output uses.
pub fn new_table(header: Vec<String>) -> comfy_table::Table {
    let mut table = comfy_table::Table::new();
    table
        .load_style(comfy_table::presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(comfy_table::ContentArrangement::Dynamic)
        .set_width(120)
        .set_header(header);
    table
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn control_characters_become_visible() {
        assert_eq!(printable("plain\ttext\n"), "plain\ttext\n");
        assert_eq!(
            printable("\u{1b}]0;PWNED\u{7}\u{1b}[2J\r\0x"),
            "\u{241b}]0;PWNED\u{2407}\u{241b}[2J\u{240d}\u{2400}x"
        );
        assert_eq!(printable("del\u{7f} c1\u{9b}"), "del\u{2421} c1\u{fffd}");
    }
}
