//! `/admin/programs`: administrators create programs.

use crate::programs::{api::*, model::*};
use crate::{
    accounts::context::use_auth,
    error::AppError,
    profiles::model::CareerStage,
    ui::{
        errors::failure,
        form::{action_error, Choice, Field, FormError, Group, LongField},
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn AdminProgramsPage() -> impl IntoView {
    let create = ServerAction::<CreateProgram>::new();
    let error = action_error(create);
    let programs = Resource::new(|| (), |_| list_programs());
    let auth = use_auth();
    view! {
        <Title text="Create a program"/>
        <h1>"Programs"</h1>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let admin = matches!(auth.user.await, Ok(Some(u)) if u.is_admin());
                if !admin {
                    return failure(AppError::forbidden("Only administrators can create programs."), "to create programs");
                }
                let list = match programs.await {
                    Ok(list) => list,
                    Err(e) => return failure(e, "to see the programs"),
                };
                view! {
                    <ul>
                        {list.into_iter().map(|s| view! {
                            <li>
                                <A href=format!("/programs/{}", s.program.slug)>{s.program.name.clone()}</A>
                                {format!(" · coordinators: {}", if s.coordinators.is_empty() { "none yet".to_owned() } else { s.coordinators.join(", ") })}
                                " · " <A href=format!("/programs/{}/manage", s.program.slug)>"manage"</A>
                            </li>
                        }).collect_view()}
                    </ul>
                    <h2>"Create a program"</h2>
                    <ActionForm action=create attr:class="stack narrow" attr:novalidate=true>
                        <FormError error/>
                        <Field label="Name" name="name" error hint="e.g. New Members Career Mentoring."/>
                        <LongField label="Description" name="description" error rows=6
                            hint="Who it is for, what it asks of mentors and mentees. Separate paragraphs with a blank line."/>
                        <Choice label="Kind" name="kind" error placeholder="Choose…"
                            options={ProgramKind::ALL.iter().map(|k| (k.slug(), k.label())).collect::<Vec<_>>()}/>
                        <Choice label="Matching" name="matching" error placeholder="Choose…"
                            options={Matching::ALL.iter().map(|k| (k.slug(), k.label())).collect::<Vec<_>>()}/>
                        <Choice label="Pairs are in touch" name="contact" error placeholder="Choose…"
                            options={Contact::ALL.iter().map(|k| (k.slug(), k.label())).collect::<Vec<_>>()}/>
                        <Field label="Minimum years in a professional position, for mentors" name="mentor_min_years" kind="number" error hint="0 for no minimum."/>
                        <Group legend="Mentees may be (none ticked: anyone)" name="mentee_stages" error>
                            {CareerStage::ALL.iter().map(|s| view! {
                                <label class="field--check">
                                    <input type="checkbox" name=format!("mentee_stages[{}]", s.slug()) value="on"/>
                                    {s.label()}
                                </label>
                            }).collect_view()}
                        </Group>
                        <Field label="Required affiliations" name="required_tags" error hint="Separate with commas, e.g. NMRT. Members list them on their profile."/>
                        <Field label="Coordinators" name="coordinators" error hint="Their Carrel email addresses, separated by commas."/>
                        <button type="submit" class="button button--primary">"Create program"</button>
                    </ActionForm>
                }.into_any()
            })}
        </Transition>
    }
}
