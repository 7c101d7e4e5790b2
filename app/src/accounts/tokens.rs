//! Single-use links sent by email: proving an address and resetting a
//! password. The token travels only in the email; the database keeps its
//! SHA-256, so neither a copy of the database nor its logs open an account.

use crate::{choices::choices, dates::DAY_MS, error::AppError};
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::AnyConnection;

choices! {
    /// What a link is for, and so how long it lives.
    Purpose in accounts.purpose {
        Verify = ("verify", verify),
        Reset = ("reset", reset),
    }
}

impl Purpose {
    pub fn lifetime_ms(self) -> i64 {
        match self {
            Purpose::Verify => DAY_MS,
            Purpose::Reset => 60 * 60 * 1000,
        }
    }
}

/// Links of one purpose a member may be sent per hour: enough to resend a
/// few times, too few to flood an inbox.
pub const PER_HOUR: i64 = 5;

/// A token as it arrives in a link: 64 hex digits, or nothing that can match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    pub fn parse(raw: &str) -> Option<Self> {
        let raw = raw.trim();
        (raw.len() == 64 && raw.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| Self(raw.to_ascii_lowercase()))
    }

    fn hash(&self) -> String {
        hex::encode(Sha256::digest(self.0.as_bytes()))
    }
}

/// Makes a link for `user_id` proving `email` (or resetting their password)
/// and returns the token for the email; `None` when the hourly allowance is
/// spent, after which the caller rolls back. In the caller's transaction,
/// with the email that carries it.
pub async fn issue(
    conn: &mut AnyConnection,
    user_id: i64,
    purpose: Purpose,
    email: &str,
    now: i64,
) -> Result<Option<String>, sqlx::Error> {
    // Only the newest link works: "use the latest email" is the rule members
    // follow. Written first, so on SQLite the transaction holds the write
    // lock before it reads (a read that later writes can fail as busy).
    sqlx::query(
        "UPDATE account_tokens SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL",
    )
    .bind(now)
    .bind(user_id)
    .bind(purpose)
    .execute(&mut *conn)
    .await?;
    let (recent,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM account_tokens WHERE user_id = $1 AND purpose = $2 AND created_at > $3",
    )
    .bind(user_id)
    .bind(purpose)
    .bind(now - 60 * 60 * 1000)
    .fetch_one(&mut *conn)
    .await?;
    if recent >= PER_HOUR {
        return Ok(None);
    }
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = Token(hex::encode(bytes));
    sqlx::query(
        "INSERT INTO account_tokens (user_id, purpose, token_hash, email, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(user_id)
    .bind(purpose)
    .bind(token.hash())
    .bind(email)
    .bind(now)
    .bind(now + purpose.lifetime_ms())
    .execute(&mut *conn)
    .await?;
    Ok(Some(token.0))
}

/// Whose link this is and the address it proves, while it is unused and unexpired.
pub async fn peek(
    conn: &mut AnyConnection,
    purpose: Purpose,
    token: &Token,
    now: i64,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT user_id, email FROM account_tokens
         WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
    )
    .bind(token.hash())
    .bind(purpose)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await
}

/// Uses the link up, in the caller's transaction: `None` when it is unknown,
/// used, superseded, expired or for another purpose. Of two tabs racing, one
/// wins. The write comes first (see `issue`).
pub async fn consume(
    conn: &mut AnyConnection,
    purpose: Purpose,
    token: &Token,
    now: i64,
) -> Result<Option<(i64, String)>, AppError> {
    let used = sqlx::query(
        "UPDATE account_tokens SET used_at = $1
         WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1",
    )
    .bind(now)
    .bind(token.hash())
    .bind(purpose)
    .execute(&mut *conn)
    .await?;
    if used.rows_affected() == 0 {
        return Ok(None);
    }
    Ok(
        sqlx::query_as("SELECT user_id, email FROM account_tokens WHERE token_hash = $1")
            .bind(token.hash())
            .fetch_optional(&mut *conn)
            .await?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_64_hex_digits_are_tokens() {
        assert!(Token::parse(&"a".repeat(64)).is_some());
        assert!(Token::parse(&"A".repeat(64)).is_some());
        assert!(Token::parse(&"a".repeat(63)).is_none());
        assert!(Token::parse(&"g".repeat(64)).is_none());
        assert!(Token::parse("' OR 1=1 --").is_none());
    }

    #[test]
    fn the_hash_is_not_the_token() {
        let t = Token::parse(&"ab".repeat(32)).unwrap();
        assert_ne!(t.hash(), t.0);
        assert_eq!(t.hash().len(), 64);
    }
}
