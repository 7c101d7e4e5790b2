//! A mentorship moving through its states, its agreement, and its end.

use super::*;
use crate::notifications::model::Kind;

/// What the caller wants to happen to a mentorship.
pub struct Change<'a> {
    pub to: State,
    pub reason: Option<DeclineReason>,
    pub note: &'a str,
}

/// Moves a mentorship to `change.to` as `user_id`, if the rules allow it.
pub async fn change_state(
    db: &Db,
    user_id: i64,
    id: i64,
    change: Change<'_>,
    now: i64,
) -> Result<(), AppError> {
    // Look first without a lock to know whose row to lock; re-read after locking.
    let peek = find(db, id).await?;
    let Some(side) = peek.side_of(user_id) else {
        return Err(AppError::forbidden(crate::tr!(
            mentorships.errors.only_pair_change
        )));
    };
    let moves_capacity = matches!(change.to, State::Accepted | State::Completed | State::Ended);
    let mut tx = db.pool().begin().await?;
    if moves_capacity {
        // Version row first, then the member: the order profile saves take too.
        lock_for_capacity(&mut tx, peek.mentor_id).await?;
        lock_member(&mut tx, peek.mentee_id).await?;
    } else {
        lock_member(&mut tx, peek.mentee_id).await?;
    }
    let r = row(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let from = r.state;
    let actor = match side {
        Side::Mentor => Actor::Mentor,
        Side::Mentee => Actor::Mentee,
    };
    if !allowed(from, change.to, actor) {
        let message = refusal(from, change.to, actor);
        // The wrong member is refused; the right member at the wrong time is told what happened.
        return Err(if allowed(from, change.to, other(actor)) {
            AppError::forbidden(message)
        } else {
            AppError::conflict(message)
        });
    }
    if change.to == State::Accepted {
        check_accept(&mut tx, &r).await?;
    }
    // Completion by a member is mutual: the other one asked first.
    if change.to == State::Completed && r.close_asked_by != Some(r.other(side).0) {
        return Err(AppError::conflict(crate::tr!(
            mentorships.errors.completion_mutual
        )));
    }
    let updated = sqlx::query(
        "UPDATE mentorships SET state = $1,
             accepted_at = CASE WHEN $1 = 'accepted' THEN $2 ELSE accepted_at END,
             closed_at = CASE WHEN $1 = 'accepted' THEN closed_at ELSE $2 END
         WHERE id = $3 AND state = $4",
    )
    .bind(change.to)
    .bind(now)
    .bind(id)
    .bind(from)
    .execute(&mut *tx)
    .await;
    match updated {
        Ok(done) if done.rows_affected() == 1 => {}
        Ok(_) => {
            return Err(AppError::conflict(crate::tr!(
                mentorships.errors.changed_meanwhile
            )))
        }
        Err(e) if is_unique_violation(&e) => return Err(mentee_has_mentor(&r)),
        Err(e) => return Err(e.into()),
    }
    let event = Event {
        id,
        actor_id: Some(user_id),
        from: Some(from),
        to: change.to,
        reason: change.reason.map(DeclineReason::slug).unwrap_or_default(),
        note: change.note,
        note_private: change.to == State::Ended && r.cycle_id.is_some(),
    };
    record(&mut tx, event, now).await?;
    announce(&mut tx, &r, side, &change, now).await?;
    if change.to == State::Accepted {
        withdraw_other_requests(&mut tx, &r, now).await?;
        // Nor does the mentee wait for a coordinator for this focus any more.
        sqlx::query(
            "UPDATE assignment_requests SET state = 'cancelled', decided_at = $1
             WHERE mentee_id = $2 AND focus = $3 AND state = 'open'",
        )
        .bind(now)
        .bind(r.mentee_id)
        .bind(&r.focus)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

fn other(actor: Actor) -> Actor {
    match actor {
        Actor::Mentor => Actor::Mentee,
        Actor::Mentee => Actor::Mentor,
        Actor::System => Actor::System,
    }
}

/// The checks an acceptance needs beyond the state machine, made under the lock.
async fn check_accept(tx: &mut AnyConnection, r: &Row) -> Result<(), AppError> {
    if blocked_between(tx, r.mentor_id, r.mentee_id).await? {
        return Err(AppError::forbidden(crate::tr!(
            mentorships.errors.cannot_accept_member
        )));
    }
    let (capacity,): (i64,) =
        sqlx::query_as("SELECT COALESCE(MAX(capacity), 0) FROM profiles WHERE user_id = $1")
            .bind(r.mentor_id)
            .fetch_one(&mut *tx)
            .await?;
    if active_mentees(&mut *tx, r.mentor_id).await? >= capacity {
        return Err(AppError::conflict(
            crate::tr!(mentorships.errors.at_capacity, count = capacity).to_string(),
        ));
    }
    if has_mentor_for(tx, r.mentee_id, &r.focus).await? {
        return Err(mentee_has_mentor(r));
    }
    Ok(())
}

fn mentee_has_mentor(r: &Row) -> AppError {
    AppError::conflict(
        crate::tr!(
            mentorships.errors.mentee_has_mentor,
            mentee = &r.mentee_name,
            focus = &r.focus_label
        )
        .to_string(),
    )
}

/// Tells the other member what happened.
async fn announce(
    tx: &mut AnyConnection,
    r: &Row,
    side: Side,
    change: &Change<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    let (other_id, _) = r.other(side);
    let me = r.name_of(side);
    let focus = &r.focus_label;
    let lang = language_of(&mut *tx, other_id).await?;
    let l = lang.locale();
    let (kind, text, subject) = match change.to {
        State::Accepted => (
            Kind::Accepted,
            td_string!(l, mentorships.notice.accepted, name = me, focus = focus).to_string(),
            td_string!(l, mentorships.subject.accepted),
        ),
        State::Declined => (
            Kind::Declined,
            td_string!(
                l,
                mentorships.notice.declined,
                name = me,
                focus = focus,
                reason = change.reason.unwrap_or(DeclineReason::Other).label_in(lang)
            )
            .to_string(),
            td_string!(l, mentorships.subject.declined),
        ),
        State::Withdrawn => (
            Kind::Withdrawn,
            td_string!(l, mentorships.notice.withdrawn, name = me, focus = focus).to_string(),
            td_string!(l, mentorships.subject.withdrawn),
        ),
        State::Completed => (
            Kind::Completed,
            td_string!(l, mentorships.notice.completed, name = me, focus = focus).to_string(),
            td_string!(l, mentorships.subject.completed),
        ),
        _ => (
            Kind::Ended,
            td_string!(l, mentorships.notice.ended, name = me, focus = focus).to_string(),
            td_string!(l, mentorships.subject.ended),
        ),
    };
    notify(
        tx,
        Notice {
            user_id: other_id,
            kind,
            text,
            link: r.link(),
            email: Some(subject.to_owned()),
        },
        now,
    )
    .await
}

/// After an acceptance: the mentee's other open requests for the same focus
/// are withdrawn by Carrel, and their mentors are told.
async fn withdraw_other_requests(
    tx: &mut AnyConnection,
    accepted: &Row,
    now: i64,
) -> Result<(), sqlx::Error> {
    let others: Vec<Row> = sqlx::query_as(&format!(
        "{ROW_SELECT} WHERE m.mentee_id = $1 AND m.focus = $2 AND m.state = 'requested' AND m.id <> $3"
    ))
    .bind(accepted.mentee_id)
    .bind(&accepted.focus)
    .bind(accepted.id)
    .fetch_all(&mut *tx)
    .await?;
    for o in others {
        sqlx::query(
            "UPDATE mentorships SET state = 'withdrawn', closed_at = $1 WHERE id = $2 AND state = 'requested'",
        )
        .bind(now)
        .bind(o.id)
        .execute(&mut *tx)
        .await?;
        let event = Event {
            id: o.id,
            actor_id: None,
            from: Some(State::Requested),
            to: State::Withdrawn,
            reason: "",
            note: NOTE_FOUND_MENTOR,
            note_private: false,
        };
        record(tx, event, now).await?;
        let l = language_of(&mut *tx, o.mentor_id).await?.locale();
        notify(
            tx,
            Notice {
                user_id: o.mentor_id,
                kind: Kind::Withdrawn,
                text: td_string!(
                    l,
                    mentorships.notice.found_mentor,
                    mentee = &o.mentee_name,
                    focus = &o.focus_label
                )
                .to_string(),
                link: o.link(),
                email: Some(td_string!(l, mentorships.subject.withdrawn).to_owned()),
            },
            now,
        )
        .await?;
    }
    Ok(())
}

/// Mutual close: the first member asks, the other confirms, and the
/// mentorship is complete.
pub async fn ask_to_complete(db: &Db, user_id: i64, id: i64, now: i64) -> Result<(), AppError> {
    let peek = find(db, id).await?;
    let Some(side) = peek.side_of(user_id) else {
        return Err(AppError::forbidden(crate::tr!(
            mentorships.errors.only_pair_close
        )));
    };
    let mut tx = db.pool().begin().await?;
    lock_member(&mut tx, peek.mentee_id).await?;
    let r = row(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if r.state != State::Accepted {
        return Err(AppError::conflict(refusal(
            r.state,
            State::Completed,
            Actor::Mentor,
        )));
    }
    match r.close_asked_by {
        Some(asker) if asker == user_id => Err(AppError::conflict(
            crate::tr!(
                mentorships.errors.already_asked_close,
                name = r.other(side).1
            )
            .to_string(),
        )),
        Some(_) => {
            tx.rollback().await?;
            change_state(
                db,
                user_id,
                id,
                Change {
                    to: State::Completed,
                    reason: None,
                    note: "",
                },
                now,
            )
            .await
        }
        None => {
            let asked = sqlx::query(
                "UPDATE mentorships SET close_asked_by = $1
                 WHERE id = $2 AND state = 'accepted' AND close_asked_by IS NULL",
            )
            .bind(user_id)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            if asked.rows_affected() == 0 {
                return Err(AppError::conflict(crate::tr!(
                    mentorships.errors.changed_meanwhile
                )));
            }
            let me = r.name_of(side);
            let l = language_of(&mut *tx, r.other(side).0).await?.locale();
            notify(
                &mut tx,
                Notice {
                    user_id: r.other(side).0,
                    kind: Kind::CloseAsked,
                    text: td_string!(
                        l,
                        mentorships.notice.close_asked,
                        name = me,
                        focus = &r.focus_label
                    )
                    .to_string(),
                    link: r.link(),
                    email: Some(td_string!(l, mentorships.subject.close_asked).to_owned()),
                },
                now,
            )
            .await?;
            tx.commit().await?;
            Ok(())
        }
    }
}

/// Saves the pair's agreement; either member may, while the mentorship is active.
pub async fn save_agreement(
    db: &Db,
    user_id: i64,
    id: i64,
    a: &Agreement,
    now: i64,
) -> Result<(), AppError> {
    let r = find(db, id).await?;
    let Some(side) = r.side_of(user_id) else {
        return Err(AppError::forbidden(crate::tr!(
            mentorships.errors.only_pair_agreement
        )));
    };
    let mut tx = db.pool().begin().await?;
    let done = sqlx::query(
        "UPDATE mentorships SET channel = $1, frequency = $2, reply_within = $3,
             hours_per_month = $4, notes = $5, agreement_at = $6
         WHERE id = $7 AND state = 'accepted'",
    )
    .bind(a.channel)
    .bind(a.frequency)
    .bind(a.reply_within)
    .bind(a.hours_per_month)
    .bind(&a.notes)
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::conflict(crate::tr!(
            mentorships.errors.agreement_only_active
        )));
    }
    let me = r.name_of(side);
    let l = language_of(&mut *tx, r.other(side).0).await?.locale();
    notify(
        &mut tx,
        Notice {
            user_id: r.other(side).0,
            kind: Kind::Agreement,
            text: td_string!(
                l,
                mentorships.notice.agreement,
                name = me,
                focus = &r.focus_label
            )
            .to_string(),
            link: r.link(),
            email: None,
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Completes the active mentorships of a cycle that has ended, except those
/// the pair extended; `cycle_label` names it in the notices. Returns how many.
pub async fn complete_for_cycle(
    tx: &mut AnyConnection,
    cycle_id: i64,
    cycle_label: &str,
    now: i64,
) -> Result<usize, AppError> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{ROW_SELECT} WHERE m.cycle_id = $1 AND m.state = 'accepted' AND m.extended_at IS NULL"
    ))
    .bind(cycle_id)
    .fetch_all(&mut *tx)
    .await?;
    for r in &rows {
        lock_for_capacity(tx, r.mentor_id).await?;
        sqlx::query("UPDATE mentorships SET state = 'completed', closed_at = $1 WHERE id = $2")
            .bind(now)
            .bind(r.id)
            .execute(&mut *tx)
            .await?;
        let event = Event {
            id: r.id,
            actor_id: None,
            from: Some(State::Accepted),
            to: State::Completed,
            reason: "",
            note: NOTE_CYCLE_ENDED,
            note_private: false,
        };
        record(tx, event, now).await?;
        for (user_id, other) in [(r.mentor_id, &r.mentee_name), (r.mentee_id, &r.mentor_name)] {
            let l = language_of(&mut *tx, user_id).await?.locale();
            notify(
                tx,
                Notice {
                    user_id,
                    kind: Kind::CycleCompleted,
                    text: td_string!(
                        l,
                        mentorships.notice.cycle_completed,
                        cycle = cycle_label,
                        name = other,
                        focus = &r.focus_label
                    )
                    .to_string(),
                    link: r.link(),
                    email: Some(td_string!(l, mentorships.subject.cycle_ended).to_owned()),
                },
                now,
            )
            .await?;
        }
    }
    Ok(rows.len())
}

/// Keeps a program mentorship going after its cycle ends; either member may
/// decide it, and the other is told.
pub async fn extend(db: &Db, user_id: i64, id: i64, now: i64) -> Result<(), AppError> {
    let peek = find(db, id).await?;
    let Some(side) = peek.side_of(user_id) else {
        return Err(AppError::forbidden(crate::tr!(
            mentorships.errors.only_pair_extend
        )));
    };
    if peek.cycle_id.is_none() {
        return Err(AppError::conflict(crate::tr!(
            mentorships.errors.not_in_cycle
        )));
    }
    let mut tx = db.pool().begin().await?;
    let changed = sqlx::query(
        "UPDATE mentorships SET extended_at = $1
         WHERE id = $2 AND state = 'accepted' AND extended_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if changed.rows_affected() == 0 {
        return Err(AppError::conflict(crate::tr!(
            mentorships.errors.already_extended
        )));
    }
    let r = row(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let l = language_of(&mut *tx, r.other(side).0).await?.locale();
    notify(
        &mut tx,
        Notice {
            user_id: r.other(side).0,
            kind: Kind::Extended,
            text: td_string!(
                l,
                mentorships.notice.extended,
                name = r.name_of(side),
                focus = &r.focus_label
            )
            .to_string(),
            link: r.link(),
            email: None,
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// After a block: the blocker withdraws or declines open requests between the
/// two and ends active mentorships, each through the ordinary rules so the
/// history says what happened.
pub async fn close_between(db: &Db, blocker: i64, blocked: i64, now: i64) -> Result<(), AppError> {
    let open: Vec<(i64, i64, State)> = sqlx::query_as(
        "SELECT id, mentor_id, state FROM mentorships
         WHERE ((mentor_id = $1 AND mentee_id = $2) OR (mentor_id = $2 AND mentee_id = $1))
           AND state IN ('requested', 'accepted')",
    )
    .bind(blocker)
    .bind(blocked)
    .fetch_all(db.pool())
    .await?;
    close(db, blocker, open, now).await
}

/// Before an account is deleted: its member closes every open request and
/// active mentorship of theirs, so the other members are told.
pub async fn close_all(db: &Db, leaver: i64, now: i64) -> Result<(), AppError> {
    let open: Vec<(i64, i64, State)> = sqlx::query_as(
        "SELECT id, mentor_id, state FROM mentorships
         WHERE (mentor_id = $1 OR mentee_id = $1) AND state IN ('requested', 'accepted')",
    )
    .bind(leaver)
    .fetch_all(db.pool())
    .await?;
    close(db, leaver, open, now).await
}

/// `actor` closes each of `open` (id, mentor, state) the way its side closes it.
async fn close(
    db: &Db,
    actor: i64,
    open: Vec<(i64, i64, State)>,
    now: i64,
) -> Result<(), AppError> {
    for (id, mentor_id, state) in open {
        let side = if mentor_id == actor {
            Side::Mentor
        } else {
            Side::Mentee
        };
        let (to, reason) = match (state, side) {
            (State::Requested, Side::Mentee) => (State::Withdrawn, None),
            (State::Requested, Side::Mentor) => (State::Declined, Some(DeclineReason::Other)),
            _ => (State::Ended, None),
        };
        let change = Change {
            to,
            reason,
            note: "",
        };
        match change_state(db, actor, id, change, now).await {
            // Someone else moved it meanwhile: it is closed either way.
            Ok(()) | Err(AppError::Conflict(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}
