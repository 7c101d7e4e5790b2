//! What a member sees of their mentorships.

use super::*;

/// Everything of the member's, grouped for `/mentorships`.
pub async fn mine(db: &Db, user_id: i64) -> Result<MyMentorships, AppError> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{ROW_SELECT} WHERE m.mentor_id = $1 OR m.mentee_id = $1
         ORDER BY f.position, m.requested_at DESC, m.id DESC"
    ))
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    let mut out = MyMentorships {
        capacity: load_profile(db, user_id).await?.map_or(0, |p| p.capacity),
        ..Default::default()
    };
    for r in rows {
        let Some(side) = r.side_of(user_id) else {
            continue;
        };
        let s = r.summary(side);
        match (r.state, side) {
            (State::Accepted, Side::Mentee) => out.mentors.push(s),
            (State::Accepted, Side::Mentor) => out.mentees.push(s),
            (State::Requested, Side::Mentee) => out.sent.push(s),
            (State::Requested, Side::Mentor) => out.received.push(s),
            _ => out.past.push(s),
        }
    }
    out.past.sort_by_key(|s| std::cmp::Reverse(s.requested_at));
    let waiting: Vec<(String, String)> = sqlx::query_as(
        "SELECT a.focus, f.label FROM assignment_requests a JOIN focus_areas f ON f.slug = a.focus
         WHERE a.mentee_id = $1 AND a.state = 'open' ORDER BY f.position",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    out.waiting_assignment = waiting;
    Ok(out)
}

/// One mentorship for one of its pair; anyone else is refused.
pub async fn detail(db: &Db, user_id: i64, id: i64) -> Result<MentorshipDetail, AppError> {
    let r = find(db, id).await?;
    let Some(side) = r.side_of(user_id) else {
        return Err(AppError::forbidden(crate::tr!(mentorships.errors.private)));
    };
    #[derive(sqlx::FromRow)]
    struct EventRow {
        at: i64,
        actor_name: Option<String>,
        from_state: Option<State>,
        to_state: State,
        reason: String,
        note: String,
        note_private: i64,
        actor_id: Option<i64>,
    }
    let events: Vec<EventRow> = sqlx::query_as(
        "SELECT e.at, u.display_name AS actor_name, e.from_state, e.to_state, e.reason, e.note,
                e.note_private, e.actor_id
         FROM mentorship_events e LEFT JOIN users u ON u.id = e.actor_id
         WHERE e.mentorship_id = $1 ORDER BY e.id",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    let history = events
        .into_iter()
        .map(|e| HistoryEntry {
            at: e.at,
            actor: e.actor_name.unwrap_or_else(|| "Carrel".to_owned()),
            from: e.from_state,
            to: e.to_state,
            reason: DeclineReason::from_slug(&e.reason).map(|r| r.label().to_owned()),
            // A private note (ending a program mentorship) is for coordinators
            // and its author, not the other member.
            note: if e.note_private != 0 && e.actor_id != Some(user_id) {
                String::new()
            } else {
                match e.actor_id.map_or_else(|| system_note(&e.note), |_| None) {
                    Some(words) => words.to_owned(),
                    None => e.note,
                }
            },
        })
        .collect();
    Ok(MentorshipDetail {
        summary: r.summary(side),
        message: r.message.clone(),
        agreement: r.agreement(),
        agreement_at: r.agreement_at,
        close_asked: r.close_asked_by.and_then(|u| r.side_of(u)),
        history,
        program: program_link(db, id, side == Side::Mentor).await?,
    })
}

async fn program_link(db: &Db, id: i64, mentor: bool) -> Result<Option<ProgramLink>, AppError> {
    let row: Option<(String, String, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT p.name, p.slug, c.name, c.ends_on, m.extended_at
         FROM mentorships m JOIN cycles c ON c.id = m.cycle_id JOIN programs p ON p.id = c.program_id
         WHERE m.id = $1",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    let Some((program_name, program_slug, cycle_name, ends_on, extended)) = row else {
        return Ok(None);
    };
    let checkin = if mentor {
        crate::programs::checkins::this_month(db, id, crate::dates::now_ms())
            .await?
            .map(|s| s.label().to_owned())
    } else {
        None
    };
    Ok(Some(ProgramLink {
        program_name,
        program_slug,
        cycle_name,
        ends_on,
        extended: extended.is_some(),
        checkin,
    }))
}
