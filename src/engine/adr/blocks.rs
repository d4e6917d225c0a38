//! Generated blocks in markdown: text between
//! `<!-- infraplan:begin NAME -->` and `<!-- infraplan:end NAME -->` lines
//! belongs to infraplan and is replaced on regeneration; everything outside
//! the markers belongs to people and is never touched.

use std::ops::Range;

/// Markers that do not pair up, so regenerating would be a guess.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the `{name}` markers are unbalanced: {problem}")]
pub struct BlockError {
    /// Block name.
    pub name: String,
    /// What is wrong.
    pub problem: String,
}

/// The begin marker line of block `name`.
pub fn begin(name: &str) -> String {
    format!("<!-- infraplan:begin {name} -->")
}

/// The end marker line of block `name`.
pub fn end(name: &str) -> String {
    format!("<!-- infraplan:end {name} -->")
}

/// `content` between the markers of `name`, ending with a newline.
pub fn wrap(name: &str, content: &str) -> String {
    let content = content.trim_end_matches('\n');
    if content.is_empty() {
        format!("{}\n{}\n", begin(name), end(name))
    } else {
        format!("{}\n{content}\n{}\n", begin(name), end(name))
    }
}

/// The byte range of block `name`'s content (the lines between its
/// markers), or `None` when the text has no such block.
pub fn find(text: &str, name: &str) -> Result<Option<Range<usize>>, BlockError> {
    let (open, close) = (begin(name), end(name));
    let mut start = None;
    let mut found = None;
    let mut offset = 0;
    let error = |problem: &str| BlockError {
        name: name.to_owned(),
        problem: problem.to_owned(),
    };
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed == open {
            if start.is_some() || found.is_some() {
                return Err(error("a second begin marker"));
            }
            start = Some(offset + line.len());
        } else if trimmed == close {
            match start.take() {
                Some(s) => found = Some(s..offset),
                None => return Err(error("an end marker without a begin marker")),
            }
        }
        offset += line.len();
    }
    if start.is_some() {
        return Err(error("a begin marker without an end marker"));
    }
    Ok(found)
}

/// The content of block `name`, when present.
pub fn content<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    find(text, name).ok().flatten().map(|range| &text[range])
}

/// `text` with block `name`'s content replaced by `content`; `None` when
/// the text has no such block. Line endings follow the text (CRLF stays).
pub fn replace(text: &str, name: &str, content: &str) -> Result<Option<String>, BlockError> {
    let Some(range) = find(text, name)? else {
        return Ok(None);
    };
    let mut content = content.trim_end_matches('\n').to_owned();
    if !content.is_empty() {
        content.push('\n');
    }
    if text.contains("\r\n") {
        content = content.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    Ok(Some(format!(
        "{}{content}{}",
        &text[..range.start],
        &text[range.end..]
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_only_between_markers() {
        let text = "# Title\n\nmine\n<!-- infraplan:begin x -->\nold\n<!-- infraplan:end x -->\nalso mine\n";
        let new = replace(text, "x", "new\nlines").unwrap().unwrap();
        assert_eq!(
            new,
            "# Title\n\nmine\n<!-- infraplan:begin x -->\nnew\nlines\n<!-- infraplan:end x -->\nalso mine\n"
        );
        assert_eq!(replace(&new, "x", "new\nlines").unwrap().unwrap(), new);
        assert_eq!(replace(text, "y", "z").unwrap(), None);
    }

    #[test]
    fn unbalanced_markers_are_refused() {
        assert!(find("<!-- infraplan:begin x -->\n", "x").is_err());
        assert!(find("<!-- infraplan:end x -->\n", "x").is_err());
        let twice = format!("{}{}", wrap("x", "a"), wrap("x", "b"));
        assert!(find(&twice, "x").is_err());
    }

    #[test]
    fn crlf_files_stay_crlf() {
        let text = "a\r\n<!-- infraplan:begin x -->\r\nold\r\n<!-- infraplan:end x -->\r\n";
        let new = replace(text, "x", "one\ntwo").unwrap().unwrap();
        assert_eq!(
            new,
            "a\r\n<!-- infraplan:begin x -->\r\none\r\ntwo\r\n<!-- infraplan:end x -->\r\n"
        );
    }
}
