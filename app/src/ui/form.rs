//! The form widgets. Every field shows its error the same way (one wrapper,
//! [`Invalid`]), tied to its control for screen readers, and keeps what the
//! user typed after a refused submit.
//!
//! A field's errors and typed values are read from the form's latest error:
//! values under the field's posted name, errors under its innermost key
//! (`agreement[channel]` reports as `channel`). An island binds a widget to
//! its own state with `on:input`/`on:change` on the widget (events bubble to
//! its wrapper) and a reactive `current`.

use crate::error::AppError;
use leptos::{prelude::*, server_fn::ServerFn};

/// The latest error of a server action, as a signal.
pub fn action_error<S>(action: ServerAction<S>) -> Signal<Option<AppError>>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
{
    Signal::derive(move || {
        action
            .value()
            .with(|v| v.as_ref().and_then(|r| r.as_ref().err().cloned()))
    })
}

/// What was typed into the field posted as `name` before a refused submit.
pub fn typed(error: Signal<Option<AppError>>, name: &str) -> Option<String> {
    error.with_untracked(|e| e.as_ref().and_then(|e| e.value(name)))
}

/// The key a field's errors are reported under: the innermost part of a
/// nested name, else the name itself.
fn error_key(name: &str) -> &str {
    name.strip_suffix(']')
        .and_then(|n| n.rsplit_once('['))
        .map_or(name, |(_, key)| key)
}

/// A field's invalid state: its message, shown after the control, and the
/// hint and message ids the control is described by.
#[derive(Clone)]
struct Invalid {
    id: String,
    hint: Option<String>,
    message: Memo<Option<String>>,
}

impl Invalid {
    fn new(
        error: Signal<Option<AppError>>,
        name: &str,
        id: Option<String>,
        hint: Option<String>,
    ) -> Self {
        let key = error_key(name).to_owned();
        let id = id.unwrap_or_else(|| format!("field-{key}"));
        let message = Memo::new(move |_| error.with(|e| e.as_ref().and_then(|e| e.field(&key))));
        let hint = hint.filter(|h| !h.is_empty());
        Self { id, hint, message }
    }

    fn is_invalid(&self) -> impl Fn() -> bool + Copy + Send + Sync + 'static {
        let message = self.message;
        move || message.with(Option::is_some)
    }

    fn aria_invalid(&self) -> impl Fn() -> Option<&'static str> + Copy + Send + Sync + 'static {
        let invalid = self.is_invalid();
        move || invalid().then_some("true")
    }

    fn described_by(&self) -> impl Fn() -> Option<String> + Send + Sync + 'static {
        let hint_id = self.hint.is_some().then(|| format!("{}-hint", self.id));
        let error_id = format!("{}-error", self.id);
        let invalid = self.is_invalid();
        move || {
            let ids: Vec<&str> = hint_id
                .as_deref()
                .into_iter()
                .chain(invalid().then_some(error_id.as_str()))
                .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    }

    fn hint_view(&self) -> impl IntoView {
        let id = format!("{}-hint", self.id);
        self.hint
            .clone()
            .map(|h| view! { <p class="field__hint" id=id>{h}</p> })
    }

    fn message_view(&self) -> impl IntoView {
        let (message, id) = (self.message, format!("{}-error", self.id));
        move || {
            message
                .get()
                .map(|m| view! { <p class="field__error" id=id.clone()>{m}</p> })
        }
    }
}

/// A labelled input.
#[component]
pub fn Field(
    #[prop(into)] label: String,
    /// The posted name.
    #[prop(into)]
    name: String,
    /// The form's latest error: this field's message and typed value are read from it.
    error: Signal<Option<AppError>>,
    #[prop(default = "text")] kind: &'static str,
    /// `""` leaves it to the browser.
    #[prop(default = "off")]
    autocomplete: &'static str,
    #[prop(optional, into)] hint: Option<String>,
    /// The saved value, shown until a refused submit brings back what was typed.
    #[prop(optional, into)]
    current: Signal<String>,
    /// The control's id, when not `field-{key}`.
    #[prop(optional, into)]
    id: Option<String>,
    #[prop(optional_no_strip)] list: Option<&'static str>,
    #[prop(optional)] min: Option<&'static str>,
    #[prop(optional)] max: Option<&'static str>,
    /// Shown after the field's error.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let field = Invalid::new(error, &name, id, hint);
    // Passwords are never echoed back.
    let typed = (kind != "password").then(|| typed(error, &name)).flatten();
    let value = move || typed.clone().unwrap_or_else(|| current.get());
    view! {
        <div class="field" class:field--invalid=field.is_invalid()>
            <label for=field.id.clone()>{label}</label>
            {field.hint_view()}
            <input
                id=field.id.clone()
                name=name
                type=kind
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                list=list
                min=min
                max=max
                value=value.clone()
                prop:value=value
                aria-invalid=field.aria_invalid()
                aria-describedby=field.described_by()
            />
            {field.message_view()}
            {children.map(|c| c())}
        </div>
    }
}

/// The options of a [`Choice`]: `(value, text)`.
pub struct Options(Vec<(String, String)>);

