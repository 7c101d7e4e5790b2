//! The directory's state as it lives in the URL (`/mentors?q=…&focus=…`), and
//! the results it produces. Shared by server and browser.

use super::model::MentorCard;
use leptos_router::params::ParamsMap;
use serde::{Deserialize, Serialize};

pub const PAGE_SIZE: usize = 20;
/// The deepest page served; past it, narrowing the search helps more than paging.
pub const MAX_PAGE: usize = 500;

/// The facets one can filter by. Values combine with OR inside a facet and
/// with AND across facets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Facet {
    Focus,
    LibraryType,
    Function,
    Stage,
    Language,
    Mode,
    TimeZone,
    Region,
}

impl Facet {
    pub const ALL: [Facet; 8] = [
        Facet::Focus,
        Facet::LibraryType,
        Facet::Function,
        Facet::Stage,
        Facet::Language,
        Facet::Mode,
        Facet::TimeZone,
        Facet::Region,
    ];

    /// The query-string key.
    pub fn param(self) -> &'static str {
        match self {
            Facet::Focus => "focus",
            Facet::LibraryType => "library_type",
            Facet::Function => "function",
            Facet::Stage => "stage",
            Facet::Language => "language",
            Facet::Mode => "mode",
            Facet::TimeZone => "tz",
            Facet::Region => "region",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Facet::Focus => crate::tr!(directory.facet.focus),
            Facet::LibraryType => crate::tr!(directory.facet.library_type),
            Facet::Function => crate::tr!(directory.facet.function),
            Facet::Stage => crate::tr!(directory.facet.stage),
            Facet::Language => crate::tr!(directory.facet.language),
            Facet::Mode => crate::tr!(directory.facet.mode),
            Facet::TimeZone => crate::tr!(directory.facet.time_zone),
            Facet::Region => crate::tr!(directory.facet.region),
        }
    }

    /// A value's label in the reader's language, for the facets whose values
    /// are Carrel's own choices (the others are what members wrote).
    pub fn value_label(self, slug: &str) -> Option<&'static str> {
        use crate::profiles::model::{
            CareerStage, LibraryType, MeetingMode, TimeZoneBand, WorkFunction,
        };
        match self {
            Facet::LibraryType => LibraryType::from_slug(slug).map(LibraryType::label),
            Facet::Function => WorkFunction::from_slug(slug).map(WorkFunction::label),
            Facet::Stage => CareerStage::from_slug(slug).map(CareerStage::label),
            Facet::Mode => MeetingMode::from_slug(slug).map(MeetingMode::label),
            Facet::TimeZone => TimeZoneBand::from_slug(slug).map(TimeZoneBand::label),
            Facet::Focus | Facet::Language | Facet::Region => None,
        }
    }

    /// How an empty state names the filter ("remove the time-zone filter").
    pub fn filter_name(self) -> &'static str {
        match self {
            Facet::Focus => crate::tr!(directory.loosen.focus),
            Facet::LibraryType => crate::tr!(directory.loosen.library_type),
            Facet::Function => crate::tr!(directory.loosen.function),
            Facet::Stage => crate::tr!(directory.loosen.stage),
            Facet::Language => crate::tr!(directory.loosen.language),
            Facet::Mode => crate::tr!(directory.loosen.mode),
            Facet::TimeZone => crate::tr!(directory.loosen.time_zone),
            Facet::Region => crate::tr!(directory.loosen.region),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sort {
    /// Best fit for the signed-in member.
    Fit,
    Relevance,
    Recent,
    Name,
}

impl Sort {
    pub const ALL: [Sort; 4] = [Sort::Fit, Sort::Relevance, Sort::Recent, Sort::Name];

    pub fn param(self) -> &'static str {
        match self {
            Sort::Fit => "fit",
            Sort::Relevance => "relevance",
            Sort::Recent => "recent",
            Sort::Name => "name",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Sort::Fit => crate::tr!(directory.sort.fit),
            Sort::Relevance => crate::tr!(directory.sort.relevance),
            Sort::Recent => crate::tr!(directory.sort.recent),
            Sort::Name => crate::tr!(directory.sort.name),
        }
    }

    fn from_param(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.param() == s)
    }
}

/// Everything that decides which mentors a directory page shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DirectoryQuery {
    pub q: String,
    /// Selected values per facet, in `Facet::ALL` order.
    pub filters: Vec<(Facet, Vec<String>)>,
    pub capacity: bool,
    /// None: best fit.
    pub sort: Option<Sort>,
    /// 1-based.
    pub page: usize,
}

impl DirectoryQuery {
    /// Reads the URL's query; unknown keys and malformed values are ignored,
    /// so an old or hand-edited link still opens a sensible page.
    pub fn from_params(params: &ParamsMap) -> Self {
        let filters = Facet::ALL
            .into_iter()
            .filter_map(|f| {
                let mut values: Vec<String> = params
                    .get_all(f.param())
                    .unwrap_or_default()
                    .into_iter()
                    .map(|v| v.trim().to_owned())
                    .filter(|v| !v.is_empty() && v.len() <= 100)
                    .collect();
                values.sort();
                values.dedup();
                values.truncate(20);
                (!values.is_empty()).then_some((f, values))
            })
            .collect();
        Self {
            q: params
                .get("q")
                .map(|q| q.chars().take(200).collect())
                .unwrap_or_default(),
            filters,
            capacity: params.get("capacity").is_some_and(|v| !v.is_empty()),
            sort: params.get("sort").and_then(|s| Sort::from_param(&s)),
            page: params
                .get("page")
                .and_then(|p| p.parse().ok())
                .unwrap_or(1)
                .clamp(1, MAX_PAGE),
        }
    }

