//! The browser side: hydrates the islands, the interactive parts of a
//! server-rendered page. Everything else on the page is plain HTML.

// The islands' hydration functions are exported from `app`; link it whole.
extern crate app as _;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
