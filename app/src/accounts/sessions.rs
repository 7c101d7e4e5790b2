//! The sessions a member is signed in with, as they see and end them. A
//! session's id is its cookie's secret, so the browser only ever sees a
//! handle derived from it.

use super::{
    model::SessionInfo,
    store::{session, session_error},
};
use crate::{db::Db, error::AppError};
use sha2::{Digest, Sha256};

fn handle(id: &str) -> String {
    hex::encode(&Sha256::digest(id.as_bytes())[..12])
}

/// This browser's session id, once it has one.
async fn current_id() -> Result<Option<String>, AppError> {
    Ok(session().await?.id().map(|id| id.to_string()))
}

/// The member's live sessions, most recently used first.
pub async fn list(db: &Db, user_id: i64, now: i64) -> Result<Vec<SessionInfo>, AppError> {
    let current = current_id().await?;
    let rows: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT id, device, place, last_active_at FROM sessions
         WHERE user_id = $1 AND expires_at > $2 ORDER BY last_active_at DESC",
    )
    .bind(user_id)
    .bind(now)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, device, place, last_active)| SessionInfo {
            current: current.as_deref() == Some(id.as_str()),
            handle: handle(&id),
            device,
            place,
            last_active,
        })
        .collect())
}

/// Ends the member's session with this handle; false when they have none.
pub async fn end(db: &Db, user_id: i64, which: &str) -> Result<bool, AppError> {
    let ids: Vec<(String,)> = sqlx::query_as("SELECT id FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .fetch_all(db.pool())
        .await?;
    let Some((id,)) = ids.into_iter().find(|(id,)| handle(id) == which) else {
        return Ok(false);
    };
    if current_id().await?.as_deref() == Some(id.as_str()) {
        session().await?.flush().await.map_err(session_error)?;
    }
    sqlx::query("DELETE FROM sessions WHERE id = $1 AND user_id = $2")
        .bind(&id)
        .bind(user_id)
        .execute(db.pool())
        .await?;
    Ok(true)
}

/// Ends every session of the member but this browser's (all of them when
/// `keep_this` is false); returns how many ended.
pub async fn end_all(db: &Db, user_id: i64, keep_this: bool) -> Result<u64, AppError> {
    let keep = if keep_this { current_id().await? } else { None };
    let ended = sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id <> $2")
        .bind(user_id)
        .bind(keep.unwrap_or_default())
        .execute(db.pool())
        .await?
        .rows_affected();
    if !keep_this {
        session().await?.flush().await.map_err(session_error)?;
    }
    Ok(ended)
}
