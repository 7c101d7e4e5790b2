//! The thread on `/mentorships/{id}`, the inbox at `/messages`, and the
//! administrators' `/admin/threads` (that threads exist, never their words).
//!
//! Sending is a plain form (JavaScript off: the page reloads with the
//! message). With JavaScript on, a message shows at once, is confirmed or
//! marked failed with a retry, and carries one key however often it is
//! retried, so the server stores it once.

use super::{
    api::{get_inbox, list_thread_activity, MarkThreadRead, SendMessage},
    model::{InboxItem, Message, Thread, MAX_MESSAGE_CHARS},
};
use crate::{
    error::AppError,
    ui::{dates::Moment, errors::failure},
};
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::Title;
use std::collections::BTreeMap;

/// A message shown before the server confirmed it.
#[derive(Debug, Clone, PartialEq)]
struct Pending {
    key: String,
    body: String,
    /// Why sending failed, once it has.
    failed: Option<String>,
}

fn message_item(m: Message, seen_mark: Memo<i64>) -> impl IntoView {
    let id = m.id;
    let mine = m.mine;
    view! {
        <li id=format!("m{id}") class="msg" class:msg--mine=mine class:msg--topic=m.topic>
            <p class="msg__who">{if mine { crate::tr!(messages.thread.you).to_owned() } else { m.sender_name }}</p>
            <div class="msg__body" lang=m.written_in inner_html=m.html></div>
            <p class="msg__meta">
                <Moment ms=m.sent_at/>
                {move || (mine && seen_mark.get() == id).then(|| view! { " · " <span class="msg__seen">{crate::tr!(messages.thread.seen)}</span> })}
            </p>
        </li>
    }
}

