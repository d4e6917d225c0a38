//! The integration tests, one binary: each module drives the built
//! `infraplan` binary or the library the way a user or a script would.
//! One binary links once, which keeps a cold `cargo test` short.

mod adr;
mod bad_plans;
mod catalog_pricing_cli;
mod cli;
mod cost_accuracy;
mod cost_cli;
mod cost_diff;
mod cost_html;
mod cost_properties;
mod db_config;
mod diagram;
mod edit;
mod generated_files;
mod harness;
mod help;
mod k8s;
mod migrate;
mod plan_editing;
mod pricing_catalog;
mod properties;
mod readme;
mod recommend_db;
mod report;
mod scale;
mod select;
