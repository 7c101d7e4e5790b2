//! Word lists the demo draws names, places of work and tags from: data only.

#[rustfmt::skip]
pub(super) const FIRST_NAMES: &[&str] = &[
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
pub(super) const LAST_NAMES: &[&str] = &[
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

pub(super) const DOMAINS: &[&str] = &[
    "example.edu",
    "example.org",
    "example.net",
    "library.example",
];

/// The focus areas the profiles migration seeds, and how a bio says them.
pub(super) const FOCUS_AREAS: &[(&str, &str)] = &[
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

/// Languages a caucus serves, so that affiliations follow what members speak.
#[rustfmt::skip]
pub(super) const ASIAN_PACIFIC_LANGS: &[&str] = &[
    "Mandarin", "Cantonese", "Tagalog", "Korean", "Vietnamese", "Japanese", "Hindi", "Punjabi",
    "Hmong", "Ilocano", "Samoan", "Hawaiian",
];
#[rustfmt::skip]
pub(super) const INDIGENOUS_LANGS: &[&str] = &[
    "Navajo", "Cherokee", "Ojibwe", "Cree", "Yup'ik", "Lakota", "Blackfoot", "Mi'kmaq",
];

/// Town names are two halves, so that hundreds of institutions are distinct.
#[rustfmt::skip]
pub(super) const TOWN_STARTS: &[&str] = &[
    "Lake", "River", "Cedar", "Maple", "Pine", "Oak", "Willow", "Stone", "Iron", "Silver", "Red",
    "Green", "North", "South", "East", "West", "Clear", "Fox", "Elk", "Heron", "Prairie",
    "Juniper", "Aspen", "Copper", "Granite", "Bay", "Sun", "Mill", "Spring", "Ash", "Birch",
    "Hazel", "Raven", "Wolf", "Deer", "Glen", "Bright", "Fair", "High", "Long",
];
#[rustfmt::skip]
pub(super) const TOWN_ENDS: &[&str] = &[
    "field", "dale", "brook", "wood", "ford", "ton", "view", "side", "haven", "ridge", "bend",
    "port", "crest", "mont", "shore", "vale", "wick", " Valley", " Falls", " Springs", " Hollow",
    " Point", " Harbor", " Heights", " Crossing", " City",
];
#[rustfmt::skip]
pub(super) const MUSEUM_THEMES: &[&str] = &[
    "Prairie", "Maritime", "Railroad", "Textile", "Mining", "Coastal", "Immigration", "Labor",
    "Aviation", "Agricultural", "Jazz", "Borderlands",
];
#[rustfmt::skip]
pub(super) const SUBJECTS: &[&str] = &[
    "History", "Engineering", "Nursing", "Chemistry", "Music", "Latin American Studies", "Business",
    "Education", "Psychology", "Fine Arts", "Political Science", "Biology", "Social Work",
    "African American Studies", "Mathematics", "Film Studies",
];

/// Earlier careers of people who came to libraries later.
#[rustfmt::skip]
pub(super) const PRIOR_CAREERS: &[&str] = &[
    "a high-school teacher", "a software developer", "a newspaper reporter", "a paralegal",
    "a nurse", "a museum educator", "a bookseller", "a social worker", "an accountant",
    "a park ranger", "a line cook", "a graphic designer", "a logistics officer in the army",
    "a translator", "a lab technician", "a wedding photographer",
];

/// Narrow topics, so that search has rare words to find.
#[rustfmt::skip]
pub(super) const RARE_TOPICS: &[&str] = &[
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
pub(super) const HOBBIES: &[&str] = &[
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
pub(super) const GENERAL_INTERESTS: &[&str] = &[
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
pub(super) const GENERAL_WORK: &[&str] = &[
    "committee work", "project management", "student worker supervision", "grant writing",
    "assessment", "social media", "staff training", "policy writing", "spreadsheets",
    "event planning", "accessibility audits", "usability testing", "statistics and reporting",
];

/// What students list as work while they study.
#[rustfmt::skip]
pub(super) const STUDENT_WORK: &[&str] = &[
    "coursework", "practicum", "capstone project", "graduate assistantship",
    "student chapter of ALA", "e-portfolio", "reference desk shifts", "digitization project",
];
