-- Accounts and their sessions. Times are Unix milliseconds (BIGINT) so that the same
-- queries run on SQLite and PostgreSQL.
CREATE TABLE users (
    id                  INTEGER PRIMARY KEY,
    email               TEXT    NOT NULL UNIQUE,
    display_name        TEXT    NOT NULL,
    password_hash       TEXT    NOT NULL,
    -- Site-wide role; coordinators are named per program (programs come later).
    site_role           TEXT    NOT NULL DEFAULT 'member' CHECK (site_role IN ('member', 'admin')),
    conduct_accepted_at BIGINT  NOT NULL,
    created_at          BIGINT  NOT NULL,
    last_seen_at        BIGINT
);

CREATE TABLE sessions (
    id         TEXT   PRIMARY KEY,
    record     TEXT   NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);
