//! End-of-cycle feedback: coordinators set a program's questions, both
//! members of each completed pair are asked, and coordinators read the
//! answers in aggregate, never below five responses in a group.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
