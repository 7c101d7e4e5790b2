//! Messaging on both databases: sending once per key, pages, unread counts and
//! read markers, the live stream and resuming it, confidentiality for every
//! role, blocked and ended threads, the unread-message email, measured reply
//! times, delivery across two instances on PostgreSQL, and durability of an
//! acknowledged message through `kill -9`.

use crate::{
    db_test,
    directory::{member, mentor},
    helpers::{client, postgres_skipped, run, Backend, TestApp},
    mentorships::{accept, json, requested},
};
use app::{
    db::now_ms,
    messages::store::{self, email_unread},
};
use futures::StreamExt;
use serde_json::Value;
use std::time::Duration;

/// A mentor, a mentee and their accepted leadership mentorship.
pub struct Pair {
    pub mentor: reqwest::Client,
    pub mentor_id: i64,
    pub mentee: reqwest::Client,
    pub mentee_id: i64,
    pub id: i64,
}

pub async fn pair(app: &TestApp, mentor_name: &str, mentee_name: &str) -> Pair {
    let (mentor_c, mentor_id) = mentor(app, mentor_name, &[]).await;
    let (mentee_c, mentee_id) = member(app, mentee_name, &[]).await;
    let id = requested(app, &mentee_c, mentor_id, "leadership").await;
    assert_eq!(accept(app, &mentor_c, id).await, 200);
    Pair {
        mentor: mentor_c,
        mentor_id,
        mentee: mentee_c,
        mentee_id,
        id,
    }
}

async fn send_raw(
    app: &TestApp,
    who: &reqwest::Client,
    id: i64,
    body: &str,
    key: &str,
) -> reqwest::Response {
    app.call_as(
        who,
        "messages/send",
        &[
            ("mentorship_id", &id.to_string()),
            ("body", body),
            ("key", key),
        ],
    )
    .await
}

/// Sends and returns the stored message.
pub async fn send(app: &TestApp, who: &reqwest::Client, id: i64, body: &str) -> Value {
    let key = format!("k-{:016x}", rand_u64());
    let res = send_raw(app, who, id, body, &key).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    res.json().await.unwrap()
}

fn rand_u64() -> u64 {
    use std::hash::{BuildHasher, RandomState};
    RandomState::new().hash_one(std::time::Instant::now())
}

async fn thread(app: &TestApp, who: &reqwest::Client, id: i64, before: Option<i64>) -> Value {
    let id = id.to_string();
    let before = before.map(|b| b.to_string());
    let mut args = vec![("mentorship_id", id.as_str()), ("mark_read", "true")];
    if let Some(b) = &before {
        args.push(("before", b));
    }
    json(app, who, "messages/thread", &args).await
}

async fn unread(app: &TestApp, who: &reqwest::Client) -> i64 {
    json(app, who, "messages/unread", &[]).await["messages"]
        .as_i64()
        .unwrap()
}

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

