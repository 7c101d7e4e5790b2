//! `/me/profile`: a member edits their own profile and sees their directory
//! card change as they type. A plain form underneath, so it saves without
//! JavaScript too; on an error nothing typed is lost.

use super::{
    api::{get_my_profile, list_focus_areas, AddFocusArea, MyProfile, SaveProfile},
    editor_words::{EditorWords, TIME_ZONE_SUGGESTIONS},
    model::*,
};
use crate::{
    directory::pages::MentorCardView,
    error::AppError,
    tr,
    ui::{
        errors::failure,
        form::{action_error, Check, Choice, Field, FormError, Group, LongField},
    },
};
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

type GetField = fn(&ProfileForm) -> &String;
type SetField = fn(&mut ProfileForm, String);

#[component]
pub fn EditProfilePage() -> impl IntoView {
    // Created here, inside the routes, so a form posted without JavaScript
    // gets its errors (and the typed values) back from the URL.
    let save = ServerAction::<SaveProfile>::new();
    let mine = Resource::new(|| (), |_| get_my_profile());
    let error = action_error(save);
    // `?saved=1` after a save.
    let query = use_query_map();
    let saved = move || query.with_untracked(|q| q.get("saved").is_some());
    view! {
        <Title text=tr!(profiles.my_profile)/>
        <Transition fallback=|| view! { <p class="muted">{tr!(profiles.loading_profile)}</p> }>
            {move || Suspend::new(async move {
                match mine.await {
                    Ok(mut mine) => {
                        let error = error.get_untracked();
                        // After a failed save, start from what was typed, not from what is stored.
                        if let Some(typed) = error
                            .as_ref()
                            .and_then(|e| e.value("form"))
                            .and_then(|json| serde_json::from_str::<ProfileForm>(&json).ok())
                        {
                            mine.form = typed;
                        }
                        // The time zones the field suggests, outside the island:
                        // the browser's download need not carry them.
                        view! {
                            <ProfileEditor mine error saved=saved()/>
                            <datalist id="time-zones">
                                {TIME_ZONE_SUGGESTIONS.iter().map(|z| view! { <option value=*z></option> }).collect_view()}
                            </datalist>
                        }.into_any()
                    }
                    Err(e) => failure(e, tr!(profiles.sign_in_to_edit)),
                }
            })}
        </Transition>
    }
}

