//! Text as the directory's full-text index sees it. Folding (accents, case)
//! and stemming happen here, in the app, so that SQLite's FTS5 (unicode61) and
//! PostgreSQL's `simple` configuration index and match exactly the same words.
//!
//! A text is stemmed in the language it is written in (Snowball English or
//! Spanish); a query, whose language is unknown, matches either stem of each
//! word: "bibliotecas" finds a Spanish "biblioteca", "libraries" an English
//! "library".

use crate::{db::Backend, language::Lang};
use rust_stemmers::{Algorithm, Stemmer};
use std::sync::LazyLock;

static ENGLISH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));
static SPANISH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Spanish));

fn stem(lang: Lang, word: &str) -> String {
    match lang {
        Lang::En => ENGLISH.stem(word).into_owned(),
        Lang::Es => SPANISH.stem(word).into_owned(),
    }
}

/// Most words a query may have; longer queries keep their first words.
const MAX_TERMS: usize = 8;

/// Lower-case ASCII words: "Joaquín's cataloguing" → ["joaquin", "s", "cataloguing"].
/// Folded before stemming, so that "catalogación" and "catalogacion", as
/// members type them, stem alike.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    deunicode::deunicode(text)
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect::<Vec<_>>()
        .into_iter()
}

/// The indexed form of a text written in `lang`: folded, stemmed words
/// separated by spaces.
pub fn index_form(text: &str, lang: Lang) -> String {
    words(text)
        .map(|w| stem(lang, &w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A member's search box input, ready for either database. Every word must
/// match, as either of its stems; the last one also matches as a prefix while
/// it is being typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextQuery {
    /// Per word, its distinct stems.
    terms: Vec<Vec<String>>,
    last_is_prefix: bool,
}

impl TextQuery {
    /// None when the input has no searchable word.
    pub fn parse(input: &str) -> Option<Self> {
        let terms: Vec<Vec<String>> = words(input)
            .take(MAX_TERMS)
            .map(|w| {
                let mut stems: Vec<String> = Lang::ALL.iter().map(|l| stem(*l, &w)).collect();
                stems.dedup();
                stems
            })
            .collect();
        let typing = input.chars().last().is_some_and(char::is_alphanumeric);
        (!terms.is_empty()).then_some(Self {
            terms,
            last_is_prefix: typing,
        })
    }

    /// The query in the backend's syntax. Terms are ASCII alphanumeric, so
    /// nothing the member types can change the query's structure.
    pub fn to_backend(&self, backend: Backend) -> String {
        let last = self.terms.len() - 1;
        let parts = self.terms.iter().enumerate().map(|(i, stems)| {
            let prefix = i == last && self.last_is_prefix;
            let each = stems.iter().map(|t| match backend {
                Backend::Sqlite => format!("\"{t}\"{}", if prefix { "*" } else { "" }),
                Backend::Postgres => format!("{t}{}", if prefix { ":*" } else { "" }),
            });
            match (backend, stems.len()) {
                (_, 1) => each.collect::<String>(),
                (Backend::Sqlite, _) => format!("({})", each.collect::<Vec<_>>().join(" OR ")),
                (Backend::Postgres, _) => format!("({})", each.collect::<Vec<_>>().join(" | ")),
            }
        });
        // FTS5 wants the AND spelled out between a group in brackets and the rest.
        let sep = match backend {
            Backend::Sqlite => " AND ",
            Backend::Postgres => " & ",
        };
        parts.collect::<Vec<_>>().join(sep)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_stems_in_the_texts_language() {
        assert_eq!(
            index_form("Joaquín's Libraries, cataloguing!", Lang::En),
            "joaquin s librari catalogu"
        );
        assert_eq!(
            index_form("Bibliotecas públicas, catalogación", Lang::Es),
            "bibliotec public catalogacion"
        );
    }

    #[test]
    fn a_query_word_matches_either_languages_stem() {
        let q = TextQuery::parse("bibliotecas catalogación ").unwrap();
        assert_eq!(
            q.to_backend(Backend::Postgres),
            "(biblioteca | bibliotec) & catalogacion"
        );
        assert_eq!(
            q.to_backend(Backend::Sqlite),
            r#"("biblioteca" OR "bibliotec") AND "catalogacion""#
        );
        // Words are folded before they are stemmed, so accents never matter.
        assert_eq!(
            TextQuery::parse("catalogacion").unwrap(),
            TextQuery::parse("catalogación").unwrap()
        );
    }

    #[test]
    fn queries_are_safe_and_the_last_word_is_a_prefix_while_typing() {
        let q = TextQuery::parse("open acc").unwrap();
        assert_eq!(q.to_backend(Backend::Sqlite), r#""open" AND "acc"*"#);
        assert_eq!(q.to_backend(Backend::Postgres), "open & acc:*");
        let done = TextQuery::parse("\"libraries\" OR x) ").unwrap();
        assert_eq!(
            done.to_backend(Backend::Sqlite),
            r#""librari" AND "or" AND "x""#
        );
        assert_eq!(done.to_backend(Backend::Postgres), "librari & or & x");
        assert_eq!(TextQuery::parse(" -- "), None);
    }
}
