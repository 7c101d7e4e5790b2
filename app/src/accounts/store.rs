//! Server-side account logic: users in the database, password hashing, and the
//! session that says who is signed in. `current_user`/`require_user` are the one
//! way any server function learns who is calling.

use super::model::{normalise_email, CurrentUser, DisplayName, Email, NewPassword, SiteRole};
use crate::{
    dates::now_ms,
    db::{is_unique_violation, use_db, Db},
    error::AppError,
    language::Lang,
};
use argon2::{
    password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Argon2,
};
use sqlx::AnyConnection;
use std::sync::LazyLock;
use tokio::sync::Semaphore;
use tower_sessions::Session;

pub(super) const USER_ID_KEY: &str = "user_id";
const SIGNED_IN_AT_KEY: &str = "signed_in_at";
/// The browser and system it was signed in from, as a member would name them.
pub(super) const DEVICE_KEY: &str = "device";
/// Where it was signed in from: the client address's network prefix only.
pub(super) const PLACE_KEY: &str = "place";

/// However active a session is, it ends this long after signing in, so a
/// stolen or forgotten cookie does not live for ever (inactivity ends it
/// sooner: see the session layer in `server::startup`).
pub const SESSION_LIFETIME_MS: i64 = 30 * 24 * 60 * 60 * 1000;

/// Hash of a random password, verified when the email is unknown so that a wrong
/// email takes as long as a wrong password and does not reveal who has an account.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| hash_blocking("no such account here"));

fn hash_blocking(password: &str) -> String {
    Argon2::default()
        .hash_password(password.as_bytes(), &SaltString::generate(&mut OsRng))
        .expect("argon2 with default parameters hashes any input")
        .to_string()
}

/// Argon2 is deliberately slow (tens of milliseconds) and takes 19 MiB per
/// hash, so it runs off the async runtime, at most one per core at a time: a
/// burst of sign-ins queues instead of multiplying the memory.
async fn argon2_task<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    static SLOTS: LazyLock<Semaphore> = LazyLock::new(|| {
        Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
    });
    let _slot = SLOTS.acquire().await.map_err(|_| AppError::Internal)?;
    tokio::task::spawn_blocking(work).await.map_err(|e| {
        tracing::error!(error = %e, "password hashing task failed");
        AppError::Internal
    })
}

pub async fn hash_password(password: &NewPassword) -> Result<String, AppError> {
    let password = password.expose().to_owned();
    argon2_task(move || hash_blocking(&password)).await
}

/// Checks `password` against `hash`, or against a dummy hash when the account
/// does not exist, so both cases cost the same.
async fn verify_password(password: String, hash: Option<String>) -> Result<bool, AppError> {
    argon2_task(move || {
        let hash = hash.unwrap_or_else(|| DUMMY_HASH.clone());
        PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
}

/// The columns a `CurrentUser` is read from.
const USER_COLUMNS: &str = "id, email, display_name, site_role, email_verified_at, language";

#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    email: String,
    display_name: String,
    site_role: SiteRole,
    email_verified_at: Option<i64>,
    language: Option<String>,
}

impl From<UserRow> for CurrentUser {
    fn from(r: UserRow) -> Self {
        CurrentUser {
            id: r.id,
            email: r.email,
            display_name: r.display_name,
            site_role: r.site_role,
            email_verified: r.email_verified_at.is_some(),
            language: r.language.as_deref().and_then(Lang::parse),
        }
    }
}

/// A user row with one more column.
#[derive(sqlx::FromRow)]
struct UserWith<T> {
    #[sqlx(flatten)]
    user: UserRow,
    extra: T,
}

pub enum CreateUserError {
    EmailTaken,
    Db(sqlx::Error),
}

/// Inserts a member who has accepted the code of conduct now; `verified` when
/// their address is already proven (the demo's members). Takes any executor so
/// that the account and its first link are written in one transaction.
pub async fn create_user<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    email: &Email,
    name: &DisplayName,
    password_hash: &str,
    role: SiteRole,
    verified: bool,
    language: Lang,
) -> Result<CurrentUser, CreateUserError> {
    let now = now_ms();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO users (email, display_name, password_hash, site_role, conduct_accepted_at, created_at, email_verified_at, language) \
         VALUES ($1, $2, $3, $4, $5, $5, $6, $7) RETURNING id",
    )
    .bind(email.as_str())
    .bind(name.as_str())
    .bind(password_hash)
    .bind(role)
    .bind(now)
    .bind(verified.then_some(now))
    .bind(language.code())
    .fetch_one(db)
    .await
    .map_err(|e| {
        if is_unique_violation(&e) {
            CreateUserError::EmailTaken
        } else {
            CreateUserError::Db(e)
        }
    })?;
    Ok(CurrentUser {
        id,
        email: email.as_str().to_owned(),
        display_name: name.as_str().to_owned(),
        site_role: role,
        email_verified: verified,
        language: Some(language),
    })
}

