//! Profile types shared by server and browser: the fixed choices, the form as
//! posted, the parsed profile, and what other members may see of it.

use crate::{choices::choices, directory::model::MentorCard, language::Lang, tr};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

choices! {
    LibraryType in profiles.library_type {
        Academic = ("academic", academic),
        Public = ("public", public),
        School = ("school", school),
        Special = ("special", special),
        Archives = ("archives", archives),
        Medical = ("medical", medical),
        Law = ("law", law),
        Government = ("government", government),
        Corporate = ("corporate", corporate),
        Museum = ("museum", museum),
        LisEducation = ("lis_education", lis_education),
    }
}

choices! {
    /// The department or function a member works in.
    WorkFunction in profiles.work_function {
        Reference = ("reference", reference),
        Instruction = ("instruction", instruction),
        Cataloguing = ("cataloguing", cataloguing),
        Systems = ("systems", systems),
        SpecialCollections = ("special_collections", special_collections),
        Youth = ("youth", youth),
        Collections = ("collections", collections),
        Access = ("access", access),
        Leadership = ("administration", leadership),
        Outreach = ("outreach", outreach),
        Data = ("data", data),
    }
}

choices! {
    CareerStage in profiles.career_stage {
        Student = ("student", student),
        New = ("new", new),
        Mid = ("mid", mid),
        Senior = ("senior", senior),
        Changer = ("changer", changer),
    }
}

choices! {
    MeetingMode in profiles.meeting_mode {
        Email = ("email", email),
        Phone = ("phone", phone),
        Video = ("video", video),
        InPerson = ("in_person", in_person),
    }
}

choices! {
    ReplyTime in profiles.reply_time {
        Day = ("day", day),
        FewDays = ("few_days", few_days),
        Week = ("week", week),
    }
}

choices! {
    /// Bands of standard UTC offset, wide enough that members in one band can
    /// meet within ordinary working hours.
    TimeZoneBand in profiles.time_zone_band {
        AmericasWest = ("utc-12_-7", americas_west),
        AmericasEast = ("utc-6_-3", americas_east),
        EuropeAfrica = ("utc-2_+3", europe_africa),
        WestAsia = ("utc+4_+7", west_asia),
        EastAsiaPacific = ("utc+8_+14", east_asia_pacific),
    }
}

impl TimeZoneBand {
    pub fn from_offset_minutes(minutes: i32) -> Self {
        match minutes {
            ..=-420 => Self::AmericasWest,
            -419..=-180 => Self::AmericasEast,
            -179..=180 => Self::EuropeAfrica,
            181..=420 => Self::WestAsia,
            _ => Self::EastAsiaPacific,
        }
    }
}

/// A focus area mentors offer and mentees seek; admins can add to the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FocusArea {
    pub slug: String,
    pub label: String,
}

pub const MAX_CAPACITY: i64 = 10;
const MAX_BIO_CHARS: usize = 4000;
const MAX_GOALS_CHARS: usize = 2000;
const MAX_TAGS: usize = 15;
const MAX_TAG_CHARS: usize = 60;

/// Suggestions offered while typing tags; members may add their own.
pub const LANGUAGE_SUGGESTIONS: &[&str] = &[
    "English",
    "Spanish",
    "French",
    "Mandarin",
    "Cantonese",
    "Arabic",
    "Portuguese",
    "Korean",
    "Vietnamese",
    "Tagalog",
    "Hindi",
    "Urdu",
    "German",
    "Japanese",
    "Yoruba",
    "Swahili",
    "Russian",
    "American Sign Language",
];

pub const INTEREST_SUGGESTIONS: &[&str] = &[
    "information literacy",
    "open access",
    "scholarly communication",
    "digital humanities",
    "research data management",
    "critical librarianship",
    "user experience",
    "assessment",
    "linked data",
    "archival description",
    "digital preservation",
    "community engagement",
    "early literacy",
    "collection development",
    "copyright",
    "library leadership",
    "accessibility",
];

