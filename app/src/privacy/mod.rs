//! A member's own data: downloading all of it, and deleting the account.
//! Above the other features: it reads and erases across all of them.

pub mod api;
#[cfg(feature = "ssr")]
pub mod erase;
#[cfg(feature = "ssr")]
pub mod export;
pub mod pages;
