//! Goals: the mentee records what they are working towards in a mentorship,
//! with progress notes; the mentor comments. Only the pair see them.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
