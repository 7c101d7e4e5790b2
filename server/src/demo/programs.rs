//! Demo programs, their cycles, enrolments and first pairs.

use super::{
    add_user,
    mentorships::{converse, Accepted},
    DEMO_COORDINATOR_EMAIL, DEMO_PASSWORD,
};
use app::dates::DAY_MS;
use app::language::Lang;
use app::{
    accounts::{
        model::{DisplayName, Email, NewPassword, SiteRole},
        store::hash_password,
    },
    db::Db,
    mentorships::{
        assignment,
        model::State,
        store::{self as mentorships, Change, NewRequest},
    },
    messages::hub::Hub,
    profiles::model::CareerStage,
    programs::{
        model::{Contact, Matching, NewCycle, NewProgram, ProgramKind, Role},
        store as programs,
    },
};
use rand::{rngs::StdRng, SeedableRng};

/// Example programs modelled on the associations' own (a structured career
/// program, a section's network, a conference program, an open network and an
/// institution's yearly program), each with a cycle taking enrolments now, and
/// eligible demo members enrolled through the same rules as the app. Runs
/// before the demo's requests, so pairs who share a cycle belong to it.
pub async fn seed_programs(db: &Db, hub: &Hub, now: i64) -> anyhow::Result<usize> {
    let err = |e: app::AppError| anyhow::anyhow!("{e}");
    let hash = hash_password(&NewPassword::parse(DEMO_PASSWORD, &[]).map_err(anyhow::Error::msg)?)
        .await
        .map_err(err)?;
    let email = Email::parse(DEMO_COORDINATOR_EMAIL).map_err(anyhow::Error::msg)?;
    let name = DisplayName::parse("Rosalind Achebe-Lund").map_err(anyhow::Error::msg)?;
    let coordinator = add_user(db.pool(), &email, &name, &hash, SiteRole::Member, Lang::En).await?;
    let year = time::OffsetDateTime::from_unix_timestamp(now / 1000)?.year();
    let day = |d: i64| (now / DAY_MS + d) * DAY_MS;
    let mut enrolled = 0;
    for spec in example_programs() {
        let slug = programs::create_program(
            db,
            &NewProgram {
                slug: app::programs::model::slugify(spec.name),
                name: spec.name.to_owned(),
                description: spec.description.to_owned(),
                kind: spec.kind,
                matching: spec.matching,
                contact: spec.contact,
                mentor_min_years: spec.mentor_min_years,
                mentee_stages: spec.mentee_stages,
                required_tags: spec.required_tag.map(str::to_owned).into_iter().collect(),
                coordinators: if spec.coordinated {
                    vec![DEMO_COORDINATOR_EMAIL.to_owned()]
                } else {
                    vec![]
                },
            },
            now,
        )
        .await
        .map_err(err)?;
        let program = programs::program_by_slug(db, &slug).await.map_err(err)?;
        // Last year's cycle has ended; this year's takes enrolments now.
        let last = if spec.kind == ProgramKind::Cycle {
            Some(
                programs::add_cycle(
                    db,
                    program.id,
                    &NewCycle {
                        name: format!("{}–{}", year - 1, (year) % 100),
                        starts_on: day(-440),
                        ends_on: day(-170),
                        enrol_opens: day(-500),
                        enrol_closes: day(-445),
                        capacity: 40,
                    },
                    now,
                )
                .await
                .map_err(err)?,
            )
        } else {
            None
        };
        let cycle = programs::add_cycle(
            db,
            program.id,
            &NewCycle {
                name: format!("{year}–{}", (year + 1) % 100),
                starts_on: day(-10),
                ends_on: day(260),
                enrol_opens: day(-30),
                enrol_closes: day(30),
                capacity: 40,
            },
            now,
        )
        .await
        .map_err(err)?;
        // Members who meet the rules enrol; the rules turn the rest away.
        let members: Vec<(i64, i64)> =
            sqlx::query_as("SELECT user_id, open_to_mentoring FROM profiles ORDER BY user_id")
                .fetch_all(db.pool())
                .await?;
        let (mut mentors, mut mentees) = (0, 0);
        for (user_id, open) in members {
            let role = if open == 1 {
                Role::Mentor
            } else {
                Role::Mentee
            };
            let room = match role {
                Role::Mentor => mentors < 12,
                Role::Mentee => mentees < 15,
            };
            // Some of this year's mentors also served last year, and can renew.
            if let (Some(last), Role::Mentor, true) = (last, role, user_id % 3 == 0) {
                let note = "Happy to talk about first jobs, applications and interviews, and finding your feet in a new library.";
                let _ = programs::enrol(db, user_id, last, role, note, day(-470)).await;
            }
            if room
                && programs::enrol(db, user_id, cycle, role, "", now - DAY_MS)
                    .await
                    .is_ok()
            {
                match role {
                    Role::Mentor => mentors += 1,
                    Role::Mentee => mentees += 1,
                }
            }
        }
        enrolled += mentors + mentees;
        if spec.matching == Matching::Assign {
            waiting_for_match(db, cycle, now).await?;
        }
        // The career program's committee has a topic out and the next one scheduled,
        // and its first pairs, matched six weeks ago, are under way.
        if spec.matching == Matching::Both {
            cycle_pairs(db, hub, cycle, now - 42 * DAY_MS).await?;
            for (title, body, on) in [
                (
                    "Finding your professional community",
                    "Which associations, round tables or local groups have helped you most? Where would you start if you were new to this area?",
                    -3,
                ),
                (
                    "Your first conference",
                    "How do you choose sessions, meet people and make the cost worth it? Share one thing you wish you had known before your first conference.",
                    25,
                ),
            ] {
                let topic = app::programs::model::NewTopic {
                    title: title.to_owned(),
                    body: body.to_owned(),
                    send_on: day(on),
                };
                app::programs::topics::schedule(db, cycle, coordinator, &topic, now)
                    .await
                    .map_err(err)?;
            }
        }
    }
    Ok(enrolled)
}

