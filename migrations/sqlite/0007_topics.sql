-- Monthly discussion topics a program's coordinators schedule for a cycle. On
-- its day a topic is posted as a card into the thread of every active pair in
-- the cycle, and emailed to both members.
CREATE TABLE topics (
    id         INTEGER PRIMARY KEY,
    cycle_id   INTEGER NOT NULL REFERENCES cycles (id) ON DELETE CASCADE,
    title      TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    -- Midnight UTC of the day it goes out.
    send_on    BIGINT  NOT NULL,
    sent_at    BIGINT,
    created_by INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT  NOT NULL
);
CREATE INDEX topics_due ON topics (sent_at, send_on);
CREATE INDEX topics_cycle ON topics (cycle_id, send_on);

-- A message that is a topic card: its sender is the coordinator who scheduled it.
ALTER TABLE messages ADD COLUMN topic_id BIGINT REFERENCES topics (id) ON DELETE SET NULL;
