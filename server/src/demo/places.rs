//! Where demo members work, and the languages they speak there.

use app::profiles::model::LANGUAGE_SUGGESTIONS;
use rand::{rngs::StdRng, seq::SliceRandom, Rng};

/// Where members work. The zone must be where that region keeps its clocks.
pub(super) struct Place {
    pub(super) country: &'static str,
    pub(super) region: &'static str,
    pub(super) zone: &'static str,
    pub(super) weight: u32,
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

pub(super) const US: &str = "United States";
pub(super) const CA: &str = "Canada";
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
pub(super) const PLACES: &[Place] = &[
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

/// English, then languages common where the member works, then now and then another.
pub(super) fn languages(rng: &mut StdRng, place: &Place) -> Vec<String> {
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
