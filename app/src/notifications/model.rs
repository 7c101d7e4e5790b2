//! What the bell shows, and the kinds of news it announces.

use crate::choices::choices;
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

choices! {
    /// What an email is about, as a member chooses which emails they want.
    /// Emails about the account itself (links, a change of address) always go.
    Topic in notifications.topic {
        Requests = ("requests", requests),
        Mentorships = ("mentorships", mentorships),
        Messages = ("messages", messages),
        Meetings = ("meetings", meetings),
        Progress = ("progress", progress),
        Programs = ("programs", programs),
        Safety = ("safety", safety),
    }
}

impl Kind {
    /// The email topic this kind of news belongs to.
    pub fn topic(self) -> Topic {
        match self {
            Kind::Request
            | Kind::Assigned
            | Kind::Accepted
            | Kind::Declined
            | Kind::Withdrawn
            | Kind::Reminder
            | Kind::Expired
            | Kind::MatchRequested => Topic::Requests,
            Kind::Completed
            | Kind::Ended
            | Kind::CloseAsked
            | Kind::Agreement
            | Kind::CycleCompleted
            | Kind::Extended => Topic::Mentorships,
            Kind::MeetingProposed
            | Kind::MeetingAccepted
            | Kind::MeetingCancelled
            | Kind::MeetingReminder => Topic::Meetings,
            Kind::GoalNote | Kind::Checkin | Kind::CheckinAttention | Kind::Feedback => {
                Topic::Progress
            }
            Kind::LetterRequested | Kind::LetterDecided => Topic::Programs,
            Kind::Report => Topic::Safety,
        }
    }
}

/// What a member is told about, by email and on their devices, as their
/// settings show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choices {
    pub topics: Vec<TopicChoice>,
    pub devices: Vec<PushDevice>,
    /// The server's VAPID key, which a browser subscribes with.
    pub push_key: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicChoice {
    pub topic: Topic,
    pub email: bool,
    pub push: bool,
}

/// A device that gets push notifications.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushDevice {
    pub id: i64,
    /// "Chrome on Android".
    pub device: String,
    /// The push service's address for it; the page compares it with its own.
    pub endpoint: String,
    pub since: i64,
    pub last_used: Option<i64>,
}
