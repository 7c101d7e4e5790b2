//! Meeting server functions: each takes the caller from the session and lets
//! the store check they are one of the pair.

use super::model::Meetings;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::{
        model::{parse_meeting, MeetingForm},
        store,
    },
    crate::{accounts::store::require_user, dates::now_ms, db::use_db},
};

/// A mentorship's meetings, for its pair.
#[server(endpoint = "meetings/list")]
pub async fn list_meetings(mentorship_id: i64) -> Result<Meetings, AppError> {
    let me = require_user().await?;
    store::list(&use_db()?, me.id, mentorship_id, now_ms()).await
}

/// The fields of the form proposing a meeting, as posted; `model::MeetingForm`
/// borrows them for parsing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProposalForm {
    pub starts: String,
    pub time_zone: String,
    pub minutes: String,
    pub mode: String,
    pub place: String,
    pub agenda: String,
    pub remind_minutes: String,
}

/// Proposes a meeting, or (with `replaces`) another time for the other
/// member's proposal.
#[server(endpoint = "meetings/propose")]
pub async fn propose_meeting(
    mentorship_id: i64,
    #[server(flatten)] form: ProposalForm,
    replaces: Option<i64>,
) -> Result<(), AppError> {
    let me = require_user().await?;
    let now = now_ms();
    let form = MeetingForm {
        starts: &form.starts,
        time_zone: &form.time_zone,
        minutes: &form.minutes,
        mode: &form.mode,
        place: &form.place,
        agenda: &form.agenda,
        remind_minutes: &form.remind_minutes,
    };
    // Which form was sent, so only that one shows the errors.
    let which = replaces.map(|r| r.to_string()).unwrap_or_default();
    let meeting = parse_meeting(&form, now, store::to_utc)
        .map_err(|e| AppError::Invalid(e.keep("replaces", &which)))?;
    store::propose(&use_db()?, me.id, mentorship_id, &meeting, replaces, now).await?;
    leptos_axum::redirect(&format!("/mentorships/{mentorship_id}#meetings"));
    Ok(())
}

#[server(endpoint = "meetings/accept")]
pub async fn accept_meeting(id: i64) -> Result<(), AppError> {
    let me = require_user().await?;
    let mentorship_id = store::accept(&use_db()?, me.id, id, now_ms()).await?;
    leptos_axum::redirect(&format!("/mentorships/{mentorship_id}#meetings"));
    Ok(())
}

/// Cancels a meeting; within 48 hours of it, only with `short_notice_ok`.
#[server(endpoint = "meetings/cancel")]
pub async fn cancel_meeting(id: i64, short_notice_ok: Option<String>) -> Result<(), AppError> {
    let me = require_user().await?;
    let ok = short_notice_ok.is_some_and(|v| !v.is_empty());
    let mentorship_id = store::cancel(&use_db()?, me.id, id, ok, now_ms()).await?;
    leptos_axum::redirect(&format!("/mentorships/{mentorship_id}#meetings"));
    Ok(())
}

/// Makes the caller's private calendar feed (once) and returns its path; with
/// `renew`, gives it a new address and the old one stops working (for a link
/// that was shared by mistake).
#[server(endpoint = "meetings/feed")]
pub async fn calendar_feed(
    back_to: Option<i64>,
    renew: Option<String>,
) -> Result<String, AppError> {
    let me = require_user().await?;
    let renew = renew.is_some_and(|v| !v.is_empty());
    let token = store::feed_token(&use_db()?, me.id, now_ms(), renew).await?;
    if let Some(id) = back_to {
        leptos_axum::redirect(&format!("/mentorships/{id}#meetings"));
    }
    Ok(format!("/calendar/{token}.ics"))
}
