//! `/programs` and a program's page: its rules, its cycles, and enrolling in
//! them.

use super::{phase_badge, span};
use crate::mentorships::api::AskAssignment;
use crate::programs::{api::*, model::*};
use crate::{
    accounts::context::use_auth,
    error::AppError,
    profiles::model::FocusArea,
    ui::{
        errors::failure,
        form::{action_error, Choice, FormError, LongField},
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    components::A,
    hooks::{use_params_map, use_query_map},
};

#[component]
pub fn ProgramsPage() -> impl IntoView {
    let programs = Resource::new(|| (), |_| list_programs());
    let auth = use_auth();
    view! {
        <Title text="Programs"/>
        <h1>"Programs"</h1>
        <p class="lead">"Mentoring programs run by associations and libraries. Each has its own rules, cycles and coordinators."</p>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let user = auth.user.await.ok().flatten();
                let admin = user.as_ref().is_some_and(|u| u.is_admin());
                match programs.await {
                    Ok(list) => view! {
                        {user.is_some().then(|| view! {
                            <p>"Yours: "<A href="/feedback">"end-of-cycle surveys"</A>" · "<A href="/letters">"letters of recognition"</A></p>
                        })}
                        {admin.then(|| view! { <p><A href="/admin/programs">"Create a program"</A></p> })}
                        {list.is_empty().then(|| view! { <p class="empty">"No programs yet."</p> })}
                        <ul class="mentor-list program-list">
                            {list.into_iter().map(|s| view! {
                                <li class="card">
                                    <h2><A href=format!("/programs/{}", s.program.slug)>{s.program.name.clone()}</A></h2>
                                    <p class="muted">{format!("{} · {}", s.program.kind.label(), s.program.matching.label())}</p>
                                    <p class="program__excerpt">{excerpt(&s.program.description)}</p>
                                    {s.enrolling.map(|c| view! { <p><span class="badge badge--ok">"Enrolling now"</span>{format!(" {c}")}</p> })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => failure(e, "to see the programs"),
                }
            })}
        </Transition>
    }
}

fn excerpt(text: &str) -> String {
    let first = text.split("\n\n").next().unwrap_or_default();
    if first.chars().count() > 220 {
        format!(
            "{}…",
            first.chars().take(220).collect::<String>().trim_end()
        )
    } else {
        first.to_owned()
    }
}

/// The forms a member enrols with, created with the page.
#[derive(Clone, Copy)]
struct Enrolment {
    enrol: ServerAction<Enrol>,
    renew: ServerAction<RenewEnrolment>,
    leave: ServerAction<LeaveCycle>,
    ask: ServerAction<AskAssignment>,
}

#[component]
pub fn ProgramPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let actions = Enrolment {
        enrol: ServerAction::new(),
        renew: ServerAction::new(),
        leave: ServerAction::new(),
        ask: ServerAction::new(),
    };
    let page = Resource::new(slug, get_program);
    let error = Signal::derive(move || {
        action_error(actions.enrol)
            .get()
            .or_else(|| action_error(actions.renew).get())
            .or_else(|| action_error(actions.leave).get())
    });
    let query = use_query_map();
    let enrolled = move || {
        query
            .with(|q| q.get("enrolled"))
            .and_then(|r| Role::from_slug(&r))
    };
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! { <ProgramView p error actions enrolled=enrolled()/> }.into_any(),
                    Err(e) => failure(e, "to see this program"),
                }
            })}
        </Transition>
    }
}

