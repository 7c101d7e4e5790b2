//! Profiles in the database: one row in `profiles`, one row per multi-valued
//! entry in `profile_tags`, and the listed mentors' words in `mentor_search`.

use super::model::{
    CareerStage, FocusArea, LibraryType, MeetingMode, Profile, ReplyTime, WorkFunction,
};
use crate::{
    dates::now_ms,
    db::{Backend, Db},
    directory::text::index_form,
    error::AppError,
    language::Lang,
};
use sqlx::AnyConnection;
use std::collections::HashMap;

/// The kinds of row in `profile_tags`.
pub mod tag {
    pub const LANGUAGE: &str = "language";
    pub const INTEREST: &str = "interest";
    pub const WORK_AREA: &str = "work_area";
    pub const AFFILIATION: &str = "affiliation";
    pub const FOCUS_OFFERED: &str = "focus_offered";
    pub const FOCUS_SOUGHT: &str = "focus_sought";
    pub const MEETING_MODE: &str = "meeting_mode";
}

/// The standard (January) UTC offset of an IANA zone, in minutes.
pub fn standard_offset_minutes(zone: &str) -> Option<i32> {
    use chrono::{Offset, TimeZone};
    let tz: chrono_tz::Tz = zone.parse().ok()?;
    let january = chrono::NaiveDate::from_ymd_opt(2026, 1, 15)?.and_hms_opt(12, 0, 0)?;
    let offset = tz.from_utc_datetime(&january).offset().fix();
    Some(offset.local_minus_utc() / 60)
}

pub async fn focus_areas(db: &Db) -> Result<Vec<FocusArea>, AppError> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT slug, label FROM focus_areas ORDER BY position, label")
            .fetch_all(db.pool())
            .await?;
    Ok(rows
        .into_iter()
        .map(|(slug, label)| FocusArea { slug, label })
        .collect())
}

