//! `/programs`, a program's page with its cycles and enrolment, its
//! coordinators' page, and the administrators' page for creating programs.
//! Every form is a plain form underneath, so it works without JavaScript.

use super::{api::*, model::*};
use crate::feedback::{
    api::{AddQuestion, RemoveQuestion},
    pages::SurveyAdmin,
};
use crate::letters::{api::DecideLetter, pages::LetterRequests};
use crate::mentorships::api::AskAssignment;
use crate::{
    accounts::{context::use_auth, model::SiteRole},
    error::AppError,
    profiles::model::{CareerStage, FocusArea},
    ui::{
        chart::BarChart,
        dates::day,
        errors::failure,
        form::{action_error, Choice, Field, FormError, LongField},
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    components::A,
    hooks::{use_params_map, use_query_map},
};

fn span(from: i64, to: i64) -> String {
    format!("{} – {}", day(from), day(to))
}

fn phase_badge(phase: Phase) -> impl IntoView {
    let (text, ok) = match phase {
        Phase::Upcoming => ("Enrolment opens soon", false),
        Phase::Enrolling => ("Enrolling now", true),
        Phase::Running => ("Under way", false),
        Phase::Ended => ("Ended", false),
    };
    view! { <span class="badge" class:badge--ok=ok>{text}</span> }
}

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
                let admin = user.as_ref().is_some_and(|u| u.site_role == SiteRole::Admin);
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

#[component]
pub fn ProgramPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let enrol = ServerAction::<Enrol>::new();
    let renew = ServerAction::<RenewEnrolment>::new();
    let leave = ServerAction::<LeaveCycle>::new();
    let ask = ServerAction::<AskAssignment>::new();
    let page = Resource::new(
        move || {
            (
                slug(),
                enrol.version().get(),
                renew.version().get(),
                leave.version().get() + ask.version().get(),
            )
        },
        |(slug, ..)| get_program(slug),
    );
    let ask_error = action_error(ask);
    let error = Signal::derive(move || {
        action_error(enrol)
            .get()
            .or_else(|| action_error(renew).get())
            .or_else(|| action_error(leave).get())
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
                    Ok(p) => view! { <ProgramView p error enrol renew leave ask ask_error enrolled=enrolled()/> }.into_any(),
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
    enrol: ServerAction<Enrol>,
    renew: ServerAction<RenewEnrolment>,
    leave: ServerAction<LeaveCycle>,
    ask: ServerAction<AskAssignment>,
    ask_error: Signal<Option<AppError>>,
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
                {p.cycles.into_iter().map(|c| view! { <CycleCard c signed_in enrol renew leave ask ask_error areas matching=program.matching/> }).collect_view()}
            </section>
        </article>
    }
}

#[component]
fn CycleCard(
    c: CycleView,
    signed_in: bool,
    enrol: ServerAction<Enrol>,
    renew: ServerAction<RenewEnrolment>,
    leave: ServerAction<LeaveCycle>,
    ask: ServerAction<AskAssignment>,
    ask_error: Signal<Option<AppError>>,
    areas: StoredValue<Vec<FocusArea>>,
    matching: Matching,
) -> impl IntoView {
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
                view! { <AskForMatch cycle_id=id ask error=ask_error areas open/> }
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
    error: Signal<Option<AppError>>,
    areas: StoredValue<Vec<FocusArea>>,
    open: bool,
) -> impl IntoView {
    let note_error = move || error.with(|e| e.as_ref().and_then(|e| e.field("note")));
    let kept = move |name: &str| error.with(|e| e.as_ref().and_then(|e| e.value(name)));
    let chosen = kept("focus");
    view! {
        <details class="enrol" open=open || error.with_untracked(Option::is_some)>
            <summary>"Ask the coordinators for a match"</summary>
            <ActionForm action=ask attr:class="stack">
                <FormError error/>
                <input type="hidden" name="cycle_id" value=cycle_id/>
                <div class="field">
                    <label for=format!("ask-focus-{cycle_id}")>"What you want a mentor for"</label>
                    <select id=format!("ask-focus-{cycle_id}") name="focus">
                        {areas.get_value().into_iter().map(|a| {
                            let selected = chosen.as_deref() == Some(a.slug.as_str());
                            view! { <option value=a.slug selected=selected>{a.label}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field" class:field--invalid=move || note_error().is_some()>
                    <label for=format!("ask-note-{cycle_id}")>"A note for the coordinators (optional)"</label>
                    <textarea id=format!("ask-note-{cycle_id}") name="note" rows="3">{kept("note")}</textarea>
                    {move || note_error().map(|m| view! { <p class="field__error">{m}</p> })}
                </div>
                <button type="submit" class="button button--primary">"Ask for a match"</button>
            </ActionForm>
        </details>
    }
}

#[component]
pub fn ManageProgramPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let add = ServerAction::<AddCycle>::new();
    let schedule = ServerAction::<ScheduleTopic>::new();
    let delete = ServerAction::<DeleteTopic>::new();
    let liaison = ServerAction::<AssignLiaison>::new();
    let add_question = ServerAction::<AddQuestion>::new();
    let remove_question = ServerAction::<RemoveQuestion>::new();
    let decide = ServerAction::<DecideLetter>::new();
    let check = ServerAction::<CheckImport>::new();
    let name = ServerAction::<SetCoordinators>::new();
    let page = Resource::new(
        move || {
            (
                slug(),
                add.version().get(),
                schedule.version().get(),
                delete.version().get(),
                liaison.version().get(),
                add_question.version().get()
                    + remove_question.version().get()
                    + decide.version().get()
                    + name.version().get(),
            )
        },
        |(slug, ..)| manage_program(slug),
    );
    let error = action_error(add);
    let topic_error = Signal::derive(move || {
        action_error(schedule)
            .get()
            .or_else(|| action_error(delete).get())
    });
    let pair_error = action_error(liaison);
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(m) => view! { <ManageView m add error schedule delete topic_error liaison pair_error add_question remove_question decide check name/> }.into_any(),
                    Err(e) => failure(e, "to manage this program"),
                }
            })}
        </Transition>
    }
}

