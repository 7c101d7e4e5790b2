//! Web Push without the internet: a push service of our own on 127.0.0.1
//! receives what Carrel posts, checks the VAPID signature (RFC 8292) and
//! decrypts the payload (RFC 8291, aes128gcm) with the device's keys.

use crate::{
    db_test,
    helpers::{client, pair, requested, status_text, TestApp},
};
use app::{
    dates::now_ms,
    jobs::{push_unread, PUSH_AFTER_MS},
    notifications::{model::Choices, push::send_pending},
};
use axum::{body::Bytes, extract::Path, http::HeaderMap, http::StatusCode, routing::post};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
use std::sync::{LazyLock, Mutex};
use web_push_native::{
    jwt_simple::{
        algorithms::{ECDSAP256PublicKeyLike as _, ES256PublicKey},
        claims::NoCustomClaims,
        common::VerificationOptions,
    },
    p256, Auth,
};

/// One request the push service received.
#[derive(Clone, Debug)]
struct Received {
    device: String,
    authorization: String,
    encoding: String,
    ttl: String,
    body: Vec<u8>,
}

/// The push service every test posts to: one per process, on its own thread,
/// so that it outlives each test's runtime. A device named `gone-…` has been
/// unsubscribed (410), `busy-…` is overloaded (503).
struct Service {
    origin: String,
    received: Mutex<Vec<Received>>,
}

static SERVICE: LazyLock<&'static Service> = LazyLock::new(|| {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let service: &'static Service = Box::leak(Box::new(Service {
        origin: format!("http://{}", listener.local_addr().unwrap()),
        received: Mutex::new(Vec::new()),
    }));
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let app = axum::Router::new().route(
                "/push/{device}",
                post(
                    |Path(device): Path<String>, headers: HeaderMap, body: Bytes| async move {
                        let header = |n: &str| {
                            headers
                                .get(n)
                                .and_then(|v| v.to_str().ok())
                                .unwrap_or_default()
                                .to_owned()
                        };
                        let status = if device.starts_with("gone-") {
                            StatusCode::GONE
                        } else if device.starts_with("busy-") {
                            StatusCode::SERVICE_UNAVAILABLE
                        } else {
                            StatusCode::CREATED
                        };
                        SERVICE.received.lock().unwrap().push(Received {
                            device,
                            authorization: header("authorization"),
                            encoding: header("content-encoding"),
                            ttl: header("ttl"),
                            body: body.to_vec(),
                        });
                        status
                    },
                ),
            );
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            axum::serve(listener, app).await.unwrap();
        });
    });
    service
});

fn push_service(c: &mut server::config::Config) {
    c.push_services = vec![SERVICE.origin.clone()];
}

/// A browser's side of a subscription: the endpoint and the keys to decrypt with.
struct Device {
    endpoint: String,
    secret: p256::SecretKey,
    auth: [u8; 16],
}

impl Device {
    fn new(name: &str) -> Self {
        let name = format!("{name}-{:016x}", rand::random::<u64>());
        Device {
            endpoint: format!("{}/push/{name}", SERVICE.origin),
            secret: p256::SecretKey::from_slice(&rand::random::<[u8; 32]>()).unwrap(),
            auth: rand::random(),
        }
    }

    fn name(&self) -> &str {
        self.endpoint.rsplit('/').next().unwrap()
    }

