//! Threads: pages, unread counts and read markers, sending once per key,
//! refusals, and blocked and ended threads that stay readable.

use super::{thread, unread};
use crate::{
    db_test,
    helpers::{json, mentor, pair, requested, send, send_raw},
};
use app::messages::model::{InboxItem, Message, Thread};

db_test!(messages_page_count_and_are_seen, |app| async move {
    let p = pair(&app, "Imani Okafor", "Tomas Berg").await;
    // Before anyone wrote, the mentor is offered an opening to send first.
    let t = thread(&app, &p.mentor, p.id, None).await;
    assert!(t.suggested_opening.unwrap().starts_with("Hello Tomas,"));
    let mentee_view = thread(&app, &p.mentee, p.id, None).await;
    assert!(mentee_view.suggested_opening.is_none());

    let first = send(&app, &p.mentor, p.id, "Welcome! When shall we talk?").await;
    let written = thread(&app, &p.mentor, p.id, None).await;
    assert!(written.suggested_opening.is_none());
    assert_eq!(unread(&app, &p.mentee).await, 1);
    assert_eq!(unread(&app, &p.mentor).await, 0, "my own messages are read");
    for i in 0..34 {
        send(&app, &p.mentee, p.id, &format!("Note number {i}")).await;
    }
    assert_eq!(unread(&app, &p.mentor).await, 34);
    let inbox: Vec<InboxItem> = json(&app, &p.mentor, "messages/inbox", &[]).await;
    assert_eq!(inbox[0].unread, 34);
    assert_eq!(inbox[0].other_name, "Tomas Berg");
    assert_eq!(inbox[0].preview.as_deref(), Some("Note number 33"));

    // Marking read moves the marker forward only and the other member sees it.
    let seen: Thread = json(
        &app,
        &p.mentee,
        "messages/thread",
        &[("mentorship_id", &p.id.to_string()), ("mark_read", "false")],
    )
    .await;
    let last_id = seen.messages[29].id;
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
        thread(&app, &p.mentee, p.id, None).await.seen_up_to,
        last_id
    );

    // Pages: the latest 30, oldest first, then the rest.
    let msgs = &t.messages;
    assert_eq!(msgs.len(), 30);
    assert!(t.has_older);
    assert_eq!(msgs[29].html, "<p>Note number 33</p>\n");
    assert!(!msgs[29].mine);
    let older = thread(&app, &p.mentor, p.id, Some(msgs[0].id)).await;
    let older = older.messages;
    assert_eq!(older.len(), 5);
    assert_eq!(older[0].id, first.id);
    assert!(older[0].mine);
});

db_test!(
    a_message_is_stored_once_and_bad_ones_are_refused,
    |app| async move {
        let p = pair(&app, "Imani Okafor", "Tomas Berg").await;
        let a = send_raw(&app, &p.mentee, p.id, "Only once, please.", "k-retry-0001").await;
        let b = send_raw(&app, &p.mentee, p.id, "Only once, please.", "k-retry-0001").await;
        let (a, b): (Message, Message) = (a.json().await.unwrap(), b.json().await.unwrap());
        assert_eq!(a.id, b.id, "a retried send returns the stored message");
        assert_eq!(thread(&app, &p.mentee, p.id, None).await.messages.len(), 1);
        // The same key from the other member is their own message.
        let c: Message = send_raw(
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
        assert_ne!(c.id, a.id);

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
        let html = &x.html;
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
        assert_eq!(t.messages.len(), 1);
        assert!(t.read_only.is_some());
        let res = send_raw(
            &app,
            who,
            p.id,
            "Still there?",
            &format!("k-after-block-{}", t.mentorship_id),
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
        t.read_only.as_deref(),
        Some("This mentorship is ended; its messages stay here to read, but no new ones can be sent.")
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
