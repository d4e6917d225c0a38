//! Mermaid `flowchart` (renders on GitHub and GitLab): groups as
//! subgraphs, labels quoted with Mermaid's entity codes for the characters
//! its parser reads as syntax.

use std::fmt::Write as _;

use super::ids::SafeIds;
use super::{Diagram, EdgeStyle, Group, Node, Shape};

/// Text Mermaid shows literally inside a quoted label: `"`, `#`, `<`, `>`
/// and `&` as entity codes, line breaks as `<br/>`.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '#' => out.push_str("#35;"),
            '"' => out.push_str("#34;"),
            '<' => out.push_str("#60;"),
            '>' => out.push_str("#62;"),
            '&' => out.push_str("#38;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn label(node: &Node) -> String {
    let mut lines = vec![escape(&node.label)];
    lines.extend(node.details.iter().map(|d| escape(d)));
    if node.public {
        lines.push("public".to_owned());
    }
    lines.join("<br/>")
}

fn write_node(out: &mut String, ids: &mut SafeIds, node: &Node, indent: &str) {
    let id = ids.get(&node.id);
    let text = label(node);
    let (open, close) = match node.shape {
        Shape::Database => ("[(\"", "\")]"),
        Shape::Queue => ("[[\"", "\"]]"),
        Shape::Module => ("([\"", "\"])"),
        Shape::Internet => ("((\"", "\"))"),
        Shape::Storage => ("[/\"", "\"/]"),
        Shape::Edge | Shape::Network | Shape::Compute => ("[\"", "\"]"),
    };
    let _ = writeln!(out, "{indent}{id}{open}{text}{close}");
}

fn write_group(out: &mut String, ids: &mut SafeIds, group: &Group, depth: usize) {
    let indent = "    ".repeat(depth);
    let _ = writeln!(
        out,
        "{indent}subgraph {}[\"{}\"]",
        ids.get(&format!("group:{}", group.id)),
        escape(&group.label)
    );
    write_contents(out, ids, group, depth + 1);
    let _ = writeln!(out, "{indent}end");
}

fn write_contents(out: &mut String, ids: &mut SafeIds, group: &Group, depth: usize) {
    let indent = "    ".repeat(depth);
    for node in &group.nodes {
        write_node(out, ids, node, &indent);
    }
    for child in &group.groups {
        write_group(out, ids, child, depth);
    }
}

/// The diagram as a Mermaid flowchart, top to bottom.
pub fn render(diagram: &Diagram) -> String {
    let mut ids = SafeIds::default();
    // The title sits in YAML front matter: a double-quoted YAML string.
    let title: String = diagram
        .title
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .replace('\\', "\\\\")
        .replace('"', "\\\"");
    let mut out = format!("---\ntitle: \"{title}\"\n---\nflowchart TB\n");
    write_contents(&mut out, &mut ids, &diagram.root, 1);
    for edge in &diagram.edges {
        let arrow = match edge.style {
            EdgeStyle::Solid => "-->",
            EdgeStyle::Dashed => "-.->",
        };
        let label = edge
            .label
            .as_ref()
            .map(|l| format!("|\"{}\"|", escape(l)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "    {} {arrow}{label} {}",
            ids.get(&edge.from),
            ids.get(&edge.to)
        );
    }
    out
}
