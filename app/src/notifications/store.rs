//! Writing notifications inside the caller's transaction, and reading them.

use super::{
    model::{Kind, Notification, PushDevice, Topic, TopicChoice},
    push::{self, Note, Subscription, MAX_DEVICES},
};
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
        // News worth an email is worth a notification on the member's devices.
        let note = Note {
            title: &subject,
            body: &notice.text,
            url: &notice.link,
            tag: notice.kind.slug(),
        };
        push::queue(conn, notice.user_id, Some(notice.kind.topic()), &note, now).await?;
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

/// Each topic, on or off for email and for push, for `user_id`.
pub async fn choices(db: &Db, user_id: i64) -> Result<Vec<TopicChoice>, AppError> {
    let off: Vec<(String, Topic)> = sqlx::query_as(
        "SELECT 'email', topic FROM email_opt_outs WHERE user_id = $1
         UNION ALL SELECT 'push', topic FROM push_opt_outs WHERE user_id = $1",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    let on = |channel: &str, t: Topic| !off.iter().any(|(c, o)| c == channel && *o == t);
    Ok(Topic::ALL
        .iter()
        .map(|t| TopicChoice {
            topic: *t,
            email: on("email", *t),
            push: on("push", *t),
        })
        .collect())
}

/// Makes `email` the topics `user_id` gets email about and `push` those they
/// get on their devices; the others go quiet.
pub async fn set_choices(
    db: &Db,
    user_id: i64,
    email: &[Topic],
    push: &[Topic],
) -> Result<(), AppError> {
    let mut tx = db.pool().begin().await?;
    for (table, on) in [("email_opt_outs", email), ("push_opt_outs", push)] {
        sqlx::query(&format!("DELETE FROM {table} WHERE user_id = $1"))
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        for topic in Topic::ALL.iter().filter(|t| !on.contains(t)) {
            sqlx::query(&format!(
                "INSERT INTO {table} (user_id, topic) VALUES ($1, $2)"
            ))
            .bind(user_id)
            .bind(topic)
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// The devices `user_id` gets notifications on, newest first.
pub async fn devices(db: &Db, user_id: i64) -> Result<Vec<PushDevice>, AppError> {
    let rows: Vec<(i64, String, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT id, device, endpoint, created_at, last_used_at FROM push_subscriptions
         WHERE user_id = $1 ORDER BY id DESC",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, device, endpoint, since, last_used)| PushDevice {
            id,
            device,
            endpoint,
            since,
            last_used,
        })
        .collect())
}

/// Notifies `user_id` on the device `sub`. A browser that subscribed for
/// another member before (one device, two accounts) now notifies only this one.
pub async fn subscribe(
    db: &Db,
    user_id: i64,
    sub: &Subscription,
    device: &str,
    now: i64,
) -> Result<(), AppError> {
    let mut tx = db.pool().begin().await?;
    crate::accounts::store::lock_member(&mut tx, user_id).await?;
    let (others,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM push_subscriptions WHERE user_id = $1 AND endpoint <> $2",
    )
    .bind(user_id)
    .bind(&sub.endpoint)
    .fetch_one(&mut *tx)
    .await?;
    if others >= MAX_DEVICES {
        return Err(AppError::Conflict(
            crate::tr!(notifications.push.errors.device_limit).to_owned(),
        ));
    }
    // A new owner or new keys: what was waiting for the old ones goes with them.
    sqlx::query("DELETE FROM push_subscriptions WHERE endpoint = $1")
        .bind(&sub.endpoint)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth, device, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(user_id)
    .bind(&sub.endpoint)
    .bind(&sub.p256dh)
    .bind(&sub.auth)
    .bind(device)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Stops notifying the device `id` of `user_id`; false when they have no such device.
pub async fn unsubscribe(db: &Db, user_id: i64, id: i64) -> Result<bool, AppError> {
    let gone = sqlx::query("DELETE FROM push_subscriptions WHERE id = $1 AND user_id = $2")
        .bind(id)
        .bind(user_id)
        .execute(db.pool())
        .await?
        .rows_affected();
    Ok(gone == 1)
}

/// Whether a notification to `user_id` is still waiting to go out.
pub async fn push_waiting(db: &Db, user_id: i64) -> Result<bool, AppError> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM pushes p JOIN push_subscriptions s ON s.id = p.subscription_id
         WHERE s.user_id = $1 AND p.attempts < $2",
    )
    .bind(user_id)
    .bind(push::MAX_ATTEMPTS)
    .fetch_one(db.pool())
    .await?;
    Ok(n > 0)
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
