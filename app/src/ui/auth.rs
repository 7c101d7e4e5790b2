//! What a visitor sees on a members-only page: a redirect to sign in (on the
//! server) or a link to it (after a client-side navigation).

use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_location};

/// `why` says what signing in is for, as a sentence ("Sign in to see your letters.").
pub fn sign_in_prompt(why: &'static str) -> impl IntoView {
    let location = use_location();
    let search = location.search.get_untracked();
    let here = match search.trim_start_matches('?') {
        "" => location.pathname.get_untracked(),
        query => format!("{}?{query}", location.pathname.get_untracked()),
    };
    let href = format!(
        "/login?next={}",
        form_urlencoded::byte_serialize(here.as_bytes()).collect::<String>()
    );
    #[cfg(feature = "ssr")]
    leptos_axum::redirect(&href);
    view! {
        <section class="card narrow">
            <h1>{crate::tr!(common.sign_in_first.title)}</h1>
            <p>{why}" "{crate::tr!(common.sign_in_first.members_only)}</p>
            <p><A href=href attr:class="button button--primary">{crate::tr!(common.sign_in_first.button)}</A></p>
        </section>
    }
}
