//! Writing results to stdout without panicking on a closed pipe
//! (`infraplan schema | head`).

use std::io::Write;

use super::CliError;

/// Writes `text` to stdout; a closed pipe ends the command quietly.
pub fn print(text: &str) -> Result<(), CliError> {
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
