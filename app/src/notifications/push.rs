//! Web Push (RFC 8030) to the devices members asked for: the server's VAPID
//! identity (RFC 8292), which push services it posts to, a notification per
//! device queued in the caller's transaction, and the job that encrypts
//! (RFC 8291, aes128gcm) and sends them.

use super::model::Topic;
use crate::{dates::now_ms, db::Db, error::AppError};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
use reqwest::{StatusCode, Url};
use serde::Serialize;
use sqlx::AnyConnection;
use std::{sync::Arc, time::Duration};
use web_push_native::{
    jwt_simple::algorithms::{ECDSAP256PublicKeyLike as _, ES256KeyPair},
    p256, Auth, WebPushBuilder,
};

/// Notifications sent per pass; the rest wait for the next one.
const BATCH: i64 = 100;
/// A claimed notification not sent within this long (its sender died) is claimed again.
const CLAIM_TIMEOUT_MS: i64 = 5 * 60 * 1000;
pub const MAX_ATTEMPTS: i64 = 5;
/// How long a push service keeps a notification for a device that is off; the
/// crate also makes it the VAPID token's lifetime, which push services cap at 24 h.
const KEEP_FOR: Duration = Duration::from_secs(12 * 60 * 60);
/// Push services take at most 4,096 bytes; a body is cut well before that.
const MAX_BODY_CHARS: usize = 500;
/// Devices one member may have notified at once.
pub const MAX_DEVICES: i64 = 20;
const MAX_ENDPOINT_CHARS: usize = 1000;

/// The push services Carrel posts to unless `CARREL_PUSH_SERVICES` says
/// otherwise: Chrome's, Firefox's, Safari's and Edge's. An endpoint anywhere
/// else is refused, so a member cannot make the server post to an address of
/// their choosing (an internal one, say).
pub const KNOWN_SERVICES: &[&str] = &[
    "https://fcm.googleapis.com",
    "https://updates.push.services.mozilla.com",
    "https://web.push.apple.com",
    "https://*.notify.windows.com",
];

/// One allowed push service: a scheme, a host (or `*.` and a domain) and a port.
#[derive(Debug, Clone)]
struct Service {
    scheme: String,
    host: String,
    any_subdomain: bool,
    port: Option<u16>,
}

impl Service {
    fn parse(origin: &str) -> Result<Self, String> {
        let (wild, url) = match origin.split_once("://*.") {
            Some((scheme, rest)) => (true, format!("{scheme}://{rest}")),
            None => (false, origin.to_owned()),
        };
        let url = Url::parse(&url).map_err(|e| format!("push service {origin:?}: {e}"))?;
        Ok(Self {
            scheme: url.scheme().to_owned(),
            host: url
                .host_str()
                .ok_or_else(|| format!("push service {origin:?} has no host"))?
                .to_owned(),
            any_subdomain: wild,
            port: url.port_or_known_default(),
        })
    }

    fn allows(&self, url: &Url) -> bool {
        let Some(host) = url.host_str() else {
            return false;
        };
        let host_fits = if self.any_subdomain {
            host.strip_suffix(self.host.as_str())
                .is_some_and(|sub| sub.len() > 1 && sub.ends_with('.'))
        } else {
            host == self.host
        };
        url.scheme() == self.scheme && host_fits && url.port_or_known_default() == self.port
    }
}

/// A browser's push subscription as `PushSubscription.toJSON()` gives it,
/// parsed: an endpoint at an allowed service and the keys to encrypt for it.
#[derive(Debug, Clone)]
pub struct Subscription {
    pub endpoint: String,
    pub p256dh: String,
    pub auth: String,
}

/// How Carrel pushes: its VAPID key, the contact it gives push services, the
/// services it posts to, and an HTTP client that follows no redirects.
#[derive(Clone)]
pub struct Pusher {
    key: Arc<ES256KeyPair>,
    public_key: String,
    contact: String,
    services: Arc<Vec<Service>>,
    client: reqwest::Client,
}

impl std::fmt::Debug for Pusher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Pusher(key {}, {:?})", self.public_key, self.services)
    }
}