/// Saves the language `user_id` chose for pages and emails.
pub async fn set_language(db: &Db, user_id: i64, language: Lang) -> Result<(), AppError> {
    sqlx::query("UPDATE users SET language = $1 WHERE id = $2")
        .bind(language.code())
        .bind(user_id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// The language to write to `user_id` in (notices, emails, letters): their
/// choice, else English.
pub async fn language_of(
    conn: impl sqlx::Executor<'_, Database = sqlx::Any>,
    user_id: i64,
) -> Result<Lang, sqlx::Error> {
    let row: Option<(Option<String>,)> = sqlx::query_as("SELECT language FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(conn)
        .await?;
    Ok(row
        .and_then(|(l,)| l)
        .and_then(|l| Lang::parse(&l))
        .unwrap_or_default())
}

/// Makes the member with `email` an administrator; false if there is none.
pub async fn make_admin(db: &Db, email: &str) -> Result<bool, AppError> {
    let done = sqlx::query("UPDATE users SET site_role = 'admin' WHERE email = $1")
        .bind(normalise_email(email))
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The member with this id, and when they were last seen (Unix ms); None
/// for an account that was deleted or disabled.
pub async fn find_user(db: &Db, id: i64) -> Result<Option<(CurrentUser, Option<i64>)>, AppError> {
    let row: Option<UserWith<Option<i64>>> = sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS}, last_seen_at AS extra FROM users
         WHERE id = $1 AND deleted_at IS NULL AND disabled_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|r| (r.user.into(), r.extra)))
}

/// The member with this email if the password is theirs. Takes the same time
/// whether or not the email exists.
pub async fn check_credentials(
    db: &Db,
    email: &str,
    password: &str,
) -> Result<Option<CurrentUser>, AppError> {
    let row: Option<UserWith<String>> = sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS}, password_hash AS extra FROM users WHERE email = $1"
    ))
    .bind(normalise_email(email))
    .fetch_optional(db.pool())
    .await?;
    let hash = row.as_ref().map(|r| r.extra.clone());
    let ok = verify_password(password.to_owned(), hash).await?;
    Ok(row.filter(|_| ok).map(|r| r.user.into()))
}

/// Whether `password` is `user_id`'s: settings ask for it before changes.
pub async fn password_matches(db: &Db, user_id: i64, password: &str) -> Result<bool, AppError> {
    let hash: Option<(String,)> = sqlx::query_as("SELECT password_hash FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(db.pool())
        .await?;
    verify_password(password.to_owned(), hash.map(|(h,)| h)).await
}

/// The account using `email`, by its normalised form.
pub async fn find_by_email(db: &Db, email: &str) -> Result<Option<CurrentUser>, AppError> {
    let row: Option<UserRow> = sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE email = $1"
    ))
    .bind(normalise_email(email))
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(CurrentUser::from))
}

/// Makes `email` the member's proven address (it may be a new one). Fails with
/// a unique violation when another account took the address meanwhile.
pub async fn confirm_email(
    conn: &mut AnyConnection,
    user_id: i64,
    email: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET email = $1, email_verified_at = $2 WHERE id = $3")
        .bind(email)
        .bind(now)
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn set_password(
    conn: &mut AnyConnection,
    user_id: i64,
    password_hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(password_hash)
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Ends every session of the member, in the caller's transaction.
pub async fn delete_sessions(conn: &mut AnyConnection, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The new address the member asked to change to and has not confirmed yet.
pub async fn pending_email(db: &Db, user_id: i64, now: i64) -> Result<Option<String>, AppError> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT t.email FROM account_tokens t JOIN users u ON u.id = t.user_id
         WHERE t.user_id = $1 AND t.purpose = 'verify' AND t.used_at IS NULL
           AND t.expires_at > $2 AND t.email <> u.email
         ORDER BY t.id DESC LIMIT 1",
    )
    .bind(user_id)
    .bind(now)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|(e,)| e))
}

