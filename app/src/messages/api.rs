//! Message server functions. Each takes the caller from the session; the store
//! lets only the two members of a mentorship near its words.

use super::model::{InboxItem, Message, Thread, ThreadActivity, Unread};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::{
        hub::use_hub,
        model::{parse_body, valid_key},
        store,
    },
    crate::{
        accounts::store::{require_admin, require_user, require_verified},
        audit::{model::Action as Audit, store as audit},
        dates::now_ms,
        db::use_db,
        error::FieldErrors,
        security::limits::{self, Action},
    },
};

/// A page of one of my threads: the latest messages, or those before `before`.
/// `mark_read` marks the latest page read when the app asks for it by POST;
/// rendering the page for a GET changes nothing (a link from another site
/// must not mark a thread read): the hydrated page marks what it shows, and
/// with JavaScript off the page offers a "Mark as read" button.
#[server(endpoint = "messages/thread", output = crate::wire::Json)]
pub async fn get_thread(
    mentorship_id: i64,
    before: Option<i64>,
    mark_read: bool,
) -> Result<Thread, AppError> {
    let me = require_user().await?;
    let db = use_db()?;
    let thread = store::thread(&db, me.id, mentorship_id, before).await?;
    let posted = use_context::<axum::http::request::Parts>()
        .is_some_and(|p| p.method == axum::http::Method::POST);
    match (mark_read && posted, before, thread.messages.last()) {
        (true, None, Some(last)) => {
            let hub = use_hub()?;
            store::mark_read(&db, &hub, me.id, mentorship_id, last.id).await?;
            Ok(Thread {
                unread_up_to: None,
                ..thread
            })
        }
        _ => Ok(thread),
    }
}

/// Sends a message in one of my threads. `key` makes it idempotent: sending
/// the same key again returns the stored message instead of a second copy.
#[server(endpoint = "messages/send", output = crate::wire::Json)]
pub async fn send_message(
    mentorship_id: i64,
    body: String,
    key: String,
) -> Result<Message, AppError> {
    let me = require_user().await?;
    // A refusal keeps what was typed (JavaScript-off forms come back with it).
    let refused = |why: String| {
        let mut errors = FieldErrors::new().keep("body", &body);
        errors.add("body", why);
        AppError::Invalid(errors)
    };
    let me =
        require_verified(me, crate::tr!(messages.to_send)).map_err(|e| refused(e.to_string()))?;
    limits::check(Action::Message, Some(me.id)).map_err(|e| refused(e.to_string()))?;
    let text = parse_body(&body).map_err(refused)?;
    if !valid_key(&key) {
        return Err(AppError::BadRequest(
            crate::tr!(messages.errors.key_malformed).to_owned(),
        ));
    }
    let hub = use_hub()?;
    let sent = store::send(
        &use_db()?,
        &hub,
        me.id,
        mentorship_id,
        &text,
        &key,
        now_ms(),
    )
    .await
    .map_err(|e| match e {
        AppError::Conflict(why) => refused(why),
        other => other,
    })?;
    redirect_form_post(&format!("/mentorships/{mentorship_id}#m{}", sent.id));
    Ok(sent)
}

/// Marks one of my threads read up to message `up_to`.
#[server(endpoint = "messages/mark_read", output = crate::wire::Json)]
pub async fn mark_thread_read(mentorship_id: i64, up_to: i64) -> Result<(), AppError> {
    let me = require_user().await?;
    let hub = use_hub()?;
    store::mark_read(&use_db()?, &hub, me.id, mentorship_id, up_to).await?;
    redirect_form_post(&format!("/mentorships/{mentorship_id}#thread"));
    Ok(())
}

/// My threads, latest activity first.
#[server(endpoint = "messages/inbox", output = crate::wire::Json)]
pub async fn get_inbox() -> Result<Vec<InboxItem>, AppError> {
    let me = require_user().await?;
    store::inbox(&use_db()?, me.id).await
}

/// My unread messages and notifications, for the header.
#[server(endpoint = "messages/unread")]
pub async fn unread_counts() -> Result<Unread, AppError> {
    let me = require_user().await?;
    store::unread(&use_db()?, me.id).await
}

/// That threads exist and when they were last active, for administrators.
/// Never their words.
#[server(endpoint = "messages/activity")]
pub async fn list_thread_activity() -> Result<Vec<ThreadActivity>, AppError> {
    let me = require_admin(crate::tr!(messages.to_see_activity)).await?;
    let db = use_db()?;
    audit::record(&db, me.id, Audit::ThreadActivityRead, "", "", now_ms()).await?;
    store::activity(&db).await
}

/// Redirects a plain form post (JavaScript off) back to the page; the app's own
/// calls get the result and stay where they are.
#[cfg(feature = "ssr")]
fn redirect_form_post(path: &str) {
    let html = use_context::<axum::http::request::Parts>().is_some_and(|p| {
        p.headers
            .get(axum::http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"))
    });
    if html {
        leptos_axum::redirect(path);
    }
}
