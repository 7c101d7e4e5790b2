//! The "Your data" part of `/settings`, and the page after an account is deleted.

use super::api::DeleteAccount;
use crate::{
    tr,
    ui::form::{action_error, Check, Field, FormError},
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn YourData() -> impl IntoView {
    let delete = ServerAction::<DeleteAccount>::new();
    let error = action_error(delete);
    view! {
        <section class="card" aria-labelledby="data-heading">
            <h2 id="data-heading">{tr!(privacy.your_data.heading)}</h2>
            <p>{tr!(privacy.your_data.intro)}</p>
            <p>
                <a href="/settings/my-data.json" class="button" download>{tr!(privacy.your_data.download)}</a>
            </p>
        </section>
        <section class="card" aria-labelledby="delete-heading">
            <h2 id="delete-heading">{tr!(privacy.delete.heading)}</h2>
            <p>{tr!(privacy.delete.intro)}</p>
            <ul>
                <li>{tr!(privacy.delete.erased)}</li>
                <li>{tr!(privacy.delete.withdrawn)}</li>
                <li>{tr!(privacy.delete.threads)}</li>
                <li>{tr!(privacy.delete.letters)}</li>
                <li>{tr!(privacy.delete.programs)}</li>
                <li>{tr!(privacy.delete.email_freed)}</li>
            </ul>
            <ActionForm action=delete attr:class="stack" attr:novalidate=true>
                <FormError error/>
                <Field label=tr!(privacy.delete.password) name="password" kind="password" autocomplete="current-password"
                    id="delete-password" error/>
                <Check name="understood" value="yes" error>
                    {tr!(privacy.delete.understood)}
                </Check>
                <button type="submit" class="button button--danger">{tr!(privacy.delete.submit)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn AccountDeletedPage() -> impl IntoView {
    view! {
        <Title text=tr!(privacy.deleted.title)/>
        <section class="card narrow">
            <h1>{tr!(privacy.deleted.heading)}</h1>
            <p>{tr!(privacy.deleted.body)}</p>
            <p><a href="/">{tr!(privacy.deleted.back)}</a></p>
        </section>
    }
}
