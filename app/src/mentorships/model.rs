//! Mentorship types shared by server and browser: the states a mentorship
//! moves through and who may move it, the pair's agreement, and what the pages
//! show. The state machine is here, pure, so it is tested on its own.

use crate::{
    choices::choices,
    profiles::model::{collapse_spaces, ReplyTime},
};
use serde::{Deserialize, Serialize};

/// Open requests a mentee may have at once: enough to ask a few mentors for
/// each of a couple of focus areas, too few to spam the directory.
pub const MAX_OPEN_REQUESTS: i64 = 5;
/// A request nobody answered expires after this long; the mentor is reminded
/// at half time.
pub const REQUEST_LIFETIME_MS: i64 = 14 * 24 * 60 * 60 * 1000;
pub const MAX_MESSAGE_CHARS: usize = 2000;
pub const MAX_NOTE_CHARS: usize = 1000;
const MIN_MESSAGE_CHARS: usize = 20;

choices! {
    /// Where a mentorship is in its life.
    State in mentorships.state {
        Requested = ("requested", requested),
        Accepted = ("accepted", accepted),
        Declined = ("declined", declined),
        Withdrawn = ("withdrawn", withdrawn),
        Expired = ("expired", expired),
        Completed = ("completed", completed),
        Ended = ("ended", ended),
    }
}

/// Who is moving a mentorship: one of the pair, or Carrel itself (expiry,
/// automatic withdrawal, a cycle's end).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Actor {
    Mentor,
    Mentee,
    System,
}

impl State {
    pub fn is_open(self) -> bool {
        self == State::Requested
    }

    pub fn is_active(self) -> bool {
        self == State::Accepted
    }

    /// What `actor` moving it into this state is called in a mentorship's history.
    pub fn event(self, actor: &str) -> String {
        match self {
            State::Requested => crate::tr!(mentorships.event.requested, actor = actor).to_string(),
            State::Accepted => crate::tr!(mentorships.event.accepted, actor = actor).to_string(),
            State::Declined => crate::tr!(mentorships.event.declined, actor = actor).to_string(),
            State::Withdrawn => crate::tr!(mentorships.event.withdrawn, actor = actor).to_string(),
            State::Expired => crate::tr!(mentorships.event.expired, actor = actor).to_string(),
            State::Completed => crate::tr!(mentorships.event.completed, actor = actor).to_string(),
            State::Ended => crate::tr!(mentorships.event.ended, actor = actor).to_string(),
        }
    }

    /// Declined, withdrawn, expired, completed or ended: nothing moves it again.
    pub fn is_closed(self) -> bool {
        !self.is_open() && !self.is_active()
    }
}

/// Whether `actor` may move a mentorship from `from` to `to`. These are the
/// only transitions there are; everything else is refused.
pub fn allowed(from: State, to: State, actor: Actor) -> bool {
    use {Actor::*, State::*};
    matches!(
        (from, to, actor),
        (Requested, Accepted, Mentor)
            | (Requested, Declined, Mentor)
            | (Requested, Withdrawn, Mentee | System)
            | (Requested, Expired, System)
            | (Accepted, Completed, Mentor | Mentee | System)
            | (Accepted, Ended, Mentor | Mentee)
    )
}

/// Why a transition is refused, in words for the member who tried it.
pub fn refusal(from: State, to: State, actor: Actor) -> String {
    match (from, actor) {
        (State::Requested, Actor::Mentee) if matches!(to, State::Accepted | State::Declined) => {
            crate::tr!(mentorships.refusal.only_mentor_answers).to_owned()
        }
        (State::Requested, Actor::Mentor) if to == State::Withdrawn => {
            crate::tr!(mentorships.refusal.only_mentee_withdraws).to_owned()
        }
        (State::Requested, _) => crate::tr!(mentorships.refusal.not_accepted_yet).to_owned(),
        (State::Accepted, _) => crate::tr!(mentorships.refusal.already_active).to_owned(),
        (closed, _) => crate::tr!(
            mentorships.refusal.closed,
            state = closed.label().to_lowercase()
        )
        .to_string(),
    }
}

