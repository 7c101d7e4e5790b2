//! `GET /api/messages/stream`: one server-sent-event stream per tab, carrying
//! the member's new messages (`message`, with the message id as the event id),
//! read markers (`seen`) and unread counts (`unread`). A browser that loses the
//! connection reconnects with `Last-Event-ID` and gets exactly the messages
//! after that id: the stream always reads from the database, and the hub only
//! says when to read.

use super::{
    hub::{Hub, Ring},
    model::Seen,
    store,
};
use crate::{
    accounts::{model::CurrentUser, session_store::DbSessionStore},
    db::Db,
    error::AppError,
    security::limits::Limits,
};
use axum::{
    extract::{Query, State},
    http::{HeaderMap, HeaderValue, StatusCode},
    response::{
        sse::{Event, KeepAlive},
        IntoResponse, Response, Sse,
    },
};
use serde::Deserialize;
use std::{convert::Infallible, sync::Arc, time::Duration};
use tokio::sync::{broadcast::error::RecvError, mpsc};
use tokio_stream::wrappers::ReceiverStream;
use tower_sessions::{Session, SessionStore};

/// How many messages one read of the database sends at most.
const BATCH: i64 = 100;
/// How often a quiet stream re-reads everything and re-checks the session: a
/// member who signed out elsewhere stops receiving, and notifications on SQLite
/// (which ring no doorbell) still arrive.
const RECHECK: Duration = Duration::from_secs(15);

#[derive(Deserialize)]
pub struct StreamQuery {
    /// Start after this message id (the browser's `Last-Event-ID` wins).
    after: Option<i64>,
}

pub async fn stream(
    State(db): State<Db>,
    State(hub): State<Arc<Hub>>,
    State(limits): State<Limits>,
    user: Result<CurrentUser, AppError>,
    session: Session,
    headers: HeaderMap,
    Query(query): Query<StreamQuery>,
) -> Response {
    // Carrel's own words in a stream (a topic card's sender) follow the page's language.
    let lang = crate::language::request::from_headers(&headers);
    let sign_in = crate::i18n::td_string!(lang.locale(), messages.stream_sign_in);
    let user = match user {
        Ok(user) => user,
        Err(AppError::Unauthenticated) => {
            return (StatusCode::UNAUTHORIZED, sign_in).into_response()
        }
        Err(e) => {
            tracing::warn!(error = %e, "stream refused");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let Some(session_id) = session.id() else {
        return (StatusCode::UNAUTHORIZED, sign_in).into_response();
    };
    // Each stream holds a connection and a task: a member gets a few, the
    // instance a bounded number. The ticket goes with the stream's task.
    let ticket = match limits.open_stream(user.id) {
        Ok(ticket) => ticket,
        Err(e) => return e.into_response(),
    };
    let resume = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<i64>().ok())
        .or(query.after);
    // Subscribe before reading, so a message committed in between still rings.
    let mut sub = hub.subscribe(user.id);
    let start = match resume {
        Some(id) => id,
        None => match store::latest_id(&db, user.id).await {
            Ok(id) => id,
            Err(_) => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
        },
    };
    let (tx, rx) = mpsc::channel::<Result<Event, Infallible>>(32);
    tokio::spawn(async move {
        let _ticket = ticket;
        let user_id = user.id;
        let mut cursor = start;
        let mut counts = None;
        let send = |event: Event| {
            let tx = tx.clone();
            async move { tx.send(Ok(event)).await.is_ok() }
        };
        // The id lets a browser that reconnects before any message resume from here.
        let ready = Event::default()
            .event("ready")
            .id(start.to_string())
            .data(start.to_string());
        if !send(ready).await {
            return;
        }
        let mut tick = tokio::time::interval(RECHECK);
        tick.tick().await;
        let (mut read_messages, mut read_counts) = (true, true);
        loop {
            while read_messages {
                // On a failed read, the next tick tries again.
                let Ok(batch) = store::after_in(&db, user_id, cursor, BATCH, lang).await else {
                    break;
                };
                read_messages = batch.len() as i64 == BATCH;
                for m in batch {
                    cursor = m.id;
                    let event = Event::default()
                        .event("message")
                        .id(m.id.to_string())
                        .json_data(&m)
                        .expect("a message serialises");
                    if !send(event).await {
                        return;
                    }
                }
            }
            if read_counts {
                if let Ok(now) = store::unread(&db, user_id).await {
                    if counts != Some(now) {
                        counts = Some(now);
                        let event = Event::default()
                            .event("unread")
                            .json_data(now)
                            .expect("counts serialise");
                        if !send(event).await {
                            return;
                        }
                    }
                }
            }
            // Every branch below says whether the counts need a fresh read.
            read_messages = false;
            tokio::select! {
                _ = tx.closed() => return,
                _ = tick.tick() => {
                    if !matches!(DbSessionStore::new(db.clone()).load(&session_id).await, Ok(Some(_))) {
                        return;
                    }
                    (read_messages, read_counts) = (true, true);
                }
                ring = sub.rx.recv() => match ring {
                    Ok(Ring::Message) | Ok(Ring::Resync) | Err(RecvError::Lagged(_)) => {
                        (read_messages, read_counts) = (true, true);
                    }
                    Ok(Ring::Notice) => read_counts = true,
                    Ok(Ring::Seen { mentorship_id, reader_id, up_to }) => {
                        let by_me = reader_id == user_id;
                        read_counts = by_me;
                        let seen = Seen { mentorship_id, up_to, by_me };
                        let event = Event::default().event("seen").json_data(seen).expect("serialises");
                        if !send(event).await {
                            return;
                        }
                    }
                    Err(RecvError::Closed) => return,
                },
            }
        }
    });
    let mut res = Sse::new(ReceiverStream::new(rx))
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(20)))
        .into_response();
    // Proxies must pass events on as they come.
    res.headers_mut()
        .insert("x-accel-buffering", HeaderValue::from_static("no"));
    res.headers_mut()
        .insert("cache-control", HeaderValue::from_static("no-cache"));
    res
}
