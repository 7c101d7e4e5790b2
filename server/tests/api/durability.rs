//! A message acknowledged to its sender survives `kill -9` of the server
//! process, on both databases: the real `carrel` binary is started, sent a
//! burst of messages, killed mid-burst, and started again.

use crate::{
    db_test,
    helpers::{accept, member, mentor, requested},
    process::Process,
};
use std::time::Duration;

db_test!(an_acknowledged_message_survives_kill_9, |app| async move {
    let (mentor_c, mentor_id) = mentor(&app, "Imani Okafor", &[]).await;
    let (mentee_c, _) = member(&app, "Tomas Berg", &[]).await;
    let id = requested(&app, &mentee_c, mentor_id, "leadership").await;
    assert_eq!(accept(&app, &mentor_c, id).await, 200);

    let server = Process::start(&app.database_url);
    // Sessions live in the database: the member's cookie works on the process too.
    let base = server.base.clone();
    let sends = (0..60).map(|i| {
        let (c, base) = (mentee_c.clone(), base.clone());
        tokio::spawn(async move {
            let res = c
                .post(format!("{base}/api/messages/send"))
                .header("accept", "application/json")
                .form(&[
                    ("mentorship_id", id.to_string()),
                    ("body", format!("Durable message {i}")),
                    ("key", format!("k-durable-{i:04}")),
                ])
                .send()
                .await
                .ok()?;
            if res.status() != 200 {
                return None;
            }
            let m: serde_json::Value = res.json().await.ok()?;
            Some((i, m["id"].as_i64()?))
        })
    });
    let handles: Vec<_> = sends.collect();
    // Kill as soon as some are acknowledged and others are surely in flight.
    let mut acked = Vec::new();
    let mut pending = handles.into_iter();
    for h in pending.by_ref() {
        if let Ok(Some(ok)) = h.await {
            acked.push(ok);
        }
        if acked.len() >= 10 {
            break;
        }
    }
    server.kill_9();
    for h in pending {
        if let Ok(Some(ok)) = h.await {
            acked.push(ok);
        }
    }
    assert!(
        acked.len() >= 10,
        "only {} sends were acknowledged",
        acked.len()
    );

    // Start again: every acknowledged message is there, with its words.
    let server = Process::start(&app.database_url);
    for (i, msg_id) in &acked {
        let (body,): (String,) = sqlx::query_as("SELECT body FROM messages WHERE id = $1")
            .bind(msg_id)
            .fetch_one(app.db.pool())
            .await
            .unwrap_or_else(|e| panic!("acknowledged message {msg_id} lost: {e}"));
        assert_eq!(body, format!("Durable message {i}"));
    }
    // Retrying every send after the crash stores each message exactly once.
    for i in 0..60 {
        let res = mentee_c
            .post(format!("{}/api/messages/send", server.base))
            .header("accept", "application/json")
            .form(&[
                ("mentorship_id", id.to_string()),
                ("body", format!("Durable message {i}")),
                ("key", format!("k-durable-{i:04}")),
            ])
            .timeout(Duration::from_secs(30))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
    }
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM messages WHERE mentorship_id = $1")
        .bind(id)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(n, 60);
    server.kill_9();
});
