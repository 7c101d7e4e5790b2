//! The bell in the header, `/notifications`, and the admins' `/admin/outbox`.

use super::api::{outbox, recent_notifications, unread_notifications, MarkNotificationsRead};
#[cfg(feature = "hydrate")]
use crate::accounts::context::use_auth;
use crate::{error::AppError, ui::errors::failure};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// How often an open page asks whether anything new happened.
#[cfg(feature = "hydrate")]
const POLL_MS: u64 = 20_000;

/// The number of unread notifications, and a counter that moves whenever it
/// changes while the page is open: pages that show mentorships refetch on it.
#[derive(Clone, Copy)]
pub struct Unread {
    pub count: Resource<Result<i64, AppError>>,
    pub news: RwSignal<usize>,
}

/// Provides `Unread` and, in the browser, asks every `POLL_MS` (while the tab
/// is visible and a member is signed in) whether the count changed.
#[component]
pub fn UnreadProvider(children: Children) -> impl IntoView {
    // Sources are plain signals, never another resource: the server and the
    // browser then start from the same value and hydration matches.
    let news = RwSignal::new(0_usize);
    let count = Resource::new(move || news.get(), |_| unread_notifications());
    #[cfg(feature = "hydrate")]
    {
        let auth = use_auth();
        let timer = set_interval_with_handle(
            move || {
                let member = auth
                    .user
                    .get_untracked()
                    .and_then(Result::ok)
                    .flatten()
                    .is_some();
                if !member || document().hidden() {
                    return;
                }
                let last = count.get_untracked().and_then(Result::ok);
                leptos::task::spawn_local(async move {
                    if unread_notifications().await.ok() != last {
                        news.update(|n| *n += 1);
                    }
                });
            },
            std::time::Duration::from_millis(POLL_MS),
        );
        on_cleanup(move || {
            if let Ok(t) = timer {
                t.clear();
            }
        });
    }
    provide_context(Unread { count, news });
    children()
}

/// The bell: a link to `/notifications` with the unread count. The header
/// reads the count in its own suspense, so the bell has none of its own.
#[component]
pub fn Bell(count: i64) -> impl IntoView {
    view! {
        <A href="/notifications" attr:class="bell">
            <svg class="bell__icon" aria-hidden="true" viewBox="0 0 24 24" width="22" height="22">
                <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"/>
            </svg>
            {if count > 0 {
                view! {
                    <span class="visually-hidden">"Notifications, "</span>
                    <span class="bell__count">{count}</span>
                    <span class="visually-hidden">" unread"</span>
                }.into_any()
            } else {
                view! { <span class="visually-hidden">"Notifications"</span> }.into_any()
            }}
        </A>
    }
}

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let mark = ServerAction::<MarkNotificationsRead>::new();
    let unread = use_context::<Unread>();
    let news = move || unread.map(|u| u.news.get());
    let list = Resource::new(
        move || (mark.version().get(), news()),
        |_| recent_notifications(),
    );
    Effect::new(move |_| {
        if let (true, Some(u)) = (mark.version().get() > 0, unread) {
            u.news.update(|n| *n += 1);
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
