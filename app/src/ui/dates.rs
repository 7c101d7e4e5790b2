//! Moments on pages: in UTC from the server, then in the reader's own time
//! zone in the browser. The formats themselves are in `crate::dates`.

use crate::dates::{iso, moment_utc};
use leptos::prelude::*;

/// A moment in time: rendered in UTC, then in the reader's own time zone in
/// the browser (the server does not know where the reader is): by the island
/// it is in, or else by `LocalTimes`.
#[component]
pub fn Moment(ms: i64) -> impl IntoView {
    let local = RwSignal::new(false);
    Effect::new(move |_| local.set(true));
    let text = move || {
        #[cfg(feature = "hydrate")]
        if local.get() {
            return browser::local(ms);
        }
        let _ = local.get();
        moment_utc(ms)
    };
    view! { <time datetime=iso(ms) data-ms=ms>{text}</time> }
}

/// Shows the page's moments outside islands in the reader's time zone; an
/// island without a view, placed once in the frame of every page.
#[island]
pub fn LocalTimes() -> impl IntoView {
    crate::ui::islands::hydrating();
    #[cfg(feature = "hydrate")]
    browser::localise_page();
    view! { <span hidden></span> }
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::{wasm_bindgen::JsCast, web_sys};

    /// "23 Nov, 09:05" in the reader's time zone.
    pub fn local(ms: i64) -> String {
        let d = web_sys::js_sys::Date::new(&(ms as f64).into());
        let opts = web_sys::js_sys::Object::new();
        for (k, v) in [
            ("day", "numeric"),
            ("month", "short"),
            ("hour", "2-digit"),
            ("minute", "2-digit"),
        ] {
            let _ = web_sys::js_sys::Reflect::set(&opts, &k.into(), &v.into());
        }
        // British order for English ("23 Nov, 09:05"); Spanish as Spain writes it.
        let tag = match crate::language::current() {
            crate::language::Lang::En => "en-GB",
            crate::language::Lang::Es => "es-ES",
        };
        String::from(d.to_locale_string(tag, &opts))
    }

    pub fn localise_page() {
        let Ok(times) = leptos::prelude::document().query_selector_all("time[data-ms]") else {
            return;
        };
        for i in 0..times.length() {
            let Some(el) = times
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            else {
                continue;
            };
            // Islands show their own moments.
            let in_island = el.closest("leptos-island").ok().flatten().is_some();
            let ms = el
                .get_attribute("data-ms")
                .and_then(|v| v.parse::<i64>().ok());
            if let (false, Some(ms)) = (in_island, ms) {
                el.set_text_content(Some(&local(ms)));
            }
        }
    }
}
