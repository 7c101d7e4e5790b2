//! Fictional demo members, generated deterministically from a seed so that
//! benchmarks and screenshots are repeatable. No real person's data: names,
//! institutions and bios are assembled from word lists.

use app::{
    accounts::{
        model::{DisplayName, Email, NewPassword, SiteRole},
        store::{create_user, hash_password, CreateUserError},
    },
    db::Db,
    mentorships::{
        assignment,
        model::State,
        store::{self as mentorships, Change, NewRequest},
    },
    messages::{hub::Hub, store as messages},
    profiles::{
        model::{
            CareerStage, LibraryType, MeetingMode, Profile, ReplyTime, WorkFunction,
            AFFILIATION_SUGGESTIONS, INTEREST_SUGGESTIONS, LANGUAGE_SUGGESTIONS,
        },
        store::{bump_version, standard_offset_minutes, write_profile},
    },
};
use rand::{rngs::StdRng, seq::SliceRandom, Rng, SeedableRng};
use std::collections::HashSet;

/// Every demo account signs in with this password (it is in the README).
pub const DEMO_PASSWORD: &str = "carrel-demo-password";
pub const DEMO_ADMIN_EMAIL: &str = "admin@carrel.example";

/// Members per transaction: large enough to be quick, small enough that a
/// 100,000-member seed neither holds one huge transaction nor loses much on failure.
const BATCH: usize = 500;
const PROGRESS_EVERY: usize = 10_000;

#[rustfmt::skip]
const FIRST_NAMES: &[&str] = &[
    "Ana", "Amara", "Beatriz", "Chen", "Dalia", "Darnell", "Elif", "Esperanza", "Farah", "Graciela",
    "Hana", "Imani", "Iris", "Jamal", "Joaquín", "Kalani", "Keiko", "Lucía", "Malik", "Mei",
    "Nadia", "Nkechi", "Omar", "Priya", "Quinn", "Rafael", "Rosa", "Samira", "Tariq", "Thandiwe",
    "Uma", "Valentina", "Wen", "Xochitl", "Yusuf", "Zainab", "Aiyana", "Bao", "Colette", "Desmond",
    "Eamon", "Fiona", "Gideon", "Harriet", "Ignacio", "Jolene", "Kwame", "Leilani", "Marisol",
    "Noor", "Adaeze", "Aarav", "Alejandro", "Anjali", "Astrid", "Ayşe", "Bridget", "Callum",
    "Camila", "Carmen", "Chidi", "Dev", "Diego", "Dmitri", "Ebony", "Elena", "Emeka", "Esther",
    "Fatima", "Florence", "Folake", "Gabriel", "Grace", "Gwen", "Hamza", "Hiroshi", "Ingrid",
    "Isabel", "Jae-won", "Jasmine", "Javier", "Jia", "Kavya", "Kenji", "Lakshmi", "Lars", "Layla",
    "Lena", "Lorenzo", "Mateo", "Maya", "Miriam", "Naledi", "Niamh", "Nikhil", "Olga", "Oluwaseun",
    "Paloma", "Pedro", "Ravi", "Rhiannon", "Rohan", "Ruth", "Sakura", "Santiago", "Seo-yeon",
    "Siobhan", "Soraya", "Sunita", "Tavita", "Teodora", "Tomás", "Wanjiru", "Ximena", "Yaw",
    "Yolanda", "Zeynep", "Zofia", "Ahanu", "Marguerite", "Bernadette", "Cyrus", "Declan", "Ezinne",
    "Hollis", "Juniper", "Lionel", "Minh", "Odette", "Percival", "Rosalind", "Sunny", "Winifred",
    "Amadou", "Linh", "Adebayo", "Agnieszka", "Alinta", "Anahí", "Arjun", "Aurelio", "Azadeh",
    "Benedikt", "Birgit", "Carys", "Chiamaka", "Cosmin", "Dagny", "Dilnoza", "Emeric", "Eun-ji",
    "Fernanda", "Giulia", "Hyun-woo", "Ilse", "Inés", "Jovita", "Kamau", "Kiri", "Laila", "Mahina",
    "Mariam", "Mirela", "Nasrin", "Njeri", "Oksana", "Pilar", "Ramona", "Reza", "Sekou", "Signe",
    "Tamar", "Tendai", "Thuy", "Ulises", "Vikram", "Wairimu", "Yara", "Zoltan", "Ngozi", "Orla",
    "Bashir",
];

#[rustfmt::skip]
const LAST_NAMES: &[&str] = &[
    "Abernathy", "Achebe", "Alvarado", "Bautista", "Brennan", "Castellanos", "Chowdhury", "Dubois",
    "Espinoza", "Fairweather", "Galloway", "Haddad", "Hollis", "Ibarra", "Jovanović", "Kamara",
    "Kowalczyk", "Laurent", "Lindqvist", "Mbeki", "Moreno", "Nakagawa", "Okafor", "Oyelaran",
    "Pemberton", "Quintero", "Rahimi", "Saldaña", "Takahashi", "Thornbury", "Underhill", "Valdivia",
    "Whitcombe", "Xiong", "Yamada", "Zelenko", "Arceneaux", "Bellweather", "Cordero", "Delacroix",
    "Adeyemi", "Agarwal", "Ashworth", "Banerjee", "Begay", "Blackwood", "Calloway", "Carrasco",
    "Chukwu", "Dlamini", "Donnelly", "Eriksen", "Ferreira", "Fitzgerald", "Gallagher", "García",
    "Goldberg", "Gonçalves", "Guzmán", "Hashemi", "Hernández", "Horvath", "Iwu", "Jaramillo",
    "Kapoor", "Kaur", "Kealoha", "Kiplagat", "Lachance", "Le", "Lindgren", "MacLeod", "Mahlangu",
    "Marchetti", "Mensah", "Mwangi", "Nair", "Nguyen", "Novak", "O'Sullivan", "Obi", "Ortega",
    "Park", "Patel", "Petrov", "Pham", "Ramírez", "Reyes", "Rossi", "Sandoval", "Santos",
    "Schreiber", "Shah", "Sithole", "Soto", "Stavros", "Tanaka", "Tran", "Tremblay", "Villanueva",
    "Wójcik", "Yazzie", "Zhang", "Zhou", "Ó Briain", "Fonoti", "Acosta", "Amoah", "Bergstrom",
    "Bhattacharya", "Castillo", "Chavez", "Cruz", "Dahl", "Diallo", "Eze", "Figueroa", "Gutierrez",
    "Halvorsen", "Hoang", "Ito", "Juarez", "Kang", "Kowalski", "Lam", "Lopez", "Mahmoud",
    "Martinez", "Mendoza", "Mukherjee", "Murphy", "Nwosu", "Ochieng", "Olsen", "Pereira", "Quispe",
    "Rasmussen", "Rivera", "Sato", "Silva", "Sokolova", "Suleiman", "Thompson", "Torres", "Vasquez",
    "Wang", "Watanabe", "Yilmaz", "Zapata", "Akhtar", "Boateng", "Fofanah", "Grünewald",
    "Łukasiewicz", "Nørgaard", "Ahmadi",
];

const DOMAINS: &[&str] = &[
    "example.edu",
    "example.org",
    "example.net",
    "library.example",
];

/// The focus areas the profiles migration seeds, and how a bio says them.
const FOCUS_AREAS: &[(&str, &str)] = &[
    ("scholarship", "scholarship and publishing"),
    ("leadership", "leadership"),
    ("career", "career development"),
    ("research", "research design"),
    ("teaching", "teaching"),
    ("technology", "library technology"),
    ("conferences", "navigating conferences"),
    ("job_search", "job searching and interviews"),
    ("workplace", "workplace challenges"),
    ("dei", "diversity, equity and inclusion"),
];

/// Where members work. The zone must be where that region keeps its clocks.
struct Place {
    country: &'static str,
    region: &'static str,
    zone: &'static str,
    weight: u32,
    /// Languages besides English people there often list, with a chance in percent.
    languages: &'static [(&'static str, u32)],
}

const fn at(
    country: &'static str,
    region: &'static str,
    zone: &'static str,
    weight: u32,
    languages: &'static [(&'static str, u32)],
) -> Place {
    Place {
        country,
        region,
        zone,
        weight,
        languages,
    }
}

const US: &str = "United States";
const CA: &str = "Canada";
const NY: &str = "America/New_York";
const CHI: &str = "America/Chicago";
const DEN: &str = "America/Denver";
const LA: &str = "America/Los_Angeles";
const US_LANGS: &[(&str, u32)] = &[
    ("Spanish", 12),
    ("Mandarin", 2),
    ("Korean", 2),
    ("Arabic", 2),
];
const HISPANIC_LANGS: &[(&str, u32)] = &[("Spanish", 30), ("Vietnamese", 3), ("Tagalog", 2)];

