//! Blocks and conduct reports in the database.

use crate::{
    db::Db,
    error::AppError,
    mentorships::{
        model::{DeclineReason, Side, State},
        store::{change_state, lock_member, Change},
    },
    notifications::store::{notify, Notice},
};

/// Blocks `blocked` for `blocker`, then closes what is open between them: the
/// blocker withdraws or declines open requests and ends active mentorships,
/// each through the ordinary rules so the history says what happened.
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
    let open: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT id, mentor_id, state FROM mentorships
         WHERE ((mentor_id = $1 AND mentee_id = $2) OR (mentor_id = $2 AND mentee_id = $1))
           AND state IN ('requested', 'accepted')",
    )
    .bind(blocker)
    .bind(blocked)
    .fetch_all(db.pool())
    .await?;
    for (id, mentor_id, state) in open {
        let side = if mentor_id == blocker {
            Side::Mentor
        } else {
            Side::Mentee
        };
        let (to, reason) = match (State::from_slug(&state), side) {
            (Some(State::Requested), Side::Mentee) => (State::Withdrawn, None),
            (Some(State::Requested), Side::Mentor) => (State::Declined, Some(DeclineReason::Other)),
            _ => (State::Ended, None),
        };
        let change = Change {
            to,
            reason,
            note: "",
        };
        match change_state(db, blocker, id, change, now).await {
            // Someone else moved it meanwhile: it is closed either way.
            Ok(()) | Err(AppError::Conflict(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
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
        notify(
            &mut tx,
            Notice {
                user_id: admin,
                kind: "report",
                text: "A member reported conduct. Please review it.".to_owned(),
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
