//! Messages in the database: sending (once per key), pages of a thread, read
//! markers, the inbox, and the unread-message email and push. Only the two members of a
//! mentorship get past `member_side`; nothing here returns a body to anyone else.

use super::{
    hub::{Hub, Ring, Rings},
    model::{preview, suggested_opening, InboxItem, Message, Thread, ThreadActivity, Unread, PAGE},
};
use crate::{
    accounts::store::{language_of, lock_member},
    dates::now_ms,
    db::Db,
    error::AppError,
    i18n::td_string,
    language::Lang,
    mentorships::{
        model::State,
        store::{pair_for_member, Pair},
    },
    notifications::{
        model::Topic,
        push::{self, Note},
        store::queue_email,
    },
    safety::store::blocked_between,
    ui::markdown::render,
};
use sqlx::AnyConnection;

async fn pair_ids(db: &Db, mentorship_id: i64) -> Result<(i64, i64), AppError> {
    let ids: Option<(i64, i64)> =
        sqlx::query_as("SELECT mentor_id, mentee_id FROM mentorships WHERE id = $1")
            .bind(mentorship_id)
            .fetch_optional(db.pool())
            .await?;
    ids.ok_or(AppError::NotFound)
}

/// The pair, when `user_id` is one of them and the mentorship ever had a
/// thread (it was accepted). Everyone else, administrators included, is refused.
async fn member_pair(conn: &mut AnyConnection, user_id: i64, id: i64) -> Result<Pair, AppError> {
    let pair = pair_for_member(conn, user_id, id, crate::tr!(messages.errors.private)).await?;
    if !pair.opened() {
        return Err(AppError::conflict(crate::tr!(messages.errors.not_open)));
    }
    Ok(pair)
}

/// Why `user_id` (the caller) cannot write in this thread now, if they cannot.
async fn read_only_reason(
    conn: &mut AnyConnection,
    user_id: i64,
    pair: &Pair,
) -> Result<Option<String>, sqlx::Error> {
    Ok(if pair.state != State::Accepted {
        Some(
            crate::tr!(
                messages.errors.read_only,
                state = pair.state.label().to_lowercase()
            )
            .to_string(),
        )
    } else if blocked_between(conn, user_id, pair.other(user_id)).await? {
        Some(crate::tr!(messages.errors.blocked).to_owned())
    } else {
        None
    })
}

type Row = (i64, i64, i64, String, String, i64, i64, Option<String>);
const COLUMNS: &str = "m.id, m.mentorship_id, m.sender_id, m.body, m.client_key, m.sent_at, \
     COALESCE(m.topic_id, 0), m.written_in";

/// A stored message for `viewer`, with Carrel's own words in `lang`.
fn message(viewer: i64, names: impl Fn(i64) -> String, row: Row, lang: Lang) -> Message {
    let (id, mentorship_id, sender_id, body, key, sent_at, topic_id, written_in) = row;
    let l = lang.locale();
    let topic = topic_id != 0;
    let mine = sender_id == viewer && !topic;
    Message {
        id,
        mentorship_id,
        mine,
        topic,
        sender_name: if topic {
            td_string!(l, messages.program_topic).to_owned()
        } else {
            names(sender_id)
        },
        // An empty body was erased when its sender deleted their account
        // (a message cannot be sent empty).
        html: if body.is_empty() {
            format!("<p><em>{}</em></p>", td_string!(l, messages.erased))
        } else {
            render(&body)
        },
        sent_at,
        key: mine.then_some(key),
        written_in,
    }
}

/// A fresh idempotency key for a send form.
pub fn new_key() -> String {
    use rand::Rng;
    format!("f-{:032x}", rand::thread_rng().gen::<u128>())
}

