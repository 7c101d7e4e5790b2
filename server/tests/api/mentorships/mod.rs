//! Mentorships on both databases, one file per sub-feature: requests, answers,
//! the agreement, closing, refusals for every wrong actor and state, capacity
//! and one-mentor-per-focus under concurrency, expiry with a controllable clock,
//! assignment, blocks, reports and the notifications and emails that go with them.

mod assignment;
mod closing;
mod pages;
mod requests;
mod safety;

/// The body of a refusal, to look for its words.
async fn error_text(res: reqwest::Response) -> String {
    res.text().await.unwrap()
}
