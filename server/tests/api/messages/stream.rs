//! The live stream: delivery, resuming from an id, crossing instances on
//! PostgreSQL, and ending when the session does.

use super::thread;
use crate::{
    db_test,
    helpers::{pair, postgres_skipped, run, send, Backend, TestApp},
};
use app::messages::model::{Message, Seen, Unread};
use futures::StreamExt;
use std::time::Duration;

/// One server-sent event.
#[derive(Debug)]
struct Event {
    name: String,
    id: Option<String>,
    data: String,
}

/// A live `/api/messages/stream` as a browser tab holds it.
struct Stream {
    body: futures::stream::BoxStream<'static, reqwest::Result<bytes::Bytes>>,
    buf: String,
}

impl Stream {
    async fn open(app: &TestApp, who: &reqwest::Client, last_event_id: Option<i64>) -> Stream {
        let mut req = who
            .get(app.url("/api/messages/stream"))
            .header("accept", "text/event-stream")
            .timeout(Duration::from_secs(3600));
        if let Some(id) = last_event_id {
            req = req.header("last-event-id", id.to_string());
        }
        let res = req.send().await.unwrap();
        assert_eq!(res.status(), 200);
        Stream {
            body: res.bytes_stream().boxed(),
            buf: String::new(),
        }
    }

    /// The next event, or None if none comes within `wait`.
    async fn next(&mut self, wait: Duration) -> Option<Event> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            if let Some(end) = self.buf.find("\n\n") {
                let block: String = self.buf.drain(..end + 2).collect();
                let mut e = Event {
                    name: "message".to_owned(),
                    id: None,
                    data: String::new(),
                };
                let mut any = false;
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("event:") {
                        e.name = v.trim().to_owned();
                        any = true;
                    } else if let Some(v) = line.strip_prefix("id:") {
                        e.id = Some(v.trim().to_owned());
                    } else if let Some(v) = line.strip_prefix("data:") {
                        e.data.push_str(v.trim_start());
                        any = true;
                    }
                }
                if any {
                    return Some(e);
                }
                continue;
            }
            let chunk = tokio::time::timeout_at(deadline, self.body.next())
                .await
                .ok()??;
            self.buf.push_str(&String::from_utf8_lossy(&chunk.ok()?));
        }
    }

    /// The next event named `name`, skipping others.
    async fn next_named(&mut self, name: &str, wait: Duration) -> Option<Event> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            let e = self.next(left).await?;
            if e.name == name {
                return Some(e);
            }
        }
    }
}

const WAIT: Duration = Duration::from_secs(5);

db_test!(
    the_stream_delivers_live_and_resumes_from_an_id,
    |app| async move {
        let p = pair(&app, "Imani Okafor", "Tomas Berg").await;
        let mut mentor_tab = Stream::open(&app, &p.mentor, None).await;
        let ready = mentor_tab.next_named("ready", WAIT).await.unwrap();
        assert_eq!(ready.data, "0");
        let counts = mentor_tab.next_named("unread", WAIT).await.unwrap();
        let unread: Unread = serde_json::from_str(&counts.data).unwrap();
        assert_eq!(unread.messages, 0);

        let sent = send(&app, &p.mentee, p.id, "Are you free on Thursday?").await;
        let e = mentor_tab
            .next_named("message", WAIT)
            .await
            .expect("delivered live");
        let m: Message = serde_json::from_str(&e.data).unwrap();
        assert_eq!(e.id.as_deref(), Some(sent.id.to_string().as_str()));
        assert_eq!(m.html, "<p>Are you free on Thursday?</p>\n");
        assert!(!m.mine);
        assert!(m.key.is_none(), "the sender's key stays with the sender");
        let counts = mentor_tab.next_named("unread", WAIT).await.unwrap();
        let unread: Unread = serde_json::from_str(&counts.data).unwrap();
        assert_eq!(unread.messages, 1);

        // The mentee's tab learns that the mentor read it.
        let mut mentee_tab = Stream::open(&app, &p.mentee, None).await;
        mentee_tab.next_named("ready", WAIT).await.unwrap();
        thread(&app, &p.mentor, p.id, None).await;
        let seen = mentee_tab.next_named("seen", WAIT).await.unwrap();
        let seen: Seen = serde_json::from_str(&seen.data).unwrap();
        assert_eq!((seen.up_to, seen.by_me), (sent.id, false));

        // The connection drops; three messages are sent meanwhile; the browser
        // reconnects with the last id it saw and gets exactly those three.
        drop(mentor_tab);
        let mut ids = Vec::new();
        for text in ["One", "Two", "Three"] {
            ids.push(send(&app, &p.mentee, p.id, text).await.id);
        }
        let mut again = Stream::open(&app, &p.mentor, Some(sent.id)).await;
        let mut got = Vec::new();
        while let Some(e) = again.next(Duration::from_millis(700)).await {
            if e.name == "message" {
                got.push(serde_json::from_str::<Message>(&e.data).unwrap().id);
            }
        }
        assert_eq!(got, ids, "resumed without loss or duplicates");
        // And stays live.
        let next = send(&app, &p.mentee, p.id, "Four").await;
        let e = again.next_named("message", WAIT).await.unwrap();
        assert_eq!(e.id.unwrap(), next.id.to_string());
    }
);

/// Two instances on one PostgreSQL database: a message sent through one
/// arrives live on a stream held by the other (LISTEN/NOTIFY).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_crosses_instances_on_postgres() {
    if postgres_skipped() {
        eprintln!("SKIPPED on PostgreSQL: CARREL_TEST_POSTGRES=skip");
        return;
    }
    run(Backend::Postgres, |a| async move {
        let b = a.another_instance().await;
        let p = pair(&a, "Imani Okafor", "Tomas Berg").await;
        // Sessions live in the database, so the mentor's cookie works on both.
        let mut tab_on_b = Stream::open(&b, &p.mentor, None).await;
        tab_on_b.next_named("ready", WAIT).await.unwrap();
        for i in 0..5 {
            let sent = send(&a, &p.mentee, p.id, &format!("Across instances {i}")).await;
            let e = tab_on_b
                .next_named("message", WAIT)
                .await
                .expect("crossed to instance B");
            assert_eq!(e.id.unwrap(), sent.id.to_string());
        }
        // And the other way round.
        let mut tab_on_a = Stream::open(&a, &p.mentee, None).await;
        tab_on_a.next_named("ready", WAIT).await.unwrap();
        let sent = send(&b, &p.mentor, p.id, "Back from B").await;
        let e = tab_on_a.next_named("message", WAIT).await.unwrap();
        assert_eq!(e.id.unwrap(), sent.id.to_string());
        b.db.close().await;
    })
    .await;
}

db_test!(signing_out_ends_open_streams, |app| async move {
    let p = pair(&app, "Imani Okafor", "Tomas Berg").await;
    let mut tab = Stream::open(&app, &p.mentor, None).await;
    tab.next_named("ready", WAIT).await.unwrap();
    // Signing out on another device of the same session deletes it everywhere.
    assert!(app
        .call_as(&p.mentor, "accounts/sign_out", &[])
        .await
        .status()
        .is_success());
    send(&app, &p.mentee, p.id, "Are you still there?").await;
    // The stream may deliver what came before its next session check, then ends.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(25);
    loop {
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        assert!(!left.is_zero(), "the stream outlived the session");
        if tab.next(left).await.is_none() {
            // None is the end of the stream or the deadline: only the first passes.
            assert!(
                tokio::time::Instant::now() < deadline,
                "the stream outlived the session"
            );
            break;
        }
    }
    let res = p
        .mentor
        .get(app.url("/api/messages/stream"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
});
