//! Writing and reading the audit log; disabling accounts.

use super::model::{AccountStatus, Action, Entry};
use crate::{db::Db, error::AppError, profiles::store::bump_version};
use sqlx::AnyConnection;

/// Entries per page of the log.
pub const PAGE: i64 = 100;

/// Records that `actor` did `action` to `subject`.
pub async fn record(
    db: &Db,
    actor: i64,
    action: Action,
    subject: &str,
    detail: &str,
    now: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO audit_log (actor_id, action, subject, detail, at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(actor)
    .bind(action)
    .bind(subject)
    .bind(detail)
    .bind(now)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// A page of the log, newest first, from just before `before` (an entry id).
pub async fn entries(db: &Db, before: Option<i64>) -> Result<Vec<Entry>, AppError> {
    let rows: Vec<(i64, Option<String>, Action, String, String, i64)> = sqlx::query_as(
        "SELECT a.id, u.display_name, a.action, a.subject, a.detail, a.at
         FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
         WHERE a.id < $1 ORDER BY a.id DESC LIMIT $2",
    )
    .bind(before.unwrap_or(i64::MAX))
    .bind(PAGE)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, actor, action, subject, detail, at)| Entry {
            id,
            actor: actor.unwrap_or_else(|| crate::tr!(audit.former_member).to_owned()),
            action,
            subject,
            detail,
            at,
        })
        .collect())
}

type StatusRow = (i64, String, String, i64, Option<i64>, String);

fn status((id, email, display_name, joined, at, reason): StatusRow) -> AccountStatus {
    AccountStatus {
        id,
        email,
        display_name,
        joined,
        disabled: at.map(|at| (at, reason)),
    }
}

const STATUS_COLUMNS: &str = "id, email, display_name, created_at, disabled_at, disabled_reason";

/// The accounts that are disabled now, most recent first.
pub async fn disabled(db: &Db) -> Result<Vec<AccountStatus>, AppError> {
    let rows: Vec<StatusRow> = sqlx::query_as(&format!(
        "SELECT {STATUS_COLUMNS} FROM users WHERE disabled_at IS NOT NULL ORDER BY disabled_at DESC"
    ))
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(status).collect())
}

/// The live account with this address.
pub async fn account(db: &Db, email: &str) -> Result<Option<AccountStatus>, AppError> {
    let row: Option<StatusRow> = sqlx::query_as(&format!(
        "SELECT {STATUS_COLUMNS} FROM users WHERE email = $1 AND deleted_at IS NULL"
    ))
    .bind(email)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(status))
}

/// "Name <address>" of a live account, as the log names it.
pub async fn name_of(db: &Db, user_id: i64) -> Result<Option<String>, AppError> {
    let row: Option<(String, String)> = sqlx::query_as(
        "SELECT display_name, email FROM users WHERE id = $1 AND deleted_at IS NULL",
    )
    .bind(user_id)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|(name, email)| format!("{name} <{email}>")))
}

/// Disables (`Some(reason)`) or enables (`None`) an account; false when it
/// already was. Disabling ends its sessions; either way the directory's
/// index looks at its profile again.
pub async fn set_disabled(
    db: &Db,
    user_id: i64,
    reason: Option<&str>,
    now: i64,
) -> Result<bool, AppError> {
    let mut tx = db.pool().begin().await?;
    let changed = match reason {
        Some(reason) => sqlx::query(
            "UPDATE users SET disabled_at = $1, disabled_reason = $2
             WHERE id = $3 AND disabled_at IS NULL AND deleted_at IS NULL",
        )
        .bind(now)
        .bind(reason)
        .bind(user_id),
        None => sqlx::query(
            "UPDATE users SET disabled_at = NULL, disabled_reason = ''
             WHERE id = $1 AND disabled_at IS NOT NULL",
        )
        .bind(user_id),
    }
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if changed {
        if reason.is_some() {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
        }
        relist(&mut tx, user_id).await?;
    }
    tx.commit().await?;
    Ok(changed)
}

/// Gives the member's profile a new directory version, so every instance's
/// index reads it again (and lists it or not).
async fn relist(conn: &mut AnyConnection, user_id: i64) -> Result<(), sqlx::Error> {
    let version = bump_version(conn).await?;
    sqlx::query("UPDATE profiles SET version = $1 WHERE user_id = $2")
        .bind(version)
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
