//! Mentorship server functions. Each takes the caller from the session and
//! lets the store check that they are one of the pair (or an administrator,
//! for the assignment queue); nothing about who acts comes from the browser.

use super::model::{
    AgreementForm, MentorshipDetail, MyMentorships, Proposal, QueueItem, RequestOptions,
};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::{
        assignment::{self, Scope},
        model::{
            parse_agreement, parse_message, parse_note, DeclineReason, State, MAX_OPEN_REQUESTS,
        },
        store::{self, Change, NewRequest},
    },
    crate::{
        accounts::{
            model::CurrentUser,
            store::{require_user, require_verified},
        },
        audit::{model::Action as Audit, store as audit},
        dates::now_ms,
        db::{use_db, Db},
        directory::index::use_directory,
        error::FieldErrors,
        profiles::{model::FocusArea, store as profiles},
        programs::store as programs,
        security::limits::{self, Action},
    },
};

#[cfg(feature = "ssr")]
async fn focus_area(db: &Db, slug: &str) -> Result<Option<FocusArea>, AppError> {
    Ok(profiles::focus_areas(db)
        .await?
        .into_iter()
        .find(|f| f.slug == slug))
}

/// The caller and the queue they keep: the site's (administrators) or, with
/// `program`, that program's (its coordinators and administrators).
#[cfg(feature = "ssr")]
async fn queue_keeper(program: Option<&str>, what: &str) -> Result<(CurrentUser, Scope), AppError> {
    let me = require_user().await?;
    match program.filter(|slug| !slug.is_empty()) {
        Some(slug) => {
            let db = use_db()?;
            let program = programs::coordinated_by(&db, &me, slug, what).await?;
            Ok((me, Scope::Program(program.id)))
        }
        None if me.is_admin() => Ok((me, Scope::Site)),
        None => Err(AppError::forbidden(
            crate::tr!(mentorships.errors.only_admins_queue, what = what).to_string(),
        )),
    }
}

/// My mentors, mentees, requests and past mentorships.
#[server(endpoint = "mentorships/mine")]
pub async fn get_my_mentorships() -> Result<MyMentorships, AppError> {
    let me = require_user().await?;
    store::mine(&use_db()?, me.id).await
}

/// One mentorship, for its mentor or mentee only.
#[server(endpoint = "mentorships/get")]
pub async fn get_mentorship(id: i64) -> Result<MentorshipDetail, AppError> {
    let me = require_user().await?;
    store::detail(&use_db()?, me.id, id).await
}

/// What the request panel on a mentor's page may offer me.
#[server(endpoint = "mentorships/request_options")]
pub async fn get_request_options(mentor_id: i64) -> Result<RequestOptions, AppError> {
    let me = require_user().await?;
    let db = use_db()?;
    let mentor = profiles::load_profile(&db, mentor_id)
        .await?
        .filter(|p| p.open_to_mentoring)
        .ok_or(AppError::NotFound)?;
    let mine = store::mine(&db, me.id).await?;
    let areas = profiles::focus_areas(&db).await?;
    let focus = areas
        .into_iter()
        .filter(|a| mentor.focus_offered.contains(&a.slug))
        .map(|a| {
            let why_not = if mine.mentors.iter().any(|m| m.focus == a.slug) {
                Some(crate::tr!(mentorships.why_not.have_mentor).to_owned())
            } else if mine
                .sent
                .iter()
                .any(|m| m.focus == a.slug && m.other_id == mentor_id)
            {
                Some(crate::tr!(mentorships.why_not.asked_already).to_owned())
            } else {
                None
            };
            (a.slug, a.label, why_not)
        })
        .collect();
    // Blocked by the mentor looks like a full mentor: nothing more is revealed.
    let blocked = {
        let mut conn = db.pool().acquire().await?;
        crate::safety::store::blocked_between(&mut conn, me.id, mentor_id).await?
    };
    Ok(RequestOptions {
        mentor_name: mentor.display_name.clone(),
        focus,
        has_free_place: !blocked
            && mentor.capacity > profiles::active_mentees(db.pool(), mentor_id).await?,
        open_requests: i64::try_from(mine.sent.len()).unwrap_or(i64::MAX),
        max_open_requests: MAX_OPEN_REQUESTS,
        has_profile: profiles::load_profile(&db, me.id).await?.is_some(),
        blocked_by_me: crate::safety::store::has_blocked(&db, me.id, mentor_id).await?,
    })
}

