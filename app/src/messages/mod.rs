//! Private messaging: one thread per mentorship, read only by its two members,
//! delivered live to their open tabs (`stream`), on any instance (`hub`).

pub mod api;
#[cfg(feature = "ssr")]
pub mod hub;
pub mod live;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod stream;
