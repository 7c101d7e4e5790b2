-- End-of-cycle feedback. Coordinators set a program's questions; when a
-- cycle completes a mentorship, both members are asked. A response is stored
-- apart from who gave it (feedback_requests only records that they answered),
-- so coordinators read answers in aggregate and nobody can trace one back.
CREATE TABLE feedback_questions (
    id         INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    kind       TEXT    NOT NULL CHECK (kind IN ('rating', 'text')),
    prompt     TEXT    NOT NULL
);
CREATE INDEX feedback_questions_program ON feedback_questions (program_id, position);

CREATE TABLE feedback_requests (
    mentorship_id INTEGER NOT NULL REFERENCES mentorships (id) ON DELETE CASCADE,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    cycle_id      INTEGER NOT NULL REFERENCES cycles (id) ON DELETE CASCADE,
    role          TEXT    NOT NULL CHECK (role IN ('mentor', 'mentee')),
    asked_at      BIGINT  NOT NULL,
    answered_at   BIGINT,
    PRIMARY KEY (mentorship_id, user_id)
);
CREATE INDEX feedback_requests_user ON feedback_requests (user_id, answered_at);

CREATE TABLE feedback_responses (
    id       INTEGER PRIMARY KEY,
    cycle_id INTEGER NOT NULL REFERENCES cycles (id) ON DELETE CASCADE,
    role     TEXT    NOT NULL CHECK (role IN ('mentor', 'mentee'))
);
CREATE INDEX feedback_responses_cycle ON feedback_responses (cycle_id);

CREATE TABLE feedback_answers (
    response_id INTEGER NOT NULL REFERENCES feedback_responses (id) ON DELETE CASCADE,
    question_id INTEGER NOT NULL REFERENCES feedback_questions (id) ON DELETE CASCADE,
    rating      INTEGER,
    text        TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (response_id, question_id)
);