#[component]
fn ProgramView(
    p: ProgramPage,
    error: Signal<Option<AppError>>,
    actions: Enrolment,
    enrolled: Option<Role>,
) -> impl IntoView {
    let program = p.program.clone();
    let areas = StoredValue::new(p.focus_areas.clone());
    let asked = use_query_map().with_untracked(|q| q.get("asked").is_some());
    let rules = |role: Role| {
        let rules = program.rules(role);
        if rules.is_empty() {
            view! { <li>"Any member."</li> }.into_any()
        } else {
            rules
                .into_iter()
                .map(|r| view! { <li>{r}</li> })
                .collect_view()
                .into_any()
        }
    };
    let slug = program.slug.clone();
    let signed_in = p.signed_in;
    view! {
        <Title text=program.name.clone()/>
        <article class="program">
            <h1>{program.name.clone()}</h1>
            <p class="muted">{format!("{} · {}", program.kind.label(), program.matching.label())}</p>
            {enrolled.map(|r| view! {
                <p class="notice" role="status">{format!("You are enrolled as a {}.", r.slug())}</p>
            })}
            {asked.then(|| view! {
                <p class="notice" role="status">"Thank you. The coordinators will find you a mentor, and you will hear when they do."</p>
            })}
            <FormError error/>
            <div class="prose program__description">
                {program.description.split("\n\n").map(|para| view! { <p>{para.to_owned()}</p> }).collect_view()}
            </div>
            {p.can_manage.then(|| view! {
                <p><A href=format!("/programs/{slug}/manage") attr:class="button">"Manage this program"</A></p>
            })}
            <section aria-labelledby="how-to-join">
                <h2 id="how-to-join">"How to join"</h2>
                <div class="facts">
                    <div>
                        <h3>"Mentors"</h3>
                        <ul>{rules(Role::Mentor)}</ul>
                    </div>
                    <div>
                        <h3>"Mentees"</h3>
                        <ul>{rules(Role::Mentee)}</ul>
                    </div>
                </div>
                <p>{format!("Pairs are expected to be in touch {}.", program.contact.label())}</p>
                {(!p.coordinators.is_empty()).then(|| view! {
                    <p>{format!("Coordinators: {}.", p.coordinators.join(", "))}</p>
                })}
                {(!signed_in).then(|| view! {
                    <p><A href=format!("/login?next=/programs/{slug}")>"Sign in"</A>" or "<A href="/signup">"join Carrel"</A>" to enrol."</p>
                })}
            </section>
            <section aria-labelledby="cycles">
                <h2 id="cycles">"Cycles"</h2>
                {p.cycles.is_empty().then(|| view! { <p class="empty">"No cycles yet. The coordinators will announce the next one."</p> })}
                {p.cycles.into_iter().map(|c| view! { <CycleCard c signed_in actions areas matching=program.matching/> }).collect_view()}
            </section>
        </article>
    }
}

