//! Plan paths: `components[id=orders-db].database.technology`.
//!
//! A path is a chain of mapping keys (`.key`) and list-item selectors
//! (`[id=orders-db]`, `[component=shop-aks]`, or the shorthand `[apps]`, which
//! matches an item whose `id` or `name` is `apps`, or a plain list item equal
//! to `apps`). List items are never addressed by index, so a path keeps
//! meaning the same thing when someone reorders the list. Keys and selector
//! values containing `.`, `[`, `]`, `=` or `"` are written in double quotes
//! (`"a.b"`, with `\"` and `\\` escapes).

use std::fmt;
use std::str::FromStr;

/// One step of a [`PlanPath`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// A mapping key.
    Key(String),
    /// A list item chosen by a key inside it (or by `id`/`name`).
    Item(Selector),
}

/// How a list item is chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector {
    /// The key to compare (`id` in `[id=api]`); `None` for the shorthand
    /// `[api]`, which compares `id`, then `name`, then plain items.
    pub key: Option<String>,
    /// The value the key must have, compared as scalar text.
    pub value: String,
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.key {
            Some(key) => write!(f, "[{}={}]", quoted(key), quoted(&self.value)),
            None => write!(f, "[{}]", quoted(&self.value)),
        }
    }
}

/// A path from the top of a plan to one value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanPath {
    segments: Vec<Segment>,
}

impl PlanPath {
    /// A path from segments; the first must be a key.
    pub fn new(segments: Vec<Segment>) -> Result<Self, PathSyntaxError> {
        match segments.first() {
            Some(Segment::Key(_)) => Ok(Self { segments }),
            Some(Segment::Item(_)) => Err(PathSyntaxError::new(
                "a path starts with a key, not a list selector",
            )),
            None => Err(PathSyntaxError::new("the path is empty")),
        }
    }

    /// The steps, first to last.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// This path extended by a key.
    #[must_use]
    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.segments.push(Segment::Key(key.into()));
        self
    }

    /// This path extended by the item selector `[key=value]`.
    #[must_use]
    pub fn item(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.segments.push(Segment::Item(Selector {
            key: Some(key.into()),
            value: value.into(),
        }));
        self
    }

    /// The path text of the first `len` segments.
    pub(crate) fn prefix_text(&self, len: usize) -> String {
        render(&self.segments[..len.min(self.segments.len())])
    }
}

impl fmt::Display for PlanPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&render(&self.segments))
    }
}

fn render(segments: &[Segment]) -> String {
    let mut text = String::new();
    for segment in segments {
        match segment {
            Segment::Key(key) => {
                if !text.is_empty() {
                    text.push('.');
                }
                text.push_str(&quoted(key));
            }
            Segment::Item(selector) => text.push_str(&selector.to_string()),
        }
    }
    text
}

/// `text`, in double quotes when it holds a character the path syntax uses.
fn quoted(text: &str) -> String {
    let special = text.is_empty()
        || text
            .chars()
            .any(|c| matches!(c, '.' | '[' | ']' | '=' | '"' | '\\') || c.is_whitespace());
    if special {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        text.to_owned()
    }
}

/// A path that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct PathSyntaxError {
    /// What is wrong.
    pub reason: String,
}

impl PathSyntaxError {
    fn new(reason: impl Into<String>) -> Self {
        Self {
            reason: reason.into(),
        }
    }
}

impl FromStr for PlanPath {
    type Err = PathSyntaxError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut reader = Reader {
            chars: text.chars().collect(),
            at: 0,
        };
        let mut segments = vec![Segment::Key(reader.word(&['.', '['])?)];
        while let Some(c) = reader.next() {
            match c {
                '.' => segments.push(Segment::Key(reader.word(&['.', '['])?)),
                '[' => {
                    segments.push(Segment::Item(reader.selector()?));
                }
                other => {
                    return Err(PathSyntaxError::new(format!(
                        "unexpected `{other}` at character {}",
                        reader.at
                    )));
                }
            }
        }
        Self::new(segments)
    }
}