/// The thread of one mentorship, an island. `error` is the send form's latest
/// error (a JavaScript-off submit comes back with it and the typed text).
#[island(lazy)]
pub fn ThreadView(thread: Thread, error: Option<AppError>) -> impl IntoView {
    crate::ui::islands::hydrating();
    let id = thread.mentorship_id;
    let other = thread.other_name.clone();
    let shown = RwSignal::new(
        thread
            .messages
            .iter()
            .map(|m| (m.id, m.clone()))
            .collect::<BTreeMap<i64, Message>>(),
    );
    let has_older = RwSignal::new(thread.has_older);
    let seen_up_to = RwSignal::new(thread.seen_up_to);
    let unread_up_to = RwSignal::new(thread.unread_up_to);
    let pending = RwSignal::new(Vec::<Pending>::new());
    // The latest of my messages the other member has seen: it gets the "Seen".
    let seen_mark = Memo::new(move |_| {
        let up_to = seen_up_to.get();
        shown.with(|s| {
            s.range(..=up_to)
                .rev()
                .find(|(_, m)| m.mine)
                .map_or(0, |(id, _)| *id)
        })
    });
    let typed = error.as_ref().and_then(|e| e.value("body"));
    let server_error = error.as_ref().and_then(|e| e.field("body"));
    // A refusal from the server, or (JavaScript on) from the check before sending.
    let local_error = RwSignal::new(None::<String>);
    let field_error = Memo::new(move |_| local_error.get().or_else(|| server_error.clone()));
    let draft = typed
        .or_else(|| thread.suggested_opening.clone())
        .unwrap_or_default();
    let older_href = thread
        .messages
        .first()
        .map(|m| format!("?before={}#thread", m.id));

    #[cfg(feature = "hydrate")]
    let (list_ref, textarea, on_submit, retry, on_scroll) = browser::wire(
        id,
        shown,
        has_older,
        seen_up_to,
        unread_up_to,
        pending,
        local_error,
    );
    #[cfg(not(feature = "hydrate"))]
    let _ = local_error;
    #[cfg(not(feature = "hydrate"))]
    let (list_ref, textarea, on_submit, retry, on_scroll) = (
        NodeRef::<leptos::html::Div>::new(),
        NodeRef::<leptos::html::Textarea>::new(),
        |_: leptos::ev::SubmitEvent| {},
        Callback::new(|_: String| {}),
        |_: leptos::ev::Event| {},
    );

    let form = match thread.read_only.clone() {
        Some(why) => view! { <p class="notice notice--muted">{why}</p> }.into_any(),
        None => view! {
            {thread.suggested_opening.is_some().then(|| view! {
                <p class="notice" role="status">
                    {crate::tr!(messages.thread.write_first, other = other).to_string()}
                </p>
            })}
            <form class="thread__form" method="post" action=SendMessage::url() on:submit=on_submit>
                <input type="hidden" name="mentorship_id" value=id/>
                <input type="hidden" name="key" value=thread.new_key.clone()/>
                <div class="field" class:field--invalid=move || field_error.with(Option::is_some)>
                    <label for="message-body">{crate::tr!(messages.thread.message_to, name = thread.other_name.clone()).to_string()}</label>
                    <p class="field__hint" id="message-body-hint">
                        {crate::tr!(messages.thread.hint, max = MAX_MESSAGE_CHARS, name = thread.other_name.clone()).to_string()}
                    </p>
                    <textarea id="message-body" name="body" rows="4" node_ref=textarea
                        aria-describedby="message-body-hint"
                        aria-invalid=move || field_error.with(Option::is_some).then_some("true")>{draft}</textarea>
                    {move || field_error.get().map(|m| view! { <p class="field__error" role="alert">{m}</p> })}
                </div>
                <button type="submit" class="button button--primary">{crate::tr!(messages.thread.send)}</button>
            </form>
        }
        .into_any(),
    };

    view! {
        <section id="thread" class="card thread" aria-labelledby="thread-title">
            <h2 id="thread-title">{crate::tr!(messages.thread.title)}</h2>
            {move || unread_up_to.get().map(|up_to| view! {
                <form class="thread__read" method="post" action=MarkThreadRead::url()>
                    <input type="hidden" name="mentorship_id" value=id/>
                    <input type="hidden" name="up_to" value=up_to/>
                    <button type="submit" class="button">{crate::tr!(messages.thread.mark_read)}</button>
                </form>
            })}
            <div class="thread__scroll" node_ref=list_ref on:scroll=on_scroll>
                <div>
                    {move || has_older.get().then(|| view! {
                        <p class="thread__older">
                            <a href=older_href.clone().unwrap_or_default()>{crate::tr!(messages.thread.older)}</a>
                        </p>
                    })}
                    {move || shown.with(BTreeMap::is_empty).then(|| view! {
                        <p class="empty">{crate::tr!(messages.thread.none_yet)}</p>
                    })}
                    <ol class="thread__list" aria-live="polite">
                        <For each=move || shown.get().into_values() key=|m| m.id let:m>
                            {message_item(m, seen_mark)}
                        </For>
                        <For each=move || pending.get() key=|p| (p.key.clone(), p.failed.clone()) let:p>
                            {
                                let key = p.key.clone();
                                view! {
                                    <li class="msg msg--mine msg--pending" class:msg--failed=p.failed.is_some()>
                                        <p class="msg__who">{crate::tr!(messages.thread.you)}</p>
                                        <div class="msg__body"><p class="msg__plain">{p.body.clone()}</p></div>
                                        <p class="msg__meta">
                                            {match p.failed.clone() {
                                                None => view! { <span>{crate::tr!(messages.thread.sending)}</span> }.into_any(),
                                                Some(why) => view! {
                                                    <span role="alert">{crate::tr!(messages.thread.not_sent, why = why.clone()).to_string()}</span>" "
                                                    <button type="button" class="link-button" on:click=move |_| retry.run(key.clone())>{crate::tr!(messages.thread.retry)}</button>
                                                }.into_any(),
                                            }}
                                        </p>
                                    </li>
                                }
                            }
                        </For>
                    </ol>
                </div>
            </div>
            {form}
        </section>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::Pending;
    use crate::messages::{
        api::{get_thread, mark_thread_read, send_message},
        live::live,
        model::{parse_body, Message},
    };
    use leptos::{prelude::*, task::spawn_local};
    use std::collections::BTreeMap;

    fn new_key() -> String {
        let r = || (leptos::web_sys::js_sys::Math::random() * 2f64.powi(52)) as u64;
        format!("k-{:013x}{:013x}", r(), r())
    }

    fn merge(
        shown: RwSignal<BTreeMap<i64, Message>>,
        pending: RwSignal<Vec<Pending>>,
        messages: Vec<Message>,
    ) {
        if messages.is_empty() {
            return;
        }
        pending.update(|p| {
            p.retain(|p| {
                !messages
                    .iter()
                    .any(|m| m.key.as_deref() == Some(p.key.as_str()))
            })
        });
        shown.update(|s| s.extend(messages.into_iter().map(|m| (m.id, m))));
    }

    type Wiring = (
        NodeRef<leptos::html::Div>,
        NodeRef<leptos::html::Textarea>,
        Box<dyn Fn(leptos::ev::SubmitEvent)>,
        Callback<String>,
        Box<dyn Fn(leptos::ev::Event)>,
    );

    /// Live arrivals, read markers, mark-as-read, optimistic sending, and
    /// loading older messages when the reader scrolls to the top.
    pub fn wire(
        id: i64,
        shown: RwSignal<BTreeMap<i64, Message>>,
        has_older: RwSignal<bool>,
        seen_up_to: RwSignal<i64>,
        unread_up_to: RwSignal<Option<i64>>,
        pending: RwSignal<Vec<Pending>>,
        local_error: RwSignal<Option<String>>,
    ) -> Wiring {
        let list_ref = NodeRef::<leptos::html::Div>::new();
        let textarea = NodeRef::<leptos::html::Textarea>::new();
        let live = live();
        Effect::new(move |_| {
            let mine: Vec<Message> = live.arrivals.with(|a| {
                a.iter()
                    .filter(|m| m.mentorship_id == id)
                    .cloned()
                    .collect()
            });
            merge(shown, pending, mine);
        });
        Effect::new(move |_| {
            let up_to = live.seen.with(|s| {
                s.iter()
                    .filter(|s| s.mentorship_id == id && !s.by_me)
                    .map(|s| s.up_to)
                    .max()
            });
            if let Some(up_to) = up_to {
                seen_up_to.update(|v| *v = (*v).max(up_to));
            }
        });
        // After a (re)connect, re-read the latest page: it covers what was
        // sent while no stream was open.
        Effect::new(move |prev: Option<usize>| {
            let n = live.connected.get();
            if prev.is_some_and(|p| p != n) || (prev.is_none() && n > 0) {
                spawn_local(async move {
                    if let Ok(t) = get_thread(id, None, false).await {
                        seen_up_to.update(|v| *v = (*v).max(t.seen_up_to));
                        merge(shown, pending, t.messages);
                    }
                });
            }
            n
        });

        // Mark read what the other member wrote, while the page is visible.
        let marked = StoredValue::new(0_i64);
        let mark = move || {
            if document().hidden() {
                return;
            }
            let latest =
                shown.with_untracked(|s| s.iter().rev().find(|(_, m)| !m.mine).map(|(id, _)| *id));
            if let Some(latest) = latest.filter(|l| *l > marked.get_value()) {
                marked.set_value(latest);
                unread_up_to.set(None);
                spawn_local(async move {
                    let _ = mark_thread_read(id, latest).await;
                });
            }
        };
        Effect::new(move |_| {
            shown.track();
            mark();
        });
        let handle = window_event_listener(leptos::ev::visibilitychange, move |_| mark());
        on_cleanup(move || handle.remove());

        let send = move |key: String, body: String| {
            spawn_local(async move {
                match send_message(id, body, key.clone()).await {
                    Ok(m) => merge(shown, pending, vec![m]),
                    Err(e) => {
                        let why = e.field("body").unwrap_or_else(|| e.to_string());
                        pending.update(|p| {
                            if let Some(p) = p.iter_mut().find(|p| p.key == key) {
                                p.failed = Some(why);
                            }
                        })
                    }
                }
            });
        };
        let on_submit = Box::new(move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Some(area) = textarea.get_untracked() else {
                return;
            };
            // Too long or empty: say so at the field and keep the text.
            let body = match parse_body(&area.value()) {
                Ok(body) => body,
                Err(why) => {
                    local_error.set(Some(why));
                    let _ = area.focus();
                    return;
                }
            };
            local_error.set(None);
            area.set_value("");
            let key = new_key();
            pending.update(|p| {
                p.push(Pending {
                    key: key.clone(),
                    body: body.clone(),
                    failed: None,
                })
            });
            scroll_to_latest(list_ref);
            send(key, body);
        });
        let retry = Callback::new(move |key: String| {
            let body =
                pending.with_untracked(|p| p.iter().find(|p| p.key == key).map(|p| p.body.clone()));
            if let Some(body) = body {
                pending.update(|p| {
                    if let Some(p) = p.iter_mut().find(|p| p.key == key) {
                        p.failed = None;
                    }
                });
                send(key, body);
            }
        });
        let loading = StoredValue::new(false);
        let on_scroll = Box::new(move |_: leptos::ev::Event| {
            let Some(el) = list_ref.get_untracked() else {
                return;
            };
            // The list scrolls in reverse (newest at the bottom, scrollTop 0 there),
            // so the top is reached when -scrollTop + clientHeight nears scrollHeight.
            let from_top = el.scroll_height() + el.scroll_top() - el.client_height();
            if from_top > 80 || !has_older.get_untracked() || loading.get_value() {
                return;
            }
            let Some(first) = shown.with_untracked(|s| s.keys().next().copied()) else {
                return;
            };
            loading.set_value(true);
            spawn_local(async move {
                if let Ok(page) = get_thread(id, Some(first), false).await {
                    has_older.set(page.has_older);
                    merge(shown, pending, page.messages);
                }
                loading.set_value(false);
            });
        });
        (list_ref, textarea, on_submit, retry, on_scroll)
    }

    fn scroll_to_latest(list_ref: NodeRef<leptos::html::Div>) {
        if let Some(el) = list_ref.get_untracked() {
            el.set_scroll_top(0);
        }
    }
}

