//! The tags and focus areas that fit a demo member's work.

use super::{
    places::{CA, US},
    words::{ASIAN_PACIFIC_LANGS, FOCUS_AREAS, INDIGENOUS_LANGS},
};
use app::profiles::model::{
    CareerStage, LibraryType, Profile, WorkFunction, AFFILIATION_SUGGESTIONS,
};
use rand::{rngs::StdRng, seq::SliceRandom, Rng};

/// Research interests and work areas typical of a function, where the
/// library it is done in changes the words.
#[rustfmt::skip]
pub(super) fn function_vocabulary(
    library: LibraryType,
    function: WorkFunction,
) -> (&'static [&'static str], &'static [&'static str]) {
    use LibraryType as L;
    use WorkFunction as W;
    match (library, function) {
        (L::Public, W::Instruction) => (
            &[
                "digital literacy", "adult literacy", "AI literacy", "digital equity",
                "lifelong learning", "older adult learners",
            ],
            &[
                "computer classes", "digital literacy workshops", "ESL classes",
                "citizenship classes", "one-on-one tech help", "Northstar assessments",
            ],
        ),
        (L::Public, W::Reference) => (
            &[
                "reader's advisory", "misinformation", "health literacy", "genealogy",
                "services for job seekers", "local history",
            ],
            &[
                "reader's advisory", "genealogy help", "chat reference", "job search help",
                "tax season help", "reference interviews", "local history questions",
            ],
        ),
        (L::Public, W::Collections) => (
            &[
                "collection development", "diverse collections", "weeding", "book challenges",
                "e-book licensing",
            ],
            &[
                "floating collections", "OverDrive", "hold ratios", "CREW method",
                "vendor negotiation", "weeding projects", "budget forecasting",
            ],
        ),
        (L::Public, W::Access) => (
            &[
                "fine-free policies", "privacy", "user experience", "accessibility",
                "library cards for all",
            ],
            &[
                "circulation policy", "self-checkout", "holds management", "library card sign-ups",
                "interlibrary loan", "automated materials handling",
            ],
        ),
        (L::School, W::Instruction) => (
            &[
                "information literacy", "inquiry-based learning", "digital citizenship",
                "AI literacy",
            ],
            &[
                "research skills lessons", "collaborative teaching", "Google Classroom",
                "NoodleTools",
            ],
        ),
        (L::School, W::Collections) => (
            &["diverse collections", "book challenges", "weeding", "reading promotion"],
            &[
                "Follett Destiny", "book fairs", "classroom libraries", "weeding projects",
                "collection audits",
            ],
        ),
        (L::School, W::Systems) => (
            &["digital citizenship", "student privacy", "educational technology"],
            &["Chromebook management", "Follett Destiny", "Google Workspace", "makerspace tech"],
        ),
        (_, W::Reference) => (
            &[
                "information literacy", "misinformation", "health literacy", "government documents",
                "genealogy", "user experience", "reference interviews",
            ],
            &[
                "chat reference", "research consultations", "LibGuides", "LibAnswers",
                "genealogy help", "reference desk scheduling", "virtual reference",
            ],
        ),
        (_, W::Instruction) => (
            &[
                "information literacy", "critical librarianship", "universal design for learning",
                "AI literacy", "assessment", "first-generation students", "OER", "ACRL Framework",
                "critical pedagogy",
            ],
            &[
                "one-shot sessions", "credit-bearing courses", "instructional design", "Canvas LMS",
                "H5P tutorials", "learning outcomes assessment", "teaching observations",
                "Twine tutorials", "active learning",
            ],
        ),
        (_, W::Cataloguing) => (
            &[
                "linked data", "metadata justice", "reparative description", "BIBFRAME",
                "authority control", "knowledge organization", "controlled vocabularies",
            ],
            &[
                "RDA", "MARC", "BIBFRAME", "OCLC Connexion", "Alma", "FOLIO",
                "Library of Congress Subject Headings", "Dublin Core", "MarcEdit", "OpenRefine",
                "Wikidata", "name authority records",
            ],
        ),
        (_, W::Systems) => (
            &[
                "user experience", "accessibility", "linked data", "privacy", "generative AI",
                "open source software", "library technology",
            ],
            &[
                "ILS migration", "Koha", "Evergreen", "Alma", "FOLIO", "EZproxy", "OpenAthens",
                "Python for librarians", "SQL", "Primo VE", "Drupal", "WordPress", "APIs",
                "Islandora", "Omeka", "Docker",
            ],
        ),
        (_, W::SpecialCollections) => (
            &[
                "archival description", "digital preservation", "community archives",
                "oral history", "reparative description", "web archiving", "born-digital records",
                "book history", "paleography", "provenance research",
            ],
            &[
                "ArchivesSpace", "finding aids", "EAD", "processing backlogs", "Archivematica",
                "BitCurator", "oral history interviews", "exhibit curation",
                "records retention schedules", "digitization workflows", "IIIF", "Preservica",
                "Omeka",
            ],
        ),
        (_, W::Youth) => (
            &[
                "early literacy", "children's literature", "young adult literature",
                "STEAM programming", "book challenges", "intellectual freedom", "neurodiversity",
                "bilingual storytime", "family literacy",
            ],
            &[
                "storytime", "summer reading", "teen advisory board", "sensory storytime",
                "Dungeons & Dragons club", "homework help", "school visits",
                "1000 Books Before Kindergarten", "book clubs", "Mock Caldecott",
                "Battle of the Books", "Lego club",
            ],
        ),
        (_, W::Collections) => (
            &[
                "collection development", "open access", "OER", "weeding", "diverse collections",
                "transformative agreements", "collection assessment",
            ],
            &[
                "vendor negotiation", "e-resource licensing", "COUNTER statistics",
                "approval plans", "demand-driven acquisition", "weeding projects",
                "Big Deal cancellations", "GOBI", "budget forecasting", "collection audits",
                "CREW method",
            ],
        ),
        (_, W::Access) => (
            &[
                "user experience", "accessibility", "privacy", "fine-free policies",
                "resource sharing", "student employment",
            ],
            &[
                "interlibrary loan", "ILLiad", "Tipasa", "course reserves", "circulation policy",
                "stacks maintenance", "student worker supervision", "controlled digital lending",
                "RapidILL", "self-checkout",
            ],
        ),
        (_, W::Leadership) => (
            &[
                "library leadership", "change management", "library advocacy", "strategic planning",
                "burnout and wellbeing", "organizational culture", "library labor",
            ],
            &[
                "strategic planning", "budgeting", "hiring committees", "staff development",
                "capital campaigns", "grant writing", "library board relations",
                "union negotiations", "facilities planning", "annual reports",
            ],
        ),
        (_, W::Outreach) => (
            &[
                "community engagement", "newcomer services", "adult literacy", "digital equity",
                "prison libraries", "social work in libraries", "veterans services",
                "library marketing",
            ],
            &[
                "bookmobile", "social media", "grant writing", "partnership building",
                "event planning", "ESL conversation circles", "library card campaigns", "Canva",
                "newsletters", "tech help drop-ins", "seed library",
            ],
        ),
        (_, W::Data) => (
            &[
                "research data management", "open science", "bibliometrics", "data visualization",
                "GIS", "text and data mining", "research impact", "systematic reviews",
                "reproducibility",
            ],
            &[
                "data management plans", "R", "Python for librarians", "Tableau", "QGIS", "ArcGIS",
                "ORCID", "institutional repositories", "DSpace", "Dataverse", "Jupyter notebooks",
                "VOSviewer", "citation analysis", "Carpentries workshops",
            ],
        ),
    }
}

