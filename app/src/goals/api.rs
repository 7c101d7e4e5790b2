//! Goal server functions: the caller comes from the session, and the store
//! lets only the pair through (and only the mentee set goals).

use super::model::Goals;
#[cfg(feature = "ssr")]
use crate::dates::parse_day;
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::{model::GoalStatus, store},
    crate::{accounts::store::require_user, dates::now_ms, db::use_db, error::FieldErrors},
};

#[server(endpoint = "goals/list")]
pub async fn list_goals(mentorship_id: i64) -> Result<Goals, AppError> {
    let me = require_user().await?;
    store::list(&use_db()?, me.id, mentorship_id).await
}

#[server(endpoint = "goals/add")]
pub async fn add_goal(
    mentorship_id: i64,
    title: String,
    why: String,
    target_on: String,
) -> Result<(), AppError> {
    let me = require_user().await?;
    let mut errors = FieldErrors::new()
        .keep("title", &title)
        .keep("why", &why)
        .keep("target_on", &target_on);
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.chars().count() < 3 || title.chars().count() > 120 {
        errors.add("title", crate::tr!(goals.invalid.title));
    }
    if why.trim().chars().count() > 1000 {
        errors.add("why", crate::tr!(goals.invalid.why));
    }
    let target = match target_on.trim() {
        "" => None,
        day => {
            let parsed = parse_day(day);
            if parsed.is_none() {
                errors.add("target_on", crate::tr!(goals.invalid.target_on));
            }
            parsed
        }
    };
    errors.into_result()?;
    store::add(
        &use_db()?,
        me.id,
        mentorship_id,
        &title,
        why.trim(),
        target,
        now_ms(),
    )
    .await?;
    leptos_axum::redirect(&format!("/mentorships/{mentorship_id}#goals"));
    Ok(())
}

#[server(endpoint = "goals/status")]
pub async fn set_goal_status(goal_id: i64, status: String) -> Result<(), AppError> {
    let me = require_user().await?;
    let status = GoalStatus::from_slug(&status)
        .ok_or_else(|| AppError::BadRequest(crate::tr!(goals.invalid.status).to_owned()))?;
    let mentorship_id = store::set_status(&use_db()?, me.id, goal_id, status, now_ms()).await?;
    leptos_axum::redirect(&format!("/mentorships/{mentorship_id}#goals"));
    Ok(())
}

/// A progress note by the mentee, or a comment by the mentor.
#[server(endpoint = "goals/note")]
pub async fn add_goal_note(goal_id: i64, body: String) -> Result<(), AppError> {
    let me = require_user().await?;
    let body = body.trim();
    if body.is_empty() || body.chars().count() > 2000 {
        let mut errors = FieldErrors::new().keep("body", body);
        errors.add("body", crate::tr!(goals.invalid.note));
        return Err(AppError::Invalid(errors));
    }
    let mentorship_id = store::add_note(&use_db()?, me.id, goal_id, body, now_ms()).await?;
    leptos_axum::redirect(&format!("/mentorships/{mentorship_id}#goals"));
    Ok(())
}
