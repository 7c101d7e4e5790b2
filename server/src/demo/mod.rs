//! Fictional demo members, generated deterministically from a seed so that
//! benchmarks and screenshots are repeatable. No real person's data: names,
//! institutions and bios are assembled from word lists.

mod bios;
mod careers;
mod interests;
mod meetings;
mod mentorships;
mod people;
mod places;
mod programs;
mod words;
mod words_bios;
mod words_bios_es;

pub use meetings::seed_meetings;
pub use mentorships::seed_mentorships;
pub use programs::seed_programs;

use app::{
    accounts::{
        model::{DisplayName, Email, NewPassword, SiteRole},
        store::{create_user, hash_password, CreateUserError},
    },
    db::Db,
    language::Lang,
    profiles::store::{bump_version, write_profile},
};
use people::{demo_person, demo_profile};
use rand::{rngs::StdRng, SeedableRng};
use std::collections::HashSet;

/// Every demo account signs in with this password (it is in the README).
pub const DEMO_PASSWORD: &str = "carrel-demo-password";
pub const DEMO_ADMIN_EMAIL: &str = "admin@carrel.example";

/// The demo's coordinator (a plain member named as coordinator of two programs).
pub const DEMO_COORDINATOR_EMAIL: &str = "coordinator@carrel.example";

/// Members per transaction: large enough to be quick, small enough that a
/// 100,000-member seed neither holds one huge transaction nor loses much on failure.
const BATCH: usize = 500;
const PROGRESS_EVERY: usize = 10_000;

/// Creates the admin and `count` members, committing every `BATCH` members;
/// returns how many were new. Emails that exist already are skipped, so a
/// second run with the same seed adds nothing.
pub async fn seed(db: &Db, count: usize, seed: u64) -> anyhow::Result<usize> {
    let hash = hash_password(&NewPassword::parse(DEMO_PASSWORD, &[]).map_err(anyhow::Error::msg)?)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    // A failed INSERT would abort a PostgreSQL transaction, so look first.
    let existing: HashSet<String> = sqlx::query_as::<_, (String,)>("SELECT email FROM users")
        .fetch_all(db.pool())
        .await?
        .into_iter()
        .map(|(e,)| e)
        .collect();
    let mut added = 0;
    let admin = Email::parse(DEMO_ADMIN_EMAIL).map_err(anyhow::Error::msg)?;
    if !existing.contains(admin.as_str()) {
        let name = DisplayName::parse("Carrel Administrator").map_err(anyhow::Error::msg)?;
        add_user(db.pool(), &admin, &name, &hash, SiteRole::Admin, Lang::En).await?;
        added += 1;
    }

    let mut rng = StdRng::seed_from_u64(seed);
    for start in (0..count).step_by(BATCH) {
        let end = (start + BATCH).min(count);
        let mut tx = db.pool().begin().await?;
        // Bumped only once the batch has something new, so a re-run changes nothing.
        let mut batch_version = None;
        for i in start..end {
            // Drawn even for members that exist, so everyone after them stays the same.
            let (name, email) = demo_person(&mut rng, i);
            let mut profile = demo_profile(&mut rng, &name);
            let email = Email::parse(&email).map_err(anyhow::Error::msg)?;
            if existing.contains(email.as_str()) {
                continue;
            }
            let name = DisplayName::parse(&name).map_err(anyhow::Error::msg)?;
            // A third of those who speak Spanish read Carrel in it.
            let spanish = i % 3 == 0 && profile.languages.iter().any(|l| l == "Spanish");
            let lang = if spanish { Lang::Es } else { Lang::En };
            // Their bio in Spanish, chosen without drawing from `rng`, so
            // everyone after them is drawn the same as before.
            if spanish {
                let bios = words_bios_es::SPANISH_BIOS;
                profile.bio = bios[i / 3 % bios.len()].to_owned();
            }
            let user = add_user(&mut *tx, &email, &name, &hash, SiteRole::Member, lang).await?;
            let version = match batch_version {
                Some(v) => v,
                None => *batch_version.insert(bump_version(&mut tx).await?),
            };
            write_profile(&mut tx, db.backend(), user, &profile, version).await?;
            added += 1;
        }
        tx.commit().await?;
        if end.is_multiple_of(PROGRESS_EVERY) {
            tracing::info!(done = end, of = count, "seeding demo members");
        }
    }
    Ok(added)
}

/// Creates one account and returns its id.
async fn add_user<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    email: &Email,
    name: &DisplayName,
    hash: &str,
    role: SiteRole,
    lang: Lang,
) -> anyhow::Result<i64> {
    match create_user(db, email, name, hash, role, true, lang).await {
        Ok(user) => Ok(user.id),
        Err(CreateUserError::EmailTaken) => {
            anyhow::bail!("demo email {} is taken twice", email.as_str())
        }
        Err(CreateUserError::Db(e)) => Err(e.into()),
    }
}

/// True when the database has no members yet: a first start.
pub async fn is_empty(db: &Db) -> anyhow::Result<bool> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
        .fetch_one(db.pool())
        .await?;
    Ok(n == 0)
}
