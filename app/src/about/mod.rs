//! The pages that say what Carrel is: home and the code of conduct.

use crate::accounts::context::use_auth;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn HomePage() -> impl IntoView {
    let auth = use_auth();
    view! {
        <Title text="Mentoring for librarians"/>
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
            <h1>"A quiet desk for librarians to learn from each other"</h1>
            <p class="lead">
                "Carrel connects new and experienced librarians for one-on-one mentoring. "
                "Browse mentors across every kind of library, choose the ones who fit, one for "
                "scholarship, another for leadership, and work together in private."
            </p>
            <p class="actions">
                <A href="/signup" attr:class="button button--primary">"Join Carrel"</A>
                <A href="/login" attr:class="button">"Sign in"</A>
            </p>
        </section>
        <section class="features" aria-label="What Carrel offers">
            <article class="card">
                <h2>"Choose your mentors"</h2>
                <p>"Search profiles by research interests, library type, function, region and language. Nobody is assigned unless you ask."</p>
            </article>
            <article class="card">
                <h2>"Set your own terms"</h2>
                <p>"Agree how you meet, how often and how fast you reply. Either of you can end a mentorship at any time."</p>
            </article>
            <article class="card">
                <h2>"Private by design"</h2>
                <p>"Messages are read only by the two of you. Program coordinators see that you are in touch, never what you say."</p>
            </article>
            <article class="card">
                <h2>"Programs that run themselves"</h2>
                <p>"Associations run cycles with eligibility, monthly topics, check-ins, feedback and letters recognising mentors."</p>
            </article>
        </section>
    }
}

#[component]
fn NextSteps(name: String) -> impl IntoView {
    view! {
        <section class="hero">
            <h1>{format!("Welcome, {name}")}</h1>
            <p class="lead">"Your next steps in Carrel:"</p>
            <ol class="steps">
                <li>"Tell others about your work and interests in "<A href="/me/profile">"your profile"</A>"."</li>
                <li><A href="/mentors">"Browse mentors"</A>" and save the ones who fit to your shortlist, one for each focus."</li>
                <li>"Or offer to mentor: in "<A href="/me/profile">"your profile"</A>", say which focus areas you can help with and how many mentees you can take."</li>
            </ol>
        </section>
    }
}

#[component]
pub fn ConductPage() -> impl IntoView {
    view! {
        <Title text="Code of conduct"/>
        <article class="card prose">
            <h1>"Code of conduct"</h1>
            <p>"Carrel is a place for librarians to help each other grow. By joining, you agree to:"</p>
            <ul>
                <li><strong>"Keep confidences."</strong>" What a mentee or mentor shares with you stays between you."</li>
                <li><strong>"Be respectful and professional."</strong>" Keep a polite tone, give feedback that is specific and constructive, and start with what works."</li>
                <li><strong>"Respect time."</strong>" Agree how often you will be in touch and how quickly you reply. Cancel meetings at least 24 to 48 hours ahead."</li>
                <li><strong>"Welcome everyone."</strong>" No harassment or discrimination on any ground, in any channel."</li>
                <li><strong>"Participate voluntarily."</strong>" Either side may end a mentorship; say so kindly and clearly."</li>
                <li><strong>"Speak up."</strong>" Report conduct that breaks these rules; administrators read every report."</li>
            </ul>
        </article>
    }
}
