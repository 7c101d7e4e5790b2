//! The accounts server functions: sign up, sign in, sign out, who am I; the
//! links that confirm an address and reset a password; and the settings a
//! member changes. Each one checks the caller itself; see `store::current_user`.

use super::model::{AccountSettings, CurrentUser};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::{
        model::{DisplayName, Email, LocalPath, NewPassword, SiteRole},
        sessions, store,
        tokens::{self, Purpose, Token},
    },
    crate::{
        dates::now_ms,
        db::{is_unique_violation, use_db},
        error::FieldErrors,
        i18n::td_string,
        notifications::store::{queue_email, queue_secret_email, SecretEmail},
        programs::imports::accept_invitations,
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
        return Err(AppError::forbidden(crate::tr!(
            accounts.sign_up.already_signed_in
        )));
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
        errors.add("accept_conduct", crate::tr!(accounts.conduct.required));
    }
    let (Some(email), Some(name), Some(password)) = (email, name, password) else {
        return Err(AppError::Invalid(errors));
    };
    errors.into_result()?;

    let hash = store::hash_password(&password).await?;
    let db = use_db()?;
    let mut tx = db.pool().begin().await?;
    let user = match store::create_user(
        &mut *tx,
        &email,
        &name,
        &hash,
        SiteRole::Member,
        false,
        crate::language::current(),
    )
    .await
    {
        Ok(user) => user,
        Err(store::CreateUserError::EmailTaken) => {
            let mut errors = FieldErrors::new()
                .keep("email", email.as_str())
                .keep("display_name", name.as_str());
            errors.add("email", crate::tr!(accounts.sign_up.email_taken));
            return Err(AppError::Invalid(errors));
        }
        Err(store::CreateUserError::Db(e)) => return Err(e.into()),
    };
    // A new account's allowance is unspent, so the link is always sent.
    send_link(&mut tx, &user, email.as_str(), Purpose::Verify, now_ms()).await?;
    tx.commit().await?;
    store::start_session(&user).await?;
    tracing::info!(user_id = user.id, "account created");
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
        errors.add("form", crate::tr!(accounts.sign_in.no_match));
        return Err(AppError::Invalid(errors));
    };
    store::clear_failures(&db, &email, &client).await?;
    // Said only to whoever knows the password.
    if store::find_user(&db, user.id).await?.is_none() {
        return Err(AppError::forbidden(crate::tr!(accounts.sign_in.disabled)));
    }
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

/// Emails `address` a single-use link for `purpose`, in the caller's
/// transaction. False when the member was sent too many this hour.
#[cfg(feature = "ssr")]
pub async fn send_link(
    conn: &mut sqlx::AnyConnection,
    to: &CurrentUser,
    address: &str,
    purpose: Purpose,
    now: i64,
) -> Result<bool, AppError> {
    let Some(token) = tokens::issue(conn, to.id, purpose, address, now).await? else {
        return Ok(false);
    };
    // Written to the member themselves, in their language.
    let l = to.language.unwrap_or_default().locale();
    let (subject, body, link) = match purpose {
        Purpose::Verify => (
            td_string!(l, accounts.email.verify_subject),
            td_string!(l, accounts.email.verify_body),
            format!("/verify-email/{token}"),
        ),
        Purpose::Reset => (
            td_string!(l, accounts.email.reset_subject),
            td_string!(l, accounts.email.reset_body),
            format!("/reset-password/{token}"),
        ),
    };
    queue_secret_email(
        conn,
        SecretEmail {
            to_address: address,
            to_name: &to.display_name,
            subject,
            body,
            link: &link,
        },
        now,
    )
    .await?;
    Ok(true)
}

#[cfg(feature = "ssr")]
fn dead_link(purpose: Purpose) -> AppError {
    AppError::form(match purpose {
        Purpose::Verify => crate::tr!(accounts.verify.dead_link),
        Purpose::Reset => crate::tr!(accounts.reset.dead_link),
    })
}

/// Asks for a new link to confirm my address.
#[server(endpoint = "accounts/resend_verification")]
pub async fn resend_verification() -> Result<(), AppError> {
    let me = store::require_user().await?;
    if !me.email_verified {
        limits::check(Action::Recover, Some(me.id))?;
        let db = use_db()?;
        let mut tx = db.pool().begin().await?;
        if !send_link(&mut tx, &me, &me.email, Purpose::Verify, now_ms()).await? {
            return Err(AppError::form(crate::tr!(accounts.verify.several_sent)));
        }
        tx.commit().await?;
    }
    leptos_axum::redirect("/settings?sent=verify");
    Ok(())
}