/// Failed sign-ins one client address may make for one email before each
/// further try must wait: enough for typos. The wait then doubles from a second
/// with every failure, up to `MAX_WAIT_MS`; other addresses, the owner's among
/// them, are not slowed down (that would hand anyone a way to lock members out).
pub const FREE_FAILURES: i64 = 5;
const FAILURE_WINDOW_MS: i64 = 15 * 60 * 1000;
const MAX_WAIT_MS: i64 = 15 * 60 * 1000;

/// Seconds `client` must wait before trying `email` again; 0 when it may now.
pub async fn sign_in_wait(db: &Db, email: &str, client: &str) -> Result<u64, AppError> {
    let now = now_ms();
    let (failures, last): (i64, Option<i64>) = sqlx::query_as(
        "SELECT COUNT(*), MAX(failed_at) FROM sign_in_failures
         WHERE email = $1 AND client = $2 AND failed_at > $3",
    )
    .bind(normalise_email(email))
    .bind(client)
    .bind(now - FAILURE_WINDOW_MS)
    .fetch_one(db.pool())
    .await?;
    let Some(last) = last.filter(|_| failures >= FREE_FAILURES) else {
        return Ok(0);
    };
    let doublings = u32::try_from(failures - FREE_FAILURES)
        .unwrap_or(u32::MAX)
        .min(20);
    let wait = (1000_i64 << doublings).min(MAX_WAIT_MS);
    let left_ms = last + wait - now;
    Ok(u64::try_from(left_ms).map_or(0, |ms| ms.div_ceil(1000)))
}

/// Records a failed sign-in, and forgets failures older than the window.
pub async fn record_failure(db: &Db, email: &str, client: &str) -> Result<(), AppError> {
    let now = now_ms();
    sqlx::query("INSERT INTO sign_in_failures (email, client, failed_at) VALUES ($1, $2, $3)")
        .bind(normalise_email(email))
        .bind(client)
        .bind(now)
        .execute(db.pool())
        .await?;
    sqlx::query("DELETE FROM sign_in_failures WHERE failed_at <= $1")
        .bind(now - FAILURE_WINDOW_MS)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Forgets `client`'s failures for `email` once it signed in.
pub async fn clear_failures(db: &Db, email: &str, client: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM sign_in_failures WHERE email = $1 AND client = $2")
        .bind(normalise_email(email))
        .bind(client)
        .execute(db.pool())
        .await?;
    Ok(())
}

pub(super) fn session_error(e: tower_sessions::session::Error) -> AppError {
    tracing::error!(error = %e, "session store error");
    AppError::Internal
}

/// This request's session (server functions only).
pub async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|e| {
        tracing::error!(error = %e, "no session layer on this request");
        AppError::Internal
    })
}

/// Signs `user` in on this browser under a new session id (defeats session fixation).
pub async fn start_session(user: &CurrentUser) -> Result<(), AppError> {
    // Their choice follows them to this browser.
    if let Some(language) = user.language {
        crate::language::request::remember(language);
    }
    let parts = leptos::prelude::use_context::<axum::http::request::Parts>();
    begin_session(&session().await?, user.id, parts.as_ref()).await
}

/// Signs `user_id` in on `session` under a new id, noting the device and
/// place from the request's `parts`: for handlers outside server functions
/// (single sign-on's callback) as much as for them.
pub async fn begin_session(
    session: &Session,
    user_id: i64,
    parts: Option<&axum::http::request::Parts>,
) -> Result<(), AppError> {
    session.cycle_id().await.map_err(session_error)?;
    let lang = parts
        .map(|p| crate::language::request::from_headers(&p.headers))
        .unwrap_or_default();
    let agent = parts
        .and_then(|p| p.headers.get(axum::http::header::USER_AGENT))
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let place = parts
        .and_then(|p| p.extensions.get::<crate::security::limits::ClientIp>())
        .map(|ip| super::devices::place(ip.0))
        .unwrap_or_default();
    for (key, value) in [
        (SIGNED_IN_AT_KEY, serde_json::json!(now_ms())),
        (
            DEVICE_KEY,
            serde_json::json!(super::devices::device(agent, lang)),
        ),
        (PLACE_KEY, serde_json::json!(place)),
        (USER_ID_KEY, serde_json::json!(user_id)),
    ] {
        session.insert(key, value).await.map_err(session_error)?;
    }
    Ok(())
}

