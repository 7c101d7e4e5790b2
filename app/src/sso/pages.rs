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
use crate::{accounts::consent::ConductConsent, tr};
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
                                <button type="submit" class="button">{tr!(sso.sign_in_with, provider = p.label).to_string()}</button>
                            </form>
                        }).collect_view()}
                        <p class="muted sso__or">{tr!(sso.or_password)}</p>
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
        <Title text=tr!(accounts.sign_up.title)/>
        <section class="card narrow">
            <h1>{tr!(accounts.sign_up.title)}</h1>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match joining.await {
                        Ok(j) => {
                            let name = j.name.clone();
                            view! {
                                <p class="lead">
                                    {tr!(sso.join.signed_in_as, provider = j.provider, email = j.email).to_string()}
                                </p>
                                {(!j.email_verified).then(|| view! {
                                    <p>{tr!(sso.join.unconfirmed)}</p>
                                })}
                                <ActionForm action=join attr:class="stack" attr:novalidate=true>
                                    <FormError error/>
                                    <Field label=tr!(accounts.fields.name) name="display_name" autocomplete="name"
                                        error current=name hint=tr!(accounts.fields.name_hint)/>
                                    <Check name="accept_conduct" value="yes" error>
                                        <ConductConsent/>
                                    </Check>
                                    <input type="hidden" name="next" value=next/>
                                    <button type="submit" class="button button--primary">
                                        {tr!(accounts.sign_up.submit)}
                                    </button>
                                </ActionForm>
                            }.into_any()
                        }
                        Err(_) => view! {
                            <p>
                                {tr!(sso.join.nothing_before)} <a href="/login">{tr!(sso.join.nothing_link)}</a>
                                {tr!(sso.join.nothing_after)}
                            </p>
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
                    Err(e) => failure(e, tr!(sso.settings.sign_in_to_see)),
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
            <h2 id="sso-heading">{tr!(sso.settings.heading)}</h2>
            <FormError error/>
            <ul class="sessions">
                {settings.linked.into_iter().map(|l| {
                    let label = tr!(sso.settings.unlink_provider, provider = l.label.clone()).to_string();
                    view! {
                        <li class="sessions__item">
                            <div>
                                <strong>{l.label}</strong><br/>
                                <span class="muted">
                                    {l.email} {tr!(sso.settings.linked_at)} <Moment ms=l.linked_at/>
                                </span>
                            </div>
                            {has_password.then(|| view! {
                                <ActionForm action=unlink attr:class="inline-form">
                                    <input type="hidden" name="provider" value=l.slug/>
                                    <button type="submit" class="button button--quiet" aria-label=label>
                                        {tr!(sso.settings.unlink)}
                                    </button>
                                </ActionForm>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(!has_password).then(|| view! {
                <p class="muted">{tr!(sso.settings.password_first)}</p>
            })}
            {settings.available.into_iter().map(|p| view! {
                <form method="post" action=format!("/auth/sso/{}/start", p.slug)>
                    <input type="hidden" name="link" value="1"/>
                    <button type="submit" class="button">{tr!(sso.settings.link_provider, provider = p.label).to_string()}</button>
                </form>
            }).collect_view()}
        </section>
    }
}
