//! Builds the axum application: pages, server functions, static files, sessions.
//! Tests build the very same router on port 0.

use crate::{
    assets::{self, Build},
    config::Config,
    guard::{self, Guard, SharedGuard},
};
use app::{
    accounts::session_store::DbSessionStore,
    dates::now_ms,
    db::Db,
    directory::index::Directory,
    jobs::{Services, JOBS},
    messages::hub::Hub,
    notifications::{mail::Mailer, push::Pusher},
    security::limits::Limits,
    shell,
    sso::client::Sso,
    App, AppError,
};
use axum::{
    body::{to_bytes, Body},
    extract::{FromRef, Request, State},
    http::{header, HeaderValue, StatusCode},
    middleware,
    response::{IntoResponse, Response},
    routing::{get, post},
    Router,
};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use std::{
    sync::{Arc, LazyLock},
    time::{Duration, Instant},
};
use tower::ServiceExt;
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::{CompressionLayer, CompressionLevel},
    limit::RequestBodyLimitLayer,
    services::ServeDir,
    set_header::SetResponseHeaderLayer,
    trace::TraceLayer,
};
use tower_sessions::{cookie::SameSite, Expiry, SessionManagerLayer};

/// The app's routes, listed once per process. Listing them suppresses resource
/// loading process-wide for a moment, and a page whose resource first polls in
/// that moment never finishes (leptos#4773); tests start many routers in one
/// process while others are rendering.
static ROUTES: LazyLock<Vec<AxumRouteListing>> = LazyLock::new(|| generate_route_list(App));

#[derive(FromRef, Clone, Debug)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub hub: Arc<Hub>,
    pub directory: Arc<Directory>,
    pub mailer: Mailer,
    pub pusher: Pusher,
    pub limits: Limits,
    pub guard: SharedGuard,
    pub sso: Arc<Sso>,
}

pub fn leptos_options(config: &Config) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("carrel")
        .site_root(config.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(config.addr)
        .env(leptos::config::Env::PROD)
        .hash_files(Build::current().hashed)
        .build()
}

pub fn router(
    config: &Config,
    db: Db,
    hub: Arc<Hub>,
    directory: Arc<Directory>,
    mailer: Mailer,
    pusher: Pusher,
) -> Router {
    let limits = Limits::new(config.rate_limit_exempt.clone(), config.max_streams);
    let guard = Arc::new(Guard::new(config.public_url.as_deref(), config.trust_proxy));
    let state = AppState {
        leptos_options: leptos_options(config),
        db: db.clone(),
        hub,
        directory,
        mailer: mailer.clone(),
        pusher,
        limits,
        guard: guard.clone(),
        sso: Arc::new(Sso::new(config.oidc.clone(), &config.public_url())),
    };
    let sessions = SessionManagerLayer::new(DbSessionStore::new(db.clone()))
        .with_name(guard::SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(config.secure_cookies())
        .with_expiry(Expiry::OnInactivity(time::Duration::days(30)));

    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(ready))
        .route("/sw.js", get(assets::build_file))
        .route("/offline.html", get(assets::build_file))
        .route("/api/messages/stream", get(app::messages::stream::stream))
        .route("/meetings/{file}", get(app::meetings::ics::meeting_file))
        .route("/calendar/{file}", get(app::meetings::ics::feed_file))
        .route("/letters/{file}", get(app::letters::pdf::letter_file))
        .route("/settings/my-data.json", get(app::privacy::export::my_data))
        .route("/auth/sso/{slug}/start", post(app::sso::routes::start))
        .route("/auth/sso/{slug}/callback", get(app::sso::routes::callback))
        .route(
            "/programs/{slug}/reports/{file}",
            get(app::programs::reports::csv_file),
        )
        .leptos_routes_with_context(&state, ROUTES.clone(), provide_state(&state), {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(static_file_or_not_found)
        .layer(middleware::map_response(with_error_status))
        .layer(sessions)
        .layer(middleware::from_fn_with_state(
            guard.clone(),
            guard::same_origin,
        ))
        .layer(middleware::from_fn_with_state(
            guard.clone(),
            guard::client_ip,
        ))
        .layer(middleware::from_fn(app::language::request::resolve))
        .layer(RequestBodyLimitLayer::new(guard::MAX_BODY_BYTES))
        // Inside the headers below, so a panic's 500 still carries them.
        .layer(CatchPanicLayer::custom(guard::panicked))
        // The typed email of a form sent back after a JavaScript-off submit sits in
        // the URL; never hand it to other sites as a Referer.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(middleware::from_fn_with_state(guard, guard::headers))
        // Pages and server function answers only (built files come compressed).
        // Brotli 4 costs 0.34 ms for the 71 KB directory page and leaves it at
        // 10.2 KB; the default (11) costs 53 ms to save 2 KB more.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// The context every page and server function gets from the app's state: the
/// database, the message hub, the directory index, the mailer, the pusher and
/// the rate limits.
fn provide_state(state: &AppState) -> impl Fn() + Clone + Send + Sync + 'static {
    let AppState {
        db,
        hub,
        directory,
        mailer,
        pusher,
        limits,
        sso,
        ..
    } = state.clone();
    let targets = sso.form_targets();
    move || {
        provide_context(targets.clone());
        provide_context(sso.clone());
        provide_context(db.clone());
        provide_context(hub.clone());
        provide_context(directory.clone());
        provide_context(mailer.clone());
        provide_context(pusher.clone());
        provide_context(limits.clone());
    }
}

/// Serves a file of the built site, or the app's 404 page, rendered in full like
/// every other page (leptos_axum's own fallback streams out of order, which leaves
/// the page incomplete without JavaScript).
async fn static_file_or_not_found(State(state): State<AppState>, req: Request) -> Response {
    let file_req = Request::builder()
        .uri(req.uri().clone())
        .header(
            header::ACCEPT_ENCODING,
            req.headers()
                .get(header::ACCEPT_ENCODING)
                .cloned()
                .unwrap_or(HeaderValue::from_static("")),
        )
        .body(Body::empty())
        .expect("a request built from a valid URI");
    let site_root = state.leptos_options.site_root.to_string();
    // The build wrote brotli and gzip copies beside each file: no file is
    // compressed per request.
    let mut res = ServeDir::new(site_root)
        .precompressed_br()
        .precompressed_gzip()
        .oneshot(file_req)
        .await
        .expect("ServeDir is infallible");
    // A name no file can have (say, 10 KB long) fails to open: no such file.
    if res.status().is_server_error() {
        tracing::warn!(path = %req.uri().path().chars().take(200).collect::<String>(), status = %res.status(), "static file could not be read");
    } else if res.status() != StatusCode::NOT_FOUND {
        let lifetime = if state.leptos_options.hash_files && req.uri().path().starts_with("/pkg/") {
            // A hashed name never changes content: keep it for a year.
            "public, max-age=31536000, immutable"
        } else {
            // Icons, the manifest, the service worker: ask each time whether they changed.
            "no-cache"
        };
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(lifetime));
        return res.into_response();
    }
    let options = state.leptos_options.clone();
    leptos_axum::render_app_async_with_context(provide_state(&state), move || {
        shell(options.clone())
    })(req)
    .await
}

/// How long `/readyz` waits for the database and the directory index.
const READY_WITHIN: Duration = Duration::from_secs(1);

/// Readiness, for a load balancer: the database answers and the directory
/// index is loaded, within a second; else 503, so traffic goes to another
/// instance. (Migrations ran before the server listened.) `/healthz` only
/// says the process is alive.
async fn ready(State(state): State<AppState>) -> Response {
    let check = async {
        sqlx::query("SELECT 1").execute(state.db.pool()).await?;
        state.directory.current(&state.db).await.map(drop)
    };
    let why = match tokio::time::timeout(READY_WITHIN, check).await {
        Ok(Ok(())) => return (StatusCode::OK, "ready").into_response(),
        Ok(Err(e)) => format!("not ready: {e}"),
        Err(_) => "not ready: no answer within 1 s".to_owned(),
    };
    tracing::warn!(%why, "readiness check failed");
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::RETRY_AFTER, "5")],
        why,
    )
        .into_response()
}

