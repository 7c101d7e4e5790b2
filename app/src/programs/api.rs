//! Program server functions. Anyone may read what programs exist and how to
//! join; enrolling needs a member, running a program needs one of its
//! coordinators (or an administrator), and creating one needs an administrator.

use super::model::{
    CycleEdit, CycleForm, ImportPreview, ManagedCycle, PairStatus, Program, ProgramForm,
    ProgramPage, ProgramSummary, Report,
};
#[cfg(feature = "ssr")]
use crate::dates::DAY_MS;
use crate::{
    error::AppError,
    feedback::model::{CycleFeedback, Question},
    letters::model::LetterRequest,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::{
        checkins, managed,
        model::{parse_coordinators, parse_cycle, parse_program, parse_topic, CheckinState, Role},
        store, topics,
    },
    crate::{
        accounts::store::{current_user, require_admin, require_user, require_verified},
        audit::{model::Action as Audit, store as audit},
        dates::now_ms,
        db::use_db,
        error::FieldErrors,
    },
};

/// Every program, with the cycle open for enrolment.
#[server(endpoint = "programs/list")]
pub async fn list_programs() -> Result<Vec<ProgramSummary>, AppError> {
    store::list(&use_db()?, now_ms()).await
}

/// A program's page: its rules, its cycles and, for the cycle's members and
/// coordinators, the cycle's mentors.
#[server(endpoint = "programs/get")]
pub async fn get_program(slug: String) -> Result<ProgramPage, AppError> {
    let me = current_user().await?;
    store::page(&use_db()?, &slug, me.as_ref(), now_ms()).await
}

/// Creates a program with its coordinators (administrators only).
#[server(endpoint = "programs/create")]
pub async fn create_program(#[server(flatten)] form: ProgramForm) -> Result<(), AppError> {
    let me = require_admin(crate::tr!(programs.can.create_programs)).await?;
    let program = parse_program(&form).map_err(AppError::Invalid)?;
    let db = use_db()?;
    let slug = store::create_program(&db, &program, now_ms()).await?;
    let coordinators = program.coordinators.join(", ");
    audit::record(
        &db,
        me.id,
        Audit::ProgramCreated,
        &slug,
        &coordinators,
        now_ms(),
    )
    .await?;
    tracing::info!(user_id = me.id, program = %slug, "program created");
    leptos_axum::redirect(&format!("/programs/{slug}"));
    Ok(())
}

/// What a program's coordinators run it with.
#[server(endpoint = "programs/manage")]
pub async fn manage_program(slug: String) -> Result<ManagePage, AppError> {
    let me = require_user().await?;
    let db = use_db()?;
    let program =
        store::coordinated_by(&db, &me, &slug, crate::tr!(programs.can.manage_it)).await?;
    let coordinator_emails = if me.is_admin() {
        Some(managed::coordinator_emails(&db, program.id).await?)
    } else {
        None
    };
    let now = now_ms();
    Ok(ManagePage {
        cycles: managed::managed_cycles(&db, program.id, now).await?,
        pairs: checkins::pairs(&db, program.id, now).await?,
        coordinators: managed::coordinators(&db, program.id).await?,
        coordinator_emails,
        questions: crate::feedback::store::questions(&db, program.id).await?,
        feedback: crate::feedback::store::summary(&db, program.id).await?,
        letters: crate::letters::store::waiting(&db, program.id).await?,
        program,
    })
}

/// What a program's coordinators see and run at `/programs/{slug}/manage`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManagePage {
    pub program: Program,
    pub cycles: Vec<ManagedCycle>,
    /// Active pairs, those needing attention first.
    pub pairs: Vec<PairStatus>,
    /// The coordinators, who may be liaisons: (id, name).
    pub coordinators: Vec<(i64, String)>,
    /// Their addresses, when the reader is an administrator, who names them.
    pub coordinator_emails: Option<Vec<String>>,
    /// The end-of-cycle survey's questions, and the answers so far.
    pub questions: Vec<Question>,
    pub feedback: Vec<CycleFeedback>,
    pub letters: Vec<LetterRequest>,
}

