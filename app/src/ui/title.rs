//! The document title. Pages put member text in it (a mentor's name, a cycle's
//! name), and leptos_meta 0.8 writes the title into the server's HTML without
//! escaping it; the browser sets `document.title`, which is text already. So the
//! server escapes here, the one place every title passes through, until
//! leptos_meta escapes it itself.

/// `page`, then the site's name, ready for the `<title>` element.
pub fn page_title(page: String) -> String {
    let title = crate::tr!(common.page_title, page = page).to_string();
    #[cfg(feature = "ssr")]
    let title = html_escape::encode_text(&title).into_owned();
    title
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn member_text_cannot_close_the_title() {
        let t = page_title("Mal</title><script>alert(1)</script> & co".to_owned());
        assert_eq!(
            t,
            "Mal&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; co · Carrel"
        );
    }
}
