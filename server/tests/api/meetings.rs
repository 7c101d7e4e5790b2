//! Meetings on both databases: only the pair see and change them; proposals,
//! another time, acceptance; reminders with a controllable clock; cancelling
//! with the programs' notice; calendar files and the private feed.

use crate::{
    db_test,
    helpers::{accept, client, json, member, mentor, requested, status, TestApp},
};
use app::{
    dates::now_ms,
    jobs::remind_meetings,
    meetings::model::{MeetingState, Meetings},
};

const HOUR: i64 = 3_600_000;

/// `2026-12-01T15:00` for a UTC moment `from_now` ms ahead, on the hour.
fn utc_local(from_now: i64) -> String {
    let at = time::OffsetDateTime::from_unix_timestamp((now_ms() + from_now) / 1000).unwrap();
    format!(
        "{}-{:02}-{:02}T{:02}:00",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour()
    )
}

async fn propose(
    app: &TestApp,
    who: &reqwest::Client,
    mentorship: i64,
    starts: &str,
    zone: &str,
    replaces: Option<i64>,
) -> reqwest::Response {
    let mentorship = mentorship.to_string();
    let replaces = replaces.map(|r| r.to_string());
    let mut form = vec![
        ("mentorship_id", mentorship.as_str()),
        ("starts", starts),
        ("time_zone", zone),
        ("minutes", "45"),
        ("mode", "video"),
        ("place", "https://meet.example.org/carrel-abc"),
        ("agenda", "Your first conference poster."),
        ("remind_minutes", "1440"),
    ];
    if let Some(r) = &replaces {
        form.push(("replaces", r));
    }
    app.call_as(who, "meetings/propose", &form).await
}

async fn latest_meeting(app: &TestApp) -> i64 {
    let (id,): (i64,) = sqlx::query_as("SELECT MAX(id) FROM meetings")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    id
}

/// A mentor and mentee with an active mentorship: (mentor, mentee, id).
async fn pair(app: &TestApp) -> (reqwest::Client, reqwest::Client, i64) {
    let (m, mentor_id) = mentor(app, "Mo Mentor", &[]).await;
    let (e, _) = member(app, "Eve Mentee", &[("time_zone", "Europe/London")]).await;
    let id = requested(app, &e, mentor_id, "leadership").await;
    assert_eq!(accept(app, &m, id).await, 200);
    (m, e, id)
}

