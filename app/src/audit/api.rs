//! The administrators' oversight page: the audit log, and disabling accounts.

use super::model::{AccountStatus, Oversight};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::{model::Action, store},
    crate::{
        accounts::{model::normalise_email, store::require_admin},
        dates::now_ms,
        db::use_db,
        error::FieldErrors,
    },
};

/// The log, newest first (older pages by `before`), and the disabled accounts.
#[server(endpoint = "audit/oversight")]
pub async fn get_oversight(before: Option<i64>) -> Result<Oversight, AppError> {
    require_admin(crate::tr!(audit.to_read_log)).await?;
    let db = use_db()?;
    let entries = store::entries(&db, before).await?;
    let older = (entries.len() as i64 == store::PAGE)
        .then(|| entries.last().map(|e| e.id))
        .flatten();
    Ok(Oversight {
        entries,
        older,
        disabled: store::disabled(&db).await?,
    })
}

/// The account with this address, for an administrator about to disable it.
#[server(endpoint = "audit/account")]
pub async fn find_account(email: String) -> Result<Option<AccountStatus>, AppError> {
    require_admin(crate::tr!(audit.to_look_up)).await?;
    store::account(&use_db()?, &normalise_email(&email)).await
}

/// Disables an account, with the reason administrators will read.
#[server(endpoint = "audit/disable")]
pub async fn disable_account(user_id: i64, reason: String) -> Result<(), AppError> {
    let me = require_admin(crate::tr!(audit.to_disable)).await?;
    let reason = reason.trim();
    let mut errors = FieldErrors::new().keep("reason", reason);
    if me.id == user_id {
        errors.add("form", crate::tr!(audit.errors.own_account));
    }
    if reason.is_empty() || reason.chars().count() > 500 {
        errors.add("reason", crate::tr!(audit.errors.reason));
    }
    errors.into_result()?;
    let db = use_db()?;
    let now = now_ms();
    let name = store::name_of(&db, user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !store::set_disabled(&db, user_id, Some(reason), now).await? {
        return Err(AppError::conflict(crate::tr!(
            audit.errors.already_disabled
        )));
    }
    store::record(&db, me.id, Action::AccountDisabled, &name, reason, now).await?;
    leptos_axum::redirect("/admin/audit?disabled=1");
    Ok(())
}

/// Enables a disabled account again.
#[server(endpoint = "audit/enable")]
pub async fn enable_account(user_id: i64) -> Result<(), AppError> {
    let me = require_admin(crate::tr!(audit.to_enable)).await?;
    let db = use_db()?;
    let now = now_ms();
    let name = store::name_of(&db, user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !store::set_disabled(&db, user_id, None, now).await? {
        return Err(AppError::conflict(crate::tr!(audit.errors.not_disabled)));
    }
    store::record(&db, me.id, Action::AccountEnabled, &name, "", now).await?;
    leptos_axum::redirect("/admin/audit?enabled=1");
    Ok(())
}
