//! Applies a resolved [`Change`] to plan text through yaml-edit's lossless
//! syntax tree, so everything the change does not touch keeps its bytes.
//!
//! yaml-edit finds where things go: the end of a block mapping (before the
//! blank line that separates list items), the inside of a flow collection,
//! the line of an entry to remove. What goes there is decided here:
//!
//! - a replaced string keeps its quote or block style when that style can
//!   hold the new value; new strings are quoted only when needed
//!   ([`super::value`]);
//! - a new block mapping or list is first inserted as a one-line `null`
//!   placeholder, which is then replaced by text rendered in the file's own
//!   [`Layout`] (yaml-edit would indent nested levels by two columns in a
//!   file that uses four);
//! - a new mapping in a list of flow mappings (`- { id: a }`) is a flow
//!   mapping too, padded like its neighbours;
//! - removing the last entry of a flow collection keeps the space before
//!   its closing bracket (yaml-edit drops it);
//! - CRLF line endings are kept.

use std::str::FromStr;

use yaml_edit::{AsYaml, Mapping, ScalarStyle, ScalarValue, Sequence, YamlFile, YamlNode};

use super::render::{self, Layout};
use super::tree::{Change, Step};
use super::value::{Style, Value, string_style};

/// A collection in the syntax tree.
#[derive(Clone)]
enum Container {
    Map(Mapping),
    Seq(Sequence),
}

impl Container {
    fn of(node: &YamlNode) -> Result<Self, String> {
        if let Some(map) = node.as_mapping() {
            Ok(Self::Map(map.clone()))
        } else if let Some(seq) = node.as_sequence() {
            Ok(Self::Seq(seq.clone()))
        } else if node.is_alias() {
            Err("the value is an alias (`*name`); edit the anchored value instead".to_owned())
        } else {
            Err("the text has a single value where the plan has a list or mapping".to_owned())
        }
    }

    fn child(&self, step: &Step) -> Result<YamlNode, String> {
        let child = match (self, step) {
            (Self::Map(map), Step::Key(key)) => map.get(&*key_scalar(key, map.is_flow_style())),
            (Self::Seq(seq), Step::Index(i)) => seq.get(*i),
            _ => None,
        };
        child.ok_or_else(|| "the path does not fit the text (an alias or merge key?)".to_owned())
    }

    fn is_flow(&self) -> bool {
        match self {
            Self::Map(map) => map.is_flow_style(),
            Self::Seq(seq) => seq.is_flow_style(),
        }
    }

    fn text(&self) -> String {
        match self {
            Self::Map(map) => map.to_string(),
            Self::Seq(seq) => seq.to_string(),
        }
    }

    fn byte_range(&self) -> yaml_edit::TextPosition {
        match self {
            Self::Map(map) => map.byte_range(),
            Self::Seq(seq) => seq.byte_range(),
        }
    }

    /// Writes `value` at `step`, in place when it exists.
    fn put(&self, step: &Step, value: &dyn AsYaml) -> Result<(), String> {
        match (self, step) {
            (Self::Map(map), Step::Key(key)) => {
                map.set(&*key_scalar(key, map.is_flow_style()), value);
                Ok(())
            }
            (Self::Seq(seq), Step::Index(i)) if seq.set(*i, value) => Ok(()),
            _ => Err("the path does not fit the text".to_owned()),
        }
    }

    /// Removes the entry or item at `step`.
    fn take(&self, step: &Step) -> Result<(), String> {
        let removed = match (self, step) {
            (Self::Map(map), Step::Key(key)) => {
                map.remove(&*key_scalar(key, map.is_flow_style())).is_some()
            }
            (Self::Seq(seq), Step::Index(i)) => seq.remove(*i).is_some(),
            _ => false,
        };
        if removed {
            Ok(())
        } else {
            Err("the path does not fit the text".to_owned())
        }
    }

    /// The collection at `steps` below this one.
    fn descend(&self, steps: &[Step]) -> Result<Self, String> {
        steps.iter().try_fold(self.clone(), |container, step| {
            Self::of(&container.child(step)?)
        })
    }
}

/// Plan text open for editing as a lossless syntax tree.
pub(crate) struct Syntax {
    file: YamlFile,
    root: Container,
    layout: Layout,
}

impl Syntax {
    /// Opens `text`; `Err` when yaml-edit cannot reproduce it byte for byte
    /// or its top level is not a collection.
    pub(crate) fn open(text: &str) -> Result<Self, String> {
        let file =
            YamlFile::from_str(text).map_err(|error| format!("cannot read the text: {error}"))?;
        if file.to_string() != text {
            return Err("the editor cannot reproduce this file byte for byte".to_owned());
        }
        let document = file
            .document()
            .ok_or_else(|| "the file holds no document".to_owned())?;
        let root = if let Some(map) = document.as_mapping() {
            Container::Map(map)
        } else if let Some(seq) = document.as_sequence() {
            Container::Seq(seq)
        } else {
            return Err("the top level is not a mapping or a list".to_owned());
        };
        Ok(Self {
            file,
            root,
            layout: Layout::of(text),
        })
    }

