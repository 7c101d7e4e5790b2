//! Sessions live in the database, so several server instances share them. The
//! session mechanics (cookie, id renewal, expiry) are tower-sessions'; this is
//! only its storage, written against `Db` like every other query.

use super::store::{DEVICE_KEY, PLACE_KEY, USER_ID_KEY};
use crate::db::Db;
use async_trait::async_trait;
use tower_sessions::{
    session::{Id, Record},
    session_store::{self, ExpiredDeletion, SessionStore},
};

#[derive(Clone, Debug)]
pub struct DbSessionStore {
    db: Db,
}

impl DbSessionStore {
    pub fn new(db: Db) -> Self {
        Self { db }
    }
}

fn backend(err: sqlx::Error) -> session_store::Error {
    session_store::Error::Backend(err.to_string())
}

fn encode(record: &Record) -> session_store::Result<String> {
    serde_json::to_string(record).map_err(|e| session_store::Error::Encode(e.to_string()))
}

impl DbSessionStore {
    /// Inserts `record`; `on_conflict` says what an existing id means. Returns the
    /// number of rows written. Whose session it is, and the device and place it
    /// was signed in from, are copied into columns so a member can list theirs.
    async fn write(&self, record: &Record, on_conflict: &str) -> session_store::Result<u64> {
        let text = |key: &str| {
            record
                .data
                .get(key)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned()
        };
        let written = sqlx::query(&format!(
            "INSERT INTO sessions (id, record, expires_at, user_id, device, place, last_active_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) {on_conflict}"
        ))
        .bind(record.id.to_string())
        .bind(encode(record)?)
        .bind(record.expiry_date.unix_timestamp() * 1000)
        .bind(record.data.get(USER_ID_KEY).and_then(|v| v.as_i64()))
        .bind(text(DEVICE_KEY))
        .bind(text(PLACE_KEY))
        .bind(crate::dates::now_ms())
        .execute(self.db.pool())
        .await
        .map_err(backend)?;
        Ok(written.rows_affected())
    }
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // A fresh random id colliding is astronomically unlikely; if it does, draw again.
        while self.write(record, "DO NOTHING").await? == 0 {
            record.id = Id::default();
        }
        Ok(())
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        self.write(
            record,
            "DO UPDATE SET record = excluded.record, expires_at = excluded.expires_at, \
             user_id = excluded.user_id, device = excluded.device, place = excluded.place, \
             last_active_at = excluded.last_active_at",
        )
        .await?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT record FROM sessions WHERE id = $1 AND expires_at > $2")
                .bind(id.to_string())
                .bind(crate::dates::now_ms())
                .fetch_optional(self.db.pool())
                .await
                .map_err(backend)?;
        row.map(|(json,)| {
            serde_json::from_str(&json).map_err(|e| session_store::Error::Decode(e.to_string()))
        })
        .transpose()
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id = $1")
            .bind(id.to_string())
            .execute(self.db.pool())
            .await
            .map_err(backend)?;
        Ok(())
    }
}

#[async_trait]
impl ExpiredDeletion for DbSessionStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(crate::dates::now_ms())
            .execute(self.db.pool())
            .await
            .map_err(backend)?;
        Ok(())
    }
}
