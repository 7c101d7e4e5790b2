//! Demo bios and goals: templates from `words_bios` with the member's details filled in.

use super::{
    words::{FOCUS_AREAS, PRIOR_CAREERS, RARE_TOPICS},
    words_bios::{
        ASIDES, GOALS, GOAL_DETAILS, HOPES, INTROS_CHANGER, INTROS_EXPERIENCED, INTROS_NEW,
        INTROS_STUDENT_WORKER, INTROS_STUDYING, LINKS, MIDDLES, OFFERS, PROGRAMS,
    },
};
use app::profiles::model::{CareerStage, LibraryType, Profile, WorkFunction};
use rand::{rngs::StdRng, seq::SliceRandom, Rng};

/// How the bio names the kind of place, when the institution is hidden.
fn kind_of_library(library: LibraryType) -> &'static str {
    use LibraryType as L;
    match library {
        L::Academic => "an academic library",
        L::Public => "a public library system",
        L::School => "a school library",
        L::Special => "a special library",
        L::Archives => "a regional archive",
        L::Medical => "a hospital library",
        L::Law => "a law library",
        L::Government => "a government library",
        L::Corporate => "a corporate research library",
        L::Museum => "a museum library",
        L::LisEducation => "an LIS program",
    }
}

fn area(function: WorkFunction) -> &'static str {
    use WorkFunction as W;
    match function {
        W::Reference => "reference and research help",
        W::Instruction => "library instruction",
        W::Cataloguing => "cataloguing and metadata",
        W::Systems => "library technology",
        W::SpecialCollections => "archives and special collections",
        W::Youth => "youth services",
        W::Collections => "collection work",
        W::Access => "access services",
        W::Leadership => "library administration",
        W::Outreach => "outreach and programming",
        W::Data => "research data services",
    }
}

/// "a Metadata Librarian", "an MLIS student", but "Head of Reference": a
/// title that names its department reads as one of a kind.
fn with_article(title: &str) -> String {
    if title.contains(" of ") {
        return title.to_owned();
    }
    let an = title.starts_with(['A', 'E', 'I', 'O'])
        || title.starts_with("MLIS")
        || title.starts_with("LIS");
    format!("{} {title}", if an { "an" } else { "a" })
}

/// "a", "a and b", "a, b, and c": tags often contain "and" themselves.
fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [first, last] => format!("{first} and {last}"),
        [init @ .., last] => format!("{}, and {last}", init.join(", ")),
    }
}

fn focus_phrases(slugs: &[String]) -> Vec<&'static str> {
    slugs
        .iter()
        .filter_map(|s| {
            FOCUS_AREAS
                .iter()
                .find(|(slug, _)| slug == s)
                .map(|(_, phrase)| *phrase)
        })
        .collect()
}

