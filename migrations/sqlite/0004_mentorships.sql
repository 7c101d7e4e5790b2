-- Mentorships: a mentee and a mentor for one focus area, from request to end,
-- with the pair's agreement and a history of every change of state. The partial
-- unique indexes are the last line of defence for the rules the transactions
-- check: one active mentor per focus, one open request per mentor and focus.
CREATE TABLE mentorships (
    id              INTEGER PRIMARY KEY,
    mentor_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    mentee_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    focus           TEXT    NOT NULL REFERENCES focus_areas (slug),
    -- A program cycle (programs come later); NULL outside programs.
    cycle_id        BIGINT,
    state           TEXT    NOT NULL CHECK (state IN
                        ('requested', 'accepted', 'declined', 'withdrawn', 'expired', 'completed', 'ended')),
    -- What the mentee hopes for, in their own words.
    message         TEXT    NOT NULL,
    -- The coordinator who proposed this pair, when the mentee asked to be assigned.
    assigned_by     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    requested_at    BIGINT  NOT NULL,
    expires_at      BIGINT  NOT NULL,
    reminded_at     BIGINT,
    accepted_at     BIGINT,
    closed_at       BIGINT,
    -- Who asked to close as completed; the other member confirms.
    close_asked_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    channel         TEXT    NOT NULL DEFAULT 'carrel',
    frequency       TEXT    NOT NULL DEFAULT 'monthly',
    reply_within    TEXT    NOT NULL DEFAULT 'few_days',
    hours_per_month INTEGER NOT NULL DEFAULT 2,
    notes           TEXT    NOT NULL DEFAULT '',
    agreement_at    BIGINT,
    CHECK (mentor_id <> mentee_id)
);
CREATE UNIQUE INDEX mentorships_one_mentor_per_focus ON mentorships (mentee_id, focus) WHERE state = 'accepted';
CREATE UNIQUE INDEX mentorships_one_open_request ON mentorships (mentor_id, mentee_id, focus) WHERE state = 'requested';
CREATE INDEX mentorships_mentor ON mentorships (mentor_id, state);
CREATE INDEX mentorships_mentee ON mentorships (mentee_id, state);
CREATE INDEX mentorships_due ON mentorships (state, expires_at);

CREATE TABLE mentorship_events (
    id            INTEGER PRIMARY KEY,
    mentorship_id INTEGER NOT NULL REFERENCES mentorships (id) ON DELETE CASCADE,
    -- NULL: Carrel itself (expiry, automatic withdrawal).
    actor_id      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    from_state    TEXT,
    to_state      TEXT    NOT NULL,
    reason        TEXT    NOT NULL DEFAULT '',
    note          TEXT    NOT NULL DEFAULT '',
    -- 1: the note is for the program's coordinators, not the other member.
    note_private  INTEGER NOT NULL DEFAULT 0,
    at            BIGINT  NOT NULL
);
CREATE INDEX mentorship_events_mentorship ON mentorship_events (mentorship_id, id);

-- Mentees who asked a coordinator to find them a mentor.
CREATE TABLE assignment_requests (
    id            INTEGER PRIMARY KEY,
    mentee_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    focus         TEXT    NOT NULL REFERENCES focus_areas (slug),
    cycle_id      BIGINT,
    note          TEXT    NOT NULL DEFAULT '',
    state         TEXT    NOT NULL CHECK (state IN ('open', 'assigned', 'cancelled')),
    mentorship_id INTEGER REFERENCES mentorships (id) ON DELETE SET NULL,
    decided_by    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at    BIGINT  NOT NULL,
    decided_at    BIGINT
);
CREATE UNIQUE INDEX assignment_requests_one_open ON assignment_requests (mentee_id, focus) WHERE state = 'open';

-- In-app notifications (the bell) and the emails that go with them. Emails are
-- queued in the same transaction as the change they announce and sent by a
-- background worker, so a change is never announced without happening.
CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    text       TEXT    NOT NULL,
    link       TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    read_at    BIGINT
);
CREATE INDEX notifications_user ON notifications (user_id, id);

CREATE TABLE emails (
    id         INTEGER PRIMARY KEY,
    to_address TEXT    NOT NULL,
    to_name    TEXT    NOT NULL,
    subject    TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    -- A path in Carrel; the sender puts the public address in front.
    link       TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    claimed_at BIGINT,
    sent_at    BIGINT,
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
CREATE INDEX emails_pending ON emails (sent_at, id);

-- Safety: a block stops requests and messages both ways; reports go to admins.
CREATE TABLE blocks (
    blocker_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    blocked_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
);
CREATE INDEX blocks_blocked ON blocks (blocked_id, blocker_id);

CREATE TABLE conduct_reports (
    id          INTEGER PRIMARY KEY,
    reporter_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reported_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    note        TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL
);
