//! Dates as members read them. Times are stored as Unix milliseconds (UTC).

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

/// A moment in time: rendered in UTC, then in the reader's own time zone once
/// the page has hydrated (the server does not know where the reader is).
#[leptos::component]
pub fn Moment(ms: i64) -> impl leptos::IntoView {
    use leptos::prelude::*;
    let local = RwSignal::new(false);
    Effect::new(move |_| local.set(true));
    let text = move || {
        #[cfg(feature = "hydrate")]
        if local.get() {
            let d = leptos::web_sys::js_sys::Date::new(&(ms as f64).into());
            let opts = leptos::web_sys::js_sys::Object::new();
            for (k, v) in [
                ("day", "numeric"),
                ("month", "short"),
                ("hour", "2-digit"),
                ("minute", "2-digit"),
            ] {
                let _ = leptos::web_sys::js_sys::Reflect::set(&opts, &k.into(), &v.into());
            }
            return String::from(d.to_locale_string("en-GB", &opts));
        }
        let _ = local.get();
        moment_utc(ms)
    };
    let iso = time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000))
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
        .unwrap_or_default();
    view! { <time datetime=iso>{text}</time> }
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
