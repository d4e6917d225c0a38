//! The opt-in normaliser behind `infraplan fmt`: block mappings get their
//! keys in the schema's order, and block mappings and lists are indented by
//! two spaces (list items indented under their key, `- ` then the item).
//!
//! It works on lines, not by re-serialising values. Each key or list item
//! owns its lines: the comment and blank lines just above it, its own line,
//! and everything up to the next sibling. Normalising moves those groups
//! (to reorder keys) and changes their indentation; a scalar, a flow
//! collection (`{ … }`, `[ … ]`) or a block scalar (`|`, `>`) keeps its
//! text, quotes and end-of-line comment, and its continuation lines move
//! with it. The file's first comment lines stay on top and its last ones at
//! the bottom. Lists keep their order.
//!
//! Two checks run on the result before it is returned: it must parse to the
//! same plan (keys compared in any order), and its lines must be the
//! original lines, each once, up to indentation and the `- ` marker — so no
//! comment or value can be lost or changed.

use std::ops::Range;

use crate::edit::same_tree;
use crate::yaml::{self, Entry, Node, Value as Yaml};

use super::PlanOpsError;
use super::shape::Shape;

/// `text` normalised; the same text when it already is.
pub fn normalise(text: &str) -> Result<String, PlanOpsError> {
    let tree = yaml::parse(text).map_err(|error| crate::edit::EditError::Syntax {
        message: error.message,
    })?;
    let lines = Lines::new(text);
    let Yaml::Map(entries) = &tree.value else {
        return Err(unsupported(0, "the plan is not a mapping of keys"));
    };
    if entries.is_empty() {
        return Ok(text.to_owned());
    }
    if text.as_bytes().get(tree.span.offset) == Some(&b'{') {
        return Err(unsupported(
            lines.line_of(tree.span.offset),
            "the whole plan is one flow mapping `{ … }`",
        ));
    }
    let first = lines.line_of(entries[0].key_span.offset);
    let last = lines.line_of(entries[entries.len() - 1].key_span.offset);
    let footer = lines.scan_back(lines.len(), last + 1);
    let mut emitter = Emitter {
        text,
        lines: &lines,
        out: Vec::new(),
    };
    emitter
        .out
        .extend((0..first).map(|l| lines.get(l).to_owned()));
    emitter.mapping(entries, Some(Shape::plan()), first..footer, 0, false)?;
    emitter
        .out
        .extend((footer..lines.len()).map(|l| lines.get(l).to_owned()));
    let mut out = emitter.out.join("\n");
    if lines.final_newline {
        out.push('\n');
    }
    guard(text, &tree, &out)?;
    Ok(out)
}

fn unsupported(line: usize, reason: &str) -> PlanOpsError {
    PlanOpsError::FmtUnsupported {
        line: line + 1,
        reason: reason.to_owned(),
    }
}

/// The text's lines (without `\n`; a `\r` stays on its line).
struct Lines<'t> {
    starts: Vec<usize>,
    texts: Vec<&'t str>,
    final_newline: bool,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        let final_newline = text.ends_with('\n');
        let body = text.strip_suffix('\n').unwrap_or(text);
        let mut starts = Vec::new();
        let mut texts = Vec::new();
        let mut at = 0;
        for line in body.split('\n') {
            starts.push(at);
            texts.push(line);
            at += line.len() + 1;
        }
        Self {
            starts,
            texts,
            final_newline,
        }
    }

    fn len(&self) -> usize {
        self.texts.len()
    }

    fn get(&self, line: usize) -> &'t str {
        self.texts[line]
    }

    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset) - 1
    }

    fn column(&self, offset: usize) -> usize {
        offset - self.starts[self.line_of(offset)]
    }

    /// Byte offset just past the line's text.
    fn end(&self, line: usize) -> usize {
        self.starts[line] + self.texts[line].len()
    }

    fn is_aside(&self, line: usize) -> bool {
        let trimmed = self.texts[line].trim();
        trimmed.is_empty() || trimmed.starts_with('#')
    }

    /// The first of the comment and blank lines just above `line`, not
    /// going above `floor`.
    fn scan_back(&self, line: usize, floor: usize) -> usize {
        let mut at = line;
        while at > floor && self.is_aside(at - 1) {
            at -= 1;
        }
        at
    }
}

