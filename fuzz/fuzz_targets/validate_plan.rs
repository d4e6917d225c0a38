//! Any bytes, decoded and validated as a plan, never panic and never hang.
#![no_main]

use std::sync::OnceLock;

use infraplan::catalog::Catalog;
use libfuzzer_sys::fuzz_target;

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::load(None).expect("built-in catalog loads"))
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = infraplan::validate::decode(data) {
        let _ = infraplan::validate::validate(text, catalog());
    }
});
