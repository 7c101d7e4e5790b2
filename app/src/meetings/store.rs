//! Meetings in the database: proposals, answers, cancellations with notice,
//! reminders, and calendar files. Only the two members of a mentorship see
//! or change its meetings.

use super::model::*;
use crate::dates::DAY_MS;
use crate::{
    accounts::store::lock_member,
    db::Db,
    error::AppError,
    mentorships::store::{pair_for_member, Pair},
    notifications::{
        model::Kind,
        store::{notify, Notice},
    },
    safety::store::blocked_between,
};
use sqlx::AnyConnection;

const PRIVATE: &str = "Meetings are private to the mentor and mentee of a mentorship.";

/// Where a pair's meetings are, for links in notices.
fn meetings_link(p: &Pair) -> String {
    format!("/mentorships/{}#meetings", p.id)
}

/// The pair of a mentorship, if `user_id` is one of them.
async fn pair(conn: &mut AnyConnection, user_id: i64, id: i64) -> Result<Pair, AppError> {
    pair_for_member(conn, user_id, id, PRIVATE).await
}

/// Local time in `zone`: "Tue 1 Dec 2026, 15:00 (America/Chicago)".
pub fn local_time(at: i64, zone: &str) -> String {
    use chrono::TimeZone;
    let Ok(tz) = zone.parse::<chrono_tz::Tz>() else {
        return crate::dates::moment_utc(at);
    };
    match tz.timestamp_millis_opt(at).single() {
        Some(t) => format!("{} ({zone})", t.format("%a %-d %b %Y, %H:%M")),
        None => crate::dates::moment_utc(at),
    }
}

/// A local time in an IANA zone, as UTC milliseconds.
pub fn to_utc((y, mo, d, h, mi): (i32, u8, u8, u8, u8), zone: &str) -> Option<i64> {
    use chrono::TimeZone;
    let tz: chrono_tz::Tz = zone.parse().ok()?;
    let naive = chrono::NaiveDate::from_ymd_opt(y, mo.into(), d.into())?.and_hms_opt(
        h.into(),
        mi.into(),
        0,
    )?;
    // An ambiguous time (clocks going back) takes the earlier moment.
    tz.from_local_datetime(&naive)
        .earliest()
        .map(|t| t.timestamp_millis())
}

#[derive(sqlx::FromRow)]
pub struct Row {
    pub id: i64,
    mentorship_id: i64,
    proposed_by: i64,
    proposer_name: String,
    starts_at: i64,
    time_zone: String,
    minutes: i64,
    mode: Mode,
    place: String,
    agenda: String,
    state: MeetingState,
}

const SELECT: &str =
    "SELECT mt.id, mt.mentorship_id, mt.proposed_by, u.display_name AS proposer_name,
        mt.starts_at, mt.time_zone, mt.minutes, mt.mode, mt.place, mt.agenda, mt.state
    FROM meetings mt JOIN users u ON u.id = mt.proposed_by";

impl Row {
    fn meeting(self, viewer: i64, now: i64) -> Meeting {
        Meeting {
            id: self.id,
            mentorship_id: self.mentorship_id,
            proposed_by_me: self.proposed_by == viewer,
            proposer_name: self.proposer_name,
            local_time: local_time(self.starts_at, &self.time_zone),
            starts_at: self.starts_at,
            time_zone: self.time_zone,
            minutes: self.minutes,
            mode: self.mode,
            place: self.place,
            agenda: self.agenda,
            state: self.state,
            short_notice: self.starts_at > now && self.starts_at - now < SHORT_NOTICE_MS,
            past: self.starts_at + self.minutes * 60_000 <= now,
        }
    }
}

async fn feed_path(db: &Db, user_id: i64) -> Result<Option<String>, AppError> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT token FROM calendar_feeds WHERE user_id = $1")
            .bind(user_id)
            .fetch_optional(db.pool())
            .await?;
    Ok(row.map(|(t,)| format!("/calendar/{t}.ics")))
}