#[rustfmt::skip]
const PLACES: &[Place] = &[
    at(US, "California", LA, 12, &[("Spanish", 30), ("Mandarin", 5), ("Tagalog", 4), ("Vietnamese", 4), ("Korean", 3), ("Cantonese", 3)]),
    at(US, "Texas", CHI, 9, HISPANIC_LANGS),
    at(US, "Florida", NY, 6, &[("Spanish", 30), ("Haitian Creole", 4), ("Portuguese", 2)]),
    at(US, "New York", NY, 7, &[("Spanish", 18), ("Mandarin", 4), ("Cantonese", 3), ("Russian", 3), ("Haitian Creole", 2), ("Yiddish", 1)]),
    at(US, "Illinois", CHI, 5, &[("Spanish", 15), ("Polish", 3), ("Arabic", 2)]),
    at(US, "Pennsylvania", NY, 4, US_LANGS),
    at(US, "Ohio", NY, 4, US_LANGS),
    at(US, "Michigan", "America/Detroit", 3, &[("Arabic", 6), ("Spanish", 8)]),
    at(US, "Georgia", NY, 3, US_LANGS),
    at(US, "North Carolina", NY, 3, US_LANGS),
    at(US, "New Jersey", NY, 3, &[("Spanish", 18), ("Portuguese", 3), ("Korean", 3), ("Hindi", 3)]),
    at(US, "Virginia", NY, 3, US_LANGS),
    at(US, "Washington", LA, 3, &[("Spanish", 10), ("Vietnamese", 3), ("Somali", 2), ("Korean", 2)]),
    at(US, "Massachusetts", NY, 3, &[("Spanish", 12), ("Portuguese", 4), ("Haitian Creole", 3)]),
    at(US, "Arizona", "America/Phoenix", 3, &[("Spanish", 25), ("Navajo", 3)]),
    at(US, "Tennessee", CHI, 2, US_LANGS),
    at(US, "Indiana", "America/Indiana/Indianapolis", 2, US_LANGS),
    at(US, "Missouri", CHI, 2, US_LANGS),
    at(US, "Maryland", NY, 2, &[("Spanish", 12), ("Amharic", 2), ("Korean", 2)]),
    at(US, "Wisconsin", CHI, 2, &[("Spanish", 8), ("Hmong", 4), ("German", 2)]),
    at(US, "Colorado", DEN, 2, &[("Spanish", 15)]),
    at(US, "Minnesota", CHI, 2, &[("Spanish", 8), ("Somali", 4), ("Hmong", 4), ("Ojibwe", 1)]),
    at(US, "Oregon", LA, 2, &[("Spanish", 12), ("Vietnamese", 2)]),
    at(US, "District of Columbia", NY, 2, &[("Spanish", 12), ("Amharic", 3), ("French", 4)]),
    at(US, "South Carolina", NY, 1, US_LANGS),
    at(US, "Alabama", CHI, 1, US_LANGS),
    at(US, "Louisiana", CHI, 1, &[("French", 6), ("Spanish", 8), ("Vietnamese", 3)]),
    at(US, "Kentucky", NY, 1, US_LANGS),
    at(US, "Oklahoma", CHI, 1, &[("Spanish", 10), ("Cherokee", 2)]),
    at(US, "Connecticut", NY, 1, US_LANGS),
    at(US, "Utah", DEN, 1, &[("Spanish", 10), ("Portuguese", 3)]),
    at(US, "Iowa", CHI, 1, US_LANGS),
    at(US, "Nevada", LA, 1, &[("Spanish", 20), ("Tagalog", 5)]),
    at(US, "Kansas", CHI, 1, US_LANGS),
    at(US, "New Mexico", DEN, 1, &[("Spanish", 35), ("Navajo", 5)]),
    at(US, "Nebraska", CHI, 1, US_LANGS),
    at(US, "Idaho", "America/Boise", 1, US_LANGS),
    at(US, "Hawaii", "Pacific/Honolulu", 1, &[("Hawaiian", 8), ("Tagalog", 8), ("Japanese", 8), ("Ilocano", 3)]),
    at(US, "Alaska", "America/Anchorage", 1, &[("Yup'ik", 3), ("Tagalog", 4)]),
    at(US, "Maine", NY, 1, &[("French", 4)]),
    at(US, "Vermont", NY, 1, US_LANGS),
    at(US, "Montana", DEN, 1, &[("Blackfoot", 2)]),
    at(US, "Rhode Island", NY, 1, &[("Spanish", 12), ("Portuguese", 4)]),
    at(US, "Delaware", NY, 1, US_LANGS),
    at(US, "West Virginia", NY, 1, US_LANGS),
    at(US, "Mississippi", CHI, 1, US_LANGS),
    at(US, "Arkansas", CHI, 1, US_LANGS),
    at(US, "New Hampshire", NY, 1, US_LANGS),
    at(US, "North Dakota", CHI, 1, US_LANGS),
    at(US, "South Dakota", CHI, 1, &[("Lakota", 3)]),
    at(US, "Wyoming", DEN, 1, US_LANGS),
    at(US, "Puerto Rico", "America/Puerto_Rico", 1, &[("Spanish", 95)]),
    at(CA, "Ontario", "America/Toronto", 9, &[("French", 15), ("Mandarin", 4), ("Punjabi", 4), ("Cantonese", 3), ("Tagalog", 2), ("Arabic", 2)]),
    at(CA, "Quebec", "America/Toronto", 5, &[("French", 90), ("Arabic", 3), ("Spanish", 4)]),
    at(CA, "British Columbia", "America/Vancouver", 4, &[("French", 8), ("Mandarin", 6), ("Cantonese", 6), ("Punjabi", 5)]),
    at(CA, "Alberta", "America/Edmonton", 3, &[("French", 8), ("Tagalog", 4), ("Cree", 1)]),
    at(CA, "Manitoba", "America/Winnipeg", 1, &[("French", 10), ("Tagalog", 5), ("Ojibwe", 2)]),
    at(CA, "Saskatchewan", "America/Regina", 1, &[("French", 6), ("Cree", 3)]),
    at(CA, "Nova Scotia", "America/Halifax", 1, &[("French", 10), ("Mi'kmaq", 1)]),
    at(CA, "New Brunswick", "America/Moncton", 1, &[("French", 40)]),
    at(CA, "Newfoundland and Labrador", "America/St_Johns", 1, &[("French", 5)]),
    at("United Kingdom", "England", "Europe/London", 6, &[("French", 6), ("Urdu", 4), ("Polish", 3), ("Punjabi", 3)]),
    at("United Kingdom", "Scotland", "Europe/London", 2, &[("Scottish Gaelic", 4), ("French", 5)]),
    at("United Kingdom", "Wales", "Europe/London", 1, &[("Welsh", 35)]),
    at("United Kingdom", "Northern Ireland", "Europe/London", 1, &[("Irish", 6)]),
    at("Ireland", "Leinster", "Europe/Dublin", 1, &[("Irish", 20)]),
    at("Ireland", "Munster", "Europe/Dublin", 1, &[("Irish", 20)]),
    at("Mexico", "Ciudad de México", "America/Mexico_City", 2, &[("Spanish", 100), ("Nahuatl", 3)]),
    at("Mexico", "Jalisco", "America/Mexico_City", 1, &[("Spanish", 100)]),
    at("Mexico", "Nuevo León", "America/Monterrey", 1, &[("Spanish", 100)]),
    at("Mexico", "Yucatán", "America/Merida", 1, &[("Spanish", 100), ("Yucatec Maya", 8)]),
    at("Nigeria", "Lagos", "Africa/Lagos", 2, &[("Yoruba", 65), ("Igbo", 15), ("Hausa", 5)]),
    at("Nigeria", "Oyo", "Africa/Lagos", 1, &[("Yoruba", 80)]),
    at("Nigeria", "Federal Capital Territory", "Africa/Lagos", 1, &[("Hausa", 40), ("Yoruba", 20), ("Igbo", 15)]),
    at("Nigeria", "Enugu", "Africa/Lagos", 1, &[("Igbo", 80)]),
    at("India", "Maharashtra", "Asia/Kolkata", 1, &[("Marathi", 70), ("Hindi", 60)]),
    at("India", "Karnataka", "Asia/Kolkata", 1, &[("Kannada", 70), ("Hindi", 40)]),
    at("India", "Delhi", "Asia/Kolkata", 1, &[("Hindi", 90), ("Punjabi", 15), ("Urdu", 15)]),
    at("India", "Tamil Nadu", "Asia/Kolkata", 1, &[("Tamil", 85), ("Hindi", 20)]),
    at("Philippines", "Metro Manila", "Asia/Manila", 2, &[("Tagalog", 90)]),
    at("Philippines", "Cebu", "Asia/Manila", 1, &[("Cebuano", 80), ("Tagalog", 60)]),
    at("Australia", "New South Wales", "Australia/Sydney", 2, &[("Mandarin", 4), ("Arabic", 3), ("Vietnamese", 3)]),
    at("Australia", "Victoria", "Australia/Melbourne", 2, &[("Greek", 3), ("Italian", 3), ("Mandarin", 4)]),
    at("Australia", "Queensland", "Australia/Brisbane", 1, &[("Mandarin", 2)]),
    at("Australia", "Western Australia", "Australia/Perth", 1, &[("Mandarin", 2)]),
    at("New Zealand", "Auckland", "Pacific/Auckland", 1, &[("Māori", 10), ("Samoan", 5)]),
    at("New Zealand", "Wellington", "Pacific/Auckland", 1, &[("Māori", 12)]),
    at("Kenya", "Nairobi", "Africa/Nairobi", 1, &[("Swahili", 85)]),
    at("South Africa", "Gauteng", "Africa/Johannesburg", 1, &[("Zulu", 35), ("Afrikaans", 25), ("Sesotho", 15)]),
    at("South Africa", "Western Cape", "Africa/Johannesburg", 1, &[("Afrikaans", 45), ("isiXhosa", 30)]),
    at("Ghana", "Greater Accra", "Africa/Accra", 1, &[("Twi", 60), ("Ga", 20)]),
    at("Jamaica", "Kingston", "America/Jamaica", 1, &[("Jamaican Patois", 40)]),
    at("Singapore", "", "Asia/Singapore", 1, &[("Mandarin", 50), ("Malay", 30), ("Tamil", 15)]),
    at("Germany", "Berlin", "Europe/Berlin", 1, &[("German", 100), ("Turkish", 5)]),
    at("Brazil", "São Paulo", "America/Sao_Paulo", 1, &[("Portuguese", 100)]),
    at("Colombia", "Bogotá", "America/Bogota", 1, &[("Spanish", 100)]),
    at("Japan", "Tokyo", "Asia/Tokyo", 1, &[("Japanese", 100)]),
    at("United Arab Emirates", "Dubai", "Asia/Dubai", 1, &[("Arabic", 60), ("Hindi", 20), ("Urdu", 15), ("Malayalam", 10)]),
];

/// Languages a caucus serves, so that affiliations follow what members speak.
#[rustfmt::skip]
const ASIAN_PACIFIC_LANGS: &[&str] = &[
    "Mandarin", "Cantonese", "Tagalog", "Korean", "Vietnamese", "Japanese", "Hindi", "Punjabi",
    "Hmong", "Ilocano", "Samoan", "Hawaiian",
];
#[rustfmt::skip]
const INDIGENOUS_LANGS: &[&str] = &[
    "Navajo", "Cherokee", "Ojibwe", "Cree", "Yup'ik", "Lakota", "Blackfoot", "Mi'kmaq",
];

/// Town names are two halves, so that hundreds of institutions are distinct.
#[rustfmt::skip]
const TOWN_STARTS: &[&str] = &[
    "Lake", "River", "Cedar", "Maple", "Pine", "Oak", "Willow", "Stone", "Iron", "Silver", "Red",
    "Green", "North", "South", "East", "West", "Clear", "Fox", "Elk", "Heron", "Prairie",
    "Juniper", "Aspen", "Copper", "Granite", "Bay", "Sun", "Mill", "Spring", "Ash", "Birch",
    "Hazel", "Raven", "Wolf", "Deer", "Glen", "Bright", "Fair", "High", "Long",
];
#[rustfmt::skip]
const TOWN_ENDS: &[&str] = &[
    "field", "dale", "brook", "wood", "ford", "ton", "view", "side", "haven", "ridge", "bend",
    "port", "crest", "mont", "shore", "vale", "wick", " Valley", " Falls", " Springs", " Hollow",
    " Point", " Harbor", " Heights", " Crossing", " City",
];
#[rustfmt::skip]
const MUSEUM_THEMES: &[&str] = &[
    "Prairie", "Maritime", "Railroad", "Textile", "Mining", "Coastal", "Immigration", "Labor",
    "Aviation", "Agricultural", "Jazz", "Borderlands",
];
#[rustfmt::skip]
const SUBJECTS: &[&str] = &[
    "History", "Engineering", "Nursing", "Chemistry", "Music", "Latin American Studies", "Business",
    "Education", "Psychology", "Fine Arts", "Political Science", "Biology", "Social Work",
    "African American Studies", "Mathematics", "Film Studies",
];

/// Earlier careers of people who came to libraries later.
#[rustfmt::skip]
const PRIOR_CAREERS: &[&str] = &[
    "a high-school teacher", "a software developer", "a newspaper reporter", "a paralegal",
    "a nurse", "a museum educator", "a bookseller", "a social worker", "an accountant",
    "a park ranger", "a line cook", "a graphic designer", "a logistics officer in the army",
    "a translator", "a lab technician", "a wedding photographer",
];

