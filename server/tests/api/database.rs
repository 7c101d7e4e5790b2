use crate::db_test;
use app::db::Backend;

db_test!(migrations_can_run_again, |app| async move {
    app.db.migrate().await.expect("a second run is a no-op");
});

db_test!(sqlite_keeps_acknowledged_writes_on_disk, |app| async move {
    if app.db.backend() != Backend::Sqlite {
        return;
    }
    let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let (sync,): (i64,) = sqlx::query_as("PRAGMA synchronous")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let (fk,): (i64,) = sqlx::query_as("PRAGMA foreign_keys")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(mode, "wal");
    assert_eq!(sync, 2, "synchronous = FULL");
    assert_eq!(fk, 1);
});

db_test!(
    demo_data_is_deterministic_and_idempotent,
    |app| async move {
        let added = server::demo::seed(&app.db, 25, 7).await.unwrap();
        assert_eq!(added, 26, "25 members and the admin");
        assert_eq!(server::demo::seed(&app.db, 25, 7).await.unwrap(), 0);
        let admin = app
            .sign_in(server::demo::DEMO_ADMIN_EMAIL, server::demo::DEMO_PASSWORD)
            .await;
        assert!(admin.status().is_success());
        assert_eq!(app.whoami(&app.client).await["site_role"], "Admin");
    }
);