/// A mentorship's meetings (not the replaced proposals), soonest first.
pub async fn list(
    db: &Db,
    user_id: i64,
    mentorship_id: i64,
    now: i64,
) -> Result<Meetings, AppError> {
    let mut conn = db.pool().acquire().await?;
    let p = pair(&mut conn, user_id, mentorship_id).await?;
    if !p.opened() {
        return Err(AppError::conflict(
            "Meetings open once the mentor accepts the request.",
        ));
    }
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} WHERE mt.mentorship_id = $1 AND mt.state <> 'replaced' ORDER BY mt.starts_at, mt.id"
    ))
    .bind(mentorship_id)
    .fetch_all(&mut *conn)
    .await?;
    let zone: Option<(String,)> =
        sqlx::query_as("SELECT time_zone FROM profiles WHERE user_id = $1")
            .bind(user_id)
            .fetch_optional(&mut *conn)
            .await?;
    let can_propose =
        p.state.is_active() && !blocked_between(&mut conn, p.mentor_id, p.mentee_id).await?;
    drop(conn);
    Ok(Meetings {
        meetings: rows.into_iter().map(|r| r.meeting(user_id, now)).collect(),
        my_time_zone: zone.map(|(z,)| z).unwrap_or_else(|| "UTC".to_owned()),
        feed_path: feed_path(db, user_id).await?,
        can_propose,
    })
}

