//! The programs pages: `/programs` and a program's page ([`public`]), its
//! coordinators' page ([`manage`], with its [`cycles`] and [`imports`]
//! sections), its [`reports`], and the administrators' page ([`admin`]).
//! Every form is a plain form posting to its server function.

mod admin;
mod cycles;
mod imports;
mod manage;
mod public;
mod reports;

pub use admin::AdminProgramsPage;
pub use cycles::EditCyclePage;
pub use imports::ImportPreviewPage;
pub use manage::ManageProgramPage;
pub use public::{ProgramPage, ProgramsPage};
pub use reports::ReportsPage;

use super::model::Phase;
use crate::dates::day;
use leptos::prelude::*;

fn span(from: i64, to: i64) -> String {
    format!("{} – {}", day(from), day(to))
}

fn phase_badge(phase: Phase) -> impl IntoView {
    let (text, ok) = match phase {
        Phase::Upcoming => ("Enrolment opens soon", false),
        Phase::Enrolling => ("Enrolling now", true),
        Phase::Running => ("Under way", false),
        Phase::Ended => ("Ended", false),
    };
    view! { <span class="badge" class:badge--ok=ok>{text}</span> }
}
