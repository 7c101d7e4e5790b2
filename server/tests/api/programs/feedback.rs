//! The end-of-cycle survey, read only in groups of five.

use super::{career_program, cycle, cycle_pairs};
use crate::{
    db_test,
    helpers::{json, member},
};
use app::dates::DAY_MS;
use app::jobs::complete_cycles;
use app::programs::api::ManagePage;
use app::{dates::now_ms, feedback::model::Survey, programs::model::Role};

db_test!(
    feedback_is_asked_at_the_end_and_read_only_in_groups_of_five,
    |app| async move {
        let (coordinator, slug) = career_program(&app, &[]).await;
        let id = cycle(&app, &coordinator, &slug, "Spring", (-1, 10, 60), 10).await;
        let names: Vec<String> = (0..5).map(|i| format!("Mentee {i}")).collect();
        let five: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "leadership")).collect();
        let (_, _, mentees) = cycle_pairs(&app, id, &[("capacity", "5")], &five).await;
        // Surveys and their questions: refused to callers without the right.
        let (plain, _) = member(&app, "Pat Member", &[]).await;
        for (endpoint, args) in [
            ("feedback/pending", vec![]),
            ("feedback/submit", vec![("mentorship_id", "1")]),
            (
                "feedback/add_question",
                vec![
                    ("slug", slug.as_str()),
                    ("kind", "text"),
                    ("prompt", "Anything else?"),
                ],
            ),
            (
                "feedback/remove_question",
                vec![("slug", slug.as_str()), ("question_id", "1")],
            ),
        ] {
            assert_eq!(app.call(endpoint, &args).await.status(), 401, "{endpoint}");
        }
        for (endpoint, args) in [
            (
                "feedback/add_question",
                vec![
                    ("slug", slug.as_str()),
                    ("kind", "text"),
                    ("prompt", "Anything else?"),
                ],
            ),
            (
                "feedback/remove_question",
                vec![("slug", slug.as_str()), ("question_id", "1")],
            ),
        ] {
            assert_eq!(
                app.call_as(&plain, endpoint, &args).await.status(),
                403,
                "{endpoint}"
            );
        }
        let none: Vec<Survey> = json(&app, &mentees[0].0, "feedback/pending", &[]).await;
        assert_eq!(none, []);

        assert_eq!(
            complete_cycles(&app.db, now_ms() + 62 * DAY_MS)
                .await
                .unwrap(),
            5
        );
        let surveys: Vec<Survey> = json(&app, &mentees[0].0, "feedback/pending", &[]).await;
        let questions = surveys[0].questions.clone();
        assert_eq!(questions.len(), 4, "the default questions");
        let key = |i: usize| format!("answers[q{}]", questions[i].id);
        let answer = |who: &reqwest::Client, mid: i64, rating: &'static str, text: String| {
            let who = who.clone();
            let app = &app;
            let (k0, k1, k2) = (key(0), key(1), key(2));
            async move {
                let res = app
                    .call_as(
                        &who,
                        "feedback/submit",
                        &[
                            ("mentorship_id", mid.to_string().as_str()),
                            (k0.as_str(), rating),
                            (k1.as_str(), "4"),
                            (k2.as_str(), text.as_str()),
                        ],
                    )
                    .await;
                (res.status().as_u16(), res.text().await.unwrap())
            }
        };
        // A missing rating is refused; another member's mentorship has no survey for you.
        let (s, text) = answer(&mentees[0].0, mentees[0].1, "", "Great.".into()).await;
        assert_eq!(s, 400);
        assert!(text.contains("Choose 1 to 5 for"), "{text}");
        assert_eq!(
            answer(&mentees[1].0, mentees[0].1, "5", "x".into()).await.0,
            409
        );

        for (i, (e, mid)) in mentees.iter().enumerate().take(2) {
            assert_eq!(answer(e, *mid, "5", format!("Answer {i}")).await.0, 200);
        }
        assert_eq!(
            answer(&mentees[0].0, mentees[0].1, "5", "again".into())
                .await
                .0,
            409
        );
        let page: ManagePage =
            json(&app, &coordinator, "programs/manage", &[("slug", &slug)]).await;
        let mentee_group = &page.feedback[0].groups[0];
        assert_eq!(mentee_group.role, Role::Mentee);
        assert_eq!(mentee_group.responses, 2);
        assert_eq!(mentee_group.asked, 5);
        assert_eq!(mentee_group.questions, [], "hidden below five");

        for (i, (e, mid)) in mentees.iter().enumerate().skip(2) {
            assert_eq!(answer(e, *mid, "3", format!("Answer {i}")).await.0, 200);
        }
        let page: ManagePage =
            json(&app, &coordinator, "programs/manage", &[("slug", &slug)]).await;
        let q = &page.feedback[0].groups[0].questions;
        assert_eq!(q[0].average, Some(3.8));
        assert_eq!(q[0].counts, [0, 0, 3, 0, 2]);
        assert_eq!(q[2].texts.len(), 5);
    }
);