/// Research interests and work areas typical of a kind of library.
#[rustfmt::skip]
pub(super) fn library_vocabulary(library: LibraryType) -> (&'static [&'static str], &'static [&'static str]) {
    use LibraryType as L;
    match library {
        L::Academic => (
            &[
                "scholarly communication", "open access", "OER", "first-generation students",
                "digital humanities",
            ],
            &[
                "faculty liaison work", "accreditation reports", "subject liaison work",
                "embedded librarianship", "institutional repositories",
            ],
        ),
        L::Public => (
            &[
                "reader's advisory", "makerspaces", "library of things", "fine-free policies",
                "community engagement", "digital equity",
            ],
            &[
                "adult programming", "reader's advisory", "library of things", "makerspace",
                "passport services",
            ],
        ),
        L::School => (
            &[
                "reading promotion", "book challenges", "digital citizenship", "AASL standards",
                "makerspaces",
            ],
            &[
                "collaborative teaching", "book fairs", "makerspace", "reading challenges",
                "Google Classroom",
            ],
        ),
        L::Special => (
            &[
                "knowledge management", "special collections", "corporate memory",
                "niche subject expertise",
            ],
            &[
                "current awareness", "intranet content", "records management",
            ],
        ),
        L::Archives => (
            &[
                "archival description", "community archives", "records management",
                "digital preservation",
            ],
            &[
                "ArchivesSpace", "records transfers", "reading room", "accession records",
            ],
        ),
        L::Medical => (
            &[
                "systematic reviews", "evidence-based practice", "health literacy",
                "consumer health",
            ],
            &["PubMed", "Covidence", "MeSH", "clinical rounds", "EndNote"],
        ),
        L::Law => (
            &[
                "legal research", "access to justice", "legislative history", "court records",
            ],
            &[
                "Westlaw", "Lexis", "pro se patrons", "legislative history", "citators",
            ],
        ),
        L::Government => (
            &[
                "government documents", "open government data", "legislative history",
                "public records",
            ],
            &[
                "FOIA requests", "depository collections", "legislative research", "GovInfo",
            ],
        ),
        L::Corporate => (
            &[
                "competitive intelligence", "knowledge management", "taxonomy design",
                "patent searching",
            ],
            &[
                "SharePoint", "patent searching", "market research databases",
                "taxonomy governance",
            ],
        ),
        L::Museum => (
            &[
                "provenance research", "material culture", "exhibition history",
                "art documentation",
            ],
            &[
                "exhibit curation", "PastPerfect", "collections management systems",
                "object records",
            ],
        ),
        L::LisEducation => (
            &[
                "LIS curriculum", "qualitative research", "library history", "information behavior",
                "information ethics",
            ],
            &[
                "course design", "practicum supervision", "thesis advising",
                "accreditation self-study",
            ],
        ),
    }
}

