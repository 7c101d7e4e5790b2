//! Letters in the database: a mentor asks, a coordinator approves, and the
//! facts (mentees, contact over the cycle from message and meeting
//! timestamps) are written into the letter's text at that moment.

use super::model::*;
use crate::dates::{long_day_in, month_of, months_between, DAY_MS};
use crate::{
    accounts::{model::CurrentUser, store::language_of},
    db::Db,
    error::AppError,
    i18n::td_string,
    notifications::{
        model::Kind,
        store::{notify, Notice},
    },
    programs::store::{cycle_and_program, require_coordinator},
};

/// Cycles the member mentored to completion, with their letters.
pub async fn served(db: &Db, user_id: i64) -> Result<Vec<ServedCycle>, AppError> {
    // Cycle, program, cycle name, mentees, the letter's state and code.
    type Row = (
        i64,
        String,
        String,
        i64,
        Option<LetterState>,
        Option<String>,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT c.id, p.name, c.name, COUNT(m.id), l.state, l.code
         FROM mentorships m JOIN cycles c ON c.id = m.cycle_id JOIN programs p ON p.id = c.program_id
         LEFT JOIN letters l ON l.cycle_id = c.id AND l.mentor_id = m.mentor_id
         WHERE m.mentor_id = $1 AND m.state = 'completed'
         GROUP BY c.id, p.name, c.name, l.state, l.code, c.starts_on
         ORDER BY c.starts_on DESC",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(cycle_id, program_name, cycle_name, mentees, state, code)| ServedCycle {
                cycle_id,
                program_name,
                cycle_name,
                mentees,
                letter: state.zip(code),
            },
        )
        .collect())
}

fn new_code() -> String {
    use rand::Rng;
    format!("{:024x}", rand::thread_rng().gen::<u128>() >> 32)
}

/// The mentor asks for a letter for a cycle they mentored to completion.
pub async fn request(db: &Db, user_id: i64, cycle_id: i64, now: i64) -> Result<(), AppError> {
    if !served(db, user_id)
        .await?
        .iter()
        .any(|c| c.cycle_id == cycle_id)
    {
        return Err(AppError::forbidden(crate::tr!(
            letters.errors.none_in_cycle
        )));
    }
    let (cycle, program) = cycle_and_program(db, cycle_id).await?;
    let mut tx = db.pool().begin().await?;
    let inserted = sqlx::query(
        "INSERT INTO letters (code, mentor_id, cycle_id, state, requested_at)
         VALUES ($1, $2, $3, 'requested', $4) ON CONFLICT (mentor_id, cycle_id) DO NOTHING",
    )
    .bind(new_code())
    .bind(user_id)
    .bind(cycle_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if inserted.rows_affected() == 0 {
        return Err(AppError::conflict(crate::tr!(letters.errors.already_asked)));
    }
    let coordinators: Vec<(i64,)> =
        sqlx::query_as("SELECT user_id FROM program_coordinators WHERE program_id = $1")
            .bind(program.id)
            .fetch_all(&mut *tx)
            .await?;
    for (c,) in coordinators {
        // Each coordinator in their own language.
        let l = language_of(&mut *tx, c).await?.locale();
        notify(
            &mut tx,
            Notice {
                user_id: c,
                kind: Kind::LetterRequested,
                text: td_string!(
                    l,
                    letters.notice.requested,
                    program = &program.name,
                    cycle = &cycle.name
                )
                .to_string(),
                link: format!("/programs/{}/manage#letters", program.slug),
                email: Some(td_string!(l, letters.notice.requested_subject).to_owned()),
            },
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The letter requests waiting in a program.
pub async fn waiting(db: &Db, program_id: i64) -> Result<Vec<LetterRequest>, AppError> {
    let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT l.id, u.display_name, c.name, l.requested_at FROM letters l
         JOIN users u ON u.id = l.mentor_id JOIN cycles c ON c.id = l.cycle_id
         WHERE c.program_id = $1 AND l.state = 'requested' ORDER BY l.requested_at",
    )
    .bind(program_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, mentor_name, cycle_name, requested_at)| LetterRequest {
                id,
                mentor_name,
                cycle_name,
                requested_at,
            },
        )
        .collect())
}

/// How much the mentor's pairs of a cycle were in touch: months of the
/// cycle with a message or a held meeting, of all its months; messages the
/// mentor wrote; meetings held. Timestamps only, never words.
async fn contact(
    db: &Db,
    mentor_id: i64,
    cycle_id: i64,
    from: i64,
    to: i64,
) -> Result<(usize, usize, i64, i64), AppError> {
    let messages: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT s.sent_at, s.sender_id FROM messages s JOIN mentorships m ON m.id = s.mentorship_id
         WHERE m.mentor_id = $1 AND m.cycle_id = $2 AND m.state = 'completed' AND s.topic_id IS NULL
           AND s.sent_at BETWEEN $3 AND $4",
    )
    .bind(mentor_id)
    .bind(cycle_id)
    .bind(from)
    .bind(to)
    .fetch_all(db.pool())
    .await?;
    let meetings: Vec<(i64,)> = sqlx::query_as(
        "SELECT t.starts_at FROM meetings t JOIN mentorships m ON m.id = t.mentorship_id
         WHERE m.mentor_id = $1 AND m.cycle_id = $2 AND t.state = 'accepted'
           AND t.starts_at BETWEEN $3 AND $4",
    )
    .bind(mentor_id)
    .bind(cycle_id)
    .bind(from)
    .bind(to)
    .fetch_all(db.pool())
    .await?;
    let mut active: Vec<String> = messages
        .iter()
        .map(|(at, _)| month_of(*at))
        .chain(meetings.iter().map(|(at,)| month_of(*at)))
        .collect();
    active.sort();
    active.dedup();
    let months = months_between(from, to);
    let written = messages.iter().filter(|(_, s)| *s == mentor_id).count() as i64;
    Ok((active.len(), months.len(), written, meetings.len() as i64))
}

