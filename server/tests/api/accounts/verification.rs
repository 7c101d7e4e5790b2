//! Confirming an address: the link sign-up sends, what an unconfirmed member
//! may not do, and the links that must not work.

use crate::{
    db_test,
    helpers::{client, json, mentor, pair, profile_form, save, status_text, TestApp},
    programs::{career_program, cycle, enrol},
};
use app::accounts::model::CurrentUser;

async fn me(app: &TestApp, who: &reqwest::Client) -> CurrentUser {
    let me: Option<CurrentUser> = json(app, who, "accounts/current_user", &[]).await;
    me.expect("signed in")
}

async fn verify(app: &TestApp, who: &reqwest::Client, token: &str) -> (u16, String) {
    status_text(app, who, "accounts/verify_email", &[("token", token)]).await
}

async fn count(app: &TestApp, sql: &str, bind: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql)
        .bind(bind)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    n
}

db_test!(
    sign_up_emails_a_single_use_link_that_confirms_the_address,
    |app| async move {
        let c = client();
        let res = app
            .sign_up_unverified(&c, "iris.haddad@example.org", "Iris Haddad")
            .await;
        assert!(res.status().is_success());
        assert!(!me(&app, &c).await.email_verified);
        let token = app
            .emailed_token("iris.haddad@example.org", "/verify-email/")
            .await
            .expect("a link was emailed");
        assert_eq!(token.len(), 64);
        // The database keeps a hash of the token, never the token.
        let (hash,): (String,) = sqlx::query_as("SELECT token_hash FROM account_tokens")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
        assert_ne!(hash, token);
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM account_tokens WHERE token_hash = $1",
                &token
            )
            .await,
            0
        );
        // The page shows a button; opening it changes nothing (mail scanners open links).
        let page = app.page(&format!("/verify-email/{token}")).await;
        assert!(page.contains("Confirm my address"));
        assert!(!me(&app, &c).await.email_verified);

        // Anyone holding the link may use it, on any device, once.
        let (status, body) = verify(&app, &client(), &token).await;
        assert_eq!(status, 200, "{body}");
        assert!(me(&app, &c).await.email_verified);
        let (status, body) = verify(&app, &c, &token).await;
        assert_eq!(status, 400);
        assert!(body.contains("no longer works"), "{body}");
    }
);

db_test!(
    forged_expired_and_misused_links_are_refused,
    |app| async move {
        let c = client();
        app.sign_up_unverified(&c, "omar.kamara@example.org", "Omar Kamara")
            .await;
        for forged in [
            "0".repeat(64),
            "not-a-token".to_owned(),
            String::new(),
            "' OR '1'='1".to_owned(),
            "a".repeat(5000),
        ] {
            let (status, body) = verify(&app, &c, &forged).await;
            assert_eq!(status, 400, "{forged:.20}: {body}");
        }
        let token = app
            .emailed_token("omar.kamara@example.org", "/verify-email/")
            .await
            .unwrap();
        // A confirmation link does not reset a password.
        let (status, _) = status_text(
            &app,
            &client(),
            "accounts/reset_password",
            &[("token", &token), ("password", "an entirely new sentence")],
        )
        .await;
        assert_eq!(status, 400);
        // A day later it has expired.
        sqlx::query("UPDATE account_tokens SET expires_at = expires_at - 86400001")
            .execute(app.db.pool())
            .await
            .unwrap();
        let (status, body) = verify(&app, &c, &token).await;
        assert_eq!(status, 400);
        assert!(body.contains("24 hours"), "{body}");
        assert!(!me(&app, &c).await.email_verified);

        // A new link supersedes the old one, and works.
        assert_eq!(
            status_text(&app, &c, "accounts/resend_verification", &[])
                .await
                .0,
            200
        );
        let fresh = app
            .emailed_token("omar.kamara@example.org", "/verify-email/")
            .await
            .unwrap();
        assert_ne!(fresh, token);
        assert_eq!(verify(&app, &c, &fresh).await.0, 200);
        assert!(me(&app, &c).await.email_verified);
    }
);

db_test!(links_cannot_be_asked_for_without_end, |app| async move {
    let c = client();
    app.sign_up_unverified(&c, "noor.haddad@example.org", "Noor Haddad")
        .await;
    // Sign-up sent one; four more this hour, then no more.
    for _ in 0..4 {
        assert_eq!(
            status_text(&app, &c, "accounts/resend_verification", &[])
                .await
                .0,
            200
        );
    }
    let (status, body) = status_text(&app, &c, "accounts/resend_verification", &[]).await;
    assert_eq!(status, 400);
    assert!(body.contains("several links"), "{body}");
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM emails WHERE to_address = $1",
            "noor.haddad@example.org"
        )
        .await,
        5
    );
    // Visitors have no address to confirm.
    assert_eq!(
        status_text(&app, &client(), "accounts/resend_verification", &[])
            .await
            .0,
        401
    );
});