db_test!(every_message_function_refuses_a_visitor, |app| async move {
    for (endpoint, args) in [
        (
            "messages/thread",
            vec![("mentorship_id", "1"), ("mark_read", "true")],
        ),
        (
            "messages/send",
            vec![
                ("mentorship_id", "1"),
                ("body", "Hello"),
                ("key", "k-12345678"),
            ],
        ),
        (
            "messages/mark_read",
            vec![("mentorship_id", "1"), ("up_to", "1")],
        ),
        ("messages/inbox", vec![]),
        ("messages/unread", vec![]),
        ("messages/activity", vec![]),
    ] {
        let res = app.call(endpoint, &args).await;
        assert_eq!(res.status(), 401, "{endpoint}");
    }
    let res = client()
        .get(app.url("/api/messages/stream"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401, "the stream");
});

db_test!(only_the_pair_can_read_or_write_a_thread, |app| async move {
    let p = pair(&app, "Imani Okafor", "Tomas Berg").await;
    let secret = "My director *may* reorganise the branch; please keep this between us.";
    let sent = send(&app, &p.mentee, p.id, secret).await;
    assert!(sent["html"].as_str().unwrap().contains("<em>may</em>"));

    // An outsider, another mentor of the same mentee, and an administrator.
    let (outsider, outsider_id) = member(&app, "Ruth Adeyemi", &[]).await;
    let (other_mentor, _) =
        mentor(&app, "Kofi Mensah", &[("focus_offered][scholarship", "on")]).await;
    let other = requested(
        &app,
        &p.mentee,
        app.whoami(&other_mentor).await["id"].as_i64().unwrap(),
        "scholarship",
    )
    .await;
    assert_eq!(accept(&app, &other_mentor, other).await, 200);
    let admin = app.admin("Ada Admin").await;
    let id = p.id.to_string();
    for (who, name) in [
        (&outsider, "outsider"),
        (&other_mentor, "mentor of another focus"),
        (&admin, "administrator"),
    ] {
        for (endpoint, args) in [
            (
                "messages/thread",
                vec![("mentorship_id", id.as_str()), ("mark_read", "true")],
            ),
            (
                "messages/send",
                vec![
                    ("mentorship_id", id.as_str()),
                    ("body", "Hello"),
                    ("key", "k-abcdefgh"),
                ],
            ),
            (
                "messages/mark_read",
                vec![("mentorship_id", id.as_str()), ("up_to", "999")],
            ),
        ] {
            let res = app.call_as(who, endpoint, &args).await;
            assert_eq!(res.status(), 403, "{name} on {endpoint}");
            assert!(!res.text().await.unwrap().contains("reorganise"));
        }
        let page = app.page_as(who, &format!("/mentorships/{}", p.id)).await;
        assert!(
            !page.contains("reorganise"),
            "{name} read the thread on its page"
        );
        let inbox = json(&app, who, "messages/inbox", &[]).await;
        assert!(!inbox.to_string().contains("reorganise"), "{name}'s inbox");
    }
    // Nothing reaches the outsider's stream either.
    assert!(store::after(&app.db, outsider_id, 0, 100)
        .await
        .unwrap()
        .is_empty());

    // Administrators see that the thread exists and when it was active; no words.
    let activity = json(&app, &admin, "messages/activity", &[]).await;
    let row = activity
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["mentorship_id"] == p.id)
        .unwrap();
    assert_eq!(row["last_message_at"], sent["sent_at"]);
    assert!(!activity.to_string().contains("reorganise"));
    let page = app.page_as(&admin, "/admin/threads").await;
    assert!(page.contains("Imani Okafor") && !page.contains("reorganise"));
    for who in [&p.mentee, &p.mentor, &outsider] {
        assert_eq!(
            app.call_as(who, "messages/activity", &[]).await.status(),
            403
        );
    }

    // The pair both read it.
    for who in [&p.mentor, &p.mentee] {
        let t = thread(&app, who, p.id, None).await;
        assert_eq!(t["messages"][0]["id"], sent["id"]);
    }
    let page = app
        .page_as(&p.mentor, &format!("/mentorships/{}", p.id))
        .await;
    assert!(page.contains("reorganise"));
});

