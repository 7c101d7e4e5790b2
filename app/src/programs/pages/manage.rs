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
use crate::tr;
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
        <Transition fallback=|| view! { <p class="muted">{tr!(programs.loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(m) => view! { <ManageView m/> }.into_any(),
                    Err(e) => failure(e, tr!(programs.manage.sign_in)),
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
        <Title text=tr!(programs.manage.title, program = &m.program.name).to_string()/>
        <h1>{tr!(programs.manage.title, program = &m.program.name).to_string()}</h1>
        <p>
            <A href=format!("/programs/{slug}")>{tr!(programs.manage.program_page)}</A>
            " · "<A href=format!("/programs/{slug}/reports")>{tr!(programs.manage.reports)}</A>
            {(m.program.matching != Matching::Choose).then(|| view! {
                " · "<A href=format!("/programs/{slug}/assignments")>{tr!(programs.manage.waiting)}</A>
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
        {notice(has("added"), tr!(programs.manage.added))}
        {notice(has("changed"), tr!(programs.manage.changed))}
        {notice(has("scheduled"), tr!(programs.manage.scheduled))}
        {imported.map(|n| view! { <p class="notice" role="status">{tr!(programs.manage.imported, count = n.parse::<i64>().unwrap_or(0), rows = &n).to_string()}</p> })}
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
            <h2 id="pairs-title">{tr!(programs.pairs.title)}</h2>
            <p class="muted">{tr!(
                programs.pairs.lead,
                count = needing,
                pairs = tr!(programs.counts.active_pairs, count = pairs.len()).to_string(),
                days = QUIET_DAYS
            ).to_string()}</p>
            <FormError error/>
            {(!pairs.is_empty()).then(|| view! {
                <table class="table pairs-table">
                    <thead><tr><th>{tr!(programs.pairs.pair)}</th><th>{tr!(programs.pairs.last_message)}</th><th>{tr!(programs.pairs.checkin)}</th><th>{tr!(programs.pairs.liaison)}</th></tr></thead>
                    <tbody>
                        {pairs.into_iter().map(|p| {
                            let slug = slug.clone();
                            view! {
                                <tr class:attention=!p.attention.is_empty()>
                                    <td data-label=tr!(programs.pairs.pair)>
                                        <strong>{format!("{} → {}", p.mentor_name, p.mentee_name)}</strong>
                                        <br/><span class="muted">{format!("{} · {}", p.focus_label, p.cycle_name)}</span>
                                        {p.attention.iter().map(|a| view! { <p class="attention__why">{a.clone()}</p> }).collect_view()}
                                    </td>
                                    <td data-label=tr!(programs.pairs.last_message)>{p.last_message_at.map(day).unwrap_or_else(|| tr!(programs.none_yet).to_owned())}</td>
                                    <td data-label=tr!(programs.pairs.checkin)>{match p.checkin {
                                        Some((state, note, at)) => view! {
                                            {format!("{} ({})", state.label(), day(at))}
                                            {(!note.is_empty()).then(|| view! { <q class="muted">{note}</q> })}
                                        }.into_any(),
                                        None => view! { <span class="muted">{tr!(programs.none_yet)}</span> }.into_any(),
                                    }}</td>
                                    <td data-label=tr!(programs.pairs.liaison)>
                                        <ActionForm action=liaison attr:class="inline-form">
                                            <input type="hidden" name="slug" value=slug/>
                                            <input type="hidden" name="mentorship_id" value=p.mentorship_id/>
                                            <label class="visually-hidden" for=format!("liaison-{}", p.mentorship_id)>{tr!(programs.pairs.liaison)}</label>
                                            <select id=format!("liaison-{}", p.mentorship_id) name="liaison_id">
                                                {p.liaison_id.is_none().then(|| view! { <option value="">{tr!(programs.choose)}</option> })}
                                                {coordinators.get_value().into_iter().map(|(id, name)| view! {
                                                    <option value=id selected=p.liaison_id == Some(id)>{name}</option>
                                                }).collect_view()}
                                            </select>
                                            <button type="submit" class="button button--quiet">{tr!(programs.pairs.set)}</button>
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
            <h2 id="coordinators">{tr!(programs.coordinators)}</h2>
            {named.then(|| view! { <p class="notice" role="status">{tr!(programs.naming.saved)}</p> })}
            <ActionForm action=name attr:class="stack narrow" attr:novalidate=true>
                <FormError error/>
                <input type="hidden" name="slug" value=slug/>
                <Field label=tr!(programs.coordinators) name="coordinators" error current=emails.join(", ")
                    hint=tr!(programs.naming.hint)/>
                <button type="submit" class="button">{tr!(programs.naming.save)}</button>
            </ActionForm>
        </section>
    }
}
