//! The letter as a one-page PDF in Helvetica (a font every reader has), and
//! `GET /letters/{code}.pdf` for the mentor it recognises.

use super::{model::Verified, store};
use crate::dates::long_day_in;
use crate::{
    accounts::{model::CurrentUser, store::language_of},
    db::Db,
    error::AppError,
    i18n::td_string,
    language::Lang,
    notifications::mail::Mailer,
};
use axum::{
    extract::{Path, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};

/// Text in the WinAnsi encoding the standard fonts use; what it cannot
/// hold becomes "?".
fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            ' '..='~' => c as u8,
            '\u{a0}'..='\u{ff}' => c as u32 as u8,
            '–' => 0x96,
            '—' => 0x97,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '…' => 0x85,
            '€' => 0x80,
            _ => b'?',
        })
        .collect()
}

/// Splits a paragraph into lines of at most `width` characters.
fn wrap(paragraph: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in paragraph.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// An A4 page: heading, the letter's paragraphs, and where to verify it, in
/// `lang` (the language of the mentor the letter recognises).
pub fn render(letter: &Verified, verify_url: &str, lang: Lang) -> Vec<u8> {
    let l = lang.locale();
    let (catalog, tree, page_id, regular, bold, content_id) = (
        Ref::new(1),
        Ref::new(2),
        Ref::new(3),
        Ref::new(4),
        Ref::new(5),
        Ref::new(6),
    );
    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids([page_id]).count(1);
    let mut page = pdf.page(page_id);
    page.media_box(Rect::new(0.0, 0.0, 595.0, 842.0));
    page.parent(tree);
    page.contents(content_id);
    {
        let mut resources = page.resources();
        let mut fonts = resources.fonts();
        fonts.pair(Name(b"F1"), regular);
        fonts.pair(Name(b"F2"), bold);
    }
    page.finish();
    for (id, name) in [(regular, &b"Helvetica"[..]), (bold, &b"Helvetica-Bold"[..])] {
        pdf.type1_font(id)
            .base_font(Name(name))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
    }

    let mut c = Content::new();
    let mut y = 770.0;
    let line = |c: &mut Content, font: &[u8], size: f32, text: &str, y: &mut f32| {
        c.begin_text();
        c.set_font(Name(font), size);
        c.next_line(72.0, *y);
        c.show(Str(&win_ansi(text)));
        c.end_text();
        *y -= size * 1.45;
    };
    line(
        &mut c,
        b"F2",
        20.0,
        td_string!(l, letters.pdf.heading),
        &mut y,
    );
    line(
        &mut c,
        b"F1",
        11.0,
        &td_string!(l, letters.pdf.service_of, mentor = &letter.mentor_name).to_string(),
        &mut y,
    );
    y -= 14.0;
    for paragraph in letter.body.split("\n\n") {
        for text in wrap(paragraph, 88) {
            line(&mut c, b"F1", 11.0, &text, &mut y);
        }
        y -= 9.0;
    }
    y -= 20.0;
    line(
        &mut c,
        b"F2",
        10.0,
        td_string!(l, letters.pdf.check),
        &mut y,
    );
    line(&mut c, b"F1", 10.0, verify_url, &mut y);
    line(
        &mut c,
        b"F1",
        9.0,
        &td_string!(
            l,
            letters.pdf.issued,
            day = long_day_in(lang, letter.approved_at)
        )
        .to_string(),
        &mut y,
    );
    pdf.stream(content_id, &c.finish());
    pdf.finish()
}

pub async fn letter_file(
    State(db): State<Db>,
    State(mailer): State<Mailer>,
    user: Result<CurrentUser, AppError>,
    Path(file): Path<String>,
) -> Response {
    let Some(code) = file.strip_suffix(".pdf") else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let result = match user {
        // Only the mentor it recognises downloads it: in their language.
        Ok(user) => match store::own(&db, user.id, code).await {
            Ok(letter) => language_of(db.pool(), user.id)
                .await
                .map(|lang| (letter, lang))
                .map_err(AppError::from),
            Err(e) => Err(e),
        },
        Err(e) => Err(e),
    };
    match result {
        Ok((letter, lang)) => {
            // The configured address, as in emails: never the request's Host.
            let url = format!("{}/verify/{code}", mailer.public_url);
            (
                [
                    (header::CONTENT_TYPE, "application/pdf"),
                    (header::CACHE_CONTROL, "private, no-store"),
                ],
                render(&letter, &url, lang),
            )
                .into_response()
        }
        Err(e) => e.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_letter_is_a_pdf_with_its_words_and_address() {
        let pdf = render(
            &Verified {
                mentor_name: "Zoë Okafor".into(),
                body: "This letter recognises Zoë Okafor – a mentor.\n\nSecond paragraph.".into(),
                approved_at: 1_795_392_000_000,
            },
            "https://carrel.example/verify/abc",
            Lang::En,
        );
        assert!(pdf.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("https://carrel.example/verify/abc"));
        assert!(text.contains("Second paragraph."));
        // ë and – in WinAnsi (a hex string, as non-ASCII text is written), not UTF-8.
        let hex: String = win_ansi("Zoë Okafor – a mentor")
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect();
        assert!(hex.starts_with("5A6FEB204F6B61666F722096"), "{hex}");
        assert!(text.to_uppercase().contains(&hex), "{text}");
    }

    #[test]
    fn long_paragraphs_wrap_at_word_boundaries() {
        let lines = wrap(&"word ".repeat(40), 20);
        assert!(lines.iter().all(|l| l.len() <= 20));
        assert_eq!(lines.join(" ").split(' ').count(), 40);
    }
}
