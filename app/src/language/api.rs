//! Choosing a language: for this browser, and for a member, for good.

use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::Lang,
    crate::{accounts::store, db::use_db},
};

/// Speaks `lang` from now on: in this browser (a cookie), and for a signed-in
/// member also in their emails and on their other devices once they sign in
/// there. Anyone may choose; a member changes only their own row. With
/// JavaScript off the answer goes back to the page the form was on.
#[server(endpoint = "language/set")]
pub async fn set_language(lang: String) -> Result<(), AppError> {
    let lang = Lang::parse(&lang)
        .ok_or_else(|| AppError::BadRequest(crate::tr!(language.unknown).to_owned()))?;
    if let Some(user) = store::current_user().await? {
        store::set_language(&use_db()?, user.id, lang).await?;
    }
    super::request::remember(lang);
    Ok(())
}
