//! The Carrel server: configuration, router, demo data and the command line.

pub mod assets;
pub mod config;
pub mod demo;
pub mod guard;
pub mod startup;
