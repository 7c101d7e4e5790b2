//! Program types shared by server and browser: the fixed choices, the forms as
//! posted, and what the program pages show; eligibility in words is in
//! [`super::eligibility`].

use crate::dates::{iso_day, parse_day, DAY_MS};
use crate::{
    choices::choices,
    profiles::model::{split_tags, CareerStage},
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

choices! {
    ProgramKind in programs.program_kind {
        Cycle = ("cycle", cycle),
        Conference = ("conference", conference),
        Network = ("network", network),
        Institutional = ("institutional", institutional),
    }
}

choices! {
    /// How pairs are made within a program.
    Matching in programs.matching {
        Choose = ("choose", choose),
        Assign = ("assign", assign),
        Both = ("both", both),
    }
}

choices! {
    /// How often a program expects the pair to be in touch.
    Contact in programs.contact {
        Weekly = ("weekly", weekly),
        TwiceMonthly = ("twice_monthly", twice_monthly),
        Monthly = ("monthly", monthly),
        AsAgreed = ("as_agreed", as_agreed),
    }
}

choices! {
    Role in programs.role {
        Mentor = ("mentor", mentor),
        Mentee = ("mentee", mentee),
    }
}

choices! {
    /// The mentor's monthly answer to the liaison.
    CheckinState in programs.checkin_state {
        Met = ("met", met),
        InTouch = ("in_touch", in_touch),
        NeedHelp = ("need_help", need_help),
        NotHeard = ("not_heard", not_heard),
    }
}

/// A pair with no message for this long needs a coordinator's attention.
pub const QUIET_DAYS: i64 = 30;

/// A program pair as its coordinators see it: names, dates and check-ins,
/// never a message's words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairStatus {
    pub mentorship_id: i64,
    pub mentor_name: String,
    pub mentee_name: String,
    pub focus_label: String,
    pub cycle_name: String,
    pub liaison_id: Option<i64>,
    pub liaison_name: Option<String>,
    pub last_message_at: Option<i64>,
    /// The latest check-in: its answer, the mentor's note, when.
    pub checkin: Option<(CheckinState, String, i64)>,
    /// Why it needs attention, in words; empty when it does not.
    pub attention: Vec<String>,
}

/// A program's report, from counts and timestamps only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The month the check-in counts are for, "2026-11".
    pub month: String,
    /// (cycle, mentors, mentees, mentee places).
    pub enrolment: Vec<(String, i64, i64, i64)>,
    /// (focus area, matches).
    pub matches: Vec<(String, i64)>,
    /// (month, messages, meetings held), the last twelve months.
    pub activity: Vec<(String, i64, i64)>,
    /// (check-in answer, pairs) this month.
    pub checkins: Vec<(String, i64)>,
}

/// One row of an imported CSV and what importing it does (or why it cannot).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRow {
    /// The line in the file (the header is line 1).
    pub line: usize,
    pub name: String,
    pub email: String,
    pub role: String,
    pub tags: String,
    /// What will happen, or the problem: "enrol Ana Ruiz (a member)", "invite by email".
    pub outcome: String,
    pub error: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub cycle_name: String,
    pub rows: Vec<ImportRow>,
    pub errors: usize,
    /// True once imported; false for a dry run.
    pub applied: bool,
}

/// A program and its rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Program {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub kind: ProgramKind,
    pub matching: Matching,
    pub contact: Contact,
    pub mentor_min_years: i64,
    /// Empty: mentees at any career stage.
    pub mentee_stages: Vec<CareerStage>,
    /// Affiliations every member must list on their profile.
    pub required_tags: Vec<String>,
}

/// Where a cycle is in its life, as of a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    /// Enrolment has not opened yet.
    Upcoming,
    Enrolling,
    /// Enrolment closed; the cycle has not ended.
    Running,
    Ended,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cycle {
    pub id: i64,
    pub program_id: i64,
    pub name: String,
    /// Midnight UTC of each day.
    pub starts_on: i64,
    pub ends_on: i64,
    pub enrol_opens: i64,
    pub enrol_closes: i64,
    pub capacity: i64,
    pub mentees: i64,
    pub mentors: i64,
}