/// Server functions answer every error with 500; give the status the error means
/// (400 for bad input, 401, 403, 404) so clients and logs tell them apart.
async fn with_error_status(res: Response) -> Response {
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !res.headers().contains_key("serverfnerror")
    {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    // Refusals carry back at most `MAX_KEPT_CHARS` per typed value, far below this.
    let bytes = to_bytes(body, 4 * guard::MAX_BODY_BYTES)
        .await
        .unwrap_or_default();
    if let Ok(err) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = StatusCode::from_u16(err.status_code()).unwrap_or(parts.status);
        if let AppError::TooManyAttempts(secs) = err {
            parts.headers.insert(header::RETRY_AFTER, secs.into());
        }
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(bytes))
}

/// Loads the directory's in-memory index in the background, so the first
/// search after a start does not pay for it (about 2.6 s at 100,000 profiles).
pub fn spawn_directory_warm_up(db: Db, directory: Arc<Directory>) {
    tokio::spawn(async move {
        let started = std::time::Instant::now();
        match directory.current(&db).await {
            Ok(_) => tracing::info!(ms = started.elapsed().as_millis(), "directory index loaded"),
            Err(e) => {
                tracing::warn!(error = %e, "directory index not loaded; the first search will load it")
            }
        }
    });
}

/// Runs Carrel's scheduled work (`app::jobs::JOBS`) in one loop. Every job is
/// safe on several instances.
pub fn spawn_jobs(services: Services) {
    tokio::spawn(async move {
        let mut last_run: Vec<Option<Instant>> = vec![None; JOBS.len()];
        // Look for work as often as the most frequent job wants it; each job
        // runs when its own period has passed.
        let tick_every = JOBS
            .iter()
            .map(|j| j.every)
            .min()
            .unwrap_or(Duration::from_secs(30));
        let mut tick = tokio::time::interval(tick_every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            for (job, last) in JOBS.iter().zip(&mut last_run) {
                if last.is_some_and(|at| at.elapsed() < job.every) {
                    continue;
                }
                *last = Some(Instant::now());
                match (job.run)(&services, now_ms()).await {
                    Ok(0) => {}
                    Ok(done) => tracing::info!(job = job.name, done, "scheduled work done"),
                    Err(e) => tracing::warn!(job = job.name, error = %e, "scheduled work failed"),
                }
            }
        }
    });
}