/// Narrow topics, so that search has rare words to find.
#[rustfmt::skip]
const RARE_TOPICS: &[&str] = &[
    "palimpsests", "incunabula", "marginalia in schoolbooks", "fore-edge paintings",
    "Esperanto periodicals", "microfiche readers", "cyanotype printing", "letterpress printing",
    "card catalog ephemera", "bookplates", "herbarium specimens", "Sanborn fire insurance maps",
    "WPA guidebooks", "chapbooks", "lantern slides", "stereographs", "daguerreotypes",
    "Linotype machines", "papyrology", "the Cutter Expansive Classification",
    "Ranganathan's colon classification", "the Mundaneum", "SKOS vocabularies", "XSLT crosswalks",
    "SPARQL queries", "regular expressions", "Zotero translators", "Wikibase", "Tesseract OCR",
    "handwritten text recognition", "Transkribus", "OpenRefine reconciliation", "LOCKSS",
    "BagIt fixity checks", "PREMIS", "FRBR", "seed libraries", "bookmobile history",
    "pulp magazines", "trade catalogs", "whaling logbooks", "telegraph codebooks",
    "knitting pattern archives", "railway timetables", "comic book preservation",
    "shape-note hymnals",
];

#[rustfmt::skip]
const HOBBIES: &[&str] = &[
    "birding", "sourdough", "community choir", "trail running", "knitting", "board games",
    "gardening", "roller derby", "pottery", "rock climbing", "jigsaw puzzles", "film photography",
    "cycling", "fostering cats", "salsa dancing", "canoeing", "crossword puzzles", "beekeeping",
    "ukulele", "quilting", "amateur astronomy", "tabletop role-playing games", "hiking with my dog",
    "open-water swimming", "mystery novels", "science fiction",
    "volunteering at the animal shelter", "cooking Sichuan food", "learning Portuguese",
    "embroidery", "chess", "mushroom foraging", "urban sketching", "marathon training",
    "woodworking", "kayaking", "karaoke", "cricket", "curling", "gospel choir", "capoeira",
    "taiko drumming", "restoring old bicycles",
];

/// Research interests anyone might list, beyond the form's suggestions.
#[rustfmt::skip]
const GENERAL_INTERESTS: &[&str] = &[
    "zine collections", "OER", "makerspaces", "bibliometrics", "library advocacy", "misinformation",
    "indigenous knowledge", "rural libraries", "library history", "comics and graphic novels",
    "games in libraries", "privacy", "intellectual freedom", "burnout and wellbeing",
    "trauma-informed librarianship", "universal design for learning", "citation justice",
    "AI literacy", "generative AI", "oral history", "community archives", "sustainability",
    "climate literacy", "health literacy", "prison libraries", "adult literacy", "digital equity",
    "library labor", "project management", "library space design", "open science",
    "digital scholarship",
];

#[rustfmt::skip]
const GENERAL_WORK: &[&str] = &[
    "committee work", "project management", "student worker supervision", "grant writing",
    "assessment", "social media", "staff training", "policy writing", "spreadsheets",
    "event planning", "accessibility audits", "usability testing", "statistics and reporting",
];

/// What students list as work while they study.
#[rustfmt::skip]
const STUDENT_WORK: &[&str] = &[
    "coursework", "practicum", "capstone project", "graduate assistantship",
    "student chapter of ALA", "e-portfolio", "reference desk shifts", "digitization project",
];

/// Creates the admin and `count` members, committing every `BATCH` members;
/// returns how many were new. Emails that exist already are skipped, so a
/// second run with the same seed adds nothing.
pub async fn seed(db: &Db, count: usize, seed: u64) -> anyhow::Result<usize> {
    let hash = hash_password(&NewPassword::parse(DEMO_PASSWORD, &[]).map_err(anyhow::Error::msg)?)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    // A failed INSERT would abort a PostgreSQL transaction, so look first.
    let existing: HashSet<String> = sqlx::query_as::<_, (String,)>("SELECT email FROM users")
        .fetch_all(db.pool())
        .await?
        .into_iter()
        .map(|(e,)| e)
        .collect();
    let mut added = 0;
    let admin = Email::parse(DEMO_ADMIN_EMAIL).map_err(anyhow::Error::msg)?;
    if !existing.contains(admin.as_str()) {
        let name = DisplayName::parse("Carrel Administrator").map_err(anyhow::Error::msg)?;
        add_user(db.pool(), &admin, &name, &hash, SiteRole::Admin).await?;
        added += 1;
    }

    let mut rng = StdRng::seed_from_u64(seed);
    for start in (0..count).step_by(BATCH) {
        let end = (start + BATCH).min(count);
        let mut tx = db.pool().begin().await?;
        // Bumped only once the batch has something new, so a re-run changes nothing.
        let mut batch_version = None;
        for i in start..end {
            // Drawn even for members that exist, so everyone after them stays the same.
            let (name, email) = demo_person(&mut rng, i);
            let profile = demo_profile(&mut rng, &name);
            let email = Email::parse(&email).map_err(anyhow::Error::msg)?;
            if existing.contains(email.as_str()) {
                continue;
            }
            let name = DisplayName::parse(&name).map_err(anyhow::Error::msg)?;
            let user = add_user(&mut *tx, &email, &name, &hash, SiteRole::Member).await?;
            let version = match batch_version {
                Some(v) => v,
                None => *batch_version.insert(bump_version(&mut tx).await?),
            };
            write_profile(&mut tx, db.backend(), user, &profile, version).await?;
            added += 1;
        }
        tx.commit().await?;
        if end.is_multiple_of(PROGRESS_EVERY) {
            tracing::info!(done = end, of = count, "seeding demo members");
        }
    }
    Ok(added)
}

/// Gives the demo some mentoring to look at: members who seek a focus area
/// ask a mentor who offers it, through the same rules as the app (so capacity
/// and one mentor per focus hold), and about two in three are accepted; six
/// more ask a coordinator. Returns how many requests were made.
pub async fn seed_mentorships(
    db: &Db,
    hub: &Hub,
    pairs: usize,
    seed: u64,
) -> anyhow::Result<usize> {
    let tags: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT t.user_id, t.kind, t.value FROM profile_tags t JOIN profiles p ON p.user_id = t.user_id
         WHERE t.kind IN ('focus_sought', 'focus_offered') AND (t.kind = 'focus_sought' OR p.open_to_mentoring = 1)
         ORDER BY t.user_id, t.kind, t.value",
    )
    .fetch_all(db.pool())
    .await?;
    let areas = app::profiles::store::focus_areas(db)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let seekers: Vec<(i64, String)> = tags
        .iter()
        .filter(|t| t.1 == "focus_sought")
        .map(|t| (t.0, t.2.clone()))
        .collect();
    let mut rng = StdRng::seed_from_u64(seed);
    let now = app::db::now_ms();
    let mut made = 0;
    for _ in 0..pairs * 3 {
        if made == pairs || seekers.is_empty() {
            break;
        }
        let (mentee, focus) = &seekers[rng.gen_range(0..seekers.len())];
        let offering: Vec<i64> = tags
            .iter()
            .filter(|t| t.1 == "focus_offered" && &t.2 == focus && t.0 != *mentee)
            .map(|t| t.0)
            .collect();
        let (Some(area), false) = (areas.iter().find(|a| &a.slug == focus), offering.is_empty())
        else {
            continue;
        };
        let mentor = offering[rng.gen_range(0..offering.len())];
        let message = format!(
            "I would value your guidance in {}: a conversation a month, and help setting goals for the year.",
            area.label.to_lowercase()
        );
        let request = NewRequest {
            mentee_id: *mentee,
            mentor_id: mentor,
            focus: area,
            message: &message,
            assigned_by: None,
        };
        // Refusals (a full mentor, a focus already covered) are the rules working; skip those.
        let requested_at = now - rng.gen_range(2..12) * 86_400_000;
        let Ok(id) = mentorships::request(db, request, requested_at).await else {
            continue;
        };
        made += 1;
        if rng.gen_ratio(2, 3) {
            let change = Change {
                to: State::Accepted,
                reason: None,
                note: "",
            };
            let accepted_at = requested_at + rng.gen_range(2..40) * 3_600_000;
            if mentorships::change_state(db, mentor, id, change, accepted_at)
                .await
                .is_ok()
            {
                converse(
                    db,
                    hub,
                    &mut rng,
                    id,
                    mentor,
                    *mentee,
                    &area.label,
                    accepted_at,
                )
                .await?;
            }
        }
    }
    // A few mentees ask a coordinator instead, so the queue has work in it.
    let mut queued = 0;
    for (mentee, focus) in seekers.iter().rev() {
        if queued == 6 {
            break;
        }
        let Some(area) = areas.iter().find(|a| &a.slug == focus) else {
            continue;
        };
        if assignment::ask(db, *mentee, area, "", None, now)
            .await
            .is_ok()
        {
            queued += 1;
        }
    }
    Ok(made)
}

/// A few messages between a new pair, written over the days after `from`: the
/// mentor opens, as the programs ask, and the mentee answers.
async fn converse(
    db: &Db,
    hub: &Hub,
    rng: &mut StdRng,
    id: i64,
    mentor: i64,
    mentee: i64,
    focus: &str,
    from: i64,
) -> anyhow::Result<()> {
    let hour = 3_600_000;
    let focus = focus.to_lowercase();
    let lines = [
        (mentor, format!("Hello! Thank you for asking me about {focus}. I'm glad to help. Could you tell me where you are now and what you'd like to have done by the spring?")),
        (mentee, "Thank you for saying yes. I've been in my post for two years and I'd like a plan for the next step. Would a video call every few weeks suit you?".to_owned()),
        (mentor, "Every few weeks suits me. Before our first call, could you jot down:\n\n- two things that went well this year\n- one thing you'd like to change\n\nNo need to polish it.".to_owned()),
        (mentee, "Will do. I'll send it by *Friday*.".to_owned()),
    ];
    let count = rng.gen_range(1..=lines.len());
    let mut at = from;
    for (i, (sender, body)) in lines.into_iter().take(count).enumerate() {
        at += rng.gen_range(2..30) * hour;
        if at >= app::db::now_ms() {
            break;
        }
        messages::send(db, hub, sender, id, &body, &format!("demo-{id}-{i:04}"), at)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    Ok(())
}

/// Creates one account and returns its id.
async fn add_user<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    email: &Email,
    name: &DisplayName,
    hash: &str,
    role: SiteRole,
) -> anyhow::Result<i64> {
    match create_user(db, email, name, hash, role).await {
        Ok(user) => Ok(user.id),
        Err(CreateUserError::EmailTaken) => {
            anyhow::bail!("demo email {} is taken twice", email.as_str())
        }
        Err(CreateUserError::Db(e)) => Err(e.into()),
    }
}

/// True when the database has no members yet: a first start.
pub async fn is_empty(db: &Db) -> anyhow::Result<bool> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
        .fetch_one(db.pool())
        .await?;
    Ok(n == 0)
}

/// The `i`th member's name and email; `i` in the address keeps emails unique.
fn demo_person(rng: &mut StdRng, i: usize) -> (String, String) {
    let first = FIRST_NAMES.choose(rng).expect("non-empty");
    let last = LAST_NAMES.choose(rng).expect("non-empty");
    let name = match rng.gen_range(0..100) {
        0..=7 => {
            let other = LAST_NAMES.choose(rng).expect("non-empty");
            if other == last {
                format!("{first} {last}")
            } else {
                format!("{first} {last}-{other}")
            }
        }
        8..=19 => format!("{first} {}. {last}", char::from(rng.gen_range(b'A'..=b'Z'))),
        _ => format!("{first} {last}"),
    };
    let domain = DOMAINS.choose(rng).expect("non-empty");
    let local: Vec<String> = name.split_whitespace().map(ascii_fold).collect();
    (name, format!("{}{i}@{domain}", local.join(".")))
}

