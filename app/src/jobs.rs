//! Carrel's scheduled work, all of it: the table of jobs with their periods,
//! and the one way a job takes its share of due rows so that several
//! instances never act on a row twice. Jobs call the stores; no store runs a
//! schedule of its own. The server runs the table in one loop.

use crate::{
    accounts::{session_store::DbSessionStore, store::LOCK_MEMBER},
    dates::month_of,
    db::Db,
    error::AppError,
    feedback::store as feedback,
    i18n::td_string,
    meetings::store as meetings,
    mentorships::store as mentorships,
    messages::{
        hub::{Hub, Rings},
        store as messages,
    },
    notifications::{
        mail::{send_pending, Mailer},
        model::Topic,
        push::{self, Note, Pusher},
        store::queue_email,
    },
    programs::{checkins, model::topic_card, store as programs, topics},
};
use sqlx::{any::AnyArguments, query::Query, Any, AnyConnection};
use std::{future::Future, pin::Pin, sync::Arc, time::Duration};
use tower_sessions::ExpiredDeletion;

/// What jobs work with.
#[derive(Clone)]
pub struct Services {
    pub db: Db,
    /// Doorbells of this instance's message streams (topics ring them).
    pub hub: Arc<Hub>,
    pub mailer: Mailer,
    pub pusher: Pusher,
    /// How long a message stays unread before its reader gets an email.
    pub unread_after_ms: i64,
}

type Run = for<'a> fn(
    &'a Services,
    i64,
) -> Pin<Box<dyn Future<Output = Result<usize, AppError>> + Send + 'a>>;

/// One kind of scheduled work: its name (for the logs), how often it runs,
/// and the run, given the time; it returns how many things it did.
pub struct Job {
    pub name: &'static str,
    pub every: Duration,
    pub run: Run,
}

const OFTEN: Duration = Duration::from_secs(30);

/// How long a message waits unread before its reader's devices are notified:
/// long enough for an open thread to mark it read, so its reader gets none.
pub const PUSH_AFTER_MS: i64 = 10_000;

/// Every job, in the order one round runs them.
pub const JOBS: &[Job] = &[
    Job {
        name: "request reminders",
        every: OFTEN,
        run: |s, now| Box::pin(remind_requests(&s.db, now)),
    },
    Job {
        name: "request expiry",
        every: OFTEN,
        run: |s, now| Box::pin(expire_requests(&s.db, now)),
    },
    Job {
        name: "cycle completion",
        every: OFTEN,
        run: |s, now| Box::pin(complete_cycles(&s.db, now)),
    },
    Job {
        name: "discussion topics",
        every: OFTEN,
        run: |s, now| Box::pin(send_topics(&s.db, &s.hub, now)),
    },
    Job {
        name: "monthly check-ins",
        every: OFTEN,
        run: |s, now| Box::pin(ask_checkins(&s.db, now)),
    },
    Job {
        name: "meeting reminders",
        every: OFTEN,
        run: |s, now| Box::pin(remind_meetings(&s.db, now)),
    },
    Job {
        name: "unread-message emails",
        every: OFTEN,
        run: |s, now| Box::pin(email_unread(&s.db, now, s.unread_after_ms)),
    },
    Job {
        name: "unread-message pushes",
        every: Duration::from_secs(5),
        run: |s, now| Box::pin(push_unread(&s.db, now, PUSH_AFTER_MS)),
    },
    Job {
        name: "pushes sent",
        every: Duration::from_secs(2),
        run: |s, _| Box::pin(push::send_pending(&s.db, &s.pusher)),
    },
    // A member waits for a confirmation or reset link: send within seconds.
    Job {
        name: "emails sent",
        every: Duration::from_secs(2),
        run: |s, _| Box::pin(send_pending(&s.db, &s.mailer)),
    },
    Job {
        name: "expired sessions",
        every: Duration::from_secs(3600),
        run: |s, _| Box::pin(delete_expired_sessions(&s.db)),
    },
];

/// A statement that claims one due row for this instance: it changes the row
/// only while the row is still due, so exactly one instance affects it.
pub type Claim = Query<'static, Any, AnyArguments<'static>>;

/// An action on a claimed row, in the claim's transaction.
pub type Acting<'tx, R> = Pin<Box<dyn Future<Output = Result<R, AppError>> + Send + 'tx>>;

