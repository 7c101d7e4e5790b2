//! What the audit log records.

use crate::choices::choices;
use serde::{Deserialize, Serialize};

choices! {
    /// One kind of recorded action.
    Action {
        ProgramCreated = ("program_created", "created a program"),
        CoordinatorsNamed = ("coordinators_named", "named coordinators"),
        MembersImported = ("members_imported", "imported members"),
        PairsAssigned = ("pairs_assigned", "assigned mentors"),
        LiaisonAssigned = ("liaison_assigned", "assigned a liaison"),
        LetterDecided = ("letter_decided", "decided on a letter"),
        ReportRead = ("report_read", "read a program report"),
        ConductReportsRead = ("conduct_reports_read", "read conduct reports"),
        ThreadActivityRead = ("thread_activity_read", "read thread activity"),
        AccountDisabled = ("account_disabled", "disabled an account"),
        AccountEnabled = ("account_enabled", "enabled an account"),
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