impl From<Vec<(String, String)>> for Options {
    fn from(options: Vec<(String, String)>) -> Self {
        Self(options)
    }
}

impl From<Vec<(&'static str, &'static str)>> for Options {
    fn from(options: Vec<(&'static str, &'static str)>) -> Self {
        Self(
            options
                .into_iter()
                .map(|(v, t)| (v.to_owned(), t.to_owned()))
                .collect(),
        )
    }
}

/// A labelled drop-down.
#[component]
pub fn Choice(
    #[prop(into)] label: String,
    #[prop(into)] name: String,
    #[prop(into)] options: Options,
    error: Signal<Option<AppError>>,
    #[prop(optional, into)] hint: Option<String>,
    /// The saved choice, kept until a refused submit brings back what was chosen.
    #[prop(optional, into)]
    current: Option<String>,
    #[prop(optional, into)] id: Option<String>,
    /// The text of an empty first option, for a choice not made yet.
    #[prop(optional, into)]
    placeholder: Option<String>,
    /// Values shown but not offered.
    #[prop(optional)]
    disabled: Vec<String>,
) -> impl IntoView {
    let field = Invalid::new(error, &name, id, hint);
    let chosen = typed(error, &name).or(current).unwrap_or_default();
    view! {
        <div class="field" class:field--invalid=field.is_invalid()>
            <label for=field.id.clone()>{label}</label>
            {field.hint_view()}
            <select id=field.id.clone() name=name
                aria-invalid=field.aria_invalid() aria-describedby=field.described_by()>
                {placeholder.map(|text| view! { <option value="" selected=chosen.is_empty()>{text}</option> })}
                {options.0.into_iter().map(|(value, text)| {
                    let (selected, off) = (value == chosen, disabled.contains(&value));
                    view! { <option value=value selected=selected disabled=off>{text}</option> }
                }).collect_view()}
            </select>
            {field.message_view()}
        </div>
    }
}

/// A labelled textarea.
#[component]
pub fn LongField(
    #[prop(into)] label: String,
    #[prop(into)] name: String,
    error: Signal<Option<AppError>>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(default = 4)] rows: u32,
    /// The saved text, kept until a refused submit brings back what was typed.
    #[prop(optional, into)]
    current: Option<String>,
    #[prop(optional, into)] id: Option<String>,
) -> impl IntoView {
    let field = Invalid::new(error, &name, id, hint);
    let text = typed(error, &name).or(current);
    view! {
        <div class="field" class:field--invalid=field.is_invalid()>
            <label for=field.id.clone()>{label}</label>
            {field.hint_view()}
            <textarea id=field.id.clone() name=name rows=rows
                aria-invalid=field.aria_invalid() aria-describedby=field.described_by()>
                {text}
            </textarea>
            {field.message_view()}
        </div>
    }
}

/// A checkbox with its label (the children) after it.
#[component]
pub fn Check(
    #[prop(into)] name: String,
    error: Signal<Option<AppError>>,
    #[prop(default = "on")] value: &'static str,
    #[prop(optional)] checked: bool,
    #[prop(optional, into)] id: Option<String>,
    children: Children,
) -> impl IntoView {
    let field = Invalid::new(error, &name, id, None);
    view! {
        <div class="field field--check" class:field--invalid=field.is_invalid()>
            <input id=field.id.clone() type="checkbox" name=name value=value checked=checked
                aria-invalid=field.aria_invalid() aria-describedby=field.described_by()/>
            <label for=field.id.clone()>{children()}</label>
            {field.message_view()}
        </div>
    }
}

/// Checkboxes or radio buttons (the children) under one legend, with the
/// group's error after them.
#[component]
pub fn Group(
    #[prop(into)] legend: String,
    /// The posted name the group's errors are reported under.
    #[prop(into)]
    name: String,
    error: Signal<Option<AppError>>,
    #[prop(default = "checks")] class: &'static str,
    #[prop(optional, into)] hint: Option<String>,
    /// What the hint's and message's ids start with, when not `field-{key}`.
    #[prop(optional, into)]
    id: Option<String>,
    children: Children,
) -> impl IntoView {
    let field = Invalid::new(error, &name, id, hint);
    view! {
        <fieldset class=class class:field--invalid=field.is_invalid() aria-describedby=field.described_by()>
            <legend>{legend}</legend>
            {field.hint_view()}
            {children()}
            {field.message_view()}
        </fieldset>
    }
}

/// The message for a problem with the whole form (or any error that is not about
/// one field), announced to screen readers.
#[component]
pub fn FormError(error: Signal<Option<AppError>>) -> impl IntoView {
    let message = move || {
        error.with(|e| match e {
            None => None,
            Some(AppError::Invalid(f)) => f
                .errors
                .iter()
                .find(|e| e.field == "form")
                .map(|e| e.message.clone())
                .or_else(|| Some("Please correct the fields marked below.".to_owned())),
            Some(other) => Some(other.to_string()),
        })
    };
    view! {
        <div role="alert" class="form-error-slot">
            {move || message().map(|m| view! { <p class="form-error">{m}</p> })}
        </div>
    }
}
