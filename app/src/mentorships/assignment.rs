//! Assignment by a coordinator: mentees who ask to be assigned wait in a
//! queue (the site's, or a program's when they ask within one of its cycles); each queued request gets ranked suggestions from the directory's fit
//! score, and "match everyone" proposes the assignment of the whole queue that
//! fills the most requests with the highest total fit (`matching`). Nothing is
//! sent until a coordinator confirms; then each pair is an ordinary request the
//! mentor accepts or declines.

use super::{
    matching::best_assignment,
    model::*,
    store::{request_in, NewRequest},
};
use crate::{
    accounts::store::language_of,
    db::Db,
    directory::{
        index::{Directory, State as Index},
        query::Facet,
        search::Seeker,
    },
    error::AppError,
    i18n::td_string,
    notifications::{
        model::Kind,
        store::{notify, Notice},
    },
    profiles::{model::FocusArea, store::load_profile},
};
use roaring::RoaringBitmap;

/// Suggestions shown per queued request.
const SUGGESTIONS: usize = 5;

/// Whose queue: the site's (administrators) or one program's (its
/// coordinators), which holds the requests made within its cycles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Site,
    Program(i64),
}

impl Scope {
    /// A condition on `assignment_requests a` selecting this queue; `$1` is
    /// the program's id.
    fn filter(self) -> &'static str {
        match self {
            Scope::Site => "a.cycle_id IS NULL AND $1 = 0",
            Scope::Program(_) => {
                "a.cycle_id IN (SELECT c.id FROM cycles c WHERE c.program_id = $1)"
            }
        }
    }

    fn program_id(self) -> i64 {
        match self {
            Scope::Site => 0,
            Scope::Program(id) => id,
        }
    }
}

/// Puts the mentee in the queue for `focus`: within `cycle_id`, the queue of
/// its program, which the mentee must be enrolled in as a mentee while the
/// cycle runs and whose coordinators match pairs.
/// Returns that program's slug, for the page to go back to.
pub async fn ask(
    db: &Db,
    mentee_id: i64,
    focus: &FocusArea,
    note: &str,
    cycle_id: Option<i64>,
    now: i64,
) -> Result<Option<String>, AppError> {
    let mut tx = db.pool().begin().await?;
    let inserted = sqlx::query(
        "INSERT INTO assignment_requests (mentee_id, focus, cycle_id, note, state, created_at)
         VALUES ($1, $2, $3, $4, 'open', $5)",
    )
    .bind(mentee_id)
    .bind(&focus.slug)
    .bind(cycle_id)
    .bind(note)
    .bind(now)
    .execute(&mut *tx)
    .await;
    match inserted {
        Ok(_) => {}
        Err(e) if crate::db::is_unique_violation(&e) => {
            return Err(AppError::form(
                crate::tr!(mentorships.errors.already_queued, focus = &focus.label).to_string(),
            ))
        }
        Err(e) => return Err(e.into()),
    }
    let (active,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM mentorships WHERE mentee_id = $1 AND focus = $2 AND state = 'accepted'",
    )
    .bind(mentee_id)
    .bind(&focus.slug)
    .fetch_one(&mut *tx)
    .await?;
    if active > 0 {
        return Err(AppError::form(
            crate::tr!(mentorships.errors.have_mentor, focus = &focus.label).to_string(),
        ));
    }
    let mut program_slug = None;
    if let Some(cycle_id) = cycle_id {
        let enrolled: Option<(i64, String, String, String)> = sqlx::query_as(
            "SELECT p.id, p.slug, p.name, u.display_name FROM enrolments e
             JOIN cycles c ON c.id = e.cycle_id JOIN programs p ON p.id = c.program_id
             JOIN users u ON u.id = e.user_id
             WHERE e.cycle_id = $1 AND e.user_id = $2 AND e.role = 'mentee'
               AND p.matching <> 'choose' AND c.completed_at IS NULL AND c.ends_on + 86400000 > $3",
        )
        .bind(cycle_id)
        .bind(mentee_id)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((program_id, slug, program, mentee)) = enrolled else {
            return Err(AppError::form(crate::tr!(
                mentorships.errors.only_cycle_mentees
            )));
        };
        // The bell only: a cycle's opening brings many requests at once.
        let coordinators: Vec<(i64,)> =
            sqlx::query_as("SELECT user_id FROM program_coordinators WHERE program_id = $1")
                .bind(program_id)
                .fetch_all(&mut *tx)
                .await?;
        for (coordinator,) in coordinators {
            let l = language_of(&mut *tx, coordinator).await?.locale();
            notify(
                &mut tx,
                Notice {
                    user_id: coordinator,
                    kind: Kind::MatchRequested,
                    text: td_string!(
                        l,
                        mentorships.notice.match_requested,
                        mentee = &mentee,
                        program = &program,
                        focus = &focus.label
                    )
                    .to_string(),
                    link: format!("/programs/{slug}/assignments"),
                    email: None,
                },
                now,
            )
            .await?;
        }
        program_slug = Some(slug);
    }
    tx.commit().await?;
    Ok(program_slug)
}