pub const AFFILIATION_SUGGESTIONS: &[&str] = &[
    "ALA",
    "ACRL",
    "PLA",
    "AASL",
    "Core",
    "RUSA",
    "ALSC",
    "YALSA",
    "SAA",
    "MLA",
    "AALL",
    "SLA",
    "REFORMA",
    "APALA",
    "BCALA",
    "CALA",
    "AILA",
    "ALA New Members Round Table",
    "GLBT Round Table",
];

/// The profile form exactly as posted. Checkbox groups arrive as maps
/// (`focus_offered[leadership]=on`), the form encoding server functions decode.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProfileForm {
    pub display_name: String,
    pub pronouns: String,
    pub position: String,
    pub institution: String,
    pub institution_hidden: Option<String>,
    pub library_type: String,
    pub work_function: String,
    pub career_stage: String,
    pub years_professional: String,
    pub country: String,
    pub region: String,
    pub time_zone: String,
    pub languages: String,
    pub interests: String,
    pub work_areas: String,
    pub affiliations: String,
    pub bio: String,
    pub non_work_interests: String,
    pub open_to_mentoring: Option<String>,
    pub focus_offered: BTreeMap<String, String>,
    pub capacity: String,
    pub meeting_modes: BTreeMap<String, String>,
    pub reply_time: String,
    pub goals: String,
    pub focus_sought: BTreeMap<String, String>,
}

/// Splits a comma-separated list as typed, dropping blanks and repeats
/// (case-insensitively) and keeping the first spelling.
pub fn split_tags(raw: &str) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    raw.split([',', ';', '\n'])
        .map(collapse_spaces)
        .filter(|t| !t.is_empty() && seen.insert(t.to_lowercase()))
        .collect()
}

/// Trims and collapses runs of whitespace to single spaces.
pub fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A profile that passed every rule; only this is ever stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub display_name: String,
    pub pronouns: String,
    pub position: String,
    pub institution: String,
    pub institution_public: bool,
    pub library_type: LibraryType,
    pub work_function: WorkFunction,
    pub career_stage: CareerStage,
    pub years_professional: i64,
    pub country: String,
    pub region: String,
    pub time_zone: String,
    pub utc_offset_minutes: i32,
    pub languages: Vec<String>,
    pub interests: Vec<String>,
    pub work_areas: Vec<String>,
    pub affiliations: Vec<String>,
    pub bio: String,
    pub non_work_interests: String,
    pub open_to_mentoring: bool,
    pub focus_offered: Vec<String>,
    pub capacity: i64,
    pub meeting_modes: Vec<MeetingMode>,
    pub reply_time: ReplyTime,
    pub goals: String,
    pub focus_sought: Vec<String>,
    /// The language of the member's own words (bio, interests), found when saved.
    pub written_in: Lang,
}

