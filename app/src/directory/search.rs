//! Runs a directory query: words through the database's full-text index, then
//! filters, facet counts, sorting and the page through the in-memory index.

use super::{
    index::{Directory, Entry, State, TagKind},
    model::MentorCard,
    query::{
        DirectoryQuery, DirectoryResults, Facet, FacetCount, FacetGroup, Loosen, Sort, PAGE_SIZE,
    },
    text::TextQuery,
};
use crate::{
    db::{Backend, Db},
    error::AppError,
    profiles::model::Profile,
};
use roaring::RoaringBitmap;
use std::cmp::Reverse;

/// The query (and its one argument) for the ids whose indexed words match
/// `text`, optionally within one weight of column. The database returns them as
/// one comma-separated string: one row instead of thousands keeps common words
/// fast. Public for the benchmark, which shows its plan.
pub fn text_sql(backend: Backend, text: &TextQuery, column: Option<&str>) -> (String, String) {
    let query = text.to_backend(backend);
    match backend {
        Backend::Sqlite => (
            "SELECT group_concat(rowid) FROM mentor_search WHERE mentor_search MATCH $1".to_owned(),
            match column {
                Some(c) => format!("{{{c}}} : ({query})"),
                None => query,
            },
        ),
        Backend::Postgres => (
            format!(
                "SELECT string_agg(user_id::text, ',') FROM mentor_search
                 WHERE {} @@ to_tsquery('simple', $1)",
                column.unwrap_or("body")
            ),
            query,
        ),
    }
}

async fn text_matches(
    db: &Db,
    text: &TextQuery,
    column: Option<&str>,
) -> Result<RoaringBitmap, AppError> {
    let (sql, arg) = text_sql(db.backend(), text, column);
    let (ids,): (Option<String>,) = sqlx::query_as(&sql).bind(arg).fetch_one(db.pool()).await?;
    Ok(ids
        .unwrap_or_default()
        .split(',')
        .filter_map(|id| id.parse::<u32>().ok())
        .collect())
}

/// What the words matched, by weight: anywhere, in the name, in the position,
/// institution, tags or focus areas.
struct TextHits {
    all: RoaringBitmap,
    name: RoaringBitmap,
    high: RoaringBitmap,
}

impl TextHits {
    /// Relevance: a match in the name counts most, then the headline fields.
    fn tier(&self, id: u32) -> u8 {
        1 + 4 * u8::from(self.name.contains(id)) + 2 * u8::from(self.high.contains(id))
    }
}

/// The viewer's side of "best fit": their profile, and what each interned tag
/// of the index means to them, as a table indexed by tag (one lookup per tag).
pub struct Seeker {
    profile: Profile,
    kinds: Vec<Option<TagKind>>,
}

impl Seeker {
    pub fn new(profile: Profile, state: &State) -> Self {
        let i = &state.interner;
        let mut kinds = vec![None; i.names.len()];
        let mine = profile
            .focus_sought
            .iter()
            .map(|f| (TagKind::Focus, f))
            .chain(
                profile
                    .interests
                    .iter()
                    .chain(&profile.work_areas)
                    .map(|t| (TagKind::Interest, t)),
            )
            .chain(profile.languages.iter().map(|l| (TagKind::Language, l)));
        for (kind, name) in mine {
            if let Some(t) = i.get(kind, name) {
                kinds[t as usize] = Some(kind);
            }
        }
        Self { profile, kinds }
    }

    fn kind(&self, tag: u32) -> Option<TagKind> {
        self.kinds.get(tag as usize).copied().flatten()
    }