choices! {
    /// Why a mentor declines; the mentee sees the label.
    DeclineReason in mentorships.decline_reason {
        NoCapacity = ("no_capacity", no_capacity),
        Focus = ("focus", focus),
        Timing = ("timing", timing),
        BetterFit = ("better_fit", better_fit),
        Other = ("other", other),
    }
}

choices! {
    /// How the pair mainly keeps in touch.
    Channel in mentorships.channel {
        Carrel = ("carrel", carrel),
        Email = ("email", email),
        Phone = ("phone", phone),
        Video = ("video", video),
        InPerson = ("in_person", in_person),
    }
}

choices! {
    /// How often the pair plan to meet or write; programs ask for monthly.
    Frequency in mentorships.frequency {
        Weekly = ("weekly", weekly),
        Fortnightly = ("fortnightly", fortnightly),
        Monthly = ("monthly", monthly),
        AsNeeded = ("as_needed", as_needed),
    }
}

/// The pair's own parameters, editable by both once the mentorship is active.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    pub channel: Channel,
    pub frequency: Frequency,
    pub reply_within: ReplyTime,
    pub hours_per_month: i64,
    pub notes: String,
}

impl Default for Agreement {
    fn default() -> Self {
        Self {
            channel: Channel::Carrel,
            frequency: Frequency::Monthly,
            reply_within: ReplyTime::FewDays,
            hours_per_month: 2,
            notes: String::new(),
        }
    }
}

/// The agreement form as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AgreementForm {
    pub channel: String,
    pub frequency: String,
    pub reply_within: String,
    pub hours_per_month: String,
    pub notes: String,
}

impl From<&Agreement> for AgreementForm {
    fn from(a: &Agreement) -> Self {
        Self {
            channel: a.channel.slug().to_owned(),
            frequency: a.frequency.slug().to_owned(),
            reply_within: a.reply_within.slug().to_owned(),
            hours_per_month: a.hours_per_month.to_string(),
            notes: a.notes.clone(),
        }
    }
}

/// Parses the agreement form, or says what is wrong with each field.
pub fn parse_agreement(form: &AgreementForm) -> Result<Agreement, crate::error::FieldErrors> {
    let mut errors = crate::error::FieldErrors::new();
    let channel = Channel::from_slug(&form.channel);
    if channel.is_none() {
        errors.add("channel", crate::tr!(mentorships.invalid.channel));
    }
    let frequency = Frequency::from_slug(&form.frequency);
    if frequency.is_none() {
        errors.add("frequency", crate::tr!(mentorships.invalid.frequency));
    }
    let reply_within = ReplyTime::from_slug(&form.reply_within);
    if reply_within.is_none() {
        errors.add("reply_within", crate::tr!(mentorships.invalid.reply_within));
    }
    let hours = form.hours_per_month.trim().parse::<i64>().ok();
    if !hours.is_some_and(|h| (0..=40).contains(&h)) {
        errors.add(
            "hours_per_month",
            crate::tr!(mentorships.invalid.hours_per_month),
        );
    }
    let notes = form.notes.trim().to_owned();
    if notes.chars().count() > MAX_MESSAGE_CHARS {
        errors.add(
            "notes",
            crate::tr!(mentorships.invalid.notes_too_long, max = MAX_MESSAGE_CHARS).to_string(),
        );
    }
    match (channel, frequency, reply_within, hours) {
        (Some(channel), Some(frequency), Some(reply_within), Some(hours_per_month))
            if errors.is_empty() =>
        {
            Ok(Agreement {
                channel,
                frequency,
                reply_within,
                hours_per_month,
                notes,
            })
        }
        _ => Err(errors),
    }
}