/// Up to four associations, caucuses and round tables that fit the member.
pub(super) fn affiliations(rng: &mut StdRng, p: &Profile) -> Vec<String> {
    use LibraryType as L;
    use WorkFunction as W;
    let us = p.country == US;
    let north_america = us || p.country == CA;
    let speaks = |list: &[&str]| p.languages.iter().any(|l| list.contains(&l.as_str()));
    let mut candidates: Vec<(String, u32)> = vec![(
        "ALA".to_owned(),
        if us {
            55
        } else if north_america {
            25
        } else {
            8
        },
    )];
    let mut add = |name: &str, chance: u32| candidates.push((name.to_owned(), chance));
    match p.library_type {
        L::Academic => add("ACRL", 55),
        L::Public => add("PLA", 50),
        L::School => add("AASL", 60),
        L::Medical => add("MLA", 60),
        L::Law => add("AALL", 65),
        L::Special | L::Corporate | L::Government => add("SLA", 45),
        L::Archives => add("SAA", 60),
        L::Museum => add("ARLIS/NA", 30),
        L::LisEducation => add("ALISE", 50),
    }
    match p.work_function {
        W::Youth => {
            add("ALSC", 35);
            add("YALSA", 30);
        }
        W::Reference => add("RUSA", 25),
        W::Cataloguing | W::Systems | W::Collections | W::Access => add("Core", 30),
        W::SpecialCollections => {
            add("SAA", 45);
            if p.library_type == L::Academic {
                add("ACRL Rare Books and Manuscripts Section", 20);
            }
        }
        W::Instruction if p.library_type == L::Academic => add("ACRL Instruction Section", 30),
        W::Instruction => add("Library Instruction Round Table", 20),
        W::Data => add("Research Data Alliance", 15),
        W::Outreach => add("Social Responsibilities Round Table", 15),
        W::Leadership => add("Core", 20),
    }
    if matches!(p.career_stage, CareerStage::Student | CareerStage::New) {
        add("ALA New Members Round Table", 30);
    }
    if north_america {
        add("REFORMA", if speaks(&["Spanish"]) { 25 } else { 3 });
        add("APALA", if speaks(ASIAN_PACIFIC_LANGS) { 20 } else { 3 });
        add(
            "CALA",
            if speaks(&["Mandarin", "Cantonese"]) {
                25
            } else {
                1
            },
        );
        add("AILA", if speaks(INDIGENOUS_LANGS) { 30 } else { 1 });
        add("BCALA", 4);
        add("GLBT Round Table", 6);
        if !p.region.is_empty() {
            add(&format!("{} Library Association", p.region), 30);
        }
    } else {
        add("IFLA", 10);
    }
    if let Some(national) = national_association(p.country.as_str()) {
        add(national, 45);
    }
    add(AFFILIATION_SUGGESTIONS.choose(rng).expect("non-empty"), 4);
    let mut out: Vec<String> = Vec::new();
    for (name, chance) in candidates {
        if rng.gen_range(0..100) < chance && !out.contains(&name) {
            out.push(name);
        }
    }
    out.truncate(4);
    out
}

