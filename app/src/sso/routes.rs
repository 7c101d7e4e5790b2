//! The two requests of a sign-in through a provider, outside server functions
//! because they are browser navigations: `POST /auth/sso/{slug}/start` sends
//! the browser to the provider, `GET /auth/sso/{slug}/callback` takes its
//! answer. Failures come back to `/login?sso=…` with a plain sentence.

use super::{
    client::{Claims, Pending, Sso, SsoError},
    store,
};
use crate::{
    accounts::{
        model::LocalPath,
        store::{begin_session, confirm_email, find_by_email, find_user, session_user},
    },
    dates::now_ms,
    db::Db,
    error::AppError,
    programs::imports::accept_invitations,
};
use axum::{
    extract::{Path, Query, State},
    http::{header, request::Parts},
    response::{IntoResponse, Redirect, Response},
    Form,
};
use serde::Deserialize;
use std::sync::Arc;
use tower_sessions::Session;

const PENDING_KEY: &str = "sso_pending";
/// The verified claims of a first sign-in waiting on `/signup/sso`, kept in
/// the session (server-side), never in the browser.
pub const JOINING_KEY: &str = "sso_joining";

#[derive(Deserialize)]
pub struct StartForm {
    next: Option<String>,
    /// Set by the settings page: link this provider to the signed-in member.
    link: Option<String>,
}

fn failed(code: &str) -> Response {
    Redirect::to(&format!("/login?sso={code}")).into_response()
}

fn session_failed(e: tower_sessions::session::Error) -> Response {
    tracing::error!(error = %e, "session store error during single sign-on");
    AppError::Internal.into_response()
}

pub async fn start(
    State(sso): State<Arc<Sso>>,
    State(db): State<Db>,
    session: Session,
    Path(slug): Path<String>,
    Form(form): Form<StartForm>,
) -> Response {
    let linking = match form.link {
        Some(_) => match session_user(&db, &session).await {
            Ok(Some(me)) => Some(me.id),
            Ok(None) => return Redirect::to("/login?next=/settings").into_response(),
            Err(e) => return e.into_response(),
        },
        None => None,
    };
    let next = LocalPath::parse(form.next.as_deref()).as_str().to_owned();
    match sso.start(&slug, next, linking).await {
        Ok((url, pending)) => match session.insert(PENDING_KEY, pending).await {
            Ok(()) => Redirect::to(&url).into_response(),
            Err(e) => session_failed(e),
        },
        Err(SsoError::Unknown(_)) => AppError::NotFound.into_response(),
        Err(e) => {
            tracing::warn!(provider = %slug, error = %e, "single sign-on could not start");
            failed("unavailable")
        }
    }
}

#[derive(Deserialize)]
pub struct Answer {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

pub async fn callback(
    State(sso): State<Arc<Sso>>,
    State(db): State<Db>,
    session: Session,
    Path(slug): Path<String>,
    Query(answer): Query<Answer>,
    parts: Parts,
) -> Response {
    // The state is used once: a replayed or forged answer finds none.
    let pending: Option<Pending> = match session.remove(PENDING_KEY).await {
        Ok(p) => p,
        Err(e) => return session_failed(e),
    };
    let Some(pending) =
        pending.filter(|p| p.slug == slug && answer.state.as_deref() == Some(p.state.as_str()))
    else {
        return failed("state");
    };
    if answer.error.is_some() {
        return failed("denied");
    }
    let Some(code) = answer.code else {
        return failed("provider");
    };
    let claims = match sso.finish(&pending, &code).await {
        Ok(c) => c,
        Err(e) => {
            tracing::warn!(provider = %slug, error = %e, "single sign-on refused");
            return failed("provider");
        }
    };
    match arrive(&db, &session, &parts, &pending, claims).await {
        Ok(to) => {
            let mut res = Redirect::to(&to).into_response();
            // A member's chosen language follows them to this browser.
            if let Ok(Some(lang)) = session_user(&db, &session)
                .await
                .map(|u| u.and_then(|u| u.language))
            {
                res.headers_mut().append(
                    header::SET_COOKIE,
                    crate::language::request::cookie(lang, sso.over_https()),
                );
            }
            res
        }
        // A member linking from settings hears back there.
        Err(Arrival::Failed(code)) if pending.linking.is_some() => {
            Redirect::to(&format!("/settings?sso={code}#sso-heading")).into_response()
        }
        Err(Arrival::Failed(code)) => failed(code),
        Err(Arrival::Error(e)) => e.into_response(),
    }
}

enum Arrival {
    Failed(&'static str),
    Error(AppError),
}

impl From<AppError> for Arrival {
    fn from(e: AppError) -> Self {
        Arrival::Error(e)
    }
}

impl From<sqlx::Error> for Arrival {
    fn from(e: sqlx::Error) -> Self {
        Arrival::Error(e.into())
    }
}

/// Who the verified claims are at Carrel, and where they go next: an account
/// linked to them, the member linking them, an account whose address the
/// provider confirmed, or a new member (after `/signup/sso`).
async fn arrive(
    db: &Db,
    session: &Session,
    parts: &Parts,
    pending: &Pending,
    claims: Claims,
) -> Result<String, Arrival> {
    let now = now_ms();
    let known = store::member_for(db, &claims.slug, &claims.subject).await?;
    let email = claims.email.clone().unwrap_or_default();
    if let Some(me) = pending.linking {
        // Linking never signs the browser in as someone else.
        return match known {
            Some(owner) if owner == me => Ok("/settings?linked=1#sso-heading".to_owned()),
            Some(_) => Err(Arrival::Failed("taken")),
            None => {
                let mut conn = db.pool().acquire().await.map_err(AppError::from)?;
                if !store::link(&mut conn, &claims.slug, &claims.subject, me, &email, now).await? {
                    return Err(Arrival::Failed("taken"));
                }
                Ok("/settings?linked=1#sso-heading".to_owned())
            }
        };
    }
    if let Some(user_id) = known {
        if find_user(db, user_id).await?.is_none() {
            return Err(Arrival::Failed("disabled"));
        }
        begin_session(session, user_id, Some(parts)).await?;
        return Ok(pending.next.clone());
    }
    if email.is_empty() {
        return Err(Arrival::Failed("noemail"));
    }
    if let Some(existing) = find_by_email(db, &email).await? {
        // An address alone proves nothing: only one the provider vouches for.
        if !claims.email_verified {
            return Err(Arrival::Failed("unverified"));
        }
        if find_user(db, existing.id).await?.is_none() {
            return Err(Arrival::Failed("disabled"));
        }
        let mut tx = db.pool().begin().await.map_err(AppError::from)?;
        if !store::link(
            &mut tx,
            &claims.slug,
            &claims.subject,
            existing.id,
            &email,
            now,
        )
        .await?
        {
            return Err(Arrival::Failed("taken"));
        }
        if !existing.email_verified {
            confirm_email(&mut tx, existing.id, &existing.email, now).await?;
        }
        tx.commit().await.map_err(AppError::from)?;
        if !existing.email_verified {
            accept_invitations(db, existing.id, &existing.email, now).await?;
        }
        begin_session(session, existing.id, Some(parts)).await?;
        return Ok(pending.next.clone());
    }
    session.insert(JOINING_KEY, claims).await.map_err(|e| {
        tracing::error!(error = %e, "session store error during single sign-on");
        Arrival::Error(AppError::Internal)
    })?;
    Ok(format!(
        "/signup/sso?next={}",
        form_urlencoded::byte_serialize(pending.next.as_bytes()).collect::<String>()
    ))
}
