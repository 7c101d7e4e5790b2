//! Feedback in the database. Who answered is recorded apart from what they
//! answered, and coordinators read answers only in groups of five or more.

use super::model::*;
use crate::{
    db::Db,
    error::{AppError, FieldErrors},
    i18n::td_string,
    notifications::{
        model::Kind,
        store::{notify, Notice},
    },
    programs::model::Role,
};
use sqlx::AnyConnection;
use std::collections::BTreeMap;

/// The questions a new program starts with, in the language of the
/// administrator creating it: from then on they are the program's own words.
fn default_questions() -> [(QuestionKind, &'static str); 4] {
    [
        (QuestionKind::Rating, crate::tr!(feedback.defaults.useful)),
        (QuestionKind::Rating, crate::tr!(feedback.defaults.support)),
        (QuestionKind::Text, crate::tr!(feedback.defaults.went_well)),
        (QuestionKind::Text, crate::tr!(feedback.defaults.change)),
    ]
}

/// Gives a new program the default questions, which its coordinators can change.
pub async fn add_default_questions(
    conn: &mut AnyConnection,
    program_id: i64,
) -> Result<(), sqlx::Error> {
    for (i, (kind, prompt)) in default_questions().iter().enumerate() {
        sqlx::query(
            "INSERT INTO feedback_questions (program_id, position, kind, prompt) VALUES ($1, $2, $3, $4)",
        )
        .bind(program_id)
        .bind(i as i64)
        .bind(kind)
        .bind(*prompt)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub async fn questions(db: &Db, program_id: i64) -> Result<Vec<Question>, AppError> {
    let rows: Vec<(i64, QuestionKind, String)> = sqlx::query_as(
        "SELECT id, kind, prompt FROM feedback_questions WHERE program_id = $1 ORDER BY position, id",
    )
    .bind(program_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, kind, prompt)| Question { id, kind, prompt })
        .collect())
}

pub async fn add_question(
    db: &Db,
    program_id: i64,
    kind: QuestionKind,
    prompt: &str,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO feedback_questions (program_id, position, kind, prompt)
         VALUES ($1, (SELECT COALESCE(MAX(position), 0) + 1 FROM feedback_questions WHERE program_id = $1), $2, $3)",
    )
    .bind(program_id)
    .bind(kind)
    .bind(prompt)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Removes a question nobody has answered yet.
pub async fn remove_question(db: &Db, program_id: i64, question_id: i64) -> Result<(), AppError> {
    let gone = sqlx::query(
        "DELETE FROM feedback_questions WHERE id = $1 AND program_id = $2
           AND NOT EXISTS (SELECT 1 FROM feedback_answers a WHERE a.question_id = $1)",
    )
    .bind(question_id)
    .bind(program_id)
    .execute(db.pool())
    .await?;
    if gone.rows_affected() == 0 {
        return Err(AppError::conflict(crate::tr!(
            feedback.errors.answered_stays
        )));
    }
    Ok(())
}

/// Asks both members of each mentorship the cycle just completed (at `now`).
pub async fn ask_for_cycle(
    conn: &mut AnyConnection,
    cycle_id: i64,
    program_name: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT id, mentor_id, mentee_id FROM mentorships
         WHERE cycle_id = $1 AND state = 'completed' AND closed_at = $2",
    )
    .bind(cycle_id)
    .bind(now)
    .fetch_all(&mut *conn)
    .await?;
    for (id, mentor, mentee) in rows {
        for (user_id, role) in [(mentor, Role::Mentor), (mentee, Role::Mentee)] {
            sqlx::query(
                "INSERT INTO feedback_requests (mentorship_id, user_id, cycle_id, role, asked_at)
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (mentorship_id, user_id) DO NOTHING",
            )
            .bind(id)
            .bind(user_id)
            .bind(cycle_id)
            .bind(role)
            .bind(now)
            .execute(&mut *conn)
            .await?;
            let l = crate::accounts::store::language_of(&mut *conn, user_id)
                .await?
                .locale();
            let text = td_string!(l, feedback.notice.ask, program = program_name);
            notify(
                conn,
                Notice {
                    user_id,
                    kind: Kind::Feedback,
                    text: text.to_string(),
                    link: "/feedback".to_owned(),
                    email: Some(td_string!(l, feedback.notice.ask_subject).to_owned()),
                },
                now,
            )
            .await?;
        }
    }
    Ok(())
}

/// The surveys waiting for the member's answers.
pub async fn pending(db: &Db, user_id: i64) -> Result<Vec<Survey>, AppError> {
    let rows: Vec<(i64, String, String, String, Role, i64)> = sqlx::query_as(
        "SELECT r.mentorship_id, p.name, c.name, u.display_name, r.role, p.id
         FROM feedback_requests r
         JOIN mentorships m ON m.id = r.mentorship_id
         JOIN cycles c ON c.id = r.cycle_id JOIN programs p ON p.id = c.program_id
         JOIN users u ON u.id = CASE WHEN m.mentor_id = r.user_id THEN m.mentee_id ELSE m.mentor_id END
         WHERE r.user_id = $1 AND r.answered_at IS NULL ORDER BY r.asked_at",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for (mentorship_id, program_name, cycle_name, other_name, role, program_id) in rows {
        out.push(Survey {
            mentorship_id,
            program_name,
            cycle_name,
            other_name,
            role,
            questions: questions(db, program_id).await?,
        });
    }
    Ok(out)
}

