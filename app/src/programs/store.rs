//! Programs, cycles and enrolments in the database. Enrolment locks the cycle's
//! row first, so capacity holds however many members enrol at once.

use super::{eligibility::Standing, model::*};
use crate::dates::DAY_MS;
use crate::{
    accounts::model::CurrentUser,
    db::{is_unique_violation, Db},
    error::{AppError, FieldErrors},
    profiles::model::CareerStage,
};
use sqlx::AnyConnection;

#[derive(sqlx::FromRow)]
struct ProgramRow {
    id: i64,
    slug: String,
    name: String,
    description: String,
    kind: ProgramKind,
    matching: Matching,
    contact: Contact,
    mentor_min_years: i64,
    mentee_stages: String,
    required_tags: String,
}

impl From<ProgramRow> for Program {
    fn from(r: ProgramRow) -> Self {
        Program {
            id: r.id,
            slug: r.slug,
            name: r.name,
            description: r.description,
            kind: r.kind,
            matching: r.matching,
            contact: r.contact,
            mentor_min_years: r.mentor_min_years,
            mentee_stages: r
                .mentee_stages
                .split(',')
                .filter_map(CareerStage::from_slug)
                .collect(),
            required_tags: r
                .required_tags
                .split(',')
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect(),
        }
    }
}

const PROGRAM_SELECT: &str = "SELECT id, slug, name, description, kind, matching, contact,
        mentor_min_years, mentee_stages, required_tags FROM programs";

const CYCLE_SELECT: &str = "SELECT c.id, c.program_id, c.name, c.starts_on, c.ends_on,
        c.enrol_opens, c.enrol_closes, c.capacity,
        (SELECT COUNT(*) FROM enrolments e WHERE e.cycle_id = c.id AND e.role = 'mentee') AS mentees,
        (SELECT COUNT(*) FROM enrolments e WHERE e.cycle_id = c.id AND e.role = 'mentor') AS mentors
    FROM cycles c";

#[derive(sqlx::FromRow)]
struct CycleRow {
    id: i64,
    program_id: i64,
    name: String,
    starts_on: i64,
    ends_on: i64,
    enrol_opens: i64,
    enrol_closes: i64,
    capacity: i64,
    mentees: i64,
    mentors: i64,
}

impl From<CycleRow> for Cycle {
    fn from(r: CycleRow) -> Self {
        Cycle {
            id: r.id,
            program_id: r.program_id,
            name: r.name,
            starts_on: r.starts_on,
            ends_on: r.ends_on,
            enrol_opens: r.enrol_opens,
            enrol_closes: r.enrol_closes,
            capacity: r.capacity,
            mentees: r.mentees,
            mentors: r.mentors,
        }
    }
}

pub async fn program_by_slug(db: &Db, slug: &str) -> Result<Program, AppError> {
    let row: Option<ProgramRow> = sqlx::query_as(&format!("{PROGRAM_SELECT} WHERE slug = $1"))
        .bind(slug)
        .fetch_optional(db.pool())
        .await?;
    row.map(Program::from).ok_or(AppError::NotFound)
}

pub async fn program_by_id(conn: &mut AnyConnection, id: i64) -> Result<Program, AppError> {
    let row: Option<ProgramRow> = sqlx::query_as(&format!("{PROGRAM_SELECT} WHERE id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.map(Program::from).ok_or(AppError::NotFound)
}

async fn coordinator_names(db: &Db, program_id: i64) -> Result<Vec<String>, AppError> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT u.display_name FROM program_coordinators c JOIN users u ON u.id = c.user_id
         WHERE c.program_id = $1 ORDER BY u.display_name",
    )
    .bind(program_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(|(n,)| n).collect())
}

/// Whether `user` may run `program`: its coordinators and administrators.
pub async fn can_manage(db: &Db, user: &CurrentUser, program_id: i64) -> Result<bool, AppError> {
    if user.is_admin() {
        return Ok(true);
    }
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT user_id FROM program_coordinators WHERE program_id = $1 AND user_id = $2",
    )
    .bind(program_id)
    .bind(user.id)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.is_some())
}