fn national_association(country: &str) -> Option<&'static str> {
    Some(match country {
        "Canada" => "Canadian Federation of Library Associations",
        "United Kingdom" => "CILIP",
        "Ireland" => "Library Association of Ireland",
        "Australia" => "ALIA",
        "New Zealand" => "LIANZA",
        "Nigeria" => "Nigerian Library Association",
        "India" => "Indian Library Association",
        "Philippines" => "Philippine Librarians Association",
        "Mexico" => "AMBAC",
        "South Africa" => "LIASA",
        "Kenya" => "Kenya Library Association",
        "Ghana" => "Ghana Library Association",
        "Singapore" => "Library Association of Singapore",
        _ => return None,
    })
}

/// How likely each focus area is for this member, to offer or to seek.
pub(super) fn focus_weights(p: &Profile, offering: bool) -> Vec<(&'static str, u32)> {
    use CareerStage as S;
    use LibraryType as L;
    use WorkFunction as W;
    let mut weights: Vec<(&'static str, u32)> =
        FOCUS_AREAS.iter().map(|(slug, _)| (*slug, 2)).collect();
    let mut add = |slug: &str, by: u32| {
        if let Some(entry) = weights.iter_mut().find(|(s, _)| *s == slug) {
            entry.1 += by;
        }
    };
    match (offering, p.career_stage) {
        (true, S::Senior) => {
            add("leadership", 8);
            add("scholarship", 4);
            add("workplace", 3);
            add("career", 3);
        }
        (true, _) => {
            add("career", 5);
            add("conferences", 3);
            add("job_search", 3);
        }
        (false, S::Student) => {
            add("job_search", 8);
            add("career", 6);
            add("conferences", 3);
        }
        (false, S::New) => {
            add("career", 5);
            add("job_search", 3);
            add("workplace", 3);
            add("conferences", 2);
        }
        (false, S::Changer) => {
            add("career", 8);
            add("job_search", 6);
            add("technology", 2);
        }
        (false, _) => {
            add("leadership", 6);
            add("career", 3);
            add("scholarship", 2);
        }
    }
    match p.work_function {
        W::Systems => add("technology", 8),
        W::Data => {
            add("technology", 5);
            add("research", 4);
        }
        W::Instruction => add("teaching", 8),
        W::Leadership => {
            add("leadership", 8);
            add("workplace", 3);
        }
        W::Reference => {
            add("research", 3);
            add("teaching", 2);
        }
        W::SpecialCollections => {
            add("research", 2);
            add("scholarship", 2);
        }
        W::Cataloguing => add("technology", 3),
        W::Outreach => add("dei", 4),
        W::Youth => {
            add("teaching", 2);
            add("dei", 2);
        }
        W::Collections => add("scholarship", 2),
        W::Access => add("workplace", 3),
    }
    match p.library_type {
        L::Academic => {
            add("scholarship", 3);
            add("research", 2);
        }
        L::LisEducation => {
            add("research", 5);
            add("scholarship", 5);
            add("teaching", 3);
        }
        _ => {}
    }
    let caucus = ["REFORMA", "APALA", "BCALA", "CALA", "AILA"];
    if p.affiliations.iter().any(|a| caucus.contains(&a.as_str())) {
        add("dei", 6);
    }
    weights
}
