//! The assignment queue: the site's at `/admin/assignments`, a program's at
//! `/programs/{slug}/assignments`. Every action is a plain form posting to its
//! server function, which redirects back.

use super::{api::*, model::*};
use crate::dates::day;
use crate::tr;
use crate::ui::{
    errors::failure,
    form::{action_error, FormError},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    components::A,
    hooks::{use_params_map, use_query_map},
};

/// The page's title: a program's queue, or the site's.
fn title(program: bool) -> &'static str {
    if program {
        tr!(mentorships.queue.title_program)
    } else {
        tr!(mentorships.queue.title)
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
    // A count only: anything else in the address shows nothing.
    let sent = move || query.with(|q| q.get("sent").and_then(|n| n.parse::<u64>().ok()));
    view! {
        <Title text=move || title(program().is_some())/>
        <h1>{move || title(program().is_some())}</h1>
        <p class="muted">{tr!(mentorships.queue.intro)}</p>
        {move || sent().map(|n| view! { <p class="notice" role="status">{tr!(mentorships.queue.sent, count = n).to_string()}</p> })}
        {move || program().map(|slug| view! {
            <p><A href=format!("/programs/{slug}/manage")>{tr!(mentorships.queue.back)}</A></p>
        })}
        <FormError error/>
        <Transition fallback=|| view! { <p class="muted">{tr!(mentorships.loading)}</p> }>
            {move || Suspend::new(async move {
                let program = program();
                let items = match queue.await {
                    Ok(items) => items,
                    Err(e) => return failure(e, tr!(mentorships.queue.sign_in)),
                };
                let proposal = proposal.await;
                if items.is_empty() {
                    return view! { <p class="empty">{tr!(mentorships.queue.nobody)}</p> }.into_any();
                }
                view! {
                    {match proposal {
                        Ok(Some(p)) => view! { <ProposalView p assign program=program.clone()/> }.into_any(),
                        Ok(None) => view! {
                            <p><A href=format!("{}?propose=1", home()) attr:class="button button--primary">{tr!(mentorships.queue.match_everyone)}</A>
                            {tr!(mentorships.queue.match_everyone_explain)}</p>
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
        tr!(mentorships.queue.none_in_cycle)
    } else {
        tr!(mentorships.queue.none)
    };
    view! {
        <li class="card">
            <h2>{heading}</h2>
            <p class="muted">{tr!(mentorships.queue.waiting_since, day = day(q.created_at)).to_string()}</p>
            {(!q.note.is_empty()).then(|| view! { <blockquote>{q.note.clone()}</blockquote> })}
            {if q.suggestions.is_empty() {
                view! { <p class="muted">{empty}</p> }.into_any()
            } else {
                view! {
                    <ol class="suggestions">
                        {q.suggestions.into_iter().map(|s| {
                            let assign_label = tr!(mentorships.queue.assign_name, name = &s.mentor_name).to_string();
                            let program = program.clone();
                            view! {
                            <li>
                                <A href=format!("/mentors/{}", s.mentor_id)>{s.mentor_name.clone()}</A>
                                {tr!(mentorships.queue.fit_places, score = s.score, count = s.free_places).to_string()}
                                {(!s.reasons.is_empty()).then(|| view! { <p class="mentor-card__reasons">{s.reasons.join("; ")}</p> })}
                                <ActionForm action=assign attr:class="inline-form">
                                    <ProgramInput program/>
                                    <input type="hidden" name="pairs" value=format!("{request_id}:{}", s.mentor_id)/>
                                    <button type="submit" class="button" aria-label=assign_label>{tr!(mentorships.queue.assign)}</button>
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
            <h2 id="proposal">{tr!(mentorships.queue.proposed, count = n, fit = p.total_fit).to_string()}</h2>
            <table>
                <thead><tr>
                    <th>{tr!(mentorships.queue.mentee)}</th><th>{tr!(mentorships.queue.focus)}</th>
                    <th>{tr!(mentorships.queue.mentor)}</th><th>{tr!(mentorships.queue.fit)}</th>
                </tr></thead>
                <tbody>
                    {p.pairs.into_iter().map(|x| view! {
                        <tr><td>{x.mentee_name}</td><td>{x.focus_label}</td><td>{x.mentor_name}</td><td>{x.score}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            {(!p.unmatched.is_empty()).then(|| view! {
                <p class="muted">{tr!(mentorships.queue.unmatched, names = p.unmatched.join(", ")).to_string()}</p>
            })}
            {(n > 0).then(|| view! {
                <ActionForm action=assign attr:class="inline-form">
                    <ProgramInput program=program.clone()/>
                    <input type="hidden" name="pairs" value=pairs/>
                    <button type="submit" class="button button--primary">{tr!(mentorships.queue.send_these, count = n).to_string()}</button>
                </ActionForm>
            })}
            " " <A href=home>{tr!(mentorships.queue.cancel)}</A>
        </section>
    }
}
