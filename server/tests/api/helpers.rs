//! Spawns Carrel on a free port with a fresh database of its own: a temporary
//! SQLite file, or a new PostgreSQL database on 127.0.0.1:5432 (dropped after).
//! `db_test!` runs one test body on both. Below it, the fixtures several
//! features' tests share.

use app::{
    accounts::model::CurrentUser, db::Db, directory::index::Directory, messages::hub::Hub,
    messages::model::Message, notifications::mail::Mailer, notifications::push::Pusher,
};
use leptos::server_fn::serde::de::DeserializeOwned;
use server::{config::Config, startup};
use std::{future::Future, panic::AssertUnwindSafe, path::PathBuf, sync::Arc};

use futures::FutureExt;

pub struct TestApp {
    pub base: String,
    pub db: Db,
    /// The app's message hub, for calling the stores that ring it.
    pub hub: Arc<Hub>,
    /// The app's mailer: its outbox folder is where the emails land.
    pub mailer: Mailer,
    /// The app's pusher, for running the job that sends notifications to devices.
    pub pusher: Pusher,
    /// Where `db` points, for opening a second connection as another instance would.
    pub database_url: String,
    /// A browser-like client: keeps cookies, does not follow redirects, and gives up
    /// after 30 s so that a stalled response fails its test instead of hanging CI.
    pub client: reqwest::Client,
    config: Config,
}

/// What to remove once a test is over.
pub struct Cleanup {
    _sqlite_dir: Option<TempDir>,
    postgres_db: Option<String>,
}

pub enum Backend {
    Sqlite,
    Postgres,
}

/// Removes its folder when dropped.
pub struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn unique_name() -> String {
    use rand::Rng;
    format!("carrel_test_{:016x}", rand::thread_rng().gen::<u64>())
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .unwrap()
}

