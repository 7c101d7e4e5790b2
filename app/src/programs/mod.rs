//! Programs that associations run: their rules and coordinators, cycles with
//! enrolment windows and capacity, eligibility in words, monthly discussion
//! topics, liaisons and monthly check-ins, and the jobs that post topics and complete a cycle when it ends.

pub mod api;
#[cfg(feature = "ssr")]
pub mod checkins;
pub mod eligibility;
#[cfg(feature = "ssr")]
pub mod imports;
#[cfg(feature = "ssr")]
pub mod managed;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod reports;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod topics;