/// Stores a message from `user_id`, once per `key`: a retry with the same key
/// returns the stored message. The pair's rows are locked first, so the
/// messages of any one member commit in id order (which the streams' cursors
/// rely on) and a block or an ending cannot slip in between check and write.
pub async fn send(
    db: &Db,
    hub: &Hub,
    user_id: i64,
    mentorship_id: i64,
    body: &str,
    key: &str,
    now: i64,
) -> Result<Message, AppError> {
    // The pair never changes, so it is read before the transaction, which
    // must write first on SQLite.
    let (a, b) = pair_ids(db, mentorship_id).await?;
    if user_id != a && user_id != b {
        return Err(AppError::forbidden(crate::tr!(messages.errors.private)));
    }
    let lang = crate::language::current();
    let mut tx = db.pool().begin().await?;
    lock_member(&mut tx, a.min(b)).await?;
    lock_member(&mut tx, a.max(b)).await?;
    let pair = member_pair(&mut tx, user_id, mentorship_id).await?;
    let names = |id: i64| pair.name_of(id).to_owned();

    let earlier: Option<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM messages m WHERE m.sender_id = $1 AND m.client_key = $2"
    ))
    .bind(user_id)
    .bind(key)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(row) = earlier {
        if row.1 != mentorship_id {
            return Err(AppError::BadRequest(
                crate::tr!(messages.errors.key_elsewhere).to_owned(),
            ));
        }
        return Ok(message(user_id, names, row, lang));
    }
    if let Some(why) = read_only_reason(&mut tx, user_id, &pair).await? {
        return Err(AppError::conflict(why));
    }

    let written_in = crate::language::detect(body).map(|l| l.code().to_owned());
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO messages (mentorship_id, sender_id, body, client_key, sent_at, written_in)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(mentorship_id)
    .bind(user_id)
    .bind(body)
    .bind(key)
    .bind(now)
    .bind(&written_in)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("UPDATE mentorships SET last_message_at = $1 WHERE id = $2")
        .bind(now)
        .bind(mentorship_id)
        .execute(&mut *tx)
        .await?;
    // My own message is read by me.
    mark(&mut tx, mentorship_id, user_id, id, now).await?;
    if user_id == pair.mentor_id {
        record_reply(&mut tx, &pair, mentorship_id, id, now).await?;
    }
    let mut rings = Rings::default();
    rings.add(pair.mentor_id, Ring::Message);
    rings.add(pair.mentee_id, Ring::Message);
    hub.ring_in(&mut tx, &rings).await?;
    tx.commit().await?;
    hub.rang(rings);
    Ok(message(
        user_id,
        names,
        (
            id,
            mentorship_id,
            user_id,
            body.to_owned(),
            key.to_owned(),
            now,
            0,
            written_in,
        ),
        lang,
    ))
}

/// When a mentor's message answers mentee messages, records how long the
/// first of them waited.
async fn record_reply(
    conn: &mut AnyConnection,
    pair: &Pair,
    mentorship_id: i64,
    message_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    let (first,): (Option<i64>,) = sqlx::query_as(
        "SELECT MIN(sent_at) FROM messages
         WHERE mentorship_id = $1 AND sender_id = $2 AND id < $3 AND id > COALESCE(
             (SELECT MAX(id) FROM messages WHERE mentorship_id = $1 AND sender_id = $4 AND id < $3), 0)",
    )
    .bind(mentorship_id)
    .bind(pair.mentee_id)
    .bind(message_id)
    .bind(pair.mentor_id)
    .fetch_one(&mut *conn)
    .await?;
    if let Some(first) = first {
        sqlx::query(
            "INSERT INTO mentor_replies (mentor_id, message_id, waited_ms) VALUES ($1, $2, $3)",
        )
        .bind(pair.mentor_id)
        .bind(message_id)
        .bind((now - first).max(0))
        .execute(conn)
        .await?;
    }
    Ok(())
}

