//! `/programs/{slug}/reports`: a program's numbers, for its coordinators.

use crate::programs::api::program_report;
use crate::ui::{chart::BarChart, errors::failure};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_params_map};

#[component]
pub fn ReportsPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let report = Resource::new(slug, program_report);
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let slug = slug();
                match report.await {
                    Ok((name, r)) => {
                        let feedback_link = format!("/programs/{slug}/manage#feedback");
                        let csv = move |table: &str| format!("/programs/{slug}/reports/{table}.csv");
                        view! {
                            <Title text=format!("Reports · {name}")/>
                            <h1>{format!("Reports: {name}")}</h1>
                            <p class="muted">"Counted from enrolments, matches, check-ins and the times of messages and meetings; never from what anyone wrote."</p>
                            <section class="report">
                                <h2>"Enrolment"</h2>
                                <BarChart title="Mentees enrolled, by cycle".to_owned()
                                    bars=r.enrolment.iter().map(|(c, _, e, _)| (c.clone(), *e)).collect()/>
                                <BarChart title="Mentors enrolled, by cycle".to_owned()
                                    bars=r.enrolment.iter().map(|(c, m, _, _)| (c.clone(), *m)).collect()/>
                                <p><a href=csv("enrolment") rel="external" download="">"Download as CSV"</a></p>
                            </section>
                            <section class="report">
                                <h2>"Matches by focus area"</h2>
                                {if r.matches.is_empty() {
                                    view! { <p class="muted">"No matches yet."</p> }.into_any()
                                } else {
                                    view! { <BarChart title="Pairs matched in the program's cycles".to_owned() bars=r.matches.clone()/> }.into_any()
                                }}
                                <p><a href=csv("matches") rel="external" download="">"Download as CSV"</a></p>
                            </section>
                            <section class="report">
                                <h2>"Activity over time"</h2>
                                <BarChart title="Messages written, by month".to_owned()
                                    bars=r.activity.iter().map(|(m, s, _)| (m.clone(), *s)).collect()/>
                                <BarChart title="Meetings held, by month".to_owned()
                                    bars=r.activity.iter().map(|(m, _, t)| (m.clone(), *t)).collect()/>
                                <p><a href=csv("activity") rel="external" download="">"Download as CSV"</a></p>
                            </section>
                            <section class="report">
                                <h2>{format!("Check-ins in {}", r.month)}</h2>
                                <BarChart title="Mentors' answers this month".to_owned() bars=r.checkins.clone()/>
                                <p><a href=csv("checkins") rel="external" download="">"Download as CSV"</a></p>
                            </section>
                            <section class="report">
                                <h2>"Feedback"</h2>
                                <p><A href=feedback_link>"The end-of-cycle survey's results"</A>" are on the program's coordinators' page, by cycle."</p>
                            </section>
                        }.into_any()
                    }
                    Err(e) => failure(e, "to read this program's reports"),
                }
            })}
        </Transition>
    }
}
