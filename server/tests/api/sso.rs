//! Single sign-on against a real OpenID Provider (the certified `oidc-provider`
//! package, run with node from `tests/oidc/`), on both databases: joining,
//! linking by a verified address only, linking from settings, and the answers
//! that must not sign anyone in (a forged state, a replayed code, an ID token
//! for another client, an unverified address).

use crate::{
    db_test,
    helpers::{client, json, status_text, TestApp},
};
use app::{
    accounts::model::CurrentUser,
    sso::{
        client::ProviderConfig,
        model::{Joining, SsoSettings},
    },
};
use server::config::Config;
use std::{
    io::{BufRead, BufReader},
    process::{Child, Command, Stdio},
    sync::{Mutex, OnceLock},
};

const SECRET: &str = "a client secret for tests only";

/// The provider's issuer URL: one node process for the whole test run, which
/// exits when this process does (its stdin closes).
fn issuer() -> &'static str {
    static PROVIDER: OnceLock<(Mutex<Child>, String)> = OnceLock::new();
    &PROVIDER
        .get_or_init(|| {
            let mut child = Command::new("node")
                .arg("tests/oidc/provider.mjs")
                .env("PORT", "0")
                .env("LOCAL_REDIRECTS", "1")
                .env("EXIT_WITH_PARENT", "1")
                .env("CLIENT_SECRET", SECRET)
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .expect("node runs the test OpenID Provider (`make setup` installs it)");
            let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
            let first = lines.next().expect("the provider starts").unwrap();
            let issuer = first
                .strip_prefix("issuer ")
                .unwrap_or_else(|| panic!("the provider said {first:?}"))
                .to_owned();
            // Keep reading, so the provider never writes into a closed pipe.
            std::thread::spawn(move || lines.for_each(drop));
            (Mutex::new(child), issuer)
        })
        .1
}

fn with_provider(c: &mut Config) {
    c.oidc = vec![ProviderConfig {
        slug: "test".to_owned(),
        label: "Example Library Association".to_owned(),
        issuer: issuer().to_owned(),
        client_id: "carrel".to_owned(),
        client_secret: SECRET.to_owned(),
    }];
}

fn location(res: &reqwest::Response) -> String {
    assert!(
        res.status().is_redirection(),
        "{} is not a redirect",
        res.status()
    );
    res.headers()["location"].to_str().unwrap().to_owned()
}

fn at_issuer(path: String) -> String {
    if path.starts_with("http") {
        path
    } else {
        format!("{}{path}", issuer())
    }
}

/// Presses "Sign in with …" on `who` (with `form`, e.g. `next` or `link`) and
/// signs in at the provider as `login` (unless this browser is signed in
/// there already); the callback URL the provider sends the browser back to.
async fn at_provider(
    app: &TestApp,
    who: &reqwest::Client,
    login: &str,
    form: &[(&str, &str)],
) -> String {
    let res = who
        .post(app.url("/auth/sso/test/start"))
        .form(form)
        .send()
        .await
        .unwrap();
    let authorize = location(&res);
    assert!(authorize.starts_with(issuer()), "{authorize}");
    assert!(
        authorize.contains("code_challenge_method=S256"),
        "{authorize}"
    );
    assert!(authorize.contains("nonce="), "{authorize}");
    let res = who.get(&authorize).send().await.unwrap();
    let next = location(&res);
    // Signed in at the provider already: it answers at once.
    if next.starts_with(&app.url("/auth/sso/")) {
        return next;
    }
    let interaction = at_issuer(next);
    let res = who
        .post(&interaction)
        .form(&[("prompt", "login"), ("login", login), ("password", "any")])
        .send()
        .await
        .unwrap();
    let resume = at_issuer(location(&res));
    let res = who.get(&resume).send().await.unwrap();
    let callback = location(&res);
    assert!(
        callback.starts_with(&app.url("/auth/sso/test/callback?")),
        "{callback}"
    );
    callback
}

/// Follows the provider's answer back into Carrel; where Carrel sends the browser.
async fn back(who: &reqwest::Client, callback: &str) -> String {
    location(&who.get(callback).send().await.unwrap())
}

async fn whoami(app: &TestApp, who: &reqwest::Client) -> Option<CurrentUser> {
    json(app, who, "accounts/current_user", &[]).await
}

async fn identities(app: &TestApp) -> i64 {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM external_identities")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    n
}

