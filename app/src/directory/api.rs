//! The directory's server functions. The directory is for members: each
//! function requires a signed-in caller, and shows others' public fields only.

use super::{model::MentorCard, query::DirectoryResults};
#[cfg(feature = "ssr")]
use crate::dates::DAY_MS;
use crate::{error::AppError, profiles::model::PublicProfile};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::{index::use_directory, query::DirectoryQuery},
    crate::{
        accounts::{model::LocalPath, store::require_user},
        dates::now_ms,
        db::use_db,
        profiles::store,
        security::limits::{self, Action},
        ui::markdown,
    },
};

/// One page of the directory for `query`, the page's query string
/// (`q=…&focus=…`, as in the address bar).
#[server(endpoint = "directory/search", output = crate::wire::Json)]
pub async fn search_mentors(query: String) -> Result<DirectoryResults, AppError> {
    let me = require_user().await?;
    limits::check(Action::Search, Some(me.id))?;
    let query = DirectoryQuery::parse(&query);
    let db = use_db()?;
    let viewer = store::load_profile(&db, me.id).await?;
    let directory = use_directory()?;
    super::search::search(&db, &directory, &query, viewer).await
}

/// A listed mentor's public profile (or my own, listed or not).
#[server(endpoint = "directory/mentor")]
pub async fn get_mentor(id: i64) -> Result<PublicProfile, AppError> {
    let me = require_user().await?;
    let db = use_db()?;
    let Some(p) = store::load_profile(&db, id).await? else {
        return Err(AppError::NotFound);
    };
    let is_me = me.id == id;
    if !p.open_to_mentoring && !is_me {
        return Err(AppError::NotFound);
    }
    let areas = store::focus_areas(&db).await?;
    let last_seen = store::last_seen(&db, id).await?;
    Ok(PublicProfile {
        id,
        institution: (p.institution_public || is_me).then(|| p.institution.clone()),
        bio_html: markdown::render(&p.bio),
        written_in: p.written_in,
        focus_offered: areas
            .into_iter()
            .filter(|a| p.focus_offered.contains(&a.slug))
            .collect(),
        has_capacity: p.capacity > store::active_mentees(db.pool(), id).await?,
        last_active: last_active_words(last_seen, now_ms()),
        shortlisted: store::is_shortlisted(&db, me.id, id).await?,
        is_me,
        display_name: p.display_name,
        pronouns: p.pronouns,
        position: p.position,
        library_type: p.library_type,
        work_function: p.work_function,
        career_stage: p.career_stage,
        years_professional: p.years_professional,
        country: p.country,
        region: p.region,
        time_zone: p.time_zone,
        languages: p.languages,
        interests: p.interests,
        work_areas: p.work_areas,
        affiliations: p.affiliations,
        non_work_interests: p.non_work_interests,
        open_to_mentoring: p.open_to_mentoring,
        meeting_modes: p.meeting_modes,
        reply_time: p.reply_time,
        measured_reply: crate::messages::store::reply_time(&db, id)
            .await?
            .map(|(median, n)| reply_words(median, n)),
    })
}

/// "in about 3 hours (median of 12 replies)": a mentor's measured reply time.
#[cfg(feature = "ssr")]
pub fn reply_words(median_ms: i64, replies: usize) -> String {
    use crate::tr;
    let hours = (median_ms + 1_800_000) / 3_600_000;
    let when = match hours {
        0 => tr!(directory.reply.within_hour).to_owned(),
        1 => tr!(directory.reply.about_an_hour).to_owned(),
        2..=36 => tr!(directory.reply.about_hours, hours = hours).to_string(),
        _ => tr!(directory.reply.about_days, days = (hours + 12) / 24).to_string(),
    };
    tr!(directory.reply.measured, when = when, replies = replies).to_string()
}

/// "Active today", "Active 3 days ago"; coarse on purpose (privacy).
#[cfg(feature = "ssr")]
pub fn last_active_words(last_seen: Option<i64>, now: i64) -> String {
    use crate::tr;
    let Some(at) = last_seen else {
        return tr!(directory.active.not_yet).to_owned();
    };
    let days = (now - at).max(0) / DAY_MS;
    match days {
        0 => tr!(directory.active.today).to_owned(),
        1 => tr!(directory.active.yesterday).to_owned(),
        2..=13 => tr!(directory.active.days_ago, days = days).to_string(),
        14..=59 => tr!(directory.active.weeks_ago, weeks = days / 7).to_string(),
        _ => tr!(directory.active.long_ago).to_owned(),
    }
}

/// Saves or removes a mentor on my shortlist. `next` is where a form posted
/// without JavaScript returns to.
#[server(endpoint = "directory/shortlist_set")]
pub async fn set_shortlist(
    mentor_id: i64,
    saved: bool,
    next: Option<String>,
) -> Result<(), AppError> {
    let me = require_user().await?;
    if mentor_id == me.id {
        return Err(AppError::BadRequest(
            crate::tr!(directory.cannot_shortlist_self).to_owned(),
        ));
    }
    let db = use_db()?;
    if saved {
        let listed = store::load_profile(&db, mentor_id)
            .await?
            .is_some_and(|p| p.open_to_mentoring);
        if !listed {
            return Err(AppError::NotFound);
        }
    }
    store::set_shortlisted(&db, me.id, mentor_id, saved).await?;
    if let Some(next) = next {
        leptos_axum::redirect(LocalPath::parse(Some(&next)).as_str());
    }
    Ok(())
}

/// My shortlist, as directory cards; mentors who stopped mentoring drop out.
#[server(endpoint = "directory/shortlist")]
pub async fn get_shortlist() -> Result<Vec<MentorCard>, AppError> {
    let me = require_user().await?;
    let db = use_db()?;
    let ids = store::shortlist_ids(&db, me.id).await?;
    let directory = use_directory()?;
    let state = directory.current(&db).await?;
    Ok(ids
        .into_iter()
        .filter_map(|id| u32::try_from(id).ok())
        .filter_map(|id| state.entries.get(&id).map(|e| e.card.clone()))
        .collect())
}
