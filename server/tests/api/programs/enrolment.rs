//! Enrolment: eligibility in words, windows and capacity under concurrency,
//! renewal, and who sees a cycle's mentors.

use super::{career_program, cycle, enrol};
use crate::{
    db_test,
    helpers::{client, json, member},
};
use app::programs::model::ProgramPage;

db_test!(
    eligibility_is_checked_at_enrolment_with_the_unmet_rule,
    |app| async move {
        let (coordinator, slug) = career_program(
            &app,
            &[
                ("mentor_min_years", "5"),
                ("mentee_stages[student]", "on"),
                ("mentee_stages[new]", "on"),
                ("required_tags", "NMRT"),
            ],
        )
        .await;
        let id = cycle(&app, &coordinator, &slug, "2026–27", (-1, 30, 270), 10).await;

        let (junior, _) = member(
            &app,
            "Jun Mentor",
            &[("years_professional", "3"), ("affiliations", "NMRT, ACRL")],
        )
        .await;
        let (status, text) = enrol(&app, &junior, id, "mentor").await;
        assert_eq!(status, 400);
        assert!(
            text.contains("at least 5 years in a professional position; your profile says 3 years"),
            "{text}"
        );

        let (mid, _) = member(
            &app,
            "Mia Midcareer",
            &[("career_stage", "mid"), ("affiliations", "NMRT")],
        )
        .await;
        let (status, text) = enrol(&app, &mid, id, "mentee").await;
        assert_eq!(status, 400);
        assert!(
            text.contains(
                "LIS student or new professional (under 5 years); your profile says mid-career"
            ),
            "{text}"
        );

        let (outsider, _) = member(&app, "Oli Outsider", &[("career_stage", "new")]).await;
        let (status, text) = enrol(&app, &outsider, id, "mentee").await;
        assert_eq!(status, 400);
        assert!(text.contains("do not list NMRT"), "{text}");

        let no_profile = client();
        app.sign_up_as(&no_profile, "nobody@example.org", "No Profile")
            .await;
        let (status, text) = enrol(&app, &no_profile, id, "mentee").await;
        assert_eq!(status, 400);
        assert!(text.contains("Fill in your profile first"), "{text}");

        // Meeting every rule: in. Twice: refused, once enrolled.
        let (senior, _) = member(
            &app,
            "Sam Senior",
            &[("years_professional", "12"), ("affiliations", "nmrt")],
        )
        .await;
        assert_eq!(enrol(&app, &senior, id, "mentor").await.0, 200);
        let (status, text) = enrol(&app, &senior, id, "mentor").await;
        assert_eq!(status, 409);
        assert!(text.contains("already enrolled"), "{text}");
        let (newbie, _) = member(
            &app,
            "Nia New",
            &[("career_stage", "new"), ("affiliations", "NMRT")],
        )
        .await;
        assert_eq!(enrol(&app, &newbie, id, "mentee").await.0, 200);
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM enrolments WHERE cycle_id = $1")
            .bind(id)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
        assert_eq!(n, 2);
    }
);

db_test!(
    enrolment_keeps_to_its_window_and_capacity,
    |app| async move {
        let (coordinator, slug) = career_program(&app, &[]).await;
        let later = cycle(&app, &coordinator, &slug, "Next year", (10, 40, 300), 5).await;
        let closed = cycle(&app, &coordinator, &slug, "This year", (-60, -2, 200), 5).await;
        let open = cycle(&app, &coordinator, &slug, "Now", (-1, 20, 200), 1).await;
        let (a, _) = member(&app, "Ann Early", &[("career_stage", "new")]).await;
        let (status, text) = enrol(&app, &a, later, "mentee").await;
        assert_eq!(status, 400);
        assert!(text.contains("Enrolment for Next year opens on"), "{text}");
        let (status, text) = enrol(&app, &a, closed, "mentee").await;
        assert_eq!(status, 400);
        assert!(text.contains("Enrolment for This year closed on"), "{text}");

        // Eight members race for the one mentee place: exactly one gets it.
        let mut members = Vec::new();
        for i in 0..8 {
            members.push(
                member(&app, &format!("Racer {i}"), &[("career_stage", "new")])
                    .await
                    .0,
            );
        }
        let results =
            futures::future::join_all(members.iter().map(|m| enrol(&app, m, open, "mentee"))).await;
        let won = results.iter().filter(|(s, _)| *s == 200).count();
        assert_eq!(won, 1, "{results:?}");
        assert!(results
            .iter()
            .filter(|(s, _)| *s != 200)
            .all(|(s, t)| *s == 400 && t.contains("is full: its 1 mentee place is taken")));
        // Mentors are not counted against mentee places.
        assert_eq!(enrol(&app, &a, open, "mentor").await.0, 200);
    }
);

db_test!(
    mentors_renew_with_one_click_and_only_members_see_the_mentors,
    |app| async move {
        let (coordinator, slug) = career_program(&app, &[]).await;
        let last = cycle(&app, &coordinator, &slug, "Last year", (-1, 10, 100), 5).await;
        let (m, _) = member(&app, "Rita Renew", &[]).await;
        assert_eq!(enrol(&app, &m, last, "mentor").await.0, 200);
        let next = cycle(&app, &coordinator, &slug, "This year", (-1, 10, 200), 5).await;
        let page: ProgramPage = json(&app, &m, "programs/get", &[("slug", &slug)]).await;
        let this = page.cycles.iter().find(|c| c.cycle.id == next).unwrap();
        assert_eq!(
            this.renew_note.as_deref(),
            Some("Happy to talk about instruction and tenure.")
        );
        let res = app
            .call_as(&m, "programs/renew", &[("cycle_id", &next.to_string())])
            .await;
        assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
        let (note,): (String,) =
            sqlx::query_as("SELECT note FROM enrolments WHERE cycle_id = $1 AND role = 'mentor'")
                .bind(next)
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        assert_eq!(note, "Happy to talk about instruction and tenure.");

        // Someone who never mentored here has nothing to renew.
        let (fresh, _) = member(&app, "Fred Fresh", &[]).await;
        let res = app
            .call_as(&fresh, "programs/renew", &[("cycle_id", &next.to_string())])
            .await;
        assert_eq!(res.status(), 409);

        // The mentors are listed to the cycle's members, not to others.
        let visitor = app.call("programs/get", &[("slug", &slug)]).await;
        let visitor: ProgramPage = visitor.json().await.unwrap();
        assert!(visitor.cycles.iter().all(|c| c.mentors.is_none()));
        let outsider: ProgramPage = json(&app, &fresh, "programs/get", &[("slug", &slug)]).await;
        assert!(outsider.cycles.iter().all(|c| c.mentors.is_none()));
        assert_eq!(enrol(&app, &fresh, next, "mentee").await.0, 200);
        let inside: ProgramPage = json(&app, &fresh, "programs/get", &[("slug", &slug)]).await;
        let this = inside.cycles.iter().find(|c| c.cycle.id == next).unwrap();
        assert_eq!(this.mentors.as_ref().unwrap()[0].name, "Rita Renew");
    }
);
