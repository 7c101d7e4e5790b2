-- Liaisons and monthly check-ins: a coordinator is the liaison of a program
-- pair; once a month the mentor is asked how it goes, in one click, with an
-- optional note for the liaison. Nothing here holds a message's words.
ALTER TABLE mentorships ADD COLUMN liaison_id BIGINT REFERENCES users (id) ON DELETE SET NULL;

CREATE TABLE checkins (
    mentorship_id BIGINT  NOT NULL REFERENCES mentorships (id) ON DELETE CASCADE,
    -- 'YYYY-MM' (UTC): one check-in per pair and month, the latest answer kept.
    month         TEXT    NOT NULL,
    state         TEXT    NOT NULL CHECK (state IN ('met', 'in_touch', 'need_help', 'not_heard')),
    note          TEXT    NOT NULL DEFAULT '',
    at            BIGINT  NOT NULL,
    PRIMARY KEY (mentorship_id, month)
);

-- When the monthly question was put to the mentor, so it is put once.
CREATE TABLE checkin_asks (
    mentorship_id BIGINT  NOT NULL REFERENCES mentorships (id) ON DELETE CASCADE,
    month         TEXT    NOT NULL,
    asked_at      BIGINT  NOT NULL,
    PRIMARY KEY (mentorship_id, month)
);
