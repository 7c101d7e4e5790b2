//! Meeting types shared by server and browser, and the rules for a proposal.

use crate::choices::choices;
use crate::dates::DAY_MS;
use serde::{Deserialize, Serialize};

choices! {
    Mode in meetings.mode {
        Video = ("video", video),
        Phone = ("phone", phone),
        InPerson = ("in_person", in_person),
    }
}

choices! {
    MeetingState in meetings.meeting_state {
        Proposed = ("proposed", proposed),
        Accepted = ("accepted", accepted),
        Cancelled = ("cancelled", cancelled),
        Replaced = ("replaced", replaced),
    }
}

/// The programs ask for 24–48 hours' notice of a cancellation.
pub const SHORT_NOTICE_MS: i64 = 48 * 3_600_000;

/// How long a meeting may last, in minutes, as the form offers it.
pub const DURATIONS: &[&str] = &["30", "45", "60", "90"];

/// When to be reminded, in minutes before the start.
pub const REMINDERS: &[&str] = &["1440", "120", "2880"];

/// A duration's words in the reader's language.
pub fn duration_label(minutes: &str) -> &'static str {
    match minutes {
        "30" => crate::tr!(meetings.durations.m30),
        "45" => crate::tr!(meetings.durations.m45),
        "60" => crate::tr!(meetings.durations.m60),
        _ => crate::tr!(meetings.durations.m90),
    }
}

/// A reminder's words in the reader's language.
pub fn reminder_label(minutes: &str) -> &'static str {
    match minutes {
        "1440" => crate::tr!(meetings.reminders.m1440),
        "120" => crate::tr!(meetings.reminders.m120),
        _ => crate::tr!(meetings.reminders.m2880),
    }
}

/// One meeting as one of the pair sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub id: i64,
    pub mentorship_id: i64,
    pub proposed_by_me: bool,
    pub proposer_name: String,
    pub starts_at: i64,
    /// The zone the proposer gave the time in, and the time as they gave it.
    pub time_zone: String,
    pub local_time: String,
    pub minutes: i64,
    pub mode: Mode,
    pub place: String,
    pub agenda: String,
    pub state: MeetingState,
    /// Starting within 48 hours: cancelling now is short notice.
    pub short_notice: bool,
    pub past: bool,
}

/// A mentorship's meetings and what the propose form needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meetings {
    pub meetings: Vec<Meeting>,
    /// The caller's own time zone from their profile, the form's default.
    pub my_time_zone: String,
    /// The caller's private calendar feed, once they asked for it.
    pub feed_path: Option<String>,
    pub can_propose: bool,
}

/// A proposal after checking.
pub struct NewMeeting {
    pub starts_at: i64,
    pub time_zone: String,
    pub minutes: i64,
    pub mode: Mode,
    pub place: String,
    pub agenda: String,
    pub remind_minutes: i64,
}

/// The proposal form as posted.
pub struct MeetingForm<'a> {
    /// `2026-12-01T15:00`, as a datetime-local input posts it.
    pub starts: &'a str,
    pub time_zone: &'a str,
    pub minutes: &'a str,
    pub mode: &'a str,
    pub place: &'a str,
    pub agenda: &'a str,
    pub remind_minutes: &'a str,
}

/// `2026-12-01T15:00` → (date, hour, minute).
pub fn parse_local(s: &str) -> Option<(i32, u8, u8, u8, u8)> {
    let (date, time) = s
        .trim()
        .split_once('T')
        .or_else(|| s.trim().split_once(' '))?;
    let mut d = date.splitn(3, '-');
    let year = d.next()?.parse().ok()?;
    let month = d.next()?.parse().ok()?;
    let day = d.next()?.parse().ok()?;
    let mut t = time.splitn(3, ':');
    let hour = t.next()?.parse().ok()?;
    let minute = t.next()?.parse().ok()?;
    Some((year, month, day, hour, minute))
}

/// Checks a proposal; `to_utc` turns a local time in a zone into UTC
/// milliseconds (None: no such zone, or a time the clocks skip).
pub fn parse_meeting(
    form: &MeetingForm<'_>,
    now: i64,
    to_utc: impl Fn((i32, u8, u8, u8, u8), &str) -> Option<i64>,
) -> Result<NewMeeting, crate::error::FieldErrors> {
    let mut errors = crate::error::FieldErrors::new()
        .keep("starts", form.starts)
        .keep("time_zone", form.time_zone)
        .keep("minutes", form.minutes)
        .keep("mode", form.mode)
        .keep("place", form.place)
        .keep("agenda", form.agenda)
        .keep("remind_minutes", form.remind_minutes);
    let zone = form.time_zone.trim();
    let starts = match parse_local(form.starts) {
        None => {
            errors.add("starts", crate::tr!(meetings.errors.starts));
            None
        }
        Some(local) => match to_utc(local, zone) {
            None => {
                errors.add("time_zone", crate::tr!(meetings.errors.time_zone));
                None
            }
            Some(at) if at <= now => {
                errors.add("starts", crate::tr!(meetings.errors.past));
                None
            }
            Some(at) if at > now + 366 * DAY_MS => {
                errors.add("starts", crate::tr!(meetings.errors.too_far));
                None
            }
            Some(at) => Some(at),
        },
    };
    let minutes = DURATIONS
        .iter()
        .find(|v| **v == form.minutes)
        .and_then(|v| v.parse::<i64>().ok());
    let minutes = errors.parsed(
        "minutes",
        minutes.ok_or(crate::tr!(meetings.errors.minutes)),
    );
    let mode = errors.parsed(
        "mode",
        Mode::from_slug(form.mode).ok_or(crate::tr!(meetings.errors.mode)),
    );
    let place = form.place.trim().to_owned();
    if place.chars().count() > 300 {
        errors.add("place", crate::tr!(meetings.errors.place_long));
    } else if mode == Some(Mode::Video)
        && !place.is_empty()
        && !(place.starts_with("https://") || place.starts_with("http://"))
    {
        errors.add("place", crate::tr!(meetings.errors.video_link));
    }
    let agenda = form.agenda.trim().to_owned();
    if agenda.chars().count() > 2000 {
        errors.add("agenda", crate::tr!(meetings.errors.agenda_long));
    }
    let remind = REMINDERS
        .iter()
        .find(|v| **v == form.remind_minutes)
        .and_then(|v| v.parse::<i64>().ok());
    let remind = errors.parsed(
        "remind_minutes",
        remind.ok_or(crate::tr!(meetings.errors.remind)),
    );
    match (starts, minutes, mode, remind) {
        (Some(starts_at), Some(minutes), Some(mode), Some(remind_minutes)) if errors.is_empty() => {
            Ok(NewMeeting {
                starts_at,
                time_zone: zone.to_owned(),
                minutes,
                mode,
                place,
                agenda,
                remind_minutes,
            })
        }
        _ => Err(errors),
    }
}
