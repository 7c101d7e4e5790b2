//! `/mentors`, `/mentors/{id}` and `/me/shortlist`. The directory's filters are
//! a GET form, so everything works with JavaScript off; once hydrated, typing
//! and ticking update the URL (debounced) and the results without a reload.

use super::{
    api::{get_mentor, get_shortlist, search_mentors, SetShortlist},
    query::{DirectoryQuery, DirectoryResults, FacetGroup, Sort},
};
use crate::{
    error::AppError,
    mentorships::{api::get_request_options, model::RequestOptions, pages::RequestPanel},
    profiles::model::{MentorCard, PublicProfile},
    safety::api::UnblockMember,
    ui::errors::failure,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    components::A,
    hooks::{use_navigate, use_params_map, use_query_map},
};
#[cfg(feature = "hydrate")]
use leptos_router::{params::ParamsMap, NavigateOptions};

/// How long typing must pause before the results follow.
#[cfg(feature = "hydrate")]
const TYPE_AHEAD_MS: u32 = 250;
/// Facet values shown before "show more".
const FACET_VALUES_SHOWN: usize = 6;

#[component]
pub fn MentorCardView(card: MentorCard, #[prop(optional)] preview: bool) -> impl IntoView {
    let href = format!("/mentors/{}", card.id);
    let name = if preview {
        view! { <span>{card.display_name.clone()}</span> }.into_any()
    } else {
        view! { <A href=href>{card.display_name.clone()}</A> }.into_any()
    };
    let workplace = [
        card.position.clone(),
        card.institution.clone().unwrap_or_default(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    let kind = [
        card.library_type.clone(),
        card.work_function.clone(),
        card.place.clone(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    view! {
        <article class="mentor-card">
            <header>
                <h3 class="mentor-card__name">
                    {name}
                    {(!card.pronouns.is_empty()).then(|| view! {
                        <span class="mentor-card__pronouns">{format!(" ({})", card.pronouns)}</span>
                    })}
                </h3>
                <p class="mentor-card__work">{workplace}</p>
                <p class="mentor-card__kind">{kind}</p>
            </header>
            <ul class="chips" aria-label="Focus areas offered">
                {card.focus_offered.iter().map(|f| view! { <li class="chip">{f.clone()}</li> }).collect_view()}
            </ul>
            {(!card.excerpt.is_empty()).then(|| view! { <p class="mentor-card__excerpt">{card.excerpt.clone()}</p> })}
            <p class="mentor-card__meta">
                {if card.has_capacity {
                    view! { <span class="badge badge--ok">"Taking mentees"</span> }.into_any()
                } else {
                    view! { <span class="badge">"Not taking mentees now"</span> }.into_any()
                }}
                {(!card.languages.is_empty()).then(|| format!(" Speaks {}", card.languages.join(", ")))}
            </p>
            {(!card.reasons.is_empty()).then(|| view! {
                <p class="mentor-card__reasons">
                    <strong>"Why: "</strong>{card.reasons.join("; ")}
                </p>
            })}
        </article>
    }
}

/// The query string of the directory form as it is now.
#[cfg(feature = "hydrate")]
fn form_query(form: &leptos::web_sys::HtmlFormElement) -> Option<DirectoryQuery> {
    use leptos::wasm_bindgen::JsCast;
    let data = leptos::web_sys::FormData::new_with_form(form).ok()?;
    let search = leptos::web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?;
    let mut params = ParamsMap::new();
    let entries = leptos::web_sys::js_sys::try_iter(&search).ok()??;
    for entry in entries.flatten() {
        let pair: leptos::web_sys::js_sys::Array = entry.unchecked_into();
        if let (Some(k), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
            params.insert(k, v);
        }
    }
    Some(DirectoryQuery::from_params(&params).with_page(1))
}

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(DirectoryQuery::from_params));
    // A Resource keeps only the answer to its latest query, so a slow answer
    // to an older keystroke never replaces a newer one.
    let results = Resource::new(
        move || query.with(DirectoryQuery::query_string),
        search_mentors,
    );
    let form = NodeRef::<leptos::html::Form>::new();
    let search_box = NodeRef::<leptos::html::Input>::new();
    let navigate = use_navigate();
    let go = move |replace: bool| {
        #[cfg(feature = "hydrate")]
        if let Some(q) = form.get_untracked().and_then(|f| form_query(&f)) {
            navigate(
                &q.href(),
                NavigateOptions {
                    replace,
                    scroll: false,
                    ..Default::default()
                },
            );
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (replace, &navigate, form);
    };
    #[cfg(feature = "hydrate")]
    let on_type = {
        let pending = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
        let go = go.clone();
        move |_: leptos::ev::Event| {
            let go = go.clone();
            // Replacing the pending timeout drops (cancels) it: only the last keystroke searches.
            pending.set_value(Some(gloo_timers::callback::Timeout::new(
                TYPE_AHEAD_MS,
                move || go(true),
            )));
        }
    };
    #[cfg(not(feature = "hydrate"))]
    let on_type = |_: leptos::ev::Event| {};
    // Back/forward changes the URL: show its words, unless the member is typing.
    Effect::new(move |_| {
        let q = query.with(|q| q.q.clone());
        if let Some(input) = search_box.get() {
            let typing = leptos::prelude::document()
                .active_element()
                .is_some_and(|a| {
                    let a: &leptos::web_sys::Element = &a;
                    let i: &leptos::web_sys::Element = &input;
                    a == i
                });
            if !typing && input.value() != q {
                input.set_value(&q);
            }
        }
    });
    // Back to a page the browser kept whole (its back/forward cache) shows that
    // page as it was left, whatever its address now says; load it afresh.
    #[cfg(feature = "hydrate")]
    {
        let restored = window_event_listener(leptos::ev::pageshow, |ev| {
            if ev.persisted() {
                let _ = window().location().reload();
            }
        });
        on_cleanup(move || restored.remove());
    }
    // A tick re-renders the filters with their new counts; keep keyboard focus
    // on the control that was used.
    let refocus = StoredValue::new(None::<String>);
    Effect::new(move |_| {
        results.track();
        let Some(id) = refocus.get_value() else {
            return;
        };
        request_animation_frame(move || {
            // The re-render may reuse the focused node for another value, so
            // compare ids rather than only checking that focus was lost.
            let doc = document();
            let moved = doc.active_element().is_none_or(|a| a.id() != id);
            let control = doc.get_element_by_id(&id).and_then(|el| {
                leptos::wasm_bindgen::JsCast::dyn_into::<leptos::web_sys::HtmlElement>(el).ok()
            });
            if let (true, Some(control)) = (moved, control) {
                let _ = control.focus();
            }
        });
    });
    let go_submit = go.clone();
    let go_change = go.clone();
    let initial_q = query.get_untracked().q;
    view! {
        <Title text="Find a mentor"/>
        <h1>"Find a mentor"</h1>
        // autocomplete="off": a page loaded by Back must show its address's
        // filters, not the ticks the browser saved when it was left.
        <form
            method="get"
            action="/mentors"
            class="directory"
            node_ref=form
            role="search"
            autocomplete="off"
            on:submit=move |ev| {
                ev.prevent_default();
                go_submit(false);
            }
            on:change=move |ev| {
                // Ticks and the sort menu apply at once; the search box waits for typing to pause.
                let id = leptos::prelude::event_target::<leptos::web_sys::Element>(&ev).id();
                if id != "q" {
                    refocus.set_value(Some(id));
                    go_change(false);
                }
            }
        >
            <div class="directory__search">
                <label for="q" class="visually-hidden">"Search mentors"</label>
                <input
                    id="q"
                    type="search"
                    name="q"
                    node_ref=search_box
                    value=initial_q
                    placeholder="Search by name, interest, institution…"
                    autocomplete="off"
                    on:input=on_type
                />
                <button type="submit" class="button button--primary">"Search"</button>
            </div>
            <Transition fallback=|| view! { <p class="muted">"Loading mentors…"</p> }>
                {move || Suspend::new(async move {
                    match results.await {
                        Ok(r) => view! { <DirectoryBody results=r query=query.get_untracked()/> }.into_any(),
                        Err(e) => failure(e, "to browse mentors"),
                    }
                })}
            </Transition>
        </form>
    }
}

#[component]
fn DirectoryBody(results: DirectoryResults, query: DirectoryQuery) -> impl IntoView {
    let sort = results.sort.unwrap_or(Sort::Fit);
    let pages = results.pages;
    let page = results.page;
    let count = match results.total {
        0 => "No mentors match".to_owned(),
        1 => "1 mentor".to_owned(),
        n => format!("{n} mentors"),
    };
    let facets = results.facets.clone();
    let capacity_count = results.capacity_count;
    let active: usize =
        query.filters.iter().map(|(_, v)| v.len()).sum::<usize>() + usize::from(query.capacity);
    let filters_summary = match active {
        0 => "Filters and sort".to_owned(),
        n => format!("Filters and sort ({n} active)"),
    };
    view! {
        <div class="directory__layout">
            <aside class="directory__facets" aria-label="Filters">
                // Folded away on phones so the results come first; always open on wide screens.
                <details class="filters">
                    <summary>{filters_summary}</summary>
                <div class="field">
                    <label for="sort">"Sort by"</label>
                    <select id="sort" name="sort">
                        {Sort::ALL.into_iter().map(|s| view! {
                            <option value=s.param() selected=s == sort prop:selected=s == sort>{s.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field field--check">
                    <input id="capacity" type="checkbox" name="capacity" value="1"
                        checked=query.capacity prop:checked=query.capacity/>
                    <label for="capacity">{format!("Has capacity now ({capacity_count})")}</label>
                </div>
                {facets.into_iter().map(|g| view! { <FacetView group=g/> }).collect_view()}
                <button type="submit" class="button">"Apply filters"</button>
                </details>
            </aside>
            <section class="directory__results" aria-label="Mentors">
                <p class="directory__count" role="status">{count}</p>
                {results.notice.clone().map(|n| view! { <p class="notice">{n}</p> })}
                {(results.total == 0).then(|| view! { <EmptyState results=results.clone() query=query.clone()/> })}
                <ol class="mentor-list">
                    {results.cards.into_iter().map(|card| view! { <li><MentorCardView card/></li> }).collect_view()}
                </ol>
                {(pages > 1).then(|| view! {
                    <nav class="pager" aria-label="Pages">
                        {(page > 1).then(|| view! { <A href=query.with_page(page - 1).href() attr:rel="prev">"← Previous"</A> })}
                        <span>{format!("Page {page} of {pages}")}</span>
                        {(page < pages).then(|| view! { <A href=query.with_page(page + 1).href() attr:rel="next">"Next →"</A> })}
                    </nav>
                })}
            </section>
        </div>
    }
}

#[component]
fn EmptyState(results: DirectoryResults, query: DirectoryQuery) -> impl IntoView {
    if !query.has_filters() && query.q.trim().is_empty() {
        return view! { <p class="empty">"No mentors have listed themselves yet. Check back soon."</p> }
            .into_any();
    }
    view! {
        <div class="empty">
            <p>"No mentors match all of that."</p>
            {results.loosen.into_iter().take(3).map(|l| view! {
                <p>
                    <A href=l.href>{format!("Remove {}", l.what)}</A>
                    {format!(" to see {} mentor{}.", l.count, if l.count == 1 { "" } else { "s" })}
                </p>
            }).collect_view()}
            <p><A href="/mentors">"Clear everything"</A></p>
        </div>
    }
    .into_any()
}

#[component]
fn FacetView(group: FacetGroup) -> impl IntoView {
    let facet = group.facet;
    let item = move |v: super::query::FacetCount| {
        let id = format!(
            "f-{}-{}",
            facet.param(),
            v.value.replace(|c: char| !c.is_ascii_alphanumeric(), "-")
        );
        view! {
            <li class="field--check">
                <input id=id.clone() type="checkbox" name=facet.param() value=v.value
                    checked=v.selected prop:checked=v.selected/>
                <label for=id>{v.label}<span class="count">{format!(" ({})", v.count)}</span></label>
            </li>
        }
    };
    let mut values = group.values;
    // Chosen values stay visible even when they are not among the biggest.
    values.sort_by_key(|v| !v.selected);
    let rest = values.split_off(values.len().min(FACET_VALUES_SHOWN));
    let rest_len = rest.len();
    view! {
        <fieldset class="facet">
            <legend>{facet.label()}</legend>
            {if values.is_empty() {
                view! { <p class="muted">"None for this search"</p> }.into_any()
            } else {
                view! { <ul>{values.into_iter().map(item).collect_view()}</ul> }.into_any()
            }}
            {(rest_len > 0).then(|| view! {
                <details>
                    <summary>{format!("{rest_len} more")}</summary>
                    <ul>{rest.into_iter().map(item).collect_view()}</ul>
                </details>
            })}
        </fieldset>
    }
}

#[component]
pub fn MentorPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok())));
    let shortlist = ServerAction::<SetShortlist>::new();
    let unblock = ServerAction::<UnblockMember>::new();
    let mentor = Resource::new(
        move || (id.get(), shortlist.version().get()),
        |(id, _)| async move {
            match id {
                Some(id) => get_mentor(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    // Made here, beside the profile's, not inside its view: a resource
    // created in a nested view can be numbered differently in the browser
    // than on the server, which breaks hydration.
    let requests = Resource::new(
        move || (id.get(), unblock.version().get()),
        |(id, _)| async move {
            match id {
                Some(id) => get_request_options(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match mentor.await {
                    Ok(p) => {
                        let requests = requests.await.ok();
                        view! { <MentorProfile p shortlist requests unblock/> }.into_any()
                    }
                    Err(e) => failure(e, "to see mentors' profiles"),
                }
            })}
        </Transition>
    }
}

#[component]
fn MentorProfile(
    p: PublicProfile,
    shortlist: ServerAction<SetShortlist>,
    /// What I may ask of this mentor (None on my own page).
    requests: Option<RequestOptions>,
    unblock: ServerAction<UnblockMember>,
) -> impl IntoView {
    let facts: Vec<(&str, String)> = [
        (
            "Works at",
            p.institution
                .clone()
                .unwrap_or_else(|| "Not shown".to_owned()),
        ),
        ("Library type", p.library_type.label().to_owned()),
        ("Works in", p.work_function.label().to_owned()),
        ("Career stage", p.career_stage.label().to_owned()),
        (
            "Years in a professional position",
            p.years_professional.to_string(),
        ),
        (
            "Based in",
            crate::profiles::model::place(&p.region, &p.country),
        ),
        ("Time zone", p.time_zone.clone()),
        ("Languages", p.languages.join(", ")),
        (
            "Meets by",
            p.meeting_modes
                .iter()
                .map(|m| m.label())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (
            "Usually replies",
            p.measured_reply
                .clone()
                .unwrap_or_else(|| p.reply_time.label().to_owned()),
        ),
        ("Research interests", p.interests.join(", ")),
        ("Work areas", p.work_areas.join(", ")),
        ("Affiliations", p.affiliations.join(", ")),
        ("Outside work", p.non_work_interests.clone()),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .collect();
    let next = format!("/mentors/{}", p.id);
    view! {
        <Title text=p.display_name.clone()/>
        <article class="card profile">
            <header>
                <h1>
                    {p.display_name.clone()}
                    {(!p.pronouns.is_empty()).then(|| view! { <span class="mentor-card__pronouns">{format!(" ({})", p.pronouns)}</span> })}
                </h1>
                <p class="lead">{p.position.clone()}</p>
                <p class="muted">{p.last_active.clone()}</p>
            </header>
            <ul class="chips" aria-label="Focus areas offered">
                {p.focus_offered.iter().map(|f| view! { <li class="chip">{f.label.clone()}</li> }).collect_view()}
            </ul>
            <div class="profile__bio" inner_html=p.bio_html.clone()></div>
            <dl class="facts">
                {facts.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
            </dl>
            <div class="profile__actions">
                {if p.is_me {
                    view! { <A href="/me/profile" attr:class="button">"Edit my profile"</A> }.into_any()
                } else {
                    view! {
                        <ActionForm action=shortlist>
                            <input type="hidden" name="mentor_id" value=p.id/>
                            <input type="hidden" name="saved" value=(!p.shortlisted).to_string()/>
                            <input type="hidden" name="next" value=next/>
                            <button type="submit" class="button">
                                {if p.shortlisted { "Remove from my shortlist" } else { "Save to my shortlist" }}
                            </button>
                        </ActionForm>
                        {requests.map(|o| view! { <RequestPanel o mentor_id=p.id unblock/> })}
                    }.into_any()
                }}
            </div>
        </article>
    }
}

#[component]
pub fn ShortlistPage() -> impl IntoView {
    let list = Resource::new(|| (), |_| get_shortlist());
    view! {
        <Title text="My shortlist"/>
        <h1>"My shortlist"</h1>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(cards) if cards.is_empty() => view! {
                        <p class="empty">"Nobody saved yet. "<A href="/mentors">"Browse mentors"</A>" and save the ones you like."</p>
                    }.into_any(),
                    Ok(cards) => view! {
                        <ol class="mentor-list">
                            {cards.into_iter().map(|card| view! { <li><MentorCardView card/></li> }).collect_view()}
                        </ol>
                    }.into_any(),
                    Err(e) => failure(e, "to see your shortlist"),
                }
            })}
        </Transition>
    }
}
