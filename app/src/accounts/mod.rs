//! Accounts: sign up, sign in, sign out, who is signed in, and what a member
//! manages of their account (address, password, sessions, recovery).

pub mod api;
pub mod consent;
pub mod context;
#[cfg(feature = "ssr")]
pub mod devices;
#[cfg(feature = "ssr")]
pub mod extract;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod session_store;
#[cfg(feature = "ssr")]
pub mod sessions;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod tokens;
