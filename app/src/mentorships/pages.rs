//! `/mentorships`, `/mentorships/{id}` and the request panel on a mentor's
//! page; the assignment queue is in `pages_queue`. Every action is a plain
//! form posting to its server function, which redirects back.

use super::{api::*, model::*};
use crate::dates::day;
use crate::programs::api::CheckIn;
use crate::tr;
use crate::{
    error::AppError,
    goals::{
        api::list_goals,
        pages::{GoalActions, GoalsSection},
    },
    meetings::{
        api::list_meetings,
        pages::{MeetingActions, MeetingsSection},
    },
    messages::{
        api::{get_thread, SendMessage},
        pages::thread_section,
    },
    profiles::model::ReplyTime,
    safety::api::{BlockMember, ReportMember, UnblockMember},
    ui::{
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

pub use super::pages_queue::AssignmentsPage;

fn state_badge(state: State) -> impl IntoView {
    let class = if state.is_active() {
        "badge badge--ok"
    } else {
        "badge"
    };
    view! { <span class=class>{state.label()}</span> }
}

#[component]
pub fn MentorshipsPage() -> impl IntoView {
    let withdraw = ServerAction::<WithdrawRequest>::new();
    let respond = ServerAction::<RespondToRequest>::new();
    let ask = ServerAction::<AskAssignment>::new();
    let cancel = ServerAction::<CancelAssignment>::new();
    let mine = Resource::new(|| (), |_| get_my_mentorships());
    let areas = Resource::new(|| (), |_| crate::profiles::api::list_focus_areas());
    let error = Signal::derive(move || {
        action_error(withdraw)
            .get()
            .or_else(|| action_error(respond).get())
            .or_else(|| action_error(cancel).get())
    });
    let ask_error = action_error(ask);
    let query = use_query_map();
    let asked = move || query.with(|q| q.get("asked").is_some());
    view! {
        <Title text=tr!(mentorships.mine.title)/>
        <h1>{tr!(mentorships.mine.title)}</h1>
        {move || asked().then(|| view! { <p class="notice" role="status">{tr!(mentorships.mine.asked)}</p> })}
        <FormError error/>
        <Transition fallback=|| view! { <p class="muted">{tr!(mentorships.loading)}</p> }>
            {move || Suspend::new(async move {
                let m = match mine.await {
                    Ok(m) => m,
                    Err(e) => return failure(e, tr!(mentorships.mine.sign_in)),
                };
                let areas = areas.await.map(|a| a.areas).unwrap_or_default();
                view! {
                    <section class="card" aria-labelledby="my-mentors">
                        <h2 id="my-mentors">{tr!(mentorships.mine.my_mentors)}</h2>
                        {if m.mentors.is_empty() {
                            view! { <p class="muted">{tr!(mentorships.mine.no_mentors)}<A href="/mentors">{tr!(mentorships.mine.find_mentor)}</A>{tr!(mentorships.mine.no_mentors_after)}</p> }.into_any()
                        } else {
                            view! { <ul class="pairs">{m.mentors.into_iter().map(|s| view! { <PairItem s/> }).collect_view()}</ul> }.into_any()
                        }}
                    </section>
                    {(!m.received.is_empty()).then(|| view! {
                        <section class="card" aria-labelledby="received">
                            <h2 id="received">{tr!(mentorships.mine.requests_to_me)}</h2>
                            <ul class="pairs">
                                {m.received.into_iter().map(|s| view! { <ReceivedItem s respond/> }).collect_view()}
                            </ul>
                        </section>
                    })}
                    {(m.capacity > 0 || !m.mentees.is_empty()).then(|| view! {
                        <section class="card" aria-labelledby="my-mentees">
                            <h2 id="my-mentees">{tr!(mentorships.mine.my_mentees, active = m.mentees.len(), capacity = m.capacity).to_string()}</h2>
                            {if m.mentees.is_empty() {
                                view! { <p class="muted">{tr!(mentorships.mine.no_mentees)}</p> }.into_any()
                            } else {
                                view! { <ul class="pairs">{m.mentees.into_iter().map(|s| view! { <PairItem s/> }).collect_view()}</ul> }.into_any()
                            }}
                        </section>
                    })}
                    <section class="card" aria-labelledby="sent">
                        <h2 id="sent">{tr!(mentorships.mine.requests_sent)}</h2>
                        {if m.sent.is_empty() && m.waiting_assignment.is_empty() {
                            view! { <p class="muted">{tr!(mentorships.mine.none_waiting)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="pairs">
                                    {m.sent.into_iter().map(|s| view! { <SentItem s withdraw/> }).collect_view()}
                                    {m.waiting_assignment.into_iter().map(|(slug, label)| view! {
                                        <li>
                                            <span class="pairs__who"><strong>{label}</strong>
                                                <span class="muted">{tr!(mentorships.mine.waiting_coordinator)}</span></span>
                                            <ActionForm action=cancel attr:class="inline-form">
                                                <input type="hidden" name="focus" value=slug/>
                                                <button type="submit" class="button button--quiet">{tr!(mentorships.mine.stop_waiting)}</button>
                                            </ActionForm>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        <details class="ask-coordinator">
                            <summary>{tr!(mentorships.mine.ask_coordinator_summary)}</summary>
                            <ActionForm action=ask attr:class="stack">
                                <FormError error=ask_error/>
                                <Choice label=tr!(mentorships.mine.focus_area) name="focus" error=ask_error
                                    options={areas.into_iter().map(|a| (a.slug, a.label)).collect::<Vec<_>>()}/>
                                <LongField label=tr!(mentorships.mine.coordinator_note) name="note" error=ask_error rows=3/>
                                <button type="submit" class="button">{tr!(mentorships.mine.ask_coordinator)}</button>
                            </ActionForm>
                        </details>
                    </section>
                    {(!m.past.is_empty()).then(|| view! {
                        <section class="card" aria-labelledby="past">
                            <h2 id="past">{tr!(mentorships.mine.past)}</h2>
                            <ul class="pairs">{m.past.into_iter().map(|s| view! { <PairItem s role=true/> }).collect_view()}</ul>
                        </section>
                    })}
                }.into_any()
            })}
        </Transition>
    }
}

/// One mentorship in a list: who, for what, and where it stands; `role`
/// says which side I am on where a list mixes both.
#[component]
fn PairItem(s: MentorshipSummary, #[prop(optional)] role: bool) -> impl IntoView {
    let detail = match (role, s.side) {
        (false, _) => s.focus_label.clone(),
        (true, Side::Mentor) => {
            tr!(mentorships.mine.you_mentored, focus = &s.focus_label).to_string()
        }
        (true, Side::Mentee) => {
            tr!(mentorships.mine.your_mentor, focus = &s.focus_label).to_string()
        }
    };
    view! {
        <li>
            <span class="pairs__who">
                <A href=format!("/mentorships/{}", s.id)>{s.other_name}</A>
                <span class="muted">{format!(" · {detail}")}</span>
            </span>
            {state_badge(s.state)}
        </li>
    }
}

#[component]
fn SentItem(s: MentorshipSummary, withdraw: ServerAction<WithdrawRequest>) -> impl IntoView {
    view! {
        <li>
            <span class="pairs__who">
                <A href=format!("/mentorships/{}", s.id)>{s.other_name}</A>
                <span class="muted">{tr!(mentorships.mine.sent_detail, focus = &s.focus_label, asked = day(s.requested_at), expires = day(s.expires_at)).to_string()}</span>
            </span>
            <ActionForm action=withdraw attr:class="inline-form">
                <input type="hidden" name="id" value=s.id/>
                <button type="submit" class="button button--quiet">{tr!(mentorships.mine.withdraw)}</button>
            </ActionForm>
        </li>
    }
}

#[component]
fn ReceivedItem(s: MentorshipSummary, respond: ServerAction<RespondToRequest>) -> impl IntoView {
    let accept_label = tr!(mentorships.mine.accept_name, name = &s.other_name).to_string();
    let detail = if s.assigned {
        tr!(
            mentorships.mine.received_detail_assigned,
            focus = &s.focus_label,
            expires = day(s.expires_at)
        )
        .to_string()
    } else {
        tr!(
            mentorships.mine.received_detail,
            focus = &s.focus_label,
            expires = day(s.expires_at)
        )
        .to_string()
    };
    view! {
        <li>
            <span class="pairs__who">
                <A href=format!("/mentorships/{}", s.id)>{s.other_name.clone()}</A>
                <span class="muted">{detail}</span>
            </span>
            <A href=format!("/mentorships/{}", s.id) attr:class="button button--primary">{tr!(mentorships.mine.read_and_answer)}</A>
            <ActionForm action=respond attr:class="inline-form">
                <input type="hidden" name="id" value=s.id/>
                <input type="hidden" name="decision" value="accept"/>
                <button type="submit" class="button" aria-label=accept_label>{tr!(mentorships.accept)}</button>
            </ActionForm>
        </li>
    }
}

#[component]
pub fn MentorshipPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()));
    let respond = ServerAction::<RespondToRequest>::new();
    let withdraw = ServerAction::<WithdrawRequest>::new();
    let end = ServerAction::<EndMentorship>::new();
    let complete = ServerAction::<CompleteMentorship>::new();
    let agreement = ServerAction::<SaveAgreement>::new();
    let extend = ServerAction::<ExtendMentorship>::new();
    let checkin = ServerAction::<CheckIn>::new();
    let actions = Actions {
        checkin,
        respond,
        withdraw,
        end,
        complete,
        agreement,
        extend,
    };
    let detail = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_mentorship(id).await,
            None => Err(AppError::NotFound),
        }
    });
    // The thread has its own resource, keyed on the page of older messages.
    let query = use_query_map();
    let before = move || query.with(|q| q.get("before").and_then(|v| v.parse::<i64>().ok()));
    let thread = Resource::new(
        move || (id(), before()),
        |(id, before)| async move {
            match id {
                Some(id) => get_thread(id, before, true).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let meeting_actions = MeetingActions::new();
    let meetings = Resource::new(id, |id| async move {
        match id {
            Some(id) => list_meetings(id).await,
            None => Err(AppError::NotFound),
        }
    });
    let goal_actions = GoalActions::new();
    let goals = Resource::new(id, |id| async move {
        match id {
            Some(id) => list_goals(id).await,
            None => Err(AppError::NotFound),
        }
    });
    let send_error = action_error(ServerAction::<SendMessage>::new());
    let error = Signal::derive(move || {
        [
            action_error(respond).get(),
            action_error(withdraw).get(),
            action_error(end).get(),
            action_error(complete).get(),
            action_error(extend).get(),
            action_error(checkin).get(),
        ]
        .into_iter()
        .flatten()
        .next()
    });
    view! {
        <Transition fallback=|| view! { <p class="muted">{tr!(mentorships.loading)}</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(d) => view! { <MentorshipView d actions error/> }.into_any(),
                    Err(e) => failure(e, tr!(mentorships.detail.sign_in)),
                }
            })}
        </Transition>
        {move || id().map(|mentorship_id| view! {
            <MeetingsSection mentorship_id meetings actions=meeting_actions/>
            <GoalsSection mentorship_id goals actions=goal_actions/>
        })}
        {thread_section(thread, send_error)}
    }
}

/// The program cycle a mentorship belongs to, and the choice to keep going after it.
#[component]
fn ProgramPanel(
    p: ProgramLink,
    id: i64,
    active: bool,
    mentor: bool,
    actions: Actions,
) -> impl IntoView {
    let ends = day(p.ends_on);
    let extend = actions.extend;
    let checkin = (active && mentor).then(|| {
        view! {
            <div id="check-in" class="check-in">
                <h3>{tr!(mentorships.program.checkin)}</h3>
                {match p.checkin.clone() {
                    Some(answer) => view! { <p class="notice" role="status">{tr!(mentorships.program.checkin_told, answer = answer).to_string()}</p> }.into_any(),
                    None => view! { <p>{tr!(mentorships.program.checkin_ask)}</p> }.into_any(),
                }}
                <ActionForm action=actions.checkin attr:class="stack">
                    <input type="hidden" name="mentorship_id" value=id/>
                    <label for="checkin-note">{tr!(mentorships.program.checkin_note)}</label>
                    <textarea id="checkin-note" name="note" rows="2"></textarea>
                    <div class="checkin-choices">
                        {crate::programs::model::CheckinState::ALL.iter().map(|s| view! {
                            <button type="submit" name="state" value=s.slug() class="button">{s.label()}</button>
                        }).collect_view()}
                    </div>
                </ActionForm>
            </div>
        }
    });
    view! {
        <section class="program-panel" aria-labelledby="program-cycle">
            <h2 id="program-cycle">{tr!(mentorships.program.heading)}</h2>
            <p>
                {tr!(mentorships.program.part_of)} <A href=format!("/programs/{}", p.program_slug)>{p.program_name.clone()}</A>
                {tr!(mentorships.program.cycle_ends, cycle = &p.cycle_name, ends = &ends).to_string()}
            </p>
            {match (active, p.extended) {
                (true, true) => view! { <p class="muted">{tr!(mentorships.program.kept_going)}</p> }.into_any(),
                (true, false) => view! {
                    <p class="muted">{tr!(mentorships.program.completes, ends = &ends).to_string()}</p>
                    <ActionForm action=extend attr:class="inline-form">
                        <input type="hidden" name="id" value=id/>
                        <button type="submit" class="button">{tr!(mentorships.program.keep_going)}</button>
                    </ActionForm>
                }.into_any(),
                _ => ().into_any(),
            }}
            {checkin}
        </section>
    }
}

#[derive(Clone, Copy)]
struct Actions {
    respond: ServerAction<RespondToRequest>,
    withdraw: ServerAction<WithdrawRequest>,
    end: ServerAction<EndMentorship>,
    complete: ServerAction<CompleteMentorship>,
    agreement: ServerAction<SaveAgreement>,
    extend: ServerAction<ExtendMentorship>,
    checkin: ServerAction<CheckIn>,
}

#[component]
fn MentorshipView(
    d: MentorshipDetail,
    actions: Actions,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let s = d.summary.clone();
    let id = s.id;
    let title = format!("{} · {}", s.other_name, s.focus_label);
    let (other_id, other_name) = (s.other_id, s.other_name.clone());
    let you_are = match s.side {
        Side::Mentor => tr!(mentorships.detail.you_are_mentor),
        Side::Mentee => tr!(mentorships.detail.you_are_mentee),
    };
    let actions_view = match (s.state, s.side) {
        (State::Requested, Side::Mentor) => view! { <Answer id actions/> }.into_any(),
        (State::Requested, Side::Mentee) => view! {
            <p>{tr!(mentorships.detail.waiting_answer, name = &s.other_name, expires = day(s.expires_at)).to_string()}</p>
            <ActionForm action=actions.withdraw attr:class="inline-form">
                <input type="hidden" name="id" value=id/>
                <button type="submit" class="button">{tr!(mentorships.detail.withdraw_mine)}</button>
            </ActionForm>
        }
        .into_any(),
        (State::Accepted, _) => view! { <Active d=d.clone() actions/> }.into_any(),
        _ => view! { <p class="muted">{tr!(mentorships.detail.closed)}</p> }.into_any(),
    };
    view! {
        <Title text=title.clone()/>
        <article class="card mentorship">
            <header>
                <h1>{title}</h1>
                <p>
                    {you_are}
                    <A href=format!("/mentors/{}", s.other_id)>{s.other_name.clone()}</A>
                    " · " {state_badge(s.state)}
                    {s.assigned.then_some(tr!(mentorships.suggested_by_coordinator))}
                </p>
            </header>
            <FormError error/>
            {d.program.clone().map(|p| view! { <ProgramPanel p id active=s.state == State::Accepted mentor=s.side == Side::Mentor actions/> })}
            <section aria-labelledby="request-message">
                <h2 id="request-message">{tr!(mentorships.detail.hopes)}</h2>
                <blockquote class="message">{d.message.clone()}</blockquote>
            </section>
            {actions_view}
            <section aria-labelledby="history">
                <h2 id="history">{tr!(mentorships.detail.history)}</h2>
                <ol class="history">
                    {d.history.into_iter().map(|h| view! {
                        <li>
                            <time>{day(h.at)}</time>" · "
                            {h.to.event(&h.actor)}
                            {h.reason.map(|r| format!(" ({r})"))}
                            {(!h.note.is_empty()).then(|| view! { <q>{h.note}</q> })}
                        </li>
                    }).collect_view()}
                </ol>
            </section>
            <SafetyPanel other_id other_name next=format!("/mentorships/{id}")/>
        </article>
    }
}

#[component]
fn Answer(id: i64, actions: Actions) -> impl IntoView {
    let error = action_error(actions.respond);
    view! {
        <section aria-labelledby="answer" class="stack">
            <h2 id="answer">{tr!(mentorships.detail.your_answer)}</h2>
            <ActionForm action=actions.respond>
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="decision" value="accept"/>
                <button type="submit" class="button button--primary">{tr!(mentorships.accept)}</button>
            </ActionForm>
            <details>
                <summary>{tr!(mentorships.detail.decline_summary)}</summary>
                <ActionForm action=actions.respond attr:class="stack">
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="decision" value="decline"/>
                    <Choice label=tr!(mentorships.detail.reason) name="reason" error placeholder=tr!(mentorships.detail.choose_reason) current=String::new()
                        options={DeclineReason::ALL.iter().map(|r| (r.slug(), r.label())).collect::<Vec<_>>()}/>
                    <LongField label=tr!(mentorships.detail.note_for_mentee) name="note" error rows=3/>
                    <button type="submit" class="button">{tr!(mentorships.detail.decline)}</button>
                </ActionForm>
            </details>
        </section>
    }
}

#[component]
fn Active(d: MentorshipDetail, actions: Actions) -> impl IntoView {
    let id = d.summary.id;
    let other = d.summary.other_name.clone();
    let error = action_error(actions.agreement);
    // After a refused save, start from what was typed.
    let typed = error
        .get_untracked()
        .and_then(|e| e.value("agreement"))
        .and_then(|json| serde_json::from_str::<AgreementForm>(&json).ok());
    let form = typed.unwrap_or_else(|| AgreementForm::from(&d.agreement));
    let query = use_query_map();
    let saved = move || query.with(|q| q.get("saved").is_some());
    let close = match d.close_asked {
        Some(side) if side == d.summary.side => {
            view! { <p class="muted">{tr!(mentorships.agreement.asked_close, name = other).to_string()}</p> }.into_any()
        }
        Some(_) => view! {
            <p>{tr!(mentorships.agreement.suggests_close, name = other).to_string()}</p>
            <ActionForm action=actions.complete>
                <input type="hidden" name="id" value=id/>
                <button type="submit" class="button button--primary">{tr!(mentorships.agreement.confirm_done)}</button>
            </ActionForm>
        }
        .into_any(),
        None => view! {
            <ActionForm action=actions.complete>
                <input type="hidden" name="id" value=id/>
                <button type="submit" class="button">{tr!(mentorships.agreement.close_completed)}</button>
            </ActionForm>
        }
        .into_any(),
    };
    let channels: Vec<_> = Channel::ALL.iter().map(|c| (c.slug(), c.label())).collect();
    let frequencies: Vec<_> = Frequency::ALL
        .iter()
        .map(|c| (c.slug(), c.label()))
        .collect();
    let replies: Vec<_> = ReplyTime::ALL
        .iter()
        .map(|c| (c.slug(), c.label()))
        .collect();
    view! {
        <section aria-labelledby="agreement" class="agreement">
            <h2 id="agreement">{tr!(mentorships.agreement.heading)}</h2>
            <p class="muted">
                {tr!(mentorships.agreement.intro)}
                {d.agreement_at.map(|at| tr!(mentorships.agreement.last_changed, day = day(at)).to_string())}
            </p>
            {move || saved().then(|| view! { <p class="notice" role="status">{tr!(mentorships.agreement.saved)}</p> })}
            <ActionForm action=actions.agreement attr:class="stack" attr:novalidate=true>
                <FormError error/>
                <input type="hidden" name="id" value=id/>
                <Choice label=tr!(mentorships.agreement.channel) name="agreement[channel]" id="field-agreement-channel-" error
                    current=form.channel.clone() options=channels/>
                <Choice label=tr!(mentorships.agreement.frequency) name="agreement[frequency]" id="field-agreement-frequency-" error
                    current=form.frequency.clone() options=frequencies/>
                <Choice label=tr!(mentorships.agreement.reply_within) name="agreement[reply_within]" id="field-agreement-reply_within-" error
                    current=form.reply_within.clone() options=replies/>
                <Field label=tr!(mentorships.agreement.hours) name="agreement[hours_per_month]" id="field-hours" kind="number"
                    autocomplete="" min="0" max="40" error current=form.hours_per_month.clone()/>
                <LongField label=tr!(mentorships.agreement.notes) name="agreement[notes]" error current=form.notes.clone()
                    hint=tr!(mentorships.agreement.notes_hint)/>
                <button type="submit" class="button button--primary">{tr!(mentorships.agreement.save)}</button>
            </ActionForm>
        </section>
        <section aria-labelledby="closing" class="stack">
            <h2 id="closing">{tr!(mentorships.agreement.closing)}</h2>
            {close}
            <details>
                <summary>{tr!(mentorships.agreement.end_summary)}</summary>
                <ActionForm action=actions.end attr:class="stack">
                    <input type="hidden" name="id" value=id/>
                    <LongField label=tr!(mentorships.agreement.why) name="note" id="field-end-note" rows=3 error=Signal::stored(None)
                        hint=if d.program.is_some() { tr!(mentorships.agreement.end_hint_program) } else { tr!(mentorships.agreement.end_hint_pair) }/>
                    <button type="submit" class="button">{tr!(mentorships.agreement.end)}</button>
                </ActionForm>
            </details>
        </section>
    }
}

/// Block or report the other member; on a mentorship and on a mentor's page.
#[component]
fn SafetyPanel(other_id: i64, other_name: String, next: String) -> impl IntoView {
    let block = ServerAction::<BlockMember>::new();
    let report = ServerAction::<ReportMember>::new();
    let error = action_error(report);
    let query = use_query_map();
    let reported = move || query.with(|q| q.get("reported").is_some());
    let next_after_block = next.clone();
    // Blocking closes what is open between us; the form's redirect shows the
    // page afresh.
    view! {
        <details class="safety">
            <summary>{tr!(mentorships.safety.summary)}</summary>
            {move || reported().then(|| view! { <p class="notice" role="status">{tr!(mentorships.safety.reported)}</p> })}
            <ActionForm action=block attr:class="stack">
                <input type="hidden" name="user_id" value=other_id/>
                <input type="hidden" name="next" value=next_after_block/>
                <p>{tr!(mentorships.safety.block_explain, name = &other_name).to_string()}</p>
                <button type="submit" class="button">{tr!(mentorships.safety.block, name = &other_name).to_string()}</button>
            </ActionForm>
            <ActionForm action=report attr:class="stack">
                <input type="hidden" name="user_id" value=other_id/>
                <input type="hidden" name="next" value=next/>
                <LongField label=tr!(mentorships.safety.report) name="note" error rows=3
                    hint=tr!(mentorships.safety.report_hint)/>
                <button type="submit" class="button">{tr!(mentorships.safety.send_report)}</button>
            </ActionForm>
        </details>
    }
}

/// The request form on a mentor's page (and block/report).
#[component]
pub fn RequestPanel(
    o: RequestOptions,
    mentor_id: i64,
    unblock: ServerAction<UnblockMember>,
) -> impl IntoView {
    let request = ServerAction::<RequestMentorship>::new();
    let error = action_error(request);
    let next = format!("/mentors/{mentor_id}");
    let unblock_next = next.clone();
    let body = if o.blocked_by_me {
        view! {
            <p>{tr!(mentorships.request.you_blocked, name = &o.mentor_name).to_string()}</p>
            <ActionForm action=unblock>
                <input type="hidden" name="user_id" value=mentor_id/>
                <input type="hidden" name="next" value=unblock_next/>
                <button type="submit" class="button">{tr!(mentorships.request.unblock)}</button>
            </ActionForm>
        }
        .into_any()
    } else if !o.has_free_place {
        view! { <p class="muted">{tr!(mentorships.errors.not_taking, name = &o.mentor_name).to_string()}</p> }
            .into_any()
    } else if !o.has_profile {
        view! { <p>{tr!(mentorships.request.profile_first)}<A href="/me/profile">{tr!(mentorships.request.fill_profile)}</A>{tr!(mentorships.request.profile_first_after)}</p> }
            .into_any()
    } else {
        let unavailable = o
            .focus
            .iter()
            .filter(|(_, _, why_not)| why_not.is_some())
            .map(|(slug, ..)| slug.clone())
            .collect();
        let focus: Vec<_> = o
            .focus
            .into_iter()
            .map(|(slug, label, why_not)| match why_not {
                Some(w) => (slug, format!("{label} ({w})")),
                None => (slug, label),
            })
            .collect();
        view! {
            <ActionForm action=request attr:class="stack" attr:novalidate=true>
                <FormError error/>
                <input type="hidden" name="mentor_id" value=mentor_id/>
                <Choice label=tr!(mentorships.request.focus_area) name="focus" options=focus disabled=unavailable error/>
                <LongField label=tr!(mentorships.request.message) name="message" error rows=5
                    hint=tr!(mentorships.request.message_hint)/>
                <p class="field__hint">{tr!(mentorships.request.open_requests, open = o.open_requests, max = o.max_open_requests).to_string()}</p>
                <button type="submit" class="button button--primary">{tr!(mentorships.request.send)}</button>
            </ActionForm>
        }
        .into_any()
    };
    view! {
        <section class="request-panel" aria-labelledby="request-heading">
            <h2 id="request-heading">{tr!(mentorships.request.heading, name = &o.mentor_name).to_string()}</h2>
            {body}
        </section>
        <SafetyPanel other_id=mentor_id other_name=o.mentor_name next/>
    }
}
