-- Web Push: the devices a member asked to be notified on, what they turned
-- off there, and the notifications waiting to go out.

-- One row per browser subscription (RFC 8030 endpoint and RFC 8291 keys). An
-- endpoint belongs to one member: subscribing it again moves it to whoever did.
CREATE TABLE push_subscriptions (
    id           INTEGER PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    endpoint     TEXT   NOT NULL UNIQUE,
    p256dh       TEXT   NOT NULL,
    auth         TEXT   NOT NULL,
    -- "Chrome on Android", named when it subscribed.
    device       TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT
);
CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id);

-- Topics (notifications::model::Topic) a member turned off for push.
CREATE TABLE push_opt_outs (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    topic   TEXT   NOT NULL,
    PRIMARY KEY (user_id, topic)
);

-- One notification for one device, waiting: the payload is written in the
-- member's language when it is queued, and the row goes once the push service
-- has it (or gave up after `attempts`).
CREATE TABLE pushes (
    id              INTEGER PRIMARY KEY,
    subscription_id BIGINT NOT NULL REFERENCES push_subscriptions (id) ON DELETE CASCADE,
    payload         TEXT   NOT NULL,
    created_at      BIGINT NOT NULL,
    claimed_at      BIGINT,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT
);
CREATE INDEX pushes_subscription ON pushes (subscription_id);

-- The server's VAPID key (RFC 8292) when none is configured: made once, kept,
-- because every subscription is bound to it.
CREATE TABLE vapid_keys (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    private_key TEXT   NOT NULL,
    created_at  BIGINT NOT NULL
);

-- The newest message a member was pushed about, per thread, like emailed_to_id.
ALTER TABLE thread_reads ADD COLUMN pushed_to_id BIGINT NOT NULL DEFAULT 0;