/// Lower-case ASCII letters, digits and hyphens of a word, accents dropped,
/// for email addresses and link paths.
fn ascii_fold(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            'a'..='z' | '0'..='9' | '-' => Some(c),
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => Some('a'),
            'é' | 'è' | 'ê' | 'ë' | 'ē' => Some('e'),
            'í' | 'ì' | 'î' | 'ï' | 'ī' => Some('i'),
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' => Some('o'),
            'ú' | 'ù' | 'û' | 'ü' | 'ū' => Some('u'),
            'ñ' | 'ń' => Some('n'),
            'ç' | 'ć' | 'č' => Some('c'),
            'š' | 'ś' | 'ş' => Some('s'),
            'ž' | 'ź' | 'ż' => Some('z'),
            'ł' => Some('l'),
            'ğ' => Some('g'),
            _ => None,
        })
        .collect()
}

/// One member's whole profile. Everything comes from `rng`, so a seed always
/// gives the same people.
fn demo_profile(rng: &mut StdRng, name: &str) -> Profile {
    let career_stage = pick(
        rng,
        &[
            (CareerStage::Student, 12),
            (CareerStage::New, 22),
            (CareerStage::Mid, 33),
            (CareerStage::Senior, 23),
            (CareerStage::Changer, 10),
        ],
    );
    let library_type = pick(rng, library_types(career_stage));
    let work_function = pick(rng, work_functions(library_type));
    let years_professional = match career_stage {
        CareerStage::Student => 0,
        CareerStage::New => rng.gen_range(0..=4),
        CareerStage::Mid => rng.gen_range(5..=15),
        CareerStage::Senior => rng.gen_range(15..=35),
        CareerStage::Changer => rng.gen_range(0..=6),
    };
    let place = PLACES
        .choose_weighted(rng, |p| p.weight)
        .expect("positive weights");
    let open_to_mentoring = rng.gen_bool(match career_stage {
        CareerStage::Student => 0.02,
        CareerStage::New => 0.15,
        CareerStage::Mid => 0.6,
        CareerStage::Senior => 0.8,
        CareerStage::Changer => 0.1,
    });
    let pronouns = if rng.gen_bool(0.5) {
        pick(
            rng,
            &[
                ("she/her", 45),
                ("he/him", 35),
                ("they/them", 12),
                ("she/they", 4),
                ("he/they", 3),
                ("ze/zir", 1),
            ],
        )
    } else {
        ""
    };
    let mut p = Profile {
        display_name: name.to_owned(),
        pronouns: pronouns.to_owned(),
        position: position(rng, library_type, work_function, career_stage),
        institution: institution(rng, library_type, career_stage),
        institution_public: rng.gen_bool(0.9),
        library_type,
        work_function,
        career_stage,
        years_professional,
        country: place.country.to_owned(),
        region: place.region.to_owned(),
        time_zone: place.zone.to_owned(),
        utc_offset_minutes: standard_offset_minutes(place.zone)
            .expect("demo places use IANA zone names"),
        languages: languages(rng, place),
        interests: Vec::new(),
        work_areas: Vec::new(),
        affiliations: Vec::new(),
        bio: String::new(),
        non_work_interests: String::new(),
        open_to_mentoring,
        focus_offered: Vec::new(),
        capacity: 0,
        meeting_modes: Vec::new(),
        reply_time: pick(
            rng,
            &[
                (ReplyTime::Day, 30),
                (ReplyTime::FewDays, 50),
                (ReplyTime::Week, 20),
            ],
        ),
        goals: String::new(),
        focus_sought: Vec::new(),
    };
    let (function_interests, function_work) = function_vocabulary(library_type, work_function);
    let (type_interests, type_work) = if career_stage == CareerStage::Student {
        (GENERAL_INTERESTS, STUDENT_WORK)
    } else {
        library_vocabulary(library_type)
    };
    let n = rng.gen_range(2..=6);
    p.interests = tags(
        rng,
        &[
            (function_interests, 5),
            (type_interests, 3),
            (INTEREST_SUGGESTIONS, 2),
            (GENERAL_INTERESTS, 2),
        ],
        n,
        &[],
    );
    let n = rng.gen_range(2..=6);
    p.work_areas = tags(
        rng,
        &[(function_work, 6), (type_work, 3), (GENERAL_WORK, 1)],
        n,
        &p.interests,
    );
    p.affiliations = affiliations(rng, &p);
    if rng.gen_bool(0.55) {
        let n = rng.gen_range(1..=3);
        let picked: Vec<&str> = HOBBIES.choose_multiple(rng, n).copied().collect();
        p.non_work_interests = picked.join(", ");
    }
    if open_to_mentoring {
        let n = pick(rng, &[(1, 25), (2, 40), (3, 25), (4, 10)]);
        p.focus_offered = focus(rng, &focus_weights(&p, true), n);
        p.capacity = pick(
            rng,
            &[(0, 5), (1, 25), (2, 35), (3, 20), (4, 10), (5, 3), (6, 2)],
        );
        let n = pick(rng, &[(1, 35), (2, 45), (3, 20)]);
        let modes = [
            (MeetingMode::Email, 60),
            (MeetingMode::Phone, 25),
            (MeetingMode::Video, 80),
            (MeetingMode::InPerson, 20),
        ];
        let picked = some(rng, &modes, n);
        p.meeting_modes = MeetingMode::ALL
            .iter()
            .copied()
            .filter(|m| picked.contains(m))
            .collect();
    }
    if !open_to_mentoring || rng.gen_bool(0.15) {
        let n = if open_to_mentoring {
            rng.gen_range(1..=2)
        } else {
            rng.gen_range(1..=3)
        };
        p.focus_sought = focus(rng, &focus_weights(&p, false), n);
    }
    let slots = slots(rng, &p);
    if !p.focus_sought.is_empty() {
        p.goals = goals(rng, &p, &slots);
    }
    p.bio = bio(rng, &p, &slots);
    p
}

/// One item, with probability proportional to its weight.
fn pick<T: Copy>(rng: &mut StdRng, items: &[(T, u32)]) -> T {
    items
        .choose_weighted(rng, |(_, w)| *w)
        .expect("positive weights")
        .0
}

/// `n` distinct items, each draw weighted.
fn some<T: Copy>(rng: &mut StdRng, items: &[(T, u32)], n: usize) -> Vec<T> {
    items
        .choose_multiple_weighted(rng, n, |(_, w)| *w)
        .expect("positive weights")
        .map(|(t, _)| *t)
        .collect()
}

/// `n` distinct tags, none of them also in `taken`: each draw picks a word
/// list by weight, then a word. Every caller passes a general list of more
/// than twelve words, so this ends.
fn tags(rng: &mut StdRng, sources: &[(&[&str], u32)], n: usize, taken: &[String]) -> Vec<String> {
    // "makerspace" and "makerspaces" side by side read as a mistake.
    let same = |a: &str, b: &str| {
        let a = a.to_lowercase();
        let b = b.to_lowercase();
        a.trim_end_matches('s') == b.trim_end_matches('s')
    };
    let mut out: Vec<String> = Vec::with_capacity(n);
    while out.len() < n {
        let words = pick(rng, sources);
        let word = words.choose(rng).expect("non-empty");
        if !out.iter().chain(taken).any(|t| same(t, word)) {
            out.push((*word).to_owned());
        }
    }
    out
}

/// `n` focus slugs, listed in the order the form shows them.
fn focus(rng: &mut StdRng, weights: &[(&'static str, u32)], n: usize) -> Vec<String> {
    let picked = some(rng, weights, n);
    FOCUS_AREAS
        .iter()
        .filter(|(slug, _)| picked.contains(slug))
        .map(|(slug, _)| (*slug).to_owned())
        .collect()
}

fn library_types(stage: CareerStage) -> &'static [(LibraryType, u32)] {
    use LibraryType as L;
    match stage {
        // Students mostly name their school; some their part-time library job.
        CareerStage::Student => &[
            (L::LisEducation, 55),
            (L::Academic, 25),
            (L::Public, 15),
            (L::School, 5),
        ],
        _ => &[
            (L::Academic, 30),
            (L::Public, 28),
            (L::School, 10),
            (L::Special, 5),
            (L::Archives, 5),
            (L::Medical, 5),
            (L::Law, 4),
            (L::Government, 4),
            (L::Corporate, 3),
            (L::Museum, 3),
            (L::LisEducation, 3),
        ],
    }
}

fn work_functions(library: LibraryType) -> &'static [(WorkFunction, u32)] {
    use LibraryType as L;
    use WorkFunction as W;
    match library {
        L::Academic => &[
            (W::Reference, 10),
            (W::Instruction, 14),
            (W::Cataloguing, 10),
            (W::Systems, 8),
            (W::SpecialCollections, 8),
            (W::Collections, 8),
            (W::Access, 7),
            (W::Leadership, 6),
            (W::Outreach, 5),
            (W::Data, 10),
        ],
        L::Public => &[
            (W::Reference, 14),
            (W::Youth, 18),
            (W::Outreach, 12),
            (W::Collections, 8),
            (W::Cataloguing, 6),
            (W::Systems, 6),
            (W::Access, 10),
            (W::Leadership, 8),
            (W::Instruction, 4),
            (W::SpecialCollections, 2),
            (W::Data, 1),
        ],
        L::School => &[
            (W::Youth, 20),
            (W::Instruction, 14),
            (W::Collections, 6),
            (W::Leadership, 3),
            (W::Systems, 3),
            (W::Reference, 2),
        ],
        L::Special => &[
            (W::Reference, 8),
            (W::Data, 6),
            (W::Systems, 5),
            (W::Collections, 5),
            (W::Cataloguing, 5),
            (W::SpecialCollections, 4),
            (W::Leadership, 3),
        ],
        L::Archives => &[
            (W::SpecialCollections, 20),
            (W::Cataloguing, 8),
            (W::Systems, 4),
            (W::Reference, 4),
            (W::Outreach, 3),
            (W::Leadership, 3),
        ],
        L::Medical => &[
            (W::Reference, 10),
            (W::Instruction, 6),
            (W::Data, 6),
            (W::Systems, 3),
            (W::Collections, 3),
            (W::Leadership, 3),
        ],
        L::Law => &[
            (W::Reference, 12),
            (W::Collections, 6),
            (W::Cataloguing, 4),
            (W::Instruction, 4),
            (W::Leadership, 3),
            (W::Systems, 2),
        ],
        L::Government => &[
            (W::Reference, 8),
            (W::Data, 6),
            (W::Cataloguing, 6),
            (W::Collections, 4),
            (W::SpecialCollections, 4),
            (W::Outreach, 3),
            (W::Leadership, 3),
        ],
        L::Corporate => &[
            (W::Data, 10),
            (W::Reference, 8),
            (W::Systems, 6),
            (W::Collections, 3),
            (W::Leadership, 3),
        ],
        L::Museum => &[
            (W::SpecialCollections, 12),
            (W::Cataloguing, 8),
            (W::Reference, 4),
            (W::Outreach, 4),
            (W::Systems, 3),
            (W::Leadership, 2),
        ],
        L::LisEducation => &[
            (W::Instruction, 10),
            (W::Data, 5),
            (W::Leadership, 4),
            (W::Cataloguing, 3),
            (W::Systems, 3),
            (W::Youth, 2),
            (W::SpecialCollections, 2),
        ],
    }
}