/// Bumps the directory's version inside the caller's transaction. Writers
/// queue on this row, so versions are handed out in commit order.
pub async fn bump_version(conn: &mut AnyConnection) -> Result<i64, sqlx::Error> {
    let (version,): (i64,) = sqlx::query_as(
        "UPDATE directory_version SET version = version + 1 WHERE id = 1 RETURNING version",
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(version)
}

/// Empties a member's profile for good (their account is being deleted): the
/// row stays, blank and unlisted, at a new directory version, so every
/// instance's index drops the mentor; their words leave the search index.
pub async fn erase(
    conn: &mut AnyConnection,
    backend: Backend,
    user_id: i64,
) -> Result<(), sqlx::Error> {
    let version = bump_version(conn).await?;
    for sql in [
        "DELETE FROM profile_tags WHERE user_id = $1",
        match backend {
            Backend::Sqlite => "DELETE FROM mentor_search WHERE rowid = $1",
            Backend::Postgres => "DELETE FROM mentor_search WHERE user_id = $1",
        },
    ] {
        sqlx::query(sql).bind(user_id).execute(&mut *conn).await?;
    }
    sqlx::query(
        "UPDATE profiles SET pronouns = '', position = '', institution = '', country = '',
             region = '', bio = '', non_work_interests = '', goals = '', open_to_mentoring = 0,
             capacity = 0, years_professional = 0, version = $1
         WHERE user_id = $2",
    )
    .bind(version)
    .bind(user_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Writes a member's whole profile inside the caller's transaction, at `version`.
pub async fn write_profile(
    conn: &mut AnyConnection,
    backend: Backend,
    user_id: i64,
    p: &Profile,
    version: i64,
) -> Result<(), sqlx::Error> {
    let written_in = written_in(p);
    sqlx::query("UPDATE users SET display_name = $1 WHERE id = $2")
        .bind(&p.display_name)
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO profiles (user_id, pronouns, position, institution, institution_public,
             library_type, work_function, career_stage, years_professional, country, region,
             time_zone, utc_offset_minutes, bio, non_work_interests, open_to_mentoring,
             capacity, reply_time, goals, updated_at, version, written_in)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
             $18, $19, $20, $21, $22)
         ON CONFLICT (user_id) DO UPDATE SET pronouns = excluded.pronouns,
             position = excluded.position, institution = excluded.institution,
             institution_public = excluded.institution_public,
             library_type = excluded.library_type, work_function = excluded.work_function,
             career_stage = excluded.career_stage,
             years_professional = excluded.years_professional, country = excluded.country,
             region = excluded.region, time_zone = excluded.time_zone,
             utc_offset_minutes = excluded.utc_offset_minutes, bio = excluded.bio,
             non_work_interests = excluded.non_work_interests,
             open_to_mentoring = excluded.open_to_mentoring, capacity = excluded.capacity,
             reply_time = excluded.reply_time, goals = excluded.goals,
             updated_at = excluded.updated_at, version = excluded.version,
             written_in = excluded.written_in",
    )
    .bind(user_id)
    .bind(&p.pronouns)
    .bind(&p.position)
    .bind(&p.institution)
    .bind(i64::from(p.institution_public))
    .bind(p.library_type)
    .bind(p.work_function)
    .bind(p.career_stage)
    .bind(p.years_professional)
    .bind(&p.country)
    .bind(&p.region)
    .bind(&p.time_zone)
    .bind(i64::from(p.utc_offset_minutes))
    .bind(&p.bio)
    .bind(&p.non_work_interests)
    .bind(i64::from(p.open_to_mentoring))
    .bind(p.capacity)
    .bind(p.reply_time)
    .bind(&p.goals)
    .bind(now_ms())
    .bind(version)
    .bind(written_in.code())
    .execute(&mut *conn)
    .await?;

    sqlx::query("DELETE FROM profile_tags WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    let modes: Vec<String> = p
        .meeting_modes
        .iter()
        .map(|m| m.slug().to_owned())
        .collect();
    let rows: Vec<(&str, &String, usize)> = [
        (tag::LANGUAGE, &p.languages),
        (tag::INTEREST, &p.interests),
        (tag::WORK_AREA, &p.work_areas),
        (tag::AFFILIATION, &p.affiliations),
        (tag::FOCUS_OFFERED, &p.focus_offered),
        (tag::FOCUS_SOUGHT, &p.focus_sought),
        (tag::MEETING_MODE, &modes),
    ]
    .into_iter()
    .flat_map(|(kind, values)| values.iter().enumerate().map(move |(i, v)| (kind, v, i)))
    .collect();
    // One statement per profile: seeding 100,000 profiles is round trips, not rows.
    for chunk in rows.chunks(100) {
        let sql = tag_insert_sql(chunk.len());
        let mut q = sqlx::query(&sql).bind(user_id);
        for (kind, value, position) in chunk {
            q = q.bind(*kind).bind(value.as_str()).bind(*position as i64);
        }
        q.execute(&mut *conn).await?;
    }
    index_for_search(conn, backend, user_id, p, written_in).await
}

/// The language of a member's own words, as far as they tell: the bio's,
/// else that of the rest they wrote; else English.
fn written_in(p: &Profile) -> Lang {
    let rest = [
        p.non_work_interests.as_str(),
        &p.goals,
        &p.position,
        &p.interests.join(", "),
    ]
    .join("\n");
    crate::language::detect(&p.bio)
        .or_else(|| crate::language::detect(&rest))
        .unwrap_or_default()
}

/// `INSERT … VALUES ($1, $2, $3, $4), ($1, $5, $6, $7), …` for `rows` tags of one member.
fn tag_insert_sql(rows: usize) -> String {
    let placeholders: Vec<String> = (0..rows)
        .map(|i| format!("($1, ${}, ${}, ${})", 3 * i + 2, 3 * i + 3, 3 * i + 4))
        .collect();
    format!(
        "INSERT INTO profile_tags (user_id, kind, value, position) VALUES {}",
        placeholders.join(", ")
    )
}

/// The words of a listed mentor's public fields, in three weights: name;
/// position, institution (if shown), tags and focus areas; everything else.
/// Their own words are stemmed as the language they wrote in; Carrel's labels
/// are indexed in each language, so "Academic" and "Académica" both find them.
fn search_columns(p: &Profile, focus_labels: &[String], lang: Lang) -> (String, String, String) {
    let mut high = vec![p.position.clone()];
    if p.institution_public {
        high.push(p.institution.clone());
    }
    high.extend(p.interests.iter().cloned());
    high.extend(p.work_areas.iter().cloned());
    high.extend(p.affiliations.iter().cloned());
    high.extend(focus_labels.iter().cloned());
    let labels = Lang::ALL.map(|l| {
        let words = [p.library_type.label_in(l), p.work_function.label_in(l)];
        index_form(&words.join(" "), l)
    });
    let mut body = vec![
        super::model::excerpt(&p.bio, usize::MAX),
        p.non_work_interests.clone(),
    ];
    body.extend(p.languages.iter().cloned());
    body.push(super::model::place(&p.region, &p.country));
    (
        index_form(&p.display_name, lang),
        [index_form(&high.join(" "), lang)]
            .into_iter()
            .chain(labels)
            .collect::<Vec<_>>()
            .join(" "),
        index_form(&body.join(" "), lang),
    )
}

/// Puts a listed mentor's words in the full-text index, or takes them out.
async fn index_for_search(
    conn: &mut AnyConnection,
    backend: Backend,
    user_id: i64,
    p: &Profile,
    written_in: Lang,
) -> Result<(), sqlx::Error> {
    let delete = match backend {
        Backend::Sqlite => "DELETE FROM mentor_search WHERE rowid = $1",
        Backend::Postgres => "DELETE FROM mentor_search WHERE user_id = $1",
    };
    sqlx::query(delete)
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    if !p.open_to_mentoring {
        return Ok(());
    }
    let labels: Vec<(String,)> = sqlx::query_as(
        "SELECT f.label FROM focus_areas f JOIN profile_tags t ON t.value = f.slug
         WHERE t.user_id = $1 AND t.kind = $2",
    )
    .bind(user_id)
    .bind(tag::FOCUS_OFFERED)
    .fetch_all(&mut *conn)
    .await?;
    let labels: Vec<String> = labels.into_iter().map(|(l,)| l).collect();
    let (name, high, body) = search_columns(p, &labels, written_in);
    let insert = match backend {
        Backend::Sqlite => {
            "INSERT INTO mentor_search (rowid, name, high, body) VALUES ($1, $2, $3, $4)"
        }
        Backend::Postgres => {
            "INSERT INTO mentor_search (user_id, name, high, body) VALUES ($1,
                 to_tsvector('simple', $2), to_tsvector('simple', $3),
                 to_tsvector('simple', $2 || ' ' || $3 || ' ' || $4))"
        }
    };
    sqlx::query(insert)
        .bind(user_id)
        .bind(name)
        .bind(high)
        .bind(body)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Saves a member's own profile in one transaction.
pub async fn save_profile(db: &Db, user_id: i64, p: &Profile) -> Result<(), AppError> {
    let mut tx = db.pool().begin().await?;
    let version = bump_version(&mut tx).await?;
    write_profile(&mut tx, db.backend(), user_id, p, version).await?;
    tx.commit().await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct ProfileRow {
    display_name: String,
    pronouns: String,
    position: String,
    institution: String,
    institution_public: i64,
    library_type: LibraryType,
    work_function: WorkFunction,
    career_stage: CareerStage,
    years_professional: i64,
    country: String,
    region: String,
    time_zone: String,
    utc_offset_minutes: i64,
    bio: String,
    non_work_interests: String,
    open_to_mentoring: i64,
    capacity: i64,
    reply_time: ReplyTime,
    goals: String,
    written_in: String,
}

const PROFILE_COLUMNS: &str = "u.display_name, p.pronouns, p.position, p.institution,
    p.institution_public, p.library_type, p.work_function, p.career_stage,
    p.years_professional, p.country, p.region, p.time_zone, p.utc_offset_minutes, p.bio,
    p.non_work_interests, p.open_to_mentoring, p.capacity, p.reply_time, p.goals, p.written_in";

impl ProfileRow {
    /// The profile, with its multi-valued fields from `(kind, value)` tag rows
    /// in position order.
    fn into_profile(self, tags: &[(String, String)]) -> Profile {
        let of = |kind: &str| -> Vec<String> {
            tags.iter()
                .filter(|(k, _)| k == kind)
                .map(|(_, v)| v.clone())
                .collect()
        };
        Profile {
            library_type: self.library_type,
            work_function: self.work_function,
            career_stage: self.career_stage,
            utc_offset_minutes: i32::try_from(self.utc_offset_minutes).unwrap_or_default(),
            institution_public: self.institution_public != 0,
            open_to_mentoring: self.open_to_mentoring != 0,
            reply_time: self.reply_time,
            display_name: self.display_name,
            pronouns: self.pronouns,
            position: self.position,
            institution: self.institution,
            years_professional: self.years_professional,
            country: self.country,
            region: self.region,
            time_zone: self.time_zone,
            bio: self.bio,
            non_work_interests: self.non_work_interests,
            capacity: self.capacity,
            goals: self.goals,
            written_in: Lang::parse(&self.written_in).unwrap_or_default(),
            languages: of(tag::LANGUAGE),
            interests: of(tag::INTEREST),
            work_areas: of(tag::WORK_AREA),
            affiliations: of(tag::AFFILIATION),
            focus_offered: of(tag::FOCUS_OFFERED),
            focus_sought: of(tag::FOCUS_SOUGHT),
            meeting_modes: of(tag::MEETING_MODE)
                .iter()
                .filter_map(|m| MeetingMode::from_slug(m))
                .collect(),
        }
    }
}

/// Every value of a member's profile, or None if they have not written one.
pub async fn load_profile(db: &Db, user_id: i64) -> Result<Option<Profile>, AppError> {
    let row: Option<ProfileRow> = sqlx::query_as(&format!(
        "SELECT {PROFILE_COLUMNS} FROM profiles p JOIN users u ON u.id = p.user_id
         WHERE p.user_id = $1 AND u.disabled_at IS NULL"
    ))
    .bind(user_id)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let tags: Vec<(String, String)> = sqlx::query_as(
        "SELECT kind, value FROM profile_tags WHERE user_id = $1 ORDER BY kind, position",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    Ok(Some(row.into_profile(&tags)))
}

/// Where a batched read of changed profiles has got to: (version, user id).
pub type Cursor = (i64, i64);

/// A profile written after some directory version, with the cursor just past
/// it: Some(profile, last active, active mentees) for a listed mentor, None for
/// a member who is not (any more) listed.
pub type Changed = (Cursor, Option<(Profile, i64, i64)>);

/// The profiles after the cursor `($1, $2)`, at most `$3`: what `changed_since`
/// reads (public for the directory benchmark, which shows its plan). Row values
/// walk the (version, user_id) index, so a refresh after one save reads one row,
/// and a first load reads every row once.
pub fn changed_since_sql() -> String {
    format!(
        "SELECT p.user_id, p.version, COALESCE(u.last_seen_at, u.created_at) AS last_active,
                (SELECT COUNT(*) FROM mentorships m
                 WHERE m.mentor_id = p.user_id AND m.state = 'accepted') AS active_mentees,
                CASE WHEN u.disabled_at IS NULL THEN 1 ELSE 0 END AS enabled,
                {PROFILE_COLUMNS}
         FROM profiles p JOIN users u ON u.id = p.user_id
         WHERE (p.version, p.user_id) > ($1, $2)
         ORDER BY p.version, p.user_id LIMIT $3"
    )
}

/// Up to `limit` profiles written after `after`, in (version, id) order, for
/// the directory's index. Start from `(seen_version, i64::MAX)`.
pub async fn changed_since(db: &Db, after: Cursor, limit: usize) -> Result<Vec<Changed>, AppError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        user_id: i64,
        version: i64,
        last_active: i64,
        active_mentees: i64,
        /// 0 for an account an administrator disabled: not listed.
        enabled: i64,
        #[sqlx(flatten)]
        profile: ProfileRow,
    }
    let rows: Vec<Row> = sqlx::query_as(&changed_since_sql())
        .bind(after.0)
        .bind(after.1)
        .bind(i64::try_from(limit).unwrap_or(i64::MAX))
        .fetch_all(db.pool())
        .await?;
    let Some(last) = rows.last().map(|r| (r.version, r.user_id)) else {
        return Ok(Vec::new());
    };
    let tags: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT t.user_id, t.kind, t.value FROM profiles p
         JOIN profile_tags t ON t.user_id = p.user_id
         WHERE (p.version, p.user_id) > ($1, $2) AND (p.version, p.user_id) <= ($3, $4)
           AND p.open_to_mentoring = 1
         ORDER BY t.user_id, t.kind, t.position",
    )
    .bind(after.0)
    .bind(after.1)
    .bind(last.0)
    .bind(last.1)
    .fetch_all(db.pool())
    .await?;
    let mut by_user: HashMap<i64, Vec<(String, String)>> = HashMap::new();
    for (id, kind, value) in tags {
        by_user.entry(id).or_default().push((kind, value));
    }
    Ok(rows
        .into_iter()
        .map(|r| {
            let listed = (r.profile.open_to_mentoring != 0 && r.enabled != 0).then(|| {
                let tags = by_user.remove(&r.user_id).unwrap_or_default();
                (
                    r.profile.into_profile(&tags),
                    r.last_active,
                    r.active_mentees,
                )
            });
            ((r.version, r.user_id), listed)
        })
        .collect())
}

/// How many mentees a mentor has now: their capacity minus this is what is free.
/// The one count that decides capacity, in a transaction or on the pool.
pub async fn active_mentees<'c>(
    conn: impl sqlx::AnyExecutor<'c>,
    mentor_id: i64,
) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM mentorships WHERE mentor_id = $1 AND state = 'accepted'",
    )
    .bind(mentor_id)
    .fetch_one(conn)
    .await?;
    Ok(n)
}

