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
        Phase::Upcoming => (crate::tr!(programs.phase.upcoming), false),
        Phase::Enrolling => (crate::tr!(programs.phase.enrolling), true),
        Phase::Running => (crate::tr!(programs.phase.running), false),
        Phase::Ended => (crate::tr!(programs.phase.ended), false),
    };
    view! { <span class="badge" class:badge--ok=ok>{text}</span> }
}
