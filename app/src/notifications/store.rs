//! Writing notifications inside the caller's transaction, and reading them.

use super::model::{Kind, Notification};
use crate::{db::Db, error::AppError};
use sqlx::AnyConnection;

/// What to tell one member: a line for the bell and, when `email` is set, an
/// email with that subject. The email carries the text and a link, nothing
/// more, so confidential details stay in Carrel.
pub struct Notice {
    pub user_id: i64,
    pub kind: Kind,
    pub text: String,
    pub link: String,
    pub email: Option<String>,
}

/// Records `notice` (and queues its email) in the caller's transaction.
pub async fn notify(conn: &mut AnyConnection, notice: Notice, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO notifications (user_id, kind, text, link, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(notice.user_id)
    .bind(notice.kind.slug())
    .bind(&notice.text)
    .bind(&notice.link)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    crate::messages::hub::ring_notice(conn, notice.user_id).await?;
    if let Some(subject) = notice.email {
        queue_email(
            conn,
            notice.user_id,
            &subject,
            &notice.text,
            &notice.link,
            now,
        )
        .await?;
    }
    Ok(())
}

/// Queues an email to one member in the caller's transaction; the job sends it.
pub async fn queue_email(
    conn: &mut AnyConnection,
    user_id: i64,
    subject: &str,
    body: &str,
    link: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO emails (to_address, to_name, subject, body, link, created_at)
         SELECT email, display_name, $1, $2, $3, $4 FROM users WHERE id = $5 AND deleted_at IS NULL",
    )
    .bind(subject)
    .bind(body)
    .bind(link)
    .bind(now)
    .bind(user_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// An email to an address, carrying a single-use link: it goes to that
/// address (which may not be the member's yet) and its link is erased once
/// the email is sent, so the queue does not keep a usable token.
pub struct SecretEmail<'a> {
    pub to_address: &'a str,
    pub to_name: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub link: &'a str,
}

/// Queues `email` in the caller's transaction; the job sends it.
pub async fn queue_secret_email(
    conn: &mut AnyConnection,
    email: SecretEmail<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO emails (to_address, to_name, subject, body, link, created_at, secret)
         VALUES ($1, $2, $3, $4, $5, $6, 1)",
    )
    .bind(email.to_address)
    .bind(email.to_name)
    .bind(email.subject)
    .bind(email.body)
    .bind(email.link)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// How many notifications the member has not read.
pub async fn unread_count(db: &Db, user_id: i64) -> Result<i64, AppError> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL")
            .bind(user_id)
            .fetch_one(db.pool())
            .await?;
    Ok(n)
}

/// The member's latest notifications, newest first.
pub async fn recent(db: &Db, user_id: i64, limit: i64) -> Result<Vec<Notification>, AppError> {
    let rows: Vec<(i64, String, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT id, text, link, created_at, read_at FROM notifications
         WHERE user_id = $1 ORDER BY id DESC LIMIT $2",
    )
    .bind(user_id)
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, text, link, at, read)| Notification {
            id,
            text,
            link,
            at,
            unread: read.is_none(),
        })
        .collect())
}

/// Marks every notification of the member read.
pub async fn mark_all_read(db: &Db, user_id: i64, now: i64) -> Result<(), AppError> {
    sqlx::query("UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL")
        .bind(now)
        .bind(user_id)
        .execute(db.pool())
        .await?;
    Ok(())
}
