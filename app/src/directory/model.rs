//! What the directory shows of a mentor, shared by server and browser.

use serde::{Deserialize, Serialize};

/// One mentor in the directory, as its card shows them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MentorCard {
    pub id: i64,
    pub display_name: String,
    pub pronouns: String,
    pub position: String,
    pub institution: Option<String>,
    pub library_type: String,
    pub work_function: String,
    pub place: String,
    pub focus_offered: Vec<String>,
    pub languages: Vec<String>,
    pub has_capacity: bool,
    pub excerpt: String,
    /// Why this mentor fits the viewer, in words; empty when not sorting by fit.
    pub reasons: Vec<String>,
}

/// How much of a bio a directory card shows.
pub const CARD_EXCERPT_CHARS: usize = 180;
