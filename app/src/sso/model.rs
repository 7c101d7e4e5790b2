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
        "state" => crate::tr!(sso.failure.state),
        "provider" => crate::tr!(sso.failure.provider),
        "denied" => crate::tr!(sso.failure.denied),
        "unverified" => crate::tr!(sso.failure.unverified),
        "noemail" => crate::tr!(sso.failure.noemail),
        "taken" => crate::tr!(sso.failure.taken),
        "disabled" => crate::tr!(sso.failure.disabled),
        "unavailable" => crate::tr!(sso.failure.unavailable),
        _ => return None,
    })
}