/// Takes the mentee out of the queue for `focus`; false if they were not in it.
pub async fn cancel(db: &Db, mentee_id: i64, focus: &str, now: i64) -> Result<bool, AppError> {
    let done = sqlx::query(
        "UPDATE assignment_requests SET state = 'cancelled', decided_by = $1, decided_at = $2
         WHERE mentee_id = $1 AND focus = $3 AND state = 'open'",
    )
    .bind(mentee_id)
    .bind(now)
    .bind(focus)
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() > 0)
}

struct Queued {
    id: i64,
    cycle: Option<(i64, String)>,
    mentee_id: i64,
    mentee_name: String,
    focus: String,
    focus_label: String,
    note: String,
    created_at: i64,
}

type QueuedRow = (i64, i64, String, i64, String, String, String, String, i64);

async fn queued(db: &Db, scope: Scope) -> Result<Vec<Queued>, AppError> {
    let rows: Vec<QueuedRow> = sqlx::query_as(&format!(
        "SELECT a.id, COALESCE(a.cycle_id, 0), COALESCE(c.name, ''), a.mentee_id, u.display_name,
             a.focus, f.label, a.note, a.created_at
         FROM assignment_requests a JOIN users u ON u.id = a.mentee_id
         JOIN focus_areas f ON f.slug = a.focus
         LEFT JOIN cycles c ON c.id = a.cycle_id
         WHERE a.state = 'open' AND {} ORDER BY a.created_at, a.id",
        scope.filter()
    ))
    .bind(scope.program_id())
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(
                id,
                cycle_id,
                cycle_name,
                mentee_id,
                mentee_name,
                focus,
                focus_label,
                note,
                created_at,
            )| Queued {
                id,
                cycle: (cycle_id != 0).then_some((cycle_id, cycle_name)),
                mentee_id,
                mentee_name,
                focus,
                focus_label,
                note,
                created_at,
            },
        )
        .collect())
}

