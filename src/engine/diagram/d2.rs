//! D2 (d2lang.com): groups as nested containers, edges by full path.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::ids::{SafeIds, double_quoted as quote};
use super::{Diagram, EdgeStyle, Group, Node, Shape};

fn shape(shape: Shape) -> Option<&'static str> {
    match shape {
        Shape::Database => Some("cylinder"),
        Shape::Queue => Some("queue"),
        Shape::Internet => Some("cloud"),
        Shape::Storage => Some("stored_data"),
        Shape::Edge => Some("hexagon"),
        Shape::Module | Shape::Network | Shape::Compute => None,
    }
}

struct Writer {
    ids: SafeIds,
    /// Each node's full container path, for edges.
    paths: BTreeMap<String, String>,
    out: String,
}

impl Writer {
    fn node(&mut self, node: &Node, prefix: &str, indent: &str) {
        let key = self.ids.get(&node.id);
        let mut lines = vec![node.label.clone()];
        lines.extend(node.details.iter().cloned());
        if node.public {
            lines.push("public".to_owned());
        }
        let _ = write!(self.out, "{indent}{key}: {}", quote(&lines.join("\n")));
        match shape(node.shape) {
            Some(shape) => {
                let _ = writeln!(self.out, " {{ shape: {shape} }}");
            }
            None => self.out.push('\n'),
        }
        self.paths.insert(node.id.clone(), format!("{prefix}{key}"));
    }

    fn contents(&mut self, group: &Group, prefix: &str, depth: usize) {
        let indent = "  ".repeat(depth);
        for node in &group.nodes {
            self.node(node, prefix, &indent);
        }
        for child in &group.groups {
            let key = self.ids.get(&format!("group:{}", child.id));
            let _ = writeln!(self.out, "{indent}{key}: {} {{", quote(&child.label));
            self.contents(child, &format!("{prefix}{key}."), depth + 1);
            let _ = writeln!(self.out, "{indent}}}");
        }
    }
}

/// The diagram in D2, top to bottom.
pub fn render(diagram: &Diagram) -> String {
    let mut writer = Writer {
        ids: SafeIds::default(),
        paths: BTreeMap::new(),
        out: format!(
            "title: {} {{ near: top-center }}\ndirection: down\n",
            quote(&diagram.title)
        ),
    };
    writer.contents(&diagram.root, "", 0);
    for edge in &diagram.edges {
        let (Some(from), Some(to)) = (writer.paths.get(&edge.from), writer.paths.get(&edge.to))
        else {
            continue;
        };
        let mut line = format!("{from} -> {to}");
        if let Some(label) = &edge.label {
            let _ = write!(line, ": {}", quote(label));
        }
        if edge.style == EdgeStyle::Dashed {
            line.push_str(" { style.stroke-dash: 4 }");
        }
        let _ = writeln!(writer.out, "{line}");
    }
    writer.out
}
