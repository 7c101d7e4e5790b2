//! Sending the queued emails. In development (no SMTP address configured) each
//! email is written to an outbox folder as an `.eml` file, which admins can
//! read at `/admin/outbox`; in production it goes out over SMTP.

use crate::{dates::now_ms, db::Db, error::AppError, i18n::td_string, language::Lang};
use lettre::{
    message::{header::ContentType, Mailbox},
    AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};
use std::path::PathBuf;

/// Emails sent per pass; the rest wait for the next one.
const BATCH: i64 = 50;
/// A claimed email that was not sent within this long (its sender died) is
/// claimed again.
const CLAIM_TIMEOUT_MS: i64 = 5 * 60 * 1000;
const MAX_ATTEMPTS: i64 = 5;

#[derive(Clone)]
pub enum Transport {
    Outbox(PathBuf),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

/// How Carrel sends email, and what it puts in every message.
#[derive(Clone)]
pub struct Mailer {
    pub transport: Transport,
    pub from: Mailbox,
    /// The address members reach Carrel at, put in front of every link.
    pub public_url: String,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.transport {
            Transport::Outbox(dir) => write!(f, "Mailer(outbox {})", dir.display()),
            Transport::Smtp(_) => f.write_str("Mailer(smtp)"),
        }
    }
}

impl Mailer {
    /// SMTP when `smtp_url` is given (`smtps://user:pass@host`), otherwise the
    /// outbox folder.
    pub fn new(
        smtp_url: Option<&str>,
        outbox: PathBuf,
        from: &str,
        public_url: &str,
    ) -> Result<Self, String> {
        let transport = match smtp_url {
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| format!("CARREL_SMTP_URL: {e}"))?
                    .build(),
            ),
            None => Transport::Outbox(outbox),
        };
        Ok(Self {
            transport,
            from: from
                .parse()
                .map_err(|e| format!("CARREL_MAIL_FROM {from:?}: {e}"))?,
            public_url: public_url.trim_end_matches('/').to_owned(),
        })
    }

    /// The outbox folder, when email stays on this machine (development).
    pub fn outbox(&self) -> Option<&PathBuf> {
        match &self.transport {
            Transport::Outbox(dir) => Some(dir),
            Transport::Smtp(_) => None,
        }
    }

    async fn send(&self, message: Message) -> Result<(), String> {
        match &self.transport {
            Transport::Outbox(dir) => {
                tokio::fs::create_dir_all(dir)
                    .await
                    .map_err(|e| e.to_string())?;
                AsyncFileTransport::<Tokio1Executor>::new(dir)
                    .send(message)
                    .await
                    .map(drop)
                    .map_err(|e| e.to_string())
            }
            Transport::Smtp(smtp) => smtp
                .send(message)
                .await
                .map(drop)
                .map_err(|e| e.to_string()),
        }
    }
}