/// Confirms the address a link was sent to. Anyone holding the link may use
/// it (it may be opened on another device); it works once.
#[server(endpoint = "accounts/verify_email")]
pub async fn verify_email(token: String) -> Result<(), AppError> {
    let token = Token::parse(&token).ok_or_else(|| dead_link(Purpose::Verify))?;
    let db = use_db()?;
    let now = now_ms();
    let mut tx = db.pool().begin().await?;
    let Some((user_id, email)) = tokens::consume(&mut tx, Purpose::Verify, &token, now).await?
    else {
        return Err(dead_link(Purpose::Verify));
    };
    match store::confirm_email(&mut tx, user_id, &email, now).await {
        Err(e) if is_unique_violation(&e) => {
            return Err(AppError::conflict(crate::tr!(
                accounts.verify.address_taken
            )))
        }
        other => other?,
    }
    tx.commit().await?;
    // Coordinators may have imported this address into a cycle already.
    let enrolled = accept_invitations(&db, user_id, &email, now).await?;
    tracing::info!(user_id, enrolled, "email address confirmed");
    leptos_axum::redirect("/email-confirmed");
    Ok(())
}

/// Emails a reset link if an account uses `email`. The answer is the same
/// either way, so the form does not tell who has an account.
#[server(endpoint = "accounts/forgot_password")]
pub async fn forgot_password(email: String) -> Result<(), AppError> {
    limits::check(Action::Recover, None)?;
    let db = use_db()?;
    if let Some(user) = store::find_by_email(&db, &email).await? {
        let mut tx = db.pool().begin().await?;
        let address = user.email.clone();
        if send_link(&mut tx, &user, &address, Purpose::Reset, now_ms()).await? {
            tx.commit().await?;
        }
    }
    leptos_axum::redirect("/forgot-password?sent=1");
    Ok(())
}

/// Sets a new password with a reset link, signs out every session of the
/// account and signs this browser in. The link also proves the address it
/// was sent to.
#[server(endpoint = "accounts/reset_password")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    let token = Token::parse(&token).ok_or_else(|| dead_link(Purpose::Reset))?;
    let db = use_db()?;
    let now = now_ms();
    let mut conn = db.pool().acquire().await?;
    let (user_id, _) = tokens::peek(&mut conn, Purpose::Reset, &token, now)
        .await?
        .ok_or_else(|| dead_link(Purpose::Reset))?;
    drop(conn);
    let (user, _) = store::find_user(&db, user_id)
        .await?
        .ok_or_else(|| dead_link(Purpose::Reset))?;
    // A weak password is refused before the link is used up.
    let password =
        NewPassword::parse(&password, &[&user.email, &user.display_name]).map_err(|m| {
            let mut errors = FieldErrors::new();
            errors.add("password", m);
            AppError::Invalid(errors)
        })?;
    let hash = store::hash_password(&password).await?;
    let mut tx = db.pool().begin().await?;
    let Some((_, address)) = tokens::consume(&mut tx, Purpose::Reset, &token, now).await? else {
        return Err(dead_link(Purpose::Reset));
    };
    store::set_password(&mut tx, user.id, &hash).await?;
    let proves = address == user.email && !user.email_verified;
    if proves {
        store::confirm_email(&mut tx, user.id, &address, now).await?;
    }
    store::delete_sessions(&mut tx, user.id).await?;
    tx.commit().await?;
    if proves {
        accept_invitations(&db, user.id, &address, now).await?;
    }
    store::start_session(&user).await?;
    tracing::info!(user_id = user.id, "password reset");
    leptos_axum::redirect("/settings?password=reset");
    Ok(())
}

/// My account as `/settings` shows it.
#[server(endpoint = "accounts/settings")]
pub async fn get_account_settings() -> Result<AccountSettings, AppError> {
    let me = store::require_user().await?;
    let db = use_db()?;
    let now = now_ms();
    Ok(AccountSettings {
        pending_email: store::pending_email(&db, me.id, now).await?,
        sessions: sessions::list(&db, me.id, now).await?,
        is_admin: me.is_admin(),
        email: me.email,
        email_verified: me.email_verified,
    })
}

