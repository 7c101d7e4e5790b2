//! `/mentors`, `/mentors/{id}` and `/me/shortlist`. The directory's filters are
//! a GET form, so everything works with JavaScript off; once hydrated, typing
//! and ticking update the URL (debounced) and the results without a reload.

use super::{
    api::{get_mentor, get_shortlist, search_mentors, SetShortlist},
    model::MentorCard,
    query::{DirectoryQuery, DirectoryResults, FacetGroup, Sort},
};
use crate::{
    error::AppError,
    mentorships::{api::get_request_options, model::RequestOptions, pages::RequestPanel},
    profiles::model::PublicProfile,
    safety::api::UnblockMember,
    tr,
    ui::errors::failure,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

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
        view! { <a href=href>{card.display_name.clone()}</a> }.into_any()
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
            <ul class="chips" aria-label=tr!(directory.card.focus_offered)>
                {card.focus_offered.iter().map(|f| view! { <li class="chip">{f.clone()}</li> }).collect_view()}
            </ul>
            {(!card.excerpt.is_empty()).then(|| view! { <p class="mentor-card__excerpt">{card.excerpt.clone()}</p> })}
            <p class="mentor-card__meta">
                {if card.has_capacity {
                    view! { <span class="badge badge--ok">{tr!(directory.card.taking)}</span> }.into_any()
                } else {
                    view! { <span class="badge">{tr!(directory.card.not_taking)}</span> }.into_any()
                }}
                {(!card.languages.is_empty()).then(|| format!("{}{}", tr!(directory.card.speaks), card.languages.join(", ")))}
            </p>
            {(!card.reasons.is_empty()).then(|| view! {
                <p class="mentor-card__reasons">
                    <strong>{tr!(directory.card.why)}</strong>{card.reasons.join("; ")}
                </p>
            })}
        </article>
    }
}

/// The query string of the directory form as it is now.
#[cfg(feature = "hydrate")]
fn form_query(form: &leptos::web_sys::HtmlFormElement) -> Option<DirectoryQuery> {
    let data = leptos::web_sys::FormData::new_with_form(form).ok()?;
    let search = leptos::web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?;
    Some(DirectoryQuery::parse(&String::from(search.to_string())).with_page(1))
}

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(DirectoryQuery::from_params));
    let results = Resource::new(
        move || query.with(DirectoryQuery::query_string),
        search_mentors,
    );
    view! {
        <Title text=tr!(directory.find_title)/>
        <h1>{tr!(directory.find_title)}</h1>
        <Suspense fallback=|| view! { <p class="muted">{tr!(directory.loading_mentors)}</p> }>
            {move || Suspend::new(async move {
                match results.await {
                    Ok(results) => view! { <DirectorySearch query=query.get_untracked() results/> }.into_any(),
                    Err(e) => failure(e, tr!(directory.sign_in_to_browse)),
                }
            })}
        </Suspense>
    }
}

