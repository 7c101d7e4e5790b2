//! Mentorships in the database. Every change runs in one transaction that
//! first takes a write lock, then checks the rules, then writes the new state,
//! its history entry and the notifications: so capacity and one-mentor-per-focus
//! hold however many requests arrive at once, on SQLite and PostgreSQL alike.
//! `requests` makes them, `changes` moves them through their states, `due` is
//! what scheduled jobs act on, `pair` answers who the two members are, `reads`
//! assembles what members see.

mod changes;
mod due;
mod pair;
mod reads;
mod requests;

pub use changes::{
    ask_to_complete, change_state, close_all, close_between, complete_for_cycle, extend,
    save_agreement, Change,
};
pub use due::{
    active_pairs_of_cycle, due_expiry, due_reminders, expire, remind, CLAIM_EXPIRY, CLAIM_REMINDER,
};
pub use pair::{pair_for_member, Pair};
pub use reads::{detail, mine};
pub use requests::{request, request_in, NewRequest};

use super::model::*;
use crate::{
    accounts::store::{language_of, lock_member},
    db::{is_unique_violation, Db},
    error::AppError,
    i18n::td_string,
    notifications::store::{notify, Notice},
    profiles::{
        model::{FocusArea, ReplyTime},
        store::{active_mentees, bump_version, load_profile},
    },
    programs::store::cycle_for_pair,
    safety::store::blocked_between,
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
    pub state: State,
    pub message: String,
    pub assigned_by: Option<i64>,
    pub requested_at: i64,
    pub expires_at: i64,
    pub close_asked_by: Option<i64>,
    pub channel: Channel,
    pub frequency: Frequency,
    pub reply_within: ReplyTime,
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
            state: self.state,
            requested_at: self.requested_at,
            expires_at: self.expires_at,
            assigned: self.assigned_by.is_some(),
        }
    }

    fn agreement(&self) -> Agreement {
        Agreement {
            channel: self.channel,
            frequency: self.frequency,
            reply_within: self.reply_within,
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
         WHERE p.user_id = $1 AND p.open_to_mentoring = 1 AND u.disabled_at IS NULL",
    )
    .bind(mentor_id)
    .bind(focus)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(name, capacity, offers)| (name, capacity, offers > 0)))
}

/// The notes Carrel writes in a history itself, stored in English and shown
/// in the reader's language (`system_note`).
const NOTE_FOUND_MENTOR: &str = "Found a mentor for this focus";
const NOTE_CYCLE_ENDED: &str = "The program cycle ended";
const NOTE_COORDINATOR_SUGGESTED: &str = "A coordinator suggested this pairing";

/// A note Carrel wrote, in the reader's language; None for a member's own words.
fn system_note(note: &str) -> Option<&'static str> {
    match note {
        NOTE_FOUND_MENTOR => Some(crate::tr!(mentorships.system_note.found_mentor)),
        NOTE_CYCLE_ENDED => Some(crate::tr!(mentorships.system_note.cycle_ended)),
        NOTE_COORDINATOR_SUGGESTED => {
            Some(crate::tr!(mentorships.system_note.coordinator_suggested))
        }
        _ => None,
    }
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
    .bind(to)
    .bind(reason)
    .bind(note)
    .bind(i64::from(note_private))
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
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
