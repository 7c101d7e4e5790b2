//! What is new, in every page of a tab: unread counts for the header, and in
//! the browser one `EventSource` on `/api/messages/stream` that feeds arriving
//! messages and read markers to whatever thread is open. The browser's
//! EventSource reconnects by itself and resumes from the last message id.

use super::{
    api::unread_counts,
    model::{Message, Seen, Unread},
};
use crate::error::AppError;
use leptos::prelude::*;

/// How many arrivals a tab keeps for threads to pick up.
#[cfg(feature = "hydrate")]
const KEEP: usize = 200;

#[derive(Clone, Copy)]
pub struct Live {
    /// Counts as the page was rendered, so server and browser start equal.
    pub counts: Resource<Result<Unread, AppError>>,
    /// Counts the stream reported since; they win over `counts`.
    pub latest: RwSignal<Option<Unread>>,
    /// Moves when the bell's count changes: pages that list mentorships refetch.
    pub news: RwSignal<usize>,
    /// Messages that arrived on the stream, oldest first.
    pub arrivals: RwSignal<Vec<Message>>,
    /// Read markers that arrived on the stream.
    pub seen: RwSignal<Vec<Seen>>,
    /// Moves each time the stream (re)connects; open threads then re-read their
    /// latest page, which covers anything sent before the stream began.
    pub connected: RwSignal<usize>,
}

impl Live {
    /// The counts to show now.
    pub fn now(&self, rendered: Unread) -> Unread {
        self.latest.get().unwrap_or(rendered)
    }
}

pub fn use_live() -> Option<Live> {
    use_context::<Live>()
}

/// Provides `Live` and, in the browser, keeps the stream open while a member is
/// signed in.
#[component]
pub fn LiveProvider(children: Children) -> impl IntoView {
    let live = Live {
        counts: Resource::new(|| (), |_| unread_counts()),
        latest: RwSignal::new(None),
        news: RwSignal::new(0),
        arrivals: RwSignal::new(Vec::new()),
        seen: RwSignal::new(Vec::new()),
        connected: RwSignal::new(0),
    };
    #[cfg(feature = "hydrate")]
    {
        let auth = crate::accounts::context::use_auth();
        let source = StoredValue::new_local(None::<web_sys::EventSource>);
        Effect::new(move |_| {
            let member = auth.user.get().and_then(Result::ok).flatten().is_some();
            let open = source.with_value(Option::is_some);
            if member && !open {
                source.set_value(browser::open(live, source, 0));
            } else if !member && open {
                source.update_value(|s| {
                    if let Some(s) = s.take() {
                        s.close();
                    }
                });
            }
        });
        on_cleanup(move || {
            source.update_value(|s| {
                if let Some(s) = s.take() {
                    s.close();
                }
            })
        });
    }
    provide_context(live);
    children()
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::{Live, KEEP};
    use crate::messages::model::{Message, Seen, Unread};
    use leptos::{
        prelude::*,
        wasm_bindgen::{closure::Closure, JsCast},
    };
    use serde::de::DeserializeOwned;
    use web_sys::{EventSource, MessageEvent};

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
        // The listener lives as long as the source, which lives as long as the tab.
        cb.forget();
    }

    /// Opens the stream. The browser retries after network errors by itself,
    /// but gives up on an error status (a 502 during a deploy, say): then it is
    /// reopened here, waiting longer after each failure.
    pub fn open(
        live: Live,
        slot: StoredValue<Option<EventSource>, LocalStorage>,
        failures: u32,
    ) -> Option<EventSource> {
        let source = EventSource::new("/api/messages/stream").ok()?;
        let this = source.clone();
        on(&source, "error", move |_| {
            if this.ready_state() != EventSource::CLOSED {
                return;
            }
            let wait = std::time::Duration::from_secs(u64::from(5 * (failures + 1)).min(60));
            let this = this.clone();
            set_timeout(
                move || {
                    // Only if this is still the tab's stream (not signed out meanwhile).
                    let current = slot.with_value(|s| s.as_ref() == Some(&this));
                    if current {
                        slot.set_value(open(live, slot, failures + 1));
                    }
                },
                wait,
            );
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
                let before = live
                    .latest
                    .get_untracked()
                    .or_else(|| live.counts.get_untracked().and_then(Result::ok));
                if before.map(|b| b.notices) != Some(now.notices) {
                    live.news.update(|n| *n += 1);
                }
                live.latest.set(Some(now));
            }
        });
        Some(source)
    }
}
