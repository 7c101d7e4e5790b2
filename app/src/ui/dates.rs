//! Dates as members read them. Times are stored as Unix milliseconds (UTC).

/// "23 Nov 2026".
pub fn day(ms: i64) -> String {
    match time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000)) {
        Ok(t) => {
            let month = format!("{:?}", t.month());
            format!("{} {} {}", t.day(), &month[..3], t.year())
        }
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn days_read_like_dates() {
        assert_eq!(super::day(1_795_392_000_000), "23 Nov 2026");
        assert_eq!(super::day(0), "1 Jan 1970");
    }
}
