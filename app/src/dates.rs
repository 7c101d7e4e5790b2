//! Time, one module for it: Carrel stores every moment as Unix milliseconds
//! (UTC) and every day as the millisecond of its midnight UTC; these helpers
//! read, write and show them the same on server and browser.

use crate::{i18n::td_string, language::Lang};

pub const DAY_MS: i64 = 86_400_000;

/// Unix time in milliseconds, the unit of every `*_at` column.
#[cfg(feature = "ssr")]
pub fn now_ms() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp_nanos() as i64 / 1_000_000
}

/// `2026-09-01` → Unix milliseconds at midnight UTC.
pub fn parse_day(s: &str) -> Option<i64> {
    let mut parts = s.trim().splitn(3, '-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.parse().ok()?;
    let date =
        time::Date::from_calendar_date(year, time::Month::try_from(month).ok()?, day).ok()?;
    Some(date.midnight().assume_utc().unix_timestamp() * 1000)
}

/// Unix milliseconds → `2026-09-01`, as a date input wants it.
pub fn iso_day(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000))
        .map(|t| format!("{}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day()))
        .unwrap_or_default()
}

/// "2026-11" for a moment (UTC).
pub fn month_of(at: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(at.div_euclid(1000))
        .map(|t| format!("{}-{:02}", t.year(), u8::from(t.month())))
        .unwrap_or_default()
}

/// Every month from `from` to `to` (UTC), oldest first: "2026-09", "2026-10"…
pub fn months_between(from: i64, to: i64) -> Vec<String> {
    let mut months: Vec<String> = Vec::new();
    let mut at = from;
    while at <= to {
        let m = month_of(at);
        if months.last() != Some(&m) {
            months.push(m);
        }
        at += DAY_MS;
    }
    months
}

/// "23 Nov 2026", "23 nov 2026": in the reader's language.
pub fn day(ms: i64) -> String {
    day_in(crate::language::current(), ms)
}

/// "23 Nov 2026" in `lang`.
pub fn day_in(lang: Lang, ms: i64) -> String {
    match time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000)) {
        // "23 Nov 2026", "23 nov 2026": one order in both languages, and no
        // formatting code in the browser's download.
        Ok(t) => format!("{} {} {}", t.day(), month_short(lang, t.month()), t.year()),
        Err(_) => String::new(),
    }
}

/// "23 November 2026", "23 de noviembre de 2026": for letters.
pub fn long_day_in(lang: Lang, ms: i64) -> String {
    match time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000)) {
        Ok(t) => td_string!(
            lang.locale(),
            common.day_long,
            day = t.day(),
            month = month_long(lang, t.month()),
            year = t.year()
        )
        .to_string(),
        Err(_) => String::new(),
    }
}

fn month_short(lang: Lang, month: time::Month) -> &'static str {
    use time::Month::*;
    let l = lang.locale();
    match month {
        January => td_string!(l, common.months_short.jan),
        February => td_string!(l, common.months_short.feb),
        March => td_string!(l, common.months_short.mar),
        April => td_string!(l, common.months_short.apr),
        May => td_string!(l, common.months_short.may),
        June => td_string!(l, common.months_short.jun),
        July => td_string!(l, common.months_short.jul),
        August => td_string!(l, common.months_short.aug),
        September => td_string!(l, common.months_short.sep),
        October => td_string!(l, common.months_short.oct),
        November => td_string!(l, common.months_short.nov),
        December => td_string!(l, common.months_short.dec),
    }
}

fn month_long(lang: Lang, month: time::Month) -> &'static str {
    use time::Month::*;
    let l = lang.locale();
    match month {
        January => td_string!(l, common.months_long.jan),
        February => td_string!(l, common.months_long.feb),
        March => td_string!(l, common.months_long.mar),
        April => td_string!(l, common.months_long.apr),
        May => td_string!(l, common.months_long.may),
        June => td_string!(l, common.months_long.jun),
        July => td_string!(l, common.months_long.jul),
        August => td_string!(l, common.months_long.aug),
        September => td_string!(l, common.months_long.sep),
        October => td_string!(l, common.months_long.oct),
        November => td_string!(l, common.months_long.nov),
        December => td_string!(l, common.months_long.dec),
    }
}

/// "23 Nov 2026, 14:05 UTC": the same on server and browser, so hydration matches.
pub fn moment_utc(ms: i64) -> String {
    match time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000)) {
        Ok(t) => format!("{}, {:02}:{:02} UTC", day(ms), t.hour(), t.minute()),
        Err(_) => String::new(),
    }
}

/// RFC 3339 in UTC, for `<time datetime>`.
pub fn iso(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000))
        .map(|t| {
            format!(
                "{}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
                t.year(),
                u8::from(t.month()),
                t.day(),
                t.hour(),
                t.minute(),
                t.second()
            )
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn days_read_like_dates() {
        assert_eq!(super::day(1_795_392_000_000), "23 Nov 2026");
        assert_eq!(super::day(0), "1 Jan 1970");
        assert_eq!(
            super::moment_utc(1_795_392_000_000 + 14 * 3_600_000 + 5 * 60_000),
            "23 Nov 2026, 14:05 UTC"
        );
    }

    #[test]
    fn spanish_dates_read_like_spanish_dates() {
        use crate::language::Lang;
        assert_eq!(super::day_in(Lang::Es, 1_795_392_000_000), "23 nov 2026");
        assert_eq!(
            super::long_day_in(Lang::Es, 1_795_392_000_000),
            "23 de noviembre de 2026"
        );
        assert_eq!(
            super::long_day_in(Lang::En, 1_795_392_000_000),
            "23 November 2026"
        );
    }
}
