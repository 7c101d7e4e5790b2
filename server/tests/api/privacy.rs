//! A member's own data on both databases: the download holds theirs and their
//! threads, nobody else's; deleting erases what was theirs and leaves others'
//! threads whole, with "Former member" in their place.

use crate::{
    db_test,
    helpers::{client, json, mentor, pair, send, status_text, TestApp},
};
use app::{
    accounts::model::CurrentUser, directory::query::DirectoryResults, messages::model::Thread,
    notifications::model::Notification,
};
use serde_json::Value;

const PASSWORD: &str = "a long enough password";

async fn my_data(app: &TestApp, who: &reqwest::Client) -> (u16, String, String) {
    let res = who
        .get(app.url("/settings/my-data.json"))
        .send()
        .await
        .unwrap();
    let disposition = res
        .headers()
        .get("content-disposition")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (
        res.status().as_u16(),
        disposition,
        res.text().await.unwrap(),
    )
}

fn rows<'a>(data: &'a Value, section: &str) -> &'a Vec<Value> {
    data["sections"][section]["rows"].as_array().unwrap()
}

async fn thread(app: &TestApp, who: &reqwest::Client, id: i64) -> Thread {
    json(
        app,
        who,
        "messages/thread",
        &[("mentorship_id", &id.to_string()), ("mark_read", "false")],
    )
    .await
}

db_test!(
    my_data_holds_mine_and_my_threads_and_nobody_elses,
    |app| async move {
        let p = pair(&app, "Marisol Vega", "Tomas Berg").await;
        send(
            &app,
            &p.mentor,
            p.id,
            "Welcome, Tomas. What would help most?",
        )
        .await;
        send(&app, &p.mentee, p.id, "Leading my first team of three.").await;
        let q = pair(&app, "Other Mentor", "Other Mentee").await;
        send(&app, &q.mentee, q.id, "Something between the two of us.").await;

        let (status, disposition, body) = my_data(&app, &p.mentee).await;
        assert_eq!(status, 200, "{body}");
        assert!(disposition.starts_with("attachment; filename=\"carrel-my-data-"));
        let data: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(rows(&data, "account")[0]["email"], "tomas.berg@example.org");
        assert_eq!(
            rows(&data, "profile")[0]["institution"],
            "Lakeshore College"
        );
        let messages: Vec<&str> = rows(&data, "messages")
            .iter()
            .map(|m| m["body"].as_str().unwrap())
            .collect();
        assert!(messages.contains(&"Welcome, Tomas. What would help most?"));
        assert!(messages.contains(&"Leading my first team of three."));
        let mentorship = &rows(&data, "mentorships")[0];
        assert_eq!(mentorship["mentor_name"], "Marisol Vega");
        // Integers stay integers on both databases.
        assert_eq!(mentorship["hours_per_month"], 2, "{mentorship}");
        assert!(!rows(&data, "mentorship_history").is_empty());
        assert!(!rows(&data, "notifications").is_empty());
        assert_eq!(rows(&data, "sessions").len(), 1);
        // Nobody else's: not another pair's thread, not the mentor's address.
        assert!(!body.contains("Something between the two of us."));
        assert!(!body.contains("marisol.vega@example.org"));
        assert!(!body.contains("Other Mentee"));
        assert!(!body.contains("password_hash"));

        let (status, _, _) = my_data(&app, &client()).await;
        assert_eq!(status, 401);
    }
);

