//! The bell in the header, `/notifications`, and the admins' `/admin/outbox`.

use super::api::{outbox, recent_notifications, MarkNotificationsRead};
use crate::{messages::live::use_live, ui::errors::failure};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// The bell: a link to `/notifications` with the unread count. The header
/// reads the count in its own suspense, so the bell has none of its own.
#[component]
pub fn Bell(count: Signal<i64>) -> impl IntoView {
    view! {
        <A href="/notifications" attr:class="bell">
            <svg class="bell__icon" aria-hidden="true" viewBox="0 0 24 24" width="22" height="22">
                <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"/>
            </svg>
            {move || match count.get() {
                0 => view! { <span class="visually-hidden">"Notifications"</span> }.into_any(),
                n => view! {
                    <span class="visually-hidden">"Notifications, "</span>
                    <span class="bell__count">{n}</span>
                    <span class="visually-hidden">" unread"</span>
                }.into_any(),
            }}
        </A>
    }
}

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let mark = ServerAction::<MarkNotificationsRead>::new();
    let live = use_live();
    let news = move || live.map(|l| l.news.get());
    let list = Resource::new(
        move || (mark.version().get(), news()),
        |_| recent_notifications(),
    );
    Effect::new(move |_| {
        if let (true, Some(l)) = (mark.version().get() > 0, live) {
            l.news.update(|n| *n += 1);
        }
    });
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
