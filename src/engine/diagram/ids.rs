//! Identifiers every output format accepts: letters, digits and `_` only,
//! derived from the plan's ids so they stay stable, and made unique when two
//! plan ids map to the same text (`a-b` and `a_b`).

use std::collections::{BTreeMap, BTreeSet};

/// Safe ids handed out so far.
#[derive(Debug, Default)]
pub struct SafeIds {
    given: BTreeMap<String, String>,
    taken: BTreeSet<String>,
}

impl SafeIds {
    /// The safe id for `id`, the same every time it is asked for.
    pub fn get(&mut self, id: &str) -> String {
        if let Some(safe) = self.given.get(id) {
            return safe.clone();
        }
        let base: String = id
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        // A leading letter keeps words like `end` or `graph` from being keywords.
        let base = format!("n_{base}");
        let mut safe = base.clone();
        let mut n = 2;
        while self.taken.contains(&safe) {
            safe = format!("{base}_{n}");
            n += 1;
        }
        self.taken.insert(safe.clone());
        self.given.insert(id.to_owned(), safe.clone());
        safe
    }
}

/// A double-quoted string as DOT and D2 read it: `\` and `"` escaped,
/// line breaks as `\n`.
pub fn double_quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' | '\r' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::SafeIds;

    #[test]
    fn ids_are_stable_safe_and_unique() {
        let mut ids = SafeIds::default();
        assert_eq!(ids.get("component/orders-db"), "n_component_orders_db");
        assert_eq!(ids.get("component/orders_db"), "n_component_orders_db_2");
        assert_eq!(ids.get("component/orders-db"), "n_component_orders_db");
        assert_eq!(ids.get("end"), "n_end");
    }
}
