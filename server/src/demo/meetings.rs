//! Demo meetings between accepted pairs.

use app::db::Db;

/// A few demo pairs have a meeting arranged: the mentee proposes a time three
/// days ahead, in their own time zone, and the mentor accepts.
pub async fn seed_meetings(db: &Db, now: i64) -> anyhow::Result<usize> {
    use app::meetings::{
        model::{Mode, NewMeeting},
        store as meetings,
    };
    let err = |e: app::AppError| anyhow::anyhow!("{e}");
    let pairs: Vec<(i64, i64, i64, String)> = sqlx::query_as(
        "SELECT m.id, m.mentor_id, m.mentee_id, p.time_zone FROM mentorships m
         JOIN profiles p ON p.user_id = m.mentee_id
         WHERE m.state = 'accepted' ORDER BY m.id LIMIT 4",
    )
    .fetch_all(db.pool())
    .await?;
    let start = time::OffsetDateTime::from_unix_timestamp(now / 1000)? + time::Duration::days(3);
    let local = (start.year(), u8::from(start.month()), start.day(), 16, 0);
    let mut made = 0;
    for (id, mentor, mentee, zone) in pairs {
        let Some(starts_at) = meetings::to_utc(local, &zone) else {
            continue;
        };
        let meeting = NewMeeting {
            starts_at,
            time_zone: zone,
            minutes: 45,
            mode: Mode::Video,
            place: format!("https://meet.example.org/carrel-{id}"),
            agenda: "Where I am now, and a plan for the next three months.".to_owned(),
            remind_minutes: 1440,
        };
        let meeting_id = meetings::propose(db, mentee, id, &meeting, None, now)
            .await
            .map_err(err)?;
        meetings::accept(db, mentor, meeting_id, now)
            .await
            .map_err(err)?;
        made += 1;
    }
    Ok(made)
}
