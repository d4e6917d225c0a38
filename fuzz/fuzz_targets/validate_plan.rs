//! Any bytes, decoded and validated as a plan, never panic and never hang;
//! a plan that validates is priced too (estimate and compare), which must
//! not panic either.
#![no_main]

use std::sync::OnceLock;

use infraplan::catalog::Catalog;
use infraplan::engine::cost;
use libfuzzer_sys::fuzz_target;

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::load(None).expect("built-in catalog loads"))
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = infraplan::validate::decode(data) {
        let validation = infraplan::validate::validate(text, catalog());
        if let Some(plan) = validation.plan {
            let _ = cost::estimate(&plan, catalog(), &cost::EstimateOptions::default());
            let _ = cost::compare::compare(&plan, catalog(), None);
        }
    }
});