    /// The fit score of every mentor in `matched`, indexed by id: each kind of
    /// overlap is one bitmap, so the cost follows the overlaps, not the entries.
    pub fn scores(&self, state: &State, matched: &RoaringBitmap) -> Vec<u8> {
        let len = matched.max().map_or(0, |m| m as usize + 1);
        let mut score = vec![0u8; len];
        let mut interests = vec![0u8; len];
        let mut languages = RoaringBitmap::new();
        let add = |to: &mut [u8], ids: &RoaringBitmap, points: u8| {
            for id in ids & matched {
                let s = &mut to[id as usize];
                *s = s.saturating_add(points);
            }
        };
        for (tag, kind) in self
            .kinds
            .iter()
            .enumerate()
            .filter_map(|(t, k)| Some((t, (*k)?)))
        {
            let Some(ids) = u32::try_from(tag).ok().and_then(|t| state.by_tag.get(&t)) else {
                continue;
            };
            match kind {
                TagKind::Focus => add(&mut score, ids, 5),
                TagKind::Interest => add(&mut interests, ids, 1),
                TagKind::Language => languages |= ids,
            }
        }
        add(&mut score, &languages, 1);
        let p = &self.profile;
        let facet = |facet: Facet, key: &str| state.facets.get(&facet).and_then(|m| m.get(key));
        if let Some(v) = facet(Facet::LibraryType, p.library_type.slug()) {
            add(&mut score, &v.ids, 2);
        }
        if let Some(v) = facet(Facet::Function, p.work_function.slug()) {
            add(&mut score, &v.ids, 2);
        }
        for (offset, ids) in &state.by_offset {
            match (offset - p.utc_offset_minutes).abs() {
                0..=60 => add(&mut score, ids, 2),
                61..=180 => add(&mut score, ids, 1),
                _ => {}
            }
        }
        for (s, n) in score.iter_mut().zip(interests) {
            *s = s.saturating_add(2 * n.min(3));
        }
        score
    }

    /// One mentor's fit score, the way `scores` adds it up (kept to test it against).
    #[cfg(test)]
    pub fn score(&self, e: &Entry) -> u32 {
        let (mut focus, mut interests, mut languages) = (0, 0, 0);
        for t in &e.tags {
            match self.kind(*t) {
                Some(TagKind::Focus) => focus += 1,
                Some(TagKind::Interest) => interests += 1,
                Some(TagKind::Language) => languages += 1,
                None => {}
            }
        }
        let p = &self.profile;
        5 * focus
            + 2 * interests.min(3)
            + u32::from(languages > 0)
            + 2 * u32::from(e.library_type == p.library_type)
            + 2 * u32::from(e.work_function == p.work_function)
            + match (e.utc_offset - p.utc_offset_minutes).abs() {
                0..=60 => 2,
                61..=180 => 1,
                _ => 0,
            }
    }

    /// Why a mentor fits, in words, strongest first.
    pub fn reasons(&self, e: &Entry, state: &State) -> Vec<String> {
        let p = &self.profile;
        let shared = |kind: TagKind| -> Vec<&str> {
            e.tags
                .iter()
                .filter(|t| self.kind(**t) == Some(kind))
                .map(|t| state.interner.names[*t as usize].1.as_str())
                .collect()
        };
        let mut out = Vec::new();
        let focus_labels = state.facets.get(&Facet::Focus);
        let focus: Vec<String> = shared(TagKind::Focus)
            .into_iter()
            .map(|slug| {
                focus_labels
                    .and_then(|m| m.get(slug))
                    .map_or(slug, |v| v.label.as_str())
                    .to_lowercase()
            })
            .collect();
        if !focus.is_empty() {
            let focus = join_words(&focus);
            out.push(crate::tr!(directory.reasons.offers, focus = focus).to_string());
        }
        let interests: Vec<String> = shared(TagKind::Interest)
            .into_iter()
            .take(3)
            .map(str::to_owned)
            .collect();
        if !interests.is_empty() {
            let interests = join_words(&interests);
            out.push(
                crate::tr!(directory.reasons.shares_interest, interests = interests).to_string(),
            );
        }
        if e.library_type == p.library_type {
            let library_type = p.library_type.label().to_lowercase();
            out.push(
                crate::tr!(
                    directory.reasons.same_library_type,
                    library_type = library_type
                )
                .to_string(),
            );
        }
        if e.work_function == p.work_function {
            let work_function = p.work_function.label().to_lowercase();
            out.push(
                crate::tr!(
                    directory.reasons.same_work_function,
                    work_function = work_function
                )
                .to_string(),
            );
        }
        let languages: Vec<String> = shared(TagKind::Language)
            .into_iter()
            .filter(|l| !l.eq_ignore_ascii_case("english"))
            .map(str::to_owned)
            .collect();
        if !languages.is_empty() {
            let languages = join_words(&languages);
            out.push(crate::tr!(directory.reasons.speaks, languages = languages).to_string());
        }
        match (e.utc_offset - p.utc_offset_minutes).abs() {
            0 => out.push(crate::tr!(directory.reasons.same_time_zone).to_owned()),
            1..=180 => out.push(crate::tr!(directory.reasons.near_time_zone).to_owned()),
            _ => {}
        }
        out
    }
}

/// "a", "a and b", "a, b and c".
fn join_words(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => {
            let init = init.join(", ");
            crate::tr!(directory.and_list, init = init, last = last).to_string()
        }
    }
}

