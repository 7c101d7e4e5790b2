//! Text as the directory's full-text index sees it. Folding (accents, case)
//! and stemming happen here, in the app, so that SQLite's FTS5 (unicode61) and
//! PostgreSQL's `simple` configuration index and match exactly the same words.

use crate::db::Backend;
use rust_stemmers::{Algorithm, Stemmer};
use std::sync::LazyLock;

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// Most words a query may have; longer queries keep their first words.
const MAX_TERMS: usize = 8;

/// Lower-case ASCII words: "Joaquín's cataloguing" → ["joaquin", "s", "cataloguing"].
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    deunicode::deunicode(text)
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect::<Vec<_>>()
        .into_iter()
}

/// The indexed form of a text: folded, stemmed words separated by spaces.
pub fn index_form(text: &str) -> String {
    words(text)
        .map(|w| STEMMER.stem(&w).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A member's search box input, ready for either database. Every word must
/// match; the last one also matches as a prefix while it is being typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextQuery {
    terms: Vec<String>,
    last_is_prefix: bool,
}

impl TextQuery {
    /// None when the input has no searchable word.
    pub fn parse(input: &str) -> Option<Self> {
        let terms: Vec<String> = words(input)
            .take(MAX_TERMS)
            .map(|w| STEMMER.stem(&w).into_owned())
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
        let parts = self.terms.iter().enumerate().map(|(i, t)| {
            let prefix = i == last && self.last_is_prefix;
            match backend {
                Backend::Sqlite => format!("\"{t}\"{}", if prefix { "*" } else { "" }),
                Backend::Postgres => format!("{t}{}", if prefix { ":*" } else { "" }),
            }
        });
        let sep = match backend {
            Backend::Sqlite => " ",
            Backend::Postgres => " & ",
        };
        parts.collect::<Vec<_>>().join(sep)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_stems() {
        assert_eq!(
            index_form("Joaquín's Libraries, cataloguing!"),
            "joaquin s librari catalogu"
        );
    }

    #[test]
    fn queries_are_safe_and_the_last_word_is_a_prefix_while_typing() {
        let q = TextQuery::parse("open acc").unwrap();
        assert_eq!(q.to_backend(Backend::Sqlite), r#""open" "acc"*"#);
        assert_eq!(q.to_backend(Backend::Postgres), "open & acc:*");
        let done = TextQuery::parse("\"libraries\" OR x) ").unwrap();
        assert_eq!(done.to_backend(Backend::Sqlite), r#""librari" "or" "x""#);
        assert_eq!(done.to_backend(Backend::Postgres), "librari & or & x");
        assert_eq!(TextQuery::parse(" -- "), None);
    }
}
