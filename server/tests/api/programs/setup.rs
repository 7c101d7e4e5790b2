//! Creating programs and cycles: who may, and every problem reported by field.

use super::{career_program, cycle, program, CAREER};
use crate::{
    db_test,
    helpers::{json, member},
};
use app::{programs::api::ManagePage, AppError};

db_test!(
    program_functions_refuse_callers_without_the_right,
    |app| async move {
        let (coordinator, slug) = career_program(&app, &[]).await;
        let id = cycle(&app, &coordinator, &slug, "2026–27", (0, 30, 270), 10).await;
        let cycle_id = id.to_string();
        let add = |slug: &'static str| {
            vec![
                ("slug", slug),
                ("name", "Another"),
                ("starts_on", "2027-01-01"),
                ("ends_on", "2027-06-01"),
                ("enrol_opens", "2026-12-01"),
                ("enrol_closes", "2026-12-20"),
                ("capacity", "5"),
            ]
        };
        let create = vec![
            ("name", "Sneaky Program"),
            ("description", "A program nobody asked for."),
            ("kind", "network"),
            ("matching", "choose"),
            ("contact", "monthly"),
            ("mentor_min_years", "0"),
            ("required_tags", ""),
            ("coordinators", ""),
        ];
        // Visitors: everything but reading is refused.
        for (endpoint, args) in [
            ("programs/create", create.clone()),
            ("programs/manage", vec![("slug", "career-mentoring")]),
            ("programs/add_cycle", add("career-mentoring")),
            (
                "programs/enrol",
                vec![("cycle_id", cycle_id.as_str()), ("role", "mentee")],
            ),
            ("programs/renew", vec![("cycle_id", cycle_id.as_str())]),
            (
                "programs/leave",
                vec![("cycle_id", cycle_id.as_str()), ("role", "mentee")],
            ),
            ("mentorships/extend", vec![("id", "1")]),
        ] {
            assert_eq!(app.call(endpoint, &args).await.status(), 401, "{endpoint}");
        }
        assert_eq!(app.call("programs/list", &[]).await.status(), 200);

        // A member: not an administrator, not a coordinator.
        let (plain, _) = member(&app, "Pat Member", &[]).await;
        for (endpoint, args) in [
            ("programs/create", create.clone()),
            ("programs/manage", vec![("slug", "career-mentoring")]),
            ("programs/add_cycle", add("career-mentoring")),
        ] {
            let res = app.call_as(&plain, endpoint, &args).await;
            assert_eq!(res.status(), 403, "{endpoint}");
        }

        // A coordinator runs their own program only.
        let admin = app.admin("Abe Admin").await;
        let other = program(&app, &admin, "Conference Buddies", &[], "").await;
        assert_eq!(
            app.call_as(&coordinator, "programs/manage", &[("slug", &other)])
                .await
                .status(),
            403
        );
        assert_eq!(
            app.call_as(
                &coordinator,
                "programs/add_cycle",
                &add("conference-buddies")
            )
            .await
            .status(),
            403
        );
        assert_eq!(
            app.call_as(&coordinator, "programs/create", &create)
                .await
                .status(),
            403
        );
        let mine: ManagePage =
            json(&app, &coordinator, "programs/manage", &[("slug", &slug)]).await;
        assert_eq!(mine.cycles[0].cycle.name, "2026–27");
        // Administrators run every program.
        let theirs: ManagePage = json(&app, &admin, "programs/manage", &[("slug", &slug)]).await;
        assert_eq!(theirs.program.name, CAREER);
    }
);

db_test!(
    program_forms_report_every_problem_by_field,
    |app| async move {
        let admin = app.admin("Ada Admin").await;
        let res = app
            .call_as(
                &admin,
                "programs/create",
                &[
                    ("name", "X"),
                    ("description", "short"),
                    ("kind", "secret"),
                    ("matching", "choose"),
                    ("contact", "monthly"),
                    ("mentor_min_years", "-2"),
                    ("required_tags", ""),
                    ("coordinators", "not-an-address"),
                ],
            )
            .await;
        assert_eq!(res.status(), 400);
        let AppError::Invalid(body) = res.json().await.unwrap() else {
            panic!("a field-by-field refusal");
        };
        let fields: Vec<&str> = body.errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "name",
                "description",
                "kind",
                "mentor_min_years",
                "coordinators"
            ]
        );
        program(&app, &admin, CAREER, &[], "").await;
        let res = app
            .call_as(
                &admin,
                "programs/create",
                &[
                    ("name", CAREER),
                    ("description", "The same name again, which must be refused."),
                    ("kind", "cycle"),
                    ("matching", "choose"),
                    ("contact", "monthly"),
                    ("mentor_min_years", "0"),
                    ("required_tags", ""),
                    ("coordinators", "nobody.here@example.org"),
                ],
            )
            .await;
        assert_eq!(res.status(), 400);
        assert!(res
            .text()
            .await
            .unwrap()
            .contains("No member has confirmed the address nobody.here@example.org"));
        let res = app
            .call_as(
                &admin,
                "programs/add_cycle",
                &[
                    ("slug", "career-mentoring"),
                    ("name", "Backwards"),
                    ("starts_on", "2027-06-01"),
                    ("ends_on", "2027-01-01"),
                    ("enrol_opens", "2027-05-01"),
                    ("enrol_closes", "2027-04-01"),
                    ("capacity", "0"),
                ],
            )
            .await;
        assert_eq!(res.status(), 400);
        let text = res.text().await.unwrap();
        for expected in [
            "The cycle must end after it starts.",
            "Enrolment must close on or after it opens.",
            "Give the number of mentee places",
        ] {
            assert!(text.contains(expected), "{expected}: {text}");
        }
    }
);
