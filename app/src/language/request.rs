//! Reading and remembering the language on the server.

use super::Lang;
use axum::http::{header, HeaderMap, HeaderValue};

/// The cookie that carries the reader's choice between visits.
pub const COOKIE: &str = "carrel_lang";

/// The cookie's choice, else the best of `Accept-Language`, else English.
pub fn from_headers(headers: &HeaderMap) -> Lang {
    chosen(headers)
        .or_else(|| {
            let accepted = headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
            // Best first; `es-MX` is Spanish.
            accept_language::parse(accepted)
                .iter()
                .find_map(|tag| Lang::parse(tag))
        })
        .unwrap_or_default()
}

fn chosen(headers: &HeaderMap) -> Option<Lang> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .and_then(|(_, value)| Lang::parse(value))
}

/// `Set-Cookie` for a choice: a year, every path, sent on top-level
/// navigations from other sites (a link to Carrel opens in the chosen
/// language); `Secure` when Carrel is served over HTTPS.
pub fn cookie(lang: Lang, secure: bool) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly{}",
        lang.code(),
        if secure { "; Secure" } else { "" }
    ))
    .expect("a language code is a valid header value")
}

/// Middleware: reads the request's language once, for `super::current`.
pub async fn resolve(
    mut req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let lang = from_headers(req.headers());
    req.extensions_mut().insert(lang);
    next.run(req).await
}

/// Remembers `lang` in the browser making the current call.
pub fn remember(lang: Lang) {
    use leptos::prelude::use_context;
    let secure = use_context::<std::sync::Arc<crate::sso::client::Sso>>()
        .is_some_and(|sso| sso.over_https());
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.append_header(header::SET_COOKIE, cookie(lang, secure));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(k.clone(), HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn a_choice_beats_the_browser_and_the_browser_beats_english() {
        assert_eq!(from_headers(&headers(&[])), Lang::En);
        let browser = (header::ACCEPT_LANGUAGE, "fr-FR, es-MX;q=0.8, en;q=0.5");
        assert_eq!(
            from_headers(&headers(std::slice::from_ref(&browser))),
            Lang::Es
        );
        let cookie = (header::COOKIE, "carrel_session=x; carrel_lang=en");
        assert_eq!(from_headers(&headers(&[browser, cookie])), Lang::En);
        let unknown = (header::COOKIE, "carrel_lang=<script>");
        assert_eq!(from_headers(&headers(&[unknown])), Lang::En);
    }
}