db_test!(
    a_first_sign_in_joins_carrel_and_the_next_one_signs_in,
    config = with_provider,
    |app| async move {
        let res = client().get(app.url("/login")).send().await.unwrap();
        // The button's form redirects to the provider: the policy lets it.
        let policy = res.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            policy.contains(&format!("form-action 'self' {};", issuer())),
            "{policy}"
        );
        assert!(res
            .text()
            .await
            .unwrap()
            .contains("Sign in with Example Library Association"));

        let browser = client();
        let callback = at_provider(
            &app,
            &browser,
            "ana.ruiz@example.edu",
            &[("next", "/mentors")],
        )
        .await;
        assert_eq!(
            back(&browser, &callback).await,
            "/signup/sso?next=%2Fmentors"
        );
        let joining: Joining = json(&app, &browser, "sso/joining", &[]).await;
        assert_eq!(joining.provider, "Example Library Association");
        assert_eq!(joining.email, "ana.ruiz@example.edu");
        assert_eq!(joining.name, "Ana Ruiz");
        assert!(joining.email_verified);
        // Nobody else can finish it, and the code of conduct comes first.
        assert_eq!(
            status_text(
                &app,
                &client(),
                "sso/join",
                &[("display_name", "Eve"), ("accept_conduct", "yes")]
            )
            .await
            .0,
            404
        );
        assert_eq!(
            status_text(&app, &browser, "sso/join", &[("display_name", "Ana Ruiz")])
                .await
                .0,
            400
        );
        let (status, body) = status_text(
            &app,
            &browser,
            "sso/join",
            &[
                ("display_name", "Ana Ruiz"),
                ("accept_conduct", "yes"),
                ("next", "/mentors"),
            ],
        )
        .await;
        assert_eq!(status, 200, "{body}");
        let me = whoami(&app, &browser).await.expect("signed in");
        assert_eq!(me.email, "ana.ruiz@example.edu");
        assert!(me.email_verified, "the provider vouched for the address");

        // The next sign-in goes straight in, to the same account.
        let again = client();
        let callback = at_provider(
            &app,
            &again,
            "ana.ruiz@example.edu",
            &[("next", "/mentors")],
        )
        .await;
        assert_eq!(back(&again, &callback).await, "/mentors");
        assert_eq!(whoami(&app, &again).await.unwrap().id, me.id);
        assert_eq!(identities(&app).await, 1);

        // No password: the provider cannot be unlinked yet.
        let settings: SsoSettings = json(&app, &again, "sso/settings", &[]).await;
        assert!(!settings.has_password);
        assert_eq!(settings.linked[0].label, "Example Library Association");
        assert_eq!(
            status_text(&app, &again, "sso/unlink", &[("provider", "test")])
                .await
                .0,
            409
        );
    }
);

db_test!(
    a_verified_address_links_to_the_account_that_has_it,
    config = with_provider,
    |app| async move {
        let bea = client();
        app.sign_up_as(&bea, "bea.ortiz@example.edu", "Bea Ortiz")
            .await;
        let bea_id = whoami(&app, &bea).await.unwrap().id;
        let browser = client();
        let callback = at_provider(&app, &browser, "bea.ortiz@example.edu", &[]).await;
        assert_eq!(back(&browser, &callback).await, "/");
        assert_eq!(whoami(&app, &browser).await.unwrap().id, bea_id);

        let settings: SsoSettings = json(&app, &bea, "sso/settings", &[]).await;
        assert!(settings.has_password);
        assert_eq!(settings.linked.len(), 1);
        assert!(settings.available.is_empty());
        assert_eq!(
            status_text(&app, &bea, "sso/unlink", &[("provider", "test")])
                .await
                .0,
            200
        );
        assert_eq!(identities(&app).await, 0);
        for (endpoint, args) in [
            ("sso/settings", vec![]),
            ("sso/unlink", vec![("provider", "test")]),
        ] {
            assert_eq!(status_text(&app, &client(), endpoint, &args).await.0, 401);
        }
    }
);

db_test!(
    an_unverified_address_never_opens_someone_elses_account,
    config = with_provider,
    |app| async move {
        app.sign_up_as(&client(), "cy.lind@example.edu", "Cy Lind")
            .await;
        let eve = client();
        let callback = at_provider(&app, &eve, "unverified:cy.lind@example.edu", &[]).await;
        assert_eq!(back(&eve, &callback).await, "/login?sso=unverified");
        assert!(whoami(&app, &eve).await.is_none());
        assert_eq!(identities(&app).await, 0);
        assert!(app
            .page_as(&eve, "/login?sso=unverified")
            .await
            .contains("did not confirm"));

        // A new address the provider did not vouch for joins unconfirmed.
        let dee = client();
        let callback = at_provider(&app, &dee, "unverified:dee.ho@example.edu", &[]).await;
        assert_eq!(back(&dee, &callback).await, "/signup/sso?next=%2F");
        let (status, _) = status_text(
            &app,
            &dee,
            "sso/join",
            &[("display_name", "Dee Ho"), ("accept_conduct", "yes")],
        )
        .await;
        assert_eq!(status, 200);
        assert!(!whoami(&app, &dee).await.unwrap().email_verified);
        assert!(app
            .emailed_token("dee.ho@example.edu", "/verify-email/")
            .await
            .is_some());
    }
);

