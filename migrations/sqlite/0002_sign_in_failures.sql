-- Failed sign-ins per email, to slow down password guessing across all instances.
CREATE TABLE sign_in_failures (
    email     TEXT   NOT NULL,
    failed_at BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_email_at ON sign_in_failures (email, failed_at);
