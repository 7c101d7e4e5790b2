//! `/settings`: changing the address and the password, and the sessions a
//! member sees and ends. Only the member themself, and only with their
//! current password where it matters.

use super::{field_error, session_cookie};
use crate::{
    db_test,
    helpers::{client, json, status_text, TestApp},
};
use app::accounts::model::{AccountSettings, CurrentUser};
use serde_json::Value;

const PASSWORD: &str = "a long enough password";

async fn whoami(app: &TestApp, who: &reqwest::Client) -> Option<CurrentUser> {
    json(app, who, "accounts/current_user", &[]).await
}

async fn settings(app: &TestApp, who: &reqwest::Client) -> AccountSettings {
    json(app, who, "accounts/settings", &[]).await
}

/// Signs in on a new client from `ip` with `agent`; its session cookie.
async fn device(app: &TestApp, email: &str, ip: &str, agent: &str) -> (reqwest::Client, String) {
    let c = client();
    let res = c
        .post(app.url("/api/accounts/sign_in"))
        .header("accept", "application/json")
        .header("x-forwarded-for", ip)
        .header("user-agent", agent)
        .form(&[("email", email), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success());
    let cookie = session_cookie(&res).unwrap();
    (c, cookie)
}

const PHONE: &str = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36";
const LAPTOP: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

db_test!(
    a_member_sees_their_sessions_and_ends_them,
    |app| async move {
        app.sign_up_as(&client(), "ana.ruiz@example.org", "Ana Ruiz")
            .await;
        // Sign-up's own session ends so the list holds just the two devices.
        sqlx::query("DELETE FROM sessions")
            .execute(app.db.pool())
            .await
            .unwrap();
        let (phone, phone_cookie) =
            device(&app, "ana.ruiz@example.org", "198.51.100.23", PHONE).await;
        let (laptop, laptop_cookie) =
            device(&app, "ana.ruiz@example.org", "2001:db8:85a3:8d3::7", LAPTOP).await;
        let seen = settings(&app, &laptop).await;
        assert_eq!(seen.sessions.len(), 2, "{seen:?}");
        let mine = seen.sessions.iter().find(|s| s.current).unwrap();
        assert_eq!(mine.device, "Firefox on Linux");
        assert_eq!(mine.place, "2001:db8:85a3::/48");
        let other = seen.sessions.iter().find(|s| !s.current).unwrap();
        assert_eq!(other.device, "Chrome on Android");
        assert_eq!(other.place, "198.51.100.0/24");
        // The list names sessions without their secrets.
        let raw = serde_json::to_string(&seen).unwrap();
        for cookie in [&phone_cookie, &laptop_cookie] {
            let id = cookie
                .trim_start_matches("carrel_session=")
                .split(';')
                .next()
                .unwrap();
            assert!(!raw.contains(id), "{raw}");
        }
        assert!(!raw.contains("198.51.100.23"));

        // Someone else cannot end Ana's session by its handle.
        let bo = client();
        app.sign_up_as(&bo, "bo.lind@example.org", "Bo Lind").await;
        let (status, _) = status_text(
            &app,
            &bo,
            "accounts/sign_out_session",
            &[("session", &other.handle)],
        )
        .await;
        assert_eq!(status, 409);
        assert!(whoami(&app, &phone).await.is_some());

        let (status, body) = status_text(
            &app,
            &laptop,
            "accounts/sign_out_session",
            &[("session", &other.handle)],
        )
        .await;
        assert_eq!(status, 200, "{body}");
        assert!(whoami(&app, &phone).await.is_none());
        assert!(whoami(&app, &laptop).await.is_some());

        let (phone, _) = device(&app, "ana.ruiz@example.org", "198.51.100.23", PHONE).await;
        assert_eq!(
            status_text(&app, &laptop, "accounts/sign_out_everywhere", &[])
                .await
                .0,
            200
        );
        assert!(whoami(&app, &phone).await.is_none());
        assert!(whoami(&app, &laptop).await.is_none());
        assert!(
            whoami(&app, &bo).await.is_some(),
            "other members stay signed in"
        );
    }
);

db_test!(
    changing_the_password_needs_the_current_one_and_ends_other_sessions,
    |app| async move {
        let here = client();
        app.sign_up_as(&here, "ana.ruiz@example.org", "Ana Ruiz")
            .await;
        let other = client();
        assert!(
            app.sign_in_as(&other, "ana.ruiz@example.org", PASSWORD)
                .await
        );
        let change = |current: &'static str, new: &'static str| {
            let (app, here) = (&app, here.clone());
            async move {
                status_text(
                    app,
                    &here,
                    "accounts/change_password",
                    &[("current_password", current), ("new_password", new)],
                )
                .await
            }
        };
        let (status, body) = change("not my password", "the map room opens at nine").await;
        assert_eq!(status, 400);
        let body: Value = serde_json::from_str(&body).unwrap();
        assert!(field_error(&body, "current_password").is_some());
        let (status, body) = change(PASSWORD, "password1234").await;
        assert_eq!(status, 400);
        let body: Value = serde_json::from_str(&body).unwrap();
        assert!(field_error(&body, "new_password").is_some());
        assert!(
            whoami(&app, &other).await.is_some(),
            "refusals change nothing"
        );

        let (status, body) = change(PASSWORD, "the map room opens at nine").await;
        assert_eq!(status, 200, "{body}");
        assert!(whoami(&app, &here).await.is_some());
        assert!(whoami(&app, &other).await.is_none());
        assert!(
            !app.sign_in_as(&client(), "ana.ruiz@example.org", PASSWORD)
                .await
        );
        assert!(
            app.sign_in_as(
                &client(),
                "ana.ruiz@example.org",
                "the map room opens at nine"
            )
            .await
        );
    }
);

db_test!(
    a_new_address_becomes_the_members_when_its_link_is_opened,
    |app| async move {
        let ana = client();
        app.sign_up_as(&ana, "ana.ruiz@example.org", "Ana Ruiz")
            .await;
        app.sign_up_as(&client(), "taken@example.org", "Tak En")
            .await;
        let change = |email: &'static str, password: &'static str| {
            let (app, ana) = (&app, ana.clone());
            async move {
                status_text(
                    app,
                    &ana,
                    "accounts/change_email",
                    &[("email", email), ("current_password", password)],
                )
                .await
            }
        };
        let (status, body) = change("ana@newlibrary.org", "wrong password here").await;
        assert_eq!(status, 400);
        assert!(
            body.contains("ana@newlibrary.org"),
            "what was typed comes back"
        );
        assert_eq!(change("taken@example.org", PASSWORD).await.0, 400);
        assert_eq!(change("not an address", PASSWORD).await.0, 400);
        assert_eq!(change("ana.ruiz@example.org", PASSWORD).await.0, 400);

        let (status, body) = change("Ana@NewLibrary.org", PASSWORD).await;
        assert_eq!(status, 200, "{body}");
        let seen = settings(&app, &ana).await;
        assert_eq!(
            seen.email, "ana.ruiz@example.org",
            "unchanged until confirmed"
        );
        assert_eq!(seen.pending_email.as_deref(), Some("ana@newlibrary.org"));
        let (told,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM emails WHERE to_address = 'ana.ruiz@example.org' AND body LIKE '%ana@newlibrary.org%'",
        )
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        assert_eq!(told, 1, "the old address hears of the change");

        let token = app
            .emailed_token("ana@newlibrary.org", "/verify-email/")
            .await
            .unwrap();
        let (status, body) = status_text(
            &app,
            &client(),
            "accounts/verify_email",
            &[("token", &token)],
        )
        .await;
        assert_eq!(status, 200, "{body}");
        let me = whoami(&app, &ana).await.unwrap();
        assert_eq!(me.email, "ana@newlibrary.org");
        assert!(me.email_verified);
        assert!(
            app.sign_in_as(&client(), "ana@newlibrary.org", PASSWORD)
                .await
        );
        assert!(
            !app.sign_in_as(&client(), "ana.ruiz@example.org", PASSWORD)
                .await
        );
    }
);

db_test!(
    an_address_taken_before_its_link_is_opened_stays_with_its_taker,
    |app| async move {
        let ana = client();
        app.sign_up_as(&ana, "ana.ruiz@example.org", "Ana Ruiz")
            .await;
        let (status, _) = status_text(
            &app,
            &ana,
            "accounts/change_email",
            &[
                ("email", "shared@example.org"),
                ("current_password", PASSWORD),
            ],
        )
        .await;
        assert_eq!(status, 200);
        let token = app
            .emailed_token("shared@example.org", "/verify-email/")
            .await
            .unwrap();
        app.sign_up_as(&client(), "shared@example.org", "Sha Red")
            .await;
        let (status, body) =
            status_text(&app, &ana, "accounts/verify_email", &[("token", &token)]).await;
        assert_eq!(status, 409, "{body}");
        assert_eq!(
            whoami(&app, &ana).await.unwrap().email,
            "ana.ruiz@example.org"
        );
    }
);

db_test!(
    settings_are_for_the_signed_in_member_only,
    |app| async move {
        let visitor = client();
        for (endpoint, args) in [
            ("accounts/settings", vec![]),
            ("accounts/resend_verification", vec![]),
            (
                "accounts/change_password",
                vec![
                    ("current_password", PASSWORD),
                    ("new_password", "the map room opens at nine"),
                ],
            ),
            (
                "accounts/change_email",
                vec![("email", "x@example.org"), ("current_password", PASSWORD)],
            ),
            ("accounts/sign_out_session", vec![("session", "00")]),
            ("accounts/sign_out_everywhere", vec![]),
        ] {
            assert_eq!(
                status_text(&app, &visitor, endpoint, &args).await.0,
                401,
                "{endpoint}"
            );
        }
        let page = app.page_as(&visitor, "/settings").await;
        assert!(!page.contains("Where you are signed in"));
        // A page elsewhere cannot change a member's password for them.
        let ana = client();
        app.sign_up_as(&ana, "ana.ruiz@example.org", "Ana Ruiz")
            .await;
        let res = ana
            .post(app.url("/api/accounts/change_password"))
            .header("origin", "http://evil.example")
            .form(&[
                ("current_password", PASSWORD),
                ("new_password", "the map room opens at nine"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        assert!(
            app.sign_in_as(&client(), "ana.ruiz@example.org", PASSWORD)
                .await
        );
    }
);

db_test!(a_member_chooses_which_emails_they_get, |app| async move {
    let (sam, sam_id) = crate::helpers::mentor(&app, "Sam Mentor", &[]).await;
    let (tomas, _) = crate::helpers::member(&app, "Tomas Berg", &[]).await;
    let choices: app::notifications::model::Choices =
        json(&app, &sam, "notifications/choices", &[]).await;
    assert!(
        choices.topics.iter().all(|c| c.email && c.push),
        "all on at first"
    );
    // Sam keeps every email but requests.
    let keep: Vec<(String, &str)> = choices
        .topics
        .iter()
        .filter(|c| c.topic.slug() != "requests")
        .map(|c| (format!("email[{}]", c.topic.slug()), "yes"))
        .collect();
    let form: Vec<(&str, &str)> = keep.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let (status, body) = status_text(&app, &sam, "notifications/save_choices", &form).await;
    assert_eq!(status, 200, "{body}");
    let requests_emails = || {
        let pool = app.db.pool().clone();
        async move {
            let (n,): (i64,) = sqlx::query_as(
                    "SELECT COUNT(*) FROM emails WHERE to_address = 'sam.mentor@example.org' AND secret = 0",
                )
                .fetch_one(&pool)
                .await
                .unwrap();
            n
        }
    };
    crate::helpers::requested(&app, &tomas, sam_id, "leadership").await;
    assert_eq!(requests_emails().await, 0, "no email about the request");
    let told: Vec<app::notifications::model::Notification> =
        json(&app, &sam, "notifications/recent", &[]).await;
    assert_eq!(told.len(), 1, "the bell still tells");

    // Nothing ticked: every topic goes quiet. An unknown topic is refused.
    assert_eq!(
        status_text(&app, &sam, "notifications/save_choices", &[])
            .await
            .0,
        200
    );
    let choices: app::notifications::model::Choices =
        json(&app, &sam, "notifications/choices", &[]).await;
    assert!(choices.topics.iter().all(|c| !c.email && !c.push));
    assert_eq!(
        status_text(
            &app,
            &sam,
            "notifications/save_choices",
            &[("push[everything]", "yes")]
        )
        .await
        .0,
        400
    );
    assert_eq!(
        status_text(&app, &client(), "notifications/save_choices", &[])
            .await
            .0,
        401
    );
    assert_eq!(
        status_text(&app, &client(), "notifications/choices", &[])
            .await
            .0,
        401
    );
});
