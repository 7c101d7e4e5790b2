//! `/admin/audit`: what administrators and coordinators did, the disabled
//! accounts, and a form to find and disable an account.

use super::{
    api::{find_account, get_oversight, DisableAccount, EnableAccount},
    model::{AccountStatus, Entry},
};
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
        <Title text="Audit log"/>
        <h1>"Administration"</h1>
        <nav aria-label="Administration" class="admin-nav">
            <A href="/admin/programs">"Programs"</A>
            <A href="/admin/focus-areas">"Focus areas"</A>
            <A href="/admin/assignments">"Queue"</A>
            <A href="/admin/reports">"Conduct reports"</A>
            <A href="/admin/threads">"Thread activity"</A>
            <A href="/admin/audit">"Audit log"</A>
        </nav>
        {move || query.with(|q| {
            if q.get("disabled").is_some() {
                Some(view! { <p class="notice" role="status">"The account is disabled and signed out everywhere."</p> })
            } else if q.get("enabled").is_some() {
                Some(view! { <p class="notice" role="status">"The account is enabled again."</p> })
            } else {
                None
            }
        })}
        <section class="card" aria-labelledby="accounts-heading">
            <h2 id="accounts-heading">"Disable an account"</h2>
            <p class="muted">"A disabled account cannot sign in, is taken out of the directory, and cannot be asked for mentoring. Its mentorships and messages stay as they are."</p>
            <form method="get" action="/admin/audit" class="stack">
                <div class="field">
                    <label for="lookup-email">"Member's email address"</label>
                    <input id="lookup-email" name="email" type="email" value=email/>
                </div>
                <button type="submit" class="button">"Find the account"</button>
            </form>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match looked_up.await {
                        Ok(Some(account)) => view! { <AccountCard account/> }.into_any(),
                        Ok(None) if !email().trim().is_empty() => view! {
                            <p role="status">"No account has that address."</p>
                        }.into_any(),
                        Ok(None) => ().into_any(),
                        Err(e) => failure(e, "to look up accounts"),
                    }
                })}
            </Transition>
        </section>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(o) => view! {
                        <section class="card" aria-labelledby="disabled-heading">
                            <h2 id="disabled-heading">"Disabled accounts"</h2>
                            {if o.disabled.is_empty() {
                                view! { <p class="empty">"None."</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="sessions">
                                        {o.disabled.into_iter().map(|account| view! { <li><AccountCard account/></li> }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                        </section>
                        <section class="card" aria-labelledby="log-heading">
                            <h2 id="log-heading">"Audit log"</h2>
                            <p class="muted">"What administrators and coordinators did with their powers. Message content is never recorded."</p>
                            <Log entries=o.entries/>
                            {o.older.map(|id| view! {
                                <p><a href=format!("/admin/audit?before={id}")>"Older entries"</a></p>
                            })}
                        </section>
                    }.into_any(),
                    Err(e) => failure(e, "to read the audit log"),
                }
            })}
        </Transition>
    }
}

#[component]
fn Log(entries: Vec<Entry>) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p class="empty">"Nothing recorded yet."</p> }.into_any();
    }
    view! {
        <div>
            <table class="table">
                <thead><tr><th scope="col">"When"</th><th scope="col">"Who"</th><th scope="col">"What"</th><th scope="col">"Details"</th></tr></thead>
                <tbody>
                    {entries.into_iter().map(|e| view! {
                        <tr>
                            <td><Moment ms=e.at/></td>
                            <td data-label="Who">{e.actor}</td>
                            <td data-label="What">{e.action.label()} " " <strong>{e.subject}</strong></td>
                            <td data-label="Details">{e.detail}</td>
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
                <strong>{account.display_name}</strong> " · " {account.email} " · joined " <Moment ms=account.joined/>
            </p>
            {match account.disabled {
                Some((at, reason)) => view! {
                    <p>"Disabled " <Moment ms=at/> ": " {reason}</p>
                    <ActionForm action=enable attr:class="inline-form">
                        <FormError error=enable_error/>
                        <input type="hidden" name="user_id" value=id.clone()/>
                        <button type="submit" class="button">"Enable this account"</button>
                    </ActionForm>
                }.into_any(),
                None => view! {
                    <ActionForm action=disable attr:class="stack" attr:novalidate=true>
                        <FormError error=disable_error/>
                        <input type="hidden" name="user_id" value=id.clone()/>
                        <Field label="Why" name="reason" id=format!("reason-{id}") error=disable_error
                            hint="For the other administrators; the member is not told."/>
                        <button type="submit" class="button button--danger">"Disable this account"</button>
                    </ActionForm>
                }.into_any(),
            }}
        </div>
    }
}
