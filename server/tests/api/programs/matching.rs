//! Coordinators matching their own program's mentees from its queue.

use super::{career_program, cycle, enrol, rival_program};
use crate::{
    db_test,
    helpers::{accept, json, member, mentor, status_text},
};
use app::{
    mentorships::model::{MyMentorships, Proposal, QueueItem},
    programs::model::ProgramPage,
};

db_test!(
    coordinators_match_their_own_programs_mentees,
    |app| async move {
        let (coordinator, slug) = career_program(&app, &[("matching", "assign")]).await;
        let id = cycle(&app, &coordinator, &slug, "2026–27", (-1, 30, 270), 10).await;
        let cycle_id = id.to_string();
        let (mona, mona_id) = mentor(&app, "Mona Mentor", &[]).await;
        assert_eq!(enrol(&app, &mona, id, "mentor").await.0, 200);
        let (_, outsider_id) = mentor(&app, "Out Sider", &[]).await;
        let (tess, _) = member(&app, "Tess Mentee", &[("career_stage", "new")]).await;
        assert_eq!(enrol(&app, &tess, id, "mentee").await.0, 200);

        // A cycle's mentee asks its coordinators; a member outside it cannot.
        let ask = [
            ("focus", "leadership"),
            ("note", "I lead a branch from next month."),
            ("cycle_id", cycle_id.as_str()),
        ];
        let (status, text) = status_text(&app, &tess, "mentorships/ask_assignment", &ask).await;
        assert_eq!(status, 200, "{text}");
        let page: ProgramPage = json(&app, &tess, "programs/get", &[("slug", &slug)]).await;
        assert_eq!(page.cycles[0].asked[0], "Leadership");
        // The program's coordinators hear of it on their bell.
        let (told,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM notifications n JOIN users u ON u.id = n.user_id
             WHERE n.kind = 'match_requested' AND u.email = 'cora.coordinator@example.org'
               AND n.link = $1",
        )
        .bind(format!("/programs/{slug}/assignments"))
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        assert_eq!(told, 1);
        let (walk_in, _) = member(&app, "Walk In", &[("career_stage", "new")]).await;
        let (status, text) = status_text(&app, &walk_in, "mentorships/ask_assignment", &ask).await;
        assert_eq!(status, 400);
        assert!(text.contains("Only a cycle's mentees can ask"), "{text}");
        // Without a cycle the request goes to the site's queue.
        let (status, _) = status_text(
            &app,
            &walk_in,
            "mentorships/ask_assignment",
            &[("focus", "leadership"), ("note", "")],
        )
        .await;
        assert_eq!(status, 200);

        // The program's queue holds its cycle's mentee, with its mentors only.
        let in_program = [("program", slug.as_str())];
        let queue: Vec<QueueItem> =
            json(&app, &coordinator, "mentorships/queue", &in_program).await;
        assert_eq!(queue.len(), 1, "{queue:?}");
        assert_eq!(queue[0].mentee_name, "Tess Mentee");
        assert_eq!(queue[0].cycle_name.as_deref(), Some("2026–27"));
        let names: Vec<&str> = queue[0]
            .suggestions
            .iter()
            .map(|s| s.mentor_name.as_str())
            .collect();
        assert_eq!(names, ["Mona Mentor"], "only the cycle's mentors");
        let proposal: Proposal = json(&app, &coordinator, "mentorships/propose", &in_program).await;
        assert_eq!(proposal.pairs[0].mentor_name, "Mona Mentor");
        // The site's queue has only the request made outside any program.
        let admin = app.admin("Abe Admin").await;
        let site: Vec<QueueItem> = json(&app, &admin, "mentorships/queue", &[]).await;
        assert_eq!(site.len(), 1, "{site:?}");
        assert_eq!(site[0].mentee_name, "Walk In");
        let site_request = site[0].id.to_string();

        // Nobody else keeps this queue.
        assert_eq!(
            app.call("mentorships/queue", &in_program).await.status(),
            401
        );
        let (plain, _) = member(&app, "Pat Member", &[]).await;
        for endpoint in ["mentorships/queue", "mentorships/propose"] {
            assert_eq!(
                app.call_as(&plain, endpoint, &in_program).await.status(),
                403
            );
        }
        let request = queue[0].id.to_string();
        let pair = format!("{request}:{mona_id}");
        let (oz, other) = rival_program(&app, &admin, "Oz Other", &[("matching", "assign")]).await;
        assert_eq!(
            app.call_as(&oz, "mentorships/queue", &in_program)
                .await
                .status(),
            403
        );
        // Another program's coordinator cannot reach it through their own queue,
        // and this program's coordinator cannot reach the site's.
        let (status, text) = status_text(
            &app,
            &oz,
            "mentorships/assign",
            &[("pairs", &pair), ("program", &other)],
        )
        .await;
        assert_eq!(status, 400);
        assert!(text.contains("not waiting in this queue"), "{text}");
        let (status, text) = status_text(
            &app,
            &coordinator,
            "mentorships/assign",
            &[
                ("pairs", &format!("{site_request}:{mona_id}")),
                ("program", &slug),
            ],
        )
        .await;
        assert_eq!(status, 400);
        assert!(text.contains("not waiting in this queue"), "{text}");
        assert_eq!(
            app.call_as(&coordinator, "mentorships/assign", &[("pairs", &pair)])
                .await
                .status(),
            403,
            "the site's queue is for administrators"
        );

        // Only a mentor enrolled in the cycle; then the pair belongs to it.
        let (status, text) = status_text(
            &app,
            &coordinator,
            "mentorships/assign",
            &[
                ("pairs", &format!("{request}:{outsider_id}")),
                ("program", &slug),
            ],
        )
        .await;
        assert_eq!(status, 400);
        assert!(text.contains("enrolled in their cycle"), "{text}");
        let (status, text) = status_text(
            &app,
            &coordinator,
            "mentorships/assign",
            &[("pairs", &pair), ("program", &slug)],
        )
        .await;
        assert_eq!(status, 200, "{text}");
        let mine: MyMentorships = json(&app, &mona, "mentorships/mine", &[]).await;
        assert_eq!(mine.received[0].other_name, "Tess Mentee");
        let mentorship = mine.received[0].id;
        assert_eq!(accept(&app, &mona, mentorship).await, 200);
        let (in_cycle,): (Option<i64>,) =
            sqlx::query_as("SELECT cycle_id FROM mentorships WHERE id = $1")
                .bind(mentorship)
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        assert_eq!(in_cycle, Some(id));
        let queue: Vec<QueueItem> =
            json(&app, &coordinator, "mentorships/queue", &in_program).await;
        assert_eq!(queue, []);
    }
);
