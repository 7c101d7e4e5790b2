//! Account types shared by server and browser. Input is parsed into these types
//! once ("parse, don't validate"); the messages are what the user reads.

use crate::choices::choices;
use serde::{Deserialize, Serialize};

pub const MIN_PASSWORD_CHARS: usize = 12;
const MAX_PASSWORD_CHARS: usize = 256;
const MAX_DISPLAY_NAME_CHARS: usize = 80;

/// The form of an email address that identifies an account: one inbox, one account.
/// Sign-in looks addresses up by it without requiring them to be valid.
pub fn normalise_email(raw: &str) -> String {
    raw.trim().to_lowercase()
}

/// A syntactically valid email address, lower-cased so that one inbox is one account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(crate::tr!(accounts.parse.email_empty));
        }
        // Require a dot in the domain: addresses at bare hosts are typos in practice.
        let valid = email_address::EmailAddress::parse_with_options(
            trimmed,
            email_address::Options::default().with_required_tld(),
        )
        .is_ok();
        if !valid || trimmed.len() > 254 {
            return Err(crate::tr!(accounts.parse.email_invalid));
        }
        Ok(Self(normalise_email(trimmed)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The name other members see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Err(crate::tr!(accounts.parse.name_empty));
        }
        if name.chars().count() > MAX_DISPLAY_NAME_CHARS {
            return Err(crate::tr!(accounts.parse.name_too_long));
        }
        if name.chars().any(char::is_control) {
            return Err(crate::tr!(accounts.parse.name_unprintable));
        }
        Ok(Self(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password that is long enough and not easy to guess (NIST SP 800-63B:
/// length and a check against common passwords, not composition rules).
#[derive(Clone)]
pub struct NewPassword(String);

impl NewPassword {
    /// `personal`: what else the member typed (their email, their name), which
    /// a password should not be made of.
    pub fn parse(raw: &str, personal: &[&str]) -> Result<Self, String> {
        let n = raw.chars().count();
        if n < MIN_PASSWORD_CHARS {
            return Err(
                crate::tr!(accounts.parse.password_short, min = MIN_PASSWORD_CHARS).to_string(),
            );
        }
        if n > MAX_PASSWORD_CHARS {
            return Err(
                crate::tr!(accounts.parse.password_long, max = MAX_PASSWORD_CHARS).to_string(),
            );
        }
        #[cfg(feature = "ssr")]
        guessable(raw, personal)?;
        #[cfg(not(feature = "ssr"))]
        let _ = personal;
        Ok(Self(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// Refuses common passwords, keyboard walks, repeats and the member's own
/// details: zxcvbn's dictionaries (the most common passwords of real breaches,
/// common words and names) and its estimate of guesses needed.
#[cfg(feature = "ssr")]
fn guessable(raw: &str, personal: &[&str]) -> Result<(), String> {
    // zxcvbn matches each input as one word: give it the parts ("ana", "ruiz", …).
    let words: Vec<String> = personal
        .iter()
        .flat_map(|p| p.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .collect();
    let words: Vec<&str> = personal
        .iter()
        .copied()
        .chain(words.iter().map(String::as_str))
        .collect();
    let estimate = zxcvbn::zxcvbn(raw, &words);
    if u8::from(estimate.score()) >= 3 {
        return Ok(());
    }
    Err(match estimate.feedback().and_then(|f| f.warning()) {
        Some(w) => {
            crate::tr!(accounts.parse.password_guessable_because, why = warning(w)).to_string()
        }
        None => crate::tr!(accounts.parse.password_guessable).to_string(),
    })
}

/// zxcvbn's explanation, in the reader's language.
#[cfg(feature = "ssr")]
fn warning(w: zxcvbn::feedback::Warning) -> &'static str {
    use zxcvbn::feedback::Warning::*;
    match w {
        StraightRowsOfKeysAreEasyToGuess => crate::tr!(accounts.password_warning.straight_rows),
        ShortKeyboardPatternsAreEasyToGuess => {
            crate::tr!(accounts.password_warning.short_keyboard_patterns)
        }
        RepeatsLikeAaaAreEasyToGuess => crate::tr!(accounts.password_warning.repeats),
        RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess => {
            crate::tr!(accounts.password_warning.repeated_patterns)
        }
        ThisIsATop10Password => crate::tr!(accounts.password_warning.top10),
        ThisIsATop100Password => crate::tr!(accounts.password_warning.top100),
        ThisIsACommonPassword => crate::tr!(accounts.password_warning.common),
        ThisIsSimilarToACommonlyUsedPassword => {
            crate::tr!(accounts.password_warning.similar_to_common)
        }
        SequencesLikeAbcAreEasyToGuess => crate::tr!(accounts.password_warning.sequences),
        RecentYearsAreEasyToGuess => crate::tr!(accounts.password_warning.recent_years),
        AWordByItselfIsEasyToGuess => crate::tr!(accounts.password_warning.single_word),
        DatesAreOftenEasyToGuess => crate::tr!(accounts.password_warning.dates),
        NamesAndSurnamesByThemselvesAreEasyToGuess => {
            crate::tr!(accounts.password_warning.names_alone)
        }
        CommonNamesAndSurnamesAreEasyToGuess => crate::tr!(accounts.password_warning.common_names),
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(…)")
    }
}

choices! {
    /// Site-wide role. Every account is a member; coordinators are named per program.
    SiteRole in accounts.site_role {
        Member = ("member", member),
        Admin = ("admin", admin),
    }
}

/// The signed-in member as the browser sees them. The password hash lives only in
/// the server-side `accounts::store` and is never serialised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub site_role: SiteRole,
    /// Whether they proved `email` is theirs (by a link sent to it). Until
    /// then they may browse and fill their profile, not reach other members.
    pub email_verified: bool,
    /// The language they chose, if they did.
    pub language: Option<crate::language::Lang>,
}

impl CurrentUser {
    pub fn is_admin(&self) -> bool {
        self.site_role == SiteRole::Admin
    }
}

/// What `/settings` shows of the account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSettings {
    pub email: String,
    pub email_verified: bool,
    /// A new address waiting for its link to be opened.
    pub pending_email: Option<String>,
    pub sessions: Vec<SessionInfo>,
    /// Administrators get a way to the administration pages.
    pub is_admin: bool,
}

/// One of a member's sessions, as their settings page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    /// Names the session for "sign out" without revealing its cookie.
    pub handle: String,
    pub device: String,
    pub place: String,
    pub last_active: i64,
    /// The session of the browser asking.
    pub current: bool,
}

/// A path on this site to go to after a form (`next=`): only a local path, so a
/// link cannot send a member to another site, and only characters that are
/// valid in a `Location` header. Browsers drop tabs and newlines from URLs and
/// read `\\` as `/`, so `/\t/evil.example` would be `//evil.example` to them:
/// such values, and anything else that is not a plain local path, become `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalPath(String);

impl LocalPath {
    const MAX_CHARS: usize = 2048;

    pub fn parse(next: Option<&str>) -> Self {
        let Some(raw) = next else {
            return Self::home();
        };
        let plain = |c: char| !c.is_control() && !c.is_whitespace() && c != '\\';
        let local = raw.starts_with('/') && !raw.starts_with("//");
        if !local || raw.chars().count() > Self::MAX_CHARS || !raw.chars().all(plain) {
            return Self::home();
        }
        // Other text (a search for "catalogación") travels percent-encoded.
        let mut path = String::with_capacity(raw.len());
        for c in raw.chars() {
            if c.is_ascii() {
                path.push(c);
            } else {
                let mut utf8 = [0; 4];
                for b in c.encode_utf8(&mut utf8).bytes() {
                    path.push_str(&format!("%{b:02X}"));
                }
            }
        }
        Self(path)
    }

    fn home() -> Self {
        Self("/".to_owned())
    }

    /// The path with `pair` (`name=value`) added to its query, before any fragment.
    pub fn with_query(&self, pair: &str) -> String {
        let (path, fragment) = match self.0.split_once('#') {
            Some((p, f)) => (p, format!("#{f}")),
            None => (self.0.as_str(), String::new()),
        };
        let joiner = if path.contains('?') { '&' } else { '?' };
        format!("{path}{joiner}{pair}{fragment}")
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_lowercased() {
        let e = Email::parse("  Ana.Ruiz@Library.ORG ").unwrap();
        assert_eq!(e.as_str(), "ana.ruiz@library.org");
    }

    #[test]
    fn malformed_emails_are_refused() {
        for bad in [
            "",
            "ana",
            "ana@",
            "@library.org",
            "ana@library",
            "a b@library.org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn display_names_collapse_whitespace_and_have_a_limit() {
        assert_eq!(
            DisplayName::parse("  Ana   Ruiz ").unwrap().as_str(),
            "Ana Ruiz"
        );
        assert!(DisplayName::parse("   ").is_err());
        assert!(DisplayName::parse(&"x".repeat(81)).is_err());
        assert!(DisplayName::parse(&"é".repeat(80)).is_ok());
    }

    #[test]
    fn passwords_need_twelve_characters_and_must_not_be_common() {
        assert!(NewPassword::parse("password12", &[]).is_err());
        assert!(NewPassword::parse("the reading room at dusk", &[]).is_ok());
        assert!(NewPassword::parse(&"p".repeat(257), &[]).is_err());
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn guessable_passwords_are_refused() {
        for weak in [
            "password1234",
            "123456789012",
            "qwertyuiopas",
            "aaaaaaaaaaaa",
            "iloveyou2024",
            "librarian123",
        ] {
            let why = NewPassword::parse(weak, &[]).err();
            assert!(
                why.as_deref()
                    .is_some_and(|w| w.contains("too easy to guess")),
                "{weak:?}: {why:?}"
            );
        }
        // The member's own details are easy to guess for anyone who knows them.
        let me = ["ana.ruiz@library.org", "Ana Ruiz Okafor"];
        assert!(NewPassword::parse("ana.ruiz@library.org", &me).is_err());
        assert!(NewPassword::parse("okaforokafor", &me).is_err());
    }

    #[test]
    fn next_paths_stay_on_site() {
        let next = |raw: &str| LocalPath::parse(Some(raw)).as_str().to_owned();
        assert_eq!(next("/mentors?q=x"), "/mentors?q=x");
        assert_eq!(
            next("/mentors?q=catalogación"),
            "/mentors?q=catalogaci%C3%B3n"
        );
        for attack in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "/ /evil.example",
            "/%0a",
            "\t//evil.example",
            "javascript:alert(1)",
            "",
        ] {
            let went = next(attack);
            assert!(
                went == "/" || (attack == "/%0a" && went == "/%0a"),
                "{attack:?} went to {went:?}"
            );
        }
        assert_eq!(LocalPath::parse(None).as_str(), "/");
        assert_eq!(next(&format!("/{}", "a".repeat(3000))), "/");
    }

    #[test]
    fn a_query_pair_goes_before_the_fragment() {
        let p = |raw: &str| LocalPath::parse(Some(raw));
        assert_eq!(
            p("/mentors/4#about").with_query("reported=1"),
            "/mentors/4?reported=1#about"
        );
        assert_eq!(
            p("/mentors?q=x").with_query("reported=1"),
            "/mentors?q=x&reported=1"
        );
    }
}
