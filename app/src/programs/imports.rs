//! Importing a cycle's members from CSV (name, email, role, tags): a dry run
//! shows what each row would do and every row's problem; the import itself
//! runs in one transaction, and only when no row has a problem, so nothing
//! is ever half-imported. Members without an account are invited by email.

use super::model::{ImportPreview, ImportRow, Phase, Role};
use crate::{
    accounts::model::{normalise_email, Email},
    db::Db,
    error::AppError,
    programs::store::cycle_and_program,
};
use sqlx::AnyConnection;
use std::collections::HashMap;

/// At most this many rows in one file.
pub const MAX_ROWS: usize = 2000;

/// A row as the preview shows it, and what importing it does: `plan` is
/// there exactly when the row has no problem.
struct Parsed {
    row: ImportRow,
    plan: Option<Plan>,
}

/// Whom an importable row enrols (a member) or invites (by email), and as what.
struct Plan {
    email: String,
    role: Role,
    user_id: Option<i64>,
}

/// Reads the CSV and checks every row against the cycle as it is now.
async fn check(
    db: &Db,
    cycle_id: i64,
    text: &str,
    now: i64,
) -> Result<(String, Vec<Parsed>), AppError> {
    let (cycle, program) = cycle_and_program(db, cycle_id).await?;
    if cycle.phase(now) == Phase::Ended {
        return Err(AppError::form(
            crate::tr!(programs.import.ended, cycle = &cycle.name).to_string(),
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|_| AppError::form(crate::tr!(programs.import.not_csv)))?
        .iter()
        .map(|h| h.to_lowercase())
        .collect();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let (Some(name_at), Some(email_at), Some(role_at)) =
        (column("name"), column("email"), column("role"))
    else {
        return Err(AppError::form(crate::tr!(programs.import.columns)));
    };
    let tags_at = column("tags");
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    let (invited,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM invitations WHERE cycle_id = $1 AND role = 'mentee' AND accepted_at IS NULL",
    )
    .bind(cycle_id)
    .fetch_one(db.pool())
    .await?;
    let mut mentee_places = cycle.capacity - cycle.mentees - invited;
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        if out.len() == MAX_ROWS {
            return Err(AppError::form(
                crate::tr!(programs.import.max_rows, max = MAX_ROWS).to_string(),
            ));
        }
        let record = record.map_err(|e| {
            AppError::form(
                crate::tr!(programs.import.line_unreadable, line = line, why = e).to_string(),
            )
        })?;
        let get = |at: Option<usize>| {
            at.and_then(|a| record.get(a))
                .unwrap_or_default()
                .to_owned()
        };
        let (name, raw_email, raw_role, tags) = (
            get(Some(name_at)),
            get(Some(email_at)),
            get(Some(role_at)),
            get(tags_at),
        );
        if name.is_empty() && raw_email.is_empty() && raw_role.is_empty() {
            continue;
        }
        let email = normalise_email(&raw_email);
        let role = Role::from_slug(&raw_role.to_lowercase());
        let mut problem = None;
        if name.chars().count() < 2 || name.chars().count() > 80 {
            problem = Some(crate::tr!(programs.import.bad_name).to_owned());
        } else if Email::parse(&raw_email).is_err() {
            problem = Some(crate::tr!(programs.import.bad_email, email = &raw_email).to_string());
        } else if role.is_none() {
            problem = Some(crate::tr!(programs.import.bad_role, role = &raw_role).to_string());
        } else if let Some(first) = seen.get(&format!("{email}/{raw_role}")) {
            problem = Some(crate::tr!(programs.import.twice, line = *first).to_string());
        }
        seen.entry(format!("{email}/{raw_role}")).or_insert(line);
        // An unproven address is not yet its holder's: invite it instead, and
        // the invitation is taken up when the address is confirmed.
        let user: Option<(i64,)> = sqlx::query_as(
            "SELECT id FROM users WHERE email = $1 AND email_verified_at IS NOT NULL",
        )
        .bind(&email)
        .fetch_optional(db.pool())
        .await?;
        let user_id = user.map(|(id,)| id);
        if let (None, Some(role)) = (&problem, role) {
            let enrolled: Option<(i64,)> = match user_id {
                Some(u) => sqlx::query_as(
                    "SELECT user_id FROM enrolments WHERE cycle_id = $1 AND user_id = $2 AND role = $3",
                )
                .bind(cycle_id)
                .bind(u)
                .bind(role)
                .fetch_optional(db.pool())
                .await?,
                None => sqlx::query_as(
                    "SELECT id FROM invitations WHERE cycle_id = $1 AND email = $2 AND role = $3",
                )
                .bind(cycle_id)
                .bind(&email)
                .bind(role)
                .fetch_optional(db.pool())
                .await?,
            };
            let as_role = role.label().to_lowercase();
            if enrolled.is_some() {
                problem = Some(if user_id.is_some() {
                    crate::tr!(
                        programs.import.already_enrolled,
                        cycle = &cycle.name,
                        role = as_role
                    )
                    .to_string()
                } else {
                    crate::tr!(
                        programs.import.already_invited,
                        cycle = &cycle.name,
                        role = as_role
                    )
                    .to_string()
                });
            } else if role == Role::Mentee {
                if mentee_places <= 0 {
                    problem = Some(
                        crate::tr!(
                            programs.import.full,
                            count = cycle.capacity,
                            cycle = &cycle.name
                        )
                        .to_string(),
                    );
                } else {
                    mentee_places -= 1;
                }
            }
        }
        let as_role = role.map(|r| r.label().to_lowercase()).unwrap_or_default();
        let outcome = match (&problem, user_id) {
            (Some(p), _) => p.clone(),
            (None, Some(_)) => crate::tr!(programs.import.will_enrol, role = as_role).to_string(),
            (None, None) => crate::tr!(programs.import.will_invite, role = as_role).to_string(),
        };
        out.push(Parsed {
            row: ImportRow {
                line,
                name,
                email: raw_email,
                role: raw_role,
                tags,
                error: problem.is_some(),
                outcome,
            },
            plan: role.filter(|_| problem.is_none()).map(|role| Plan {
                email,
                role,
                user_id,
            }),
        });
    }
    if out.is_empty() {
        return Err(AppError::form(crate::tr!(programs.import.no_rows)));
    }
    Ok((format!("{} {}", program.name, cycle.name), out))
}

/// Keeps a file for its preview; returns the draft's id.
pub async fn save_draft(
    db: &Db,
    user_id: i64,
    cycle_id: i64,
    text: &str,
    now: i64,
) -> Result<i64, AppError> {
    if text.len() > 1_000_000 {
        return Err(AppError::form(crate::tr!(programs.import.too_big)));
    }
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO import_drafts (cycle_id, created_by, csv, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(cycle_id)
    .bind(user_id)
    .bind(text)
    .bind(now)
    .fetch_one(db.pool())
    .await?;
    Ok(id)
}

/// A draft's cycle and file, if it belongs to `program_id` and has not been imported.
pub async fn draft(db: &Db, program_id: i64, draft_id: i64) -> Result<(i64, String), AppError> {
    let row: Option<(i64, String, Option<i64>)> = sqlx::query_as(
        "SELECT d.cycle_id, d.csv, d.applied_at FROM import_drafts d JOIN cycles c ON c.id = d.cycle_id
         WHERE d.id = $1 AND c.program_id = $2",
    )
    .bind(draft_id)
    .bind(program_id)
    .fetch_optional(db.pool())
    .await?;
    match row {
        None => Err(AppError::NotFound),
        Some((_, _, Some(_))) => Err(AppError::conflict(crate::tr!(programs.import.done_already))),
        Some((cycle, csv, None)) => Ok((cycle, csv)),
    }
}

/// Checks a draft and, with `apply`, imports it: all rows or none.
pub async fn import(
    db: &Db,
    inviter: i64,
    draft_id: i64,
    cycle_id: i64,
    text: &str,
    apply: bool,
    now: i64,
) -> Result<ImportPreview, AppError> {
    let (cycle_name, rows) = check(db, cycle_id, text, now).await?;
    let errors = rows.iter().filter(|r| r.plan.is_none()).count();
    if apply && errors > 0 {
        return Err(AppError::form(
            crate::tr!(programs.import.rows_with_problems, count = errors).to_string(),
        ));
    }
    if apply {
        let mut tx = db.pool().begin().await?;
        // Write first: the cycle's row serialises enrolments (and capacity).
        sqlx::query("UPDATE cycles SET capacity = capacity WHERE id = $1")
            .bind(cycle_id)
            .execute(&mut *tx)
            .await?;
        // No row has a problem, so every row has its plan.
        for (r, plan) in rows.iter().filter_map(|r| Some((r, r.plan.as_ref()?))) {
            let written = match plan.user_id {
                Some(user_id) => {
                    enrol_imported(&mut tx, cycle_id, user_id, plan.role, &r.row.tags, now).await
                }
                None => invite(&mut tx, inviter, cycle_id, &cycle_name, &r.row, plan, now).await,
            };
            match written {
                Ok(()) => {}
                Err(e) if crate::db::is_unique_violation(&e) => {
                    return Err(AppError::conflict(
                        crate::tr!(programs.import.meanwhile, line = r.row.line).to_string(),
                    ))
                }
                Err(e) => return Err(e.into()),
            }
        }
        // Re-check capacity inside the transaction: members may have enrolled since the check.
        let (mentees, capacity): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM enrolments WHERE cycle_id = $1 AND role = 'mentee')
                  + (SELECT COUNT(*) FROM invitations WHERE cycle_id = $1 AND role = 'mentee' AND accepted_at IS NULL),
                    capacity FROM cycles WHERE id = $1",
        )
        .bind(cycle_id)
        .fetch_one(&mut *tx)
        .await?;
        if mentees > capacity {
            return Err(AppError::conflict(crate::tr!(programs.import.filled_up)));
        }
        let marked = sqlx::query(
            "UPDATE import_drafts SET applied_at = $1 WHERE id = $2 AND applied_at IS NULL",
        )
        .bind(now)
        .bind(draft_id)
        .execute(&mut *tx)
        .await?;
        if marked.rows_affected() == 0 {
            return Err(AppError::conflict(crate::tr!(programs.import.done_already)));
        }
        tx.commit().await?;
    }
    Ok(ImportPreview {
        cycle_name,
        rows: rows.into_iter().map(|r| r.row).collect(),
        errors,
        applied: apply,
    })
}

