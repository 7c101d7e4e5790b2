//! Profile server functions. A member reads and writes only their own profile:
//! the caller's id comes from the session, never from the request.

use super::{
    editor_words::{EditorWords, ProfileOptions},
    model::{FocusArea, ProfileForm},
};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::{
        model::{excerpt, parse_profile},
        store,
    },
    crate::{
        accounts::store::{require_admin, require_user},
        db::use_db,
        directory::model::CARD_EXCERPT_CHARS,
        error::FieldErrors,
    },
};

/// My profile as the edit form shows it, with the choices it offers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyProfile {
    pub id: i64,
    pub form: ProfileForm,
    /// The card excerpt of the stored bio.
    pub excerpt: String,
    pub focus_areas: Vec<FocusArea>,
    pub options: ProfileOptions,
    pub words: EditorWords,
    /// False until the member first saves their profile.
    pub saved: bool,
}

#[server(endpoint = "profiles/mine")]
pub async fn get_my_profile() -> Result<MyProfile, AppError> {
    let me = require_user().await?;
    let db = use_db()?;
    let profile = store::load_profile(&db, me.id).await?;
    Ok(MyProfile {
        id: me.id,
        saved: profile.is_some(),
        excerpt: profile
            .as_ref()
            .map(|p| excerpt(&p.bio, CARD_EXCERPT_CHARS))
            .unwrap_or_default(),
        form: profile
            .as_ref()
            .map(ProfileForm::from)
            .unwrap_or_else(|| ProfileForm {
                display_name: me.display_name.clone(),
                languages: "English".to_owned(),
                reply_time: "few_days".to_owned(),
                ..Default::default()
            }),
        focus_areas: store::focus_areas(&db).await?,
        options: worded_options(),
        words: EditorWords::worded(),
    })
}

/// The card excerpt of a bio being edited, for the profile editor's preview.
#[server(endpoint = "profiles/excerpt", output = crate::wire::Json)]
pub async fn bio_excerpt(bio: String) -> Result<String, AppError> {
    require_user().await?;
    // The excerpt never reaches past the first few hundred characters of
    // text; a huge bio costs no more to preview than a long one.
    let head: String = bio.chars().take(CARD_EXCERPT_CHARS * 20).collect();
    Ok(excerpt(&head, CARD_EXCERPT_CHARS))
}

/// Saves the caller's profile; every problem comes back by field, with the form.
#[server(endpoint = "profiles/save")]
pub async fn save_profile(form: ProfileForm) -> Result<(), AppError> {
    let me = require_user().await?;
    let db = use_db()?;
    let areas = store::focus_areas(&db).await?;
    let profile =
        parse_profile(&form, &areas, store::standard_offset_minutes).map_err(AppError::Invalid)?;
    store::save_profile(&db, me.id, &profile).await?;
    tracing::info!(
        user_id = me.id,
        listed = profile.open_to_mentoring,
        "profile saved"
    );
    leptos_axum::redirect("/me/profile?saved=1");
    Ok(())
}

/// The focus areas, and whether the caller may add to them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FocusAreas {
    pub areas: Vec<FocusArea>,
    pub can_add: bool,
}

/// The focus areas members choose from, in their order.
#[server(endpoint = "profiles/focus_areas")]
pub async fn list_focus_areas() -> Result<FocusAreas, AppError> {
    let me = require_user().await?;
    Ok(FocusAreas {
        areas: store::focus_areas(&use_db()?).await?,
        can_add: me.is_admin(),
    })
}

/// Adds a focus area to the list members choose from (admins only).
#[server(endpoint = "profiles/add_focus_area")]
pub async fn add_focus_area(label: String) -> Result<(), AppError> {
    require_admin(crate::tr!(profiles.focus_areas.to_add)).await?;
    let label = super::model::collapse_spaces(&label);
    let slug: String = label
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect::<String>()
        .split('_')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    let mut errors = FieldErrors::new().keep("label", &label);
    if slug.len() < 3 || label.chars().count() > 60 {
        errors.add("label", crate::tr!(profiles.focus_areas.bad_name));
        return Err(AppError::Invalid(errors));
    }
    let db = use_db()?;
    if !store::add_focus_area(&db, &FocusArea { slug, label }).await? {
        errors.add("label", crate::tr!(profiles.focus_areas.already_listed));
        return Err(AppError::Invalid(errors));
    }
    Ok(())
}

/// The form's choices, worded in the reader's language.
#[cfg(feature = "ssr")]
fn worded_options() -> ProfileOptions {
    use super::model::{
        CareerStage, LibraryType, MeetingMode, ReplyTime, WorkFunction, AFFILIATION_SUGGESTIONS,
        INTEREST_SUGGESTIONS, LANGUAGE_SUGGESTIONS,
    };
    fn tags(all: &[&str]) -> Vec<String> {
        all.iter().map(|t| (*t).to_owned()).collect()
    }
    fn each<T: Copy>(
        all: &[T],
        slug: fn(T) -> &'static str,
        label: fn(T) -> &'static str,
    ) -> Vec<(String, String)> {
        all.iter()
            .map(|t| (slug(*t).to_owned(), label(*t).to_owned()))
            .collect()
    }
    ProfileOptions {
        library_types: each(LibraryType::ALL, LibraryType::slug, LibraryType::label),
        work_functions: each(WorkFunction::ALL, WorkFunction::slug, WorkFunction::label),
        career_stages: each(CareerStage::ALL, CareerStage::slug, CareerStage::label),
        meeting_modes: each(MeetingMode::ALL, MeetingMode::slug, MeetingMode::label),
        reply_times: each(ReplyTime::ALL, ReplyTime::slug, ReplyTime::label),
        language_tags: tags(LANGUAGE_SUGGESTIONS),
        interest_tags: tags(INTEREST_SUGGESTIONS),
        affiliation_tags: tags(AFFILIATION_SUGGESTIONS),
    }
}