struct Reader {
    chars: Vec<char>,
    at: usize,
}

impl Reader {
    fn next(&mut self) -> Option<char> {
        let c = self.chars.get(self.at).copied();
        self.at += usize::from(c.is_some());
        c
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    /// A bare or double-quoted word ending before one of `stops`.
    fn word(&mut self, stops: &[char]) -> Result<String, PathSyntaxError> {
        if self.peek() == Some('"') {
            self.at += 1;
            return self.quoted_rest();
        }
        let start = self.at;
        while let Some(c) = self.peek() {
            if stops.contains(&c) || matches!(c, '"' | ']' | '[' | '=') {
                break;
            }
            self.at += 1;
        }
        let word: String = self.chars[start..self.at].iter().collect();
        if word.is_empty() {
            let what = self
                .peek()
                .map_or_else(|| "the end".to_owned(), |c| format!("`{c}`"));
            return Err(PathSyntaxError::new(format!(
                "expected a name at character {}, found {what}",
                self.at + 1
            )));
        }
        Ok(word)
    }

    fn quoted_rest(&mut self) -> Result<String, PathSyntaxError> {
        let mut word = String::new();
        loop {
            match self.next() {
                None => return Err(PathSyntaxError::new("a quoted name is not closed")),
                Some('"') => return Ok(word),
                Some('\\') => match self.next() {
                    Some(c @ ('"' | '\\')) => word.push(c),
                    _ => {
                        return Err(PathSyntaxError::new(
                            "only `\\\"` and `\\\\` escapes are allowed in a quoted name",
                        ));
                    }
                },
                Some(c) => word.push(c),
            }
        }
    }

    /// The inside of `[...]`, after the `[`.
    fn selector(&mut self) -> Result<Selector, PathSyntaxError> {
        let first = self.word(&[])?;
        let selector = if self.peek() == Some('=') {
            self.at += 1;
            Selector {
                key: Some(first),
                value: self.word(&[])?,
            }
        } else {
            Selector {
                key: None,
                value: first,
            }
        };
        match self.next() {
            Some(']') => Ok(selector),
            _ => Err(PathSyntaxError::new(format!(
                "expected `]` at character {}",
                self.at
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &str) -> Segment {
        Segment::Key(k.to_owned())
    }

    #[test]
    fn parses_keys_and_selectors() {
        let path: PlanPath = "components[id=orders-db].database.technology"
            .parse()
            .unwrap();
        assert_eq!(
            path.segments(),
            &[
                key("components"),
                Segment::Item(Selector {
                    key: Some("id".into()),
                    value: "orders-db".into()
                }),
                key("database"),
                key("technology"),
            ]
        );
        let short: PlanPath = "kubernetes.nodePools[apps].count".parse().unwrap();
        assert_eq!(
            short.segments()[2],
            Segment::Item(Selector {
                key: None,
                value: "apps".into()
            })
        );
    }

    #[test]
    fn quoted_names_round_trip() {
        let text = r#"tags."a.b"[name="x]y"].c"#;
        let path: PlanPath = text.parse().unwrap();
        assert_eq!(path.segments()[1], key("a.b"));
        assert_eq!(path.to_string(), text);
        let built = PlanPath::new(vec![key("components")])
            .unwrap()
            .item("id", "db")
            .key("database");
        assert_eq!(built.to_string(), "components[id=db].database");
    }

    #[test]
    fn bad_paths_are_explained() {
        for (text, message) in [
            ("", "expected a name at character 1, found the end"),
            ("a..b", "expected a name at character 3, found `.`"),
            ("a[x", "expected `]` at character 3"),
            ("[id=x]", "expected a name at character 1, found `[`"),
            ("a.\"b", "a quoted name is not closed"),
            ("a]", "unexpected `]` at character 2"),
        ] {
            assert_eq!(
                text.parse::<PlanPath>().unwrap_err().reason,
                message,
                "{text}"
            );
        }
    }
}
