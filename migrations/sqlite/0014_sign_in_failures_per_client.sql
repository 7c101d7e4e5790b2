-- Sign-in backoff is per (email, client address): guessing from one address slows
-- that address down without locking the account's owner out everywhere.
ALTER TABLE sign_in_failures ADD COLUMN client TEXT NOT NULL DEFAULT '';
DROP INDEX sign_in_failures_email_at;
CREATE INDEX sign_in_failures_email_client_at ON sign_in_failures (email, client, failed_at);
