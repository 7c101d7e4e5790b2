//! What a member sees when a page is missing or something fails: plain words,
//! a way back, never internals.

use super::auth::sign_in_prompt;
use crate::{error::AppError, tr};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// What a page shows instead of its content when loading it failed: a visitor
/// is sent to sign in (`why` says what for), a missing thing is a 404 page, and
/// anything else is its message, answered with the error's status (403 for a
/// page the member may not see) rather than 200.
pub fn failure(e: AppError, why: &'static str) -> AnyView {
    #[cfg(feature = "ssr")]
    if !matches!(e, AppError::Unauthenticated) {
        if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
            if let Ok(status) = axum::http::StatusCode::from_u16(e.status_code()) {
                res.set_status(status);
            }
        }
    }
    match e {
        AppError::Unauthenticated => sign_in_prompt(why).into_any(),
        AppError::NotFound => view! { <NotFound/> }.into_any(),
        e => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=tr!(common.not_found.title)/>
        <section class="card narrow">
            <h1>{tr!(common.not_found.title)}</h1>
            <p>{tr!(common.not_found.body)}</p>
            <p><A href="/">{tr!(common.not_found.home)}</A></p>
        </section>
    }
}

/// The error boundary's fallback: lists the errors in words a member can act on.
pub fn error_fallback(errors: ArcRwSignal<Errors>) -> impl IntoView {
    view! {
        <section class="card narrow" role="alert">
            <h1>{tr!(common.went_wrong.title)}</h1>
            <ul>
                {move || {
                    errors
                        .get()
                        .into_iter()
                        .map(|(_, e)| view! { <li>{e.to_string()}</li> })
                        .collect_view()
                }}
            </ul>
            <p><A href="/">{tr!(common.went_wrong.home)}</A>{tr!(common.went_wrong.or_retry)}</p>
        </section>
    }
}
