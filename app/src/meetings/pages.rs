//! The meetings section of a mentorship's page: what is arranged, answers to
//! proposals, cancelling with notice, and the form to propose a time. Plain
//! forms underneath, so it all works without JavaScript.

use super::{api::*, model::*};
use crate::{
    error::AppError,
    ui::{
        dates::Moment,
        errors::failure,
        form::{action_error, Choice, Field, FormError, LongField},
    },
};
use leptos::prelude::*;

/// The actions of the meetings section, created with the page.
#[derive(Clone, Copy)]
pub struct MeetingActions {
    pub propose: ServerAction<ProposeMeeting>,
    pub accept: ServerAction<AcceptMeeting>,
    pub cancel: ServerAction<CancelMeeting>,
    pub feed: ServerAction<CalendarFeed>,
}

impl MeetingActions {
    pub fn new() -> Self {
        Self {
            propose: ServerAction::new(),
            accept: ServerAction::new(),
            cancel: ServerAction::new(),
            feed: ServerAction::new(),
        }
    }

    fn error(self) -> Signal<Option<AppError>> {
        Signal::derive(move || {
            action_error(self.accept)
                .get()
                .or_else(|| action_error(self.cancel).get())
                .or_else(|| action_error(self.feed).get())
        })
    }
}

impl Default for MeetingActions {
    fn default() -> Self {
        Self::new()
    }
}

#[component]
pub fn MeetingsSection(
    mentorship_id: i64,
    meetings: Resource<Result<Meetings, AppError>>,
    actions: MeetingActions,
) -> impl IntoView {
    let error = actions.error();
    // A request not yet accepted has no meetings: the section stays away.
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match meetings.await {
                    Ok(m) => view! {
                        <section id="meetings" class="card meetings" aria-labelledby="meetings-title">
                            <h2 id="meetings-title">{crate::tr!(meetings.title)}</h2>
                            <FormError error/>
                            <MeetingsView m mentorship_id actions/>
                        </section>
                    }.into_any(),
                    Err(AppError::Conflict(_) | AppError::Forbidden(_) | AppError::NotFound) => ().into_any(),
                    Err(e) => failure(e, crate::tr!(meetings.sign_in_to_see)),
                }
            })}
        </Transition>
    }
}

#[component]
fn MeetingsView(m: Meetings, mentorship_id: i64, actions: MeetingActions) -> impl IntoView {
    let (upcoming, earlier): (Vec<Meeting>, Vec<Meeting>) = m
        .meetings
        .into_iter()
        .partition(|x| !x.past && x.state != MeetingState::Cancelled);
    let zone = m.my_time_zone.clone();
    let can_propose = m.can_propose;
    view! {
        {upcoming.is_empty().then(|| view! { <p class="muted">{crate::tr!(meetings.nothing_arranged)}</p> })}
        <ul class="meeting-list">
            {upcoming.into_iter().map(|x| view! { <MeetingItem x actions zone=zone.clone() can_propose/> }).collect_view()}
        </ul>
        {can_propose.then(|| view! {
            <ProposeForm mentorship_id zone=m.my_time_zone.clone() replaces=None actions summary=crate::tr!(meetings.propose_a_meeting)/>
        })}
        <div class="muted calendar-feed">
            {match m.feed_path {
                Some(path) => {
                    let text = path.clone();
                    view! {
                        {crate::tr!(meetings.feed.intro)}
                        <a href=path>{text}</a>
                        <ActionForm action=actions.feed attr:class="inline-form">
                            <input type="hidden" name="back_to" value=mentorship_id/>
                            <input type="hidden" name="renew" value="yes"/>
                            <button type="submit" class="link-button">{crate::tr!(meetings.feed.renew)}</button>
                        </ActionForm>
                    }.into_any()
                }
                None => view! {
                    <ActionForm action=actions.feed attr:class="inline-form">
                        <input type="hidden" name="back_to" value=mentorship_id/>
                        <button type="submit" class="link-button">{crate::tr!(meetings.feed.get)}</button>
                    </ActionForm>
                }.into_any(),
            }}
        </div>
        {(!earlier.is_empty()).then(|| view! {
            <details class="meetings__earlier">
                <summary>{crate::tr!(meetings.earlier, n = earlier.len()).to_string()}</summary>
                <ul class="meeting-list">
                    {earlier.into_iter().map(|x| view! {
                        <li class="meeting meeting--past">
                            <strong>{x.local_time.clone()}</strong>
                            {if x.state == MeetingState::Cancelled {
                                crate::tr!(meetings.past_cancelled, mode = x.mode.label()).to_string()
                            } else {
                                crate::tr!(meetings.past_held, mode = x.mode.label()).to_string()
                            }}
                        </li>
                    }).collect_view()}
                </ul>
            </details>
        })}
    }
}