db_test!(
    meetings_are_refused_to_everyone_but_the_pair,
    |app| async move {
        let (m, e, id) = pair(&app).await;
        let res = propose(&app, &e, id, &utc_local(72 * HOUR), "UTC", None).await;
        assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
        let meeting = latest_meeting(&app).await.to_string();
        let sid = id.to_string();
        let (outsider, _) = member(&app, "Out Sider", &[]).await;
        let admin = app.admin("Ada Admin").await;
        for (endpoint, args) in [
            ("meetings/list", vec![("mentorship_id", sid.as_str())]),
            ("meetings/accept", vec![("id", meeting.as_str())]),
            ("meetings/cancel", vec![("id", meeting.as_str())]),
        ] {
            assert_eq!(
                status(&app, &client(), endpoint, &args).await,
                401,
                "{endpoint}"
            );
            assert_eq!(
                status(&app, &outsider, endpoint, &args).await,
                403,
                "{endpoint}"
            );
            assert_eq!(
                status(&app, &admin, endpoint, &args).await,
                403,
                "{endpoint}"
            );
        }
        assert_eq!(
            propose(&app, &client(), id, &utc_local(72 * HOUR), "UTC", None)
                .await
                .status(),
            401
        );
        assert_eq!(
            propose(&app, &outsider, id, &utc_local(72 * HOUR), "UTC", None)
                .await
                .status(),
            403
        );
        assert_eq!(status(&app, &client(), "meetings/feed", &[]).await, 401);
        // The calendar file: the pair only.
        let file = app.url(&format!("/meetings/{meeting}.ics"));
        assert_eq!(client().get(&file).send().await.unwrap().status(), 401);
        assert_eq!(outsider.get(&file).send().await.unwrap().status(), 403);
        assert_eq!(m.get(&file).send().await.unwrap().status(), 200);
        // A feed token nobody holds finds nothing.
        let res = client()
            .get(app.url("/calendar/0123456789abcdef0123456789abcdef.ics"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
    }
);

db_test!(a_pair_propose_answer_and_are_reminded, |app| async move {
    let (m, e, id) = pair(&app).await;
    // Refusals by field: a past time, an unknown zone, a link that is not one.
    let res = propose(&app, &e, id, &utc_local(-2 * HOUR), "UTC", None).await;
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Choose a time in the future."));
    let res = propose(&app, &e, id, &utc_local(72 * HOUR), "Mars/Olympus", None).await;
    assert_eq!(res.status(), 400);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Give a time zone such as"));

    // 15:00 in Chicago on the next 15 January is 21:00 UTC (CST, UTC−6).
    let today = time::OffsetDateTime::now_utc();
    let year = if (u8::from(today.month()), today.day()) < (1, 15) {
        today.year()
    } else {
        today.year() + 1
    };
    let res = propose(
        &app,
        &e,
        id,
        &format!("{year}-01-15T15:00"),
        "America/Chicago",
        None,
    )
    .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let first = latest_meeting(&app).await;
    let listed: Meetings = json(
        &app,
        &m,
        "meetings/list",
        &[("mentorship_id", &id.to_string())],
    )
    .await;
    let x = &listed.meetings[0];
    assert_eq!(x.proposer_name, "Eve Mentee");
    assert!(!x.proposed_by_me);
    let expected = format!("15 Jan {year}, 15:00 (America/Chicago)");
    assert!(x.local_time.ends_with(&expected), "{x:?}");
    // The mentee's own profile zone is the form's default.
    let mine: Meetings = json(
        &app,
        &e,
        "meetings/list",
        &[("mentorship_id", &id.to_string())],
    )
    .await;
    assert_eq!(mine.my_time_zone, "Europe/London");
    let ics = m
        .get(app.url(&format!("/meetings/{first}.ics")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        ics.contains(&format!("DTSTART:{year}0115T210000Z")),
        "{ics}"
    );
    assert!(ics.contains("SUMMARY:Mentoring: Eve Mentee"), "{ics}");

    // The proposer cannot accept their own; the mentor proposes another time.
    assert_eq!(
        status(&app, &e, "meetings/accept", &[("id", &first.to_string())]).await,
        409
    );
    let res = propose(&app, &m, id, &utc_local(72 * HOUR), "UTC", Some(first)).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let second = latest_meeting(&app).await;
    assert_eq!(
        status(&app, &m, "meetings/accept", &[("id", &first.to_string())]).await,
        409
    );
    assert_eq!(
        status(&app, &e, "meetings/accept", &[("id", &second.to_string())]).await,
        200
    );
    let listed: Meetings = json(
        &app,
        &e,
        "meetings/list",
        &[("mentorship_id", &id.to_string())],
    )
    .await;
    assert_eq!(
        listed.meetings.len(),
        1,
        "the replaced proposal is set aside"
    );
    assert_eq!(listed.meetings[0].state, MeetingState::Accepted);

    // Reminders 24 hours before, once, to both.
    let (starts,): (i64,) = sqlx::query_as("SELECT starts_at FROM meetings WHERE id = $1")
        .bind(second)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(remind_meetings(&app.db, now_ms()).await.unwrap(), 0);
    assert_eq!(
        remind_meetings(&app.db, starts - 24 * HOUR + 60_000)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        remind_meetings(&app.db, starts - 23 * HOUR).await.unwrap(),
        0
    );
    let (reminded,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM notifications WHERE kind = 'meeting_reminder'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(reminded, 2);

    // The private feed carries it, to whoever holds the link and no one else.
    let path: String = json(&app, &e, "meetings/feed", &[]).await;
    let feed = client()
        .get(app.url(&path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(feed.contains("SUMMARY:Mentoring: Mo Mentor"), "{feed}");
    let again: String = json(&app, &e, "meetings/feed", &[]).await;
    assert_eq!(again, path, "one feed per member");
});

db_test!(
    cancelling_at_short_notice_asks_first_and_tells_the_other_at_once,
    |app| async move {
        let (m, e, id) = pair(&app).await;
        // Three days ahead: cancelled without a question.
        propose(&app, &e, id, &utc_local(72 * HOUR), "UTC", None).await;
        let far = latest_meeting(&app).await.to_string();
        assert_eq!(
            status(&app, &m, "meetings/accept", &[("id", &far)]).await,
            200
        );
        assert_eq!(
            status(&app, &m, "meetings/cancel", &[("id", &far)]).await,
            200
        );
        assert_eq!(
            status(&app, &m, "meetings/cancel", &[("id", &far)]).await,
            409
        );

        // Ten hours ahead: the first attempt warns, the confirmed one cancels.
        propose(&app, &e, id, &utc_local(11 * HOUR), "UTC", None).await;
        let near = latest_meeting(&app).await.to_string();
        assert_eq!(
            status(&app, &m, "meetings/accept", &[("id", &near)]).await,
            200
        );
        let res = app.call_as(&e, "meetings/cancel", &[("id", &near)]).await;
        assert_eq!(res.status(), 409);
        assert!(res.text().await.unwrap().contains("less than 48 hours"));
        let res = app
            .call_as(
                &e,
                "meetings/cancel",
                &[("id", &near), ("short_notice_ok", "yes")],
            )
            .await;
        assert_eq!(res.status(), 200);
        let (texts,): (String,) = sqlx::query_as(
            "SELECT text FROM notifications WHERE kind = 'meeting_cancelled' ORDER BY id DESC LIMIT 1",
        )
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        assert!(
            texts.starts_with("Eve Mentee cancelled your meeting"),
            "{texts}"
        );
        assert!(texts.ends_with("at short notice."), "{texts}");
        let (emails,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM emails WHERE to_address = 'mo.mentor@example.org' AND subject LIKE '%cancelled%'",
        )
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        assert_eq!(emails, 1);
    }
);
