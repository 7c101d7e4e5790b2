//! Programs' reports and their CSV, for coordinators only.

use super::{career_program, cycle, cycle_pairs, rival_program};
use crate::{
    db_test,
    helpers::{client, json, member},
};
use app::programs::model::Report;

db_test!(
    reports_count_what_happened_for_coordinators_only,
    |app| async move {
        let (coordinator, slug) = career_program(&app, &[]).await;
        let id = cycle(&app, &coordinator, &slug, "Spring", (-1, 10, 60), 10).await;
        let mentor_profile = [("capacity", "3"), ("focus_offered][career", "on")];
        let mentees = [("Eve One", "leadership"), ("Eli Two", "career")];
        let (m, _, pairs) = cycle_pairs(&app, id, &mentor_profile, &mentees).await;
        for (i, (_, mid)) in pairs.iter().enumerate() {
            let res = app
                .call_as(
                    &m,
                    "messages/send",
                    &[
                        ("mentorship_id", &mid.to_string()),
                        ("body", "Hello, and welcome to the program."),
                        ("key", &format!("k-report-{i:04}")),
                    ],
                )
                .await;
            assert_eq!(res.status(), 200);
        }
        let res = app
            .call_as(
                &m,
                "programs/check_in",
                &[("mentorship_id", &pairs[0].1.to_string()), ("state", "met")],
            )
            .await;
        assert_eq!(res.status(), 200);

        let (plain, _) = member(&app, "Pat Member", &[]).await;
        let admin = app.admin("Abe Admin").await;
        let (other, _) = rival_program(&app, &admin, "Otto Other", &[]).await;
        let csv_url = app.url(&format!("/programs/{slug}/reports/matches.csv"));
        assert_eq!(
            app.call("programs/report", &[("slug", &slug)])
                .await
                .status(),
            401
        );
        assert_eq!(client().get(&csv_url).send().await.unwrap().status(), 401);
        for who in [&plain, &other] {
            assert_eq!(
                app.call_as(who, "programs/report", &[("slug", &slug)])
                    .await
                    .status(),
                403
            );
            assert_eq!(who.get(&csv_url).send().await.unwrap().status(), 403);
        }

        let (_, r): (String, Report) =
            json(&app, &coordinator, "programs/report", &[("slug", &slug)]).await;
        assert_eq!(r.enrolment[0], ("Spring".to_owned(), 1, 2, 10));
        assert_eq!(
            r.matches,
            [
                ("Leadership".to_owned(), 1),
                ("Career development".to_owned(), 1)
            ]
        );
        let this_month = r.activity.last().unwrap();
        assert_eq!(this_month.1, 2, "two messages this month");
        assert_eq!(r.activity.len(), 12);
        assert_eq!(r.checkins[0], ("We met".to_owned(), 1));

        let res = coordinator.get(&csv_url).send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert!(res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv"));
        assert_eq!(
            res.text().await.unwrap(),
            "focus area,matches\nLeadership,1\nCareer development,1\n"
        );
        let missing = app.url(&format!("/programs/{slug}/reports/secrets.csv"));
        assert_eq!(
            coordinator.get(&missing).send().await.unwrap().status(),
            404
        );
    }
);
