//! `/admin/reports`: conduct reports for administrators.

use super::api::list_reports;
use crate::dates::day;
use crate::ui::errors::failure;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ReportsPage() -> impl IntoView {
    let reports = Resource::new(|| (), |_| list_reports());
    view! {
        <Title text="Conduct reports"/>
        <h1>"Conduct reports"</h1>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match reports.await {
                    Ok(list) if list.is_empty() => view! { <p class="empty">"No reports."</p> }.into_any(),
                    Ok(list) => view! {
                        <ol class="reports">
                            {list.into_iter().map(|r| view! {
                                <li class="card">
                                    <p><strong>{format!("{} reported {}", r.reporter, r.reported)}</strong>{format!(" · {}", day(r.at))}</p>
                                    <blockquote>{r.note}</blockquote>
                                </li>
                            }).collect_view()}
                        </ol>
                    }.into_any(),
                    Err(e) => failure(e, "to read conduct reports"),
                }
            })}
        </Transition>
    }
}
