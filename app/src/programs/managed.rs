//! What a program's coordinators run it with: its cycles with their
//! enrolments, pairs and topics, and who coordinates it.

use super::model::{Enrolment, ManagedCycle, Role};
use super::store::cycles;
use crate::{db::Db, error::AppError};

/// A program's cycles with their enrolments, pairs and topics, for its coordinators.
pub async fn managed_cycles(
    db: &Db,
    program_id: i64,
    now: i64,
) -> Result<Vec<ManagedCycle>, AppError> {
    let mut out = Vec::new();
    for cycle in cycles(db, program_id).await? {
        let rows: Vec<(i64, String, String, Role, i64)> = sqlx::query_as(
            "SELECT u.id, u.display_name, u.email, e.role, e.enrolled_at
             FROM enrolments e JOIN users u ON u.id = e.user_id
             WHERE e.cycle_id = $1 ORDER BY e.role, u.display_name",
        )
        .bind(cycle.id)
        .fetch_all(db.pool())
        .await?;
        let (pairs,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM mentorships WHERE cycle_id = $1 AND state = 'accepted'",
        )
        .bind(cycle.id)
        .fetch_one(db.pool())
        .await?;
        out.push(ManagedCycle {
            phase: cycle.phase(now),
            cycle: cycle.clone(),
            enrolments: rows
                .into_iter()
                .map(|(user_id, name, email, role, enrolled_at)| Enrolment {
                    user_id,
                    name,
                    email,
                    role,
                    enrolled_at,
                })
                .collect(),
            pairs,
            topics: super::topics::of_cycle(db, cycle.id).await?,
        });
    }
    Ok(out)
}

/// A program's coordinators, who may be liaisons: (id, name).
pub async fn coordinators(db: &Db, program_id: i64) -> Result<Vec<(i64, String)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT u.id, u.display_name FROM program_coordinators c JOIN users u ON u.id = c.user_id
         WHERE c.program_id = $1 ORDER BY u.display_name",
    )
    .bind(program_id)
    .fetch_all(db.pool())
    .await?)
}

/// The coordinators' addresses, for administrators, who name them.
pub async fn coordinator_emails(db: &Db, program_id: i64) -> Result<Vec<String>, AppError> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT u.email FROM program_coordinators c JOIN users u ON u.id = c.user_id
         WHERE c.program_id = $1 ORDER BY u.email",
    )
    .bind(program_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(|(e,)| e).collect())
}
