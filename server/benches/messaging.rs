//! Live messaging under load: N members (default 1,000, in mentor–mentee
//! pairs) each hold one stream on `/api/messages/stream`, and the pairs write
//! to each other at a steady rate. For every message it measures delivery
//! latency (the sender's send was accepted → the other member's stream
//! received it) and it reads the server's memory from /proc.
//!
//! Three runs: one instance on SQLite, one on PostgreSQL, and two instances
//! on one PostgreSQL database where every message crosses from one instance
//! to the other (each member sends through the instance holding their own
//! stream; their partner's stream is on the other one).
//!
//! `make load` runs it. Settings: LOAD_CLIENTS (default 1000), LOAD_RATE
//! (messages a second, default 100), LOAD_SECONDS (default 20),
//! LOAD_SCENARIOS (default "sqlite,postgres,postgres-2").
//!
//! The load tool runs on the same machine as the servers and shares its
//! cores, so the figures include its own scheduling delays.

#[path = "../tests/api/process.rs"]
mod process;

use app::{
    accounts::{model::NewPassword, store::hash_password},
    db::Db,
};
use futures::{stream, StreamExt};
use process::Process;
use std::{
    collections::HashMap,
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

const POSTGRES_ADMIN: &str = "postgres://postgres@127.0.0.1:5432/postgres";
const PASSWORD: &str = "load-test-password";

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A member of a pair: their session cookie and which instance holds their stream.
#[derive(Clone)]
struct Member {
    id: i64,
    cookie: String,
    instance: usize,
}

struct Pair {
    mentorship: i64,
    mentor: Member,
    mentee: Member,
}

/// Creates `pairs` mentor–mentee pairs with accepted mentorships, directly in
/// the database (one password hash for all: signing in still checks it).
async fn seed(db: &Db, pairs: usize) -> Vec<(i64, i64, i64, String, String)> {
    let hash = hash_password(&NewPassword::parse(PASSWORD, &[]).unwrap())
        .await
        .unwrap();
    let now = app::dates::now_ms();
    let mut tx = db.pool().begin().await.unwrap();
    let mut out = Vec::new();
    for i in 0..pairs {
        let mut ids = Vec::new();
        for role in ["mentor", "mentee"] {
            let email = format!("load-{role}-{i}@example.org");
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO users (email, display_name, password_hash, conduct_accepted_at, created_at)
                 VALUES ($1, $2, $3, $4, $4) RETURNING id",
            )
            .bind(&email)
            .bind(format!("Load {role} {i}"))
            .bind(&hash)
            .bind(now)
            .fetch_one(&mut *tx)
            .await
            .unwrap();
            ids.push((id, email));
        }
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO mentorships (mentor_id, mentee_id, focus, state, message, requested_at, expires_at, accepted_at)
             VALUES ($1, $2, 'leadership', 'accepted', 'Load test', $3, $3, $3) RETURNING id",
        )
        .bind(ids[0].0)
        .bind(ids[1].0)
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
        out.push((id, ids[0].0, ids[1].0, ids[0].1.clone(), ids[1].1.clone()));
    }
    tx.commit().await.unwrap();
    out
}

async fn sign_in(client: &reqwest::Client, base: &str, email: &str) -> String {
    let res = client
        .post(format!("{base}/api/accounts/sign_in"))
        .header("accept", "application/json")
        .form(&[("email", email), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert!(
        res.status().is_success(),
        "sign in {email}: {}",
        res.status()
    );
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("carrel_session="))
        .expect("a session cookie");
    cookie.split(';').next().unwrap().to_owned()
}

/// When each message was accepted (send answered 200) and received by the other member.
#[derive(Default)]
struct Times {
    accepted: HashMap<i64, Instant>,
    received: HashMap<i64, Instant>,
}

/// Holds one member's stream and notes when the partner's messages arrive.
async fn listen(
    client: reqwest::Client,
    base: String,
    cookie: String,
    times: Arc<Mutex<Times>>,
    ready: Arc<AtomicUsize>,
) {
    let res = client
        .get(format!("{base}/api/messages/stream"))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let mut body = res.bytes_stream();
    let mut buf = String::new();
    while let Some(Ok(chunk)) = body.next().await {
        buf.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = buf.find("\n\n") {
            let block: String = buf.drain(..end + 2).collect();
            if block.contains("event: ready") {
                ready.fetch_add(1, Ordering::Relaxed);
            } else if block.contains("event: message") && block.contains("\"mine\":false") {
                let id = block
                    .lines()
                    .find_map(|l| l.strip_prefix("id: "))
                    .and_then(|v| v.trim().parse::<i64>().ok());
                if let Some(id) = id {
                    times.lock().unwrap().received.insert(id, Instant::now());
                }
            }
        }
    }
}

fn rss_kb(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1]
}