/// Fills the `{name}` slots of a template.
fn fill(template: &str, slots: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end = start + rest[start..].find('}').expect("slots are closed");
        let name = &rest[start + 1..end];
        let (_, value) = slots
            .iter()
            .find(|(n, _)| *n == name)
            .unwrap_or_else(|| panic!("no value for {{{name}}}"));
        out.push_str(value);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

fn say(rng: &mut StdRng, templates: &[&str], slots: &[(&str, String)]) -> String {
    fill(templates.choose(rng).expect("non-empty"), slots)
}

/// What bio and goal templates may mention about a member.
pub(super) fn slots(rng: &mut StdRng, p: &Profile) -> Vec<(&'static str, String)> {
    let workplace = if p.institution_public {
        p.institution.clone()
    } else {
        kind_of_library(p.library_type).to_owned()
    };
    let workplace = if !p.region.is_empty() && rng.gen_bool(0.3) {
        format!("{workplace} in {}", p.region)
    } else {
        workplace
    };
    let school = if p.institution_public {
        format!(" at {}", p.institution)
    } else {
        String::new()
    };
    let first_job = match p.years_professional {
        0 => "in my first year as a librarian".to_owned(),
        1 => "a year into my first professional job".to_owned(),
        n => format!("{n} years into my first professional job"),
    };
    let ago = match p.years_professional {
        0 => "this year".to_owned(),
        1 => "last year".to_owned(),
        n => format!("{n} years ago"),
    };
    let interests: Vec<&str> = p.interests.iter().map(String::as_str).collect();
    let works: Vec<&str> = p.work_areas.iter().take(3).map(String::as_str).collect();
    let offered = focus_phrases(&p.focus_offered);
    let sought = focus_phrases(&p.focus_sought);
    let slug: Vec<String> = p.display_name.split_whitespace().map(ascii_fold).collect();
    vec![
        ("role", with_article(&p.position)),
        ("position", p.position.clone()),
        ("workplace", workplace),
        ("school", school),
        ("place", app::profiles::model::place(&p.region, &p.country)),
        ("area", area(p.work_function).to_owned()),
        ("years", p.years_professional.to_string()),
        ("first_job", first_job),
        ("ago", ago),
        ("before", rng.gen_range(3..=15).to_string()),
        (
            "prior",
            (*PRIOR_CAREERS.choose(rng).expect("non-empty")).to_owned(),
        ),
        ("interest", interests[0].to_owned()),
        ("interest2", interests[1].to_owned()),
        ("interests", join_and(&interests)),
        ("work", works[0].to_owned()),
        ("work2", works[1].to_owned()),
        ("works", join_and(&works)),
        ("tool", works[0].to_owned()),
        (
            "topic",
            (*RARE_TOPICS.choose(rng).expect("non-empty")).to_owned(),
        ),
        ("offered", join_and(&offered)),
        (
            "first_offered",
            offered.first().copied().unwrap_or_default().to_owned(),
        ),
        (
            "program",
            (*PROGRAMS.choose(rng).expect("non-empty")).to_owned(),
        ),
        ("sought", join_and(&sought)),
        (
            "first_sought",
            sought.first().copied().unwrap_or_default().to_owned(),
        ),
        ("slug", slug.join("-")),
    ]
}

/// Two short paragraphs of limited Markdown: who they are and what they work
/// on, then what they offer as a mentor or hope to learn.
pub(super) fn bio(rng: &mut StdRng, p: &Profile, slots: &[(&str, String)]) -> String {
    let intros = match p.career_stage {
        CareerStage::Student if p.library_type == LibraryType::LisEducation => INTROS_STUDYING,
        CareerStage::Student => INTROS_STUDENT_WORKER,
        CareerStage::New => INTROS_NEW,
        CareerStage::Changer => INTROS_CHANGER,
        CareerStage::Mid | CareerStage::Senior => INTROS_EXPERIENCED,
    };
    let mut first = vec![say(rng, intros, slots)];
    if rng.gen_bool(0.85) {
        first.push(say(rng, MIDDLES, slots));
    }
    // At most one aside or link, so that a bio stays at two to four sentences.
    let extra = rng.gen_range(0..100);
    if extra < 30 {
        first.push(say(rng, ASIDES, slots));
    }
    let mut second = if !p.open_to_mentoring {
        say(rng, HOPES, slots)
    } else if p.focus_offered.len() >= 2 && rng.gen_bool(0.2) {
        let items: Vec<String> = focus_phrases(&p.focus_offered)
            .iter()
            .map(|f| format!("* {f}"))
            .collect();
        format!("I'm glad to help with:\n\n{}", items.join("\n"))
    } else {
        say(rng, OFFERS, slots)
    };
    if extra >= 85 {
        // A sentence after a list needs its own paragraph.
        let gap = if second.contains('\n') { "\n\n" } else { " " };
        second = format!("{second}{gap}{}", say(rng, LINKS, slots));
    }
    format!("{}\n\n{second}", first.join(" "))
}

/// What a member seeking mentoring hopes for, in a sentence or two.
pub(super) fn goals(rng: &mut StdRng, p: &Profile, slots: &[(&str, String)]) -> String {
    let slug = p
        .focus_sought
        .choose(rng)
        .expect("goals follow focus areas sought");
    let goal = if slug == "career" && p.career_stage == CareerStage::Changer {
        "Work out how my first career translates into library work.".to_owned()
    } else {
        let (_, templates) = GOALS
            .iter()
            .find(|(s, _)| s == slug)
            .expect("every focus area has goals");
        say(rng, templates, slots)
    };
    if rng.gen_bool(0.5) {
        format!("{goal} {}", say(rng, GOAL_DETAILS, slots))
    } else {
        goal
    }
}

/// Lower-case ASCII letters, digits and hyphens of a word, accents dropped,
/// for email addresses and link paths.
pub(super) fn ascii_fold(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            'a'..='z' | '0'..='9' | '-' => Some(c),
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => Some('a'),
            'é' | 'è' | 'ê' | 'ë' | 'ē' => Some('e'),
            'í' | 'ì' | 'î' | 'ï' | 'ī' => Some('i'),
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' => Some('o'),
            'ú' | 'ù' | 'û' | 'ü' | 'ū' => Some('u'),
            'ñ' | 'ń' => Some('n'),
            'ç' | 'ć' | 'č' => Some('c'),
            'š' | 'ś' | 'ş' => Some('s'),
            'ž' | 'ź' | 'ż' => Some('z'),
            'ł' => Some('l'),
            'ğ' => Some('g'),
            _ => None,
        })
        .collect()
}
