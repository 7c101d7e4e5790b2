//! Accounts on both databases: sign-up, sign-in and sessions here; one file
//! each for confirming addresses, recovering a password and the settings page.

mod recovery;
mod settings;
mod verification;

use crate::{db_test, helpers::client};
use serde_json::Value;

pub fn field_error(body: &Value, field: &str) -> Option<String> {
    body["Invalid"]["errors"]
        .as_array()?
        .iter()
        .find(|e| e["field"] == field)
        .map(|e| e["message"].as_str().unwrap().to_owned())
}

pub fn session_cookie(res: &reqwest::Response) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("carrel_session="))
}

db_test!(sign_up_signs_the_new_member_in, |app| async move {
    assert_eq!(app.whoami(&app.client).await, Value::Null);
    let res = app
        .sign_up_as(&app.client, " Ana.Ruiz@Example.EDU ", "Ana  Ruiz")
        .await;
    assert!(res.status().is_success(), "status {}", res.status());
    let me = app.whoami(&app.client).await;
    assert_eq!(me["email"], "ana.ruiz@example.edu");
    assert_eq!(me["display_name"], "Ana Ruiz");
    assert_eq!(me["site_role"], "Member");
});

db_test!(sign_up_reports_each_bad_field, |app| async move {
    let res = app
        .call(
            "accounts/sign_up",
            &[
                ("email", "ana@library"),
                ("display_name", "  "),
                ("password", "short"),
            ],
        )
        .await;
    assert_eq!(res.status(), 400);
    let body: Value = res.json().await.unwrap();
    assert!(field_error(&body, "email")
        .unwrap()
        .contains("name@library.org"));
    assert!(field_error(&body, "display_name").is_some());
    assert!(field_error(&body, "password")
        .unwrap()
        .contains("12 characters"));
    assert!(field_error(&body, "accept_conduct")
        .unwrap()
        .contains("code of conduct"));
    // What was typed comes back (never the password), so nothing is lost.
    let values = body["Invalid"]["values"].to_string();
    assert!(values.contains("ana@library"));
    assert!(!values.contains("short"));
    assert_eq!(app.whoami(&app.client).await, Value::Null);
});

db_test!(an_email_can_only_join_once, |app| async move {
    app.sign_up_as(&client(), "iris@example.org", "Iris Haddad")
        .await;
    let res = app
        .sign_up_as(&client(), "IRIS@example.org", "Someone Else")
        .await;
    assert_eq!(res.status(), 400);
    let body: Value = res.json().await.unwrap();
    assert!(field_error(&body, "email")
        .unwrap()
        .contains("already exists"));
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(n, 1);
});

db_test!(passwords_are_stored_as_argon2_hashes, |app| async move {
    app.sign_up_as(&app.client, "mei@example.org", "Mei Xiong")
        .await;
    let (hash,): (String,) = sqlx::query_as("SELECT password_hash FROM users")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(!hash.contains("a long enough password"));
});

db_test!(sign_in_accepts_the_right_password_only, |app| async move {
    app.sign_up_as(&client(), "omar@example.org", "Omar Kamara")
        .await;
    let wrong_password = app.sign_in("omar@example.org", "not the password").await;
    assert_eq!(wrong_password.status(), 400);
    let wrong: Value = wrong_password.json().await.unwrap();
    let unknown: Value = app
        .sign_in("nobody@example.org", "a long enough password")
        .await
        .json()
        .await
        .unwrap();
    // The same answer for both, so the form does not reveal who has an account.
    assert_eq!(field_error(&wrong, "form"), field_error(&unknown, "form"));
    assert!(field_error(&wrong, "form")
        .unwrap()
        .contains("do not match"));
    assert_eq!(app.whoami(&app.client).await, Value::Null);

    let ok = app
        .sign_in(" OMAR@example.org", "a long enough password")
        .await;
    assert!(ok.status().is_success());
    assert_eq!(app.whoami(&app.client).await["display_name"], "Omar Kamara");
});

db_test!(sign_in_issues_a_new_session_id, |app| async move {
    let signup = app
        .sign_up_as(&app.client, "rosa@example.org", "Rosa Moreno")
        .await;
    let first = session_cookie(&signup).expect("a session cookie at sign-up");
    let again = app
        .sign_in("rosa@example.org", "a long enough password")
        .await;
    let second = session_cookie(&again).expect("a new session cookie at sign-in");
    assert_ne!(first.split(';').next(), second.split(';').next());
    // The old id no longer signs anyone in (no session fixation).
    let old = first.split(';').next().unwrap();
    assert_eq!(app.whoami_with_cookie(old).await, Value::Null);
});

