//! The job that completes a cycle's mentorships when it ends, unless extended.

use super::{career_program, cycle, cycle_pairs, outside_pair};
use crate::{
    db_test,
    helpers::{json, mentorship_state},
};
use app::jobs::complete_cycles;
use app::{dates::now_ms, dates::DAY_MS, mentorships::model::MentorshipDetail};

db_test!(
    a_cycle_ending_completes_its_mentorships_unless_extended,
    |app| async move {
        let (coordinator, slug) = career_program(&app, &[]).await;
        let id = cycle(&app, &coordinator, &slug, "Spring", (-1, 10, 60), 10).await;
        let mentees = [("Eve One", "leadership"), ("Eli Two", "leadership")];
        let (m, mentor_id, pairs) = cycle_pairs(&app, id, &[("capacity", "3")], &mentees).await;
        // A pair outside the cycle is not touched by it.
        let (outside, free) = outside_pair(&app, &m, mentor_id).await;
        let cycle_of = |mid: i64| {
            let pool = app.db.pool().clone();
            async move {
                let (c,): (Option<i64>,) =
                    sqlx::query_as("SELECT cycle_id FROM mentorships WHERE id = $1")
                        .bind(mid)
                        .fetch_one(&pool)
                        .await
                        .unwrap();
                c
            }
        };
        assert_eq!(cycle_of(pairs[0].1).await, Some(id));
        assert_eq!(cycle_of(free).await, None);
        let detail: MentorshipDetail = json(
            &app,
            &pairs[0].0,
            "mentorships/get",
            &[("id", &pairs[0].1.to_string())],
        )
        .await;
        assert_eq!(detail.program.unwrap().cycle_name, "Spring");

        // The second pair extends; only one of the pair can, once; outsiders cannot.
        let extend = |who: &reqwest::Client, mid: i64| {
            let who = who.clone();
            let app = &app;
            async move {
                app.call_as(&who, "mentorships/extend", &[("id", &mid.to_string())])
                    .await
                    .status()
                    .as_u16()
            }
        };
        assert_eq!(extend(&outside, pairs[1].1).await, 403);
        assert_eq!(extend(&pairs[1].0, pairs[1].1).await, 200);
        assert_eq!(extend(&m, pairs[1].1).await, 409);
        assert_eq!(extend(&outside, free).await, 409);

        let now = now_ms();
        assert_eq!(complete_cycles(&app.db, now).await.unwrap(), 0);
        let after = now + 62 * DAY_MS;
        assert_eq!(complete_cycles(&app.db, after).await.unwrap(), 1);
        assert_eq!(complete_cycles(&app.db, after).await.unwrap(), 0);
        assert_eq!(mentorship_state(&app, pairs[0].1).await, "completed");
        assert_eq!(mentorship_state(&app, pairs[1].1).await, "accepted");
        assert_eq!(mentorship_state(&app, free).await, "accepted");
        let (notices,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM notifications WHERE kind = 'cycle_completed'")
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        assert_eq!(notices, 2);
    }
);
