-- Programs that associations run, their coordinators, their cycles (cohorts)
-- and who enrolled in each. Mentorships may belong to a cycle.
CREATE TABLE programs (
    id               INTEGER PRIMARY KEY,
    slug             TEXT    NOT NULL UNIQUE,
    name             TEXT    NOT NULL UNIQUE,
    description      TEXT    NOT NULL,
    kind             TEXT    NOT NULL CHECK (kind IN ('cycle', 'conference', 'network', 'institutional')),
    matching         TEXT    NOT NULL CHECK (matching IN ('choose', 'assign', 'both')),
    contact          TEXT    NOT NULL,
    -- Eligibility. 0: no minimum; '': any career stage, no affiliation needed.
    mentor_min_years INTEGER NOT NULL DEFAULT 0,
    -- Career-stage slugs, comma separated.
    mentee_stages    TEXT    NOT NULL DEFAULT '',
    -- Affiliation tags every member must list, comma separated.
    required_tags    TEXT    NOT NULL DEFAULT '',
    created_at       BIGINT  NOT NULL
);

CREATE TABLE program_coordinators (
    program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (program_id, user_id)
);
CREATE INDEX program_coordinators_user ON program_coordinators (user_id);

-- Dates are Unix milliseconds at midnight UTC of the day; a cycle runs to the
-- end of its last day, and enrolment is open through its closing day.
CREATE TABLE cycles (
    id           INTEGER PRIMARY KEY,
    program_id   INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    starts_on    BIGINT  NOT NULL,
    ends_on      BIGINT  NOT NULL,
    enrol_opens  BIGINT  NOT NULL,
    enrol_closes BIGINT  NOT NULL,
    -- Mentee places.
    capacity     INTEGER NOT NULL,
    -- Set by the job that completes the cycle's mentorships at its end.
    completed_at BIGINT,
    created_at   BIGINT  NOT NULL,
    UNIQUE (program_id, name),
    CHECK (starts_on <= ends_on AND enrol_opens <= enrol_closes)
);
CREATE INDEX cycles_due ON cycles (completed_at, ends_on);

CREATE TABLE enrolments (
    cycle_id    INTEGER NOT NULL REFERENCES cycles (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role        TEXT    NOT NULL CHECK (role IN ('mentor', 'mentee')),
    -- A mentor's note for this cycle (what they offer this year); renewal copies it.
    note        TEXT    NOT NULL DEFAULT '',
    enrolled_at BIGINT  NOT NULL,
    PRIMARY KEY (cycle_id, user_id, role)
);
CREATE INDEX enrolments_user ON enrolments (user_id);

-- The pair chose to keep going after their cycle ends.
ALTER TABLE mentorships ADD COLUMN extended_at BIGINT;
CREATE INDEX mentorships_cycle ON mentorships (cycle_id, state);
