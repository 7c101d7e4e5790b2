//! Letters recognising a mentor's service in a program cycle: requested by
//! the mentor, approved by a coordinator, produced as a PDF, and verifiable
//! by anyone at `/verify/{code}`.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod pdf;
#[cfg(feature = "ssr")]
pub mod store;