db_test!(
    an_unconfirmed_member_browses_but_reaches_nobody,
    |app| async move {
        let (coordinator, slug) = career_program(&app, &[]).await;
        let cycle_id = cycle(&app, &coordinator, &slug, "Spring", (-1, 10, 60), 10).await;
        let (_, mentor_id) = mentor(&app, "Sam Mentor", &[]).await;

        // Eve signs up with an address a coordinator imported, without owning it.
        let csv = "name,email,role,tags\nRosa Lind,rosa.lind@example.org,mentee,\n";
        let (status, draft) = status_text(
            &app,
            &coordinator,
            "programs/check_import",
            &[
                ("slug", &slug),
                ("cycle_id", &cycle_id.to_string()),
                ("csv", csv),
            ],
        )
        .await;
        assert_eq!(status, 200, "{draft}");
        let eve = client();
        app.sign_up_unverified(&eve, "rosa.lind@example.org", "Rosa Lind")
            .await;
        let (status, preview) = status_text(
            &app,
            &coordinator,
            "programs/apply_import",
            &[("slug", &slug), ("draft_id", draft.trim())],
        )
        .await;
        assert_eq!(status, 200, "{preview}");
        assert!(preview.contains("invite"), "{preview}");
        let enrolled = |app: &TestApp| {
            let pool = app.db.pool().clone();
            async move {
                let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM enrolments")
                    .fetch_one(&pool)
                    .await
                    .unwrap();
                n
            }
        };
        assert_eq!(enrolled(&app).await, 0, "not enrolled by the import");
        let page = app.page_as(&eve, &format!("/programs/{slug}")).await;
        assert!(
            !page.contains("Sam Mentor"),
            "the cycle's mentors stay hidden"
        );

        // She may fill her profile and browse…
        let res = save(&app, &eve, &profile_form("Rosa Lind", &[])).await;
        assert!(res.status().is_success());
        assert!(app.page_as(&eve, "/mentors").await.contains("Sam Mentor"));
        assert!(app
            .page_as(&eve, "/")
            .await
            .contains("Confirm your email address"));
        // …but not ask, enrol, or be named coordinator.
        let (status, body) = status_text(
            &app,
            &eve,
            "mentorships/request",
            &[
                ("mentor_id", &mentor_id.to_string()),
                ("focus", "leadership"),
                ("message", "Could we talk about leading a small team?"),
            ],
        )
        .await;
        assert_eq!(status, 400);
        assert!(body.contains("Confirm your email address"), "{body}");
        assert!(
            body.contains("leading a small team"),
            "what was typed comes back"
        );
        let (status, body) = enrol(&app, &eve, cycle_id, "mentee").await;
        assert_eq!(status, 403, "{body}");
        let admin = app.admin("Ada Second").await;
        let (status, body) = status_text(
            &app,
            &admin,
            "programs/set_coordinators",
            &[("slug", &slug), ("coordinators", "rosa.lind@example.org")],
        )
        .await;
        assert_eq!(status, 400);
        assert!(body.contains("confirmed"), "{body}");

        // Once the owner of the address confirms it, the invitation is taken up.
        let token = app
            .emailed_token("rosa.lind@example.org", "/verify-email/")
            .await
            .unwrap();
        assert_eq!(verify(&app, &eve, &token).await.0, 200);
        assert_eq!(enrolled(&app).await, 1);
    }
);

db_test!(
    a_member_whose_address_is_unconfirmed_sends_no_messages,
    |app| async move {
        let p = pair(&app, "Tove Mentor", "Ugo Mentee").await;
        // An account from before the change of address, say, not confirmed yet.
        sqlx::query("UPDATE users SET email_verified_at = NULL WHERE id = $1")
            .bind(p.mentee_id)
            .execute(app.db.pool())
            .await
            .unwrap();
        let (status, body) = status_text(
            &app,
            &p.mentee,
            "messages/send",
            &[
                ("mentorship_id", &p.id.to_string()),
                ("body", "Hello there"),
                ("key", "0123456789abcdef0123456789abcdef"),
            ],
        )
        .await;
        assert_eq!(status, 400);
        assert!(body.contains("Confirm your email address"), "{body}");
        assert!(body.contains("Hello there"));
    }
);
