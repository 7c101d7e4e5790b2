//! What the scheduled jobs (`crate::jobs`) find due in mentorships and do to
//! each row once it is theirs: remind mentors of waiting requests, expire old ones.

use super::*;
use crate::dates::DAY_MS;
use crate::notifications::model::Kind;

/// Claims a request's reminder for one instance.
pub const CLAIM_REMINDER: &str =
    "UPDATE mentorships SET reminded_at = $1 WHERE id = $2 AND reminded_at IS NULL AND state = 'requested'";

/// Requests at half their lifetime whose mentor has not been reminded.
pub async fn due_reminders(db: &Db, now: i64) -> Result<Vec<Row>, AppError> {
    Ok(sqlx::query_as(&format!(
        "{ROW_SELECT} WHERE m.state = 'requested' AND m.reminded_at IS NULL
             AND m.requested_at <= $1 AND m.expires_at > $2"
    ))
    .bind(now - REQUEST_LIFETIME_MS / 2)
    .bind(now)
    .fetch_all(db.pool())
    .await?)
}

/// Reminds the mentor of a claimed request.
pub async fn remind(tx: &mut AnyConnection, r: &Row, now: i64) -> Result<usize, AppError> {
    let days = ((r.expires_at - now) / DAY_MS).max(1);
    let l = language_of(&mut *tx, r.mentor_id).await?.locale();
    notify(
        tx,
        Notice {
            user_id: r.mentor_id,
            kind: Kind::Reminder,
            text: td_string!(
                l,
                mentorships.notice.reminder,
                mentee = &r.mentee_name,
                focus = &r.focus_label,
                count = days
            )
            .to_string(),
            link: r.link(),
            email: Some(td_string!(l, mentorships.subject.reminder).to_owned()),
        },
        now,
    )
    .await?;
    Ok(1)
}

/// Claims an expired request for one instance: the claim is the change of state.
pub const CLAIM_EXPIRY: &str =
    "UPDATE mentorships SET state = 'expired', closed_at = $1 WHERE id = $2 AND state = 'requested'";

/// Requests past their lifetime.
pub async fn due_expiry(db: &Db, now: i64) -> Result<Vec<Row>, AppError> {
    Ok(sqlx::query_as(&format!(
        "{ROW_SELECT} WHERE m.state = 'requested' AND m.expires_at <= $1"
    ))
    .bind(now)
    .fetch_all(db.pool())
    .await?)
}

/// Records a claimed request's expiry and tells both members.
pub async fn expire(tx: &mut AnyConnection, r: &Row, now: i64) -> Result<usize, AppError> {
    let event = Event {
        id: r.id,
        actor_id: None,
        from: Some(State::Requested),
        to: State::Expired,
        reason: "",
        note: "",
        note_private: false,
    };
    record(tx, event, now).await?;
    for user_id in [r.mentee_id, r.mentor_id] {
        let l = language_of(&mut *tx, user_id).await?.locale();
        let text = if user_id == r.mentee_id {
            td_string!(
                l,
                mentorships.notice.expired_mentee,
                mentor = &r.mentor_name,
                focus = &r.focus_label
            )
            .to_string()
        } else {
            td_string!(
                l,
                mentorships.notice.expired_mentor,
                mentee = &r.mentee_name,
                focus = &r.focus_label
            )
            .to_string()
        };
        notify(
            tx,
            Notice {
                user_id,
                kind: Kind::Expired,
                text,
                link: r.link(),
                email: Some(td_string!(l, mentorships.subject.expired).to_owned()),
            },
            now,
        )
        .await?;
    }
    Ok(1)
}

/// The active pairs of a cycle, in id order (for its topics).
pub async fn active_pairs_of_cycle(
    conn: &mut AnyConnection,
    cycle_id: i64,
) -> Result<Vec<(i64, i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, mentor_id, mentee_id FROM mentorships
         WHERE cycle_id = $1 AND state = 'accepted' ORDER BY id",
    )
    .bind(cycle_id)
    .fetch_all(conn)
    .await
}
