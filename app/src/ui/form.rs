//! Form pieces that show field errors accessibly and keep what the user typed.

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

/// A labelled input with its hint and error message tied to it for screen readers.
#[component]
pub fn Field(
    label: &'static str,
    name: &'static str,
    /// The form's latest error: this field's message and typed value are read from it.
    error: Signal<Option<AppError>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    /// The saved value, shown until a refused submit brings back what was typed.
    #[prop(optional, into)]
    current: Option<String>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let message = Memo::new(move |_| error.with(|e| e.as_ref().and_then(|e| e.field(name))));
    // Passwords are never echoed back.
    let value = move || {
        (kind != "password")
            .then(|| error.with(|e| e.as_ref().and_then(|e| e.value(name))))
            .flatten()
            .or_else(|| current.clone())
            .unwrap_or_default()
    };
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if message.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:field--invalid=move || message.with(Option::is_some)>
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id>{h}</p> })}
            <input
                id=id
                name=name
                type=kind
                autocomplete=autocomplete
                value=value
                aria-invalid=move || message.with(Option::is_some).then_some("true")
                aria-describedby=described_by
            />
            {move || {
                message
                    .get()
                    .map(|m| view! { <p class="field__error" id=error_id.clone()>{m}</p> })
            }}
        </div>
    }
}

/// A labelled drop-down that keeps the chosen value after a refused submit.
#[component]
pub fn Choice(
    label: &'static str,
    name: &'static str,
    options: Vec<(&'static str, &'static str)>,
    error: Signal<Option<AppError>>,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let message = Memo::new(move |_| error.with(|e| e.as_ref().and_then(|e| e.field(name))));
    let chosen = move || error.with(|e| e.as_ref().and_then(|e| e.value(name)));
    view! {
        <div class="field" class:field--invalid=move || message.with(Option::is_some)>
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="field__hint">{h}</p> })}
            <select id=id name=name aria-invalid=move || message.with(Option::is_some).then_some("true")>
                <option value="">"Choose…"</option>
                {options.into_iter().map(|(value, text)| view! {
                    <option value=value selected=move || chosen().as_deref() == Some(value)>{text}</option>
                }).collect_view()}
            </select>
            {move || message.get().map(|m| view! { <p class="field__error">{m}</p> })}
        </div>
    }
}

/// A labelled textarea that keeps what was typed after a refused submit.
#[component]
pub fn LongField(
    label: &'static str,
    name: &'static str,
    error: Signal<Option<AppError>>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = 4)] rows: u32,
) -> impl IntoView {
    let id = format!("field-{name}");
    let message = Memo::new(move |_| error.with(|e| e.as_ref().and_then(|e| e.field(name))));
    let typed = error.with_untracked(|e| e.as_ref().and_then(|e| e.value(name)));
    view! {
        <div class="field" class:field--invalid=move || message.with(Option::is_some)>
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="field__hint">{h}</p> })}
            <textarea id=id name=name rows=rows
                aria-invalid=move || message.with(Option::is_some).then_some("true")>
                {typed}
            </textarea>
            {move || message.get().map(|m| view! { <p class="field__error">{m}</p> })}
        </div>
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
