-- The mentee's goals in a mentorship, with progress notes (the mentee's) and
-- comments (the mentor's). Only the pair read them.
CREATE TABLE goals (
    id            INTEGER PRIMARY KEY,
    mentorship_id INTEGER NOT NULL REFERENCES mentorships (id) ON DELETE CASCADE,
    title         TEXT    NOT NULL,
    why           TEXT    NOT NULL DEFAULT '',
    -- Midnight UTC of the target day, if there is one.
    target_on     BIGINT,
    status        TEXT    NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done', 'set_aside')),
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL
);
CREATE INDEX goals_mentorship ON goals (mentorship_id, id);

CREATE TABLE goal_notes (
    id        INTEGER PRIMARY KEY,
    goal_id   INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    author_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body      TEXT    NOT NULL,
    at        BIGINT  NOT NULL
);
CREATE INDEX goal_notes_goal ON goal_notes (goal_id, id);
