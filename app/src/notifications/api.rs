//! The bell's server functions, and the development outbox for admins.

use super::model::Notification;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::{mail, store},
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEmail {
    pub file: String,
    pub raw: String,
}

/// The emails Carrel wrote to its outbox folder (development only, admins only).
#[server(endpoint = "notifications/outbox")]
pub async fn outbox() -> Result<Vec<OutboxEmail>, AppError> {
    require_admin("read the outbox").await?;
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
