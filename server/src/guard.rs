//! Carrel's front door: what every request passes before the app sees it, and
//! what every answer carries on its way out.
//!
//! * The client's address is read once (`ClientIp`) for the rate limits.
//! * A request that changes state must come from Carrel's own pages: a foreign
//!   `Origin` or `Sec-Fetch-Site`, or a body that is not form data, is refused.
//! * Answers carry a Content-Security-Policy (pages set their own, with a nonce),
//!   Permissions-Policy, HSTS under https, and `no-store` for a signed-in
//!   member's pages and data.

use app::{
    security::{limits::ClientIp, policy::content_security_policy},
    AppError,
};
use axum::{
    body::Body,
    extract::{ConnectInfo, Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri},
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::{any::Any, net::SocketAddr, sync::Arc};

/// The session cookie's name: its presence marks a signed-in member's answers private.
pub const SESSION_COOKIE: &str = "carrel_session";

/// The largest request body Carrel reads (a program's CSV import is the
/// largest form: 2,000 rows fit in well under half of it).
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

#[derive(Clone, Debug)]
pub struct Guard {
    /// `scheme://host[:port]` of `CARREL_PUBLIC_URL`, when it is set.
    public_origin: Option<String>,
    https: bool,
    trust_proxy: bool,
}

pub type SharedGuard = Arc<Guard>;

impl Guard {
    pub fn new(public_url: Option<&str>, trust_proxy: bool) -> Self {
        let public_origin = public_url
            .and_then(|u| u.parse::<Uri>().ok())
            .and_then(|u| Some(format!("{}://{}", u.scheme_str()?, u.authority()?)))
            .map(|o| o.to_ascii_lowercase());
        Self {
            https: public_origin
                .as_deref()
                .is_some_and(|o| o.starts_with("https://")),
            public_origin,
            trust_proxy,
        }
    }

    /// The origin a request from our own pages carries: the configured public
    /// address, or else whatever host the request was sent to.
    fn expects(&self, origin: &str, headers: &HeaderMap) -> bool {
        let origin = origin.to_ascii_lowercase();
        match &self.public_origin {
            Some(ours) => origin == *ours,
            None => {
                let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
                let theirs = origin.split_once("://").map(|(_, authority)| authority);
                host.is_some_and(|h| theirs == Some(h.to_ascii_lowercase().as_str()))
            }
        }
    }
}

/// Records the client's address: the peer's, or, behind a trusted proxy, the
/// one the proxy appended last to `X-Forwarded-For` (earlier ones are the
/// client's own claims).
pub async fn client_ip(State(guard): State<SharedGuard>, mut req: Request, next: Next) -> Response {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let forwarded = guard
        .trust_proxy
        .then(|| req.headers().get_all("x-forwarded-for").iter().next_back())
        .flatten()
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .and_then(|ip| ip.trim().parse().ok());
    if let Some(ip) = forwarded.or(peer) {
        req.extensions_mut().insert(ClientIp(ip));
    }
    next.run(req).await
}

/// Lets a state-changing request through only if a browser says it came from
/// our own origin (or a non-browser client says nothing) and it carries form
/// data. SameSite cookies alone do not stop a sibling site or an old browser.
pub async fn same_origin(State(guard): State<SharedGuard>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let headers = req.headers();
    let site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let foreign = match (site, origin) {
        (Some(site), _) if !matches!(site, "same-origin" | "none") => true,
        (_, Some(origin)) => !guard.expects(origin, headers),
        _ => false,
    };
    if foreign {
        tracing::warn!(?site, ?origin, path = %req.uri().path(), "cross-site request refused");
        return AppError::forbidden(
            "This form was sent from another site, so Carrel did not act on it. \
             Open Carrel and try again there.",
        )
        .into_response();
    }
    let has_body = headers.contains_key(header::TRANSFER_ENCODING)
        || headers
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|n| n != "0");
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase());
    let form = matches!(
        content_type.as_deref(),
        Some("application/x-www-form-urlencoded" | "multipart/form-data")
    );
    if has_body && !form {
        return (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Carrel's forms send form data; this request sent something else.",
        )
            .into_response();
    }
    next.run(req).await
}

/// The headers every answer carries.
pub async fn headers(State(guard): State<SharedGuard>, req: Request, next: Next) -> Response {
    let signed_in = req
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|c| c.to_str().ok())
        .any(|c| c.contains(SESSION_COOKIE));
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let private = h
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html") || t.starts_with("application/json"));
    if signed_in && private && !h.contains_key(header::CACHE_CONTROL) {
        h.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        let policy = content_security_policy(None, &[]);
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_str(&policy).expect("the policy is plain ASCII"),
        );
    }
    h.insert(
        "permissions-policy",
        HeaderValue::from_static(
            "camera=(), microphone=(), geolocation=(), payment=(), usb=(), \
             interest-cohort=(), browsing-topics=()",
        ),
    );
    if guard.https {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    res
}

/// A request that panicked answers 500 like any other failure, and the
/// connection stays up; the panic is logged with what it said.
pub fn panicked(panic: Box<dyn Any + Send + 'static>) -> Response<Body> {
    let what = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(panic = what, "a request panicked");
    AppError::Internal.into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panicking_request_gets_a_500() {
        use tower::ServiceExt;
        async fn boom() -> &'static str {
            panic!("a handler bug")
        }
        let app = axum::Router::new()
            .route("/", axum::routing::get(boom))
            .layer(tower_http::catch_panic::CatchPanicLayer::custom(panicked));
        let req = Request::builder().uri("/").body(Body::empty()).unwrap();
        let res = app.oneshot(req).await.unwrap();
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }

    fn host(h: &str) -> HeaderMap {
        let mut m = HeaderMap::new();
        m.insert(header::HOST, HeaderValue::from_str(h).unwrap());
        m
    }

    #[test]
    fn the_configured_address_is_the_only_origin() {
        let g = Guard::new(Some("https://Carrel.example.org/"), false);
        assert!(g.https);
        let h = host("evil.example");
        assert!(g.expects("https://carrel.example.org", &h));
        assert!(!g.expects("http://carrel.example.org", &h));
        assert!(!g.expects("https://evil.example", &h));
        assert!(!g.expects("null", &h));
    }

    #[test]
    fn without_configuration_the_origin_must_be_the_host() {
        let g = Guard::new(None, false);
        assert!(!g.https);
        let h = host("127.0.0.1:3000");
        assert!(g.expects("http://127.0.0.1:3000", &h));
        assert!(!g.expects("http://127.0.0.1:3001", &h));
        assert!(!g.expects("null", &h));
        assert!(!g.expects("http://evil.example", &h));
    }
}