fn postgres_admin_url() -> String {
    std::env::var("CARREL_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// PostgreSQL tests run unless `CARREL_TEST_POSTGRES=skip` (set by `make test` only
/// when no server answers outside CI); an unreachable server is otherwise a failure.
pub fn postgres_skipped() -> bool {
    std::env::var("CARREL_TEST_POSTGRES").as_deref() == Ok("skip")
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> (Self, Cleanup) {
        Self::spawn_with(backend, |_| {}).await
    }

    pub async fn spawn_with(backend: Backend, tweak: impl FnOnce(&mut Config)) -> (Self, Cleanup) {
        let (url, sqlite_dir, pg_db) = match backend {
            Backend::Sqlite => {
                let dir = std::env::temp_dir().join(unique_name());
                std::fs::create_dir_all(&dir).unwrap();
                let url = format!("sqlite://{}/carrel.db", dir.display());
                (url, Some(TempDir(dir)), None)
            }
            Backend::Postgres => {
                let admin_url = postgres_admin_url();
                let admin = Db::connect(&admin_url).await.unwrap_or_else(|e| {
                    panic!(
                        "PostgreSQL at {admin_url} is not reachable ({e}). Start it, or set \
                         CARREL_TEST_POSTGRES=skip to skip the PostgreSQL run outside CI."
                    )
                });
                let name = unique_name();
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(admin.pool())
                    .await
                    .unwrap();
                admin.close().await;
                let base = admin_url.rsplit_once('/').unwrap().0;
                (format!("{base}/{name}"), None, Some(name))
            }
        };
        let mut config = Config {
            database_url: url,
            addr: "127.0.0.1:0".parse().unwrap(),
            site_root: "../target/site".to_owned(),
            public_url: None,
            smtp_url: None,
            outbox: sqlite_dir
                .as_ref()
                .map(|d| d.0.join("outbox"))
                .unwrap_or_else(|| std::env::temp_dir().join(unique_name()))
                .display()
                .to_string(),
            mail_from: "Carrel <no-reply@carrel.example>".to_owned(),
            unread_email_minutes: 15,
            // Tests play the proxy: a request with `X-Forwarded-For` comes from
            // that address, one without from 127.0.0.1, which signs many members
            // up and is never rate limited.
            trust_proxy: true,
            rate_limit_exempt: vec!["127.0.0.1".parse().unwrap()],
            max_streams: 5000,
            oidc_providers: Vec::new(),
            oidc: Vec::new(),
            vapid_key: None,
            push_services: Vec::new(),
        };
        tweak(&mut config);
        let app = Self::start(config).await;
        (
            app,
            Cleanup {
                _sqlite_dir: sqlite_dir,
                postgres_db: pg_db,
            },
        )
    }

    async fn start(config: Config) -> TestApp {
        let db = Db::connect(&config.database_url).await.unwrap();
        let database_url = config.database_url.clone();
        db.migrate().await.unwrap();
        let listener = tokio::net::TcpListener::bind(config.addr).await.unwrap();
        let addr = listener.local_addr().unwrap();
        // Links and single sign-on callbacks name the port this app listens on.
        let mut config = config;
        config
            .public_url
            .get_or_insert_with(|| format!("http://{addr}"));
        let mailer = config.mailer().unwrap();
        let pusher = config.pusher(&db).await.unwrap();
        let hub = Arc::new(Hub::new(db.backend(), &config.database_url));
        let router = startup::router(
            &config,
            db.clone(),
            hub.clone(),
            Arc::<Directory>::default(),
            mailer.clone(),
            pusher.clone(),
        );
        tokio::spawn(async move {
            axum::serve(
                listener,
                router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
            )
            .await
            .unwrap()
        });
        TestApp {
            base: format!("http://{addr}"),
            db,
            hub,
            mailer,
            pusher,
            database_url,
            client: client(),
            config,
        }
    }

    /// A second instance of Carrel on this app's database, as behind a load
    /// balancer: its own pool, its own streams, its own port.
    pub async fn another_instance(&self) -> TestApp {
        Self::start(self.config.clone()).await
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Calls a server function the way the hydrated app does (form-encoded, JSON back).
    pub async fn call(&self, endpoint: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.call_as(&self.client, endpoint, form).await
    }

    pub async fn call_as(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        client
            .post(self.url(&format!("/api/{endpoint}")))
            .header("accept", "application/json")
            .form(form)
            .send()
            .await
            .unwrap()
    }

    /// Signs up a member with valid details on `client`, and confirms their
    /// address with the link Carrel emailed them (as most tests need).
    pub async fn sign_up_as(
        &self,
        client: &reqwest::Client,
        email: &str,
        name: &str,
    ) -> reqwest::Response {
        let res = self.sign_up_unverified(client, email, name).await;
        if res.status().is_success() {
            let token = self
                .emailed_token(email, "/verify-email/")
                .await
                .expect("sign-up emails a confirmation link");
            let confirmed = self
                .call_as(client, "accounts/verify_email", &[("token", &token)])
                .await;
            assert!(
                confirmed.status().is_success(),
                "{}",
                confirmed.text().await.unwrap()
            );
        }
        res
    }

    /// The token in the newest email to `address` whose link starts with
    /// `prefix` (`/verify-email/`, `/reset-password/`), while it is unsent:
    /// tests run no jobs, so queued emails stay in the table.
    pub async fn emailed_token(&self, address: &str, prefix: &str) -> Option<String> {
        let row: Option<(String,)> = sqlx::query_as(
            "SELECT link FROM emails WHERE to_address = $1 AND link LIKE $2 ORDER BY id DESC LIMIT 1",
        )
        .bind(address.trim().to_lowercase())
        .bind(format!("{prefix}%"))
        .fetch_optional(self.db.pool())
        .await
        .unwrap();
        row.and_then(|(link,)| link.strip_prefix(prefix).map(str::to_owned))
    }

    /// Signs up a member with valid details on `client`, leaving their address unconfirmed.
    pub async fn sign_up_unverified(
        &self,
        client: &reqwest::Client,
        email: &str,
        name: &str,
    ) -> reqwest::Response {
        self.call_as(
            client,
            "accounts/sign_up",
            &[
                ("email", email),
                ("display_name", name),
                ("password", "a long enough password"),
                ("accept_conduct", "yes"),
            ],
        )
        .await
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> reqwest::Response {
        self.call(
            "accounts/sign_in",
            &[("email", email), ("password", password)],
        )
        .await
    }

    /// Signs `client` in; whether the email and password were accepted.
    pub async fn sign_in_as(&self, client: &reqwest::Client, email: &str, password: &str) -> bool {
        self.call_as(
            client,
            "accounts/sign_in",
            &[("email", email), ("password", password)],
        )
        .await
        .status()
        .is_success()
    }

    /// Posts `form` to a server function as a browser with JavaScript off does,
    /// from the page `from` (a path or a URL): HTML accepted, a `Referer` to
    /// come back to.
    pub async fn form_post_as(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        from: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        let referer = if from.starts_with("http") {
            from.to_owned()
        } else {
            self.url(from)
        };
        client
            .post(self.url(&format!("/api/{endpoint}")))
            .header("accept", "text/html")
            .header("referer", referer)
            .form(form)
            .send()
            .await
            .unwrap()
    }

    /// Signs in on the app's client as if from the client address `ip`.
    pub async fn sign_in_from(&self, ip: &str, email: &str, password: &str) -> reqwest::Response {
        self.client
            .post(self.url("/api/accounts/sign_in"))
            .header("accept", "application/json")
            .header("x-forwarded-for", ip)
            .form(&[("email", email), ("password", password)])
            .send()
            .await
            .unwrap()
    }

    /// The HTML of a page, fetched with the app's client (and its cookies).
    pub async fn page(&self, path_or_url: &str) -> String {
        self.page_as(&self.client, path_or_url).await
    }

    /// The HTML of a page as `client`'s member sees it.
    pub async fn page_as(&self, client: &reqwest::Client, path_or_url: &str) -> String {
        let url = if path_or_url.starts_with("http") {
            path_or_url.to_owned()
        } else {
            self.url(path_or_url)
        };
        client.get(url).send().await.unwrap().text().await.unwrap()
    }

    /// Who a bare `name=value` session cookie signs in, from a client with no other state.
    pub async fn whoami_with_cookie(&self, cookie: &str) -> serde_json::Value {
        client()
            .post(self.url("/api/accounts/current_user"))
            .header("accept", "application/json")
            .header("cookie", cookie)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// A new administrator named `name`, signed in on a client of their own.
    pub async fn admin(&self, name: &str) -> reqwest::Client {
        let c = client();
        let email = format!("{}@example.org", name.to_lowercase().replace(' ', "."));
        assert!(self
            .sign_up_as(&c, &email, name)
            .await
            .status()
            .is_success());
        sqlx::query("UPDATE users SET site_role = 'admin' WHERE email = $1")
            .bind(email)
            .execute(self.db.pool())
            .await
            .unwrap();
        c
    }

    /// The signed-in member according to the server, as JSON (`null` for a visitor).
    pub async fn whoami(&self, client: &reqwest::Client) -> serde_json::Value {
        let res = self.call_as(client, "accounts/current_user", &[]).await;
        assert_eq!(res.status(), 200);
        res.json().await.unwrap()
    }
}

/// Runs `body` against a fresh app, then drops its PostgreSQL database even if
/// the test failed.
pub async fn run<F, Fut>(backend: Backend, body: F)
where
    F: FnOnce(TestApp) -> Fut,
    Fut: Future<Output = ()>,
{
    run_with(backend, |_| {}, body).await
}

/// `run`, with the app's configuration changed by `tweak` first.
pub async fn run_with<F, Fut>(backend: Backend, tweak: impl FnOnce(&mut Config), body: F)
where
    F: FnOnce(TestApp) -> Fut,
    Fut: Future<Output = ()>,
{
    let is_pg = matches!(backend, Backend::Postgres);
    if is_pg && postgres_skipped() {
        eprintln!("SKIPPED on PostgreSQL: CARREL_TEST_POSTGRES=skip");
        return;
    }
    let (app, cleanup) = TestApp::spawn_with(backend, tweak).await;
    let (db, hub) = (app.db.clone(), app.hub.clone());
    let outcome = AssertUnwindSafe(body(app)).catch_unwind().await;
    hub.close();
    db.close().await;
    if let Some(name) = &cleanup.postgres_db {
        let admin = Db::connect(&postgres_admin_url()).await.unwrap();
        sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .execute(admin.pool())
            .await
            .unwrap();
        admin.close().await;
    }
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

/// `db_test!(name, |app| async move { ... })` makes `name::sqlite` and `name::postgres`;
/// `db_test!(name, config = |c| …, |app| …)` changes the app's configuration first.
#[macro_export]
macro_rules! db_test {
    ($name:ident, config = $tweak:expr, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                $crate::helpers::run_with($crate::helpers::Backend::Sqlite, $tweak, $body).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                $crate::helpers::run_with($crate::helpers::Backend::Postgres, $tweak, $body).await;
            }
        }
    };
    ($name:ident, $body:expr) => {
        mod $name {
            // The body is written in the parent module and uses its imports.
            #[allow(unused_imports)]
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                $crate::helpers::run($crate::helpers::Backend::Sqlite, $body).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                $crate::helpers::run($crate::helpers::Backend::Postgres, $body).await;
            }
        }
    };
}

// Fixtures shared by several features' tests.

/// Calls a server function as `who`, expects 200, and reads the answer as the
/// app's own type, so that assertions name fields rather than index JSON.
pub async fn json<T: DeserializeOwned>(
    app: &TestApp,
    who: &reqwest::Client,
    endpoint: &str,
    args: &[(&str, &str)],
) -> T {
    let res = app.call_as(who, endpoint, args).await;
    assert_eq!(res.status(), 200, "{endpoint}");
    res.json().await.unwrap()
}

/// Calls `endpoint` as `who`; the status.
pub async fn status(
    app: &TestApp,
    who: &reqwest::Client,
    endpoint: &str,
    args: &[(&str, &str)],
) -> u16 {
    app.call_as(who, endpoint, args).await.status().as_u16()
}

/// Calls `endpoint` as `who`; the status and the body.
pub async fn status_text(
    app: &TestApp,
    who: &reqwest::Client,
    endpoint: &str,
    args: &[(&str, &str)],
) -> (u16, String) {
    let res = app.call_as(who, endpoint, args).await;
    (res.status().as_u16(), res.text().await.unwrap())
}

/// The id of the member signed in on `client`.
pub async fn member_id(app: &TestApp, client: &reqwest::Client) -> i64 {
    let me: Option<CurrentUser> = json(app, client, "accounts/current_user", &[]).await;
    me.expect("a signed-in member").id
}

/// A complete, valid profile form; `overrides` replace or add fields.
pub fn profile_form(name: &str, overrides: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut form: Vec<(String, String)> = [
        ("display_name", name),
        ("position", "Reference Librarian"),
        ("institution", "Lakeshore College"),
        ("library_type", "academic"),
        ("work_function", "reference"),
        ("career_stage", "mid"),
        ("years_professional", "8"),
        ("country", "United States"),
        ("region", "Illinois"),
        ("time_zone", "America/Chicago"),
        ("languages", "English"),
        ("bio", "I help new librarians find their feet."),
        ("capacity", "2"),
        ("reply_time", "few_days"),
    ]
    .iter()
    .map(|(k, v)| (format!("form[{k}]"), (*v).to_owned()))
    .collect();
    for (k, v) in overrides {
        let key = format!("form[{k}]");
        form.retain(|(existing, _)| existing != &key);
        if !v.is_empty() {
            form.push((key, (*v).to_owned()));
        }
    }
    form
}

/// Saves a profile as `client`'s member.
pub async fn save(
    app: &TestApp,
    client: &reqwest::Client,
    form: &[(String, String)],
) -> reqwest::Response {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    app.call_as(client, "profiles/save", &pairs).await
}

/// A new member with a saved profile; returns their client and id.
pub async fn member(
    app: &TestApp,
    name: &str,
    overrides: &[(&str, &str)],
) -> (reqwest::Client, i64) {
    let c = client();
    let email = format!("{}@example.org", name.to_lowercase().replace(' ', "."));
    assert!(app.sign_up_as(&c, &email, name).await.status().is_success());
    let res = save(app, &c, &profile_form(name, overrides)).await;
    assert!(
        res.status().is_success(),
        "{}: {}",
        res.status(),
        res.text().await.unwrap()
    );
    let id = member_id(app, &c).await;
    (c, id)
}

/// A listed mentor offering leadership.
pub async fn mentor(
    app: &TestApp,
    name: &str,
    overrides: &[(&str, &str)],
) -> (reqwest::Client, i64) {
    let mut all = vec![
        ("open_to_mentoring", "on"),
        ("focus_offered][leadership", "on"),
        ("meeting_modes][video", "on"),
    ];
    all.extend_from_slice(overrides);
    member(app, name, &all).await
}

/// What a mentee writes when asking for a mentor.
pub const HOPES: &str = "I hope to lead my first team and would value monthly conversations.";

/// Asks `mentor_id` to mentor `mentee` in `focus`.
pub async fn request(
    app: &TestApp,
    mentee: &reqwest::Client,
    mentor_id: i64,
    focus: &str,
) -> reqwest::Response {
    app.call_as(
        mentee,
        "mentorships/request",
        &[
            ("mentor_id", &mentor_id.to_string()),
            ("focus", focus),
            ("message", HOPES),
        ],
    )
    .await
}

/// Requests and returns the new mentorship's id.
pub async fn requested(
    app: &TestApp,
    mentee: &reqwest::Client,
    mentor_id: i64,
    focus: &str,
) -> i64 {
    let res = request(app, mentee, mentor_id, focus).await;
    assert!(
        res.status().is_success(),
        "{}: {}",
        res.status(),
        res.text().await.unwrap()
    );
    let (id,): (i64,) = sqlx::query_as("SELECT MAX(id) FROM mentorships")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    id
}

/// `who` accepts mentorship `id`; the status.
pub async fn accept(app: &TestApp, who: &reqwest::Client, id: i64) -> u16 {
    status(
        app,
        who,
        "mentorships/respond",
        &[("id", &id.to_string()), ("decision", "accept")],
    )
    .await
}

/// Mentorship `id`'s state as stored.
pub async fn mentorship_state(app: &TestApp, id: i64) -> String {
    let (s,): (String,) = sqlx::query_as("SELECT state FROM mentorships WHERE id = $1")
        .bind(id)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    s
}

/// A mentor, a mentee and their accepted leadership mentorship.
pub struct Pair {
    pub mentor: reqwest::Client,
    pub mentor_id: i64,
    pub mentee: reqwest::Client,
    pub mentee_id: i64,
    pub id: i64,
}

pub async fn pair(app: &TestApp, mentor_name: &str, mentee_name: &str) -> Pair {
    let (mentor_c, mentor_id) = mentor(app, mentor_name, &[]).await;
    let (mentee_c, mentee_id) = member(app, mentee_name, &[]).await;
    let id = requested(app, &mentee_c, mentor_id, "leadership").await;
    assert_eq!(accept(app, &mentor_c, id).await, 200);
    Pair {
        mentor: mentor_c,
        mentor_id,
        mentee: mentee_c,
        mentee_id,
        id,
    }
}

/// Sends `body` in mentorship `id` under the idempotency key `key`.
pub async fn send_raw(
    app: &TestApp,
    who: &reqwest::Client,
    id: i64,
    body: &str,
    key: &str,
) -> reqwest::Response {
    app.call_as(
        who,
        "messages/send",
        &[
            ("mentorship_id", &id.to_string()),
            ("body", body),
            ("key", key),
        ],
    )
    .await
}

/// Sends `body` under a fresh key and returns the stored message.
pub async fn send(app: &TestApp, who: &reqwest::Client, id: i64, body: &str) -> Message {
    let key = format!("k-{:016x}", rand_u64());
    let res = send_raw(app, who, id, body, &key).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    res.json().await.unwrap()
}

fn rand_u64() -> u64 {
    use std::hash::{BuildHasher, RandomState};
    RandomState::new().hash_one(std::time::Instant::now())
}