/// Parses one form into a profile, or every problem with it by field.
/// `focus_areas` is the current list; `utc_offset` turns a zone name into its
/// standard offset in minutes (None for an unknown zone).
pub fn parse_profile(
    form: &ProfileForm,
    focus_areas: &[FocusArea],
    utc_offset: impl Fn(&str) -> Option<i32>,
) -> Result<Profile, crate::error::FieldErrors> {
    let mut errors = crate::error::FieldErrors::new();
    let mut text = |field: &str, raw: &str, required: Option<&str>, max: usize| {
        let value = collapse_spaces(raw);
        if value.is_empty() {
            if let Some(message) = required {
                errors.add(field, message);
            }
        } else if value.chars().count() > max {
            errors.add(field, tr!(profiles.errors.too_long, max = max).to_string());
        } else if value.chars().any(char::is_control) {
            errors.add(field, tr!(profiles.errors.control_chars));
        }
        value
    };
    let display_name = text(
        "display_name",
        &form.display_name,
        Some(tr!(profiles.errors.display_name)),
        80,
    );
    let pronouns = text("pronouns", &form.pronouns, None, 40);
    let position = text(
        "position",
        &form.position,
        Some(tr!(profiles.errors.position)),
        120,
    );
    let institution = text(
        "institution",
        &form.institution,
        Some(tr!(profiles.errors.institution)),
        160,
    );
    let country = text(
        "country",
        &form.country,
        Some(tr!(profiles.errors.country)),
        60,
    );
    let region = text("region", &form.region, None, 60);
    let non_work_interests = text("non_work_interests", &form.non_work_interests, None, 300);

    let library_type = errors.parsed(
        "library_type",
        LibraryType::from_slug(&form.library_type).ok_or(tr!(profiles.errors.library_type)),
    );
    let work_function = errors.parsed(
        "work_function",
        WorkFunction::from_slug(&form.work_function).ok_or(tr!(profiles.errors.work_function)),
    );
    let career_stage = errors.parsed(
        "career_stage",
        CareerStage::from_slug(&form.career_stage).ok_or(tr!(profiles.errors.career_stage)),
    );

    let years_professional = match form.years_professional.trim() {
        "" => 0,
        raw => match raw.parse::<i64>() {
            Ok(n) if (0..=60).contains(&n) => n,
            _ => {
                errors.add("years_professional", tr!(profiles.errors.years));
                0
            }
        },
    };

    let time_zone = form.time_zone.trim().to_owned();
    let utc_offset_minutes = if time_zone.is_empty() {
        errors.add("time_zone", tr!(profiles.errors.time_zone));
        0
    } else {
        utc_offset(&time_zone).unwrap_or_else(|| {
            errors.add("time_zone", tr!(profiles.errors.unknown_time_zone));
            0
        })
    };

    // `too_many` is the message for more than `MAX_TAGS` entries.
    let mut tags = |field: &str, raw: &str, too_many: String| {
        let tags = split_tags(raw);
        if tags.len() > MAX_TAGS {
            errors.add(field, too_many);
        } else if let Some(long) = tags.iter().find(|t| t.chars().count() > MAX_TAG_CHARS) {
            let message = tr!(
                profiles.errors.tag_too_long,
                tag = long,
                max = MAX_TAG_CHARS
            );
            errors.add(field, message.to_string());
        }
        tags
    };
    let languages = tags(
        "languages",
        &form.languages,
        tr!(profiles.errors.too_many_languages, max = MAX_TAGS).to_string(),
    );
    let interests = tags(
        "interests",
        &form.interests,
        tr!(profiles.errors.too_many_interests, max = MAX_TAGS).to_string(),
    );
    let work_areas = tags(
        "work_areas",
        &form.work_areas,
        tr!(profiles.errors.too_many_work_areas, max = MAX_TAGS).to_string(),
    );
    let affiliations = tags(
        "affiliations",
        &form.affiliations,
        tr!(profiles.errors.too_many_affiliations, max = MAX_TAGS).to_string(),
    );
    if languages.is_empty() {
        errors.add("languages", tr!(profiles.errors.no_language));
    }

    let bio = form.bio.trim().replace("\r\n", "\n");
    if bio.chars().count() > MAX_BIO_CHARS {
        errors.add(
            "bio",
            tr!(
                profiles.errors.bio_too_long,
                chars = bio.chars().count(),
                max = MAX_BIO_CHARS
            )
            .to_string(),
        );
    }
    let goals = form.goals.trim().replace("\r\n", "\n");
    if goals.chars().count() > MAX_GOALS_CHARS {
        errors.add(
            "goals",
            tr!(profiles.errors.goals_too_long, max = MAX_GOALS_CHARS).to_string(),
        );
    }

    let known =
        |field: &str, picked: &BTreeMap<String, String>, errors: &mut crate::error::FieldErrors| {
            let mut slugs = Vec::new();
            for slug in picked.keys() {
                if focus_areas.iter().any(|f| &f.slug == slug) {
                    slugs.push(slug.clone());
                } else {
                    errors.add(field, tr!(profiles.errors.unknown_focus_area));
                }
            }
            slugs
        };
    let focus_offered = known("focus_offered", &form.focus_offered, &mut errors);
    let focus_sought = known("focus_sought", &form.focus_sought, &mut errors);
    let mut meeting_modes = Vec::new();
    for slug in form.meeting_modes.keys() {
        match MeetingMode::from_slug(slug) {
            Some(mode) => meeting_modes.push(mode),
            None => errors.add("meeting_modes", tr!(profiles.errors.unknown_meeting_mode)),
        }
    }
    let open_to_mentoring = form.open_to_mentoring.is_some();
    let capacity = match form.capacity.trim() {
        "" if !open_to_mentoring => 0,
        raw => match raw.parse::<i64>() {
            Ok(n) if (0..=MAX_CAPACITY).contains(&n) => n,
            _ => {
                let message = tr!(profiles.errors.capacity, max = MAX_CAPACITY);
                errors.add("capacity", message.to_string());
                0
            }
        },
    };
    let reply_time = ReplyTime::from_slug(&form.reply_time).unwrap_or(ReplyTime::FewDays);
    if open_to_mentoring {
        if focus_offered.is_empty() {
            errors.add("focus_offered", tr!(profiles.errors.no_focus_offered));
        }
        if meeting_modes.is_empty() {
            errors.add("meeting_modes", tr!(profiles.errors.no_meeting_mode));
        }
    }

    match (library_type, work_function, career_stage) {
        (Some(library_type), Some(work_function), Some(career_stage)) if errors.is_empty() => {
            Ok(Profile {
                display_name,
                pronouns,
                position,
                institution,
                institution_public: form.institution_hidden.is_none(),
                library_type,
                work_function,
                career_stage,
                years_professional,
                country,
                region,
                time_zone,
                utc_offset_minutes,
                languages,
                interests,
                work_areas,
                affiliations,
                bio,
                non_work_interests,
                open_to_mentoring,
                focus_offered,
                capacity,
                meeting_modes,
                reply_time,
                goals,
                focus_sought,
                // Found from the words themselves when the profile is saved.
                written_in: Lang::default(),
            })
        }
        // The whole form goes back with the errors, so that a re-shown form
        // (JavaScript off) keeps everything the member typed.
        _ => Err(errors.keep("form", &serde_json::to_string(form).unwrap_or_default())),
    }
}

