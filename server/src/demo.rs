//! Fictional demo members, generated deterministically from a seed so that
//! benchmarks and screenshots are repeatable. No real person's data.

use app::{
    accounts::{
        model::{DisplayName, Email, NewPassword, SiteRole},
        store::{create_user, hash_password, CreateUserError},
    },
    db::Db,
};
use rand::{rngs::StdRng, seq::SliceRandom, SeedableRng};
use std::collections::HashSet;

/// Every demo account signs in with this password (it is in the README).
pub const DEMO_PASSWORD: &str = "carrel-demo-password";
pub const DEMO_ADMIN_EMAIL: &str = "admin@carrel.example";

const FIRST_NAMES: &[&str] = &[
    "Ana",
    "Amara",
    "Beatriz",
    "Chen",
    "Dalia",
    "Darnell",
    "Elif",
    "Esperanza",
    "Farah",
    "Graciela",
    "Hana",
    "Imani",
    "Iris",
    "Jamal",
    "Joaquín",
    "Kalani",
    "Keiko",
    "Lucía",
    "Malik",
    "Mei",
    "Nadia",
    "Nkechi",
    "Omar",
    "Priya",
    "Quinn",
    "Rafael",
    "Rosa",
    "Samira",
    "Tariq",
    "Thandiwe",
    "Uma",
    "Valentina",
    "Wen",
    "Xochitl",
    "Yusuf",
    "Zainab",
    "Aiyana",
    "Bao",
    "Colette",
    "Desmond",
    "Eamon",
    "Fiona",
    "Gideon",
    "Harriet",
    "Ignacio",
    "Jolene",
    "Kwame",
    "Leilani",
    "Marisol",
    "Noor",
];

const LAST_NAMES: &[&str] = &[
    "Abernathy",
    "Achebe",
    "Alvarado",
    "Bautista",
    "Brennan",
    "Castellanos",
    "Chowdhury",
    "Dubois",
    "Espinoza",
    "Fairweather",
    "Galloway",
    "Haddad",
    "Hollis",
    "Ibarra",
    "Jovanović",
    "Kamara",
    "Kowalczyk",
    "Laurent",
    "Lindqvist",
    "Mbeki",
    "Moreno",
    "Nakagawa",
    "Okafor",
    "Oyelaran",
    "Pemberton",
    "Quintero",
    "Rahimi",
    "Saldaña",
    "Takahashi",
    "Thornbury",
    "Underhill",
    "Valdivia",
    "Whitcombe",
    "Xiong",
    "Yamada",
    "Zelenko",
    "Arceneaux",
    "Bellweather",
    "Cordero",
    "Delacroix",
];

const DOMAINS: &[&str] = &[
    "example.edu",
    "example.org",
    "example.net",
    "library.example",
];

/// Adds the admin and `count` members in one transaction; returns how many were new.
pub async fn seed(db: &Db, count: usize, seed: u64) -> anyhow::Result<usize> {
    let hash = hash_password(&NewPassword::parse(DEMO_PASSWORD).map_err(anyhow::Error::msg)?)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut rng = StdRng::seed_from_u64(seed);
    let mut people = vec![(
        "Carrel Administrator".to_owned(),
        DEMO_ADMIN_EMAIL.to_owned(),
        SiteRole::Admin,
    )];
    for i in 0..count {
        let first = FIRST_NAMES.choose(&mut rng).expect("non-empty");
        let last = LAST_NAMES.choose(&mut rng).expect("non-empty");
        let domain = DOMAINS.choose(&mut rng).expect("non-empty");
        let local = format!("{first}.{last}{i}").to_lowercase();
        people.push((
            format!("{first} {last}"),
            format!("{local}@{domain}"),
            SiteRole::Member,
        ));
    }

    // Skip accounts a previous seed made; a failed INSERT would abort a PostgreSQL transaction.
    let existing: HashSet<String> = sqlx::query_as::<_, (String,)>("SELECT email FROM users")
        .fetch_all(db.pool())
        .await?
        .into_iter()
        .map(|(e,)| e)
        .collect();
    let mut tx = db.pool().begin().await?;
    let mut added = 0;
    for (name, email, role) in people {
        if existing.contains(&email) {
            continue;
        }
        let email = Email::parse(&email).map_err(anyhow::Error::msg)?;
        let name = DisplayName::parse(&name).map_err(anyhow::Error::msg)?;
        match create_user(&mut *tx, &email, &name, &hash, role).await {
            Ok(_) => added += 1,
            Err(CreateUserError::EmailTaken) => {
                anyhow::bail!("demo email {} is taken twice", email.as_str())
            }
            Err(CreateUserError::Db(e)) => return Err(e.into()),
        }
    }
    tx.commit().await?;
    Ok(added)
}

/// True when the database has no members yet: a first start.
pub async fn is_empty(db: &Db) -> anyhow::Result<bool> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
        .fetch_one(db.pool())
        .await?;
    Ok(n == 0)
}
