//! The browser side: hydrates the server-rendered page.

use wasm_bindgen::JsCast;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    if moved_before_hydrating() {
        // The router would hydrate the new address's page over the old one's
        // HTML; load the page for the address instead.
        let _ = leptos::prelude::window().location().reload();
        return;
    }
    leptos::mount::hydrate_body(app::App);
    // Marks the page as interactive; browser tests wait for it before clicking.
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "");
    }
}

/// Whether Back or Forward moved the address within this document before it
/// hydrated. After a reload, the entries the router pushed before it still
/// belong to this document, so going back to one changes the address without
/// loading the page the server would render for it.
fn moved_before_hydrating() -> bool {
    let window = leptos::prelude::window();
    let Some(loaded) = window
        .performance()
        .and_then(|p| {
            p.get_entries_by_type("navigation")
                .get(0)
                .dyn_into::<web_sys::PerformanceEntry>()
                .ok()
        })
        .map(|entry| entry.name())
    else {
        return false;
    };
    let now = window.location().href().unwrap_or_default();
    let without_fragment = |url: &str| url.split('#').next().unwrap_or_default().to_owned();
    without_fragment(&loaded) != without_fragment(&now)
}
