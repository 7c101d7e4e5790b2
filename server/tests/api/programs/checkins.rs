//! Mentors' check-ins, liaisons, and pairs flagged for attention.

use super::{career_program, cycle, cycle_pairs, outside_pair, schedule};
use crate::{
    db_test,
    helpers::{client, json, member_id},
};
use app::jobs::{ask_checkins as ask_due, send_topics as send_due};
use app::programs::api::ManagePage;
use app::programs::checkins::pairs as pair_statuses;
use app::{dates::now_ms, dates::DAY_MS};

db_test!(
    check_ins_go_to_the_liaison_and_flag_pairs_needing_attention,
    |app| async move {
        let (coordinator, slug) = career_program(&app, &[]).await;
        let id = cycle(&app, &coordinator, &slug, "Spring", (-1, 10, 200), 10).await;
        let mentees = [
            ("Eve One", "leadership"),
            ("Eli Two", "leadership"),
            ("Ena Three", "leadership"),
        ];
        let (m, mentor_id, pairs) = cycle_pairs(&app, id, &[("capacity", "4")], &mentees).await;
        let (outside, free) = outside_pair(&app, &m, mentor_id).await;
        let check = |who: &reqwest::Client, mid: i64, state: &'static str| {
            let who = who.clone();
            let app = &app;
            async move {
                let res = app
                    .call_as(
                        &who,
                        "programs/check_in",
                        &[
                            ("mentorship_id", &mid.to_string()),
                            ("state", state),
                            ("note", "Could we talk about pacing?"),
                        ],
                    )
                    .await;
                res.status().as_u16()
            }
        };
        // Only the mentor of a program pair checks in.
        assert_eq!(check(&client(), pairs[0].1, "met").await, 401);
        assert_eq!(check(&pairs[0].0, pairs[0].1, "met").await, 403);
        assert_eq!(check(&coordinator, pairs[0].1, "met").await, 403);
        assert_eq!(check(&m, free, "met").await, 409);
        assert_eq!(check(&m, pairs[0].1, "met").await, 200);
        assert_eq!(check(&m, pairs[1].1, "need_help").await, 200);
        assert_eq!(check(&m, pairs[2].1, "met").await, 200);
        assert_eq!(
            check(&m, pairs[2].1, "not_heard").await,
            200,
            "answering again replaces"
        );

        // Without a liaison, every coordinator hears of the two calls.
        let (calls,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM notifications n JOIN users u ON u.id = n.user_id
             WHERE n.kind = 'checkin_attention' AND u.email = 'cora.coordinator@example.org'",
        )
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        assert_eq!(calls, 2);

        let page: ManagePage =
            json(&app, &coordinator, "programs/manage", &[("slug", &slug)]).await;
        let listed = &page.pairs;
        assert_eq!(listed.len(), 3, "only the cycle's pairs");
        let attention: Vec<&str> = listed
            .iter()
            .filter(|p| !p.attention.is_empty())
            .map(|p| p.mentee_name.as_str())
            .collect();
        assert_eq!(attention, ["Eli Two", "Ena Three"]);
        assert_eq!(
            listed[0].checkin.as_ref().unwrap().1,
            "Could we talk about pacing?"
        );

        // A liaison must be one of the program's coordinators; set by a coordinator only.
        let coordinator_id = member_id(&app, &coordinator).await;
        let outsider_id = member_id(&app, &outside).await;
        let assign = |who: &reqwest::Client, liaison: i64| {
            let who = who.clone();
            let app = &app;
            let slug = slug.clone();
            let mid = pairs[0].1;
            async move {
                app.call_as(
                    &who,
                    "programs/assign_liaison",
                    &[
                        ("slug", slug.as_str()),
                        ("mentorship_id", &mid.to_string()),
                        ("liaison_id", &liaison.to_string()),
                    ],
                )
                .await
                .status()
                .as_u16()
            }
        };
        assert_eq!(assign(&client(), coordinator_id).await, 401);
        assert_eq!(assign(&m, coordinator_id).await, 403);
        assert_eq!(assign(&coordinator, outsider_id).await, 400);
        assert_eq!(assign(&coordinator, coordinator_id).await, 200);

        // A pair silent for 30 days is flagged from timestamps alone; a topic
        // card posted meanwhile is the program's word, not the pair's.
        let later = now_ms() + 31 * DAY_MS;
        assert_eq!(
            schedule(&app, &coordinator, id, "Community", 0)
                .await
                .status(),
            200
        );
        assert_eq!(send_due(&app.db, &app.hub, later).await.unwrap(), 3);
        let flagged = pair_statuses(&app.db, page.program.id, later)
            .await
            .unwrap();
        assert!(flagged.iter().all(|p| p
            .attention
            .iter()
            .any(|a| a.starts_with("No messages since"))));

        // The monthly question: once a month per pair, after its first week.
        assert_eq!(ask_due(&app.db, now_ms()).await.unwrap(), 0);
        assert_eq!(ask_due(&app.db, now_ms() + 8 * DAY_MS).await.unwrap(), 3);
        assert_eq!(ask_due(&app.db, now_ms() + 8 * DAY_MS).await.unwrap(), 0);
        assert_eq!(ask_due(&app.db, now_ms() + 40 * DAY_MS).await.unwrap(), 3);
    }
);
