//! The frame around every page: skip link, header with navigation, footer.

use crate::ui::dates::LocalTimes;
use crate::{
    accounts::{
        context::use_auth,
        pages::{SignOutButton, VerifyBanner},
    },
    messages::{
        api::unread_counts,
        live::{Bell, UnreadMessages},
    },
};
use crate::{language::pages::LanguageSwitcher, tr};
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::components::A;

#[component]
pub fn Header() -> impl IntoView {
    let auth = use_auth();
    let counts = Resource::new(|| (), |_| unread_counts());
    view! {
        <a class="skip-link" href="#main">{tr!(common.skip_to_content)}</a>
        <header class="site-header">
            <A href="/" attr:class="brand">
                <img src="/icons/icon.svg" alt="" width="28" height="28"/>
                <span>"Carrel"</span>
            </A>
            <nav aria-label=tr!(common.nav.label) class="site-nav">
                <Transition fallback=|| view! { <span class="site-nav__placeholder"></span> }>
                    {move || Suspend::new(async move {
                        match auth.user.await {
                            Ok(Some(user)) => {
                                let rendered = counts.await.unwrap_or_default();
                                view! {
                                // Whose pages these are: the service worker keeps each
                                // member's saved pages apart (public/sw.js).
                                <Meta name="carrel-account" content=user.id.to_string()/>
                                <A href="/mentors">{tr!(common.nav.mentors)}</A>
                                <A href="/mentorships">{tr!(common.nav.my_mentoring)}</A>
                                <A href="/programs">{tr!(common.nav.programs)}</A>
                                <A href="/messages">
                                    {tr!(common.nav.messages)}
                                    <UnreadMessages rendered/>
                                </A>
                                <A href="/me/shortlist">{tr!(common.nav.shortlist)}</A>
                                <A href="/me/profile">{tr!(common.nav.profile)}</A>
                                {user.is_admin().then(|| view! { <A href="/admin/assignments">{tr!(common.nav.queue)}</A> })}
                                <Bell rendered/>
                                <A href="/settings" attr:class="site-nav__who" attr:title=user.email.clone()>
                                    <span class="visually-hidden">{tr!(common.nav.settings_for)}</span>
                                    {user.display_name}
                                </A>
                                <SignOutButton/>
                            }.into_any()
                            }
                            _ => view! {
                                <A href="/programs">{tr!(common.nav.programs)}</A>
                                <A href="/login">{tr!(common.nav.sign_in)}</A>
                                <A href="/signup" attr:class="button button--primary">{tr!(common.nav.join)}</A>
                            }.into_any(),
                        }
                    })}
                </Transition>
            </nav>
        </header>
        <VerifyBanner/>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <LocalTimes/>
        <footer class="site-footer">
            <p>
                {tr!(common.brand_tagline)}" "
                <A href="/conduct">{tr!(common.code_of_conduct)}</A>" · "
                <A href="/install">{tr!(common.install_app)}</A>
            </p>
            <LanguageSwitcher/>
        </footer>
    }
}
