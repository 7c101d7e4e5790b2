//! A program's coordinators' page, `/programs/{slug}/manage`, in sections:
//! pairs, cycles, coordinators, letters, import, survey, topics and new cycles.

use super::{
    cycles::{AddCycleForm, CycleList, ScheduleTopicForm},
    imports::ImportForm,
};
use crate::dates::day;
use crate::feedback::pages::SurveyAdmin;
use crate::letters::pages::LetterRequests;
use crate::programs::{api::*, model::*};
use crate::ui::{
    errors::failure,
    form::{action_error, Field, FormError},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    components::A,
    hooks::{use_params_map, use_query_map},
};

#[component]
pub fn ManageProgramPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let page = Resource::new(slug, manage_program);
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(m) => view! { <ManageView m/> }.into_any(),
                    Err(e) => failure(e, "to manage this program"),
                }
            })}
        </Transition>
    }
}

#[component]
fn ManageView(m: ManagePage) -> impl IntoView {
    let slug = m.program.slug.clone();
    let open_cycles: Vec<(i64, String)> = m
        .cycles
        .iter()
        .filter(|c| c.phase != Phase::Ended)
        .map(|c| (c.cycle.id, c.cycle.name.clone()))
        .collect();
    let naming = m
        .coordinator_emails
        .map(|emails| view! { <NameCoordinators slug=slug.clone() emails/> });
    let import_form = (!open_cycles.is_empty())
        .then(|| view! { <ImportForm slug=slug.clone() cycles=open_cycles.clone()/> });
    let schedule =
        (!open_cycles.is_empty()).then(|| view! { <ScheduleTopicForm cycles=open_cycles/> });
    view! {
        <Title text=format!("Manage {}", m.program.name)/>
        <h1>{format!("Manage {}", m.program.name)}</h1>
        <p>
            <A href=format!("/programs/{slug}")>"See the program page"</A>
            " · "<A href=format!("/programs/{slug}/reports")>"Reports"</A>
            {(m.program.matching != Matching::Choose).then(|| view! {
                " · "<A href=format!("/programs/{slug}/assignments")>"Mentees waiting for a match"</A>
            })}
        </p>
        <Notices/>
        <PairsSection slug=slug.clone() pairs=m.pairs coordinators=m.coordinators/>
        <CycleList slug=slug.clone() cycles=m.cycles/>
        {naming}
        <LetterRequests slug=slug.clone() requests=m.letters/>
        {import_form}
        <SurveyAdmin slug=slug.clone() questions=m.questions feedback=m.feedback/>
        {schedule}
        <AddCycleForm slug/>
    }
}

/// What the last form on this page did, read from the address it redirected to.
#[component]
fn Notices() -> impl IntoView {
    let query = use_query_map();
    let has = move |key: &str| query.with_untracked(|q| q.get(key).is_some());
    let imported = query.with_untracked(|q| q.get("imported"));
    let notice = |on: bool, text: &'static str| {
        on.then(|| view! { <p class="notice" role="status">{text}</p> })
    };
    view! {
        {notice(has("added"), "The cycle is added.")}
        {notice(has("changed"), "The cycle is changed.")}
        {notice(has("scheduled"), "The topic is scheduled.")}
        {imported.map(|n| view! { <p class="notice" role="status">{format!("Imported {n} rows: members are enrolled, and the others invited by email.")}</p> })}
    }
}

/// The program's active pairs, those needing attention first, with their liaisons.
#[component]
fn PairsSection(
    slug: String,
    pairs: Vec<PairStatus>,
    coordinators: Vec<(i64, String)>,
) -> impl IntoView {
    let liaison = ServerAction::<AssignLiaison>::new();
    let error = action_error(liaison);
    let needing = pairs.iter().filter(|p| !p.attention.is_empty()).count();
    let coordinators = StoredValue::new(coordinators);
    view! {
        <section id="pairs" aria-labelledby="pairs-title">
            <h2 id="pairs-title">"Pairs"</h2>
            <p class="muted">{format!(
                "{} active pairs; {needing} need attention (a call for help, no word from the mentee, or no messages for {QUIET_DAYS} days). \
                 Only dates are read from the threads, never their words.",
                pairs.len()
            )}</p>
            <FormError error/>
            {(!pairs.is_empty()).then(|| view! {
                <table class="table pairs-table">
                    <thead><tr><th>"Pair"</th><th>"Last message"</th><th>"Check-in"</th><th>"Liaison"</th></tr></thead>
                    <tbody>
                        {pairs.into_iter().map(|p| {
                            let slug = slug.clone();
                            view! {
                                <tr class:attention=!p.attention.is_empty()>
                                    <td data-label="Pair">
                                        <strong>{format!("{} → {}", p.mentor_name, p.mentee_name)}</strong>
                                        <br/><span class="muted">{format!("{} · {}", p.focus_label, p.cycle_name)}</span>
                                        {p.attention.iter().map(|a| view! { <p class="attention__why">{a.clone()}</p> }).collect_view()}
                                    </td>
                                    <td data-label="Last message">{p.last_message_at.map(day).unwrap_or_else(|| "none yet".to_owned())}</td>
                                    <td data-label="Check-in">{match p.checkin {
                                        Some((state, note, at)) => view! {
                                            {format!("{} ({})", state.label(), day(at))}
                                            {(!note.is_empty()).then(|| view! { <q class="muted">{note}</q> })}
                                        }.into_any(),
                                        None => view! { <span class="muted">"none yet"</span> }.into_any(),
                                    }}</td>
                                    <td data-label="Liaison">
                                        <ActionForm action=liaison attr:class="inline-form">
                                            <input type="hidden" name="slug" value=slug/>
                                            <input type="hidden" name="mentorship_id" value=p.mentorship_id/>
                                            <label class="visually-hidden" for=format!("liaison-{}", p.mentorship_id)>"Liaison"</label>
                                            <select id=format!("liaison-{}", p.mentorship_id) name="liaison_id">
                                                {p.liaison_id.is_none().then(|| view! { <option value="">"Choose…"</option> })}
                                                {coordinators.get_value().into_iter().map(|(id, name)| view! {
                                                    <option value=id selected=p.liaison_id == Some(id)>{name}</option>
                                                }).collect_view()}
                                            </select>
                                            <button type="submit" class="button button--quiet">"Set"</button>
                                        </ActionForm>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </section>
    }
}

/// Administrators name a program's coordinators anew.
#[component]
fn NameCoordinators(slug: String, emails: Vec<String>) -> impl IntoView {
    let name = ServerAction::<SetCoordinators>::new();
    let error = action_error(name);
    let named = use_query_map().with_untracked(|q| q.get("coordinators").is_some());
    view! {
        <section aria-labelledby="coordinators">
            <h2 id="coordinators">"Coordinators"</h2>
            {named.then(|| view! { <p class="notice" role="status">"The coordinators are saved."</p> })}
            <ActionForm action=name attr:class="stack narrow" attr:novalidate=true>
                <FormError error/>
                <input type="hidden" name="slug" value=slug/>
                <Field label="Coordinators" name="coordinators" error current=emails.join(", ")
                    hint="Members' email addresses, separated by commas. Someone removed can no longer run the program, and their pairs wait for a new liaison."/>
                <button type="submit" class="button">"Save coordinators"</button>
            </ActionForm>
        </section>
    }
}
