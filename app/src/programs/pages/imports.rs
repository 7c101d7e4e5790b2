//! Importing members from CSV: the form on the coordinators' page and
//! `/programs/{slug}/import/{draft}`, the preview before anything is imported.

use crate::programs::api::*;
use crate::tr;
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
            <h2 id="import-title">{tr!(programs.import_page.form_title)}</h2>
            <p class="muted">{tr!(programs.import_page.form_lead)}</p>
            <ActionForm action=check attr:class="stack narrow" attr:novalidate=true>
                <FormError error/>
                <input type="hidden" name="slug" value=slug/>
                <Choice label=tr!(programs.cycle) name="cycle_id" id="import-cycle" options=cycles error/>
                <CsvFile target="field-csv".to_owned()/>
                <LongField label=tr!(programs.import_page.lines) name="csv" error rows=6
                    hint=tr!(programs.import_page.lines_hint)/>
                <button type="submit" class="button button--primary">{tr!(programs.import_page.check)}</button>
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
            <label for="import-file">{crate::tr!(programs.import.csv_file)}</label>
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
        <Title text=tr!(programs.import_page.title)/>
        <h1>{tr!(programs.import_page.title)}</h1>
        <FormError error/>
        <Transition fallback=|| view! { <p class="muted">{tr!(programs.import_page.checking)}</p> }>
            {move || Suspend::new(async move {
                let (slug, draft) = key();
                let back = format!("/programs/{slug}/manage#import");
                match preview.await {
                    Ok(p) => view! {
                        <p>{tr!(
                            programs.import_page.summary,
                            count = p.errors,
                            rows = tr!(programs.counts.rows, count = p.rows.len()).to_string(),
                            cycle = &p.cycle_name
                        ).to_string()}</p>
                        <table class="table import-preview">
                            <thead><tr><th>{tr!(programs.import_page.line)}</th><th>{tr!(programs.import_page.name)}</th><th>{tr!(programs.import_page.email)}</th><th>{tr!(programs.import_page.role)}</th><th>{tr!(programs.import_page.tags)}</th><th>{tr!(programs.import_page.outcome)}</th></tr></thead>
                            <tbody>
                                {p.rows.into_iter().map(|r| view! {
                                    <tr class:import-error=r.error>
                                        <td data-label=tr!(programs.import_page.line)>{r.line}</td>
                                        <td data-label=tr!(programs.import_page.name)>{r.name}</td>
                                        <td data-label=tr!(programs.import_page.email)>{r.email}</td>
                                        <td data-label=tr!(programs.import_page.role)>{r.role}</td>
                                        <td data-label=tr!(programs.import_page.tags)>{r.tags}</td>
                                        <td data-label=tr!(programs.import_page.outcome)>{if r.error { tr!(programs.import_page.problem, problem = &r.outcome).to_string() } else { r.outcome }}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        {if p.errors == 0 {
                            view! {
                                <ActionForm action=apply attr:class="inline-form">
                                    <input type="hidden" name="slug" value=slug.clone()/>
                                    <input type="hidden" name="draft_id" value=draft/>
                                    <button type="submit" class="button button--primary">{tr!(programs.import_page.apply)}</button>
                                </ActionForm>
                            }.into_any()
                        } else {
                            view! { <p class="form-error">{tr!(programs.import_page.fix_rows)}</p> }.into_any()
                        }}
                        <p><A href=back>{tr!(programs.import_page.back)}</A></p>
                    }.into_any(),
                    Err(e) => failure(e, tr!(programs.import_page.sign_in)),
                }
            })}
        </Transition>
    }
}