/// A title that fits the library, the function and, roughly, the stage.
fn position(
    rng: &mut StdRng,
    library: LibraryType,
    function: WorkFunction,
    stage: CareerStage,
) -> String {
    if stage == CareerStage::Student {
        let titles: &[&str] = if library == LibraryType::LisEducation {
            &[
                "LIS student",
                "MLIS student",
                "MLIS candidate",
                "Part-time MLIS student",
                "MLIS student and graduate assistant",
                "PhD student in information science",
            ]
        } else {
            &[
                "MLIS student and library assistant",
                "LIS student and library page",
                "MLIS student and student worker",
                "MLIS student and library technician",
            ]
        };
        return (*titles.choose(rng).expect("non-empty")).to_owned();
    }
    if stage == CareerStage::Changer && rng.gen_bool(0.4) {
        let titles = [
            "Library Associate",
            "Library Assistant",
            "Library Technician",
            "Library Specialist",
        ];
        return (*titles.choose(rng).expect("non-empty")).to_owned();
    }
    let academic_liaison = library == LibraryType::Academic
        && matches!(
            function,
            WorkFunction::Reference | WorkFunction::Instruction
        );
    if stage == CareerStage::New && library == LibraryType::Academic && rng.gen_bool(0.08) {
        return "Resident Librarian".to_owned();
    }
    let senior = stage == CareerStage::Senior || (stage == CareerStage::Mid && rng.gen_bool(0.25));
    if academic_liaison && !senior && rng.gen_bool(0.3) {
        return format!("{} Librarian", SUBJECTS.choose(rng).expect("non-empty"));
    }
    (*titles(library, function, senior)
        .choose(rng)
        .expect("non-empty"))
    .to_owned()
}

#[rustfmt::skip]
fn titles(library: LibraryType, function: WorkFunction, senior: bool) -> &'static [&'static str] {
    use LibraryType as L;
    use WorkFunction as W;
    match (library, function, senior) {
        (L::School, W::Leadership, _) => &[
            "District Library Coordinator", "Director of Library Services",
            "Library Department Chair",
        ],
        (L::School, _, false) => &[
            "School Librarian", "Teacher Librarian", "Library Media Specialist",
            "School Library Media Specialist",
        ],
        (L::School, _, true) => &[
            "Lead Teacher Librarian", "District Library Coordinator", "Library Department Chair",
        ],
        (L::LisEducation, W::Leadership, true) => &[
            "Program Director", "Associate Dean", "Director, School of Information",
        ],
        (L::LisEducation, _, false) => &[
            "Lecturer", "Assistant Professor", "Clinical Assistant Professor",
            "Postdoctoral Fellow",
        ],
        (L::LisEducation, _, true) => &["Associate Professor", "Professor", "Program Director"],
        (L::Law, W::Leadership, true) => &[
            "Law Library Director", "Director of Law Library Services",
            "Associate Dean for Library Services",
        ],
        (L::Law, W::Reference | W::Instruction, _) => &[
            "Reference Librarian", "Research and Instruction Librarian",
            "Foreign and International Law Librarian", "Legal Research Librarian",
        ],
        (L::Medical, W::Leadership, true) => &[
            "Director of Library Services", "Director, Health Sciences Library",
        ],
        (L::Medical, W::Reference | W::Instruction | W::Data, _) => &[
            "Clinical Librarian", "Health Sciences Librarian", "Hospital Librarian",
            "Informationist", "Systematic Review Librarian", "Nursing Librarian",
        ],
        (L::Corporate, W::Leadership, _) => &[
            "Director of Knowledge Services", "Knowledge Management Lead",
            "Head of Research and Information",
        ],
        (L::Corporate, _, _) => &[
            "Research Analyst", "Knowledge Manager", "Information Specialist",
            "Competitive Intelligence Analyst", "Taxonomist", "Research Librarian",
        ],
        (L::Government, W::Leadership, true) => &[
            "State Librarian", "Deputy State Librarian", "Library Director",
        ],
        (L::Government, W::Reference | W::Data | W::Collections, _) => &[
            "Government Information Librarian", "Legislative Reference Librarian",
            "Research Librarian", "Federal Depository Coordinator", "Policy Research Librarian",
        ],
        (L::Museum, W::Leadership, true) => &["Head Librarian", "Director of Library and Archives"],
        (L::Museum, W::SpecialCollections | W::Cataloguing, _) => &[
            "Museum Archivist", "Museum Librarian", "Digital Collections Manager",
            "Collections Information Manager", "Registrar and Archivist",
        ],
        (L::Archives, W::Leadership, _) => &[
            "County Archivist", "Director of Archives", "Head of Archives and Records",
        ],
        (L::Archives, W::SpecialCollections, false) => &[
            "Archivist", "Processing Archivist", "Digital Archivist", "Records Archivist",
            "Archives Technician",
        ],
        (L::Archives, W::SpecialCollections, true) => &[
            "Senior Archivist", "Deputy County Archivist", "Head of Collections",
        ],
        (L::Archives, W::Reference, _) => &["Reference Archivist", "Reading Room Supervisor"],
        (L::Archives, W::Cataloguing, _) => &[
            "Metadata Archivist", "Archival Description Specialist", "Cataloging Archivist",
        ],
        (L::Archives, W::Systems, _) => &[
            "Electronic Records Archivist", "Digital Systems Archivist",
        ],
        (L::Archives, W::Outreach, _) => &["Outreach Archivist", "Public Programs Archivist"],
        (L::Museum, W::Reference, _) => &[
            "Museum Librarian", "Research Librarian", "Reference Librarian",
        ],
        (L::Public, W::Instruction, false) => &[
            "Adult Learning Librarian", "Digital Literacy Librarian",
            "Technology Instruction Librarian", "Adult Education Coordinator",
        ],
        (L::Public, W::Instruction, true) => &[
            "Head of Adult Learning", "Learning Services Manager",
        ],
        (L::Public, W::Data, _) => &["Data and Assessment Librarian", "Community Data Librarian"],
        (L::Public, W::SpecialCollections, _) => &[
            "Local History Librarian", "Special Collections Librarian", "Local History Archivist",
            "Genealogy Librarian",
        ],
        (L::Public, W::Leadership, false) => &[
            "Branch Manager", "Assistant Branch Manager", "Assistant Director",
            "Library Supervisor",
        ],
        (L::Public, W::Leadership, true) => &[
            "Library Director", "Executive Director", "Deputy Director",
            "Director of Public Services",
        ],
        (L::Public, W::Reference, false) => &[
            "Adult Services Librarian", "Reference Librarian", "Information Services Librarian",
            "Local History Librarian", "Business and Career Librarian",
        ],
        (L::Public, W::Reference, true) => &[
            "Head of Adult Services", "Adult Services Manager", "Head of Reference",
        ],
        (L::Academic, W::Leadership, false) => &[
            "Assistant Dean for Public Services", "Department Head", "Assistant Director",
        ],
        (L::Academic, W::Leadership, true) => &[
            "Dean of Libraries", "University Librarian", "Associate University Librarian",
            "Library Director",
        ],
        (L::Academic, W::SpecialCollections, true) => &[
            "University Archivist", "Head of Special Collections", "Curator of Rare Books",
        ],
        (_, W::Leadership, false) => &["Assistant Director", "Library Manager", "Department Head"],
        (_, W::Leadership, true) => &[
            "Library Director", "Director of Library Services", "Chief Librarian",
        ],
        (_, W::Reference, false) => &[
            "Reference Librarian", "Research and Reference Librarian",
            "Information Services Librarian", "Research Services Librarian", "Liaison Librarian",
        ],
        (_, W::Reference, true) => &[
            "Head of Reference", "Head of Research Services", "Coordinator of Research Services",
        ],
        (_, W::Instruction, false) => &[
            "Instruction Librarian", "Teaching and Learning Librarian",
            "First-Year Experience Librarian", "Information Literacy Librarian",
            "Online Learning Librarian",
        ],
        (_, W::Instruction, true) => &[
            "Head of Instruction", "Coordinator of Information Literacy",
            "Head of Teaching and Learning",
        ],
        (_, W::Cataloguing, false) => &[
            "Metadata Librarian", "Cataloging Librarian", "Technical Services Librarian",
            "Resource Description Librarian", "Metadata Specialist",
        ],
        (_, W::Cataloguing, true) => &[
            "Head of Cataloging and Metadata", "Head of Technical Services", "Metadata Strategist",
        ],
        (_, W::Systems, false) => &[
            "Systems Librarian", "Emerging Technologies Librarian", "Web Services Librarian",
            "Digital Services Librarian", "Discovery Systems Librarian",
            "Library Applications Developer",
        ],
        (_, W::Systems, true) => &[
            "Head of Library Technology", "Director of Digital Strategy",
            "Head of Digital Services",
        ],
        (_, W::SpecialCollections, false) => &[
            "Archivist", "Digital Archivist", "Processing Archivist",
            "Special Collections Librarian", "Rare Books Librarian", "Records Manager",
        ],
        (_, W::SpecialCollections, true) => &[
            "Head of Special Collections", "Senior Archivist",
            "Director of Archives and Special Collections",
        ],
        (_, W::Youth, false) => &[
            "Children's Librarian", "Teen Services Librarian", "Youth Services Librarian",
            "Early Literacy Librarian", "Family Engagement Librarian",
        ],
        (_, W::Youth, true) => &[
            "Head of Youth Services", "Youth Services Manager",
            "Coordinator of Children's Services",
        ],
        (_, W::Collections, false) => &[
            "Collection Development Librarian", "Electronic Resources Librarian",
            "Acquisitions Librarian", "Collection Strategy Librarian", "Serials Librarian",
        ],
        (_, W::Collections, true) => &[
            "Head of Collections", "Head of Collection Strategy", "Collections Manager",
        ],
        (_, W::Access, false) => &[
            "Access Services Librarian", "Circulation Supervisor", "Interlibrary Loan Coordinator",
            "Resource Sharing Librarian", "Course Reserves Coordinator",
        ],
        (_, W::Access, true) => &[
            "Head of Access Services", "Head of Resource Sharing", "Access Services Manager",
        ],
        (_, W::Outreach, false) => &[
            "Outreach Librarian", "Community Engagement Librarian", "Programming Librarian",
            "Marketing and Communications Librarian", "Community Services Librarian",
        ],
        (_, W::Outreach, true) => &[
            "Head of Outreach and Engagement", "Community Engagement Manager",
            "Director of Programs",
        ],
        (_, W::Data, false) => &[
            "Data Services Librarian", "Research Data Librarian", "GIS Librarian",
            "Scholarly Communication Librarian", "Research Impact Librarian", "Data Analyst",
        ],
        (_, W::Data, true) => &[
            "Head of Research Data Services", "Director of Research Services",
            "Head of Scholarly Communication",
        ],
    }
}