    /// The text now, with CRLF line endings if `original` has them.
    pub(crate) fn text(&self, original: &str) -> String {
        keep_line_endings(original, self.file.to_string())
    }

    /// Makes `change`; `Err` says why the text could not be edited (the
    /// tree and the text disagree, or an alias is in the way).
    pub(crate) fn apply(&mut self, change: &Change) -> Result<(), String> {
        match change {
            Change::Replace { steps, value } => {
                let (last, parent) = steps.split_last().ok_or("cannot replace the whole plan")?;
                let parent = self.root.descend(parent)?;
                let previous = scalar_style(&parent.child(last)?);
                self.put(&parent, last, value, previous)
            }
            Change::Insert { steps, key, value } => self.insert(steps, key, value),
            Change::Remove { steps } => {
                let (last, parent) = steps.split_last().ok_or("cannot remove the whole plan")?;
                let parent = self.root.descend(parent)?;
                let before = parent.is_flow().then(|| parent.text());
                parent.take(last)?;
                match before {
                    Some(before) => self.repad(&parent, &before),
                    None => Ok(()),
                }
            }
            Change::Push { steps, value } => self.push(steps, value),
        }
    }

    /// Writes `value` at `step` of `parent`: scalars and flow text through
    /// yaml-edit, block collections through a placeholder.
    fn put(
        &mut self,
        parent: &Container,
        step: &Step,
        value: &Value,
        previous: Option<Style>,
    ) -> Result<(), String> {
        if parent.is_flow() || value.is_scalar() || is_empty(value) {
            let padded = self.layout.padded;
            return parent.put(step, &*build(value, previous, parent.is_flow(), padded)?);
        }
        parent.put(step, &ScalarValue::parse("null"))?;
        let placeholder = parent.child(step)?;
        let column = match (parent, step) {
            (Container::Map(map), Step::Key(key)) => {
                let entry = map
                    .find_entry_by_key(&*key_scalar(key, false))
                    .ok_or("the new entry is missing")?;
                let key_node = entry.key_node().ok_or("the new entry has no key")?;
                self.column(key_node.byte_range().start)?
            }
            _ => return Err("a block value can only go under a key".to_owned()),
        };
        let step = if matches!(value, Value::Seq(_)) {
            self.layout.list_step
        } else {
            self.layout.step
        };
        let text = render::block(value, column + step, self.layout);
        self.splice_placeholder(&placeholder, &format!("\n{}", text.trim_end_matches('\n')))
    }

    /// Adds `key: value` to the mapping at `steps` (a null or `{}` there
    /// becomes a mapping holding it).
    fn insert(&mut self, steps: &[Step], key: &str, value: &Value) -> Result<(), String> {
        let target = match steps.split_last() {
            None => self.root.clone(),
            Some((last, parent)) => {
                let parent = self.root.descend(parent)?;
                let node = parent.child(last)?;
                let empty_flow_map = node
                    .as_mapping()
                    .is_some_and(|map| map.is_flow_style() && map.is_empty());
                if node.is_scalar() || empty_flow_map {
                    let map = Value::Map(vec![(key.to_owned(), value.clone())]);
                    if empty_flow_map {
                        let padded = self.layout.padded;
                        let text = render::flow(&map, padded);
                        return parent.put(last, &*parsed(&text)?);
                    }
                    return self.put(&parent, last, &map, None);
                }
                Container::of(&node)?
            }
        };
        let Container::Map(map) = &target else {
            return Err("expected a mapping".to_owned());
        };
        if map.is_flow_style() {
            let padded = map.to_string().starts_with("{ ");
            map.set(&*key_scalar(key, true), &*build(value, None, true, padded)?);
            return Ok(());
        }
        self.put(&target, &Step::Key(key.to_owned()), value, None)
    }

    /// Appends `value` to the list at `steps`.
    fn push(&mut self, steps: &[Step], value: &Value) -> Result<(), String> {
        let Container::Seq(seq) = self.root.descend(steps)? else {
            return Err("expected a list".to_owned());
        };
        // A list of flow mappings gets its new mapping in flow style,
        // padded like the last item.
        let last_flow_map = seq
            .last()
            .as_ref()
            .and_then(YamlNode::as_mapping)
            .filter(|map| map.is_flow_style())
            .map(ToString::to_string);
        let padded = last_flow_map
            .as_ref()
            .map_or(self.layout.padded, |text| text.starts_with("{ "));
        let separated = !seq.is_flow_style() && self.items_separated(&seq)?;
        if seq.is_flow_style() || last_flow_map.is_some() || value.is_scalar() || is_empty(value) {
            seq.push(&*build(value, None, seq.is_flow_style(), padded)?);
        } else {
            seq.push(ScalarValue::parse("null"));
            let placeholder = seq.last().ok_or("the new item is missing")?;
            let column = self.column(placeholder.byte_range().start)?;
            let text = render::block(value, column, self.layout);
            self.splice_placeholder(&placeholder, text.trim_start().trim_end_matches('\n'))?;
        }
        if separated {
            self.separate_last(steps)?;
        }
        Ok(())
    }