/// When the member was last seen (Unix ms), if ever.
pub async fn last_seen(db: &Db, user_id: i64) -> Result<Option<i64>, AppError> {
    let row: Option<(Option<i64>,)> =
        sqlx::query_as("SELECT last_seen_at FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(db.pool())
            .await?;
    Ok(row.and_then(|(t,)| t))
}

/// Whether `mentor_id` is on `user_id`'s shortlist.
pub async fn is_shortlisted(db: &Db, user_id: i64, mentor_id: i64) -> Result<bool, AppError> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT mentor_id FROM shortlist WHERE user_id = $1 AND mentor_id = $2")
            .bind(user_id)
            .bind(mentor_id)
            .fetch_optional(db.pool())
            .await?;
    Ok(row.is_some())
}

/// Adds or removes a mentor on a member's shortlist; both are idempotent.
pub async fn set_shortlisted(
    db: &Db,
    user_id: i64,
    mentor_id: i64,
    saved: bool,
) -> Result<(), AppError> {
    let query = if saved {
        sqlx::query(
            "INSERT INTO shortlist (user_id, mentor_id, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (user_id, mentor_id) DO NOTHING",
        )
        .bind(user_id)
        .bind(mentor_id)
        .bind(now_ms())
    } else {
        sqlx::query("DELETE FROM shortlist WHERE user_id = $1 AND mentor_id = $2")
            .bind(user_id)
            .bind(mentor_id)
    };
    query.execute(db.pool()).await?;
    Ok(())
}

/// The mentors on a member's shortlist, most recently saved first.
pub async fn shortlist_ids(db: &Db, user_id: i64) -> Result<Vec<i64>, AppError> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT mentor_id FROM shortlist WHERE user_id = $1 ORDER BY created_at DESC, mentor_id",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Adds a focus area at the end of the list (admins only; checked by the caller).
pub async fn add_focus_area(db: &Db, area: &FocusArea) -> Result<bool, AppError> {
    let exists: Option<(String,)> =
        sqlx::query_as("SELECT slug FROM focus_areas WHERE slug = $1 OR lower(label) = lower($2)")
            .bind(&area.slug)
            .bind(&area.label)
            .fetch_optional(db.pool())
            .await?;
    if exists.is_some() {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO focus_areas (slug, label, position, created_at)
         SELECT $1, $2, COALESCE(MAX(position), 0) + 1, $3 FROM focus_areas",
    )
    .bind(&area.slug)
    .bind(&area.label)
    .bind(now_ms())
    .execute(db.pool())
    .await?;
    Ok(true)
}
