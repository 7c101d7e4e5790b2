//! Which language Carrel speaks to whom. The words themselves live in
//! `locales/{en,es}/*.json` and reach code through `tr!` (the reader's
//! language) or `crate::i18n::td_string!` with a recipient's `Lang` (emails,
//! letters, calendar files). Member-written text is never translated.
//!
//! A page's language is, in order: the member's saved choice (copied into a
//! cookie when they sign in or choose), the browser's `Accept-Language`,
//! English. Islands read it back from `<html lang>`, so the browser needs no
//! cookie access and renders what the server rendered.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod request;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    En,
    Es,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// The BCP 47 tag: `<html lang>`, the cookie, the `users.language` column.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// `es`, `es-MX`, `ES` → Spanish; anything else is not a language Carrel speaks.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?;
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(primary))
    }

    /// The language's name in itself, as a switcher shows it.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Español",
        }
    }

    pub fn locale(self) -> crate::i18n::Locale {
        match self {
            Lang::En => crate::i18n::Locale::en,
            Lang::Es => crate::i18n::Locale::es,
        }
    }
}

/// The language of the page being rendered or the call being answered: read
/// once per request by `request::resolve`; every `tr!` asks, so the request
/// is borrowed, not copied.
#[cfg(feature = "ssr")]
pub fn current() -> Lang {
    leptos::prelude::with_context::<axum::http::request::Parts, _>(|parts| {
        parts
            .extensions
            .get::<Lang>()
            .copied()
            .unwrap_or_else(|| request::from_headers(&parts.headers))
    })
    .unwrap_or_default()
}

/// The language the server rendered the page in.
#[cfg(not(feature = "ssr"))]
pub fn current() -> Lang {
    leptos::prelude::document()
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|tag| Lang::parse(&tag))
        .unwrap_or_default()
}

/// The language a member wrote `text` in, when it is long enough to tell:
/// Carrel tells only its own languages apart.
#[cfg(feature = "ssr")]
pub fn detect(text: &str) -> Option<Lang> {
    use whatlang::{Detector, Lang as Found};
    static DETECTOR: std::sync::LazyLock<Detector> =
        std::sync::LazyLock::new(|| Detector::with_allowlist(vec![Found::Eng, Found::Spa]));
    if text.split_whitespace().count() < 3 {
        return None;
    }
    match DETECTOR.detect(text)?.lang() {
        Found::Spa => Some(Lang::Es),
        _ => Some(Lang::En),
    }
}

/// The words of a key in the reader's language: `tr!(common.nav.mentors)`,
/// `tr!(directory.found, count = n)`.
#[macro_export]
macro_rules! tr {
    ($($key:tt)*) => {
        $crate::i18n::td_string!($crate::language::current().locale(), $($key)*)
    };
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn tags_name_the_language_not_the_region() {
        assert_eq!(Lang::parse("es-MX"), Some(Lang::Es));
        assert_eq!(Lang::parse("ES"), Some(Lang::Es));
        assert_eq!(Lang::parse("en_GB"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(Lang::parse(""), None);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_members_words_are_told_apart() {
        use super::detect;
        assert_eq!(
            detect("Dirijo la biblioteca pública de Oaxaca y enseño catalogación."),
            Some(Lang::Es)
        );
        assert_eq!(
            detect("I lead the metadata team at a university library."),
            Some(Lang::En)
        );
        assert_eq!(detect("Hola"), None);
    }
}
