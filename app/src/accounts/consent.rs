//! The code of conduct's consent line, shared by the sign-up forms (also
//! single sign-on's) so both say the same.

use crate::tr;
use leptos::prelude::*;

/// "I have read and accept the code of conduct.", with the code linked: for
/// the sign-up forms (also single sign-on's).
#[component]
pub fn ConductConsent() -> impl IntoView {
    view! {
        {tr!(accounts.conduct.before)}
        <a href="/conduct" target="_blank">{tr!(accounts.conduct.link)}</a>
        {tr!(accounts.conduct.after)}
    }
}
