//! Goals on both databases: the mentee sets them, the mentor comments, and
//! nobody else (administrators and coordinators included) reads or writes them.

use crate::{
    db_test,
    helpers::{accept, client, json, member, mentor, requested, status},
};
use app::goals::model::{GoalStatus, Goals};

db_test!(
    goals_are_the_mentees_the_mentor_comments_and_no_one_else_sees,
    |app| async move {
        let (m, mentor_id) = mentor(&app, "Mo Mentor", &[]).await;
        let (e, _) = member(&app, "Eve Mentee", &[]).await;
        let id = requested(&app, &e, mentor_id, "leadership").await;
        let sid = id.to_string();
        // Before acceptance there are no goals.
        assert_eq!(
            status(&app, &e, "goals/list", &[("mentorship_id", &sid)]).await,
            409
        );
        assert_eq!(accept(&app, &m, id).await, 200);

        let add = [
            ("mentorship_id", sid.as_str()),
            ("title", "Submit a conference proposal"),
            ("why", "I want to share our outreach work."),
            ("target_on", "2027-03-01"),
        ];
        assert_eq!(
            status(&app, &m, "goals/add", &add).await,
            403,
            "the mentor does not set goals"
        );
        let res = app
            .call_as(
                &e,
                "goals/add",
                &[
                    ("mentorship_id", &sid),
                    ("title", "x"),
                    ("why", ""),
                    ("target_on", "soon"),
                ],
            )
            .await;
        assert_eq!(res.status(), 400);
        let text = res.text().await.unwrap();
        assert!(
            text.contains("Name the goal in 3 to 120 characters.") && text.contains("YYYY-MM-DD"),
            "{text}"
        );
        assert_eq!(status(&app, &e, "goals/add", &add).await, 200);
        let (goal,): (i64,) = sqlx::query_as("SELECT MAX(id) FROM goals")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
        let gid = goal.to_string();
        assert_eq!(
            status(
                &app,
                &e,
                "goals/status",
                &[("goal_id", &gid), ("status", "in_progress")]
            )
            .await,
            200
        );
        assert_eq!(
            status(
                &app,
                &m,
                "goals/status",
                &[("goal_id", &gid), ("status", "done")]
            )
            .await,
            403
        );
        assert_eq!(
            status(
                &app,
                &e,
                "goals/note",
                &[("goal_id", &gid), ("body", "Draft abstract written.")]
            )
            .await,
            200
        );
        assert_eq!(
            status(
                &app,
                &m,
                "goals/note",
                &[("goal_id", &gid), ("body", "Lead with the numbers.")]
            )
            .await,
            200
        );

        let seen: Goals = json(&app, &m, "goals/list", &[("mentorship_id", &sid)]).await;
        let g = &seen.goals[0];
        assert_eq!(g.status, GoalStatus::InProgress);
        assert!(!g.notes[0].by_mentor);
        assert!(g.notes[1].by_mentor);
        assert_eq!(g.notes[1].body, "Lead with the numbers.");

        // Everyone else is refused: a visitor, another member, an administrator.
        let (outsider, _) = member(&app, "Out Sider", &[]).await;
        let admin = app.admin("Ada Admin").await;
        for (endpoint, args) in [
            ("goals/list", vec![("mentorship_id", sid.as_str())]),
            ("goals/add", add.to_vec()),
            (
                "goals/status",
                vec![("goal_id", gid.as_str()), ("status", "done")],
            ),
            (
                "goals/note",
                vec![("goal_id", gid.as_str()), ("body", "Peeking.")],
            ),
        ] {
            assert_eq!(
                status(&app, &client(), endpoint, &args).await,
                401,
                "{endpoint}"
            );
            assert_eq!(
                status(&app, &outsider, endpoint, &args).await,
                403,
                "{endpoint}"
            );
            assert_eq!(
                status(&app, &admin, endpoint, &args).await,
                403,
                "{endpoint}"
            );
        }
        let (notes,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM goal_notes")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
        assert_eq!(notes, 2);
    }
);