async fn scenario(
    name: &str,
    url: &str,
    instances: usize,
    clients: usize,
    rate: usize,
    seconds: usize,
) {
    let db = Db::connect(url).await.unwrap();
    db.migrate().await.unwrap();
    let rows = seed(&db, clients / 2).await;
    let servers: Vec<Process> = (0..instances).map(|_| Process::start(url)).collect();
    let rss_idle: Vec<u64> = servers
        .iter()
        .map(|s| rss_kb(s.child.id(), "VmRSS:"))
        .collect();
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(2048)
        .timeout(Duration::from_secs(3600))
        .build()
        .unwrap();

    // Sign everyone in; mentors stream from instance 0, mentees from the last.
    let started = Instant::now();
    let pairs: Vec<Pair> = stream::iter(rows)
        .map(
            |(mentorship, mentor_id, mentee_id, mentor_email, mentee_email)| {
                let (client, a, b) = (
                    client.clone(),
                    servers[0].base.clone(),
                    servers[instances - 1].base.clone(),
                );
                async move {
                    Pair {
                        mentorship,
                        mentor: Member {
                            id: mentor_id,
                            cookie: sign_in(&client, &a, &mentor_email).await,
                            instance: 0,
                        },
                        mentee: Member {
                            id: mentee_id,
                            cookie: sign_in(&client, &b, &mentee_email).await,
                            instance: instances - 1,
                        },
                    }
                }
            },
        )
        .buffer_unordered(8)
        .collect()
        .await;
    let signed_in = started.elapsed();
    let rss_signed_in: Vec<u64> = servers
        .iter()
        .map(|s| rss_kb(s.child.id(), "VmRSS:"))
        .collect();

    let times = Arc::new(Mutex::new(Times::default()));
    let ready = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut listeners = Vec::new();
    for p in &pairs {
        for m in [&p.mentor, &p.mentee] {
            // 500 streams a second, as tabs reconnecting after a restart would.
            tokio::time::sleep(Duration::from_millis(2)).await;
            listeners.push(tokio::spawn(listen(
                client.clone(),
                servers[m.instance].base.clone(),
                m.cookie.clone(),
                times.clone(),
                ready.clone(),
            )));
        }
    }
    while ready.load(Ordering::Relaxed) < clients {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "streams did not all connect"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let connected = started.elapsed();
    let rss_connected: Vec<u64> = servers
        .iter()
        .map(|s| rss_kb(s.child.id(), "VmRSS:"))
        .collect();

    // Send: `rate` a second for `seconds`, pairs taking turns, senders alternating.
    let total = rate * seconds;
    let gap = Duration::from_secs_f64(1.0 / rate as f64);
    let mut tick = tokio::time::interval(gap);
    let failed = Arc::new(AtomicUsize::new(0));
    let mut sends = Vec::with_capacity(total);
    for n in 0..total {
        tick.tick().await;
        let p = &pairs[n % pairs.len()];
        let from = if (n / pairs.len()).is_multiple_of(2) {
            &p.mentor
        } else {
            &p.mentee
        };
        let (client, base, cookie, times, failed) = (
            client.clone(),
            servers[from.instance].base.clone(),
            from.cookie.clone(),
            times.clone(),
            failed.clone(),
        );
        let form = [
            ("mentorship_id", p.mentorship.to_string()),
            ("body", format!("Load message {n} from {}", from.id)),
            ("key", format!("load-{n:08}")),
        ];
        sends.push(tokio::spawn(async move {
            let res = client
                .post(format!("{base}/api/messages/send"))
                .header("accept", "application/json")
                .header("cookie", cookie)
                .form(&form)
                .send()
                .await;
            let id = match res {
                Ok(r) if r.status() == 200 => r
                    .json::<serde_json::Value>()
                    .await
                    .ok()
                    .and_then(|v| v["id"].as_i64()),
                _ => None,
            };
            match id {
                Some(id) => {
                    times.lock().unwrap().accepted.insert(id, Instant::now());
                }
                None => {
                    failed.fetch_add(1, Ordering::Relaxed);
                }
            }
        }));
    }
    for s in sends {
        s.await.unwrap();
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let rss_now: Vec<u64> = servers
        .iter()
        .map(|s| rss_kb(s.child.id(), "VmRSS:"))
        .collect();
    let rss_peak: Vec<u64> = servers
        .iter()
        .map(|s| rss_kb(s.child.id(), "VmHWM:"))
        .collect();

    let (mut latencies, lost, before_ack, accepted) = {
        let times = times.lock().unwrap();
        let mut latencies = Vec::new();
        let (mut lost, mut before_ack) = (0, 0);
        for (id, accepted) in &times.accepted {
            match times.received.get(id) {
                Some(received) => {
                    if received < accepted {
                        before_ack += 1;
                    }
                    latencies.push(received.saturating_duration_since(*accepted));
                }
                None => lost += 1,
            }
        }
        (latencies, lost, before_ack, times.accepted.len())
    };
    latencies.sort();
    let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
    let mb = |kb: &[u64]| {
        kb.iter()
            .map(|k| format!("{:.0} MB", *k as f64 / 1024.0))
            .collect::<Vec<_>>()
            .join(" + ")
    };
    println!("\n## {name}: {clients} streams on {instances} instance(s)");
    println!(
        "signed in {clients} in {:.1} s; all streams open {:.1} s later",
        signed_in.as_secs_f64(),
        connected.as_secs_f64()
    );
    println!(
        "messages: {} accepted of {total} sent at {rate}/s, {} refused or failed, {lost} never delivered, {before_ack} delivered before the sender's answer",
        accepted,
        failed.load(Ordering::Relaxed)
    );
    println!(
        "delivery latency: p50 {}  p90 {}  p99 {}  max {}",
        ms(pct(&latencies, 0.50)),
        ms(pct(&latencies, 0.90)),
        ms(pct(&latencies, 0.99)),
        ms(pct(&latencies, 1.0))
    );
    println!(
        "server RSS: {} at start; {} after the sign-ins; {} with streams open; {} at the end; peak {}",
        mb(&rss_idle),
        mb(&rss_signed_in),
        mb(&rss_connected),
        mb(&rss_now),
        mb(&rss_peak)
    );
    for l in listeners {
        l.abort();
    }
    for s in servers {
        s.kill_9();
    }
    db.close().await;
}

#[tokio::main]
async fn main() {
    let clients = setting("LOAD_CLIENTS", 1000).max(2) / 2 * 2;
    let rate = setting("LOAD_RATE", 100).max(1);
    let seconds = setting("LOAD_SECONDS", 20).max(1);
    let scenarios =
        std::env::var("LOAD_SCENARIOS").unwrap_or_else(|_| "sqlite,postgres,postgres-2".to_owned());
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    for name in scenarios.split(',').map(str::trim) {
        match name {
            "sqlite" => {
                let file = dir.join(format!("load-{}.db", std::process::id()));
                let url = format!("sqlite://{}", file.display());
                scenario(name, &url, 1, clients, rate, seconds).await;
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
                }
            }
            "postgres" | "postgres-2" => {
                let admin = Db::connect(POSTGRES_ADMIN).await.unwrap();
                let db_name = format!("carrel_load_{}", std::process::id());
                sqlx::query(&format!("CREATE DATABASE {db_name}"))
                    .execute(admin.pool())
                    .await
                    .unwrap();
                let url = format!("postgres://postgres@127.0.0.1:5432/{db_name}");
                let instances = if name == "postgres-2" { 2 } else { 1 };
                scenario(name, &url, instances, clients, rate, seconds).await;
                sqlx::query(&format!("DROP DATABASE {db_name} WITH (FORCE)"))
                    .execute(admin.pool())
                    .await
                    .unwrap();
                admin.close().await;
            }
            other => eprintln!("unknown scenario {other:?} (sqlite, postgres, postgres-2)"),
        }
    }
}
