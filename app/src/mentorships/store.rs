//! Mentorships in the database. Every change runs in one transaction that
//! first takes a write lock, then checks the rules, then writes the new state,
//! its history entry and the notifications: so capacity and one-mentor-per-focus
//! hold however many requests arrive at once, on SQLite and PostgreSQL alike.

use super::model::*;
use crate::{
    db::{is_unique_violation, Db},
    error::AppError,
    notifications::store::{notify, Notice},
    profiles::{
        model::{FocusArea, ReplyTime},
        store::{bump_version, load_profile},
    },
    programs::store::cycle_for_pair,
};
use sqlx::AnyConnection;

/// A mentorship row with the pair's names and the focus area's label.
#[derive(sqlx::FromRow, Clone)]
pub struct Row {
    pub id: i64,
    pub mentor_id: i64,
    pub mentee_id: i64,
    pub focus: String,
    pub focus_label: String,
    pub cycle_id: Option<i64>,
    pub state: String,
    pub message: String,
    pub assigned_by: Option<i64>,
    pub requested_at: i64,
    pub expires_at: i64,
    pub close_asked_by: Option<i64>,
    pub channel: String,
    pub frequency: String,
    pub reply_within: String,
    pub hours_per_month: i64,
    pub notes: String,
    pub agreement_at: Option<i64>,
    pub mentor_name: String,
    pub mentee_name: String,
}

const ROW_SELECT: &str = "SELECT m.id, m.mentor_id, m.mentee_id, m.focus, f.label AS focus_label,
        m.cycle_id, m.state, m.message, m.assigned_by, m.requested_at, m.expires_at,
        m.close_asked_by, m.channel, m.frequency, m.reply_within, m.hours_per_month, m.notes,
        m.agreement_at, r.display_name AS mentor_name, e.display_name AS mentee_name
    FROM mentorships m
    JOIN focus_areas f ON f.slug = m.focus
    JOIN users r ON r.id = m.mentor_id
    JOIN users e ON e.id = m.mentee_id";

impl Row {
    pub fn state(&self) -> State {
        State::from_slug(&self.state).unwrap_or(State::Ended)
    }

    /// The caller's side of this mentorship, if they are one of the pair.
    pub fn side_of(&self, user_id: i64) -> Option<Side> {
        if user_id == self.mentor_id {
            Some(Side::Mentor)
        } else if user_id == self.mentee_id {
            Some(Side::Mentee)
        } else {
            None
        }
    }

    /// The name of the member on `side`.
    fn name_of(&self, side: Side) -> &str {
        match side {
            Side::Mentor => &self.mentor_name,
            Side::Mentee => &self.mentee_name,
        }
    }

    fn other(&self, side: Side) -> (i64, &str) {
        match side {
            Side::Mentor => (self.mentee_id, &self.mentee_name),
            Side::Mentee => (self.mentor_id, &self.mentor_name),
        }
    }

    pub fn summary(&self, side: Side) -> MentorshipSummary {
        let (other_id, other_name) = self.other(side);
        MentorshipSummary {
            id: self.id,
            side,
            other_id,
            other_name: other_name.to_owned(),
            focus: self.focus.clone(),
            focus_label: self.focus_label.clone(),
            state: self.state(),
            requested_at: self.requested_at,
            expires_at: self.expires_at,
            assigned: self.assigned_by.is_some(),
        }
    }

    fn agreement(&self) -> Agreement {
        let d = Agreement::default();
        Agreement {
            channel: Channel::from_slug(&self.channel).unwrap_or(d.channel),
            frequency: Frequency::from_slug(&self.frequency).unwrap_or(d.frequency),
            reply_within: ReplyTime::from_slug(&self.reply_within).unwrap_or(d.reply_within),
            hours_per_month: self.hours_per_month,
            notes: self.notes.clone(),
        }
    }

    fn link(&self) -> String {
        format!("/mentorships/{}", self.id)
    }
}

