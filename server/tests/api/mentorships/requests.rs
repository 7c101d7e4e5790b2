//! Requests and answers: the agreement, history, notices and email, refusals
//! with a clear reason, one mentor per focus, capacity under concurrency and
//! expiry with a controllable clock.

use super::error_text;
use crate::{
    db_test,
    helpers::{
        accept, client, json, member, mentor, mentorship_state, request, requested, status, HOPES,
    },
};
use app::{
    dates::now_ms,
    mentorships::model::{Channel, MentorshipDetail, MyMentorships, State, REQUEST_LIFETIME_MS},
    messages::model::Unread,
    notifications::{api::OutboxEmail, mail::send_pending, model::Notification},
};
use app::{db::Db, jobs, AppError};

/// One round of the request jobs as the server runs them: (reminded, expired).
async fn run_due(db: &Db, now: i64) -> Result<(usize, usize), AppError> {
    Ok((
        jobs::remind_requests(db, now).await?,
        jobs::expire_requests(db, now).await?,
    ))
}

db_test!(
    every_mentorship_function_refuses_a_visitor,
    |app| async move {
        for (endpoint, args) in [
            ("mentorships/mine", vec![]),
            ("mentorships/get", vec![("id", "1")]),
            ("mentorships/request_options", vec![("mentor_id", "1")]),
            (
                "mentorships/request",
                vec![
                    ("mentor_id", "1"),
                    ("focus", "leadership"),
                    ("message", HOPES),
                ],
            ),
            (
                "mentorships/respond",
                vec![("id", "1"), ("decision", "accept")],
            ),
            ("mentorships/withdraw", vec![("id", "1")]),
            ("mentorships/end", vec![("id", "1")]),
            ("mentorships/complete", vec![("id", "1")]),
            (
                "mentorships/agreement",
                vec![
                    ("id", "1"),
                    ("agreement[channel]", "email"),
                    ("agreement[frequency]", "monthly"),
                    ("agreement[reply_within]", "week"),
                    ("agreement[hours_per_month]", "2"),
                ],
            ),
            (
                "mentorships/ask_assignment",
                vec![("focus", "leadership"), ("note", "")],
            ),
            (
                "mentorships/cancel_assignment",
                vec![("focus", "leadership")],
            ),
            ("mentorships/queue", vec![]),
            ("mentorships/propose", vec![]),
            ("mentorships/assign", vec![("pairs", "1:2")]),
            ("notifications/recent", vec![]),
            ("notifications/mark_read", vec![]),
            ("notifications/outbox", vec![]),
            ("safety/block", vec![("user_id", "1")]),
            ("safety/unblock", vec![("user_id", "1")]),
            (
                "safety/report",
                vec![("user_id", "1"), ("note", "Rude in messages.")],
            ),
            ("safety/reports", vec![]),
        ] {
            let res = app.call(endpoint, &args).await;
            assert_eq!(res.status(), 401, "{endpoint}");
        }
    }
);