    pub fn selected(&self, facet: Facet) -> &[String] {
        self.filters
            .iter()
            .find(|(f, _)| *f == facet)
            .map_or(&[], |(_, v)| v.as_slice())
    }

    pub fn sort_or_default(&self) -> Sort {
        self.sort.unwrap_or(Sort::Fit)
    }

    pub fn has_filters(&self) -> bool {
        !self.filters.is_empty() || self.capacity
    }

    /// This query without one facet's filter.
    pub fn without(&self, facet: Facet) -> Self {
        Self {
            filters: self
                .filters
                .iter()
                .filter(|(f, _)| *f != facet)
                .cloned()
                .collect(),
            page: 1,
            ..self.clone()
        }
    }

    /// Reads a query string such as `q=open+access&focus=research`.
    pub fn parse(query_string: &str) -> Self {
        let mut params = ParamsMap::new();
        for (k, v) in form_urlencoded::parse(query_string.as_bytes()) {
            params.insert(k.into_owned(), v.into_owned());
        }
        Self::from_params(&params)
    }

    /// The page's address; defaults are left out so links stay short.
    pub fn href(&self) -> String {
        match self.query_string().as_str() {
            "" => "/mentors".to_owned(),
            qs => format!("/mentors?{qs}"),
        }
    }

    /// The query string of `href`, without the `?`.
    pub fn query_string(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.q.trim().is_empty() {
            pairs.push(("q", self.q.clone()));
        }
        for (facet, values) in &self.filters {
            pairs.extend(values.iter().map(|v| (facet.param(), v.clone())));
        }
        if self.capacity {
            pairs.push(("capacity", "1".to_owned()));
        }
        if let Some(sort) = self.sort {
            pairs.push(("sort", sort.param().to_owned()));
        }
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        let query: Vec<String> = pairs
            .into_iter()
            .map(|(k, v)| {
                format!(
                    "{k}={}",
                    form_urlencoded::byte_serialize(v.as_bytes()).collect::<String>()
                )
            })
            .collect();
        query.join("&")
    }

    pub fn with_page(&self, page: usize) -> Self {
        Self {
            page,
            ..self.clone()
        }
    }
}

/// One value of a facet with how many mentors it would show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCount {
    pub value: String,
    pub label: String,
    pub count: u64,
    pub selected: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetGroup {
    pub facet: Facet,
    pub values: Vec<FacetCount>,
}

/// A way out of an empty result: drop one filter (or the words) to see `count`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Loosen {
    pub what: String,
    pub href: String,
    pub count: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DirectoryResults {
    pub total: u64,
    pub cards: Vec<MentorCard>,
    pub facets: Vec<FacetGroup>,
    /// Mentors matching everything else who can take a mentee now.
    pub capacity_count: u64,
    pub page: usize,
    pub pages: usize,
    pub sort: Option<Sort>,
    /// Why best fit could not be used, if it could not.
    pub notice: Option<String>,
    pub loosen: Vec<Loosen>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> ParamsMap {
        let mut map = ParamsMap::new();
        for (k, v) in pairs {
            map.insert(k.to_string(), (*v).to_owned());
        }
        map
    }

    #[test]
    fn a_url_round_trips_through_the_query() {
        let p = params(&[
            ("q", "open access"),
            ("focus", "research"),
            ("focus", "leadership"),
            ("tz", "utc-6_-3"),
            ("sort", "name"),
            ("page", "3"),
            ("unknown", "x"),
        ]);
        let q = DirectoryQuery::from_params(&p);
        assert_eq!(q.selected(Facet::Focus), ["leadership", "research"]);
        assert_eq!(q.sort, Some(Sort::Name));
        assert_eq!(
            q.href(),
            "/mentors?q=open+access&focus=leadership&focus=research&tz=utc-6_-3&sort=name&page=3"
        );
        assert_eq!(
            q.without(Facet::Focus).href(),
            "/mentors?q=open+access&tz=utc-6_-3&sort=name"
        );
    }

    #[test]
    fn bad_values_fall_back_to_defaults() {
        let q = DirectoryQuery::from_params(&params(&[
            ("page", "-4"),
            ("sort", "chaos"),
            ("focus", " "),
        ]));
        assert_eq!(
            q,
            DirectoryQuery {
                page: 1,
                ..Default::default()
            }
        );
        let deep = DirectoryQuery::from_params(&params(&[("page", "99999")]));
        assert_eq!(deep.page, MAX_PAGE);
        assert_eq!(DirectoryQuery::default().href(), "/mentors");
        let q = DirectoryQuery::parse("q=caf%C3%A9+%26+co&language=Spanish&capacity=1");
        assert_eq!((q.q.as_str(), q.capacity), ("café & co", true));
        assert_eq!(DirectoryQuery::parse(&q.query_string()), q);
    }
}