struct Emitter<'t> {
    text: &'t str,
    lines: &'t Lines<'t>,
    out: Vec<String>,
}

impl Emitter<'_> {
    /// Lines `[lead, start, end)` of each of `count` siblings starting on
    /// `starts`, inside `region`.
    fn bounds(&self, starts: &[usize], region: &Range<usize>) -> Vec<(usize, usize, usize)> {
        (0..starts.len())
            .map(|i| {
                let lead = if i == 0 {
                    region.start
                } else {
                    self.lines.scan_back(starts[i], starts[i - 1] + 1)
                };
                let end = match starts.get(i + 1) {
                    Some(&next) => self.lines.scan_back(next, starts[i] + 1),
                    None => region.end,
                };
                (lead, starts[i], end)
            })
            .collect()
    }

    /// Comment and blank lines, re-indented to `indent`.
    fn asides(&mut self, lines: Range<usize>, indent: usize) -> Result<(), PlanOpsError> {
        for line in lines {
            let text = self.lines.get(line);
            if !self.lines.is_aside(line) {
                return Err(unsupported(
                    line,
                    "a value where a key or list item was expected",
                ));
            }
            let trimmed = text.trim_start();
            self.out.push(if trimmed.trim().is_empty() {
                blank(text)
            } else {
                format!("{}{trimmed}", spaces(indent))
            });
        }
        Ok(())
    }

    /// Continuation lines, moved `delta` columns.
    fn shifted(&mut self, lines: Range<usize>, delta: isize) {
        for line in lines {
            let text = self.lines.get(line);
            if text.trim().is_empty() {
                self.out.push(blank(text));
                continue;
            }
            let body = text.trim_start_matches(' ');
            let leading = text.len() - body.len();
            let moved = leading.saturating_add_signed(delta);
            self.out.push(format!("{}{body}", spaces(moved)));
        }
    }

    /// A block mapping owning `region`, its keys at `indent`; `dash` when it
    /// is a list item (its first line then starts with `- `).
    fn mapping(
        &mut self,
        entries: &[Entry],
        shape: Option<Shape>,
        region: Range<usize>,
        indent: usize,
        dash: bool,
    ) -> Result<(), PlanOpsError> {
        let starts: Vec<usize> = entries
            .iter()
            .map(|e| self.lines.line_of(e.key_span.offset))
            .collect();
        let bounds = self.bounds(&starts, &region);
        let mut order: Vec<usize> = (0..entries.len()).collect();
        if let Some(shape) = shape {
            order.sort_by_key(|&i| shape.key_rank(&entries[i].key).unwrap_or(usize::MAX));
        }
        for (position, &i) in order.iter().enumerate() {
            let (lead, start, end) = bounds[i];
            let first = dash && position == 0;
            let prefix = if first {
                format!("{}- ", spaces(indent - 2))
            } else {
                spaces(indent)
            };
            self.asides(lead..start, if first { indent - 2 } else { indent })?;
            let inner = shape.and_then(|s| s.property(&entries[i].key));
            self.entry(&entries[i], inner, start..end, indent, &prefix)?;
        }
        Ok(())
    }

    /// One `key: value` owning `lines`, written at `indent` after `prefix`.
    fn entry(
        &mut self,
        entry: &Entry,
        shape: Option<Shape>,
        lines: Range<usize>,
        indent: usize,
        prefix: &str,
    ) -> Result<(), PlanOpsError> {
        let key = entry.key_span.offset;
        let start = lines.start;
        self.out.push(format!(
            "{prefix}{}",
            &self.text[key..self.lines.end(start)]
        ));
        let rest = start + 1..lines.end;
        match (&entry.value.value, self.is_block(&entry.value, start)) {
            (Yaml::Map(entries), true) => self.mapping(entries, shape, rest, indent + 2, false),
            (Yaml::Seq(items), true) => {
                self.sequence(items, shape.and_then(Shape::items), rest, indent + 2)
            }
            _ => {
                self.shifted(rest, signed(indent) - signed(self.lines.column(key)));
                Ok(())
            }
        }
    }

    /// Whether `node` is a non-empty block mapping or list.
    fn is_block_collection(&self, node: &Node) -> bool {
        let collection = match &node.value {
            Yaml::Map(entries) => !entries.is_empty(),
            Yaml::Seq(items) => !items.is_empty(),
            _ => false,
        };
        collection
            && !matches!(
                self.text.as_bytes().get(node.span.offset),
                Some(b'{' | b'[')
            )
    }

    /// Whether `node` is a block mapping or list starting below `line`.
    fn is_block(&self, node: &Node, line: usize) -> bool {
        self.is_block_collection(node) && self.lines.line_of(node.span.offset) > line
    }

    /// A block list owning `region`, its `- ` markers at `indent`.
    fn sequence(
        &mut self,
        items: &[Node],
        shape: Option<Shape>,
        region: Range<usize>,
        indent: usize,
    ) -> Result<(), PlanOpsError> {
        let starts: Vec<usize> = items
            .iter()
            .map(|item| self.lines.line_of(item.span.offset))
            .collect();
        let bounds = self.bounds(&starts, &region);
        for (item, (lead, start, end)) in items.iter().zip(bounds) {
            if let Some(bare) = (lead..start).find(|&l| self.lines.get(l).trim() == "-") {
                return Err(unsupported(
                    bare,
                    "a list item whose value starts on the line after its `-`",
                ));
            }
            self.asides(lead..start, indent)?;
            let dash = self.dash_column(start)?;
            match &item.value {
                Yaml::Map(entries) if self.is_block_collection(item) => {
                    let before = &self.text[self.lines.starts[start]..item.span.offset];
                    if before.trim() != "-" {
                        return Err(unsupported(start, "several list markers on one line"));
                    }
                    self.mapping(entries, shape, start..end, indent + 2, true)?;
                }
                Yaml::Seq(_) if self.is_block_collection(item) => {
                    return Err(unsupported(
                        start,
                        "a list directly inside a list (`- - …`)",
                    ));
                }
                _ => self.single_item(start..end, dash, indent),
            }
        }
        Ok(())
    }

    /// Column of the `-` that starts the list item on `line`.
    fn dash_column(&self, line: usize) -> Result<usize, PlanOpsError> {
        let text = self.lines.get(line);
        let dash = text.len() - text.trim_start_matches(' ').len();
        if text[dash..].starts_with('-') {
            Ok(dash)
        } else {
            Err(unsupported(
                line,
                "a list item whose value starts on the line after its `-`",
            ))
        }
    }

    /// A list item that is a scalar or a flow collection.
    fn single_item(&mut self, lines: Range<usize>, dash: usize, indent: usize) {
        let line = self.lines.get(lines.start);
        let after = &line[dash + 1..];
        let rest = after.trim_start();
        let column = line.len() - rest.len();
        self.out.push(if rest.trim().is_empty() {
            format!(
                "{}-{}",
                spaces(indent),
                if rest.ends_with('\r') { "\r" } else { "" }
            )
        } else {
            format!("{}- {rest}", spaces(indent))
        });
        self.shifted(
            lines.start + 1..lines.end,
            signed(indent + 2) - signed(column),
        );
    }
}

