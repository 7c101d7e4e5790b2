//! Blocks and conduct reports in the database.

use crate::{
    accounts::store::{language_of, lock_member},
    db::Db,
    error::AppError,
    i18n::td_string,
    notifications::{
        model::Kind,
        store::{notify, Notice},
    },
};
use sqlx::AnyConnection;

/// Blocks `blocked` for `blocker`; the caller then closes what is open between
/// them (`mentorships::store::close_between`).
pub async fn block(db: &Db, blocker: i64, blocked: i64, now: i64) -> Result<(), AppError> {
    // Both members' rows, in id order: a request or an acceptance between
    // them (which lock the mentee's row) either commits before the block,
    // and is closed below, or runs after it and sees it.
    let mut tx = db.pool().begin().await?;
    for id in [blocker.min(blocked), blocker.max(blocked)] {
        lock_member(&mut tx, id).await?;
    }
    sqlx::query(
        "INSERT INTO blocks (blocker_id, blocked_id, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (blocker_id, blocked_id) DO NOTHING",
    )
    .bind(blocker)
    .bind(blocked)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Whether either member has blocked the other.
pub async fn blocked_between(
    conn: &mut AnyConnection,
    a: i64,
    b: i64,
) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT blocker_id FROM blocks
         WHERE (blocker_id = $1 AND blocked_id = $2) OR (blocker_id = $2 AND blocked_id = $1)",
    )
    .bind(a)
    .bind(b)
    .fetch_optional(conn)
    .await?;
    Ok(row.is_some())
}

pub async fn unblock(db: &Db, blocker: i64, blocked: i64) -> Result<(), AppError> {
    sqlx::query("DELETE FROM blocks WHERE blocker_id = $1 AND blocked_id = $2")
        .bind(blocker)
        .bind(blocked)
        .execute(db.pool())
        .await?;
    Ok(())
}

pub async fn has_blocked(db: &Db, blocker: i64, blocked: i64) -> Result<bool, AppError> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT blocker_id FROM blocks WHERE blocker_id = $1 AND blocked_id = $2")
            .bind(blocker)
            .bind(blocked)
            .fetch_optional(db.pool())
            .await?;
    Ok(row.is_some())
}

/// Files a report and tells every administrator (in Carrel only: the note
/// stays out of email).
pub async fn report(
    db: &Db,
    reporter: i64,
    reported: i64,
    note: &str,
    now: i64,
) -> Result<(), AppError> {
    let mut tx = db.pool().begin().await?;
    sqlx::query(
        "INSERT INTO conduct_reports (reporter_id, reported_id, note, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(reporter)
    .bind(reported)
    .bind(note)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let admins: Vec<(i64,)> = sqlx::query_as("SELECT id FROM users WHERE site_role = 'admin'")
        .fetch_all(&mut *tx)
        .await?;
    for (admin,) in admins {
        let lang = language_of(&mut *tx, admin).await?;
        notify(
            &mut tx,
            Notice {
                user_id: admin,
                kind: Kind::Report,
                text: td_string!(lang.locale(), safety.notice).to_owned(),
                link: "/admin/reports".to_owned(),
                email: None,
            },
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Reports for administrators, newest first: (when, reporter, reported, note).
pub async fn reports(db: &Db) -> Result<Vec<(i64, String, String, String)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT r.created_at, a.display_name, b.display_name, r.note
         FROM conduct_reports r JOIN users a ON a.id = r.reporter_id JOIN users b ON b.id = r.reported_id
         ORDER BY r.id DESC LIMIT 200",
    )
    .fetch_all(db.pool())
    .await?)
}
