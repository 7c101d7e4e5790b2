//! `/admin/reports`: conduct reports for administrators.

use super::api::list_reports;
use crate::ui::errors::failure;
use crate::{dates::day, tr};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ReportsPage() -> impl IntoView {
    let reports = Resource::new(|| (), |_| list_reports());
    view! {
        <Title text=tr!(safety.title)/>
        <h1>{tr!(safety.title)}</h1>
        <Transition fallback=|| view! { <p class="muted">{tr!(safety.loading)}</p> }>
            {move || Suspend::new(async move {
                match reports.await {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{tr!(safety.no_reports)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ol class="reports">
                            {list.into_iter().map(|r| view! {
                                <li class="card">
                                    <p><strong>{tr!(safety.reported, reporter = r.reporter, reported = r.reported).to_string()}</strong>{format!(" · {}", day(r.at))}</p>
                                    <blockquote>{r.note}</blockquote>
                                </li>
                            }).collect_view()}
                        </ol>
                    }.into_any(),
                    Err(e) => failure(e, tr!(safety.sign_in_to_read)),
                }
            })}
        </Transition>
    }
}
