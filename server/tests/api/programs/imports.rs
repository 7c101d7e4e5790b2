//! Enrolment by CSV import: previewed row by row, applied whole or not at all.

use super::{career_program, cycle, enrol};
use crate::{
    db_test,
    helpers::{client, json, member},
};
use app::programs::model::ImportPreview;

db_test!(
    a_csv_import_is_previewed_row_by_row_and_applied_whole_or_not_at_all,
    |app| async move {
        let (coordinator, slug) = career_program(&app, &[]).await;
        let id = cycle(&app, &coordinator, &slug, "Spring", (-1, 10, 60), 10).await;
        let (_, _) = member(&app, "Ana Ruiz", &[]).await;
        let (already, _) = member(&app, "Al Ready", &[]).await;
        assert_eq!(enrol(&app, &already, id, "mentee").await.0, 200);
        let cid = id.to_string();
        let check = |who: &reqwest::Client, csv: &'static str| {
            let who = who.clone();
            let app = &app;
            let (slug, cid) = (slug.clone(), cid.clone());
            async move {
                let res = app
                    .call_as(
                        &who,
                        "programs/check_import",
                        &[
                            ("slug", slug.as_str()),
                            ("cycle_id", cid.as_str()),
                            ("csv", csv),
                        ],
                    )
                    .await;
                (res.status().as_u16(), res.text().await.unwrap())
            }
        };
        let bad = "name,email,role,tags\n\
                   Ana Ruiz,ana.ruiz@example.org,mentee,ACRL\n\
                   Noor Haddad,noor.haddad@example.org,Mentor,\n\
                   Bad Address,not-an-email,mentee,\n\
                   Ana Ruiz,ANA.RUIZ@example.org,mentee,\n\
                   Role Less,role.less@example.org,coordinator,\n\
                   Al Ready,al.ready@example.org,mentee,\n";
        // Only the program's coordinators import.
        let (plain, _) = member(&app, "Pat Member", &[]).await;
        assert_eq!(check(&client(), bad).await.0, 401);
        assert_eq!(check(&plain, bad).await.0, 403);
        let (status, draft) = check(&coordinator, bad).await;
        assert_eq!(status, 200, "{draft}");
        let draft = draft.trim().to_owned();
        for (who, code) in [(&client(), 401), (&plain, 403)] {
            for endpoint in ["programs/import_preview", "programs/apply_import"] {
                let res = app
                    .call_as(
                        who,
                        endpoint,
                        &[("slug", slug.as_str()), ("draft_id", draft.as_str())],
                    )
                    .await;
                assert_eq!(res.status(), code, "{endpoint}");
            }
        }
        let preview: ImportPreview = json(
            &app,
            &coordinator,
            "programs/import_preview",
            &[("slug", &slug), ("draft_id", &draft)],
        )
        .await;
        let outcomes: Vec<(bool, String)> = preview
            .rows
            .iter()
            .map(|r| (r.error, r.outcome.clone()))
            .collect();
        assert_eq!(preview.errors, 4, "{outcomes:?}");
        assert_eq!(
            outcomes[0],
            (false, "enrol as a mentee (already a member)".to_owned())
        );
        assert_eq!(
            outcomes[1],
            (false, "invite by email to join as a mentor".to_owned())
        );
        assert!(outcomes[2].1.contains("is not an email address"));
        assert_eq!(outcomes[3].1, "this person appears twice (also line 2)");
        assert!(outcomes[4].1.contains("must be mentor or mentee"));
        assert!(outcomes[5]
            .1
            .contains("already enrolled in Spring as a mentee"));

        // With problems, nothing at all is imported.
        let res = app
            .call_as(
                &coordinator,
                "programs/apply_import",
                &[("slug", slug.as_str()), ("draft_id", draft.as_str())],
            )
            .await;
        assert_eq!(res.status(), 400);
        assert!(res.text().await.unwrap().contains("Nothing was imported"));
        let count = |sql: &'static str| {
            let pool = app.db.pool().clone();
            async move {
                let (n,): (i64,) = sqlx::query_as(sql).fetch_one(&pool).await.unwrap();
                n
            }
        };
        assert_eq!(count("SELECT COUNT(*) FROM enrolments").await, 1);
        assert_eq!(count("SELECT COUNT(*) FROM invitations").await, 0);

        let good = "name,email,role,tags\n\
                    Ana Ruiz,ana.ruiz@example.org,mentee,ACRL\n\
                    Noor Haddad,noor.haddad@example.org,Mentor,Instruction\n";
        let (status, draft) = check(&coordinator, good).await;
        assert_eq!(status, 200);
        let draft = draft.trim().to_owned();
        let res = app
            .call_as(
                &coordinator,
                "programs/apply_import",
                &[("slug", slug.as_str()), ("draft_id", draft.as_str())],
            )
            .await;
        assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
        assert_eq!(count("SELECT COUNT(*) FROM enrolments").await, 2);
        assert_eq!(count("SELECT COUNT(*) FROM invitations").await, 1);
        assert_eq!(
            count("SELECT COUNT(*) FROM emails WHERE to_address = 'noor.haddad@example.org' AND subject LIKE 'You are invited to%'").await,
            1
        );
        let res = app
            .call_as(
                &coordinator,
                "programs/apply_import",
                &[("slug", slug.as_str()), ("draft_id", draft.as_str())],
            )
            .await;
        assert_eq!(res.status(), 409, "a file is imported once");

        // The invited member joins with that address and finds their place.
        let noor = client();
        assert!(app
            .sign_up_as(&noor, "noor.haddad@example.org", "Noor Haddad")
            .await
            .status()
            .is_success());
        let (role, tags): (String, String) = sqlx::query_as(
            "SELECT e.role, e.tags FROM enrolments e JOIN users u ON u.id = e.user_id WHERE u.email = 'noor.haddad@example.org'",
        )
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        assert_eq!((role.as_str(), tags.as_str()), ("mentor", "Instruction"));
    }
);