/// The mentors in the chosen values of one facet (OR), or None if unfiltered.
fn facet_filter(state: &State, facet: Facet, selected: &[String]) -> Option<RoaringBitmap> {
    if selected.is_empty() {
        return None;
    }
    let values = state.facets.get(&facet);
    let mut ids = RoaringBitmap::new();
    for key in selected {
        if let Some(v) = values.and_then(|m| m.get(&key.to_lowercase())) {
            ids |= &v.ids;
        }
    }
    Some(ids)
}

/// The mentors matching the words, every facet filter except `skip`'s, and the
/// capacity toggle if given.
fn combine(
    base: &RoaringBitmap,
    filters: &[(Facet, RoaringBitmap)],
    capacity: Option<&RoaringBitmap>,
    skip: Option<Facet>,
) -> RoaringBitmap {
    let mut ids = base.clone();
    for (facet, f) in filters {
        if Some(*facet) != skip {
            ids &= f;
        }
    }
    if let Some(c) = capacity {
        ids &= c;
    }
    ids
}

/// Runs one search for `viewer` (whose profile, if any, drives best fit).
pub async fn search(
    db: &Db,
    directory: &Directory,
    query: &DirectoryQuery,
    viewer: Option<Profile>,
) -> Result<DirectoryResults, AppError> {
    let text = TextQuery::parse(&query.q);
    let wants_relevance = query.sort == Some(Sort::Relevance);
    // The words' queries and the index's version check run side by side.
    let words = async {
        let Some(t) = &text else { return Ok(None) };
        let (all, name, high) = if wants_relevance {
            tokio::try_join!(
                text_matches(db, t, None),
                text_matches(db, t, Some("name")),
                text_matches(db, t, Some("high"))
            )?
        } else {
            (
                text_matches(db, t, None).await?,
                RoaringBitmap::new(),
                RoaringBitmap::new(),
            )
        };
        Ok::<_, AppError>(Some(TextHits { all, name, high }))
    };
    let (hits, state) = tokio::try_join!(words, directory.current(db))?;
    Ok(run(&state, query, hits.as_ref(), viewer))
}

fn run(
    state: &State,
    query: &DirectoryQuery,
    hits: Option<&TextHits>,
    viewer: Option<Profile>,
) -> DirectoryResults {
    let base = match hits {
        Some(h) => &state.all & &h.all,
        None => state.all.clone(),
    };
    let filters: Vec<(Facet, RoaringBitmap)> = Facet::ALL
        .into_iter()
        .filter_map(|f| facet_filter(state, f, query.selected(f)).map(|ids| (f, ids)))
        .collect();
    let capacity = query.capacity.then_some(&state.with_capacity);
    let matched = combine(&base, &filters, capacity, None);

    // Each facet counts with every filter but its own, so choosing a value
    // shows what the other values would add (OR within a facet).
    let facets = Facet::ALL
        .into_iter()
        .map(|facet| {
            let scope = combine(&base, &filters, capacity, Some(facet));
            let selected = query.selected(facet);
            let mut values: Vec<FacetCount> = state
                .facets
                .get(&facet)
                .into_iter()
                .flatten()
                .map(|(key, v)| FacetCount {
                    value: key.clone(),
                    label: facet
                        .value_label(key)
                        .map_or_else(|| v.label.clone(), str::to_owned),
                    count: scope.intersection_len(&v.ids),
                    selected: selected.iter().any(|s| s.eq_ignore_ascii_case(key)),
                })
                .filter(|c| c.count > 0 || c.selected)
                .collect();
            values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
            FacetGroup { facet, values }
        })
        .collect();
    let capacity_count =
        combine(&base, &filters, None, None).intersection_len(&state.with_capacity);

    let seeker = viewer.map(|p| Seeker::new(p, state));
    let (sort, notice) = match (query.sort_or_default(), &seeker, hits) {
        (Sort::Fit, None, _) => (
            Sort::Recent,
            Some(crate::tr!(directory.fill_in_profile_for_fit).to_owned()),
        ),
        (Sort::Relevance, _, None) => (Sort::Recent, None),
        (s, _, _) => (s, None),
    };

    let total = matched.len();
    let pages = usize::try_from(total)
        .unwrap_or(usize::MAX)
        .div_ceil(PAGE_SIZE)
        .max(1);
    let page = query.page.clamp(1, pages);
    let ids = page_ids(state, &matched, sort, seeker.as_ref(), hits, page);
    let cards = ids
        .into_iter()
        .filter_map(|id| state.entries.get(&id))
        .map(|e| MentorCard {
            reasons: match (&seeker, sort) {
                (Some(s), Sort::Fit) => s.reasons(e, state),
                _ => Vec::new(),
            },
            // The index keeps English; the reader gets their own language.
            library_type: e.library_type.label().to_owned(),
            work_function: e.work_function.label().to_owned(),
            ..e.card.clone()
        })
        .collect();

    let loosen = if total == 0 {
        loosen(state, query, &base, &filters, capacity, hits.is_some())
    } else {
        Vec::new()
    };
    DirectoryResults {
        total,
        cards,
        facets,
        capacity_count,
        page,
        pages,
        sort: Some(sort),
        notice,
        loosen,
    }
}

