//! The attacks of the security review, each written as the attack, on both
//! databases: script in a name or a cycle's name reaching a page's title, `next=`
//! pointing away or holding a control character, foreign origins and content
//! types, huge bodies and echoes, forged hosts, formulas in CSV, floods of
//! sign-ups, searches and streams, guessable passwords, a leaked calendar link
//! and an old session. The Chromium side of the title attack is in
//! `end2end/tests/security.spec.ts`.

use crate::{
    db_test,
    helpers::{
        accept, client, json, member, member_id, mentor, pair, profile_form, requested, save, send,
        TestApp,
    },
    programs::{career_program, cycle},
};
use app::{directory::model::MentorCard, messages::model::Unread};
use serde_json::Value;

const SCRIPT_NAME: &str = "Mal</title><script>alert(document.domain)</script>";
const ESCAPED_TITLE: &str =
    "<title>Mal&lt;/title&gt;&lt;script&gt;alert(document.domain)&lt;/script&gt; · Carrel</title>";

/// The `<title>…</title>` of a page.
fn title(html: &str) -> &str {
    let start = html.find("<title>").expect("a title");
    let end = html[start..].find("</title>").expect("a closed title") + start + 8;
    &html[start..end]
}

/// A listed mentor whose display name is `name`, whatever it holds.
async fn mentor_named(app: &TestApp, email: &str, name: &str) -> (reqwest::Client, i64) {
    let c = client();
    assert!(app.sign_up_as(&c, email, name).await.status().is_success());
    let form = profile_form(
        name,
        &[
            ("open_to_mentoring", "on"),
            ("focus_offered][leadership", "on"),
            ("meeting_modes][video", "on"),
        ],
    );
    let res = save(app, &c, &form).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let id = member_id(app, &c).await;
    (c, id)
}

db_test!(member_text_in_a_title_is_text, |app| async move {
    let (mal, mal_id) = mentor_named(&app, "mal@example.org", SCRIPT_NAME).await;
    let (mentee, _) = member(&app, "Ines Ortega", &[]).await;
    let page = app.page_as(&mentee, &format!("/mentors/{mal_id}")).await;
    assert_eq!(title(&page), ESCAPED_TITLE);
    assert!(!page.contains("<script>alert(document.domain)"), "{page}");

    let id = requested(&app, &mentee, mal_id, "leadership").await;
    assert_eq!(accept(&app, &mal, id).await, 200);
    let page = app.page_as(&mentee, &format!("/mentorships/{id}")).await;
    assert!(title(&page).contains("&lt;script&gt;"), "{}", title(&page));
    assert!(!page.contains("<script>alert(document.domain)"));

    // A cycle's name, in an administrator's or coordinator's session.
    let (coordinator, slug) = career_program(&app, &[]).await;
    let cid = cycle(
        &app,
        &coordinator,
        &slug,
        "</title><script>alert(2)</script>",
        (0, 30, 270),
        10,
    )
    .await;
    let page = app
        .page_as(&coordinator, &format!("/programs/{slug}/cycles/{cid}/edit"))
        .await;
    assert!(
        title(&page).contains("&lt;/title&gt;&lt;script&gt;alert(2)"),
        "{}",
        title(&page)
    );
    assert!(!page.contains("<script>alert(2)"));
});

db_test!(
    next_stays_on_site_and_never_breaks_the_answer,
    |app| async move {
        app.sign_up_as(&client(), "noor@example.org", "Noor Haddad")
            .await;
        for next in [
            "/\t/evil.example/phish",
            "/\n/evil.example",
            "//evil.example",
            "/\\evil.example",
            "https://evil.example",
            " /evil.example",
            "/\n",
            "/\r\nSet-Cookie: x=1",
        ] {
            let c = client();
            let res = app
                .form_post_as(
                    &c,
                    "accounts/sign_in",
                    "/login",
                    &[
                        ("email", "noor@example.org"),
                        ("password", "a long enough password"),
                        ("next", next),
                    ],
                )
                .await;
            assert_eq!(res.status(), 302, "{next:?}");
            assert_eq!(res.headers()["location"], "/", "{next:?}");
            assert_eq!(app.whoami(&c).await["display_name"], "Noor Haddad");
        }

        // Sign-up with a control character in next: the account and its session.
        let c = client();
        let res = app
            .form_post_as(
                &c,
                "accounts/sign_up",
                "/signup",
                &[
                    ("email", "omar@example.org"),
                    ("display_name", "Omar Haddad"),
                    ("password", "a long enough password"),
                    ("accept_conduct", "yes"),
                    ("next", "/\n"),
                ],
            )
            .await;
        assert_eq!(res.status(), 302);
        assert_eq!(res.headers()["location"], "/");
        assert_eq!(app.whoami(&c).await["display_name"], "Omar Haddad");

        let (_, mentor_id) = mentor(&app, "Pia Mentor", &[]).await;
        let res = app
            .form_post_as(
                &c,
                "directory/shortlist_set",
                "/mentors",
                &[
                    ("mentor_id", &mentor_id.to_string()),
                    ("saved", "true"),
                    ("next", "/\n"),
                ],
            )
            .await;
        assert_eq!(res.status(), 302);
        assert_eq!(res.headers()["location"], "/");
    }
);

