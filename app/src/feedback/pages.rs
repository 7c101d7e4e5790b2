//! `/feedback`: the member's end-of-cycle surveys; and the survey and its
//! results on a program's coordinators' page.

use super::{api::*, model::*};
use crate::{
    error::AppError,
    programs::model::Role,
    tr,
    ui::{
        chart::BarChart,
        errors::failure,
        form::{action_error, typed, Choice, Field, FormError, Group, LongField},
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn FeedbackPage() -> impl IntoView {
    let submit = ServerAction::<SubmitFeedback>::new();
    let surveys = Resource::new(|| (), |_| pending_surveys());
    let error = action_error(submit);
    let query = use_query_map();
    let thanks = move || query.with(|q| q.get("thanks").is_some());
    view! {
        <Title text=tr!(feedback.title)/>
        <h1>{tr!(feedback.title)}</h1>
        <p class="lead">{tr!(feedback.lead)}</p>
        {move || thanks().then(|| view! { <p class="notice" role="status">{tr!(feedback.thanks)}</p> })}
        <FormError error/>
        <Transition fallback=|| view! { <p class="muted">{tr!(feedback.loading)}</p> }>
            {move || Suspend::new(async move {
                match surveys.await {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{tr!(feedback.none_waiting)}</p> }.into_any(),
                    Ok(list) => list.into_iter().map(|s| view! { <SurveyForm s submit error/> }).collect_view().into_any(),
                    Err(e) => failure(e, tr!(feedback.sign_in)),
                }
            })}
        </Transition>
    }
}

#[component]
fn SurveyForm(
    s: Survey,
    submit: ServerAction<SubmitFeedback>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let title = tr!(
        feedback.survey_title,
        program = &s.program_name,
        cycle = &s.cycle_name,
        other = &s.other_name
    )
    .to_string();
    let label = title.clone();
    view! {
        <section class="card survey" aria-label=label>
            <h2>{title}</h2>
            <ActionForm action=submit attr:class="stack">
                <input type="hidden" name="mentorship_id" value=s.mentorship_id/>
                {s.questions.into_iter().map(|q| {
                    let key = format!("q{}", q.id);
                    let name = format!("answers[{key}]");
                    let kept = typed(error, &name).unwrap_or_default();
                    match q.kind {
                        QuestionKind::Rating => view! {
                            <Group legend=q.prompt.clone() name=name.clone() error class="checks rating"
                                hint=tr!(feedback.rating_hint) id=format!("{key}-{}", s.mentorship_id)>
                                <div class="rating__choices">
                                    {(1..=5).map(|n| view! {
                                        <label class="field--check">
                                            <input type="radio" name=name.clone() value=n checked=kept == n.to_string()/>
                                            {n}
                                        </label>
                                    }).collect_view()}
                                </div>
                            </Group>
                        }.into_any(),
                        QuestionKind::Text => view! {
                            <LongField label=q.prompt.clone() name=name.clone() error rows=3
                                id=format!("{key}-{}", s.mentorship_id)/>
                        }.into_any(),
                    }
                }).collect_view()}
                <button type="submit" class="button button--primary">{tr!(feedback.send)}</button>
            </ActionForm>
        </section>
    }
}

/// The survey's questions and its results, on the coordinators' page.
#[component]
pub fn SurveyAdmin(
    slug: String,
    questions: Vec<Question>,
    feedback: Vec<CycleFeedback>,
) -> impl IntoView {
    let add = ServerAction::<AddQuestion>::new();
    let remove = ServerAction::<RemoveQuestion>::new();
    let error = Signal::derive(move || {
        action_error(add)
            .get()
            .or_else(|| action_error(remove).get())
    });
    let slug_remove = slug.clone();
    view! {
        <section id="survey" aria-labelledby="survey-title">
            <h2 id="survey-title">{tr!(feedback.admin.title)}</h2>
            <p class="muted">{tr!(feedback.admin.lead)}</p>
            <FormError error/>
            <ol>
                {questions.into_iter().map(|q| { let slug_remove = slug_remove.clone(); view! {
                    <li>
                        {format!("{} ({})", q.prompt, q.kind.label().to_lowercase())}
                        <ActionForm action=remove attr:class="inline-form">
                            <input type="hidden" name="slug" value=slug_remove.clone()/>
                            <input type="hidden" name="question_id" value=q.id/>
                            " "<button type="submit" class="link-button">{tr!(feedback.admin.remove)}</button>
                        </ActionForm>
                    </li>
                }}).collect_view()}
            </ol>
            <ActionForm action=add attr:class="stack narrow" attr:novalidate=true>
                <input type="hidden" name="slug" value=slug/>
                <Field label=tr!(feedback.admin.new_question) name="prompt" error/>
                <Choice label=tr!(feedback.admin.answered_as) name="kind" error placeholder=tr!(feedback.admin.choose) options={QuestionKind::ALL.iter().map(|k| (k.slug(), k.label())).collect::<Vec<_>>()}/>
                <button type="submit" class="button">{tr!(feedback.admin.add)}</button>
            </ActionForm>
        </section>
        <section id="feedback" aria-labelledby="feedback-title">
            <h2 id="feedback-title">{tr!(feedback.title)}</h2>
            {feedback.is_empty().then(|| view! { <p class="muted">{tr!(feedback.admin.none_ended)}</p> })}
            {feedback.into_iter().map(|c| view! {
                <section class="card" aria-label=tr!(feedback.admin.for_cycle, cycle = &c.cycle_name).to_string()>
                    <h3>{c.cycle_name.clone()}</h3>
                    {c.groups.into_iter().map(|g| view! {
                        <h4>{match g.role {
                            Role::Mentor => tr!(feedback.admin.mentors_answered, count = g.responses, asked = g.asked).to_string(),
                            Role::Mentee => tr!(feedback.admin.mentees_answered, count = g.responses, asked = g.asked).to_string(),
                        }}</h4>
                        {if g.responses < MIN_SHOWN {
                            view! { <p class="muted">{tr!(feedback.admin.hidden, min = MIN_SHOWN).to_string()}</p> }.into_any()
                        } else {
                            g.questions.into_iter().map(|q| view! {
                                <div class="feedback-question">
                                    <p><strong>{q.prompt}</strong></p>
                                    {match q.average {
                                        Some(avg) => view! {
                                            <p>{tr!(feedback.admin.average, count = q.answers, average = format!("{avg:.1}")).to_string()}</p>
                                            <BarChart title=tr!(feedback.admin.chart).to_owned()
                                                bars=q.counts.iter().enumerate().map(|(i, n)| (format!("{}", i + 1), *n)).collect()/>
                                        }.into_any(),
                                        None => view! {
                                            <ul class="feedback-texts">{q.texts.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                                        }.into_any(),
                                    }}
                                </div>
                            }).collect_view().into_any()
                        }}
                    }).collect_view()}
                </section>
            }).collect_view()}
        </section>
    }
}