/// A request's message: what the mentee hopes for and their goals.
pub fn parse_message(raw: &str) -> Result<String, String> {
    let message = raw.trim();
    let n = message.chars().count();
    if n < MIN_MESSAGE_CHARS {
        return Err(crate::tr!(
            mentorships.invalid.message_too_short,
            min = MIN_MESSAGE_CHARS
        )
        .to_string());
    }
    if n > MAX_MESSAGE_CHARS {
        return Err(crate::tr!(
            mentorships.invalid.message_too_long,
            max = MAX_MESSAGE_CHARS
        )
        .to_string());
    }
    Ok(message.to_owned())
}

/// An optional short note (declining, ending, reporting).
pub fn parse_note(raw: &str) -> Result<String, String> {
    let note = collapse_spaces(raw);
    if note.chars().count() > MAX_NOTE_CHARS {
        return Err(
            crate::tr!(mentorships.invalid.note_too_long, max = MAX_NOTE_CHARS).to_string(),
        );
    }
    Ok(note)
}

/// Which side of a mentorship the viewer is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Side {
    Mentor,
    Mentee,
}

/// One mentorship as a list shows it, from the viewer's side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentorshipSummary {
    pub id: i64,
    pub side: Side,
    /// The other member of the pair.
    pub other_id: i64,
    pub other_name: String,
    pub focus: String,
    pub focus_label: String,
    pub state: State,
    pub requested_at: i64,
    pub expires_at: i64,
    pub assigned: bool,
}

/// `/mentorships`: everything of mine, grouped as the page shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyMentorships {
    /// Active mentorships where I am the mentee, in focus-area order.
    pub mentors: Vec<MentorshipSummary>,
    /// Active mentorships where I am the mentor.
    pub mentees: Vec<MentorshipSummary>,
    /// Open requests I sent, and those sent to me.
    pub sent: Vec<MentorshipSummary>,
    pub received: Vec<MentorshipSummary>,
    /// Requests I asked a coordinator to fill, still open.
    pub waiting_assignment: Vec<(String, String)>,
    /// Closed mentorships and requests, newest first.
    pub past: Vec<MentorshipSummary>,
    pub capacity: i64,
}

/// One entry of a mentorship's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub at: i64,
    /// The member's name, or "Carrel".
    pub actor: String,
    pub from: Option<State>,
    pub to: State,
    pub reason: Option<String>,
    pub note: String,
}

/// `/mentorships/{id}` for one of the pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentorshipDetail {
    pub summary: MentorshipSummary,
    pub message: String,
    pub agreement: Agreement,
    pub agreement_at: Option<i64>,
    /// Someone asked to close as completed: was it me?
    pub close_asked: Option<Side>,
    pub history: Vec<HistoryEntry>,
    /// The program cycle this mentorship belongs to, if any.
    pub program: Option<ProgramLink>,
}

/// A mentorship's program cycle, as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramLink {
    pub program_name: String,
    pub program_slug: String,
    pub cycle_name: String,
    /// Midnight UTC of the cycle's last day.
    pub ends_on: i64,
    /// The pair chose to keep going after the cycle.
    pub extended: bool,
    /// For the mentor: this month's check-in with the liaison, if given.
    pub checkin: Option<String>,
}

/// What the request panel on a mentor's page offers the viewer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestOptions {
    pub mentor_name: String,
    /// Focus areas the mentor offers: (slug, label, why not, if it cannot be asked for).
    pub focus: Vec<(String, String, Option<String>)>,
    /// False when full, and also when the mentor blocked the viewer.
    pub has_free_place: bool,
    pub open_requests: i64,
    pub max_open_requests: i64,
    /// The viewer has saved a profile (mentors want to see who is asking).
    pub has_profile: bool,
    pub blocked_by_me: bool,
}