/// Posts a program topic as a card into one pair's thread, once per topic
/// (the key is the topic's), within the caller's transaction, which must
/// already hold both members' rows. Returns false if it was posted before.
pub async fn post_topic(
    conn: &mut AnyConnection,
    mentorship_id: i64,
    topic_id: i64,
    coordinator_id: i64,
    body: &str,
    now: i64,
    rings: &mut Rings,
) -> Result<bool, sqlx::Error> {
    let key = format!("topic-{topic_id}-{mentorship_id}");
    let done: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM messages WHERE sender_id = $1 AND client_key = $2")
            .bind(coordinator_id)
            .bind(&key)
            .fetch_optional(&mut *conn)
            .await?;
    if done.is_some() {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO messages (mentorship_id, sender_id, body, client_key, sent_at, topic_id, written_in)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(mentorship_id)
    .bind(coordinator_id)
    .bind(body)
    .bind(&key)
    .bind(now)
    .bind(topic_id)
    .bind(crate::language::detect(body).map(Lang::code))
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE mentorships SET last_message_at = $1 WHERE id = $2")
        .bind(now)
        .bind(mentorship_id)
        .execute(&mut *conn)
        .await?;
    let (a, b) = pair_ids_in(conn, mentorship_id).await?;
    rings.add(a, Ring::Message);
    rings.add(b, Ring::Message);
    Ok(true)
}

async fn pair_ids_in(conn: &mut AnyConnection, id: i64) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as("SELECT mentor_id, mentee_id FROM mentorships WHERE id = $1")
        .bind(id)
        .fetch_one(conn)
        .await
}

/// Moves `user_id`'s read marker forward to `up_to` (never back).
async fn mark(
    conn: &mut AnyConnection,
    mentorship_id: i64,
    user_id: i64,
    up_to: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO thread_reads (mentorship_id, user_id, last_read_id, read_at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (mentorship_id, user_id) DO UPDATE SET
             last_read_id = CASE WHEN excluded.last_read_id > thread_reads.last_read_id
                                 THEN excluded.last_read_id ELSE thread_reads.last_read_id END,
             read_at = excluded.read_at",
    )
    .bind(mentorship_id)
    .bind(user_id)
    .bind(up_to)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// A page of the thread for one of its members: the latest messages, or those
/// before message `before`.
pub async fn thread(
    db: &Db,
    user_id: i64,
    mentorship_id: i64,
    before: Option<i64>,
) -> Result<Thread, AppError> {
    let mut conn = db.pool().acquire().await?;
    let pair = member_pair(&mut conn, user_id, mentorship_id).await?;
    let mut rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM messages m WHERE m.mentorship_id = $1 AND m.id < $2
         ORDER BY m.id DESC LIMIT $3"
    ))
    .bind(mentorship_id)
    .bind(before.unwrap_or(i64::MAX))
    .bind(PAGE + 1)
    .fetch_all(&mut *conn)
    .await?;
    let has_older = rows.len() as i64 > PAGE;
    rows.truncate(PAGE as usize);
    rows.reverse();
    let other = pair.other(user_id);
    // How far each of the pair has read (one row each, if any).
    let reads: Vec<(i64, i64)> =
        sqlx::query_as("SELECT user_id, last_read_id FROM thread_reads WHERE mentorship_id = $1")
            .bind(mentorship_id)
            .fetch_all(&mut *conn)
            .await?;
    let read_by = |who: i64| {
        reads
            .iter()
            .find(|(reader, _)| *reader == who)
            .map_or(0, |(_, up_to)| *up_to)
    };
    let (seen_up_to, my_read) = (read_by(other), read_by(user_id));
    let unread_up_to = rows
        .iter()
        .rev()
        // Not mine: the other member's, or a program topic's card.
        .find(|(_, _, sender, _, _, _, topic, _)| *sender != user_id || *topic != 0)
        .map(|(id, ..)| *id)
        .filter(|id| *id > my_read);
    let read_only = read_only_reason(&mut conn, user_id, &pair).await?;
    let suggested_opening =
        (rows.is_empty() && before.is_none() && read_only.is_none() && user_id == pair.mentor_id)
            .then(|| {
                let first = pair
                    .mentee_name
                    .split_whitespace()
                    .next()
                    .unwrap_or(crate::tr!(messages.opening.someone));
                suggested_opening(first, &pair.focus_label)
            });
    let lang = crate::language::current();
    Ok(Thread {
        mentorship_id,
        other_name: pair.name_of(other).to_owned(),
        messages: rows
            .into_iter()
            .map(|r| message(user_id, |id| pair.name_of(id).to_owned(), r, lang))
            .collect(),
        has_older,
        read_only,
        seen_up_to,
        unread_up_to,
        suggested_opening,
        new_key: new_key(),
    })
}

