//! The bell's server functions, and the development outbox for admins.

use super::model::{Choices, Notification};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::{
        mail,
        model::Topic,
        push::{self, Note, Pusher},
        store,
    },
    crate::{
        accounts::store::{require_admin, require_user},
        dates::now_ms,
        db::use_db,
    },
};

/// My latest notifications, newest first.
#[server(endpoint = "notifications/recent")]
pub async fn recent_notifications() -> Result<Vec<Notification>, AppError> {
    let me = require_user().await?;
    store::recent(&use_db()?, me.id, 50).await
}

/// Marks all my notifications read.
#[server(endpoint = "notifications/mark_read")]
pub async fn mark_notifications_read() -> Result<(), AppError> {
    let me = require_user().await?;
    store::mark_all_read(&use_db()?, me.id, now_ms()).await?;
    leptos_axum::redirect("/notifications");
    Ok(())
}

/// What I am told about, by email and on my devices, and those devices.
#[server(endpoint = "notifications/choices")]
pub async fn get_choices() -> Result<Choices, AppError> {
    let me = require_user().await?;
    let db = use_db()?;
    Ok(Choices {
        topics: store::choices(&db, me.id).await?,
        devices: store::devices(&db, me.id).await?,
        push_key: pusher()?.public_key().to_owned(),
    })
}

/// Sets what I am told about: `email` and `push` map each topic wanted (by
/// slug) to anything; topics missing from one go quiet there. Unknown topics
/// are refused.
#[server(endpoint = "notifications/save_choices")]
pub async fn save_choices(
    email: Option<std::collections::HashMap<String, String>>,
    push: Option<std::collections::HashMap<String, String>>,
) -> Result<(), AppError> {
    let me = require_user().await?;
    let topics = |on: Option<std::collections::HashMap<String, String>>| {
        on.unwrap_or_default()
            .keys()
            .map(|slug| Topic::from_slug(slug))
            .collect::<Option<Vec<Topic>>>()
            .ok_or_else(|| {
                AppError::BadRequest(crate::tr!(notifications.errors.not_a_topic).to_owned())
            })
    };
    store::set_choices(&use_db()?, me.id, &topics(email)?, &topics(push)?).await?;
    leptos_axum::redirect("/settings?notifications=saved#notifications-heading");
    Ok(())
}

/// Notifies me on this device: what its browser's `PushSubscription` gives.
#[server(endpoint = "notifications/push_subscribe")]
pub async fn push_subscribe(
    endpoint: String,
    p256dh: String,
    auth: String,
) -> Result<(), AppError> {
    let me = require_user().await?;
    let sub = pusher()?.subscription(&endpoint, &p256dh, &auth)?;
    let agent = use_context::<axum::http::request::Parts>()
        .and_then(|p| {
            p.headers
                .get(axum::http::header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        })
        .unwrap_or_default();
    let device = crate::accounts::devices::device(&agent, crate::language::current());
    store::subscribe(&use_db()?, me.id, &sub, &device, now_ms()).await
}

/// Stops notifying one of my devices.
#[server(endpoint = "notifications/push_unsubscribe")]
pub async fn push_unsubscribe(id: i64) -> Result<(), AppError> {
    let me = require_user().await?;
    if !store::unsubscribe(&use_db()?, me.id, id).await? {
        return Err(AppError::NotFound);
    }
    leptos_axum::redirect("/settings?devices=changed#devices-heading");
    Ok(())
}

/// Sends a notification to each of my devices, to see that they get it; one
/// at a time.
#[server(endpoint = "notifications/push_test")]
pub async fn push_test() -> Result<(), AppError> {
    let me = require_user().await?;
    let db = use_db()?;
    if store::push_waiting(&db, me.id).await? {
        return Err(AppError::Conflict(
            crate::tr!(notifications.push.errors.still_sending).to_owned(),
        ));
    }
    let mut tx = db.pool().begin().await?;
    let note = Note {
        title: crate::tr!(notifications.push.test_title),
        body: crate::tr!(notifications.push.test_body),
        url: "/settings#devices-heading",
        tag: "test",
    };
    push::queue(&mut tx, me.id, None, &note, now_ms()).await?;
    tx.commit().await?;
    leptos_axum::redirect("/settings?devices=tested#devices-heading");
    Ok(())
}

#[cfg(feature = "ssr")]
fn pusher() -> Result<Pusher, AppError> {
    use_context::<Pusher>().ok_or(AppError::Internal)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEmail {
    pub file: String,
    pub raw: String,
}

/// The emails Carrel wrote to its outbox folder (development only, admins only).
#[server(endpoint = "notifications/outbox")]
pub async fn outbox() -> Result<Vec<OutboxEmail>, AppError> {
    require_admin(crate::tr!(notifications.to_read_outbox)).await?;
    let mailer = use_context::<mail::Mailer>().ok_or(AppError::NotFound)?;
    let Some(dir) = mailer.outbox() else {
        return Err(AppError::NotFound);
    };
    Ok(mail::read_outbox(dir, 100)
        .await?
        .into_iter()
        .map(|(file, raw)| OutboxEmail { file, raw })
        .collect())
}