/// Refuses anyone but the program's coordinators and administrators, saying
/// what only they can do: `what` is an infinitive phrase in the reader's
/// language, e.g. `tr!(programs.can.read_reports)`.
pub async fn require_coordinator(
    db: &Db,
    user: &CurrentUser,
    program: &Program,
    what: &str,
) -> Result<(), AppError> {
    if can_manage(db, user, program.id).await? {
        Ok(())
    } else {
        Err(AppError::forbidden(
            crate::tr!(
                programs.errors.only_coordinators,
                program = &program.name,
                what = what
            )
            .to_string(),
        ))
    }
}

/// `slug`'s program, when `user` runs it; refused otherwise, saying `what`
/// only its coordinators can do.
pub async fn coordinated_by(
    db: &Db,
    user: &CurrentUser,
    slug: &str,
    what: &str,
) -> Result<Program, AppError> {
    let program = program_by_slug(db, slug).await?;
    require_coordinator(db, user, &program, what).await?;
    Ok(program)
}

pub(super) async fn cycles(db: &Db, program_id: i64) -> Result<Vec<Cycle>, AppError> {
    let rows: Vec<CycleRow> = sqlx::query_as(&format!(
        "{CYCLE_SELECT} WHERE c.program_id = $1 ORDER BY c.starts_on DESC, c.id DESC"
    ))
    .bind(program_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(Cycle::from).collect())
}

pub async fn cycle_in(conn: &mut AnyConnection, id: i64) -> Result<Cycle, AppError> {
    let row: Option<CycleRow> = sqlx::query_as(&format!("{CYCLE_SELECT} WHERE c.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.map(Cycle::from).ok_or(AppError::NotFound)
}

/// A cycle and its program, read outside any transaction.
pub async fn cycle_and_program(db: &Db, cycle_id: i64) -> Result<(Cycle, Program), AppError> {
    let mut conn = db.pool().acquire().await?;
    let cycle = cycle_in(&mut conn, cycle_id).await?;
    let program = program_by_id(&mut conn, cycle.program_id).await?;
    Ok((cycle, program))
}

/// Every program, by name, with its coordinators and the cycle open for enrolment.
pub async fn list(db: &Db, now: i64) -> Result<Vec<ProgramSummary>, AppError> {
    let rows: Vec<ProgramRow> = sqlx::query_as(&format!("{PROGRAM_SELECT} ORDER BY name"))
        .fetch_all(db.pool())
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let program = Program::from(row);
        let enrolling = cycles(db, program.id)
            .await?
            .into_iter()
            .find(|c| c.phase(now) == Phase::Enrolling)
            .map(|c| c.name);
        out.push(ProgramSummary {
            coordinators: coordinator_names(db, program.id).await?,
            program,
            enrolling,
        });
    }
    Ok(out)
}

async fn my_roles(db: &Db, user_id: i64, cycle_id: i64) -> Result<Vec<Role>, AppError> {
    let rows: Vec<(Role,)> =
        sqlx::query_as("SELECT role FROM enrolments WHERE cycle_id = $1 AND user_id = $2")
            .bind(cycle_id)
            .bind(user_id)
            .fetch_all(db.pool())
            .await?;
    Ok(rows.into_iter().map(|(r,)| r).collect())
}

/// The mentor's note from their latest earlier cycle of this program.
async fn last_mentor_note(
    conn: &mut AnyConnection,
    user_id: i64,
    program_id: i64,
    before_cycle: i64,
) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT e.note FROM enrolments e JOIN cycles c ON c.id = e.cycle_id
         WHERE e.user_id = $1 AND e.role = 'mentor' AND c.program_id = $2 AND c.id <> $3
         ORDER BY c.starts_on DESC LIMIT 1",
    )
    .bind(user_id)
    .bind(program_id)
    .bind(before_cycle)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(n,)| n))
}

