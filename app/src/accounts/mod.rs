//! Accounts: sign up, sign in, sign out, and who is signed in.

pub mod api;
pub mod context;
#[cfg(feature = "ssr")]
pub mod extract;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod session_store;
#[cfg(feature = "ssr")]
pub mod store;
