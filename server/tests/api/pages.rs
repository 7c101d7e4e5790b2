use crate::{db_test, helpers::TestApp};

db_test!(healthz_answers_ok, |app| async move {
    let res = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.text().await.unwrap(), "ok");
});

db_test!(the_home_page_says_what_carrel_is, |app| async move {
    let res = app.client.get(app.url("/")).send().await.unwrap();
    assert_eq!(res.status(), 200);
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
            let html = app
                .client
                .get(app.url(page))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
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
