//! Liaisons and monthly check-ins, and the coordinators' list of pairs that
//! need attention: computed from check-ins and message timestamps, never
//! from what anyone wrote to the other.

use super::model::{CheckinState, PairStatus, Program, QUIET_DAYS};
use crate::dates::{month_of, DAY_MS};
use crate::i18n::td_string;
use crate::{
    db::Db,
    error::AppError,
    mentorships::model::State,
    notifications::{
        model::Kind,
        store::{notify, Notice},
    },
};

#[derive(sqlx::FromRow)]
struct ProgramPair {
    id: i64,
    mentor_name: String,
    mentee_name: String,
    state: State,
    liaison_id: Option<i64>,
    program_id: i64,
    program_name: String,
    program_slug: String,
}

async fn program_pair(db: &Db, mentorship_id: i64) -> Result<ProgramPair, AppError> {
    let row: Option<ProgramPair> = sqlx::query_as(
        "SELECT m.id, a.display_name AS mentor_name, b.display_name AS mentee_name,
                m.state, m.liaison_id, p.id AS program_id, p.name AS program_name,
                p.slug AS program_slug
         FROM mentorships m JOIN users a ON a.id = m.mentor_id JOIN users b ON b.id = m.mentee_id
         JOIN cycles c ON c.id = m.cycle_id JOIN programs p ON p.id = c.program_id
         WHERE m.id = $1",
    )
    .bind(mentorship_id)
    .fetch_optional(db.pool())
    .await?;
    row.ok_or_else(|| AppError::conflict(crate::tr!(programs.errors.not_in_program)))
}

