//! Goals in the database. Only the mentorship's two members get past `pair`:
//! not administrators, not the program's coordinators.

use super::model::{Goal, GoalNote, GoalStatus, Goals};
use crate::{
    accounts::store::language_of,
    db::Db,
    error::AppError,
    i18n::td_string,
    mentorships::store::{pair_for_member, Pair},
    notifications::{
        model::Kind,
        store::{notify, Notice},
    },
};

/// The pair, when `user_id` is one of them and the mentor accepted at some
/// point.
async fn pair(db: &Db, user_id: i64, mentorship_id: i64) -> Result<Pair, AppError> {
    let mut conn = db.pool().acquire().await?;
    let private = crate::tr!(goals.errors.private);
    let p = pair_for_member(&mut conn, user_id, mentorship_id, private).await?;
    if !p.opened() {
        return Err(AppError::conflict(crate::tr!(goals.errors.not_open_yet)));
    }
    Ok(p)
}

async fn goal_mentorship(db: &Db, goal_id: i64) -> Result<i64, AppError> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT mentorship_id FROM goals WHERE id = $1")
        .bind(goal_id)
        .fetch_optional(db.pool())
        .await?;
    row.map(|(m,)| m).ok_or(AppError::NotFound)
}

pub async fn list(db: &Db, user_id: i64, mentorship_id: i64) -> Result<Goals, AppError> {
    let p = pair(db, user_id, mentorship_id).await?;
    let rows: Vec<(i64, String, String, Option<i64>, GoalStatus)> = sqlx::query_as(
        "SELECT id, title, why, target_on, status FROM goals WHERE mentorship_id = $1 ORDER BY id",
    )
    .bind(mentorship_id)
    .fetch_all(db.pool())
    .await?;
    let notes: Vec<(i64, String, i64, String, i64)> = sqlx::query_as(
        "SELECT n.goal_id, u.display_name, n.author_id, n.body, n.at
         FROM goal_notes n JOIN goals g ON g.id = n.goal_id JOIN users u ON u.id = n.author_id
         WHERE g.mentorship_id = $1 ORDER BY n.id",
    )
    .bind(mentorship_id)
    .fetch_all(db.pool())
    .await?;
    Ok(Goals {
        goals: rows
            .into_iter()
            .map(|(id, title, why, target_on, status)| Goal {
                id,
                title,
                why,
                target_on,
                status,
                notes: notes
                    .iter()
                    .filter(|n| n.0 == id)
                    .map(|(_, author, author_id, body, at)| GoalNote {
                        author: author.clone(),
                        by_mentor: *author_id == p.mentor_id,
                        body: body.clone(),
                        at: *at,
                    })
                    .collect(),
            })
            .collect(),
        is_mentee: user_id == p.mentee_id,
        active: p.state.is_active(),
    })
}

fn mentee_only(p: &Pair, user_id: i64) -> Result<(), AppError> {
    if user_id != p.mentee_id {
        return Err(AppError::forbidden(crate::tr!(goals.errors.mentee_only)));
    }
    if !p.state.is_active() {
        return Err(AppError::conflict(crate::tr!(goals.errors.closed)));
    }
    Ok(())
}

pub async fn add(
    db: &Db,
    user_id: i64,
    mentorship_id: i64,
    title: &str,
    why: &str,
    target_on: Option<i64>,
    now: i64,
) -> Result<(), AppError> {
    let p = pair(db, user_id, mentorship_id).await?;
    mentee_only(&p, user_id)?;
    sqlx::query(
        "INSERT INTO goals (mentorship_id, title, why, target_on, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 'not_started', $5, $5)",
    )
    .bind(mentorship_id)
    .bind(title)
    .bind(why)
    .bind(target_on)
    .bind(now)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Moves a goal to `status` (the mentee); returns its mentorship.
pub async fn set_status(
    db: &Db,
    user_id: i64,
    goal_id: i64,
    status: GoalStatus,
    now: i64,
) -> Result<i64, AppError> {
    let mentorship_id = goal_mentorship(db, goal_id).await?;
    let p = pair(db, user_id, mentorship_id).await?;
    mentee_only(&p, user_id)?;
    sqlx::query("UPDATE goals SET status = $1, updated_at = $2 WHERE id = $3")
        .bind(status)
        .bind(now)
        .bind(goal_id)
        .execute(db.pool())
        .await?;
    Ok(mentorship_id)
}

/// A progress note (the mentee) or a comment (the mentor); the other is
/// told. Returns the goal's mentorship.
pub async fn add_note(
    db: &Db,
    user_id: i64,
    goal_id: i64,
    body: &str,
    now: i64,
) -> Result<i64, AppError> {
    let mentorship_id = goal_mentorship(db, goal_id).await?;
    let p = pair(db, user_id, mentorship_id).await?;
    if !p.state.is_active() {
        return Err(AppError::conflict(crate::tr!(goals.errors.closed)));
    }
    let mut tx = db.pool().begin().await?;
    sqlx::query("INSERT INTO goal_notes (goal_id, author_id, body, at) VALUES ($1, $2, $3, $4)")
        .bind(goal_id)
        .bind(user_id)
        .bind(body)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    let to = p.other(user_id);
    let l = language_of(&mut *tx, to).await?.locale();
    let text = if user_id == p.mentor_id {
        td_string!(l, goals.notice.mentor_commented, name = &p.mentor_name).to_string()
    } else {
        td_string!(l, goals.notice.progress_note, name = &p.mentee_name).to_string()
    };
    notify(
        &mut tx,
        Notice {
            user_id: to,
            kind: Kind::GoalNote,
            text,
            link: format!("/mentorships/{mentorship_id}#goals"),
            email: None,
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(mentorship_id)
}
