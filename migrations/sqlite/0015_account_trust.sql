-- Accounts a member can trust: a proven email address, links that recover an
-- account, and sessions a member can see and end.
ALTER TABLE users ADD COLUMN email_verified_at BIGINT;
-- Members who joined before addresses were checked keep their standing: they
-- have been using their address with Carrel since.
UPDATE users SET email_verified_at = created_at;

-- Single-use links sent by email: only a hash of the token is kept, so a copy
-- of the database opens no account. `email` is the address the link proves
-- (a new address, when a member changes theirs).
CREATE TABLE account_tokens (
    id         INTEGER PRIMARY KEY,
    user_id    BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    TEXT    NOT NULL CHECK (purpose IN ('verify', 'reset')),
    token_hash TEXT    NOT NULL UNIQUE,
    email      TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    expires_at BIGINT  NOT NULL,
    used_at    BIGINT
);
CREATE INDEX account_tokens_user ON account_tokens (user_id, purpose, created_at);

-- What a member sees of their sessions: whose it is, the device (from the user
-- agent), the place (an address prefix only) and when it was last used.
ALTER TABLE sessions ADD COLUMN user_id BIGINT;
ALTER TABLE sessions ADD COLUMN device TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN place TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN last_active_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX sessions_user ON sessions (user_id);

-- Emails that carry a token: their link is erased once sent.
ALTER TABLE emails ADD COLUMN secret INTEGER NOT NULL DEFAULT 0;
