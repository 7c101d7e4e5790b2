//! The profile editor's words, worded on the server in the reader's
//! language and handed to the island as a list: the browser's download
//! carries neither language's sentences for this long form.

use serde::{Deserialize, Serialize};

macro_rules! editor_words {
    ($($word:ident),+ $(,)?) => {
        /// Every label, hint and notice of the editor, in `editor_words!` order.
        #[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
        pub struct EditorWords(Vec<String>);

        #[allow(non_camel_case_types)]
        enum Word { $($word),+ }

        impl EditorWords {
            #[cfg(feature = "ssr")]
            pub fn worded() -> Self {
                Self(vec![$(crate::tr!(profiles.editor.$word).to_owned()),+])
            }

            fn word(&self, word: Word) -> String {
                self.0.get(word as usize).cloned().unwrap_or_default()
            }

            $(
                pub fn $word(&self) -> String {
                    self.word(Word::$word)
                }
            )+
        }
    };
}

editor_words!(
    choose,
    title,
    saved,
    see_it,
    suggestions,
    about_you,
    name,
    name_hint,
    pronouns,
    pronouns_hint,
    position,
    position_hint,
    institution,
    institution_hint,
    hide_institution,
    library_type,
    work_function,
    career_stage,
    years,
    years_hint,
    country,
    region,
    time_zone,
    time_zone_hint,
    languages,
    languages_hint,
    interests,
    interests_hint,
    work_areas,
    work_areas_hint,
    affiliations,
    affiliations_hint,
    bio,
    bio_hint,
    non_work,
    non_work_hint,
    as_mentor,
    open,
    focus_offered,
    capacity,
    capacity_hint,
    modes,
    reply_time,
    as_mentee,
    focus_sought,
    goals,
    goals_hint,
    save,
    preview_label,
    card_title,
    only_open,
);

/// The choices the profile form offers, (slug, label), worded on the server
/// in the reader's language: the browser carries none of the labels.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ProfileOptions {
    pub library_types: Vec<(String, String)>,
    pub work_functions: Vec<(String, String)>,
    pub career_stages: Vec<(String, String)>,
    pub meeting_modes: Vec<(String, String)>,
    pub reply_times: Vec<(String, String)>,
    /// Tags offered beside the three tag fields; members may add their own.
    pub language_tags: Vec<String>,
    pub interest_tags: Vec<String>,
    pub affiliation_tags: Vec<String>,
}

/// Time zones offered in the form; any IANA zone name is accepted.
pub const TIME_ZONE_SUGGESTIONS: &[&str] = &[
    "America/Los_Angeles",
    "America/Denver",
    "America/Phoenix",
    "America/Chicago",
    "America/New_York",
    "America/Halifax",
    "America/Mexico_City",
    "America/Bogota",
    "America/Sao_Paulo",
    "Pacific/Honolulu",
    "America/Anchorage",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Paris",
    "Europe/Berlin",
    "Africa/Lagos",
    "Africa/Nairobi",
    "Africa/Johannesburg",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Bangkok",
    "Asia/Singapore",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Auckland",
];
