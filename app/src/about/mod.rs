//! The pages that say what Carrel is: home and the code of conduct.

use crate::{accounts::context::use_auth, tr};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn HomePage() -> impl IntoView {
    let auth = use_auth();
    view! {
        <Title text=tr!(about.home_title)/>
        <Transition fallback=|| view! { <Welcome/> }>
            {move || Suspend::new(async move {
                match auth.user.await {
                    Ok(Some(user)) => view! { <NextSteps name=user.display_name/> }.into_any(),
                    _ => view! { <Welcome/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Welcome() -> impl IntoView {
    view! {
        <section class="hero">
            <h1>{tr!(about.welcome.heading)}</h1>
            <p class="lead">{tr!(about.welcome.lead)}</p>
            <p class="actions">
                <A href="/signup" attr:class="button button--primary">{tr!(about.welcome.join)}</A>
                <A href="/login" attr:class="button">{tr!(about.welcome.sign_in)}</A>
            </p>
        </section>
        <section class="features" aria-label=tr!(about.welcome.features_label)>
            <article class="card">
                <h2>{tr!(about.welcome.choose_title)}</h2>
                <p>{tr!(about.welcome.choose_body)}</p>
            </article>
            <article class="card">
                <h2>{tr!(about.welcome.terms_title)}</h2>
                <p>{tr!(about.welcome.terms_body)}</p>
            </article>
            <article class="card">
                <h2>{tr!(about.welcome.private_title)}</h2>
                <p>{tr!(about.welcome.private_body)}</p>
            </article>
            <article class="card">
                <h2>{tr!(about.welcome.programs_title)}</h2>
                <p>{tr!(about.welcome.programs_body)}</p>
            </article>
        </section>
    }
}

#[component]
fn NextSteps(name: String) -> impl IntoView {
    view! {
        <section class="hero">
            <h1>{tr!(about.next_steps.heading, name = name).to_string()}</h1>
            <p class="lead">{tr!(about.next_steps.lead)}</p>
            <ol class="steps">
                <li>
                    {tr!(about.next_steps.profile_before)}
                    <A href="/me/profile">{tr!(about.next_steps.profile_link)}</A>
                    {tr!(about.next_steps.profile_after)}
                </li>
                <li>
                    <A href="/mentors">{tr!(about.next_steps.browse_link)}</A>
                    {tr!(about.next_steps.browse_after)}
                </li>
                <li>
                    {tr!(about.next_steps.offer_before)}
                    <A href="/me/profile">{tr!(about.next_steps.offer_link)}</A>
                    {tr!(about.next_steps.offer_after)}
                </li>
            </ol>
        </section>
    }
}

/// One rule of the code of conduct: its name in bold, then what it means.
#[component]
fn Rule(title: &'static str, body: &'static str) -> impl IntoView {
    view! { <li><strong>{title}</strong>{body}</li> }
}

/// `/install`: how to add Carrel to a home screen. The button shows only
/// where the browser offers to install (`register-sw.js` reveals it).
#[component]
pub fn InstallPage() -> impl IntoView {
    view! {
        <Title text=tr!(about.install.title)/>
        <article class="card prose">
            <h1>{tr!(about.install.title)}</h1>
            <p>{tr!(about.install.lead)}</p>
            <p><button type="button" class="button button--primary" data-install hidden>{tr!(about.install.button)}</button></p>
            <h2>{tr!(about.install.android_title)}</h2>
            <p>{tr!(about.install.android_body)}</p>
            <h2>{tr!(about.install.ios_title)}</h2>
            <ol>
                <li>{tr!(about.install.ios_step1)}</li>
                <li>{tr!(about.install.ios_step2)}</li>
                <li>{tr!(about.install.ios_step3)}</li>
                <li>{tr!(about.install.ios_step4)}</li>
            </ol>
            <p class="muted">{tr!(about.install.ios_note)}</p>
            <h2>{tr!(about.install.remove_title)}</h2>
            <p>{tr!(about.install.remove_body)}</p>
        </article>
    }
}

#[component]
pub fn ConductPage() -> impl IntoView {
    view! {
        <Title text=tr!(about.conduct.title)/>
        <article class="card prose">
            <h1>{tr!(about.conduct.title)}</h1>
            <p>{tr!(about.conduct.intro)}</p>
            <ul>
                <Rule title=tr!(about.conduct.confidences_title) body=tr!(about.conduct.confidences_body)/>
                <Rule title=tr!(about.conduct.respect_title) body=tr!(about.conduct.respect_body)/>
                <Rule title=tr!(about.conduct.time_title) body=tr!(about.conduct.time_body)/>
                <Rule title=tr!(about.conduct.welcome_title) body=tr!(about.conduct.welcome_body)/>
                <Rule title=tr!(about.conduct.voluntary_title) body=tr!(about.conduct.voluntary_body)/>
                <Rule title=tr!(about.conduct.speak_up_title) body=tr!(about.conduct.speak_up_body)/>
            </ul>
        </article>
    }
}
