//! Demo members: a name, an email and a whole profile for each.

use super::{
    bios::{ascii_fold, bio, goals, slots},
    careers::{institution, library_types, position, work_functions},
    interests::{affiliations, focus_weights, function_vocabulary, library_vocabulary},
    places::{languages, PLACES},
    words::{
        DOMAINS, FIRST_NAMES, FOCUS_AREAS, GENERAL_INTERESTS, GENERAL_WORK, HOBBIES, LAST_NAMES,
        STUDENT_WORK,
    },
};
use app::profiles::{
    model::{CareerStage, MeetingMode, Profile, ReplyTime, INTEREST_SUGGESTIONS},
    store::standard_offset_minutes,
};
use rand::{rngs::StdRng, seq::SliceRandom, Rng};

/// The `i`th member's name and email; `i` in the address keeps emails unique.
pub(super) fn demo_person(rng: &mut StdRng, i: usize) -> (String, String) {
    let first = FIRST_NAMES.choose(rng).expect("non-empty");
    let last = LAST_NAMES.choose(rng).expect("non-empty");
    let name = match rng.gen_range(0..100) {
        0..=7 => {
            let other = LAST_NAMES.choose(rng).expect("non-empty");
            if other == last {
                format!("{first} {last}")
            } else {
                format!("{first} {last}-{other}")
            }
        }
        8..=19 => format!("{first} {}. {last}", char::from(rng.gen_range(b'A'..=b'Z'))),
        _ => format!("{first} {last}"),
    };
    let domain = DOMAINS.choose(rng).expect("non-empty");
    let local: Vec<String> = name.split_whitespace().map(ascii_fold).collect();
    (name, format!("{}{i}@{domain}", local.join(".")))
}

/// One member's whole profile. Everything comes from `rng`, so a seed always
/// gives the same people.
pub(super) fn demo_profile(rng: &mut StdRng, name: &str) -> Profile {
    let career_stage = pick(
        rng,
        &[
            (CareerStage::Student, 12),
            (CareerStage::New, 22),
            (CareerStage::Mid, 33),
            (CareerStage::Senior, 23),
            (CareerStage::Changer, 10),
        ],
    );
    let library_type = pick(rng, library_types(career_stage));
    let work_function = pick(rng, work_functions(library_type));
    let years_professional = match career_stage {
        CareerStage::Student => 0,
        CareerStage::New => rng.gen_range(0..=4),
        CareerStage::Mid => rng.gen_range(5..=15),
        CareerStage::Senior => rng.gen_range(15..=35),
        CareerStage::Changer => rng.gen_range(0..=6),
    };
    let place = PLACES
        .choose_weighted(rng, |p| p.weight)
        .expect("positive weights");
    let open_to_mentoring = rng.gen_bool(match career_stage {
        CareerStage::Student => 0.02,
        CareerStage::New => 0.15,
        CareerStage::Mid => 0.6,
        CareerStage::Senior => 0.8,
        CareerStage::Changer => 0.1,
    });
    let pronouns = if rng.gen_bool(0.5) {
        pick(
            rng,
            &[
                ("she/her", 45),
                ("he/him", 35),
                ("they/them", 12),
                ("she/they", 4),
                ("he/they", 3),
                ("ze/zir", 1),
            ],
        )
    } else {
        ""
    };
    let mut p = Profile {
        display_name: name.to_owned(),
        pronouns: pronouns.to_owned(),
        position: position(rng, library_type, work_function, career_stage),
        institution: institution(rng, library_type, career_stage),
        institution_public: rng.gen_bool(0.9),
        library_type,
        work_function,
        career_stage,
        years_professional,
        country: place.country.to_owned(),
        region: place.region.to_owned(),
        time_zone: place.zone.to_owned(),
        utc_offset_minutes: standard_offset_minutes(place.zone)
            .expect("demo places use IANA zone names"),
        languages: languages(rng, place),
        interests: Vec::new(),
        work_areas: Vec::new(),
        affiliations: Vec::new(),
        bio: String::new(),
        non_work_interests: String::new(),
        open_to_mentoring,
        focus_offered: Vec::new(),
        capacity: 0,
        meeting_modes: Vec::new(),
        reply_time: pick(
            rng,
            &[
                (ReplyTime::Day, 30),
                (ReplyTime::FewDays, 50),
                (ReplyTime::Week, 20),
            ],
        ),
        goals: String::new(),
        focus_sought: Vec::new(),
        written_in: app::language::Lang::En,
    };
    let (function_interests, function_work) = function_vocabulary(library_type, work_function);
    let (type_interests, type_work) = if career_stage == CareerStage::Student {
        (GENERAL_INTERESTS, STUDENT_WORK)
    } else {
        library_vocabulary(library_type)
    };
    let n = rng.gen_range(2..=6);
    p.interests = tags(
        rng,
        &[
            (function_interests, 5),
            (type_interests, 3),
            (INTEREST_SUGGESTIONS, 2),
            (GENERAL_INTERESTS, 2),
        ],
        n,
        &[],
    );
    let n = rng.gen_range(2..=6);
    p.work_areas = tags(
        rng,
        &[(function_work, 6), (type_work, 3), (GENERAL_WORK, 1)],
        n,
        &p.interests,
    );
    p.affiliations = affiliations(rng, &p);
    if rng.gen_bool(0.55) {
        let n = rng.gen_range(1..=3);
        let picked: Vec<&str> = HOBBIES.choose_multiple(rng, n).copied().collect();
        p.non_work_interests = picked.join(", ");
    }
    if open_to_mentoring {
        let n = pick(rng, &[(1, 25), (2, 40), (3, 25), (4, 10)]);
        p.focus_offered = focus(rng, &focus_weights(&p, true), n);
        p.capacity = pick(
            rng,
            &[(0, 5), (1, 25), (2, 35), (3, 20), (4, 10), (5, 3), (6, 2)],
        );
        let n = pick(rng, &[(1, 35), (2, 45), (3, 20)]);
        let modes = [
            (MeetingMode::Email, 60),
            (MeetingMode::Phone, 25),
            (MeetingMode::Video, 80),
            (MeetingMode::InPerson, 20),
        ];
        let picked = some(rng, &modes, n);
        p.meeting_modes = MeetingMode::ALL
            .iter()
            .copied()
            .filter(|m| picked.contains(m))
            .collect();
    }
    if !open_to_mentoring || rng.gen_bool(0.15) {
        let n = if open_to_mentoring {
            rng.gen_range(1..=2)
        } else {
            rng.gen_range(1..=3)
        };
        p.focus_sought = focus(rng, &focus_weights(&p, false), n);
    }
    let slots = slots(rng, &p);
    if !p.focus_sought.is_empty() {
        p.goals = goals(rng, &p, &slots);
    }
    p.bio = bio(rng, &p, &slots);
    p
}