    fn form(&self) -> [(&'static str, String); 3] {
        let public = self.secret.public_key();
        let point = p256::elliptic_curve::sec1::ToEncodedPoint::to_encoded_point(&public, false);
        [
            ("endpoint", self.endpoint.clone()),
            ("p256dh", URL_SAFE_NO_PAD.encode(point.as_bytes())),
            ("auth", URL_SAFE_NO_PAD.encode(self.auth)),
        ]
    }

    async fn subscribe(&self, app: &TestApp, who: &reqwest::Client) -> u16 {
        let form = self.form();
        let args: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        status_text(app, who, "notifications/push_subscribe", &args)
            .await
            .0
    }

    /// What the service got for this device, checked and decrypted: each
    /// notification's JSON. `server_key` is the key the settings page offers.
    fn received(&self, server_key: &str) -> Vec<serde_json::Value> {
        let got: Vec<Received> = SERVICE
            .received
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.device == self.name())
            .cloned()
            .collect();
        got.into_iter()
            .map(|r| {
                assert_eq!(r.encoding, "aes128gcm");
                assert_eq!(r.ttl, "43200", "kept 12 hours for a device that is off");
                // RFC 8292 §3: "vapid t=<JWT>, k=<the server's public key>".
                let (t, k) = r
                    .authorization
                    .strip_prefix("vapid t=")
                    .and_then(|rest| rest.split_once(", k="))
                    .unwrap_or_else(|| panic!("not a VAPID header: {}", r.authorization));
                assert_eq!(
                    k, server_key,
                    "signed with the key browsers subscribed with"
                );
                let key = ES256PublicKey::from_bytes(&URL_SAFE_NO_PAD.decode(k).unwrap()).unwrap();
                let claims = key
                    .verify_token::<NoCustomClaims>(t, Some(VerificationOptions::default()))
                    .expect("a valid ES256 signature");
                // The audience is the service's scheme and host (the crate leaves
                // out a port; real push services listen on 443).
                let origin = SERVICE.origin.rsplit_once(':').unwrap().0;
                assert_eq!(claims.audiences.unwrap().into_string().unwrap(), origin);
                let hours = (claims.expires_at.unwrap().as_secs() as i64 - now_ms() / 1000) / 3600;
                assert!(
                    (11..=12).contains(&hours),
                    "expires in 12 h, within the 24 h cap"
                );
                assert_eq!(
                    claims.subject.as_deref(),
                    Some("mailto:no-reply@carrel.example")
                );
                let plain =
                    web_push_native::decrypt(r.body, &self.secret, Auth::from_slice(&self.auth))
                        .expect("decrypts with the device's keys");
                serde_json::from_slice(&plain).unwrap()
            })
            .collect()
    }
}

async fn choices(app: &TestApp, who: &reqwest::Client) -> Choices {
    crate::helpers::json(app, who, "notifications/choices", &[]).await
}

async fn devices_of(app: &TestApp, user_id: i64) -> i64 {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM push_subscriptions WHERE user_id = $1")
        .bind(user_id)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    n
}

db_test!(
    a_new_message_is_pushed_with_the_senders_name_only,
    config = push_service,
    |app| async move {
        let p = pair(&app, "Imani Okafor", "Tomas Berg").await;
        let phone = Device::new("phone");
        assert_eq!(phone.subscribe(&app, &p.mentor).await, 200);
        let key = choices(&app, &p.mentor).await.push_key;
        assert_eq!(choices(&app, &p.mentor).await.devices.len(), 1);

        let t0 = now_ms();
        let m = app::messages::store::send(
            &app.db,
            &app.hub,
            p.mentee_id,
            p.id,
            "Secret plans for my review",
            "k-push-000001",
            t0,
        )
        .await
        .unwrap();
        assert_eq!(
            push_unread(&app.db, t0 + 2_000, PUSH_AFTER_MS)
                .await
                .unwrap(),
            0,
            "too soon"
        );
        let later = t0 + PUSH_AFTER_MS + 1_000;
        assert_eq!(push_unread(&app.db, later, PUSH_AFTER_MS).await.unwrap(), 1);
        assert_eq!(
            push_unread(&app.db, later + 5_000, PUSH_AFTER_MS)
                .await
                .unwrap(),
            0,
            "once"
        );
        assert_eq!(send_pending(&app.db, &app.pusher).await.unwrap(), 1);
        let got = phone.received(&key);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0]["title"], "New message from Tomas Berg");
        assert_eq!(got[0]["url"], format!("/mentorships/{}#thread", p.id));
        assert!(
            !got[0].to_string().contains("Secret"),
            "never the words: {}",
            got[0]
        );
        assert_eq!(
            send_pending(&app.db, &app.pusher).await.unwrap(),
            0,
            "sent once"
        );

        // Read before the delay (the thread was open): no push.
        let t1 = t0 + 60_000;
        let m2 = app::messages::store::send(
            &app.db,
            &app.hub,
            p.mentee_id,
            p.id,
            "Are you there?",
            "k-push-000002",
            t1,
        )
        .await
        .unwrap();
        assert!(m2.id > m.id);
        app::messages::store::mark_read(&app.db, &app.hub, p.mentor_id, p.id, m2.id)
            .await
            .unwrap();
        assert_eq!(
            push_unread(&app.db, t1 + PUSH_AFTER_MS + 1_000, PUSH_AFTER_MS)
                .await
                .unwrap(),
            0
        );

        // The mentee, with no device, costs nothing and gets nothing.
        app::messages::store::send(
            &app.db,
            &app.hub,
            p.mentor_id,
            p.id,
            "Yes, here",
            "k-push-000003",
            t1,
        )
        .await
        .unwrap();
        assert_eq!(
            push_unread(&app.db, t1 + PUSH_AFTER_MS + 1_000, PUSH_AFTER_MS)
                .await
                .unwrap(),
            0
        );
    }
);

