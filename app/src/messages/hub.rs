//! Doorbells for open streams. A ring says only "something changed for member
//! N"; the stream then reads the database from its own cursor, so a missed or
//! repeated ring can never lose or duplicate a message.
//!
//! On PostgreSQL a ring is a `NOTIFY` sent inside the writing transaction (so it
//! is delivered only if, and after, the change commits) and every instance
//! LISTENs; on SQLite, which one process owns, rings go through an in-process
//! channel after the commit.

use crate::{db::Backend, error::AppError};
use leptos::prelude::use_context;
use sqlx::AnyConnection;
use std::{
    collections::HashMap,
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc, Mutex, OnceLock,
    },
    time::Duration,
};
use tokio::sync::broadcast;

const CHANNEL: &str = "carrel_ring";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ring {
    /// A new message in one of the member's threads.
    Message,
    /// `reader_id` read `mentorship_id` up to message `up_to`.
    Seen {
        mentorship_id: i64,
        reader_id: i64,
        up_to: i64,
    },
    /// A notification for the bell.
    Notice,
    /// Rings may have been missed (the listener reconnected): re-read everything.
    Resync,
}

impl Ring {
    fn encode(self, user_id: i64) -> String {
        match self {
            Ring::Message => format!("{user_id} m"),
            Ring::Seen {
                mentorship_id,
                reader_id,
                up_to,
            } => format!("{user_id} s {mentorship_id} {reader_id} {up_to}"),
            Ring::Notice => format!("{user_id} n"),
            Ring::Resync => format!("{user_id} r"),
        }
    }

    fn decode(payload: &str) -> Option<(i64, Ring)> {
        let parts: Vec<&str> = payload.split(' ').collect();
        let user = parts.first()?.parse().ok()?;
        let num = |i: usize| parts.get(i).and_then(|p| p.parse::<i64>().ok());
        let ring = match *parts.get(1)? {
            "m" => Ring::Message,
            "n" => Ring::Notice,
            "r" => Ring::Resync,
            "s" => Ring::Seen {
                mentorship_id: num(2)?,
                reader_id: num(3)?,
                up_to: num(4)?,
            },
            _ => return None,
        };
        Some((user, ring))
    }
}

/// Rings gathered during a transaction.
#[derive(Debug, Default)]
pub struct Rings(Vec<(i64, Ring)>);

impl Rings {
    pub fn add(&mut self, user_id: i64, ring: Ring) {
        self.0.push((user_id, ring));
    }
}

#[derive(Debug)]
pub struct Hub {
    backend: Backend,
    url: String,
    members: Mutex<HashMap<i64, broadcast::Sender<Ring>>>,
    listener: OnceLock<()>,
    /// Set at shutdown: the LISTEN loop stops.
    closed: AtomicBool,
}

/// A member's subscription; leaving drops the member's channel when it was the last.
pub struct Subscription {
    hub: Arc<Hub>,
    user_id: i64,
    pub rx: broadcast::Receiver<Ring>,
}

impl Drop for Subscription {
    fn drop(&mut self) {
        let mut members = self.hub.members.lock().unwrap_or_else(|p| p.into_inner());
        if members
            .get(&self.user_id)
            .is_some_and(|tx| tx.receiver_count() <= 1)
        {
            members.remove(&self.user_id);
        }
    }
}

impl Hub {
    /// One per instance, on the database `url` points to (PostgreSQL's LISTEN
    /// needs a connection of its own).
    pub fn new(backend: Backend, url: &str) -> Self {
        Self {
            backend,
            url: url.to_owned(),
            members: Mutex::default(),
            listener: OnceLock::new(),
            closed: AtomicBool::new(false),
        }
    }

    /// Listens for `user_id`'s rings. On PostgreSQL the first subscription starts
    /// this instance's LISTEN connection.
    pub fn subscribe(self: &Arc<Self>, user_id: i64) -> Subscription {
        if self.backend == Backend::Postgres {
            self.listener.get_or_init(|| {
                tokio::spawn(listen(Arc::downgrade(self), self.url.clone()));
            });
        }
        let rx = self
            .members
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .entry(user_id)
            .or_insert_with(|| broadcast::channel(32).0)
            .subscribe();
        Subscription {
            hub: self.clone(),
            user_id,
            rx,
        }
    }

