//! What a thread, a message and an inbox line look like on both sides of the wire.

use serde::{Deserialize, Serialize};

/// Long enough for a considered letter, short enough to read on a phone.
pub const MAX_MESSAGE_CHARS: usize = 4000;

/// How many messages a page of a thread holds.
pub const PAGE: i64 = 30;

/// One message as its reader sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub id: i64,
    pub mentorship_id: i64,
    pub mine: bool,
    pub sender_name: String,
    /// A program's discussion topic, posted by its coordinators.
    pub topic: bool,
    /// Sanitised HTML rendered from the sender's Markdown.
    pub html: String,
    pub sent_at: i64,
    /// The sender's idempotency key, shown to the sender only: it lets their
    /// tabs match a confirmed message to the one they showed optimistically.
    pub key: Option<String>,
    /// The language the sender wrote in ("en", "es"), where the text was long
    /// enough to tell. A plain code: the browser's download needs no parser for it.
    pub written_in: Option<String>,
}

/// A page of a thread, oldest first, with what the page needs around it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thread {
    pub mentorship_id: i64,
    pub other_name: String,
    pub messages: Vec<Message>,
    /// Whether messages older than the first one here exist.
    pub has_older: bool,
    /// Why no new message can be sent, when none can.
    pub read_only: Option<String>,
    /// The last of my messages the other member has seen.
    pub seen_up_to: i64,
    /// The latest message on this page from the other member that I have not
    /// read yet: the page offers to mark it read (with JavaScript on, it does).
    pub unread_up_to: Option<i64>,
    /// For a mentor whose thread is empty: an opening they can edit and send.
    pub suggested_opening: Option<String>,
    /// A fresh idempotency key for the form, so a JavaScript-off double submit
    /// is stored once.
    pub new_key: String,
}

/// One line of `/messages`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxItem {
    pub mentorship_id: i64,
    pub other_name: String,
    pub focus_label: String,
    pub active: bool,
    pub last_at: Option<i64>,
    /// The start of the latest message, as plain text.
    pub preview: Option<String>,
    pub last_mine: bool,
    pub unread: i64,
}

/// What the header shows: unread messages and unread notifications.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unread {
    pub messages: i64,
    pub notices: i64,
}

/// "The other member has read up to here", sent live to the pair's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seen {
    pub mentorship_id: i64,
    pub up_to: i64,
    /// True when I read it (in another tab): my unread counts change, not the marker.
    pub by_me: bool,
}

/// What administrators may know of a thread: that it exists and when it was
/// last active. Never its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadActivity {
    pub mentorship_id: i64,
    pub mentor_name: String,
    pub mentee_name: String,
    pub focus_label: String,
    pub state: String,
    pub last_message_at: Option<i64>,
}

/// The trimmed body, or why it cannot be sent.
pub fn parse_body(body: &str) -> Result<String, String> {
    let body = body.trim();
    let chars = body.chars().count();
    if chars == 0 {
        return Err(crate::tr!(messages.thread.empty).to_owned());
    }
    if chars > MAX_MESSAGE_CHARS {
        return Err(crate::tr!(
            messages.thread.too_long,
            max = MAX_MESSAGE_CHARS,
            chars = chars
        )
        .to_string());
    }
    Ok(body.to_owned())
}

/// Whether an idempotency key looks like one the app makes (8–64 of `A-Za-z0-9-_`).
pub fn valid_key(key: &str) -> bool {
    (8..=64).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The opening a mentor is offered when a mentorship starts: the programs ask
/// the mentor to write first. In the mentor's (the reader's) language: they
/// make it their own before sending it.
pub fn suggested_opening(mentee_first_name: &str, focus_label: &str) -> String {
    crate::tr!(
        messages.opening.text,
        name = mentee_first_name,
        focus = focus_label.to_lowercase()
    )
    .to_string()
}

/// The first `max` characters of a message as plain text, for the inbox.
pub fn preview(body: &str, max: usize) -> String {
    let flat: String = body
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '`' | '#' | '>'))
        .collect();
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_trimmed_and_bounded() {
        assert_eq!(parse_body("  hi  ").unwrap(), "hi");
        assert_eq!(parse_body(" \n ").unwrap_err(), "Write a message first.");
        assert!(parse_body(&"é".repeat(MAX_MESSAGE_CHARS)).is_ok());
        let err = parse_body(&"é".repeat(MAX_MESSAGE_CHARS + 1)).unwrap_err();
        assert!(err.contains("this one has 4001"), "{err}");
    }

    #[test]
    fn keys_are_short_plain_tokens() {
        assert!(valid_key("k-1234567_abc"));
        assert!(!valid_key("short"));
        assert!(!valid_key("has space in it"));
        assert!(!valid_key(&"x".repeat(65)));
    }

    #[test]
    fn previews_are_flat_and_cut_on_characters() {
        assert_eq!(preview("*Hi*\n\n  there", 20), "Hi there");
        assert_eq!(preview("ééééé", 3), "ééé…");
    }
}