/// Marks the thread read up to message `up_to` (at most its latest message) and
/// tells the pair's open tabs.
pub async fn mark_read(
    db: &Db,
    hub: &Hub,
    user_id: i64,
    mentorship_id: i64,
    up_to: i64,
) -> Result<(), AppError> {
    let pair = {
        let mut conn = db.pool().acquire().await?;
        member_pair(&mut conn, user_id, mentorship_id).await?
    };
    let (latest,): (Option<i64>,) =
        sqlx::query_as("SELECT MAX(id) FROM messages WHERE mentorship_id = $1")
            .bind(mentorship_id)
            .fetch_one(db.pool())
            .await?;
    let up_to = up_to.min(latest.unwrap_or(0));
    if up_to <= 0 {
        return Ok(());
    }
    let mut tx = db.pool().begin().await?;
    mark(&mut tx, mentorship_id, user_id, up_to, now_ms()).await?;
    let seen = Ring::Seen {
        mentorship_id,
        reader_id: user_id,
        up_to,
    };
    let mut rings = Rings::default();
    rings.add(user_id, seen);
    rings.add(pair.other(user_id), seen);
    hub.ring_in(&mut tx, &rings).await?;
    tx.commit().await?;
    hub.rang(rings);
    Ok(())
}

/// The member's messages in all their threads after message `after`, oldest
/// first, in the reader's language.
pub async fn after(
    db: &Db,
    user_id: i64,
    after: i64,
    limit: i64,
) -> Result<Vec<Message>, AppError> {
    after_in(db, user_id, after, limit, crate::language::current()).await
}

/// What a stream sends: `after`, with Carrel's words in `lang`.
pub async fn after_in(
    db: &Db,
    user_id: i64,
    after: i64,
    limit: i64,
    lang: Lang,
) -> Result<Vec<Message>, AppError> {
    type Named = (
        i64,
        i64,
        i64,
        String,
        String,
        i64,
        i64,
        Option<String>,
        String,
    );
    let rows: Vec<Named> = sqlx::query_as(&format!(
        "SELECT {COLUMNS}, u.display_name FROM messages m
         JOIN mentorships ms ON ms.id = m.mentorship_id
         JOIN users u ON u.id = m.sender_id
         WHERE m.id > $2 AND (ms.mentor_id = $1 OR ms.mentee_id = $1)
         ORDER BY m.id LIMIT $3"
    ))
    .bind(user_id)
    .bind(after)
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, m, s, body, key, at, topic, written_in, name)| {
            message(
                user_id,
                |_| name.clone(),
                (id, m, s, body, key, at, topic, written_in),
                lang,
            )
        })
        .collect())
}

/// The id of the member's latest message, where a new stream starts.
pub async fn latest_id(db: &Db, user_id: i64) -> Result<i64, AppError> {
    let (id,): (Option<i64>,) = sqlx::query_as(
        "SELECT MAX(m.id) FROM messages m JOIN mentorships ms ON ms.id = m.mentorship_id
         WHERE ms.mentor_id = $1 OR ms.mentee_id = $1",
    )
    .bind(user_id)
    .fetch_one(db.pool())
    .await?;
    Ok(id.unwrap_or(0))
}

