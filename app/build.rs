//! Compiles `locales/{en,es}/*.json` into the `crate::i18n` module. A key a
//! page uses but no file has fails the build; a key missing from one language
//! is a warning here and a failure in `scripts/i18n_check.py` (`make test`).

use leptos_i18n_build::{options::CodegenOptions, Config, ParseOptions, TranslationsInfos};
use std::{error::Error, path::PathBuf};

/// One file per feature folder of `src/`, plus `common` for the frame of every page.
const NAMESPACES: [&str; 18] = [
    "common",
    "about",
    "accounts",
    "audit",
    "directory",
    "feedback",
    "goals",
    "language",
    "letters",
    "meetings",
    "mentorships",
    "messages",
    "notifications",
    "privacy",
    "profiles",
    "programs",
    "safety",
    "sso",
];

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    let cfg = Config::new("en")?
        .add_locale("es")?
        .add_namespaces(NAMESPACES)?
        // Emails, errors and file names need words as strings, not only as views.
        .parse_options(ParseOptions::default().interpolate_display(true));
    let translations = TranslationsInfos::parse(cfg)?;
    translations.rerun_if_locales_changed();
    translations.emit_diagnostics();
    // Generated code follows the generator's style, not ours.
    let lints: proc_macro2::TokenStream = "#![allow(clippy::all)]".parse()?;
    let options = CodegenOptions::default()
        .gen_docs(false)
        .top_level_attributes(Some(lints));
    translations.generate_i18n_module_with_options(out.join("i18n"), options)?;
    Ok(())
}