/// The form and the card it previews, an island: the card follows typing and
/// suggested tags add themselves. The form itself posts without JavaScript.
#[island(lazy)]
fn ProfileEditor(mine: MyProfile, error: Option<AppError>, saved: bool) -> impl IntoView {
    crate::ui::islands::hydrating();
    let form = RwSignal::new(mine.form);
    let excerpt = RwSignal::new(mine.excerpt);
    #[cfg(feature = "hydrate")]
    follow_bio(form, excerpt);
    let error = Signal::stored(error);
    let areas = StoredValue::new(mine.focus_areas);
    let options = StoredValue::new(mine.options);
    let preview = move || {
        areas.with_value(|a| options.with_value(|o| preview_card(&form.get(), a, o, excerpt.get())))
    };
    let open = Memo::new(move |_| form.with(|f| f.open_to_mentoring.is_some()));
    let id = mine.id;
    let words = StoredValue::new(mine.words);
    let t = move |word: fn(&EditorWords) -> String| words.with_value(word);

    let text =
        move |label: String, key: &'static str, hint: String, get: GetField, set: SetField| {
            view! { <TextInput label key hint form get set error/> }
        };
    let choice = move |label: String,
                       key: &'static str,
                       options: Vec<(String, String)>,
                       get: GetField,
                       set: SetField| {
        view! {
            <Choice label name=format!("form[{key}]") options error placeholder=t(EditorWords::choose)
                current=form.with_untracked(|f| get(f).clone())
                on:change=move |ev| form.update(|f| set(f, event_target_value(&ev)))/>
        }
    };
    let checks = move |legend: String,
                       key: &'static str,
                       options: Vec<(String, String)>,
                       pick: fn(
        &mut ProfileForm,
    ) -> &mut std::collections::BTreeMap<String, String>| {
        view! { <CheckGroup legend key options form pick error/> }
    };
    let focus_options = move || {
        areas.with_value(|a| {
            a.iter()
                .map(|f| (f.slug.clone(), f.label.clone()))
                .collect::<Vec<_>>()
        })
    };

    view! {
        <h1>{t(EditorWords::title)}</h1>
        {saved.then(|| view! { <p class="notice" role="status">{t(EditorWords::saved)}
            <a href=format!("/mentors/{id}")>{t(EditorWords::see_it)}</a></p> })}
        <div class="profile-editor">
            <form method="post" action=SaveProfile::url() class="stack profile-form" novalidate>
                <FormError error/>
                <fieldset>
                    <legend>{t(EditorWords::about_you)}</legend>
                    {text(t(EditorWords::name), "display_name", t(EditorWords::name_hint), |f| &f.display_name, |f, v| f.display_name = v)}
                    {text(t(EditorWords::pronouns), "pronouns", t(EditorWords::pronouns_hint), |f| &f.pronouns, |f, v| f.pronouns = v)}
                    {text(t(EditorWords::position), "position", t(EditorWords::position_hint), |f| &f.position, |f, v| f.position = v)}
                    {text(t(EditorWords::institution), "institution", t(EditorWords::institution_hint), |f| &f.institution, |f, v| f.institution = v)}
                    <Check name="form[institution_hidden]" error checked=form.with_untracked(|f| f.institution_hidden.is_some())
                        on:change=move |ev| form.update(|f| f.institution_hidden = event_target_checked(&ev).then(|| "on".to_owned()))>
                        {t(EditorWords::hide_institution)}
                    </Check>
                    {choice(t(EditorWords::library_type), "library_type", options.with_value(|o| o.library_types.clone()), |f| &f.library_type, |f, v| f.library_type = v)}
                    {choice(t(EditorWords::work_function), "work_function", options.with_value(|o| o.work_functions.clone()), |f| &f.work_function, |f, v| f.work_function = v)}
                    {choice(t(EditorWords::career_stage), "career_stage", options.with_value(|o| o.career_stages.clone()), |f| &f.career_stage, |f, v| f.career_stage = v)}
                    {text(t(EditorWords::years), "years_professional", t(EditorWords::years_hint), |f| &f.years_professional, |f, v| f.years_professional = v)}
                    {text(t(EditorWords::country), "country", String::new(), |f| &f.country, |f, v| f.country = v)}
                    {text(t(EditorWords::region), "region", String::new(), |f| &f.region, |f, v| f.region = v)}
                    <TextInput label=t(EditorWords::time_zone) key="time_zone" hint=t(EditorWords::time_zone_hint) form
                        get=|f| &f.time_zone set=|f, v| f.time_zone = v error list=Some("time-zones")/>
                    <TextInput label=t(EditorWords::languages) key="languages" hint=t(EditorWords::languages_hint) form
                        get=|f| &f.languages set=|f, v| f.languages = v error suggestions=options.with_value(|o| o.language_tags.clone()) suggestions_label=t(EditorWords::suggestions)/>
                    <TextInput label=t(EditorWords::interests) key="interests" hint=t(EditorWords::interests_hint) form
                        get=|f| &f.interests set=|f, v| f.interests = v error suggestions=options.with_value(|o| o.interest_tags.clone()) suggestions_label=t(EditorWords::suggestions)/>
                    {text(t(EditorWords::work_areas), "work_areas", t(EditorWords::work_areas_hint), |f| &f.work_areas, |f, v| f.work_areas = v)}
                    <TextInput label=t(EditorWords::affiliations) key="affiliations" hint=t(EditorWords::affiliations_hint) form
                        get=|f| &f.affiliations set=|f, v| f.affiliations = v error suggestions=options.with_value(|o| o.affiliation_tags.clone()) suggestions_label=t(EditorWords::suggestions)/>
                    <LongField label=t(EditorWords::bio) name="form[bio]" hint=t(EditorWords::bio_hint)
                        error rows=6 current=form.with_untracked(|f| f.bio.clone())
                        on:input=move |ev| form.update(|f| f.bio = event_target_value(&ev))/>
                    {text(t(EditorWords::non_work), "non_work_interests", t(EditorWords::non_work_hint), |f| &f.non_work_interests, |f, v| f.non_work_interests = v)}
                </fieldset>
                <fieldset>
                    <legend>{t(EditorWords::as_mentor)}</legend>
                    <Check name="form[open_to_mentoring]" error checked=form.with_untracked(|f| f.open_to_mentoring.is_some())
                        on:change=move |ev| form.update(|f| f.open_to_mentoring = event_target_checked(&ev).then(|| "on".to_owned()))>
                        {t(EditorWords::open)}
                    </Check>
                    <div class="stack" class:muted=move || !open.get()>
                        {checks(t(EditorWords::focus_offered), "focus_offered", focus_options(), |f| &mut f.focus_offered)}
                        {text(t(EditorWords::capacity), "capacity", t(EditorWords::capacity_hint), |f| &f.capacity, |f, v| f.capacity = v)}
                        {checks(t(EditorWords::modes), "meeting_modes", options.with_value(|o| o.meeting_modes.clone()), |f| &mut f.meeting_modes)}
                        {choice(t(EditorWords::reply_time), "reply_time", options.with_value(|o| o.reply_times.clone()), |f| &f.reply_time, |f, v| f.reply_time = v)}
                    </div>
                </fieldset>
                <fieldset>
                    <legend>{t(EditorWords::as_mentee)}</legend>
                    {checks(t(EditorWords::focus_sought), "focus_sought", focus_options(), |f| &mut f.focus_sought)}
                    <LongField label=t(EditorWords::goals) name="form[goals]" hint=t(EditorWords::goals_hint)
                        error rows=6 current=form.with_untracked(|f| f.goals.clone())
                        on:input=move |ev| form.update(|f| f.goals = event_target_value(&ev))/>
                </fieldset>
                <button type="submit" class="button button--primary">{t(EditorWords::save)}</button>
            </form>
            <aside class="profile-preview" aria-label=t(EditorWords::preview_label)>
                <h2>{t(EditorWords::card_title)}</h2>
                {move || view! { <MentorCardView card=preview() preview=true/> }}
                <p class="muted" hidden=move || open.get()>{t(EditorWords::only_open)}</p>
            </aside>
        </div>
    }
}