#[component]
fn ManageView(
    m: ManagePage,
    add: ServerAction<AddCycle>,
    error: Signal<Option<AppError>>,
    schedule: ServerAction<ScheduleTopic>,
    delete: ServerAction<DeleteTopic>,
    topic_error: Signal<Option<AppError>>,
    liaison: ServerAction<AssignLiaison>,
    pair_error: Signal<Option<AppError>>,
    add_question: ServerAction<AddQuestion>,
    remove_question: ServerAction<RemoveQuestion>,
    decide: ServerAction<DecideLetter>,
    check: ServerAction<CheckImport>,
    name: ServerAction<SetCoordinators>,
) -> impl IntoView {
    let naming = m.coordinator_emails.clone().map(|emails| {
        view! { <NameCoordinators slug=m.program.slug.clone() emails name/> }
    });
    let letters =
        view! { <LetterRequests slug=m.program.slug.clone() requests=m.letters.clone() decide/> };
    let survey = view! {
        <SurveyAdmin slug=m.program.slug.clone() questions=m.questions.clone() feedback=m.feedback.clone()
            add=add_question remove=remove_question/>
    };
    let needing = m.pairs.iter().filter(|p| !p.attention.is_empty()).count();
    let coordinators = StoredValue::new(m.coordinators.clone());
    let pairs_slug = m.program.slug.clone();
    let slug = m.program.slug.clone();
    let query = use_query_map();
    let slug_for_cycles = m.program.slug.clone();
    let changed = query.with_untracked(|q| q.get("changed").is_some());
    let added = move || {
        query.with(|q| q.get("added").is_some()) || add.value().with(|v| matches!(v, Some(Ok(()))))
    };
    let scheduled = move || {
        query.with(|q| q.get("scheduled").is_some())
            || schedule.value().with(|v| matches!(v, Some(Ok(()))))
    };
    let open_cycles: Vec<(i64, String)> = m
        .cycles
        .iter()
        .filter(|c| c.phase != Phase::Ended)
        .map(|c| (c.cycle.id, c.cycle.name.clone()))
        .collect();
    let imported = query.with_untracked(|q| q.get("imported"));
    let import_form = (!open_cycles.is_empty()).then(|| {
        view! { <ImportForm slug=m.program.slug.clone() cycles=open_cycles.clone() check/> }
    });
    let chosen_cycle = topic_error
        .get_untracked()
        .and_then(|e| e.value("cycle_id"))
        .and_then(|v| v.parse::<i64>().ok());
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
        {move || added().then(|| view! { <p class="notice" role="status">"The cycle is added."</p> })}
        {changed.then(|| view! { <p class="notice" role="status">"The cycle is changed."</p> })}
        {move || scheduled().then(|| view! { <p class="notice" role="status">"The topic is scheduled."</p> })}
        {imported.map(|n| view! { <p class="notice" role="status">{format!("Imported {n} rows: members are enrolled, and the others invited by email.")}</p> })}
        <section id="pairs" aria-labelledby="pairs-title">
            <h2 id="pairs-title">"Pairs"</h2>
            <p class="muted">{format!(
                "{} active pairs; {needing} need attention (a call for help, no word from the mentee, or no messages for {QUIET_DAYS} days). \
                 Only dates are read from the threads, never their words.",
                m.pairs.len()
            )}</p>
            <FormError error=pair_error/>
            {(!m.pairs.is_empty()).then(|| view! {
                <table class="table pairs-table">
                    <thead><tr><th>"Pair"</th><th>"Last message"</th><th>"Check-in"</th><th>"Liaison"</th></tr></thead>
                    <tbody>
                        {m.pairs.into_iter().map(|p| {
                            let slug = pairs_slug.clone();
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
        <section aria-labelledby="cycles">
            <h2 id="cycles">"Cycles"</h2>
            {m.cycles.is_empty().then(|| view! { <p class="empty">"No cycles yet. Add the first below."</p> })}
            {m.cycles.into_iter().map(|c| {
                let mentees = c.enrolments.iter().filter(|e| e.role == Role::Mentee).count();
                let change_link = (c.phase != Phase::Ended).then(|| {
                    let href = format!("/programs/{slug_for_cycles}/cycles/{}/edit", c.cycle.id);
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
        {naming}
        {letters}
        {import_form}
        {survey}
        {(!open_cycles.is_empty()).then(|| view! {
            <section aria-labelledby="schedule-topic">
                <h2 id="schedule-topic">"Schedule a discussion topic"</h2>
                <p class="muted">"On the day, every active pair in the cycle gets it as a card in their thread, and by email."</p>
                <ActionForm action=schedule attr:class="stack narrow" attr:novalidate=true>
                    <FormError error=topic_error/>
                    <div class="field">
                        <label for="field-cycle_id">"Cycle"</label>
                        <select id="field-cycle_id" name="cycle_id">
                            {open_cycles.into_iter().map(|(id, name)| view! {
                                <option value=id selected=chosen_cycle == Some(id)>{name}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <Field label="Title" name="title" error=topic_error hint="e.g. Finding your professional community."/>
                    <LongField label="Topic" name="body" error=topic_error rows=5
                        hint="A question or two for the pair to talk over. You can use *emphasis* and lists."/>
                    <Field label="Send on" name="send_on" kind="date" error=topic_error/>
                    <button type="submit" class="button button--primary">"Schedule topic"</button>
                </ActionForm>
            </section>
        })}
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

#[component]
pub fn AdminProgramsPage() -> impl IntoView {
    let create = ServerAction::<CreateProgram>::new();
    let error = action_error(create);
    let programs = Resource::new(move || create.version().get(), |_| list_programs());
    let auth = use_auth();
    view! {
        <Title text="Create a program"/>
        <h1>"Programs"</h1>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let admin = matches!(auth.user.await, Ok(Some(u)) if u.site_role == SiteRole::Admin);
                if !admin {
                    return failure(AppError::forbidden("Only administrators can create programs."), "to create programs");
                }
                let list = match programs.await {
                    Ok(list) => list,
                    Err(e) => return failure(e, "to see the programs"),
                };
                view! {
                    <ul>
                        {list.into_iter().map(|s| view! {
                            <li>
                                <A href=format!("/programs/{}", s.program.slug)>{s.program.name.clone()}</A>
                                {format!(" · coordinators: {}", if s.coordinators.is_empty() { "none yet".to_owned() } else { s.coordinators.join(", ") })}
                                " · " <A href=format!("/programs/{}/manage", s.program.slug)>"manage"</A>
                            </li>
                        }).collect_view()}
                    </ul>
                    <h2>"Create a program"</h2>
                    <ActionForm action=create attr:class="stack narrow" attr:novalidate=true>
                        <FormError error/>
                        <Field label="Name" name="name" error hint="e.g. New Members Career Mentoring."/>
                        <LongField label="Description" name="description" error rows=6
                            hint="Who it is for, what it asks of mentors and mentees. Separate paragraphs with a blank line."/>
                        <Choice label="Kind" name="kind" error options=ProgramKind::ALL.iter().map(|k| (k.slug(), k.label())).collect()/>
                        <Choice label="Matching" name="matching" error options=Matching::ALL.iter().map(|k| (k.slug(), k.label())).collect()/>
                        <Choice label="Pairs are in touch" name="contact" error options=Contact::ALL.iter().map(|k| (k.slug(), k.label())).collect()/>
                        <Field label="Minimum years in a professional position, for mentors" name="mentor_min_years" kind="number" error hint="0 for no minimum."/>
                        <fieldset class="checks">
                            <legend>"Mentees may be (none ticked: anyone)"</legend>
                            {CareerStage::ALL.iter().map(|s| view! {
                                <label class="field--check">
                                    <input type="checkbox" name=format!("mentee_stages[{}]", s.slug()) value="on"/>
                                    {s.label()}
                                </label>
                            }).collect_view()}
                        </fieldset>
                        <Field label="Required affiliations" name="required_tags" error hint="Separate with commas, e.g. NMRT. Members list them on their profile."/>
                        <Field label="Coordinators" name="coordinators" error hint="Their Carrel email addresses, separated by commas."/>
                        <button type="submit" class="button button--primary">"Create program"</button>
                    </ActionForm>
                }.into_any()
            })}
        </Transition>
    }
}

#[component]
pub fn ReportsPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let report = Resource::new(slug, program_report);
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let slug = slug();
                match report.await {
                    Ok((name, r)) => {
                        let feedback_link = format!("/programs/{slug}/manage#feedback");
                        let csv = move |table: &str| format!("/programs/{slug}/reports/{table}.csv");
                        view! {
                            <Title text=format!("Reports · {name}")/>
                            <h1>{format!("Reports: {name}")}</h1>
                            <p class="muted">"Counted from enrolments, matches, check-ins and the times of messages and meetings; never from what anyone wrote."</p>
                            <section class="report">
                                <h2>"Enrolment"</h2>
                                <BarChart title="Mentees enrolled, by cycle".to_owned()
                                    bars=r.enrolment.iter().map(|(c, _, e, _)| (c.clone(), *e)).collect()/>
                                <BarChart title="Mentors enrolled, by cycle".to_owned()
                                    bars=r.enrolment.iter().map(|(c, m, _, _)| (c.clone(), *m)).collect()/>
                                <p><a href=csv("enrolment") rel="external" download="">"Download as CSV"</a></p>
                            </section>
                            <section class="report">
                                <h2>"Matches by focus area"</h2>
                                {if r.matches.is_empty() {
                                    view! { <p class="muted">"No matches yet."</p> }.into_any()
                                } else {
                                    view! { <BarChart title="Pairs matched in the program's cycles".to_owned() bars=r.matches.clone()/> }.into_any()
                                }}
                                <p><a href=csv("matches") rel="external" download="">"Download as CSV"</a></p>
                            </section>
                            <section class="report">
                                <h2>"Activity over time"</h2>
                                <BarChart title="Messages written, by month".to_owned()
                                    bars=r.activity.iter().map(|(m, s, _)| (m.clone(), *s)).collect()/>
                                <BarChart title="Meetings held, by month".to_owned()
                                    bars=r.activity.iter().map(|(m, _, t)| (m.clone(), *t)).collect()/>
                                <p><a href=csv("activity") rel="external" download="">"Download as CSV"</a></p>
                            </section>
                            <section class="report">
                                <h2>{format!("Check-ins in {}", r.month)}</h2>
                                <BarChart title="Mentors' answers this month".to_owned() bars=r.checkins.clone()/>
                                <p><a href=csv("checkins") rel="external" download="">"Download as CSV"</a></p>
                            </section>
                            <section class="report">
                                <h2>"Feedback"</h2>
                                <p><A href=feedback_link>"The end-of-cycle survey's results"</A>" are on the program's coordinators' page, by cycle."</p>
                            </section>
                        }.into_any()
                    }
                    Err(e) => failure(e, "to read this program's reports"),
                }
            })}
        </Transition>
    }
}

/// The import form on the coordinators' page: a CSV file (read into the box
/// with JavaScript) or its lines pasted, checked before anything is imported.
#[component]
fn ImportForm(
    slug: String,
    cycles: Vec<(i64, String)>,
    check: ServerAction<CheckImport>,
) -> impl IntoView {
    let error = action_error(check);
    view! {
        <section id="import" aria-labelledby="import-title">
            <h2 id="import-title">"Import members from CSV"</h2>
            <p class="muted">"Columns: name, email, role (mentor or mentee), tags (optional, your labels for them in this cycle). \
                You see what each row will do before anything is imported; members without an account are invited by email."</p>
            <ActionForm action=check attr:class="stack narrow" attr:novalidate=true>
                <FormError error/>
                <input type="hidden" name="slug" value=slug/>
                <div class="field">
                    <label for="import-cycle">"Cycle"</label>
                    <select id="import-cycle" name="cycle_id">
                        {cycles.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </div>
                <CsvFile target="field-csv".to_owned()/>
                <LongField label="The CSV's lines" name="csv" error rows=6
                    hint="e.g. name,email,role,tags — then one member per line."/>
                <button type="submit" class="button button--primary">"Check the file"</button>
            </ActionForm>
        </section>
    }
}

/// A file picker that puts the chosen file's text into the textarea `target`,
/// an island. Without JavaScript it stays hidden, and the lines are pasted instead.
#[island(lazy)]
fn CsvFile(target: String) -> impl IntoView {
    crate::ui::islands::hydrating();
    let shown = RwSignal::new(false);
    Effect::new(move |_| shown.set(true));
    let on_change = move |_ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            let Some(input) = _ev
                .target()
                .and_then(|t| t.dyn_into::<leptos::web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            let target = target.clone();
            leptos::task::spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
                if let (Ok(text), Some(area)) = (
                    text,
                    leptos::prelude::document()
                        .get_element_by_id(&target)
                        .and_then(|e| e.dyn_into::<leptos::web_sys::HtmlTextAreaElement>().ok()),
                ) {
                    area.set_value(&text.as_string().unwrap_or_default());
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = &target;
    };
    view! {
        <div class="field" hidden=move || !shown.get()>
            <label for="import-file">"CSV file"</label>
            <input id="import-file" type="file" accept=".csv,text/csv" on:change=on_change/>
        </div>
    }
}

#[component]
pub fn ImportPreviewPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        params.with(|p| {
            (
                p.get("slug").unwrap_or_default(),
                p.get("draft")
                    .and_then(|d| d.parse::<i64>().ok())
                    .unwrap_or_default(),
            )
        })
    };
    let apply = ServerAction::<ApplyImport>::new();
    let preview = Resource::new(key, |(slug, draft)| preview_import(slug, draft));
    let error = action_error(apply);
    view! {
        <Title text="Import preview"/>
        <h1>"Import preview"</h1>
        <FormError error/>
        <Transition fallback=|| view! { <p class="muted">"Checking the file…"</p> }>
            {move || Suspend::new(async move {
                let (slug, draft) = key();
                let back = format!("/programs/{slug}/manage#import");
                match preview.await {
                    Ok(p) => view! {
                        <p>{format!("{} rows for {}; {} with problems.", p.rows.len(), p.cycle_name, p.errors)}</p>
                        <table class="table import-preview">
                            <thead><tr><th>"Line"</th><th>"Name"</th><th>"Email"</th><th>"Role"</th><th>"Tags"</th><th>"What happens"</th></tr></thead>
                            <tbody>
                                {p.rows.into_iter().map(|r| view! {
                                    <tr class:import-error=r.error>
                                        <td data-label="Line">{r.line}</td>
                                        <td data-label="Name">{r.name}</td>
                                        <td data-label="Email">{r.email}</td>
                                        <td data-label="Role">{r.role}</td>
                                        <td data-label="Tags">{r.tags}</td>
                                        <td data-label="What happens">{if r.error { format!("Problem: {}", r.outcome) } else { r.outcome }}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        {if p.errors == 0 {
                            view! {
                                <ActionForm action=apply attr:class="inline-form">
                                    <input type="hidden" name="slug" value=slug.clone()/>
                                    <input type="hidden" name="draft_id" value=draft/>
                                    <button type="submit" class="button button--primary">"Import all rows"</button>
                                </ActionForm>
                            }.into_any()
                        } else {
                            view! { <p class="form-error">"Fix the rows with problems in your file and check it again; nothing is imported until every row is right."</p> }.into_any()
                        }}
                        <p><A href=back>"Back to the program"</A></p>
                    }.into_any(),
                    Err(e) => failure(e, "to import members"),
                }
            })}
        </Transition>
    }
}

/// Administrators name a program's coordinators anew.
#[component]
fn NameCoordinators(
    slug: String,
    emails: Vec<String>,
    name: ServerAction<SetCoordinators>,
) -> impl IntoView {
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
    let update = ServerAction::<UpdateCycle>::new();
    let edit = Resource::new(key, |(slug, id)| cycle_to_edit(slug, id));
    let error = action_error(update);
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match edit.await {
                    Ok(e) => view! { <EditCycleForm e update error/> }.into_any(),
                    Err(e) => failure(e, "to change this cycle"),
                }
            })}
        </Transition>
    }
}

#[component]
fn EditCycleForm(
    e: CycleEdit,
    update: ServerAction<UpdateCycle>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
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