db_test!(
    request_accept_and_agreement_with_history_notices_and_email,
    |app| async move {
        let (mentor_c, mentor_id) = mentor(&app, "Marisol Vega", &[]).await;
        let (mentee_c, _) = member(&app, "Tomas Berg", &[]).await;
        let (stranger, _) = member(&app, "Nosy Parker", &[]).await;
        let admin = app.admin("Site Admin").await;
        // The sign-ups' confirmation emails are not what this test counts.
        sqlx::query("DELETE FROM emails WHERE secret = 1")
            .execute(app.db.pool())
            .await
            .unwrap();
        let id = requested(&app, &mentee_c, mentor_id, "leadership").await;
        let sid = id.to_string();

        let mine: MyMentorships = json(&app, &mentor_c, "mentorships/mine", &[]).await;
        assert_eq!(mine.received[0].other_name, "Tomas Berg");
        assert_eq!(mine.received[0].state, State::Requested);
        let theirs: MyMentorships = json(&app, &mentee_c, "mentorships/mine", &[]).await;
        assert_eq!(theirs.sent[0].other_name, "Marisol Vega");

        // Nobody but the pair reads it, not even an administrator.
        for outsider in [&stranger, &admin] {
            let res = app
                .call_as(outsider, "mentorships/get", &[("id", &sid)])
                .await;
            assert_eq!(res.status(), 403);
            assert!(!error_text(res).await.contains("lead my first team"));
            assert_eq!(accept(&app, outsider, id).await, 403);
        }
        // The mentee cannot answer their own request; the mentor cannot withdraw it.
        assert_eq!(accept(&app, &mentee_c, id).await, 403);
        assert_eq!(
            status(&app, &mentor_c, "mentorships/withdraw", &[("id", &sid)]).await,
            403
        );
        assert_eq!(mentorship_state(&app, id).await, "requested");

        assert_eq!(accept(&app, &mentor_c, id).await, 200);
        assert_eq!(accept(&app, &mentor_c, id).await, 409, "accepting twice");
        assert_eq!(
            status(&app, &mentee_c, "mentorships/withdraw", &[("id", &sid)]).await,
            409
        );
        let theirs: MyMentorships = json(&app, &mentee_c, "mentorships/mine", &[]).await;
        assert_eq!(theirs.mentors[0].focus_label, "Leadership");

        let agreement = [
            ("id", sid.as_str()),
            ("agreement[channel]", "video"),
            ("agreement[frequency]", "fortnightly"),
            ("agreement[reply_within]", "week"),
            ("agreement[hours_per_month]", "3"),
            ("agreement[notes]", "First Tuesdays, 45 minutes."),
        ];
        assert_eq!(
            status(&app, &mentee_c, "mentorships/agreement", &agreement).await,
            200
        );
        assert_eq!(
            status(&app, &stranger, "mentorships/agreement", &agreement).await,
            403
        );
        let mut bad = agreement.to_vec();
        bad[4] = ("agreement[hours_per_month]", "400");
        let res = app.call_as(&mentor_c, "mentorships/agreement", &bad).await;
        assert_eq!(res.status(), 400);
        assert!(error_text(res).await.contains("hours_per_month"));

        let d: MentorshipDetail = json(&app, &mentor_c, "mentorships/get", &[("id", &sid)]).await;
        assert_eq!(d.agreement.channel, Channel::Video);
        assert_eq!(d.agreement.hours_per_month, 3);
        assert_eq!(d.agreement.notes, "First Tuesdays, 45 minutes.");
        assert_eq!(d.message, HOPES);
        let history: Vec<(&str, State)> =
            d.history.iter().map(|h| (h.actor.as_str(), h.to)).collect();
        assert_eq!(
            history,
            [
                ("Tomas Berg", State::Requested),
                ("Marisol Vega", State::Accepted)
            ]
        );

        // The bell: the mentor heard of the request, the mentee of the answer.
        let n: Vec<Notification> = json(&app, &mentor_c, "notifications/recent", &[]).await;
        assert!(n[n.len() - 1]
            .text
            .contains("Tomas Berg asks you to be their mentor in Leadership"));
        let unread: Unread = json(&app, &mentee_c, "messages/unread", &[]).await;
        assert_eq!(
            unread.notices, 1,
            "accepted; the agreement the mentee saved told the mentor"
        );
        assert_eq!(
            status(&app, &mentee_c, "notifications/mark_read", &[]).await,
            200
        );
        let unread: Unread = json(&app, &mentee_c, "messages/unread", &[]).await;
        assert_eq!(unread.notices, 0);

        // Emails land in the outbox; they name the sender and link, never the request's words.
        let sent = send_pending(&app.db, &app.mailer).await.unwrap();
        assert_eq!(sent, 2, "request and acceptance");
        assert_eq!(
            send_pending(&app.db, &app.mailer).await.unwrap(),
            0,
            "never twice"
        );
        let outbox: Vec<OutboxEmail> = json(&app, &admin, "notifications/outbox", &[]).await;
        let raw: Vec<&str> = outbox.iter().map(|m| m.raw.as_str()).collect();
        assert_eq!(raw.len(), 2);
        assert!(raw
            .iter()
            .any(|m| m.contains("Subject: Carrel: a new mentorship request")));
        assert!(raw.iter().all(|m| !m.contains("lead my first team")));
        assert!(raw
            .iter()
            .any(|m| m.contains(&format!("/mentorships/{id}"))));
    }
);

