//! Dates as members read them. Times are stored as Unix milliseconds (UTC).

use leptos::prelude::*;

/// "23 Nov 2026".
pub fn day(ms: i64) -> String {
    match time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000)) {
        Ok(t) => {
            let month = format!("{:?}", t.month());
            format!("{} {} {}", t.day(), &month[..3], t.year())
        }
        Err(_) => String::new(),
    }
}

/// "23 Nov 2026, 14:05 UTC": the same on server and browser, so hydration matches.
pub fn moment_utc(ms: i64) -> String {
    match time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000)) {
        Ok(t) => format!("{}, {:02}:{:02} UTC", day(ms), t.hour(), t.minute()),
        Err(_) => String::new(),
    }
}

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

fn iso(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000))
        .map(|t| {
            format!(
                "{}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
                t.year(),
                u8::from(t.month()),
                t.day(),
                t.hour(),
                t.minute(),
                t.second()
            )
        })
        .unwrap_or_default()
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
        String::from(d.to_locale_string("en-GB", &opts))
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

#[cfg(test)]
mod tests {
    #[test]
    fn days_read_like_dates() {
        assert_eq!(super::day(1_795_392_000_000), "23 Nov 2026");
        assert_eq!(super::day(0), "1 Jan 1970");
        assert_eq!(
            super::moment_utc(1_795_392_000_000 + 14 * 3_600_000 + 5 * 60_000),
            "23 Nov 2026, 14:05 UTC"
        );
    }
}
