//! The text of a new record: MADR 4 (default) or Nygard's original five
//! sections, both under the same front matter, plus the `status` block that
//! renders the front matter's status and links as readable, clickable lines
//! (regenerated whenever a command changes them).

use std::fmt::Write as _;

use super::blocks;
use super::record::{Meta, label};

/// Name of the status-and-links block.
pub const STATUS_BLOCK: &str = "status";

/// Body layout of a new record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Template {
    /// MADR 4 (Markdown Architectural Decision Records), full variant.
    #[default]
    Madr,
    /// Michael Nygard's Title, Status, Context, Decision, Consequences.
    Nygard,
}

/// The body of new record `number` titled `title`, with an empty status
/// block to be filled by [`status_block`].
pub fn body(template: Template, number: u32, title: &str) -> String {
    let block = blocks::wrap(STATUS_BLOCK, "");
    match template {
        Template::Madr => format!(
            "# {title}\n\n{block}\n\
             ## Context and Problem Statement\n\n\
             {{Describe the context and the problem in two or three sentences, or as a question.}}\n\n\
             ## Decision Drivers\n\n\
             * {{a force or concern, such as a quality attribute or a constraint}}\n\n\
             ## Considered Options\n\n\
             * {{option 1}}\n* {{option 2}}\n\n\
             ## Decision Outcome\n\n\
             Chosen option: \"{{option}}\", because {{the drivers it meets, or how it comes out best}}.\n\n\
             ### Consequences\n\n\
             * Good, because {{a positive consequence}}\n\
             * Bad, because {{a negative consequence, and how it is mitigated}}\n\n\
             ### Confirmation\n\n\
             {{How compliance with this decision will be checked: a review, a test, a fitness function.}}\n\n\
             ## Pros and Cons of the Options\n\n\
             ### {{option 1}}\n\n\
             * Good, because {{argument}}\n\
             * Bad, because {{argument}}\n\n\
             ## More Information\n\n\
             {{Evidence, links, and when to revisit the decision.}}\n"
        ),
        Template::Nygard => format!(
            "# {number}. {title}\n\n\
             ## Status\n\n{block}\n\
             ## Context\n\n\
             {{The forces at play (technical, political, social, project) in value-neutral language.}}\n\n\
             ## Decision\n\n\
             We will {{the decision, in full sentences and active voice}}.\n\n\
             ## Consequences\n\n\
             {{What becomes easier or harder because of this decision: positive, negative and neutral.}}\n"
        ),
    }
}

/// Resolves a record number to its title and file name.
pub type Resolve<'a> = dyn Fn(u32) -> Option<(String, String)> + 'a;

/// The content of the status block for a record with front matter `meta`.
pub fn status_block(meta: &Meta, resolve: &Resolve<'_>) -> String {
    let status = meta.status.as_ref().map_or("(none)", |s| s.value.as_str());
    let mut out = format!("**Status:** {status}");
    if let Some(date) = &meta.date {
        let _ = write!(out, " ({date})");
    }
    out.push('\n');
    let mut lines = Vec::new();
    for target in &meta.supersedes {
        lines.push(link_line("Supersedes", target.number, resolve));
    }
    for target in &meta.superseded_by {
        lines.push(link_line("Superseded by", target.number, resolve));
    }
    for link in &meta.links {
        lines.push(link_line(&link.kind.phrase(), link.target.number, resolve));
    }
    if !lines.is_empty() {
        out.push('\n');
        for line in lines {
            let _ = writeln!(out, "* {line}");
        }
    }
    out
}

fn link_line(phrase: &str, number: u32, resolve: &Resolve<'_>) -> String {
    match resolve(number) {
        Some((title, file)) => format!("{phrase} [{}: {}]({file})", label(number), escape(&title)),
        None => format!("{phrase} {} (not found)", label(number)),
    }
}

/// Escapes characters that would end a link text early.
fn escape(text: &str) -> String {
    text.replace('[', "\\[").replace(']', "\\]")
}
