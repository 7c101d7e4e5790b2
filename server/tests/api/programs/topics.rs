//! Discussion topics: scheduled by coordinators, posted to every pair on their day.

use super::{career_program, cycle, cycle_pairs, outside_pair, program, schedule};
use crate::{
    db_test,
    helpers::{client, json, member},
};
use app::jobs::{email_unread, send_topics as send_due};
use app::programs::api::ManagePage;
use app::{dates::now_ms, dates::DAY_MS, messages::model::Thread};

db_test!(
    topics_are_scheduled_by_their_programs_coordinators_only,
    |app| async move {
        let (coordinator, slug) = career_program(&app, &[]).await;
        let id = cycle(&app, &coordinator, &slug, "Spring", (-1, 10, 60), 10).await;
        assert_eq!(
            schedule(&app, &client(), id, "Community", 1).await.status(),
            401
        );
        let (plain, _) = member(&app, "Pat Member", &[]).await;
        assert_eq!(
            schedule(&app, &plain, id, "Community", 1).await.status(),
            403
        );
        let admin = app.admin("Abe Admin").await;
        let other = program(
            &app,
            &admin,
            "Conference Buddies",
            &[],
            "pat.member@example.org",
        )
        .await;
        assert!(!other.is_empty());
        // Pat coordinates another program, not this one.
        assert_eq!(
            schedule(&app, &plain, id, "Community", 1).await.status(),
            403
        );

        let res = schedule(&app, &coordinator, id, "Yesterday", -1).await;
        assert_eq!(res.status(), 400);
        assert!(res
            .text()
            .await
            .unwrap()
            .contains("Choose today or a later day."));
        let res = schedule(&app, &coordinator, id, "Too late", 90).await;
        assert_eq!(res.status(), 400);
        assert!(res.text().await.unwrap().contains("Spring ends on"));
        assert_eq!(
            schedule(&app, &coordinator, id, "Community", 1)
                .await
                .status(),
            200
        );
        let (topic,): (i64,) = sqlx::query_as("SELECT MAX(id) FROM topics")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
        let topic = topic.to_string();
        for (who, status) in [(&client(), 401), (&plain, 403)] {
            let res = app
                .call_as(who, "programs/delete_topic", &[("topic_id", &topic)])
                .await;
            assert_eq!(res.status(), status);
        }
        let res = app
            .call_as(
                &coordinator,
                "programs/delete_topic",
                &[("topic_id", &topic)],
            )
            .await;
        assert_eq!(res.status(), 200);
        let page: ManagePage =
            json(&app, &coordinator, "programs/manage", &[("slug", &slug)]).await;
        assert!(page.cycles[0].topics.is_empty());
    }
);

db_test!(
    a_topic_reaches_every_active_pair_of_its_cycle_on_its_day,
    |app| async move {
        let (coordinator, slug) = career_program(&app, &[]).await;
        let id = cycle(&app, &coordinator, &slug, "Spring", (-1, 10, 60), 10).await;
        let mentees = [("Eve One", "leadership"), ("Eli Two", "leadership")];
        let (m, mentor_id, threads) = cycle_pairs(&app, id, &[("capacity", "3")], &mentees).await;
        let (outside, free) = outside_pair(&app, &m, mentor_id).await;

        assert_eq!(
            schedule(&app, &coordinator, id, "Your community", 0)
                .await
                .status(),
            200
        );
        assert_eq!(
            schedule(&app, &coordinator, id, "Next month", 30)
                .await
                .status(),
            200
        );
        let now = now_ms();
        assert_eq!(send_due(&app.db, &app.hub, now).await.unwrap(), 2);
        assert_eq!(send_due(&app.db, &app.hub, now).await.unwrap(), 0);

        for (who, mid) in &threads {
            let thread: Thread = json(
                &app,
                who,
                "messages/thread",
                &[("mentorship_id", &mid.to_string()), ("mark_read", "false")],
            )
            .await;
            let card = &thread.messages[0];
            assert!(card.topic);
            assert_eq!(card.sender_name, "Program topic");
            assert!(card.html.contains("Your community"));
        }
        let outside_thread: Thread = json(
            &app,
            &outside,
            "messages/thread",
            &[("mentorship_id", &free.to_string()), ("mark_read", "false")],
        )
        .await;
        assert!(outside_thread.messages.is_empty());
        // Posting a topic does not let its coordinator read the thread.
        let res = app
            .call_as(
                &coordinator,
                "messages/thread",
                &[
                    ("mentorship_id", &threads[0].1.to_string()),
                    ("mark_read", "false"),
                ],
            )
            .await;
        assert_eq!(res.status(), 403);
        // Each member is emailed the topic once; the unread-message email leaves topics alone.
        let (emails,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM emails WHERE subject = 'This month''s topic: Your community'",
        )
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        assert_eq!(emails, 4);
        assert_eq!(email_unread(&app.db, now + 3_600_000, 0).await.unwrap(), 0);
        // The next topic waits for its day.
        assert_eq!(
            send_due(&app.db, &app.hub, now + 29 * DAY_MS)
                .await
                .unwrap(),
            0
        );
        assert_eq!(
            send_due(&app.db, &app.hub, now + 31 * DAY_MS)
                .await
                .unwrap(),
            2
        );
    }
);