impl Cycle {
    pub fn phase(&self, now: i64) -> Phase {
        if now >= self.ends_on + DAY_MS {
            Phase::Ended
        } else if now < self.enrol_opens {
            Phase::Upcoming
        } else if now < self.enrol_closes + DAY_MS {
            Phase::Enrolling
        } else {
            Phase::Running
        }
    }
}

/// A mentor enrolled in a cycle, as the cycle's members see them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CycleMentor {
    pub id: i64,
    pub name: String,
    pub position: String,
    pub note: String,
}

/// A cycle on the program page, from the reader's point of view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CycleView {
    pub cycle: Cycle,
    pub phase: Phase,
    /// The roles the reader enrolled in.
    pub mine: Vec<Role>,
    /// The reader's note from their last cycle as a mentor in this program,
    /// when they could renew it here with one click.
    pub renew_note: Option<String>,
    /// Only for the cycle's members and its coordinators.
    pub mentors: Option<Vec<CycleMentor>>,
    /// Focus areas the reader asked this cycle's coordinators to match them in.
    pub asked: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgramSummary {
    pub program: Program,
    pub coordinators: Vec<String>,
    /// The cycle taking enrolments now, if any.
    pub enrolling: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgramPage {
    pub program: Program,
    pub coordinators: Vec<String>,
    pub cycles: Vec<CycleView>,
    pub signed_in: bool,
    pub can_manage: bool,
    /// What a mentee can ask to be matched in, where the coordinators match
    /// pairs (empty otherwise).
    pub focus_areas: Vec<crate::profiles::model::FocusArea>,
}

/// A member enrolled in a cycle, as its coordinators see them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Enrolment {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub enrolled_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManagedCycle {
    pub cycle: Cycle,
    pub phase: Phase,
    pub enrolments: Vec<Enrolment>,
    /// Active mentorships in the cycle.
    pub pairs: i64,
    pub topics: Vec<Topic>,
}

/// A discussion topic scheduled for a cycle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Topic {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub send_on: i64,
    pub sent_at: Option<i64>,
}

pub struct NewTopic {
    pub title: String,
    pub body: String,
    pub send_on: i64,
}

/// Checks a topic as a coordinator typed it; `today` is midnight UTC of today.
pub fn parse_topic(
    title: &str,
    body: &str,
    send_on: &str,
    today: i64,
) -> Result<NewTopic, crate::error::FieldErrors> {
    let mut errors = crate::error::FieldErrors::new()
        .keep("title", title)
        .keep("body", body)
        .keep("send_on", send_on);
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.chars().count() < 3 || title.chars().count() > 120 {
        errors.add("title", crate::tr!(programs.topic.title_length));
    }
    let body = body.trim().to_owned();
    if body.chars().count() < 10 || body.chars().count() > 4000 {
        errors.add("body", crate::tr!(programs.topic.body_length));
    }
    let send_on = match parse_day(send_on) {
        None => Err(crate::tr!(programs.form.date)),
        Some(d) if d < today => Err(crate::tr!(programs.topic.not_past)),
        Some(d) => Ok(d),
    };
    match errors.parsed("send_on", send_on) {
        Some(send_on) if errors.is_empty() => Ok(NewTopic {
            title,
            body,
            send_on,
        }),
        _ => Err(errors),
    }
}

/// How a topic reads as a card in a thread (Markdown), in the reader's language.
pub fn topic_card(program: &str, title: &str, body: &str) -> String {
    topic_card_in(crate::language::current(), program, title, body)
}

/// How a topic reads as a card in a thread (Markdown), in `lang`.
pub fn topic_card_in(
    lang: crate::language::Lang,
    program: &str,
    title: &str,
    body: &str,
) -> String {
    let from = crate::i18n::td_string!(lang.locale(), programs.topic.card_from, program = program);
    format!("**{title}**\n\n{body}\n\n*{from}*")
}

/// The program form as posted (admins).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProgramForm {
    pub name: String,
    pub description: String,
    pub kind: String,
    pub matching: String,
    pub contact: String,
    pub mentor_min_years: String,
    pub mentee_stages: BTreeMap<String, String>,
    pub required_tags: String,
    /// Coordinators' email addresses, separated by commas.
    pub coordinators: String,
}