/// The ids on `page` in `sort` order; only the first `page × size` are ordered.
/// Each mentor's key packs its rank (high bits) over its recency (low bits),
/// read from arrays indexed by id, so ordering 40,000 mentors is one pass.
fn page_ids(
    state: &State,
    matched: &RoaringBitmap,
    sort: Sort,
    seeker: Option<&Seeker>,
    hits: Option<&TextHits>,
    page: usize,
) -> Vec<u32> {
    const RECENCY_BITS: u32 = 44;
    let end = page * PAGE_SIZE;
    let start = end - PAGE_SIZE;
    let recency = |id: u32| -> u64 {
        // Milliseconds since 1970 fit in 44 bits until 2527; newer sorts first.
        let at = state.last_active.get(id as usize).copied().unwrap_or(0);
        (1u64 << RECENCY_BITS) - 1 - u64::try_from(at).unwrap_or(0).min((1 << RECENCY_BITS) - 1)
    };
    let fit = seeker
        .filter(|_| sort == Sort::Fit)
        .map(|s| s.scores(state, matched));
    let mut keyed: Vec<(u64, u32)> = matched
        .iter()
        .map(|id| {
            let key = match sort {
                Sort::Fit => {
                    let score = fit.as_ref().map_or(0, |f| f[id as usize]);
                    (u64::from(u8::MAX - score) << RECENCY_BITS) | recency(id)
                }
                Sort::Relevance => {
                    let tier = hits.map_or(0, |h| h.tier(id));
                    (u64::from(u8::MAX - tier) << RECENCY_BITS) | recency(id)
                }
                Sort::Recent => recency(id),
                Sort::Name => u64::from(
                    state
                        .name_rank
                        .get(id as usize)
                        .copied()
                        .unwrap_or(u32::MAX),
                ),
            };
            (key, id)
        })
        .collect();
    if keyed.len() > end {
        keyed.select_nth_unstable(end);
        keyed.truncate(end);
    }
    keyed.sort_unstable();
    keyed.into_iter().skip(start).map(|(_, id)| id).collect()
}