fn spaces(count: usize) -> String {
    " ".repeat(count)
}

/// An empty line, keeping a CRLF file's `\r`.
fn blank(line: &str) -> String {
    if line.ends_with('\r') {
        "\r".to_owned()
    } else {
        String::new()
    }
}

fn signed(value: usize) -> isize {
    isize::try_from(value).unwrap_or(isize::MAX)
}

/// The result must read as the same plan and hold the same lines.
fn guard(old: &str, old_tree: &Node, new: &str) -> Result<(), PlanOpsError> {
    let reparsed = yaml::parse(new).map_err(|error| PlanOpsError::FmtGuard {
        detail: format!("is not valid YAML ({})", error.message),
    })?;
    if !same_tree(&sorted(old_tree), &sorted(&reparsed)) {
        let at = crate::edit::first_difference(&sorted(old_tree), &sorted(&reparsed))
            .unwrap_or_default();
        return Err(PlanOpsError::FmtGuard {
            detail: format!("would read differently at `{at}`"),
        });
    }
    if contents(old) != contents(new) {
        return Err(PlanOpsError::FmtGuard {
            detail: "would not keep every line of the file".to_owned(),
        });
    }
    Ok(())
}

/// `node` with every mapping's keys sorted, so key order does not count.
fn sorted(node: &Node) -> Node {
    let value = match &node.value {
        Yaml::Map(entries) => {
            let mut entries: Vec<Entry> = entries
                .iter()
                .map(|e| Entry {
                    value: sorted(&e.value),
                    ..e.clone()
                })
                .collect();
            entries.sort_by(|a, b| a.key.cmp(&b.key));
            Yaml::Map(entries)
        }
        Yaml::Seq(items) => Yaml::Seq(items.iter().map(sorted).collect()),
        other => other.clone(),
    };
    Node {
        value,
        span: node.span,
    }
}