/// A mentee waiting for a coordinator to find them a mentor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub id: i64,
    /// The cycle the mentee asked within, in a program's queue.
    pub cycle_name: Option<String>,
    pub mentee_id: i64,
    pub mentee_name: String,
    pub focus_label: String,
    pub note: String,
    pub created_at: i64,
    /// Best-fitting mentors with a free place, best first.
    pub suggestions: Vec<Suggestion>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub mentor_id: i64,
    pub mentor_name: String,
    pub score: u32,
    pub free_places: i64,
    pub reasons: Vec<String>,
}

/// "Match everyone": one proposed pair per queued request that can be filled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    pub pairs: Vec<ProposedPair>,
    /// Queued requests no mentor with a free place can take.
    pub unmatched: Vec<String>,
    pub total_fit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposedPair {
    pub request_id: i64,
    pub mentee_name: String,
    pub focus_label: String,
    pub mentor_id: i64,
    pub mentor_name: String,
    pub score: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_listed_transitions_by_the_listed_actor_are_allowed() {
        use {Actor::*, State::*};
        let expected = [
            (Requested, Accepted, Mentor),
            (Requested, Declined, Mentor),
            (Requested, Withdrawn, Mentee),
            (Requested, Withdrawn, System),
            (Requested, Expired, System),
            (Accepted, Completed, Mentor),
            (Accepted, Completed, Mentee),
            (Accepted, Completed, System),
            (Accepted, Ended, Mentor),
            (Accepted, Ended, Mentee),
        ];
        let mut allowed_count = 0;
        for &from in State::ALL {
            for &to in State::ALL {
                for actor in [Mentor, Mentee, System] {
                    let ok = allowed(from, to, actor);
                    assert_eq!(
                        ok,
                        expected.contains(&(from, to, actor)),
                        "{from:?} → {to:?} by {actor:?}"
                    );
                    allowed_count += usize::from(ok);
                    if !ok {
                        assert!(!refusal(from, to, actor).is_empty());
                    }
                }
            }
        }
        assert_eq!(allowed_count, expected.len());
    }

    #[test]
    fn closed_states_never_move() {
        for &from in State::ALL.iter().filter(|s| s.is_closed()) {
            for &to in State::ALL {
                for actor in [Actor::Mentor, Actor::Mentee, Actor::System] {
                    assert!(!allowed(from, to, actor));
                }
            }
            assert!(refusal(from, State::Accepted, Actor::Mentor).contains("no longer change"));
        }
    }

    #[test]
    fn agreements_parse_and_explain_each_bad_field() {
        let good = AgreementForm {
            channel: "video".into(),
            frequency: "monthly".into(),
            reply_within: "week".into(),
            hours_per_month: " 3 ".into(),
            notes: "  First Tuesday, 30 minutes. ".into(),
        };
        let a = parse_agreement(&good).unwrap();
        assert_eq!(a.channel, Channel::Video);
        assert_eq!(a.hours_per_month, 3);
        assert_eq!(a.notes, "First Tuesday, 30 minutes.");
        assert_eq!(AgreementForm::from(&a).hours_per_month, "3");

        let bad = AgreementForm {
            channel: "pigeon".into(),
            hours_per_month: "-1".into(),
            notes: "x".repeat(MAX_MESSAGE_CHARS + 1),
            ..good
        };
        let errors = parse_agreement(&bad).unwrap_err();
        let fields: Vec<&str> = errors.errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["channel", "hours_per_month", "notes"]);
    }

    #[test]
    fn request_messages_need_some_words_and_a_limit() {
        assert!(parse_message("hi").is_err());
        assert!(parse_message(&"a".repeat(MAX_MESSAGE_CHARS + 1)).is_err());
        assert_eq!(
            parse_message("  I hope to publish my first article.  ").unwrap(),
            "I hope to publish my first article."
        );
        assert!(parse_note(&"n".repeat(MAX_NOTE_CHARS + 1)).is_err());
        assert_eq!(parse_note(" a   b ").unwrap(), "a b");
    }
}