/// Asks a mentor for mentoring in one focus area, with a message.
#[server(endpoint = "mentorships/request")]
pub async fn request_mentorship(
    mentor_id: i64,
    focus: String,
    message: String,
) -> Result<(), AppError> {
    let me = require_user().await?;
    let db = use_db()?;
    let mut errors = FieldErrors::new()
        .keep("focus", &focus)
        .keep("message", &message);
    // Refused for now, the request comes back with what was typed.
    if let Err(e) = require_verified(me.clone(), crate::tr!(mentorships.to.ask_mentoring))
        .and_then(|_| limits::check(Action::Request, Some(me.id)))
    {
        errors.add("form", e.to_string());
        return Err(AppError::Invalid(errors));
    }
    let area = focus_area(&db, &focus).await?;
    if area.is_none() {
        errors.add(
            "focus",
            crate::tr!(mentorships.invalid.choose_focus_mentoring),
        );
    }
    let message = parse_message(&message)
        .map_err(|m| errors.add("message", m))
        .ok();
    let (Some(area), Some(message)) = (area, message) else {
        return Err(AppError::Invalid(errors));
    };
    if profiles::load_profile(&db, me.id).await?.is_none() {
        return Err(AppError::form(crate::tr!(
            mentorships.errors.profile_first_mentor
        )));
    }
    let request = NewRequest {
        mentee_id: me.id,
        mentor_id,
        focus: &area,
        message: &message,
        assigned_by: None,
    };
    // Keep what was typed with any refusal, so nothing is lost.
    let id = store::request(&db, request, now_ms())
        .await
        .map_err(|e| match e {
            AppError::Invalid(mut f) => {
                f.values = errors.values.clone();
                AppError::Invalid(f)
            }
            other => other,
        })?;
    tracing::info!(user_id = me.id, mentorship_id = id, "mentorship requested");
    leptos_axum::redirect(&format!("/mentorships/{id}"));
    Ok(())
}

/// The mentor accepts (`decision = accept`) or declines a request, with a
/// reason from the list and an optional note.
#[server(endpoint = "mentorships/respond")]
pub async fn respond_to_request(
    id: i64,
    decision: String,
    reason: Option<String>,
    note: Option<String>,
) -> Result<(), AppError> {
    let me = require_user().await?;
    let note = parse_note(note.as_deref().unwrap_or_default()).map_err(AppError::form)?;
    let change = match decision.as_str() {
        "accept" => Change {
            to: State::Accepted,
            reason: None,
            note: &note,
        },
        "decline" => {
            let Some(reason) = reason.as_deref().and_then(DeclineReason::from_slug) else {
                let mut errors = FieldErrors::new().keep("note", &note);
                errors.add("reason", crate::tr!(mentorships.invalid.choose_reason));
                return Err(AppError::Invalid(errors));
            };
            Change {
                to: State::Declined,
                reason: Some(reason),
                note: &note,
            }
        }
        _ => {
            return Err(AppError::BadRequest(
                crate::tr!(mentorships.invalid.accept_or_decline).to_owned(),
            ))
        }
    };
    if change.to == State::Accepted {
        require_verified(me.clone(), crate::tr!(mentorships.to.accept_request))?;
    }
    store::change_state(&use_db()?, me.id, id, change, now_ms()).await?;
    leptos_axum::redirect(&format!("/mentorships/{id}"));
    Ok(())
}

/// The mentee withdraws a request that is still waiting.
#[server(endpoint = "mentorships/withdraw")]
pub async fn withdraw_request(id: i64) -> Result<(), AppError> {
    let me = require_user().await?;
    let change = Change {
        to: State::Withdrawn,
        reason: None,
        note: "",
    };
    store::change_state(&use_db()?, me.id, id, change, now_ms()).await?;
    leptos_axum::redirect(&format!("/mentorships/{id}"));
    Ok(())
}

/// Either member ends an active mentorship, with an optional reason.
#[server(endpoint = "mentorships/end")]
pub async fn end_mentorship(id: i64, note: Option<String>) -> Result<(), AppError> {
    let me = require_user().await?;
    let note = parse_note(note.as_deref().unwrap_or_default()).map_err(AppError::form)?;
    let change = Change {
        to: State::Ended,
        reason: None,
        note: &note,
    };
    store::change_state(&use_db()?, me.id, id, change, now_ms()).await?;
    leptos_axum::redirect(&format!("/mentorships/{id}"));
    Ok(())
}

/// Asks to close an active mentorship as completed, or confirms the other
/// member's asking.
#[server(endpoint = "mentorships/complete")]
pub async fn complete_mentorship(id: i64) -> Result<(), AppError> {
    let me = require_user().await?;
    store::ask_to_complete(&use_db()?, me.id, id, now_ms()).await?;
    leptos_axum::redirect(&format!("/mentorships/{id}"));
    Ok(())
}

/// Keeps a program mentorship going after its cycle ends (either member).
#[server(endpoint = "mentorships/extend")]
pub async fn extend_mentorship(id: i64) -> Result<(), AppError> {
    let me = require_user().await?;
    store::extend(&use_db()?, me.id, id, now_ms()).await?;
    leptos_axum::redirect(&format!("/mentorships/{id}"));
    Ok(())
}

/// Saves the pair's agreement (either member, while active).
#[server(endpoint = "mentorships/agreement")]
pub async fn save_agreement(id: i64, agreement: AgreementForm) -> Result<(), AppError> {
    let me = require_user().await?;
    let parsed = parse_agreement(&agreement).map_err(|mut e| {
        e.values = vec![(
            "agreement".to_owned(),
            serde_json::to_string(&agreement).unwrap_or_default(),
        )];
        AppError::Invalid(e)
    })?;
    store::save_agreement(&use_db()?, me.id, id, &parsed, now_ms()).await?;
    leptos_axum::redirect(&format!("/mentorships/{id}?saved=1"));
    Ok(())
}

