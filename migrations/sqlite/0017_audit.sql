-- What administrators and coordinators did with their powers, for
-- administrators to look back on. Never message content.
CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    -- NULL once the account is gone.
    actor_id BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    action   TEXT    NOT NULL,
    -- What it was done to, as people name it: a program, a member, a cycle.
    subject  TEXT    NOT NULL DEFAULT '',
    detail   TEXT    NOT NULL DEFAULT '',
    at       BIGINT  NOT NULL
);
CREATE INDEX audit_log_actor ON audit_log (actor_id, id);

-- An administrator can disable an account: it cannot sign in and is not listed.
ALTER TABLE users ADD COLUMN disabled_at BIGINT;
ALTER TABLE users ADD COLUMN disabled_reason TEXT NOT NULL DEFAULT '';
