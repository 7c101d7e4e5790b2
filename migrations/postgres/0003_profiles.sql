-- Profiles, the focus areas mentors offer, the shortlist, and the directory's
-- full-text index. Multi-valued fields (languages, tags, focus areas, meeting
-- modes) live in profile_tags, one row per value.
CREATE TABLE profiles (
    user_id            BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    pronouns           TEXT    NOT NULL DEFAULT '',
    position           TEXT    NOT NULL DEFAULT '',
    institution        TEXT    NOT NULL DEFAULT '',
    -- 0: only the member sees their institution; others see library type and region.
    institution_public BIGINT  NOT NULL DEFAULT 1,
    library_type       TEXT    NOT NULL,
    work_function      TEXT    NOT NULL,
    career_stage       TEXT    NOT NULL,
    years_professional BIGINT  NOT NULL DEFAULT 0,
    country            TEXT    NOT NULL,
    region             TEXT    NOT NULL DEFAULT '',
    time_zone          TEXT    NOT NULL,
    -- Standard (January) offset of time_zone, for time-zone bands and fit.
    utc_offset_minutes BIGINT  NOT NULL,
    bio                TEXT    NOT NULL DEFAULT '',
    non_work_interests TEXT    NOT NULL DEFAULT '',
    open_to_mentoring  BIGINT  NOT NULL DEFAULT 0,
    capacity           BIGINT  NOT NULL DEFAULT 0,
    reply_time         TEXT    NOT NULL DEFAULT 'few_days',
    goals              TEXT    NOT NULL DEFAULT '',
    updated_at         BIGINT  NOT NULL,
    -- directory_version.version at the last change: instances reload what changed.
    version            BIGINT  NOT NULL
);
CREATE INDEX profiles_version ON profiles (version, user_id);

CREATE TABLE profile_tags (
    user_id  BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind     TEXT    NOT NULL,
    value    TEXT    NOT NULL,
    position BIGINT  NOT NULL,
    PRIMARY KEY (user_id, kind, value)
);
CREATE INDEX profile_tags_kind_value ON profile_tags (kind, value);

-- One row; bumped in every transaction that changes what the directory shows.
-- Writers serialise on it, so a reader that sees version N sees every change up to N.
CREATE TABLE directory_version (
    id      BIGINT  PRIMARY KEY CHECK (id = 1),
    version BIGINT  NOT NULL
);
INSERT INTO directory_version (id, version) VALUES (1, 0);

CREATE TABLE focus_areas (
    slug       TEXT    PRIMARY KEY,
    label      TEXT    NOT NULL UNIQUE,
    position   BIGINT  NOT NULL,
    created_at BIGINT  NOT NULL
);
INSERT INTO focus_areas (slug, label, position, created_at) VALUES
    ('scholarship', 'Scholarship and publishing', 1, 0),
    ('leadership', 'Leadership', 2, 0),
    ('career', 'Career development', 3, 0),
    ('research', 'Research', 4, 0),
    ('teaching', 'Instruction and teaching', 5, 0),
    ('technology', 'Technology', 6, 0),
    ('conferences', 'Conference navigation', 7, 0),
    ('job_search', 'Job search and interviewing', 8, 0),
    ('workplace', 'Workplace challenges', 9, 0),
    ('dei', 'Diversity, equity and inclusion', 10, 0);

CREATE TABLE shortlist (
    user_id    BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    mentor_id  BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (user_id, mentor_id)
);

-- Listed mentors' public text, already folded and stemmed by the app
-- (directory::text) and indexed with the 'simple' configuration, so that
-- SQLite and PostgreSQL match the same words. body holds all three parts.
CREATE TABLE mentor_search (
    user_id BIGINT   PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    name    TSVECTOR NOT NULL,
    high    TSVECTOR NOT NULL,
    body    TSVECTOR NOT NULL
);
CREATE INDEX mentor_search_name ON mentor_search USING GIN (name);
CREATE INDEX mentor_search_high ON mentor_search USING GIN (high);
CREATE INDEX mentor_search_body ON mentor_search USING GIN (body);

CREATE INDEX users_last_seen_at ON users (last_seen_at);
