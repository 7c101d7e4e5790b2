//! Members' limited Markdown (bios now, messages later) rendered to HTML that
//! is safe to insert: pulldown-cmark renders, ammonia keeps only the tags below.

use std::{collections::HashSet, sync::LazyLock};

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::empty();
    b.tags(HashSet::from([
        "p",
        "br",
        "em",
        "strong",
        "a",
        "ul",
        "ol",
        "li",
        "blockquote",
        "code",
        "pre",
    ]))
    .tag_attributes([("a", HashSet::from(["href"]))].into())
    .url_schemes(HashSet::from(["http", "https", "mailto"]))
    .link_rel(Some("nofollow noopener noreferrer"));
    b
});

/// Renders Markdown to sanitised HTML; raw HTML, images and scripts are dropped.
pub fn render(markdown: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(markdown));
    CLEANER.clean(&html).to_string()
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn keeps_light_formatting_and_drops_anything_active() {
        let html = render(
            "Hi *there* [site](https://example.org)\n\n[x](javascript:alert(1)) \
             ![i](https://example.org/i.png) <b onclick=x>b</b>\n\n<script>alert(1)</script>",
        );
        assert!(html.contains("<em>there</em>"), "{html}");
        assert!(
            html.contains(
                r#"<a href="https://example.org" rel="nofollow noopener noreferrer">site</a>"#
            ),
            "{html}"
        );
        for bad in ["<script", "href=\"javascript", "<img", "onclick"] {
            assert!(!html.contains(bad), "{bad} survived in {html}");
        }
    }
}
