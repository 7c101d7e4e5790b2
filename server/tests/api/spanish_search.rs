//! The directory understands Spanish on both databases: a profile written in
//! Spanish is stemmed as Spanish, accents never matter, and its page says
//! which language its words are in.

use crate::{
    db_test,
    directory::{names, search},
    helpers::{client, mentor},
};

async fn found(app: &crate::helpers::TestApp, viewer: &reqwest::Client, q: &str) -> Vec<String> {
    names(&search(app, viewer, &format!("q={q}")).await)
}

db_test!(spanish_words_find_spanish_profiles, |app| async move {
    let (_, lucia) = mentor(
            &app,
            "Lucía Paredes",
            &[(
                "bio",
                "Dirijo dos bibliotecas públicas en Oaxaca y enseño catalogación a quienes empiezan en la profesión.",
            )],
        )
        .await;
    mentor(
        &app,
        "Grace Holloway",
        &[(
            "bio",
            "I run the public library of a small town and teach cataloguing.",
        )],
    )
    .await;
    let viewer = client();
    assert!(app
        .sign_up_as(&viewer, "viewer@example.org", "Vera Viewer")
        .await
        .status()
        .is_success());
    // The singular finds the plural, with or without its accent.
    assert_eq!(
        found(&app, &viewer, "biblioteca").await,
        vec!["Lucía Paredes"]
    );
    assert_eq!(
        found(&app, &viewer, "catalogacion").await,
        vec!["Lucía Paredes"]
    );
    assert_eq!(
        found(&app, &viewer, "catalogación").await,
        vec!["Lucía Paredes"]
    );
    // English words still find English profiles.
    assert_eq!(found(&app, &viewer, "towns").await, vec!["Grace Holloway"]);

    // Her page marks her words as Spanish, whatever the page's language.
    let page = app.page_as(&viewer, &format!("/mentors/{lucia}")).await;
    assert!(page.contains(r#"lang="es""#), "{page}");
});
