//! A forgotten password: the same answer for every address, a link that
//! works once within an hour, and every other session signed out.

use super::field_error;
use crate::{
    db_test,
    helpers::{client, json, status_text, TestApp},
};
use app::accounts::model::CurrentUser;
use serde_json::Value;

const NEW: &str = "the map room opens at nine";

async fn forgot(app: &TestApp, email: &str) -> (u16, String) {
    status_text(
        app,
        &client(),
        "accounts/forgot_password",
        &[("email", email)],
    )
    .await
}

async fn reset(app: &TestApp, who: &reqwest::Client, token: &str, password: &str) -> (u16, String) {
    status_text(
        app,
        who,
        "accounts/reset_password",
        &[("token", token), ("password", password)],
    )
    .await
}

async fn whoami(app: &TestApp, who: &reqwest::Client) -> Option<CurrentUser> {
    json(app, who, "accounts/current_user", &[]).await
}

db_test!(
    the_answer_is_the_same_whether_or_not_an_account_exists,
    |app| async move {
        app.sign_up_as(&client(), "ana.ruiz@example.org", "Ana Ruiz")
            .await;
        let known = forgot(&app, "Ana.Ruiz@example.org").await;
        let unknown = forgot(&app, "nobody@example.org").await;
        assert_eq!(known, unknown);
        assert_eq!(known.0, 200);
        // With JavaScript off both land on the same page.
        for email in ["ana.ruiz@example.org", "nobody@example.org"] {
            let res = app
                .form_post_as(
                    &client(),
                    "accounts/forgot_password",
                    "/forgot-password",
                    &[("email", email)],
                )
                .await;
            assert_eq!(res.status(), 302);
            assert_eq!(res.headers()["location"], "/forgot-password?sent=1");
        }
        assert!(app
            .emailed_token("ana.ruiz@example.org", "/reset-password/")
            .await
            .is_some());
        assert!(app
            .emailed_token("nobody@example.org", "/reset-password/")
            .await
            .is_none());
    }
);

db_test!(
    a_reset_link_sets_a_new_password_once_and_signs_out_everywhere_else,
    |app| async move {
        let laptop = client();
        app.sign_up_as(&laptop, "ana.ruiz@example.org", "Ana Ruiz")
            .await;
        let phone = client();
        app.sign_in_as(&phone, "ana.ruiz@example.org", "a long enough password")
            .await;
        assert!(whoami(&app, &phone).await.is_some());
        forgot(&app, "ana.ruiz@example.org").await;
        let token = app
            .emailed_token("ana.ruiz@example.org", "/reset-password/")
            .await
            .unwrap();

        // A weak password is refused without using the link up.
        let library = client();
        let (status, body) = reset(&app, &library, &token, "password1234").await;
        assert_eq!(status, 400);
        let body: Value = serde_json::from_str(&body).unwrap();
        assert!(field_error(&body, "password").is_some(), "{body}");

        let (status, body) = reset(&app, &library, &token, NEW).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(
            whoami(&app, &library).await.map(|u| u.email).as_deref(),
            Some("ana.ruiz@example.org"),
            "the browser that reset is signed in"
        );
        assert!(whoami(&app, &laptop).await.is_none(), "signed out");
        assert!(whoami(&app, &phone).await.is_none(), "signed out");
        assert!(
            !app.sign_in_as(&client(), "ana.ruiz@example.org", "a long enough password")
                .await
        );
        assert!(app.sign_in_as(&client(), "ana.ruiz@example.org", NEW).await);

        // Once only.
        let (status, body) = reset(&app, &client(), &token, "another fine sentence here").await;
        assert_eq!(status, 400);
        assert!(body.contains("no longer works"), "{body}");
    }
);

db_test!(
    expired_superseded_and_forged_reset_links_fail,
    |app| async move {
        app.sign_up_as(&client(), "omar.kamara@example.org", "Omar Kamara")
            .await;
        forgot(&app, "omar.kamara@example.org").await;
        let first = app
            .emailed_token("omar.kamara@example.org", "/reset-password/")
            .await
            .unwrap();
        forgot(&app, "omar.kamara@example.org").await;
        let second = app
            .emailed_token("omar.kamara@example.org", "/reset-password/")
            .await
            .unwrap();
        assert_ne!(first, second);
        assert_eq!(
            reset(&app, &client(), &first, NEW).await.0,
            400,
            "superseded"
        );
        // An hour later the newest one has expired too.
        sqlx::query("UPDATE account_tokens SET expires_at = expires_at - 3600001")
            .execute(app.db.pool())
            .await
            .unwrap();
        let (status, body) = reset(&app, &client(), &second, NEW).await;
        assert_eq!(status, 400);
        assert!(body.contains("an hour"), "{body}");
        // A confirmation link is not a reset link.
        let verify = app
            .emailed_token("omar.kamara@example.org", "/verify-email/")
            .await
            .unwrap();
        assert_eq!(reset(&app, &client(), &verify, NEW).await.0, 400);
        assert_eq!(reset(&app, &client(), &"f".repeat(64), NEW).await.0, 400);
        assert!(
            app.sign_in_as(
                &client(),
                "omar.kamara@example.org",
                "a long enough password"
            )
            .await,
            "the password is unchanged"
        );
        // The sent email's link is erased once it has gone out.
        let (secret,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM emails WHERE secret = 1 AND link <> ''")
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        assert_eq!(secret, 3);
        let sent = app::notifications::mail::send_pending(&app.db, &app.mailer)
            .await
            .unwrap();
        assert_eq!(sent, 3);
        let (left,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM emails WHERE secret = 1 AND link <> ''")
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        assert_eq!(left, 0);
    }
);

db_test!(
    the_owner_of_an_address_takes_back_an_account_opened_with_it,
    |app| async move {
        // Eve signs up with Bea's address; she cannot confirm it.
        let eve = client();
        app.sign_up_unverified(&eve, "bea.ortiz@example.org", "Bea Ortiz")
            .await;
        let (status, body) = status_text(
            &app,
            &client(),
            "accounts/sign_up",
            &[
                ("email", "bea.ortiz@example.org"),
                ("display_name", "Bea Ortiz"),
                ("password", "a long enough password"),
                ("accept_conduct", "yes"),
            ],
        )
        .await;
        assert_eq!(status, 400);
        assert!(body.contains("Sign in instead"), "{body}");
        // Bea resets the password through her own inbox: the account is hers,
        // confirmed, and Eve is signed out.
        forgot(&app, "bea.ortiz@example.org").await;
        let token = app
            .emailed_token("bea.ortiz@example.org", "/reset-password/")
            .await
            .unwrap();
        let bea = client();
        assert_eq!(reset(&app, &bea, &token, NEW).await.0, 200);
        assert!(whoami(&app, &eve).await.is_none());
        assert!(whoami(&app, &bea).await.unwrap().email_verified);
    }
);