/// Saves `mentor_id` on the shortlist with these browser headers; the status.
async fn shortlist(
    app: &TestApp,
    who: &reqwest::Client,
    mentor_id: i64,
    origin: Option<&str>,
    site: Option<&str>,
) -> u16 {
    let mut req = who
        .post(app.url("/api/directory/shortlist_set"))
        .header("accept", "application/json")
        .form(&[
            ("mentor_id", mentor_id.to_string()),
            ("saved", "true".to_owned()),
        ]);
    if let Some(o) = origin {
        req = req.header("origin", o);
    }
    if let Some(s) = site {
        req = req.header("sec-fetch-site", s);
    }
    req.send().await.unwrap().status().as_u16()
}

db_test!(
    state_changes_come_only_from_our_own_pages,
    |app| async move {
        let (mentee, _) = member(&app, "Rosa Lind", &[]).await;
        let (_, mentor_id) = mentor(&app, "Sam Mentor", &[]).await;
        for (origin, site) in [
            (Some("http://evil.example"), None),
            (Some("null"), None),
            (None, Some("cross-site")),
            (None, Some("same-site")),
            (Some(app.base.as_str()), Some("cross-site")),
        ] {
            let status = shortlist(&app, &mentee, mentor_id, origin, site).await;
            assert_eq!(status, 403, "{origin:?} {site:?}");
        }
        let listed: Vec<MentorCard> = json(&app, &mentee, "directory/shortlist", &[]).await;
        assert!(listed.is_empty(), "{listed:?}");
        let own = Some(app.base.as_str());
        assert_eq!(
            shortlist(&app, &mentee, mentor_id, own, Some("same-origin")).await,
            200
        );

        // Only form data: a text/plain body (what a cross-site form or a
        // no-CORS fetch can send) is refused.
        let res = mentee
            .post(app.url("/api/directory/shortlist_set"))
            .header("content-type", "text/plain")
            .body(format!("mentor_id={mentor_id}&saved=false"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 415);
    }
);

db_test!(
    opening_a_thread_by_a_link_does_not_mark_it_read,
    |app| async move {
        let p = pair(&app, "Tove Mentor", "Ugo Mentee").await;
        let (mentee, id) = (&p.mentee, p.id);
        let sent = send(&app, &p.mentor, id, "Welcome aboard.").await;
        let unread = || async {
            let unread: Unread = json(&app, mentee, "messages/unread", &[]).await;
            unread.messages
        };
        assert_eq!(unread().await, 1);
        let page = app.page_as(mentee, &format!("/mentorships/{id}")).await;
        assert!(page.contains("Welcome aboard."));
        assert!(
            page.contains("Mark as read"),
            "JavaScript off can mark it read"
        );
        assert_eq!(unread().await, 1, "a GET changed nothing");
        // The page's own POST (or the button) marks it read.
        let res = app
            .form_post_as(
                mentee,
                "messages/mark_read",
                &format!("/mentorships/{id}"),
                &[
                    ("mentorship_id", &id.to_string()),
                    ("up_to", &sent.id.to_string()),
                ],
            )
            .await;
        assert_eq!(res.status(), 302);
        assert_eq!(
            res.headers()["location"],
            format!("/mentorships/{id}#thread")
        );
        assert_eq!(unread().await, 0);
        let page = app.page_as(mentee, &format!("/mentorships/{id}")).await;
        assert!(!page.contains("Mark as read"));
    }
);

db_test!(huge_input_gets_a_readable_refusal, |app| async move {
    let (c, _) = member(&app, "Vera Long", &[]).await;
    // A 1.5 MB bio: refused for its length, the answer readable and small.
    let bio = "a".repeat(1_500_000);
    let res = save(&app, &c, &profile_form("Vera Long", &[("bio", &bio)])).await;
    assert_eq!(res.status(), 400);
    let text = res.text().await.unwrap();
    assert!(text.len() < 200_000, "{} bytes echoed", text.len());
    let err: Value = serde_json::from_str(&text).unwrap();
    assert!(err.get("Invalid").is_some(), "{err}");
    // A body over the limit is 413, not a 400 or an empty 500.
    assert_eq!(
        over_the_limit(&app, "/api/profiles/save", 3 << 20).await,
        413
    );
});

/// Posts a form that says it is `bytes` long and sends its first 64 KB, then
/// reads the status. The server refuses from the length alone and closes; a
/// client still writing the rest would break its pipe before it read the
/// answer (reqwest failed so one run in eight).
async fn over_the_limit(app: &TestApp, path: &str, bytes: usize) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let host = app.base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(host).await.unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nAccept: application/json\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {bytes}\r\n\r\nform[bio]="
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&[b'b'; 64 << 10]).await.unwrap();
    let mut answer = Vec::new();
    // A server that waited for the rest of the body would never answer.
    let read = stream.read_to_end(&mut answer);
    let _ = tokio::time::timeout(std::time::Duration::from_secs(10), read)
        .await
        .expect("the server answers before the body is complete");
    let answer = String::from_utf8_lossy(&answer);
    let status = answer.split(' ').nth(1).unwrap_or_default();
    status
        .parse()
        .unwrap_or_else(|_| panic!("no status in {answer:?}"))
}

