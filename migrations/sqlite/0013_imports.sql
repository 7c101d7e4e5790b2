-- Importing a cycle's members from a CSV. Members who have an account are
-- enrolled at once; others are invited by email and enrolled when they join
-- with that address. Tags are the coordinators' labels for a member in the
-- cycle (e.g. a division), not part of anyone's profile.
ALTER TABLE enrolments ADD COLUMN tags TEXT NOT NULL DEFAULT '';

CREATE TABLE invitations (
    id          INTEGER PRIMARY KEY,
    email       TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    cycle_id    INTEGER NOT NULL REFERENCES cycles (id) ON DELETE CASCADE,
    role        TEXT    NOT NULL CHECK (role IN ('mentor', 'mentee')),
    tags        TEXT    NOT NULL DEFAULT '',
    invited_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  BIGINT  NOT NULL,
    accepted_at BIGINT,
    UNIQUE (email, cycle_id, role)
);
CREATE INDEX invitations_email ON invitations (email, accepted_at);

-- A file as a coordinator sent it for checking: the preview page re-reads it,
-- and importing applies exactly what was previewed.
CREATE TABLE import_drafts (
    id         INTEGER PRIMARY KEY,
    cycle_id   INTEGER NOT NULL REFERENCES cycles (id) ON DELETE CASCADE,
    created_by INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csv        TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    applied_at BIGINT
);