/// Asks the server for the card excerpt once typing in the bio pauses.
#[cfg(feature = "hydrate")]
fn follow_bio(form: RwSignal<ProfileForm>, excerpt: RwSignal<String>) {
    use super::api::bio_excerpt;
    let bio = Memo::new(move |_| form.with(|f| f.bio.clone()));
    let pending = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
    Effect::new(move |first: Option<()>| {
        let bio = bio.get();
        if first.is_none() {
            return;
        }
        // Replacing the pending timeout drops (cancels) it.
        pending.set_value(Some(gloo_timers::callback::Timeout::new(400, move || {
            leptos::task::spawn_local(async move {
                if let Ok(text) = bio_excerpt(bio).await {
                    excerpt.set(text);
                }
            });
        })));
    });
}

/// A text input bound to the form; `suggestions` are tags a click adds to a
/// comma-separated field.
#[component]
fn TextInput(
    label: String,
    key: &'static str,
    hint: String,
    form: RwSignal<ProfileForm>,
    get: GetField,
    set: SetField,
    error: Signal<Option<AppError>>,
    #[prop(optional_no_strip)] list: Option<&'static str>,
    #[prop(optional)] suggestions: Vec<String>,
    /// What the suggestions are called, for screen readers.
    #[prop(optional)]
    suggestions_label: String,
) -> impl IntoView {
    // Rendered once; a chip hides while its tag is in the field.
    let has = move |f: &ProfileForm, tag: &str| {
        split_tags(get(f))
            .iter()
            .any(|t| t.eq_ignore_ascii_case(tag))
    };
    let chips =
        (!suggestions.is_empty()).then(|| {
            let chips = suggestions
            .into_iter()
            .map(|tag| {
                let label = format!("+ {tag}");
                let shown = tag.clone();
                let add = move |_| {
                    form.update(|f| {
                        let now = get(f).trim().trim_end_matches(',').to_owned();
                        set(f, if now.is_empty() { tag.clone() } else { format!("{now}, {tag}") });
                    })
                };
                view! {
                    <li hidden=move || form.with(|f| has(f, &shown))>
                        <button type="button" class="chip chip--add" on:click=add>{label}</button>
                    </li>
                }
            })
            .collect_view();
            view! { <ul class="chips suggestions" aria-label=suggestions_label>{chips}</ul> }
        });
    view! {
        <Field label name=format!("form[{key}]") error hint autocomplete="" list
            current=Signal::derive(move || form.with(|f| get(f).clone()))
            on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))>
            {chips}
        </Field>
    }
}