/// `/messages`: my threads, latest activity first.
#[component]
pub fn InboxPage() -> impl IntoView {
    let inbox = Resource::new(|| (), |_| get_inbox());
    view! {
        <Title text=crate::tr!(messages.title)/>
        <h1>{crate::tr!(messages.title)}</h1>
        <Transition fallback=|| view! { <p class="muted">{crate::tr!(messages.loading)}</p> }>
            {move || Suspend::new(async move {
                match inbox.await {
                    Ok(items) => view! { <Inbox items/> }.into_any(),
                    Err(e) => failure(e, crate::tr!(messages.sign_in_to_read)),
                }
            })}
        </Transition>
    }
}

/// The list of threads, an island: it re-reads itself when a message arrives
/// or my unread count changes.
#[island(lazy)]
fn Inbox(items: Vec<InboxItem>) -> impl IntoView {
    crate::ui::islands::hydrating();
    let items = RwSignal::new(items);
    #[cfg(feature = "hydrate")]
    {
        let live = super::live::live();
        Effect::new(move |prev: Option<()>| {
            live.arrivals.track();
            live.latest.track();
            if prev.is_some() {
                leptos::task::spawn_local(async move {
                    if let Ok(now) = get_inbox().await {
                        items.set(now);
                    }
                });
            }
        });
    }
    let list = move || {
        let list = items.get();
        if list.is_empty() {
            return view! {
                <p class="empty">{crate::tr!(messages.inbox.none_yet)}" "
                    <a href="/mentors">{crate::tr!(messages.inbox.find_mentor)}</a></p>
            }
            .into_any();
        }
        view! {
            <ul class="inbox">
                {list.into_iter().map(|t| {
                    let unread = t.unread > 0;
                    view! {
                    <li class="inbox__item" class:inbox__item--unread=unread>
                        <a href=format!("/mentorships/{}#thread", t.mentorship_id)>
                            <span class="inbox__who">{t.other_name}</span>
                            <span class="inbox__focus">{t.focus_label}{(!t.active).then_some(crate::tr!(messages.inbox.closed))}</span>
                        </a>
                        <p class="inbox__preview">
                            {match t.preview {
                                Some(p) if t.last_mine => crate::tr!(messages.inbox.you_wrote, text = p).to_string(),
                                Some(p) => p,
                                None => crate::tr!(messages.inbox.none).to_owned(),
                            }}
                        </p>
                        <p class="inbox__meta">
                            {t.last_at.map(|ms| view! { <Moment ms/> })}
                            {unread.then(|| view! {
                                " " <span class="badge badge--ok">{crate::tr!(messages.inbox.unread, n = t.unread).to_string()}</span>
                            })}
                        </p>
                    </li>
                }}).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! { <div>{list}</div> }
}

/// `/admin/threads`: which mentorships have a thread and when it was last
/// active. Administrators see no words and cannot open a thread.
#[component]
pub fn ThreadActivityPage() -> impl IntoView {
    let rows = Resource::new(|| (), |_| list_thread_activity());
    view! {
        <Title text=crate::tr!(messages.activity.title)/>
        <h1>{crate::tr!(messages.activity.title)}</h1>
        <p class="muted">{crate::tr!(messages.activity.intro)}</p>
        <Transition fallback=|| view! { <p class="muted">{crate::tr!(messages.loading)}</p> }>
            {move || Suspend::new(async move {
                match rows.await {
                    Ok(rows) if rows.is_empty() => view! { <p class="empty">{crate::tr!(messages.activity.empty)}</p> }.into_any(),
                    Ok(rows) => view! {
                        <table class="table">
                            <thead><tr>
                                <th>{crate::tr!(messages.activity.mentor)}</th>
                                <th>{crate::tr!(messages.activity.mentee)}</th>
                                <th>{crate::tr!(messages.activity.focus)}</th>
                                <th>{crate::tr!(messages.activity.state)}</th>
                                <th>{crate::tr!(messages.activity.last_message)}</th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|r| view! {
                                    <tr>
                                        <td data-label=crate::tr!(messages.activity.mentor)>{r.mentor_name}</td>
                                        <td data-label=crate::tr!(messages.activity.mentee)>{r.mentee_name}</td>
                                        <td data-label=crate::tr!(messages.activity.focus)>{r.focus_label}</td>
                                        <td data-label=crate::tr!(messages.activity.state)>{r.state}</td>
                                        <td data-label=crate::tr!(messages.activity.last_message)>{match r.last_message_at {
                                            Some(ms) => view! { <Moment ms/> }.into_any(),
                                            None => view! { <span class="muted">{crate::tr!(messages.activity.none_yet)}</span> }.into_any(),
                                        }}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(e) => failure(e, crate::tr!(messages.activity.sign_in)),
                }
            })}
        </Transition>
    }
}

/// The thread for `/mentorships/{id}`, for pages that hold its resource.
pub fn thread_section(
    thread: Resource<Result<Thread, AppError>>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let error = move || error.get_untracked();
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                // A request not yet accepted has no thread: show nothing.
                thread.await.ok().map(|t| view! { <ThreadView thread=t error=error()/> })
            })}
        </Transition>
    }
}
