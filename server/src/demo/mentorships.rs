//! Demo mentorship requests, and the first messages of accepted pairs.

use app::{
    db::Db,
    mentorships::{
        assignment,
        model::State,
        store::{self as mentorships, Change, NewRequest},
    },
    messages::{hub::Hub, store as messages},
};
use rand::{rngs::StdRng, Rng, SeedableRng};

/// Gives the demo some mentoring to look at: members who seek a focus area
/// ask a mentor who offers it, through the same rules as the app (so capacity
/// and one mentor per focus hold), and about two in three are accepted; six
/// more ask a coordinator. Returns how many requests were made.
pub async fn seed_mentorships(
    db: &Db,
    hub: &Hub,
    pairs: usize,
    seed: u64,
) -> anyhow::Result<usize> {
    let tags: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT t.user_id, t.kind, t.value FROM profile_tags t JOIN profiles p ON p.user_id = t.user_id
         WHERE t.kind IN ('focus_sought', 'focus_offered') AND (t.kind = 'focus_sought' OR p.open_to_mentoring = 1)
         ORDER BY t.user_id, t.kind, t.value",
    )
    .fetch_all(db.pool())
    .await?;
    let areas = app::profiles::store::focus_areas(db)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let seekers: Vec<(i64, String)> = tags
        .iter()
        .filter(|t| t.1 == "focus_sought")
        .map(|t| (t.0, t.2.clone()))
        .collect();
    let mut rng = StdRng::seed_from_u64(seed);
    let now = app::dates::now_ms();
    let mut made = 0;
    for _ in 0..pairs * 3 {
        if made == pairs || seekers.is_empty() {
            break;
        }
        let (mentee, focus) = &seekers[rng.gen_range(0..seekers.len())];
        let offering: Vec<i64> = tags
            .iter()
            .filter(|t| t.1 == "focus_offered" && &t.2 == focus && t.0 != *mentee)
            .map(|t| t.0)
            .collect();
        let (Some(area), false) = (areas.iter().find(|a| &a.slug == focus), offering.is_empty())
        else {
            continue;
        };
        let mentor = offering[rng.gen_range(0..offering.len())];
        let message = format!(
            "I would value your guidance in {}: a conversation a month, and help setting goals for the year.",
            area.label.to_lowercase()
        );
        let request = NewRequest {
            mentee_id: *mentee,
            mentor_id: mentor,
            focus: area,
            message: &message,
            assigned_by: None,
        };
        // Refusals (a full mentor, a focus already covered) are the rules working; skip those.
        let requested_at = now - rng.gen_range(2..12) * 86_400_000;
        let Ok(id) = mentorships::request(db, request, requested_at).await else {
            continue;
        };
        made += 1;
        if rng.gen_ratio(2, 3) {
            let change = Change {
                to: State::Accepted,
                reason: None,
                note: "",
            };
            let accepted_at = requested_at + rng.gen_range(2..40) * 3_600_000;
            if mentorships::change_state(db, mentor, id, change, accepted_at)
                .await
                .is_ok()
            {
                converse(
                    db,
                    hub,
                    &mut rng,
                    Accepted {
                        id,
                        mentor,
                        mentee: *mentee,
                    },
                    &area.label,
                    accepted_at,
                )
                .await?;
            }
        }
    }
    // A few mentees ask a coordinator instead, so the queue has work in it.
    let mut queued = 0;
    for (mentee, focus) in seekers.iter().rev() {
        if queued == 6 {
            break;
        }
        let Some(area) = areas.iter().find(|a| &a.slug == focus) else {
            continue;
        };
        if assignment::ask(db, *mentee, area, "", None, now)
            .await
            .is_ok()
        {
            queued += 1;
        }
    }
    Ok(made)
}

/// A mentorship just accepted: its id and its two members.
pub(super) struct Accepted {
    pub id: i64,
    pub mentor: i64,
    pub mentee: i64,
}

/// A few messages between a new pair, written over the days after `from`: the
/// mentor opens, as the programs ask, and the mentee answers.
pub(super) async fn converse(
    db: &Db,
    hub: &Hub,
    rng: &mut StdRng,
    pair: Accepted,
    focus: &str,
    from: i64,
) -> anyhow::Result<()> {
    let Accepted { id, mentor, mentee } = pair;
    let hour = 3_600_000;
    let focus = focus.to_lowercase();
    let lines = [
        (mentor, format!("Hello! Thank you for asking me about {focus}. I'm glad to help. Could you tell me where you are now and what you'd like to have done by the spring?")),
        (mentee, "Thank you for saying yes. I've been in my post for two years and I'd like a plan for the next step. Would a video call every few weeks suit you?".to_owned()),
        (mentor, "Every few weeks suits me. Before our first call, could you jot down:\n\n- two things that went well this year\n- one thing you'd like to change\n\nNo need to polish it.".to_owned()),
        (mentee, "Will do. I'll send it by *Friday*.".to_owned()),
    ];
    let count = rng.gen_range(1..=lines.len());
    let mut at = from;
    for (i, (sender, body)) in lines.into_iter().take(count).enumerate() {
        at += rng.gen_range(2..30) * hour;
        if at >= app::dates::now_ms() {
            break;
        }
        messages::send(db, hub, sender, id, &body, &format!("demo-{id}-{i:04}"), at)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    Ok(())
}
