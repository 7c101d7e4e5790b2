//! New requests, by mentees or by coordinators on their behalf.

use super::*;
use crate::notifications::model::Kind;

/// A request as the mentee (or a coordinator on their behalf) makes it.
pub struct NewRequest<'a> {
    pub mentee_id: i64,
    pub mentor_id: i64,
    pub focus: &'a FocusArea,
    pub message: &'a str,
    /// The coordinator proposing this pair; the mentee's open-request cap does
    /// not apply to what a coordinator sends.
    pub assigned_by: Option<i64>,
}

/// Creates a request, or says in words why it cannot be made.
pub async fn request(db: &Db, req: NewRequest<'_>, now: i64) -> Result<i64, AppError> {
    let mut tx = db.pool().begin().await?;
    let id = request_in(&mut tx, req, now).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn request_in(
    tx: &mut AnyConnection,
    req: NewRequest<'_>,
    now: i64,
) -> Result<i64, AppError> {
    if req.mentor_id == req.mentee_id {
        return Err(AppError::form("You cannot ask yourself to be your mentor."));
    }
    // The mentee's row serialises their requests, their acceptances and blocks.
    lock_member(tx, req.mentee_id).await?;
    let (mentor_name, capacity, offers) = mentor_terms(tx, req.mentor_id, &req.focus.slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let focus = &req.focus.label;
    // A block looks like a full mentor: the blocked member learns nothing more.
    if blocked_between(tx, req.mentee_id, req.mentor_id).await?
        || active_mentees(&mut *tx, req.mentor_id).await? >= capacity
    {
        return Err(AppError::form(format!(
            "{mentor_name} is not taking new mentees at the moment."
        )));
    }
    if !offers {
        return Err(AppError::form(format!(
            "{mentor_name} does not offer mentoring in {focus}."
        )));
    }
    if has_mentor_for(tx, req.mentee_id, &req.focus.slug).await? {
        return Err(AppError::form(format!(
            "You already have a mentor for {focus}. End that mentorship before asking someone else."
        )));
    }
    let duplicate: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM mentorships
         WHERE mentor_id = $1 AND mentee_id = $2 AND focus = $3 AND state = 'requested'",
    )
    .bind(req.mentor_id)
    .bind(req.mentee_id)
    .bind(&req.focus.slug)
    .fetch_optional(&mut *tx)
    .await?;
    if duplicate.is_some() {
        return Err(duplicate_request(&mentor_name, focus));
    }
    if req.assigned_by.is_none() {
        let (open,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM mentorships WHERE mentee_id = $1 AND state = 'requested'",
        )
        .bind(req.mentee_id)
        .fetch_one(&mut *tx)
        .await?;
        if open >= MAX_OPEN_REQUESTS {
            return Err(AppError::form(format!(
                "You have {MAX_OPEN_REQUESTS} requests waiting for answers, the most at once. \
                 Withdraw one or wait for an answer first."
            )));
        }
    }
    let cycle_id = cycle_for_pair(
        tx,
        req.mentor_id,
        req.mentee_id,
        req.assigned_by.is_some(),
        now,
    )
    .await?;
    let inserted: Result<(i64,), sqlx::Error> = sqlx::query_as(
        "INSERT INTO mentorships (mentor_id, mentee_id, focus, state, message, assigned_by,
             requested_at, expires_at, cycle_id)
         VALUES ($1, $2, $3, 'requested', $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(req.mentor_id)
    .bind(req.mentee_id)
    .bind(&req.focus.slug)
    .bind(req.message)
    .bind(req.assigned_by)
    .bind(now)
    .bind(now + REQUEST_LIFETIME_MS)
    .bind(cycle_id)
    .fetch_one(&mut *tx)
    .await;
    let id = match inserted {
        Ok((id,)) => id,
        Err(e) if is_unique_violation(&e) => return Err(duplicate_request(&mentor_name, focus)),
        Err(e) => return Err(e.into()),
    };
    let event = Event {
        id,
        actor_id: req.assigned_by.is_none().then_some(req.mentee_id),
        from: None,
        to: State::Requested,
        reason: "",
        note: if req.assigned_by.is_some() {
            "A coordinator suggested this pairing"
        } else {
            ""
        },
        note_private: false,
    };
    record(tx, event, now).await?;
    let r = row(tx, id).await?.ok_or(AppError::Internal)?;
    let text = match req.assigned_by {
        Some(_) => format!(
            "A coordinator suggests you mentor {} in {focus}. Will you?",
            r.mentee_name
        ),
        None => format!("{} asks you to be their mentor in {focus}.", r.mentee_name),
    };
    notify(
        tx,
        Notice {
            user_id: req.mentor_id,
            kind: if req.assigned_by.is_some() {
                Kind::Assigned
            } else {
                Kind::Request
            },
            text,
            link: r.link(),
            email: Some("a new mentorship request".to_owned()),
        },
        now,
    )
    .await?;
    Ok(id)
}

fn duplicate_request(mentor: &str, focus: &str) -> AppError {
    AppError::form(format!(
        "You already asked {mentor} to mentor you in {focus}. Wait for an answer, or withdraw that request."
    ))
}
