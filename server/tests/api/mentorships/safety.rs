//! Blocks and conduct reports.

use super::error_text;
use crate::{
    db_test,
    helpers::{json, member, mentor, mentorship_state, request, requested, status},
};
use app::{mentorships::model::RequestOptions, messages::model::Unread, safety::api::Report};
use serde_json::Value;

db_test!(
    blocking_closes_what_is_open_and_stops_requests,
    |app| async move {
        let (mentor_c, mentor_id) = mentor(&app, "Marisol Vega", &[]).await;
        let (mentee, mentee_id) = member(&app, "Tomas Berg", &[]).await;
        let admin = app.admin("Site Admin").await;
        let id = requested(&app, &mentee, mentor_id, "leadership").await;
        let block = [("user_id", mentee_id.to_string())];
        let block: Vec<(&str, &str)> = block.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(status(&app, &mentor_c, "safety/block", &block).await, 200);
        assert_eq!(mentorship_state(&app, id).await, "declined");
        // The blocked member sees a mentor who is not taking mentees, nothing more.
        let res = request(&app, &mentee, mentor_id, "leadership").await;
        assert_eq!(res.status(), 400);
        assert!(error_text(res).await.contains("not taking new mentees"));
        // Read as JSON too: no field of the answer may say "blocked".
        let answer: Value = json(
            &app,
            &mentee,
            "mentorships/request_options",
            &[("mentor_id", &mentor_id.to_string())],
        )
        .await;
        let options: RequestOptions = serde_json::from_value(answer.clone()).unwrap();
        assert!(!options.has_free_place);
        assert!(!options.blocked_by_me);
        assert!(answer.get("blocked").is_none());
        assert_eq!(status(&app, &mentor_c, "safety/unblock", &block).await, 200);
        assert!(request(&app, &mentee, mentor_id, "leadership")
            .await
            .status()
            .is_success());

        let report = [
            ("user_id", mentor_id.to_string()),
            ("note", "Rude remarks in our first call.".to_owned()),
        ];
        let report: Vec<(&str, &str)> = report.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(status(&app, &mentee, "safety/report", &report).await, 200);
        assert_eq!(
            status(
                &app,
                &mentee,
                "safety/report",
                &[("user_id", &mentor_id.to_string()), ("note", "")]
            )
            .await,
            400
        );
        assert_eq!(
            status(
                &app,
                &mentee,
                "safety/block",
                &[("user_id", &mentee_id.to_string())]
            )
            .await,
            400,
            "not yourself"
        );
        let reports: Vec<Report> = json(&app, &admin, "safety/reports", &[]).await;
        assert_eq!(reports[0].reported, "Marisol Vega");
        assert_eq!(reports[0].note, "Rude remarks in our first call.");
        let unread: Unread = json(&app, &admin, "messages/unread", &[]).await;
        assert_eq!(unread.notices, 1);
    }
);
