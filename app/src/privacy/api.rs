//! Deleting my account (the download is a plain file: `export::my_data`).

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{
    accounts::store::{end_session, password_matches, require_user},
    dates::now_ms,
    db::use_db,
    error::FieldErrors,
    security::limits::{self, Action},
};
use leptos::prelude::*;

/// Deletes my account, once I have typed my password again and ticked that I
/// understand what goes and what stays.
#[server(endpoint = "privacy/delete_account")]
pub async fn delete_account(password: String, understood: Option<String>) -> Result<(), AppError> {
    let me = require_user().await?;
    limits::check(Action::SignIn, Some(me.id))?;
    let db = use_db()?;
    let mut errors = FieldErrors::new();
    if understood.is_none() {
        errors.add("understood", crate::tr!(privacy.delete.tick_box));
    }
    if !password_matches(&db, me.id, &password).await? {
        errors.add("password", crate::tr!(accounts.change.wrong_password));
    }
    errors.into_result()?;
    super::erase::erase(&db, me.id, now_ms()).await?;
    end_session().await?;
    tracing::info!(user_id = me.id, "account deleted");
    leptos_axum::redirect("/account-deleted");
    Ok(())
}