/// A program's fields after checking, with the coordinators' addresses.
pub struct NewProgram {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub kind: ProgramKind,
    pub matching: Matching,
    pub contact: Contact,
    pub mentor_min_years: i64,
    pub mentee_stages: Vec<CareerStage>,
    pub required_tags: Vec<String>,
    pub coordinators: Vec<String>,
}

/// "NMRT Career Mentoring 2026" → "nmrt-career-mentoring-2026".
pub fn slugify(name: &str) -> String {
    name.to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// Checks the program form; every problem is reported by field, with what was typed.
pub fn parse_program(form: &ProgramForm) -> Result<NewProgram, crate::error::FieldErrors> {
    let mut errors = crate::error::FieldErrors::new();
    for (k, v) in [
        ("name", &form.name),
        ("description", &form.description),
        ("kind", &form.kind),
        ("matching", &form.matching),
        ("contact", &form.contact),
        ("mentor_min_years", &form.mentor_min_years),
        ("required_tags", &form.required_tags),
        ("coordinators", &form.coordinators),
    ] {
        errors = errors.keep(k, v);
    }
    let name = form.name.split_whitespace().collect::<Vec<_>>().join(" ");
    let slug = slugify(&name);
    if slug.len() < 3 || name.chars().count() > 100 {
        errors.add("name", crate::tr!(programs.program_form.name_length));
    }
    let description = form.description.trim().to_owned();
    if description.chars().count() < 10 || description.chars().count() > 4000 {
        errors.add(
            "description",
            crate::tr!(programs.program_form.description_length),
        );
    }
    let kind = errors.parsed(
        "kind",
        ProgramKind::from_slug(&form.kind).ok_or(crate::tr!(programs.program_form.kind)),
    );
    let matching = errors.parsed(
        "matching",
        Matching::from_slug(&form.matching).ok_or(crate::tr!(programs.program_form.matching)),
    );
    let contact = errors.parsed(
        "contact",
        Contact::from_slug(&form.contact).ok_or(crate::tr!(programs.program_form.contact)),
    );
    let years = match form.mentor_min_years.trim() {
        "" => Some(0),
        s => s.parse::<i64>().ok().filter(|y| (0..=50).contains(y)),
    };
    let years = errors.parsed(
        "mentor_min_years",
        years.ok_or(crate::tr!(programs.program_form.years)),
    );
    let mentee_stages: Vec<CareerStage> = CareerStage::ALL
        .iter()
        .copied()
        .filter(|s| form.mentee_stages.contains_key(s.slug()))
        .collect();
    let required_tags = split_tags(&form.required_tags);
    if required_tags.len() > 5 || required_tags.iter().any(|t| t.chars().count() > 40) {
        errors.add("required_tags", crate::tr!(programs.program_form.tags));
    }
    let coordinators = errors.parsed("coordinators", parse_coordinators(&form.coordinators));
    match (kind, matching, contact, years, coordinators) {
        (Some(kind), Some(matching), Some(contact), Some(mentor_min_years), Some(coordinators))
            if errors.is_empty() =>
        {
            Ok(NewProgram {
                slug,
                name,
                description,
                kind,
                matching,
                contact,
                mentor_min_years,
                mentee_stages,
                required_tags,
                coordinators: coordinators
                    .iter()
                    .map(|e| crate::accounts::model::normalise_email(e))
                    .collect(),
            })
        }
        _ => Err(errors),
    }
}

/// The cycle form as posted (coordinators); dates as `YYYY-MM-DD`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CycleForm {
    pub name: String,
    pub starts_on: String,
    pub ends_on: String,
    pub enrol_opens: String,
    pub enrol_closes: String,
    pub capacity: String,
}

pub struct NewCycle {
    pub name: String,
    pub starts_on: i64,
    pub ends_on: i64,
    pub enrol_opens: i64,
    pub enrol_closes: i64,
    pub capacity: i64,
}

impl NewCycle {
    /// The form as it was sent, for a refusal from the database that keeps it.
    pub fn kept(&self) -> crate::error::FieldErrors {
        crate::error::FieldErrors::new()
            .keep("name", &self.name)
            .keep("starts_on", &iso_day(self.starts_on))
            .keep("ends_on", &iso_day(self.ends_on))
            .keep("enrol_opens", &iso_day(self.enrol_opens))
            .keep("enrol_closes", &iso_day(self.enrol_closes))
            .keep("capacity", &self.capacity.to_string())
    }
}

