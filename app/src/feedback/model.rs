//! Feedback types shared by server and browser.

use crate::{choices::choices, programs::model::Role};
use serde::{Deserialize, Serialize};

choices! {
    QuestionKind in feedback.question_kind {
        Rating = ("rating", rating),
        Text = ("text", text),
    }
}

/// Answers are shown to coordinators only once a group (a cycle's mentors,
/// or its mentees) has at least this many, so no one is singled out.
pub const MIN_SHOWN: i64 = 5;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub id: i64,
    pub kind: QuestionKind,
    pub prompt: String,
}

/// A survey waiting for the member's answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Survey {
    pub mentorship_id: i64,
    pub program_name: String,
    pub cycle_name: String,
    pub other_name: String,
    pub role: Role,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionSummary {
    pub prompt: String,
    pub kind: QuestionKind,
    pub answers: i64,
    pub average: Option<f64>,
    /// How many gave 1, 2, 3, 4 and 5.
    pub counts: [i64; 5],
    pub texts: Vec<String>,
}

/// One group's answers in a cycle: shown only from `MIN_SHOWN` responses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupFeedback {
    pub role: Role,
    pub asked: i64,
    pub responses: i64,
    /// Empty below `MIN_SHOWN` responses.
    pub questions: Vec<QuestionSummary>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CycleFeedback {
    pub cycle_id: i64,
    pub cycle_name: String,
    pub groups: Vec<GroupFeedback>,
}
