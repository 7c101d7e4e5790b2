//! Meetings a pair arrange: proposals with a time in a time zone, answers,
//! cancellations with the programs' notice, reminders and calendar files.

pub mod api;
#[cfg(feature = "ssr")]
pub mod ics;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