db_test!(
    forged_states_replayed_codes_and_foreign_tokens_sign_nobody_in,
    config = with_provider,
    |app| async move {
        // A state that is not the one this browser started with.
        let browser = client();
        let callback = at_provider(&app, &browser, "eva.lund@example.edu", &[]).await;
        let forged = callback.replace("state=", "state=x");
        assert_eq!(back(&browser, &forged).await, "/login?sso=state");
        // The state is used once: the real answer no longer works either.
        assert_eq!(back(&browser, &callback).await, "/login?sso=state");
        // An answer to another browser's sign-in.
        let thief = client();
        assert_eq!(back(&thief, &callback).await, "/login?sso=state");
        assert!(whoami(&app, &browser).await.is_none());

        // A code used once is refused the second time, even under a fresh state.
        let callback = at_provider(&app, &browser, "eva.lund@example.edu", &[]).await;
        assert_eq!(back(&browser, &callback).await, "/signup/sso?next=%2F");
        let old_code = callback
            .split("code=")
            .nth(1)
            .unwrap()
            .split('&')
            .next()
            .unwrap()
            .to_owned();
        let fresh = at_provider(&app, &browser, "eva.lund@example.edu", &[]).await;
        let fresh_code = fresh
            .split("code=")
            .nth(1)
            .unwrap()
            .split('&')
            .next()
            .unwrap()
            .to_owned();
        let replayed = fresh.replace(&fresh_code, &old_code);
        assert_eq!(back(&browser, &replayed).await, "/login?sso=provider");

        // An ID token issued for another client.
        let other = client();
        let callback = at_provider(&app, &other, "wrong-audience:fay.berg@example.edu", &[]).await;
        assert_eq!(back(&other, &callback).await, "/login?sso=provider");
        assert!(whoami(&app, &other).await.is_none());
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
        assert_eq!(n, 0, "no account was made");

        // No such provider; and only Carrel's own pages start a sign-in.
        let res = client()
            .post(app.url("/auth/sso/nope/start"))
            .form(&[("next", "/")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
        let res = client()
            .post(app.url("/auth/sso/test/start"))
            .header("origin", "http://evil.example")
            .form(&[("next", "/")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        // `next` never leads away.
        let away = client();
        let callback = at_provider(
            &app,
            &away,
            "gus.park@example.edu",
            &[("next", "//evil.example")],
        )
        .await;
        assert_eq!(back(&away, &callback).await, "/signup/sso?next=%2F");
    }
);

db_test!(
    a_member_links_their_organisation_from_settings,
    config = with_provider,
    |app| async move {
        let hal = client();
        app.sign_up_as(&hal, "hal.moss@example.org", "Hal Moss")
            .await;
        let hal_id = whoami(&app, &hal).await.unwrap().id;
        // The organisation knows Hal by another address: linking is his choice.
        let callback = at_provider(
            &app,
            &hal,
            "h.moss@university.example.edu",
            &[("link", "1")],
        )
        .await;
        assert_eq!(
            back(&hal, &callback).await,
            "/settings?linked=1#sso-heading"
        );
        let settings: SsoSettings = json(&app, &hal, "sso/settings", &[]).await;
        assert_eq!(settings.linked[0].email, "h.moss@university.example.edu");
        let browser = client();
        let callback = at_provider(&app, &browser, "h.moss@university.example.edu", &[]).await;
        assert_eq!(back(&browser, &callback).await, "/");
        assert_eq!(whoami(&app, &browser).await.unwrap().id, hal_id);

        // The same organisation account cannot be linked to a second member.
        let ivy = client();
        app.sign_up_as(&ivy, "ivy.chen@example.org", "Ivy Chen")
            .await;
        let callback = at_provider(
            &app,
            &ivy,
            "h.moss@university.example.edu",
            &[("link", "1")],
        )
        .await;
        assert_eq!(
            back(&ivy, &callback).await,
            "/settings?sso=taken#sso-heading"
        );
        assert_eq!(
            whoami(&app, &ivy).await.unwrap().email,
            "ivy.chen@example.org"
        );
        assert_eq!(identities(&app).await, 1);
        // A visitor asking to link is sent to sign in.
        let res = client()
            .post(app.url("/auth/sso/test/start"))
            .form(&[("link", "1")])
            .send()
            .await
            .unwrap();
        assert_eq!(location(&res), "/login?next=/settings");
    }
);