db_test!(
    requests_and_answers_are_pushed_unless_turned_off,
    config = push_service,
    |app| async move {
        let (sam, sam_id) = crate::helpers::mentor(&app, "Sam Mentor", &[]).await;
        let (tomas, _) = crate::helpers::member(&app, "Tomas Berg", &[]).await;
        let (ana, _) = crate::helpers::member(&app, "Ana Lima", &[]).await;
        let tablet = Device::new("tablet");
        assert_eq!(tablet.subscribe(&app, &sam).await, 200);
        let key = choices(&app, &sam).await.push_key;
        let mentee_phone = Device::new("phone");
        assert_eq!(mentee_phone.subscribe(&app, &tomas).await, 200);

        let id = requested(&app, &tomas, sam_id, "leadership").await;
        assert_eq!(crate::helpers::accept(&app, &sam, id).await, 200);
        assert_eq!(send_pending(&app.db, &app.pusher).await.unwrap(), 2);
        let to_sam = tablet.received(&key);
        assert_eq!(to_sam.len(), 1, "{to_sam:?}");
        assert!(
            to_sam[0]["body"].as_str().unwrap().contains("Tomas Berg"),
            "{}",
            to_sam[0]
        );
        assert_eq!(to_sam[0]["tag"], "request");
        assert_eq!(
            to_sam[0]["title"], "A new mentorship request",
            "the email's subject, capitalised"
        );
        let to_tomas = mentee_phone.received(&key);
        assert_eq!(to_tomas.len(), 1, "the answer: {to_tomas:?}");
        assert_eq!(to_tomas[0]["tag"], "accepted");

        // Sam keeps requests by email but not on devices.
        let form: Vec<(String, &str)> = choices(&app, &sam)
            .await
            .topics
            .iter()
            .flat_map(|c| {
                let slug = c.topic.slug();
                let mut on = vec![(format!("email[{slug}]"), "yes")];
                if slug != "requests" {
                    on.push((format!("push[{slug}]"), "yes"));
                }
                on
            })
            .collect();
        let args: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        let (status, body) = status_text(&app, &sam, "notifications/save_choices", &args).await;
        assert_eq!(status, 200, "{body}");
        let saved = choices(&app, &sam).await.topics;
        assert!(saved.iter().all(|c| c.email));
        assert!(saved
            .iter()
            .all(|c| c.push == (c.topic.slug() != "requests")));
        requested(&app, &ana, sam_id, "leadership").await;
        assert_eq!(send_pending(&app.db, &app.pusher).await.unwrap(), 0);
        assert_eq!(
            tablet.received(&key).len(),
            1,
            "no push about Ana's request"
        );
        let (emails,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM emails WHERE to_address = 'sam.mentor@example.org' AND body LIKE '%Ana Lima%'",
        )
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        assert_eq!(emails, 1, "the email still goes");
    }
);