/// One example program: what it is, whom it takes, and whether the demo's
/// coordinator runs it.
struct ProgramSpec {
    name: &'static str,
    description: &'static str,
    kind: ProgramKind,
    matching: Matching,
    contact: Contact,
    mentor_min_years: i64,
    mentee_stages: Vec<CareerStage>,
    /// The affiliation a member needs to enrol, if any.
    required_tag: Option<&'static str>,
    coordinated: bool,
}

/// The five example programs, modelled on the associations' own.
fn example_programs() -> [ProgramSpec; 5] {
    [
        ProgramSpec {
            name: "New Members Career Mentoring",
            description: "A nine-month program pairing librarians new to the profession, and library school students, with experienced librarians.\n\n\
             Mentors have worked in a professional position for at least five years and write to their mentee at least once a month; they open with an introductory message. \
             The committee sends a discussion topic each month, and a liaison checks in. At the end, both give feedback, and mentors may ask for a letter recognising their service.",
            kind: ProgramKind::Cycle,
            matching: Matching::Both,
            contact: Contact::Monthly,
            mentor_min_years: 5,
            mentee_stages: vec![CareerStage::Student, CareerStage::New],
            required_tag: None,
            coordinated: true,
        },
        ProgramSpec {
            name: "Instruction Section Mentoring",
            description: "Pairs librarians experienced in teaching with librarians new to instruction or to the section, for a year of conversations about teaching and information literacy.",
            kind: ProgramKind::Cycle,
            matching: Matching::Choose,
            contact: Contact::TwiceMonthly,
            mentor_min_years: 3,
            mentee_stages: vec![],
            required_tag: Some("ACRL Instruction Section"),
            coordinated: true,
        },
        ProgramSpec {
            name: "Annual Conference Buddies",
            description: "A first conference can be a lot. A buddy who has been before helps you plan your days, meets you once on site, and introduces you around.",
            kind: ProgramKind::Conference,
            matching: Matching::Assign,
            contact: Contact::Weekly,
            mentor_min_years: 2,
            mentee_stages: vec![],
            required_tag: None,
            coordinated: true,
        },
        ProgramSpec {
            name: "Open Mentoring Network",
            description: "Any member may offer or seek mentoring, at any stage of their career. No cycles to wait for: enrol, find someone, and agree your own rhythm.",
            kind: ProgramKind::Network,
            matching: Matching::Choose,
            contact: Contact::AsAgreed,
            mentor_min_years: 0,
            mentee_stages: vec![],
            required_tag: None,
            coordinated: false,
        },
        ProgramSpec {
            name: "Lakeshore College Libraries New Hire Mentoring",
            description: "Each year our mentors post a short note on what they can offer, and every new hire browses the list and picks.",
            kind: ProgramKind::Institutional,
            matching: Matching::Choose,
            contact: Contact::Monthly,
            mentor_min_years: 2,
            mentee_stages: vec![],
            required_tag: None,
            coordinated: false,
        },
    ]
}

