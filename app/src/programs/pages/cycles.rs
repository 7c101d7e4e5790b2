//! A program's cycles on its coordinators' page (the list, topics, a new
//! cycle) and `/programs/{slug}/cycles/{id}/edit`.

use super::{phase_badge, span};
use crate::dates::{day, iso_day};
use crate::programs::{api::*, model::*};
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
            <h2 id="cycles">"Cycles"</h2>
            {cycles.is_empty().then(|| view! { <p class="empty">"No cycles yet. Add the first below."</p> })}
            {cycles.into_iter().map(|c| {
                let mentees = c.enrolments.iter().filter(|e| e.role == Role::Mentee).count();
                let change_link = (c.phase != Phase::Ended).then(|| {
                    let href = format!("/programs/{slug}/cycles/{}/edit", c.cycle.id);
                    let of = format!(" of {}", c.cycle.name);
                    view! { <p><A href=href>"Change dates or places"<span class="visually-hidden">{of}</span></A></p> }
                });
                view! {
                    <section class="card cycle" aria-label=format!("Cycle {}", c.cycle.name)>
                        <h3>{c.cycle.name.clone()} " " {phase_badge(c.phase)}</h3>
                        {change_link}
                        <p>{format!(
                            "Runs {}; enrolment {}. {} mentors, {mentees} of {} mentee places, {} active pairs.",
                            span(c.cycle.starts_on, c.cycle.ends_on),
                            span(c.cycle.enrol_opens, c.cycle.enrol_closes),
                            c.enrolments.len() - mentees,
                            c.cycle.capacity,
                            c.pairs,
                        )}</p>
                        {(!c.enrolments.is_empty()).then(|| view! {
                            <table class="table">
                                <thead><tr><th>"Member"</th><th>"Role"</th><th>"Email"</th><th>"Enrolled"</th></tr></thead>
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
                        <h4>"Discussion topics"</h4>
                        {c.topics.is_empty().then(|| view! { <p class="muted">"None scheduled."</p> })}
                        <ul class="topics">
                            {c.topics.into_iter().map(|t| view! {
                                <li>
                                    <strong>{t.title}</strong>
                                    {match t.sent_at {
                                        Some(at) => format!(" · sent {}", day(at)),
                                        None => format!(" · goes out {}", day(t.send_on)),
                                    }}
                                    {t.sent_at.is_none().then(|| view! {
                                        <ActionForm action=delete attr:class="inline-form">
                                            <input type="hidden" name="topic_id" value=t.id/>
                                            <button type="submit" class="link-button">"Remove"</button>
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
            <h2 id="schedule-topic">"Schedule a discussion topic"</h2>
            <p class="muted">"On the day, every active pair in the cycle gets it as a card in their thread, and by email."</p>
            <ActionForm action=schedule attr:class="stack narrow" attr:novalidate=true>
                <FormError error/>
                <Choice label="Cycle" name="cycle_id" options error/>
                <Field label="Title" name="title" error hint="e.g. Finding your professional community."/>
                <LongField label="Topic" name="body" error rows=5
                    hint="A question or two for the pair to talk over. You can use *emphasis* and lists."/>
                <Field label="Send on" name="send_on" kind="date" error/>
                <button type="submit" class="button button--primary">"Schedule topic"</button>
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
            <h2 id="add-cycle">"Add a cycle"</h2>
            <ActionForm action=add attr:class="stack narrow" attr:novalidate=true>
                <FormError error/>
                <input type="hidden" name="slug" value=slug/>
                <Field label="Name" name="name" error hint="e.g. 2026–27 or Annual Conference 2027."/>
                <Field label="Starts on" name="starts_on" kind="date" error/>
                <Field label="Ends on" name="ends_on" kind="date" error hint="Active mentorships complete after this day unless the pair extends."/>
                <Field label="Enrolment opens" name="enrol_opens" kind="date" error/>
                <Field label="Enrolment closes" name="enrol_closes" kind="date" error/>
                <Field label="Mentee places" name="capacity" kind="number" error/>
                <button type="submit" class="button button--primary">"Add cycle"</button>
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
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match edit.await {
                    Ok(e) => view! { <EditCycleForm e/> }.into_any(),
                    Err(e) => failure(e, "to change this cycle"),
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
    let title = format!("Change {}", c.name);
    let form = (!e.ended).then(|| {
        view! {
            <p class="muted">{format!(
                "{} mentees and {} mentors are enrolled. Members see the new dates on the program page.",
                c.mentees, c.mentors
            )}</p>
            <ActionForm action=update attr:class="stack narrow" attr:novalidate=true>
                <FormError error/>
                <input type="hidden" name="slug" value=slug.clone()/>
                <input type="hidden" name="cycle_id" value=c.id/>
                <Field label="Name" name="name" error current=c.name.clone()/>
                <Field label="Starts on" name="starts_on" kind="date" error current=iso_day(c.starts_on)/>
                <Field label="Ends on" name="ends_on" kind="date" error current=iso_day(c.ends_on)
                    hint="Active mentorships complete after this day unless the pair extends."/>
                <Field label="Enrolment opens" name="enrol_opens" kind="date" error current=iso_day(c.enrol_opens)/>
                <Field label="Enrolment closes" name="enrol_closes" kind="date" error current=iso_day(c.enrol_closes)/>
                <Field label="Mentee places" name="capacity" kind="number" error current=c.capacity.to_string()/>
                <button type="submit" class="button button--primary">"Save changes"</button>
            </ActionForm>
        }
    });
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p><A href=back.clone()>{format!("Back to {}", e.program.name)}</A></p>
        {e.ended.then(|| view! {
            <p class="notice">"This cycle has ended, so its dates and places stay as they were: members' records and letters cite them."</p>
        })}
        {form}
    }
}
