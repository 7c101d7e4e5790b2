//! Profiles and the directory, on both databases: saving and validation, who
//! may see and change what, search relevance, filters, facet counts, best fit
//! and the shortlist.

use crate::{
    db_test,
    helpers::{client, member, mentor, profile_form, save, TestApp},
};
use serde_json::Value;

/// A mentor's page as `client`'s member asks for it.
async fn view_mentor(app: &TestApp, client: &reqwest::Client, id: i64) -> reqwest::Response {
    app.call_as(client, "directory/mentor", &[("id", &id.to_string())])
        .await
}

pub async fn search(app: &TestApp, client: &reqwest::Client, query: &str) -> Value {
    let res = app
        .call_as(client, "directory/search", &[("query", query)])
        .await;
    assert_eq!(res.status(), 200, "search {query}");
    res.json().await.unwrap()
}

pub fn names(results: &Value) -> Vec<String> {
    results["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["display_name"].as_str().unwrap().to_owned())
        .collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn facet_count(results: &Value, facet: &str, value: &str) -> Option<u64> {
    results["facets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["facet"] == facet)?["values"]
        .as_array()?
        .iter()
        .find(|v| v["value"] == value)
        .map(|v| v["count"].as_u64().unwrap())
}

db_test!(
    every_directory_and_profile_function_refuses_a_visitor,
    |app| async move {
        for (endpoint, args) in [
            ("directory/search", vec![("query", "")]),
            ("directory/mentor", vec![("id", "1")]),
            (
                "directory/shortlist_set",
                vec![("mentor_id", "1"), ("saved", "true")],
            ),
            ("directory/shortlist", vec![]),
            ("profiles/mine", vec![]),
            ("profiles/save", vec![("form[display_name]", "Mallory")]),
            ("profiles/add_focus_area", vec![("label", "Grant writing")]),
            ("profiles/excerpt", vec![("bio", "I **love** maps")]),
        ] {
            let res = app.call(endpoint, &args).await;
            assert_eq!(res.status(), 401, "{endpoint}");
        }
    }
);

db_test!(only_admins_extend_the_focus_areas, |app| async move {
    let (member, _) = member(&app, "Ana Ruiz", &[]).await;
    let res = app
        .call_as(
            &member,
            "profiles/add_focus_area",
            &[("label", "Grant writing")],
        )
        .await;
    assert_eq!(res.status(), 403);

    let admin = app.admin("Site Admin").await;
    for (label, status) in [("Grant writing", 200), ("grant  WRITING", 400), ("?!", 400)] {
        let res = app
            .call_as(&admin, "profiles/add_focus_area", &[("label", label)])
            .await;
        assert_eq!(res.status(), status, "{label}");
    }
    let mine: Value = app
        .call_as(&member, "profiles/mine", &[])
        .await
        .json()
        .await
        .unwrap();
    let labels: Vec<&str> = mine["focus_areas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels.last(), Some(&"Grant writing"));
    assert_eq!(labels.len(), 11);
    let listed: Value = app
        .call_as(&member, "profiles/focus_areas", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed["areas"].as_array().unwrap().len(), 11);
    assert_eq!(listed["can_add"], false);
    // A mentor can offer the new area at once.
    mentor(
        &app,
        "Grant Writer",
        &[("focus_offered][grant_writing", "on")],
    )
    .await;
});

db_test!(
    a_profile_saves_and_reads_back_normalised,
    |app| async move {
        let (c, _) = member(
            &app,
            "Ana Ruiz",
            &[
                ("languages", "English, Spanish, english"),
                ("interests", " open access ;  linked data "),
                ("focus_sought][research", "on"),
                ("goals", "Publish my first article."),
            ],
        )
        .await;
        let mine: Value = app
            .call_as(&c, "profiles/mine", &[])
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(mine["saved"], true);
        let form = &mine["form"];
        assert_eq!(form["languages"], "English, Spanish");
        assert_eq!(form["interests"], "open access, linked data");
        assert_eq!(form["focus_sought"]["research"], "on");
        assert_eq!(form["goals"], "Publish my first article.");
        assert_eq!(form["open_to_mentoring"], Value::Null);
    }
);

db_test!(
    the_editor_preview_gets_its_excerpt_from_the_server,
    |app| async move {
        let (c, _) = member(
            &app,
            "Ana Ruiz",
            &[("bio", "I **love** [maps](https://example.org).")],
        )
        .await;
        let mine: Value = app
            .call_as(&c, "profiles/mine", &[])
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(mine["excerpt"], "I love maps.");
        // A bio being typed: plain text, cut at a word, however long it is.
        let long = format!("*Rare* {}", "maps and charts ".repeat(100_000));
        let res = app.call_as(&c, "profiles/excerpt", &[("bio", &long)]).await;
        assert_eq!(res.status(), 200);
        let text: String = res.json().await.unwrap();
        assert!(text.starts_with("Rare maps and charts"), "{text}");
        assert!(text.ends_with('…') && text.chars().count() <= 181, "{text}");
    }
);

db_test!(
    a_bad_profile_is_refused_field_by_field_and_nothing_changes,
    |app| async move {
        let (c, id) = member(&app, "Ana Ruiz", &[]).await;
        let bad = profile_form(
            "",
            &[
                ("library_type", "bookshop"),
                ("time_zone", "Mars/Olympus"),
                ("years_professional", "many"),
                ("open_to_mentoring", "on"),
            ],
        );
        let res = save(&app, &c, &bad).await;
        assert_eq!(res.status(), 400);
        let body: Value = res.json().await.unwrap();
        let fields: Vec<&str> = body["Invalid"]["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        for f in [
            "display_name",
            "library_type",
            "time_zone",
            "years_professional",
            "focus_offered",
            "meeting_modes",
        ] {
            assert!(fields.contains(&f), "{f} not in {fields:?}");
        }
        // What was typed comes back, so the form can be shown again as it was.
        let kept = body["Invalid"]["values"][0][1].as_str().unwrap();
        assert!(kept.contains("Mars/Olympus"), "{kept}");
        let (name,): (String,) = sqlx::query_as("SELECT display_name FROM users WHERE id = $1")
            .bind(id)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
        assert_eq!(name, "Ana Ruiz");
    }
);

db_test!(
    a_member_can_only_change_their_own_profile,
    |app| async move {
        let (_ana, ana_id) = member(&app, "Ana Ruiz", &[]).await;
        let (bo, bo_id) = member(&app, "Bo Chen", &[]).await;
        // There is no id to aim at: an extra user_id is ignored and Bo edits Bo.
        let mut form = profile_form("Mallory", &[("position", "Impostor")]);
        form.push(("user_id".to_owned(), ana_id.to_string()));
        form.push(("form[user_id]".to_owned(), ana_id.to_string()));
        assert!(save(&app, &bo, &form).await.status().is_success());
        let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT u.id, u.display_name, p.position FROM users u JOIN profiles p ON p.user_id = u.id ORDER BY u.id",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
        assert_eq!(
            rows,
            vec![
                (
                    ana_id,
                    "Ana Ruiz".to_owned(),
                    "Reference Librarian".to_owned()
                ),
                (bo_id, "Mallory".to_owned(), "Impostor".to_owned()),
            ]
        );
    }
);

db_test!(hidden_fields_never_reach_other_members, |app| async move {
    let (_m, mentor_id) = mentor(
        &app,
        "Dalia Haddad",
        &[
            ("institution", "Quillfeather Institute"),
            ("institution_hidden", "on"),
            ("goals", "Secret plans for world domination"),
            ("focus_sought][research", "on"),
        ],
    )
    .await;
    let (viewer, _) = member(&app, "Bo Chen", &[]).await;

    let res = view_mentor(&app, &viewer, mentor_id).await;
    assert_eq!(res.status(), 200);
    let text = res.text().await.unwrap();
    for secret in [
        "Quillfeather",
        "Secret plans",
        "dalia.haddad@example.org",
        "focus_sought",
    ] {
        assert!(!text.contains(secret), "{secret} leaked: {text}");
    }
    let found = search(&app, &viewer, "q=Dalia").await;
    assert_eq!(names(&found), vec!["Dalia Haddad"]);
    let all = serde_json::to_string(&found).unwrap();
    assert!(
        !all.contains("Quillfeather") && !all.contains("example.org"),
        "{all}"
    );
    // Nor can a hidden institution be found by searching for it.
    assert_eq!(search(&app, &viewer, "q=Quillfeather").await["total"], 0);
    // The mentor still sees it on their own page.
    let me: Value = view_mentor(&app, &_m, mentor_id)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["institution"], "Quillfeather Institute");
});

db_test!(members_who_do_not_mentor_are_not_listed, |app| async move {
    let (_, mentee_id) = member(&app, "Bo Chen", &[]).await;
    let (viewer, _) = mentor(&app, "Ana Ruiz", &[]).await;
    let res = view_mentor(&app, &viewer, mentee_id).await;
    assert_eq!(res.status(), 404);
    assert_eq!(names(&search(&app, &viewer, "").await), vec!["Ana Ruiz"]);
    // Opting out removes a mentor from the directory at once.
    let res = save(&app, &viewer, &profile_form("Ana Ruiz", &[])).await;
    assert!(res.status().is_success());
    assert_eq!(search(&app, &viewer, "").await["total"], 0);
});

db_test!(search_ranks_name_then_headline_then_bio, |app| async move {
    mentor(
        &app,
        "Imani Okafor",
        &[("bio", "I love archives and reading.")],
    )
    .await;
    mentor(
        &app,
        "Rosa Moreno",
        &[("interests", "Imani studies, oral history")],
    )
    .await;
    mentor(
        &app,
        "Wen Xiong",
        &[("bio", "My mentor was named *Imani*.")],
    )
    .await;
    mentor(&app, "Tariq Haddad", &[]).await;
    let (viewer, _) = member(&app, "Viewer One", &[]).await;
    let r = search(&app, &viewer, "q=imani&sort=relevance").await;
    assert_eq!(names(&r), vec!["Imani Okafor", "Rosa Moreno", "Wen Xiong"]);
    // While typing, the last word matches as a prefix; accents and plurals fold.
    assert_eq!(
        sorted(names(&search(&app, &viewer, "q=ima").await)),
        vec!["Imani Okafor", "Rosa Moreno", "Wen Xiong"]
    );
    assert_eq!(
        names(&search(&app, &viewer, "q=archive+").await),
        vec!["Imani Okafor"]
    );
    assert_eq!(
        names(&search(&app, &viewer, "q=hist%C3%B3ry+oral").await),
        vec!["Rosa Moreno"]
    );
    // Every word must match.
    assert_eq!(search(&app, &viewer, "q=imani+zeppelin").await["total"], 0);
    // Query syntax is not ours to interpret: quotes and operators are just words.
    assert_eq!(
        search(&app, &viewer, "q=%22imani%22+OR+*").await["total"],
        0
    );
    assert_eq!(
        names(&search(&app, &viewer, "q=%22imani%22+okafor*").await),
        vec!["Imani Okafor"]
    );
});

db_test!(
    filters_combine_or_within_and_across_with_counts,
    |app| async move {
        mentor(&app, "Ana Ruiz", &[("languages", "English, Spanish")]).await;
        mentor(
            &app,
            "Bo Chen",
            &[
                ("library_type", "public"),
                ("languages", "English, Mandarin"),
            ],
        )
        .await;
        mentor(
            &app,
            "Cy Dubois",
            &[
                ("library_type", "public"),
                ("languages", "French"),
                ("focus_offered][research", "on"),
            ],
        )
        .await;
        mentor(
            &app,
            "Di Kamara",
            &[("library_type", "school"), ("capacity", "0")],
        )
        .await;
        let (viewer, _) = member(&app, "Viewer One", &[]).await;

        let all = search(&app, &viewer, "sort=name").await;
        assert_eq!(all["total"], 4);
        assert_eq!(facet_count(&all, "LibraryType", "public"), Some(2));
        assert_eq!(facet_count(&all, "Language", "english"), Some(3));
        assert_eq!(facet_count(&all, "Focus", "research"), Some(1));
        assert_eq!(all["capacity_count"], 3);

        // OR within a facet.
        let r = search(
            &app,
            &viewer,
            "library_type=public&library_type=school&sort=name",
        )
        .await;
        assert_eq!(names(&r), vec!["Bo Chen", "Cy Dubois", "Di Kamara"]);
        // A facet's own counts ignore its own filter, so the other values stay visible.
        assert_eq!(facet_count(&r, "LibraryType", "academic"), Some(1));
        // AND across facets; counts of other facets follow the filter.
        let r = search(
            &app,
            &viewer,
            "library_type=public&language=english&sort=name",
        )
        .await;
        assert_eq!(names(&r), vec!["Bo Chen"]);
        assert_eq!(facet_count(&r, "Language", "french"), Some(1));
        assert_eq!(facet_count(&r, "LibraryType", "academic"), Some(1));
        assert_eq!(facet_count(&r, "Focus", "research"), None);
        // Has capacity now.
        let r = search(&app, &viewer, "library_type=school&capacity=1").await;
        assert_eq!(r["total"], 0);
        // The empty state offers the way out that shows the most mentors first.
        let loosen: Vec<(u64, &str)> = r["loosen"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| (l["count"].as_u64().unwrap(), l["href"].as_str().unwrap()))
            .collect();
        assert_eq!(
            loosen,
            vec![
                (3, "/mentors?capacity=1"),
                (1, "/mentors?library_type=school")
            ]
        );
        // Text and facets together.
        let r = search(
            &app,
            &viewer,
            "q=reference&language=spanish&language=french&sort=name",
        )
        .await;
        assert_eq!(names(&r), vec!["Ana Ruiz", "Cy Dubois"]);
        // Time-zone bands and countries.
        let r = search(&app, &viewer, "tz=utc-6_-3&region=united+states").await;
        assert_eq!(r["total"], 4);
    }
);

db_test!(
    best_fit_puts_the_closest_mentor_first_and_says_why,
    |app| async move {
        mentor(
            &app,
            "Far Away",
            &[
                ("library_type", "law"),
                ("work_function", "systems"),
                ("time_zone", "Asia/Tokyo"),
                ("focus_offered][leadership", ""),
                ("focus_offered][technology", "on"),
            ],
        )
        .await;
        mentor(
            &app,
            "Close Match",
            &[
                ("languages", "English, Spanish"),
                ("interests", "open access"),
            ],
        )
        .await;
        mentor(
            &app,
            "Half Match",
            &[
                ("library_type", "public"),
                ("time_zone", "America/New_York"),
            ],
        )
        .await;
        let (viewer, _) = member(
            &app,
            "Viewer One",
            &[
                ("focus_sought][leadership", "on"),
                ("languages", "Spanish, English"),
                ("interests", "Open Access"),
            ],
        )
        .await;
        let r = search(&app, &viewer, "").await;
        assert_eq!(names(&r), vec!["Close Match", "Half Match", "Far Away"]);
        let reasons: Vec<&str> = r["cards"][0]["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(
            reasons,
            vec![
                "offers leadership",
                "shares your interest in open access",
                "also in academic libraries",
                "also works in reference",
                "speaks Spanish",
                "in your time zone",
            ]
        );
        // Without a profile there is no fit to sort by; the page says so.
        let stranger = client();
        app.sign_up_as(&stranger, "new@example.org", "New Member")
            .await;
        let r = search(&app, &stranger, "").await;
        assert_eq!(r["sort"], "Recent");
        assert!(r["notice"]
            .as_str()
            .unwrap()
            .contains("Fill in your profile"));
    }
);

db_test!(
    the_shortlist_is_private_and_follows_the_directory,
    |app| async move {
        let (_, ana) = mentor(&app, "Ana Ruiz", &[]).await;
        let (_, bo) = member(&app, "Bo Chen", &[]).await;
        let (viewer, me) = member(&app, "Viewer One", &[]).await;
        let set = |id: i64, saved: &'static str| {
            let id = id.to_string();
            let viewer = viewer.clone();
            let app = &app;
            async move {
                app.call_as(
                    &viewer,
                    "directory/shortlist_set",
                    &[("mentor_id", id.as_str()), ("saved", saved)],
                )
                .await
                .status()
            }
        };
        assert_eq!(set(ana, "true").await, 200);
        assert_eq!(set(ana, "true").await, 200, "saving twice is harmless");
        assert_eq!(set(bo, "true").await, 404, "only listed mentors");
        assert_eq!(set(me, "true").await, 400, "not yourself");
        let list: Value = app
            .call_as(&viewer, "directory/shortlist", &[])
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(list.as_array().unwrap().len(), 1);
        assert_eq!(list[0]["display_name"], "Ana Ruiz");
        // Someone else's shortlist is their own.
        let (other, _) = member(&app, "Other One", &[]).await;
        let theirs: Value = app
            .call_as(&other, "directory/shortlist", &[])
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(theirs, Value::Array(vec![]));
        let page: Value = view_mentor(&app, &viewer, ana).await.json().await.unwrap();
        assert_eq!(page["shortlisted"], true);
        assert_eq!(set(ana, "false").await, 200);
        let list: Value = app
            .call_as(&viewer, "directory/shortlist", &[])
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(list, Value::Array(vec![]));
    }
);

db_test!(
    another_instance_sees_changes_at_its_next_search,
    |app| async move {
        use app::directory::{index::Directory, query::DirectoryQuery, search::search};
        // A second `Db` on the same database with its own in-memory index, like a
        // second server instance.
        let other = app::db::Db::connect(&app.database_url).await.unwrap();
        let index = Directory::default();
        let q = DirectoryQuery::parse("sort=name");
        assert_eq!(search(&other, &index, &q, None).await.unwrap().total, 0);
        mentor(&app, "Ana Ruiz", &[]).await;
        let r = search(&other, &index, &q, None).await.unwrap();
        assert_eq!(r.total, 1);
        let (c, _) = mentor(&app, "Bo Chen", &[]).await;
        save(&app, &c, &profile_form("Bo Chen", &[])).await;
        let r = search(&other, &index, &q, None).await.unwrap();
        assert_eq!(
            r.cards
                .iter()
                .map(|c| c.display_name.as_str())
                .collect::<Vec<_>>(),
            vec!["Ana Ruiz"]
        );
        other.close().await;
    }
);

db_test!(the_directory_renders_without_javascript, |app| async move {
    // A visitor is sent to sign in, and brought back afterwards.
    let res = client()
        .get(app.url("/mentors?q=ana"))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 302);
    assert_eq!(
        res.headers()["location"],
        "/login?next=%2Fmentors%3Fq%3Dana"
    );

    mentor(
        &app,
        "Ana Ruiz",
        &[("bio", "Ask me about **open access**.")],
    )
    .await;
    mentor(&app, "Bo Chen", &[]).await;
    let (viewer, _) = member(&app, "Viewer One", &[]).await;
    let html = viewer
        .get(app.url("/mentors?q=open+access"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Ana Ruiz") && !html.contains("Bo Chen"),
        "{html}"
    );
    assert!(
        html.contains(r#"<form method="get" action="/mentors""#),
        "a plain GET form"
    );
    assert!(
        html.contains(r#"value="open access""#),
        "the words stay in the box"
    );
    let html = viewer
        .get(app.url("/mentors?q=nobody+matches+this"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("No mentors match"), "{html}");
});

db_test!(
    activity_is_recorded_and_sorts_recent_first,
    |app| async move {
        let (_, ana) = mentor(&app, "Ana Ruiz", &[]).await;
        let (_, bo) = mentor(&app, "Bo Chen", &[]).await;
        let (viewer, _) = member(&app, "Viewer One", &[]).await;
        let mentor_page = |id: i64| {
            let viewer = viewer.clone();
            let app = &app;
            async move {
                let v: Value = view_mentor(app, &viewer, id).await.json().await.unwrap();
                v["last_active"].as_str().unwrap().to_owned()
            }
        };
        assert_eq!(mentor_page(ana).await, "Active today");
        let ten_days_ago = app::dates::now_ms() - 10 * 86_400_000;
        sqlx::query("UPDATE users SET last_seen_at = $1 WHERE id = $2")
            .bind(ten_days_ago)
            .bind(ana)
            .execute(app.db.pool())
            .await
            .unwrap();
        assert_eq!(mentor_page(ana).await, "Active 10 days ago");
        // A profile save refreshes the directory; Bo, active now, comes first.
        save(&app, &viewer, &profile_form("Viewer One", &[])).await;
        let r = search(&app, &viewer, "sort=recent").await;
        assert_eq!(names(&r), vec!["Bo Chen", "Ana Ruiz"]);
        let _ = bo;
    }
);
