//! The unread-message email: batched, and without the messages' words.

use crate::{db_test, helpers::pair};
use app::dates::now_ms;
use app::jobs::email_unread;
use app::messages::store;

db_test!(
    unread_messages_are_emailed_in_batches_without_words,
    |app| async move {
        let p = pair(&app, "Imani Okafor", "Tomas Berg").await;
        let q = pair(&app, "Kofi Mensah", "Ana Lima").await;
        let _ = q.mentor_id;
        // Ana also asks Imani? No: one mentor writes to two mentees, who are emailed
        // separately; one mentee's two unread messages make one email.
        let t0 = now_ms();
        store::send(
            &app.db,
            &app.hub,
            p.mentee_id,
            p.id,
            "Secret plans for my review",
            "k-mail-000001",
            t0,
        )
        .await
        .unwrap();
        store::send(
            &app.db,
            &app.hub,
            p.mentee_id,
            p.id,
            "And a second thought",
            "k-mail-000002",
            t0 + 1000,
        )
        .await
        .unwrap();
        let after = 15 * 60_000;
        assert_eq!(
            email_unread(&app.db, t0 + 60_000, after).await.unwrap(),
            0,
            "too soon"
        );
        assert_eq!(
            email_unread(&app.db, t0 + after + 2000, after)
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            email_unread(&app.db, t0 + after + 60_000, after)
                .await
                .unwrap(),
            0,
            "once per batch"
        );
        let emails: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT to_address, subject, body FROM emails WHERE subject LIKE 'New message%'",
        )
        .fetch_all(app.db.pool())
        .await
        .unwrap();
        assert_eq!(emails.len(), 1);
        assert_eq!(emails[0].0, "imani.okafor@example.org");
        assert_eq!(emails[0].1, "New message from Tomas Berg");
        assert!(!emails[0].2.contains("Secret") && !emails[0].2.contains("second thought"));

        // Read in time: no email.
        let t1 = t0 + 3_600_000;
        let m = store::send(
            &app.db,
            &app.hub,
            q.mentee_id,
            q.id,
            "Quick question",
            "k-mail-000003",
            t1,
        )
        .await
        .unwrap();
        store::mark_read(&app.db, &app.hub, q.mentor_id, q.id, m.id)
            .await
            .unwrap();
        assert_eq!(
            email_unread(&app.db, t1 + after + 1000, after)
                .await
                .unwrap(),
            0
        );
    }
);