/// Approves (writing the letter's text) or declines a request; the
/// program's coordinators only.
pub async fn decide(
    db: &Db,
    me: &CurrentUser,
    letter_id: i64,
    approve: bool,
    now: i64,
) -> Result<(), AppError> {
    let row: Option<(i64, i64, LetterState, String)> = sqlx::query_as(
        "SELECT l.mentor_id, l.cycle_id, l.state, u.display_name FROM letters l
         JOIN users u ON u.id = l.mentor_id WHERE l.id = $1",
    )
    .bind(letter_id)
    .fetch_optional(db.pool())
    .await?;
    let (mentor_id, cycle_id, state, mentor_name) = row.ok_or(AppError::NotFound)?;
    let (cycle, program) = cycle_and_program(db, cycle_id).await?;
    require_coordinator(db, me, &program, crate::tr!(letters.to_decide)).await?;
    if state != LetterState::Requested {
        return Err(AppError::conflict(crate::tr!(
            letters.errors.already_decided
        )));
    }
    let mentees = served(db, mentor_id)
        .await?
        .into_iter()
        .find(|c| c.cycle_id == cycle_id)
        .map_or(0, |c| c.mentees);
    let (active, months, written, held) = contact(
        db,
        mentor_id,
        cycle_id,
        cycle.starts_on,
        cycle.ends_on + DAY_MS - 1,
    )
    .await?;
    let first = mentor_name
        .split_whitespace()
        .next()
        .unwrap_or(&mentor_name);
    // The letter is written in the language of the mentor it recognises.
    let lang = language_of(db.pool(), mentor_id).await?;
    let l = lang.locale();
    let intro = td_string!(
        l,
        letters.body.intro,
        mentor = &mentor_name,
        program = &program.name,
        cycle = &cycle.name,
        start = long_day_in(lang, cycle.starts_on),
        end = long_day_in(lang, cycle.ends_on)
    );
    let mentored = td_string!(l, letters.body.mentored, count = mentees, first = first);
    let contact = td_string!(
        l,
        letters.body.contact,
        count = mentees,
        active = active,
        months = months,
        messages = td_string!(l, letters.body.messages, count = written, first = first).to_string(),
        meetings = td_string!(l, letters.body.meetings, count = held).to_string(),
        expectation = program.contact.label_in(lang)
    );
    let approved = td_string!(
        l,
        letters.body.approved,
        approver = &me.display_name,
        program = &program.name,
        today = long_day_in(lang, now)
    );
    let body = format!("{intro}\n\n{mentored} {contact}\n\n{approved}");
    let mut tx = db.pool().begin().await?;
    let done = sqlx::query(
        "UPDATE letters SET state = $1, decided_by = $2, decided_at = $3, mentor_name = $4, body = $5
         WHERE id = $6 AND state = 'requested'",
    )
    .bind(if approve {
        LetterState::Approved
    } else {
        LetterState::Declined
    })
    .bind(me.id)
    .bind(now)
    .bind(&mentor_name)
    .bind(if approve { body.as_str() } else { "" })
    .bind(letter_id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::conflict(crate::tr!(
            letters.errors.already_decided
        )));
    }
    let (program_name, cycle_name) = (&program.name, &cycle.name);
    notify(
        &mut tx,
        Notice {
            user_id: mentor_id,
            kind: Kind::LetterDecided,
            text: if approve {
                td_string!(
                    l,
                    letters.notice.ready,
                    program = program_name,
                    cycle = cycle_name
                )
                .to_string()
            } else {
                td_string!(
                    l,
                    letters.notice.declined,
                    program = program_name,
                    cycle = cycle_name
                )
                .to_string()
            },
            link: "/letters".to_owned(),
            email: Some(td_string!(l, letters.notice.decided_subject).to_owned()),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// An approved letter by its code, for anyone holding it.
pub async fn verify(db: &Db, code: &str) -> Result<Verified, AppError> {
    let row: Option<(String, String, i64)> = sqlx::query_as(
        "SELECT mentor_name, body, decided_at FROM letters WHERE code = $1 AND state = 'approved'",
    )
    .bind(code)
    .fetch_optional(db.pool())
    .await?;
    let (mentor_name, body, approved_at) = row.ok_or(AppError::NotFound)?;
    Ok(Verified {
        mentor_name,
        body,
        approved_at,
    })
}

/// The mentor's own approved letter by its code.
pub async fn own(db: &Db, user_id: i64, code: &str) -> Result<Verified, AppError> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT mentor_id FROM letters WHERE code = $1")
        .bind(code)
        .fetch_optional(db.pool())
        .await?;
    match row {
        None => Err(AppError::NotFound),
        Some((owner,)) if owner != user_id => {
            Err(AppError::forbidden(crate::tr!(letters.errors.mentor_only)))
        }
        Some(_) => verify(db, code).await,
    }
}