/// Every listed mentor with a free place who offers `q.focus`, with their fit
/// for the mentee, best first.
async fn candidates(db: &Db, index: &Index, q: &Queued) -> Result<Vec<Suggestion>, AppError> {
    let Some(mut profile) = load_profile(db, q.mentee_id).await? else {
        return Ok(Vec::new());
    };
    // Fit is about this request's focus, not everything the mentee seeks.
    profile.focus_sought = vec![q.focus.clone()];
    let mut matched: RoaringBitmap = index
        .facets
        .get(&Facet::Focus)
        .and_then(|m| m.get(&q.focus))
        .map(|v| &v.ids & &index.with_capacity)
        .unwrap_or_default();
    // Never the mentee themselves, nor a mentor they already asked for this
    // focus, nor anyone blocked either way.
    let excluded: Vec<(i64,)> = sqlx::query_as(
        "SELECT mentor_id FROM mentorships WHERE mentee_id = $1 AND focus = $2 AND state = 'requested'
         UNION SELECT blocked_id FROM blocks WHERE blocker_id = $1
         UNION SELECT blocker_id FROM blocks WHERE blocked_id = $1",
    )
    .bind(q.mentee_id)
    .bind(&q.focus)
    .fetch_all(db.pool())
    .await?;
    for id in excluded
        .into_iter()
        .map(|(id,)| id)
        .chain([q.mentee_id])
        .filter_map(|id| u32::try_from(id).ok())
    {
        matched.remove(id);
    }
    // Within a cycle, only the mentors enrolled in it.
    if let Some((cycle_id, _)) = q.cycle {
        let enrolled: Vec<(i64,)> = sqlx::query_as(
            "SELECT user_id FROM enrolments WHERE cycle_id = $1 AND role = 'mentor'",
        )
        .bind(cycle_id)
        .fetch_all(db.pool())
        .await?;
        matched &= enrolled
            .into_iter()
            .filter_map(|(id,)| u32::try_from(id).ok())
            .collect::<RoaringBitmap>();
    }
    let seeker = Seeker::new(profile, index);
    let scores = seeker.scores(index, &matched);
    let mut out: Vec<Suggestion> = matched
        .iter()
        .filter_map(|id| {
            let e = index.entries.get(&id)?;
            Some(Suggestion {
                mentor_id: i64::from(id),
                mentor_name: e.card.display_name.clone(),
                score: u32::from(scores[id as usize]),
                free_places: e.free_places,
                reasons: seeker.reasons(e, index),
            })
        })
        .collect();
    out.sort_by(|a, b| b.score.cmp(&a.score).then(a.mentor_id.cmp(&b.mentor_id)));
    Ok(out)
}

/// The queue, oldest first, each with its best suggestions.
pub async fn queue(
    db: &Db,
    directory: &Directory,
    scope: Scope,
) -> Result<Vec<QueueItem>, AppError> {
    let items = queued(db, scope).await?;
    let index = directory.current(db).await?;
    let mut out = Vec::with_capacity(items.len());
    for q in items {
        let mut suggestions = candidates(db, &index, &q).await?;
        suggestions.truncate(SUGGESTIONS);
        out.push(QueueItem {
            id: q.id,
            cycle_name: q.cycle.map(|(_, name)| name),
            mentee_id: q.mentee_id,
            mentee_name: q.mentee_name,
            focus_label: q.focus_label,
            note: q.note,
            created_at: q.created_at,
            suggestions,
        });
    }
    Ok(out)
}

/// The whole queue's best assignment under the mentors' free places.
pub async fn propose(db: &Db, directory: &Directory, scope: Scope) -> Result<Proposal, AppError> {
    let items = queued(db, scope).await?;
    let index = directory.current(db).await?;
    let mut mentors: Vec<(i64, String, u32)> = Vec::new();
    let mut column = std::collections::HashMap::new();
    let mut options = Vec::with_capacity(items.len());
    for q in &items {
        let c = candidates(db, &index, q).await?;
        for s in &c {
            column.entry(s.mentor_id).or_insert_with(|| {
                mentors.push((
                    s.mentor_id,
                    s.mentor_name.clone(),
                    u32::try_from(s.free_places).unwrap_or(0),
                ));
                mentors.len() - 1
            });
        }
        options.push(c);
    }
    let capacities: Vec<u32> = mentors.iter().map(|m| m.2).collect();
    let fit: Vec<Vec<Option<u32>>> = options
        .iter()
        .map(|c| {
            let mut row = vec![None; mentors.len()];
            for s in c {
                row[column[&s.mentor_id]] = Some(s.score);
            }
            row
        })
        .collect();
    let chosen = best_assignment(&capacities, &fit);
    let mut proposal = Proposal {
        pairs: Vec::new(),
        unmatched: Vec::new(),
        total_fit: 0,
    };
    for ((q, pick), row) in items.iter().zip(chosen).zip(&fit) {
        match pick {
            Some(j) => {
                let score = row[j].unwrap_or(0);
                proposal.total_fit += score;
                proposal.pairs.push(ProposedPair {
                    request_id: q.id,
                    mentee_name: q.mentee_name.clone(),
                    focus_label: q.focus_label.clone(),
                    mentor_id: mentors[j].0,
                    mentor_name: mentors[j].1.clone(),
                    score,
                });
            }
            None => proposal
                .unmatched
                .push(format!("{} ({})", q.mentee_name, q.focus_label)),
        }
    }
    Ok(proposal)
}

