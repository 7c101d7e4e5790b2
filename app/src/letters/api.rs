//! Letter server functions.

use super::model::{ServedCycle, Verified};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::store,
    crate::{
        accounts::store::require_user,
        audit::{model::Action as Audit, store as audit},
        dates::now_ms,
        db::use_db,
    },
};

/// The cycles the caller mentored to completion, with their letters.
#[server(endpoint = "letters/mine")]
pub async fn my_letters() -> Result<Vec<ServedCycle>, AppError> {
    let me = require_user().await?;
    store::served(&use_db()?, me.id).await
}

#[server(endpoint = "letters/request")]
pub async fn request_letter(cycle_id: i64) -> Result<(), AppError> {
    let me = require_user().await?;
    store::request(&use_db()?, me.id, cycle_id, now_ms()).await?;
    leptos_axum::redirect("/letters");
    Ok(())
}

/// Approves or declines a letter (the program's coordinators).
#[server(endpoint = "letters/decide")]
pub async fn decide_letter(slug: String, letter_id: i64, decision: String) -> Result<(), AppError> {
    let me = require_user().await?;
    let approve = match decision.as_str() {
        "approve" => true,
        "decline" => false,
        _ => {
            return Err(AppError::BadRequest(
                crate::tr!(letters.errors.approve_or_decline).to_owned(),
            ))
        }
    };
    let db = use_db()?;
    store::decide(&db, &me, letter_id, approve, now_ms()).await?;
    let detail = format!("letter {letter_id} {decision}d");
    audit::record(&db, me.id, Audit::LetterDecided, &slug, &detail, now_ms()).await?;
    leptos_axum::redirect(&format!("/programs/{slug}/manage#letters"));
    Ok(())
}

/// Anyone may check a letter by its code; nothing else is shown.
#[server(endpoint = "letters/verify")]
pub async fn verify_letter(code: String) -> Result<Verified, AppError> {
    store::verify(&use_db()?, &code).await
}