db_test!(
    deleting_an_account_erases_what_was_theirs_and_keeps_threads_whole,
    |app| async move {
        let p = pair(&app, "Marisol Vega", "Tomas Berg").await;
        send(&app, &p.mentor, p.id, "Welcome, Tomas.").await;
        send(&app, &p.mentee, p.id, "Thank you, Marisol.").await;
        let (fan, _) = mentor(&app, "Fan Mentor", &[]).await;
        assert_eq!(
            status_text(
                &app,
                &fan,
                "directory/shortlist_set",
                &[("mentor_id", &p.mentor_id.to_string()), ("saved", "true")],
            )
            .await
            .0,
            200
        );
        let delete = |password: &'static str, understood: bool| {
            let (app, who) = (&app, p.mentor.clone());
            async move {
                let mut form = vec![("password", password)];
                if understood {
                    form.push(("understood", "yes"));
                }
                status_text(app, &who, "privacy/delete_account", &form).await
            }
        };
        let (status, body) = delete("not my password", true).await;
        assert_eq!(status, 400);
        assert!(body.contains("not your current password"), "{body}");
        let (status, body) = delete(PASSWORD, false).await;
        assert_eq!(status, 400);
        assert!(body.contains("Tick the box"), "{body}");
        assert_eq!(
            status_text(
                &app,
                &client(),
                "privacy/delete_account",
                &[("password", PASSWORD), ("understood", "yes")]
            )
            .await
            .0,
            401
        );

        let (status, body) = delete(PASSWORD, true).await;
        assert_eq!(status, 200, "{body}");
        let me: Option<CurrentUser> = json(&app, &p.mentor, "accounts/current_user", &[]).await;
        assert!(me.is_none(), "signed out");
        assert!(
            !app.sign_in_as(&client(), "marisol.vega@example.org", PASSWORD)
                .await
        );

        // The mentee keeps the thread: their words, the mentor's erased, under no name.
        let seen = thread(&app, &p.mentee, p.id).await;
        assert_eq!(seen.other_name, "Former member");
        assert!(seen.read_only.is_some(), "the mentorship has ended");
        let html: Vec<&str> = seen.messages.iter().map(|m| m.html.as_str()).collect();
        assert!(html.iter().any(|h| h.contains("Thank you, Marisol.")));
        assert!(
            !html.iter().any(|h| h.contains("Welcome, Tomas.")),
            "{html:?}"
        );
        assert!(html
            .iter()
            .any(|h| h.contains("erased when its author left")));
        let told: Vec<Notification> = json(&app, &p.mentee, "notifications/recent", &[]).await;
        assert!(told.iter().any(|n| n.text.contains("ended")), "{told:?}");

        // Gone from the directory and from others' shortlists.
        let found: DirectoryResults = json(
            &app,
            &p.mentee,
            "directory/search",
            &[("query", "q=Marisol")],
        )
        .await;
        assert_eq!(found.total, 0);
        let everyone: DirectoryResults =
            json(&app, &p.mentee, "directory/search", &[("query", "")]).await;
        assert!(
            everyone
                .cards
                .iter()
                .all(|c| c.display_name != "Former member"),
            "{:?}",
            everyone
                .cards
                .iter()
                .map(|c| &c.display_name)
                .collect::<Vec<_>>()
        );
        let count = |sql: &'static str| {
            let (pool, id) = (app.db.pool().clone(), p.mentor_id);
            async move {
                let (n,): (i64,) = sqlx::query_as(sql).bind(id).fetch_one(&pool).await.unwrap();
                n
            }
        };
        for sql in [
            "SELECT COUNT(*) FROM shortlist WHERE user_id = $1 OR mentor_id = $1",
            "SELECT COUNT(*) FROM sessions WHERE user_id = $1",
            "SELECT COUNT(*) FROM notifications WHERE user_id = $1",
            "SELECT COUNT(*) FROM profile_tags WHERE user_id = $1",
            "SELECT COUNT(*) FROM profiles WHERE user_id = $1 AND (bio <> '' OR institution <> '')",
            "SELECT COUNT(*) FROM messages WHERE sender_id = $1 AND body <> ''",
            "SELECT COUNT(*) FROM users WHERE id = $1 AND (email LIKE '%@%' OR display_name <> 'Former member')",
        ] {
            assert_eq!(count(sql).await, 0, "{sql}");
        }
        assert_eq!(
            count("SELECT COUNT(*) FROM mentorships WHERE mentor_id = $1").await,
            1,
            "records others rely on stay"
        );

        // The address is free: joining again makes a new member.
        let again = client();
        let res = app
            .sign_up_as(&again, "marisol.vega@example.org", "Marisol Vega")
            .await;
        assert!(res.status().is_success());
        let me: Option<CurrentUser> = json(&app, &again, "accounts/current_user", &[]).await;
        assert_ne!(me.unwrap().id, p.mentor_id);
        let (_, _, body) = my_data(&app, &again).await;
        assert!(
            !body.contains("Thank you, Marisol."),
            "nothing of the old account"
        );
    }
);
