//! "Download my data": everything Carrel holds about a member, as JSON. Each
//! section is one query over the member's own rows (and, for their threads,
//! the other member's messages); rows become JSON column by column, so a
//! column added to a table appears in the export without code here.

use crate::{
    accounts::model::CurrentUser, dates::iso, db::Db, error::AppError, i18n::td_string,
    language::Lang,
};
use axum::{
    extract::State,
    http::{header, HeaderMap},
    response::{IntoResponse, Response},
};
use serde_json::{json, Map, Value};
use sqlx::{any::AnyRow, Column, Row};

/// Mentorships the member is in, for the sections about them.
const MINE: &str = "SELECT id FROM mentorships WHERE mentor_id = $1 OR mentee_id = $1";

/// A section: its name, what it is in a language, and its query with `$1` =
/// the member's id.
type Section = (&'static str, fn(Lang) -> &'static str, &'static str);

const SECTIONS: &[Section] = &[
    (
        "account",
        |l| td_string!(l.locale(), privacy.export.account),
        "SELECT id, email, display_name, site_role, created_at, conduct_accepted_at,
                email_verified_at, last_seen_at, language
         FROM users WHERE id = $1",
    ),
    (
        "profile",
        |l| td_string!(l.locale(), privacy.export.profile),
        "SELECT * FROM profiles WHERE user_id = $1",
    ),
    (
        "profile_tags",
        |l| td_string!(l.locale(), privacy.export.profile_tags),
        "SELECT kind, value FROM profile_tags WHERE user_id = $1 ORDER BY kind, position",
    ),
    (
        "shortlist",
        |l| td_string!(l.locale(), privacy.export.shortlist),
        "SELECT s.mentor_id, u.display_name AS mentor_name FROM shortlist s
         JOIN users u ON u.id = s.mentor_id WHERE s.user_id = $1",
    ),
    (
        "mentorships",
        |l| td_string!(l.locale(), privacy.export.mentorships),
        "SELECT m.*, mentor.display_name AS mentor_name, mentee.display_name AS mentee_name
         FROM mentorships m
         JOIN users mentor ON mentor.id = m.mentor_id
         JOIN users mentee ON mentee.id = m.mentee_id
         WHERE m.mentor_id = $1 OR m.mentee_id = $1 ORDER BY m.id",
    ),
    (
        "mentorship_history",
        |l| td_string!(l.locale(), privacy.export.mentorship_history),
        "SELECT e.id, e.mentorship_id, e.actor_id, e.from_state, e.to_state, e.reason,
                CASE WHEN e.note_private = 1 AND (e.actor_id IS NULL OR e.actor_id <> $1)
                     THEN '' ELSE e.note END AS note,
                e.note_private, e.at
         FROM mentorship_events e WHERE e.mentorship_id IN (MINE) ORDER BY e.id",
    ),
    (
        "messages",
        |l| td_string!(l.locale(), privacy.export.messages),
        "SELECT msg.id, msg.mentorship_id, msg.sender_id, u.display_name AS sender_name,
                msg.body, msg.sent_at
         FROM messages msg JOIN users u ON u.id = msg.sender_id
         WHERE msg.mentorship_id IN (MINE) ORDER BY msg.id",
    ),
    (
        "meetings",
        |l| td_string!(l.locale(), privacy.export.meetings),
        "SELECT * FROM meetings WHERE mentorship_id IN (MINE) ORDER BY id",
    ),
    (
        "goals",
        |l| td_string!(l.locale(), privacy.export.goals),
        "SELECT * FROM goals WHERE mentorship_id IN (MINE) ORDER BY id",
    ),
    (
        "goal_notes",
        |l| td_string!(l.locale(), privacy.export.goal_notes),
        "SELECT n.* FROM goal_notes n JOIN goals g ON g.id = n.goal_id
         WHERE g.mentorship_id IN (MINE) ORDER BY n.id",
    ),
    (
        "checkins",
        |l| td_string!(l.locale(), privacy.export.checkins),
        "SELECT * FROM checkins WHERE mentorship_id IN (MINE) ORDER BY mentorship_id, month",
    ),
    (
        "assignment_requests",
        |l| td_string!(l.locale(), privacy.export.assignment_requests),
        "SELECT * FROM assignment_requests WHERE mentee_id = $1 ORDER BY id",
    ),
    (
        "enrolments",
        |l| td_string!(l.locale(), privacy.export.enrolments),
        "SELECT e.*, c.name AS cycle_name, p.name AS program_name
         FROM enrolments e JOIN cycles c ON c.id = e.cycle_id JOIN programs p ON p.id = c.program_id
         WHERE e.user_id = $1 ORDER BY e.enrolled_at",
    ),
    (
        "programs_coordinated",
        |l| td_string!(l.locale(), privacy.export.programs_coordinated),
        "SELECT p.slug, p.name FROM program_coordinators c JOIN programs p ON p.id = c.program_id
         WHERE c.user_id = $1",
    ),
    (
        "topics",
        |l| td_string!(l.locale(), privacy.export.topics),
        "SELECT * FROM topics WHERE created_by = $1 ORDER BY id",
    ),
    (
        "feedback",
        |l| td_string!(l.locale(), privacy.export.feedback),
        "SELECT * FROM feedback_requests WHERE user_id = $1",
    ),
    (
        "letters",
        |l| td_string!(l.locale(), privacy.export.letters),
        "SELECT id, code, cycle_id, state, requested_at, decided_at, mentor_name, body
         FROM letters WHERE mentor_id = $1 ORDER BY id",
    ),
    (
        "notifications",
        |l| td_string!(l.locale(), privacy.export.notifications),
        "SELECT kind, text, link, created_at, read_at FROM notifications WHERE user_id = $1 ORDER BY id",
    ),
    (
        "blocks",
        |l| td_string!(l.locale(), privacy.export.blocks),
        "SELECT blocked_id, created_at FROM blocks WHERE blocker_id = $1",
    ),
    (
        "reports",
        |l| td_string!(l.locale(), privacy.export.reports),
        "SELECT * FROM conduct_reports WHERE reporter_id = $1 ORDER BY id",
    ),
    (
        "organisations",
        |l| td_string!(l.locale(), privacy.export.organisations),
        "SELECT provider, subject, email, linked_at FROM external_identities WHERE user_id = $1",
    ),
    (
        "sessions",
        |l| td_string!(l.locale(), privacy.export.sessions),
        "SELECT device, place, last_active_at, expires_at FROM sessions WHERE user_id = $1",
    ),
];

/// One column's value: an integer, a text, a number or null.
fn value(row: &AnyRow, i: usize) -> Value {
    if let Ok(v) = row.try_get::<Option<i64>, _>(i) {
        return v.map_or(Value::Null, Value::from);
    }
    if let Ok(v) = row.try_get::<Option<String>, _>(i) {
        return v.map_or(Value::Null, Value::from);
    }
    if let Ok(v) = row.try_get::<Option<f64>, _>(i) {
        return v.map_or(Value::Null, Value::from);
    }
    Value::Null
}

fn object(row: &AnyRow) -> Value {
    let mut out = Map::new();
    for (i, column) in row.columns().iter().enumerate() {
        out.insert(column.name().to_owned(), value(row, i));
    }
    Value::Object(out)
}

/// Everything Carrel holds about `user_id`, described in `lang`.
pub async fn export(db: &Db, user_id: i64, lang: Lang, now: i64) -> Result<Value, AppError> {
    let mut sections = Map::new();
    for (name, about, sql) in SECTIONS {
        let rows = sqlx::query(&sql.replace("MINE", MINE))
            .bind(user_id)
            .fetch_all(db.pool())
            .await?;
        sections.insert(
            (*name).to_owned(),
            json!({ "about": about(lang), "rows": rows.iter().map(object).collect::<Vec<_>>() }),
        );
    }
    Ok(json!({
        "exported_at": iso(now),
        "about": td_string!(lang.locale(), privacy.export.about),
        "sections": sections,
    }))
}

/// `GET /settings/my-data.json`, for the signed-in member only.
/// Described in the language the member reads Carrel in.
pub async fn my_data(
    State(db): State<Db>,
    headers: HeaderMap,
    me: Result<CurrentUser, AppError>,
) -> Response {
    let now = crate::dates::now_ms();
    let lang = crate::language::request::from_headers(&headers);
    let result = async { export(&db, me?.id, lang, now).await }.await;
    match result {
        Ok(data) => (
            [
                (header::CONTENT_TYPE, "application/json".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!(
                        "attachment; filename=\"carrel-my-data-{}.json\"",
                        crate::dates::iso_day(now)
                    ),
                ),
                (header::CACHE_CONTROL, "no-store".to_owned()),
            ],
            serde_json::to_string_pretty(&data).unwrap_or_default(),
        )
            .into_response(),
        Err(e) => e.into_response(),
    }
}