/// The mentor's check-in for this month; answering again replaces it. A
/// call for help (or silence from the mentee) is sent to the liaison, or
/// to every coordinator while the pair has none.
pub async fn check_in(
    db: &Db,
    user_id: i64,
    mentorship_id: i64,
    state: CheckinState,
    note: &str,
    now: i64,
) -> Result<(), AppError> {
    let exists: Option<(i64, i64)> =
        sqlx::query_as("SELECT mentor_id, mentee_id FROM mentorships WHERE id = $1")
            .bind(mentorship_id)
            .fetch_optional(db.pool())
            .await?;
    match exists {
        None => return Err(AppError::NotFound),
        Some((mentor, _)) if mentor != user_id => {
            return Err(AppError::forbidden(crate::tr!(
                programs.errors.checkin_mentor_only
            )))
        }
        Some(_) => {}
    }
    let p = program_pair(db, mentorship_id).await?;
    if p.state != State::Accepted {
        return Err(AppError::conflict(crate::tr!(
            programs.errors.checkin_active_only
        )));
    }
    let mut tx = db.pool().begin().await?;
    sqlx::query(
        "INSERT INTO checkins (mentorship_id, month, state, note, at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (mentorship_id, month) DO UPDATE
         SET state = excluded.state, note = excluded.note, at = excluded.at",
    )
    .bind(mentorship_id)
    .bind(month_of(now))
    .bind(state)
    .bind(note)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if matches!(state, CheckinState::NeedHelp | CheckinState::NotHeard) {
        let to: Vec<(i64,)> = match p.liaison_id {
            Some(l) => vec![(l,)],
            None => {
                sqlx::query_as("SELECT user_id FROM program_coordinators WHERE program_id = $1")
                    .bind(p.program_id)
                    .fetch_all(&mut *tx)
                    .await?
            }
        };
        for (coordinator,) in to {
            let lang = crate::accounts::store::language_of(&mut *tx, coordinator).await?;
            let l = lang.locale();
            let text = td_string!(
                l,
                programs.notice.attention,
                mentor = &p.mentor_name,
                mentee = &p.mentee_name,
                program = &p.program_name,
                state = state.label_in(lang).to_lowercase()
            );
            notify(
                &mut tx,
                Notice {
                    user_id: coordinator,
                    kind: Kind::CheckinAttention,
                    text: text.to_string(),
                    link: format!("/programs/{}/manage#pairs", p.program_slug),
                    email: Some(td_string!(l, programs.notice.attention_subject).to_owned()),
                },
                now,
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// This month's check-in of a mentorship, for its mentor's page.
pub async fn this_month(
    db: &Db,
    mentorship_id: i64,
    now: i64,
) -> Result<Option<CheckinState>, AppError> {
    let row: Option<(CheckinState,)> =
        sqlx::query_as("SELECT state FROM checkins WHERE mentorship_id = $1 AND month = $2")
            .bind(mentorship_id)
            .bind(month_of(now))
            .fetch_optional(db.pool())
            .await?;
    Ok(row.map(|(s,)| s))
}

/// Makes a coordinator of the pair's program its liaison.
pub async fn assign_liaison(
    db: &Db,
    program: &Program,
    mentorship_id: i64,
    liaison_id: i64,
) -> Result<(), AppError> {
    let p = program_pair(db, mentorship_id).await?;
    if p.program_id != program.id {
        return Err(AppError::NotFound);
    }
    let coordinator: Option<(i64,)> = sqlx::query_as(
        "SELECT user_id FROM program_coordinators WHERE program_id = $1 AND user_id = $2",
    )
    .bind(program.id)
    .bind(liaison_id)
    .fetch_optional(db.pool())
    .await?;
    if coordinator.is_none() {
        return Err(AppError::form(
            crate::tr!(programs.errors.liaison_coordinator, program = &program.name).to_string(),
        ));
    }
    sqlx::query("UPDATE mentorships SET liaison_id = $1 WHERE id = $2")
        .bind(liaison_id)
        .bind(p.id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// The program's active pairs, those needing attention first. Only the
/// pair's own messages count as contact: a topic card is the program's.
pub async fn pairs(db: &Db, program_id: i64, now: i64) -> Result<Vec<PairStatus>, AppError> {
    type Row = (
        i64,
        String,
        String,
        String,
        String,
        Option<i64>,
        Option<String>,
        Option<i64>,
        i64,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT m.id, a.display_name, b.display_name, f.label, c.name, m.liaison_id, l.display_name,
                (SELECT MAX(s.sent_at) FROM messages s
                 WHERE s.mentorship_id = m.id AND s.topic_id IS NULL),
                COALESCE(m.accepted_at, m.requested_at)
         FROM mentorships m
         JOIN cycles c ON c.id = m.cycle_id
         JOIN users a ON a.id = m.mentor_id JOIN users b ON b.id = m.mentee_id
         JOIN focus_areas f ON f.slug = m.focus
         LEFT JOIN users l ON l.id = m.liaison_id
         WHERE c.program_id = $1 AND m.state = 'accepted'
         ORDER BY a.display_name, b.display_name",
    )
    .bind(program_id)
    .fetch_all(db.pool())
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, mentor, mentee, focus, cycle, liaison_id, liaison, last, since) in rows {
        let checkin: Option<(CheckinState, String, i64)> = sqlx::query_as(
            "SELECT state, note, at FROM checkins WHERE mentorship_id = $1 ORDER BY month DESC LIMIT 1",
        )
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
        let mut attention = Vec::new();
        match &checkin {
            Some((CheckinState::NeedHelp, ..)) => {
                attention.push(crate::tr!(programs.attention.help).to_owned())
            }
            Some((CheckinState::NotHeard, ..)) => {
                attention.push(crate::tr!(programs.attention.not_heard).to_owned())
            }
            _ => {}
        }
        let quiet_since = last.unwrap_or(since);
        let days = (now - quiet_since) / DAY_MS;
        if days >= QUIET_DAYS {
            attention.push(match last {
                Some(_) => crate::tr!(programs.attention.quiet, count = days).to_string(),
                None => crate::tr!(programs.attention.quiet_since_match, count = days).to_string(),
            });
        }
        out.push(PairStatus {
            mentorship_id: id,
            mentor_name: mentor,
            mentee_name: mentee,
            focus_label: focus,
            cycle_name: cycle,
            liaison_id,
            liaison_name: liaison,
            last_message_at: last,
            checkin,
            attention,
        });
    }
    out.sort_by_key(|p| p.attention.is_empty());
    Ok(out)
}

/// Claims this month's check-in ask of a pair for one instance: binds the
/// mentorship, the month and the time.
pub const CLAIM_ASK: &str =
    "INSERT INTO checkin_asks (mentorship_id, month, asked_at) VALUES ($1, $2, $3)
     ON CONFLICT (mentorship_id, month) DO NOTHING";

/// A program pair whose mentor has not been asked this month.
#[derive(sqlx::FromRow)]
pub struct DueAsk {
    pub id: i64,
    pub mentor_id: i64,
    pub mentee: String,
    pub program: String,
}

/// The mentors of active program pairs (not in a pair's first week) not yet
/// asked for `month`'s check-in.
pub async fn due_asks(db: &Db, month: &str, now: i64) -> Result<Vec<DueAsk>, AppError> {
    Ok(sqlx::query_as(
        "SELECT m.id, m.mentor_id, b.display_name AS mentee, p.name AS program FROM mentorships m
         JOIN cycles c ON c.id = m.cycle_id JOIN programs p ON p.id = c.program_id
         JOIN users b ON b.id = m.mentee_id
         WHERE m.state = 'accepted' AND COALESCE(m.accepted_at, m.requested_at) <= $1
           AND NOT EXISTS (SELECT 1 FROM checkin_asks k WHERE k.mentorship_id = m.id AND k.month = $2)",
    )
    .bind(now - 7 * DAY_MS)
    .bind(month)
    .fetch_all(db.pool())
    .await?)
}

/// Asks the mentor of a claimed pair for this month's check-in.
pub async fn ask(tx: &mut sqlx::AnyConnection, a: &DueAsk, now: i64) -> Result<usize, AppError> {
    let l = crate::accounts::store::language_of(&mut *tx, a.mentor_id)
        .await?
        .locale();
    let text = td_string!(
        l,
        programs.notice.ask,
        mentee = &a.mentee,
        program = &a.program
    );
    notify(
        tx,
        Notice {
            user_id: a.mentor_id,
            kind: Kind::Checkin,
            text: text.to_string(),
            link: format!("/mentorships/{}#check-in", a.id),
            email: Some(td_string!(l, programs.notice.ask_subject).to_owned()),
        },
        now,
    )
    .await?;
    Ok(1)
}