impl Pusher {
    /// The VAPID key is `key` (a P-256 private key, 32 bytes in base64url) when
    /// given, else the one kept in the database, made on the first start.
    pub async fn new(
        db: &Db,
        key: Option<&str>,
        contact: &str,
        services: &[String],
    ) -> Result<Self, String> {
        let key = match key {
            Some(k) => k.to_owned(),
            None => stored_key(db)
                .await
                .map_err(|e| format!("VAPID key: {e}"))?,
        };
        let key = URL_SAFE_NO_PAD
            .decode(key.trim())
            .ok()
            .and_then(|raw| ES256KeyPair::from_bytes(&raw).ok())
            .ok_or("CARREL_VAPID_KEY is not a P-256 private key in base64url")?;
        let public_key =
            URL_SAFE_NO_PAD.encode(key.public_key().public_key().to_bytes_uncompressed());
        let services = services
            .iter()
            .map(|s| Service::parse(s))
            .collect::<Result<Vec<_>, _>>()?;
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Self {
            key: Arc::new(key),
            public_key,
            contact: contact.to_owned(),
            services: Arc::new(services),
            client,
        })
    }

    /// The key browsers subscribe with (`applicationServerKey`), in base64url.
    pub fn public_key(&self) -> &str {
        &self.public_key
    }

    fn allows(&self, endpoint: &str) -> Option<Url> {
        let url = Url::parse(endpoint).ok()?;
        self.services.iter().any(|s| s.allows(&url)).then_some(url)
    }

    /// Parses what a browser sent: the endpoint must be at an allowed push
    /// service, `p256dh` a P-256 point and `auth` 16 bytes.
    pub fn subscription(
        &self,
        endpoint: &str,
        p256dh: &str,
        auth: &str,
    ) -> Result<Subscription, AppError> {
        let bad = |why: &str| AppError::BadRequest(why.to_owned());
        if endpoint.len() > MAX_ENDPOINT_CHARS || self.allows(endpoint).is_none() {
            return Err(bad(crate::tr!(notifications.push.errors.service)));
        }
        let keys_ok = URL_SAFE_NO_PAD
            .decode(p256dh.trim_end_matches('='))
            .ok()
            .is_some_and(|k| p256::PublicKey::from_sec1_bytes(&k).is_ok())
            && URL_SAFE_NO_PAD
                .decode(auth.trim_end_matches('='))
                .is_ok_and(|a| a.len() == 16);
        if !keys_ok {
            return Err(bad(crate::tr!(notifications.push.errors.keys)));
        }
        Ok(Subscription {
            endpoint: endpoint.to_owned(),
            p256dh: p256dh.trim_end_matches('=').to_owned(),
            auth: auth.trim_end_matches('=').to_owned(),
        })
    }

    /// Encrypts `payload` for one device and posts it to its push service.
    async fn deliver(&self, sub: &Subscription, payload: &str) -> Outcome {
        let Some(url) = self.allows(&sub.endpoint) else {
            return Outcome::Refused("the endpoint is not at an allowed push service".into());
        };
        let request = (|| {
            let ua_public =
                p256::PublicKey::from_sec1_bytes(&URL_SAFE_NO_PAD.decode(&sub.p256dh).ok()?)
                    .ok()?;
            let auth = URL_SAFE_NO_PAD
                .decode(&sub.auth)
                .ok()
                .filter(|a| a.len() == 16)?;
            WebPushBuilder::new(
                sub.endpoint.parse().ok()?,
                ua_public,
                Auth::clone_from_slice(&auth),
            )
            .with_valid_duration(KEEP_FOR)
            .with_vapid(&self.key, &self.contact)
            .build(payload.as_bytes().to_vec())
            .ok()
        })();
        let Some(request) = request else {
            return Outcome::Refused("the subscription's keys do not encrypt".into());
        };
        let (parts, body) = request.into_parts();
        match self
            .client
            .post(url)
            .headers(parts.headers)
            .body(body)
            .send()
            .await
        {
            Ok(res) if res.status().is_success() => Outcome::Delivered,
            // RFC 8030 §7.3: the subscription has expired or was removed.
            Ok(res) if matches!(res.status(), StatusCode::NOT_FOUND | StatusCode::GONE) => {
                Outcome::Gone
            }
            Ok(res)
                if res.status().is_server_error()
                    || res.status() == StatusCode::TOO_MANY_REQUESTS =>
            {
                Outcome::Failed(format!("push service answered {}", res.status()))
            }
            Ok(res) => Outcome::Refused(format!("push service answered {}", res.status())),
            Err(e) => Outcome::Failed(e.to_string()),
        }
    }
}

enum Outcome {
    Delivered,
    /// The device is gone: forget it.
    Gone,
    /// Worth trying again later.
    Failed(String),
    /// Would fail the same way every time.
    Refused(String),
}