async fn enrol_imported(
    conn: &mut AnyConnection,
    cycle_id: i64,
    user_id: i64,
    role: Role,
    tags: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO enrolments (cycle_id, user_id, role, note, enrolled_at, tags)
         VALUES ($1, $2, $3, '', $4, $5)",
    )
    .bind(cycle_id)
    .bind(user_id)
    .bind(role)
    .bind(now)
    .bind(tags)
    .execute(conn)
    .await?;
    Ok(())
}

/// Invites by email someone without an account: in the inviting
/// coordinator's language, the only one known.
async fn invite(
    conn: &mut AnyConnection,
    inviter: i64,
    cycle_id: i64,
    cycle_name: &str,
    row: &ImportRow,
    plan: &Plan,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO invitations (email, name, cycle_id, role, tags, invited_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&plan.email)
    .bind(&row.name)
    .bind(cycle_id)
    .bind(plan.role)
    .bind(&row.tags)
    .bind(inviter)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO emails (to_address, to_name, subject, body, link, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&plan.email)
    .bind(&row.name)
    .bind(crate::tr!(programs.import.invite_subject, cycle = cycle_name).to_string())
    .bind(format!(
        "{}\n\n{}",
        crate::tr!(programs.import.invite_hello, name = &row.name),
        crate::tr!(
            programs.import.invite_body,
            cycle = cycle_name,
            role = plan.role.label().to_lowercase()
        )
    ))
    .bind("/signup")
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Enrols a new member in the cycles they were invited to, by their address.
pub async fn accept_invitations(
    db: &Db,
    user_id: i64,
    email: &str,
    now: i64,
) -> Result<usize, AppError> {
    let mut tx = db.pool().begin().await?;
    let taken = sqlx::query(
        "UPDATE invitations SET accepted_at = $1 WHERE email = $2 AND accepted_at IS NULL",
    )
    .bind(now)
    .bind(email)
    .execute(&mut *tx)
    .await?;
    if taken.rows_affected() == 0 {
        return Ok(0);
    }
    let invited: Vec<(i64, Role, String)> = sqlx::query_as(
        "SELECT cycle_id, role, tags FROM invitations WHERE email = $1 AND accepted_at = $2",
    )
    .bind(email)
    .bind(now)
    .fetch_all(&mut *tx)
    .await?;
    for (cycle_id, role, tags) in &invited {
        sqlx::query(
            "INSERT INTO enrolments (cycle_id, user_id, role, note, enrolled_at, tags)
             VALUES ($1, $2, $3, '', $4, $5) ON CONFLICT DO NOTHING",
        )
        .bind(cycle_id)
        .bind(user_id)
        .bind(role)
        .bind(now)
        .bind(tags)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(invited.len())
}