#[component]
fn MeetingItem(
    x: Meeting,
    actions: MeetingActions,
    zone: String,
    can_propose: bool,
) -> impl IntoView {
    let id = x.id;
    let place = x.place.clone();
    let place_view = (!place.is_empty()).then(|| {
        if place.starts_with("http") {
            view! { " · " <a href=place.clone() rel="noopener noreferrer" target="_blank">{crate::tr!(meetings.join_link)}</a> }.into_any()
        } else {
            view! { {format!(" · {place}")} }.into_any()
        }
    });
    let status = match (x.state, x.proposed_by_me) {
        (MeetingState::Accepted, _) => MeetingState::Accepted.label().to_owned(),
        (MeetingState::Proposed, true) => crate::tr!(meetings.status.proposed_by_you).to_owned(),
        (MeetingState::Proposed, false) => {
            crate::tr!(meetings.status.proposed_by, name = x.proposer_name.clone()).to_string()
        }
        (s, _) => s.label().to_owned(),
    };
    let answer = (x.state == MeetingState::Proposed && !x.proposed_by_me && can_propose).then(|| {
        view! {
            <ActionForm action=actions.accept attr:class="inline-form">
                <input type="hidden" name="id" value=id/>
                <button type="submit" class="button button--primary">{crate::tr!(meetings.accept)}</button>
            </ActionForm>
            <ProposeForm mentorship_id=x.mentorship_id zone=zone.clone() replaces=Some(id) actions summary=crate::tr!(meetings.propose_another_time)/>
        }
    });
    let withdraw = x.state == MeetingState::Proposed && x.proposed_by_me;
    let cancel_label = match (withdraw, x.short_notice) {
        (true, false) => crate::tr!(meetings.withdraw),
        (true, true) => crate::tr!(meetings.withdraw_anyway),
        (false, false) => crate::tr!(meetings.cancel),
        (false, true) => crate::tr!(meetings.cancel_anyway),
    };
    view! {
        <li class="meeting" aria-label=crate::tr!(meetings.meeting_label, when = x.local_time.clone()).to_string()>
            <p class="meeting__when">
                <strong>{x.local_time.clone()}</strong>
                <span class="muted">{crate::tr!(meetings.your_time)}<Moment ms=x.starts_at/></span>
            </p>
            <p>{crate::tr!(meetings.length_and_mode, minutes = x.minutes, mode = x.mode.label()).to_string()}{place_view}</p>
            {(!x.agenda.is_empty()).then(|| view! { <p class="meeting__agenda">{x.agenda.clone()}</p> })}
            <p><span class="badge" class:badge--ok=x.state == MeetingState::Accepted>{status}</span></p>
            <div class="actions">
                {answer}
                {(x.state == MeetingState::Accepted).then(|| view! {
                    <a class="button" href=format!("/meetings/{id}.ics") rel="external">{crate::tr!(meetings.add_to_calendar)}</a>
                })}
                <ActionForm action=actions.cancel attr:class="stack cancel-meeting">
                    <input type="hidden" name="id" value=id/>
                    {x.short_notice.then(|| view! {
                        <p class="notice">{crate::tr!(meetings.short_notice_warning)}</p>
                        <input type="hidden" name="short_notice_ok" value="yes"/>
                    })}
                    <button type="submit" class="button button--quiet">
                        {cancel_label}
                    </button>
                </ActionForm>
            </div>
        </li>
    }
}

#[component]
fn ProposeForm(
    mentorship_id: i64,
    zone: String,
    replaces: Option<i64>,
    actions: MeetingActions,
    summary: &'static str,
) -> impl IntoView {
    // Each form has its own ids: several can be on the page at once.
    let key = replaces.map_or(0, |r| r);
    let fid = move |name: &str| format!("meeting-{key}-{name}");
    let error = action_error(actions.propose);
    let mine = move || {
        // Only the form that was sent shows its errors and typed values.
        error.get().filter(|e| {
            e.value("replaces").unwrap_or_default()
                == replaces.map(|r| r.to_string()).unwrap_or_default()
        })
    };
    let error = Signal::derive(mine);
    let select = move |name: &'static str,
                       label: &'static str,
                       options: Vec<(&'static str, &'static str)>,
                       default: &'static str| {
        view! { <Choice label name options error id=fid(name) current=default/> }
    };
    let durations = DURATIONS.iter().map(|v| (*v, duration_label(v))).collect();
    let reminders = REMINDERS.iter().map(|v| (*v, reminder_label(v))).collect();
    let modes = Mode::ALL.iter().map(|m| (m.slug(), m.label())).collect();
    view! {
        <details class="propose" open=move || mine().is_some()>
        <summary>{summary}</summary>
        <ActionForm action=actions.propose attr:class="stack narrow propose-form" attr:novalidate=true>
            {move || mine().and_then(|e| match e {
                AppError::Invalid(_) => e.field("form"),
                other => Some(other.to_string()),
            }).map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
            <input type="hidden" name="mentorship_id" value=mentorship_id/>
            {replaces.map(|r| view! { <input type="hidden" name="replaces" value=r/> })}
            <Field label=crate::tr!(meetings.form.starts) name="starts" kind="datetime-local" autocomplete="" error id=fid("starts")/>
            <Field label=crate::tr!(meetings.form.time_zone) name="time_zone" autocomplete="" error id=fid("time_zone")
                hint=crate::tr!(meetings.form.time_zone_hint) current=zone/>
            {select("minutes", crate::tr!(meetings.form.minutes), durations, "45")}
            {select("mode", crate::tr!(meetings.form.mode), modes, "video")}
            <Field label=crate::tr!(meetings.form.place) name="place" autocomplete="" error id=fid("place")/>
            <LongField label=crate::tr!(meetings.form.agenda) name="agenda" error rows=3 id=fid("agenda")/>
            {select("remind_minutes", crate::tr!(meetings.form.remind), reminders, "1440")}
            <button type="submit" class="button button--primary">
                {if replaces.is_some() { crate::tr!(meetings.form.propose_instead) } else { crate::tr!(meetings.form.propose) }}
            </button>
        </ActionForm>
        </details>
    }
}
