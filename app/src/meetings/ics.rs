//! Calendar files: `GET /meetings/{id}.ics` for one of the pair (by session)
//! and `GET /calendar/{token}.ics`, a member's private feed (by its token).

use super::store;
use crate::{accounts::model::CurrentUser, dates::now_ms, db::Db, error::AppError};
use axum::{
    extract::{Path, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};

fn calendar(result: Result<String, AppError>) -> Response {
    match result {
        Ok(ics) => (
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                (header::CACHE_CONTROL, "private, no-store"),
            ],
            ics,
        )
            .into_response(),
        Err(e) => e.into_response(),
    }
}

pub async fn meeting_file(
    State(db): State<Db>,
    user: Result<CurrentUser, AppError>,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> Response {
    let Some(id) = file
        .strip_suffix(".ics")
        .and_then(|id| id.parse::<i64>().ok())
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let user = match user {
        Ok(user) => user,
        Err(e) => return calendar(Err(e)),
    };
    // A download is in the language of the request that asks for it.
    let lang = crate::language::request::from_headers(&headers);
    calendar(store::ics(&db, user.id, id, lang).await)
}

pub async fn feed_file(State(db): State<Db>, Path(file): Path<String>) -> Response {
    let Some(token) = file.strip_suffix(".ics") else {
        return StatusCode::NOT_FOUND.into_response();
    };
    calendar(store::feed(&db, token, now_ms()).await)
}
