//! Configuration from the environment (or flags), with defaults that run Carrel
//! locally with nothing set.

use app::sso::client::ProviderConfig;
use clap::Args;
use std::net::{IpAddr, SocketAddr};

#[derive(Args, Clone, Debug)]
pub struct Config {
    /// sqlite://path/to/file.db or postgres://user@host/db
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/carrel.db")]
    pub database_url: String,

    /// Address to listen on.
    #[arg(long, env = "CARREL_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// Folder with the built site (the wasm, JS, CSS and public files).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,

    /// The address members reach Carrel at. When it is https, cookies are Secure.
    #[arg(long, env = "CARREL_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// SMTP server for email, e.g. smtps://user:password@mail.example.org. Without
    /// it, email is written to the outbox folder (development).
    #[arg(long, env = "CARREL_SMTP_URL")]
    pub smtp_url: Option<String>,

    /// Where email goes when no SMTP server is set; admins read it at /admin/outbox.
    #[arg(long, env = "CARREL_OUTBOX", default_value = "data/outbox")]
    pub outbox: String,

    /// The sender of Carrel's email.
    #[arg(
        long,
        env = "CARREL_MAIL_FROM",
        default_value = "Carrel <no-reply@carrel.example>"
    )]
    pub mail_from: String,

    /// Minutes a message may stay unread before its reader gets an email about it.
    #[arg(long, env = "CARREL_UNREAD_EMAIL_MINUTES", default_value_t = 15)]
    pub unread_email_minutes: u32,

    /// Carrel runs behind a reverse proxy: take the client's address from the
    /// last `X-Forwarded-For` entry (for rate limits) instead of the peer's.
    #[arg(long, env = "CARREL_TRUST_PROXY", default_value_t = false)]
    pub trust_proxy: bool,

    /// Client addresses never rate limited (a load tool, a test runner), comma-separated.
    #[arg(long, env = "CARREL_RATE_LIMIT_EXEMPT", value_delimiter = ',')]
    pub rate_limit_exempt: Vec<IpAddr>,

    /// Open message streams one instance accepts in all (each holds a connection).
    #[arg(long, env = "CARREL_MAX_STREAMS", default_value_t = 5000)]
    pub max_streams: usize,

    /// OpenID Providers members may sign in with, by short name (comma-separated,
    /// e.g. `ala,umich`). Each needs CARREL_OIDC_<NAME>_ISSUER, _CLIENT_ID,
    /// _CLIENT_SECRET and _LABEL (the button says "Sign in with <label>").
    #[arg(long, env = "CARREL_OIDC_PROVIDERS", value_delimiter = ',')]
    pub oidc_providers: Vec<String>,

    /// The server's VAPID private key for Web Push (32 bytes, base64url). Without
    /// it, a key is made on the first start and kept in the database.
    #[arg(long, env = "CARREL_VAPID_KEY", hide_env_values = true)]
    pub vapid_key: Option<String>,

    /// Push services Carrel posts notifications to, by origin (`https://*.x` for
    /// any subdomain), comma-separated; the browsers' own services by default.
    #[arg(long, env = "CARREL_PUSH_SERVICES", value_delimiter = ',',
          default_values_t = app::notifications::push::KNOWN_SERVICES.iter().map(|s| s.to_string()))]
    pub push_services: Vec<String>,

    /// The providers themselves, read by `read_oidc_env` (or set by tests).
    #[arg(skip)]
    pub oidc: Vec<ProviderConfig>,
}

impl Config {
    /// The mailer this configuration describes.
    pub fn mailer(&self) -> Result<app::notifications::mail::Mailer, String> {
        let public = self.public_url();
        app::notifications::mail::Mailer::new(
            self.smtp_url.as_deref(),
            self.outbox.clone().into(),
            &self.mail_from,
            &public,
        )
    }

    /// How Carrel pushes notifications: push services learn to write to the
    /// address Carrel's email comes from.
    pub async fn pusher(
        &self,
        db: &app::db::Db,
    ) -> Result<app::notifications::push::Pusher, String> {
        let address = self
            .mail_from
            .rsplit_once('<')
            .map_or(self.mail_from.as_str(), |(_, a)| a.trim_end_matches('>'));
        app::notifications::push::Pusher::new(
            db,
            self.vapid_key.as_deref(),
            &format!("mailto:{}", address.trim()),
            &self.push_services,
        )
        .await
    }

    /// Where members reach Carrel: the configured address, else the listening one.
    pub fn public_url(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.addr))
    }

    /// Fills `oidc` from the environment, one provider per name in
    /// `oidc_providers`; names the first missing or bad variable.
    pub fn read_oidc_env(&mut self) -> Result<(), String> {
        for name in self
            .oidc_providers
            .iter()
            .map(|n| n.trim())
            .filter(|n| !n.is_empty())
        {
            let slug = name.to_lowercase();
            if !slug.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                return Err(format!(
                    "CARREL_OIDC_PROVIDERS: {name:?} must be letters, digits and dashes"
                ));
            }
            let var = |part: &str| {
                let key = format!(
                    "CARREL_OIDC_{}_{part}",
                    slug.to_uppercase().replace('-', "_")
                );
                std::env::var(&key)
                    .ok()
                    .filter(|v| !v.trim().is_empty())
                    .ok_or_else(|| format!("{key} is not set (provider {name:?})"))
            };
            self.oidc.push(ProviderConfig {
                label: var("LABEL")?,
                issuer: var("ISSUER")?,
                client_id: var("CLIENT_ID")?,
                client_secret: var("CLIENT_SECRET")?,
                slug,
            });
        }
        Ok(())
    }

    pub fn secure_cookies(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }
}