async fn cycle_mentors(db: &Db, cycle_id: i64) -> Result<Vec<CycleMentor>, AppError> {
    let rows: Vec<(i64, String, Option<String>, String)> = sqlx::query_as(
        "SELECT u.id, u.display_name, p.position, e.note
         FROM enrolments e JOIN users u ON u.id = e.user_id
         LEFT JOIN profiles p ON p.user_id = e.user_id
         WHERE e.cycle_id = $1 AND e.role = 'mentor' ORDER BY u.display_name",
    )
    .bind(cycle_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, position, note)| CycleMentor {
            id,
            name,
            position: position.unwrap_or_default(),
            note,
        })
        .collect())
}

/// The focus areas `user_id` waits to be matched in within a cycle.
async fn asked_in(db: &Db, user_id: i64, cycle_id: i64) -> Result<Vec<String>, AppError> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT f.label FROM assignment_requests a JOIN focus_areas f ON f.slug = a.focus
         WHERE a.mentee_id = $1 AND a.cycle_id = $2 AND a.state = 'open' ORDER BY f.label",
    )
    .bind(user_id)
    .bind(cycle_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(|(l,)| l).collect())
}

/// The program page for `viewer` (None: a visitor). A cycle's mentors are
/// listed only to members enrolled in it and to coordinators.
pub async fn page(
    db: &Db,
    slug: &str,
    viewer: Option<&CurrentUser>,
    now: i64,
) -> Result<ProgramPage, AppError> {
    let program = program_by_slug(db, slug).await?;
    let can_manage = match viewer {
        Some(v) => can_manage(db, v, program.id).await?,
        None => false,
    };
    let mut views = Vec::new();
    for cycle in cycles(db, program.id).await? {
        let phase = cycle.phase(now);
        let (mine, renew_note) = match viewer {
            Some(v) => {
                let mine = my_roles(db, v.id, cycle.id).await?;
                let renew = if phase == Phase::Enrolling && !mine.contains(&Role::Mentor) {
                    let mut conn = db.pool().acquire().await?;
                    last_mentor_note(&mut conn, v.id, program.id, cycle.id).await?
                } else {
                    None
                };
                (mine, renew)
            }
            None => (Vec::new(), None),
        };
        let mentors = if can_manage || !mine.is_empty() {
            Some(cycle_mentors(db, cycle.id).await?)
        } else {
            None
        };
        let asked = match viewer {
            Some(v) if mine.contains(&Role::Mentee) => asked_in(db, v.id, cycle.id).await?,
            _ => Vec::new(),
        };
        views.push(CycleView {
            cycle,
            phase,
            mine,
            renew_note,
            mentors,
            asked,
        });
    }
    let focus_areas = if viewer.is_some() && program.matching != Matching::Choose {
        crate::profiles::store::focus_areas(db).await?
    } else {
        Vec::new()
    };
    Ok(ProgramPage {
        coordinators: coordinator_names(db, program.id).await?,
        program,
        cycles: views,
        signed_in: viewer.is_some(),
        can_manage,
        focus_areas,
    })
}