#[component]
fn CycleCard(
    c: CycleView,
    signed_in: bool,
    actions: Enrolment,
    areas: StoredValue<Vec<FocusArea>>,
    matching: Matching,
) -> impl IntoView {
    let Enrolment {
        enrol,
        renew,
        leave,
        ask,
    } = actions;
    let cycle = c.cycle.clone();
    let id = cycle.id;
    let can_enrol = signed_in && c.phase == Phase::Enrolling;
    let enrolled_as = |role: Role| c.mine.contains(&role);
    let leave_form = move |role: Role| {
        view! {
            <ActionForm action=leave attr:class="inline-form">
                <input type="hidden" name="cycle_id" value=id/>
                <input type="hidden" name="role" value=role.slug()/>
                <button type="submit" class="button button--quiet">{format!("Leave as {}", role.slug())}</button>
            </ActionForm>
        }
    };
    let mentor_part = if enrolled_as(Role::Mentor) {
        view! { <div class="enrolled">"You are enrolled as a mentor. " {leave_form(Role::Mentor)}</div> }.into_any()
    } else if can_enrol {
        view! {
            {c.renew_note.clone().map(|note| view! {
                <ActionForm action=renew attr:class="stack renew">
                    <input type="hidden" name="cycle_id" value=id/>
                    <p>"You mentored in an earlier cycle. Renew with the same note:"</p>
                    {(!note.is_empty()).then(|| view! { <blockquote class="message">{note.clone()}</blockquote> })}
                    <button type="submit" class="button button--primary">"Renew from last cycle"</button>
                </ActionForm>
            })}
            <details class="enrol" open=c.renew_note.is_none() && !enrolled_as(Role::Mentee)>
                <summary>"Enrol as a mentor"</summary>
                <ActionForm action=enrol attr:class="stack">
                    <input type="hidden" name="cycle_id" value=id/>
                    <input type="hidden" name="role" value="mentor"/>
                    <label for=format!("note-{id}")>"What you can offer this cycle (optional)"</label>
                    <textarea id=format!("note-{id}") name="note" rows="3"></textarea>
                    <button type="submit" class="button">"Enrol as a mentor"</button>
                </ActionForm>
            </details>
        }
        .into_any()
    } else {
        ().into_any()
    };
    let mentee_part = if enrolled_as(Role::Mentee) {
        let next = match matching {
            Matching::Assign => "Tell the coordinators what you want a mentor for, and they will match you.",
            Matching::Both => "Choose a mentor from the cycle's mentors below, or ask the coordinators to match you.",
            Matching::Choose => "Choose a mentor from the cycle's mentors below.",
        };
        let can_ask = matching != Matching::Choose && c.phase != Phase::Ended;
        view! {
            <div class="enrolled">{format!("You are enrolled as a mentee. {next} ")} {leave_form(Role::Mentee)}</div>
            {(!c.asked.is_empty()).then(|| view! {
                <p class="muted">{format!("You asked the coordinators for a mentor in {}; you will hear when they match you.", c.asked.join(", "))}</p>
            })}
            {can_ask.then(|| {
                // Where only the coordinators match, asking is the next step.
                let open = matching == Matching::Assign && c.asked.is_empty();
                view! { <AskForMatch cycle_id=id ask areas open/> }
            })}
        }
        .into_any()
    } else if can_enrol {
        view! {
            <ActionForm action=enrol attr:class="inline-form">
                <input type="hidden" name="cycle_id" value=id/>
                <input type="hidden" name="role" value="mentee"/>
                <button type="submit" class="button">"Enrol as a mentee"</button>
            </ActionForm>
        }
        .into_any()
    } else {
        ().into_any()
    };
    view! {
        <section class="card cycle" aria-label=format!("Cycle {}", cycle.name)>
            <h3>{cycle.name.clone()} " " {phase_badge(c.phase)}</h3>
            <dl class="facts">
                <dt>"Runs"</dt><dd>{span(cycle.starts_on, cycle.ends_on)}</dd>
                <dt>"Enrolment"</dt><dd>{span(cycle.enrol_opens, cycle.enrol_closes)}</dd>
                <dt>"Mentee places"</dt><dd>{format!("{} of {} taken", cycle.mentees.min(cycle.capacity), cycle.capacity)}</dd>
                <dt>"Mentors enrolled"</dt><dd>{cycle.mentors}</dd>
            </dl>
            <div class="actions">{mentor_part}{mentee_part}</div>
            {c.mentors.map(|mentors| view! {
                <h4>"Mentors in this cycle"</h4>
                {mentors.is_empty().then(|| view! { <p class="muted">"No mentors have enrolled yet."</p> })}
                <ul class="cycle__mentors">
                    {mentors.into_iter().map(|m| view! {
                        <li>
                            <A href=format!("/mentors/{}", m.id)>{m.name}</A>
                            {(!m.position.is_empty()).then(|| format!(" · {}", m.position))}
                            {(!m.note.is_empty()).then(|| view! { <p class="muted">{m.note}</p> })}
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}

/// A mentee asks the cycle's coordinators to match them in one focus area.
#[component]
fn AskForMatch(
    cycle_id: i64,
    ask: ServerAction<AskAssignment>,
    areas: StoredValue<Vec<FocusArea>>,
    open: bool,
) -> impl IntoView {
    let error = action_error(ask);
    let options: Vec<_> = areas
        .get_value()
        .into_iter()
        .map(|a| (a.slug, a.label))
        .collect();
    view! {
        <details class="enrol" open=open || error.with_untracked(Option::is_some)>
            <summary>"Ask the coordinators for a match"</summary>
            <ActionForm action=ask attr:class="stack">
                <FormError error/>
                <input type="hidden" name="cycle_id" value=cycle_id/>
                <Choice label="What you want a mentor for" name="focus" id=format!("ask-focus-{cycle_id}") options error/>
                <LongField label="A note for the coordinators (optional)" name="note" id=format!("ask-note-{cycle_id}") rows=3 error/>
                <button type="submit" class="button button--primary">"Ask for a match"</button>
            </ActionForm>
        </details>
    }
}
