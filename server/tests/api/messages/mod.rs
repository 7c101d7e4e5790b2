//! Messaging on both databases, one file per sub-feature: sending once per key,
//! pages, unread counts and read markers, the live stream and resuming it,
//! confidentiality for every role, blocked and ended threads, the unread-message
//! email, measured reply times, and delivery across two instances on PostgreSQL.
//! Durability through `kill -9` is in `durability.rs`.

mod access;
mod email;
mod reply_time;
mod stream;
mod threads;

use crate::helpers::{json, TestApp};
use app::messages::model::{Thread, Unread};

/// A page of a thread as `who` opens it (which reads it), before `before` if given.
async fn thread(app: &TestApp, who: &reqwest::Client, id: i64, before: Option<i64>) -> Thread {
    let id = id.to_string();
    let before = before.map(|b| b.to_string());
    let mut args = vec![("mentorship_id", id.as_str()), ("mark_read", "true")];
    if let Some(b) = &before {
        args.push(("before", b));
    }
    json(app, who, "messages/thread", &args).await
}

/// `who`'s unread messages.
async fn unread(app: &TestApp, who: &reqwest::Client) -> i64 {
    let unread: Unread = json(app, who, "messages/unread", &[]).await;
    unread.messages
}