/// A made-up institution of the right kind; `{}` in a pattern is a town.
fn institution(rng: &mut StdRng, library: LibraryType, stage: CareerStage) -> String {
    use LibraryType as L;
    let town = format!(
        "{}{}",
        TOWN_STARTS.choose(rng).expect("non-empty"),
        TOWN_ENDS.choose(rng).expect("non-empty")
    );
    let patterns: &[&str] = match library {
        L::Academic if stage == CareerStage::Student => {
            &["{} University", "University of {}", "{} State University"]
        }
        L::Academic => &[
            "{} University Libraries",
            "{} Community College",
            "{} College",
            "University of {}",
            "{} State University",
            "{} Technical College",
            "{} Institute of Technology",
            "{} College Library",
        ],
        L::Public => &[
            "{} Public Library",
            "{} County Library",
            "{} Regional Library",
            "{} Free Library",
            "{} District Library",
            "{} City Library",
            "{} Library System",
            "{} Memorial Library",
        ],
        L::School => &[
            "{} School District",
            "{} High School",
            "{} Middle School",
            "{} Elementary School",
            "{} Academy",
            "{} Unified School District",
            "{} Secondary School",
        ],
        L::Special => &[
            "{} Botanical Garden Library",
            "{} Historical Society",
            "{} Institute for Policy Research",
            "{} Symphony Music Library",
            "{} Foundation Library",
            "{} Engineering Society Library",
            "{} Genealogical Society",
        ],
        L::Archives => &[
            "{} County Archives",
            "{} Municipal Archives",
            "{} Regional Archives",
            "{} Labor History Archive",
            "{} Heritage Center",
            "{} Community Archives",
            "{} Film and Sound Archive",
        ],
        L::Medical => &[
            "{} Medical Center",
            "{} Health Sciences Library",
            "{} Regional Hospital",
            "{} Children's Hospital",
            "{} School of Medicine Library",
            "{} Health System",
            "{} College of Nursing",
        ],
        L::Law if rng.gen_bool(0.15) => {
            let partners: Vec<&str> = LAST_NAMES.choose_multiple(rng, 2).copied().collect();
            return format!("{} & {} LLP", partners[0], partners[1]);
        }
        L::Law => &[
            "{} Law Library",
            "{} County Law Library",
            "{} College of Law",
            "{} Court of Appeals Library",
            "{} Law School Library",
            "{} Bar Association Library",
        ],
        L::Government => &[
            "{} State Library",
            "{} Legislative Research Library",
            "City of {} Records Office",
            "{} Department of Transportation Library",
            "{} Agricultural Research Station",
            "{} Geological Survey Library",
        ],
        L::Corporate => &[
            "{} Analytics",
            "{} Pharmaceuticals",
            "{} Engineering Group",
            "{} Energy",
            "{} Media Group",
            "{} Consulting",
            "{} Biotech",
            "{} Aerospace",
        ],
        L::Museum if rng.gen_bool(0.25) => {
            return format!(
                "Museum of {} History",
                MUSEUM_THEMES.choose(rng).expect("non-empty")
            );
        }
        L::Museum => &[
            "{} Art Museum",
            "{} Museum of Natural History",
            "{} Science Center",
            "{} Maritime Museum",
            "{} Children's Museum",
            "{} History Museum",
        ],
        L::LisEducation => &[
            "{} University School of Information",
            "{} University iSchool",
            "University of {} School of Library and Information Science",
            "{} State University Department of Information Studies",
            "{} College of Information and Library Science",
        ],
    };
    patterns
        .choose(rng)
        .expect("non-empty")
        .replace("{}", &town)
}

/// English, then languages common where the member works, then now and then another.
fn languages(rng: &mut StdRng, place: &Place) -> Vec<String> {
    let mut out = vec!["English".to_owned()];
    for (language, chance) in place.languages {
        if rng.gen_range(0..100) < *chance {
            out.push((*language).to_owned());
        }
    }
    if rng.gen_bool(0.08) {
        let other = LANGUAGE_SUGGESTIONS.choose(rng).expect("non-empty");
        if !out.iter().any(|l| l == other) {
            out.push((*other).to_owned());
        }
    }
    out
}

/// Research interests and work areas typical of a function, where the
/// library it is done in changes the words.
#[rustfmt::skip]
fn function_vocabulary(
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
fn library_vocabulary(library: LibraryType) -> (&'static [&'static str], &'static [&'static str]) {
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
fn affiliations(rng: &mut StdRng, p: &Profile) -> Vec<String> {
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
fn focus_weights(p: &Profile, offering: bool) -> Vec<(&'static str, u32)> {
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

/// How the bio names the kind of place, when the institution is hidden.
fn kind_of_library(library: LibraryType) -> &'static str {
    use LibraryType as L;
    match library {
        L::Academic => "an academic library",
        L::Public => "a public library system",
        L::School => "a school library",
        L::Special => "a special library",
        L::Archives => "a regional archive",
        L::Medical => "a hospital library",
        L::Law => "a law library",
        L::Government => "a government library",
        L::Corporate => "a corporate research library",
        L::Museum => "a museum library",
        L::LisEducation => "an LIS program",
    }
}

fn area(function: WorkFunction) -> &'static str {
    use WorkFunction as W;
    match function {
        W::Reference => "reference and research help",
        W::Instruction => "library instruction",
        W::Cataloguing => "cataloguing and metadata",
        W::Systems => "library technology",
        W::SpecialCollections => "archives and special collections",
        W::Youth => "youth services",
        W::Collections => "collection work",
        W::Access => "access services",
        W::Leadership => "library administration",
        W::Outreach => "outreach and programming",
        W::Data => "research data services",
    }
}

/// "a Metadata Librarian", "an MLIS student", but "Head of Reference": a
/// title that names its department reads as one of a kind.
fn with_article(title: &str) -> String {
    if title.contains(" of ") {
        return title.to_owned();
    }
    let an = title.starts_with(['A', 'E', 'I', 'O'])
        || title.starts_with("MLIS")
        || title.starts_with("LIS");
    format!("{} {title}", if an { "an" } else { "a" })
}

/// "a", "a and b", "a, b, and c": tags often contain "and" themselves.
fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [first, last] => format!("{first} and {last}"),
        [init @ .., last] => format!("{}, and {last}", init.join(", ")),
    }
}

fn focus_phrases(slugs: &[String]) -> Vec<&'static str> {
    slugs
        .iter()
        .filter_map(|s| {
            FOCUS_AREAS
                .iter()
                .find(|(slug, _)| slug == s)
                .map(|(_, phrase)| *phrase)
        })
        .collect()
}

/// Bio sentences; `{name}` slots are filled by `bio_slots`.
#[rustfmt::skip]
const INTROS_STUDYING: &[&str] = &[
    "I'm an MLIS student{school} and hope to build a career in {area}.",
    "I'm finishing my MLIS{school}; {area} is where I hope to land.",
    "Library school{school} has me hooked on {interest}, and I hope to work in {area}.",
];
#[rustfmt::skip]
const INTROS_STUDENT_WORKER: &[&str] = &[
    "I'm {role} at {workplace}, splitting my time between coursework and {work}.",
    "By day I'm {role} at {workplace}; by night I'm writing papers about {interest}.",
];
#[rustfmt::skip]
const INTROS_NEW: &[&str] = &[
    "I'm {role} at {workplace}, {first_job}.",
    "{position} at {workplace}. I finished library school {ago} and have loved {area} ever since.",
    "I joined {workplace} as {role} {ago}, straight out of library school.",
];
#[rustfmt::skip]
const INTROS_CHANGER: &[&str] = &[
    "I came to libraries after {before} years as {prior}, and I'm now {role} at {workplace}.",
    "After a first career as {prior}, I moved into {area} {ago}.",
    "I spent {before} years as {prior} before library school; now I'm {role} at {workplace}.",
];
#[rustfmt::skip]
const INTROS_EXPERIENCED: &[&str] = &[
    "I'm {role} at {workplace}, with {years} years in {area}.",
    "For the past {years} years I've worked in {area}; these days I'm {role} at {workplace}.",
    "{position} at {workplace}. I've been a librarian for {years} years.",
    "I've spent {years} years in libraries, most recently as {role} at {workplace}.",
];
#[rustfmt::skip]
const MIDDLES: &[&str] = &[
    "My work focuses on {interest} and {interest2}.",
    "Lately I've been thinking a lot about *{interest}*, especially where it meets {interest2}.",
    "I'm especially interested in {interests}.",
    "Most days involve {works}.",
    "Day to day that means {work} and {work2}, and I still find {interest} endlessly interesting.",
    "Right now I'm deep in {work} and trying to make more room for {interest}.",
];
#[rustfmt::skip]
const ASIDES: &[&str] = &[
    "Ask me about {topic}, my favourite obscure subject.",
    "I have a soft spot for {topic}.",
    "Colleagues know me as the person to ask about {topic}.",
    "My current side project involves **{topic}**.",
];
#[rustfmt::skip]
const OFFERS: &[&str] = &[
    "As a mentor I can help with {offered}.",
    "I especially enjoy talking with newer colleagues about **{first_offered}**.",
    "I've mentored through {program} before and would gladly do it again, mainly around {offered}.",
    "Having made plenty of mistakes in {first_offered}, I'm happy to share what I've learned.",
    "If you want a sounding board on {offered}, I'd be glad to hear from you.",
];
#[rustfmt::skip]
const HOPES: &[&str] = &[
    "I'm hoping to learn more about {sought}.",
    "I'd love guidance on {sought} from someone who has been there.",
    "I'm looking for a mentor who can help me with *{first_sought}*.",
];
#[rustfmt::skip]
const LINKS: &[&str] = &[
    "I keep notes on my projects at [example.org/{slug}](https://example.org/{slug}).",
    "Slides from my recent talks are on [my site](https://example.org/people/{slug}).",
    "I write occasionally on [my blog](https://example.org/blog/{slug}), mostly about {interest}.",
];
const PROGRAMS: &[&str] = &[
    "my state association's program",
    "a campus peer-mentoring circle",
    "an informal network at work",
    "a caucus mentoring cohort",
    "a round table's mentoring program",
];

/// Goals by the focus area they are about.
#[rustfmt::skip]
const GOALS: &[(&str, &[&str])] = &[
    ("scholarship", &[
        "Publish my first peer-reviewed article within two years.",
        "Turn my project on {interest} into a conference paper and then an article.",
        "Understand how promotion and tenure dossiers are read, and start mine early.",
    ]),
    ("leadership", &[
        "Prepare to apply for a department head position in the next few years.",
        "Learn to lead a team through a big change without burning everyone out.",
        "Get better at budgets, difficult conversations and managing up.",
    ]),
    ("career", &[
        "Decide whether to specialise in {area} or stay a generalist.",
        "Map out the next five years of my career in {area}.",
    ]),
    ("research", &[
        "Design a small research project on {interest} and get it through ethics review.",
        "Learn qualitative interviewing methods for a user study.",
    ]),
    ("teaching", &[
        "Build confidence teaching one-shot sessions and design better active-learning activities.",
        "Redesign my workshops so they work for online and in-person groups alike.",
    ]),
    ("technology", &[
        "Learn enough Python and SQL to automate the reports I build by hand.",
        "Get comfortable with {tool} and the systems side of {area}.",
    ]),
    ("conferences", &[
        "Submit a proposal to a national conference and present for the first time.",
        "Learn how to get the most out of a big conference without being overwhelmed.",
    ]),
    ("job_search", &[
        "Land a first professional position in {area}.",
        "Practise interviews and get honest feedback on my cover letters.",
    ]),
    ("workplace", &[
        "Navigate a reorganisation at work and keep my team steady.",
        "Set boundaries and avoid burnout in a short-staffed department.",
    ]),
    ("dei", &[
        "Build more inclusive programs and services, and find peers doing the same.",
        "Connect with other librarians of colour working in {area}.",
    ]),
];
#[rustfmt::skip]
const GOAL_DETAILS: &[&str] = &[
    "Ideally a monthly check-in for six months.",
    "I'm in {place} and can meet most weekday afternoons.",
    "Even one conversation a term would help.",
];