db_test!(session_cookies_are_http_only_and_lax, |app| async move {
    let res = app
        .sign_up_as(&app.client, "kwame@example.org", "Kwame Okafor")
        .await;
    let cookie = session_cookie(&res).unwrap();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(
        !cookie.contains("Secure"),
        "plain http must not set Secure: {cookie}"
    );
});

db_test!(
    sign_out_invalidates_the_session_everywhere,
    |app| async move {
        let res = app
            .sign_up_as(&app.client, "uma@example.org", "Uma Rahimi")
            .await;
        let copied = session_cookie(&res)
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_owned();
        let out = app.call("accounts/sign_out", &[]).await;
        assert!(out.status().is_success(), "status {}", out.status());
        assert_eq!(app.whoami(&app.client).await, Value::Null);
        assert_eq!(app.whoami_with_cookie(&copied).await, Value::Null);
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sessions")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
        assert_eq!(n, 0, "the session row is deleted");
    }
);

db_test!(sign_out_refuses_a_visitor, |app| async move {
    let res = app.call("accounts/sign_out", &[]).await;
    assert_eq!(res.status(), 401);
    assert_eq!(
        res.json::<Value>().await.unwrap(),
        Value::from("Unauthenticated")
    );
});

db_test!(sign_up_refuses_a_signed_in_member, |app| async move {
    app.sign_up_as(&app.client, "noor@example.org", "Noor Haddad")
        .await;
    let res = app
        .sign_up_as(&app.client, "second@example.org", "Second Account")
        .await;
    assert_eq!(res.status(), 403);
    assert_eq!(app.whoami(&app.client).await["email"], "noor@example.org");
});

db_test!(current_user_tells_a_visitor_nothing, |app| async move {
    app.sign_up_as(&client(), "hana@example.org", "Hana Yamada")
        .await;
    assert_eq!(app.whoami(&client()).await, Value::Null);
});

db_test!(
    a_form_posted_without_javascript_comes_back_with_its_errors,
    |app| async move {
        let res = app
            .form_post_as(
                &app.client,
                "accounts/sign_up",
                "/signup",
                &[
                    ("email", "not-an-email"),
                    ("display_name", "Tariq Laurent"),
                    ("password", "x"),
                ],
            )
            .await;
        assert_eq!(res.status(), 302);
        let location = res.headers()["location"].to_str().unwrap().to_owned();
        assert!(location.contains("__err="), "{location}");
        let page = app.page(&location).await;
        assert!(page.contains("Enter an email address like name@library.org."));
        assert!(page.contains("Use at least 12 characters"));
        assert!(
            page.contains(r#"value="Tariq Laurent""#),
            "the typed name is kept"
        );

        let ok = app
            .form_post_as(
                &app.client,
                "accounts/sign_up",
                &location,
                &[
                    ("email", "tariq@example.org"),
                    ("display_name", "Tariq Laurent"),
                    ("password", "a long enough password"),
                    ("accept_conduct", "yes"),
                    ("next", "/conduct"),
                ],
            )
            .await;
        assert_eq!(ok.status(), 302);
        assert_eq!(ok.headers()["location"], "/conduct");
        let home = app.page("/").await;
        assert!(home.contains("Welcome, Tariq Laurent"));
    }
);

db_test!(
    repeated_failed_sign_ins_slow_down_that_client_only,
    |app| async move {
        app.sign_up_as(&client(), "leilani@example.org", "Leilani Kamara")
            .await;
        let attacker = "198.51.100.7";
        for _ in 0..app::accounts::store::FREE_FAILURES {
            let res = app
                .sign_in_from(attacker, "leilani@example.org", "guess guess guess")
                .await;
            assert_eq!(res.status(), 400);
        }
        // Then each guess waits longer (1 s, 2 s, 4 s, ...): keep guessing
        // until the waits outlast a guess.
        let mut waited = 0;
        for _ in 0..6 {
            let res = app
                .sign_in_from(attacker, "leilani@example.org", "guess guess guess")
                .await;
            if res.status() == 429 {
                waited += 1;
                if waited == 2 {
                    break;
                }
            }
        }
        assert_eq!(waited, 2, "guessing never had to wait");
        // From the guessing address, even the right password must wait now.
        let res = app
            .sign_in_from(attacker, "LEILANI@example.org", "a long enough password")
            .await;
        assert_eq!(res.status(), 429);
        let retry: u64 = res.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        let body = res.json::<Value>().await.unwrap();
        assert_eq!(body["TooManyAttempts"].as_u64(), Some(retry), "{body}");
        assert!(retry >= 1);
        assert_eq!(app.whoami(&app.client).await, Value::Null);
        // The owner, elsewhere, is not locked out by someone else's guesses.
        let res = app
            .sign_in_from(
                "203.0.113.20",
                "leilani@example.org",
                "a long enough password",
            )
            .await;
        assert!(res.status().is_success(), "{}", res.status());
    }
);
