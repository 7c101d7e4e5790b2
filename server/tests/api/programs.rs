//! Programs on both databases: who may create and run them, eligibility in
//! words, enrolment windows and capacity under concurrency, renewal, who sees
//! a cycle's mentors, and the job that completes a cycle's mentorships.

use crate::{
    db_test,
    directory::{member, mentor},
    helpers::{client, TestApp},
    mentorships::{accept, json, requested},
};
use app::{
    db::now_ms,
    programs::{
        model::{iso_day, DAY_MS},
        store::complete_cycles,
    },
};

const CAREER: &str = "Career Mentoring";

/// Creates a program as `admin`; its coordinators by email.
pub async fn program(
    app: &TestApp,
    admin: &reqwest::Client,
    name: &str,
    rules: &[(&str, &str)],
    coordinators: &str,
) -> String {
    let mut form = vec![
        ("name", name),
        (
            "description",
            "Nine months of monthly conversations for new librarians.",
        ),
        ("kind", "cycle"),
        ("matching", "choose"),
        ("contact", "monthly"),
        ("mentor_min_years", "0"),
        ("required_tags", ""),
        ("coordinators", coordinators),
    ];
    for (k, v) in rules {
        form.retain(|(key, _)| key != k);
        form.push((k, v));
    }
    let res = app.call_as(admin, "programs/create", &form).await;
    assert!(
        res.status().is_success(),
        "{}: {}",
        res.status(),
        res.text().await.unwrap()
    );
    name.to_lowercase().replace(' ', "-")
}

/// Adds a cycle whose enrolment runs from `opens` to `closes` days from today
/// and which ends `ends` days from today; returns its id.
pub async fn cycle(
    app: &TestApp,
    coordinator: &reqwest::Client,
    slug: &str,
    name: &str,
    (opens, closes, ends): (i64, i64, i64),
    capacity: i64,
) -> i64 {
    let day = |d: i64| iso_day(now_ms() + d * DAY_MS);
    let res = app
        .call_as(
            coordinator,
            "programs/add_cycle",
            &[
                ("slug", slug),
                ("name", name),
                ("starts_on", &day(opens.min(0) - 1)),
                ("ends_on", &day(ends)),
                ("enrol_opens", &day(opens)),
                ("enrol_closes", &day(closes)),
                ("capacity", &capacity.to_string()),
            ],
        )
        .await;
    assert!(
        res.status().is_success(),
        "{}: {}",
        res.status(),
        res.text().await.unwrap()
    );
    let (id,): (i64,) = sqlx::query_as("SELECT MAX(id) FROM cycles")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    id
}

pub async fn enrol(app: &TestApp, who: &reqwest::Client, cycle: i64, role: &str) -> (u16, String) {
    let res = app
        .call_as(
            who,
            "programs/enrol",
            &[
                ("cycle_id", &cycle.to_string()),
                ("role", role),
                ("note", "Happy to talk about instruction and tenure."),
            ],
        )
        .await;
    (res.status().as_u16(), res.text().await.unwrap())
}

/// A coordinator (a plain member named as one) and the program they run.
pub async fn career_program(app: &TestApp, rules: &[(&str, &str)]) -> (reqwest::Client, String) {
    let admin = app.admin("Ada Admin").await;
    let (coordinator, _) = member(app, "Cora Coordinator", &[]).await;
    let slug = program(app, &admin, CAREER, rules, "cora.coordinator@example.org").await;
    (coordinator, slug)
}

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
        let mine = json(&app, &coordinator, "programs/manage", &[("slug", &slug)]).await;
        assert_eq!(mine["cycles"][0]["cycle"]["name"], "2026–27");
        // Administrators run every program.
        let theirs = json(&app, &admin, "programs/manage", &[("slug", &slug)]).await;
        assert_eq!(theirs["program"]["name"], CAREER);
    }
);

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
        let (other_coordinator, _) = member(&app, "Oz Other", &[]).await;
        let other = program(
            &app,
            &admin,
            "Conference Buddies",
            &[],
            "oz.other@example.org",
        )
        .await;
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
        let saved = json(&app, &coordinator, "programs/cycle_to_edit", &edit).await;
        assert_eq!(saved["cycle"]["name"], "2026–27 (extended)");
        assert_eq!(saved["cycle"]["capacity"], 2);
        assert_eq!(
            iso_day(saved["cycle"]["ends_on"].as_i64().unwrap()),
            day(300)
        );
        assert_eq!(saved["ended"], false);
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
        let saved = json(&app, &coordinator, "programs/cycle_to_edit", &edit).await;
        assert_eq!(saved["ended"], true);
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

