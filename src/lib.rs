//! infraplan: plan files in, database recommendations, decision records and
//! cost reports out. The library holds the plan model, its loader and
//! validator, the catalog and the engines; it never prints.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod catalog;
pub mod config;
pub mod diag;
pub mod edit;
pub mod engine;
pub mod placement;
pub mod plan;
pub mod planops;
pub mod schema;
pub mod starter;
pub mod store;
pub mod validate;
pub mod yaml;
