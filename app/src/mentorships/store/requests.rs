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
        return Err(AppError::form(crate::tr!(
            mentorships.errors.cannot_ask_self
        )));
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
        return Err(AppError::form(
            crate::tr!(mentorships.errors.not_taking, name = mentor_name).to_string(),
        ));
    }
    if !offers {
        return Err(AppError::form(
            crate::tr!(
                mentorships.errors.does_not_offer,
                mentor = mentor_name,
                focus = focus
            )
            .to_string(),
        ));
    }
    if has_mentor_for(tx, req.mentee_id, &req.focus.slug).await? {
        return Err(AppError::form(
            crate::tr!(mentorships.errors.have_mentor_end_first, focus = focus).to_string(),
        ));
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
            return Err(AppError::form(
                crate::tr!(mentorships.errors.too_many_open, max = MAX_OPEN_REQUESTS).to_string(),
            ));
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
            NOTE_COORDINATOR_SUGGESTED
        } else {
            ""
        },
        note_private: false,
    };
    record(tx, event, now).await?;
    let r = row(tx, id).await?.ok_or(AppError::Internal)?;
    let l = language_of(&mut *tx, req.mentor_id).await?.locale();
    let text = match req.assigned_by {
        Some(_) => td_string!(
            l,
            mentorships.notice.request_assigned,
            mentee = &r.mentee_name,
            focus = focus
        )
        .to_string(),
        None => td_string!(
            l,
            mentorships.notice.request,
            mentee = &r.mentee_name,
            focus = focus
        )
        .to_string(),
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
            email: Some(td_string!(l, mentorships.subject.new_request).to_owned()),
        },
        now,
    )
    .await?;
    Ok(id)
}

fn duplicate_request(mentor: &str, focus: &str) -> AppError {
    AppError::form(
        crate::tr!(
            mentorships.errors.duplicate_request,
            mentor = mentor,
            focus = focus
        )
        .to_string(),
    )
}
