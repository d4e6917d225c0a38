//! Graphviz DOT: groups as clusters, left to right, nodes in the plan's
//! order (`ordering=out`) so `dot` places them the same way each time.

use std::fmt::Write as _;

use super::ids::{SafeIds, double_quoted as quote};
use super::{Diagram, EdgeStyle, Group, Node, Shape};

fn shape(shape: Shape) -> &'static str {
    match shape {
        Shape::Database => "cylinder",
        Shape::Queue => "cds",
        Shape::Module => "component",
        Shape::Internet => "ellipse",
        Shape::Storage => "folder",
        Shape::Edge => "hexagon",
        Shape::Network | Shape::Compute => "box",
    }
}

fn write_node(out: &mut String, ids: &mut SafeIds, node: &Node, indent: &str) {
    let mut lines = vec![node.label.clone()];
    lines.extend(node.details.iter().cloned());
    if node.public {
        lines.push("public".to_owned());
    }
    let _ = writeln!(
        out,
        "{indent}{} [label={}, shape={}{}];",
        ids.get(&node.id),
        quote(&lines.join("\n")),
        shape(node.shape),
        if node.public { ", color=red" } else { "" }
    );
}

fn write_contents(out: &mut String, ids: &mut SafeIds, group: &Group, depth: usize) {
    let indent = "  ".repeat(depth);
    for node in &group.nodes {
        write_node(out, ids, node, &indent);
    }
    for child in &group.groups {
        let _ = writeln!(
            out,
            "{indent}subgraph cluster_{} {{\n{indent}  label={};",
            ids.get(&format!("group:{}", child.id)),
            quote(&child.label)
        );
        write_contents(out, ids, child, depth + 1);
        let _ = writeln!(out, "{indent}}}");
    }
}

/// The diagram in DOT for `dot -Tsvg`.
pub fn render(diagram: &Diagram) -> String {
    let mut ids = SafeIds::default();
    let mut out = format!(
        "digraph infraplan {{\n  label={};\n  labelloc=t;\n  rankdir=LR;\n  ordering=out;\n  compound=true;\n  node [fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=9];\n",
        quote(&diagram.title)
    );
    write_contents(&mut out, &mut ids, &diagram.root, 1);
    for edge in &diagram.edges {
        let mut attributes = Vec::new();
        if let Some(label) = &edge.label {
            attributes.push(format!("label={}", quote(label)));
        }
        if edge.style == EdgeStyle::Dashed {
            attributes.push("style=dashed".to_owned());
        }
        let _ = writeln!(
            out,
            "  {} -> {}{};",
            ids.get(&edge.from),
            ids.get(&edge.to),
            if attributes.is_empty() {
                String::new()
            } else {
                format!(" [{}]", attributes.join(", "))
            }
        );
    }
    out.push_str("}\n");
    out
}
