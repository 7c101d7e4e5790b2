//! Discussion topics: coordinators schedule them per cycle, and on the day a
//! job (`crate::jobs`) posts each as a card into every active pair's thread of the cycle and
//! emails both members.

use super::model::{NewTopic, Topic};
use crate::{db::Db, error::AppError};

pub async fn schedule(
    db: &Db,
    cycle_id: i64,
    author_id: i64,
    t: &NewTopic,
    now: i64,
) -> Result<i64, AppError> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO topics (cycle_id, title, body, send_on, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(cycle_id)
    .bind(&t.title)
    .bind(&t.body)
    .bind(t.send_on)
    .bind(author_id)
    .bind(now)
    .fetch_one(db.pool())
    .await?;
    Ok(id)
}

/// The cycle a topic belongs to, for checking who may change it.
pub async fn cycle_of(db: &Db, topic_id: i64) -> Result<i64, AppError> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT cycle_id FROM topics WHERE id = $1")
        .bind(topic_id)
        .fetch_optional(db.pool())
        .await?;
    row.map(|(c,)| c).ok_or(AppError::NotFound)
}

/// Removes a topic that has not gone out yet.
pub async fn delete(db: &Db, topic_id: i64) -> Result<(), AppError> {
    let gone = sqlx::query("DELETE FROM topics WHERE id = $1 AND sent_at IS NULL")
        .bind(topic_id)
        .execute(db.pool())
        .await?;
    if gone.rows_affected() == 0 {
        return Err(AppError::conflict(crate::tr!(programs.errors.topic_sent)));
    }
    Ok(())
}

pub async fn of_cycle(db: &Db, cycle_id: i64) -> Result<Vec<Topic>, AppError> {
    let rows: Vec<(i64, String, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT id, title, body, send_on, sent_at FROM topics WHERE cycle_id = $1 ORDER BY send_on, id",
    )
    .bind(cycle_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, title, body, send_on, sent_at)| Topic {
            id,
            title,
            body,
            send_on,
            sent_at,
        })
        .collect())
}

/// Claims a topic's delivery for one instance.
pub const CLAIM_DELIVERY: &str = "UPDATE topics SET sent_at = $1 WHERE id = $2 AND sent_at IS NULL";

/// A topic whose day has come, with its program's name for the card.
#[derive(sqlx::FromRow)]
pub struct Due {
    pub id: i64,
    pub cycle_id: i64,
    pub title: String,
    pub body: String,
    pub created_by: i64,
    pub program: String,
}

/// Topics whose day has come and that have not gone out.
pub async fn due_delivery(db: &Db, now: i64) -> Result<Vec<Due>, AppError> {
    Ok(sqlx::query_as(
        "SELECT t.id, t.cycle_id, t.title, t.body, t.created_by, p.name AS program
         FROM topics t JOIN cycles c ON c.id = t.cycle_id JOIN programs p ON p.id = c.program_id
         WHERE t.sent_at IS NULL AND t.send_on <= $1",
    )
    .bind(now)
    .fetch_all(db.pool())
    .await?)
}