db_test!(a_report_csv_cell_cannot_be_a_formula, |app| async move {
    let (coordinator, slug) = career_program(&app, &[]).await;
    cycle(
        &app,
        &coordinator,
        &slug,
        "=HYPERLINK(\"http://evil.example\",\"x\")",
        (0, 30, 270),
        10,
    )
    .await;
    let csv = app
        .page_as(
            &coordinator,
            &format!("/programs/{slug}/reports/enrolment.csv"),
        )
        .await;
    assert!(csv.contains("\"'=HYPERLINK("), "{csv}");
    assert!(
        !csv.lines()
            .any(|l| l.starts_with('=') || l.starts_with("\"=")),
        "{csv}"
    );
});

db_test!(answers_carry_the_browser_protections, |app| async move {
    let (c, _) = member(&app, "Wen Safe", &[]).await;
    let res = c.get(app.url("/mentors")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let h = res.headers().clone();
    let csp = h["content-security-policy"].to_str().unwrap().to_owned();
    assert!(csp.contains("script-src 'self' 'nonce-"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert_eq!(h["cache-control"], "private, no-store");
    assert!(h["permissions-policy"]
        .to_str()
        .unwrap()
        .contains("camera=()"));
    assert!(
        !h.contains_key("strict-transport-security"),
        "only under https"
    );
    // The page's own scripts carry this response's nonce.
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap();
    let html = res.text().await.unwrap();
    assert!(html.contains(&format!("nonce=\"{nonce}\"")), "{html}");
    // A second answer draws another.
    let again = c.get(app.url("/mentors")).send().await.unwrap();
    assert!(!again.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .contains(nonce));
    // Refused pages say so in their status.
    assert_eq!(
        c.get(app.url("/admin/reports"))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    assert_eq!(
        c.get(app.url("/mentors/999999"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
});

#[tokio::test]
async fn https_deployments_send_hsts() {
    let (app, _cleanup) = TestApp::spawn_with(crate::helpers::Backend::Sqlite, |c| {
        c.public_url = Some("https://carrel.example".to_owned())
    })
    .await;
    let res = app.client.get(app.url("/")).send().await.unwrap();
    assert!(res.headers()["strict-transport-security"]
        .to_str()
        .unwrap()
        .starts_with("max-age="));
    // The configured address is the only origin; the request's Host is not trusted.
    let res = app
        .client
        .post(app.url("/api/accounts/sign_in"))
        .header("origin", app.base.as_str())
        .form(&[
            ("email", "x@example.org"),
            ("password", "whatever whatever"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
}

db_test!(floods_from_one_client_or_member_wait, |app| async move {
    // Sign-ups from one address: a burst, then 429 with Retry-After.
    let mut statuses = vec![];
    for n in 0..22 {
        let res = app
            .client
            .post(app.url("/api/accounts/sign_up"))
            .header("accept", "application/json")
            .header("x-forwarded-for", "198.51.100.9")
            // Unticked conduct: refused with 400 without hashing a password.
            .form(&[
                ("email", format!("flood{n}@example.org")),
                ("display_name", "Flood".to_owned()),
                ("password", "a long enough password".to_owned()),
            ])
            .send()
            .await
            .unwrap();
        statuses.push(res.status().as_u16());
        if res.status() == 429 {
            assert!(res.headers().contains_key("retry-after"));
        }
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 400).count(),
        20,
        "{statuses:?}"
    );
    assert_eq!(statuses[20..], [429, 429]);
    // Another address may still sign up.
    let res = app
        .client
        .post(app.url("/api/accounts/sign_up"))
        .header("accept", "application/json")
        .header("x-forwarded-for", "198.51.100.10")
        .form(&[
            ("email", "calm@example.org"),
            ("display_name", "Calm"),
            ("password", "a long enough password"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);

    // Searches by one member, from ever-changing addresses.
    let (c, _) = member(&app, "Xia Searcher", &[]).await;
    let mut limited = 0;
    for n in 0..60 {
        let res = c
            .post(app.url("/api/directory/search"))
            .header("accept", "application/json")
            .header("x-forwarded-for", format!("203.0.113.{n}"))
            .form(&[("query", "q=catalog")])
            .send()
            .await
            .unwrap();
        if res.status() == 429 {
            limited += 1;
        }
    }
    assert!(limited >= 5, "{limited} of 60 searches limited");
});

db_test!(one_member_cannot_hold_unlimited_streams, |app| async move {
    let (c, _) = member(&app, "Yara Streams", &[]).await;
    let mut open = vec![];
    for _ in 0..app::security::limits::STREAMS_PER_MEMBER {
        let res = c
            .get(app.url("/api/messages/stream"))
            .header("accept", "text/event-stream")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        open.push(res);
    }
    let res = c
        .get(app.url("/api/messages/stream"))
        .header("accept", "text/event-stream")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    // Closing one frees its place (once the server notices, at the latest
    // when its 20 s keep-alive finds the connection gone).
    drop(open.pop());
    let mut again = 0;
    for _ in 0..300 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        let res = c
            .get(app.url("/api/messages/stream"))
            .header("accept", "text/event-stream")
            .send()
            .await
            .unwrap();
        again = res.status().as_u16();
        if again == 200 {
            break;
        }
    }
    assert_eq!(again, 200);
});

db_test!(
    guessable_passwords_are_refused_at_sign_up,
    |app| async move {
        for weak in ["password12", "password1234", "zara.quinn@example.org"] {
            let res = app
                .call(
                    "accounts/sign_up",
                    &[
                        ("email", "zara.quinn@example.org"),
                        ("display_name", "Zara Quinn"),
                        ("password", weak),
                        ("accept_conduct", "yes"),
                    ],
                )
                .await;
            assert_eq!(res.status(), 400, "{weak}");
            let err: Value = res.json().await.unwrap();
            let why = err["Invalid"]["errors"][0]["message"]
                .as_str()
                .unwrap()
                .to_owned();
            assert!(
                why.contains("at least 12") || why.contains("too easy to guess"),
                "{weak}: {why}"
            );
        }
    }
);

db_test!(a_leaked_calendar_link_can_be_replaced, |app| async move {
    let (c, _) = member(&app, "Abe Calendar", &[]).await;
    let old: String = json(&app, &c, "meetings/feed", &[]).await;
    assert_eq!(
        client().get(app.url(&old)).send().await.unwrap().status(),
        200
    );
    let new: String = json(&app, &c, "meetings/feed", &[("renew", "yes")]).await;
    assert_ne!(old, new);
    assert_eq!(
        client().get(app.url(&old)).send().await.unwrap().status(),
        404
    );
    assert_eq!(
        client().get(app.url(&new)).send().await.unwrap().status(),
        200
    );
    // Asking again without renewing keeps the new one.
    let again: String = json(&app, &c, "meetings/feed", &[]).await;
    assert_eq!(again, new);
});

db_test!(
    a_session_ends_a_month_after_signing_in_however_active,
    |app| async move {
        let (c, _) = member(&app, "Bea Session", &[]).await;
        assert_eq!(app.whoami(&c).await["display_name"], "Bea Session");
        // Move the sign-in back by the lifetime and a minute.
        let rows: Vec<(String, String)> = sqlx::query_as("SELECT id, record FROM sessions")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
        let old = app::dates::now_ms() - app::accounts::store::SESSION_LIFETIME_MS - 60_000;
        for (id, record) in rows {
            // Edited as text: the record's id is a 128-bit number, beyond JSON values.
            let at = record
                .find("\"signed_in_at\":")
                .expect("a signed-in session")
                + 15;
            let end = at + record[at..].find(|c: char| !c.is_ascii_digit()).unwrap();
            let record = format!("{}{old}{}", &record[..at], &record[end..]);
            sqlx::query("UPDATE sessions SET record = $1 WHERE id = $2")
                .bind(record)
                .bind(id)
                .execute(app.db.pool())
                .await
                .unwrap();
        }
        let res = app.call_as(&c, "accounts/current_user", &[]).await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.json::<Value>().await.unwrap(), Value::Null);
    }
);

#[tokio::test]
async fn a_file_name_too_long_for_the_disk_is_not_found() {
    let (app, _cleanup) = TestApp::spawn(crate::helpers::Backend::Sqlite).await;
    let res = app
        .client
        .get(app.url(&format!("/pkg/{}", "a".repeat(10_240))))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert!(res.text().await.unwrap().contains("Page not found"));
}
