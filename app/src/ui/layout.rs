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
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Header() -> impl IntoView {
    let auth = use_auth();
    let counts = Resource::new(|| (), |_| unread_counts());
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="site-header">
            <A href="/" attr:class="brand">
                <img src="/icons/icon.svg" alt="" width="28" height="28"/>
                <span>"Carrel"</span>
            </A>
            <nav aria-label="Main" class="site-nav">
                <Transition fallback=|| view! { <span class="site-nav__placeholder"></span> }>
                    {move || Suspend::new(async move {
                        match auth.user.await {
                            Ok(Some(user)) => {
                                let rendered = counts.await.unwrap_or_default();
                                view! {
                                <A href="/mentors">"Mentors"</A>
                                <A href="/mentorships">"My mentoring"</A>
                                <A href="/programs">"Programs"</A>
                                <A href="/messages">
                                    "Messages"
                                    <UnreadMessages rendered/>
                                </A>
                                <A href="/me/shortlist">"Shortlist"</A>
                                <A href="/me/profile">"Profile"</A>
                                {user.is_admin().then(|| view! { <A href="/admin/assignments">"Queue"</A> })}
                                <Bell rendered/>
                                <A href="/settings" attr:class="site-nav__who" attr:title=user.email.clone()>
                                    <span class="visually-hidden">"Settings for "</span>
                                    {user.display_name}
                                </A>
                                <SignOutButton/>
                            }.into_any()
                            }
                            _ => view! {
                                <A href="/programs">"Programs"</A>
                                <A href="/login">"Sign in"</A>
                                <A href="/signup" attr:class="button button--primary">"Join"</A>
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
                "Carrel: quiet, private mentoring for librarians. "
                <A href="/conduct">"Code of conduct"</A>
            </p>
        </footer>
    }
}