impl From<&Profile> for ProfileForm {
    fn from(p: &Profile) -> Self {
        let checked =
            |slugs: &mut dyn Iterator<Item = String>| slugs.map(|s| (s, "on".to_owned())).collect();
        Self {
            display_name: p.display_name.clone(),
            pronouns: p.pronouns.clone(),
            position: p.position.clone(),
            institution: p.institution.clone(),
            institution_hidden: (!p.institution_public).then(|| "on".to_owned()),
            library_type: p.library_type.slug().to_owned(),
            work_function: p.work_function.slug().to_owned(),
            career_stage: p.career_stage.slug().to_owned(),
            years_professional: p.years_professional.to_string(),
            country: p.country.clone(),
            region: p.region.clone(),
            time_zone: p.time_zone.clone(),
            languages: p.languages.join(", "),
            interests: p.interests.join(", "),
            work_areas: p.work_areas.join(", "),
            affiliations: p.affiliations.join(", "),
            bio: p.bio.clone(),
            non_work_interests: p.non_work_interests.clone(),
            open_to_mentoring: p.open_to_mentoring.then(|| "on".to_owned()),
            focus_offered: checked(&mut p.focus_offered.iter().cloned()),
            capacity: p.capacity.to_string(),
            meeting_modes: checked(&mut p.meeting_modes.iter().map(|m| m.slug().to_owned())),
            reply_time: p.reply_time.slug().to_owned(),
            goals: p.goals.clone(),
            focus_sought: checked(&mut p.focus_sought.iter().cloned()),
        }
    }
}

