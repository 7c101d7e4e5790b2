//! Single sign-on on the pages: the provider buttons on sign-in and sign-up,
//! `/signup/sso` for a first sign-in, and the linked providers in settings.

use super::{
    api::{get_joining, get_sso_settings, sso_providers, FinishSsoSignup, UnlinkProvider},
    model::{failure_text, SsoSettings},
};
use crate::ui::{
    dates::Moment,
    errors::failure,
    form::{action_error, Check, Field, FormError},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// "Sign in with …" for each configured provider: plain forms, so they work
/// without JavaScript. Nothing when none is configured.
#[component]
pub fn SsoButtons(#[prop(into)] next: Signal<String>) -> impl IntoView {
    let providers = Resource::new(|| (), |_| sso_providers());
    let query = use_query_map();
    let failed = move || query.with(|q| q.get("sso")).and_then(|c| failure_text(&c));
    view! {
        {move || failed().map(|why| view! { <p class="form-error" role="alert">{why}</p> })}
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let list = providers.await.unwrap_or_default();
                (!list.is_empty()).then(|| view! {
                    <div class="sso stack">
                        {list.into_iter().map(|p| view! {
                            <form method="post" action=format!("/auth/sso/{}/start", p.slug)>
                                <input type="hidden" name="next" value=next/>
                                <button type="submit" class="button">{format!("Sign in with {}", p.label)}</button>
                            </form>
                        }).collect_view()}
                        <p class="muted sso__or">"or with your email and password"</p>
                    </div>
                })
            })}
        </Transition>
    }
}

/// `/signup/sso`: a first sign-in through a provider becomes an account once
/// the member accepts the code of conduct.
#[component]
pub fn SsoJoinPage() -> impl IntoView {
    let joining = Resource::new(|| (), |_| get_joining());
    let join = ServerAction::<FinishSsoSignup>::new();
    let error = action_error(join);
    let query = use_query_map();
    let next = move || query.with(|q| q.get("next")).unwrap_or_default();
    view! {
        <Title text="Join Carrel"/>
        <section class="card narrow">
            <h1>"Join Carrel"</h1>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match joining.await {
                        Ok(j) => {
                            let name = j.name.clone();
                            view! {
                                <p class="lead">{format!("You signed in with {} as {}.", j.provider, j.email)}</p>
                                {(!j.email_verified).then(|| view! {
                                    <p>"Your organisation did not confirm this address, so we will email you a link to confirm it."</p>
                                })}
                                <ActionForm action=join attr:class="stack" attr:novalidate=true>
                                    <FormError error/>
                                    <Field label="Your name" name="display_name" autocomplete="name" error current=name
                                        hint="As other members will see it, e.g. Ana Ruiz."/>
                                    <Check name="accept_conduct" value="yes" error>
                                        "I have read and accept the " <a href="/conduct" target="_blank">"code of conduct"</a> "."
                                    </Check>
                                    <input type="hidden" name="next" value=next/>
                                    <button type="submit" class="button button--primary">"Create my account"</button>
                                </ActionForm>
                            }.into_any()
                        }
                        Err(_) => view! {
                            <p>"There is no sign-in to finish here. " <a href="/login">"Sign in"</a> " to start again."</p>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// The organisations part of `/settings`.
#[component]
pub fn SsoSettingsSection() -> impl IntoView {
    let settings = Resource::new(|| (), |_| get_sso_settings());
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match settings.await {
                    Ok(s) if s.linked.is_empty() && s.available.is_empty() => ().into_any(),
                    Ok(s) => view! { <Linked settings=s/> }.into_any(),
                    Err(e) => failure(e, "to see your linked organisations"),
                }
            })}
        </Transition>
    }
}

#[component]
fn Linked(settings: SsoSettings) -> impl IntoView {
    let unlink = ServerAction::<UnlinkProvider>::new();
    let error = action_error(unlink);
    let has_password = settings.has_password;
    view! {
        <section class="card" aria-labelledby="sso-heading">
            <h2 id="sso-heading">"Sign in with your organisation"</h2>
            <FormError error/>
            <ul class="sessions">
                {settings.linked.into_iter().map(|l| {
                    let label = format!("Unlink {}", l.label);
                    view! {
                        <li class="sessions__item">
                            <div>
                                <strong>{l.label}</strong><br/>
                                <span class="muted">{l.email} ", linked " <Moment ms=l.linked_at/></span>
                            </div>
                            {has_password.then(|| view! {
                                <ActionForm action=unlink attr:class="inline-form">
                                    <input type="hidden" name="provider" value=l.slug/>
                                    <button type="submit" class="button button--quiet" aria-label=label>"Unlink"</button>
                                </ActionForm>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(!has_password).then(|| view! {
                <p class="muted">"You sign in only through your organisation. To unlink it, first set a password with “Forgot your password?” on the sign-in page."</p>
            })}
            {settings.available.into_iter().map(|p| view! {
                <form method="post" action=format!("/auth/sso/{}/start", p.slug)>
                    <input type="hidden" name="link" value="1"/>
                    <button type="submit" class="button">{format!("Link {}", p.label)}</button>
                </form>
            }).collect_view()}
        </section>
    }
}
