//! `/notifications`, and the admins' `/admin/outbox`.

use super::api::{
    get_email_choices, outbox, recent_notifications, MarkNotificationsRead, SaveEmailChoices,
};
use crate::ui::errors::failure;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let mark = ServerAction::<MarkNotificationsRead>::new();
    let list = Resource::new(|| (), |_| recent_notifications());
    view! {
        <Title text=crate::tr!(notifications.title)/>
        <h1>{crate::tr!(notifications.title)}</h1>
        <Transition fallback=|| view! { <p class="muted">{crate::tr!(notifications.loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(items) if items.is_empty() => view! {
                        <p class="empty">{crate::tr!(notifications.empty)}</p>
                    }.into_any(),
                    Ok(items) => {
                        let any_unread = items.iter().any(|n| n.unread);
                        view! {
                            {any_unread.then(|| view! {
                                <ActionForm action=mark attr:class="inline-form">
                                    <button type="submit" class="button">{crate::tr!(notifications.mark_all_read)}</button>
                                </ActionForm>
                            })}
                            <ul class="notifications">
                                {items.into_iter().map(|n| view! {
                                    <li class:unread=n.unread>
                                        <A href=n.link>{n.text}</A>
                                        {n.unread.then(|| view! { <span class="badge badge--ok">{crate::tr!(notifications.new)}</span> })}
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                    Err(e) => failure(e, crate::tr!(notifications.sign_in_to_see)),
                }
            })}
        </Transition>
    }
}

#[component]
pub fn OutboxPage() -> impl IntoView {
    let mails = Resource::new(|| (), |_| outbox());
    view! {
        <Title text=crate::tr!(notifications.outbox.title)/>
        <h1>{crate::tr!(notifications.outbox.title)}</h1>
        <p class="muted">{crate::tr!(notifications.outbox.intro)}</p>
        <Transition fallback=|| view! { <p class="muted">{crate::tr!(notifications.loading)}</p> }>
            {move || Suspend::new(async move {
                match mails.await {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{crate::tr!(notifications.outbox.empty)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ol class="outbox">
                            {list.into_iter().map(|m| view! {
                                <li><details><summary>{subject_of(&m.raw)}</summary><pre>{m.raw}</pre></details></li>
                            }).collect_view()}
                        </ol>
                    }.into_any(),
                    Err(e) => failure(e, crate::tr!(notifications.outbox.sign_in)),
                }
            })}
        </Transition>
    }
}

/// "To: … — Subject" from a raw message's headers.
fn subject_of(raw: &str) -> String {
    let header = |name: &str| {
        raw.lines()
            .take_while(|l| !l.is_empty())
            .find_map(|l| l.strip_prefix(name))
            .unwrap_or_default()
            .trim()
            .to_owned()
    };
    format!("{} — {}", header("To:"), header("Subject:"))
}

/// The email topics part of `/settings`.
#[component]
pub fn EmailChoicesForm() -> impl IntoView {
    let save = ServerAction::<SaveEmailChoices>::new();
    let choices = Resource::new(|| (), |_| get_email_choices());
    view! {
        <section class="card" aria-labelledby="emails-heading">
            <h2 id="emails-heading">{crate::tr!(notifications.emails.heading)}</h2>
            <p class="muted">{crate::tr!(notifications.emails.intro)}</p>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match choices.await {
                        Ok(c) => view! {
                            <ActionForm action=save attr:class="stack">
                                <fieldset>
                                    <legend>{crate::tr!(notifications.emails.legend)}</legend>
                                    {c.topics.into_iter().map(|(topic, on)| {
                                        let id = format!("email-{}", topic.slug());
                                        view! {
                                            <div class="field field--check">
                                                <input type="checkbox" id=id.clone() name=format!("on[{}]", topic.slug()) value="yes" checked=on/>
                                                <label for=id>{topic.label()}</label>
                                            </div>
                                        }
                                    }).collect_view()}
                                </fieldset>
                                <button type="submit" class="button">{crate::tr!(notifications.emails.save)}</button>
                            </ActionForm>
                        }.into_any(),
                        Err(e) => failure(e, crate::tr!(notifications.emails.sign_in)),
                    }
                })}
            </Transition>
        </section>
    }
}
