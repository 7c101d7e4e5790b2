//! Meetings in the database: proposals, answers, cancellations with notice,
//! reminders, and calendar files. Only the two members of a mentorship see
//! or change its meetings.

use super::model::*;
use crate::dates::DAY_MS;
use crate::{
    accounts::store::{language_of, lock_member},
    db::Db,
    error::AppError,
    i18n::td_string,
    language::Lang,
    mentorships::store::{pair_for_member, Pair},
    notifications::{
        model::Kind,
        store::{notify, Notice},
    },
    safety::store::blocked_between,
};
use sqlx::AnyConnection;

/// Where a pair's meetings are, for links in notices.
fn meetings_link(p: &Pair) -> String {
    format!("/mentorships/{}#meetings", p.id)
}

/// The pair of a mentorship, if `user_id` is one of them.
async fn pair(conn: &mut AnyConnection, user_id: i64, id: i64) -> Result<Pair, AppError> {
    pair_for_member(conn, user_id, id, crate::tr!(meetings.errors.private)).await
}

/// Local time in `zone` in the reader's language: "Tue 1 Dec 2026, 15:00 (America/Chicago)".
pub fn local_time(at: i64, zone: &str) -> String {
    local_time_in(crate::language::current(), at, zone)
}

/// Local time in `zone` in `lang`: "mar 1 dic 2026, 15:00 (America/Chicago)".
pub fn local_time_in(lang: Lang, at: i64, zone: &str) -> String {
    use chrono::{Datelike, TimeZone, Timelike, Weekday};
    let l = lang.locale();
    let utc = || {
        let t = chrono::DateTime::from_timestamp_millis(at).unwrap_or_default();
        format!(
            "{}, {:02}:{:02} UTC",
            crate::dates::day_in(lang, at),
            t.hour(),
            t.minute()
        )
    };
    let Ok(tz) = zone.parse::<chrono_tz::Tz>() else {
        return utc();
    };
    let Some(t) = tz.timestamp_millis_opt(at).single() else {
        return utc();
    };
    let weekday = match t.weekday() {
        Weekday::Mon => td_string!(l, meetings.weekdays.mon),
        Weekday::Tue => td_string!(l, meetings.weekdays.tue),
        Weekday::Wed => td_string!(l, meetings.weekdays.wed),
        Weekday::Thu => td_string!(l, meetings.weekdays.thu),
        Weekday::Fri => td_string!(l, meetings.weekdays.fri),
        Weekday::Sat => td_string!(l, meetings.weekdays.sat),
        Weekday::Sun => td_string!(l, meetings.weekdays.sun),
    };
    let month = match t.month() {
        1 => td_string!(l, common.months_short.jan),
        2 => td_string!(l, common.months_short.feb),
        3 => td_string!(l, common.months_short.mar),
        4 => td_string!(l, common.months_short.apr),
        5 => td_string!(l, common.months_short.may),
        6 => td_string!(l, common.months_short.jun),
        7 => td_string!(l, common.months_short.jul),
        8 => td_string!(l, common.months_short.aug),
        9 => td_string!(l, common.months_short.sep),
        10 => td_string!(l, common.months_short.oct),
        11 => td_string!(l, common.months_short.nov),
        _ => td_string!(l, common.months_short.dec),
    };
    td_string!(
        l,
        meetings.local_time,
        weekday = weekday,
        day = t.day(),
        month = month,
        year = t.year(),
        time = t.format("%H:%M").to_string(),
        zone = zone
    )
    .to_string()
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
        return Err(AppError::conflict(crate::tr!(meetings.errors.not_open)));
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
        return Err(AppError::conflict(crate::tr!(meetings.errors.not_active)));
    }
    if blocked_between(&mut tx, p.mentor_id, p.mentee_id).await? {
        return Err(AppError::conflict(crate::tr!(meetings.errors.blocked)));
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
            return Err(AppError::conflict(crate::tr!(
                meetings.errors.proposal_gone
            )));
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
    // In the language of the member told.
    let to = p.other(user_id);
    let lang = language_of(&mut *tx, to).await?;
    let (l, name) = (lang.locale(), p.name_of(user_id));
    let when = local_time_in(lang, m.starts_at, &m.time_zone);
    let mode = m.mode.label_in(lang).to_lowercase();
    let text = if replaces.is_some() {
        td_string!(
            l,
            meetings.notice.proposed_again,
            name = name,
            when = when,
            mode = mode
        )
        .to_string()
    } else {
        td_string!(
            l,
            meetings.notice.proposed,
            name = name,
            when = when,
            mode = mode
        )
        .to_string()
    };
    notify(
        &mut tx,
        Notice {
            user_id: to,
            kind: Kind::MeetingProposed,
            text,
            link: meetings_link(&p),
            email: Some(td_string!(l, meetings.notice.proposed_subject).to_owned()),
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
        return Err(AppError::conflict(
            crate::tr!(
                meetings.errors.you_proposed,
                name = p.name_of(p.other(user_id))
            )
            .to_string(),
        ));
    }
    if row.starts_at <= now {
        return Err(AppError::conflict(crate::tr!(meetings.errors.time_passed)));
    }
    let mut tx = db.pool().begin().await?;
    let done =
        sqlx::query("UPDATE meetings SET state = 'accepted' WHERE id = $1 AND state = 'proposed'")
            .bind(id)
            .execute(&mut *tx)
            .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::conflict(crate::tr!(meetings.errors.accept_gone)));
    }
    let lang = language_of(&mut *tx, row.proposed_by).await?;
    let l = lang.locale();
    notify(
        &mut tx,
        Notice {
            user_id: row.proposed_by,
            kind: Kind::MeetingAccepted,
            text: td_string!(
                l,
                meetings.notice.accepted,
                name = p.name_of(user_id),
                when = local_time_in(lang, row.starts_at, &row.time_zone)
            )
            .to_string(),
            link: meetings_link(&p),
            email: Some(td_string!(l, meetings.notice.accepted_subject).to_owned()),
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
        return Err(AppError::conflict(crate::tr!(meetings.errors.short_notice)));
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
        return Err(AppError::conflict(crate::tr!(meetings.errors.cancel_gone)));
    }
    let to = p.other(user_id);
    let lang = language_of(&mut *tx, to).await?;
    let (l, name) = (lang.locale(), p.name_of(user_id));
    let when = local_time_in(lang, row.starts_at, &row.time_zone);
    let text = if short {
        td_string!(l, meetings.notice.cancelled_short, name = name, when = when).to_string()
    } else {
        td_string!(l, meetings.notice.cancelled, name = name, when = when).to_string()
    };
    notify(
        &mut tx,
        Notice {
            user_id: to,
            kind: Kind::MeetingCancelled,
            text,
            link: meetings_link(&p),
            email: Some(td_string!(l, meetings.notice.cancelled_subject).to_owned()),
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
        let lang = language_of(&mut *tx, user_id).await?;
        let l = lang.locale();
        notify(
            tx,
            Notice {
                user_id,
                kind: Kind::MeetingReminder,
                text: td_string!(
                    l,
                    meetings.notice.reminder,
                    name = p.name_of(p.other(user_id)),
                    focus = &p.focus_label,
                    when = local_time_in(lang, row.starts_at, &zone)
                )
                .to_string(),
                link: meetings_link(&p),
                email: Some(td_string!(l, meetings.notice.reminder_subject).to_owned()),
            },
            now,
        )
        .await?;
    }
    Ok(1)
}

/// Calendar files are in the language of the member they are for.
fn calendar(rows: Vec<(Row, String)>, name: &str, lang: Lang) -> String {
    use icalendar::{Calendar, Component, Event, EventLike, EventStatus};
    let l = lang.locale();
    let mut cal = Calendar::new();
    cal.name(name);
    for (r, with) in rows {
        let starts = chrono::DateTime::from_timestamp_millis(r.starts_at).unwrap_or_default();
        let mut event = Event::new();
        event
            .uid(&format!("meeting-{}@carrel", r.id))
            .summary(&td_string!(l, meetings.calendar.summary, name = with).to_string())
            .starts(starts)
            .ends(starts + chrono::Duration::minutes(r.minutes))
            .description(&format!("{}\n\n{}", r.mode.label_in(lang), r.agenda))
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

/// One meeting as a calendar file, for one of its pair, in `lang` (the
/// language of the request that downloads it).
pub async fn ics(db: &Db, user_id: i64, id: i64, lang: Lang) -> Result<String, AppError> {
    let (row, p) = meeting_pair(db, user_id, id).await?;
    let with = p.name_of(p.other(user_id)).to_owned();
    let name = td_string!(lang.locale(), meetings.calendar.single_name);
    Ok(calendar(vec![(row, with)], name, lang))
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
    // A calendar app fetches the feed without cookies: the owner's language.
    let lang = language_of(db.pool(), user_id).await?;
    let name = td_string!(lang.locale(), meetings.calendar.feed_name);
    Ok(calendar(out, name, lang))
}
