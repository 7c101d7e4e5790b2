//! Islands are the only parts of a page that run in the browser. Each calls
//! `hydrating()` first; once every island on the page has hydrated (route
//! islands load their code lazily, so this can take a moment), the body gets
//! `data-hydrated`, which browser tests wait for before they click.

/// Counts this island; a no-op on the server.
pub fn hydrating() {
    #[cfg(feature = "hydrate")]
    browser::count();
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::Cell;

    thread_local! {
        static HYDRATED: Cell<u32> = const { Cell::new(0) };
    }

    pub fn count() {
        let n = HYDRATED.with(|h| {
            h.set(h.get() + 1);
            h.get()
        });
        // The island's body runs before its view is attached: check after.
        gloo_timers::callback::Timeout::new(0, move || {
            let document = leptos::prelude::document();
            let total = document
                .query_selector_all("leptos-island")
                .map_or(0, |l| l.length());
            if n >= total {
                if let Some(body) = document.body() {
                    let _ = body.set_attribute("data-hydrated", "");
                }
            }
        })
        .forget();
    }
}