/// Names a program's coordinators anew (administrators only).
#[server(endpoint = "programs/set_coordinators")]
pub async fn set_coordinators(slug: String, coordinators: String) -> Result<(), AppError> {
    let me = require_admin(crate::tr!(programs.can.name_coordinators)).await?;
    let db = use_db()?;
    let program = store::program_by_slug(&db, &slug).await?;
    let emails = parse_coordinators(&coordinators).map_err(|m| {
        let mut errors = FieldErrors::new().keep("coordinators", &coordinators);
        errors.add("coordinators", m);
        AppError::Invalid(errors)
    })?;
    store::set_coordinators(&db, program.id, &emails).await?;
    let named = emails.join(", ");
    audit::record(
        &db,
        me.id,
        Audit::CoordinatorsNamed,
        &slug,
        &named,
        now_ms(),
    )
    .await?;
    tracing::info!(user_id = me.id, program = %slug, count = emails.len(), "coordinators named");
    leptos_axum::redirect(&format!("/programs/{slug}/manage?coordinators=1"));
    Ok(())
}

/// Adds a cycle to a program (its coordinators).
#[server(endpoint = "programs/add_cycle")]
pub async fn add_cycle(slug: String, #[server(flatten)] form: CycleForm) -> Result<(), AppError> {
    let me = require_user().await?;
    let db = use_db()?;
    let program =
        store::coordinated_by(&db, &me, &slug, crate::tr!(programs.can.add_cycles)).await?;
    let cycle = parse_cycle(&form).map_err(AppError::Invalid)?;
    store::add_cycle(&db, program.id, &cycle, now_ms()).await?;
    tracing::info!(user_id = me.id, program = %slug, "cycle added");
    leptos_axum::redirect(&format!("/programs/{slug}/manage?added=1"));
    Ok(())
}

/// A cycle as its coordinators change it.
#[server(endpoint = "programs/cycle_to_edit")]
pub async fn cycle_to_edit(slug: String, cycle_id: i64) -> Result<CycleEdit, AppError> {
    let me = require_user().await?;
    let db = use_db()?;
    let program =
        store::coordinated_by(&db, &me, &slug, crate::tr!(programs.can.change_cycles)).await?;
    store::cycle_to_edit(&db, program, cycle_id, now_ms()).await
}

/// Changes a cycle's name, dates or places (its coordinators).
#[server(endpoint = "programs/update_cycle")]
pub async fn update_cycle(
    slug: String,
    cycle_id: i64,
    #[server(flatten)] form: CycleForm,
) -> Result<(), AppError> {
    let me = require_user().await?;
    let db = use_db()?;
    let program =
        store::coordinated_by(&db, &me, &slug, crate::tr!(programs.can.change_cycles)).await?;
    let cycle = parse_cycle(&form).map_err(AppError::Invalid)?;
    store::update_cycle(&db, program.id, cycle_id, &cycle, now_ms()).await?;
    tracing::info!(user_id = me.id, program = %slug, cycle_id, "cycle changed");
    leptos_axum::redirect(&format!("/programs/{slug}/manage?changed=1"));
    Ok(())
}

#[cfg(feature = "ssr")]
fn parse_role(role: &str) -> Result<Role, AppError> {
    Role::from_slug(role)
        .ok_or_else(|| AppError::BadRequest(crate::tr!(programs.errors.role).to_owned()))
}

/// Enrols the caller in a cycle, checking the program's eligibility rules.
#[server(endpoint = "programs/enrol")]
pub async fn enrol(cycle_id: i64, role: String, note: Option<String>) -> Result<(), AppError> {
    let me = require_verified(require_user().await?, crate::tr!(programs.can.enrol))?;
    let role = parse_role(&role)?;
    let note = note.unwrap_or_default();
    let note = note.trim();
    if note.chars().count() > 1000 {
        let mut errors = crate::error::FieldErrors::new().keep("note", note);
        let message = crate::tr!(programs.errors.note_length, count = note.chars().count());
        errors.add("note", message.to_string());
        return Err(AppError::Invalid(errors));
    }
    let db = use_db()?;
    let (_, program) = store::cycle_and_program(&db, cycle_id).await?;
    store::enrol(&db, me.id, cycle_id, role, note, now_ms()).await?;
    tracing::info!(user_id = me.id, cycle_id, role = role.slug(), "enrolled");
    leptos_axum::redirect(&format!(
        "/programs/{}?enrolled={}",
        program.slug,
        role.slug()
    ));
    Ok(())
}