/// The usual claim: an UPDATE whose `$1` is the time and `$2` the row's id.
fn by_id(update: &'static str, now: i64, id: i64) -> Claim {
    sqlx::query(update).bind(now).bind(id)
}

/// What an action did, counted once its transaction has committed.
pub trait Done {
    fn committed(self) -> usize;
}

impl Done for usize {
    fn committed(self) -> usize {
        self
    }
}

/// The one way a job acts on due rows: each row in its own transaction that
/// first runs the row's claim and acts only when the claim won. Returns the
/// sum of what the actions did.
pub async fn claim_each<T, R: Done>(
    db: &Db,
    due: Vec<T>,
    claim: impl Fn(&T) -> Claim,
    mut act: impl for<'tx> FnMut(&'tx mut AnyConnection, T) -> Acting<'tx, R>,
) -> Result<usize, AppError> {
    let mut done = 0;
    for item in due {
        let mut tx = db.pool().begin().await?;
        if claim(&item).execute(&mut *tx).await?.rows_affected() == 0 {
            continue;
        }
        let did = act(&mut tx, item).await?;
        tx.commit().await?;
        done += did.committed();
    }
    Ok(done)
}

/// Reminds mentors of requests at half their lifetime.
pub async fn remind_requests(db: &Db, now: i64) -> Result<usize, AppError> {
    let due = mentorships::due_reminders(db, now).await?;
    let claim = |r: &mentorships::Row| by_id(mentorships::CLAIM_REMINDER, now, r.id);
    claim_each(db, due, claim, move |tx, r| {
        Box::pin(async move { mentorships::remind(tx, &r, now).await })
    })
    .await
}

/// Expires requests past their lifetime.
pub async fn expire_requests(db: &Db, now: i64) -> Result<usize, AppError> {
    let due = mentorships::due_expiry(db, now).await?;
    let claim = |r: &mentorships::Row| by_id(mentorships::CLAIM_EXPIRY, now, r.id);
    claim_each(db, due, claim, move |tx, r| {
        Box::pin(async move { mentorships::expire(tx, &r, now).await })
    })
    .await
}

/// Completes the active mentorships of cycles past their last day, except
/// those the pair extended, and asks their members for feedback. Returns how
/// many mentorships completed.
pub async fn complete_cycles(db: &Db, now: i64) -> Result<usize, AppError> {
    let due = programs::due_completion(db, now).await?;
    let claim = |id: &i64| by_id(programs::CLAIM_COMPLETION, now, *id);
    claim_each(db, due, claim, move |tx, cycle_id| {
        Box::pin(async move {
            let cycle = programs::cycle_in(tx, cycle_id).await?;
            let program = programs::program_by_id(tx, cycle.program_id).await?;
            let label = format!("{} {}", program.name, cycle.name);
            let completed = mentorships::complete_for_cycle(tx, cycle_id, &label, now).await?;
            feedback::ask_for_cycle(tx, cycle_id, &program.name, now).await?;
            Ok(completed)
        })
    })
    .await
}

/// Threads that got a topic, and the doorbells to ring once they are committed.
struct Posted {
    threads: usize,
    rings: Rings,
    hub: Arc<Hub>,
}

impl Done for Posted {
    fn committed(self) -> usize {
        self.hub.rang(self.rings);
        self.threads
    }
}

