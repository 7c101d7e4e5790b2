//! Oversight for administrators: the log of what administrators and
//! coordinators did with their powers, and disabling an account.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
