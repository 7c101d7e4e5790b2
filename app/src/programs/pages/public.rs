//! `/programs` and a program's page: its rules, its cycles, and enrolling in
//! them.

use super::{phase_badge, span};
use crate::mentorships::api::AskAssignment;
use crate::programs::{api::*, model::*};
use crate::{
    accounts::context::use_auth,
    error::AppError,
    profiles::model::FocusArea,
    tr,
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
        <Title text=tr!(programs.list.title)/>
        <h1>{tr!(programs.list.title)}</h1>
        <p class="lead">{tr!(programs.list.lead)}</p>
        <Transition fallback=|| view! { <p class="muted">{tr!(programs.loading)}</p> }>
            {move || Suspend::new(async move {
                let user = auth.user.await.ok().flatten();
                let admin = user.as_ref().is_some_and(|u| u.is_admin());
                match programs.await {
                    Ok(list) => view! {
                        {user.is_some().then(|| view! {
                            <p>{tr!(programs.list.yours)}<A href="/feedback">{tr!(programs.list.surveys)}</A>" · "<A href="/letters">{tr!(programs.list.letters)}</A></p>
                        })}
                        {admin.then(|| view! { <p><A href="/admin/programs">{tr!(programs.admin.create)}</A></p> })}
                        {list.is_empty().then(|| view! { <p class="empty">{tr!(programs.list.empty)}</p> })}
                        <ul class="mentor-list program-list">
                            {list.into_iter().map(|s| view! {
                                <li class="card">
                                    <h2><A href=format!("/programs/{}", s.program.slug)>{s.program.name.clone()}</A></h2>
                                    <p class="muted">{format!("{} · {}", s.program.kind.label(), s.program.matching.label())}</p>
                                    <p class="program__excerpt">{excerpt(&s.program.description)}</p>
                                    {s.enrolling.map(|c| view! { <p><span class="badge badge--ok">{tr!(programs.phase.enrolling)}</span>{format!(" {c}")}</p> })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => failure(e, tr!(programs.list.sign_in)),
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
        <Transition fallback=|| view! { <p class="muted">{tr!(programs.loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! { <ProgramView p error actions enrolled=enrolled()/> }.into_any(),
                    Err(e) => failure(e, tr!(programs.page.sign_in)),
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
            view! { <li>{tr!(programs.page.any_member)}</li> }.into_any()
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
                <p class="notice" role="status">{tr!(programs.page.enrolled, role = r.label().to_lowercase()).to_string()}</p>
            })}
            {asked.then(|| view! {
                <p class="notice" role="status">{tr!(programs.page.asked)}</p>
            })}
            <FormError error/>
            <div class="prose program__description">
                {program.description.split("\n\n").map(|para| view! { <p>{para.to_owned()}</p> }).collect_view()}
            </div>
            {p.can_manage.then(|| view! {
                <p><A href=format!("/programs/{slug}/manage") attr:class="button">{tr!(programs.page.manage)}</A></p>
            })}
            <section aria-labelledby="how-to-join">
                <h2 id="how-to-join">{tr!(programs.page.how_to_join)}</h2>
                <div class="facts">
                    <div>
                        <h3>{tr!(programs.page.mentors)}</h3>
                        <ul>{rules(Role::Mentor)}</ul>
                    </div>
                    <div>
                        <h3>{tr!(programs.page.mentees)}</h3>
                        <ul>{rules(Role::Mentee)}</ul>
                    </div>
                </div>
                <p>{tr!(programs.page.contact, how_often = program.contact.label()).to_string()}</p>
                {(!p.coordinators.is_empty()).then(|| view! {
                    <p>{tr!(programs.page.coordinators, names = p.coordinators.join(", ")).to_string()}</p>
                })}
                {(!signed_in).then(|| view! {
                    <p><A href=format!("/login?next=/programs/{slug}")>{tr!(programs.page.sign_in_link)}</A>{tr!(programs.page.or)}<A href="/signup">{tr!(programs.page.join_link)}</A>{tr!(programs.page.to_enrol)}</p>
                })}
            </section>
            <section aria-labelledby="cycles">
                <h2 id="cycles">{tr!(programs.cycles)}</h2>
                {p.cycles.is_empty().then(|| view! { <p class="empty">{tr!(programs.page.no_cycles)}</p> })}
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
                <button type="submit" class="button button--quiet">{tr!(programs.page.leave_as, role = role.label().to_lowercase()).to_string()}</button>
            </ActionForm>
        }
    };
    let mentor_part = if enrolled_as(Role::Mentor) {
        view! { <div class="enrolled">{tr!(programs.page.enrolled_mentor)} {leave_form(Role::Mentor)}</div> }.into_any()
    } else if can_enrol {
        view! {
            {c.renew_note.clone().map(|note| view! {
                <ActionForm action=renew attr:class="stack renew">
                    <input type="hidden" name="cycle_id" value=id/>
                    <p>{tr!(programs.page.renew_intro)}</p>
                    {(!note.is_empty()).then(|| view! { <blockquote class="message">{note.clone()}</blockquote> })}
                    <button type="submit" class="button button--primary">{tr!(programs.page.renew)}</button>
                </ActionForm>
            })}
            <details class="enrol" open=c.renew_note.is_none() && !enrolled_as(Role::Mentee)>
                <summary>{tr!(programs.page.enrol_mentor)}</summary>
                <ActionForm action=enrol attr:class="stack">
                    <input type="hidden" name="cycle_id" value=id/>
                    <input type="hidden" name="role" value="mentor"/>
                    <label for=format!("note-{id}")>{tr!(programs.page.offer)}</label>
                    <textarea id=format!("note-{id}") name="note" rows="3"></textarea>
                    <button type="submit" class="button">{tr!(programs.page.enrol_mentor)}</button>
                </ActionForm>
            </details>
        }
        .into_any()
    } else {
        ().into_any()
    };
    let mentee_part = if enrolled_as(Role::Mentee) {
        let next = match matching {
            Matching::Assign => tr!(programs.page.next_assign),
            Matching::Both => tr!(programs.page.next_both),
            Matching::Choose => tr!(programs.page.next_choose),
        };
        let can_ask = matching != Matching::Choose && c.phase != Phase::Ended;
        view! {
            <div class="enrolled">{format!("{} {next} ", tr!(programs.page.enrolled_mentee))} {leave_form(Role::Mentee)}</div>
            {(!c.asked.is_empty()).then(|| view! {
                <p class="muted">{tr!(programs.page.asked_in, areas = c.asked.join(", ")).to_string()}</p>
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
                <button type="submit" class="button">{tr!(programs.page.enrol_mentee)}</button>
            </ActionForm>
        }
        .into_any()
    } else {
        ().into_any()
    };
    view! {
        <section class="card cycle" aria-label=tr!(programs.cycle_label, name = &cycle.name).to_string()>
            <h3>{cycle.name.clone()} " " {phase_badge(c.phase)}</h3>
            <dl class="facts">
                <dt>{tr!(programs.page.runs)}</dt><dd>{span(cycle.starts_on, cycle.ends_on)}</dd>
                <dt>{tr!(programs.page.enrolment)}</dt><dd>{span(cycle.enrol_opens, cycle.enrol_closes)}</dd>
                <dt>{tr!(programs.mentee_places)}</dt><dd>{tr!(programs.page.places_taken, count = cycle.capacity, taken = cycle.mentees.min(cycle.capacity)).to_string()}</dd>
                <dt>{tr!(programs.page.mentors_enrolled)}</dt><dd>{cycle.mentors}</dd>
            </dl>
            <div class="actions">{mentor_part}{mentee_part}</div>
            {c.mentors.map(|mentors| view! {
                <h4>{tr!(programs.page.cycle_mentors)}</h4>
                {mentors.is_empty().then(|| view! { <p class="muted">{tr!(programs.page.no_mentors)}</p> })}
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
            <summary>{tr!(programs.page.ask_summary)}</summary>
            <ActionForm action=ask attr:class="stack">
                <FormError error/>
                <input type="hidden" name="cycle_id" value=cycle_id/>
                <Choice label=tr!(programs.page.ask_focus) name="focus" id=format!("ask-focus-{cycle_id}") options error/>
                <LongField label=tr!(programs.page.ask_note) name="note" id=format!("ask-note-{cycle_id}") rows=3 error/>
                <button type="submit" class="button button--primary">{tr!(programs.page.ask_submit)}</button>
            </ActionForm>
        </details>
    }
}
