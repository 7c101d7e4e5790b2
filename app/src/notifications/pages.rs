//! `/notifications`, and the admins' `/admin/outbox`.

use super::api::{outbox, recent_notifications, MarkNotificationsRead};
use crate::ui::errors::failure;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let mark = ServerAction::<MarkNotificationsRead>::new();
    let list = Resource::new(|| (), |_| recent_notifications());
    view! {
        <Title text="Notifications"/>
        <h1>"Notifications"</h1>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(items) if items.is_empty() => view! {
                        <p class="empty">"Nothing yet. Requests and answers about your mentorships appear here."</p>
                    }.into_any(),
                    Ok(items) => {
                        let any_unread = items.iter().any(|n| n.unread);
                        view! {
                            {any_unread.then(|| view! {
                                <ActionForm action=mark attr:class="inline-form">
                                    <button type="submit" class="button">"Mark all read"</button>
                                </ActionForm>
                            })}
                            <ul class="notifications">
                                {items.into_iter().map(|n| view! {
                                    <li class:unread=n.unread>
                                        <A href=n.link>{n.text}</A>
                                        {n.unread.then(|| view! { <span class="badge badge--ok">"New"</span> })}
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                    Err(e) => failure(e, "to see your notifications"),
                }
            })}
        </Transition>
    }
}

#[component]
pub fn OutboxPage() -> impl IntoView {
    let mails = Resource::new(|| (), |_| outbox());
    view! {
        <Title text="Outbox"/>
        <h1>"Outbox"</h1>
        <p class="muted">"Emails Carrel would have sent. This page exists only in development, when no SMTP server is configured."</p>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match mails.await {
                    Ok(list) if list.is_empty() => view! { <p class="empty">"No emails yet."</p> }.into_any(),
                    Ok(list) => view! {
                        <ol class="outbox">
                            {list.into_iter().map(|m| view! {
                                <li><details><summary>{subject_of(&m.raw)}</summary><pre>{m.raw}</pre></details></li>
                            }).collect_view()}
                        </ol>
                    }.into_any(),
                    Err(e) => failure(e, "to read the outbox"),
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