/// For an empty result: which single filter (or the words) to drop, and what
/// that would show, most helpful first.
fn loosen(
    state: &State,
    query: &DirectoryQuery,
    base: &RoaringBitmap,
    filters: &[(Facet, RoaringBitmap)],
    capacity: Option<&RoaringBitmap>,
    has_text: bool,
) -> Vec<Loosen> {
    let mut out: Vec<Loosen> = filters
        .iter()
        .map(|(facet, _)| Loosen {
            what: facet.filter_name().to_owned(),
            href: query.without(*facet).href(),
            count: combine(base, filters, capacity, Some(*facet)).len(),
        })
        .collect();
    if capacity.is_some() {
        out.push(Loosen {
            what: crate::tr!(directory.loosen.capacity).to_owned(),
            href: DirectoryQuery {
                capacity: false,
                page: 1,
                ..query.clone()
            }
            .href(),
            count: combine(base, filters, None, None).len(),
        });
    }
    if has_text {
        out.push(Loosen {
            what: crate::tr!(directory.loosen.words, words = query.q.trim()).to_string(),
            href: DirectoryQuery {
                q: String::new(),
                page: 1,
                ..query.clone()
            }
            .href(),
            count: combine(&state.all, filters, capacity, None).len(),
        });
    }
    out.retain(|l| l.count > 0);
    out.sort_by_key(|l| Reverse(l.count));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profiles::model::{CareerStage, LibraryType, ReplyTime, WorkFunction};

    fn profile(name: &str, f: impl FnOnce(&mut Profile)) -> Profile {
        let mut p = Profile {
            display_name: name.to_owned(),
            pronouns: String::new(),
            position: "Librarian".to_owned(),
            institution: "Lakeshore College".to_owned(),
            institution_public: true,
            library_type: LibraryType::Academic,
            work_function: WorkFunction::Reference,
            career_stage: CareerStage::Mid,
            years_professional: 8,
            country: "Canada".to_owned(),
            region: String::new(),
            time_zone: "America/Winnipeg".to_owned(),
            utc_offset_minutes: -360,
            languages: vec!["English".to_owned()],
            interests: Vec::new(),
            work_areas: Vec::new(),
            affiliations: Vec::new(),
            bio: String::new(),
            non_work_interests: String::new(),
            open_to_mentoring: true,
            focus_offered: vec!["leadership".to_owned()],
            capacity: 1,
            meeting_modes: Vec::new(),
            reply_time: ReplyTime::Day,
            goals: String::new(),
            focus_sought: Vec::new(),
            written_in: crate::language::Lang::En,
        };
        f(&mut p);
        p
    }

    #[test]
    fn fit_scores_each_overlap_and_explains_it() {
        let state = State::of(vec![(
            1,
            profile("Ana", |p| {
                p.languages.push("Spanish".to_owned());
                p.interests = vec!["Open Access".to_owned(), "OER".to_owned()];
                p.focus_offered.push("research".to_owned());
                p.utc_offset_minutes = -300;
            }),
            0,
        )]);
        let me = profile("Me", |p| {
            p.focus_sought = vec!["research".to_owned(), "leadership".to_owned()];
            p.interests = vec!["open access".to_owned()];
            p.languages = vec!["spanish".to_owned()];
            p.work_function = WorkFunction::Systems;
        });
        let seeker = Seeker::new(me, &state);
        let ana = &state.entries[&1];
        let all = state.all.clone();
        assert_eq!(u32::from(seeker.scores(&state, &all)[1]), seeker.score(ana));
        // 2 focus areas × 5 + 1 interest × 2 + a language + library type 2 + within 1 h 2.
        assert_eq!(seeker.score(ana), 10 + 2 + 1 + 2 + 2);
        assert_eq!(
            seeker.reasons(ana, &state),
            vec![
                "offers leadership and research",
                "shares your interest in Open Access",
                "also in academic libraries",
                "speaks Spanish",
                "within 3 hours of your time zone",
            ]
        );
    }

    #[test]
    fn facets_count_or_within_and_across_and_pages_never_overlap() {
        let mut mentors = Vec::new();
        for i in 1..=45 {
            mentors.push((
                i,
                profile(&format!("Mentor {i:02}"), |p| {
                    if i % 3 == 0 {
                        p.library_type = LibraryType::Public;
                    }
                    if i % 5 == 0 {
                        p.languages.push("French".to_owned());
                    }
                }),
                i64::from(i),
            ));
        }
        let state = State::of(mentors);
        let q = DirectoryQuery::parse("library_type=public&language=french&sort=name");
        let r = run(&state, &q, None, None);
        assert_eq!(r.total, 3); // 15, 30, 45
        let count = |facet: Facet, value: &str| {
            r.facets
                .iter()
                .find(|g| g.facet == facet)
                .and_then(|g| g.values.iter().find(|v| v.value == value))
                .map(|v| v.count)
        };
        // Library type counts ignore the library-type filter but keep French.
        assert_eq!(count(Facet::LibraryType, "academic"), Some(6));
        assert_eq!(count(Facet::LibraryType, "public"), Some(3));
        assert_eq!(count(Facet::Language, "english"), Some(15));

        let name_order = |page: usize| {
            run(
                &state,
                &DirectoryQuery::parse(&format!("sort=name&page={page}")),
                None,
                None,
            )
            .cards
            .into_iter()
            .map(|c| c.display_name)
            .collect::<Vec<_>>()
        };
        let (p1, p2, p3) = (name_order(1), name_order(2), name_order(3));
        assert_eq!((p1.len(), p2.len(), p3.len()), (20, 20, 5));
        assert_eq!(p1[0], "Mentor 01");
        assert_eq!(p3[4], "Mentor 45");
        // Best fit adds bitmaps; it must agree with scoring each mentor alone.
        let seeker = Seeker::new(
            profile("Me", |p| p.languages = vec!["French".to_owned()]),
            &state,
        );
        let scores = seeker.scores(&state, &state.all);
        for (id, e) in &state.entries {
            assert_eq!(
                u32::from(scores[*id as usize]),
                seeker.score(e),
                "mentor {id}"
            );
        }
        let recent = run(&state, &DirectoryQuery::parse("sort=recent"), None, None);
        assert_eq!(recent.cards[0].display_name, "Mentor 45");
    }
}
