//! The mentor directory (`/mentors`): full-text search, facets, best fit, the
//! mentor's page and the shortlist.

pub mod api;
#[cfg(feature = "ssr")]
pub mod index;
pub mod model;
pub mod pages;
pub mod query;
#[cfg(feature = "ssr")]
pub mod search;
#[cfg(feature = "ssr")]
pub mod text;
