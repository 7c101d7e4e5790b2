//! Shared UI pieces used by every feature.

pub mod auth;
pub mod chart;
pub mod dates;
pub mod errors;
pub mod form;
pub mod islands;
pub mod layout;
#[cfg(feature = "ssr")]
pub mod markdown;
pub mod title;
