//! `/me/profile`: a member edits their own profile and sees their directory
//! card change as they type. A plain form underneath, so it saves without
//! JavaScript too; on an error nothing typed is lost.

use super::{
    api::{get_my_profile, list_focus_areas, AddFocusArea, MyProfile, SaveProfile},
    model::*,
};
use crate::{
    directory::pages::MentorCardView,
    error::AppError,
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
        <Title text="My profile"/>
        <Transition fallback=|| view! { <p class="muted">"Loading your profile…"</p> }>
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
                        view! { <ProfileEditor mine error saved=saved()/> }.into_any()
                    }
                    Err(e) => failure(e, "to edit your profile"),
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
    let preview = move || areas.with_value(|a| preview_card(&form.get(), a, excerpt.get()));
    let open = Memo::new(move |_| form.with(|f| f.open_to_mentoring.is_some()));
    let id = mine.id;

    let text = move |label: &'static str,
                     key: &'static str,
                     hint: &'static str,
                     get: GetField,
                     set: SetField| {
        view! { <TextInput label key hint form get set error/> }
    };
    let choice = move |label: &'static str,
                       key: &'static str,
                       options: Vec<(&'static str, &'static str)>,
                       get: GetField,
                       set: SetField| {
        view! {
            <Choice label name=format!("form[{key}]") options error placeholder="Choose…"
                current=form.with_untracked(|f| get(f).clone())
                on:change=move |ev| form.update(|f| set(f, event_target_value(&ev)))/>
        }
    };
    let checks = move |legend: &'static str,
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
        <h1>"My profile"</h1>
        {saved.then(|| view! { <p class="notice" role="status">"Your profile is saved. "
            <a href=format!("/mentors/{id}")>"See how others see it"</a></p> })}
        <div class="profile-editor">
            <form method="post" action=SaveProfile::url() class="stack profile-form" novalidate>
                <FormError error/>
                <fieldset>
                    <legend>"About you"</legend>
                    {text("Your name", "display_name", "As other members will see it.", |f| &f.display_name, |f, v| f.display_name = v)}
                    {text("Pronouns (optional)", "pronouns", "e.g. she/her, they/them.", |f| &f.pronouns, |f, v| f.pronouns = v)}
                    {text("Position or title", "position", "e.g. Instruction Librarian, LIS student.", |f| &f.position, |f, v| f.position = v)}
                    {text("Institution", "institution", "Where you work or study.", |f| &f.institution, |f, v| f.institution = v)}
                    <Check name="form[institution_hidden]" error checked=form.with_untracked(|f| f.institution_hidden.is_some())
                        on:change=move |ev| form.update(|f| f.institution_hidden = event_target_checked(&ev).then(|| "on".to_owned()))>
                        "Hide my institution from other members"
                    </Check>
                    {choice("Library type", "library_type", LibraryType::ALL.iter().map(|t| (t.slug(), t.label())).collect(), |f| &f.library_type, |f, v| f.library_type = v)}
                    {choice("Department or function", "work_function", WorkFunction::ALL.iter().map(|t| (t.slug(), t.label())).collect(), |f| &f.work_function, |f, v| f.work_function = v)}
                    {choice("Career stage", "career_stage", CareerStage::ALL.iter().map(|t| (t.slug(), t.label())).collect(), |f| &f.career_stage, |f, v| f.career_stage = v)}
                    {text("Years in a professional position", "years_professional", "0 if you are a student or just starting.", |f| &f.years_professional, |f, v| f.years_professional = v)}
                    {text("Country", "country", "", |f| &f.country, |f, v| f.country = v)}
                    {text("State or province (optional)", "region", "", |f| &f.region, |f, v| f.region = v)}
                    <TextInput label="Time zone" key="time_zone" hint="e.g. America/Chicago, Europe/London." form
                        get=|f| &f.time_zone set=|f, v| f.time_zone = v error list=Some("time-zones")/>
                    <datalist id="time-zones">
                        {TIME_ZONE_SUGGESTIONS.iter().map(|z| view! { <option value=*z></option> }).collect_view()}
                    </datalist>
                    <TextInput label="Languages" key="languages" hint="Separate with commas, e.g. English, Spanish." form
                        get=|f| &f.languages set=|f, v| f.languages = v error suggestions=LANGUAGE_SUGGESTIONS/>
                    <TextInput label="Research interests" key="interests" hint="Separate with commas, e.g. open access, information literacy." form
                        get=|f| &f.interests set=|f, v| f.interests = v error suggestions=INTEREST_SUGGESTIONS/>
                    {text("Work areas", "work_areas", "Separate with commas, e.g. OER, assessment.", |f| &f.work_areas, |f, v| f.work_areas = v)}
                    <TextInput label="Affiliations" key="affiliations" hint="Associations, divisions, round tables, e.g. ACRL, REFORMA." form
                        get=|f| &f.affiliations set=|f, v| f.affiliations = v error suggestions=AFFILIATION_SUGGESTIONS/>
                    <LongField label="Bio" name="form[bio]" hint="A few sentences. You can use *emphasis*, **bold**, [links](https://…) and lists."
                        error rows=6 current=form.with_untracked(|f| f.bio.clone())
                        on:input=move |ev| form.update(|f| f.bio = event_target_value(&ev))/>
                    {text("Outside work (optional)", "non_work_interests", "e.g. birding, choir, sourdough.", |f| &f.non_work_interests, |f, v| f.non_work_interests = v)}
                </fieldset>
                <fieldset>
                    <legend>"As a mentor"</legend>
                    <Check name="form[open_to_mentoring]" error checked=form.with_untracked(|f| f.open_to_mentoring.is_some())
                        on:change=move |ev| form.update(|f| f.open_to_mentoring = event_target_checked(&ev).then(|| "on".to_owned()))>
                        "I am open to mentoring (list me in the directory)"
                    </Check>
                    <div class="stack" class:muted=move || !open.get()>
                        {move || checks("Focus areas I can offer", "focus_offered", focus_options(), |f| &mut f.focus_offered)}
                        {text("How many mentees at once", "capacity", "0 keeps you listed but shows you are not taking anyone new.", |f| &f.capacity, |f, v| f.capacity = v)}
                        {checks("Ways to meet", "meeting_modes", MeetingMode::ALL.iter().map(|m| (m.slug().to_owned(), m.label().to_owned())).collect(), |f| &mut f.meeting_modes)}
                        {choice("I usually reply", "reply_time", ReplyTime::ALL.iter().map(|t| (t.slug(), t.label())).collect(), |f| &f.reply_time, |f, v| f.reply_time = v)}
                    </div>
                </fieldset>
                <fieldset>
                    <legend>"As a mentee"</legend>
                    {move || checks("Focus areas I am looking for", "focus_sought", focus_options(), |f| &mut f.focus_sought)}
                    <LongField label="My goals (only you see these)" name="form[goals]" hint="What you hope to learn or achieve."
                        error rows=6 current=form.with_untracked(|f| f.goals.clone())
                        on:input=move |ev| form.update(|f| f.goals = event_target_value(&ev))/>
                </fieldset>
                <button type="submit" class="button button--primary">"Save my profile"</button>
            </form>
            <aside class="profile-preview" aria-label="Preview of your directory card">
                <h2>"Your card in the directory"</h2>
                {move || view! { <MentorCardView card=preview() preview=true/> }}
                {move || (!open.get()).then(|| view! {
                    <p class="muted">"Only members open to mentoring are listed in the directory."</p>
                })}
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
    label: &'static str,
    key: &'static str,
    hint: &'static str,
    form: RwSignal<ProfileForm>,
    get: GetField,
    set: SetField,
    error: Signal<Option<AppError>>,
    #[prop(optional_no_strip)] list: Option<&'static str>,
    #[prop(optional)] suggestions: &'static [&'static str],
) -> impl IntoView {
    let offered = move || {
        let chosen: Vec<String> = form.with(|f| {
            split_tags(get(f))
                .iter()
                .map(|t| t.to_lowercase())
                .collect()
        });
        suggestions
            .iter()
            .filter(|s| !chosen.contains(&s.to_lowercase()))
            .map(|s| {
                let add = move |_| {
                    form.update(|f| {
                        let now = get(f).trim().trim_end_matches(',').to_owned();
                        set(f, if now.is_empty() { (*s).to_owned() } else { format!("{now}, {s}") });
                    })
                };
                view! { <li><button type="button" class="chip chip--add" on:click=add>{format!("+ {s}")}</button></li> }
            })
            .collect_view()
    };
    view! {
        <Field label name=format!("form[{key}]") error hint autocomplete="" list
            current=Signal::derive(move || form.with(|f| get(f).clone()))
            on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))>
            {(!suggestions.is_empty()).then(|| view! {
                <ul class="chips suggestions" aria-label="Suggestions">{offered}</ul>
            })}
        </Field>
    }
}

/// Checkboxes for a set of slugs, bound to the form.
#[component]
fn CheckGroup(
    legend: &'static str,
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
        <Title text="Focus areas"/>
        <h1>"Focus areas"</h1>
        <p class="lead">"Mentors offer these and mentees look for them."</p>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match areas.await {
                    Ok(list) => view! {
                        <ol>{list.areas.into_iter().map(|a| view! { <li>{a.label}</li> }).collect_view()}</ol>
                        {if list.can_add {
                            view! {
                                <ActionForm action=add attr:class="stack narrow" attr:novalidate=true>
                                    <FormError error/>
                                    <Field label="New focus area" name="label" error
                                        hint="e.g. Grant writing. Members can choose it at once."/>
                                    <button type="submit" class="button button--primary">"Add focus area"</button>
                                </ActionForm>
                            }.into_any()
                        } else {
                            view! { <p class="muted">"Only administrators can add focus areas."</p> }.into_any()
                        }}
                    }.into_any(),
                    Err(e) => failure(e, "to see the focus areas"),
                }
            })}
        </Transition>
    }
}
