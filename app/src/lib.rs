//! Carrel: what runs on both server and browser. One folder per feature;
//! server-only code sits behind the `ssr` feature.

#![recursion_limit = "256"]

pub mod about;
pub mod accounts;
pub mod audit;
mod choices;
pub mod dates;
#[cfg(feature = "ssr")]
pub mod db;
pub mod directory;
pub mod error;
pub mod feedback;
pub mod goals;
#[cfg(feature = "ssr")]
pub mod jobs;
pub mod letters;
pub mod meetings;
pub mod mentorships;
pub mod messages;
pub mod notifications;
pub mod privacy;
pub mod profiles;
pub mod programs;
pub mod safety;
#[cfg(feature = "ssr")]
pub mod security;
pub mod sso;
pub mod ui;

pub use error::AppError;

use accounts::{
    context::AuthProvider,
    pages::{
        EmailConfirmedPage, ForgotPasswordPage, ResetPasswordPage, SettingsPage, SignInPage,
        SignOutPage, SignUpPage, VerifyEmailPage,
    },
};
use directory::pages::{DirectoryPage, MentorPage, ShortlistPage};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};
use mentorships::pages::{AssignmentsPage, MentorshipPage, MentorshipsPage};
use messages::pages::{InboxPage, ThreadActivityPage};
use notifications::pages::{NotificationsPage, OutboxPage};
use profiles::pages::{EditProfilePage, FocusAreasPage};
use programs::pages::{AdminProgramsPage, ManageProgramPage, ProgramPage, ProgramsPage};
use safety::pages::ReportsPage;
use ui::{
    errors::{error_fallback, NotFound},
    layout::{Footer, Header},
};

/// The HTML document around the app; rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    security::policy::protect_page();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="description" content="Carrel: one-on-one mentoring for librarians."/>
                <meta name="theme-color" content="#2f4b3a"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="icon" href="/icons/icon.svg" type="image/svg+xml"/>
                <link rel="apple-touch-icon" href="/icons/icon-192.png"/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
                <script src="/register-sw.js" defer></script>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title formatter=ui::title::page_title/>
        // Every route renders in full before the response is sent (SsrMode::Async):
        // out-of-order streaming needs JavaScript to swap resolved content in,
        // and pages must work without it.
        <Router>
            <AuthProvider>
                <Header/>
                <main id="main" class="page">
                    <ErrorBoundary fallback=error_fallback>
                        <Routes fallback=NotFound>
                            <Route path=path!("") view=about::HomePage ssr=SsrMode::Async/>
                            <Route path=path!("conduct") view=about::ConductPage ssr=SsrMode::Async/>
                            <Route path=path!("signup") view=SignUpPage ssr=SsrMode::Async/>
                            <Route path=path!("login") view=SignInPage ssr=SsrMode::Async/>
                            <Route path=path!("logout") view=SignOutPage ssr=SsrMode::Async/>
                            <Route path=path!("settings") view=SettingsPage ssr=SsrMode::Async/>
                            <Route path=path!("signup/sso") view=sso::pages::SsoJoinPage ssr=SsrMode::Async/>
                            <Route path=path!("forgot-password") view=ForgotPasswordPage ssr=SsrMode::Async/>
                            <Route path=path!("reset-password/:token") view=ResetPasswordPage ssr=SsrMode::Async/>
                            <Route path=path!("verify-email/:token") view=VerifyEmailPage ssr=SsrMode::Async/>
                            <Route path=path!("email-confirmed") view=EmailConfirmedPage ssr=SsrMode::Async/>
                            <Route path=path!("account-deleted") view=privacy::pages::AccountDeletedPage ssr=SsrMode::Async/>
                            <Route path=path!("mentors") view=DirectoryPage ssr=SsrMode::Async/>
                            <Route path=path!("mentors/:id") view=MentorPage ssr=SsrMode::Async/>
                            <Route path=path!("me/profile") view=EditProfilePage ssr=SsrMode::Async/>
                            <Route path=path!("me/shortlist") view=ShortlistPage ssr=SsrMode::Async/>
                            <Route path=path!("mentorships") view=MentorshipsPage ssr=SsrMode::Async/>
                            <Route path=path!("mentorships/:id") view=MentorshipPage ssr=SsrMode::Async/>
                            <Route path=path!("messages") view=InboxPage ssr=SsrMode::Async/>
                            <Route path=path!("programs") view=ProgramsPage ssr=SsrMode::Async/>
                            <Route path=path!("programs/:slug") view=ProgramPage ssr=SsrMode::Async/>
                            <Route path=path!("programs/:slug/manage") view=ManageProgramPage ssr=SsrMode::Async/>
                            <Route path=path!("programs/:slug/reports") view=programs::pages::ReportsPage ssr=SsrMode::Async/>
                            <Route path=path!("programs/:slug/assignments") view=AssignmentsPage ssr=SsrMode::Async/>
                            <Route path=path!("programs/:slug/cycles/:id/edit") view=programs::pages::EditCyclePage ssr=SsrMode::Async/>
                            <Route path=path!("programs/:slug/import/:draft") view=programs::pages::ImportPreviewPage ssr=SsrMode::Async/>
                            <Route path=path!("feedback") view=feedback::pages::FeedbackPage ssr=SsrMode::Async/>
                            <Route path=path!("letters") view=letters::pages::LettersPage ssr=SsrMode::Async/>
                            <Route path=path!("verify/:code") view=letters::pages::VerifyPage ssr=SsrMode::Async/>
                            <Route path=path!("notifications") view=NotificationsPage ssr=SsrMode::Async/>
                            <Route path=path!("admin/programs") view=AdminProgramsPage ssr=SsrMode::Async/>
                            <Route path=path!("admin/focus-areas") view=FocusAreasPage ssr=SsrMode::Async/>
                            <Route path=path!("admin/assignments") view=AssignmentsPage ssr=SsrMode::Async/>
                            <Route path=path!("admin/reports") view=ReportsPage ssr=SsrMode::Async/>
                            <Route path=path!("admin/threads") view=ThreadActivityPage ssr=SsrMode::Async/>
                            <Route path=path!("admin/outbox") view=OutboxPage ssr=SsrMode::Async/>
                            <Route path=path!("admin/audit") view=audit::pages::AuditPage ssr=SsrMode::Async/>
                        </Routes>
                    </ErrorBoundary>
                </main>
                <Footer/>
            </AuthProvider>
        </Router>
    }
}
