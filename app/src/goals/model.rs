//! Goal types shared by server and browser.

use crate::choices::choices;
use serde::{Deserialize, Serialize};

choices! {
    GoalStatus {
        NotStarted = ("not_started", "Not started"),
        InProgress = ("in_progress", "In progress"),
        Done = ("done", "Done"),
        SetAside = ("set_aside", "Set aside"),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalNote {
    pub author: String,
    /// The mentor's notes are comments; the mentee's are progress notes.
    pub by_mentor: bool,
    pub body: String,
    pub at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    pub id: i64,
    pub title: String,
    pub why: String,
    pub target_on: Option<i64>,
    pub status: GoalStatus,
    pub notes: Vec<GoalNote>,
}

/// A mentorship's goals, for its pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goals {
    pub goals: Vec<Goal>,
    /// The mentee sets goals and their status; both write notes while active.
    pub is_mentee: bool,
    pub active: bool,
}
