//! Letter types shared by server and browser.

use crate::choices::choices;
use serde::{Deserialize, Serialize};

choices! {
    LetterState in letters.letter_state {
        Requested = ("requested", requested),
        Approved = ("approved", approved),
        Declined = ("declined", declined),
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
