//! Safety: a member can block another (no requests or messages either way)
//! and report conduct to the administrators.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