/// Every non-blank line without indentation and `- ` markers, sorted.
fn contents(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text
        .lines()
        .map(|line| {
            let mut rest = line.trim();
            while let Some(after) = rest.strip_prefix('-') {
                if after.is_empty() || after.starts_with([' ', '\t']) {
                    rest = after.trim_start();
                } else {
                    break;
                }
            }
            rest
        })
        .filter(|line| !line.is_empty())
        .collect();
    lines.sort_unstable();
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_follow_the_schema_and_indentation_becomes_two() {
        let text = "# head\nname: x\nversion: 1\ncomponents:\n-   type: database   # kind\n    # the id\n    id: db\n    database:\n        technology: mysql\n";
        let out = normalise(text).unwrap();
        assert_eq!(
            out,
            "# head\nversion: 1\nname: x\ncomponents:\n  # the id\n  - id: db\n    type: database   # kind\n    database:\n      technology: mysql\n"
        );
        assert_eq!(normalise(&out).unwrap(), out, "idempotent");
    }

    #[test]
    fn scalars_flow_collections_and_block_scalars_keep_their_text() {
        let text = "version: 1\nname: 'x'\ndescription: >-\n    folded\n    text\ncomponents:\n    - { id: a, type: cdn }   # flow\n    - id: b\n      type: database\n      database: {technology: \"mysql\"}\n";
        let out = normalise(text).unwrap();
        assert_eq!(
            out,
            "version: 1\nname: 'x'\ndescription: >-\n    folded\n    text\ncomponents:\n  - { id: a, type: cdn }   # flow\n  - id: b\n    type: database\n    database: {technology: \"mysql\"}\n"
        );
    }

    #[test]
    fn header_and_footer_comments_stay_in_place() {
        let text = "# modeline\n\nname: x\nversion: 1\ncomponents: []\n\n# the end\n";
        assert_eq!(
            normalise(text).unwrap(),
            "# modeline\n\nversion: 1\nname: x\ncomponents: []\n\n# the end\n"
        );
    }

    #[test]
    fn crlf_files_stay_crlf() {
        let text = "name: x\r\nversion: 1\r\ncomponents:\r\n- id: a\r\n  type: cdn\r\n";
        assert_eq!(
            normalise(text).unwrap(),
            "version: 1\r\nname: x\r\ncomponents:\r\n  - id: a\r\n    type: cdn\r\n"
        );
    }

    #[test]
    fn layouts_it_cannot_rewrite_are_refused() {
        let error = normalise("version: 1\nl:\n  -\n    a: 1\n").unwrap_err();
        assert_eq!(
            error.to_string(),
            "cannot normalise line 3: a list item whose value starts on the line after its `-`"
        );
        assert!(normalise("{version: 1}").is_err());
        assert!(normalise("version: 1\nl:\n  - - a\n").is_err());
    }

    #[test]
    fn lines_are_compared_without_markers() {
        assert_eq!(contents("- a: 1\n  b: 2\n"), contents("b: 2\n- a: 1\n"));
        assert_ne!(contents("a: 1\n"), contents("a: 2\n"));
    }
}
