//! "Download my data": everything Carrel holds about a member, as JSON. Each
//! section is one query over the member's own rows (and, for their threads,
//! the other member's messages); rows become JSON column by column, so a
//! column added to a table appears in the export without code here.

use crate::{accounts::model::CurrentUser, dates::iso, db::Db, error::AppError};
use axum::{
    extract::State,
    http::header,
    response::{IntoResponse, Response},
};
use serde_json::{json, Map, Value};
use sqlx::{any::AnyRow, Column, Row};

/// Mentorships the member is in, for the sections about them.
const MINE: &str = "SELECT id FROM mentorships WHERE mentor_id = $1 OR mentee_id = $1";

/// (section, what it is, query with `$1` = the member's id).
const SECTIONS: &[(&str, &str, &str)] = &[
    (
        "account",
        "Your account. Your password is stored only as a one-way hash and is not included.",
        "SELECT id, email, display_name, site_role, created_at, conduct_accepted_at,
                email_verified_at, last_seen_at
         FROM users WHERE id = $1",
    ),
    ("profile", "Your profile.", "SELECT * FROM profiles WHERE user_id = $1"),
    (
        "profile_tags",
        "Your profile's lists: languages, focus areas, ways to meet, interests.",
        "SELECT kind, value FROM profile_tags WHERE user_id = $1 ORDER BY kind, position",
    ),
    (
        "shortlist",
        "Mentors you saved.",
        "SELECT s.mentor_id, u.display_name AS mentor_name FROM shortlist s
         JOIN users u ON u.id = s.mentor_id WHERE s.user_id = $1",
    ),
    (
        "mentorships",
        "Your mentorships and requests, as mentor or mentee.",
        "SELECT m.*, mentor.display_name AS mentor_name, mentee.display_name AS mentee_name
         FROM mentorships m
         JOIN users mentor ON mentor.id = m.mentor_id
         JOIN users mentee ON mentee.id = m.mentee_id
         WHERE m.mentor_id = $1 OR m.mentee_id = $1 ORDER BY m.id",
    ),
    (
        "mentorship_history",
        "What happened in each of your mentorships. The other member's notes to coordinators are not yours and are left out.",
        "SELECT e.id, e.mentorship_id, e.actor_id, e.from_state, e.to_state, e.reason,
                CASE WHEN e.note_private = 1 AND (e.actor_id IS NULL OR e.actor_id <> $1)
                     THEN '' ELSE e.note END AS note,
                e.note_private, e.at
         FROM mentorship_events e WHERE e.mentorship_id IN (MINE) ORDER BY e.id",
    ),
    (
        "messages",
        "Every message in your threads: yours and the other member's.",
        "SELECT msg.id, msg.mentorship_id, msg.sender_id, u.display_name AS sender_name,
                msg.body, msg.sent_at
         FROM messages msg JOIN users u ON u.id = msg.sender_id
         WHERE msg.mentorship_id IN (MINE) ORDER BY msg.id",
    ),
    (
        "meetings",
        "Meetings in your mentorships.",
        "SELECT * FROM meetings WHERE mentorship_id IN (MINE) ORDER BY id",
    ),
    (
        "goals",
        "Goals in your mentorships.",
        "SELECT * FROM goals WHERE mentorship_id IN (MINE) ORDER BY id",
    ),
    (
        "goal_notes",
        "Notes on those goals.",
        "SELECT n.* FROM goal_notes n JOIN goals g ON g.id = n.goal_id
         WHERE g.mentorship_id IN (MINE) ORDER BY n.id",
    ),
    (
        "checkins",
        "Monthly check-ins about your mentorships.",
        "SELECT * FROM checkins WHERE mentorship_id IN (MINE) ORDER BY mentorship_id, month",
    ),
    (
        "assignment_requests",
        "Times you asked a coordinator to find you a mentor.",
        "SELECT * FROM assignment_requests WHERE mentee_id = $1 ORDER BY id",
    ),
    (
        "enrolments",
        "Program cycles you enrolled in.",
        "SELECT e.*, c.name AS cycle_name, p.name AS program_name
         FROM enrolments e JOIN cycles c ON c.id = e.cycle_id JOIN programs p ON p.id = c.program_id
         WHERE e.user_id = $1 ORDER BY e.enrolled_at",
    ),
    (
        "programs_coordinated",
        "Programs you coordinate.",
        "SELECT p.slug, p.name FROM program_coordinators c JOIN programs p ON p.id = c.program_id
         WHERE c.user_id = $1",
    ),
    (
        "topics",
        "Discussion topics you scheduled as a coordinator.",
        "SELECT * FROM topics WHERE created_by = $1 ORDER BY id",
    ),
    (
        "feedback",
        "When you were asked for feedback and whether you answered. Answers are stored without your name, so they cannot be told apart from others' and are not here.",
        "SELECT * FROM feedback_requests WHERE user_id = $1",
    ),
    (
        "letters",
        "Recognition letters you asked for.",
        "SELECT id, code, cycle_id, state, requested_at, decided_at, mentor_name, body
         FROM letters WHERE mentor_id = $1 ORDER BY id",
    ),
    (
        "notifications",
        "Your notifications.",
        "SELECT kind, text, link, created_at, read_at FROM notifications WHERE user_id = $1 ORDER BY id",
    ),
    (
        "blocks",
        "Members you blocked.",
        "SELECT blocked_id, created_at FROM blocks WHERE blocker_id = $1",
    ),
    (
        "reports",
        "Conduct reports you made.",
        "SELECT * FROM conduct_reports WHERE reporter_id = $1 ORDER BY id",
    ),
    (
        "organisations",
        "Your organisation accounts you sign in with.",
        "SELECT provider, subject, email, linked_at FROM external_identities WHERE user_id = $1",
    ),
    (
        "sessions",
        "Where you are signed in.",
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

/// Everything Carrel holds about `user_id`.
pub async fn export(db: &Db, user_id: i64, now: i64) -> Result<Value, AppError> {
    let mut sections = Map::new();
    for (name, about, sql) in SECTIONS {
        let rows = sqlx::query(&sql.replace("MINE", MINE))
            .bind(user_id)
            .fetch_all(db.pool())
            .await?;
        sections.insert(
            (*name).to_owned(),
            json!({ "about": about, "rows": rows.iter().map(object).collect::<Vec<_>>() }),
        );
    }
    Ok(json!({
        "exported_at": iso(now),
        "about": "Everything Carrel holds about you. Times are milliseconds since 1970-01-01 UTC.",
        "sections": sections,
    }))
}

/// `GET /settings/my-data.json`, for the signed-in member only.
pub async fn my_data(State(db): State<Db>, me: Result<CurrentUser, AppError>) -> Response {
    let now = crate::dates::now_ms();
    let result = async { export(&db, me?.id, now).await }.await;
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
