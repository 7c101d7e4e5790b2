//! Block, unblock and report; the reports list for administrators.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::store,
    crate::{
        accounts::{
            model::LocalPath,
            store::{find_user, require_admin, require_user},
        },
        audit::{model::Action as Audit, store as audit},
        dates::now_ms,
        db::use_db,
        error::FieldErrors,
        mentorships::{model::parse_note, store as mentorships},
    },
};

/// Checks that the other member exists and is not the caller.
#[cfg(feature = "ssr")]
async fn other_member(me: i64, user_id: i64) -> Result<crate::db::Db, AppError> {
    if me == user_id {
        return Err(AppError::BadRequest(
            crate::tr!(safety.own_account).to_owned(),
        ));
    }
    let db = use_db()?;
    find_user(&db, user_id).await?.ok_or(AppError::NotFound)?;
    Ok(db)
}

/// Blocks a member: no requests or messages either way, and what is open
/// between us closes.
#[server(endpoint = "safety/block")]
pub async fn block_member(user_id: i64, next: Option<String>) -> Result<(), AppError> {
    let me = require_user().await?;
    let db = other_member(me.id, user_id).await?;
    let now = now_ms();
    store::block(&db, me.id, user_id, now).await?;
    mentorships::close_between(&db, me.id, user_id, now).await?;
    tracing::info!(user_id = me.id, blocked = user_id, "member blocked");
    leptos_axum::redirect(LocalPath::parse(next.as_deref()).as_str());
    Ok(())
}

#[server(endpoint = "safety/unblock")]
pub async fn unblock_member(user_id: i64, next: Option<String>) -> Result<(), AppError> {
    let me = require_user().await?;
    let db = other_member(me.id, user_id).await?;
    store::unblock(&db, me.id, user_id).await?;
    leptos_axum::redirect(LocalPath::parse(next.as_deref()).as_str());
    Ok(())
}

/// Reports a member's conduct to the administrators.
#[server(endpoint = "safety/report")]
pub async fn report_member(
    user_id: i64,
    note: String,
    next: Option<String>,
) -> Result<(), AppError> {
    let me = require_user().await?;
    let db = other_member(me.id, user_id).await?;
    let mut errors = FieldErrors::new().keep("note", &note);
    let note = match parse_note(&note) {
        Ok(n) if n.chars().count() >= 10 => n,
        Ok(_) => {
            errors.add("note", crate::tr!(safety.note_too_short));
            return Err(AppError::Invalid(errors));
        }
        Err(m) => {
            errors.add("note", m);
            return Err(AppError::Invalid(errors));
        }
    };
    store::report(&db, me.id, user_id, &note, now_ms()).await?;
    leptos_axum::redirect(&LocalPath::parse(next.as_deref()).with_query("reported=1"));
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub at: i64,
    pub reporter: String,
    pub reported: String,
    pub note: String,
}

/// Conduct reports, newest first (administrators only).
#[server(endpoint = "safety/reports")]
pub async fn list_reports() -> Result<Vec<Report>, AppError> {
    let me = require_admin(crate::tr!(safety.to_read_reports)).await?;
    let db = use_db()?;
    audit::record(&db, me.id, Audit::ConductReportsRead, "", "", now_ms()).await?;
    Ok(store::reports(&db)
        .await?
        .into_iter()
        .map(|(at, reporter, reported, note)| Report {
            at,
            reporter,
            reported,
            note,
        })
        .collect())
}
