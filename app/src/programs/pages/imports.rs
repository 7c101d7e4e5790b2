//! Importing members from CSV: the form on the coordinators' page and
//! `/programs/{slug}/import/{draft}`, the preview before anything is imported.

use crate::programs::api::*;
use crate::ui::{
    errors::failure,
    form::{action_error, Choice, FormError, LongField},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_params_map};

/// The import form on the coordinators' page: a CSV file (read into the box
/// with JavaScript) or its lines pasted, checked before anything is imported.
#[component]
pub(super) fn ImportForm(slug: String, cycles: Vec<(i64, String)>) -> impl IntoView {
    let check = ServerAction::<CheckImport>::new();
    let error = action_error(check);
    let cycles: Vec<_> = cycles
        .into_iter()
        .map(|(id, name)| (id.to_string(), name))
        .collect();
    view! {
        <section id="import" aria-labelledby="import-title">
            <h2 id="import-title">"Import members from CSV"</h2>
            <p class="muted">"Columns: name, email, role (mentor or mentee), tags (optional, your labels for them in this cycle). \
                You see what each row will do before anything is imported; members without an account are invited by email."</p>
            <ActionForm action=check attr:class="stack narrow" attr:novalidate=true>
                <FormError error/>
                <input type="hidden" name="slug" value=slug/>
                <Choice label="Cycle" name="cycle_id" id="import-cycle" options=cycles error/>
                <CsvFile target="field-csv".to_owned()/>
                <LongField label="The CSV's lines" name="csv" error rows=6
                    hint="e.g. name,email,role,tags — then one member per line."/>
                <button type="submit" class="button button--primary">"Check the file"</button>
            </ActionForm>
        </section>
    }
}

/// A file picker that puts the chosen file's text into the textarea `target`,
/// an island. Without JavaScript it stays hidden, and the lines are pasted instead.
#[island(lazy)]
fn CsvFile(target: String) -> impl IntoView {
    crate::ui::islands::hydrating();
    let shown = RwSignal::new(false);
    Effect::new(move |_| shown.set(true));
    let on_change = move |_ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            let Some(input) = _ev
                .target()
                .and_then(|t| t.dyn_into::<leptos::web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            let target = target.clone();
            leptos::task::spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
                if let (Ok(text), Some(area)) = (
                    text,
                    leptos::prelude::document()
                        .get_element_by_id(&target)
                        .and_then(|e| e.dyn_into::<leptos::web_sys::HtmlTextAreaElement>().ok()),
                ) {
                    area.set_value(&text.as_string().unwrap_or_default());
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = &target;
    };
    view! {
        <div class="field" hidden=move || !shown.get()>
            <label for="import-file">"CSV file"</label>
            <input id="import-file" type="file" accept=".csv,text/csv" on:change=on_change/>
        </div>
    }
}

#[component]
pub fn ImportPreviewPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        params.with(|p| {
            (
                p.get("slug").unwrap_or_default(),
                p.get("draft")
                    .and_then(|d| d.parse::<i64>().ok())
                    .unwrap_or_default(),
            )
        })
    };
    let apply = ServerAction::<ApplyImport>::new();
    let preview = Resource::new(key, |(slug, draft)| preview_import(slug, draft));
    let error = action_error(apply);
    view! {
        <Title text="Import preview"/>
        <h1>"Import preview"</h1>
        <FormError error/>
        <Transition fallback=|| view! { <p class="muted">"Checking the file…"</p> }>
            {move || Suspend::new(async move {
                let (slug, draft) = key();
                let back = format!("/programs/{slug}/manage#import");
                match preview.await {
                    Ok(p) => view! {
                        <p>{format!("{} rows for {}; {} with problems.", p.rows.len(), p.cycle_name, p.errors)}</p>
                        <table class="table import-preview">
                            <thead><tr><th>"Line"</th><th>"Name"</th><th>"Email"</th><th>"Role"</th><th>"Tags"</th><th>"What happens"</th></tr></thead>
                            <tbody>
                                {p.rows.into_iter().map(|r| view! {
                                    <tr class:import-error=r.error>
                                        <td data-label="Line">{r.line}</td>
                                        <td data-label="Name">{r.name}</td>
                                        <td data-label="Email">{r.email}</td>
                                        <td data-label="Role">{r.role}</td>
                                        <td data-label="Tags">{r.tags}</td>
                                        <td data-label="What happens">{if r.error { format!("Problem: {}", r.outcome) } else { r.outcome }}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        {if p.errors == 0 {
                            view! {
                                <ActionForm action=apply attr:class="inline-form">
                                    <input type="hidden" name="slug" value=slug.clone()/>
                                    <input type="hidden" name="draft_id" value=draft/>
                                    <button type="submit" class="button button--primary">"Import all rows"</button>
                                </ActionForm>
                            }.into_any()
                        } else {
                            view! { <p class="form-error">"Fix the rows with problems in your file and check it again; nothing is imported until every row is right."</p> }.into_any()
                        }}
                        <p><A href=back>"Back to the program"</A></p>
                    }.into_any(),
                    Err(e) => failure(e, "to import members"),
                }
            })}
        </Transition>
    }
}
