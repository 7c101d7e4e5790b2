//! Integration tests: the real router over HTTP, on SQLite and on PostgreSQL.

mod helpers;

mod accounts;
mod audit;
mod database;
mod directory;
mod durability;
mod goals;
mod language;
mod meetings;
mod mentorships;
mod messages;
mod pages;
mod privacy;
mod process;
mod programs;
mod push;
mod security;
mod spanish_search;
mod sso;
