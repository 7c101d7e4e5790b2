//! `/mentorships`, `/mentorships/{id}`, the request panel on a mentor's page,
//! and the assignment queue at `/admin/assignments`. Every action is a plain
//! form posting to its server function, which redirects back.

use super::{api::*, model::*};
use crate::dates::day;
use crate::programs::api::CheckIn;
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
        <Title text="My mentoring"/>
        <h1>"My mentoring"</h1>
        {move || asked().then(|| view! { <p class="notice" role="status">"Thank you. A coordinator will find you a mentor and you will hear when they do."</p> })}
        <FormError error/>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let m = match mine.await {
                    Ok(m) => m,
                    Err(e) => return failure(e, "to see your mentoring"),
                };
                let areas = areas.await.map(|a| a.areas).unwrap_or_default();
                view! {
                    <section class="card" aria-labelledby="my-mentors">
                        <h2 id="my-mentors">"My mentors"</h2>
                        {if m.mentors.is_empty() {
                            view! { <p class="muted">"No mentors yet. "<A href="/mentors">"Find a mentor"</A>" for each thing you want to grow in: one for scholarship, another for leadership."</p> }.into_any()
                        } else {
                            view! { <ul class="pairs">{m.mentors.into_iter().map(|s| view! { <PairItem s/> }).collect_view()}</ul> }.into_any()
                        }}
                    </section>
                    {(!m.received.is_empty()).then(|| view! {
                        <section class="card" aria-labelledby="received">
                            <h2 id="received">"Requests to me"</h2>
                            <ul class="pairs">
                                {m.received.into_iter().map(|s| view! { <ReceivedItem s respond/> }).collect_view()}
                            </ul>
                        </section>
                    })}
                    {(m.capacity > 0 || !m.mentees.is_empty()).then(|| view! {
                        <section class="card" aria-labelledby="my-mentees">
                            <h2 id="my-mentees">{format!("My mentees ({} of {})", m.mentees.len(), m.capacity)}</h2>
                            {if m.mentees.is_empty() {
                                view! { <p class="muted">"No mentees yet. Requests appear above when members ask you."</p> }.into_any()
                            } else {
                                view! { <ul class="pairs">{m.mentees.into_iter().map(|s| view! { <PairItem s/> }).collect_view()}</ul> }.into_any()
                            }}
                        </section>
                    })}
                    <section class="card" aria-labelledby="sent">
                        <h2 id="sent">"Requests I sent"</h2>
                        {if m.sent.is_empty() && m.waiting_assignment.is_empty() {
                            view! { <p class="muted">"None waiting."</p> }.into_any()
                        } else {
                            view! {
                                <ul class="pairs">
                                    {m.sent.into_iter().map(|s| view! { <SentItem s withdraw/> }).collect_view()}
                                    {m.waiting_assignment.into_iter().map(|(slug, label)| view! {
                                        <li>
                                            <span class="pairs__who"><strong>{label}</strong>
                                                <span class="muted">" · waiting for a coordinator to find you a mentor"</span></span>
                                            <ActionForm action=cancel attr:class="inline-form">
                                                <input type="hidden" name="focus" value=slug/>
                                                <button type="submit" class="button button--quiet">"Stop waiting"</button>
                                            </ActionForm>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        <details class="ask-coordinator">
                            <summary>"Ask a coordinator to find me a mentor"</summary>
                            <ActionForm action=ask attr:class="stack">
                                <FormError error=ask_error/>
                                <Choice label="Focus area" name="focus" error=ask_error
                                    options={areas.into_iter().map(|a| (a.slug, a.label)).collect::<Vec<_>>()}/>
                                <LongField label="Anything the coordinator should know (optional)" name="note" error=ask_error rows=3/>
                                <button type="submit" class="button">"Ask a coordinator"</button>
                            </ActionForm>
                        </details>
                    </section>
                    {(!m.past.is_empty()).then(|| view! {
                        <section class="card" aria-labelledby="past">
                            <h2 id="past">"Past requests and mentorships"</h2>
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
        (true, Side::Mentor) => format!("{} · you mentored", s.focus_label),
        (true, Side::Mentee) => format!("{} · your mentor", s.focus_label),
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
                <span class="muted">{format!(" · {} · asked {} · expires {}", s.focus_label, day(s.requested_at), day(s.expires_at))}</span>
            </span>
            <ActionForm action=withdraw attr:class="inline-form">
                <input type="hidden" name="id" value=s.id/>
                <button type="submit" class="button button--quiet">"Withdraw"</button>
            </ActionForm>
        </li>
    }
}

#[component]
fn ReceivedItem(s: MentorshipSummary, respond: ServerAction<RespondToRequest>) -> impl IntoView {
    let accept_label = format!("Accept {}", s.other_name);
    view! {
        <li>
            <span class="pairs__who">
                <A href=format!("/mentorships/{}", s.id)>{s.other_name.clone()}</A>
                <span class="muted">{format!(" · {}{} · expires {}", s.focus_label, if s.assigned { " · suggested by a coordinator" } else { "" }, day(s.expires_at))}</span>
            </span>
            <A href=format!("/mentorships/{}", s.id) attr:class="button button--primary">"Read and answer"</A>
            <ActionForm action=respond attr:class="inline-form">
                <input type="hidden" name="id" value=s.id/>
                <input type="hidden" name="decision" value="accept"/>
                <button type="submit" class="button" aria-label=accept_label>"Accept"</button>
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
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(d) => view! { <MentorshipView d actions error/> }.into_any(),
                    Err(e) => failure(e, "to see this mentorship"),
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
                <h3>"Monthly check-in"</h3>
                {match p.checkin.clone() {
                    Some(answer) => view! { <p class="notice" role="status">{format!("This month you told your liaison: {answer}. You can change it below.")}</p> }.into_any(),
                    None => view! { <p>"How is it going? One click tells the program's liaison; the note is optional and for them only."</p> }.into_any(),
                }}
                <ActionForm action=actions.checkin attr:class="stack">
                    <input type="hidden" name="mentorship_id" value=id/>
                    <label for="checkin-note">"Note to the liaison (optional)"</label>
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
            <h2 id="program-cycle">"Program"</h2>
            <p>
                "Part of " <A href=format!("/programs/{}", p.program_slug)>{p.program_name.clone()}</A>
                {format!(", cycle {}, which ends on {ends}.", p.cycle_name)}
            </p>
            {match (active, p.extended) {
                (true, true) => view! { <p class="muted">"You chose to keep going after the cycle ends."</p> }.into_any(),
                (true, false) => view! {
                    <p class="muted">{format!("When the cycle ends, this mentorship completes. To keep going after {ends}, either of you can extend it.")}</p>
                    <ActionForm action=extend attr:class="inline-form">
                        <input type="hidden" name="id" value=id/>
                        <button type="submit" class="button">"Keep going after the cycle"</button>
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
    let (me_role, other_role) = match s.side {
        Side::Mentor => ("mentor", "mentee"),
        Side::Mentee => ("mentee", "mentor"),
    };
    let actions_view = match (s.state, s.side) {
        (State::Requested, Side::Mentor) => view! { <Answer id actions/> }.into_any(),
        (State::Requested, Side::Mentee) => view! {
            <p>{format!("Waiting for {} to answer; the request expires on {}.", s.other_name, day(s.expires_at))}</p>
            <ActionForm action=actions.withdraw attr:class="inline-form">
                <input type="hidden" name="id" value=id/>
                <button type="submit" class="button">"Withdraw my request"</button>
            </ActionForm>
        }
        .into_any(),
        (State::Accepted, _) => view! { <Active d=d.clone() actions/> }.into_any(),
        _ => view! { <p class="muted">"This mentorship is closed. Its history stays here for you both."</p> }.into_any(),
    };
    view! {
        <Title text=title.clone()/>
        <article class="card mentorship">
            <header>
                <h1>{title}</h1>
                <p>
                    {format!("You are the {me_role}. Your {other_role}: ")}
                    <A href=format!("/mentors/{}", s.other_id)>{s.other_name.clone()}</A>
                    " · " {state_badge(s.state)}
                    {s.assigned.then_some(" · suggested by a coordinator")}
                </p>
            </header>
            <FormError error/>
            {d.program.clone().map(|p| view! { <ProgramPanel p id active=s.state == State::Accepted mentor=s.side == Side::Mentor actions/> })}
            <section aria-labelledby="request-message">
                <h2 id="request-message">"What the mentee hopes for"</h2>
                <blockquote class="message">{d.message.clone()}</blockquote>
            </section>
            {actions_view}
            <section aria-labelledby="history">
                <h2 id="history">"History"</h2>
                <ol class="history">
                    {d.history.into_iter().map(|h| view! {
                        <li>
                            <time>{day(h.at)}</time>" · "
                            {format!("{} {}", h.actor, h.to.event())}
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
            <h2 id="answer">"Your answer"</h2>
            <ActionForm action=actions.respond>
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="decision" value="accept"/>
                <button type="submit" class="button button--primary">"Accept"</button>
            </ActionForm>
            <details>
                <summary>"Decline…"</summary>
                <ActionForm action=actions.respond attr:class="stack">
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="decision" value="decline"/>
                    <Choice label="Reason" name="reason" error placeholder="Choose a reason" current=String::new()
                        options={DeclineReason::ALL.iter().map(|r| (r.slug(), r.label())).collect::<Vec<_>>()}/>
                    <LongField label="A note for the mentee (optional)" name="note" error rows=3/>
                    <button type="submit" class="button">"Decline"</button>
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
            view! { <p class="muted">{format!("You asked to close this mentorship as completed; waiting for {other} to confirm.")}</p> }.into_any()
        }
        Some(_) => view! {
            <p>{format!("{other} suggests closing this mentorship as completed.")}</p>
            <ActionForm action=actions.complete>
                <input type="hidden" name="id" value=id/>
                <button type="submit" class="button button--primary">"Confirm: we are done"</button>
            </ActionForm>
        }
        .into_any(),
        None => view! {
            <ActionForm action=actions.complete>
                <input type="hidden" name="id" value=id/>
                <button type="submit" class="button">"Close as completed"</button>
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
            <h2 id="agreement">"Our agreement"</h2>
            <p class="muted">
                "Set your own parameters together; either of you can change them."
                {d.agreement_at.map(|at| format!(" Last changed {}.", day(at)))}
            </p>
            {move || saved().then(|| view! { <p class="notice" role="status">"Agreement saved."</p> })}
            <ActionForm action=actions.agreement attr:class="stack" attr:novalidate=true>
                <FormError error/>
                <input type="hidden" name="id" value=id/>
                <Choice label="How we keep in touch" name="agreement[channel]" id="field-agreement-channel-" error
                    current=form.channel.clone() options=channels/>
                <Choice label="How often" name="agreement[frequency]" id="field-agreement-frequency-" error
                    current=form.frequency.clone() options=frequencies/>
                <Choice label="We reply" name="agreement[reply_within]" id="field-agreement-reply_within-" error
                    current=form.reply_within.clone() options=replies/>
                <Field label="Hours set aside each month" name="agreement[hours_per_month]" id="field-hours" kind="number"
                    autocomplete="" min="0" max="40" error current=form.hours_per_month.clone()/>
                <LongField label="Notes" name="agreement[notes]" error current=form.notes.clone()
                    hint="Anything else you agreed: when, where, what first."/>
                <button type="submit" class="button button--primary">"Save our agreement"</button>
            </ActionForm>
        </section>
        <section aria-labelledby="closing" class="stack">
            <h2 id="closing">"Closing"</h2>
            {close}
            <details>
                <summary>"End this mentorship…"</summary>
                <ActionForm action=actions.end attr:class="stack">
                    <input type="hidden" name="id" value=id/>
                    <LongField label="Why (optional)" name="note" id="field-end-note" rows=3 error=Signal::stored(None)
                        hint=if d.program.is_some() { "Only the program's coordinators read this." } else { "Your mentor or mentee will see this in the history." }/>
                    <button type="submit" class="button">"End the mentorship"</button>
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
            <summary>"Block or report"</summary>
            {move || reported().then(|| view! { <p class="notice" role="status">"Thank you. The administrators will review your report."</p> })}
            <ActionForm action=block attr:class="stack">
                <input type="hidden" name="user_id" value=other_id/>
                <input type="hidden" name="next" value=next_after_block/>
                <p>{format!("Blocking {other_name} stops requests and messages both ways, and closes anything open between you.")}</p>
                <button type="submit" class="button">{format!("Block {other_name}")}</button>
            </ActionForm>
            <ActionForm action=report attr:class="stack">
                <input type="hidden" name="user_id" value=other_id/>
                <input type="hidden" name="next" value=next/>
                <LongField label="Report conduct to the administrators" name="note" error rows=3
                    hint="What happened? Only administrators read this."/>
                <button type="submit" class="button">"Send report"</button>
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
            <p>{format!("You blocked {}.", o.mentor_name)}</p>
            <ActionForm action=unblock>
                <input type="hidden" name="user_id" value=mentor_id/>
                <input type="hidden" name="next" value=unblock_next/>
                <button type="submit" class="button">"Unblock"</button>
            </ActionForm>
        }
        .into_any()
    } else if !o.has_free_place {
        view! { <p class="muted">{format!("{} is not taking new mentees at the moment.", o.mentor_name)}</p> }
            .into_any()
    } else if !o.has_profile {
        view! { <p>"Mentors like to see who is asking. "<A href="/me/profile">"Fill in your profile"</A>" to send a request."</p> }
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
                <Choice label="Focus area" name="focus" options=focus disabled=unavailable error/>
                <LongField label="Your message" name="message" error rows=5
                    hint="What you hope for and your goals. The mentor reads this before answering."/>
                <p class="field__hint">{format!("You have {} of {} requests waiting for answers.", o.open_requests, o.max_open_requests)}</p>
                <button type="submit" class="button button--primary">"Send request"</button>
            </ActionForm>
        }
        .into_any()
    };
    view! {
        <section class="request-panel" aria-labelledby="request-heading">
            <h2 id="request-heading">{format!("Ask {} to mentor you", o.mentor_name)}</h2>
            {body}
        </section>
        <SafetyPanel other_id=mentor_id other_name=o.mentor_name next/>
    }
}

#[component]
pub fn AssignmentsPage() -> impl IntoView {
    let assign = ServerAction::<AssignMentors>::new();
    let query = use_query_map();
    // The site's queue at /admin/assignments; a program's under its slug.
    let params = use_params_map();
    let program = move || params.with(|p| p.get("slug"));
    let proposing = move || query.with(|q| q.get("propose").is_some());
    let queue = Resource::new(program, assignment_queue);
    let proposal = Resource::new(
        move || (program(), proposing()),
        |(program, on)| async move {
            if on {
                propose_matches(program).await.map(Some)
            } else {
                Ok(None)
            }
        },
    );
    let home = move || queue_path(program().as_deref());
    let error = action_error(assign);
    let sent = move || query.with(|q| q.get("sent"));
    view! {
        <Title text=move || if program().is_some() { "Mentees waiting for a match" } else { "Assignment queue" }/>
        <h1>{move || if program().is_some() { "Mentees waiting for a match" } else { "Assignment queue" }}</h1>
        <p class="muted">"Mentees who asked a coordinator to find them a mentor. Each suggestion has a free place and offers the focus; the mentor still accepts or declines."</p>
        {move || sent().map(|n| view! { <p class="notice" role="status">{format!("Sent {n} request{}.", if n == "1" { "" } else { "s" })}</p> })}
        {move || program().map(|slug| view! {
            <p><A href=format!("/programs/{slug}/manage")>"Back to the program"</A></p>
        })}
        <FormError error/>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let program = program();
                let items = match queue.await {
                    Ok(items) => items,
                    Err(e) => return failure(e, "to see the assignment queue"),
                };
                let proposal = proposal.await;
                if items.is_empty() {
                    return view! { <p class="empty">"Nobody is waiting."</p> }.into_any();
                }
                view! {
                    {match proposal {
                        Ok(Some(p)) => view! { <ProposalView p assign program=program.clone()/> }.into_any(),
                        Ok(None) => view! {
                            <p><A href=format!("{}?propose=1", home()) attr:class="button button--primary">"Match everyone…"</A>
                            " Proposes the best mentor for each mentee at once, for you to review before anything is sent."</p>
                        }.into_any(),
                        Err(e) => view! { <p class="form-error">{e.to_string()}</p> }.into_any(),
                    }}
                    <ol class="queue">
                        {items.into_iter().map(|q| view! { <QueueEntry q assign program=program.clone()/> }).collect_view()}
                    </ol>
                }.into_any()
            })}
        </Transition>
    }
}

#[component]
fn QueueEntry(
    q: QueueItem,
    assign: ServerAction<AssignMentors>,
    program: Option<String>,
) -> impl IntoView {
    let request_id = q.id;
    let heading = match &q.cycle_name {
        Some(cycle) => format!("{} · {} · {cycle}", q.mentee_name, q.focus_label),
        None => format!("{} · {}", q.mentee_name, q.focus_label),
    };
    let empty = if program.is_some() {
        "No mentor enrolled in this cycle with a free place offers this focus now."
    } else {
        "No mentor with a free place offers this focus now."
    };
    view! {
        <li class="card">
            <h2>{heading}</h2>
            <p class="muted">{format!("Waiting since {}", day(q.created_at))}</p>
            {(!q.note.is_empty()).then(|| view! { <blockquote>{q.note.clone()}</blockquote> })}
            {if q.suggestions.is_empty() {
                view! { <p class="muted">{empty}</p> }.into_any()
            } else {
                view! {
                    <ol class="suggestions">
                        {q.suggestions.into_iter().map(|s| {
                            let assign_label = format!("Assign {}", s.mentor_name);
                            let program = program.clone();
                            view! {
                            <li>
                                <A href=format!("/mentors/{}", s.mentor_id)>{s.mentor_name.clone()}</A>
                                {format!(" · fit {} · {} free place{}", s.score, s.free_places, if s.free_places == 1 { "" } else { "s" })}
                                {(!s.reasons.is_empty()).then(|| view! { <p class="mentor-card__reasons">{s.reasons.join("; ")}</p> })}
                                <ActionForm action=assign attr:class="inline-form">
                                    <ProgramInput program/>
                                    <input type="hidden" name="pairs" value=format!("{request_id}:{}", s.mentor_id)/>
                                    <button type="submit" class="button" aria-label=assign_label>"Assign"</button>
                                </ActionForm>
                            </li>
                        }}).collect_view()}
                    </ol>
                }.into_any()
            }}
        </li>
    }
}

/// The queue a form acts on, when it is a program's.
#[component]
fn ProgramInput(program: Option<String>) -> impl IntoView {
    program.map(|slug| view! { <input type="hidden" name="program" value=slug/> })
}

#[component]
fn ProposalView(
    p: Proposal,
    assign: ServerAction<AssignMentors>,
    program: Option<String>,
) -> impl IntoView {
    let home = queue_path(program.as_deref());
    let pairs = p
        .pairs
        .iter()
        .map(|x| format!("{}:{}", x.request_id, x.mentor_id))
        .collect::<Vec<_>>()
        .join(",");
    let n = p.pairs.len();
    view! {
        <section class="card proposal" aria-labelledby="proposal">
            <h2 id="proposal">{format!("Proposed: {n} matches, total fit {}", p.total_fit)}</h2>
            <table>
                <thead><tr><th>"Mentee"</th><th>"Focus"</th><th>"Mentor"</th><th>"Fit"</th></tr></thead>
                <tbody>
                    {p.pairs.into_iter().map(|x| view! {
                        <tr><td>{x.mentee_name}</td><td>{x.focus_label}</td><td>{x.mentor_name}</td><td>{x.score}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            {(!p.unmatched.is_empty()).then(|| view! {
                <p class="muted">{format!("No mentor with a free place for: {}.", p.unmatched.join(", "))}</p>
            })}
            {(n > 0).then(|| view! {
                <ActionForm action=assign attr:class="inline-form">
                    <ProgramInput program=program.clone()/>
                    <input type="hidden" name="pairs" value=pairs/>
                    <button type="submit" class="button button--primary">{format!("Send these {n} requests")}</button>
                </ActionForm>
            })}
            " " <A href=home>"Cancel"</A>
        </section>
    }
}
