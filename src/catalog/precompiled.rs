//! The built-in catalog's files as JSON, converted from their YAML by
//! `build.rs` with the same parser and rules. Reading JSON is several times
//! faster than reading YAML, which is most of what a cost command's start-up
//! costs once the catalog covers many regions.

include!(concat!(env!("OUT_DIR"), "/catalog_json.rs"));

/// The JSON twin of built-in catalog file `path` (`pricing/aws/ec2.yaml`).
pub fn json_of(path: &str) -> Option<&'static str> {
    CATALOG_JSON
        .binary_search_by(|(candidate, _)| (*candidate).cmp(path))
        .ok()
        .map(|index| CATALOG_JSON[index].1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::price_store::parse_price_file;
    use crate::catalog::{Catalog, Origin};

    /// Every built-in file has a twin, and reading a pricing file through
    /// its twin gives exactly what reading its YAML gives.
    #[test]
    fn json_twins_read_as_their_yaml() {
        let catalog = Catalog::load(None).unwrap();
        let mut prices = 0;
        for file in &catalog.files {
            assert_eq!(file.origin, Origin::Builtin);
            if !crate::catalog::is_yaml(&file.path) {
                continue;
            }
            assert!(
                json_of(&file.path).is_some(),
                "no JSON twin for {}",
                file.path
            );
            if file.path.starts_with("pricing/") {
                // Strict reads the YAML with the schema check; trusted reads the twin.
                let from_yaml = parse_price_file(file, true).unwrap();
                let from_json = parse_price_file(file, false).unwrap();
                assert_eq!(from_yaml, from_json, "{}", file.path);
                prices += from_json.len();
            }
        }
        assert!(prices > 1_000, "{prices} prices compared");
    }
}
