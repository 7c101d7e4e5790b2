//! What browsers are told to allow. Pages get a Content-Security-Policy with a
//! nonce drawn for each response (leptos_axum draws it; Leptos puts it on the
//! hydration scripts it writes), so no script a member smuggled into the HTML
//! could run; other answers get the same policy without one.

use leptos::{nonce::use_nonce, prelude::*};

/// The policy, with `'nonce-…'` for a page's own inline scripts. WebAssembly
/// needs `'wasm-unsafe-eval'`; nothing else is relaxed.
pub fn content_security_policy(nonce: Option<&str>) -> String {
    let scripts = match nonce {
        Some(n) => format!("'self' 'nonce-{n}' 'wasm-unsafe-eval'"),
        None => "'self' 'wasm-unsafe-eval'".to_owned(),
    };
    format!(
        "default-src 'self'; script-src {scripts}; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'; worker-src 'self'; manifest-src 'self'"
    )
}

/// Puts this page's policy, with its nonce, on the response being rendered.
pub fn protect_page() {
    let (Some(res), Some(nonce)) = (use_context::<leptos_axum::ResponseOptions>(), use_nonce())
    else {
        return;
    };
    let policy = content_security_policy(Some(&nonce));
    if let Ok(value) = axum::http::HeaderValue::from_str(&policy) {
        res.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, value);
    }
}
