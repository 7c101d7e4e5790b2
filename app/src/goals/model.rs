//! Goal types shared by server and browser.

use crate::choices::choices;
use serde::{Deserialize, Serialize};

choices! {
    GoalStatus in goals.goal_status {
        NotStarted = ("not_started", not_started),
        InProgress = ("in_progress", in_progress),
        Done = ("done", done),
        SetAside = ("set_aside", set_aside),
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
