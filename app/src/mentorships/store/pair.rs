//! Who the two members of a mentorship are.

use super::*;

/// The two members of a mentorship, for what only they share: its thread,
/// meetings and goals.
pub struct Pair {
    pub id: i64,
    pub mentor_id: i64,
    pub mentee_id: i64,
    pub mentor_name: String,
    pub mentee_name: String,
    pub focus_label: String,
    pub state: State,
}

impl Pair {
    pub fn other(&self, user_id: i64) -> i64 {
        if user_id == self.mentor_id {
            self.mentee_id
        } else {
            self.mentor_id
        }
    }

    pub fn name_of(&self, user_id: i64) -> &str {
        if user_id == self.mentor_id {
            &self.mentor_name
        } else {
            &self.mentee_name
        }
    }

    /// The mentor accepted at some point, so the pair has a shared space.
    pub fn opened(&self) -> bool {
        matches!(
            self.state,
            State::Accepted | State::Completed | State::Ended
        )
    }
}

/// The pair of mentorship `id` when `user_id` is one of its two members.
/// Anyone else, administrators and coordinators included, is refused with
/// `private`.
pub async fn pair_for_member(
    conn: &mut AnyConnection,
    user_id: i64,
    id: i64,
    private: &str,
) -> Result<Pair, AppError> {
    let row: Option<(i64, i64, String, String, String, State)> = sqlx::query_as(
        "SELECT m.mentor_id, m.mentee_id, a.display_name, b.display_name, f.label, m.state
         FROM mentorships m
         JOIN users a ON a.id = m.mentor_id
         JOIN users b ON b.id = m.mentee_id
         JOIN focus_areas f ON f.slug = m.focus
         WHERE m.id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    let (mentor_id, mentee_id, mentor_name, mentee_name, focus_label, state) =
        row.ok_or(AppError::NotFound)?;
    if user_id != mentor_id && user_id != mentee_id {
        return Err(AppError::forbidden(private));
    }
    Ok(Pair {
        id,
        mentor_id,
        mentee_id,
        mentor_name,
        mentee_name,
        focus_label,
        state,
    })
}