db_test!(requests_are_refused_with_a_clear_reason, |app| async move {
    let (mentor_c, mentor_id) = mentor(&app, "Marisol Vega", &[("capacity", "1")]).await;
    let (mentee_c, mentee_id) = member(&app, "Tomas Berg", &[]).await;
    let no_profile = client();
    app.sign_up_as(&no_profile, "new@example.org", "Brand New")
        .await;

    let cases: Vec<(&reqwest::Client, String, &str, &str, u16, &str)> = vec![
        (
            &mentee_c,
            mentee_id.to_string(),
            "leadership",
            HOPES,
            400,
            "yourself",
        ),
        (
            &mentee_c,
            mentor_id.to_string(),
            "research",
            HOPES,
            400,
            "does not offer",
        ),
        (
            &mentee_c,
            mentor_id.to_string(),
            "basket_weaving",
            HOPES,
            400,
            "Choose the focus",
        ),
        (
            &mentee_c,
            mentor_id.to_string(),
            "leadership",
            "hi",
            400,
            "at least 20",
        ),
        (
            &no_profile,
            mentor_id.to_string(),
            "leadership",
            HOPES,
            400,
            "Save your profile",
        ),
        (&mentee_c, "999999".to_owned(), "leadership", HOPES, 404, ""),
    ];
    for (who, mentor, focus, message, status, says) in cases {
        let res = app
            .call_as(
                who,
                "mentorships/request",
                &[
                    ("mentor_id", &mentor),
                    ("focus", focus),
                    ("message", message),
                ],
            )
            .await;
        assert_eq!(res.status(), status, "{focus} {message}");
        let body = error_text(res).await;
        assert!(body.contains(says), "{says} in {body}");
    }
    // What was typed comes back with a refusal.
    let res = app
        .call_as(
            &mentee_c,
            "mentorships/request",
            &[
                ("mentor_id", &mentor_id.to_string()),
                ("focus", "research"),
                ("message", HOPES),
            ],
        )
        .await;
    assert!(error_text(res).await.contains("lead my first team"));

    let id = requested(&app, &mentee_c, mentor_id, "leadership").await;
    let res = request(&app, &mentee_c, mentor_id, "leadership").await;
    assert_eq!(res.status(), 400);
    assert!(error_text(res).await.contains("already asked Marisol Vega"));

    // Declining needs a reason from the list; the mentee sees it.
    let sid = id.to_string();
    assert_eq!(
        status(
            &app,
            &mentor_c,
            "mentorships/respond",
            &[("id", &sid), ("decision", "decline")]
        )
        .await,
        400
    );
    assert_eq!(
        status(
            &app,
            &mentor_c,
            "mentorships/respond",
            &[
                ("id", &sid),
                ("decision", "decline"),
                ("reason", "timing"),
                ("note", "Ask me in spring!")
            ],
        )
        .await,
        200
    );
    let d: MentorshipDetail = json(&app, &mentee_c, "mentorships/get", &[("id", &sid)]).await;
    assert_eq!(d.summary.state, State::Declined);
    assert_eq!(
        d.history[1].reason.as_deref(),
        Some("The timing does not work for me")
    );
    assert_eq!(d.history[1].note, "Ask me in spring!");
    assert_eq!(
        accept(&app, &mentor_c, id).await,
        409,
        "declined stays declined"
    );

    // Five open requests at most.
    let mut mentors = Vec::new();
    for i in 0..6 {
        mentors.push(mentor(&app, &format!("Mentor Number{i}"), &[]).await.1);
    }
    for m in &mentors[..5] {
        requested(&app, &mentee_c, *m, "leadership").await;
    }
    let res = request(&app, &mentee_c, mentors[5], "leadership").await;
    assert_eq!(res.status(), 400);
    assert!(error_text(res).await.contains("5 requests waiting"));

    // A mentor at capacity takes no requests.
    let (other, _) = member(&app, "Ines Duarte", &[]).await;
    let first = requested(&app, &other, mentor_id, "leadership").await;
    assert_eq!(accept(&app, &mentor_c, first).await, 200);
    let (third, _) = member(&app, "Third Person", &[]).await;
    let res = request(&app, &third, mentor_id, "leadership").await;
    assert!(error_text(res).await.contains("not taking new mentees"));
});

db_test!(
    a_mentee_holds_two_mentors_for_two_focus_areas,
    |app| async move {
        let (lead_c, lead) = mentor(&app, "Lead Mentor", &[]).await;
        let (sch_c, sch) = mentor(
            &app,
            "Scholar Mentor",
            &[("focus_offered][scholarship", "on")],
        )
        .await;
        let (_, spare) = mentor(&app, "Spare Mentor", &[]).await;
        let (mentee, _) = member(&app, "Tomas Berg", &[]).await;
        let a = requested(&app, &mentee, lead, "leadership").await;
        let spare_req = requested(&app, &mentee, spare, "leadership").await;
        let b = requested(&app, &mentee, sch, "scholarship").await;
        assert_eq!(accept(&app, &lead_c, a).await, 200);
        // The other open request for leadership is withdrawn, and its mentor told.
        assert_eq!(mentorship_state(&app, spare_req).await, "withdrawn");
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND kind = 'withdrawn'",
        )
        .bind(spare)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        assert_eq!(n, 1);
        assert_eq!(accept(&app, &sch_c, b).await, 200);
        let mine: MyMentorships = json(&app, &mentee, "mentorships/mine", &[]).await;
        let mentors: Vec<(&str, &str)> = mine
            .mentors
            .iter()
            .map(|m| (m.focus_label.as_str(), m.other_name.as_str()))
            .collect();
        assert_eq!(
            mentors,
            [
                ("Scholarship and publishing", "Scholar Mentor"),
                ("Leadership", "Lead Mentor")
            ]
        );
        // A third mentor for a focus already covered is refused.
        let res = request(&app, &mentee, spare, "leadership").await;
        assert!(error_text(res)
            .await
            .contains("already have a mentor for Leadership"));
    }
);