db_test!(messages_page_count_and_are_seen, |app| async move {
    let p = pair(&app, "Imani Okafor", "Tomas Berg").await;
    // Before anyone wrote, the mentor is offered an opening to send first.
    let t = thread(&app, &p.mentor, p.id, None).await;
    assert!(t["suggested_opening"]
        .as_str()
        .unwrap()
        .starts_with("Hello Tomas,"));
    assert!(thread(&app, &p.mentee, p.id, None).await["suggested_opening"].is_null());

    let first = send(&app, &p.mentor, p.id, "Welcome! When shall we talk?").await;
    assert!(thread(&app, &p.mentor, p.id, None).await["suggested_opening"].is_null());
    assert_eq!(unread(&app, &p.mentee).await, 1);
    assert_eq!(unread(&app, &p.mentor).await, 0, "my own messages are read");
    for i in 0..34 {
        send(&app, &p.mentee, p.id, &format!("Note number {i}")).await;
    }
    assert_eq!(unread(&app, &p.mentor).await, 34);
    let inbox = json(&app, &p.mentor, "messages/inbox", &[]).await;
    assert_eq!(inbox[0]["unread"], 34);
    assert_eq!(inbox[0]["other_name"], "Tomas Berg");
    assert_eq!(inbox[0]["preview"], "Note number 33");

    // Marking read moves the marker forward only and the other member sees it.
    let last_id = json(
        &app,
        &p.mentee,
        "messages/thread",
        &[("mentorship_id", &p.id.to_string()), ("mark_read", "false")],
    )
    .await["messages"][29]["id"]
        .as_i64()
        .unwrap();
    let res = app
        .call_as(
            &p.mentor,
            "messages/thread",
            &[("mentorship_id", &p.id.to_string()), ("mark_read", "false")],
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        unread(&app, &p.mentor).await,
        34,
        "a live page's re-read (mark_read false) reads nothing"
    );
    let res = app
        .call_as(
            &p.mentor,
            "messages/mark_read",
            &[
                ("mentorship_id", &p.id.to_string()),
                ("up_to", &(last_id - 5).to_string()),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(unread(&app, &p.mentor).await, 5);
    let res = app
        .call_as(
            &p.mentor,
            "messages/mark_read",
            &[("mentorship_id", &p.id.to_string()), ("up_to", "1")],
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        unread(&app, &p.mentor).await,
        5,
        "a marker never moves back"
    );
    // Opening the thread reads it.
    let t = thread(&app, &p.mentor, p.id, None).await;
    assert_eq!(unread(&app, &p.mentor).await, 0);
    assert_eq!(
        thread(&app, &p.mentee, p.id, None).await["seen_up_to"],
        last_id
    );

    // Pages: the latest 30, oldest first, then the rest.
    let msgs = t["messages"].as_array().unwrap();
    assert_eq!(msgs.len(), 30);
    assert_eq!(t["has_older"], true);
    assert_eq!(msgs[29]["html"], "<p>Note number 33</p>\n");
    assert_eq!(msgs[29]["mine"], false);
    let older = thread(&app, &p.mentor, p.id, msgs[0]["id"].as_i64()).await;
    let older = older["messages"].as_array().unwrap().clone();
    assert_eq!(older.len(), 5);
    assert_eq!(older[0]["id"], first["id"]);
    assert_eq!(older[0]["mine"], true);
});

db_test!(
    a_message_is_stored_once_and_bad_ones_are_refused,
    |app| async move {
        let p = pair(&app, "Imani Okafor", "Tomas Berg").await;
        let a = send_raw(&app, &p.mentee, p.id, "Only once, please.", "k-retry-0001").await;
        let b = send_raw(&app, &p.mentee, p.id, "Only once, please.", "k-retry-0001").await;
        let (a, b): (Value, Value) = (a.json().await.unwrap(), b.json().await.unwrap());
        assert_eq!(
            a["id"], b["id"],
            "a retried send returns the stored message"
        );
        assert_eq!(
            thread(&app, &p.mentee, p.id, None).await["messages"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
        // The same key from the other member is their own message.
        let c: Value = send_raw(
            &app,
            &p.mentor,
            p.id,
            "Same key, other sender.",
            "k-retry-0001",
        )
        .await
        .json()
        .await
        .unwrap();
        assert_ne!(c["id"], a["id"]);

        let long = "é".repeat(4001);
        for (body, key, status, says) in [
            ("   ", "k-empty-0001", 400, "Write a message first."),
            (
                long.as_str(),
                "k-long-00001",
                400,
                "at most 4000 characters; this one has 4001",
            ),
            ("Fine text", "bad key!", 400, "malformed"),
        ] {
            let res = send_raw(&app, &p.mentee, p.id, body, key).await;
            assert_eq!(res.status(), status, "{says}");
            assert!(res.text().await.unwrap().contains(says), "{says}");
        }
        // A request not yet accepted has no thread.
        let (m2, m2_id) =
            mentor(&app, "Kofi Mensah", &[("focus_offered][scholarship", "on")]).await;
        let open = requested(&app, &p.mentee, m2_id, "scholarship").await;
        let res = send_raw(&app, &p.mentee, open, "Hello?", "k-early-0001").await;
        assert_eq!(res.status(), 400);
        assert!(res
            .text()
            .await
            .unwrap()
            .contains("once the mentor accepts"));
        assert_eq!(
            app.call_as(
                &m2,
                "messages/thread",
                &[("mentorship_id", &open.to_string()), ("mark_read", "true")]
            )
            .await
            .status(),
            409
        );
        // An unknown thread.
        assert_eq!(
            send_raw(&app, &p.mentee, 999_999, "Hello", "k-nowhere-01")
                .await
                .status(),
            404
        );
        // Markdown is sanitised.
        let x = send(&app, &p.mentee, p.id, "<script>alert(1)</script>\n\n[x](javascript:alert(1)) **ok** <img src=x onerror=alert(1)>").await;
        let html = x["html"].as_str().unwrap();
        for bad in ["<script", "href=\"javascript", "<img", "onerror"] {
            assert!(!html.contains(bad), "{bad} survived in {html}");
        }
        assert!(html.contains("<strong>ok</strong>"), "{html}");
    }
);

db_test!(blocked_and_ended_threads_are_read_only, |app| async move {
    let p = pair(&app, "Imani Okafor", "Tomas Berg").await;
    send(&app, &p.mentee, p.id, "Thank you for accepting.").await;
    let res = app
        .call_as(
            &p.mentor,
            "safety/block",
            &[("user_id", &p.mentee_id.to_string())],
        )
        .await;
    assert!(res.status().is_success() || res.status().is_redirection());
    // Blocking ended the mentorship; the thread stays readable for both, and closed.
    for who in [&p.mentor, &p.mentee] {
        let t = thread(&app, who, p.id, None).await;
        assert_eq!(t["messages"].as_array().unwrap().len(), 1);
        assert!(t["read_only"].as_str().is_some());
        let res = send_raw(
            &app,
            who,
            p.id,
            "Still there?",
            &format!("k-after-block-{}", t["mentorship_id"]),
        )
        .await;
        assert_eq!(res.status(), 400);
    }

    let q = pair(&app, "Ana Lima", "Jon Park").await;
    send(&app, &q.mentor, q.id, "Hello Jon.").await;
    assert_eq!(
        app.call_as(&q.mentee, "mentorships/end", &[("id", &q.id.to_string())])
            .await
            .status(),
        200
    );
    let t = thread(&app, &q.mentor, q.id, None).await;
    assert_eq!(
        t["read_only"],
        "This mentorship is ended; its messages stay here to read, but no new ones can be sent."
    );
    let res = send_raw(&app, &q.mentor, q.id, "One more thing", "k-ended-0001").await;
    assert_eq!(res.status(), 400);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("no new ones can be sent"));
    let page = app
        .page_as(&q.mentee, &format!("/mentorships/{}", q.id))
        .await;
    assert!(page.contains("Hello Jon.") && page.contains("no new ones can be sent"));
    assert!(
        !page.contains("name=\"body\""),
        "no send form on a closed thread"
    );
});

db_test!(
    the_stream_delivers_live_and_resumes_from_an_id,
    |app| async move {
        let p = pair(&app, "Imani Okafor", "Tomas Berg").await;
        let mut mentor_tab = Stream::open(&app, &p.mentor, None).await;
        let ready = mentor_tab.next_named("ready", WAIT).await.unwrap();
        assert_eq!(ready.data, "0");
        let counts = mentor_tab.next_named("unread", WAIT).await.unwrap();
        assert_eq!(
            serde_json::from_str::<Value>(&counts.data).unwrap()["messages"],
            0
        );

        let sent = send(&app, &p.mentee, p.id, "Are you free on Thursday?").await;
        let e = mentor_tab
            .next_named("message", WAIT)
            .await
            .expect("delivered live");
        let m: Value = serde_json::from_str(&e.data).unwrap();
        assert_eq!(e.id.as_deref(), Some(sent["id"].to_string().as_str()));
        assert_eq!(m["html"], "<p>Are you free on Thursday?</p>\n");
        assert_eq!(m["mine"], false);
        assert!(m["key"].is_null(), "the sender's key stays with the sender");
        let counts = mentor_tab.next_named("unread", WAIT).await.unwrap();
        assert_eq!(
            serde_json::from_str::<Value>(&counts.data).unwrap()["messages"],
            1
        );

        // The mentee's tab learns that the mentor read it.
        let mut mentee_tab = Stream::open(&app, &p.mentee, None).await;
        mentee_tab.next_named("ready", WAIT).await.unwrap();
        thread(&app, &p.mentor, p.id, None).await;
        let seen = mentee_tab.next_named("seen", WAIT).await.unwrap();
        let seen: Value = serde_json::from_str(&seen.data).unwrap();
        assert_eq!(
            (seen["up_to"].clone(), seen["by_me"].clone()),
            (sent["id"].clone(), Value::Bool(false))
        );

        // The connection drops; three messages are sent meanwhile; the browser
        // reconnects with the last id it saw and gets exactly those three.
        drop(mentor_tab);
        let mut ids = Vec::new();
        for text in ["One", "Two", "Three"] {
            ids.push(send(&app, &p.mentee, p.id, text).await["id"].clone());
        }
        let mut again = Stream::open(&app, &p.mentor, sent["id"].as_i64()).await;
        let mut got = Vec::new();
        while let Some(e) = again.next(Duration::from_millis(700)).await {
            if e.name == "message" {
                got.push(serde_json::from_str::<Value>(&e.data).unwrap()["id"].clone());
            }
        }
        assert_eq!(got, ids, "resumed without loss or duplicates");
        // And stays live.
        let next = send(&app, &p.mentee, p.id, "Four").await;
        let e = again.next_named("message", WAIT).await.unwrap();
        assert_eq!(e.id.unwrap(), next["id"].to_string());
    }
);

db_test!(
    unread_messages_are_emailed_in_batches_without_words,
    |app| async move {
        let p = pair(&app, "Imani Okafor", "Tomas Berg").await;
        let q = pair(&app, "Kofi Mensah", "Ana Lima").await;
        let _ = q.mentor_id;
        // Ana also asks Imani? No: one mentor writes to two mentees, who are emailed
        // separately; one mentee's two unread messages make one email.
        let t0 = now_ms();
        store::send(
            &app.db,
            &app.hub,
            p.mentee_id,
            p.id,
            "Secret plans for my review",
            "k-mail-000001",
            t0,
        )
        .await
        .unwrap();
        store::send(
            &app.db,
            &app.hub,
            p.mentee_id,
            p.id,
            "And a second thought",
            "k-mail-000002",
            t0 + 1000,
        )
        .await
        .unwrap();
        let after = 15 * 60_000;
        assert_eq!(
            email_unread(&app.db, t0 + 60_000, after).await.unwrap(),
            0,
            "too soon"
        );
        assert_eq!(
            email_unread(&app.db, t0 + after + 2000, after)
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            email_unread(&app.db, t0 + after + 60_000, after)
                .await
                .unwrap(),
            0,
            "once per batch"
        );
        let emails: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT to_address, subject, body FROM emails WHERE subject LIKE 'New message%'",
        )
        .fetch_all(app.db.pool())
        .await
        .unwrap();
        assert_eq!(emails.len(), 1);
        assert_eq!(emails[0].0, "imani.okafor@example.org");
        assert_eq!(emails[0].1, "New message from Tomas Berg");
        assert!(!emails[0].2.contains("Secret") && !emails[0].2.contains("second thought"));

        // Read in time: no email.
        let t1 = t0 + 3_600_000;
        let m = store::send(
            &app.db,
            &app.hub,
            q.mentee_id,
            q.id,
            "Quick question",
            "k-mail-000003",
            t1,
        )
        .await
        .unwrap();
        store::mark_read(&app.db, &app.hub, q.mentor_id, q.id, m.id)
            .await
            .unwrap();
        assert_eq!(
            email_unread(&app.db, t1 + after + 1000, after)
                .await
                .unwrap(),
            0
        );
    }
);

db_test!(a_mentors_reply_time_is_measured, |app| async move {
    let p = pair(&app, "Imani Okafor", "Tomas Berg").await;
    let hour = 3_600_000;
    let mut t = now_ms() - 30 * 24 * hour;
    for (i, wait) in [2, 3, 4].into_iter().enumerate() {
        store::send(
            &app.db,
            &app.hub,
            p.mentee_id,
            p.id,
            "Question",
            &format!("k-q-{i:08}"),
            t,
        )
        .await
        .unwrap();
        store::send(
            &app.db,
            &app.hub,
            p.mentee_id,
            p.id,
            "Follow-up",
            &format!("k-f-{i:08}"),
            t + hour,
        )
        .await
        .unwrap();
        t += wait * hour;
        store::send(
            &app.db,
            &app.hub,
            p.mentor_id,
            p.id,
            "Answer",
            &format!("k-a-{i:08}"),
            t,
        )
        .await
        .unwrap();
        // A second message in a row is not a reply.
        store::send(
            &app.db,
            &app.hub,
            p.mentor_id,
            p.id,
            "Also…",
            &format!("k-b-{i:08}"),
            t + 1,
        )
        .await
        .unwrap();
        t += 24 * hour;
    }
    assert_eq!(
        store::reply_time(&app.db, p.mentor_id).await.unwrap(),
        Some((3 * hour, 3))
    );
    let view = json(
        &app,
        &p.mentee,
        "directory/mentor",
        &[("id", &p.mentor_id.to_string())],
    )
    .await;
    assert_eq!(
        view["measured_reply"],
        "in about 3 hours (median of 3 replies)"
    );
});

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
            assert_eq!(e.id.unwrap(), sent["id"].to_string());
        }
        // And the other way round.
        let mut tab_on_a = Stream::open(&a, &p.mentee, None).await;
        tab_on_a.next_named("ready", WAIT).await.unwrap();
        let sent = send(&b, &p.mentor, p.id, "Back from B").await;
        let e = tab_on_a.next_named("message", WAIT).await.unwrap();
        assert_eq!(e.id.unwrap(), sent["id"].to_string());
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
