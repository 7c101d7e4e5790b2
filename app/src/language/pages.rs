//! The language switcher at the foot of every page: a plain form, so it works
//! with JavaScript off, offering each other language in its own words.

use super::{api::SetLanguage, current, Lang};
use leptos::{prelude::*, server_fn::ServerFn};

#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let here = current();
    view! {
        <form method="post" action=SetLanguage::url() class="language-switcher">
            <span class="language-switcher__label">{crate::tr!(language.label)}</span>
            {Lang::ALL
                .into_iter()
                .map(|lang| {
                    let chosen = lang == here;
                    view! {
                        <button
                            type="submit"
                            name="lang"
                            value=lang.code()
                            lang=lang.code()
                            class="button button--quiet"
                            aria-pressed=if chosen { "true" } else { "false" }
                        >
                            {lang.own_name()}
                        </button>
                    }
                })
                .collect_view()}
        </form>
    }
}

/// The language section of `/settings`: the same choice, explained.
#[component]
pub fn LanguageSettings() -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="language-heading">
            <h2 id="language-heading">{crate::tr!(language.heading)}</h2>
            <p>{crate::tr!(language.explained)}</p>
            <LanguageSwitcher/>
        </section>
    }
}