/// Checkboxes for a set of slugs, bound to the form.
#[component]
fn CheckGroup(
    legend: String,
    key: &'static str,
    options: Vec<(String, String)>,
    form: RwSignal<ProfileForm>,
    pick: fn(&mut ProfileForm) -> &mut std::collections::BTreeMap<String, String>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    view! {
        <Group legend name=key error>
            <ul>
                {options.into_iter().map(|(slug, label)| {
                    let id = format!("field-{key}-{slug}");
                    let checked = form.with_untracked(|f| pick(&mut f.clone()).contains_key(&slug));
                    let s = slug.clone();
                    view! {
                        <li class="field--check">
                            <input id=id.clone() type="checkbox" name=format!("form[{key}][{slug}]") value="on" checked=checked
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    form.update(|f| {
                                        let set = pick(f);
                                        if on { set.insert(s.clone(), "on".to_owned()); } else { set.remove(&s); }
                                    });
                                }/>
                            <label for=id>{label}</label>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </Group>
    }
}

/// `/admin/focus-areas`: the list of focus areas, which administrators extend.
#[component]
pub fn FocusAreasPage() -> impl IntoView {
    let add = ServerAction::<AddFocusArea>::new();
    let error = action_error(add);
    let areas = Resource::new(|| (), |_| list_focus_areas());
    view! {
        <Title text=tr!(profiles.focus_areas.title)/>
        <h1>{tr!(profiles.focus_areas.title)}</h1>
        <p class="lead">{tr!(profiles.focus_areas.lead)}</p>
        <Transition fallback=|| view! { <p class="muted">{tr!(profiles.focus_areas.loading)}</p> }>
            {move || Suspend::new(async move {
                match areas.await {
                    Ok(list) => view! {
                        <ol>{list.areas.into_iter().map(|a| view! { <li>{a.label}</li> }).collect_view()}</ol>
                        {if list.can_add {
                            view! {
                                <ActionForm action=add attr:class="stack narrow" attr:novalidate=true>
                                    <FormError error/>
                                    <Field label=tr!(profiles.focus_areas.new_label) name="label" error
                                        hint=tr!(profiles.focus_areas.new_hint)/>
                                    <button type="submit" class="button button--primary">{tr!(profiles.focus_areas.add)}</button>
                                </ActionForm>
                            }.into_any()
                        } else {
                            view! { <p class="muted">{tr!(profiles.focus_areas.admins_only)}</p> }.into_any()
                        }}
                    }.into_any(),
                    Err(e) => failure(e, tr!(profiles.focus_areas.sign_in_to_see)),
                }
            })}
        </Transition>
    }
}
