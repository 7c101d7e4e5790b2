-- Meetings a pair schedule: one member proposes, the other accepts or
-- proposes another time (the new proposal replaces the old). Times are UTC
-- milliseconds; the zone the proposer gave the time in is kept to show it back.
CREATE TABLE meetings (
    id             INTEGER PRIMARY KEY,
    mentorship_id  INTEGER NOT NULL REFERENCES mentorships (id) ON DELETE CASCADE,
    proposed_by    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    starts_at      BIGINT  NOT NULL,
    time_zone      TEXT    NOT NULL,
    minutes        INTEGER NOT NULL,
    mode           TEXT    NOT NULL CHECK (mode IN ('video', 'phone', 'in_person')),
    -- A video link, a phone arrangement, or a place.
    place          TEXT    NOT NULL DEFAULT '',
    agenda         TEXT    NOT NULL DEFAULT '',
    state          TEXT    NOT NULL CHECK (state IN ('proposed', 'accepted', 'cancelled', 'replaced')),
    replaces_id    INTEGER REFERENCES meetings (id) ON DELETE SET NULL,
    -- How long before the start each member is reminded.
    remind_minutes INTEGER NOT NULL DEFAULT 1440,
    reminded_at    BIGINT,
    cancelled_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    cancelled_at   BIGINT,
    created_at     BIGINT  NOT NULL
);
CREATE INDEX meetings_mentorship ON meetings (mentorship_id, starts_at);
CREATE INDEX meetings_due ON meetings (state, reminded_at, starts_at);

-- A member's private calendar feed: whoever holds the token reads their meetings.
CREATE TABLE calendar_feeds (
    user_id    INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token      TEXT    NOT NULL UNIQUE,
    created_at BIGINT  NOT NULL
);
