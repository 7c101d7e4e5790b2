//! Mentorships: requests (several mentors at once, one per focus), answers,
//! the pair's agreement, closing, and assignment by a coordinator.

pub mod api;
#[cfg(feature = "ssr")]
pub mod assignment;
#[cfg(feature = "ssr")]
pub mod matching;
pub mod model;
pub mod pages;
pub mod pages_queue;
#[cfg(feature = "ssr")]
pub mod store;
