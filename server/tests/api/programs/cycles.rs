//! Changing a cycle: only its coordinators, only within its rules.

use super::{career_program, cycle, enrol, rival_program};
use crate::{
    db_test,
    helpers::{json, member, TestApp},
};
use app::dates::{iso_day, DAY_MS};
use app::{dates::now_ms, programs::model::CycleEdit};

/// Calls programs/update_cycle as `who` (a visitor when `None`).
async fn update(
    app: &TestApp,
    who: Option<&reqwest::Client>,
    args: Vec<(&str, String)>,
) -> (u16, String) {
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = match who {
        Some(c) => app.call_as(c, "programs/update_cycle", &args).await,
        None => app.call("programs/update_cycle", &args).await,
    };
    (res.status().as_u16(), res.text().await.unwrap())
}

db_test!(
    coordinators_change_a_cycle_within_its_rules,
    |app| async move {
        let (coordinator, slug) = career_program(&app, &[]).await;
        let id = cycle(&app, &coordinator, &slug, "2026–27", (-1, 30, 270), 10).await;
        cycle(&app, &coordinator, &slug, "2027–28", (300, 330, 600), 10).await;
        let day = |d: i64| iso_day(now_ms() + d * DAY_MS);
        let (start, closes, end) = (day(-2), day(30), day(270));
        let cycle_id = id.to_string();
        let change_with =
            |slug: &str, name: &str, (closes, ends_on): (&str, &str), capacity: &str| {
                vec![
                    ("slug", slug.to_owned()),
                    ("cycle_id", cycle_id.clone()),
                    ("name", name.to_owned()),
                    ("starts_on", start.clone()),
                    ("ends_on", ends_on.to_owned()),
                    ("enrol_opens", day(-1)),
                    ("enrol_closes", closes.to_owned()),
                    ("capacity", capacity.to_owned()),
                ]
            };
        let change = |slug: &str, name: &str, ends_on: &str, capacity: &str| {
            change_with(slug, name, (&closes, ends_on), capacity)
        };
        let edit = [("slug", slug.as_str()), ("cycle_id", cycle_id.as_str())];

        // Visitors, plain members and another program's coordinator are refused.
        assert_eq!(
            update(&app, None, change(&slug, "Renamed", &end, "10"))
                .await
                .0,
            401
        );
        assert_eq!(
            app.call("programs/cycle_to_edit", &edit).await.status(),
            401
        );
        let (plain, _) = member(&app, "Pat Member", &[("career_stage", "new")]).await;
        assert_eq!(
            update(&app, Some(&plain), change(&slug, "Renamed", &end, "10"))
                .await
                .0,
            403
        );
        assert_eq!(
            app.call_as(&plain, "programs/cycle_to_edit", &edit)
                .await
                .status(),
            403
        );
        let admin = app.admin("Abe Admin").await;
        let (other_coordinator, other) = rival_program(&app, &admin, "Oz Other", &[]).await;
        // Their own program's name does not reach this program's cycle.
        let (status, _) = update(
            &app,
            Some(&other_coordinator),
            change(&other, "Renamed", &end, "10"),
        )
        .await;
        assert_eq!(status, 404);
        assert_eq!(
            update(
                &app,
                Some(&other_coordinator),
                change(&slug, "Renamed", &end, "10")
            )
            .await
            .0,
            403
        );

        // Places cannot drop below the mentees enrolled; the end cannot move
        // before today; names stay unique; what was typed comes back.
        let (ann, _) = member(&app, "Ann Early", &[("career_stage", "new")]).await;
        assert_eq!(enrol(&app, &ann, id, "mentee").await.0, 200);
        assert_eq!(enrol(&app, &plain, id, "mentee").await.0, 200);
        let (status, text) = update(
            &app,
            Some(&coordinator),
            change(&slug, "Renamed", &end, "1"),
        )
        .await;
        assert_eq!(status, 400);
        assert!(
            text.contains("2 mentees are enrolled already; keep at least 2 places."),
            "{text}"
        );
        assert!(text.contains("Renamed"), "typed values are kept: {text}");
        let yesterday = day(-1);
        let (status, text) = update(
            &app,
            Some(&coordinator),
            change_with(&slug, "2026–27", (&yesterday, &yesterday), "10"),
        )
        .await;
        assert_eq!(status, 400);
        assert!(text.contains("cannot end before today"), "{text}");
        let (status, text) = update(
            &app,
            Some(&coordinator),
            change(&slug, "2027–28", &end, "10"),
        )
        .await;
        assert_eq!(status, 400);
        assert!(
            text.contains("already has a cycle with that name"),
            "{text}"
        );
        assert!(text.contains(&end), "typed values are kept: {text}");

        // Within the rules the change is saved.
        let (status, text) = update(
            &app,
            Some(&coordinator),
            change(&slug, "2026–27 (extended)", &day(300), "2"),
        )
        .await;
        assert_eq!(status, 200, "{text}");
        let saved: CycleEdit = json(&app, &coordinator, "programs/cycle_to_edit", &edit).await;
        assert_eq!(saved.cycle.name, "2026–27 (extended)");
        assert_eq!(saved.cycle.capacity, 2);
        assert_eq!(iso_day(saved.cycle.ends_on), day(300));
        assert!(!saved.ended);
        // The full cycle now refuses a third mentee.
        let (cal, _) = member(&app, "Cal Late", &[("career_stage", "new")]).await;
        let (status, text) = enrol(&app, &cal, id, "mentee").await;
        assert_eq!(status, 400);
        assert!(text.contains("is full"), "{text}");

        // An ended cycle keeps its dates.
        sqlx::query("UPDATE cycles SET starts_on = $1, ends_on = $2, enrol_opens = $1, enrol_closes = $1 WHERE id = $3")
            .bind(now_ms() - 200 * DAY_MS)
            .bind(now_ms() - 10 * DAY_MS)
            .bind(id)
            .execute(app.db.pool())
            .await
            .unwrap();
        let saved: CycleEdit = json(&app, &coordinator, "programs/cycle_to_edit", &edit).await;
        assert!(saved.ended);
        let (status, text) = update(
            &app,
            Some(&coordinator),
            change(&slug, "Rewritten", &day(300), "2"),
        )
        .await;
        assert_eq!(status, 409);
        assert!(text.contains("has ended"), "{text}");
    }
);