/// The directory card `form` would make, for the live preview; `excerpt` is
/// its bio's, read on the server (`excerpt` needs a Markdown parser the
/// browser does not carry).
pub fn preview_card(
    form: &ProfileForm,
    focus_areas: &[FocusArea],
    options: &super::editor_words::ProfileOptions,
    excerpt: String,
) -> MentorCard {
    let label = |offered: &[(String, String)], slug: &str| {
        offered
            .iter()
            .find(|(s, _)| s == slug)
            .map(|(_, label)| label.clone())
            .unwrap_or_default()
    };
    MentorCard {
        id: 0,
        display_name: collapse_spaces(&form.display_name),
        pronouns: collapse_spaces(&form.pronouns),
        position: collapse_spaces(&form.position),
        institution: form
            .institution_hidden
            .is_none()
            .then(|| collapse_spaces(&form.institution)),
        library_type: label(&options.library_types, &form.library_type),
        work_function: label(&options.work_functions, &form.work_function),
        place: place(
            &collapse_spaces(&form.region),
            &collapse_spaces(&form.country),
        ),
        focus_offered: focus_areas
            .iter()
            .filter(|a| form.focus_offered.contains_key(&a.slug))
            .map(|a| a.label.clone())
            .collect(),
        languages: split_tags(&form.languages),
        has_capacity: form.capacity.trim().parse::<i64>().is_ok_and(|n| n > 0),
        excerpt,
        reasons: Vec::new(),
    }
}

/// What any signed-in member may see of another's profile. Email, goals, the
/// focus areas sought and a hidden institution are not in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicProfile {
    pub id: i64,
    pub display_name: String,
    pub pronouns: String,
    pub position: String,
    pub institution: Option<String>,
    pub library_type: LibraryType,
    pub work_function: WorkFunction,
    pub career_stage: CareerStage,
    pub years_professional: i64,
    pub country: String,
    pub region: String,
    pub time_zone: String,
    pub languages: Vec<String>,
    pub interests: Vec<String>,
    pub work_areas: Vec<String>,
    pub affiliations: Vec<String>,
    /// Sanitised HTML rendered from the member's Markdown.
    pub bio_html: String,
    /// The language the bio is written in, for its `lang` attribute.
    pub written_in: Lang,
    pub non_work_interests: String,
    pub open_to_mentoring: bool,
    pub focus_offered: Vec<FocusArea>,
    pub has_capacity: bool,
    pub meeting_modes: Vec<MeetingMode>,
    pub reply_time: ReplyTime,
    /// How fast the mentor really replies in Carrel, once there are enough replies
    /// to say; it replaces the mentor's own estimate on their page.
    pub measured_reply: Option<String>,
    /// "Active today", "Active 3 weeks ago", written on the server so that
    /// server and browser render the same words.
    pub last_active: String,
    pub shortlisted: bool,
    pub is_me: bool,
}

/// "Province, Country" or just the country.
pub fn place(region: &str, country: &str) -> String {
    match (region.is_empty(), country.is_empty()) {
        (false, false) => format!("{region}, {country}"),
        (true, _) => country.to_owned(),
        (false, true) => region.to_owned(),
    }
}