/// A cycle as its coordinators change it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CycleEdit {
    pub program: Program,
    pub cycle: Cycle,
    /// Past its last day: its dates are in members' records and letters.
    pub ended: bool,
}

/// Coordinators as an administrator types them: email addresses separated
/// by commas.
pub fn parse_coordinators(raw: &str) -> Result<Vec<String>, String> {
    let emails = split_tags(raw);
    match emails
        .iter()
        .find(|e| crate::accounts::model::Email::parse(e).is_err())
    {
        Some(bad) => Err(crate::tr!(programs.program_form.not_email, bad = bad).to_string()),
        None => Ok(emails),
    }
}

pub fn parse_cycle(form: &CycleForm) -> Result<NewCycle, crate::error::FieldErrors> {
    let mut errors = crate::error::FieldErrors::new();
    for (k, v) in [
        ("name", &form.name),
        ("starts_on", &form.starts_on),
        ("ends_on", &form.ends_on),
        ("enrol_opens", &form.enrol_opens),
        ("enrol_closes", &form.enrol_closes),
        ("capacity", &form.capacity),
    ] {
        errors = errors.keep(k, v);
    }
    let name = form.name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.chars().count() < 3 || name.chars().count() > 80 {
        errors.add("name", crate::tr!(programs.cycle_form.name_length));
    }
    let mut date = |field: &str, raw: &str| {
        errors.parsed(field, parse_day(raw).ok_or(crate::tr!(programs.form.date)))
    };
    let starts = date("starts_on", &form.starts_on);
    let ends = date("ends_on", &form.ends_on);
    let opens = date("enrol_opens", &form.enrol_opens);
    let closes = date("enrol_closes", &form.enrol_closes);
    if let (Some(s), Some(e)) = (starts, ends) {
        if e <= s {
            errors.add("ends_on", crate::tr!(programs.cycle_form.end_after_start));
        } else if e - s > 3 * 366 * DAY_MS {
            errors.add("ends_on", crate::tr!(programs.cycle_form.three_years));
        }
    }
    if let (Some(o), Some(c)) = (opens, closes) {
        if c < o {
            errors.add(
                "enrol_closes",
                crate::tr!(programs.cycle_form.close_after_open),
            );
        }
    }
    if let (Some(c), Some(e)) = (closes, ends) {
        if c > e {
            errors.add("enrol_closes", crate::tr!(programs.cycle_form.close_by_end));
        }
    }
    let capacity = form
        .capacity
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|c| (1..=10_000).contains(c));
    let capacity = errors.parsed(
        "capacity",
        capacity.ok_or(crate::tr!(programs.cycle_form.capacity)),
    );
    match (starts, ends, opens, closes, capacity) {
        (Some(starts_on), Some(ends_on), Some(enrol_opens), Some(enrol_closes), Some(capacity))
            if errors.is_empty() =>
        {
            Ok(NewCycle {
                name,
                starts_on,
                ends_on,
                enrol_opens,
                enrol_closes,
                capacity,
            })
        }
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycle_phases_follow_whole_days() {
        let d = |s| parse_day(s).unwrap();
        let c = Cycle {
            id: 1,
            program_id: 1,
            name: "2026–27".into(),
            starts_on: d("2026-09-01"),
            ends_on: d("2027-05-31"),
            enrol_opens: d("2026-07-01"),
            enrol_closes: d("2026-08-15"),
            capacity: 1,
            mentees: 0,
            mentors: 0,
        };
        assert_eq!(c.phase(d("2026-06-30")), Phase::Upcoming);
        assert_eq!(c.phase(d("2026-08-15") + DAY_MS - 1), Phase::Enrolling);
        assert_eq!(c.phase(d("2026-08-16")), Phase::Running);
        assert_eq!(c.phase(d("2027-05-31") + DAY_MS - 1), Phase::Running);
        assert_eq!(c.phase(d("2027-06-01")), Phase::Ended);
        assert_eq!(iso_day(d("2027-05-31")), "2027-05-31");
        assert!(parse_day("2027-02-30").is_none());
    }
}
