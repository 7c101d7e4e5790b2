//! CSV that a spreadsheet opens as data: a cell that starts with `=`, `+`,
//! `-`, `@`, a tab or a carriage return would run as a formula (OWASP "CSV
//! injection"), so such a cell gets a leading `'`, which spreadsheets show as
//! text and do not print.

use std::borrow::Cow;

pub struct Sheet(csv::Writer<Vec<u8>>);

impl Sheet {
    pub fn new() -> Self {
        Self(csv::Writer::from_writer(Vec::new()))
    }

    pub fn row<I, S>(&mut self, cells: I) -> csv::Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.0.write_record(
            cells
                .into_iter()
                .map(|c| neutralise(c.as_ref()).into_owned()),
        )
    }

    pub fn finish(self) -> Option<String> {
        String::from_utf8(self.0.into_inner().ok()?).ok()
    }
}

impl Default for Sheet {
    fn default() -> Self {
        Self::new()
    }
}

fn neutralise(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text_and_the_rest_is_untouched() {
        let mut s = Sheet::new();
        s.row([
            "=HYPERLINK(\"http://evil.example\",\"x\")",
            "+1",
            "-2",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "Spring 2027",
            "12",
        ])
        .unwrap();
        let text = s.finish().unwrap();
        assert_eq!(
            text,
            "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",'+1,'-2,'@SUM(A1),'\tx,\"'\rx\",Spring 2027,12\n"
        );
    }
}
