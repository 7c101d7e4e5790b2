//! Who may read and write a thread: the pair only; administrators see
//! that a thread exists and when it was active, never its words.

use super::thread;
use crate::{
    db_test,
    helpers::{accept, client, json, member, member_id, mentor, pair, requested, send},
};
use app::messages::{model::ThreadActivity, store};
use serde_json::Value;

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
    assert!(sent.html.contains("<em>may</em>"));

    // An outsider, another mentor of the same mentee, and an administrator.
    let (outsider, outsider_id) = member(&app, "Ruth Adeyemi", &[]).await;
    let (other_mentor, _) =
        mentor(&app, "Kofi Mensah", &[("focus_offered][scholarship", "on")]).await;
    let other = requested(
        &app,
        &p.mentee,
        member_id(&app, &other_mentor).await,
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
        // The whole answer, whatever fields it has, holds none of the words.
        let inbox: Value = json(&app, who, "messages/inbox", &[]).await;
        assert!(!inbox.to_string().contains("reorganise"), "{name}'s inbox");
    }
    // Nothing reaches the outsider's stream either.
    assert!(store::after(&app.db, outsider_id, 0, 100)
        .await
        .unwrap()
        .is_empty());

    // Administrators see that the thread exists and when it was active; no words.
    let activity: Value = json(&app, &admin, "messages/activity", &[]).await;
    let rows: Vec<ThreadActivity> = serde_json::from_value(activity.clone()).unwrap();
    let row = rows.iter().find(|r| r.mentorship_id == p.id).unwrap();
    assert_eq!(row.last_message_at, Some(sent.sent_at));
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
        assert_eq!(t.messages[0].id, sent.id);
    }
    let page = app
        .page_as(&p.mentor, &format!("/mentorships/{}", p.id))
        .await;
    assert!(page.contains("reorganise"));
});