/// One item, with probability proportional to its weight.
fn pick<T: Copy>(rng: &mut StdRng, items: &[(T, u32)]) -> T {
    items
        .choose_weighted(rng, |(_, w)| *w)
        .expect("positive weights")
        .0
}

/// `n` distinct items, each draw weighted.
fn some<T: Copy>(rng: &mut StdRng, items: &[(T, u32)], n: usize) -> Vec<T> {
    items
        .choose_multiple_weighted(rng, n, |(_, w)| *w)
        .expect("positive weights")
        .map(|(t, _)| *t)
        .collect()
}

/// `n` distinct tags, none of them also in `taken`: each draw picks a word
/// list by weight, then a word. Every caller passes a general list of more
/// than twelve words, so this ends.
fn tags(rng: &mut StdRng, sources: &[(&[&str], u32)], n: usize, taken: &[String]) -> Vec<String> {
    // "makerspace" and "makerspaces" side by side read as a mistake.
    let same = |a: &str, b: &str| {
        let a = a.to_lowercase();
        let b = b.to_lowercase();
        a.trim_end_matches('s') == b.trim_end_matches('s')
    };
    let mut out: Vec<String> = Vec::with_capacity(n);
    while out.len() < n {
        let words = pick(rng, sources);
        let word = words.choose(rng).expect("non-empty");
        if !out.iter().chain(taken).any(|t| same(t, word)) {
            out.push((*word).to_owned());
        }
    }
    out
}