/// Unread messages (from the other member, past my read marker) and notifications.
pub async fn unread(db: &Db, user_id: i64) -> Result<Unread, AppError> {
    let (messages,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM mentorships ms
         JOIN messages m ON m.mentorship_id = ms.id
         LEFT JOIN thread_reads r ON r.mentorship_id = ms.id AND r.user_id = $1
         WHERE (ms.mentor_id = $1 OR ms.mentee_id = $1)
           AND m.sender_id <> $1 AND m.id > COALESCE(r.last_read_id, 0)",
    )
    .bind(user_id)
    .fetch_one(db.pool())
    .await?;
    let notices = crate::notifications::store::unread_count(db, user_id).await?;
    Ok(Unread { messages, notices })
}

/// The member's threads, latest activity first.
pub async fn inbox(db: &Db, user_id: i64) -> Result<Vec<InboxItem>, AppError> {
    type InboxRow = (
        i64,
        String,
        String,
        State,
        Option<i64>,
        i64,
        Option<String>,
        Option<i64>,
    );
    let rows: Vec<InboxRow> = sqlx::query_as(
        "SELECT ms.id, u.display_name, f.label, ms.state, ms.last_message_at,
                (SELECT COUNT(*) FROM messages m WHERE m.mentorship_id = ms.id AND m.sender_id <> $1
                    AND m.id > COALESCE(r.last_read_id, 0)),
                (SELECT body FROM messages m WHERE m.mentorship_id = ms.id ORDER BY m.id DESC LIMIT 1),
                (SELECT sender_id FROM messages m WHERE m.mentorship_id = ms.id ORDER BY m.id DESC LIMIT 1)
         FROM mentorships ms
         JOIN users u ON u.id = CASE WHEN ms.mentor_id = $1 THEN ms.mentee_id ELSE ms.mentor_id END
         JOIN focus_areas f ON f.slug = ms.focus
         LEFT JOIN thread_reads r ON r.mentorship_id = ms.id AND r.user_id = $1
         WHERE (ms.mentor_id = $1 OR ms.mentee_id = $1)
           AND ms.state IN ('accepted', 'completed', 'ended')
         ORDER BY COALESCE(ms.last_message_at, ms.accepted_at) DESC, ms.id DESC",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, other, focus, state, last_at, unread, body, sender)| InboxItem {
                mentorship_id: id,
                other_name: other,
                focus_label: focus,
                active: state == State::Accepted,
                last_at,
                preview: body.map(|b| preview(&b, 90)),
                last_mine: sender == Some(user_id),
                unread,
            },
        )
        .collect())
}

/// Every thread's existence and last activity, for administrators: no words.
pub async fn activity(db: &Db) -> Result<Vec<ThreadActivity>, AppError> {
    let rows: Vec<(i64, String, String, String, State, Option<i64>)> = sqlx::query_as(
        "SELECT ms.id, a.display_name, b.display_name, f.label, ms.state, ms.last_message_at
         FROM mentorships ms
         JOIN users a ON a.id = ms.mentor_id
         JOIN users b ON b.id = ms.mentee_id
         JOIN focus_areas f ON f.slug = ms.focus
         WHERE ms.state IN ('accepted', 'completed', 'ended')
         ORDER BY ms.last_message_at IS NULL, ms.last_message_at DESC, ms.id DESC
         LIMIT 500",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, mentor, mentee, focus, state, last)| ThreadActivity {
            mentorship_id: id,
            mentor_name: mentor,
            mentee_name: mentee,
            focus_label: focus,
            state: state.label().to_owned(),
            last_message_at: last,
        })
        .collect())
}

