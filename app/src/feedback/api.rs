//! Feedback server functions: members answer their own surveys; a program's
//! coordinators set its questions.

use super::model::Survey;
use crate::error::AppError;
use leptos::prelude::*;
use std::collections::BTreeMap;
#[cfg(feature = "ssr")]
use {
    super::{model::QuestionKind, store},
    crate::{
        accounts::store::require_user, dates::now_ms, db::use_db, error::FieldErrors,
        programs::store as programs,
    },
};

/// The caller's surveys waiting for answers.
#[server(endpoint = "feedback/pending")]
pub async fn pending_surveys() -> Result<Vec<Survey>, AppError> {
    let me = require_user().await?;
    store::pending(&use_db()?, me.id).await
}

/// Answers one survey; `answers` maps `q{id}` to a rating or text.
#[server(endpoint = "feedback/submit")]
pub async fn submit_feedback(
    mentorship_id: i64,
    answers: Option<BTreeMap<String, String>>,
) -> Result<(), AppError> {
    let me = require_user().await?;
    store::submit(
        &use_db()?,
        me.id,
        mentorship_id,
        &answers.unwrap_or_default(),
        now_ms(),
    )
    .await?;
    leptos_axum::redirect("/feedback?thanks=1");
    Ok(())
}

/// Adds a question to a program's survey (its coordinators).
#[server(endpoint = "feedback/add_question")]
pub async fn add_question(slug: String, kind: String, prompt: String) -> Result<(), AppError> {
    let me = require_user().await?;
    let db = use_db()?;
    let program =
        programs::coordinated_by(&db, &me, &slug, crate::tr!(feedback.can_change_survey)).await?;
    let mut errors = FieldErrors::new()
        .keep("kind", &kind)
        .keep("prompt", &prompt);
    let kind = errors.parsed(
        "kind",
        QuestionKind::from_slug(&kind).ok_or(crate::tr!(feedback.errors.kind)),
    );
    let prompt = prompt.split_whitespace().collect::<Vec<_>>().join(" ");
    if prompt.chars().count() < 5 || prompt.chars().count() > 200 {
        errors.add("prompt", crate::tr!(feedback.errors.prompt_length));
    }
    match kind {
        Some(kind) if errors.is_empty() => {
            store::add_question(&db, program.id, kind, &prompt).await?
        }
        _ => return Err(AppError::Invalid(errors)),
    }
    leptos_axum::redirect(&format!("/programs/{slug}/manage#survey"));
    Ok(())
}

/// Removes an unanswered question (the program's coordinators).
#[server(endpoint = "feedback/remove_question")]
pub async fn remove_question(slug: String, question_id: i64) -> Result<(), AppError> {
    let me = require_user().await?;
    let db = use_db()?;
    let program =
        programs::coordinated_by(&db, &me, &slug, crate::tr!(feedback.can_change_survey)).await?;
    store::remove_question(&db, program.id, question_id).await?;
    leptos_axum::redirect(&format!("/programs/{slug}/manage#survey"));
    Ok(())
}