/// Deletes the session from the store, so the old cookie is worthless even if copied.
pub async fn end_session() -> Result<(), AppError> {
    session().await?.flush().await.map_err(session_error)
}

/// The signed-in member, if any.
pub async fn current_user() -> Result<Option<CurrentUser>, AppError> {
    session_user(&use_db()?, &session().await?).await
}

/// The member `session` signs in, if any: for handlers outside server
/// functions (the message stream) as much as for them.
pub async fn session_user(db: &Db, session: &Session) -> Result<Option<CurrentUser>, AppError> {
    let Some(id) = session
        .get::<i64>(USER_ID_KEY)
        .await
        .map_err(session_error)?
    else {
        return Ok(None);
    };
    let signed_in_at = session
        .get::<i64>(SIGNED_IN_AT_KEY)
        .await
        .map_err(session_error)?;
    if signed_in_at.is_none_or(|at| now_ms() - at > SESSION_LIFETIME_MS) {
        session.flush().await.map_err(session_error)?;
        return Ok(None);
    }
    match find_user(db, id).await? {
        Some((user, last_seen)) => {
            note_activity(db, user.id, last_seen).await?;
            Ok(Some(user))
        }
        None => {
            // The account is gone; drop the stale session.
            session.flush().await.map_err(session_error)?;
            Ok(None)
        }
    }
}

/// How stale `last_seen_at` may get: the directory shows activity by the day,
/// so one write per member every few minutes is plenty.
const ACTIVITY_GRANULARITY_MS: i64 = 5 * 60 * 1000;

/// Records that the member is active now, at most once per granularity period:
/// most requests only read `last_seen`, so they never wait for the writer.
async fn note_activity(db: &Db, user_id: i64, last_seen: Option<i64>) -> Result<(), AppError> {
    let now = now_ms();
    if last_seen.is_some_and(|at| at >= now - ACTIVITY_GRANULARITY_MS) {
        return Ok(());
    }
    sqlx::query(
        "UPDATE users SET last_seen_at = $1
         WHERE id = $2 AND (last_seen_at IS NULL OR last_seen_at < $3)",
    )
    .bind(now)
    .bind(user_id)
    .bind(now - ACTIVITY_GRANULARITY_MS)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// The signed-in member, or `Unauthenticated`.
pub async fn require_user() -> Result<CurrentUser, AppError> {
    current_user().await?.ok_or(AppError::Unauthenticated)
}

/// The signed-in administrator; anyone else is told "Only administrators can {to}."
/// `to` is a verb phrase in the reader's language (`tr!(ns.to_x)`: "create
/// programs", "crear programas").
pub async fn require_admin(to: &str) -> Result<CurrentUser, AppError> {
    let me = require_user().await?;
    if !me.is_admin() {
        return Err(AppError::forbidden(crate::tr!(
            accounts.only_admins,
            to = to
        )));
    }
    Ok(me)
}

/// `me`, if they have proved their address; anyone else is told to confirm
/// it before they can {to} (a verb phrase in the reader's language, as for
/// `require_admin`).
pub fn require_verified(me: CurrentUser, to: &str) -> Result<CurrentUser, AppError> {
    if !me.email_verified {
        return Err(AppError::forbidden(crate::tr!(
            accounts.verify_first,
            to = to,
            email = me.email
        )));
    }
    Ok(me)
}

/// A write that changes nothing but holds the member's row until commit.
pub const LOCK_MEMBER: &str = "UPDATE users SET last_seen_at = last_seen_at WHERE id = $1";

/// Locks one member's row: their requests, acceptances and blocks are
/// checked one at a time.
pub async fn lock_member(conn: &mut AnyConnection, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query(LOCK_MEMBER)
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
