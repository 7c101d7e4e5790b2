//! Reports for a program's coordinators: enrolment, matches by focus area,
//! activity over time and check-in states, from counts and timestamps only;
//! and the same tables as CSV (`GET /programs/{slug}/reports/{table}.csv`).

use super::{
    model::{CheckinState, Report},
    store,
};
use crate::dates::{month_of, months_between, DAY_MS};
use crate::{
    accounts::model::CurrentUser, audit::model::Action, db::Db, error::AppError, i18n::td_string,
    language::Lang, security::sheet::Sheet,
};
use axum::{
    extract::{Path, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};

/// How many months of activity a report covers.
const MONTHS: i64 = 12;

/// The report, its check-in answers worded in `lang`.
pub async fn report(db: &Db, lang: Lang, program_id: i64, now: i64) -> Result<Report, AppError> {
    let enrolment: Vec<(String, i64, i64, i64)> = sqlx::query_as(
        "SELECT c.name,
            (SELECT COUNT(*) FROM enrolments e WHERE e.cycle_id = c.id AND e.role = 'mentor'),
            (SELECT COUNT(*) FROM enrolments e WHERE e.cycle_id = c.id AND e.role = 'mentee'),
            c.capacity
         FROM cycles c WHERE c.program_id = $1 ORDER BY c.starts_on",
    )
    .bind(program_id)
    .fetch_all(db.pool())
    .await?;
    let matches: Vec<(String, i64)> = sqlx::query_as(
        "SELECT f.label, COUNT(m.id) FROM mentorships m
         JOIN cycles c ON c.id = m.cycle_id JOIN focus_areas f ON f.slug = m.focus
         WHERE c.program_id = $1 AND m.state IN ('accepted', 'completed', 'ended')
         GROUP BY f.label, f.position ORDER BY f.position",
    )
    .bind(program_id)
    .fetch_all(db.pool())
    .await?;
    let since = now - MONTHS * 31 * DAY_MS;
    let message_times: Vec<(i64,)> = sqlx::query_as(
        "SELECT s.sent_at FROM messages s JOIN mentorships m ON m.id = s.mentorship_id
         JOIN cycles c ON c.id = m.cycle_id
         WHERE c.program_id = $1 AND s.topic_id IS NULL AND s.sent_at >= $2",
    )
    .bind(program_id)
    .bind(since)
    .fetch_all(db.pool())
    .await?;
    let meeting_times: Vec<(i64,)> = sqlx::query_as(
        "SELECT t.starts_at FROM meetings t JOIN mentorships m ON m.id = t.mentorship_id
         JOIN cycles c ON c.id = m.cycle_id
         WHERE c.program_id = $1 AND t.state = 'accepted' AND t.starts_at >= $2 AND t.starts_at <= $3",
    )
    .bind(program_id)
    .bind(since)
    .bind(now)
    .fetch_all(db.pool())
    .await?;
    // The last twelve months, oldest first, each counted even when empty.
    let mut months = months_between(since, now);
    let months: Vec<String> = months.split_off(months.len().saturating_sub(MONTHS as usize));
    let activity = months
        .into_iter()
        .map(|m| {
            let messages = message_times
                .iter()
                .filter(|(t,)| month_of(*t) == m)
                .count() as i64;
            let meetings = meeting_times
                .iter()
                .filter(|(t,)| month_of(*t) == m)
                .count() as i64;
            (m, messages, meetings)
        })
        .collect();
    let states: Vec<(CheckinState, i64)> = sqlx::query_as(
        "SELECT k.state, COUNT(*) FROM checkins k JOIN mentorships m ON m.id = k.mentorship_id
         JOIN cycles c ON c.id = m.cycle_id
         WHERE c.program_id = $1 AND k.month = $2 GROUP BY k.state",
    )
    .bind(program_id)
    .bind(month_of(now))
    .fetch_all(db.pool())
    .await?;
    let checkins = CheckinState::ALL
        .iter()
        .map(|s| {
            let n = states.iter().find(|(k, _)| k == s).map_or(0, |(_, n)| *n);
            (s.label_in(lang).to_owned(), n)
        })
        .collect();
    Ok(Report {
        month: month_of(now),
        enrolment,
        matches,
        activity,
        checkins,
    })
}

/// One of the report's tables as CSV, its headers in `lang`.
pub fn csv(lang: Lang, report: &Report, table: &str) -> Option<String> {
    let l = lang.locale();
    macro_rules! head {
        ($($key:tt)*) => { td_string!(l, $($key)*) };
    }
    let mut sheet = Sheet::new();
    let result = match table {
        "enrolment" => sheet
            .row([
                head!(programs.csv.cycle),
                head!(programs.csv.mentors),
                head!(programs.csv.mentees),
                head!(programs.csv.mentee_places),
            ])
            .and_then(|_| {
                report.enrolment.iter().try_for_each(|(c, r, e, p)| {
                    sheet.row([c.clone(), r.to_string(), e.to_string(), p.to_string()])
                })
            }),
        "matches" => sheet
            .row([head!(programs.csv.focus_area), head!(programs.csv.matches)])
            .and_then(|_| {
                report
                    .matches
                    .iter()
                    .try_for_each(|(f, n)| sheet.row([f.clone(), n.to_string()]))
            }),
        "activity" => sheet
            .row([
                head!(programs.csv.month),
                head!(programs.csv.messages),
                head!(programs.csv.meetings_held),
            ])
            .and_then(|_| {
                report
                    .activity
                    .iter()
                    .try_for_each(|(m, s, t)| sheet.row([m.clone(), s.to_string(), t.to_string()]))
            }),
        "checkins" => sheet
            .row([
                head!(programs.csv.checkin).to_owned(),
                head!(programs.csv.pairs_in, month = &report.month).to_string(),
            ])
            .and_then(|_| {
                report
                    .checkins
                    .iter()
                    .try_for_each(|(s, n)| sheet.row([s.clone(), n.to_string()]))
            }),
        _ => return None,
    };
    result.ok()?;
    sheet.finish()
}

/// `GET /programs/{slug}/reports/{table}.csv`, in the language of the
/// coordinator downloading it (a plain route: no page context to read it from).
pub async fn csv_file(
    State(db): State<Db>,
    me: Result<CurrentUser, AppError>,
    Path((slug, file)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let lang = crate::language::request::from_headers(&headers);
    let Some(table) = file.strip_suffix(".csv") else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let result = async {
        let me = me?;
        let program =
            store::coordinated_by(&db, &me, &slug, crate::tr!(programs.can.read_reports)).await?;
        let now = crate::dates::now_ms();
        let file = format!("{table}.csv");
        crate::audit::store::record(&db, me.id, Action::ReportRead, &slug, &file, now).await?;
        let report = report(&db, lang, program.id, now).await?;
        csv(lang, &report, table).ok_or(AppError::NotFound)
    }
    .await;
    match result {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{slug}-{table}.csv\""),
                ),
            ],
            body,
        )
            .into_response(),
        Err(e) => e.into_response(),
    }
}
