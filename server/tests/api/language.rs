//! Which language pages and answers speak: the browser's until the reader
//! chooses, then the choice, which follows a member to their other browsers.

use crate::{
    db_test,
    helpers::{client, json, pair, send, status_text},
};
use app::{accounts::model::CurrentUser, language::Lang};

/// A browser whose `Accept-Language` is `accepted`, keeping cookies.
fn browser(accepted: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::ACCEPT_LANGUAGE,
        reqwest::header::HeaderValue::from_str(accepted).unwrap(),
    );
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(headers)
        .build()
        .unwrap()
}

fn html_lang(page: &str) -> &str {
    let at = page
        .find("<html lang=\"")
        .expect("an html element with lang")
        + 12;
    &page[at..at + page[at..].find('"').unwrap()]
}

db_test!(
    a_page_speaks_the_browsers_language_until_the_reader_chooses,
    |app| async move {
        let english = app.page_as(&client(), "/").await;
        assert_eq!(html_lang(&english), "en");
        assert!(english.contains(">Sign in<"), "{english}");

        let mexico = browser("es-MX,es;q=0.9,en;q=0.5");
        let spanish = app.page_as(&mexico, "/mentors").await;
        assert_eq!(html_lang(&spanish), "es");
        assert!(spanish.contains("Iniciar sesión"), "{spanish}");

        // With JavaScript off the form comes back to the page it was on.
        let res = app
            .form_post_as(&mexico, "language/set", "/programs", &[("lang", "en")])
            .await;
        assert!(res.status().is_redirection(), "{}", res.status());
        let location = res.headers()["location"].to_str().unwrap();
        assert!(
            location.trim_end_matches('?').ends_with("/programs"),
            "{location}"
        );
        let cookie = res.headers()["set-cookie"].to_str().unwrap();
        assert!(cookie.starts_with("carrel_lang=en;"), "{cookie}");
        assert_eq!(html_lang(&app.page_as(&mexico, "/").await), "en");
    }
);

db_test!(
    a_members_choice_follows_them_to_another_browser,
    |app| async move {
        let laptop = browser("es");
        assert!(app
            .sign_up_as(&laptop, "ines@example.org", "Inés Robles")
            .await
            .status()
            .is_success());
        // Joining from a Spanish browser saves Spanish.
        let me: Option<CurrentUser> = json(&app, &laptop, "accounts/current_user", &[]).await;
        assert_eq!(me.unwrap().language, Some(Lang::Es));
        assert_eq!(
            status_text(&app, &laptop, "language/set", &[("lang", "en")])
                .await
                .0,
            200
        );
        let me: Option<CurrentUser> = json(&app, &laptop, "accounts/current_user", &[]).await;
        assert_eq!(me.unwrap().language, Some(Lang::En));
        assert_eq!(
            status_text(&app, &laptop, "language/set", &[("lang", "es")])
                .await
                .0,
            200
        );

        // A browser that asks for English signs in and gets the member's Spanish.
        let phone = browser("en-US");
        assert!(
            app.sign_in_as(&phone, "ines@example.org", "a long enough password")
                .await
        );
        assert_eq!(html_lang(&app.page_as(&phone, "/").await), "es");
    }
);

db_test!(
    answers_are_in_the_callers_language_and_bad_choices_are_refused,
    |app| async move {
        let mexico = browser("es-MX");
        // A refusal's words are the caller's language.
        let (code, body) = status_text(
            &app,
            &mexico,
            "accounts/sign_in",
            &[("email", "nadie@example.org"), ("password", "no es esta")],
        )
        .await;
        assert_eq!(code, 400);
        assert!(body.contains("no corresponden a ninguna cuenta"), "{body}");

        for bad in ["fr", "<script>alert(1)</script>", ""] {
            let (code, body) = status_text(&app, &mexico, "language/set", &[("lang", bad)]).await;
            assert_eq!(code, 400, "{bad}");
            assert!(!body.contains("<script>"), "{body}");
        }

        // Another site cannot choose for the reader.
        let res = mexico
            .post(app.url("/api/language/set"))
            .header("origin", "https://evil.example")
            .form(&[("lang", "en")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        assert!(res.headers().get("set-cookie").is_none());
    }
);

db_test!(
    a_message_is_marked_with_the_language_it_is_written_in,
    |app| async move {
        let p = pair(&app, "Rosa Jiménez", "Tomás Vega").await;
        let spanish = send(
            &app,
            &p.mentee,
            p.id,
            "Hola Rosa, gracias por aceptar. ¿Podemos hablar de la biblioteca el martes?",
        )
        .await;
        assert_eq!(spanish.written_in.as_deref(), Some("es"));
        let english = send(
            &app,
            &p.mentor,
            p.id,
            "Of course, Tuesday afternoon works well for me and the library.",
        )
        .await;
        assert_eq!(english.written_in.as_deref(), Some("en"));
        // Too short to tell: no mark rather than a wrong one.
        assert_eq!(send(&app, &p.mentor, p.id, "¡Sí!").await.written_in, None);

        // The page marks each body for screen readers, whatever the reader's language.
        let page = app
            .page_as(&p.mentor, &format!("/mentorships/{}", p.id))
            .await;
        assert!(
            page.contains(r#"<div lang="es" class="msg__body">"#),
            "{page}"
        );
        assert!(
            page.contains(r#"<div lang="en" class="msg__body">"#),
            "{page}"
        );
        assert!(page.contains(r#"<div class="msg__body"><p>¡Sí!"#), "{page}");
    }
);