/// Enrols a mentor in a new cycle with their note from the last one.
#[server(endpoint = "programs/renew")]
pub async fn renew_enrolment(cycle_id: i64) -> Result<(), AppError> {
    let me = require_user().await?;
    let db = use_db()?;
    let (_, program) = store::cycle_and_program(&db, cycle_id).await?;
    store::renew(&db, me.id, cycle_id, now_ms()).await?;
    leptos_axum::redirect(&format!("/programs/{}?enrolled=mentor", program.slug));
    Ok(())
}

/// Takes the caller out of a cycle.
#[server(endpoint = "programs/leave")]
pub async fn leave_cycle(cycle_id: i64, role: String) -> Result<(), AppError> {
    let me = require_user().await?;
    let role = parse_role(&role)?;
    let db = use_db()?;
    let (_, program) = store::cycle_and_program(&db, cycle_id).await?;
    store::leave(&db, me.id, cycle_id, role).await?;
    leptos_axum::redirect(&format!("/programs/{}", program.slug));
    Ok(())
}

/// Schedules a discussion topic for a cycle (its program's coordinators).
#[server(endpoint = "programs/schedule_topic")]
pub async fn schedule_topic(
    cycle_id: i64,
    title: String,
    body: String,
    send_on: String,
) -> Result<(), AppError> {
    let me = require_user().await?;
    let db = use_db()?;
    let (cycle, program) = store::cycle_and_program(&db, cycle_id).await?;
    store::require_coordinator(&db, &me, &program, crate::tr!(programs.can.schedule_topics))
        .await?;
    let now = now_ms();
    let topic = parse_topic(&title, &body, &send_on, now - now.rem_euclid(DAY_MS))
        .map_err(|e| AppError::Invalid(e.keep("cycle_id", &cycle_id.to_string())))?;
    if topic.send_on > cycle.ends_on {
        let mut errors = crate::error::FieldErrors::new()
            .keep("title", &title)
            .keep("body", &body)
            .keep("send_on", &send_on)
            .keep("cycle_id", &cycle_id.to_string());
        let ends = crate::dates::day(cycle.ends_on);
        let message = crate::tr!(programs.topic.after_end, cycle = &cycle.name, day = ends);
        errors.add("send_on", message.to_string());
        return Err(AppError::Invalid(errors));
    }
    topics::schedule(&db, cycle_id, me.id, &topic, now).await?;
    tracing::info!(user_id = me.id, cycle_id, "topic scheduled");
    leptos_axum::redirect(&format!("/programs/{}/manage?scheduled=1", program.slug));
    Ok(())
}

/// Removes a topic that has not gone out (its program's coordinators).
#[server(endpoint = "programs/delete_topic")]
pub async fn delete_topic(topic_id: i64) -> Result<(), AppError> {
    let me = require_user().await?;
    let db = use_db()?;
    let cycle_id = topics::cycle_of(&db, topic_id).await?;
    let (_, program) = store::cycle_and_program(&db, cycle_id).await?;
    store::require_coordinator(&db, &me, &program, crate::tr!(programs.can.change_topics)).await?;
    topics::delete(&db, topic_id).await?;
    leptos_axum::redirect(&format!("/programs/{}/manage", program.slug));
    Ok(())
}

/// The mentor's monthly check-in with the program's liaison.
#[server(endpoint = "programs/check_in")]
pub async fn check_in(
    mentorship_id: i64,
    state: String,
    note: Option<String>,
) -> Result<(), AppError> {
    let me = require_user().await?;
    let state = CheckinState::from_slug(&state).ok_or_else(|| {
        AppError::BadRequest(crate::tr!(programs.errors.checkin_state).to_owned())
    })?;
    let note = note.unwrap_or_default();
    let note = note.trim();
    if note.chars().count() > 1000 {
        let mut errors = crate::error::FieldErrors::new().keep("note", note);
        errors.add("note", crate::tr!(programs.errors.checkin_note_length));
        return Err(AppError::Invalid(errors));
    }
    checkins::check_in(&use_db()?, me.id, mentorship_id, state, note, now_ms()).await?;
    leptos_axum::redirect(&format!(
        "/mentorships/{mentorship_id}?checked_in=1#check-in"
    ));
    Ok(())
}