/// Proposes a meeting; with `replaces`, answers the other member's proposal
/// with another time (theirs is then set aside).
pub async fn propose(
    db: &Db,
    user_id: i64,
    mentorship_id: i64,
    m: &NewMeeting,
    replaces: Option<i64>,
    now: i64,
) -> Result<i64, AppError> {
    let mut tx = db.pool().begin().await?;
    // Write first (SQLite): the proposer's row serialises their changes.
    lock_member(&mut tx, user_id).await?;
    let p = pair(&mut tx, user_id, mentorship_id).await?;
    if !p.state.is_active() {
        return Err(AppError::conflict(
            "Meetings can be arranged while the mentorship is active.",
        ));
    }
    if blocked_between(&mut tx, p.mentor_id, p.mentee_id).await? {
        return Err(AppError::conflict(
            "Meetings are closed between you and this member.",
        ));
    }
    if let Some(old) = replaces {
        let set_aside = sqlx::query(
            "UPDATE meetings SET state = 'replaced'
             WHERE id = $1 AND mentorship_id = $2 AND state = 'proposed' AND proposed_by <> $3",
        )
        .bind(old)
        .bind(mentorship_id)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        if set_aside.rows_affected() == 0 {
            return Err(AppError::conflict(
                "That proposal was already answered or withdrawn. Reload to see the meetings.",
            ));
        }
    }
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO meetings (mentorship_id, proposed_by, starts_at, time_zone, minutes, mode,
             place, agenda, state, replaces_id, remind_minutes, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'proposed', $9, $10, $11) RETURNING id",
    )
    .bind(mentorship_id)
    .bind(user_id)
    .bind(m.starts_at)
    .bind(&m.time_zone)
    .bind(m.minutes)
    .bind(m.mode)
    .bind(&m.place)
    .bind(&m.agenda)
    .bind(replaces)
    .bind(m.remind_minutes)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let verb = if replaces.is_some() {
        "proposes another time"
    } else {
        "proposes a meeting"
    };
    notify(
        &mut tx,
        Notice {
            user_id: p.other(user_id),
            kind: Kind::MeetingProposed,
            text: format!(
                "{} {verb}: {}, {}. Accept it or propose another time.",
                p.name_of(user_id),
                local_time(m.starts_at, &m.time_zone),
                m.mode.label().to_lowercase()
            ),
            link: meetings_link(&p),
            email: Some("a meeting proposal".to_owned()),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

async fn meeting_pair(db: &Db, user_id: i64, id: i64) -> Result<(Row, Pair), AppError> {
    let mut conn = db.pool().acquire().await?;
    let row: Row = sqlx::query_as(&format!("{SELECT} WHERE mt.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(AppError::NotFound)?;
    let p = pair(&mut conn, user_id, row.mentorship_id).await?;
    Ok((row, p))
}

/// Accepts the other member's proposal.
pub async fn accept(db: &Db, user_id: i64, id: i64, now: i64) -> Result<i64, AppError> {
    let (row, p) = meeting_pair(db, user_id, id).await?;
    if row.proposed_by == user_id {
        return Err(AppError::conflict(format!(
            "You proposed this meeting; {} accepts it.",
            p.name_of(p.other(user_id))
        )));
    }
    if row.starts_at <= now {
        return Err(AppError::conflict(
            "This meeting's time has passed. Propose another time.",
        ));
    }
    let mut tx = db.pool().begin().await?;
    let done =
        sqlx::query("UPDATE meetings SET state = 'accepted' WHERE id = $1 AND state = 'proposed'")
            .bind(id)
            .execute(&mut *tx)
            .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::conflict(
            "This proposal was already answered or cancelled. Reload to see the meetings.",
        ));
    }
    notify(
        &mut tx,
        Notice {
            user_id: row.proposed_by,
            kind: Kind::MeetingAccepted,
            text: format!(
                "{} accepted your meeting: {}.",
                p.name_of(user_id),
                local_time(row.starts_at, &row.time_zone)
            ),
            link: meetings_link(&p),
            email: Some("a meeting is confirmed".to_owned()),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(row.mentorship_id)
}

/// Cancels a proposed or confirmed meeting. Within 48 hours of its start the
/// caller must confirm (`short_notice_ok`), since the programs ask for 24–48
/// hours' notice; the other member is told at once either way.
pub async fn cancel(
    db: &Db,
    user_id: i64,
    id: i64,
    short_notice_ok: bool,
    now: i64,
) -> Result<i64, AppError> {
    let (row, p) = meeting_pair(db, user_id, id).await?;
    let short = row.starts_at > now && row.starts_at - now < SHORT_NOTICE_MS;
    if short && !short_notice_ok {
        return Err(AppError::conflict(
            "This meeting starts in less than 48 hours. The programs ask for 24–48 hours' notice \
             of a cancellation; if you must cancel, confirm it and we will tell your partner at once.",
        ));
    }
    let mut tx = db.pool().begin().await?;
    let done = sqlx::query(
        "UPDATE meetings SET state = 'cancelled', cancelled_by = $1, cancelled_at = $2
         WHERE id = $3 AND state IN ('proposed', 'accepted')",
    )
    .bind(user_id)
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::conflict(
            "This meeting was already cancelled or replaced.",
        ));
    }
    notify(
        &mut tx,
        Notice {
            user_id: p.other(user_id),
            kind: Kind::MeetingCancelled,
            text: format!(
                "{} cancelled your meeting of {}{}.",
                p.name_of(user_id),
                local_time(row.starts_at, &row.time_zone),
                if short { ", at short notice" } else { "" }
            ),
            link: meetings_link(&p),
            email: Some("a meeting was cancelled".to_owned()),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(row.mentorship_id)
}

/// Claims a meeting's reminder for one instance.
pub const CLAIM_REMINDER: &str =
    "UPDATE meetings SET reminded_at = $1 WHERE id = $2 AND reminded_at IS NULL AND state = 'accepted'";

/// Confirmed meetings whose reminder time has come.
pub async fn due_reminders(db: &Db, now: i64) -> Result<Vec<Row>, AppError> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE mt.state = 'accepted' AND mt.reminded_at IS NULL
             AND mt.starts_at > $1 AND mt.starts_at - mt.remind_minutes * 60000 <= $1"
    ))
    .bind(now)
    .fetch_all(db.pool())
    .await?)
}

/// Reminds both members of a claimed meeting, each in their own time zone.
pub async fn remind(tx: &mut AnyConnection, row: &Row, now: i64) -> Result<usize, AppError> {
    let p = pair(tx, row.proposed_by, row.mentorship_id).await?;
    for user_id in [p.mentor_id, p.mentee_id] {
        let zone: Option<(String,)> =
            sqlx::query_as("SELECT time_zone FROM profiles WHERE user_id = $1")
                .bind(user_id)
                .fetch_optional(&mut *tx)
                .await?;
        let zone = zone.map(|(z,)| z).unwrap_or_else(|| row.time_zone.clone());
        notify(
            tx,
            Notice {
                user_id,
                kind: Kind::MeetingReminder,
                text: format!(
                    "Reminder: you meet {} ({}) on {}.",
                    p.name_of(p.other(user_id)),
                    p.focus_label,
                    local_time(row.starts_at, &zone)
                ),
                link: meetings_link(&p),
                email: Some("your meeting is coming up".to_owned()),
            },
            now,
        )
        .await?;
    }
    Ok(1)
}

