//! Administrators naming a program's coordinators; liaisons follow.

use super::{career_program, cycle, enrol};
use crate::{
    db_test,
    helpers::{accept, json, member, member_id, mentor, requested, status_text},
};
use app::programs::api::ManagePage;

db_test!(
    administrators_rename_coordinators_and_liaisons_follow,
    |app| async move {
        let (cora, slug) = career_program(&app, &[]).await;
        let id = cycle(&app, &cora, &slug, "2026–27", (-1, 30, 270), 10).await;
        let (m, mentor_id) = mentor(&app, "Mo Mentor", &[]).await;
        assert_eq!(enrol(&app, &m, id, "mentor").await.0, 200);
        let (e, _) = member(&app, "Eli Mentee", &[]).await;
        assert_eq!(enrol(&app, &e, id, "mentee").await.0, 200);
        let pair = requested(&app, &e, mentor_id, "leadership").await;
        assert_eq!(accept(&app, &m, pair).await, 200);
        let cora_id = member_id(&app, &cora).await;
        let (status, text) = status_text(
            &app,
            &cora,
            "programs/assign_liaison",
            &[
                ("slug", slug.as_str()),
                ("mentorship_id", &pair.to_string()),
                ("liaison_id", &cora_id.to_string()),
            ],
        )
        .await;
        assert_eq!(status, 200, "{text}");

        // Only administrators name coordinators; coordinators do not co-opt.
        let (oz, _) = member(&app, "Oz Other", &[]).await;
        let rename = |emails: &str| [("slug", slug.clone()), ("coordinators", emails.to_owned())];
        let call = |who: &reqwest::Client, emails: &str| {
            let args = rename(emails);
            let app = &app;
            let who = who.clone();
            async move {
                let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
                status_text(app, &who, "programs/set_coordinators", &args).await
            }
        };
        let args = rename("oz.other@example.org");
        let visitor: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(
            app.call("programs/set_coordinators", &visitor)
                .await
                .status(),
            401
        );
        assert_eq!(call(&cora, "oz.other@example.org").await.0, 403);
        assert_eq!(call(&oz, "oz.other@example.org").await.0, 403);

        // Bad addresses are refused by field, with what was typed kept.
        let admin = app.admin("Abe Admin").await;
        let (status, text) = call(&admin, "nobody@example.org").await;
        assert_eq!(status, 400);
        assert!(
            text.contains("No member has confirmed the address nobody@example.org"),
            "{text}"
        );
        let (status, text) = call(&admin, "not-an-address").await;
        assert_eq!(status, 400);
        assert!(text.contains("is not an email address"), "{text}");
        assert!(text.contains("not-an-address"), "{text}");

        // Oz takes over: Cora's access and liaison role end at once.
        let before: ManagePage = json(&app, &admin, "programs/manage", &[("slug", &slug)]).await;
        assert_eq!(
            before.coordinator_emails.unwrap()[0],
            "cora.coordinator@example.org"
        );
        let (status, text) = call(&admin, "Oz.Other@example.org").await;
        assert_eq!(status, 200, "{text}");
        assert_eq!(
            app.call_as(&cora, "programs/manage", &[("slug", &slug)])
                .await
                .status(),
            403
        );
        let page: ManagePage = json(&app, &oz, "programs/manage", &[("slug", &slug)]).await;
        assert_eq!(page.coordinators[0].1, "Oz Other");
        assert!(
            page.coordinator_emails.is_none(),
            "only administrators see the addresses"
        );
        let (liaison,): (Option<i64>,) =
            sqlx::query_as("SELECT liaison_id FROM mentorships WHERE id = $1")
                .bind(pair)
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        assert_eq!(liaison, None);
    }
);
