//! Notifications: the bell (in-app, per member) and the emails and pushes to
//! devices that go with them, queued in the same transaction as the change
//! they announce.

pub mod api;
#[cfg(feature = "ssr")]
pub mod mail;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod push;
#[cfg(feature = "ssr")]
pub mod store;
