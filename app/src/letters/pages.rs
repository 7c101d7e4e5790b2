//! `/letters` (a mentor's letters), `/verify/{code}` (anyone), and the
//! requests on a program's coordinators' page.

use super::{api::*, model::*};
use crate::dates::day;
use crate::{
    error::AppError,
    ui::{
        errors::failure,
        form::{action_error, FormError},
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn LettersPage() -> impl IntoView {
    let request = ServerAction::<RequestLetter>::new();
    let letters = Resource::new(|| (), |_| my_letters());
    let error = action_error(request);
    view! {
        <Title text="Letters"/>
        <h1>"Letters of recognition"</h1>
        <p class="lead">"When you have mentored through a program cycle, you can ask its coordinators for a letter recognising your service."</p>
        <FormError error/>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match letters.await {
                    Ok(list) if list.is_empty() => view! {
                        <p class="empty">"Letters are for mentorships completed in a program cycle; you have none yet."</p>
                    }.into_any(),
                    Ok(list) => view! {
                        <ul class="letters">
                            {list.into_iter().map(|c| view! {
                                <li class="card">
                                    <h2>{format!("{} · {}", c.program_name, c.cycle_name)}</h2>
                                    <p>{format!("{} {} mentored to the end.", c.mentees, if c.mentees == 1 { "mentee" } else { "mentees" })}</p>
                                    {match c.letter {
                                        None => view! {
                                            <ActionForm action=request attr:class="inline-form">
                                                <input type="hidden" name="cycle_id" value=c.cycle_id/>
                                                <button type="submit" class="button button--primary">"Ask for a letter"</button>
                                            </ActionForm>
                                        }.into_any(),
                                        Some((LetterState::Requested, _)) => view! { <p class="badge">"Asked; waiting for the coordinators"</p> }.into_any(),
                                        Some((LetterState::Declined, _)) => view! { <p class="badge">"Not approved"</p> }.into_any(),
                                        Some((LetterState::Approved, code)) => view! {
                                            <p>
                                                <a class="button button--primary" href=format!("/letters/{code}.pdf") rel="external">"Download the letter (PDF)"</a>
                                                " "<a href=format!("/verify/{code}")>"Its verification page"</a>
                                            </p>
                                        }.into_any(),
                                    }}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => failure(e, "to see your letters"),
                }
            })}
        </Transition>
    }
}

#[component]
pub fn VerifyPage() -> impl IntoView {
    let params = use_params_map();
    let letter = Resource::new(
        move || params.with(|p| p.get("code").unwrap_or_default()),
        verify_letter,
    );
    view! {
        <Title text="Verify a letter"/>
        <h1>"Verify a letter"</h1>
        <Transition fallback=|| view! { <p class="muted">"Checking…"</p> }>
            {move || Suspend::new(async move {
                match letter.await {
                    Ok(v) => view! {
                        <p class="notice" role="status">{format!("Genuine: Carrel issued this letter to {} on {}. Its text:", v.mentor_name, day(v.approved_at))}</p>
                        <blockquote class="letter">
                            {v.body.split("\n\n").map(|p| view! { <p>{p.to_owned()}</p> }).collect_view()}
                        </blockquote>
                    }.into_any(),
                    Err(AppError::NotFound) => view! {
                        <p class="form-error" role="alert">"Carrel issued no letter with this code. Check the address, or ask the mentor for it."</p>
                    }.into_any(),
                    Err(e) => failure(e, "to verify a letter"),
                }
            })}
        </Transition>
    }
}

/// Letter requests on the coordinators' page.
#[component]
pub fn LetterRequests(slug: String, requests: Vec<LetterRequest>) -> impl IntoView {
    let decide = ServerAction::<DecideLetter>::new();
    let error = action_error(decide);
    view! {
        <section id="letters" aria-labelledby="letters-title">
            <h2 id="letters-title">"Letter requests"</h2>
            <FormError error/>
            {requests.is_empty().then(|| view! { <p class="muted">"None waiting."</p> })}
            <ul>
                {requests.into_iter().map(|r| { let slug = slug.clone(); view! {
                    <li>
                        {format!("{} · {} · asked {} ", r.mentor_name, r.cycle_name, day(r.requested_at))}
                        <ActionForm action=decide attr:class="inline-form">
                            <input type="hidden" name="slug" value=slug/>
                            <input type="hidden" name="letter_id" value=r.id/>
                            <button type="submit" name="decision" value="approve" class="button button--primary">"Approve"</button>
                            " "<button type="submit" name="decision" value="decline" class="button button--quiet">"Decline"</button>
                        </ActionForm>
                    </li>
                }}).collect_view()}
            </ul>
        </section>
    }
}