/// A mentor's measured reply time: the median wait over their latest 20
/// replies, and how many replies that is. None below 3 replies.
pub async fn reply_time(db: &Db, mentor_id: i64) -> Result<Option<(i64, usize)>, AppError> {
    let mut waits: Vec<(i64,)> = sqlx::query_as(
        "SELECT waited_ms FROM mentor_replies WHERE mentor_id = $1 ORDER BY message_id DESC LIMIT 20",
    )
    .bind(mentor_id)
    .fetch_all(db.pool())
    .await?;
    if waits.len() < 3 {
        return Ok(None);
    }
    waits.sort_unstable();
    let n = waits.len();
    let median = if n % 2 == 1 {
        waits[n / 2].0
    } else {
        (waits[n / 2 - 1].0 + waits[n / 2].0) / 2
    };
    Ok(Some((median, n)))
}

/// Older unread messages are not emailed about any more (after an outage, say).
const EMAIL_WITHIN_MS: i64 = 3 * 24 * 60 * 60 * 1000;

/// A push about a message older than this would come too late to help.
const PUSH_WITHIN_MS: i64 = 60 * 60 * 1000;

/// Messages sent between $1 and $2 that their reader has neither read nor been
/// told about by the `told` channel (`thread_reads.emailed_to_id` or
/// `pushed_to_id`), unless a block stands between the pair.
fn due(told: &str) -> String {
    format!(
        "SELECT CASE WHEN m.sender_id = ms.mentor_id THEN ms.mentee_id ELSE ms.mentor_id END AS user_id,
        ms.id AS mentorship_id, m.id AS message_id, u.display_name AS sender_name
    FROM messages m
    JOIN mentorships ms ON ms.id = m.mentorship_id
    JOIN users u ON u.id = m.sender_id
    LEFT JOIN thread_reads r ON r.mentorship_id = ms.id
        AND r.user_id = CASE WHEN m.sender_id = ms.mentor_id THEN ms.mentee_id ELSE ms.mentor_id END
    WHERE m.sent_at BETWEEN $1 AND $2 AND m.topic_id IS NULL
      AND m.id > COALESCE(r.last_read_id, 0) AND m.id > COALESCE(r.{told}, 0)
      AND NOT EXISTS (SELECT 1 FROM blocks b
          WHERE (b.blocker_id = ms.mentor_id AND b.blocked_id = ms.mentee_id)
             OR (b.blocker_id = ms.mentee_id AND b.blocked_id = ms.mentor_id))"
    )
}

/// Members with something unread for `after_ms` and not yet emailed about: the
/// same conditions as `email_unread`, without the lock, so quiet members cost nothing.
pub async fn due_unread_emails(db: &Db, now: i64, after_ms: i64) -> Result<Vec<i64>, AppError> {
    recipients(
        db,
        &due("emailed_to_id"),
        "",
        now - EMAIL_WITHIN_MS,
        now - after_ms,
    )
    .await
}

/// The readers of the `due` messages sent between `from` and `to` that meet `only`.
async fn recipients(
    db: &Db,
    due: &str,
    only: &str,
    from: i64,
    to: i64,
) -> Result<Vec<i64>, AppError> {
    let ids: Vec<(i64,)> =
        sqlx::query_as(&format!("SELECT DISTINCT r.user_id FROM ({due}) r {only}"))
            .bind(from)
            .bind(to)
            .fetch_all(db.pool())
            .await?;
    Ok(ids.into_iter().map(|(id,)| id).collect())
}

/// Notes in `thread_reads` that the reader was told, through the `told`
/// channel (`emailed_to_id` or `pushed_to_id`), of messages up to `up_to`.
async fn mark_told(
    tx: &mut AnyConnection,
    told: &str,
    mentorship_id: i64,
    user_id: i64,
    up_to: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "INSERT INTO thread_reads (mentorship_id, user_id, {told}) VALUES ($1, $2, $3)
         ON CONFLICT (mentorship_id, user_id) DO UPDATE SET {told} = excluded.{told}"
    ))
    .bind(mentorship_id)
    .bind(user_id)
    .bind(up_to)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Emails a member whose row the transaction holds about what is unread for
