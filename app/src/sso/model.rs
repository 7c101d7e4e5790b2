//! Single sign-on as pages see it.

use serde::{Deserialize, Serialize};

/// A provider members can sign in with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderInfo {
    pub slug: String,
    pub label: String,
}

/// A provider account linked to mine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Linked {
    pub slug: String,
    pub label: String,
    pub email: String,
    pub linked_at: i64,
}

/// The single sign-on part of `/settings`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SsoSettings {
    pub linked: Vec<Linked>,
    /// Providers not linked yet, to link.
    pub available: Vec<ProviderInfo>,
    /// Unlinking is offered only to members who can still sign in without it.
    pub has_password: bool,
}

/// A first sign-in through a provider, waiting for the member to accept the
/// code of conduct (and check their name) on `/signup/sso`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Joining {
    pub provider: String,
    pub email: String,
    pub name: String,
    pub email_verified: bool,
}

/// Why a sign-in through a provider came back to `/login`, as `?sso=`.
pub fn failure_text(code: &str) -> Option<&'static str> {
    Some(match code {
        "state" => "That sign-in had expired or did not start here. Please try again.",
        "provider" => "Your organisation's sign-in answered in a way Carrel could not verify, so you are not signed in. Please try again, or sign in with your password.",
        "denied" => "The sign-in was cancelled at your organisation.",
        "unverified" => "An account already uses that address, and your organisation did not confirm the address is yours, so Carrel cannot connect them. Sign in with your password, then connect your organisation's account from your settings.",
        "noemail" => "Your organisation did not share an email address, which Carrel needs to create an account.",
        "taken" => "That account at your organisation is already connected to another Carrel member.",
        "disabled" => "This account has been disabled by Carrel's administrators.",
        "unavailable" => "Your organisation's sign-in could not be reached. Please try again in a moment.",
        _ => return None,
    })
}
