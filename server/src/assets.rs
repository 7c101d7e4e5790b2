//! The build's files. `cargo leptos build` gives everything under /pkg/ a
//! content-hashed name and lists the main ones in `hash.txt` beside the
//! binary; the service worker and the offline page are written with those
//! names, so a new deployment changes them and browsers drop the old build.

use axum::{
    extract::State,
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use leptos::config::LeptosOptions;
use std::sync::LazyLock;

/// What this build's pages link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Build {
    /// Changes with every build that changes a file the browser runs.
    pub id: String,
    /// Whether the names under /pkg/ are hashed (not so for a plain `cargo build`).
    pub hashed: bool,
    /// Paths of the files every page loads first.
    pub shell: Vec<String>,
}

impl Build {
    /// Reads `hash.txt`'s `kind: hash` lines.
    fn from_hash_file(text: Option<&str>) -> Self {
        let hash = |kind: &str| {
            text?.lines().find_map(|line| {
                let (k, v) = line.split_once(':')?;
                (k.trim() == kind).then(|| v.trim().to_owned())
            })
        };
        let named = |stem: &str, kind: &str, ext: &str| match hash(kind) {
            Some(h) => format!("/pkg/{stem}.{h}.{ext}"),
            None => format!("/pkg/{stem}.{ext}"),
        };
        let mut shell = vec![
            named("carrel", "css", "css"),
            named("carrel", "js", "js"),
            named("carrel", "wasm", "wasm"),
        ];
        if let Some(split) = hash("split") {
            shell.push(format!("/pkg/__wasm_split.{split}.js"));
        }
        Self {
            id: hash("wasm").unwrap_or_else(|| "unhashed".to_owned()),
            hashed: text.is_some(),
            shell,
        }
    }

    pub fn current() -> &'static Build {
        static BUILD: LazyLock<Build> = LazyLock::new(|| {
            let text = std::env::current_exe()
                .ok()
                .and_then(|exe| std::fs::read_to_string(exe.parent()?.join("hash.txt")).ok());
            Build::from_hash_file(text.as_deref())
        });
        &BUILD
    }

    /// `template` with this build's id, stylesheet and shell files written in.
    fn fill(&self, template: &str) -> String {
        let shell = self
            .shell
            .iter()
            .map(|p| format!("\"{p}\""))
            .collect::<Vec<_>>()
            .join(", ");
        template
            .replace("__CARREL_BUILD__", &self.id)
            .replace("__CARREL_CSS__", &self.shell[0])
            .replace("\"__CARREL_SHELL__\"", &shell)
    }
}

/// `/sw.js` and `/offline.html`, from their templates in the site root.
pub async fn build_file(State(options): State<LeptosOptions>, uri: axum::http::Uri) -> Response {
    let (file, kind) = match uri.path() {
        "/sw.js" => ("sw.js", "text/javascript; charset=utf-8"),
        _ => ("offline.html", "text/html; charset=utf-8"),
    };
    let path = std::path::Path::new(options.site_root.as_ref()).join(file);
    match tokio::fs::read_to_string(&path).await {
        Ok(template) => (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static(kind)),
                // Browsers check the worker for a new build on every visit.
                (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            ],
            Build::current().fill(&template),
        )
            .into_response(),
        Err(err) => {
            tracing::error!(%err, path = %path.display(), "site file missing");
            StatusCode::NOT_FOUND.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Build;

    #[test]
    fn hashed_names_come_from_hash_txt() {
        let b = Build::from_hash_file(Some("js: J1\nwasm: W2\ncss: C3\nmanifest: M4\nsplit: S5\n"));
        assert_eq!(b.id, "W2");
        assert!(b.hashed);
        assert_eq!(
            b.shell,
            [
                "/pkg/carrel.C3.css",
                "/pkg/carrel.J1.js",
                "/pkg/carrel.W2.wasm",
                "/pkg/__wasm_split.S5.js"
            ]
        );
        let filled = b.fill(
            "const B = \"__CARREL_BUILD__\"; const S = [\"__CARREL_SHELL__\"]; __CARREL_CSS__",
        );
        assert_eq!(
            filled,
            "const B = \"W2\"; const S = [\"/pkg/carrel.C3.css\", \"/pkg/carrel.J1.js\", \"/pkg/carrel.W2.wasm\", \"/pkg/__wasm_split.S5.js\"]; /pkg/carrel.C3.css"
        );
    }

    #[test]
    fn an_unhashed_build_links_plain_names() {
        let b = Build::from_hash_file(None);
        assert!(!b.hashed);
        assert_eq!(b.shell[0], "/pkg/carrel.css");
        assert_eq!(b.id, "unhashed");
    }
}
