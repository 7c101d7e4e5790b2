//! `carrel`: serve the app, run migrations, or add demo data.

use anyhow::Context;
use app::{db::Db, directory::index::Directory, messages::hub::Hub};
use clap::{Parser, Subcommand};
use server::{config::Config, demo, startup};
use std::sync::Arc;
use tracing_subscriber::{fmt, EnvFilter};

// mimalloc gives freed memory back to the system; glibc's malloc kept the
// 19 MiB blocks of every concurrent password hash in per-thread arenas
// (1.3 GB after 1,000 sign-ins in the load test).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "carrel", about = "Mentoring for librarians")]
struct Cli {
    #[command(flatten)]
    config: Config,
    /// Log as JSON lines instead of human-readable text.
    #[arg(long, env = "CARREL_LOG_JSON", global = true)]
    log_json: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate the database and serve Carrel (the default).
    Serve {
        /// Fill an empty database with fictional demo members on start.
        #[arg(long, env = "CARREL_DEMO")]
        demo: bool,
    },
    /// Apply pending migrations and exit.
    Migrate,
    /// Make an existing member an administrator: how a new site names its first.
    Admin {
        /// The member's email address.
        email: String,
    },
    /// Add fictional demo members (idempotent for a given seed).
    Seed {
        #[arg(long, default_value_t = 200)]
        count: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let filter = EnvFilter::try_from_env("CARREL_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    if cli.log_json {
        fmt().json().with_env_filter(filter).init();
    } else {
        fmt().with_env_filter(filter).init();
    }

    let mut config = cli.config;
    config.read_oidc_env().map_err(anyhow::Error::msg)?;
    let db = Db::connect(&config.database_url)
        .await
        .with_context(|| format!("connecting to {}", redact(&config.database_url)))?;
    db.migrate().await.context("running migrations")?;

    match cli.command.unwrap_or(Command::Serve { demo: false }) {
        Command::Migrate => tracing::info!("migrations applied"),
        Command::Admin { email } => {
            if !app::accounts::store::make_admin(&db, &email)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?
            {
                anyhow::bail!("no member has the address {email}; they sign up first");
            }
            tracing::info!(%email, "made an administrator");
        }
        Command::Seed { count, seed } => {
            let added = demo::seed(&db, count, seed).await?;
            tracing::info!(added, "demo members added");
        }
        Command::Serve { demo } => {
            let hub = Arc::new(Hub::new(db.backend(), &config.database_url));
            if demo && demo::is_empty(&db).await? {
                let added = demo::seed(&db, 200, 1).await?;
                let enrolled = demo::seed_programs(&db, &hub, app::dates::now_ms()).await?;
                let requests = demo::seed_mentorships(&db, &hub, 40, 1).await?;
                let meetings = demo::seed_meetings(&db, app::dates::now_ms()).await?;
                tracing::info!(
                    added,
                    enrolled,
                    requests,
                    meetings,
                    admin = demo::DEMO_ADMIN_EMAIL,
                    password = demo::DEMO_PASSWORD,
                    "first start: demo members added"
                );
            }
            let mailer = config.mailer().map_err(anyhow::Error::msg)?;
            tracing::info!(?mailer, "email");
            let pusher = config.pusher(&db).await.map_err(anyhow::Error::msg)?;
            let directory = Arc::<Directory>::default();
            startup::spawn_directory_warm_up(db.clone(), directory.clone());
            startup::spawn_jobs(app::jobs::Services {
                db: db.clone(),
                hub: hub.clone(),
                mailer: mailer.clone(),
                pusher: pusher.clone(),
                unread_after_ms: i64::from(config.unread_email_minutes) * 60_000,
            });
            let app = startup::router(&config, db.clone(), hub.clone(), directory, mailer, pusher);
            let listener = tokio::net::TcpListener::bind(config.addr)
                .await
                .with_context(|| format!("listening on {}", config.addr))?;
            tracing::info!("Carrel is at http://{}", listener.local_addr()?);
            // The peer's address feeds the per-client rate limits.
            axum::serve(
                listener,
                app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
            )
            .with_graceful_shutdown(shutdown())
            .await?;
            hub.close();
            db.close().await;
        }
    }
    Ok(())
}

/// Hides a password in a database URL before it reaches a log.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => match url[s + 3..at].find(':') {
            Some(c) => format!("{}:***{}", &url[..s + 3 + c], &url[at..]),
            None => url.to_owned(),
        },
        _ => url.to_owned(),
    }
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}
