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
                            <h2 id="meetings-title">"Meetings"</h2>
                            <FormError error/>
                            <MeetingsView m mentorship_id actions/>
                        </section>
                    }.into_any(),
                    Err(AppError::Conflict(_) | AppError::Forbidden(_) | AppError::NotFound) => ().into_any(),
                    Err(e) => failure(e, "to see the meetings"),
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
        {upcoming.is_empty().then(|| view! { <p class="muted">"Nothing arranged yet."</p> })}
        <ul class="meeting-list">
            {upcoming.into_iter().map(|x| view! { <MeetingItem x actions zone=zone.clone() can_propose/> }).collect_view()}
        </ul>
        {can_propose.then(|| view! {
            <ProposeForm mentorship_id zone=m.my_time_zone.clone() replaces=None actions summary="Propose a meeting"/>
        })}
        <div class="muted calendar-feed">
            {match m.feed_path {
                Some(path) => {
                    let text = path.clone();
                    view! {
                        "Your private calendar feed (subscribe to it in your calendar app; keep the link to yourself): "
                        <a href=path>{text}</a>
                        <ActionForm action=actions.feed attr:class="inline-form">
                            <input type="hidden" name="back_to" value=mentorship_id/>
                            <input type="hidden" name="renew" value="yes"/>
                            <button type="submit" class="link-button">"Change this link (the old one stops working)"</button>
                        </ActionForm>
                    }.into_any()
                }
                None => view! {
                    <ActionForm action=actions.feed attr:class="inline-form">
                        <input type="hidden" name="back_to" value=mentorship_id/>
                        <button type="submit" class="link-button">"Get a calendar feed of all my meetings"</button>
                    </ActionForm>
                }.into_any(),
            }}
        </div>
        {(!earlier.is_empty()).then(|| view! {
            <details class="meetings__earlier">
                <summary>{format!("Earlier and cancelled ({})", earlier.len())}</summary>
                <ul class="meeting-list">
                    {earlier.into_iter().map(|x| view! {
                        <li class="meeting meeting--past">
                            <strong>{x.local_time.clone()}</strong>
                            {format!(" · {} · {}", x.mode.label(), if x.state == MeetingState::Cancelled { "cancelled" } else { "held" })}
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
            view! { " · " <a href=place.clone() rel="noopener noreferrer" target="_blank">"Join link"</a> }.into_any()
        } else {
            view! { {format!(" · {place}")} }.into_any()
        }
    });
    let status = match (x.state, x.proposed_by_me) {
        (MeetingState::Accepted, _) => "Confirmed".to_owned(),
        (MeetingState::Proposed, true) => "Proposed by you; waiting for an answer".to_owned(),
        (MeetingState::Proposed, false) => format!("Proposed by {}", x.proposer_name),
        (s, _) => s.label().to_owned(),
    };
    let answer = (x.state == MeetingState::Proposed && !x.proposed_by_me && can_propose).then(|| {
        view! {
            <ActionForm action=actions.accept attr:class="inline-form">
                <input type="hidden" name="id" value=id/>
                <button type="submit" class="button button--primary">"Accept"</button>
            </ActionForm>
            <ProposeForm mentorship_id=x.mentorship_id zone=zone.clone() replaces=Some(id) actions summary="Propose another time"/>
        }
    });
    let cancel_label = if x.state == MeetingState::Proposed && x.proposed_by_me {
        "Withdraw proposal"
    } else {
        "Cancel meeting"
    };
    view! {
        <li class="meeting" aria-label=format!("Meeting {}", x.local_time)>
            <p class="meeting__when">
                <strong>{x.local_time.clone()}</strong>
                <span class="muted">" · your time: "<Moment ms=x.starts_at/></span>
            </p>
            <p>{format!("{} minutes · {}", x.minutes, x.mode.label())}{place_view}</p>
            {(!x.agenda.is_empty()).then(|| view! { <p class="meeting__agenda">{x.agenda.clone()}</p> })}
            <p><span class="badge" class:badge--ok=x.state == MeetingState::Accepted>{status}</span></p>
            <div class="actions">
                {answer}
                {(x.state == MeetingState::Accepted).then(|| view! {
                    <a class="button" href=format!("/meetings/{id}.ics") rel="external">"Add to my calendar"</a>
                })}
                <ActionForm action=actions.cancel attr:class="stack cancel-meeting">
                    <input type="hidden" name="id" value=id/>
                    {x.short_notice.then(|| view! {
                        <p class="notice">"This meeting is less than 48 hours away. The programs ask for 24–48 hours' notice; if you cancel now, your partner is told at once."</p>
                        <input type="hidden" name="short_notice_ok" value="yes"/>
                    })}
                    <button type="submit" class="button button--quiet">
                        {if x.short_notice { format!("{cancel_label} anyway") } else { cancel_label.to_owned() }}
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
                       options: &'static [(&'static str, &'static str)],
                       default: &'static str| {
        view! { <Choice label name options=options.to_vec() error id=fid(name) current=default/> }
    };
    let modes: &'static [(&'static str, &'static str)] = &[
        ("video", "Video call"),
        ("phone", "Phone"),
        ("in_person", "In person"),
    ];
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
            <Field label="Day and time" name="starts" kind="datetime-local" autocomplete="" error id=fid("starts")/>
            <Field label="Time zone" name="time_zone" autocomplete="" error id=fid("time_zone")
                hint="The zone of the time above, e.g. America/Chicago." current=zone/>
            {select("minutes", "How long", DURATIONS, "45")}
            {select("mode", "How", modes, "video")}
            <Field label="Link or place (optional)" name="place" autocomplete="" error id=fid("place")/>
            <LongField label="Agenda (optional)" name="agenda" error rows=3 id=fid("agenda")/>
            {select("remind_minutes", "Remind us", REMINDERS, "1440")}
            <button type="submit" class="button button--primary">
                {if replaces.is_some() { "Propose this time instead" } else { "Propose meeting" }}
            </button>
        </ActionForm>
        </details>
    }
}
