//! The accounts server functions: sign up, sign in, sign out, who am I.
//! Each one checks the caller itself; see `store::current_user`.

use super::model::CurrentUser;
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::{
        model::{DisplayName, Email, LocalPath, NewPassword, SiteRole},
        store,
    },
    crate::{
        dates::now_ms,
        db::use_db,
        error::FieldErrors,
        security::limits::{self, Action},
    },
};

/// The signed-in member, or `None` for a visitor (who learns nothing else).
#[server(endpoint = "accounts/current_user")]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    store::current_user().await
}

/// Creates an account and signs it in. `accept_conduct` is the checkbox's value,
/// absent when unticked.
#[server(endpoint = "accounts/sign_up")]
pub async fn sign_up(
    email: String,
    display_name: String,
    password: String,
    accept_conduct: Option<String>,
    next: Option<String>,
) -> Result<(), AppError> {
    if store::current_user().await?.is_some() {
        return Err(AppError::forbidden(
            "You are already signed in. Sign out before creating another account.",
        ));
    }
    limits::check(Action::SignUp, None)?;
    let mut errors = FieldErrors::new()
        .keep("email", &email)
        .keep("display_name", &display_name);
    let password = NewPassword::parse(&password, &[&email, &display_name])
        .map_err(|m| errors.add("password", m))
        .ok();
    let email = Email::parse(&email)
        .map_err(|m| errors.add("email", m))
        .ok();
    let name = DisplayName::parse(&display_name)
        .map_err(|m| errors.add("display_name", m))
        .ok();
    if accept_conduct.is_none() {
        errors.add(
            "accept_conduct",
            "Please read and accept the code of conduct to join.",
        );
    }
    let (Some(email), Some(name), Some(password)) = (email, name, password) else {
        return Err(AppError::Invalid(errors));
    };
    errors.into_result()?;

    let hash = store::hash_password(&password).await?;
    let db = use_db()?;
    let user = match store::create_user(db.pool(), &email, &name, &hash, SiteRole::Member).await {
        Ok(user) => user,
        Err(store::CreateUserError::EmailTaken) => {
            let mut errors = FieldErrors::new()
                .keep("email", email.as_str())
                .keep("display_name", name.as_str());
            errors.add(
                "email",
                "An account with this email already exists. Sign in instead?",
            );
            return Err(AppError::Invalid(errors));
        }
        Err(store::CreateUserError::Db(e)) => return Err(e.into()),
    };
    store::start_session(&user).await?;
    // Coordinators may have imported this address into a cycle already.
    let enrolled =
        crate::programs::imports::accept_invitations(&db, user.id, email.as_str(), now_ms())
            .await?;
    tracing::info!(user_id = user.id, enrolled, "account created");
    leptos_axum::redirect(LocalPath::parse(next.as_deref()).as_str());
    Ok(())
}

/// Signs in with email and password. A wrong email and a wrong password get the
/// same answer, so the form does not reveal who has an account. Each client
/// address is rate limited, and after `store::FREE_FAILURES` failures for one
/// email it waits longer before each further try for that email.
#[server(endpoint = "accounts/sign_in")]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    limits::check(Action::SignIn, None)?;
    let db = use_db()?;
    let client = limits::client_ip()
        .map(|ip| ip.to_string())
        .unwrap_or_default();
    match store::sign_in_wait(&db, &email, &client).await? {
        0 => {}
        wait => return Err(AppError::TooManyAttempts(wait)),
    }
    let Some(user) = store::check_credentials(&db, &email, &password).await? else {
        store::record_failure(&db, &email, &client).await?;
        let mut errors = FieldErrors::new().keep("email", &email);
        errors.add("form", "That email and password do not match an account.");
        return Err(AppError::Invalid(errors));
    };
    store::clear_failures(&db, &email, &client).await?;
    store::start_session(&user).await?;
    leptos_axum::redirect(LocalPath::parse(next.as_deref()).as_str());
    Ok(())
}

/// Ends the session everywhere it was copied to (it is deleted from the store).
#[server(endpoint = "accounts/sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    store::require_user().await?;
    store::end_session().await?;
    leptos_axum::redirect("/");
    Ok(())
}