/// The search form and its results, an island. Without JavaScript the form
/// is a plain GET; with it, typing (debounced) and ticking update the address
/// and the results without a reload, and Back and Forward follow.
#[island(lazy)]
fn DirectorySearch(query: DirectoryQuery, results: DirectoryResults) -> impl IntoView {
    crate::ui::islands::hydrating();
    let query = RwSignal::new(query);
    let results = RwSignal::new(results);
    let form = NodeRef::<leptos::html::Form>::new();
    let search_box = NodeRef::<leptos::html::Input>::new();
    #[cfg(feature = "hydrate")]
    let (go, on_type) = browser::wire(query, results, form, search_box);
    #[cfg(not(feature = "hydrate"))]
    let (go, on_type) = (|_: bool| {}, |_: leptos::ev::Event| {});
    let initial_q = query.get_untracked().q;
    view! {
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
                go(false);
            }
            on:change=move |ev| {
                // Ticks and the sort menu apply at once; the search box waits for typing to pause.
                if leptos::prelude::event_target::<leptos::web_sys::Element>(&ev).id() != "q" {
                    go(false);
                }
            }
        >
            <div class="directory__search">
                <label for="q" class="visually-hidden">{tr!(directory.search.label)}</label>
                <input
                    id="q"
                    type="search"
                    name="q"
                    node_ref=search_box
                    value=initial_q
                    placeholder=tr!(directory.search.placeholder)
                    autocomplete="off"
                    on:input=on_type
                />
                <button type="submit" class="button button--primary">{tr!(directory.search.button)}</button>
            </div>
            {move || view! { <DirectoryBody results=results.get() query=query.get_untracked()/> }}
        </form>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::{form_query, search_mentors, TYPE_AHEAD_MS};
    use crate::directory::query::{DirectoryQuery, DirectoryResults};
    use leptos::{prelude::*, task::spawn_local, wasm_bindgen::JsCast, web_sys};

    /// Searches for what the form says (`go`, replacing the history entry or
    /// adding one) and for what Back and Forward bring; the typing handler.
    pub fn wire(
        query: RwSignal<DirectoryQuery>,
        results: RwSignal<DirectoryResults>,
        form: NodeRef<leptos::html::Form>,
        search_box: NodeRef<leptos::html::Input>,
    ) -> (
        impl Fn(bool) + Copy + 'static,
        impl Fn(leptos::ev::Event) + 'static,
    ) {
        // Only the answer to the latest search is shown, so a slow answer to
        // an older keystroke never replaces a newer one.
        let latest = StoredValue::new(0_u32);
        let search = move |q: DirectoryQuery| {
            let n = latest.get_value() + 1;
            latest.set_value(n);
            query.set(q.clone());
            spawn_local(async move {
                if let Ok(r) = search_mentors(q.query_string()).await {
                    if latest.get_value() == n {
                        let focused = document()
                            .active_element()
                            .map(|a| a.id())
                            .filter(|id| !id.is_empty());
                        results.set(r);
                        keep_focus(focused);
                    }
                }
            });
        };
        let go = move |replace: bool| {
            let Some(q) = form.get_untracked().and_then(|f| form_query(&f)) else {
                return;
            };
            if let Ok(history) = window().history() {
                let href = q.href();
                let state = leptos::wasm_bindgen::JsValue::NULL;
                let _ = if replace {
                    history.replace_state_with_url(&state, "", Some(&href))
                } else {
                    history.push_state_with_url(&state, "", Some(&href))
                };
            }
            search(q);
        };
        // Back and Forward: show the address's search, and its words unless
        // the member is typing.
        let moved = window_event_listener(leptos::ev::popstate, move |_| {
            let Ok(qs) = window().location().search() else {
                return;
            };
            let q = DirectoryQuery::parse(qs.trim_start_matches('?'));
            if let Some(input) = search_box.get_untracked() {
                let typing = document().active_element().is_some_and(|a| {
                    let a: &web_sys::Element = &a;
                    let i: &web_sys::Element = &input;
                    a == i
                });
                if !typing && input.value() != q.q {
                    input.set_value(&q.q);
                }
            }
            search(q);
        });
        // Back to a page the browser kept whole (its back/forward cache) shows that
        // page as it was left, whatever its address now says; load it afresh.
        let restored = window_event_listener(leptos::ev::pageshow, |ev| {
            if ev.persisted() {
                let _ = window().location().reload();
            }
        });
        on_cleanup(move || {
            moved.remove();
            restored.remove();
        });
        let pending = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
        let on_type = move |_: leptos::ev::Event| {
            // Replacing the pending timeout drops (cancels) it: only the last keystroke searches.
            pending.set_value(Some(gloo_timers::callback::Timeout::new(
                TYPE_AHEAD_MS,
                move || go(true),
            )));
        };
        (go, on_type)
    }

    /// New results re-render the filters with their new counts; keep keyboard
    /// focus on the control that had it when they arrived (`focused`), which
    /// need not be the one ticked: a keyboard user may have moved on. The
    /// re-render may reuse the focused node for another value, so compare ids
    /// rather than only checking that focus was lost.
    fn keep_focus(focused: Option<String>) {
        let Some(id) = focused else {
            return;
        };
        request_animation_frame(move || {
            let doc = document();
            let moved = doc.active_element().is_none_or(|a| a.id() != id);
            let control = doc
                .get_element_by_id(&id)
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
            if let (true, Some(control)) = (moved, control) {
                let _ = control.focus();
            }
        });
    }
}