/// Fills the `{name}` slots of a template.
fn fill(template: &str, slots: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end = start + rest[start..].find('}').expect("slots are closed");
        let name = &rest[start + 1..end];
        let (_, value) = slots
            .iter()
            .find(|(n, _)| *n == name)
            .unwrap_or_else(|| panic!("no value for {{{name}}}"));
        out.push_str(value);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

fn say(rng: &mut StdRng, templates: &[&str], slots: &[(&str, String)]) -> String {
    fill(templates.choose(rng).expect("non-empty"), slots)
}

/// What bio and goal templates may mention about a member.
fn slots(rng: &mut StdRng, p: &Profile) -> Vec<(&'static str, String)> {
    let workplace = if p.institution_public {
        p.institution.clone()
    } else {
        kind_of_library(p.library_type).to_owned()
    };
    let workplace = if !p.region.is_empty() && rng.gen_bool(0.3) {
        format!("{workplace} in {}", p.region)
    } else {
        workplace
    };
    let school = if p.institution_public {
        format!(" at {}", p.institution)
    } else {
        String::new()
    };
    let first_job = match p.years_professional {
        0 => "in my first year as a librarian".to_owned(),
        1 => "a year into my first professional job".to_owned(),
        n => format!("{n} years into my first professional job"),
    };
    let ago = match p.years_professional {
        0 => "this year".to_owned(),
        1 => "last year".to_owned(),
        n => format!("{n} years ago"),
    };
    let interests: Vec<&str> = p.interests.iter().map(String::as_str).collect();
    let works: Vec<&str> = p.work_areas.iter().take(3).map(String::as_str).collect();
    let offered = focus_phrases(&p.focus_offered);
    let sought = focus_phrases(&p.focus_sought);
    let slug: Vec<String> = p.display_name.split_whitespace().map(ascii_fold).collect();
    vec![
        ("role", with_article(&p.position)),
        ("position", p.position.clone()),
        ("workplace", workplace),
        ("school", school),
        ("place", app::profiles::model::place(&p.region, &p.country)),
        ("area", area(p.work_function).to_owned()),
        ("years", p.years_professional.to_string()),
        ("first_job", first_job),
        ("ago", ago),
        ("before", rng.gen_range(3..=15).to_string()),
        (
            "prior",
            (*PRIOR_CAREERS.choose(rng).expect("non-empty")).to_owned(),
        ),
        ("interest", interests[0].to_owned()),
        ("interest2", interests[1].to_owned()),
        ("interests", join_and(&interests)),
        ("work", works[0].to_owned()),
        ("work2", works[1].to_owned()),
        ("works", join_and(&works)),
        ("tool", works[0].to_owned()),
        (
            "topic",
            (*RARE_TOPICS.choose(rng).expect("non-empty")).to_owned(),
        ),
        ("offered", join_and(&offered)),
        (
            "first_offered",
            offered.first().copied().unwrap_or_default().to_owned(),
        ),
        (
            "program",
            (*PROGRAMS.choose(rng).expect("non-empty")).to_owned(),
        ),
        ("sought", join_and(&sought)),
        (
            "first_sought",
            sought.first().copied().unwrap_or_default().to_owned(),
        ),
        ("slug", slug.join("-")),
    ]
}

/// Two short paragraphs of limited Markdown: who they are and what they work
/// on, then what they offer as a mentor or hope to learn.
fn bio(rng: &mut StdRng, p: &Profile, slots: &[(&str, String)]) -> String {
    let intros = match p.career_stage {
        CareerStage::Student if p.library_type == LibraryType::LisEducation => INTROS_STUDYING,
        CareerStage::Student => INTROS_STUDENT_WORKER,
        CareerStage::New => INTROS_NEW,
        CareerStage::Changer => INTROS_CHANGER,
        CareerStage::Mid | CareerStage::Senior => INTROS_EXPERIENCED,
    };
    let mut first = vec![say(rng, intros, slots)];
    if rng.gen_bool(0.85) {
        first.push(say(rng, MIDDLES, slots));
    }
    // At most one aside or link, so that a bio stays at two to four sentences.
    let extra = rng.gen_range(0..100);
    if extra < 30 {
        first.push(say(rng, ASIDES, slots));
    }
    let mut second = if !p.open_to_mentoring {
        say(rng, HOPES, slots)
    } else if p.focus_offered.len() >= 2 && rng.gen_bool(0.2) {
        let items: Vec<String> = focus_phrases(&p.focus_offered)
            .iter()
            .map(|f| format!("* {f}"))
            .collect();
        format!("I'm glad to help with:\n\n{}", items.join("\n"))
    } else {
        say(rng, OFFERS, slots)
    };
    if extra >= 85 {
        // A sentence after a list needs its own paragraph.
        let gap = if second.contains('\n') { "\n\n" } else { " " };
        second = format!("{second}{gap}{}", say(rng, LINKS, slots));
    }
    format!("{}\n\n{second}", first.join(" "))
}

/// What a member seeking mentoring hopes for, in a sentence or two.
fn goals(rng: &mut StdRng, p: &Profile, slots: &[(&str, String)]) -> String {
    let slug = p
        .focus_sought
        .choose(rng)
        .expect("goals follow focus areas sought");
    let goal = if slug == "career" && p.career_stage == CareerStage::Changer {
        "Work out how my first career translates into library work.".to_owned()
    } else {
        let (_, templates) = GOALS
            .iter()
            .find(|(s, _)| s == slug)
            .expect("every focus area has goals");
        say(rng, templates, slots)
    };
    if rng.gen_bool(0.5) {
        format!("{goal} {}", say(rng, GOAL_DETAILS, slots))
    } else {
        goal
    }
}

/// The demo's coordinator (a plain member named as coordinator of two programs).
pub const DEMO_COORDINATOR_EMAIL: &str = "coordinator@carrel.example";

/// Example programs modelled on the associations' own (a structured career
/// program, a section's network, a conference program, an open network and an
/// institution's yearly program), each with a cycle taking enrolments now, and
/// eligible demo members enrolled through the same rules as the app. Runs
/// before the demo's requests, so pairs who share a cycle belong to it.
pub async fn seed_programs(db: &Db, hub: &Hub, now: i64) -> anyhow::Result<usize> {
    use app::programs::{
        model::{Contact, Matching, NewCycle, NewProgram, ProgramKind, Role, DAY_MS},
        store as programs,
    };
    let err = |e: app::AppError| anyhow::anyhow!("{e}");
    let hash = hash_password(&NewPassword::parse(DEMO_PASSWORD, &[]).map_err(anyhow::Error::msg)?)
        .await
        .map_err(err)?;
    let email = Email::parse(DEMO_COORDINATOR_EMAIL).map_err(anyhow::Error::msg)?;
    let name = DisplayName::parse("Rosalind Achebe-Lund").map_err(anyhow::Error::msg)?;
    let coordinator = add_user(db.pool(), &email, &name, &hash, SiteRole::Member).await?;
    let year = time::OffsetDateTime::from_unix_timestamp(now / 1000)?.year();
    let day = |d: i64| (now / DAY_MS + d) * DAY_MS;
    // Name, description, kind, matching, contact, mentors' minimum years,
    // mentees' stages, a required affiliation, whether it has a coordinator.
    type Spec = (
        &'static str,
        &'static str,
        ProgramKind,
        Matching,
        Contact,
        i64,
        Vec<CareerStage>,
        &'static str,
        bool,
    );
    let specs: [Spec; 5] = [
        (
            "New Members Career Mentoring",
            "A nine-month program pairing librarians new to the profession, and library school students, with experienced librarians.\n\n\
             Mentors have worked in a professional position for at least five years and write to their mentee at least once a month; they open with an introductory message. \
             The committee sends a discussion topic each month, and a liaison checks in. At the end, both give feedback, and mentors may ask for a letter recognising their service.",
            ProgramKind::Cycle,
            Matching::Both,
            Contact::Monthly,
            5,
            vec![CareerStage::Student, CareerStage::New],
            "",
            true,
        ),
        (
            "Instruction Section Mentoring",
            "Pairs librarians experienced in teaching with librarians new to instruction or to the section, for a year of conversations about teaching and information literacy.",
            ProgramKind::Cycle,
            Matching::Choose,
            Contact::TwiceMonthly,
            3,
            vec![],
            "ACRL Instruction Section",
            true,
        ),
        (
            "Annual Conference Buddies",
            "A first conference can be a lot. A buddy who has been before helps you plan your days, meets you once on site, and introduces you around.",
            ProgramKind::Conference,
            Matching::Assign,
            Contact::Weekly,
            2,
            vec![],
            "",
            true,
        ),
        (
            "Open Mentoring Network",
            "Any member may offer or seek mentoring, at any stage of their career. No cycles to wait for: enrol, find someone, and agree your own rhythm.",
            ProgramKind::Network,
            Matching::Choose,
            Contact::AsAgreed,
            0,
            vec![],
            "",
            false,
        ),
        (
            "Lakeshore College Libraries New Hire Mentoring",
            "Each year our mentors post a short note on what they can offer, and every new hire browses the list and picks.",
            ProgramKind::Institutional,
            Matching::Choose,
            Contact::Monthly,
            2,
            vec![],
            "",
            false,
        ),
    ];
    let mut enrolled = 0;
    for (name, description, kind, matching, contact, min_years, stages, tag, coordinated) in specs {
        let slug = programs::create_program(
            db,
            &NewProgram {
                slug: app::programs::model::slugify(name),
                name: name.to_owned(),
                description: description.to_owned(),
                kind,
                matching,
                contact,
                mentor_min_years: min_years,
                mentee_stages: stages,
                required_tags: if tag.is_empty() {
                    vec![]
                } else {
                    vec![tag.to_owned()]
                },
                coordinators: if coordinated {
                    vec![DEMO_COORDINATOR_EMAIL.to_owned()]
                } else {
                    vec![]
                },
            },
            now,
        )
        .await
        .map_err(err)?;
        let program = programs::program_by_slug(db, &slug).await.map_err(err)?;
        // Last year's cycle has ended; this year's takes enrolments now.
        let last = if kind == ProgramKind::Cycle {
            Some(
                programs::add_cycle(
                    db,
                    program.id,
                    &NewCycle {
                        name: format!("{}–{}", year - 1, (year) % 100),
                        starts_on: day(-440),
                        ends_on: day(-170),
                        enrol_opens: day(-500),
                        enrol_closes: day(-445),
                        capacity: 40,
                    },
                    now,
                )
                .await
                .map_err(err)?,
            )
        } else {
            None
        };
        let cycle = programs::add_cycle(
            db,
            program.id,
            &NewCycle {
                name: format!("{year}–{}", (year + 1) % 100),
                starts_on: day(-10),
                ends_on: day(260),
                enrol_opens: day(-30),
                enrol_closes: day(30),
                capacity: 40,
            },
            now,
        )
        .await
        .map_err(err)?;
        // Members who meet the rules enrol; the rules turn the rest away.
        let members: Vec<(i64, i64)> =
            sqlx::query_as("SELECT user_id, open_to_mentoring FROM profiles ORDER BY user_id")
                .fetch_all(db.pool())
                .await?;
        let (mut mentors, mut mentees) = (0, 0);
        for (user_id, open) in members {
            let role = if open == 1 {
                Role::Mentor
            } else {
                Role::Mentee
            };
            let room = match role {
                Role::Mentor => mentors < 12,
                Role::Mentee => mentees < 15,
            };
            // Some of this year's mentors also served last year, and can renew.
            if let (Some(last), Role::Mentor, true) = (last, role, user_id % 3 == 0) {
                let note = "Happy to talk about first jobs, applications and interviews, and finding your feet in a new library.";
                let _ = programs::enrol(db, user_id, last, role, note, day(-470)).await;
            }
            if room
                && programs::enrol(db, user_id, cycle, role, "", now - DAY_MS)
                    .await
                    .is_ok()
            {
                match role {
                    Role::Mentor => mentors += 1,
                    Role::Mentee => mentees += 1,
                }
            }
        }
        enrolled += mentors + mentees;
        if matching == Matching::Assign {
            waiting_for_match(db, cycle, now).await?;
        }
        // The career program's committee has a topic out and the next one scheduled,
        // and its first pairs, matched six weeks ago, are under way.
        if matching == Matching::Both {
            cycle_pairs(db, hub, cycle, now - 42 * DAY_MS).await?;
            for (title, body, on) in [
                (
                    "Finding your professional community",
                    "Which associations, round tables or local groups have helped you most? Where would you start if you were new to this area?",
                    -3,
                ),
                (
                    "Your first conference",
                    "How do you choose sessions, meet people and make the cost worth it? Share one thing you wish you had known before your first conference.",
                    25,
                ),
            ] {
                let topic = app::programs::model::NewTopic {
                    title: title.to_owned(),
                    body: body.to_owned(),
                    send_on: day(on),
                };
                app::programs::topics::schedule(db, cycle, coordinator, &topic, now)
                    .await
                    .map_err(err)?;
            }
        }
    }
    Ok(enrolled)
}

/// A few of a cycle's mentees ask its coordinators for a match in a focus
/// its mentors offer, so the program's queue has people to match.
async fn waiting_for_match(db: &Db, cycle: i64, now: i64) -> anyhow::Result<()> {
    let asks: Vec<(i64, String)> = sqlx::query_as(
        "SELECT e.user_id, MIN(t.value) FROM enrolments e
         JOIN profile_tags t ON t.user_id = e.user_id AND t.kind = 'focus_sought'
         WHERE e.cycle_id = $1 AND e.role = 'mentee'
           AND t.value IN (SELECT o.value FROM enrolments m
               JOIN profile_tags o ON o.user_id = m.user_id AND o.kind = 'focus_offered'
               WHERE m.cycle_id = $1 AND m.role = 'mentor')
         GROUP BY e.user_id ORDER BY e.user_id LIMIT 4",
    )
    .bind(cycle)
    .fetch_all(db.pool())
    .await?;
    let areas = app::profiles::store::focus_areas(db)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    for (mentee, focus) in asks {
        if let Some(area) = areas.iter().find(|a| a.slug == focus) {
            let note = "My first conference: I would like a buddy who knows their way around.";
            let _ = assignment::ask(db, mentee, area, note, Some(cycle), now).await;
        }
    }
    Ok(())
}

/// Pairs some of a cycle's mentees with its mentors, through the same rules
/// as the app; most write to each other, and the rest stay quiet (so the
/// coordinators' page has pairs needing attention).
async fn cycle_pairs(db: &Db, hub: &Hub, cycle: i64, at: i64) -> anyhow::Result<()> {
    let mentees: Vec<(i64,)> = sqlx::query_as(
        "SELECT user_id FROM enrolments WHERE cycle_id = $1 AND role = 'mentee' ORDER BY user_id LIMIT 8",
    )
    .bind(cycle)
    .fetch_all(db.pool())
    .await?;
    let offers: Vec<(i64, String)> = sqlx::query_as(
        "SELECT e.user_id, t.value FROM enrolments e JOIN profile_tags t ON t.user_id = e.user_id
         WHERE e.cycle_id = $1 AND e.role = 'mentor' AND t.kind = 'focus_offered' ORDER BY e.user_id, t.value",
    )
    .bind(cycle)
    .fetch_all(db.pool())
    .await?;
    let areas = app::profiles::store::focus_areas(db)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut rng = StdRng::seed_from_u64(cycle as u64);
    for (i, (mentee,)) in mentees.into_iter().enumerate() {
        let (mentor, focus) = &offers[(i * 3) % offers.len().max(1)];
        let Some(area) = areas.iter().find(|a| &a.slug == focus) else {
            continue;
        };
        let request = NewRequest {
            mentee_id: mentee,
            mentor_id: *mentor,
            focus: area,
            message: "I am new to the profession and would value a guide through my first year.",
            assigned_by: None,
        };
        let Ok(id) = mentorships::request(db, request, at).await else {
            continue;
        };
        let change = Change {
            to: State::Accepted,
            reason: None,
            note: "",
        };
        if mentorships::change_state(db, *mentor, id, change, at + 86_400_000)
            .await
            .is_ok()
            && i % 4 != 3
        {
            converse(
                db,
                hub,
                &mut rng,
                id,
                *mentor,
                mentee,
                &area.label,
                at + 86_400_000,
            )
            .await?;
        }
    }
    Ok(())
}

/// A few demo pairs have a meeting arranged: the mentee proposes a time three
/// days ahead, in their own time zone, and the mentor accepts.
pub async fn seed_meetings(db: &Db, now: i64) -> anyhow::Result<usize> {
    use app::meetings::{
        model::{Mode, NewMeeting},
        store as meetings,
    };
    let err = |e: app::AppError| anyhow::anyhow!("{e}");
    let pairs: Vec<(i64, i64, i64, String)> = sqlx::query_as(
        "SELECT m.id, m.mentor_id, m.mentee_id, p.time_zone FROM mentorships m
         JOIN profiles p ON p.user_id = m.mentee_id
         WHERE m.state = 'accepted' ORDER BY m.id LIMIT 4",
    )
    .fetch_all(db.pool())
    .await?;
    let start = time::OffsetDateTime::from_unix_timestamp(now / 1000)? + time::Duration::days(3);
    let local = (start.year(), u8::from(start.month()), start.day(), 16, 0);
    let mut made = 0;
    for (id, mentor, mentee, zone) in pairs {
        let Some(starts_at) = meetings::to_utc(local, &zone) else {
            continue;
        };
        let meeting = NewMeeting {
            starts_at,
            time_zone: zone,
            minutes: 45,
            mode: Mode::Video,
            place: format!("https://meet.example.org/carrel-{id}"),
            agenda: "Where I am now, and a plan for the next three months.".to_owned(),
            remind_minutes: 1440,
        };
        let meeting_id = meetings::propose(db, mentee, id, &meeting, None, now)
            .await
            .map_err(err)?;
        meetings::accept(db, mentor, meeting_id, now)
            .await
            .map_err(err)?;
        made += 1;
    }
    Ok(made)
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::profiles::model::{parse_profile, FocusArea, ProfileForm};

    fn profiles(seed: u64, n: usize) -> Vec<Profile> {
        let mut rng = StdRng::seed_from_u64(seed);
        (0..n)
            .map(|i| {
                let (name, _) = demo_person(&mut rng, i);
                demo_profile(&mut rng, &name)
            })
            .collect()
    }

    #[test]
    fn a_seed_always_gives_the_same_people() {
        assert_eq!(profiles(42, 300), profiles(42, 300));
        assert_ne!(profiles(42, 300), profiles(43, 300));
        let people = |seed| {
            let mut rng = StdRng::seed_from_u64(seed);
            (0..50)
                .map(|i| demo_person(&mut rng, i))
                .collect::<Vec<_>>()
        };
        assert_eq!(people(7), people(7));
    }

    #[test]
    fn demo_emails_are_plain_and_unique() {
        let mut rng = StdRng::seed_from_u64(3);
        let mut seen = HashSet::new();
        for i in 0..2000 {
            let (name, email) = demo_person(&mut rng, i);
            assert!(email.is_ascii(), "{email}");
            assert_eq!(Email::parse(&email).unwrap().as_str(), email);
            assert!(DisplayName::parse(&name).is_ok());
            assert!(seen.insert(email));
        }
    }

    #[test]
    fn demo_profiles_pass_the_real_parser() {
        let areas: Vec<FocusArea> = FOCUS_AREAS
            .iter()
            .map(|(slug, label)| FocusArea {
                slug: (*slug).to_owned(),
                label: (*label).to_owned(),
            })
            .collect();
        for p in profiles(11, 2000) {
            let parsed = parse_profile(&ProfileForm::from(&p), &areas, standard_offset_minutes)
                .unwrap_or_else(|e| panic!("{p:#?} was refused: {:?}", e.errors));
            // The form lists checkboxes by slug; compare as sets.
            let sorted = |mut p: Profile| {
                p.focus_offered.sort();
                p.focus_sought.sort();
                p.meeting_modes.sort_by_key(|m| m.slug());
                p
            };
            assert_eq!(sorted(parsed), sorted(p));
        }
    }

    #[test]
    fn demo_profiles_are_consistent() {
        let all = profiles(5, 5000);
        for p in &all {
            let years = p.years_professional;
            let expected = match p.career_stage {
                CareerStage::Student => 0..=0,
                CareerStage::New => 0..=4,
                CareerStage::Mid => 5..=15,
                CareerStage::Senior => 15..=35,
                CareerStage::Changer => 0..=6,
            };
            assert!(
                expected.contains(&years),
                "{:?} with {years} years",
                p.career_stage
            );
            assert_eq!(p.languages[0], "English");
            assert_eq!(
                standard_offset_minutes(&p.time_zone),
                Some(p.utc_offset_minutes)
            );
            assert!(p.position.chars().count() <= 120 && !p.position.is_empty());
            assert!(p.institution.chars().count() <= 160 && !p.institution.is_empty());
            assert!(p.bio.chars().count() <= 4000 && !p.bio.is_empty());
            assert!(p.non_work_interests.chars().count() <= 300);
            assert!((2..=6).contains(&p.interests.len()) && (2..=6).contains(&p.work_areas.len()));
            assert!(p.affiliations.len() <= 4);
            for list in [&p.languages, &p.interests, &p.work_areas, &p.affiliations] {
                assert!(list.len() <= 15);
                for tag in list {
                    assert!(
                        tag.chars().count() <= 60 && !tag.contains([',', ';']),
                        "{tag}"
                    );
                }
            }
            for slug in p.focus_offered.iter().chain(&p.focus_sought) {
                assert!(FOCUS_AREAS.iter().any(|(s, _)| s == slug), "{slug}");
            }
            assert!((0..=10).contains(&p.capacity));
            if p.open_to_mentoring {
                assert!((1..=4).contains(&p.focus_offered.len()));
                assert!((1..=3).contains(&p.meeting_modes.len()));
            } else {
                assert!(
                    p.focus_offered.is_empty() && p.meeting_modes.is_empty() && p.capacity == 0
                );
                assert!((1..=3).contains(&p.focus_sought.len()) && !p.goals.is_empty());
            }
        }
        let share = |f: &dyn Fn(&Profile) -> bool| {
            let n = all.iter().filter(|p| f(p)).count();
            f64::from(u32::try_from(n).unwrap()) / 5000.0
        };
        let mentors = share(&|p| p.open_to_mentoring);
        assert!((0.38..=0.47).contains(&mentors), "{mentors}");
        let hidden = share(&|p| !p.institution_public);
        assert!((0.07..=0.13).contains(&hidden), "{hidden}");
        let institutions: HashSet<&str> = all.iter().map(|p| p.institution.as_str()).collect();
        assert!(institutions.len() > 1000, "{}", institutions.len());
    }
}
