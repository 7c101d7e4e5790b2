//! Writing notifications inside the caller's transaction, and reading them.

use super::model::{EmailChoices, Kind, Notification, Topic};
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
            Some(notice.kind.topic()),
            &subject,
            &notice.text,
            &notice.link,
            now,
        )
        .await?;
    }
    Ok(())
}

/// Queues an email to one member in the caller's transaction; the job sends
/// it. An email on a `topic` the member turned off is not queued; `None` is
/// about the account itself and always goes.
pub async fn queue_email(
    conn: &mut AnyConnection,
    user_id: i64,
    topic: Option<Topic>,
    subject: &str,
    body: &str,
    link: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO emails (to_address, to_name, subject, body, link, created_at)
         SELECT email, display_name, $1, $2, $3, $4 FROM users
         WHERE id = $5 AND deleted_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM email_opt_outs o WHERE o.user_id = $5 AND o.topic = $6)",
    )
    .bind(subject)
    .bind(body)
    .bind(link)
    .bind(now)
    .bind(user_id)
    .bind(topic.map_or("", Topic::slug))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The topics `user_id` gets email about, each on or off.
pub async fn email_choices(db: &Db, user_id: i64) -> Result<EmailChoices, AppError> {
    let off: Vec<(Topic,)> = sqlx::query_as("SELECT topic FROM email_opt_outs WHERE user_id = $1")
        .bind(user_id)
        .fetch_all(db.pool())
        .await?;
    Ok(EmailChoices {
        topics: Topic::ALL
            .iter()
            .map(|t| (*t, !off.iter().any(|(o,)| o == t)))
            .collect(),
    })
}

/// Makes `on` the topics `user_id` gets email about; the others go quiet.
pub async fn set_email_choices(db: &Db, user_id: i64, on: &[Topic]) -> Result<(), AppError> {
    let mut tx = db.pool().begin().await?;
    sqlx::query("DELETE FROM email_opt_outs WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    for topic in Topic::ALL.iter().filter(|t| !on.contains(t)) {
        sqlx::query("INSERT INTO email_opt_outs (user_id, topic) VALUES ($1, $2)")
            .bind(user_id)
            .bind(topic)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
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