/// The first words of a Markdown bio as plain text, for cards.
#[cfg(feature = "ssr")]
pub fn excerpt(markdown: &str, max_chars: usize) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut text = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            // The end of emphasis or a link is not a word break: "[maps](…)." reads "maps.".
            Event::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
                | TagEnd::Superscript
                | TagEnd::Subscript,
            ) => {}
            Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push(' '),
            _ => {}
        }
        if text.len() > max_chars.saturating_mul(4) {
            break;
        }
    }
    let text = collapse_spaces(&text);
    if text.chars().count() <= max_chars {
        return text;
    }
    let cut: String = text.chars().take(max_chars).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches(|c: char| !c.is_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn focus() -> Vec<FocusArea> {
        vec![FocusArea {
            slug: "leadership".into(),
            label: "Leadership".into(),
        }]
    }

    fn valid_form() -> ProfileForm {
        ProfileForm {
            display_name: "  Ana   Ruiz ".into(),
            position: "Instruction Librarian".into(),
            institution: "Lakeside College".into(),
            library_type: "academic".into(),
            work_function: "instruction".into(),
            career_stage: "mid".into(),
            years_professional: "7".into(),
            country: "United States".into(),
            time_zone: "America/Chicago".into(),
            languages: "English, Spanish, english".into(),
            open_to_mentoring: Some("on".into()),
            focus_offered: [("leadership".to_owned(), "on".to_owned())].into(),
            meeting_modes: [("video".to_owned(), "on".to_owned())].into(),
            capacity: "2".into(),
            ..Default::default()
        }
    }

    fn chicago(zone: &str) -> Option<i32> {
        (zone == "America/Chicago").then_some(-360)
    }

    #[test]
    fn a_valid_form_parses_and_is_normalised() {
        let p = parse_profile(&valid_form(), &focus(), chicago).unwrap();
        assert_eq!(p.display_name, "Ana Ruiz");
        assert_eq!(p.languages, vec!["English", "Spanish"]);
        assert_eq!(p.utc_offset_minutes, -360);
        assert!(p.open_to_mentoring && p.institution_public);
        assert_eq!(p.focus_offered, vec!["leadership"]);
    }

    #[test]
    fn every_problem_is_reported_by_field_with_the_form_kept() {
        let form = ProfileForm {
            library_type: "bookshop".into(),
            years_professional: "-3".into(),
            time_zone: "Mars/Olympus".into(),
            capacity: "99".into(),
            focus_offered: [("astrology".to_owned(), "on".to_owned())].into(),
            ..valid_form()
        };
        let errors = parse_profile(&form, &focus(), chicago).unwrap_err();
        let fields: Vec<_> = errors.errors.iter().map(|e| e.field.as_str()).collect();
        for f in [
            "library_type",
            "years_professional",
            "time_zone",
            "capacity",
            "focus_offered",
        ] {
            assert!(fields.contains(&f), "{f} missing from {fields:?}");
        }
        let kept: ProfileForm = serde_json::from_str(&errors.values[0].1).unwrap();
        assert_eq!(kept, form);
    }

    #[test]
    fn a_mentor_must_offer_a_focus_and_a_way_to_meet() {
        let form = ProfileForm {
            focus_offered: BTreeMap::new(),
            meeting_modes: BTreeMap::new(),
            ..valid_form()
        };
        let errors = parse_profile(&form, &focus(), chicago).unwrap_err();
        let fields: Vec<_> = errors.errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["focus_offered", "meeting_modes"]);
        let mentee = ProfileForm {
            open_to_mentoring: None,
            ..form
        };
        assert!(parse_profile(&mentee, &focus(), chicago).is_ok());
    }

    #[test]
    fn too_many_or_too_long_tags_are_refused() {
        let many = (0..16)
            .map(|i| format!("tag{i}"))
            .collect::<Vec<_>>()
            .join(",");
        let long = "x".repeat(61);
        for (raw, expect) in [(many, "at most 15"), (long, "too long")] {
            let form = ProfileForm {
                interests: raw,
                ..valid_form()
            };
            let e = parse_profile(&form, &focus(), chicago).unwrap_err();
            assert!(e.errors[0].message.contains(expect), "{:?}", e.errors);
        }
    }

    #[test]
    fn excerpts_are_plain_text_cut_at_a_word() {
        let md = "I **love** [metadata](https://example.org) and\n\n* teaching\n* open access";
        assert_eq!(excerpt(md, 200), "I love metadata and teaching open access");
        assert_eq!(excerpt(md, 12), "I love…");
        assert_eq!(excerpt("Maps, charts, and more", 14), "Maps, charts…");
        assert_eq!(
            excerpt("I **love** [maps](https://example.org).", 200),
            "I love maps."
        );
    }

    #[test]
    fn bands_cover_every_offset() {
        assert_eq!(
            TimeZoneBand::from_offset_minutes(-480),
            TimeZoneBand::AmericasWest
        );
        assert_eq!(
            TimeZoneBand::from_offset_minutes(-300),
            TimeZoneBand::AmericasEast
        );
        assert_eq!(
            TimeZoneBand::from_offset_minutes(60),
            TimeZoneBand::EuropeAfrica
        );
        assert_eq!(
            TimeZoneBand::from_offset_minutes(330),
            TimeZoneBand::WestAsia
        );
        assert_eq!(
            TimeZoneBand::from_offset_minutes(780),
            TimeZoneBand::EastAsiaPacific
        );
    }
}
