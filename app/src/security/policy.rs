//! What browsers are told to allow. Pages get a Content-Security-Policy with a
//! nonce drawn for each response (leptos_axum draws it; Leptos puts it on the
//! hydration scripts it writes), so no script a member smuggled into the HTML
//! could run; other answers get the same policy without one.

use leptos::{nonce::use_nonce, prelude::*};
use std::sync::{Arc, RwLock};

/// Origins other than Carrel's that a form may lead to: the sign-in
/// providers', whose sign-in starts with a form posted to Carrel that
/// redirects there (browsers hold redirects to `form-action` too).
#[derive(Clone, Debug, Default)]
pub struct FormTargets(Arc<RwLock<Vec<String>>>);

impl FormTargets {
    pub fn add(&self, origin: String) {
        if let Ok(mut list) = self.0.write() {
            if !list.contains(&origin) {
                list.push(origin);
            }
        }
    }

    pub fn list(&self) -> Vec<String> {
        self.0.read().map(|l| l.clone()).unwrap_or_default()
    }
}

/// The policy, with `'nonce-…'` for a page's own inline scripts and the
/// origins forms may lead to besides Carrel's. WebAssembly needs
/// `'wasm-unsafe-eval'`; nothing else is relaxed.
pub fn content_security_policy(nonce: Option<&str>, form_targets: &[String]) -> String {
    let scripts = match nonce {
        Some(n) => format!("'self' 'nonce-{n}' 'wasm-unsafe-eval'"),
        None => "'self' 'wasm-unsafe-eval'".to_owned(),
    };
    let forms: String = form_targets.iter().map(|o| format!(" {o}")).collect();
    format!(
        "default-src 'self'; script-src {scripts}; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'{forms}; frame-ancestors 'none'; worker-src 'self'; manifest-src 'self'"
    )
}

/// Puts this page's policy, with its nonce, on the response being rendered.
pub fn protect_page() {
    let (Some(res), Some(nonce)) = (use_context::<leptos_axum::ResponseOptions>(), use_nonce())
    else {
        return;
    };
    let targets = use_context::<FormTargets>()
        .map(|t| t.list())
        .unwrap_or_default();
    let policy = content_security_policy(Some(&nonce), &targets);
    if let Ok(value) = axum::http::HeaderValue::from_str(&policy) {
        res.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, value);
    }
}
