//! A program's cycles on its coordinators' page (the list, topics, a new
//! cycle) and `/programs/{slug}/cycles/{id}/edit`.

use super::{phase_badge, span};
use crate::dates::{day, iso_day};
use crate::programs::{api::*, model::*};
use crate::tr;
use crate::ui::{
    errors::failure,
    form::{action_error, Choice, Field, FormError, LongField},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_params_map};

/// Each cycle with its enrolments and discussion topics.
#[component]
pub(super) fn CycleList(slug: String, cycles: Vec<ManagedCycle>) -> impl IntoView {
    let delete = ServerAction::<DeleteTopic>::new();
    view! {
        <section aria-labelledby="cycles">
            <h2 id="cycles">{tr!(programs.cycles)}</h2>
            {cycles.is_empty().then(|| view! { <p class="empty">{tr!(programs.manage.no_cycles)}</p> })}
            {cycles.into_iter().map(|c| {
                let mentees = c.enrolments.iter().filter(|e| e.role == Role::Mentee).count();
                let change_link = (c.phase != Phase::Ended).then(|| {
                    let href = format!("/programs/{slug}/cycles/{}/edit", c.cycle.id);
                    let of = tr!(programs.manage.change_of, name = &c.cycle.name).to_string();
                    view! { <p><A href=href>{tr!(programs.manage.change)}<span class="visually-hidden">{of}</span></A></p> }
                });
                view! {
                    <section class="card cycle" aria-label=tr!(programs.cycle_label, name = &c.cycle.name).to_string()>
                        <h3>{c.cycle.name.clone()} " " {phase_badge(c.phase)}</h3>
                        {change_link}
                        <p>{tr!(
                            programs.manage.cycle_facts,
                            runs = span(c.cycle.starts_on, c.cycle.ends_on),
                            enrolment = span(c.cycle.enrol_opens, c.cycle.enrol_closes),
                            mentors = tr!(programs.counts.mentors, count = c.enrolments.len() - mentees).to_string(),
                            places = tr!(programs.counts.places, count = c.cycle.capacity, mentees = mentees).to_string(),
                            pairs = tr!(programs.counts.active_pairs, count = c.pairs).to_string()
                        ).to_string()}</p>
                        {(!c.enrolments.is_empty()).then(|| view! {
                            <table class="table">
                                <thead><tr><th>{tr!(programs.manage.member)}</th><th>{tr!(programs.manage.role)}</th><th>{tr!(programs.manage.email)}</th><th>{tr!(programs.manage.enrolled)}</th></tr></thead>
                                <tbody>
                                    {c.enrolments.into_iter().map(|e| view! {
                                        <tr>
                                            <td><A href=format!("/mentors/{}", e.user_id)>{e.name}</A></td>
                                            <td>{e.role.label()}</td>
                                            <td>{e.email}</td>
                                            <td>{day(e.enrolled_at)}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        })}
                        <h4>{tr!(programs.manage.topics)}</h4>
                        {c.topics.is_empty().then(|| view! { <p class="muted">{tr!(programs.manage.no_topics)}</p> })}
                        <ul class="topics">
                            {c.topics.into_iter().map(|t| view! {
                                <li>
                                    <strong>{t.title}</strong>
                                    {match t.sent_at {
                                        Some(at) => format!(" · {}", tr!(programs.manage.sent, day = day(at))),
                                        None => format!(" · {}", tr!(programs.manage.goes_out, day = day(t.send_on))),
                                    }}
                                    {t.sent_at.is_none().then(|| view! {
                                        <ActionForm action=delete attr:class="inline-form">
                                            <input type="hidden" name="topic_id" value=t.id/>
                                            <button type="submit" class="link-button">{tr!(programs.manage.remove)}</button>
                                        </ActionForm>
                                    })}
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                }
            }).collect_view()}
        </section>
    }
}

/// Schedules a discussion topic for one of the cycles still open.
#[component]
pub(super) fn ScheduleTopicForm(cycles: Vec<(i64, String)>) -> impl IntoView {
    let schedule = ServerAction::<ScheduleTopic>::new();
    // A topic removed from the list above reports here too.
    let delete = ServerAction::<DeleteTopic>::new();
    let error = Signal::derive(move || {
        action_error(schedule)
            .get()
            .or_else(|| action_error(delete).get())
    });
    let options: Vec<_> = cycles
        .into_iter()
        .map(|(id, name)| (id.to_string(), name))
        .collect();
    view! {
        <section aria-labelledby="schedule-topic">
            <h2 id="schedule-topic">{tr!(programs.schedule.title)}</h2>
            <p class="muted">{tr!(programs.schedule.lead)}</p>
            <ActionForm action=schedule attr:class="stack narrow" attr:novalidate=true>
                <FormError error/>
                <Choice label=tr!(programs.cycle) name="cycle_id" options error/>
                <Field label=tr!(programs.schedule.topic_title) name="title" error hint=tr!(programs.schedule.topic_title_hint)/>
                <LongField label=tr!(programs.schedule.topic) name="body" error rows=5
                    hint=tr!(programs.schedule.topic_hint)/>
                <Field label=tr!(programs.schedule.send_on) name="send_on" kind="date" error/>
                <button type="submit" class="button button--primary">{tr!(programs.schedule.submit)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub(super) fn AddCycleForm(slug: String) -> impl IntoView {
    let add = ServerAction::<AddCycle>::new();
    let error = action_error(add);
    view! {
        <section aria-labelledby="add-cycle">
            <h2 id="add-cycle">{tr!(programs.cycle_fields.add_title)}</h2>
            <ActionForm action=add attr:class="stack narrow" attr:novalidate=true>
                <FormError error/>
                <input type="hidden" name="slug" value=slug/>
                <Field label=tr!(programs.cycle_fields.name) name="name" error hint=tr!(programs.cycle_fields.name_hint)/>
                <Field label=tr!(programs.cycle_fields.starts_on) name="starts_on" kind="date" error/>
                <Field label=tr!(programs.cycle_fields.ends_on) name="ends_on" kind="date" error hint=tr!(programs.cycle_fields.ends_on_hint)/>
                <Field label=tr!(programs.cycle_fields.enrol_opens) name="enrol_opens" kind="date" error/>
                <Field label=tr!(programs.cycle_fields.enrol_closes) name="enrol_closes" kind="date" error/>
                <Field label=tr!(programs.mentee_places) name="capacity" kind="number" error/>
                <button type="submit" class="button button--primary">{tr!(programs.cycle_fields.add)}</button>
            </ActionForm>
        </section>
    }
}

/// `/programs/{slug}/cycles/{id}/edit`: a coordinator corrects a cycle's name,
/// dates or places.
#[component]
pub fn EditCyclePage() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        params.with(|p| {
            (
                p.get("slug").unwrap_or_default(),
                p.get("id")
                    .and_then(|d| d.parse::<i64>().ok())
                    .unwrap_or_default(),
            )
        })
    };
    let edit = Resource::new(key, |(slug, id)| cycle_to_edit(slug, id));
    view! {
        <Transition fallback=|| view! { <p class="muted">{tr!(programs.loading)}</p> }>
            {move || Suspend::new(async move {
                match edit.await {
                    Ok(e) => view! { <EditCycleForm e/> }.into_any(),
                    Err(e) => failure(e, tr!(programs.cycle_fields.sign_in)),
                }
            })}
        </Transition>
    }
}

#[component]
fn EditCycleForm(e: CycleEdit) -> impl IntoView {
    let update = ServerAction::<UpdateCycle>::new();
    let error = action_error(update);
    let c = e.cycle;
    let slug = e.program.slug;
    let back = format!("/programs/{slug}/manage");
    let title = tr!(programs.cycle_fields.edit_title, name = &c.name).to_string();
    let form = (!e.ended).then(|| {
        view! {
            <p class="muted">{tr!(
                programs.cycle_fields.enrolled_now,
                mentees = tr!(programs.counts.mentees, count = c.mentees).to_string(),
                mentors = tr!(programs.counts.mentors, count = c.mentors).to_string()
            ).to_string()}</p>
            <ActionForm action=update attr:class="stack narrow" attr:novalidate=true>
                <FormError error/>
                <input type="hidden" name="slug" value=slug.clone()/>
                <input type="hidden" name="cycle_id" value=c.id/>
                <Field label=tr!(programs.cycle_fields.name) name="name" error current=c.name.clone()/>
                <Field label=tr!(programs.cycle_fields.starts_on) name="starts_on" kind="date" error current=iso_day(c.starts_on)/>
                <Field label=tr!(programs.cycle_fields.ends_on) name="ends_on" kind="date" error current=iso_day(c.ends_on)
                    hint=tr!(programs.cycle_fields.ends_on_hint)/>
                <Field label=tr!(programs.cycle_fields.enrol_opens) name="enrol_opens" kind="date" error current=iso_day(c.enrol_opens)/>
                <Field label=tr!(programs.cycle_fields.enrol_closes) name="enrol_closes" kind="date" error current=iso_day(c.enrol_closes)/>
                <Field label=tr!(programs.mentee_places) name="capacity" kind="number" error current=c.capacity.to_string()/>
                <button type="submit" class="button button--primary">{tr!(programs.cycle_fields.save)}</button>
            </ActionForm>
        }
    });
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p><A href=back.clone()>{tr!(programs.cycle_fields.back, program = &e.program.name).to_string()}</A></p>
        {e.ended.then(|| view! {
            <p class="notice">{tr!(programs.cycle_fields.ended)}</p>
        })}
        {form}
    }
}