db_test!(
    capacity_and_one_mentor_per_focus_hold_under_concurrency,
    |app| async move {
        let app = std::sync::Arc::new(app);
        // A mentor with one place left, answering four requests at once.
        let (mentor_c, mentor_id) = mentor(&app, "Busy Mentor", &[("capacity", "2")]).await;
        let (first, _) = member(&app, "First Mentee", &[]).await;
        let id = requested(&app, &first, mentor_id, "leadership").await;
        assert_eq!(accept(&app, &mentor_c, id).await, 200);
        let mut ids = Vec::new();
        for i in 0..4 {
            let (c, _) = member(&app, &format!("Waiting Mentee{i}"), &[]).await;
            ids.push(requested(&app, &c, mentor_id, "leadership").await);
        }
        let answers = futures::future::join_all(ids.iter().map(|id| {
            let (app, c) = (app.clone(), mentor_c.clone());
            let id = *id;
            async move { accept(&app, &c, id).await }
        }))
        .await;
        assert_eq!(
            answers.iter().filter(|s| **s == 200).count(),
            1,
            "{answers:?}"
        );
        assert!(
            answers.iter().all(|s| *s == 200 || *s == 409),
            "{answers:?}"
        );
        let (active,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM mentorships WHERE mentor_id = $1 AND state = 'accepted'",
        )
        .bind(mentor_id)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        assert_eq!(active, 2);

        // Three mentors accept the same mentee for the same focus at the same instant.
        let (mentee, mentee_id) = member(&app, "Popular Mentee", &[]).await;
        let mut offers = Vec::new();
        for i in 0..3 {
            let (c, m) = mentor(&app, &format!("Eager Mentor{i}"), &[]).await;
            offers.push((c, requested(&app, &mentee, m, "leadership").await));
        }
        let answers = futures::future::join_all(offers.iter().map(|(c, id)| {
            let (app, c, id) = (app.clone(), c.clone(), *id);
            async move { accept(&app, &c, id).await }
        }))
        .await;
        assert_eq!(
            answers.iter().filter(|s| **s == 200).count(),
            1,
            "{answers:?}"
        );
        let (mentors,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM mentorships WHERE mentee_id = $1 AND focus = 'leadership' AND state = 'accepted'",
        )
        .bind(mentee_id)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        assert_eq!(mentors, 1);
    }
);

db_test!(
    unanswered_requests_are_reminded_then_expire,
    |app| async move {
        let (_, mentor_id) = mentor(&app, "Slow Mentor", &[]).await;
        let (mentee, _) = member(&app, "Tomas Berg", &[]).await;
        let id = requested(&app, &mentee, mentor_id, "leadership").await;
        let now = now_ms();
        assert_eq!(run_due(&app.db, now).await.unwrap(), (0, 0));
        let half = now + REQUEST_LIFETIME_MS / 2 + 60_000;
        assert_eq!(run_due(&app.db, half).await.unwrap(), (1, 0));
        assert_eq!(
            run_due(&app.db, half).await.unwrap(),
            (0, 0),
            "reminded once"
        );
        let late = now + REQUEST_LIFETIME_MS + 60_000;
        assert_eq!(run_due(&app.db, late).await.unwrap(), (0, 1));
        assert_eq!(mentorship_state(&app, id).await, "expired");
        let kinds: Vec<(String,)> =
            sqlx::query_as("SELECT kind FROM notifications WHERE user_id = $1 ORDER BY id")
                .bind(mentor_id)
                .fetch_all(app.db.pool())
                .await
                .unwrap();
        let kinds: Vec<&str> = kinds.iter().map(|(k,)| k.as_str()).collect();
        assert_eq!(kinds, ["request", "reminder", "expired"]);
        let d: MentorshipDetail =
            json(&app, &mentee, "mentorships/get", &[("id", &id.to_string())]).await;
        assert_eq!(d.history[1].actor, "Carrel");
        assert_eq!(d.history[1].to, State::Expired);
    }
);
