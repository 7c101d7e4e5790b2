-- Letters recognising a mentor's service in a program cycle. The mentor asks,
-- a coordinator approves, and the letter's text is frozen then: what the
-- public verification page shows is exactly what the PDF says.
CREATE TABLE letters (
    id           INTEGER PRIMARY KEY,
    -- Unguessable; the verification URL carries it.
    code         TEXT    NOT NULL UNIQUE,
    mentor_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    cycle_id     INTEGER NOT NULL REFERENCES cycles (id) ON DELETE CASCADE,
    state        TEXT    NOT NULL CHECK (state IN ('requested', 'approved', 'declined')),
    requested_at BIGINT  NOT NULL,
    decided_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    decided_at   BIGINT,
    -- Frozen at approval.
    mentor_name  TEXT    NOT NULL DEFAULT '',
    body         TEXT    NOT NULL DEFAULT '',
    UNIQUE (mentor_id, cycle_id)
);
