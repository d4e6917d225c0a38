//! Engines: plain functions over typed plan and catalog data. Each engine
//! has its own module with its input and output types; none of them prints.

pub mod adr;
pub mod cost;
pub mod dbconfig;
pub mod matrix;
pub mod selection;
pub mod sizing;