/// Names a coordinator the liaison of a pair (the program's coordinators).
#[server(endpoint = "programs/assign_liaison")]
pub async fn assign_liaison(
    slug: String,
    mentorship_id: i64,
    liaison_id: i64,
) -> Result<(), AppError> {
    let me = require_user().await?;
    let db = use_db()?;
    let program =
        store::coordinated_by(&db, &me, &slug, crate::tr!(programs.can.assign_liaisons)).await?;
    checkins::assign_liaison(&db, &program, mentorship_id, liaison_id).await?;
    let pair = format!("pair {mentorship_id}, liaison {liaison_id}");
    audit::record(&db, me.id, Audit::LiaisonAssigned, &slug, &pair, now_ms()).await?;
    leptos_axum::redirect(&format!("/programs/{slug}/manage#pairs"));
    Ok(())
}

/// A program's report (its coordinators).
#[server(endpoint = "programs/report")]
pub async fn program_report(slug: String) -> Result<(String, Report), AppError> {
    let me = require_user().await?;
    let db = use_db()?;
    let program =
        store::coordinated_by(&db, &me, &slug, crate::tr!(programs.can.read_reports)).await?;
    audit::record(&db, me.id, Audit::ReportRead, &slug, "", now_ms()).await?;
    Ok((
        program.name.clone(),
        super::reports::report(&db, crate::language::current(), program.id, now_ms()).await?,
    ))
}

/// Keeps a CSV of members for a cycle and opens its preview (coordinators).
#[server(endpoint = "programs/check_import")]
pub async fn check_import(slug: String, cycle_id: i64, csv: String) -> Result<i64, AppError> {
    let me = require_user().await?;
    let db = use_db()?;
    let program =
        store::coordinated_by(&db, &me, &slug, crate::tr!(programs.can.import_members)).await?;
    let (cycle, _) = store::cycle_and_program(&db, cycle_id).await?;
    if cycle.program_id != program.id {
        return Err(AppError::NotFound);
    }
    if csv.trim().is_empty() {
        let mut errors = crate::error::FieldErrors::new();
        errors.add("csv", crate::tr!(programs.import.no_file));
        return Err(AppError::Invalid(errors));
    }
    let draft = super::imports::save_draft(&db, me.id, cycle_id, &csv, now_ms()).await?;
    leptos_axum::redirect(&format!("/programs/{slug}/import/{draft}"));
    Ok(draft)
}

/// What importing a kept file would do, row by row (coordinators).
#[server(endpoint = "programs/import_preview")]
pub async fn preview_import(slug: String, draft_id: i64) -> Result<ImportPreview, AppError> {
    let me = require_user().await?;
    let db = use_db()?;
    let program =
        store::coordinated_by(&db, &me, &slug, crate::tr!(programs.can.import_members)).await?;
    let (cycle_id, csv) = super::imports::draft(&db, program.id, draft_id).await?;
    super::imports::import(&db, me.id, draft_id, cycle_id, &csv, false, now_ms()).await
}

/// Imports a previewed file: every row or none (coordinators).
#[server(endpoint = "programs/apply_import")]
pub async fn apply_import(slug: String, draft_id: i64) -> Result<ImportPreview, AppError> {
    let me = require_user().await?;
    let db = use_db()?;
    let program =
        store::coordinated_by(&db, &me, &slug, crate::tr!(programs.can.import_members)).await?;
    let (cycle_id, csv) = super::imports::draft(&db, program.id, draft_id).await?;
    let done = super::imports::import(&db, me.id, draft_id, cycle_id, &csv, true, now_ms()).await?;
    let rows = format!("{} rows into cycle {cycle_id}", done.rows.len());
    audit::record(&db, me.id, Audit::MembersImported, &slug, &rows, now_ms()).await?;
    tracing::info!(user_id = me.id, rows = done.rows.len(), "members imported");
    leptos_axum::redirect(&format!(
        "/programs/{slug}/manage?imported={}",
        done.rows.len()
    ));
    Ok(done)
}
