//! Members' profiles: what they tell others about themselves, what they offer
//! as mentors and seek as mentees, and the page where they edit it.

pub mod api;
pub mod editor_words;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