    /// Whether the items of `seq` (two or more) are all separated by a
    /// blank line.
    fn items_separated(&self, seq: &Sequence) -> Result<bool, String> {
        let text = self.file.to_string();
        let ranges: Vec<(usize, usize)> = seq
            .values()
            .map(|item| {
                let range = item.byte_range();
                Ok((offset(range.start)?, offset(range.end)?))
            })
            .collect::<Result<_, String>>()?;
        Ok(ranges.len() > 1
            && ranges
                .windows(2)
                .all(|pair| blank_line_between(&text, pair[0].1, pair[1].0)))
    }

    /// Puts a blank line before the last item of the list at `steps`.
    fn separate_last(&mut self, steps: &[Step]) -> Result<(), String> {
        let Container::Seq(seq) = self.root.descend(steps)? else {
            return Err("expected a list".to_owned());
        };
        let last = seq.last().ok_or("the new item is missing")?;
        let text = self.file.to_string();
        let start = offset(last.byte_range().start)?;
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let spliced = format!("{}\n{}", &text[..line_start], &text[line_start..]);
        *self = Self::open(&spliced)?;
        Ok(())
    }

    /// The column of byte `offset` in the current text.
    fn column(&self, offset: u32) -> Result<usize, String> {
        let text = self.file.to_string();
        let before = text
            .get(..self::offset(offset)?)
            .ok_or("offset outside the text")?;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Ok(before[line_start..].chars().count())
    }

    /// Replaces the `null` placeholder `node` (and the space before it)
    /// with `replacement`, and reopens the text.
    fn splice_placeholder(&mut self, node: &YamlNode, replacement: &str) -> Result<(), String> {
        let text = self.file.to_string();
        let range = node.byte_range();
        let (start, end) = (offset(range.start)?, offset(range.end)?);
        if text.get(start..end) != Some("null") {
            return Err("cannot locate the new value in the text".to_owned());
        }
        let start = if replacement.starts_with('\n') && text[..start].ends_with(' ') {
            start - 1
        } else {
            start
        };
        let spliced = format!("{}{replacement}{}", &text[..start], &text[end..]);
        *self = Self::open(&spliced)?;
        Ok(())
    }

    /// Restores the white space before the closing bracket of the flow
    /// collection `container` to what it was (`before` is its old text):
    /// yaml-edit drops it with a removed last entry (`{ a: 1, b: 2 }`
    /// would become `{ a: 1}`).
    fn repad(&mut self, container: &Container, before: &str) -> Result<(), String> {
        let after = container.text();
        let (Some(old_gap), Some(new_gap)) = (closing_gap(before), closing_gap(&after)) else {
            return Ok(());
        };
        if old_gap == new_gap {
            return Ok(());
        }
        let keep = after.len() - new_gap.len() - 1;
        let fixed = format!("{}{old_gap}{}", &after[..keep], &after[after.len() - 1..]);
        let range = container.byte_range();
        let text = self.file.to_string();
        let (start, end) = (offset(range.start)?, offset(range.end)?);
        if text.get(start..end) != Some(after.as_str()) {
            return Err("cannot locate the flow collection in the text".to_owned());
        }
        let spliced = format!("{}{fixed}{}", &text[..start], &text[end..]);
        *self = Self::open(&spliced)?;
        Ok(())
    }
}

fn offset(position: u32) -> Result<usize, String> {
    usize::try_from(position).map_err(|e| e.to_string())
}

/// Whether a blank line lies between the line holding the text that ends
/// at `end` and the line of `start`.
fn blank_line_between(text: &str, end: usize, start: usize) -> bool {
    let content_end = text[..end].trim_end().len();
    let Some(first_break) = text[content_end..start].find('\n') else {
        return false;
    };
    let mut lines: Vec<&str> = text[content_end + first_break + 1..start]
        .split('\n')
        .collect();
    lines.pop(); // the start of the item's own line
    lines.iter().any(|line| line.trim().is_empty())
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Seq(items) => items.is_empty(),
        Value::Map(entries) => entries.is_empty(),
        _ => false,
    }
}