fn calendar(rows: Vec<(Row, String)>, name: &str) -> String {
    use icalendar::{Calendar, Component, Event, EventLike, EventStatus};
    let mut cal = Calendar::new();
    cal.name(name);
    for (r, with) in rows {
        let starts = chrono::DateTime::from_timestamp_millis(r.starts_at).unwrap_or_default();
        let mut event = Event::new();
        event
            .uid(&format!("meeting-{}@carrel", r.id))
            .summary(&format!("Mentoring: {with}"))
            .starts(starts)
            .ends(starts + chrono::Duration::minutes(r.minutes))
            .description(&format!("{}\n\n{}", r.mode.label(), r.agenda))
            .status(if r.state == MeetingState::Cancelled {
                EventStatus::Cancelled
            } else {
                EventStatus::Confirmed
            });
        if !r.place.is_empty() {
            event.location(&r.place);
        }
        cal.push(event.done());
    }
    cal.done().to_string()
}

/// One meeting as a calendar file, for one of its pair.
pub async fn ics(db: &Db, user_id: i64, id: i64) -> Result<String, AppError> {
    let (row, p) = meeting_pair(db, user_id, id).await?;
    let with = p.name_of(p.other(user_id)).to_owned();
    Ok(calendar(vec![(row, with)], "Carrel meeting"))
}

/// The member's private feed token, made on first asking, or made anew (the
/// old one then finds nothing) when `renew`.
pub async fn feed_token(db: &Db, user_id: i64, now: i64, renew: bool) -> Result<String, AppError> {
    use rand::Rng;
    let token = format!("{:032x}", rand::thread_rng().gen::<u128>());
    let on_conflict = if renew {
        "DO UPDATE SET token = excluded.token, created_at = excluded.created_at"
    } else {
        "DO NOTHING"
    };
    sqlx::query(&format!(
        "INSERT INTO calendar_feeds (user_id, token, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) {on_conflict}"
    ))
    .bind(user_id)
    .bind(&token)
    .bind(now)
    .execute(db.pool())
    .await?;
    let (token,): (String,) = sqlx::query_as("SELECT token FROM calendar_feeds WHERE user_id = $1")
        .bind(user_id)
        .fetch_one(db.pool())
        .await?;
    Ok(token)
}

/// The confirmed and cancelled meetings of the feed's member, from 30 days ago on.
pub async fn feed(db: &Db, token: &str, now: i64) -> Result<String, AppError> {
    let owner: Option<(i64,)> =
        sqlx::query_as("SELECT user_id FROM calendar_feeds WHERE token = $1")
            .bind(token)
            .fetch_optional(db.pool())
            .await?;
    let (user_id,) = owner.ok_or(AppError::NotFound)?;
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT mt.id, u.display_name FROM meetings mt JOIN mentorships m ON m.id = mt.mentorship_id
         JOIN users u ON u.id = CASE WHEN m.mentor_id = $1 THEN m.mentee_id ELSE m.mentor_id END
         WHERE (m.mentor_id = $1 OR m.mentee_id = $1) AND mt.state IN ('accepted', 'cancelled')
           AND mt.starts_at >= $2
         ORDER BY mt.starts_at",
    )
    .bind(user_id)
    .bind(now - 30 * DAY_MS)
    .fetch_all(db.pool())
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, with) in rows {
        let row: Row = sqlx::query_as(&format!("{SELECT} WHERE mt.id = $1"))
            .bind(id)
            .fetch_one(db.pool())
            .await?;
        out.push((row, with));
    }
    Ok(calendar(out, "Carrel meetings"))
}
