//! A mentor's reply time, measured from their replies.

use crate::{
    db_test,
    helpers::{json, pair},
};
use app::{dates::now_ms, messages::store, profiles::model::PublicProfile};

db_test!(a_mentors_reply_time_is_measured, |app| async move {
    let p = pair(&app, "Imani Okafor", "Tomas Berg").await;
    let hour = 3_600_000;
    let mut t = now_ms() - 30 * 24 * hour;
    for (i, wait) in [2, 3, 4].into_iter().enumerate() {
        store::send(
            &app.db,
            &app.hub,
            p.mentee_id,
            p.id,
            "Question",
            &format!("k-q-{i:08}"),
            t,
        )
        .await
        .unwrap();
        store::send(
            &app.db,
            &app.hub,
            p.mentee_id,
            p.id,
            "Follow-up",
            &format!("k-f-{i:08}"),
            t + hour,
        )
        .await
        .unwrap();
        t += wait * hour;
        store::send(
            &app.db,
            &app.hub,
            p.mentor_id,
            p.id,
            "Answer",
            &format!("k-a-{i:08}"),
            t,
        )
        .await
        .unwrap();
        // A second message in a row is not a reply.
        store::send(
            &app.db,
            &app.hub,
            p.mentor_id,
            p.id,
            "Also…",
            &format!("k-b-{i:08}"),
            t + 1,
        )
        .await
        .unwrap();
        t += 24 * hour;
    }
    assert_eq!(
        store::reply_time(&app.db, p.mentor_id).await.unwrap(),
        Some((3 * hour, 3))
    );
    let view: PublicProfile = json(
        &app,
        &p.mentee,
        "directory/mentor",
        &[("id", &p.mentor_id.to_string())],
    )
    .await;
    assert_eq!(
        view.measured_reply.as_deref(),
        Some("in about 3 hours (median of 3 replies)")
    );
});