/// Posts every topic whose day has come as a card in each active pair's
/// thread of its cycle, and emails both members. Returns how many threads got
/// a topic.
pub async fn send_topics(db: &Db, hub: &Arc<Hub>, now: i64) -> Result<usize, AppError> {
    let due = topics::due_delivery(db, now).await?;
    let claim = |t: &topics::Due| by_id(topics::CLAIM_DELIVERY, now, t.id);
    claim_each(db, due, claim, move |tx, t| {
        let hub = hub.clone();
        Box::pin(async move {
            let pairs = mentorships::active_pairs_of_cycle(tx, t.cycle_id).await?;
            // Every member's row, in one order: their messages commit in id order.
            let mut members: Vec<i64> = pairs.iter().flat_map(|p| [p.1, p.2]).collect();
            members.sort_unstable();
            members.dedup();
            for m in &members {
                crate::accounts::store::lock_member(tx, *m).await?;
            }
            let card = topic_card(&t.program, &t.title, &t.body);
            let mut posted = Posted {
                threads: 0,
                rings: Rings::default(),
                hub,
            };
            for (mentorship_id, mentor_id, mentee_id) in pairs {
                let new = messages::post_topic(
                    tx,
                    mentorship_id,
                    t.id,
                    t.created_by,
                    &card,
                    now,
                    &mut posted.rings,
                )
                .await?;
                if !new {
                    continue;
                }
                posted.threads += 1;
                for user_id in [mentor_id, mentee_id] {
                    // Each member in their own language; the topic is the coordinators' words.
                    let l = crate::accounts::store::language_of(&mut *tx, user_id)
                        .await?
                        .locale();
                    let subject =
                        td_string!(l, notifications.monthly_topic.subject, title = &t.title);
                    let talk = td_string!(l, notifications.monthly_topic.talk_it_over);
                    let link = format!("/mentorships/{mentorship_id}#thread");
                    let note = Note {
                        title: &subject.to_string(),
                        body: talk,
                        url: &link,
                        tag: &format!("topic-{}", t.id),
                    };
                    push::queue(tx, user_id, Some(Topic::Programs), &note, now).await?;
                    queue_email(
                        tx,
                        user_id,
                        Some(Topic::Programs),
                        &subject.to_string(),
                        &format!("{}\n\n{}\n\n{talk}", t.title, t.body),
                        &link,
                        now,
                    )
                    .await?;
                }
            }
            posted.hub.ring_in(tx, &posted.rings).await?;
            Ok(posted)
        })
    })
    .await
}

/// Asks each mentor of an active program pair for this month's check-in, once
/// a month (not in a pair's first week). Returns how many were asked.
pub async fn ask_checkins(db: &Db, now: i64) -> Result<usize, AppError> {
    let month = month_of(now);
    let due = checkins::due_asks(db, &month, now).await?;
    let claim = |a: &checkins::DueAsk| {
        sqlx::query(checkins::CLAIM_ASK)
            .bind(a.id)
            .bind(month.clone())
            .bind(now)
    };
    claim_each(db, due, claim, move |tx, a| {
        Box::pin(async move { checkins::ask(tx, &a, now).await })
    })
    .await
}

/// Reminds both members of each confirmed meeting whose reminder time has come.
pub async fn remind_meetings(db: &Db, now: i64) -> Result<usize, AppError> {
    let due = meetings::due_reminders(db, now).await?;
    let claim = |m: &meetings::Row| by_id(meetings::CLAIM_REMINDER, now, m.id);
    claim_each(db, due, claim, move |tx, m| {
        Box::pin(async move { meetings::remind(tx, &m, now).await })
    })
    .await
}

/// Emails each member who has messages unread for `after_ms` or longer, once
/// per batch, naming who wrote, never what. The claim holds the member's row.
pub async fn email_unread(db: &Db, now: i64, after_ms: i64) -> Result<usize, AppError> {
    let due = messages::due_unread_emails(db, now, after_ms).await?;
    let claim = |user_id: &i64| sqlx::query(LOCK_MEMBER).bind(*user_id);
    claim_each(db, due, claim, move |tx, user_id| {
        Box::pin(messages::email_unread(tx, user_id, now, after_ms))
    })
    .await
}

/// Notifies the devices of each member who has messages unread for
/// `after_ms`, once per message, naming who wrote, never what.
pub async fn push_unread(db: &Db, now: i64, after_ms: i64) -> Result<usize, AppError> {
    let due = messages::due_unread_pushes(db, now, after_ms).await?;
    let claim = |user_id: &i64| sqlx::query(LOCK_MEMBER).bind(*user_id);
    claim_each(db, due, claim, move |tx, user_id| {
        Box::pin(messages::push_unread(tx, user_id, now, after_ms))
    })
    .await
}

async fn delete_expired_sessions(db: &Db) -> Result<usize, AppError> {
    DbSessionStore::new(db.clone())
        .delete_expired()
        .await
        .map_err(|e| {
            tracing::warn!(error = %e, "could not delete expired sessions");
            AppError::Internal
        })?;
    Ok(0)
}
