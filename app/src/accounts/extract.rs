//! `CurrentUser` as an axum extractor, for the handlers outside server
//! functions (the message stream, calendar, letter and report files): one
//! session lookup, the same one server functions make through `current_user`.

use super::{model::CurrentUser, store::session_user};
use crate::{db::Db, error::AppError};
use axum::{
    extract::{FromRef, FromRequestParts},
    http::request::Parts,
};
use tower_sessions::Session;

/// A signed-out visitor is refused with `AppError::Unauthenticated`, a failed
/// lookup with its error. A handler that answers them its own way, or checks its
/// path first, takes `Result<CurrentUser, AppError>`.
impl<S> FromRequestParts<S> for CurrentUser
where
    Db: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let session = Session::from_request_parts(parts, state)
            .await
            .map_err(|(_, why)| {
                tracing::error!(error = why, "no session layer on this request");
                AppError::Internal
            })?;
        session_user(&Db::from_ref(state), &session)
            .await?
            .ok_or(AppError::Unauthenticated)
    }
}