db_test!(
    a_device_the_push_service_forgot_is_forgotten,
    config = push_service,
    |app| async move {
        let p = pair(&app, "Imani Okafor", "Tomas Berg").await;
        let old = Device::new("gone");
        let busy = Device::new("busy");
        assert_eq!(old.subscribe(&app, &p.mentor).await, 200);
        assert_eq!(busy.subscribe(&app, &p.mentor).await, 200);
        assert_eq!(devices_of(&app, p.mentor_id).await, 2);
        let t0 = now_ms();
        app::messages::store::send(
            &app.db,
            &app.hub,
            p.mentee_id,
            p.id,
            "Hello",
            "k-gone-0001",
            t0,
        )
        .await
        .unwrap();
        push_unread(&app.db, t0 + PUSH_AFTER_MS + 1_000, PUSH_AFTER_MS)
            .await
            .unwrap();
        assert_eq!(send_pending(&app.db, &app.pusher).await.unwrap(), 0);
        assert_eq!(
            devices_of(&app, p.mentor_id).await,
            1,
            "410: the gone device is removed"
        );
        let (attempts, error): (i64, Option<String>) =
            sqlx::query_as("SELECT attempts, last_error FROM pushes")
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        assert_eq!(attempts, 1);
        assert!(error.unwrap().contains("503"), "503: kept for another try");
    }
);

db_test!(
    only_the_owner_manages_a_device_and_only_push_services_are_posted_to,
    config = push_service,
    |app| async move {
        let p = pair(&app, "Imani Okafor", "Tomas Berg").await;
        let phone = Device::new("phone");
        let form = phone.form();
        let args: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();

        // Signed out: refused, for each of the notification server functions.
        for endpoint in [
            "notifications/push_subscribe",
            "notifications/choices",
            "notifications/save_choices",
            "notifications/push_test",
        ] {
            assert_eq!(
                status_text(&app, &client(), endpoint, &args).await.0,
                401,
                "{endpoint}"
            );
        }
        assert_eq!(
            status_text(
                &app,
                &client(),
                "notifications/push_unsubscribe",
                &[("id", "1")]
            )
            .await
            .0,
            401
        );

        // An address that is not a push service: an internal one, or a lookalike.
        for endpoint in [
            "http://169.254.169.254/latest/meta-data".to_owned(),
            "http://127.0.0.1:5432/".to_owned(),
            format!("{}.evil.example/push/x", SERVICE.origin),
            "https://fcm.googleapis.com.evil.example/fcm/send/x".to_owned(),
            "javascript:alert(1)".to_owned(),
            format!("{}/{}", SERVICE.origin, "x".repeat(2000)),
        ] {
            let mut bad = args.clone();
            bad[0].1 = &endpoint;
            let (status, body) =
                status_text(&app, &p.mentor, "notifications/push_subscribe", &bad).await;
            assert_eq!(status, 400, "{endpoint}: {body}");
        }
        // Keys that encrypt nothing.
        for (field, value) in [("p256dh", "bm90IGEga2V5"), ("auth", "c2hvcnQ")] {
            let bad: Vec<(&str, &str)> = args
                .iter()
                .map(|(k, v)| if *k == field { (*k, value) } else { (*k, *v) })
                .collect();
            assert_eq!(
                status_text(&app, &p.mentor, "notifications/push_subscribe", &bad)
                    .await
                    .0,
                400,
                "{field}"
            );
        }
        assert_eq!(devices_of(&app, p.mentor_id).await, 0);

        // From another site: refused before it is read.
        let res = p
            .mentor
            .post(app.url("/api/notifications/push_subscribe"))
            .header("origin", "https://evil.example")
            .form(&args)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        assert_eq!(devices_of(&app, p.mentor_id).await, 0);

        // The mentor's device; the mentee cannot stop it.
        assert_eq!(phone.subscribe(&app, &p.mentor).await, 200);
        let id = choices(&app, &p.mentor).await.devices[0].id.to_string();
        assert!(
            choices(&app, &p.mentee).await.devices.is_empty(),
            "not listed to others"
        );
        let (status, _) = status_text(
            &app,
            &p.mentee,
            "notifications/push_unsubscribe",
            &[("id", &id)],
        )
        .await;
        assert_eq!(status, 404);
        assert_eq!(devices_of(&app, p.mentor_id).await, 1);

        // The mentee signs in on the same browser and subscribes it: it is theirs now.
        assert_eq!(phone.subscribe(&app, &p.mentee).await, 200);
        assert_eq!(devices_of(&app, p.mentor_id).await, 0);
        assert_eq!(devices_of(&app, p.mentee_id).await, 1);

        // A test notification reaches the owner's devices, one at a time.
        assert_eq!(
            status_text(&app, &p.mentee, "notifications/push_test", &[])
                .await
                .0,
            200
        );
        assert_eq!(
            status_text(&app, &p.mentee, "notifications/push_test", &[])
                .await
                .0,
            409
        );
        assert_eq!(send_pending(&app.db, &app.pusher).await.unwrap(), 1);
        let key = choices(&app, &p.mentee).await.push_key;
        assert_eq!(phone.received(&key).len(), 1);

        // Twenty devices at most; the twenty-first is refused until one stops.
        for _ in 1..20 {
            assert_eq!(Device::new("tablet").subscribe(&app, &p.mentee).await, 200);
        }
        assert_eq!(devices_of(&app, p.mentee_id).await, 20);
        assert_eq!(Device::new("tablet").subscribe(&app, &p.mentee).await, 409);
        assert_eq!(
            phone.subscribe(&app, &p.mentee).await,
            200,
            "an existing device renews"
        );
        assert_eq!(devices_of(&app, p.mentee_id).await, 20);

        // The owner stops it.
        let devices = choices(&app, &p.mentee).await.devices;
        let id = devices
            .iter()
            .find(|d| d.endpoint == phone.endpoint)
            .unwrap()
            .id
            .to_string();
        let (status, _) = status_text(
            &app,
            &p.mentee,
            "notifications/push_unsubscribe",
            &[("id", &id)],
        )
        .await;
        assert_eq!(status, 200);
        assert_eq!(devices_of(&app, p.mentee_id).await, 19);
    }
);

