//! A terminal preview: groups as an indented outline, each node a box, and
//! the edges listed under the outline as `from ──label──▶ to`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{Diagram, EdgeStyle, Group, Node};

/// Characters a terminal would act on (escape sequences, carriage
/// returns) shown as `?`, so a plan's text cannot rewrite the screen.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

fn node_box(out: &mut String, node: &Node, indent: &str) {
    let mut lines = vec![printable(&node.label)];
    lines.extend(node.details.iter().map(|d| printable(d)));
    if node.public {
        lines.push("public".to_owned());
    }
    let width = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let _ = writeln!(out, "{indent}┌{}┐", "─".repeat(width + 2));
    for line in &lines {
        let pad = width - line.chars().count();
        let _ = writeln!(out, "{indent}│ {line}{} │", " ".repeat(pad));
    }
    let _ = writeln!(out, "{indent}└{}┘", "─".repeat(width + 2));
}

fn contents(out: &mut String, group: &Group, depth: usize, names: &mut BTreeMap<String, String>) {
    let indent = "  ".repeat(depth);
    for node in &group.nodes {
        node_box(out, node, &indent);
        names.insert(node.id.clone(), printable(&node.label));
    }
    for child in &group.groups {
        let _ = writeln!(out, "{indent}▸ {}", printable(&child.label));
        contents(out, child, depth + 1, names);
    }
}

/// The diagram as text for a terminal.
pub fn render(diagram: &Diagram) -> String {
    let mut out = format!("{}\n\n", printable(&diagram.title));
    let mut names = BTreeMap::new();
    contents(&mut out, &diagram.root, 0, &mut names);
    if !diagram.edges.is_empty() {
        out.push_str("\nConnections\n");
        for edge in &diagram.edges {
            let name = |id: &str| names.get(id).cloned().unwrap_or_else(|| id.to_owned());
            let line = match edge.style {
                EdgeStyle::Solid => "──",
                EdgeStyle::Dashed => "╌╌",
            };
            let label = edge.label.as_deref().map(printable).unwrap_or_default();
            let _ = writeln!(
                out,
                "  {} {line}{label}{line}▶ {}",
                name(&edge.from),
                name(&edge.to)
            );
        }
    }
    out
}
