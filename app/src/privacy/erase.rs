//! "Delete my account". What is the member's alone goes: profile, shortlist,
//! sessions, calendar feed, notifications, links, emails, blocks, letters,
//! linked organisation accounts.
//! What others rely on stays without them: in threads they become "Former
//! member" with their words erased, and program records (enrolments,
//! check-ins, mentorships) keep counting them, under no name. The users row
//! stays as that anonymous "Former member", so the address is free to join
//! again.

use crate::{
    db::Db, error::AppError, mentorships::store as mentorships, profiles::store as profiles,
};

/// The name a deleted member goes by wherever others still see their part.
pub const FORMER_MEMBER: &str = "Former member";

/// Deletes `user_id`'s account as of `now`.
pub async fn erase(db: &Db, user_id: i64, now: i64) -> Result<(), AppError> {
    // Each open request and mentorship closes by the ordinary rules first, so
    // the other member is told and the history says what happened.
    mentorships::close_all(db, user_id, now).await?;
    let mut tx = db.pool().begin().await?;
    // Written first, so the transaction holds SQLite's write lock before it reads.
    profiles::erase(&mut tx, db.backend(), user_id).await?;
    let (email,): (String,) = sqlx::query_as("SELECT email FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_one(&mut *tx)
        .await?;
    for sql in [
        // Their words in what they shared with others.
        "UPDATE messages SET body = '' WHERE sender_id = $1",
        "UPDATE goal_notes SET body = '' WHERE author_id = $1",
        "UPDATE mentorship_events SET note = '' WHERE actor_id = $1",
        "UPDATE mentorships SET message = '' WHERE mentee_id = $1",
        "UPDATE enrolments SET note = '' WHERE user_id = $1",
        "UPDATE assignment_requests SET note = '', state = 'cancelled' WHERE mentee_id = $1 AND state = 'open'",
        "UPDATE assignment_requests SET note = '' WHERE mentee_id = $1",
        // What was theirs alone.
        "DELETE FROM shortlist WHERE user_id = $1 OR mentor_id = $1",
        "DELETE FROM sessions WHERE user_id = $1",
        "DELETE FROM calendar_feeds WHERE user_id = $1",
        "DELETE FROM notifications WHERE user_id = $1",
        "DELETE FROM account_tokens WHERE user_id = $1",
        "DELETE FROM thread_reads WHERE user_id = $1",
        "DELETE FROM program_coordinators WHERE user_id = $1",
        "DELETE FROM blocks WHERE blocker_id = $1 OR blocked_id = $1",
        "DELETE FROM letters WHERE mentor_id = $1",
        "DELETE FROM external_identities WHERE user_id = $1",
    ] {
        sqlx::query(sql).bind(user_id).execute(&mut *tx).await?;
    }
    for sql in [
        "DELETE FROM emails WHERE to_address = $1",
        "DELETE FROM invitations WHERE email = $1",
        "DELETE FROM sign_in_failures WHERE email = $1",
    ] {
        sqlx::query(sql).bind(&email).execute(&mut *tx).await?;
    }
    sqlx::query(
        "UPDATE users SET email = $1, display_name = $2, password_hash = '', site_role = 'member',
             email_verified_at = NULL, last_seen_at = NULL, deleted_at = $3
         WHERE id = $4",
    )
    // Not an address at all, so no one can have signed up with it.
    .bind(format!("deleted:{user_id}"))
    .bind(FORMER_MEMBER)
    .bind(now)
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}
