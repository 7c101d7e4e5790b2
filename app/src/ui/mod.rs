//! Shared UI pieces used by every feature.

pub mod errors;
pub mod form;
pub mod layout;