/// Stores a member's answers, once; the response keeps no link to them.
pub async fn submit(
    db: &Db,
    user_id: i64,
    mentorship_id: i64,
    answers: &BTreeMap<String, String>,
    now: i64,
) -> Result<(), AppError> {
    let survey = pending(db, user_id)
        .await?
        .into_iter()
        .find(|s| s.mentorship_id == mentorship_id)
        .ok_or_else(|| AppError::conflict(crate::tr!(feedback.errors.no_survey)))?;
    let mut errors = FieldErrors::new();
    let mut parsed = Vec::new();
    for q in &survey.questions {
        let key = format!("q{}", q.id);
        let raw = answers.get(&key).map(|s| s.trim()).unwrap_or_default();
        errors = errors.keep(&format!("answers[{key}]"), raw);
        match q.kind {
            QuestionKind::Rating => match raw.parse::<i64>() {
                Ok(n) if (1..=5).contains(&n) => parsed.push((q.id, Some(n), String::new())),
                _ => errors.add(
                    &key,
                    crate::tr!(feedback.errors.rating, prompt = &q.prompt).to_string(),
                ),
            },
            QuestionKind::Text if raw.chars().count() > 2000 => {
                errors.add(&key, crate::tr!(feedback.errors.answer_length))
            }
            QuestionKind::Text => parsed.push((q.id, None, raw.to_owned())),
        }
    }
    errors.into_result()?;
    let mut tx = db.pool().begin().await?;
    let claimed = sqlx::query(
        "UPDATE feedback_requests SET answered_at = $1
         WHERE mentorship_id = $2 AND user_id = $3 AND answered_at IS NULL",
    )
    .bind(now)
    .bind(mentorship_id)
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    if claimed.rows_affected() == 0 {
        return Err(AppError::conflict(crate::tr!(
            feedback.errors.answered_already
        )));
    }
    let (cycle_id,): (i64,) = sqlx::query_as(
        "SELECT cycle_id FROM feedback_requests WHERE mentorship_id = $1 AND user_id = $2",
    )
    .bind(mentorship_id)
    .bind(user_id)
    .fetch_one(&mut *tx)
    .await?;
    let (response,): (i64,) = sqlx::query_as(
        "INSERT INTO feedback_responses (cycle_id, role) VALUES ($1, $2) RETURNING id",
    )
    .bind(cycle_id)
    .bind(survey.role)
    .fetch_one(&mut *tx)
    .await?;
    for (question, rating, text) in parsed {
        sqlx::query(
            "INSERT INTO feedback_answers (response_id, question_id, rating, text) VALUES ($1, $2, $3, $4)",
        )
        .bind(response)
        .bind(question)
        .bind(rating)
        .bind(text)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A program's feedback by cycle and group, for its coordinators.
pub async fn summary(db: &Db, program_id: i64) -> Result<Vec<CycleFeedback>, AppError> {
    let cycles: Vec<(i64, String)> = sqlx::query_as(
        "SELECT DISTINCT c.id, c.name, c.starts_on FROM cycles c JOIN feedback_requests r ON r.cycle_id = c.id
         WHERE c.program_id = $1 ORDER BY c.starts_on DESC",
    )
    .bind(program_id)
    .fetch_all(db.pool())
    .await
    .map(|rows: Vec<(i64, String, i64)>| rows.into_iter().map(|(i, n, _)| (i, n)).collect())?;
    let qs = questions(db, program_id).await?;
    let mut out = Vec::new();
    for (cycle_id, cycle_name) in cycles {
        let mut groups = Vec::new();
        for role in [Role::Mentee, Role::Mentor] {
            let (asked,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM feedback_requests WHERE cycle_id = $1 AND role = $2",
            )
            .bind(cycle_id)
            .bind(role)
            .fetch_one(db.pool())
            .await?;
            let (responses,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM feedback_responses WHERE cycle_id = $1 AND role = $2",
            )
            .bind(cycle_id)
            .bind(role)
            .fetch_one(db.pool())
            .await?;
            let mut questions = Vec::new();
            if responses >= MIN_SHOWN {
                for q in &qs {
                    let rows: Vec<(Option<i64>, String)> = sqlx::query_as(
                        "SELECT a.rating, a.text FROM feedback_answers a
                         JOIN feedback_responses r ON r.id = a.response_id
                         WHERE r.cycle_id = $1 AND r.role = $2 AND a.question_id = $3",
                    )
                    .bind(cycle_id)
                    .bind(role)
                    .bind(q.id)
                    .fetch_all(db.pool())
                    .await?;
                    let mut counts = [0i64; 5];
                    let ratings: Vec<i64> = rows.iter().filter_map(|(r, _)| *r).collect();
                    for r in &ratings {
                        counts[(*r as usize).clamp(1, 5) - 1] += 1;
                    }
                    let mut texts: Vec<String> = rows
                        .into_iter()
                        .map(|(_, t)| t)
                        .filter(|t| !t.is_empty())
                        .collect();
                    // Sorted, so the order says nothing about who answered when.
                    texts.sort();
                    questions.push(QuestionSummary {
                        prompt: q.prompt.clone(),
                        kind: q.kind,
                        answers: if q.kind == QuestionKind::Rating {
                            ratings.len() as i64
                        } else {
                            texts.len() as i64
                        },
                        average: (!ratings.is_empty())
                            .then(|| ratings.iter().sum::<i64>() as f64 / ratings.len() as f64),
                        counts,
                        texts,
                    });
                }
            }
            groups.push(GroupFeedback {
                role,
                asked,
                responses,
                questions,
            });
        }
        out.push(CycleFeedback {
            cycle_id,
            cycle_name,
            groups,
        });
    }
    Ok(out)
}
