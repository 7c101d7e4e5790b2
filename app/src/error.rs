//! The one error type of Carrel: every server function returns `Result<T, AppError>`.
//! It crosses the network as JSON, and, for forms posted with JavaScript off, inside
//! the redirect URL, so a re-rendered form can show the same field errors.

use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("{}", .0.summary())]
    Invalid(FieldErrors),
    #[error("{}", crate::tr!(common.errors.unauthenticated))]
    Unauthenticated,
    #[error("{0}")]
    Forbidden(String),
    #[error("{}", crate::tr!(common.errors.not_found))]
    NotFound,
    /// The thing changed under the caller (answered, withdrawn, taken): say what happened.
    #[error("{0}")]
    Conflict(String),
    /// Rate limited: try again after this many seconds.
    #[error("{}", wait_words(*.0))]
    TooManyAttempts(u64),
    #[error("{}{}", crate::tr!(common.errors.bad_request), .0)]
    BadRequest(String),
    #[error("{}", crate::tr!(common.errors.unreachable))]
    Unreachable,
    #[error("{}", crate::tr!(common.errors.internal))]
    Internal,
}

impl AppError {
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::Invalid(_) | AppError::BadRequest(_) => 400,
            AppError::Unauthenticated => 401,
            AppError::Forbidden(_) => 403,
            AppError::NotFound => 404,
            AppError::Conflict(_) => 409,
            AppError::TooManyAttempts(_) => 429,
            AppError::Unreachable => 503,
            AppError::Internal => 500,
        }
    }

    pub fn forbidden(why: impl Into<String>) -> Self {
        AppError::Forbidden(why.into())
    }

    pub fn conflict(why: impl Into<String>) -> Self {
        AppError::Conflict(why.into())
    }

    /// One message about the whole form, as a form error the page shows.
    pub fn form(message: impl Into<String>) -> Self {
        let mut errors = FieldErrors::new();
        errors.add("form", message);
        AppError::Invalid(errors)
    }

    /// The message for one form field, if this error is about it.
    pub fn field(&self, name: &str) -> Option<String> {
        match self {
            AppError::Invalid(f) => f
                .errors
                .iter()
                .find(|e| e.field == name)
                .map(|e| e.message.clone()),
            _ => None,
        }
    }

    /// What the user had typed into a field, carried back so nothing is lost.
    pub fn value(&self, name: &str) -> Option<String> {
        match self {
            AppError::Invalid(f) => f
                .values
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone()),
            _ => None,
        }
    }
}

/// Field-level problems with a form, plus the non-secret values the user typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors {
    pub errors: Vec<FieldError>,
    pub values: Vec<(String, String)>,
}

/// The most of one typed value a refusal carries back.
pub const MAX_KEPT_CHARS: usize = 32 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The form field's `name`, or `form` for a problem with the whole form.
    pub field: String,
    pub message: String,
}

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(FieldError {
            field: field.to_owned(),
            message: message.into(),
        });
    }

    /// Remembers what the user typed; never call this with a password. Past
    /// `MAX_KEPT_CHARS` (far beyond any field's own limit) the rest is dropped:
    /// the refusal travels back in the answer, or the URL with JavaScript off.
    pub fn keep(mut self, field: &str, value: &str) -> Self {
        let kept = match value.char_indices().nth(MAX_KEPT_CHARS) {
            Some((end, _)) => &value[..end],
            None => value,
        };
        self.values.push((field.to_owned(), kept.to_owned()));
        self
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// Passes on a field's parsed value, or records why it did not parse:
    /// each field is parsed once, and the typed result is built from the values.
    pub fn parsed<T, M: Into<String>>(&mut self, field: &str, parsed: Result<T, M>) -> Option<T> {
        parsed.map_err(|message| self.add(field, message)).ok()
    }

    /// `Ok(())` when nothing was added, otherwise the error to return.
    pub fn into_result(self) -> Result<(), AppError> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self))
        }
    }

    fn summary(&self) -> String {
        match self.errors.as_slice() {
            [only] => only.message.clone(),
            _ => crate::tr!(common.errors.fix_fields).to_string(),
        }
    }
}

fn wait_words(secs: u64) -> String {
    match secs {
        0..=1 => crate::tr!(common.errors.wait_second).to_string(),
        // One sentence for both units: the browser carries one formatter, not two.
        2..=90 => crate::tr!(
            common.errors.wait,
            wait = format!("{secs} {}", crate::tr!(common.errors.seconds))
        )
        .to_string(),
        _ => crate::tr!(
            common.errors.wait,
            wait = format!(
                "{} {}",
                secs.div_ceil(60),
                crate::tr!(common.errors.minutes)
            )
        )
        .to_string(),
    }
}

impl FromServerFnError for AppError {
    type Encoder = crate::wire::JsonText;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(m)
            | ServerFnErrorErr::MissingArg(m)
            | ServerFnErrorErr::Deserialization(m) => AppError::BadRequest(m),
            ServerFnErrorErr::Request(_) => AppError::Unreachable,
            _ => AppError::Internal,
        }
    }
}

/// For plain axum routes (calendar files, letters, CSV): the status and the message.
#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        let status = axum::http::StatusCode::from_u16(self.status_code())
            .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
        let mut res = (status, self.to_string()).into_response();
        if let AppError::TooManyAttempts(secs) = self {
            res.headers_mut()
                .insert(axum::http::header::RETRY_AFTER, secs.into());
        }
        res
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        tracing::error!(error = %err, "database error");
        AppError::Internal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_errors_round_trip_through_json() {
        let mut f = FieldErrors::new().keep("email", "ana@example.org");
        f.add("password", "Use at least 10 characters.");
        let err = f.into_result().unwrap_err();
        let json = serde_json::to_string(&err).unwrap();
        let back: AppError = serde_json::from_str(&json).unwrap();
        assert_eq!(
            back.field("password").as_deref(),
            Some("Use at least 10 characters.")
        );
        assert_eq!(back.value("email").as_deref(), Some("ana@example.org"));
        assert_eq!(back.status_code(), 400);
        assert_eq!(back.to_string(), "Use at least 10 characters.");
    }

    #[test]
    fn a_huge_typed_value_is_not_carried_back_whole() {
        let f = FieldErrors::new().keep("bio", &"é".repeat(MAX_KEPT_CHARS + 10));
        assert_eq!(f.values[0].1.chars().count(), MAX_KEPT_CHARS);
    }

    #[test]
    fn waits_read_as_words() {
        assert_eq!(
            AppError::TooManyAttempts(120).to_string(),
            "Too many attempts. Please wait 2 minutes and try again."
        );
        assert!(AppError::TooManyAttempts(5)
            .to_string()
            .contains("5 seconds"));
    }
}
