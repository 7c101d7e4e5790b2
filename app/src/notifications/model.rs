//! What the bell shows, and the kinds of news it announces.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub id: i64,
    pub text: String,
    pub link: String,
    pub at: i64,
    pub unread: bool,
}

/// What a notification is about, stored as its slug; one variant per kind of news.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Request,
    Assigned,
    Accepted,
    Declined,
    Withdrawn,
    Completed,
    Ended,
    CloseAsked,
    Agreement,
    CycleCompleted,
    Extended,
    Reminder,
    Expired,
    MatchRequested,
    MeetingProposed,
    MeetingAccepted,
    MeetingCancelled,
    MeetingReminder,
    GoalNote,
    Checkin,
    CheckinAttention,
    Feedback,
    LetterRequested,
    LetterDecided,
    Report,
}

impl Kind {
    pub fn slug(self) -> &'static str {
        match self {
            Kind::Request => "request",
            Kind::Assigned => "assigned",
            Kind::Accepted => "accepted",
            Kind::Declined => "declined",
            Kind::Withdrawn => "withdrawn",
            Kind::Completed => "completed",
            Kind::Ended => "ended",
            Kind::CloseAsked => "close_asked",
            Kind::Agreement => "agreement",
            Kind::CycleCompleted => "cycle_completed",
            Kind::Extended => "extended",
            Kind::Reminder => "reminder",
            Kind::Expired => "expired",
            Kind::MatchRequested => "match_requested",
            Kind::MeetingProposed => "meeting_proposed",
            Kind::MeetingAccepted => "meeting_accepted",
            Kind::MeetingCancelled => "meeting_cancelled",
            Kind::MeetingReminder => "meeting_reminder",
            Kind::GoalNote => "goal_note",
            Kind::Checkin => "checkin",
            Kind::CheckinAttention => "checkin_attention",
            Kind::Feedback => "feedback",
            Kind::LetterRequested => "letter_requested",
            Kind::LetterDecided => "letter_decided",
            Kind::Report => "report",
        }
    }
}
