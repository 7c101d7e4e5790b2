//! Closing a mentorship by mutual consent or by ending it, which frees the place.

use crate::{
    db_test,
    helpers::{accept, json, member, mentor, mentorship_state, requested, status},
};
use app::{
    directory::query::DirectoryResults,
    mentorships::model::{MentorshipDetail, State},
    profiles::model::PublicProfile,
};

db_test!(
    closing_by_mutual_consent_or_ending_frees_the_place,
    |app| async move {
        let (mentor_c, mentor_id) = mentor(&app, "Marisol Vega", &[("capacity", "1")]).await;
        let (mentee, _) = member(&app, "Tomas Berg", &[]).await;
        let id = requested(&app, &mentee, mentor_id, "leadership").await;
        let sid = id.to_string();
        assert_eq!(
            status(&app, &mentee, "mentorships/complete", &[("id", &sid)]).await,
            409,
            "not active yet"
        );
        assert_eq!(accept(&app, &mentor_c, id).await, 200);
        let profile: PublicProfile = json(
            &app,
            &mentee,
            "directory/mentor",
            &[("id", &mentor_id.to_string())],
        )
        .await;
        assert!(!profile.has_capacity);
        let search: DirectoryResults = json(
            &app,
            &mentee,
            "directory/search",
            &[("query", "capacity=1")],
        )
        .await;
        assert_eq!(
            search.total, 0,
            "a full mentor leaves the 'has capacity' filter"
        );

        assert_eq!(
            status(&app, &mentor_c, "mentorships/complete", &[("id", &sid)]).await,
            200
        );
        assert_eq!(
            status(&app, &mentor_c, "mentorships/complete", &[("id", &sid)]).await,
            409,
            "asked already"
        );
        assert_eq!(mentorship_state(&app, id).await, "accepted");
        assert_eq!(
            status(&app, &mentee, "mentorships/complete", &[("id", &sid)]).await,
            200
        );
        assert_eq!(mentorship_state(&app, id).await, "completed");
        let search: DirectoryResults = json(
            &app,
            &mentee,
            "directory/search",
            &[("query", "capacity=1")],
        )
        .await;
        assert_eq!(search.total, 1);

        // A new mentorship, ended by the mentee with a reason the mentor reads.
        let (other, _) = member(&app, "Ines Duarte", &[]).await;
        let id = requested(&app, &other, mentor_id, "leadership").await;
        assert_eq!(accept(&app, &mentor_c, id).await, 200);
        let sid = id.to_string();
        assert_eq!(
            status(
                &app,
                &other,
                "mentorships/end",
                &[("id", &sid), ("note", "Changed jobs")]
            )
            .await,
            200
        );
        assert_eq!(
            status(&app, &other, "mentorships/end", &[("id", &sid)]).await,
            409
        );
        let d: MentorshipDetail = json(&app, &mentor_c, "mentorships/get", &[("id", &sid)]).await;
        assert_eq!(d.summary.state, State::Ended);
        assert_eq!(d.history[2].note, "Changed jobs");
        let agreement = [
            ("id", sid.as_str()),
            ("agreement[channel]", "email"),
            ("agreement[frequency]", "monthly"),
            ("agreement[reply_within]", "week"),
            ("agreement[hours_per_month]", "2"),
        ];
        assert_eq!(
            status(&app, &mentor_c, "mentorships/agreement", &agreement).await,
            409
        );
    }
);
