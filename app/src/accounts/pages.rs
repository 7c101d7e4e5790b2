//! Sign-up, sign-in and sign-out pages. Plain forms posting to the server
//! functions, so they work before (or without) the WebAssembly.

use super::{
    api::{SignIn, SignOut, SignUp},
    context::use_auth,
};
use crate::ui::form::{action_error, Check, Field, FormError};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_query_map};

fn next_param() -> Signal<String> {
    let query = use_query_map();
    Signal::derive(move || query.with(|q| q.get("next")).unwrap_or_default())
}

#[component]
pub fn SignUpPage() -> impl IntoView {
    let sign_up = ServerAction::<SignUp>::new();
    let error = action_error(sign_up);
    let next = next_param();
    view! {
        <Title text="Join Carrel"/>
        <section class="card narrow">
            <h1>"Join Carrel"</h1>
            <p class="lead">"Find a mentor, or offer to be one. It takes a minute."</p>
            <ActionForm action=sign_up attr:class="stack" attr:novalidate=true>
                <FormError error/>
                <Field label="Email" name="email" kind="email" autocomplete="email" error
                    hint="We never show it to other members."/>
                <Field label="Your name" name="display_name" autocomplete="name" error
                    hint="As other members will see it, e.g. Ana Ruiz."/>
                <Field label="Password" name="password" kind="password" autocomplete="new-password" error
                    hint="At least 12 characters, not a common password. A short sentence works well."/>
                <Check name="accept_conduct" value="yes" error>
                    "I have read and accept the " <a href="/conduct" target="_blank">"code of conduct"</a> "."
                </Check>
                <input type="hidden" name="next" value=next/>
                <button type="submit" class="button button--primary">"Create my account"</button>
            </ActionForm>
            <p>"Already a member? " <A href="/login">"Sign in"</A></p>
        </section>
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let sign_in = ServerAction::<SignIn>::new();
    let error = action_error(sign_in);
    let next = next_param();
    view! {
        <Title text="Sign in"/>
        <section class="card narrow">
            <h1>"Sign in"</h1>
            <ActionForm action=sign_in attr:class="stack" attr:novalidate=true>
                <FormError error/>
                <Field label="Email" name="email" kind="email" autocomplete="email" error/>
                <Field label="Password" name="password" kind="password" autocomplete="current-password" error/>
                <input type="hidden" name="next" value=next/>
                <button type="submit" class="button button--primary">"Sign in"</button>
            </ActionForm>
            <p>"New to Carrel? " <A href="/signup">"Create an account"</A></p>
        </section>
    }
}

/// The sign-out button, used in the header and on `/logout`.
#[component]
pub fn SignOutButton() -> impl IntoView {
    let sign_out = ServerAction::<SignOut>::new();
    view! {
        <ActionForm action=sign_out attr:class="inline-form">
            <button type="submit" class="button button--quiet">"Sign out"</button>
        </ActionForm>
    }
}

/// `/logout` confirms with a button: signing out on a plain GET would let any
/// page sign a member out with an image tag.
#[component]
pub fn SignOutPage() -> impl IntoView {
    let auth = use_auth();
    view! {
        <Title text="Sign out"/>
        <section class="card narrow">
            <h1>"Sign out"</h1>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match auth.user.await {
                        Ok(Some(user)) => view! {
                            <p>"You are signed in as " <strong>{user.display_name}</strong> "."</p>
                            <SignOutButton/>
                        }.into_any(),
                        _ => view! {
                            <p>"You are signed out. " <A href="/login">"Sign in again"</A></p>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
