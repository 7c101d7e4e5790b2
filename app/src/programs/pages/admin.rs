//! `/admin/programs`: administrators create programs.

use crate::programs::{api::*, model::*};
use crate::{
    accounts::context::use_auth,
    error::AppError,
    profiles::model::CareerStage,
    tr,
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
        <Title text=tr!(programs.admin.create)/>
        <h1>{tr!(programs.list.title)}</h1>
        <Transition fallback=|| view! { <p class="muted">{tr!(programs.loading)}</p> }>
            {move || Suspend::new(async move {
                let admin = matches!(auth.user.await, Ok(Some(u)) if u.is_admin());
                if !admin {
                    return failure(AppError::forbidden(tr!(programs.admin.only_admins)), tr!(programs.admin.sign_in));
                }
                let list = match programs.await {
                    Ok(list) => list,
                    Err(e) => return failure(e, tr!(programs.list.sign_in)),
                };
                view! {
                    <ul>
                        {list.into_iter().map(|s| view! {
                            <li>
                                <A href=format!("/programs/{}", s.program.slug)>{s.program.name.clone()}</A>
                                {format!(" · {}", tr!(programs.admin.coordinators, names = if s.coordinators.is_empty() { tr!(programs.none_yet).to_owned() } else { s.coordinators.join(", ") }))}
                                " · " <A href=format!("/programs/{}/manage", s.program.slug)>{tr!(programs.admin.manage)}</A>
                            </li>
                        }).collect_view()}
                    </ul>
                    <h2>{tr!(programs.admin.create)}</h2>
                    <ActionForm action=create attr:class="stack narrow" attr:novalidate=true>
                        <FormError error/>
                        <Field label=tr!(programs.admin.name) name="name" error hint=tr!(programs.admin.name_hint)/>
                        <LongField label=tr!(programs.admin.description) name="description" error rows=6
                            hint=tr!(programs.admin.description_hint)/>
                        <Choice label=tr!(programs.admin.kind) name="kind" error placeholder=tr!(programs.choose)
                            options={ProgramKind::ALL.iter().map(|k| (k.slug(), k.label())).collect::<Vec<_>>()}/>
                        <Choice label=tr!(programs.admin.matching) name="matching" error placeholder=tr!(programs.choose)
                            options={Matching::ALL.iter().map(|k| (k.slug(), k.label())).collect::<Vec<_>>()}/>
                        <Choice label=tr!(programs.admin.contact) name="contact" error placeholder=tr!(programs.choose)
                            options={Contact::ALL.iter().map(|k| (k.slug(), k.label())).collect::<Vec<_>>()}/>
                        <Field label=tr!(programs.admin.min_years) name="mentor_min_years" kind="number" error hint=tr!(programs.admin.min_years_hint)/>
                        <Group legend=tr!(programs.admin.stages) name="mentee_stages" error>
                            {CareerStage::ALL.iter().map(|s| view! {
                                <label class="field--check">
                                    <input type="checkbox" name=format!("mentee_stages[{}]", s.slug()) value="on"/>
                                    {s.label()}
                                </label>
                            }).collect_view()}
                        </Group>
                        <Field label=tr!(programs.admin.tags) name="required_tags" error hint=tr!(programs.admin.tags_hint)/>
                        <Field label=tr!(programs.coordinators) name="coordinators" error hint=tr!(programs.admin.coordinators_hint)/>
                        <button type="submit" class="button button--primary">{tr!(programs.admin.submit)}</button>
                    </ActionForm>
                }.into_any()
            })}
        </Transition>
    }
}
