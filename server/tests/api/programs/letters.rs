//! Letters of recognition for mentors who completed a cycle.

use super::{career_program, cycle, cycle_pairs, rival_program};
use crate::{
    db_test,
    helpers::{client, json},
};
use app::dates::DAY_MS;
use app::jobs::complete_cycles;
use app::programs::api::ManagePage;
use app::{
    dates::now_ms,
    letters::model::{LetterState, ServedCycle, Verified},
};

db_test!(
    a_completed_mentor_gets_a_verifiable_letter_once_approved,
    |app| async move {
        let (coordinator, slug) = career_program(&app, &[]).await;
        let id = cycle(&app, &coordinator, &slug, "Spring", (-1, 10, 60), 10).await;
        let (m, _, pairs) = cycle_pairs(&app, id, &[], &[("Eve Mentee", "leadership")]).await;
        let (e, mid) = pairs.into_iter().next().unwrap();
        let res = app
            .call_as(
                &m,
                "messages/send",
                &[
                    ("mentorship_id", &mid.to_string()),
                    ("body", "Welcome! Shall we meet next week?"),
                    ("key", "k-letter-test-0001"),
                ],
            )
            .await;
        assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
        let cid = id.to_string();
        // Before the cycle completes there is nothing to recognise.
        assert_eq!(
            app.call_as(&m, "letters/request", &[("cycle_id", &cid)])
                .await
                .status(),
            403
        );
        assert_eq!(
            complete_cycles(&app.db, now_ms() + 62 * DAY_MS)
                .await
                .unwrap(),
            1
        );

        assert_eq!(
            app.call("letters/request", &[("cycle_id", &cid)])
                .await
                .status(),
            401
        );
        assert_eq!(
            app.call_as(&e, "letters/request", &[("cycle_id", &cid)])
                .await
                .status(),
            403,
            "mentees do not get letters"
        );
        assert_eq!(
            app.call_as(&m, "letters/request", &[("cycle_id", &cid)])
                .await
                .status(),
            200
        );
        assert_eq!(
            app.call_as(&m, "letters/request", &[("cycle_id", &cid)])
                .await
                .status(),
            409
        );
        let (letter,): (i64,) = sqlx::query_as("SELECT MAX(id) FROM letters")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
        let decide = |who: &reqwest::Client, decision: &'static str| {
            let who = who.clone();
            let app = &app;
            let slug = slug.clone();
            async move {
                app.call_as(
                    &who,
                    "letters/decide",
                    &[
                        ("slug", slug.as_str()),
                        ("letter_id", &letter.to_string()),
                        ("decision", decision),
                    ],
                )
                .await
                .status()
                .as_u16()
            }
        };
        let admin = app.admin("Abe Admin").await;
        let (other_coordinator, _) = rival_program(&app, &admin, "Otto Other", &[]).await;
        assert_eq!(decide(&client(), "approve").await, 401);
        assert_eq!(
            decide(&m, "approve").await,
            403,
            "mentors do not approve their own"
        );
        assert_eq!(decide(&other_coordinator, "approve").await, 403);
        let page: ManagePage =
            json(&app, &coordinator, "programs/manage", &[("slug", &slug)]).await;
        assert_eq!(page.letters[0].mentor_name, "Mo Mentor");
        assert_eq!(decide(&coordinator, "approve").await, 200);
        assert_eq!(decide(&coordinator, "decline").await, 409);

        let mine: Vec<ServedCycle> = json(&app, &m, "letters/mine", &[]).await;
        let (state, code) = mine[0].letter.clone().unwrap();
        assert_eq!(state, LetterState::Approved);
        // Anyone can verify it; a made-up code finds nothing.
        let verified = app.call("letters/verify", &[("code", &code)]).await;
        assert_eq!(verified.status(), 200);
        let verified: Verified = verified.json().await.unwrap();
        let body = &verified.body;
        assert!(
            body.contains("Mo mentored 1 mentee through the cycle"),
            "{body}"
        );
        assert!(
            body.contains("with 1 message written by Mo and 0 meetings held"),
            "{body}"
        );
        assert!(body.contains("Approved by Cora Coordinator"), "{body}");
        assert_eq!(
            app.call("letters/verify", &[("code", "0000")])
                .await
                .status(),
            404
        );
        // The PDF is the mentor's to download.
        let file = app.url(&format!("/letters/{code}.pdf"));
        let pdf = m.get(&file).send().await.unwrap();
        assert_eq!(pdf.status(), 200);
        assert_eq!(pdf.headers()["content-type"], "application/pdf");
        let bytes = pdf.bytes().await.unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
        assert!(String::from_utf8_lossy(&bytes).contains(&format!("/verify/{code}")));
        // A forged Host does not get into a genuine letter: its link is the
        // configured address, as in emails.
        let forged = m
            .get(&file)
            .header("host", "evil.example")
            .header("x-forwarded-proto", "https")
            .send()
            .await
            .unwrap();
        assert_eq!(forged.status(), 200);
        let text = String::from_utf8_lossy(&forged.bytes().await.unwrap()).into_owned();
        assert!(
            !text.contains("evil.example"),
            "the Host header reached the letter"
        );
        assert!(text.contains(&format!("{}/verify/{code}", app.mailer.public_url)));
        assert_eq!(e.get(&file).send().await.unwrap().status(), 403);
        assert_eq!(client().get(&file).send().await.unwrap().status(), 401);
    }
);
