//! The "Your data" part of `/settings`, and the page after an account is deleted.

use super::api::DeleteAccount;
use crate::ui::form::{action_error, Check, Field, FormError};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn YourData() -> impl IntoView {
    let delete = ServerAction::<DeleteAccount>::new();
    let error = action_error(delete);
    view! {
        <section class="card" aria-labelledby="data-heading">
            <h2 id="data-heading">"Your data"</h2>
            <p>
                "Download everything Carrel holds about you: your account and profile, your mentorships and their history, "
                "every message in your threads (yours and the other member's), meetings, goals, check-ins, program enrolments, "
                "letters, notifications and sessions. Feedback answers are stored without names, so they are not included."
            </p>
            <p><a href="/settings/my-data.json" class="button" download>"Download my data (JSON)"</a></p>
        </section>
        <section class="card" aria-labelledby="delete-heading">
            <h2 id="delete-heading">"Delete my account"</h2>
            <p>"Deleting your account cannot be undone. This is what happens:"</p>
            <ul>
                <li>"Your profile, shortlist, calendar feed, notifications and sessions are erased, and you are signed out everywhere."</li>
                <li>"Your open requests are withdrawn and your mentorships end; the other members are told."</li>
                <li>"In your threads you become “Former member” and the text of your messages and goal notes is erased. The other member's messages stay with them."</li>
                <li>"Your recognition letters are deleted and their verification links stop working: download them first."</li>
                <li>"Programs keep their counts (enrolments, pairs, check-ins) so their reports stay true, but under no name."</li>
                <li>"Your email address is freed: you can join again with it later, as a new member."</li>
            </ul>
            <ActionForm action=delete attr:class="stack" attr:novalidate=true>
                <FormError error/>
                <Field label="Your password" name="password" kind="password" autocomplete="current-password"
                    id="delete-password" error/>
                <Check name="understood" value="yes" error>
                    "I understand that my account and what is listed above are deleted for good."
                </Check>
                <button type="submit" class="button button--danger">"Delete my account"</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn AccountDeletedPage() -> impl IntoView {
    view! {
        <Title text="Account deleted"/>
        <section class="card narrow">
            <h1>"Your account is deleted"</h1>
            <p>"Thank you for the time you gave to Carrel. You are signed out, and what you shared is erased as the settings page described."</p>
            <p><a href="/">"Back to Carrel"</a></p>
        </section>
    }
}
