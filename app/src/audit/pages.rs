//! `/admin/audit`: what administrators and coordinators did, the disabled
//! accounts, and a form to find and disable an account.

use super::{
    api::{find_account, get_oversight, DisableAccount, EnableAccount},
    model::{AccountStatus, Entry},
};
use crate::tr;
use crate::ui::{
    dates::Moment,
    errors::failure,
    form::{action_error, Field, FormError},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_query_map};

#[component]
pub fn AuditPage() -> impl IntoView {
    let query = use_query_map();
    let before = move || query.with(|q| q.get("before").and_then(|b| b.parse::<i64>().ok()));
    let email = move || query.with(|q| q.get("email").unwrap_or_default());
    let page = Resource::new(before, get_oversight);
    let looked_up = Resource::new(email, |email| async move {
        if email.trim().is_empty() {
            Ok(None)
        } else {
            find_account(email).await
        }
    });
    view! {
        <Title text=tr!(audit.title)/>
        <h1>{tr!(audit.administration)}</h1>
        <nav aria-label=tr!(audit.administration) class="admin-nav">
            <A href="/admin/programs">{tr!(audit.nav.programs)}</A>
            <A href="/admin/focus-areas">{tr!(audit.nav.focus_areas)}</A>
            <A href="/admin/assignments">{tr!(audit.nav.queue)}</A>
            <A href="/admin/reports">{tr!(audit.nav.conduct_reports)}</A>
            <A href="/admin/threads">{tr!(audit.nav.thread_activity)}</A>
            <A href="/admin/audit">{tr!(audit.nav.audit_log)}</A>
        </nav>
        {move || query.with(|q| {
            if q.get("disabled").is_some() {
                Some(view! { <p class="notice" role="status">{tr!(audit.disabled_notice)}</p> })
            } else if q.get("enabled").is_some() {
                Some(view! { <p class="notice" role="status">{tr!(audit.enabled_notice)}</p> })
            } else {
                None
            }
        })}
        <section class="card" aria-labelledby="accounts-heading">
            <h2 id="accounts-heading">{tr!(audit.disable_heading)}</h2>
            <p class="muted">{tr!(audit.disable_explained)}</p>
            <form method="get" action="/admin/audit" class="stack">
                <div class="field">
                    <label for="lookup-email">{tr!(audit.email_label)}</label>
                    <input id="lookup-email" name="email" type="email" value=email/>
                </div>
                <button type="submit" class="button">{tr!(audit.find_account)}</button>
            </form>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match looked_up.await {
                        Ok(Some(account)) => view! { <AccountCard account/> }.into_any(),
                        Ok(None) if !email().trim().is_empty() => view! {
                            <p role="status">{tr!(audit.no_account)}</p>
                        }.into_any(),
                        Ok(None) => ().into_any(),
                        Err(e) => failure(e, tr!(audit.sign_in_to_look_up)),
                    }
                })}
            </Transition>
        </section>
        <Transition fallback=|| view! { <p class="muted">{tr!(audit.loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(o) => view! {
                        <section class="card" aria-labelledby="disabled-heading">
                            <h2 id="disabled-heading">{tr!(audit.disabled_heading)}</h2>
                            {if o.disabled.is_empty() {
                                view! { <p class="empty">{tr!(audit.none)}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="sessions">
                                        {o.disabled.into_iter().map(|account| view! { <li><AccountCard account/></li> }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                        </section>
                        <section class="card" aria-labelledby="log-heading">
                            <h2 id="log-heading">{tr!(audit.log_heading)}</h2>
                            <p class="muted">{tr!(audit.log_explained)}</p>
                            <Log entries=o.entries/>
                            {o.older.map(|id| view! {
                                <p><a href=format!("/admin/audit?before={id}")>{tr!(audit.older)}</a></p>
                            })}
                        </section>
                    }.into_any(),
                    Err(e) => failure(e, tr!(audit.sign_in_to_read)),
                }
            })}
        </Transition>
    }
}

#[component]
fn Log(entries: Vec<Entry>) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p class="empty">{tr!(audit.nothing_yet)}</p> }.into_any();
    }
    view! {
        <div>
            <table class="table">
                <thead><tr><th scope="col">{tr!(audit.when)}</th><th scope="col">{tr!(audit.who)}</th><th scope="col">{tr!(audit.what)}</th><th scope="col">{tr!(audit.details)}</th></tr></thead>
                <tbody>
                    {entries.into_iter().map(|e| view! {
                        <tr>
                            <td><Moment ms=e.at/></td>
                            <td data-label=tr!(audit.who)>{e.actor}</td>
                            <td data-label=tr!(audit.what)>{e.action.label()} " " <strong>{e.subject}</strong></td>
                            <td data-label=tr!(audit.details)>{e.detail}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn AccountCard(account: AccountStatus) -> impl IntoView {
    let disable = ServerAction::<DisableAccount>::new();
    let disable_error = action_error(disable);
    let enable = ServerAction::<EnableAccount>::new();
    let enable_error = action_error(enable);
    let id = account.id.to_string();
    view! {
        <div class="stack">
            <p>
                <strong>{account.display_name}</strong> " · " {account.email} {tr!(audit.joined)} <Moment ms=account.joined/>
            </p>
            {match account.disabled {
                Some((at, reason)) => view! {
                    <p>{tr!(audit.disabled_on)} <Moment ms=at/> ": " {reason}</p>
                    <ActionForm action=enable attr:class="inline-form">
                        <FormError error=enable_error/>
                        <input type="hidden" name="user_id" value=id.clone()/>
                        <button type="submit" class="button">{tr!(audit.enable)}</button>
                    </ActionForm>
                }.into_any(),
                None => view! {
                    <ActionForm action=disable attr:class="stack" attr:novalidate=true>
                        <FormError error=disable_error/>
                        <input type="hidden" name="user_id" value=id.clone()/>
                        <Field label=tr!(audit.why) name="reason" id=format!("reason-{id}") error=disable_error
                            hint=tr!(audit.why_hint)/>
                        <button type="submit" class="button button--danger">{tr!(audit.disable)}</button>
                    </ActionForm>
                }.into_any(),
            }}
        </div>
    }
}
