//! The goals section of a mentorship's page. Plain forms underneath.

use super::{api::*, model::*};
use crate::dates::day;
use crate::{
    error::AppError,
    ui::{
        errors::failure,
        form::{action_error, Field, FormError, LongField},
    },
};
use leptos::prelude::*;

/// The goal actions, created with the page.
#[derive(Clone, Copy)]
pub struct GoalActions {
    pub add: ServerAction<AddGoal>,
    pub status: ServerAction<SetGoalStatus>,
    pub note: ServerAction<AddGoalNote>,
}

impl GoalActions {
    pub fn new() -> Self {
        Self {
            add: ServerAction::new(),
            status: ServerAction::new(),
            note: ServerAction::new(),
        }
    }
}

impl Default for GoalActions {
    fn default() -> Self {
        Self::new()
    }
}

#[component]
pub fn GoalsSection(
    mentorship_id: i64,
    goals: Resource<Result<Goals, AppError>>,
    actions: GoalActions,
) -> impl IntoView {
    let error = Signal::derive(move || {
        action_error(actions.status)
            .get()
            .or_else(|| action_error(actions.note).get())
    });
    let add_error = action_error(actions.add);
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match goals.await {
                    Ok(g) => view! {
                        <section id="goals" class="card goals" aria-labelledby="goals-title">
                            <h2 id="goals-title">{crate::tr!(goals.heading)}</h2>
                            <p class="muted">{crate::tr!(goals.only_pair)}</p>
                            <FormError error/>
                            {g.goals.is_empty().then(|| view! {
                                <p class="muted">{if g.is_mentee { crate::tr!(goals.none_mentee) } else { crate::tr!(goals.none_mentor) }}</p>
                            })}
                            <ul class="goal-list">
                                {g.goals.into_iter().map(|goal| view! { <GoalItem goal is_mentee=g.is_mentee active=g.active actions/> }).collect_view()}
                            </ul>
                            {(g.is_mentee && g.active).then(|| view! {
                                <details class="add-goal" open=move || add_error.get().is_some()>
                                    <summary>{crate::tr!(goals.add_summary)}</summary>
                                    <ActionForm action=actions.add attr:class="stack narrow" attr:novalidate=true>
                                        <FormError error=add_error/>
                                        <input type="hidden" name="mentorship_id" value=mentorship_id/>
                                        <Field label=crate::tr!(goals.goal) name="title" error=add_error hint=crate::tr!(goals.goal_hint)/>
                                        <LongField label=crate::tr!(goals.why) name="why" error=add_error rows=2/>
                                        <Field label=crate::tr!(goals.target_on) name="target_on" kind="date" error=add_error/>
                                        <button type="submit" class="button button--primary">{crate::tr!(goals.add)}</button>
                                    </ActionForm>
                                </details>
                            })}
                        </section>
                    }.into_any(),
                    Err(AppError::Conflict(_) | AppError::Forbidden(_) | AppError::NotFound) => ().into_any(),
                    Err(e) => failure(e, crate::tr!(goals.sign_in)),
                }
            })}
        </Transition>
    }
}

#[component]
fn GoalItem(goal: Goal, is_mentee: bool, active: bool, actions: GoalActions) -> impl IntoView {
    let id = goal.id;
    let note_label = if is_mentee {
        crate::tr!(goals.add_progress_note)
    } else {
        crate::tr!(goals.comment)
    };
    view! {
        <li class="goal" aria-label=crate::tr!(goals.goal_aria, title = &goal.title).to_string()>
            <h3>{goal.title.clone()} " " <span class="badge" class:badge--ok=goal.status == GoalStatus::Done>{goal.status.label()}</span></h3>
            {(!goal.why.is_empty()).then(|| view! { <p>{goal.why.clone()}</p> })}
            {goal.target_on.map(|t| view! { <p class="muted">{crate::tr!(goals.target, day = day(t)).to_string()}</p> })}
            {(is_mentee && active).then(|| view! {
                <ActionForm action=actions.status attr:class="inline-form">
                    <input type="hidden" name="goal_id" value=id/>
                    <label for=format!("goal-status-{id}")>{crate::tr!(goals.status)}</label>
                    <select id=format!("goal-status-{id}") name="status">
                        {GoalStatus::ALL.iter().map(|s| view! { <option value=s.slug() selected=*s == goal.status>{s.label()}</option> }).collect_view()}
                    </select>
                    " "<button type="submit" class="button button--quiet">{crate::tr!(goals.update)}</button>
                </ActionForm>
            })}
            <ol class="goal__notes">
                {goal.notes.into_iter().map(|n| view! {
                    <li class:goal__comment=n.by_mentor>
                        <strong>{if n.by_mentor { crate::tr!(goals.commented, name = &n.author).to_string() } else { crate::tr!(goals.progress, name = &n.author).to_string() }}</strong>
                        {format!(" · {}", day(n.at))}
                        <p>{n.body}</p>
                    </li>
                }).collect_view()}
            </ol>
            {active.then(|| view! {
                <ActionForm action=actions.note attr:class="stack goal__note-form">
                    <input type="hidden" name="goal_id" value=id/>
                    <label for=format!("goal-note-{id}")>{note_label}</label>
                    <textarea id=format!("goal-note-{id}") name="body" rows="2"></textarea>
                    <button type="submit" class="button">{if is_mentee { crate::tr!(goals.add_note) } else { crate::tr!(goals.add_comment) }}</button>
                </ActionForm>
            })}
        </li>
    }
}