/// Calls `endpoint` as `who`; the status and the body.
async fn status_text(
    app: &TestApp,
    who: &reqwest::Client,
    endpoint: &str,
    args: &[(&str, &str)],
) -> (u16, String) {
    let res = app.call_as(who, endpoint, args).await;
    (res.status().as_u16(), res.text().await.unwrap())
}

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
        let page = json(&app, &tess, "programs/get", &[("slug", &slug)]).await;
        assert_eq!(page["cycles"][0]["asked"][0], "Leadership");
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
        let queue = json(&app, &coordinator, "mentorships/queue", &in_program).await;
        assert_eq!(queue.as_array().unwrap().len(), 1, "{queue}");
        assert_eq!(queue[0]["mentee_name"], "Tess Mentee");
        assert_eq!(queue[0]["cycle_name"], "2026–27");
        let names: Vec<&str> = queue[0]["suggestions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["mentor_name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Mona Mentor"], "only the cycle's mentors");
        let proposal = json(&app, &coordinator, "mentorships/propose", &in_program).await;
        assert_eq!(proposal["pairs"][0]["mentor_name"], "Mona Mentor");
        // The site's queue has only the request made outside any program.
        let admin = app.admin("Abe Admin").await;
        let site = json(&app, &admin, "mentorships/queue", &[]).await;
        assert_eq!(site.as_array().unwrap().len(), 1, "{site}");
        assert_eq!(site[0]["mentee_name"], "Walk In");
        let site_request = site[0]["id"].to_string();

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
        let request = queue[0]["id"].to_string();
        let pair = format!("{request}:{mona_id}");
        let (oz, _) = member(&app, "Oz Other", &[]).await;
        let other = program(
            &app,
            &admin,
            "Conference Buddies",
            &[("matching", "assign")],
            "oz.other@example.org",
        )
        .await;
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
        let mine = json(&app, &mona, "mentorships/mine", &[]).await;
        assert_eq!(mine["received"][0]["other_name"], "Tess Mentee");
        let mentorship = mine["received"][0]["id"].as_i64().unwrap();
        assert_eq!(accept(&app, &mona, mentorship).await, 200);
        let (in_cycle,): (Option<i64>,) =
            sqlx::query_as("SELECT cycle_id FROM mentorships WHERE id = $1")
                .bind(mentorship)
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        assert_eq!(in_cycle, Some(id));
        assert_eq!(
            json(&app, &coordinator, "mentorships/queue", &in_program).await,
            serde_json::Value::Array(vec![])
        );
    }
);

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
        let cora_id = app.whoami(&cora).await["id"].as_i64().unwrap();
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
            text.contains("No member has the address nobody@example.org"),
            "{text}"
        );
        let (status, text) = call(&admin, "not-an-address").await;
        assert_eq!(status, 400);
        assert!(text.contains("is not an email address"), "{text}");
        assert!(text.contains("not-an-address"), "{text}");

        // Oz takes over: Cora's access and liaison role end at once.
        let before = json(&app, &admin, "programs/manage", &[("slug", &slug)]).await;
        assert_eq!(
            before["coordinator_emails"][0],
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
        let page = json(&app, &oz, "programs/manage", &[("slug", &slug)]).await;
        assert_eq!(page["coordinators"][0][1], "Oz Other");
        assert!(
            page["coordinator_emails"].is_null(),
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
            .all(|(s, t)| *s == 400 && t.contains("is full: all 1 mentee places are taken")));
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
        let page = json(&app, &m, "programs/get", &[("slug", &slug)]).await;
        let this = page["cycles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["cycle"]["id"] == next)
            .unwrap()
            .clone();
        assert_eq!(
            this["renew_note"],
            "Happy to talk about instruction and tenure."
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
        let visitor: serde_json::Value = visitor.json().await.unwrap();
        assert!(visitor["cycles"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["mentors"].is_null()));
        let outsider = json(&app, &fresh, "programs/get", &[("slug", &slug)]).await;
        assert!(outsider["cycles"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["mentors"].is_null()));
        assert_eq!(enrol(&app, &fresh, next, "mentee").await.0, 200);
        let inside = json(&app, &fresh, "programs/get", &[("slug", &slug)]).await;
        let listed = inside["cycles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["cycle"]["id"] == next)
            .unwrap()["mentors"][0]["name"]
            .clone();
        assert_eq!(listed, "Rita Renew");
    }
);

db_test!(
    a_cycle_ending_completes_its_mentorships_unless_extended,
    |app| async move {
        let (coordinator, slug) = career_program(&app, &[]).await;
        let id = cycle(&app, &coordinator, &slug, "Spring", (-1, 10, 60), 10).await;
        let (m, mentor_id) = mentor(&app, "Mo Mentor", &[("capacity", "3")]).await;
        assert_eq!(enrol(&app, &m, id, "mentor").await.0, 200);
        let mut pairs = Vec::new();
        for name in ["Eve One", "Eli Two"] {
            let (e, _) = member(&app, name, &[]).await;
            assert_eq!(enrol(&app, &e, id, "mentee").await.0, 200);
            let mid = requested(&app, &e, mentor_id, "leadership").await;
            assert_eq!(accept(&app, &m, mid).await, 200);
            pairs.push((e, mid));
        }
        // A pair outside the cycle is not touched by it.
        let (outside, _) = member(&app, "Out Side", &[]).await;
        let free = requested(&app, &outside, mentor_id, "leadership").await;
        assert_eq!(accept(&app, &m, free).await, 200);
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
        let detail = json(
            &app,
            &pairs[0].0,
            "mentorships/get",
            &[("id", &pairs[0].1.to_string())],
        )
        .await;
        assert_eq!(detail["program"]["cycle_name"], "Spring");

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
        let state = |mid: i64| {
            let pool = app.db.pool().clone();
            async move {
                let (s,): (String,) = sqlx::query_as("SELECT state FROM mentorships WHERE id = $1")
                    .bind(mid)
                    .fetch_one(&pool)
                    .await
                    .unwrap();
                s
            }
        };
        assert_eq!(state(pairs[0].1).await, "completed");
        assert_eq!(state(pairs[1].1).await, "accepted");
        assert_eq!(state(free).await, "accepted");
        let (notices,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM notifications WHERE kind = 'cycle_completed'")
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        assert_eq!(notices, 2);
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
        let body: serde_json::Value = res.json().await.unwrap();
        let fields: Vec<&str> = body["Invalid"]["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
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
            .contains("No member has the address nobody.here@example.org"));
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

/// Schedules a topic as `who` for `cycle`, going out `in_days` from today.
async fn schedule(
    app: &TestApp,
    who: &reqwest::Client,
    cycle: i64,
    title: &str,
    in_days: i64,
) -> reqwest::Response {
    app.call_as(
        who,
        "programs/schedule_topic",
        &[
            ("cycle_id", &cycle.to_string()),
            ("title", title),
            (
                "body",
                "Where do you find your professional community? Which groups have helped you most?",
            ),
            ("send_on", &iso_day(now_ms() + in_days * DAY_MS)),
        ],
    )
    .await
}

db_test!(
    topics_are_scheduled_by_their_programs_coordinators_only,
    |app| async move {
        let (coordinator, slug) = career_program(&app, &[]).await;
        let id = cycle(&app, &coordinator, &slug, "Spring", (-1, 10, 60), 10).await;
        assert_eq!(
            schedule(&app, &client(), id, "Community", 1).await.status(),
            401
        );
        let (plain, _) = member(&app, "Pat Member", &[]).await;
        assert_eq!(
            schedule(&app, &plain, id, "Community", 1).await.status(),
            403
        );
        let admin = app.admin("Abe Admin").await;
        let other = program(
            &app,
            &admin,
            "Conference Buddies",
            &[],
            "pat.member@example.org",
        )
        .await;
        assert!(!other.is_empty());
        // Pat coordinates another program, not this one.
        assert_eq!(
            schedule(&app, &plain, id, "Community", 1).await.status(),
            403
        );

        let res = schedule(&app, &coordinator, id, "Yesterday", -1).await;
        assert_eq!(res.status(), 400);
        assert!(res
            .text()
            .await
            .unwrap()
            .contains("Choose today or a later day."));
        let res = schedule(&app, &coordinator, id, "Too late", 90).await;
        assert_eq!(res.status(), 400);
        assert!(res.text().await.unwrap().contains("Spring ends on"));
        assert_eq!(
            schedule(&app, &coordinator, id, "Community", 1)
                .await
                .status(),
            200
        );
        let (topic,): (i64,) = sqlx::query_as("SELECT MAX(id) FROM topics")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
        let topic = topic.to_string();
        for (who, status) in [(&client(), 401), (&plain, 403)] {
            let res = app
                .call_as(who, "programs/delete_topic", &[("topic_id", &topic)])
                .await;
            assert_eq!(res.status(), status);
        }
        let res = app
            .call_as(
                &coordinator,
                "programs/delete_topic",
                &[("topic_id", &topic)],
            )
            .await;
        assert_eq!(res.status(), 200);
        let page = json(&app, &coordinator, "programs/manage", &[("slug", &slug)]).await;
        assert_eq!(page["cycles"][0]["topics"].as_array().unwrap().len(), 0);
    }
);

db_test!(
    a_topic_reaches_every_active_pair_of_its_cycle_on_its_day,
    |app| async move {
        let (coordinator, slug) = career_program(&app, &[]).await;
        let id = cycle(&app, &coordinator, &slug, "Spring", (-1, 10, 60), 10).await;
        let (m, mentor_id) = mentor(&app, "Mo Mentor", &[("capacity", "3")]).await;
        assert_eq!(enrol(&app, &m, id, "mentor").await.0, 200);
        let mut threads = Vec::new();
        for name in ["Eve One", "Eli Two"] {
            let (e, _) = member(&app, name, &[]).await;
            assert_eq!(enrol(&app, &e, id, "mentee").await.0, 200);
            let mid = requested(&app, &e, mentor_id, "leadership").await;
            assert_eq!(accept(&app, &m, mid).await, 200);
            threads.push((e, mid));
        }
        let (outside, _) = member(&app, "Out Side", &[]).await;
        let free = requested(&app, &outside, mentor_id, "leadership").await;
        assert_eq!(accept(&app, &m, free).await, 200);

        assert_eq!(
            schedule(&app, &coordinator, id, "Your community", 0)
                .await
                .status(),
            200
        );
        assert_eq!(
            schedule(&app, &coordinator, id, "Next month", 30)
                .await
                .status(),
            200
        );
        let now = now_ms();
        assert_eq!(
            app::programs::topics::send_due(&app.db, &app.hub, now)
                .await
                .unwrap(),
            2
        );
        assert_eq!(
            app::programs::topics::send_due(&app.db, &app.hub, now)
                .await
                .unwrap(),
            0
        );

        for (who, mid) in &threads {
            let thread = json(
                &app,
                who,
                "messages/thread",
                &[("mentorship_id", &mid.to_string()), ("mark_read", "false")],
            )
            .await;
            let card = &thread["messages"][0];
            assert_eq!(card["topic"], true);
            assert_eq!(card["sender_name"], "Program topic");
            assert!(card["html"].as_str().unwrap().contains("Your community"));
        }
        let outside_thread = json(
            &app,
            &outside,
            "messages/thread",
            &[("mentorship_id", &free.to_string()), ("mark_read", "false")],
        )
        .await;
        assert_eq!(outside_thread["messages"].as_array().unwrap().len(), 0);
        // Posting a topic does not let its coordinator read the thread.
        let res = app
            .call_as(
                &coordinator,
                "messages/thread",
                &[
                    ("mentorship_id", &threads[0].1.to_string()),
                    ("mark_read", "false"),
                ],
            )
            .await;
        assert_eq!(res.status(), 403);
        // Each member is emailed the topic once; the unread-message email leaves topics alone.
        let (emails,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM emails WHERE subject = 'This month''s topic: Your community'",
        )
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        assert_eq!(emails, 4);
        assert_eq!(
            app::messages::store::email_unread(&app.db, now + 3_600_000, 0)
                .await
                .unwrap(),
            0
        );
        // The next topic waits for its day.
        assert_eq!(
            app::programs::topics::send_due(&app.db, &app.hub, now + 29 * DAY_MS)
                .await
                .unwrap(),
            0
        );
        assert_eq!(
            app::programs::topics::send_due(&app.db, &app.hub, now + 31 * DAY_MS)
                .await
                .unwrap(),
            2
        );
    }
);

db_test!(
    check_ins_go_to_the_liaison_and_flag_pairs_needing_attention,
    |app| async move {
        use app::programs::checkins::ask_due;
        let (coordinator, slug) = career_program(&app, &[]).await;
        let id = cycle(&app, &coordinator, &slug, "Spring", (-1, 10, 200), 10).await;
        let (m, mentor_id) = mentor(&app, "Mo Mentor", &[("capacity", "4")]).await;
        assert_eq!(enrol(&app, &m, id, "mentor").await.0, 200);
        let mut pairs = Vec::new();
        for name in ["Eve One", "Eli Two", "Ena Three"] {
            let (e, _) = member(&app, name, &[]).await;
            assert_eq!(enrol(&app, &e, id, "mentee").await.0, 200);
            let mid = requested(&app, &e, mentor_id, "leadership").await;
            assert_eq!(accept(&app, &m, mid).await, 200);
            pairs.push((e, mid));
        }
        let (outside, _) = member(&app, "Out Side", &[]).await;
        let free = requested(&app, &outside, mentor_id, "leadership").await;
        assert_eq!(accept(&app, &m, free).await, 200);
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

        let page = json(&app, &coordinator, "programs/manage", &[("slug", &slug)]).await;
        let listed = page["pairs"].as_array().unwrap();
        assert_eq!(listed.len(), 3, "only the cycle's pairs");
        let attention: Vec<&str> = listed
            .iter()
            .filter(|p| !p["attention"].as_array().unwrap().is_empty())
            .map(|p| p["mentee_name"].as_str().unwrap())
            .collect();
        assert_eq!(attention, ["Eli Two", "Ena Three"]);
        assert_eq!(listed[0]["checkin"][1], "Could we talk about pacing?");

        // A liaison must be one of the program's coordinators; set by a coordinator only.
        let (_, coordinator_id) = (0, app.whoami(&coordinator).await["id"].as_i64().unwrap());
        let (_, outsider_id) = (0, app.whoami(&outside).await["id"].as_i64().unwrap());
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
        assert_eq!(
            app::programs::topics::send_due(&app.db, &app.hub, later)
                .await
                .unwrap(),
            3
        );
        let flagged =
            app::programs::checkins::pairs(&app.db, page["program"]["id"].as_i64().unwrap(), later)
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

db_test!(
    feedback_is_asked_at_the_end_and_read_only_in_groups_of_five,
    |app| async move {
        let (coordinator, slug) = career_program(&app, &[]).await;
        let id = cycle(&app, &coordinator, &slug, "Spring", (-1, 10, 60), 10).await;
        let (m, mentor_id) = mentor(&app, "Mo Mentor", &[("capacity", "5")]).await;
        assert_eq!(enrol(&app, &m, id, "mentor").await.0, 200);
        let mut mentees = Vec::new();
        for i in 0..5 {
            let (e, _) = member(&app, &format!("Mentee {i}"), &[]).await;
            assert_eq!(enrol(&app, &e, id, "mentee").await.0, 200);
            let mid = requested(&app, &e, mentor_id, "leadership").await;
            assert_eq!(accept(&app, &m, mid).await, 200);
            mentees.push((e, mid));
        }
        // Surveys and their questions: refused to callers without the right.
        let (plain, _) = member(&app, "Pat Member", &[]).await;
        for (endpoint, args) in [
            ("feedback/pending", vec![]),
            ("feedback/submit", vec![("mentorship_id", "1")]),
            (
                "feedback/add_question",
                vec![
                    ("slug", slug.as_str()),
                    ("kind", "text"),
                    ("prompt", "Anything else?"),
                ],
            ),
            (
                "feedback/remove_question",
                vec![("slug", slug.as_str()), ("question_id", "1")],
            ),
        ] {
            assert_eq!(app.call(endpoint, &args).await.status(), 401, "{endpoint}");
        }
        for (endpoint, args) in [
            (
                "feedback/add_question",
                vec![
                    ("slug", slug.as_str()),
                    ("kind", "text"),
                    ("prompt", "Anything else?"),
                ],
            ),
            (
                "feedback/remove_question",
                vec![("slug", slug.as_str()), ("question_id", "1")],
            ),
        ] {
            assert_eq!(
                app.call_as(&plain, endpoint, &args).await.status(),
                403,
                "{endpoint}"
            );
        }
        assert_eq!(
            json(&app, &mentees[0].0, "feedback/pending", &[]).await,
            serde_json::json!([])
        );

        assert_eq!(
            complete_cycles(&app.db, now_ms() + 62 * DAY_MS)
                .await
                .unwrap(),
            5
        );
        let surveys = json(&app, &mentees[0].0, "feedback/pending", &[]).await;
        let questions = surveys[0]["questions"].as_array().unwrap().clone();
        assert_eq!(questions.len(), 4, "the default questions");
        let key = |i: usize| format!("answers[q{}]", questions[i]["id"]);
        let answer = |who: &reqwest::Client, mid: i64, rating: &'static str, text: String| {
            let who = who.clone();
            let app = &app;
            let (k0, k1, k2) = (key(0), key(1), key(2));
            async move {
                let res = app
                    .call_as(
                        &who,
                        "feedback/submit",
                        &[
                            ("mentorship_id", mid.to_string().as_str()),
                            (k0.as_str(), rating),
                            (k1.as_str(), "4"),
                            (k2.as_str(), text.as_str()),
                        ],
                    )
                    .await;
                (res.status().as_u16(), res.text().await.unwrap())
            }
        };
        // A missing rating is refused; another member's mentorship has no survey for you.
        let (s, text) = answer(&mentees[0].0, mentees[0].1, "", "Great.".into()).await;
        assert_eq!(s, 400);
        assert!(text.contains("Choose 1 to 5 for"), "{text}");
        assert_eq!(
            answer(&mentees[1].0, mentees[0].1, "5", "x".into()).await.0,
            409
        );

        for (i, (e, mid)) in mentees.iter().enumerate().take(2) {
            assert_eq!(answer(e, *mid, "5", format!("Answer {i}")).await.0, 200);
        }
        assert_eq!(
            answer(&mentees[0].0, mentees[0].1, "5", "again".into())
                .await
                .0,
            409
        );
        let page = json(&app, &coordinator, "programs/manage", &[("slug", &slug)]).await;
        let mentee_group = &page["feedback"][0]["groups"][0];
        assert_eq!(mentee_group["role"], "Mentee");
        assert_eq!(mentee_group["responses"], 2);
        assert_eq!(mentee_group["asked"], 5);
        assert_eq!(
            mentee_group["questions"],
            serde_json::json!([]),
            "hidden below five"
        );

        for (i, (e, mid)) in mentees.iter().enumerate().skip(2) {
            assert_eq!(answer(e, *mid, "3", format!("Answer {i}")).await.0, 200);
        }
        let page = json(&app, &coordinator, "programs/manage", &[("slug", &slug)]).await;
        let q = &page["feedback"][0]["groups"][0]["questions"];
        assert_eq!(q[0]["average"], 3.8);
        assert_eq!(q[0]["counts"], serde_json::json!([0, 0, 3, 0, 2]));
        assert_eq!(q[2]["texts"].as_array().unwrap().len(), 5);
    }
);

db_test!(
    a_completed_mentor_gets_a_verifiable_letter_once_approved,
    |app| async move {
        let (coordinator, slug) = career_program(&app, &[]).await;
        let id = cycle(&app, &coordinator, &slug, "Spring", (-1, 10, 60), 10).await;
        let (m, mentor_id) = mentor(&app, "Mo Mentor", &[]).await;
        assert_eq!(enrol(&app, &m, id, "mentor").await.0, 200);
        let (e, _) = member(&app, "Eve Mentee", &[]).await;
        assert_eq!(enrol(&app, &e, id, "mentee").await.0, 200);
        let mid = requested(&app, &e, mentor_id, "leadership").await;
        assert_eq!(accept(&app, &m, mid).await, 200);
        let res = app
            .call_as(
                &m,
                "messages/send",
                &[
                    ("mentorship_id", &mid.to_string()),
                    ("body", "Welcome! Shall we meet next week?"),
                    ("key", "k-letter-test-0001"),
                ],
            )
            .await;
        assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
        let cid = id.to_string();
        // Before the cycle completes there is nothing to recognise.
        assert_eq!(
            app.call_as(&m, "letters/request", &[("cycle_id", &cid)])
                .await
                .status(),
            403
        );
        assert_eq!(
            complete_cycles(&app.db, now_ms() + 62 * DAY_MS)
                .await
                .unwrap(),
            1
        );

        assert_eq!(
            app.call("letters/request", &[("cycle_id", &cid)])
                .await
                .status(),
            401
        );
        assert_eq!(
            app.call_as(&e, "letters/request", &[("cycle_id", &cid)])
                .await
                .status(),
            403,
            "mentees do not get letters"
        );
        assert_eq!(
            app.call_as(&m, "letters/request", &[("cycle_id", &cid)])
                .await
                .status(),
            200
        );
        assert_eq!(
            app.call_as(&m, "letters/request", &[("cycle_id", &cid)])
                .await
                .status(),
            409
        );
        let (letter,): (i64,) = sqlx::query_as("SELECT MAX(id) FROM letters")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
        let decide = |who: &reqwest::Client, decision: &'static str| {
            let who = who.clone();
            let app = &app;
            let slug = slug.clone();
            async move {
                app.call_as(
                    &who,
                    "letters/decide",
                    &[
                        ("slug", slug.as_str()),
                        ("letter_id", &letter.to_string()),
                        ("decision", decision),
                    ],
                )
                .await
                .status()
                .as_u16()
            }
        };
        let admin = app.admin("Abe Admin").await;
        let (other_coordinator, _) = member(&app, "Otto Other", &[]).await;
        program(
            &app,
            &admin,
            "Conference Buddies",
            &[],
            "otto.other@example.org",
        )
        .await;
        assert_eq!(decide(&client(), "approve").await, 401);
        assert_eq!(
            decide(&m, "approve").await,
            403,
            "mentors do not approve their own"
        );
        assert_eq!(decide(&other_coordinator, "approve").await, 403);
        let page = json(&app, &coordinator, "programs/manage", &[("slug", &slug)]).await;
        assert_eq!(page["letters"][0]["mentor_name"], "Mo Mentor");
        assert_eq!(decide(&coordinator, "approve").await, 200);
        assert_eq!(decide(&coordinator, "decline").await, 409);

        let mine = json(&app, &m, "letters/mine", &[]).await;
        assert_eq!(mine[0]["letter"][0], "Approved");
        let code = mine[0]["letter"][1].as_str().unwrap().to_owned();
        // Anyone can verify it; a made-up code finds nothing.
        let verified = app.call("letters/verify", &[("code", &code)]).await;
        assert_eq!(verified.status(), 200);
        let verified: serde_json::Value = verified.json().await.unwrap();
        let body = verified["body"].as_str().unwrap();
        assert!(
            body.contains("Mo mentored 1 mentee through the cycle"),
            "{body}"
        );
        assert!(
            body.contains("with 1 message written by Mo and 0 meetings held"),
            "{body}"
        );
        assert!(body.contains("Approved by Cora Coordinator"), "{body}");
        assert_eq!(
            app.call("letters/verify", &[("code", "0000")])
                .await
                .status(),
            404
        );
        // The PDF is the mentor's to download.
        let file = app.url(&format!("/letters/{code}.pdf"));
        let pdf = m.get(&file).send().await.unwrap();
        assert_eq!(pdf.status(), 200);
        assert_eq!(pdf.headers()["content-type"], "application/pdf");
        let bytes = pdf.bytes().await.unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
        assert!(String::from_utf8_lossy(&bytes).contains(&format!("/verify/{code}")));
        // A forged Host does not get into a genuine letter: its link is the
        // configured address, as in emails.
        let forged = m
            .get(&file)
            .header("host", "evil.example")
            .header("x-forwarded-proto", "https")
            .send()
            .await
            .unwrap();
        assert_eq!(forged.status(), 200);
        let text = String::from_utf8_lossy(&forged.bytes().await.unwrap()).into_owned();
        assert!(
            !text.contains("evil.example"),
            "the Host header reached the letter"
        );
        assert!(text.contains(&format!("{}/verify/{code}", app.mailer.public_url)));
        assert_eq!(e.get(&file).send().await.unwrap().status(), 403);
        assert_eq!(client().get(&file).send().await.unwrap().status(), 401);
    }
);

db_test!(
    reports_count_what_happened_for_coordinators_only,
    |app| async move {
        let (coordinator, slug) = career_program(&app, &[]).await;
        let id = cycle(&app, &coordinator, &slug, "Spring", (-1, 10, 60), 10).await;
        let (m, mentor_id) = mentor(
            &app,
            "Mo Mentor",
            &[("capacity", "3"), ("focus_offered][career", "on")],
        )
        .await;
        assert_eq!(enrol(&app, &m, id, "mentor").await.0, 200);
        let mut pairs = Vec::new();
        for (name, focus) in [("Eve One", "leadership"), ("Eli Two", "career")] {
            let (e, _) = member(&app, name, &[]).await;
            assert_eq!(enrol(&app, &e, id, "mentee").await.0, 200);
            let mid = requested(&app, &e, mentor_id, focus).await;
            assert_eq!(accept(&app, &m, mid).await, 200);
            pairs.push(mid);
        }
        for (i, mid) in pairs.iter().enumerate() {
            let res = app
                .call_as(
                    &m,
                    "messages/send",
                    &[
                        ("mentorship_id", &mid.to_string()),
                        ("body", "Hello, and welcome to the program."),
                        ("key", &format!("k-report-{i:04}")),
                    ],
                )
                .await;
            assert_eq!(res.status(), 200);
        }
        let res = app
            .call_as(
                &m,
                "programs/check_in",
                &[("mentorship_id", &pairs[0].to_string()), ("state", "met")],
            )
            .await;
        assert_eq!(res.status(), 200);

        let (plain, _) = member(&app, "Pat Member", &[]).await;
        let admin = app.admin("Abe Admin").await;
        let (other, _) = member(&app, "Otto Other", &[]).await;
        program(
            &app,
            &admin,
            "Conference Buddies",
            &[],
            "otto.other@example.org",
        )
        .await;
        let csv_url = app.url(&format!("/programs/{slug}/reports/matches.csv"));
        assert_eq!(
            app.call("programs/report", &[("slug", &slug)])
                .await
                .status(),
            401
        );
        assert_eq!(client().get(&csv_url).send().await.unwrap().status(), 401);
        for who in [&plain, &other] {
            assert_eq!(
                app.call_as(who, "programs/report", &[("slug", &slug)])
                    .await
                    .status(),
                403
            );
            assert_eq!(who.get(&csv_url).send().await.unwrap().status(), 403);
        }

        let report = json(&app, &coordinator, "programs/report", &[("slug", &slug)]).await;
        let r = &report[1];
        assert_eq!(r["enrolment"][0], serde_json::json!(["Spring", 1, 2, 10]));
        assert_eq!(
            r["matches"],
            serde_json::json!([["Leadership", 1], ["Career development", 1]])
        );
        let this_month = r["activity"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(this_month[1], 2, "two messages this month");
        assert_eq!(r["activity"].as_array().unwrap().len(), 12);
        assert_eq!(r["checkins"][0], serde_json::json!(["We met", 1]));

        let res = coordinator.get(&csv_url).send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert!(res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv"));
        assert_eq!(
            res.text().await.unwrap(),
            "focus area,matches\nLeadership,1\nCareer development,1\n"
        );
        let missing = app.url(&format!("/programs/{slug}/reports/secrets.csv"));
        assert_eq!(
            coordinator.get(&missing).send().await.unwrap().status(),
            404
        );
    }
);

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
        let preview = json(
            &app,
            &coordinator,
            "programs/import_preview",
            &[("slug", &slug), ("draft_id", &draft)],
        )
        .await;
        let outcomes: Vec<(bool, String)> = preview["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["error"].as_bool().unwrap(),
                    r["outcome"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        assert_eq!(preview["errors"], 4, "{outcomes:?}");
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
