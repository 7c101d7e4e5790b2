//! Discussion topics: coordinators schedule them per cycle, and on the day a
//! job posts each as a card into every active pair's thread of the cycle and
//! emails both members.

use super::model::{topic_card, NewTopic, Topic};
use crate::{
    db::Db,
    error::AppError,
    mentorships::store::lock_member,
    messages::{
        hub::{Hub, Rings},
        store::post_topic,
    },
    notifications::store::queue_email,
};

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
        return Err(AppError::conflict(
            "That topic has already gone out to the pairs, so it stays.",
        ));
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

/// Posts every topic whose day has come: a card in each active pair's thread
/// of its cycle and an email to both members. Each topic goes out in one
/// transaction that first claims it, so several instances post it once.
/// Returns how many threads got a topic.
pub async fn send_due(db: &Db, hub: &Hub, now: i64) -> Result<usize, AppError> {
    #[derive(sqlx::FromRow)]
    struct Due {
        id: i64,
        cycle_id: i64,
        title: String,
        body: String,
        created_by: i64,
        program: String,
    }
    let due: Vec<Due> = sqlx::query_as(
        "SELECT t.id, t.cycle_id, t.title, t.body, t.created_by, p.name AS program
         FROM topics t JOIN cycles c ON c.id = t.cycle_id JOIN programs p ON p.id = c.program_id
         WHERE t.sent_at IS NULL AND t.send_on <= $1",
    )
    .bind(now)
    .fetch_all(db.pool())
    .await?;
    let mut posted = 0;
    for t in due {
        let mut tx = db.pool().begin().await?;
        let claimed =
            sqlx::query("UPDATE topics SET sent_at = $1 WHERE id = $2 AND sent_at IS NULL")
                .bind(now)
                .bind(t.id)
                .execute(&mut *tx)
                .await?;
        if claimed.rows_affected() == 0 {
            continue;
        }
        let pairs: Vec<(i64, i64, i64)> = sqlx::query_as(
            "SELECT id, mentor_id, mentee_id FROM mentorships
             WHERE cycle_id = $1 AND state = 'accepted' ORDER BY id",
        )
        .bind(t.cycle_id)
        .fetch_all(&mut *tx)
        .await?;
        // Every member's row, in one order: their messages commit in id order.
        let mut members: Vec<i64> = pairs.iter().flat_map(|p| [p.1, p.2]).collect();
        members.sort_unstable();
        members.dedup();
        for m in &members {
            lock_member(&mut tx, *m).await?;
        }
        let card = topic_card(&t.program, &t.title, &t.body);
        let mut rings = Rings::default();
        for (mentorship_id, mentor_id, mentee_id) in pairs {
            if post_topic(
                &mut tx,
                mentorship_id,
                t.id,
                t.created_by,
                &card,
                now,
                &mut rings,
            )
            .await?
            {
                posted += 1;
                for user_id in [mentor_id, mentee_id] {
                    queue_email(
                        &mut tx,
                        user_id,
                        &format!("This month's topic: {}", t.title),
                        &format!(
                            "{}\n\n{}\n\nTalk it over with your mentoring partner in Carrel; the topic is in your thread.",
                            t.title, t.body
                        ),
                        &format!("/mentorships/{mentorship_id}#thread"),
                        now,
                    )
                    .await?;
                }
            }
        }
        hub.ring_in(&mut tx, &rings).await?;
        tx.commit().await?;
        hub.rang(rings);
    }
    Ok(posted)
}
