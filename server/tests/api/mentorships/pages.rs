//! Mentorship pages without JavaScript.

use crate::{
    db_test,
    helpers::{client, member, mentor, requested},
};

db_test!(
    mentorship_pages_render_without_javascript,
    |app| async move {
        let (mentor_c, mentor_id) = mentor(&app, "Marisol Vega", &[]).await;
        let (mentee, _) = member(&app, "Tomas Berg", &[]).await;
        let page = app.page_as(&mentee, &format!("/mentors/{mentor_id}")).await;
        assert!(page.contains("Ask Marisol Vega to mentor you"), "{page}");
        let id = requested(&app, &mentee, mentor_id, "leadership").await;
        let page = app.page_as(&mentor_c, "/mentorships").await;
        assert!(
            page.contains("Requests to me") && page.contains("Tomas Berg"),
            "{page}"
        );
        let page = app.page_as(&mentor_c, &format!("/mentorships/{id}")).await;
        assert!(
            page.contains("lead my first team") && page.contains("Accept"),
            "{page}"
        );
        let res = client()
            .get(app.url(&format!("/mentorships/{id}")))
            .header("accept", "text/html")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 302, "visitors sign in first");
    }
);
