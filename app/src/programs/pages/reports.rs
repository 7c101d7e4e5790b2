//! `/programs/{slug}/reports`: a program's numbers, for its coordinators.

use crate::programs::api::program_report;
use crate::tr;
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
        <Transition fallback=|| view! { <p class="muted">{tr!(programs.loading)}</p> }>
            {move || Suspend::new(async move {
                let slug = slug();
                match report.await {
                    Ok((name, r)) => {
                        let feedback_link = format!("/programs/{slug}/manage#feedback");
                        let csv = move |table: &str| format!("/programs/{slug}/reports/{table}.csv");
                        view! {
                            <Title text=tr!(programs.reports.page_title, program = &name).to_string()/>
                            <h1>{tr!(programs.reports.title, program = &name).to_string()}</h1>
                            <p class="muted">{tr!(programs.reports.lead)}</p>
                            <section class="report">
                                <h2>{tr!(programs.reports.enrolment)}</h2>
                                <BarChart title=tr!(programs.reports.mentees_by_cycle).to_owned()
                                    bars=r.enrolment.iter().map(|(c, _, e, _)| (c.clone(), *e)).collect()/>
                                <BarChart title=tr!(programs.reports.mentors_by_cycle).to_owned()
                                    bars=r.enrolment.iter().map(|(c, m, _, _)| (c.clone(), *m)).collect()/>
                                <p><a href=csv("enrolment") rel="external" download="">{tr!(programs.reports.download)}</a></p>
                            </section>
                            <section class="report">
                                <h2>{tr!(programs.reports.matches)}</h2>
                                {if r.matches.is_empty() {
                                    view! { <p class="muted">{tr!(programs.reports.no_matches)}</p> }.into_any()
                                } else {
                                    view! { <BarChart title=tr!(programs.reports.pairs_matched).to_owned() bars=r.matches.clone()/> }.into_any()
                                }}
                                <p><a href=csv("matches") rel="external" download="">{tr!(programs.reports.download)}</a></p>
                            </section>
                            <section class="report">
                                <h2>{tr!(programs.reports.activity)}</h2>
                                <BarChart title=tr!(programs.reports.messages_by_month).to_owned()
                                    bars=r.activity.iter().map(|(m, s, _)| (m.clone(), *s)).collect()/>
                                <BarChart title=tr!(programs.reports.meetings_by_month).to_owned()
                                    bars=r.activity.iter().map(|(m, _, t)| (m.clone(), *t)).collect()/>
                                <p><a href=csv("activity") rel="external" download="">{tr!(programs.reports.download)}</a></p>
                            </section>
                            <section class="report">
                                <h2>{tr!(programs.reports.checkins, month = &r.month).to_string()}</h2>
                                <BarChart title=tr!(programs.reports.answers).to_owned() bars=r.checkins.clone()/>
                                <p><a href=csv("checkins") rel="external" download="">{tr!(programs.reports.download)}</a></p>
                            </section>
                            <section class="report">
                                <h2>{tr!(programs.reports.feedback)}</h2>
                                <p><A href=feedback_link>{tr!(programs.reports.survey_link)}</A>{tr!(programs.reports.survey_after)}</p>
                            </section>
                        }.into_any()
                    }
                    Err(e) => failure(e, tr!(programs.reports.sign_in)),
                }
            })}
        </Transition>
    }
}
