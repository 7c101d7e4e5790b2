//! Oversight on both databases: the audit log of administrators' and
//! coordinators' actions (never message content), and disabled accounts.

use crate::{
    db_test,
    helpers::{client, json, member, mentor, pair, send, status_text, TestApp},
    programs::{program, CAREER},
};
use app::{
    audit::model::{AccountStatus, Action, Oversight},
    directory::query::DirectoryResults,
};

async fn oversight(app: &TestApp, admin: &reqwest::Client) -> Oversight {
    json(app, admin, "audit/oversight", &[]).await
}

db_test!(
    administrators_see_what_powers_were_used_for_never_words,
    |app| async move {
        let admin = app.admin("Ada Admin").await;
        let (coordinator, _) = member(&app, "Cora Coordinator", &[]).await;
        let slug = program(&app, &admin, CAREER, &[], "cora.coordinator@example.org").await;
        let (status, _) = status_text(
            &app,
            &admin,
            "programs/set_coordinators",
            &[
                ("slug", &slug),
                ("coordinators", "cora.coordinator@example.org"),
            ],
        )
        .await;
        assert_eq!(status, 200);
        let (status, _) =
            status_text(&app, &coordinator, "programs/report", &[("slug", &slug)]).await;
        assert_eq!(status, 200);
        let p = pair(&app, "Sam Mentor", "Tomas Berg").await;
        send(&app, &p.mentee, p.id, "A private worry about my director.").await;
        assert_eq!(
            status_text(&app, &admin, "messages/activity", &[]).await.0,
            200
        );

        let log = oversight(&app, &admin).await;
        let seen: Vec<(Action, &str, &str)> = log
            .entries
            .iter()
            .map(|e| (e.action, e.actor.as_str(), e.subject.as_str()))
            .collect();
        assert_eq!(
            seen,
            vec![
                (Action::ThreadActivityRead, "Ada Admin", ""),
                (Action::ReportRead, "Cora Coordinator", slug.as_str()),
                (Action::CoordinatorsNamed, "Ada Admin", slug.as_str()),
                (Action::ProgramCreated, "Ada Admin", slug.as_str()),
            ]
        );
        let raw = serde_json::to_string(&log).unwrap();
        assert!(!raw.contains("private worry"));

        // Only administrators read it.
        for (who, code) in [(&client(), 401), (&coordinator, 403), (&p.mentee, 403)] {
            assert_eq!(status_text(&app, who, "audit/oversight", &[]).await.0, code);
        }
        let page = app.page_as(&admin, "/admin/audit").await;
        assert!(page.contains("named coordinators"));
    }
);

db_test!(
    a_disabled_account_cannot_sign_in_be_found_or_be_asked,
    |app| async move {
        let admin = app.admin("Ada Admin").await;
        let (sam, sam_id) = mentor(&app, "Sam Mentor", &[]).await;
        let (mentee, _) = member(&app, "Tomas Berg", &[]).await;
        let id = sam_id.to_string();
        let disable = |who: &reqwest::Client, user: &str, reason: &str| {
            let (who, user, reason) = (who.clone(), user.to_owned(), reason.to_owned());
            let app = &app;
            async move {
                status_text(
                    app,
                    &who,
                    "audit/disable",
                    &[("user_id", user.as_str()), ("reason", reason.as_str())],
                )
                .await
            }
        };
        assert_eq!(disable(&client(), &id, "Spam").await.0, 401);
        assert_eq!(disable(&mentee, &id, "Spam").await.0, 403);
        assert_eq!(disable(&admin, &id, "   ").await.0, 400);
        let admin_id = crate::helpers::member_id(&app, &admin).await.to_string();
        let (status, body) = disable(&admin, &admin_id, "Testing").await;
        assert_eq!(status, 400);
        assert!(body.contains("your own account"), "{body}");

        let found: Option<AccountStatus> = json(
            &app,
            &admin,
            "audit/account",
            &[("email", "Sam.Mentor@example.org")],
        )
        .await;
        assert_eq!(found.unwrap().id, sam_id);
        let (status, body) = disable(&admin, &id, "Sent the same request to 40 mentors.").await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(disable(&admin, &id, "Again").await.0, 409);

        let me: Option<app::accounts::model::CurrentUser> =
            json(&app, &sam, "accounts/current_user", &[]).await;
        assert!(me.is_none(), "signed out");
        let (status, body) = status_text(
            &app,
            &client(),
            "accounts/sign_in",
            &[
                ("email", "sam.mentor@example.org"),
                ("password", "a long enough password"),
            ],
        )
        .await;
        assert_eq!(status, 403);
        assert!(body.contains("disabled"), "{body}");
        let listed: DirectoryResults =
            json(&app, &mentee, "directory/search", &[("query", "q=Sam")]).await;
        assert_eq!(listed.total, 0);
        assert_eq!(
            status_text(&app, &mentee, "directory/mentor", &[("id", &id)])
                .await
                .0,
            404
        );
        let (status, _) = status_text(
            &app,
            &mentee,
            "mentorships/request",
            &[
                ("mentor_id", &id),
                ("focus", "leadership"),
                ("message", "Could we talk about leading a small team?"),
            ],
        )
        .await;
        assert!(status >= 400, "{status}");

        let o = oversight(&app, &admin).await;
        assert_eq!(o.disabled.len(), 1);
        assert_eq!(o.entries[0].action, Action::AccountDisabled);
        assert_eq!(o.entries[0].detail, "Sent the same request to 40 mentors.");

        let (status, _) = status_text(&app, &admin, "audit/enable", &[("user_id", &id)]).await;
        assert_eq!(status, 200);
        assert!(
            app.sign_in_as(
                &client(),
                "sam.mentor@example.org",
                "a long enough password"
            )
            .await
        );
        let listed: DirectoryResults =
            json(&app, &mentee, "directory/search", &[("query", "q=Sam")]).await;
        assert_eq!(listed.total, 1);
        assert_eq!(
            oversight(&app, &admin).await.entries[0].action,
            Action::AccountEnabled
        );
    }
);
