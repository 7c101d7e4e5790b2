//! The bell's server functions, and the development outbox for admins.

use super::model::{EmailChoices, Notification};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::{mail, model::Topic, store},
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

/// Which email topics I get.
#[server(endpoint = "notifications/email_choices")]
pub async fn get_email_choices() -> Result<EmailChoices, AppError> {
    let me = require_user().await?;
    store::email_choices(&use_db()?, me.id).await
}

/// Sets the email topics I get: `on` maps each topic wanted (by slug) to
/// anything; topics missing from it go quiet. Unknown topics are refused.
#[server(endpoint = "notifications/save_email_choices")]
pub async fn save_email_choices(
    on: Option<std::collections::HashMap<String, String>>,
) -> Result<(), AppError> {
    let me = require_user().await?;
    let on = on.unwrap_or_default();
    let topics = on
        .keys()
        .map(|slug| Topic::from_slug(slug))
        .collect::<Option<Vec<Topic>>>()
        .ok_or_else(|| {
            AppError::BadRequest(crate::tr!(notifications.errors.not_a_topic).to_owned())
        })?;
    store::set_email_choices(&use_db()?, me.id, &topics).await?;
    leptos_axum::redirect("/settings?emails=saved#emails-heading");
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