/// Sends what is queued, oldest first, and returns how many went out. Each
/// email is claimed first, so several instances never send one twice.
pub async fn send_pending(db: &Db, mailer: &Mailer) -> Result<usize, AppError> {
    let now = now_ms();
    let rows: Vec<(i64, String, String, String, String, String)> = sqlx::query_as(
        "SELECT id, to_address, to_name, subject, body, link FROM emails
         WHERE sent_at IS NULL AND attempts < $1 AND (claimed_at IS NULL OR claimed_at < $2)
         ORDER BY id LIMIT $3",
    )
    .bind(MAX_ATTEMPTS)
    .bind(now - CLAIM_TIMEOUT_MS)
    .bind(BATCH)
    .fetch_all(db.pool())
    .await?;
    let mut sent = 0;
    for (id, address, name, subject, body, link) in rows {
        let claimed = sqlx::query(
            "UPDATE emails SET claimed_at = $1, attempts = attempts + 1
             WHERE id = $2 AND sent_at IS NULL AND (claimed_at IS NULL OR claimed_at < $3)",
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
        let lang = language_for(db, &address).await?;
        let email = Email {
            address: &address,
            name: &name,
            subject: &subject,
            body: &body,
            link: &link,
        };
        let outcome = match compose(mailer, &email, lang) {
            Ok(message) => mailer.send(message).await,
            Err(e) => Err(e),
        };
        match outcome {
            Ok(()) => {
                sqlx::query(
                    "UPDATE emails SET sent_at = $1, last_error = NULL,
                            link = CASE WHEN secret = 1 THEN '' ELSE link END
                     WHERE id = $2",
                )
                .bind(now_ms())
                .bind(id)
                .execute(db.pool())
                .await?;
                sent += 1;
            }
            Err(e) => {
                tracing::warn!(email_id = id, error = %e, "email not sent; will retry");
                sqlx::query("UPDATE emails SET claimed_at = NULL, last_error = $1 WHERE id = $2")
                    .bind(e)
                    .bind(id)
                    .execute(db.pool())
                    .await?;
            }
        }
    }
    Ok(sent)
}

/// The language to write to `address` in: the choice of the member it
/// belongs to (or is waiting to be confirmed for), else English.
async fn language_for(db: &Db, address: &str) -> Result<Lang, sqlx::Error> {
    let (member,): (Option<i64>,) = sqlx::query_as(
        "SELECT COALESCE(
             (SELECT id FROM users WHERE email = $1 LIMIT 1),
             (SELECT user_id FROM account_tokens WHERE email = $1 ORDER BY id DESC LIMIT 1))",
    )
    .bind(address)
    .fetch_one(db.pool())
    .await?;
    match member {
        Some(id) => crate::accounts::store::language_of(db.pool(), id).await,
        None => Ok(Lang::default()),
    }
}

/// One queued email, as the table holds it.
struct Email<'a> {
    address: &'a str,
    name: &'a str,
    subject: &'a str,
    body: &'a str,
    link: &'a str,
}

/// The message around a queued email's words, in `lang` (its subject and
/// body were written in the recipient's language when it was queued).
fn compose(mailer: &Mailer, email: &Email<'_>, lang: Lang) -> Result<Message, String> {
    let Email {
        address,
        name,
        subject,
        body,
        link,
    } = *email;
    let to = Mailbox::new(
        Some(name.to_owned()),
        address.parse().map_err(|e| format!("{address:?}: {e}"))?,
    );
    let l = lang.locale();
    let text = format!(
        "{}\n\n{body}\n\n{}\n\n{}\n",
        td_string!(l, notifications.mail.greeting, name = name),
        td_string!(
            l,
            notifications.mail.open,
            url = format!("{}{link}", mailer.public_url)
        ),
        td_string!(l, notifications.mail.footer),
    );
    Message::builder()
        .from(mailer.from.clone())
        .to(to)
        .subject(format!("Carrel: {subject}"))
        .header(ContentType::TEXT_PLAIN)
        .body(text)
        .map_err(|e| e.to_string())
}

/// The emails in the outbox folder, newest first: (file name, raw message).
pub async fn read_outbox(dir: &PathBuf, limit: usize) -> Result<Vec<(String, String)>, AppError> {
    let io = |e: std::io::Error| {
        tracing::error!(error = %e, "reading the outbox");
        AppError::Internal
    };
    let mut entries = match tokio::fs::read_dir(dir).await {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(e)),
    };
    let mut files = Vec::new();
    while let Some(entry) = entries.next_entry().await.map_err(io)? {
        let modified = entry
            .metadata()
            .await
            .and_then(|m| m.modified())
            .map_err(io)?;
        files.push((modified, entry.path()));
    }
    files.sort_by_key(|f| std::cmp::Reverse(f.0));
    let mut out = Vec::new();
    for (_, path) in files.into_iter().take(limit) {
        let raw = tokio::fs::read_to_string(&path).await.map_err(io)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.push((name, raw));
    }
    Ok(out)
}
