//! Letter types shared by server and browser.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LetterState {
    Requested,
    Approved,
    Declined,
}

impl LetterState {
    pub fn from_slug(s: &str) -> Option<Self> {
        match s {
            "requested" => Some(Self::Requested),
            "approved" => Some(Self::Approved),
            "declined" => Some(Self::Declined),
            _ => None,
        }
    }
}

/// A cycle the member mentored through to the end, and their letter for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServedCycle {
    pub cycle_id: i64,
    pub program_name: String,
    pub cycle_name: String,
    pub mentees: i64,
    /// (state, code) once asked for.
    pub letter: Option<(LetterState, String)>,
}

/// A letter request on the coordinators' page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterRequest {
    pub id: i64,
    pub mentor_name: String,
    pub cycle_name: String,
    pub requested_at: i64,
}

/// What the public verification page shows of a letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verified {
    pub mentor_name: String,
    pub body: String,
    pub approved_at: i64,
}
