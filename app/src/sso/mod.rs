//! Single sign-on with the associations' identity providers (OpenID Connect):
//! signing in, joining, and linking provider accounts to Carrel accounts.

pub mod api;
#[cfg(feature = "ssr")]
pub mod client;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod routes;
#[cfg(feature = "ssr")]
pub mod store;
