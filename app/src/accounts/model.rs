//! Account types shared by server and browser. Input is parsed into these types
//! once ("parse, don't validate"); the messages are what the user reads.

use serde::{Deserialize, Serialize};

pub const MIN_PASSWORD_CHARS: usize = 10;
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
            return Err("Enter your email address.");
        }
        // Require a dot in the domain: addresses at bare hosts are typos in practice.
        let valid = email_address::EmailAddress::parse_with_options(
            trimmed,
            email_address::Options::default().with_required_tld(),
        )
        .is_ok();
        if !valid || trimmed.len() > 254 {
            return Err("Enter an email address like name@library.org.");
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
            return Err("Enter the name other members will see.");
        }
        if name.chars().count() > MAX_DISPLAY_NAME_CHARS {
            return Err("Keep your name under 80 characters.");
        }
        if name.chars().any(char::is_control) {
            return Err("Your name contains characters that cannot be shown.");
        }
        Ok(Self(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password that meets the length rule (NIST SP 800-63B: length over composition).
#[derive(Clone)]
pub struct NewPassword(String);

impl NewPassword {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let n = raw.chars().count();
        if n < MIN_PASSWORD_CHARS {
            return Err("Use at least 10 characters for your password.");
        }
        if n > MAX_PASSWORD_CHARS {
            return Err("Use at most 256 characters for your password.");
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(…)")
    }
}

/// Site-wide role. Every account is a member; coordinators are named per program.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SiteRole {
    Member,
    Admin,
}

impl SiteRole {
    pub fn from_db(s: &str) -> Self {
        match s {
            "admin" => SiteRole::Admin,
            _ => SiteRole::Member,
        }
    }

    pub fn as_db(self) -> &'static str {
        match self {
            SiteRole::Member => "member",
            SiteRole::Admin => "admin",
        }
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
}

/// A path to return to after signing in: only local paths, so that a link cannot
/// send a member to another site.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(p) if p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') => p.to_owned(),
        _ => "/".to_owned(),
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
    fn passwords_need_ten_characters() {
        assert!(NewPassword::parse("123456789").is_err());
        assert!(NewPassword::parse("correct horse").is_ok());
        assert!(NewPassword::parse(&"p".repeat(257)).is_err());
    }

    #[test]
    fn next_paths_stay_on_site() {
        assert_eq!(safe_next(Some("/mentors?q=x")), "/mentors?q=x");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(None), "/");
    }
}
