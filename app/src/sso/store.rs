//! Which provider accounts are linked to which members.

use super::model::Linked;
use crate::{db::Db, error::AppError};

/// The member `subject` at `provider` is linked to.
pub async fn member_for(db: &Db, provider: &str, subject: &str) -> Result<Option<i64>, AppError> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT user_id FROM external_identities WHERE provider = $1 AND subject = $2",
    )
    .bind(provider)
    .bind(subject)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|(id,)| id))
}

/// Links `subject` at `provider` to `user_id`, in the caller's transaction;
/// false when either is linked already.
pub async fn link(
    conn: &mut sqlx::AnyConnection,
    provider: &str,
    subject: &str,
    user_id: i64,
    email: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO external_identities (provider, subject, user_id, email, linked_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
    )
    .bind(provider)
    .bind(subject)
    .bind(user_id)
    .bind(email)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The member's linked providers (slug, email, when), oldest first.
pub async fn linked(db: &Db, user_id: i64) -> Result<Vec<(String, String, i64)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT provider, email, linked_at FROM external_identities WHERE user_id = $1 ORDER BY linked_at",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?)
}

/// Unlinks `provider` from the member; false when it was not linked.
pub async fn unlink(db: &Db, user_id: i64, provider: &str) -> Result<bool, AppError> {
    let done = sqlx::query("DELETE FROM external_identities WHERE user_id = $1 AND provider = $2")
        .bind(user_id)
        .bind(provider)
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Whether the member can sign in with a password (members who joined
/// through a provider have none until they set one by a reset link).
pub async fn has_password(db: &Db, user_id: i64) -> Result<bool, AppError> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM users WHERE id = $1 AND password_hash <> ''")
            .bind(user_id)
            .fetch_one(db.pool())
            .await?;
    Ok(n == 1)
}

/// Assembles what settings show: each linked provider with its label.
pub fn describe(rows: Vec<(String, String, i64)>, label: impl Fn(&str) -> String) -> Vec<Linked> {
    rows.into_iter()
        .map(|(slug, email, at)| Linked {
            label: label(&slug),
            slug,
            email,
            linked_at: at,
        })
        .collect()
}