/// A few of a cycle's mentees ask its coordinators for a match in a focus
/// its mentors offer, so the program's queue has people to match.
async fn waiting_for_match(db: &Db, cycle: i64, now: i64) -> anyhow::Result<()> {
    let asks: Vec<(i64, String)> = sqlx::query_as(
        "SELECT e.user_id, MIN(t.value) FROM enrolments e
         JOIN profile_tags t ON t.user_id = e.user_id AND t.kind = 'focus_sought'
         WHERE e.cycle_id = $1 AND e.role = 'mentee'
           AND t.value IN (SELECT o.value FROM enrolments m
               JOIN profile_tags o ON o.user_id = m.user_id AND o.kind = 'focus_offered'
               WHERE m.cycle_id = $1 AND m.role = 'mentor')
         GROUP BY e.user_id ORDER BY e.user_id LIMIT 4",
    )
    .bind(cycle)
    .fetch_all(db.pool())
    .await?;
    let areas = app::profiles::store::focus_areas(db)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    for (mentee, focus) in asks {
        if let Some(area) = areas.iter().find(|a| a.slug == focus) {
            let note = "My first conference: I would like a buddy who knows their way around.";
            let _ = assignment::ask(db, mentee, area, note, Some(cycle), now).await;
        }
    }
    Ok(())
}

/// Pairs some of a cycle's mentees with its mentors, through the same rules
/// as the app; most write to each other, and the rest stay quiet (so the
/// coordinators' page has pairs needing attention).
async fn cycle_pairs(db: &Db, hub: &Hub, cycle: i64, at: i64) -> anyhow::Result<()> {
    let mentees: Vec<(i64,)> = sqlx::query_as(
        "SELECT user_id FROM enrolments WHERE cycle_id = $1 AND role = 'mentee' ORDER BY user_id LIMIT 8",
    )
    .bind(cycle)
    .fetch_all(db.pool())
    .await?;
    let offers: Vec<(i64, String)> = sqlx::query_as(
        "SELECT e.user_id, t.value FROM enrolments e JOIN profile_tags t ON t.user_id = e.user_id
         WHERE e.cycle_id = $1 AND e.role = 'mentor' AND t.kind = 'focus_offered' ORDER BY e.user_id, t.value",
    )
    .bind(cycle)
    .fetch_all(db.pool())
    .await?;
    let areas = app::profiles::store::focus_areas(db)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut rng = StdRng::seed_from_u64(cycle as u64);
    for (i, (mentee,)) in mentees.into_iter().enumerate() {
        let (mentor, focus) = &offers[(i * 3) % offers.len().max(1)];
        let Some(area) = areas.iter().find(|a| &a.slug == focus) else {
            continue;
        };
        let request = NewRequest {
            mentee_id: mentee,
            mentor_id: *mentor,
            focus: area,
            message: "I am new to the profession and would value a guide through my first year.",
            assigned_by: None,
        };
        let Ok(id) = mentorships::request(db, request, at).await else {
            continue;
        };
        let change = Change {
            to: State::Accepted,
            reason: None,
            note: "",
        };
        if mentorships::change_state(db, *mentor, id, change, at + DAY_MS)
            .await
            .is_ok()
            && i % 4 != 3
        {
            converse(
                db,
                hub,
                &mut rng,
                Accepted {
                    id,
                    mentor: *mentor,
                    mentee,
                },
                &area.label,
                at + DAY_MS,
            )
            .await?;
        }
    }
    Ok(())
}