/// `n` focus slugs, listed in the order the form shows them.
fn focus(rng: &mut StdRng, weights: &[(&'static str, u32)], n: usize) -> Vec<String> {
    let picked = some(rng, weights, n);
    FOCUS_AREAS
        .iter()
        .filter(|(slug, _)| picked.contains(slug))
        .map(|(slug, _)| (*slug).to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::accounts::model::{DisplayName, Email};
    use app::profiles::model::{parse_profile, FocusArea, ProfileForm};
    use rand::SeedableRng;
    use std::collections::HashSet;

    fn profiles(seed: u64, n: usize) -> Vec<Profile> {
        let mut rng = StdRng::seed_from_u64(seed);
        (0..n)
            .map(|i| {
                let (name, _) = demo_person(&mut rng, i);
                demo_profile(&mut rng, &name)
            })
            .collect()
    }

    #[test]
    fn a_seed_always_gives_the_same_people() {
        assert_eq!(profiles(42, 300), profiles(42, 300));
        assert_ne!(profiles(42, 300), profiles(43, 300));
        let people = |seed| {
            let mut rng = StdRng::seed_from_u64(seed);
            (0..50)
                .map(|i| demo_person(&mut rng, i))
                .collect::<Vec<_>>()
        };
        assert_eq!(people(7), people(7));
    }

    #[test]
    fn demo_emails_are_plain_and_unique() {
        let mut rng = StdRng::seed_from_u64(3);
        let mut seen = HashSet::new();
        for i in 0..2000 {
            let (name, email) = demo_person(&mut rng, i);
            assert!(email.is_ascii(), "{email}");
            assert_eq!(Email::parse(&email).unwrap().as_str(), email);
            assert!(DisplayName::parse(&name).is_ok());
            assert!(seen.insert(email));
        }
    }

    #[test]
    fn demo_profiles_pass_the_real_parser() {
        let areas: Vec<FocusArea> = FOCUS_AREAS
            .iter()
            .map(|(slug, label)| FocusArea {
                slug: (*slug).to_owned(),
                label: (*label).to_owned(),
            })
            .collect();
        for p in profiles(11, 2000) {
            let parsed = parse_profile(&ProfileForm::from(&p), &areas, standard_offset_minutes)
                .unwrap_or_else(|e| panic!("{p:#?} was refused: {:?}", e.errors));
            // The form lists checkboxes by slug; compare as sets.
            let sorted = |mut p: Profile| {
                p.focus_offered.sort();
                p.focus_sought.sort();
                p.meeting_modes.sort_by_key(|m| m.slug());
                p
            };
            assert_eq!(sorted(parsed), sorted(p));
        }
    }

    #[test]
    fn demo_profiles_are_consistent() {
        let all = profiles(5, 5000);
        for p in &all {
            let years = p.years_professional;
            let expected = match p.career_stage {
                CareerStage::Student => 0..=0,
                CareerStage::New => 0..=4,
                CareerStage::Mid => 5..=15,
                CareerStage::Senior => 15..=35,
                CareerStage::Changer => 0..=6,
            };
            assert!(
                expected.contains(&years),
                "{:?} with {years} years",
                p.career_stage
            );
            assert_eq!(p.languages[0], "English");
            assert_eq!(
                standard_offset_minutes(&p.time_zone),
                Some(p.utc_offset_minutes)
            );
            assert!(p.position.chars().count() <= 120 && !p.position.is_empty());
            assert!(p.institution.chars().count() <= 160 && !p.institution.is_empty());
            assert!(p.bio.chars().count() <= 4000 && !p.bio.is_empty());
            assert!(p.non_work_interests.chars().count() <= 300);
            assert!((2..=6).contains(&p.interests.len()) && (2..=6).contains(&p.work_areas.len()));
            assert!(p.affiliations.len() <= 4);
            for list in [&p.languages, &p.interests, &p.work_areas, &p.affiliations] {
                assert!(list.len() <= 15);
                for tag in list {
                    assert!(
                        tag.chars().count() <= 60 && !tag.contains([',', ';']),
                        "{tag}"
                    );
                }
            }
            for slug in p.focus_offered.iter().chain(&p.focus_sought) {
                assert!(FOCUS_AREAS.iter().any(|(s, _)| s == slug), "{slug}");
            }
            assert!((0..=10).contains(&p.capacity));
            if p.open_to_mentoring {
                assert!((1..=4).contains(&p.focus_offered.len()));
                assert!((1..=3).contains(&p.meeting_modes.len()));
            } else {
                assert!(
                    p.focus_offered.is_empty() && p.meeting_modes.is_empty() && p.capacity == 0
                );
                assert!((1..=3).contains(&p.focus_sought.len()) && !p.goals.is_empty());
            }
        }
        let share = |f: &dyn Fn(&Profile) -> bool| {
            let n = all.iter().filter(|p| f(p)).count();
            f64::from(u32::try_from(n).unwrap()) / 5000.0
        };
        let mentors = share(&|p| p.open_to_mentoring);
        assert!((0.38..=0.47).contains(&mentors), "{mentors}");
        let hidden = share(&|p| !p.institution_public);
        assert!((0.07..=0.13).contains(&hidden), "{hidden}");
        let institutions: HashSet<&str> = all.iter().map(|p| p.institution.as_str()).collect();
        assert!(institutions.len() > 1000, "{}", institutions.len());
    }
}
