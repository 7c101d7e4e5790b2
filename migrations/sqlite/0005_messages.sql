-- Messages: one private thread per mentorship. Only the pair read the body;
-- everything else here (ids, times, read markers) is what others may count.
CREATE TABLE messages (
    -- AUTOINCREMENT: ids are never reused, which the streams' cursors rely on.
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    mentorship_id INTEGER NOT NULL REFERENCES mentorships (id) ON DELETE CASCADE,
    sender_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- The sender's Markdown; rendered and sanitised when shown.
    body          TEXT    NOT NULL,
    -- Chosen by the sender's browser (or form) so a retried send is stored once.
    client_key    TEXT    NOT NULL,
    sent_at       BIGINT  NOT NULL
);
CREATE UNIQUE INDEX messages_once ON messages (sender_id, client_key);
CREATE INDEX messages_thread ON messages (mentorship_id, id);
-- The unread-message email looks at the last few days only.
CREATE INDEX messages_sent ON messages (sent_at);

-- How far each member has read a thread, and how far they were emailed about.
CREATE TABLE thread_reads (
    mentorship_id INTEGER NOT NULL REFERENCES mentorships (id) ON DELETE CASCADE,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    last_read_id  BIGINT  NOT NULL DEFAULT 0,
    read_at       BIGINT,
    emailed_to_id BIGINT  NOT NULL DEFAULT 0,
    PRIMARY KEY (mentorship_id, user_id)
);

-- How long a mentor took to answer: the wait from the mentee's first unanswered
-- message to the mentor's reply. The profile shows the median of recent ones.
CREATE TABLE mentor_replies (
    mentor_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    message_id    INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    waited_ms     BIGINT  NOT NULL,
    PRIMARY KEY (mentor_id, message_id)
);

ALTER TABLE mentorships ADD COLUMN last_message_at BIGINT;