/// Creates a program and names its coordinators, who must already be members.
pub async fn create_program(db: &Db, p: &NewProgram, now: i64) -> Result<String, AppError> {
    let coordinator_ids = member_ids(db, &p.coordinators, FieldErrors::new()).await?;
    let mut tx = db.pool().begin().await?;
    let stages: Vec<&str> = p.mentee_stages.iter().map(|s| s.slug()).collect();
    let inserted: Result<(i64,), sqlx::Error> = sqlx::query_as(
        "INSERT INTO programs (slug, name, description, kind, matching, contact,
             mentor_min_years, mentee_stages, required_tags, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(&p.slug)
    .bind(&p.name)
    .bind(&p.description)
    .bind(p.kind)
    .bind(p.matching)
    .bind(p.contact)
    .bind(p.mentor_min_years)
    .bind(stages.join(","))
    .bind(p.required_tags.join(","))
    .bind(now)
    .fetch_one(&mut *tx)
    .await;
    let id = match inserted {
        Ok((id,)) => id,
        Err(e) if is_unique_violation(&e) => {
            let mut errors = FieldErrors::new().keep("name", &p.name);
            errors.add("name", crate::tr!(programs.program_form.name_taken));
            return Err(AppError::Invalid(errors));
        }
        Err(e) => return Err(e.into()),
    };
    crate::feedback::store::add_default_questions(&mut tx, id).await?;
    for user_id in coordinator_ids {
        sqlx::query(
            "INSERT INTO program_coordinators (program_id, user_id) VALUES ($1, $2)
             ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(p.slug.clone())
}

/// The members with these addresses, or a refusal on the coordinators field
/// naming the addresses no member has (added to `errors`, which keeps the form).
async fn member_ids(
    db: &Db,
    emails: &[String],
    mut errors: FieldErrors,
) -> Result<Vec<i64>, AppError> {
    let mut ids = Vec::new();
    let mut unknown = Vec::new();
    for email in emails {
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT id FROM users WHERE email = $1 AND email_verified_at IS NOT NULL",
        )
        .bind(
            crate::accounts::model::Email::parse(email)
                .map_or_else(|_| email.clone(), |e| e.as_str().to_owned()),
        )
        .fetch_optional(db.pool())
        .await?;
        match row {
            Some((id,)) => ids.push(id),
            None => unknown.push(email.clone()),
        }
    }
    if !unknown.is_empty() {
        let addresses = unknown.join(", ");
        let message = crate::tr!(
            programs.program_form.unknown_coordinators,
            addresses = addresses
        );
        errors.add("coordinators", message.to_string());
        return Err(AppError::Invalid(errors));
    }
    Ok(ids)
}

/// Names a program's coordinators anew. Pairs whose liaison is no longer
/// among them have no liaison until one is assigned, so nobody removed keeps
/// receiving a pair's calls for help.
pub async fn set_coordinators(db: &Db, program_id: i64, emails: &[String]) -> Result<(), AppError> {
    let kept = FieldErrors::new().keep("coordinators", &emails.join(", "));
    let ids = member_ids(db, emails, kept).await?;
    let mut tx = db.pool().begin().await?;
    sqlx::query("DELETE FROM program_coordinators WHERE program_id = $1")
        .bind(program_id)
        .execute(&mut *tx)
        .await?;
    for user_id in ids {
        sqlx::query(
            "INSERT INTO program_coordinators (program_id, user_id) VALUES ($1, $2)
             ON CONFLICT DO NOTHING",
        )
        .bind(program_id)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query(
        "UPDATE mentorships SET liaison_id = NULL
         WHERE liaison_id IS NOT NULL
           AND cycle_id IN (SELECT id FROM cycles WHERE program_id = $1)
           AND liaison_id NOT IN (SELECT user_id FROM program_coordinators WHERE program_id = $1)",
    )
    .bind(program_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn add_cycle(db: &Db, program_id: i64, c: &NewCycle, now: i64) -> Result<i64, AppError> {
    let inserted: Result<(i64,), sqlx::Error> = sqlx::query_as(
        "INSERT INTO cycles (program_id, name, starts_on, ends_on, enrol_opens, enrol_closes,
             capacity, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(program_id)
    .bind(&c.name)
    .bind(c.starts_on)
    .bind(c.ends_on)
    .bind(c.enrol_opens)
    .bind(c.enrol_closes)
    .bind(c.capacity)
    .bind(now)
    .fetch_one(db.pool())
    .await;
    match inserted {
        Ok((id,)) => Ok(id),
        Err(e) if is_unique_violation(&e) => Err(duplicate_cycle_name(c)),
        Err(e) => Err(e.into()),
    }
}

fn duplicate_cycle_name(c: &NewCycle) -> AppError {
    let mut errors = c.kept();
    errors.add("name", crate::tr!(programs.cycle_form.name_taken));
    AppError::Invalid(errors)
}

/// A cycle of `program_id` as its coordinators change it.
pub async fn cycle_to_edit(
    db: &Db,
    program: Program,
    cycle_id: i64,
    now: i64,
) -> Result<CycleEdit, AppError> {
    let mut conn = db.pool().acquire().await?;
    let cycle = cycle_in(&mut conn, cycle_id).await?;
    if cycle.program_id != program.id {
        return Err(AppError::NotFound);
    }
    let ended = cycle.phase(now) == Phase::Ended;
    Ok(CycleEdit {
        program,
        cycle,
        ended,
    })
}

/// Changes a cycle's name, dates or places. An ended cycle keeps its dates
/// (members' records and letters cite them); places cannot drop below the
/// mentees enrolled; and the end cannot move before today, which would
/// complete the pairs' mentorships at once.
pub async fn update_cycle(
    db: &Db,
    program_id: i64,
    cycle_id: i64,
    c: &NewCycle,
    now: i64,
) -> Result<(), AppError> {
    let mut tx = db.pool().begin().await?;
    // Write first: the lock enrolment takes, so the mentees are counted
    // after any enrolment in flight.
    let locked =
        sqlx::query("UPDATE cycles SET capacity = capacity WHERE id = $1 AND program_id = $2")
            .bind(cycle_id)
            .bind(program_id)
            .execute(&mut *tx)
            .await?;
    if locked.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    let cycle = cycle_in(&mut tx, cycle_id).await?;
    if cycle.phase(now) == Phase::Ended {
        return Err(AppError::conflict(
            crate::tr!(programs.cycle_form.ended_stays, cycle = &cycle.name).to_string(),
        ));
    }
    let mut errors = c.kept();
    if c.ends_on < now - now.rem_euclid(DAY_MS) {
        errors.add("ends_on", crate::tr!(programs.cycle_form.end_before_today));
    }
    if c.capacity < cycle.mentees {
        let message = crate::tr!(programs.cycle_form.below_enrolled, count = cycle.mentees);
        errors.add("capacity", message.to_string());
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let updated = sqlx::query(
        "UPDATE cycles SET name = $1, starts_on = $2, ends_on = $3, enrol_opens = $4,
             enrol_closes = $5, capacity = $6
         WHERE id = $7",
    )
    .bind(&c.name)
    .bind(c.starts_on)
    .bind(c.ends_on)
    .bind(c.enrol_opens)
    .bind(c.enrol_closes)
    .bind(c.capacity)
    .bind(cycle_id)
    .execute(&mut *tx)
    .await;
    match updated {
        Ok(_) => {}
        Err(e) if is_unique_violation(&e) => return Err(duplicate_cycle_name(c)),
        Err(e) => return Err(e.into()),
    }
    tx.commit().await?;
    Ok(())
}

async fn standing(conn: &mut AnyConnection, user_id: i64) -> Result<Option<Standing>, AppError> {
    let row: Option<(i64, CareerStage)> =
        sqlx::query_as("SELECT years_professional, career_stage FROM profiles WHERE user_id = $1")
            .bind(user_id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some((years, stage)) = row else {
        return Ok(None);
    };
    let tags: Vec<(String,)> = sqlx::query_as(
        "SELECT value FROM profile_tags WHERE user_id = $1 AND kind = 'affiliation'",
    )
    .bind(user_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(Some(Standing {
        years_professional: years,
        career_stage: stage,
        affiliations: tags.into_iter().map(|(t,)| t).collect(),
    }))
}

/// Enrols `user_id` in a cycle as `role`, or says in words which rule stops it.
pub async fn enrol(
    db: &Db,
    user_id: i64,
    cycle_id: i64,
    role: Role,
    note: &str,
    now: i64,
) -> Result<(), AppError> {
    let mut tx = db.pool().begin().await?;
    // Write first: the cycle's row serialises its enrolments, so the last
    // mentee place goes to one member only.
    let locked = sqlx::query("UPDATE cycles SET capacity = capacity WHERE id = $1")
        .bind(cycle_id)
        .execute(&mut *tx)
        .await?;
    if locked.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    let cycle = cycle_in(&mut tx, cycle_id).await?;
    let program = program_by_id(&mut tx, cycle.program_id).await?;
    if let Some(why) = cycle.closed_reason(role, now) {
        return Err(AppError::form(why));
    }
    let standing = standing(&mut tx, user_id).await?;
    if let Some(why) = program.unmet_rule(role, standing.as_ref()) {
        return Err(AppError::form(why));
    }
    let inserted = sqlx::query(
        "INSERT INTO enrolments (cycle_id, user_id, role, note, enrolled_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(cycle_id)
    .bind(user_id)
    .bind(role)
    .bind(note)
    .bind(now)
    .execute(&mut *tx)
    .await;
    match inserted {
        Ok(_) => {}
        Err(e) if is_unique_violation(&e) => {
            let role = role.label().to_lowercase();
            return Err(AppError::conflict(
                crate::tr!(
                    programs.errors.already_enrolled,
                    cycle = &cycle.name,
                    role = role
                )
                .to_string(),
            ));
        }
        Err(e) => return Err(e.into()),
    }
    tx.commit().await?;
    Ok(())
}

/// Enrols a mentor again with the note from their last cycle of this program.
pub async fn renew(db: &Db, user_id: i64, cycle_id: i64, now: i64) -> Result<(), AppError> {
    let (cycle, program) = cycle_and_program(db, cycle_id).await?;
    let mut conn = db.pool().acquire().await?;
    let note = last_mentor_note(&mut conn, user_id, program.id, cycle.id).await?;
    drop(conn);
    let Some(note) = note else {
        return Err(AppError::conflict(
            crate::tr!(programs.errors.not_mentored_before, program = &program.name).to_string(),
        ));
    };
    enrol(db, user_id, cycle_id, Role::Mentor, &note, now).await
}

/// Leaves a cycle. Mentorships already made carry on.
pub async fn leave(db: &Db, user_id: i64, cycle_id: i64, role: Role) -> Result<(), AppError> {
    let gone =
        sqlx::query("DELETE FROM enrolments WHERE cycle_id = $1 AND user_id = $2 AND role = $3")
            .bind(cycle_id)
            .bind(user_id)
            .bind(role)
            .execute(db.pool())
            .await?;
    if gone.rows_affected() == 0 {
        let role = role.label().to_lowercase();
        return Err(AppError::conflict(
            crate::tr!(programs.errors.not_enrolled, role = role).to_string(),
        ));
    }
    Ok(())
}

/// The cycle a new request between these two belongs to: one that has not
/// ended, in which the mentor enrolled as a mentor and the mentee as a mentee,
/// in a program that lets mentees choose (or the request comes from a
/// coordinator). The cycle ending soonest wins.
pub async fn cycle_for_pair(
    conn: &mut AnyConnection,
    mentor_id: i64,
    mentee_id: i64,
    assigned: bool,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT c.id FROM cycles c
         JOIN programs p ON p.id = c.program_id
         JOIN enrolments r ON r.cycle_id = c.id AND r.user_id = $1 AND r.role = 'mentor'
         JOIN enrolments e ON e.cycle_id = c.id AND e.user_id = $2 AND e.role = 'mentee'
         WHERE c.completed_at IS NULL AND c.ends_on + 86400000 > $3
           AND (p.matching <> 'assign' OR $4 = 1)
         ORDER BY c.ends_on, c.id LIMIT 1",
    )
    .bind(mentor_id)
    .bind(mentee_id)
    .bind(now)
    .bind(i64::from(assigned))
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(id,)| id))
}

/// Claims a cycle's completion for one instance.
pub const CLAIM_COMPLETION: &str =
    "UPDATE cycles SET completed_at = $1 WHERE id = $2 AND completed_at IS NULL";

/// Cycles past their last day and not yet completed.
pub async fn due_completion(db: &Db, now: i64) -> Result<Vec<i64>, AppError> {
    let due: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM cycles WHERE completed_at IS NULL AND ends_on + 86400000 <= $1",
    )
    .bind(now)
    .fetch_all(db.pool())
    .await?;
    Ok(due.into_iter().map(|(id,)| id).collect())
}