/// The kept VAPID key, made by whichever instance starts first.
async fn stored_key(db: &Db) -> Result<String, sqlx::Error> {
    let fresh = URL_SAFE_NO_PAD.encode(ES256KeyPair::generate().to_bytes());
    sqlx::query(
        "INSERT INTO vapid_keys (id, private_key, created_at) VALUES (1, $1, $2)
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(fresh)
    .bind(now_ms())
    .execute(db.pool())
    .await?;
    let (key,): (String,) = sqlx::query_as("SELECT private_key FROM vapid_keys WHERE id = 1")
        .fetch_one(db.pool())
        .await?;
    Ok(key)
}

/// What the service worker shows: a title, one line, and the page a tap opens.
#[derive(Debug, Clone, Serialize)]
pub struct Note<'a> {
    pub title: &'a str,
    pub body: &'a str,
    /// A path in Carrel.
    pub url: &'a str,
    /// Notifications with one tag replace each other on the device.
    pub tag: &'a str,
}

/// Queues `note` for each device of `user_id` in the caller's transaction,
/// unless the member turned `topic` off for push; `None` always goes.
pub async fn queue(
    conn: &mut AnyConnection,
    user_id: i64,
    topic: Option<Topic>,
    note: &Note<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    let body: String = note.body.chars().take(MAX_BODY_CHARS).collect();
    // Email subjects follow "Carrel: "; a notification's title starts a line.
    let mut title = note.title.chars();
    let title: String = title
        .next()
        .map(|first| first.to_uppercase().chain(title).collect())
        .unwrap_or_default();
    let payload = serde_json::to_string(&Note {
        title: &title,
        body: &body,
        ..note.clone()
    })
    .expect("a note is plain strings");
    sqlx::query(
        "INSERT INTO pushes (subscription_id, payload, created_at)
         SELECT s.id, $1, $2 FROM push_subscriptions s JOIN users u ON u.id = s.user_id
         WHERE s.user_id = $3 AND u.deleted_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM push_opt_outs o WHERE o.user_id = $3 AND o.topic = $4)",
    )
    .bind(payload)
    .bind(now)
    .bind(user_id)
    .bind(topic.map_or("", Topic::slug))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Sends what is queued, oldest first, and returns how many went out. Each
/// notification is claimed first, so several instances never send one twice.
pub async fn send_pending(db: &Db, pusher: &Pusher) -> Result<usize, AppError> {
    let now = now_ms();
    let rows: Vec<(i64, String, i64, String, String, String)> = sqlx::query_as(
        "SELECT p.id, p.payload, s.id, s.endpoint, s.p256dh, s.auth
         FROM pushes p JOIN push_subscriptions s ON s.id = p.subscription_id
         WHERE p.attempts < $1 AND (p.claimed_at IS NULL OR p.claimed_at < $2)
         ORDER BY p.id LIMIT $3",
    )
    .bind(MAX_ATTEMPTS)
    .bind(now - CLAIM_TIMEOUT_MS)
    .bind(BATCH)
    .fetch_all(db.pool())
    .await?;
    let mut sent = 0;
    for (id, payload, device, endpoint, p256dh, auth) in rows {
        let claimed = sqlx::query(
            "UPDATE pushes SET claimed_at = $1, attempts = attempts + 1
             WHERE id = $2 AND (claimed_at IS NULL OR claimed_at < $3)",
        )
        .bind(now)
        .bind(id)
        .bind(now - CLAIM_TIMEOUT_MS)
        .execute(db.pool())
        .await?
        .rows_affected();
        if claimed == 0 {
            continue;
        }
        let sub = Subscription {
            endpoint,
            p256dh,
            auth,
        };
        match pusher.deliver(&sub, &payload).await {
            Outcome::Delivered => {
                // Sent notifications are not kept: they name who wrote.
                sqlx::query("DELETE FROM pushes WHERE id = $1")
                    .bind(id)
                    .execute(db.pool())
                    .await?;
                sqlx::query("UPDATE push_subscriptions SET last_used_at = $1 WHERE id = $2")
                    .bind(now_ms())
                    .bind(device)
                    .execute(db.pool())
                    .await?;
                sent += 1;
            }
            Outcome::Gone => {
                tracing::info!(device, "push subscription gone; forgotten");
                sqlx::query("DELETE FROM push_subscriptions WHERE id = $1")
                    .bind(device)
                    .execute(db.pool())
                    .await?;
            }
            Outcome::Failed(e) => {
                tracing::warn!(push_id = id, error = %e, "push not sent; will retry");
                sqlx::query("UPDATE pushes SET claimed_at = NULL, last_error = $1 WHERE id = $2")
                    .bind(e)
                    .bind(id)
                    .execute(db.pool())
                    .await?;
            }
            Outcome::Refused(e) => {
                tracing::warn!(push_id = id, error = %e, "push refused; not retried");
                sqlx::query("UPDATE pushes SET attempts = $1, last_error = $2 WHERE id = $3")
                    .bind(MAX_ATTEMPTS)
                    .bind(e)
                    .bind(id)
                    .execute(db.pool())
                    .await?;
            }
        }
    }
    Ok(sent)
}
