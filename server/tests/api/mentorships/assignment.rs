//! Coordinators matching queued mentees from a ranked queue.

use crate::{
    db_test,
    helpers::{accept, json, member, mentor, status},
};
use app::mentorships::model::{MyMentorships, Proposal, QueueItem};

db_test!(coordinator_functions_refuse_members, |app| async move {
    let (c, _) = member(&app, "Ana Ruiz", &[]).await;
    for (endpoint, args) in [
        ("mentorships/queue", vec![]),
        ("mentorships/propose", vec![]),
        ("mentorships/assign", vec![("pairs", "1:2")]),
        ("safety/reports", vec![]),
        ("notifications/outbox", vec![]),
    ] {
        let res = app.call_as(&c, endpoint, &args).await;
        assert_eq!(res.status(), 403, "{endpoint}");
    }
});

db_test!(coordinators_assign_from_a_ranked_queue, |app| async move {
    let admin = app.admin("Site Admin").await;
    let (good_c, good) = mentor(
        &app,
        "Good Fit",
        &[("interests", "open access"), ("library_type", "public")],
    )
    .await;
    mentor(&app, "Full Mentor", &[("capacity", "0")]).await;
    mentor(
        &app,
        "Other Fit",
        &[("library_type", "school"), ("work_function", "systems")],
    )
    .await;
    let (mentee, _) = member(
        &app,
        "Tomas Berg",
        &[("interests", "open access"), ("library_type", "public")],
    )
    .await;
    let ask = [("focus", "leadership"), ("note", "New branch manager.")];
    assert_eq!(
        status(&app, &mentee, "mentorships/ask_assignment", &ask).await,
        200
    );
    assert_eq!(
        status(&app, &mentee, "mentorships/ask_assignment", &ask).await,
        400,
        "asked already"
    );

    let queue: Vec<QueueItem> = json(&app, &admin, "mentorships/queue", &[]).await;
    let item = &queue[0];
    assert_eq!(item.mentee_name, "Tomas Berg");
    let names: Vec<&str> = item
        .suggestions
        .iter()
        .map(|s| s.mentor_name.as_str())
        .collect();
    assert_eq!(
        names,
        ["Good Fit", "Other Fit"],
        "best first, none without a place"
    );
    assert!(item.suggestions[0].reasons[0].contains("offers leadership"));

    let proposal: Proposal = json(&app, &admin, "mentorships/propose", &[]).await;
    assert_eq!(proposal.pairs[0].mentor_name, "Good Fit");
    let pair = format!("{}:{good}", item.id);
    assert_eq!(
        status(&app, &admin, "mentorships/assign", &[("pairs", &pair)]).await,
        200
    );
    assert_eq!(
        status(&app, &admin, "mentorships/assign", &[("pairs", &pair)]).await,
        400,
        "assigned already"
    );
    let queue: Vec<QueueItem> = json(&app, &admin, "mentorships/queue", &[]).await;
    assert_eq!(queue, []);

    let mine: MyMentorships = json(&app, &good_c, "mentorships/mine", &[]).await;
    assert!(mine.received[0].assigned);
    assert_eq!(mine.received[0].other_name, "Tomas Berg");
    let id = mine.received[0].id;
    assert_eq!(accept(&app, &good_c, id).await, 200);
});