    pub fn close(&self) {
        self.closed.store(true, Ordering::Relaxed);
    }

    /// Queues `rings` in the transaction on PostgreSQL; nothing on SQLite.
    pub async fn ring_in(
        &self,
        conn: &mut AnyConnection,
        rings: &Rings,
    ) -> Result<(), sqlx::Error> {
        if self.backend == Backend::Postgres {
            for (user, ring) in &rings.0 {
                sqlx::query("SELECT pg_notify($1, $2)")
                    .bind(CHANNEL)
                    .bind(ring.encode(*user))
                    .execute(&mut *conn)
                    .await?;
            }
        }
        Ok(())
    }

    /// Delivers `rings` after their transaction committed, on SQLite.
    pub fn rang(&self, rings: Rings) {
        if self.backend == Backend::Sqlite {
            for (user, ring) in rings.0 {
                self.deliver(user, ring);
            }
        }
    }

    fn deliver(&self, user_id: i64, ring: Ring) {
        let members = self.members.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(tx) = members.get(&user_id) {
            // No receiver left is fine: the member closed their last tab.
            let _ = tx.send(ring);
        }
    }

    fn deliver_to_all(&self, ring: Ring) {
        let members = self.members.lock().unwrap_or_else(|p| p.into_inner());
        for tx in members.values() {
            let _ = tx.send(ring);
        }
    }
}

/// This instance's hub, for server functions.
pub fn use_hub() -> Result<Arc<Hub>, AppError> {
    use_context::<Arc<Hub>>().ok_or_else(|| {
        tracing::error!("no message hub in the Leptos context");
        AppError::Internal
    })
}

/// Queues a bell ring for `user_id` in the caller's transaction (PostgreSQL
/// only: on SQLite the streams re-check the bell on their own every few seconds).
pub async fn ring_notice(conn: &mut AnyConnection, user_id: i64) -> Result<(), sqlx::Error> {
    if conn.backend_name() == "PostgreSQL" {
        sqlx::query("SELECT pg_notify($1, $2)")
            .bind(CHANNEL)
            .bind(Ring::Notice.encode(user_id))
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// This instance's LISTEN loop; it ends when the hub is gone. After a lost
/// connection every stream re-reads, since rings sent meanwhile are lost.
async fn listen(hub: std::sync::Weak<Hub>, url: String) {
    use sqlx::postgres::PgListener;
    let mut listener: Option<PgListener> = None;
    loop {
        match hub.upgrade() {
            Some(h) if !h.closed.load(Ordering::Relaxed) => {}
            _ => return,
        }
        let Some(l) = listener.as_mut() else {
            match PgListener::connect(&url).await {
                Ok(mut l) => match l.listen(CHANNEL).await {
                    Ok(()) => {
                        listener = Some(l);
                        if let Some(hub) = hub.upgrade() {
                            hub.deliver_to_all(Ring::Resync);
                        }
                    }
                    Err(e) => tracing::warn!(error = %e, "LISTEN failed; retrying"),
                },
                Err(e) => tracing::warn!(error = %e, "no LISTEN connection; retrying"),
            }
            if listener.is_none() {
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            continue;
        };
        // No timeout around `try_recv`: cutting it off mid-reconnect would hide
        // the reconnect, and with it the resync.
        match l.try_recv().await {
            Ok(Some(n)) => {
                if let (Some(hub), Some((user, ring))) = (hub.upgrade(), Ring::decode(n.payload()))
                {
                    hub.deliver(user, ring);
                }
            }
            Ok(None) => {
                tracing::warn!("LISTEN connection lost and re-established; streams re-read");
                if let Some(hub) = hub.upgrade() {
                    hub.deliver_to_all(Ring::Resync);
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "LISTEN connection failed; reconnecting");
                listener = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Ring;

    #[test]
    fn rings_survive_the_notify_payload() {
        for ring in [
            Ring::Message,
            Ring::Notice,
            Ring::Resync,
            Ring::Seen {
                mentorship_id: 7,
                reader_id: 3,
                up_to: 99,
            },
        ] {
            assert_eq!(Ring::decode(&ring.encode(42)), Some((42, ring)));
        }
        assert_eq!(Ring::decode("x m"), None);
        assert_eq!(Ring::decode("1 s 2"), None);
    }
}