/// Refuses unless `password` is the member's current one (on the field `field`).
#[cfg(feature = "ssr")]
async fn confirm_password(
    db: &crate::db::Db,
    me: &CurrentUser,
    password: &str,
    errors: FieldErrors,
    field: &str,
) -> Result<FieldErrors, AppError> {
    limits::check(Action::SignIn, Some(me.id))?;
    if store::password_matches(db, me.id, password).await? {
        return Ok(errors);
    }
    let mut errors = errors;
    errors.add(field, crate::tr!(accounts.change.wrong_password));
    Err(AppError::Invalid(errors))
}

/// Changes my password, with my current one, and signs out my other sessions.
#[server(endpoint = "accounts/change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    let me = store::require_user().await?;
    let db = use_db()?;
    confirm_password(
        &db,
        &me,
        &current_password,
        FieldErrors::new(),
        "current_password",
    )
    .await?;
    let password =
        NewPassword::parse(&new_password, &[&me.email, &me.display_name]).map_err(|m| {
            let mut errors = FieldErrors::new();
            errors.add("new_password", m);
            AppError::Invalid(errors)
        })?;
    let hash = store::hash_password(&password).await?;
    let mut conn = db.pool().acquire().await?;
    store::set_password(&mut conn, me.id, &hash).await?;
    drop(conn);
    let ended = sessions::end_all(&db, me.id, true).await?;
    tracing::info!(user_id = me.id, ended, "password changed");
    leptos_axum::redirect("/settings?password=changed");
    Ok(())
}

/// Starts changing my address: the new one gets a link, and becomes mine
/// when it is opened. Until then the old address stays.
#[server(endpoint = "accounts/change_email")]
pub async fn change_email(email: String, current_password: String) -> Result<(), AppError> {
    let me = store::require_user().await?;
    let db = use_db()?;
    let errors = FieldErrors::new().keep("email", &email);
    let mut errors =
        confirm_password(&db, &me, &current_password, errors, "current_password").await?;
    let new = match Email::parse(&email) {
        Ok(new) if new.as_str() == me.email => {
            errors.add("email", crate::tr!(accounts.change.same_address));
            return Err(AppError::Invalid(errors));
        }
        Ok(new) => new,
        Err(m) => {
            errors.add("email", m);
            return Err(AppError::Invalid(errors));
        }
    };
    if store::find_by_email(&db, new.as_str()).await?.is_some() {
        errors.add("email", crate::tr!(accounts.change.address_in_use));
        return Err(AppError::Invalid(errors));
    }
    limits::check(Action::Recover, Some(me.id))?;
    let now = now_ms();
    let mut tx = db.pool().begin().await?;
    if !send_link(&mut tx, &me, new.as_str(), Purpose::Verify, now).await? {
        errors.add("email", crate::tr!(accounts.change.too_many_links));
        return Err(AppError::Invalid(errors));
    }
    // The old address hears of it, so a stolen session cannot move the account quietly.
    let l = me.language.unwrap_or_default().locale();
    queue_email(
        &mut tx,
        me.id,
        None,
        td_string!(l, accounts.email.changing_subject),
        &td_string!(l, accounts.email.changing_body, address = new.as_str()).to_string(),
        "/settings",
        now,
    )
    .await?;
    tx.commit().await?;
    leptos_axum::redirect("/settings?sent=email");
    Ok(())
}

/// Signs out one of my sessions, named by its handle.
#[server(endpoint = "accounts/sign_out_session")]
pub async fn sign_out_session(session: String) -> Result<(), AppError> {
    let me = store::require_user().await?;
    if !sessions::end(&use_db()?, me.id, &session).await? {
        return Err(AppError::conflict(crate::tr!(
            accounts.change.session_ended
        )));
    }
    leptos_axum::redirect("/settings?signed_out=1");
    Ok(())
}

/// Signs out every session of mine, this one too.
#[server(endpoint = "accounts/sign_out_everywhere")]
pub async fn sign_out_everywhere() -> Result<(), AppError> {
    let me = store::require_user().await?;
    let ended = sessions::end_all(&use_db()?, me.id, false).await?;
    tracing::info!(user_id = me.id, ended, "signed out everywhere");
    leptos_axum::redirect("/login");
    Ok(())
}