/// Reads a mentorship outside any transaction. SQLite transactions must write
/// before they read (a read-then-write transaction fails instead of waiting
/// when another writer got in between), so changes look here first, then lock.
async fn find(db: &Db, id: i64) -> Result<Row, AppError> {
    let mut conn = db.pool().acquire().await?;
    row(&mut conn, id).await?.ok_or(AppError::NotFound)
}

async fn row(conn: &mut AnyConnection, id: i64) -> Result<Option<Row>, sqlx::Error> {
    sqlx::query_as(&format!("{ROW_SELECT} WHERE m.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// Serialises every change that can move capacity or one-mentor-per-focus: on
/// SQLite the first write takes the database's write lock, on PostgreSQL the
/// directory's version row is locked until commit. It also tells every
/// instance's directory to reload the mentor (their free places changed).
async fn lock_for_capacity(conn: &mut AnyConnection, mentor_id: i64) -> Result<(), sqlx::Error> {
    let version = bump_version(conn).await?;
    sqlx::query("UPDATE profiles SET version = $1 WHERE user_id = $2")
        .bind(version)
        .bind(mentor_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A listed mentor's name, capacity and whether they offer `focus`, read
/// through the transaction's own connection: a transaction holding a lock
/// must never wait for a second connection from the pool.
async fn mentor_terms(
    conn: &mut AnyConnection,
    mentor_id: i64,
    focus: &str,
) -> Result<Option<(String, i64, bool)>, sqlx::Error> {
    let row: Option<(String, i64, i64)> = sqlx::query_as(
        "SELECT u.display_name, p.capacity,
                (SELECT COUNT(*) FROM profile_tags t
                 WHERE t.user_id = p.user_id AND t.kind = 'focus_offered' AND t.value = $2)
         FROM profiles p JOIN users u ON u.id = p.user_id
         WHERE p.user_id = $1 AND p.open_to_mentoring = 1",
    )
    .bind(mentor_id)
    .bind(focus)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(name, capacity, offers)| (name, capacity, offers > 0)))
}

/// Locks one member's row: their requests, acceptances and blocks are
/// checked one at a time.
pub async fn lock_member(conn: &mut AnyConnection, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET last_seen_at = last_seen_at WHERE id = $1")
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// One entry of a mentorship's history.
struct Event<'a> {
    id: i64,
    /// None: Carrel itself.
    actor_id: Option<i64>,
    from: Option<State>,
    to: State,
    reason: &'a str,
    note: &'a str,
    note_private: bool,
}

async fn record(conn: &mut AnyConnection, e: Event<'_>, now: i64) -> Result<(), sqlx::Error> {
    let Event {
        id,
        actor_id,
        from,
        to,
        reason,
        note,
        note_private,
    } = e;
    sqlx::query(
        "INSERT INTO mentorship_events
             (mentorship_id, actor_id, from_state, to_state, reason, note, note_private, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(actor_id)
    .bind(from.map(State::slug))
    .bind(to.slug())
    .bind(reason)
    .bind(note)
    .bind(i64::from(note_private))
    .bind(now)
    .execute(conn)
    .await?;
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

/// The two members of a mentorship, for what only they share: its thread,
/// meetings and goals.
pub struct Pair {
    pub id: i64,
    pub mentor_id: i64,
    pub mentee_id: i64,
    pub mentor_name: String,
    pub mentee_name: String,
    pub focus_label: String,
    pub state: State,
}

impl Pair {
    pub fn other(&self, user_id: i64) -> i64 {
        if user_id == self.mentor_id {
            self.mentee_id
        } else {
            self.mentor_id
        }
    }

    pub fn name_of(&self, user_id: i64) -> &str {
        if user_id == self.mentor_id {
            &self.mentor_name
        } else {
            &self.mentee_name
        }
    }

    /// The mentor accepted at some point, so the pair has a shared space.
    pub fn opened(&self) -> bool {
        matches!(
            self.state,
            State::Accepted | State::Completed | State::Ended
        )
    }
}

/// The pair of mentorship `id` when `user_id` is one of its two members.
/// Anyone else, administrators and coordinators included, is refused with
/// `private`.
pub async fn pair_for_member(
    conn: &mut AnyConnection,
    user_id: i64,
    id: i64,
    private: &str,
) -> Result<Pair, AppError> {
    let row: Option<(i64, i64, String, String, String, String)> = sqlx::query_as(
        "SELECT m.mentor_id, m.mentee_id, a.display_name, b.display_name, f.label, m.state
         FROM mentorships m
         JOIN users a ON a.id = m.mentor_id
         JOIN users b ON b.id = m.mentee_id
         JOIN focus_areas f ON f.slug = m.focus
         WHERE m.id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    let (mentor_id, mentee_id, mentor_name, mentee_name, focus_label, state) =
        row.ok_or(AppError::NotFound)?;
    if user_id != mentor_id && user_id != mentee_id {
        return Err(AppError::forbidden(private));
    }
    Ok(Pair {
        id,
        mentor_id,
        mentee_id,
        mentor_name,
        mentee_name,
        focus_label,
        state: State::from_slug(&state).ok_or(AppError::NotFound)?,
    })
}

async fn active_count(conn: &mut AnyConnection, mentor_id: i64) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM mentorships WHERE mentor_id = $1 AND state = 'accepted'",
    )
    .bind(mentor_id)
    .fetch_one(conn)
    .await?;
    Ok(n)
}

async fn has_mentor_for(
    conn: &mut AnyConnection,
    mentee_id: i64,
    focus: &str,
) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM mentorships WHERE mentee_id = $1 AND focus = $2 AND state = 'accepted'",
    )
    .bind(mentee_id)
    .bind(focus)
    .fetch_optional(conn)
    .await?;
    Ok(row.is_some())
}

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

pub(super) async fn request_in(
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
        || active_count(tx, req.mentor_id).await? >= capacity
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
                "assigned"
            } else {
                "request"
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
        return Err(AppError::forbidden(
            "Only the two members of a mentorship can change it.",
        ));
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
    let from = r.state();
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
        return Err(AppError::conflict(
            "Closing as completed needs both of you: ask, and the other confirms.",
        ));
    }
    let updated = sqlx::query(
        "UPDATE mentorships SET state = $1,
             accepted_at = CASE WHEN $1 = 'accepted' THEN $2 ELSE accepted_at END,
             closed_at = CASE WHEN $1 = 'accepted' THEN closed_at ELSE $2 END
         WHERE id = $3 AND state = $4",
    )
    .bind(change.to.slug())
    .bind(now)
    .bind(id)
    .bind(from.slug())
    .execute(&mut *tx)
    .await;
    match updated {
        Ok(done) if done.rows_affected() == 1 => {}
        Ok(_) => {
            return Err(AppError::conflict(
                "This mentorship changed meanwhile. Reload to see it.",
            ))
        }
        Err(e) if is_unique_violation(&e) => {
            return Err(AppError::conflict(format!(
                "{} already has a mentor for {}.",
                r.mentee_name, r.focus_label
            )))
        }
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
        return Err(AppError::forbidden(
            "You cannot accept a request from this member.",
        ));
    }
    let (capacity,): (i64,) =
        sqlx::query_as("SELECT COALESCE(MAX(capacity), 0) FROM profiles WHERE user_id = $1")
            .bind(r.mentor_id)
            .fetch_one(&mut *tx)
            .await?;
    if active_count(tx, r.mentor_id).await? >= capacity {
        return Err(AppError::conflict(format!(
            "You are mentoring {capacity} people, your capacity. Raise it on your profile, \
             or close a mentorship, to accept another."
        )));
    }
    if has_mentor_for(tx, r.mentee_id, &r.focus).await? {
        return Err(AppError::conflict(format!(
            "{} already has a mentor for {}.",
            r.mentee_name, r.focus_label
        )));
    }
    Ok(())
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
    let (kind, text, subject) = match change.to {
        State::Accepted => (
            "accepted",
            format!("{me} accepted your request for mentoring in {focus}."),
            "your request was accepted",
        ),
        State::Declined => (
            "declined",
            format!(
                "{me} declined your request for mentoring in {focus}: {}.",
                change.reason.unwrap_or(DeclineReason::Other).label()
            ),
            "your request was declined",
        ),
        State::Withdrawn => (
            "withdrawn",
            format!("{me} withdrew their request for mentoring in {focus}."),
            "a request was withdrawn",
        ),
        State::Completed => (
            "completed",
            format!("Your mentorship with {me} in {focus} is complete. Thank you!"),
            "a mentorship is complete",
        ),
        _ => (
            "ended",
            format!("{me} ended your mentorship in {focus}."),
            "a mentorship ended",
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
            note: "Found a mentor for this focus",
            note_private: false,
        };
        record(tx, event, now).await?;
        notify(
            tx,
            Notice {
                user_id: o.mentor_id,
                kind: "withdrawn",
                text: format!(
                    "{} found a mentor for {} and withdrew their request to you. Thank you for considering it.",
                    o.mentee_name, o.focus_label
                ),
                link: o.link(),
                email: Some("a request was withdrawn".to_owned()),
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
        return Err(AppError::forbidden(
            "Only the two members of a mentorship can close it.",
        ));
    };
    let mut tx = db.pool().begin().await?;
    lock_member(&mut tx, peek.mentee_id).await?;
    let r = row(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if r.state() != State::Accepted {
        return Err(AppError::conflict(refusal(
            r.state(),
            State::Completed,
            Actor::Mentor,
        )));
    }
    match r.close_asked_by {
        Some(asker) if asker == user_id => Err(AppError::conflict(format!(
            "You already asked to close this mentorship; {} has not confirmed yet.",
            r.other(side).1
        ))),
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
                return Err(AppError::conflict(
                    "This mentorship changed meanwhile. Reload to see it.",
                ));
            }
            let me = r.name_of(side);
            notify(
                &mut tx,
                Notice {
                    user_id: r.other(side).0,
                    kind: "close_asked",
                    text: format!(
                        "{me} suggests closing your mentorship in {} as completed. Confirm it on the mentorship's page.",
                        r.focus_label
                    ),
                    link: r.link(),
                    email: Some("closing a mentorship".to_owned()),
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
        return Err(AppError::forbidden(
            "Only the two members of a mentorship can change its agreement.",
        ));
    };
    let mut tx = db.pool().begin().await?;
    let done = sqlx::query(
        "UPDATE mentorships SET channel = $1, frequency = $2, reply_within = $3,
             hours_per_month = $4, notes = $5, agreement_at = $6
         WHERE id = $7 AND state = 'accepted'",
    )
    .bind(a.channel.slug())
    .bind(a.frequency.slug())
    .bind(a.reply_within.slug())
    .bind(a.hours_per_month)
    .bind(&a.notes)
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::conflict(
            "The agreement can be changed only while the mentorship is active.",
        ));
    }
    let me = r.name_of(side);
    notify(
        &mut tx,
        Notice {
            user_id: r.other(side).0,
            kind: "agreement",
            text: format!("{me} updated your agreement for {}.", r.focus_label),
            link: r.link(),
            email: None,
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Everything of the member's, grouped for `/mentorships`.
pub async fn mine(db: &Db, user_id: i64) -> Result<MyMentorships, AppError> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{ROW_SELECT} WHERE m.mentor_id = $1 OR m.mentee_id = $1
         ORDER BY f.position, m.requested_at DESC, m.id DESC"
    ))
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    let mut out = MyMentorships {
        capacity: load_profile(db, user_id).await?.map_or(0, |p| p.capacity),
        ..Default::default()
    };
    for r in rows {
        let Some(side) = r.side_of(user_id) else {
            continue;
        };
        let s = r.summary(side);
        match (r.state(), side) {
            (State::Accepted, Side::Mentee) => out.mentors.push(s),
            (State::Accepted, Side::Mentor) => out.mentees.push(s),
            (State::Requested, Side::Mentee) => out.sent.push(s),
            (State::Requested, Side::Mentor) => out.received.push(s),
            _ => out.past.push(s),
        }
    }
    out.past.sort_by_key(|s| std::cmp::Reverse(s.requested_at));
    let waiting: Vec<(String, String)> = sqlx::query_as(
        "SELECT a.focus, f.label FROM assignment_requests a JOIN focus_areas f ON f.slug = a.focus
         WHERE a.mentee_id = $1 AND a.state = 'open' ORDER BY f.position",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    out.waiting_assignment = waiting;
    Ok(out)
}

/// One mentorship for one of its pair; anyone else is refused.
pub async fn detail(db: &Db, user_id: i64, id: i64) -> Result<MentorshipDetail, AppError> {
    let r = find(db, id).await?;
    let Some(side) = r.side_of(user_id) else {
        return Err(AppError::forbidden(
            "A mentorship is private to its mentor and mentee.",
        ));
    };
    #[derive(sqlx::FromRow)]
    struct EventRow {
        at: i64,
        actor_name: Option<String>,
        from_state: Option<String>,
        to_state: String,
        reason: String,
        note: String,
        note_private: i64,
        actor_id: Option<i64>,
    }
    let events: Vec<EventRow> = sqlx::query_as(
        "SELECT e.at, u.display_name AS actor_name, e.from_state, e.to_state, e.reason, e.note,
                e.note_private, e.actor_id
         FROM mentorship_events e LEFT JOIN users u ON u.id = e.actor_id
         WHERE e.mentorship_id = $1 ORDER BY e.id",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    let history = events
        .into_iter()
        .map(|e| HistoryEntry {
            at: e.at,
            actor: e.actor_name.unwrap_or_else(|| "Carrel".to_owned()),
            from: e.from_state.as_deref().and_then(State::from_slug),
            to: State::from_slug(&e.to_state).unwrap_or(State::Ended),
            reason: DeclineReason::from_slug(&e.reason).map(|r| r.label().to_owned()),
            // A private note (ending a program mentorship) is for coordinators
            // and its author, not the other member.
            note: if e.note_private != 0 && e.actor_id != Some(user_id) {
                String::new()
            } else {
                e.note
            },
        })
        .collect();
    Ok(MentorshipDetail {
        summary: r.summary(side),
        message: r.message.clone(),
        agreement: r.agreement(),
        agreement_at: r.agreement_at,
        close_asked: r.close_asked_by.and_then(|u| r.side_of(u)),
        history,
        program: program_link(db, id, side == Side::Mentor).await?,
    })
}

async fn program_link(db: &Db, id: i64, mentor: bool) -> Result<Option<ProgramLink>, AppError> {
    let row: Option<(String, String, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT p.name, p.slug, c.name, c.ends_on, m.extended_at
         FROM mentorships m JOIN cycles c ON c.id = m.cycle_id JOIN programs p ON p.id = c.program_id
         WHERE m.id = $1",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    let Some((program_name, program_slug, cycle_name, ends_on, extended)) = row else {
        return Ok(None);
    };
    let checkin = if mentor {
        crate::programs::checkins::this_month(db, id, crate::db::now_ms())
            .await?
            .map(|s| s.label().to_owned())
    } else {
        None
    };
    Ok(Some(ProgramLink {
        program_name,
        program_slug,
        cycle_name,
        ends_on,
        extended: extended.is_some(),
        checkin,
    }))
}

/// Carrel's scheduled work on requests, as of `now`: reminds mentors of
/// requests at half their lifetime and expires those past it. Returns
/// (reminded, expired). Safe to run on several instances at once.
pub async fn run_due(db: &Db, now: i64) -> Result<(usize, usize), AppError> {
    let half = REQUEST_LIFETIME_MS / 2;
    let due: Vec<Row> = sqlx::query_as(&format!(
        "{ROW_SELECT} WHERE m.state = 'requested' AND m.reminded_at IS NULL
             AND m.requested_at <= $1 AND m.expires_at > $2"
    ))
    .bind(now - half)
    .bind(now)
    .fetch_all(db.pool())
    .await?;
    let mut reminded = 0;
    for r in due {
        let mut tx = db.pool().begin().await?;
        let claimed = sqlx::query(
            "UPDATE mentorships SET reminded_at = $1 WHERE id = $2 AND reminded_at IS NULL AND state = 'requested'",
        )
        .bind(now)
        .bind(r.id)
        .execute(&mut *tx)
        .await?;
        if claimed.rows_affected() == 1 {
            let days = ((r.expires_at - now) / 86_400_000).max(1);
            notify(
                &mut tx,
                Notice {
                    user_id: r.mentor_id,
                    kind: "reminder",
                    text: format!(
                        "{} is waiting for your answer about mentoring in {}. The request expires in {days} days.",
                        r.mentee_name, r.focus_label
                    ),
                    link: r.link(),
                    email: Some("a request is waiting for your answer".to_owned()),
                },
                now,
            )
            .await?;
            reminded += 1;
        }
        tx.commit().await?;
    }
    let expired_rows: Vec<Row> = sqlx::query_as(&format!(
        "{ROW_SELECT} WHERE m.state = 'requested' AND m.expires_at <= $1"
    ))
    .bind(now)
    .fetch_all(db.pool())
    .await?;
    let mut expired = 0;
    for r in expired_rows {
        let mut tx = db.pool().begin().await?;
        let done = sqlx::query(
            "UPDATE mentorships SET state = 'expired', closed_at = $1 WHERE id = $2 AND state = 'requested'",
        )
        .bind(now)
        .bind(r.id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 1 {
            let event = Event {
                id: r.id,
                actor_id: None,
                from: Some(State::Requested),
                to: State::Expired,
                reason: "",
                note: "",
                note_private: false,
            };
            record(&mut tx, event, now).await?;
            for (user_id, text) in [
                (
                    r.mentee_id,
                    format!(
                        "Your request to {} for mentoring in {} expired without an answer. Try another mentor, or ask a coordinator to find one.",
                        r.mentor_name, r.focus_label
                    ),
                ),
                (
                    r.mentor_id,
                    format!(
                        "The request from {} for mentoring in {} expired.",
                        r.mentee_name, r.focus_label
                    ),
                ),
            ] {
                notify(
                    &mut tx,
                    Notice {
                        user_id,
                        kind: "expired",
                        text,
                        link: r.link(),
                        email: Some("a request expired".to_owned()),
                    },
                    now,
                )
                .await?;
            }
            expired += 1;
        }
        tx.commit().await?;
    }
    Ok((reminded, expired))
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
            note: "The program cycle ended",
            note_private: false,
        };
        record(tx, event, now).await?;
        for (user_id, other) in [(r.mentor_id, &r.mentee_name), (r.mentee_id, &r.mentor_name)] {
            notify(
                tx,
                Notice {
                    user_id,
                    kind: "cycle_completed",
                    text: format!(
                        "{cycle_label} has ended, and with it your mentorship with {other} in {}. Thank you! The thread stays readable.",
                        r.focus_label
                    ),
                    link: r.link(),
                    email: Some("your program cycle has ended".to_owned()),
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
        return Err(AppError::forbidden(
            "Only the two members of a mentorship can extend it.",
        ));
    };
    if peek.cycle_id.is_none() {
        return Err(AppError::conflict(
            "This mentorship is not part of a program cycle, so it has no end date to extend.",
        ));
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
        return Err(AppError::conflict(
            "This mentorship is already extended, or no longer active.",
        ));
    }
    let r = row(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    notify(
        &mut tx,
        Notice {
            user_id: r.other(side).0,
            kind: "extended",
            text: format!(
                "{} chose to keep your mentorship in {} going after the program cycle ends.",
                r.name_of(side),
                r.focus_label
            ),
            link: r.link(),
            email: None,
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