/// Sends the request of a queued mentee to `mentor_id` on the coordinator's
/// behalf, and takes the mentee out of the queue, in one transaction. Only a
/// request in `scope`'s queue: a program's coordinators assign its mentees.
pub async fn assign(
    db: &Db,
    coordinator: i64,
    scope: Scope,
    request_id: i64,
    mentor_id: i64,
    now: i64,
) -> Result<i64, AppError> {
    let queued: Option<(i64, String, String, String, i64, String)> = sqlx::query_as(&format!(
        "SELECT a.mentee_id, a.focus, f.label, u.display_name, COALESCE(a.cycle_id, 0), a.state
         FROM assignment_requests a
         JOIN focus_areas f ON f.slug = a.focus JOIN users u ON u.id = a.mentee_id
         WHERE a.id = $2 AND {}",
        scope.filter()
    ))
    .bind(scope.program_id())
    .bind(request_id)
    .fetch_optional(db.pool())
    .await?;
    let Some((mentee_id, slug, label, mentee_name, cycle_id, state)) = queued else {
        return Err(AppError::forbidden(crate::tr!(
            mentorships.errors.not_in_queue
        )));
    };
    if state != "open" {
        return Err(AppError::conflict(crate::tr!(
            mentorships.errors.no_longer_waiting
        )));
    }
    if cycle_id != 0 {
        let enrolled: Option<(i64,)> = sqlx::query_as(
            "SELECT user_id FROM enrolments WHERE cycle_id = $1 AND user_id = $2 AND role = 'mentor'",
        )
        .bind(cycle_id)
        .bind(mentor_id)
        .fetch_optional(db.pool())
        .await?;
        if enrolled.is_none() {
            return Err(AppError::form(
                crate::tr!(mentorships.errors.mentor_not_in_cycle, mentee = mentee_name)
                    .to_string(),
            ));
        }
    }
    let mut tx = db.pool().begin().await?;
    let claimed = sqlx::query(
        "UPDATE assignment_requests SET state = 'assigned', decided_by = $1, decided_at = $2
         WHERE id = $3 AND state = 'open'",
    )
    .bind(coordinator)
    .bind(now)
    .bind(request_id)
    .execute(&mut *tx)
    .await?;
    if claimed.rows_affected() == 0 {
        return Err(AppError::conflict(crate::tr!(
            mentorships.errors.no_longer_waiting
        )));
    }
    // The mentee's note was written for the coordinator, not the mentor; the
    // message is for the mentor, in their language.
    let l = language_of(&mut *tx, mentor_id).await?.locale();
    let message = td_string!(
        l,
        mentorships.notice.assigned_message,
        mentee = &mentee_name,
        focus = &label
    )
    .to_string();
    let focus = FocusArea { slug, label };
    let request = NewRequest {
        mentee_id,
        mentor_id,
        focus: &focus,
        message: &message,
        assigned_by: Some(coordinator),
    };
    // The store's refusals speak to the mentee; say it to the coordinator.
    let id = match request_in(&mut tx, request, now).await {
        Ok(id) => id,
        Err(AppError::Invalid(_) | AppError::Forbidden(_) | AppError::NotFound) => {
            return Err(AppError::form(
                crate::tr!(
                    mentorships.errors.cannot_pair,
                    mentee = mentee_name,
                    focus = &focus.label
                )
                .to_string(),
            ))
        }
        Err(e) => return Err(e),
    };
    sqlx::query("UPDATE assignment_requests SET mentorship_id = $1 WHERE id = $2")
        .bind(id)
        .bind(request_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(id)
}
