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
