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
        <Title text=crate::tr!(letters.title)/>
        <h1>{crate::tr!(letters.heading)}</h1>
        <p class="lead">{crate::tr!(letters.lead)}</p>
        <FormError error/>
        <Transition fallback=|| view! { <p class="muted">{crate::tr!(letters.loading)}</p> }>
            {move || Suspend::new(async move {
                match letters.await {
                    Ok(list) if list.is_empty() => view! {
                        <p class="empty">{crate::tr!(letters.none)}</p>
                    }.into_any(),
                    Ok(list) => view! {
                        <ul class="letters">
                            {list.into_iter().map(|c| view! {
                                <li class="card">
                                    <h2>{format!("{} · {}", c.program_name, c.cycle_name)}</h2>
                                    <p>{crate::tr!(letters.mentored, count = c.mentees).to_string()}</p>
                                    {match c.letter {
                                        None => view! {
                                            <ActionForm action=request attr:class="inline-form">
                                                <input type="hidden" name="cycle_id" value=c.cycle_id/>
                                                <button type="submit" class="button button--primary">{crate::tr!(letters.ask)}</button>
                                            </ActionForm>
                                        }.into_any(),
                                        Some((LetterState::Requested, _)) => view! { <p class="badge">{crate::tr!(letters.asked)}</p> }.into_any(),
                                        Some((LetterState::Declined, _)) => view! { <p class="badge">{crate::tr!(letters.not_approved)}</p> }.into_any(),
                                        Some((LetterState::Approved, code)) => view! {
                                            <p>
                                                <a class="button button--primary" href=format!("/letters/{code}.pdf") rel="external">{crate::tr!(letters.download)}</a>
                                                " "<a href=format!("/verify/{code}")>{crate::tr!(letters.verification_page)}</a>
                                            </p>
                                        }.into_any(),
                                    }}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => failure(e, crate::tr!(letters.sign_in_to_see)),
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
        <Title text=crate::tr!(letters.verify.title)/>
        <h1>{crate::tr!(letters.verify.title)}</h1>
        <Transition fallback=|| view! { <p class="muted">{crate::tr!(letters.verify.checking)}</p> }>
            {move || Suspend::new(async move {
                match letter.await {
                    Ok(v) => view! {
                        <p class="notice" role="status">{crate::tr!(letters.verify.genuine, mentor = v.mentor_name.clone(), day = day(v.approved_at)).to_string()}</p>
                        <blockquote class="letter">
                            {v.body.split("\n\n").map(|p| view! { <p>{p.to_owned()}</p> }).collect_view()}
                        </blockquote>
                    }.into_any(),
                    Err(AppError::NotFound) => view! {
                        <p class="form-error" role="alert">{crate::tr!(letters.verify.unknown)}</p>
                    }.into_any(),
                    Err(e) => failure(e, crate::tr!(letters.verify.sign_in)),
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
            <h2 id="letters-title">{crate::tr!(letters.requests.title)}</h2>
            <FormError error/>
            {requests.is_empty().then(|| view! { <p class="muted">{crate::tr!(letters.requests.none)}</p> })}
            <ul>
                {requests.into_iter().map(|r| { let slug = slug.clone(); view! {
                    <li>
                        {crate::tr!(letters.requests.line, mentor = r.mentor_name.clone(), cycle = r.cycle_name.clone(), day = day(r.requested_at)).to_string()}
                        <ActionForm action=decide attr:class="inline-form">
                            <input type="hidden" name="slug" value=slug/>
                            <input type="hidden" name="letter_id" value=r.id/>
                            <button type="submit" name="decision" value="approve" class="button button--primary">{crate::tr!(letters.requests.approve)}</button>
                            " "<button type="submit" name="decision" value="decline" class="button button--quiet">{crate::tr!(letters.requests.decline)}</button>
                        </ActionForm>
                    </li>
                }}).collect_view()}
            </ul>
        </section>
    }
}
