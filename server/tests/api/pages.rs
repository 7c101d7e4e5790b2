use crate::{db_test, helpers::TestApp};

db_test!(healthz_answers_ok, |app| async move {
    let res = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.text().await.unwrap(), "ok");
});

db_test!(readiness_means_the_database_answers, |app| async move {
    let res = app.client.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.text().await.unwrap(), "ready");
    // The database goes away: not ready, at once, with when to ask again.
    app.db.close().await;
    let started = std::time::Instant::now();
    let res = app.client.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(res.status(), 503);
    assert_eq!(res.headers()["retry-after"], "5");
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
    let res = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(res.status(), 200, "alive all the same");
});

db_test!(the_home_page_says_what_carrel_is, |app| async move {
    let res = app.client.get(app.url("/")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["referrer-policy"], "same-origin");
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    assert_eq!(res.headers()["x-frame-options"], "DENY");
    let html = res.text().await.unwrap();
    assert!(html.contains("mentoring"));
    assert!(html.contains(r#"rel="manifest""#));
    assert!(html.contains(r#"href="/signup""#));
});

db_test!(unknown_pages_are_404_with_a_way_back, |app| async move {
    let res = app
        .client
        .get(app.url("/no/such/page"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let html = res.text().await.unwrap();
    assert!(html.contains("Page not found"));
    assert!(html.contains(r#"href="/""#));
});

db_test!(
    forms_post_to_pinned_server_function_urls,
    |app| async move {
        for (page, action) in [
            ("/signup", "/api/accounts/sign_up"),
            ("/login", "/api/accounts/sign_in"),
        ] {
            let html = app.page(page).await;
            assert!(
                html.contains(&format!(r#"action="{action}""#)),
                "{page} posts to {action}"
            );
        }
    }
);

#[tokio::test]
async fn secure_cookies_when_served_over_https() {
    let (app, _cleanup) = TestApp::spawn_with(crate::helpers::Backend::Sqlite, |c| {
        c.public_url = Some("https://carrel.example".to_owned())
    })
    .await;
    let res = app
        .sign_up_as(&app.client, "amara@example.org", "Amara Dubois")
        .await;
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.contains("Secure"), "{cookie}");
}

/// A wasm built in one folder must reach a server built in another: every server
/// function has an explicit endpoint (no hash of the build path in its URL).
#[test]
fn every_server_function_url_is_pinned() {
    let paths: Vec<&str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .collect();
    assert!(paths.contains(&"/api/accounts/sign_up"), "{paths:?}");
    for path in paths {
        let rest = path.strip_prefix("/api/").unwrap_or_default();
        let well_formed = rest.split('/').count() == 2
            && rest
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_' || c == '/');
        assert!(well_formed, "{path} is not /api/<feature>/<name>");
    }
}

// The service worker keeps a signed-in member's pages for reading offline, in
// a cache named after this account; a visitor's pages name none and are never kept.
db_test!(
    pages_name_their_account_for_the_offline_copies,
    |app| async move {
        let marker = |id: i64| format!(r#"<meta name="carrel-account" content="{id}""#);
        let visitor = app.page("/").await;
        assert!(
            !visitor.contains("carrel-account"),
            "a visitor's page names no account"
        );
        let (ana, ana_id) = crate::helpers::member(&app, "Ana Ruiz", &[]).await;
        let (ben, ben_id) = crate::helpers::member(&app, "Ben Osei", &[]).await;
        for path in ["/", "/messages", "/me/profile"] {
            assert!(
                app.page_as(&ana, path).await.contains(&marker(ana_id)),
                "{path}"
            );
            let bens = app.page_as(&ben, path).await;
            assert!(
                bens.contains(&marker(ben_id)) && !bens.contains(&marker(ana_id)),
                "{path}"
            );
        }
    }
);