/// `after_ms` or longer: one email naming who wrote, never what. Holding the
/// row means two instances running this at once email nobody twice. Returns
/// how many emails were queued (0 or 1).
pub async fn email_unread(
    tx: &mut AnyConnection,
    user_id: i64,
    now: i64,
    after_ms: i64,
) -> Result<usize, AppError> {
    let due: Vec<(i64, i64, String)> = sqlx::query_as(&format!(
        "SELECT mentorship_id, MAX(message_id), sender_name FROM ({}) d
         WHERE d.user_id = $3 GROUP BY mentorship_id, sender_name",
        due("emailed_to_id")
    ))
    .bind(now - EMAIL_WITHIN_MS)
    .bind(now - after_ms)
    .bind(user_id)
    .fetch_all(&mut *tx)
    .await?;
    if due.is_empty() {
        return Ok(0);
    }
    for (mentorship_id, up_to, _) in &due {
        mark_told(tx, "emailed_to_id", *mentorship_id, user_id, *up_to).await?;
    }
    let mut names: Vec<&str> = due.iter().map(|(_, _, n)| n.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    // In the language of the member written to.
    let l = language_of(&mut *tx, user_id).await?.locale();
    let (subject, link) = match (names.as_slice(), due.as_slice()) {
        ([one], [(id, _, _)]) => (
            td_string!(l, messages.email.subject_thread, name = *one).to_string(),
            format!("/mentorships/{id}#thread"),
        ),
        ([one], _) => (
            td_string!(l, messages.email.subject_sender, name = *one).to_string(),
            "/messages".to_owned(),
        ),
        _ => (
            td_string!(l, messages.email.subject_people, n = names.len()).to_string(),
            "/messages".to_owned(),
        ),
    };
    let body = td_string!(l, messages.email.body, names = names.join(", ")).to_string();
    queue_email(
        tx,
        user_id,
        Some(Topic::Messages),
        &subject,
        &body,
        &link,
        now,
    )
    .await?;
    Ok(1)
}

/// Members with a device to notify and something unread for `after_ms`, not
/// yet pushed: the same conditions as `push_unread`, without the lock.
pub async fn due_unread_pushes(db: &Db, now: i64, after_ms: i64) -> Result<Vec<i64>, AppError> {
    recipients(
        db,
        &due("pushed_to_id"),
        "WHERE EXISTS (SELECT 1 FROM push_subscriptions s WHERE s.user_id = r.user_id)",
        now - PUSH_WITHIN_MS,
        now - after_ms,
    )
    .await
}

/// Pushes to the devices of a member whose row the transaction holds: one
/// notification per thread with messages unread for `after_ms`, naming who
/// wrote, never what. A thread open on a screen marks its messages read as
/// they arrive, so its reader gets none. Returns how many were queued.
pub async fn push_unread(
    tx: &mut AnyConnection,
    user_id: i64,
    now: i64,
    after_ms: i64,
) -> Result<usize, AppError> {
    let due: Vec<(i64, i64, String)> = sqlx::query_as(&format!(
        "SELECT mentorship_id, MAX(message_id), MAX(sender_name) FROM ({}) d
         WHERE d.user_id = $3 GROUP BY mentorship_id",
        due("pushed_to_id")
    ))
    .bind(now - PUSH_WITHIN_MS)
    .bind(now - after_ms)
    .bind(user_id)
    .fetch_all(&mut *tx)
    .await?;
    let l = language_of(&mut *tx, user_id).await?.locale();
    for (mentorship_id, up_to, sender) in &due {
        mark_told(tx, "pushed_to_id", *mentorship_id, user_id, *up_to).await?;
        let title = td_string!(l, messages.email.subject_thread, name = sender).to_string();
        let note = Note {
            title: &title,
            body: td_string!(l, messages.push_body),
            url: &format!("/mentorships/{mentorship_id}#thread"),
            // A newer message in the thread replaces the older notification.
            tag: &format!("thread-{mentorship_id}"),
        };
        push::queue(tx, user_id, Some(Topic::Messages), &note, now).await?;
    }
    Ok(due.len())
}
