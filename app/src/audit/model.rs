//! What the audit log records.

use crate::choices::choices;
use serde::{Deserialize, Serialize};

choices! {
    /// One kind of recorded action.
    Action in audit.action {
        ProgramCreated = ("program_created", program_created),
        CoordinatorsNamed = ("coordinators_named", coordinators_named),
        MembersImported = ("members_imported", members_imported),
        PairsAssigned = ("pairs_assigned", pairs_assigned),
        LiaisonAssigned = ("liaison_assigned", liaison_assigned),
        LetterDecided = ("letter_decided", letter_decided),
        ReportRead = ("report_read", report_read),
        ConductReportsRead = ("conduct_reports_read", conduct_reports_read),
        ThreadActivityRead = ("thread_activity_read", thread_activity_read),
        AccountDisabled = ("account_disabled", account_disabled),
        AccountEnabled = ("account_enabled", account_enabled),
    }
}

/// One line of the log, as administrators read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub id: i64,
    /// Who did it; "Former member" once their account is deleted.
    pub actor: String,
    pub action: Action,
    pub subject: String,
    pub detail: String,
    pub at: i64,
}

/// An account as the administrators' page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountStatus {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub joined: i64,
    pub disabled: Option<(i64, String)>,
}

/// The administrators' page: the log, newest first, and disabled accounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Oversight {
    pub entries: Vec<Entry>,
    /// The id to ask for older entries with, when there are more.
    pub older: Option<i64>,
    pub disabled: Vec<AccountStatus>,
}
