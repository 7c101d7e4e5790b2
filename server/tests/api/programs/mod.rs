//! Programs on both databases, one file per sub-feature; here the fixtures
//! their tests share: a program, its cycles, enrolment, topics, and the pairs
//! a cycle's mentor takes on.

mod checkins;
mod completion;
mod coordinators;
mod cycles;
mod enrolment;
mod feedback;
mod imports;
mod letters;
mod matching;
mod reports;
mod setup;
mod topics;

use crate::helpers::{accept, member, mentor, requested, TestApp};
use app::dates::now_ms;
use app::dates::{iso_day, DAY_MS};

pub const CAREER: &str = "Career Mentoring";

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

/// Enrols `who` in `cycle` as `role`: the status and the body.
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

/// "Conference Buddies", a second program, run by a new member named
/// `coordinator`: their client and the program's slug.
pub async fn rival_program(
    app: &TestApp,
    admin: &reqwest::Client,
    coordinator: &str,
    rules: &[(&str, &str)],
) -> (reqwest::Client, String) {
    let (c, _) = member(app, coordinator, &[]).await;
    let email = format!(
        "{}@example.org",
        coordinator.to_lowercase().replace(' ', ".")
    );
    let slug = program(app, admin, "Conference Buddies", rules, &email).await;
    (c, slug)
}

/// A coordinator (a plain member named as one) and the program they run.
pub async fn career_program(app: &TestApp, rules: &[(&str, &str)]) -> (reqwest::Client, String) {
    let admin = app.admin("Ada Admin").await;
    let (coordinator, _) = member(app, "Cora Coordinator", &[]).await;
    let slug = program(app, &admin, CAREER, rules, "cora.coordinator@example.org").await;
    (coordinator, slug)
}

/// Schedules a topic as `who` for `cycle`, going out `in_days` from today.
pub async fn schedule(
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

/// "Mo Mentor" (with profile `overrides`) enrolled in `cycle` as its mentor,
/// and each of `mentees` (name, focus) enrolled and in an accepted pair with
/// them: the mentor's client and id, then each mentee's client and mentorship.
pub async fn cycle_pairs(
    app: &TestApp,
    cycle: i64,
    overrides: &[(&str, &str)],
    mentees: &[(&str, &str)],
) -> (reqwest::Client, i64, Vec<(reqwest::Client, i64)>) {
    let (m, mentor_id) = mentor(app, "Mo Mentor", overrides).await;
    assert_eq!(enrol(app, &m, cycle, "mentor").await.0, 200);
    let mut pairs = Vec::new();
    for (name, focus) in mentees {
        let (e, _) = member(app, name, &[]).await;
        assert_eq!(enrol(app, &e, cycle, "mentee").await.0, 200);
        let mid = requested(app, &e, mentor_id, focus).await;
        assert_eq!(accept(app, &m, mid).await, 200);
        pairs.push((e, mid));
    }
    (m, mentor_id, pairs)
}

/// "Out Side", paired in leadership with the mentor `m` outside any program:
/// their client and the mentorship.
pub async fn outside_pair(
    app: &TestApp,
    m: &reqwest::Client,
    mentor_id: i64,
) -> (reqwest::Client, i64) {
    let (outside, _) = member(app, "Out Side", &[]).await;
    let free = requested(app, &outside, mentor_id, "leadership").await;
    assert_eq!(accept(app, m, free).await, 200);
    (outside, free)
}