#[component]
fn DirectoryBody(results: DirectoryResults, query: DirectoryQuery) -> impl IntoView {
    let sort = results.sort.unwrap_or(Sort::Fit);
    let pages = results.pages;
    let page = results.page;
    // English and Spanish agree that only 1 is singular; choosing here keeps
    // the plural rules (ICU data) out of the browser's download.
    let count = match results.total {
        0 => tr!(directory.search.none).to_string(),
        1 => tr!(directory.search.single).to_string(),
        n => tr!(directory.search.several, n = n).to_string(),
    };
    let facets = results.facets.clone();
    let capacity_count = results.capacity_count;
    let active: usize =
        query.filters.iter().map(|(_, v)| v.len()).sum::<usize>() + usize::from(query.capacity);
    let filters_summary = match active {
        0 => tr!(directory.search.filters).to_string(),
        n => tr!(directory.search.filters_active, n = n).to_string(),
    };
    view! {
        <div class="directory__layout">
            <aside class="directory__facets" aria-label=tr!(directory.search.filters_label)>
                // Folded away on phones so the results come first; always open on wide screens.
                <details class="filters">
                    <summary>{filters_summary}</summary>
                <div class="field">
                    <label for="sort">{tr!(directory.search.sort_by)}</label>
                    <select id="sort" name="sort">
                        {Sort::ALL.into_iter().map(|s| view! {
                            <option value=s.param() selected=s == sort prop:selected=s == sort>{s.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field field--check">
                    <input id="capacity" type="checkbox" name="capacity" value="1"
                        checked=query.capacity prop:checked=query.capacity/>
                    <label for="capacity">{tr!(directory.search.capacity, n = capacity_count).to_string()}</label>
                </div>
                {facets.into_iter().map(|g| view! { <FacetView group=g/> }).collect_view()}
                <button type="submit" class="button">{tr!(directory.search.apply)}</button>
                </details>
            </aside>
            <section class="directory__results" aria-label=tr!(directory.search.results_label)>
                // The cards' names are h3s: screen readers need the level between.
                <h2 class="visually-hidden">{tr!(directory.search.results)}</h2>
                <p class="directory__count" role="status">{count}</p>
                {results.notice.clone().map(|n| view! { <p class="notice">{n}</p> })}
                {(results.total == 0).then(|| view! { <EmptyState results=results.clone() query=query.clone()/> })}
                <ol class="mentor-list">
                    {results.cards.into_iter().map(|card| view! { <li><MentorCardView card/></li> }).collect_view()}
                </ol>
                {(pages > 1).then(|| view! {
                    <nav class="pager" aria-label=tr!(directory.search.pages)>
                        {(page > 1).then(|| view! { <a href=query.with_page(page - 1).href() rel="prev">{tr!(directory.search.previous)}</a> })}
                        <span>{tr!(directory.search.page_of, page = page, pages = pages).to_string()}</span>
                        {(page < pages).then(|| view! { <a href=query.with_page(page + 1).href() rel="next">{tr!(directory.search.next)}</a> })}
                    </nav>
                })}
            </section>
        </div>
    }
}

#[component]
fn EmptyState(results: DirectoryResults, query: DirectoryQuery) -> impl IntoView {
    if !query.has_filters() && query.q.trim().is_empty() {
        return view! { <p class="empty">{tr!(directory.search.nobody_yet)}</p> }.into_any();
    }
    view! {
        <div class="empty">
            <p>{tr!(directory.search.no_match)}</p>
            {results.loosen.into_iter().take(3).map(|l| view! {
                <p>
                    <a href=l.href>{tr!(directory.search.remove, what = l.what.clone()).to_string()}</a>
                    {match l.count {
                        1 => tr!(directory.search.to_see_single).to_string(),
                        n => tr!(directory.search.to_see_several, n = n).to_string(),
                    }}
                </p>
            }).collect_view()}
            <p><a href="/mentors">{tr!(directory.search.clear)}</a></p>
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
                view! { <p class="muted">{tr!(directory.search.none_here)}</p> }.into_any()
            } else {
                view! { <ul>{values.into_iter().map(item).collect_view()}</ul> }.into_any()
            }}
            {(rest_len > 0).then(|| view! {
                <details>
                    <summary>{tr!(directory.search.more, n = rest_len).to_string()}</summary>
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
        move || id.get(),
        |id| async move {
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
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => get_request_options(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Transition fallback=|| view! { <p class="muted">{tr!(directory.loading)}</p> }>
            {move || Suspend::new(async move {
                match mentor.await {
                    Ok(p) => {
                        let requests = requests.await.ok();
                        view! { <MentorProfile p shortlist requests unblock/> }.into_any()
                    }
                    Err(e) => failure(e, tr!(directory.sign_in_to_see_profiles)),
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
            tr!(directory.facts.works_at),
            p.institution
                .clone()
                .unwrap_or_else(|| tr!(directory.facts.not_shown).to_owned()),
        ),
        (
            tr!(directory.facts.library_type),
            p.library_type.label().to_owned(),
        ),
        (
            tr!(directory.facts.works_in),
            p.work_function.label().to_owned(),
        ),
        (
            tr!(directory.facts.career_stage),
            p.career_stage.label().to_owned(),
        ),
        (tr!(directory.facts.years), p.years_professional.to_string()),
        (
            tr!(directory.facts.based_in),
            crate::profiles::model::place(&p.region, &p.country),
        ),
        (tr!(directory.facts.time_zone), p.time_zone.clone()),
        (tr!(directory.facts.languages), p.languages.join(", ")),
        (
            tr!(directory.facts.meets_by),
            p.meeting_modes
                .iter()
                .map(|m| m.label())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (
            tr!(directory.facts.usually_replies),
            p.measured_reply
                .clone()
                .unwrap_or_else(|| p.reply_time.label().to_owned()),
        ),
        (tr!(directory.facts.interests), p.interests.join(", ")),
        (tr!(directory.facts.work_areas), p.work_areas.join(", ")),
        (tr!(directory.facts.affiliations), p.affiliations.join(", ")),
        (
            tr!(directory.facts.outside_work),
            p.non_work_interests.clone(),
        ),
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
            <ul class="chips" aria-label=tr!(directory.focus_offered_label)>
                {p.focus_offered.iter().map(|f| view! { <li class="chip">{f.label.clone()}</li> }).collect_view()}
            </ul>
            <div class="profile__bio" lang=p.written_in.code() inner_html=p.bio_html.clone()></div>
            <dl class="facts">
                {facts.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
            </dl>
            <div class="profile__actions">
                {if p.is_me {
                    view! { <a href="/me/profile" class="button">{tr!(directory.edit_my_profile)}</a> }.into_any()
                } else {
                    view! {
                        <ActionForm action=shortlist>
                            <input type="hidden" name="mentor_id" value=p.id/>
                            <input type="hidden" name="saved" value=(!p.shortlisted).to_string()/>
                            <input type="hidden" name="next" value=next/>
                            <button type="submit" class="button">
                                {if p.shortlisted {
                                    tr!(directory.remove_from_shortlist)
                                } else {
                                    tr!(directory.save_to_shortlist)
                                }}
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
        <Title text=tr!(directory.shortlist_title)/>
        <h1>{tr!(directory.shortlist_title)}</h1>
        <Transition fallback=|| view! { <p class="muted">{tr!(directory.loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(cards) if cards.is_empty() => view! {
                        <p class="empty">
                            {tr!(directory.shortlist_empty_before)}
                            <a href="/mentors">{tr!(directory.shortlist_empty_link)}</a>
                            {tr!(directory.shortlist_empty_after)}
                        </p>
                    }.into_any(),
                    Ok(cards) => view! {
                        <ol class="mentor-list">
                            {cards.into_iter().map(|card| view! { <li><MentorCardView card/></li> }).collect_view()}
                        </ol>
                    }.into_any(),
                    Err(e) => failure(e, tr!(directory.sign_in_to_see_shortlist)),
                }
            })}
        </Transition>
    }
}