/// The white space between the last entry of a flow collection's text and
/// its closing bracket.
fn closing_gap(text: &str) -> Option<&str> {
    let body = text.strip_suffix(['}', ']'])?;
    let trimmed = body.trim_end_matches([' ', '\t', '\r', '\n']);
    if trimmed.len() <= 1 {
        return None; // empty: `{ }`
    }
    Some(&body[trimmed.len()..])
}

/// The style of an existing scalar.
fn scalar_style(node: &YamlNode) -> Option<Style> {
    let scalar = node.as_scalar()?;
    Some(match ScalarValue::from_scalar(scalar).style() {
        ScalarStyle::Plain => Style::Plain,
        ScalarStyle::SingleQuoted => Style::Single,
        ScalarStyle::DoubleQuoted => Style::Double,
        ScalarStyle::Literal => Style::Literal,
        ScalarStyle::Folded => Style::Folded,
    })
}

fn key_scalar(key: &str, flow: bool) -> Box<dyn AsYaml> {
    string_value(key, None, flow)
}

/// A string scalar in the style [`string_style`] picks. A plain one is
/// taken from parsed text, so it is written exactly as decided here
/// (yaml-edit would quote some strings that read back fine plain, such as
/// `20% of traffic` in a flow mapping).
fn string_value(text: &str, previous: Option<Style>, flow: bool) -> Box<dyn AsYaml> {
    let style = match string_style(text, previous, flow) {
        Style::Plain => match parsed(text) {
            Ok(node) if written_as(&node, text) => return node,
            _ => ScalarStyle::Plain,
        },
        Style::Single => ScalarStyle::SingleQuoted,
        Style::Double => ScalarStyle::DoubleQuoted,
        Style::Literal => ScalarStyle::Literal,
        Style::Folded => ScalarStyle::Folded,
    };
    Box::new(ScalarValue::with_style(text, style))
}

/// Whether `node` is written exactly as `text`.
fn written_as(node: &YamlNode, text: &str) -> bool {
    let written = node.to_string();
    written == text
}

/// The syntax node of one value written as `text` (flow or plain).
fn parsed(text: &str) -> Result<Box<YamlNode>, String> {
    let file = YamlFile::from_str(&format!("k: {text}\n")).map_err(|e| e.to_string())?;
    file.document()
        .and_then(|document| document.as_mapping())
        .and_then(|map| map.get("k"))
        .map(Box::new)
        .ok_or_else(|| format!("cannot build `{text}`"))
}

/// The syntax of a scalar, or of a collection in flow style (inside `[…]`
/// or `{…}` when `flow`, or as an item of a list of flow mappings).
fn build(
    value: &Value,
    previous: Option<Style>,
    flow: bool,
    padded: bool,
) -> Result<Box<dyn AsYaml>, String> {
    Ok(match value {
        Value::Str(s) => string_value(s, previous, flow),
        Value::Null | Value::Bool(_) | Value::Int(_) | Value::Float(_) => {
            Box::new(ScalarValue::parse(render::flow(value, padded)))
        }
        Value::Seq(_) | Value::Map(_) => parsed(&render::flow(value, padded))?,
    })
}

/// `edited` with bare `\n` turned into `\r\n` when `original` uses CRLF
/// line endings throughout.
fn keep_line_endings(original: &str, edited: String) -> String {
    let crlf = original.contains("\r\n") && !original.replace("\r\n", "").contains('\n');
    if !crlf || !edited.replace("\r\n", "").contains('\n') {
        return edited;
    }
    let mut out = String::with_capacity(edited.len() + 16);
    let mut previous = '\0';
    for c in edited.chars() {
        if c == '\n' && previous != '\r' {
            out.push('\r');
        }
        out.push(c);
        previous = c;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closing_gaps_are_the_space_before_the_bracket() {
        assert_eq!(closing_gap("{ a: 1 }"), Some(" "));
        assert_eq!(closing_gap("[a, b]"), Some(""));
        assert_eq!(closing_gap("{\n  a: 1\n}"), Some("\n"));
        assert_eq!(closing_gap("{ }"), None);
        assert_eq!(closing_gap("x"), None);
    }

    #[test]
    fn blank_lines_between_items_are_found() {
        let text = "l:\n  - a: 1 # c\n\n  # b\n  - b\n  - c\n";
        let a_end = text.find(" # c").unwrap();
        let b = text.find("- b").unwrap() + 2;
        let c = text.find("- c").unwrap() + 2;
        assert!(blank_line_between(text, a_end, b));
        assert!(!blank_line_between(text, b + 1, c));
    }

    #[test]
    fn crlf_files_stay_crlf() {
        assert_eq!(
            keep_line_endings("a\r\nb\r\n", "a\r\nx\nb\r\n".into()),
            "a\r\nx\r\nb\r\n"
        );
        assert_eq!(keep_line_endings("a\nb\r\n", "a\nx\n".into()), "a\nx\n");
    }
}