/// Asks a coordinator to find me a mentor in one focus area: within
/// `cycle_id`, that cycle's program's coordinators.
#[server(endpoint = "mentorships/ask_assignment")]
pub async fn ask_assignment(
    focus: String,
    note: String,
    cycle_id: Option<i64>,
) -> Result<(), AppError> {
    let me = require_verified(require_user().await?, crate::tr!(mentorships.to.ask_mentor))?;
    let db = use_db()?;
    let mut errors = FieldErrors::new().keep("focus", &focus).keep("note", &note);
    let Some(area) = focus_area(&db, &focus).await? else {
        errors.add("focus", crate::tr!(mentorships.invalid.choose_focus_mentor));
        return Err(AppError::Invalid(errors));
    };
    let note = match parse_note(&note) {
        Ok(n) => n,
        Err(m) => {
            errors.add("note", m);
            return Err(AppError::Invalid(errors));
        }
    };
    if profiles::load_profile(&db, me.id).await?.is_none() {
        return Err(AppError::form(crate::tr!(
            mentorships.errors.profile_first_coordinator
        )));
    }
    match assignment::ask(&db, me.id, &area, &note, cycle_id, now_ms()).await? {
        Some(slug) => leptos_axum::redirect(&format!("/programs/{slug}?asked=1")),
        None => leptos_axum::redirect("/mentorships?asked=1"),
    }
    Ok(())
}

/// Stops waiting for a coordinator to find me a mentor in `focus`.
#[server(endpoint = "mentorships/cancel_assignment")]
pub async fn cancel_assignment(focus: String) -> Result<(), AppError> {
    let me = require_user().await?;
    if !assignment::cancel(&use_db()?, me.id, &focus, now_ms()).await? {
        return Err(AppError::conflict(crate::tr!(
            mentorships.errors.not_waiting_focus
        )));
    }
    leptos_axum::redirect("/mentorships");
    Ok(())
}

/// An assignment queue with ranked suggestions: the site's, or `program`'s.
#[server(endpoint = "mentorships/queue")]
pub async fn assignment_queue(program: Option<String>) -> Result<Vec<QueueItem>, AppError> {
    let (_, scope) = queue_keeper(program.as_deref(), crate::tr!(mentorships.to.see_queue)).await?;
    let directory = use_directory()?;
    assignment::queue(&use_db()?, &directory, scope).await
}

/// Proposes mentors for a whole queue at once, for review; sends nothing.
#[server(endpoint = "mentorships/propose")]
pub async fn propose_matches(program: Option<String>) -> Result<Proposal, AppError> {
    let (_, scope) =
        queue_keeper(program.as_deref(), crate::tr!(mentorships.to.match_queue)).await?;
    let directory = use_directory()?;
    assignment::propose(&use_db()?, &directory, scope).await
}

/// Sends queued mentees' requests to the chosen mentors. `pairs` is
/// `request:mentor` separated by commas, as the review form posts it.
#[server(endpoint = "mentorships/assign")]
pub async fn assign_mentors(pairs: String, program: Option<String>) -> Result<(), AppError> {
    let (me, scope) = queue_keeper(
        program.as_deref(),
        crate::tr!(mentorships.to.assign_mentors),
    )
    .await?;
    let db = use_db()?;
    let parsed: Option<Vec<(i64, i64)>> = pairs
        .split(',')
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            let (r, m) = p.split_once(':')?;
            Some((r.trim().parse().ok()?, m.trim().parse().ok()?))
        })
        .collect();
    let Some(parsed) = parsed.filter(|p| !p.is_empty()) else {
        return Err(AppError::BadRequest(
            crate::tr!(mentorships.invalid.choose_pair).to_owned(),
        ));
    };
    let mut refused = Vec::new();
    let mut sent = 0;
    for (request_id, mentor_id) in parsed {
        match assignment::assign(&db, me.id, scope, request_id, mentor_id, now_ms()).await {
            Ok(_) => sent += 1,
            Err(AppError::Internal) => return Err(AppError::Internal),
            Err(e) => refused.push(e.to_string()),
        }
    }
    if sent > 0 {
        let scope = program.as_deref().unwrap_or("the site's queue");
        let detail = format!("{sent} requests sent");
        audit::record(&db, me.id, Audit::PairsAssigned, scope, &detail, now_ms()).await?;
    }
    tracing::info!(
        user_id = me.id,
        sent,
        refused = refused.len(),
        "mentors assigned"
    );
    if !refused.is_empty() {
        return Err(AppError::form(
            crate::tr!(
                mentorships.errors.sent_not_sent,
                sent = sent,
                refused = refused.join(" ")
            )
            .to_string(),
        ));
    }
    leptos_axum::redirect(&format!("{}?sent={sent}", queue_path(program.as_deref())));
    Ok(())
}

/// Where a queue's page is: the site's, or a program's.
pub fn queue_path(program: Option<&str>) -> String {
    match program.filter(|slug| !slug.is_empty()) {
        Some(slug) => format!("/programs/{slug}/assignments"),
        None => "/admin/assignments".to_owned(),
    }
}