db_test!(
    a_programs_topic_is_pushed_to_both_members_of_each_pair,
    config = push_service,
    |app| async move {
        use crate::programs::{career_program, cycle, cycle_pairs, schedule};
        let (coordinator, slug) = career_program(&app, &[]).await;
        let id = cycle(&app, &coordinator, &slug, "Spring", (-1, 10, 60), 10).await;
        let (mentor, _, pairs) =
            cycle_pairs(&app, id, &[("capacity", "3")], &[("Eve One", "leadership")]).await;
        let (mentee, mentorship) = &pairs[0];
        let (mentor_phone, mentee_phone) = (Device::new("phone"), Device::new("phone"));
        assert_eq!(mentor_phone.subscribe(&app, &mentor).await, 200);
        assert_eq!(mentee_phone.subscribe(&app, mentee).await, 200);
        let key = choices(&app, &mentor).await.push_key;

        let res = schedule(&app, &coordinator, id, "Your community", 0).await;
        assert_eq!(res.status(), 200);
        assert_eq!(
            app::jobs::send_topics(&app.db, &app.hub, now_ms())
                .await
                .unwrap(),
            1
        );
        assert_eq!(send_pending(&app.db, &app.pusher).await.unwrap(), 2);
        for phone in [&mentor_phone, &mentee_phone] {
            let got = phone.received(&key);
            assert_eq!(got.len(), 1, "{got:?}");
            assert_eq!(got[0]["title"], "This month's topic: Your community");
            assert_eq!(got[0]["url"], format!("/mentorships/{mentorship}#thread"));
        }
    }
);
