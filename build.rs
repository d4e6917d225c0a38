//! Rebuilds the binary when catalog data changes (`include_dir!` embeds
//! `catalog/`, but on stable Rust it cannot tell cargo to watch the files),
//! and converts each built-in catalog YAML file to JSON once, at build time:
//! the binary then reads its own catalog with a JSON parser, several times
//! faster than YAML, while the YAML text stays embedded for `catalog show`,
//! `catalog check` and diagnostics. The twins are data; no Rust code is
//! generated from them beyond the table that names them.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=catalog");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let json_dir = out.join("catalog-json");
    std::fs::create_dir_all(&json_dir).expect("OUT_DIR is writable");
    let mut files = Vec::new();
    collect(Path::new("catalog"), &mut files);
    files.sort();
    let mut table = String::from(
        "/// Built-in catalog files as JSON, by path under `catalog/`, sorted.\n\
         pub static CATALOG_JSON: &[(&str, &str)] = &[\n",
    );
    for (index, path) in files.iter().enumerate() {
        let relative = path
            .strip_prefix("catalog")
            .expect("collected under catalog/")
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(path).expect("catalog files are UTF-8");
        // A file that does not parse is left to the runtime YAML path, which
        // reports it with its position; the catalog tests fail on it.
        let Ok(value) = serde_saphyr::from_str_with_options::<serde_json::Value>(&text, options())
        else {
            println!("cargo:warning=catalog/{relative} does not parse; read as YAML at run time");
            continue;
        };
        let name = format!("{index}.json");
        std::fs::write(json_dir.join(&name), value.to_string()).expect("OUT_DIR is writable");
        let _ = writeln!(
            table,
            "    ({relative:?}, include_str!(concat!(env!(\"OUT_DIR\"), \"/catalog-json/{name}\"))),"
        );
    }
    table.push_str("];\n");
    std::fs::write(out.join("catalog_json.rs"), table).expect("OUT_DIR is writable");
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            files.push(path);
        }
    }
}

/// The same YAML rules the binary reads files with (`src/yaml.rs`).
fn options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = 2_000_000;
    budget.max_depth = 48;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.strict_booleans = true;
    options.reject_unsupported_tags = true;
    options.with_snippet = false;
    options.alias_limits.max_total_replayed_events = 100_000;
    options
}
