//! What is new, shown live: the header's unread counts, and in the browser one
//! `EventSource` on `/api/messages/stream` per page, shared by the islands
//! that need it (the counts, the open thread, the inbox). The browser's
//! EventSource reconnects by itself and resumes from the last message id.

use super::model::Unread;
use leptos::prelude::*;

/// The counts to show now: the stream's latest in the browser, else the ones
/// the page was rendered with (so server and browser start equal).
fn counts(rendered: Unread) -> impl Fn() -> Unread + Copy {
    #[cfg(feature = "hydrate")]
    let live = browser::live();
    move || {
        #[cfg(feature = "hydrate")]
        if let Some(now) = live.latest.get() {
            return now;
        }
        rendered
    }
}

/// The unread-messages count inside the header's "Messages" link.
#[island]
pub fn UnreadMessages(rendered: Unread) -> impl IntoView {
    crate::ui::islands::hydrating();
    let counts = counts(rendered);
    let count = move || counts().messages;
    // An element first: an island that began with text would follow the
    // link's text, and the server would put a marker between them that the
    // browser does not expect.
    view! {
        <span>
            {move || match count() {
                0 => None,
                n => Some(view! {
                    " " <span class="nav-count">{n}<span class="visually-hidden">{crate::tr!(messages.live.unread)}</span></span>
                }),
            }}
        </span>
    }
}

/// The bell: a link to `/notifications` with the unread count.
#[island]
pub fn Bell(rendered: Unread) -> impl IntoView {
    crate::ui::islands::hydrating();
    let counts = counts(rendered);
    let count = move || counts().notices;
    view! {
        <a href="/notifications" class="bell">
            <svg class="bell__icon" aria-hidden="true" viewBox="0 0 24 24" width="22" height="22">
                <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"/>
            </svg>
            {move || match count() {
                0 => view! { <span class="visually-hidden">{crate::tr!(messages.live.notifications)}</span> }.into_any(),
                n => view! {
                    <span class="visually-hidden">{crate::tr!(messages.live.notifications_before)}</span>
                    <span class="bell__count">{n}</span>
                    <span class="visually-hidden">{crate::tr!(messages.live.unread)}</span>
                }.into_any(),
            }}
        </a>
    }
}

#[cfg(feature = "hydrate")]
pub use browser::{live, Live};

#[cfg(feature = "hydrate")]
mod browser {
    use crate::messages::model::{Message, Seen, Unread};
    use leptos::{
        prelude::*,
        wasm_bindgen::{closure::Closure, JsCast},
    };
    use serde::de::DeserializeOwned;
    use std::cell::OnceCell;
    use web_sys::{EventSource, MessageEvent};

    /// How many arrivals a page keeps for its islands to pick up.
    const KEEP: usize = 200;

    /// What the stream reported since the page loaded.
    #[derive(Clone, Copy)]
    pub struct Live {
        /// The latest counts; they win over the ones the page was rendered with.
        pub latest: RwSignal<Option<Unread>>,
        /// Messages that arrived, oldest first.
        pub arrivals: RwSignal<Vec<Message>>,
        /// Read markers that arrived.
        pub seen: RwSignal<Vec<Seen>>,
        /// Moves each time the stream (re)connects; an open thread then re-reads
        /// its latest page, which covers anything sent before the stream began.
        pub connected: RwSignal<usize>,
    }

    thread_local! {
        static LIVE: OnceCell<Live> = const { OnceCell::new() };
    }

    /// The page's one stream, opened by the first island that asks. Islands
    /// only render for a signed-in member, so the stream is always allowed.
    pub fn live() -> Live {
        LIVE.with(|cell| {
            *cell.get_or_init(|| {
                // Owned by no island: it lives as long as the page.
                let owner = Owner::new_root(None);
                let live = owner.with(|| Live {
                    latest: RwSignal::new(None),
                    arrivals: RwSignal::new(Vec::new()),
                    seen: RwSignal::new(Vec::new()),
                    connected: RwSignal::new(0),
                });
                std::mem::forget(owner);
                open(live, 0);
                live
            })
        })
    }

    fn data<T: DeserializeOwned>(e: &MessageEvent) -> Option<T> {
        serde_json::from_str(&e.data().as_string()?).ok()
    }

    /// Appends `item`, keeping only the latest `KEEP`.
    fn keep_last<T>(v: &mut Vec<T>, item: T) {
        v.push(item);
        let extra = v.len().saturating_sub(KEEP);
        v.drain(..extra);
    }

    fn on(source: &EventSource, name: &str, f: impl FnMut(MessageEvent) + 'static) {
        let cb = Closure::<dyn FnMut(MessageEvent)>::new(f);
        let _ = source.add_event_listener_with_callback(name, cb.as_ref().unchecked_ref());
        // The listener lives as long as the source, which lives as long as the page.
        cb.forget();
    }

    /// Opens the stream. The browser retries after network errors by itself,
    /// but gives up on an error status (a 502 during a deploy, say): then it is
    /// reopened here, waiting longer after each failure.
    fn open(live: Live, failures: u32) {
        let Ok(source) = EventSource::new("/api/messages/stream") else {
            return;
        };
        let this = source.clone();
        on(&source, "error", move |_| {
            if this.ready_state() != EventSource::CLOSED {
                return;
            }
            let wait = std::time::Duration::from_secs(u64::from(5 * (failures + 1)).min(60));
            set_timeout(move || open(live, failures + 1), wait);
        });
        on(&source, "ready", move |_| {
            live.connected.update(|n| *n += 1)
        });
        on(&source, "message", move |e| {
            if let Some(m) = data::<Message>(&e) {
                live.arrivals.update(|v| keep_last(v, m));
            }
        });
        on(&source, "seen", move |e| {
            if let Some(s) = data::<Seen>(&e) {
                live.seen.update(|v| keep_last(v, s));
            }
        });
        on(&source, "unread", move |e| {
            if let Some(now) = data::<Unread>(&e) {
                live.latest.set(Some(now));
            }
        });
    }
}
