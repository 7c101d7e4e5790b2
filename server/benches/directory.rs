//! Directory search at scale: seeds N demo profiles (default 100,000) into
//! SQLite and PostgreSQL, runs a fixed mix of realistic queries through the
//! same search function the server uses, and prints p50/p99 per query class,
//! plus the plans of the queries the hot path relies on (the app's own SQL).
//!
//! `make bench` runs it. Settings: BENCH_PROFILES (default 100000),
//! BENCH_BACKENDS (default "sqlite,postgres"), BENCH_ROUNDS (default 200 per
//! class). Seeded databases are kept (target/bench/, PostgreSQL database
//! carrel_bench_N) so later runs start at once.

use app::{
    db::{Backend, Db},
    directory::{
        index::{Directory, VERSION_SQL},
        query::DirectoryQuery,
        search::{search, text_sql},
        text::TextQuery,
    },
    profiles::store::{changed_since_sql, load_profile},
};
use rand::{rngs::StdRng, seq::SliceRandom, Rng, SeedableRng};
use std::time::{Duration, Instant};

const POSTGRES_ADMIN: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// Query classes and the shapes they draw from; `{}` marks a random pick.
fn mix(rng: &mut StdRng) -> Vec<(&'static str, String)> {
    let common = [
        "library",
        "librarian",
        "research",
        "access",
        "services",
        "students",
    ];
    let rare = [
        "bibliometrics",
        "zine",
        "archivesspace",
        "orcid",
        "makerspace",
        "genealogy",
    ];
    let prefixes = ["lea", "meta", "cata", "instr", "arch", "dig"];
    let facets = [
        "focus=leadership",
        "focus=scholarship&focus=research",
        "library_type=academic",
        "library_type=public&library_type=school",
        "function=cataloguing",
        "stage=senior",
        "language=spanish",
        "mode=video",
        "tz=utc-6_-3",
        "region=canada",
        "capacity=1",
    ];
    let sorts = ["", "&sort=relevance", "&sort=recent", "&sort=name"];
    let mut out = Vec::new();
    for _ in 0..50 {
        let pick = |rng: &mut StdRng, xs: &[&'static str]| *xs.choose(rng).expect("non-empty");
        let sort = pick(rng, &sorts);
        let f1 = pick(rng, &facets);
        let f2 = pick(rng, &facets);
        out.push((
            "text, common word",
            format!("q={}{sort}", pick(rng, &common)),
        ));
        out.push(("text, rare word", format!("q={}{sort}", pick(rng, &rare))));
        out.push((
            "text, typing a prefix",
            format!("q={}", pick(rng, &prefixes)),
        ));
        out.push((
            "text, two words",
            format!("q={}+{}{sort}", pick(rng, &common), pick(rng, &prefixes)),
        ));
        out.push(("facets only (1-2)", format!("{f1}&{f2}{sort}")));
        out.push((
            "text + facets",
            format!("q={}&{f1}{sort}", pick(rng, &common)),
        ));
        out.push(("no filter, best fit", String::new()));
        out.push((
            "deep page (50-500)",
            format!("{f1}&page={}{sort}", rng.gen_range(50..=500)),
        ));
    }
    out
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

async fn open(backend: &str, profiles: usize) -> anyhow::Result<Db> {
    let url = match backend {
        "sqlite" => {
            std::fs::create_dir_all("../target/bench")?;
            format!("sqlite://../target/bench/directory-{profiles}.db")
        }
        "postgres" => {
            let name = format!("carrel_bench_{profiles}");
            let admin = Db::connect(POSTGRES_ADMIN).await?;
            let exists: Option<(i64,)> =
                sqlx::query_as("SELECT 1::BIGINT FROM pg_database WHERE datname = $1")
                    .bind(&name)
                    .fetch_optional(admin.pool())
                    .await?;
            if exists.is_none() {
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(admin.pool())
                    .await?;
            }
            admin.close().await;
            format!("postgres://postgres@127.0.0.1:5432/{name}")
        }
        other => anyhow::bail!("unknown backend {other}"),
    };
    let db = Db::connect(&url).await?;
    db.migrate().await?;
    let (have,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM profiles")
        .fetch_one(db.pool())
        .await?;
    if usize::try_from(have)? < profiles {
        let started = Instant::now();
        let added = server::demo::seed(&db, profiles, 1).await?;
        println!(
            "seeded {added} members into {backend} in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        if db.backend() == Backend::Postgres {
            sqlx::query("ANALYZE").execute(db.pool()).await?;
        }
    }
    Ok(db)
}

/// An argument of a query whose plan is shown.
enum Arg {
    Text(String),
    Int(i64),
}

/// The plans of the queries the hot path runs, built by the app's own code so
/// that a change to a query is what gets explained.
async fn plans(db: &Db) -> anyhow::Result<()> {
    let backend = db.backend();
    let explain = match backend {
        Backend::Sqlite => "EXPLAIN QUERY PLAN",
        Backend::Postgres => "EXPLAIN",
    };
    // A finished word, then a word still being typed (a prefix) in the name column.
    let word = TextQuery::parse("libraries ").expect("a searchable word");
    let typing = TextQuery::parse("ana").expect("a searchable word");
    let (words_sql, words_arg) = text_sql(backend, &word, None);
    let (name_sql, name_arg) = text_sql(backend, &typing, Some("name"));
    let queries = [
        ("version check", VERSION_SQL.to_owned(), vec![]),
        ("words", words_sql, vec![Arg::Text(words_arg)]),
        ("words in a column", name_sql, vec![Arg::Text(name_arg)]),
        (
            "changed profiles",
            changed_since_sql(),
            vec![Arg::Int(999_999_999), Arg::Int(0), Arg::Int(2000)],
        ),
    ];
    for (what, sql, args) in queries {
        println!("  plan, {what}:");
        let sql = format!("{explain} {sql}");
        let mut q = sqlx::query(&sql);
        for arg in args {
            q = match arg {
                Arg::Text(t) => q.bind(t),
                Arg::Int(i) => q.bind(i),
            };
        }
        for row in q.fetch_all(db.pool()).await? {
            use sqlx::Row;
            let line: String = match backend {
                Backend::Sqlite => row.try_get::<String, _>(3)?,
                Backend::Postgres => row.try_get::<String, _>(0)?,
            };
            println!("    {line}");
        }
    }
    Ok(())
}

async fn bench(backend: &str, profiles: usize, rounds: usize) -> anyhow::Result<()> {
    let db = open(backend, profiles).await?;
    let (listed,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM profiles WHERE open_to_mentoring = 1")
            .fetch_one(db.pool())
            .await?;
    println!("\n== {backend}: {profiles} profiles, {listed} listed mentors");
    // The server's index, empty as at a start.
    let directory = Directory::default();
    let started = Instant::now();
    let first = search(&db, &directory, &DirectoryQuery::parse(""), None).await?;
    println!(
        "  first search (loads the in-memory index): {:.0} ms, {} mentors",
        started.elapsed().as_secs_f64() * 1000.0,
        first.total
    );
    plans(&db).await?;

    // Best fit needs a viewer: a seeded member looking for mentors.
    let (viewer_id,): (i64,) = sqlx::query_as(
        "SELECT user_id FROM profiles WHERE open_to_mentoring = 0 ORDER BY user_id LIMIT 1",
    )
    .fetch_one(db.pool())
    .await?;
    let viewer = load_profile(&db, viewer_id).await?;

    let mut rng = StdRng::seed_from_u64(7);
    let mut by_class: Vec<(&str, Vec<Duration>)> = Vec::new();
    let mut total_results = 0u64;
    while by_class.first().map_or(0, |(_, v)| v.len()) < rounds {
        for (class, qs) in mix(&mut rng) {
            let query = DirectoryQuery::parse(&qs);
            let t = Instant::now();
            let r = search(&db, &directory, &query, viewer.clone()).await?;
            let took = t.elapsed();
            total_results += r.total;
            match by_class.iter_mut().find(|(c, _)| *c == class) {
                Some((_, v)) => v.push(took),
                None => by_class.push((class, vec![took])),
            }
        }
    }
    println!(
        "  {:<24} {:>6} {:>9} {:>9} {:>9}",
        "query class", "n", "p50 ms", "p99 ms", "max ms"
    );
    for (class, mut times) in by_class {
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "  {class:<24} {:>6} {:>9.2} {:>9.2} {:>9.2}",
            times.len(),
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.99)),
            ms(*times.last().expect("measured"))
        );
    }
    println!("  (results seen: {total_results})");
    db.close().await;
    Ok(())
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let profiles: usize = std::env::var("BENCH_PROFILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let rounds: usize = std::env::var("BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let backends = std::env::var("BENCH_BACKENDS").unwrap_or_else(|_| "sqlite,postgres".to_owned());
    for backend in backends.split(',').map(str::trim).filter(|b| !b.is_empty()) {
        bench(backend, profiles, rounds).await?;
    }
    Ok(())
}
